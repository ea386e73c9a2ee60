//! The summary graph (`vocab::id::SUMMARY_GRAPH`): what questions across articles need, counted
//! once so that they need not join articles with articles. For each distinct triple
//! `actor warta:REL actor` of the article graphs, a `warta:TripleSummary` node (named by a hash of
//! the triple) with `rdf:subject`, `rdf:predicate`, `rdf:object`, `warta:articleCount` and the
//! first and last `dcterms:date` of those articles; for each actor, the stances it takes (in all
//! and per family) and receives, and the articles that name it; for each ordered pair of actors
//! a triple joins, a `warta:PairSummary` node with the articles of each family between them; and
//! the graph's own `a warta:Summary ; warta:articleCount N`, which says the summary is kept.
//!
//! An article graph is a named graph that the descriptions (the default graph, or the graph
//! given for it in another store) call `a warta:Article`, as the stock queries have always read
//! it. The rules of what is counted live here twice, once as SPARQL Update (the recount, which
//! any SPARQL 1.1 store can run) and once as arithmetic on one article's triples
//! ([`Contribution`], applied by `store` inside each write); a test holds them equal.
//!
//! Owns: the recount update's text, the minting of summary nodes, and what one article graph
//! contributes. Must not: write (the store does), or know the pipeline.

use std::collections::{BTreeSet, HashMap};

use oxigraph::model::{GraphName, Literal, NamedNode, NamedNodeRef, NamedOrBlankNode, Quad, Term};
use sha2::{Digest as _, Sha256};

use crate::rdf::ArticleQuads;
use crate::vocab::{dcterms, id, rdf, warta, xsd};
use warta_text::model::{Family, Relation};

