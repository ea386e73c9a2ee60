//! Scores a store against a gold file with exactly the rules of the reference scorer
//! (`eval/score.py`): the same query, the same label normalisation, the same entity
//! resolution, the same strict, lenient and affiliation figures, printed the same way.
//!
//! Owns: the scoring rules. Must not: call the pipeline; it reads the store like any user.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::fmt::Write as _;
use std::path::Path;

use regex::Regex;
use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

use crate::query::{QueryConfig, ResultFormat};
use crate::store::Store;
use warta_text::model::Relation;

/// The query that reads scored triples out of a store (`eval/triples.rq`).
pub const SCORED_TRIPLES_QUERY: &str = include_str!("../queries/scored-triples.rq");

/// A scored relation name (the scorer skips rows with any other).
fn is_relation(name: &str) -> bool {
    Relation::from_name(name).is_some()
}

/// The stance relations: every scored one but `affiliatedWith`.
fn is_stance(name: &str) -> bool {
    Relation::from_name(name).is_some_and(|r| r != Relation::AffiliatedWith)
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum EvalError {
    #[error("cannot read {path}: {source}")]
    Read { path: String, source: std::io::Error },
    #[error("{path}: {message}")]
    Gold { path: String, message: String },
    #[error("cannot read the store: {0}")]
    Query(#[from] crate::query::QueryError),
    #[error("cannot build the articles to score: {0}")]
    Store(#[from] crate::store::StoreError),
}

/// The headline figures.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Scores {
    pub stance_f1: f64,
    pub stance_precision: f64,
    pub stance_recall: f64,
    pub lenient_f1: f64,
    pub affiliation_f1: f64,
    /// Gold actors found in the store that carry their Wikidata id, and how many were found.
    pub linked_right: usize,
    pub linked_found: usize,
}

/// A report: the text score.py prints, and the figures.
#[derive(Debug, Clone)]
pub struct Report {
    pub text: String,
    pub scores: Scores,
}

type Triple = (String, String, String, String);
/// Per actor IRI in order of first appearance: the key it resolves to and its Wikidata ids.
type Linked = Vec<(String, BTreeSet<String>)>;

struct Entities {
    qid: HashMap<String, Option<String>>,
    country: HashMap<String, String>,
    by_qid: HashMap<String, String>,
    by_label: HashMap<String, String>,
}

/// score.py's `norm`: NFKD, no combining marks, lower case, punctuation to spaces, hyphens to
/// spaces, whitespace collapsed.
fn norm(label: &str, punctuation: &Regex) -> String {
    let text: String = label.nfkd().filter(|c| !is_combining_mark(*c)).collect::<String>().to_lowercase();
    let text = punctuation.replace_all(&text, " ");
    text.replace('-', " ").split_whitespace().collect::<Vec<_>>().join(" ")
}

fn rows(text: &str) -> Vec<Vec<String>> {
    text.lines()
        .filter(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(|l| l.split('\t').map(str::to_owned).collect())
        .collect()
}

fn read(path: &Path) -> Result<String, EvalError> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Read {
        path: path.display().to_string(),
        source,
    })
}

impl Entities {
    fn load(paths: &[&Path], punctuation: &Regex) -> Result<Entities, EvalError> {
        let mut entities = Entities {
            qid: HashMap::new(),
            country: HashMap::new(),
            by_qid: HashMap::new(),
            by_label: HashMap::new(),
        };
        let qid_pattern = Regex::new(r"^Q\d+$").map_err(|e| EvalError::Gold {
            path: "qid".to_owned(),
            message: e.to_string(),
        })?;
        for path in paths {
            for cols in rows(&read(path)?) {
                let cell = |i: usize| cols.get(i).cloned().unwrap_or_default();
                let (key, qid, country, labels) = (cell(0), cell(1), cell(3), cell(4));
                let qid = qid_pattern.is_match(&qid).then_some(qid);
                entities.qid.insert(key.clone(), qid.clone());
                entities
                    .country
                    .insert(key.clone(), if country.is_empty() { key.clone() } else { country });
                if let Some(qid) = qid {
                    entities.by_qid.insert(qid, key.clone());
                }
                for label in std::iter::once(key.as_str()).chain(labels.split('|')) {
                    if !label.trim().is_empty() {
                        entities.by_label.entry(norm(label, punctuation)).or_insert_with(|| key.clone());
                    }
                }
            }
        }
        Ok(entities)
    }

    fn resolve(&self, qids: &BTreeSet<String>, labels: &BTreeSet<String>, fallback: &str, punctuation: &Regex) -> String {
        for qid in qids {
            if let Some(key) = self.by_qid.get(qid) {
                return key.clone();
            }
        }
        for label in labels {
            if let Some(key) = self.by_label.get(&norm(label, punctuation)) {
                return key.clone();
            }
        }
        format!("?{}", labels.iter().next().map_or(fallback, String::as_str))
    }

    fn roll_up(&self, key: &str) -> String {
        self.country.get(key).cloned().unwrap_or_else(|| key.to_owned())
    }
}

/// score.py's `term`: the value of one SPARQL TSV cell.
fn term(cell: &str, literal: &Regex) -> String {
    let cell = cell.trim();
    if cell.starts_with('<') && cell.ends_with('>') && cell.len() >= 2 {
        return cell.get(1..cell.len() - 1).unwrap_or("").to_owned();
    }
    if let Some(value) = literal.captures(cell).and_then(|c| c.get(1)) {
        return value
            .as_str()
            .replace("\\\"", "\"")
            .replace("\\t", "\t")
            .replace("\\n", "\n")
            .replace("\\\\", "\\");
    }
    cell.to_owned()
}

/// Ends of triples as the scorer sees them: per IRI, its Wikidata ids and labels, in order of
/// first appearance (the order decides ties exactly as Python's dict does).
struct Ends {
    order: Vec<String>,
    seen: HashMap<String, (BTreeSet<String>, BTreeSet<String>)>,
}

/// The scored triples of a system, how its actors link, and for each triple the actor IRIs it
/// was read from (to find the sentences that state it).
struct System {
    triples: BTreeSet<Triple>,
    linked: Linked,
    iris: HashMap<Triple, (String, String)>,
}

fn system_triples(tsv: &str, entities: &Entities, punctuation: &Regex) -> Result<System, String> {
    let literal = Regex::new(r#"(?s)^"(.*)"(@[\w-]+|\^\^<[^>]*>)?$"#).map_err(|e| e.to_string())?;
    let mut lines = tsv.lines();
    let Some(first) = lines.next() else {
        return Ok(System {
            triples: BTreeSet::new(),
            linked: Vec::new(),
            iris: HashMap::new(),
        });
    };
    let header: Vec<String> = first
        .split('\t')
        .map(|h| h.trim().trim_start_matches(['?', '$']).to_owned())
        .collect();
    let need = ["doc", "rel", "s", "sWd", "sLabel", "o", "oWd", "oLabel"];
    let missing: Vec<&str> = need.iter().filter(|n| !header.iter().any(|h| h == *n)).copied().collect();
    if !missing.is_empty() {
        return Err(format!("the system results lack the columns {missing:?}"));
    }
    let mut ends = Ends {
        order: Vec::new(),
        seen: HashMap::new(),
    };
    let mut asserted = BTreeSet::new();
    for line in lines {
        let cells: HashMap<&str, &str> = header.iter().map(String::as_str).zip(line.split('\t')).collect();
        let value = |name: &str| term(cells.get(name).copied().unwrap_or(""), &literal);
        for end in ["s", "o"] {
            let iri = value(end);
            if !ends.seen.contains_key(&iri) {
                ends.order.push(iri.clone());
            }
            let (qids, labels) = ends.seen.entry(iri).or_default();
            let wikidata = value(&format!("{end}Wd"));
            if let Some(item) = wikidata.strip_prefix(crate::vocab::id::WIKIDATA_ENTITY) {
                qids.insert(item.to_owned());
            }
            let label = value(&format!("{end}Label"));
            if !label.is_empty() {
                labels.insert(label);
            }
        }
        asserted.insert((value("doc"), value("s"), value("rel"), value("o")));
    }
    let keys: HashMap<&String, String> = ends
        .seen
        .iter()
        .map(|(iri, (qids, labels))| (iri, entities.resolve(qids, labels, iri, punctuation)))
        .collect();
    let key_of = |iri: &String| keys.get(iri).cloned().unwrap_or_default();
    let mut iris = HashMap::new();
    let triples = asserted
        .iter()
        .map(|(doc, s, rel, o)| {
            let triple = canon((doc.clone(), key_of(s), rel.clone(), key_of(o)));
            iris.entry(triple.clone()).or_insert_with(|| (s.clone(), o.clone()));
            triple
        })
        .collect();
    let linked = ends
        .order
        .iter()
        .filter_map(|iri| ends.seen.get(iri).map(|(qids, _)| (key_of(iri), qids.clone())))
        .collect();
    Ok(System { triples, linked, iris })
}

/// Per article, stance relation and actor IRIs: the sentences that state the triple.
type Sentences = HashMap<(String, String, String, String), Vec<String>>;

/// Every statement of the store with its sentence, for `-v`.
/// (The prefixes are the ones every query of warta has declared.)
const STATEMENT_SENTENCES_QUERY: &str = "SELECT ?doc ?s ?rel ?o ?sentence WHERE {
  ?article a warta:Article ; dcterms:identifier ?doc .
  GRAPH ?article { ?st a warta:Statement ; rdf:subject ?s ; rdf:predicate ?p ; rdf:object ?o ; warta:sentence ?sentence }
  BIND(STRAFTER(STR(?p), \"#\") AS ?rel)
}";

fn statement_sentences(store: &Store) -> Result<Sentences, EvalError> {
    let mut tsv = Vec::new();
    crate::query::run(
        store,
        STATEMENT_SENTENCES_QUERY,
        ResultFormat::Tsv,
        &QueryConfig {
            services: crate::federation::ServicePolicy::Only(Vec::new()),
            timeout: None,
            max_sorted_rows: None,
            base_iri: None,
        },
        &mut tsv,
    )?;
    let literal = Regex::new(r#"(?s)^"(.*)"(@[\w-]+|\^\^<[^>]*>)?$"#).map_err(|e| EvalError::Gold {
        path: "regex".to_owned(),
        message: e.to_string(),
    })?;
    let mut sentences: Sentences = HashMap::new();
    for line in String::from_utf8_lossy(&tsv).lines().skip(1) {
        let cells: Vec<String> = line.split('\t').map(|c| term(c, &literal)).collect();
        if let [doc, s, rel, o, sentence] = cells.as_slice() {
            sentences
                .entry((doc.clone(), s.clone(), rel.clone(), o.clone()))
                .or_default()
                .push(sentence.clone());
        }
    }
    Ok(sentences)
}

/// The sentences that state a system triple (either way round for a symmetric relation).
fn stated_in(triple: &Triple, iris: &HashMap<Triple, (String, String)>, sentences: &Sentences) -> Vec<String> {
    let Some((s, o)) = iris.get(triple) else {
        return Vec::new();
    };
    let (doc, _, rel, _) = triple;
    let forward = sentences.get(&(doc.clone(), s.clone(), rel.clone(), o.clone()));
    let backward = sentences.get(&(doc.clone(), o.clone(), rel.clone(), s.clone()));
    let mut found: Vec<String> = forward.into_iter().chain(backward).flatten().cloned().collect();
    found.sort();
    found.dedup();
    found
}

/// Per article: the stance and affiliation triples of the gold, the system, and both.
fn write_per_article(text: &mut String, docs: &BTreeSet<&String>, gold: &BTreeSet<Triple>, system: &BTreeSet<Triple>, entities: &Entities) {
    let _ = writeln!(
        text,
        "{:<40}{:>7}{:>6}{:>6}{:>8}{:>6}{:>6}",
        "article", "stance", "sys", "tp", "affil", "sys", "tp"
    );
    for doc in docs {
        let of = |set: &BTreeSet<Triple>, stance: bool| -> BTreeSet<Triple> {
            set.iter()
                .filter(|t| &&t.0 == doc && is_stance(&t.2) == stance)
                .map(|(d, s, r, o)| {
                    let o = if stance { o.clone() } else { entities.roll_up(o) };
                    (d.clone(), s.clone(), r.clone(), o)
                })
                .collect()
        };
        let (gold_stance, system_stance) = (of(gold, true), of(system, true));
        let (gold_affiliation, system_affiliation) = (of(gold, false), of(system, false));
        let name: String = doc.chars().take(38).collect();
        let _ = writeln!(
            text,
            "{name:<40}{:>7}{:>6}{:>6}{:>8}{:>6}{:>6}",
            gold_stance.len(),
            system_stance.len(),
            gold_stance.intersection(&system_stance).count(),
            gold_affiliation.len(),
            system_affiliation.len(),
            gold_affiliation.intersection(&system_affiliation).count()
        );
    }
}

fn canon((doc, s, rel, o): Triple) -> Triple {
    if (rel == "talksWith" || rel == "allyOf") && o < s {
        (doc, o, rel, s)
    } else {
        (doc, s, rel, o)
    }
}

fn family(rel: &str) -> Option<&'static str> {
    match rel {
        "urges" => Some("appeal"),
        "supports" | "mediates" | "talksWith" | "allyOf" => Some("cooperate"),
        "condemns" | "criticizes" | "accuses" | "warns" => Some("disapprove"),
        _ => None,
    }
}

fn lenient(triples: &BTreeSet<Triple>, entities: &Entities) -> BTreeSet<Triple> {
    let mut out = BTreeSet::new();
    for (doc, s, rel, o) in triples {
        let Some(family) = family(rel) else { continue };
        let (cs, co) = (entities.roll_up(s), entities.roll_up(o));
        if cs != co {
            out.insert((doc.clone(), cs, family.to_owned(), co));
        }
    }
    out
}

fn prf(system: &BTreeSet<Triple>, gold: &BTreeSet<Triple>) -> (f64, f64, f64, usize) {
    let tp = system.intersection(gold).count();
    let p = if system.is_empty() { 0.0 } else { tp as f64 / system.len() as f64 };
    let r = if gold.is_empty() { 0.0 } else { tp as f64 / gold.len() as f64 };
    let f = if p + r > 0.0 { 2.0 * p * r / (p + r) } else { 0.0 };
    (p, r, f, tp)
}

/// Scores the store against gold files, as `score.py --gold ... --entities ... [-v]` would.
pub fn evaluate(store: &Store, gold_paths: &[&Path], entity_paths: &[&Path], verbose: bool) -> Result<Report, EvalError> {
    let mut tsv = Vec::new();
    crate::query::run(
        store,
        SCORED_TRIPLES_QUERY,
        ResultFormat::Tsv,
        &QueryConfig {
            services: crate::federation::ServicePolicy::Only(Vec::new()),
            timeout: None,
            max_sorted_rows: None,
            base_iri: None,
        },
        &mut tsv,
    )?;
    let tsv = String::from_utf8_lossy(&tsv);
    let sentences = if verbose { statement_sentences(store)? } else { Sentences::new() };
    score_with_sentences(&tsv, gold_paths, entity_paths, verbose, &sentences)
}

/// Builds `sources` into a store in memory and scores it: the development loop over a
/// directory of articles, with no store left behind.
pub fn evaluate_articles(
    lexicon: &warta_text::lexicon::Lexicon,
    sources: &[warta_text::input::InputSource],
    gold_paths: &[&Path],
    entity_paths: &[&Path],
    verbose: bool,
) -> Result<(Report, crate::build::BuildReport), EvalError> {
    let store = Store::memory()?;
    let options = warta_text::input::ReadOptions {
        strict_utf8: false,
        max_article_bytes: warta_text::input::DEFAULT_MAX_ARTICLE_BYTES,
    };
    let built = crate::build::build(
        &store,
        lexicon,
        sources,
        &options,
        crate::build::BuildOptions::default(),
        &mut |_| {},
    )?;
    Ok((evaluate(&store, gold_paths, entity_paths, verbose)?, built))
}

/// Scores SPARQL TSV results of the scored-triples query against gold files.
pub fn score(tsv: &str, gold_paths: &[&Path], entity_paths: &[&Path], verbose: bool) -> Result<Report, EvalError> {
    score_with_sentences(tsv, gold_paths, entity_paths, verbose, &Sentences::new())
}

fn score_with_sentences(
    tsv: &str,
    gold_paths: &[&Path],
    entity_paths: &[&Path],
    verbose: bool,
    sentences: &Sentences,
) -> Result<Report, EvalError> {
    let punctuation = Regex::new(r"[^\w\s-]").map_err(|e| EvalError::Gold {
        path: "regex".to_owned(),
        message: e.to_string(),
    })?;
    let entities = Entities::load(entity_paths, &punctuation)?;
    let mut gold = BTreeSet::new();
    let mut evidence: HashMap<Triple, String> = HashMap::new();
    for path in gold_paths {
        for cols in rows(&read(path)?) {
            let [doc, s, rel, o, ..] = cols.as_slice() else {
                return Err(EvalError::Gold {
                    path: path.display().to_string(),
                    message: "a row needs doc, subject, relation and object".to_owned(),
                });
            };
            if !is_relation(rel) {
                return Err(EvalError::Gold {
                    path: path.display().to_string(),
                    message: format!("unknown relation '{rel}'"),
                });
            }
            for key in [s, o] {
                if !entities.country.contains_key(key) {
                    return Err(EvalError::Gold {
                        path: path.display().to_string(),
                        message: format!("'{key}' is not in the entities files"),
                    });
                }
            }
            let triple = canon((doc.clone(), s.clone(), rel.clone(), o.clone()));
            if let Some(said) = cols.get(4) {
                evidence.entry(triple.clone()).or_insert_with(|| said.clone());
            }
            gold.insert(triple);
        }
    }
    let docs: BTreeSet<&String> = gold.iter().map(|t| &t.0).collect();
    let System {
        triples: system,
        linked,
        iris,
    } = system_triples(tsv, &entities, &punctuation).map_err(|message| EvalError::Gold {
        path: "system results".to_owned(),
        message,
    })?;
    let system: BTreeSet<Triple> = system.into_iter().filter(|t| docs.contains(&t.0) && is_relation(&t.2)).collect();

    let mut text = String::new();
    let _ = writeln!(
        text,
        "articles {}  gold triples {}  system triples {}",
        docs.len(),
        gold.len(),
        system.len()
    );
    let _ = writeln!(
        text,
        "{:<16}{:>6}{:>6}{:>6}{:>7}{:>7}{:>7}",
        "relation", "gold", "sys", "tp", "P", "R", "F1"
    );
    // `Relation::ALL` is in the scorer's order.
    for rel in Relation::ALL.map(Relation::name) {
        let g: BTreeSet<Triple> = gold.iter().filter(|t| t.2 == rel).cloned().collect();
        let s: BTreeSet<Triple> = system.iter().filter(|t| t.2 == rel).cloned().collect();
        if !g.is_empty() || !s.is_empty() {
            let (p, r, f, tp) = prf(&s, &g);
            let _ = writeln!(
                text,
                "{:<16}{:>6}{:>6}{:>6}{:>7.2}{:>7.2}{:>7.2}",
                rel,
                g.len(),
                s.len(),
                tp,
                p,
                r,
                f
            );
        }
    }
    let stance = |set: &BTreeSet<Triple>| -> BTreeSet<Triple> { set.iter().filter(|t| is_stance(&t.2)).cloned().collect() };
    let (stance_gold, stance_system) = (stance(&gold), stance(&system));
    let (sp, sr, sf, _) = prf(&stance_system, &stance_gold);
    let (lp, lr, lf, _) = prf(&lenient(&stance_system, &entities), &lenient(&stance_gold, &entities));
    let affiliations = |set: &BTreeSet<Triple>| -> BTreeSet<Triple> {
        set.iter()
            .filter(|t| t.2 == Relation::AffiliatedWith.name())
            .map(|(d, s, r, o)| (d.clone(), s.clone(), r.clone(), entities.roll_up(o)))
            .collect()
    };
    let (_, _, af, _) = prf(&affiliations(&system), &affiliations(&gold));

    let gold_keys: BTreeSet<&String> = gold
        .iter()
        .flat_map(|t| [&t.1, &t.3])
        .filter(|k| entities.qid.get(*k).is_some_and(Option::is_some))
        .collect();
    // A later IRI with the same key replaces an earlier one, as in the Python dict comprehension.
    let mut seen: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for (key, qids) in linked {
        if gold_keys.contains(&key) {
            seen.insert(key, qids);
        }
    }
    let right = seen
        .iter()
        .filter(|(key, qids)| entities.qid.get(*key).and_then(Option::as_ref).is_some_and(|q| qids.contains(q)))
        .count();
    let _ = writeln!(
        text,
        "linking: {right}/{} of the gold actors found carry their Wikidata identifier ({} gold actors have one)",
        seen.len(),
        gold_keys.len()
    );
    write_per_article(&mut text, &docs, &gold, &system, &entities);
    if verbose {
        // Each line as score.py writes it, then what says it: the gold's evidence for a miss,
        // the sentences that state a false triple.
        for (label, items) in [
            ("missed", gold.difference(&system).cloned().collect::<BTreeSet<_>>()),
            ("false", system.difference(&gold).cloned().collect()),
        ] {
            for triple in items {
                let said = if label == "missed" {
                    evidence.get(&triple).cloned().unwrap_or_default()
                } else {
                    stated_in(&triple, &iris, sentences).join(" | ")
                };
                let (doc, s, rel, o) = &triple;
                let _ = writeln!(text, "{label}\t{doc}\t{s}\t{rel}\t{o}\t{said}");
            }
        }
    }
    let _ = writeln!(
        text,
        "stance strict F1 {sf:.3} (P {sp:.3} R {sr:.3}); lenient F1 {lf:.3} (P {lp:.3} R {lr:.3}); affiliation F1 {af:.3}"
    );
    Ok(Report {
        text,
        scores: Scores {
            stance_f1: sf,
            stance_precision: sp,
            stance_recall: sr,
            lenient_f1: lf,
            affiliation_f1: af,
            linked_right: right,
            linked_found: seen.len(),
        },
    })
}
