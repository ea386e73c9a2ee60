//! Extractions and the gazetteer → RDF quads, in the fixed data model: the article and its
//! actors described in the default graph, what the article states in the article's named
//! graph, the gazetteer in the reference graph.
//!
//! Owns: IRI minting for statements (content hashes, so a rebuild writes the same IRIs) and
//! literal typing. Must not: do I/O or know Indonesian.

use std::collections::HashSet;

use oxrdf::{GraphName, Literal, NamedNode, NamedOrBlankNode, Quad, Term};
use sha2::{Digest, Sha256};

use crate::vocab::{dcterms, id, owl, rdf, rdfs, skos, warta, xsd};
use warta_text::input::Article;
use warta_text::lexicon::{ActorInfo, Gazetteer};
use warta_text::pipeline::{Extraction, Statement};

/// The quads of one article: `default` for the default graph, `named` for the article's graph.
#[derive(Debug, Clone, Default)]
pub struct ArticleQuads {
    pub graph: Option<NamedNode>,
    pub default: Vec<Quad>,
    pub named: Vec<Quad>,
}

impl ArticleQuads {
    /// Every quad, default graph first.
    pub fn all(&self) -> impl Iterator<Item = &Quad> {
        self.default.iter().chain(&self.named)
    }

    /// Every quad but the actor descriptions already in `described`, to which it adds the new
    /// ones: a stream of many articles then describes each actor once, as a store holds it,
    /// rather than once per article that names it.
    pub fn not_described<'a>(&'a self, described: &'a mut HashSet<Quad>) -> impl Iterator<Item = &'a Quad> + 'a {
        let article = self.graph.as_ref();
        self.all().filter(move |quad| is_new(quad, article, described))
    }

    /// [`ArticleQuads::not_described`], giving the quads away.
    pub fn into_not_described(self, described: &mut HashSet<Quad>) -> impl Iterator<Item = Quad> + '_ {
        let article = self.graph;
        self.default
            .into_iter()
            .chain(self.named)
            .filter(move |quad| is_new(quad, article.as_ref(), described))
    }
}

/// Whether a quad of `article` is to be written: not an actor description in `described`, to
/// which it is then added.
fn is_new(quad: &Quad, article: Option<&NamedNode>, described: &mut HashSet<Quad>) -> bool {
    let describes_the_article = matches!(&quad.subject, NamedOrBlankNode::NamedNode(subject) if Some(subject) == article);
    let is_actor_description = quad.graph_name.is_default_graph() && !describes_the_article;
    !is_actor_description || described.insert(quad.clone())
}

struct Builder {
    graph: GraphName,
    quads: Vec<Quad>,
}

impl Builder {
    fn new(graph: GraphName) -> Builder {
        Builder { graph, quads: Vec::new() }
    }

    fn add(&mut self, subject: impl Into<NamedOrBlankNode>, predicate: impl Into<NamedNode>, object: impl Into<Term>) {
        self.quads.push(Quad::new(subject, predicate, object, self.graph.clone()));
    }
}

pub fn article_quads(article: &Article, extraction: &Extraction) -> ArticleQuads {
    let article_node = id::article(article.id.as_str());
    let mut default = Builder::new(GraphName::DefaultGraph);
    default.add(article_node.clone(), rdf::TYPE, warta::ARTICLE);
    default.add(
        article_node.clone(),
        dcterms::IDENTIFIER,
        Literal::new_simple_literal(article.id.as_str()),
    );
    if let Some(title) = &article.title {
        default.add(article_node.clone(), dcterms::TITLE, Literal::new_simple_literal(title));
    }
    if let Some(date) = &article.date {
        default.add(article_node.clone(), dcterms::DATE, date_literal(date));
    }
    if let Some(source) = &article.source {
        default.add(article_node.clone(), dcterms::SOURCE, Literal::new_simple_literal(source));
    }
    default.add(article_node.clone(), warta::TEXT, Literal::new_simple_literal(&article.text));
    if let Some(url) = article.url.as_deref().and_then(|u| NamedNode::new(u).ok()) {
        default.add(article_node.clone(), rdfs::SEE_ALSO, url);
    }
    for actor in &extraction.actors {
        describe_actor(&mut default, actor);
    }

    let mut named = Builder::new(GraphName::NamedNode(article_node.clone()));
    for statement in &extraction.statements {
        let subject = id::actor(&statement.subject);
        let object = id::actor(&statement.object);
        let predicate = warta::relation(statement.relation);
        named.add(subject.clone(), predicate, object.clone());
        let node = id::statement(&statement_hash(article.id.as_str(), statement));
        named.add(node.clone(), rdf::TYPE, warta::STATEMENT);
        named.add(node.clone(), rdf::SUBJECT, subject);
        named.add(node.clone(), rdf::PREDICATE, predicate);
        named.add(node.clone(), rdf::OBJECT, object);
        named.add(node.clone(), warta::ARTICLE_PROPERTY, article_node.clone());
        if let Some(sentence) = extraction.sentences.get(statement.sentence) {
            named.add(node.clone(), warta::SENTENCE, Literal::new_simple_literal(&sentence.text));
            named.add(node.clone(), warta::SENTENCE_INDEX, integer(sentence.index));
            named.add(node.clone(), warta::CHAR_START, integer(sentence.char_start));
            named.add(node.clone(), warta::CHAR_END, integer(sentence.char_end));
        }
        named.add(node.clone(), warta::TRIGGER, Literal::new_simple_literal(&statement.trigger));
        if let Some(date) = &statement.date {
            named.add(node.clone(), warta::DATE, Literal::new_typed_literal(date, xsd::DATE));
        }
        named.add(
            node.clone(),
            warta::MODALITY,
            Literal::new_simple_literal(statement.modality.name()),
        );
        named.add(
            node.clone(),
            warta::CONFIDENCE,
            Literal::new_typed_literal(format!("{:.3}", statement.confidence), xsd::DECIMAL),
        );
        named.add(node, warta::RULE, Literal::new_simple_literal(statement.rule));
    }
    ArticleQuads {
        graph: Some(article_node),
        default: default.quads,
        named: named.quads,
    }
}