/// The SPARQL Update that rebuilds the summary graph from the article graphs: drop it, count
/// again. `default_graph` names the graph that holds the descriptions of articles when the store's
/// default graph is not a graph of its own (Virtuoso's is the union of all graphs); `None`: the
/// default graph. The summary graph it writes is always [`id::SUMMARY_GRAPH`].
pub fn recount_update(default_graph: Option<&str>) -> String {
    let described = |pattern: &str| match default_graph {
        Some(graph) => format!("GRAPH <{graph}> {{ {pattern} }}"),
        None => pattern.to_owned(),
    };
    let summary = id::SUMMARY_GRAPH;
    let is_article = described(&format!("?g a <{}>", warta::ARTICLE.as_str()));
    let dated = described(&format!(
        "?g <{}> ?d FILTER(DATATYPE(?d) = <{}> && STRLEN(STR(?d)) = 10)",
        dcterms::DATE.as_str(),
        xsd::DATE.as_str()
    ));
    let relations = values(Relation::ALL.iter().copied());
    let stances = values(Relation::ALL.iter().copied().filter(|r| r.is_stance()));
    let families = relation_values(warta::family_count);
    let pair_counts = relation_values(|family| Some(warta::pair_count(family)));
    let (rdf_subject, rdf_predicate, rdf_object) = (rdf::SUBJECT.as_str(), rdf::PREDICATE.as_str(), rdf::OBJECT.as_str());
    let count = warta::ARTICLE_COUNT.as_str();
    let node = triple_node_expression("?s", "?p", "?o");
    let pair_node = pair_node_expression("?s", "?o");
    format!(
        "DROP SILENT GRAPH <{summary}> ;
INSERT {{ GRAPH <{summary}> {{
  ?t a <{triple_summary}> ; <{rdf_subject}> ?s ; <{rdf_predicate}> ?p ; <{rdf_object}> ?o ;
     <{count}> ?n .
}} }} WHERE {{
  {{ SELECT ?s ?p ?o (COUNT(DISTINCT ?g) AS ?n) WHERE {{
      {is_article}
      GRAPH ?g {{ ?s ?p ?o }}
      VALUES ?p {{ {relations} }}
      FILTER(isIRI(?g) && isIRI(?s) && isIRI(?o))
  }} GROUP BY ?s ?p ?o }}
  BIND({node} AS ?t)
}} ;
# The dates apart: an undated article among those of a triple would leave MIN and MAX unbound.
INSERT {{ GRAPH <{summary}> {{ ?t <{first}> ?first ; <{last}> ?last }} }} WHERE {{
  {{ SELECT ?s ?p ?o (MIN(?d) AS ?first) (MAX(?d) AS ?last) WHERE {{
      {is_article}
      GRAPH ?g {{ ?s ?p ?o }}
      VALUES ?p {{ {relations} }}
      FILTER(isIRI(?g) && isIRI(?s) && isIRI(?o))
      {dated}
  }} GROUP BY ?s ?p ?o }}
  BIND({node} AS ?t)
}} ;
INSERT {{ GRAPH <{summary}> {{ ?a <{stance_count}> ?n }} }} WHERE {{
  {{ SELECT ?a (SUM(?c) AS ?n) WHERE {{
      GRAPH <{summary}> {{ ?t <{rdf_subject}> ?a ; <{rdf_predicate}> ?p ; <{count}> ?c }}
      VALUES ?p {{ {stances} }}
  }} GROUP BY ?a }}
}} ;
INSERT {{ GRAPH <{summary}> {{ ?a <{received}> ?n }} }} WHERE {{
  {{ SELECT ?a (SUM(?c) AS ?n) WHERE {{
      GRAPH <{summary}> {{ ?t <{rdf_object}> ?a ; <{rdf_predicate}> ?p ; <{count}> ?c }}
      VALUES ?p {{ {stances} }}
  }} GROUP BY ?a }}
}} ;
INSERT {{ GRAPH <{summary}> {{ ?a ?family ?n }} }} WHERE {{
  {{ SELECT ?a ?family (SUM(?c) AS ?n) WHERE {{
      GRAPH <{summary}> {{ ?t <{rdf_subject}> ?a ; <{rdf_predicate}> ?p ; <{count}> ?c }}
      VALUES (?p ?family) {{ {families} }}
  }} GROUP BY ?a ?family }}
}} ;
INSERT {{ GRAPH <{summary}> {{
  ?pair a <{pair_summary}> ; <{pair_actor}> ?s ; <{pair_party}> ?o ; ?property ?n .
}} }} WHERE {{
  {{ SELECT ?s ?o ?property (SUM(?c) AS ?n) WHERE {{
      GRAPH <{summary}> {{ ?t <{rdf_subject}> ?s ; <{rdf_predicate}> ?p ; <{rdf_object}> ?o ; <{count}> ?c }}
      VALUES (?p ?property) {{ {pair_counts} }}
  }} GROUP BY ?s ?o ?property }}
  BIND({pair_node} AS ?pair)
}} ;
INSERT {{ GRAPH <{summary}> {{ ?a <{count}> ?n }} }} WHERE {{
  {{ SELECT ?a (COUNT(DISTINCT ?g) AS ?n) WHERE {{
      {is_article}
      GRAPH ?g {{ {{ ?a ?p ?x }} UNION {{ ?x ?p ?a }} }}
      VALUES ?p {{ {relations} }}
      FILTER(isIRI(?g) && isIRI(?a) && isIRI(?x))
  }} GROUP BY ?a }}
}} ;
INSERT {{ GRAPH <{summary}> {{ <{summary}> a <{summary_class}> ; <{count}> ?n }} }} WHERE {{
  {{ SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE {{ {is_article} FILTER(isIRI(?g)) }} }}
}}
",
        triple_summary = warta::TRIPLE_SUMMARY.as_str(),
        first = warta::FIRST_DATE.as_str(),
        last = warta::LAST_DATE.as_str(),
        stance_count = warta::STANCE_COUNT.as_str(),
        received = warta::RECEIVED_STANCE_COUNT.as_str(),
        summary_class = warta::SUMMARY.as_str(),
        pair_summary = warta::PAIR_SUMMARY.as_str(),
        pair_actor = warta::PAIR_ACTOR.as_str(),
        pair_party = warta::PAIR_PARTY.as_str(),
    )
}

/// The summary node of the triple `subject predicate object`: [`id::triple`] of the first 12
/// bytes of the SHA-256 of the three IRIs joined by spaces, in hex. The recount computes the
/// same in SPARQL ([`triple_node_expression`]).
pub fn triple_node(subject: NamedNodeRef<'_>, predicate: NamedNodeRef<'_>, object: NamedNodeRef<'_>) -> NamedNode {
    id::triple(&short_hash(&format!(
        "{} {} {}",
        subject.as_str(),
        predicate.as_str(),
        object.as_str()
    )))
}

/// [`triple_node`] as a SPARQL expression of three variables.
fn triple_node_expression(subject: &str, predicate: &str, object: &str) -> String {
    format!(
        "IRI(CONCAT(\"{}\", SUBSTR(SHA256(CONCAT(STR({subject}), \" \", STR({predicate}), \" \", STR({object}))), 1, 24)))",
        id::TRIPLE_BASE
    )
}

