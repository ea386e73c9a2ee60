//! Keeping the summary graph (`crate::summary`) equal to a recount, inside each write's own
//! transaction: what the written graphs contributed before the write is taken away, what they
//! contribute after it is added, so that replacing one article costs that article's triples,
//! not the store's. A write whose reach cannot be told (a whole default graph replaced, an update
//! with a variable graph) recounts instead, in the same transaction.
//!
//! The summary is kept only while it says so (`<summary graph> a warta:Summary`): a store built
//! by an older warta has none, and adding to nothing would make a wrong one. A store with no
//! article at all starts keeping it at its first write.
//!
//! Owns: the arithmetic of those changes. Must not: decide what is counted (`crate::summary`
//! does).

use std::collections::{BTreeMap, BTreeSet};

use oxigraph::model::{GraphName, GraphNameRef, Literal, NamedNode, NamedNodeRef, NamedOrBlankNodeRef, Quad, QuadRef, Term};
use oxigraph::sparql::SparqlEvaluator;
use oxigraph::store::{StorageError, Transaction};

use crate::store::StoreError;
use crate::summary::{
    Contribution, PairCounts, Tally, actor_counts_of, counted_date, pair_description, signed_count, triple_node, triple_summary_quads,
};
use crate::vocab::{dcterms, id, rdf, warta};
use warta_text::model::{Family, Relation};

/// Which graphs a write may change the contribution of.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Reach {
    /// These graphs (an article's graph, or an article whose description changes).
    Graphs(BTreeSet<NamedNode>),
    /// Anything: the summary is recounted.
    Everything,
}

impl Reach {
    /// The graphs `quads` (about to be added or removed) may change: their named graphs, and the
    /// articles whose type or date they state in the default graph.
    pub fn of_quads<'a>(quads: impl IntoIterator<Item = QuadRef<'a>>) -> Reach {
        let mut graphs = BTreeSet::new();
        for quad in quads {
            match quad.graph_name {
                GraphNameRef::NamedNode(graph) if graph.as_str() == id::SUMMARY_GRAPH => return Reach::Everything,
                GraphNameRef::NamedNode(graph) => {
                    graphs.insert(graph.into_owned());
                }
                GraphNameRef::BlankNode(_) => {}
                GraphNameRef::DefaultGraph => {
                    if let (NamedOrBlankNodeRef::NamedNode(subject), true) = (quad.subject, describes_article(quad.predicate)) {
                        graphs.insert(subject.into_owned());
                    }
                }
            }
        }
        Reach::Graphs(graphs)
    }
}

/// Whether a default-graph predicate says what makes an article count (its type, its date).
pub fn describes_article(predicate: NamedNodeRef<'_>) -> bool {
    predicate == rdf::TYPE || predicate == dcterms::DATE
}

/// The contributions of `reach`'s graphs now: `None` when the summary is not kept or is to be
/// recounted. Read this before a write, and give it to [`finish`] after it.
pub fn before(transaction: &mut Transaction<'_>, reach: &Reach) -> Result<Option<Before>, StoreError> {
    if !kept(transaction)? {
        return Ok(None);
    }
    Ok(Some(match reach {
        Reach::Everything => Before::Recount,
        Reach::Graphs(graphs) => {
            let mut contributions = Vec::with_capacity(graphs.len());
            for graph in graphs {
                contributions.push((graph.clone(), contribution(transaction, graph.as_ref())?));
            }
            Before::Graphs(contributions)
        }
    }))
}

/// What [`before`] read.
#[derive(Debug)]
pub enum Before {
    Graphs(Vec<(NamedNode, Option<Contribution>)>),
    Recount,
}

/// After the write, in the same transaction: brings the summary up to date.
pub fn finish(transaction: &mut Transaction<'_>, before: Option<Before>) -> Result<(), StoreError> {
    match before {
        None => Ok(()),
        Some(Before::Recount) => recount(transaction),
        Some(Before::Graphs(graphs)) => {
            let mut changes = Changes::default();
            for (graph, old) in graphs {
                let new = contribution(transaction, graph.as_ref())?;
                if old != new {
                    changes.take(old.as_ref(), -1);
                    changes.take(new.as_ref(), 1);
                }
            }
            changes.apply(transaction)
        }
    }
}

