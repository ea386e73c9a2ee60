//! The curator's to-do list: actors the articles name that carry no Wikidata link, how often
//! they occur, and the gazetteer actors they may be (by edit distance and shared name tokens);
//! and accepting links, into `data/links.tsv` and the store.
//!
//! Owns: candidate scoring. Must not: change extraction; a link only adds `owl:sameAs`.

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphName, GraphNameRef, NamedNode, NamedOrBlankNode, Quad, Term};

use crate::store::{Store, StoreError};
use crate::vocab::{id, owl, rdf, rdfs, skos, warta};
use warta_text::lexicon::{CuratedLink, Gazetteer};
use warta_text::model::{ActorKey, ActorKind};

/// A gazetteer actor an unlinked actor may be.
#[derive(Debug, Clone, PartialEq)]
pub struct Candidate {
    pub key: ActorKey,
    pub label: String,
    pub wikidata: String,
    /// 0 to 1: the best similarity between any name of the one and any name of the other.
    pub score: f64,
}

/// An actor of the store without a Wikidata link.
#[derive(Debug, Clone, PartialEq)]
pub struct UnlinkedActor {
    pub key: ActorKey,
    pub label: String,
    pub kind: Option<ActorKind>,
    /// The articles that state something of it or to it.
    pub articles: usize,
    /// Best first.
    pub candidates: Vec<Candidate>,
}

impl UnlinkedActor {
    /// The best candidate when it scores at least `min_score` and clearly beats the next one:
    /// two equally good candidates are a question for a curator, not an answer.
    pub fn clear_link(&self, min_score: f64) -> Option<CuratedLink> {
        let best = self.candidates.first()?;
        let runner_up = self.candidates.get(1).map_or(0.0, |c| c.score);
        (best.score >= min_score && best.score - runner_up >= CLEAR_MARGIN)
            .then(|| self.best_link())
            .flatten()
    }

    /// The link to the best candidate, as a curator would accept it.
    pub fn best_link(&self) -> Option<CuratedLink> {
        self.candidates.first().map(|candidate| CuratedLink {
            key: self.key.clone(),
            wikidata: candidate.wikidata.clone(),
            label: self.label.clone(),
            matched: Some(candidate.key.clone()),
            score: Some(candidate.score),
        })
    }
}

/// How much better than the next candidate a candidate must be to be accepted unseen.
const CLEAR_MARGIN: f64 = 0.05;

/// At most this many candidates are listed per actor.
const MAX_CANDIDATES: usize = 3;

/// The actors of `store` that no `owl:sameAs` links, most frequent first, each with the linked
/// gazetteer actors of the same kind whose names score at least `min_score`.
pub fn unlinked_actors(store: &Store, gazetteer: &Gazetteer, min_score: f64) -> Result<Vec<UnlinkedActor>, StoreError> {
    let linked: Vec<(&warta_text::lexicon::ActorInfo, Vec<String>)> = gazetteer
        .actors()
        .filter(|info| info.wikidata.is_some())
        .map(|info| (info, info.names().map(warta_text::text::fold).collect()))
        .collect();
    let ox = store.oxigraph();
    let mut unlinked = Vec::new();
    for quad in ox.quads_for_pattern(None, Some(rdf::TYPE), Some(warta::ACTOR.into()), Some(GraphNameRef::DefaultGraph)) {
        let NamedOrBlankNode::NamedNode(node) = quad?.subject else {
            continue;
        };
        let Some(key) = id::actor_key(node.as_str()) else { continue };
        if ox
            .quads_for_pattern(Some(node.as_ref().into()), Some(owl::SAME_AS), None, None)
            .next()
            .is_some()
        {
            continue;
        }
        let described = crate::export::describe(store, &node)?;
        let names = names_of(store, &node)?;
        let mut candidates: Vec<Candidate> = linked
            .iter()
            .filter(|(info, _)| described.kind.is_none_or(|kind| kind == info.kind))
            .filter_map(|(info, their_names)| {
                let score = names
                    .iter()
                    .flat_map(|a| their_names.iter().map(move |b| similarity(a, b)))
                    .fold(0.0, f64::max);
                (score >= min_score).then(|| Candidate {
                    key: info.key.clone(),
                    label: info.label_id.clone(),
                    wikidata: info.wikidata.clone().unwrap_or_default(),
                    score,
                })
            })
            .collect();
        candidates.sort_by(|a, b| b.score.total_cmp(&a.score).then_with(|| a.key.cmp(&b.key)));
        candidates.truncate(MAX_CANDIDATES);
        unlinked.push(UnlinkedActor {
            articles: articles_of(store, &node)?,
            key,
            label: described.label,
            kind: described.kind,
            candidates,
        });
    }
    unlinked.sort_by(|a, b| b.articles.cmp(&a.articles).then_with(|| a.key.cmp(&b.key)));
    Ok(unlinked)
}