/// The summary node of the ordered pair `actor`, `party`: [`id::pair`] of the first 12 bytes of
/// the SHA-256 of the two IRIs joined by a space, in hex. The recount computes the same in SPARQL
/// ([`pair_node_expression`]).
pub fn pair_node(actor: NamedNodeRef<'_>, party: NamedNodeRef<'_>) -> NamedNode {
    id::pair(&short_hash(&format!("{} {}", actor.as_str(), party.as_str())))
}

/// [`pair_node`] as a SPARQL expression of two variables.
fn pair_node_expression(actor: &str, party: &str) -> String {
    format!(
        "IRI(CONCAT(\"{}\", SUBSTR(SHA256(CONCAT(STR({actor}), \" \", STR({party}))), 1, 24)))",
        id::PAIR_BASE
    )
}

/// The first 12 bytes of the SHA-256 of `text`, in hex: the local name of a summary node.
fn short_hash(text: &str) -> String {
    Sha256::digest(text.as_bytes())
        .iter()
        .take(12)
        .map(|b| format!("{b:02x}"))
        .collect()
}

/// The graphs a SPARQL Update may change the contribution of: the named graphs it writes, and the
/// articles whose type or date it writes in the default graph; `None` when that cannot be told
/// from its text (a variable graph or subject, a whole default graph cleared, a load into it,
/// or a write to the summary graph itself).
pub fn update_reach(update: &spargebra::Update) -> Option<BTreeSet<NamedNode>> {
    use spargebra::GraphUpdateOperation as Operation;
    use spargebra::algebra::GraphTarget;
    use spargebra::term::{GraphName, GraphNamePattern, GroundTermPattern, NamedNodePattern, NamedOrBlankNode, TermPattern};

    let mut graphs = BTreeSet::new();
    // Adds what a quad of a template or of data changes; false when it cannot be told.
    let mut add = |graph: Option<&NamedNode>, subject: Option<&NamedNode>, subject_known: bool, predicate: &NamedNodePattern| -> bool {
        if let Some(graph) = graph {
            graphs.insert(graph.clone());
            return graph.as_str() != id::SUMMARY_GRAPH;
        }
        let describes = match predicate {
            NamedNodePattern::NamedNode(p) => p.as_ref() == rdf::TYPE || p.as_ref() == dcterms::DATE,
            NamedNodePattern::Variable(_) => true,
        };
        if !describes {
            return true;
        }
        match subject {
            Some(subject) => {
                graphs.insert(subject.clone());
                true
            }
            // A blank node is never an article graph's name; a variable may be any.
            None => subject_known,
        }
    };
    for operation in &update.operations {
        let told = match operation {
            Operation::InsertData { data } => data.iter().all(|quad| {
                let graph = match &quad.graph_name {
                    GraphName::NamedNode(graph) => Some(graph),
                    GraphName::DefaultGraph => None,
                };
                let subject = match &quad.subject {
                    NamedOrBlankNode::NamedNode(subject) => Some(subject),
                    NamedOrBlankNode::BlankNode(_) => None,
                };
                add(graph, subject, true, &NamedNodePattern::NamedNode(quad.predicate.clone()))
            }),
            Operation::DeleteData { data } => data.iter().all(|quad| {
                let graph = match &quad.graph_name {
                    GraphName::NamedNode(graph) => Some(graph),
                    GraphName::DefaultGraph => None,
                };
                add(
                    graph,
                    Some(&quad.subject),
                    true,
                    &NamedNodePattern::NamedNode(quad.predicate.clone()),
                )
            }),
            Operation::DeleteInsert { delete, insert, .. } => {
                let deleted = delete.iter().all(|quad| {
                    let subject = match &quad.subject {
                        GroundTermPattern::NamedNode(subject) => (Some(subject), true),
                        GroundTermPattern::Variable(_) => (None, false),
                        _ => (None, true),
                    };
                    match &quad.graph_name {
                        GraphNamePattern::NamedNode(graph) => add(Some(graph), None, true, &quad.predicate),
                        GraphNamePattern::DefaultGraph => add(None, subject.0, subject.1, &quad.predicate),
                        GraphNamePattern::Variable(_) => false,
                    }
                });
                let inserted = insert.iter().all(|quad| {
                    let subject = match &quad.subject {
                        TermPattern::NamedNode(subject) => (Some(subject), true),
                        TermPattern::Variable(_) => (None, false),
                        _ => (None, true),
                    };
                    match &quad.graph_name {
                        GraphNamePattern::NamedNode(graph) => add(Some(graph), None, true, &quad.predicate),
                        GraphNamePattern::DefaultGraph => add(None, subject.0, subject.1, &quad.predicate),
                        GraphNamePattern::Variable(_) => false,
                    }
                });
                deleted && inserted
            }
            Operation::Load { destination, .. } => match destination {
                GraphName::NamedNode(graph) => add(Some(graph), None, true, &NamedNodePattern::NamedNode(rdf::TYPE.into_owned())),
                GraphName::DefaultGraph => false,
            },
            Operation::Clear { graph, .. } | Operation::Drop { graph, .. } => match graph {
                GraphTarget::NamedNode(graph) => add(Some(graph), None, true, &NamedNodePattern::NamedNode(rdf::TYPE.into_owned())),
                GraphTarget::DefaultGraph | GraphTarget::NamedGraphs | GraphTarget::AllGraphs => false,
            },
            Operation::Create { .. } => true,
        };
        if !told {
            return None;
        }
    }
    Some(graphs)
}