/// Adds the articles of `tally`, just written around the summary (by the bulk loader), to the
/// summary they were not counted in, and says it is kept again.
pub fn add_tally(transaction: &mut Transaction<'_>, tally: &Tally) -> Result<(), StoreError> {
    Changes::of_tally(tally).apply(transaction)?;
    let summary = id::summary_graph();
    transaction.insert(QuadRef::new(
        summary.as_ref(),
        rdf::TYPE,
        warta::SUMMARY,
        GraphNameRef::NamedNode(summary.as_ref()),
    ));
    Ok(())
}

/// Gives a summary counted before it had pair nodes (`warta:PairSummary`) its pairs, counted
/// from its triple nodes in one transaction: a store an earlier warta built answers the
/// questions about pairs at once, and no write adds to pairs that are missing. Writers open the
/// store through here.
pub fn add_missing_pairs(store: &oxigraph::store::Store) -> Result<(), StoreError> {
    if !lacks_pairs(store)? {
        return Ok(());
    }
    let mut pairs = PairCounts::default();
    for (subject, relation, object, articles) in crate::summary::summarised_triples(store, None)? {
        pairs.add(&subject, relation, &object, articles);
    }
    let mut transaction = store.start_transaction()?;
    for quad in pairs.into_quads() {
        transaction.insert(&quad);
    }
    transaction.commit()?;
    Ok(())
}

/// Whether the summary was counted before it had pair nodes: it is kept and has triple nodes, but
/// no pair node.
pub fn lacks_pairs(store: &oxigraph::store::Store) -> Result<bool, StorageError> {
    let summary = id::summary_graph();
    let graph = GraphNameRef::NamedNode(summary.as_ref());
    let any_of = |class: NamedNodeRef<'_>| -> Result<bool, StorageError> {
        Ok(store
            .quads_for_pattern(None, Some(rdf::TYPE), Some(class.into()), Some(graph))
            .next()
            .transpose()?
            .is_some())
    };
    Ok(crate::summary::is_kept(store)? && any_of(warta::TRIPLE_SUMMARY)? && !any_of(warta::PAIR_SUMMARY)?)
}

/// Rebuilds the summary graph inside `transaction`.
pub fn recount(transaction: &mut Transaction<'_>) -> Result<(), StoreError> {
    SparqlEvaluator::new()
        .parse_update(&crate::summary::recount_update(None))
        .map_err(|e| StoreError::Summary(e.to_string()))?
        .on_transaction(transaction)
        .execute()
        .map_err(|e| StoreError::Summary(e.to_string()))
}

/// Whether the summary is kept: it says so, or the store holds no article yet (and from now on
/// it says so).
fn kept(transaction: &mut Transaction<'_>) -> Result<bool, StorageError> {
    let summary = id::summary_graph();
    let graph = GraphNameRef::NamedNode(summary.as_ref());
    let marker = QuadRef::new(summary.as_ref(), rdf::TYPE, warta::SUMMARY, graph);
    if transaction.contains(marker)? {
        return Ok(true);
    }
    let any_article = transaction
        .quads_for_pattern(None, Some(rdf::TYPE), Some(warta::ARTICLE.into()), Some(GraphNameRef::DefaultGraph))
        .next()
        .transpose()?
        .is_some();
    if any_article {
        return Ok(false);
    }
    transaction.insert(marker);
    transaction.insert(QuadRef::new(summary.as_ref(), warta::ARTICLE_COUNT, &Literal::from(0_i64), graph));
    Ok(true)
}

/// What `graph` contributes to the summary now: `None` unless it is an article.
fn contribution(transaction: &Transaction<'_>, graph: NamedNodeRef<'_>) -> Result<Option<Contribution>, StorageError> {
    let subject = NamedOrBlankNodeRef::NamedNode(graph);
    let article = QuadRef::new(subject, rdf::TYPE, warta::ARTICLE, GraphNameRef::DefaultGraph);
    if graph.as_str() == id::SUMMARY_GRAPH || !transaction.contains(article)? {
        return Ok(None);
    }
    let mut found = Contribution::default();
    for quad in transaction.quads_for_pattern(Some(subject), Some(dcterms::DATE), None, Some(GraphNameRef::DefaultGraph)) {
        found.add_date(&quad?.object);
    }
    for relation in Relation::ALL {
        let predicate = warta::relation(relation);
        for quad in transaction.quads_for_pattern(None, Some(predicate), None, Some(GraphNameRef::NamedNode(graph))) {
            let quad = quad?;
            found.add_triple(&quad.subject, relation, &quad.object);
        }
    }
    Ok(Some(found))
}