/// What the default graph says of an actor: its classes, labels and Wikidata link.
fn describe_actor(builder: &mut Builder, actor: &ActorInfo) {
    let node = id::actor(&actor.key);
    builder.add(node.clone(), rdf::TYPE, warta::ACTOR);
    builder.add(node.clone(), rdf::TYPE, warta::class(actor.kind));
    builder.add(
        node.clone(),
        rdfs::LABEL,
        Literal::new_language_tagged_literal_unchecked(&actor.label_id, "id"),
    );
    if let Some(english) = &actor.label_en {
        builder.add(
            node.clone(),
            rdfs::LABEL,
            Literal::new_language_tagged_literal_unchecked(english, "en"),
        );
    }
    for alias in &actor.aliases {
        builder.add(node.clone(), skos::ALT_LABEL, Literal::new_simple_literal(alias));
    }
    if let Some(item) = &actor.wikidata {
        builder.add(node.clone(), owl::SAME_AS, id::wikidata(item));
    }
    if let Some(parent) = &actor.parent {
        builder.add(node, warta::PARENT, id::actor(parent));
    }
}

/// The gazetteer as RDF, in the reference graph: labels, Wikidata links, ISO codes, members,
/// parents and metonyms, for queries that join with outside data.
pub fn reference_quads(gazetteer: &Gazetteer) -> Vec<Quad> {
    let mut builder = Builder::new(GraphName::NamedNode(id::reference_graph()));
    for actor in gazetteer.actors() {
        describe_actor(&mut builder, actor);
        let node = id::actor(&actor.key);
        if let Some(code) = &actor.iso2 {
            builder.add(node.clone(), warta::ISO_ALPHA2, Literal::new_simple_literal(code));
        }
        if let Some(code) = &actor.iso3 {
            builder.add(node.clone(), warta::ISO_ALPHA3, Literal::new_simple_literal(code));
        }
        if actor.kind == warta_text::model::ActorKind::Country {
            if let Some(status) = &actor.category {
                builder.add(node.clone(), warta::UN_STATUS, Literal::new_simple_literal(status));
            }
        }
        for metonym in &actor.metonyms {
            builder.add(node.clone(), warta::METONYM, Literal::new_simple_literal(metonym));
        }
        for member in &actor.members {
            builder.add(id::actor(member), warta::MEMBER_OF, node.clone());
        }
    }
    builder.quads
}

/// A content hash: the same statement of the same article always gets the same IRI.
fn statement_hash(article_id: &str, statement: &Statement) -> String {
    let mut hasher = Sha256::new();
    for part in [
        article_id,
        statement.subject.as_str(),
        statement.relation.name(),
        statement.object.as_str(),
        &statement.sentence.to_string(),
    ] {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    hasher.finalize().iter().take(12).map(|b| format!("{b:02x}")).collect()
}

fn integer(value: usize) -> Literal {
    Literal::new_typed_literal(value.to_string(), xsd::INTEGER)
}

/// Whether `date` is written `YYYY-MM-DD`, the form stored as `xsd:date`.
pub fn is_iso_date(date: &str) -> bool {
    let bytes = date.as_bytes();
    bytes.len() == 10
        && bytes
            .iter()
            .enumerate()
            .all(|(i, b)| if i == 4 || i == 7 { *b == b'-' } else { b.is_ascii_digit() })
}

/// An ISO date as `xsd:date`, anything else as a plain string.
fn date_literal(date: &str) -> Literal {
    if is_iso_date(date) {
        Literal::new_typed_literal(date, xsd::DATE)
    } else {
        Literal::new_simple_literal(date)
    }
}