/// [`update_reach`] of an update's text, parsed with the prefixes warta predeclares.
pub fn update_reach_of_text(update: &str, base_iri: Option<&str>) -> Option<BTreeSet<NamedNode>> {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in crate::vocab::PREFIXES {
        parser = parser.with_prefix(prefix, namespace).ok()?;
    }
    if let Some(base) = base_iri {
        parser = parser.with_base_iri(base).ok()?;
    }
    update_reach(&parser.parse_update(update).ok()?)
}

/// `(<relation> <property>)` rows for SPARQL `VALUES (?p ?property)`: each relation with the
/// count its family adds to, where it has one.
fn relation_values(property: impl Fn(Family) -> Option<NamedNodeRef<'static>>) -> String {
    Relation::ALL
        .iter()
        .filter_map(|r| Some(format!("(<{}> <{}>)", warta::relation(*r).as_str(), property(r.family())?.as_str())))
        .collect::<Vec<_>>()
        .join(" ")
}

fn values(relations: impl Iterator<Item = Relation>) -> String {
    relations
        .map(|r| format!("<{}>", warta::relation(r).as_str()))
        .collect::<Vec<_>>()
        .join(" ")
}

/// The relation a predicate names, if it is one of warta's.
pub fn relation_of(predicate: NamedNodeRef<'_>) -> Option<Relation> {
    Relation::ALL.into_iter().find(|r| warta::relation(*r) == predicate)
}

/// The triples of the summary graph with the number of articles asserting each: those in which
/// `actor` is the `role` (`rdf:subject` or `rdf:object`), or all of them.
pub fn summarised_triples(
    store: &oxigraph::store::Store,
    role: Option<(NamedNodeRef<'_>, NamedNodeRef<'_>)>,
) -> Result<Vec<(NamedNode, Relation, NamedNode, i64)>, oxigraph::store::StorageError> {
    use oxigraph::model::{GraphNameRef, NamedOrBlankNodeRef, Term};
    let summary = id::summary_graph();
    let graph = GraphNameRef::NamedNode(summary.as_ref());
    let one = |node: NamedOrBlankNodeRef<'_>, property: NamedNodeRef<'_>| -> Result<Option<Term>, oxigraph::store::StorageError> {
        Ok(store
            .quads_for_pattern(Some(node), Some(property), None, Some(graph))
            .next()
            .transpose()?
            .map(|quad| quad.object))
    };
    let nodes = match role {
        Some((role, actor)) => store.quads_for_pattern(None, Some(role), Some(actor.into()), Some(graph)),
        None => store.quads_for_pattern(None, Some(rdf::TYPE), Some(warta::TRIPLE_SUMMARY.into()), Some(graph)),
    };
    let mut found = Vec::new();
    for quad in nodes {
        let node = quad?.subject;
        let (Some(Term::NamedNode(subject)), Some(Term::NamedNode(predicate)), Some(Term::NamedNode(object))) = (
            one(node.as_ref(), rdf::SUBJECT)?,
            one(node.as_ref(), rdf::PREDICATE)?,
            one(node.as_ref(), rdf::OBJECT)?,
        ) else {
            continue;
        };
        let Some(relation) = relation_of(predicate.as_ref()) else {
            continue;
        };
        let count = match one(node.as_ref(), warta::ARTICLE_COUNT)? {
            Some(Term::Literal(literal)) => literal.value().parse().unwrap_or(0),
            _ => 0,
        };
        found.push((subject, relation, object, count));
    }
    Ok(found)
}