/// `subject relation object` between two actors.
type Triple = (NamedNode, Relation, NamedNode);
/// A change in the articles asserting a triple, and per date the change in those of that date.
type ArticlesByDate = (i64, BTreeMap<String, i64>);

/// The changes a write makes to the counts.
#[derive(Debug, Default)]
struct Changes {
    /// Per triple: articles asserting it, and per date the articles of that date asserting it.
    triples: BTreeMap<Triple, ArticlesByDate>,
    /// Per actor: articles whose triples name it.
    actor_articles: BTreeMap<NamedNode, i64>,
    articles: i64,
}

impl Changes {
    /// The changes of adding the articles of `tally` to a store that holds none of them.
    fn of_tally(tally: &Tally) -> Changes {
        let mut changes = Changes {
            articles: signed_count(tally.articles()),
            ..Changes::default()
        };
        for (subject, relation, object, articles, first, last) in tally.triples() {
            // `apply` reads only the signs of the dates' changes (a new first or last date, or a
            // lost one), so the tally's first and last dates stand for all of its dates.
            let dates = first.into_iter().chain(last).map(|date| (date.to_owned(), 1)).collect();
            let articles = signed_count(articles);
            changes
                .triples
                .insert((subject.clone(), relation, object.clone()), (articles, dates));
        }
        for (actor, articles) in tally.actor_articles() {
            changes.actor_articles.insert(actor.clone(), signed_count(articles));
        }
        changes
    }

    fn take(&mut self, contribution: Option<&Contribution>, sign: i64) {
        let Some(contribution) = contribution else { return };
        self.articles += sign;
        for triple in &contribution.triples {
            let (count, dates) = self.triples.entry(triple.clone()).or_default();
            *count += sign;
            for date in &contribution.dates {
                *dates.entry(date.clone()).or_default() += sign;
            }
        }
        for actor in contribution.actors() {
            *self.actor_articles.entry(actor.clone()).or_default() += sign;
        }
    }