/// Every name of an actor in the default graph, folded.
fn names_of(store: &Store, node: &NamedNode) -> Result<BTreeSet<String>, StoreError> {
    let mut names = BTreeSet::new();
    for property in [rdfs::LABEL, skos::ALT_LABEL] {
        for quad in store
            .oxigraph()
            .quads_for_pattern(Some(node.as_ref().into()), Some(property), None, Some(GraphNameRef::DefaultGraph))
        {
            if let Term::Literal(literal) = quad?.object {
                names.insert(warta_text::text::fold(literal.value()));
            }
        }
    }
    Ok(names)
}

/// How many article graphs have a statement about `node`.
fn articles_of(store: &Store, node: &NamedNode) -> Result<usize, StoreError> {
    let mut graphs = BTreeSet::new();
    for role in [rdf::SUBJECT, rdf::OBJECT] {
        for quad in store
            .oxigraph()
            .quads_for_pattern(None, Some(role), Some(node.as_ref().into()), None)
        {
            // The summary graph names the actor too, but is no article.
            if let GraphName::NamedNode(graph) = quad?.graph_name
                && graph.as_str() != id::SUMMARY_GRAPH
            {
                graphs.insert(graph);
            }
        }
    }
    Ok(graphs.len())
}

/// The score of a name that is the other with words left out (`fidan`, `hakan fidan`): worth a
/// curator's look, never enough to accept unseen.
const SHORTER_FORM: f64 = 0.8;

/// Similarity of two folded names, 0 to 1, judged on the words they do not share: the words
/// both have say nothing about a difference (`kementerian luar negeri` in every ministry), so
/// `kementerian luar negeri mesir` and `... rusia` are as far apart as `mesir` and `rusia`.
/// The rest is compared by Jaro-Winkler, which forgives the transliteration variants of names
/// (`aliev`/`aliyev`, `zelenskiy`/`zelensky`).
fn similarity(a: &str, b: &str) -> f64 {
    let (words_a, words_b): (Vec<&str>, Vec<&str>) = (a.split_whitespace().collect(), b.split_whitespace().collect());
    let rest_a: Vec<&str> = words_a.iter().copied().filter(|w| !words_b.contains(w)).collect();
    let rest_b: Vec<&str> = words_b.iter().copied().filter(|w| !words_a.contains(w)).collect();
    match (rest_a.is_empty(), rest_b.is_empty()) {
        (true, true) => 1.0,
        (true, false) | (false, true) => SHORTER_FORM,
        (false, false) => strsim::jaro_winkler(&rest_a.join(" "), &rest_b.join(" ")),
    }
}

/// Writes `owl:sameAs` for accepted links into the store's default graph, so that queries see
/// them at once (a rebuild with the links file writes the same).
pub fn apply_links(store: &Store, links: &[CuratedLink]) -> Result<(), StoreError> {
    let quads: Vec<Quad> = links
        .iter()
        .map(|link| {
            Quad::new(
                id::actor(&link.key),
                owl::SAME_AS,
                id::wikidata(&link.wikidata),
                GraphName::DefaultGraph,
            )
        })
        .collect();
    store.insert_all(&quads)
}

/// `existing` with `accepted` added (an accepted link replaces an existing one of the same key).
pub fn merge_links(existing: Vec<CuratedLink>, accepted: &[CuratedLink]) -> Vec<CuratedLink> {
    let mut merged: BTreeMap<ActorKey, CuratedLink> = existing.into_iter().map(|link| (link.key.clone(), link)).collect();
    for link in accepted {
        merged.insert(link.key.clone(), link.clone());
    }
    merged.into_values().collect()
}

#[cfg(test)]
mod tests {
    use super::similarity;

    #[test]
    fn spelling_variants_score_high_shorter_forms_lower_and_strangers_low() {
        assert!(similarity("zelenskiy", "zelensky") > 0.9);
        assert!(similarity("ilham aliev", "ilham aliyev") > 0.9);
        assert!((similarity("hakan fidan", "fidan") - super::SHORTER_FORM).abs() < 1e-9);
        assert!(similarity("hakan fidan", "sergei lavrov") < 0.75);
        // Below the 0.75 that `warta link` lists by default.
        assert!(similarity("kementerian luar negeri mesir", "kementerian luar negeri rusia") < 0.75);
        assert!((similarity("rusia", "rusia") - 1.0).abs() < 1e-9);
    }
}