/// Whether `store` keeps a summary graph (it says so of itself).
pub fn is_kept(store: &oxigraph::store::Store) -> Result<bool, oxigraph::store::StorageError> {
    let graph = id::summary_graph();
    store.contains(oxigraph::model::QuadRef::new(
        graph.as_ref(),
        rdf::TYPE,
        warta::SUMMARY,
        oxigraph::model::GraphNameRef::NamedNode(graph.as_ref()),
    ))
}

/// The integer `subject property` of the summary graph: an actor's counts, the store's articles.
pub fn count_of(
    store: &oxigraph::store::Store,
    subject: NamedNodeRef<'_>,
    property: NamedNodeRef<'_>,
) -> Result<i64, oxigraph::store::StorageError> {
    let graph = id::summary_graph();
    for quad in store.quads_for_pattern(
        Some(subject.into()),
        Some(property),
        None,
        Some(oxigraph::model::GraphNameRef::NamedNode(graph.as_ref())),
    ) {
        if let oxigraph::model::Term::Literal(literal) = quad?.object {
            return Ok(literal.value().parse().unwrap_or(0));
        }
    }
    Ok(0)
}

/// What one article graph adds to the summary: its distinct triples between IRIs of the ten
/// relations, and its dates (the `xsd:date` values of its `dcterms:date`, as `YYYY-MM-DD`).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Contribution {
    pub triples: BTreeSet<(NamedNode, Relation, NamedNode)>,
    pub dates: BTreeSet<String>,
}

impl Contribution {
    /// The actors its triples name, as subject or object.
    pub fn actors(&self) -> BTreeSet<&NamedNode> {
        self.triples.iter().flat_map(|(s, _, o)| [s, o]).collect()
    }

    /// Counts an article's `dcterms:date`, if it is a date the summary counts.
    pub fn add_date(&mut self, date: &Term) {
        if let Term::Literal(literal) = date {
            if let Some(date) = counted_date(literal) {
                self.dates.insert(date.to_owned());
            }
        }
    }

    /// Counts a triple of one of the relations, if it is between two IRIs.
    pub fn add_triple(&mut self, subject: &NamedOrBlankNode, relation: Relation, object: &Term) {
        if let (NamedOrBlankNode::NamedNode(subject), Term::NamedNode(object)) = (subject, object) {
            self.triples.insert((subject.clone(), relation, object.clone()));
        }
    }

    /// What an article's quads contribute once written: the same as the store reads back from
    /// its graph and description, without reading; `None` when they do not describe an article.
    pub fn of_article(quads: &ArticleQuads) -> Option<Contribution> {
        let graph = quads.graph.as_ref()?;
        let about_article = |quad: &&Quad| quad.graph_name.is_default_graph() && quad.subject.as_ref() == graph.as_ref().into();
        let typed = quads
            .default
            .iter()
            .filter(about_article)
            .any(|quad| quad.predicate == rdf::TYPE && quad.object.as_ref() == warta::ARTICLE.into());
        if !typed {
            return None;
        }
        let mut found = Contribution::default();
        for quad in quads.default.iter().filter(about_article) {
            if quad.predicate == dcterms::DATE {
                found.add_date(&quad.object);
            }
        }
        let graph_name = GraphName::NamedNode(graph.clone());
        for quad in quads.named.iter().filter(|quad| quad.graph_name == graph_name) {
            if let Some(relation) = relation_of(quad.predicate.as_ref()) {
                found.add_triple(&quad.subject, relation, &quad.object);
            }
        }
        Some(found)
    }
}

/// The summary of many articles added to a store at once (a build's bulk loads), counted as they
/// pass: what a recount of those articles alone would write. Actors are numbered and dates kept
/// as first and last only, so that its size grows with the distinct triples, not the articles.
#[derive(Debug, Default)]
pub struct Tally {
    actors: Vec<NamedNode>,
    actor_numbers: HashMap<NamedNode, u32>,
    triples: HashMap<(u32, Relation, u32), TripleTally>,
    /// Per actor number: articles whose triples name it.
    actor_articles: Vec<u64>,
    articles: u64,
}

/// Articles asserting one triple, and their first and last dates.
#[derive(Debug, Default)]
struct TripleTally {
    articles: u64,
    first: Option<Box<str>>,
    last: Option<Box<str>>,
}