    fn apply(self, transaction: &mut Transaction<'_>) -> Result<(), StoreError> {
        let summary = id::summary_graph();
        let graph = GraphNameRef::NamedNode(summary.as_ref());
        // Per actor and count property: the change.
        let mut actors: BTreeMap<(NamedNode, NamedNodeRef<'static>), i64> = BTreeMap::new();
        let mut pairs = PairCounts::default();
        for (actor, delta) in self.actor_articles {
            *actors.entry((actor, warta::ARTICLE_COUNT)).or_default() += delta;
        }
        for ((subject, relation, object), (delta, dates)) in self.triples {
            if delta == 0 && dates.values().all(|d| *d == 0) {
                continue;
            }
            let predicate = warta::relation(relation);
            let node = triple_node(subject.as_ref(), predicate, object.as_ref());
            let old = number(transaction, node.as_ref(), warta::ARTICLE_COUNT)?;
            let (old_first, old_last) = (
                text(transaction, node.as_ref(), warta::FIRST_DATE)?,
                text(transaction, node.as_ref(), warta::LAST_DATE)?,
            );
            let lost_an_edge = dates
                .iter()
                .any(|(date, d)| *d < 0 && (Some(date) == old_first.as_ref() || Some(date) == old_last.as_ref()));
            let (new, first, last) = if lost_an_edge || old.is_none() && delta <= 0 {
                rescan(transaction, &subject, predicate, &object)?
            } else {
                let added = dates.iter().filter(|(_, d)| **d > 0).map(|(date, _)| date.clone());
                let first = old_first.clone().into_iter().chain(added.clone()).min();
                let last = old_last.clone().into_iter().chain(added).max();
                (old.unwrap_or(0) + delta, first, last)
            };
            let change = new.max(0) - old.unwrap_or(0);
            for (actor, property) in actor_counts_of(&subject, relation, &object) {
                *actors.entry((actor.clone(), property)).or_default() += change;
            }
            pairs.add(&subject, relation, &object, change);
            let node_subject = NamedOrBlankNodeRef::NamedNode(node.as_ref());
            let stale: Vec<Quad> = transaction
                .quads_for_pattern(Some(node_subject), None, None, Some(graph))
                .collect::<Result<_, _>>()?;
            for quad in &stale {
                transaction.remove(quad);
            }
            if new <= 0 {
                continue;
            }
            for quad in triple_summary_quads(&subject, relation, &object, new, first.as_deref(), last.as_deref()) {
                transaction.insert(&quad);
            }
        }
        for ((actor, property), delta) in actors {
            add_to(transaction, actor.as_ref(), property, delta)?;
        }
        for (actor, party, node, changed) in pairs.changes() {
            for (property, delta) in &changed {
                add_to(transaction, node.as_ref(), *property, *delta)?;
            }
            // The pair is described while one of its counts is left, as the recount writes it.
            let mut counted = false;
            for family in Family::ALL {
                counted |= number(transaction, node.as_ref(), warta::pair_count(family))?.is_some();
            }
            for (property, value) in pair_description(actor, party) {
                let quad = QuadRef::new(node.as_ref(), property, value.as_ref(), graph);
                if counted {
                    transaction.insert(quad);
                } else {
                    transaction.remove(quad);
                }
            }
        }
        add_to(transaction, summary.as_ref(), warta::ARTICLE_COUNT, self.articles)?;
        Ok(())
    }
}

/// Adds `delta` to the integer `subject property` of the summary graph; a count of zero is
/// written as no count at all, as the recount writes it.
fn add_to(
    transaction: &mut Transaction<'_>,
    subject: NamedNodeRef<'_>,
    property: NamedNodeRef<'_>,
    delta: i64,
) -> Result<(), StorageError> {
    if delta == 0 {
        return Ok(());
    }
    let summary = id::summary_graph();
    let graph = GraphNameRef::NamedNode(summary.as_ref());
    let old = number(transaction, subject, property)?;
    if let Some(old) = old {
        transaction.remove(QuadRef::new(subject, property, &Literal::from(old), graph));
    }
    let new = old.unwrap_or(0) + delta;
    // The summary's own article count is written even when it is zero: the recount writes it so.
    if new > 0 || subject.as_str() == id::SUMMARY_GRAPH {
        transaction.insert(QuadRef::new(subject, property, &Literal::from(new.max(0)), graph));
    }
    Ok(())
}

/// An integer of the summary graph.
fn number(transaction: &Transaction<'_>, subject: NamedNodeRef<'_>, property: NamedNodeRef<'_>) -> Result<Option<i64>, StorageError> {
    Ok(text(transaction, subject, property)?.and_then(|value| value.parse().ok()))
}

/// The lexical form of a literal of the summary graph.
fn text(transaction: &Transaction<'_>, subject: NamedNodeRef<'_>, property: NamedNodeRef<'_>) -> Result<Option<String>, StorageError> {
    let summary = id::summary_graph();
    let graph = GraphNameRef::NamedNode(summary.as_ref());
    for quad in transaction.quads_for_pattern(Some(subject.into()), Some(property), None, Some(graph)) {
        if let Term::Literal(literal) = quad?.object {
            return Ok(Some(literal.value().to_owned()));
        }
    }
    Ok(None)
}

/// The articles that assert a triple, and their first and last dates, counted from the article
/// graphs: for when a removed article held the first or last date.
fn rescan(
    transaction: &Transaction<'_>,
    subject: &NamedNode,
    predicate: NamedNodeRef<'_>,
    object: &NamedNode,
) -> Result<(i64, Option<String>, Option<String>), StorageError> {
    let mut graphs = BTreeSet::new();
    for quad in transaction.quads_for_pattern(Some(subject.as_ref().into()), Some(predicate), Some(object.as_ref().into()), None) {
        if let GraphName::NamedNode(graph) = quad?.graph_name {
            graphs.insert(graph);
        }
    }
    let (mut count, mut dates) = (0, BTreeSet::new());
    for graph in graphs {
        let subject = NamedOrBlankNodeRef::NamedNode(graph.as_ref());
        if graph.as_str() == id::SUMMARY_GRAPH
            || !transaction.contains(QuadRef::new(subject, rdf::TYPE, warta::ARTICLE, GraphNameRef::DefaultGraph))?
        {
            continue;
        }
        count += 1;
        for quad in transaction.quads_for_pattern(Some(subject), Some(dcterms::DATE), None, Some(GraphNameRef::DefaultGraph)) {
            if let Term::Literal(literal) = quad?.object {
                if let Some(date) = counted_date(&literal) {
                    dates.insert(date.to_owned());
                }
            }
        }
    }
    Ok((count, dates.first().cloned(), dates.last().cloned()))
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used, clippy::panic, reason = "test code")]

    use std::collections::BTreeSet;

    use oxigraph::model::{GraphNameRef, Quad};
    use oxigraph::sparql::SparqlEvaluator;
    use warta_text::input::{Article, ArticleId};
    use warta_text::lexicon::Lexicon;
    use warta_text::model::{ActorKey, Family};

    use crate::rdf::ArticleQuads;
    use crate::store::{Reach, Store};
    use crate::vocab::id;

    fn article(lexicon: &Lexicon, id: &str, date: Option<&str>, text: &str) -> ArticleQuads {
        let mut article = Article::from_text(ArticleId::new(id).unwrap(), text.to_owned());
        article.date = date.map(str::to_owned);
        let extraction = warta_text::pipeline::extract(&article, lexicon);
        crate::rdf::article_quads(&article, &extraction)
    }

    /// The summary graph, quad by quad.
    fn summary(store: &Store) -> BTreeSet<String> {
        let graph = id::summary_graph();
        store
            .oxigraph()
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref())))
            .map(|quad| quad.unwrap().to_string())
            .collect()
    }

    /// The summary as the writes kept it equals a recount.
    #[track_caller]
    fn assert_kept(store: &Store, step: &str) {
        let kept = summary(store);
        store.recount_summary().unwrap();
        let counted = summary(store);
        let missing: Vec<_> = counted.difference(&kept).collect();
        let extra: Vec<_> = kept.difference(&counted).collect();
        assert!(
            missing.is_empty() && extra.is_empty(),
            "{step}: missing {missing:#?}\nextra {extra:#?}"
        );
    }

    fn update(store: &Store, text: &str) {
        let reach = match crate::summary::update_reach_of_text(text, None) {
            Some(graphs) => Reach::Graphs(graphs),
            None => Reach::Everything,
        };
        let prepared = SparqlEvaluator::new().parse_update(text).unwrap();
        store.update(prepared, &reach).unwrap();
    }

    #[test]
    fn every_write_keeps_the_summary_equal_to_a_recount() {
        let lexicon = Lexicon::embedded().unwrap();
        let store = Store::memory().unwrap();
        let a = article(
            &lexicon,
            "a",
            Some("2020-01-05"),
            "Rusia mendesak Ukraina untuk berunding. Turki mengecam Israel.",
        );
        let b = article(
            &lexicon,
            "b",
            Some("2020-03-01"),
            "Rusia mendesak Ukraina untuk berunding. Mesir mendukung Palestina.",
        );
        let c = article(&lexicon, "c", None, "Turki mengecam Israel.");
        for quads in [&a, &b, &c] {
            store.replace_article(quads).unwrap();
        }
        assert!(store.has_summary().unwrap(), "a store that starts empty keeps its summary");
        let counted = summary(&store);
        assert!(
            counted.iter().any(|q| q.contains("articleCount> \"2\"")),
            "two articles urge the same: {counted:#?}"
        );
        for (actor, family, count) in [
            ("russia", Family::Appeal, 2),
            ("turkey", Family::Disapprove, 2),
            ("egypt", Family::Cooperate, 1),
        ] {
            let quad = Quad::new(
                id::actor(&ActorKey::new(actor).unwrap()),
                crate::vocab::warta::family_count(family).unwrap(),
                oxigraph::model::Literal::from(count),
                id::summary_graph(),
            );
            assert!(counted.contains(&quad.to_string()), "{actor}'s {family:?} stances: {counted:#?}");
        }
        let pair = crate::summary::pair_node(
            id::actor(&ActorKey::new("russia").unwrap()).as_ref(),
            id::actor(&ActorKey::new("ukraine").unwrap()).as_ref(),
        );
        let urged_twice = Quad::new(
            pair,
            crate::vocab::warta::pair_count(Family::Appeal),
            oxigraph::model::Literal::from(2),
            id::summary_graph(),
        );
        assert!(counted.contains(&urged_twice.to_string()), "russia → ukraine: {counted:#?}");
        assert_kept(&store, "three articles");

        // The same article again, with other stances and an earlier date.
        let b2 = article(&lexicon, "b", Some("2019-12-01"), "Rusia mengecam Ukraina.");
        store.replace_article(&b2).unwrap();
        assert_kept(&store, "b replaced");
        // The first article gone: its graph, then its description.
        let a_graph = a.graph.clone().unwrap();
        store.remove_graph(GraphNameRef::NamedNode(a_graph.as_ref())).unwrap();
        assert_kept(&store, "a's graph removed");
        update(&store, &format!("DELETE WHERE {{ <{}> ?p ?o }}", a_graph.as_str()));
        assert_kept(&store, "a's description removed");
        // A triple added to an article's graph, a graph replaced, an update of any graph.
        let c_graph = c.graph.clone().unwrap();
        let added = Quad::new(
            crate::vocab::id::actor(&warta_text::model::ActorKey::new("egypt").unwrap()),
            crate::vocab::warta::relation(warta_text::model::Relation::Warns),
            crate::vocab::id::actor(&warta_text::model::ActorKey::new("israel").unwrap()),
            c_graph.clone(),
        );
        store.insert_all(std::slice::from_ref(&added)).unwrap();
        assert_kept(&store, "a triple added");
        store.replace_graph(GraphNameRef::NamedNode(c_graph.as_ref()), &[]).unwrap();
        assert_kept(&store, "c's graph emptied");
        let triple = oxigraph::model::Triple::from(added.clone());
        update(
            &store,
            &format!("INSERT DATA {{ GRAPH <{}> {{ {triple} }} }}", b2.graph.clone().unwrap().as_str()),
        );
        assert_kept(&store, "inserted by update");
        update(
            &store,
            "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(CONTAINS(STR(?s), \"egypt\")) }",
        );
        assert_kept(&store, "deleted by an update of any graph");
        store.replace_article(&a).unwrap();
        assert_kept(&store, "a back");
    }

    #[test]
    fn a_summary_counted_before_pair_nodes_gets_them_from_its_triples() {
        let lexicon = Lexicon::embedded().unwrap();
        let store = Store::memory().unwrap();
        for (id, text) in [
            ("a", "Rusia mendesak Ukraina untuk berunding. Rusia mengecam Ukraina."),
            ("b", "Rusia mengkritik Ukraina. Turki mendukung Azerbaijan."),
        ] {
            store.replace_article(&article(&lexicon, id, None, text)).unwrap();
        }
        let whole = summary(&store);
        let pair_nodes: Vec<&String> = whole.iter().filter(|quad| quad.contains(crate::vocab::id::PAIR_BASE)).collect();
        assert!(pair_nodes.len() > 6, "two pairs, described and counted: {pair_nodes:#?}");
        // As an earlier warta left it: every quad of a pair node gone.
        let mut transaction = store.oxigraph().start_transaction().unwrap();
        let graph = id::summary_graph();
        let old: Vec<Quad> = transaction
            .quads_for_pattern(None, None, None, Some(GraphNameRef::NamedNode(graph.as_ref())))
            .map(Result::unwrap)
            .filter(|quad| quad.subject.to_string().contains(crate::vocab::id::PAIR_BASE))
            .collect();
        for quad in &old {
            transaction.remove(quad);
        }
        transaction.commit().unwrap();
        assert_ne!(summary(&store), whole);
        super::add_missing_pairs(store.oxigraph()).unwrap();
        assert_eq!(summary(&store), whole, "the pairs counted from the triple nodes");
        super::add_missing_pairs(store.oxigraph()).unwrap();
        assert_eq!(summary(&store), whole, "and only once");
    }

    #[test]
    fn a_store_with_articles_but_no_summary_is_left_alone_until_recounted() {
        let lexicon = Lexicon::embedded().unwrap();
        let store = Store::memory().unwrap();
        let a = article(&lexicon, "a", None, "Turki mengecam Israel.");
        // Written as an older warta did, without a summary.
        let mut transaction = store.oxigraph().start_transaction().unwrap();
        for quad in a.all() {
            transaction.insert(quad);
        }
        transaction.commit().unwrap();
        let b = article(&lexicon, "b", None, "Rusia mendesak Ukraina untuk berunding.");
        store.replace_article(&b).unwrap();
        assert!(!store.has_summary().unwrap());
        assert!(summary(&store).is_empty(), "no half summary");
        store.recount_summary().unwrap();
        assert!(store.has_summary().unwrap());
        store.replace_article(&a).unwrap();
        assert_kept(&store, "after the recount");
    }
}