/// One distinct triple of a [`Tally`]: `(subject, relation, object, articles, first, last)`.
pub type TalliedTriple<'a> = (&'a NamedNode, Relation, &'a NamedNode, u64, Option<&'a str>, Option<&'a str>);

impl Tally {
    /// Counts one more article.
    pub fn add(&mut self, contribution: &Contribution) {
        self.articles += 1;
        let (first, last) = (contribution.dates.first(), contribution.dates.last());
        for (subject, relation, object) in &contribution.triples {
            let key = (self.number(subject), *relation, self.number(object));
            let triple = self.triples.entry(key).or_default();
            triple.articles += 1;
            if let Some(first) = first.filter(|date| triple.first.as_deref().is_none_or(|old| date.as_str() < old)) {
                triple.first = Some(first.as_str().into());
            }
            if let Some(last) = last.filter(|date| triple.last.as_deref().is_none_or(|old| date.as_str() > old)) {
                triple.last = Some(last.as_str().into());
            }
        }
        for actor in contribution.actors() {
            let number = self.number(actor);
            if let Some(articles) = self.actor_articles.get_mut(number as usize) {
                *articles += 1;
            }
        }
    }

    fn number(&mut self, actor: &NamedNode) -> u32 {
        if let Some(number) = self.actor_numbers.get(actor) {
            return *number;
        }
        let number = u32::try_from(self.actors.len()).unwrap_or(u32::MAX);
        self.actors.push(actor.clone());
        self.actor_articles.push(0);
        self.actor_numbers.insert(actor.clone(), number);
        number
    }

    /// Articles counted.
    pub fn articles(&self) -> u64 {
        self.articles
    }

    /// Every distinct triple counted, in no order.
    pub fn triples(&self) -> impl Iterator<Item = TalliedTriple<'_>> {
        self.triples.iter().filter_map(|((subject, relation, object), triple)| {
            Some((
                self.actors.get(*subject as usize)?,
                *relation,
                self.actors.get(*object as usize)?,
                triple.articles,
                triple.first.as_deref(),
                triple.last.as_deref(),
            ))
        })
    }

    /// Every actor named, with the articles that name it.
    pub fn actor_articles(&self) -> impl Iterator<Item = (&NamedNode, u64)> {
        self.actors.iter().zip(self.actor_articles.iter().copied())
    }

    /// The whole summary graph of a store that holds exactly the articles counted: what
    /// [`recount_update`] would write there, node for node, made as it is read.
    pub fn summary_quads(&self) -> impl Iterator<Item = Quad> + '_ {
        let summary = id::summary_graph();
        let graph = GraphName::NamedNode(summary.clone());
        let mut actor_counts: HashMap<(&NamedNode, NamedNodeRef<'static>), u64> = HashMap::new();
        let mut pairs = PairCounts::default();
        for (subject, relation, object, articles, ..) in self.triples() {
            for key in actor_counts_of(subject, relation, object) {
                *actor_counts.entry(key).or_default() += articles;
            }
            pairs.add(subject, relation, object, signed_count(articles));
        }
        let in_summary =
            move |subject: NamedNode, property: NamedNodeRef<'_>, value: Term| Quad::new(subject, property, value, graph.clone());
        let triples = self.triples().flat_map(|(subject, relation, object, articles, first, last)| {
            let articles = signed_count(articles);
            triple_summary_quads(subject, relation, object, articles, first, last)
        });
        let actors = actor_counts
            .into_iter()
            .chain(
                self.actor_articles()
                    .map(|(actor, articles)| ((actor, warta::ARTICLE_COUNT), articles)),
            )
            // A count of zero is no count, as the recount writes it.
            .filter(|(_, count)| *count > 0)
            .map(|((actor, property), count)| (actor.clone(), property, count_literal(count).into()));
        let whole = [
            (summary.clone(), rdf::TYPE, warta::SUMMARY.into()),
            (summary, warta::ARTICLE_COUNT, count_literal(self.articles).into()),
        ];
        triples
            .chain(
                actors
                    .chain(whole)
                    .map(move |(subject, property, value)| in_summary(subject, property, value)),
            )
            .chain(pairs.into_quads())
    }
}

/// Per ordered pair of actors, the articles of each family's triples between them (or the change
/// in them): what the summary's `warta:PairSummary` nodes count.
#[derive(Debug, Default)]
pub struct PairCounts(HashMap<(NamedNode, NamedNode), [i64; Family::ALL.len()]>);

impl PairCounts {
    /// Adds the `articles` asserting `subject relation object` (negative: taken away).
    pub fn add(&mut self, subject: &NamedNode, relation: Relation, object: &NamedNode, articles: i64) {
        let slot = Family::ALL.iter().position(|f| *f == relation.family()).unwrap_or_default();
        let counts = self.0.entry((subject.clone(), object.clone())).or_default();
        if let Some(count) = counts.get_mut(slot) {
            *count += articles;
        }
    }

    /// Each pair's node with its count properties and their changes, in no order.
    pub fn changes(&self) -> impl Iterator<Item = (&NamedNode, &NamedNode, NamedNode, Vec<(NamedNodeRef<'static>, i64)>)> {
        self.0.iter().map(|((actor, party), counts)| {
            let changed = nonzero_pair_counts(counts).collect();
            (actor, party, pair_node(actor.as_ref(), party.as_ref()), changed)
        })
    }

    /// The pair nodes as the summary holds them, counting from nothing (so no count is
    /// negative): each pair described, with the counts that are not 0.
    pub fn into_quads(self) -> impl Iterator<Item = Quad> {
        let graph = GraphName::NamedNode(id::summary_graph());
        self.0.into_iter().flat_map(move |((actor, party), counts)| {
            let node = pair_node(actor.as_ref(), party.as_ref());
            let counts = nonzero_pair_counts(&counts)
                .map(|(property, count)| (property, Literal::from(count).into()))
                .collect::<Vec<_>>();
            pair_description(&actor, &party)
                .into_iter()
                .chain(counts)
                .map(|(property, value): (NamedNodeRef<'_>, Term)| Quad::new(node.clone(), property, value, graph.clone()))
                .collect::<Vec<_>>()
        })
    }
}

/// Each family's count property of a pair node with its count, where that is not 0.
fn nonzero_pair_counts(counts: &[i64; Family::ALL.len()]) -> impl Iterator<Item = (NamedNodeRef<'static>, i64)> + '_ {
    Family::ALL
        .iter()
        .zip(counts)
        .filter(|(_, count)| **count != 0)
        .map(|(family, count)| (warta::pair_count(*family), *count))
}

/// The properties of the pair node of `actor` → `party` that do not count: its type and actors.
pub fn pair_description(actor: &NamedNode, party: &NamedNode) -> [(NamedNodeRef<'static>, Term); 3] {
    [
        (rdf::TYPE, warta::PAIR_SUMMARY.into()),
        (warta::PAIR_ACTOR, actor.clone().into()),
        (warta::PAIR_PARTY, party.clone().into()),
    ]
}

/// The counts of the summary's actors that a triple adds its articles to: the subject's
/// `warta:stanceCount` and the count of the relation's family (`warta:appealCount`, ...), the
/// object's `warta:receivedStanceCount`; none for an affiliation. One rule for the build's
/// [`Tally`] and the writes' `Changes`; the recount spells it in SPARQL.
pub fn actor_counts_of<'a>(
    subject: &'a NamedNode,
    relation: Relation,
    object: &'a NamedNode,
) -> impl Iterator<Item = (&'a NamedNode, NamedNodeRef<'static>)> {
    let taken_and_received = [(subject, warta::STANCE_COUNT), (object, warta::RECEIVED_STANCE_COUNT)];
    // An affiliation has no family count either, so the chain is empty for it.
    let family = warta::family_count(relation.family()).map(|property| (subject, property));
    relation
        .is_stance()
        .then_some(taken_and_received)
        .into_iter()
        .flatten()
        .chain(family)
}

/// The quads of the summary node of the triple `subject relation object`, asserted by `articles`
/// articles dated from `first` to `last`.
pub fn triple_summary_quads(
    subject: &NamedNode,
    relation: Relation,
    object: &NamedNode,
    articles: i64,
    first: Option<&str>,
    last: Option<&str>,
) -> Vec<Quad> {
    let predicate = warta::relation(relation);
    let node = triple_node(subject.as_ref(), predicate, object.as_ref());
    let graph = GraphName::NamedNode(id::summary_graph());
    let dates = [(warta::FIRST_DATE, first), (warta::LAST_DATE, last)]
        .into_iter()
        .filter_map(|(property, date)| Some((property, Literal::new_typed_literal(date?, xsd::DATE).into())));
    [
        (rdf::TYPE, warta::TRIPLE_SUMMARY.into()),
        (rdf::SUBJECT, subject.clone().into()),
        (rdf::PREDICATE, predicate.into()),
        (rdf::OBJECT, object.clone().into()),
        (warta::ARTICLE_COUNT, Literal::from(articles).into()),
    ]
    .into_iter()
    .chain(dates)
    .map(|(property, value): (NamedNodeRef<'_>, Term)| Quad::new(node.clone(), property, value, graph.clone()))
    .collect()
}

/// A count as the summary writes it: an `xsd:integer`.
fn count_literal(count: u64) -> Literal {
    Literal::from(signed_count(count))
}

/// A count as the signed integer the summary's arithmetic adds and takes away (saturating: no
/// store counts past `i64::MAX`).
pub fn signed_count(count: u64) -> i64 {
    i64::try_from(count).unwrap_or(i64::MAX)
}

/// A date the summary counts: an `xsd:date` of ten characters (`2020-09-27`), so that its text
/// orders as its value does.
pub fn counted_date(literal: &oxigraph::model::Literal) -> Option<&str> {
    (literal.datatype() == xsd::DATE && literal.value().chars().count() == 10).then(|| literal.value())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_recount_parses_as_sparql_update() {
        for graph in [None, Some("urn:x-local:descriptions")] {
            let text = recount_update(graph);
            if let Err(e) = spargebra::SparqlParser::new().parse_update(&text) {
                panic!("{e}\n{text}");
            }
        }
    }

    fn reach(update: &str) -> Option<Vec<String>> {
        let parsed = spargebra::SparqlParser::new().parse_update(update).unwrap();
        update_reach(&parsed).map(|graphs| graphs.into_iter().map(NamedNode::into_string).collect())
    }

    #[test]
    fn an_update_reaches_the_graphs_it_names() {
        assert_eq!(
            reach(&format!(
                "INSERT DATA {{ GRAPH <http://g/1> {{ <http://a> <http://p> <http://b> }} <http://g/2> <{}> \"2020-01-01\" . <http://g/3> <{}> \"t\" }}",
                dcterms::DATE.as_str(),
                dcterms::TITLE.as_str()
            )),
            Some(vec!["http://g/1".to_owned(), "http://g/2".to_owned()])
        );
        assert_eq!(reach("DELETE WHERE { <http://g/4> ?p ?o }"), Some(vec!["http://g/4".to_owned()]));
        assert_eq!(reach("DROP GRAPH <http://g/5>"), Some(vec!["http://g/5".to_owned()]));
        assert_eq!(reach("DELETE WHERE { GRAPH ?g { ?s ?p ?o } }"), None);
        assert_eq!(reach("DELETE WHERE { ?s a ?o }"), None);
        assert_eq!(reach("CLEAR DEFAULT"), None);
        assert_eq!(reach(&format!("DROP GRAPH <{}>", id::SUMMARY_GRAPH)), None);
    }

    #[test]
    fn triple_nodes_are_content_hashes() {
        let a = NamedNode::new_unchecked("http://example.com/a");
        let b = NamedNode::new_unchecked("http://example.com/b");
        let node = triple_node(a.as_ref(), warta::relation(Relation::Urges), b.as_ref());
        assert!(node.as_str().starts_with(id::TRIPLE_BASE));
        assert_eq!(node.as_str().len(), id::TRIPLE_BASE.len() + 24);
        assert_ne!(node, triple_node(b.as_ref(), warta::relation(Relation::Urges), a.as_ref()));
    }

    #[test]
    fn pair_nodes_are_ordered_content_hashes_the_recount_mints_alike() {
        let a = NamedNode::new_unchecked("http://example.com/a");
        let b = NamedNode::new_unchecked("http://example.com/b");
        let node = pair_node(a.as_ref(), b.as_ref());
        assert!(node.as_str().starts_with(id::PAIR_BASE));
        assert_ne!(node, pair_node(b.as_ref(), a.as_ref()), "a pair is ordered");
        let minted = oxigraph::store::Store::new().unwrap();
        let expression = pair_node_expression("<http://example.com/a>", "<http://example.com/b>");
        let solutions = oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(&format!("SELECT ({expression} AS ?pair) WHERE {{}}"))
            .unwrap()
            .on_store(&minted)
            .execute()
            .unwrap();
        let oxigraph::sparql::QueryResults::Solutions(mut solutions) = solutions else {
            panic!("a SELECT gives solutions")
        };
        let solution = solutions.next().unwrap().unwrap();
        assert_eq!(solution.get("pair"), Some(&node.into()));
    }
}
