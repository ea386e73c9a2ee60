//! A build: articles read from the inputs, extracted in parallel, written to the store one
//! article graph at a time, with the reference and vocabulary graphs refreshed.
//!
//! Owns: the order of input → pipeline → rdf → store and progress reporting. Must not: parse
//! language, print, or decide what a bad input means for the exit code (the caller does).

use oxigraph::io::{RdfFormat, RdfParser};
use oxigraph::model::{GraphName, NamedNode, Quad};
use rayon::prelude::*;

use crate::rdf::{ArticleQuads, article_quads, reference_quads};
use crate::store::{CHECKPOINT_INTERVAL, Checkpoints, Store, StoreError};
use crate::vocab::id;
use warta_text::input::{Article, ArticleId, InputProblem, InputSource, ReadOptions, read_source};
use warta_text::lexicon::Lexicon;

/// Articles are extracted this many at a time: enough to keep every core busy, few enough that a
/// huge JSON Lines file never sits in memory whole.
const BATCH: usize = 256;

/// What happened during a build, reported as it goes.
#[derive(Debug)]
pub enum BuildEvent<'a> {
    /// One article is in the store.
    Loaded { id: &'a str, statements: usize },
    /// One input was skipped.
    Skipped(&'a InputProblem),
    /// One input was read with a change it should know of (bad bytes replaced, a duplicate id).
    Warned(&'a InputProblem),
}

/// What a build did.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BuildReport {
    pub articles: usize,
    pub statements: usize,
    pub problems: Vec<InputProblem>,
    pub warnings: Vec<InputProblem>,
    /// Articles whose id came again later in the build; they are not counted in `articles`.
    pub duplicates: usize,
}

/// Extracts an article into the quads it adds to a store.
pub fn article_to_quads(article: &Article, lexicon: &Lexicon) -> ArticleQuads {
    article_quads(article, &warta_text::pipeline::extract(article, lexicon))
}

/// Reads every source and loads each good article into `store`, replacing its previous graph.
pub fn build(
    store: &Store,
    lexicon: &Lexicon,
    sources: &[InputSource],
    options: &ReadOptions,
    on_event: &mut dyn FnMut(BuildEvent<'_>),
) -> Result<BuildReport, StoreError> {
    load_background_graphs(store, lexicon)?;
    // So that a crash leaves readers seconds of log to replay, not the whole build.
    let checkpoints = Checkpoints::start(store, CHECKPOINT_INTERVAL);
    let mut report = BuildReport::default();
    let mut batch: Vec<Article> = Vec::with_capacity(BATCH);
    let mut failure: Option<StoreError> = None;
    // An id met again replaces the article read before it (the last wins), and says so.
    let mut seen: std::collections::HashSet<ArticleId> = std::collections::HashSet::new();
    let flush = |batch: &mut Vec<Article>, report: &mut BuildReport, on_event: &mut dyn FnMut(BuildEvent<'_>)| -> Result<(), StoreError> {
        let extracted: Vec<(String, ArticleQuads, usize)> = batch
            .par_iter()
            .map(|article| {
                let extraction = warta_text::pipeline::extract(article, lexicon);
                let n = extraction.statements.len();
                (article.id.to_string(), article_quads(article, &extraction), n)
            })
            .collect();
        for (id, quads, n_statements) in extracted {
            store.replace_article(&quads)?;
            report.articles += 1;
            report.statements += n_statements;
            on_event(BuildEvent::Loaded {
                id: &id,
                statements: n_statements,
            });
        }
        batch.clear();
        Ok(())
    };
    for source in sources {
        read_source(source, options, &mut |item| {
            if failure.is_some() {
                return;
            }
            match item {
                Ok(mut article) => {
                    if !seen.insert(article.id.clone()) {
                        article.warnings.push(InputProblem {
                            name: format!("article '{}'", article.id),
                            reason: "its id came before in this build: this one replaces that one (the last wins)".to_owned(),
                        });
                        report.duplicates += 1;
                    }
                    for warning in article.warnings.drain(..) {
                        on_event(BuildEvent::Warned(&warning));
                        report.warnings.push(warning);
                    }
                    batch.push(article);
                    if batch.len() >= BATCH {
                        if let Err(e) = flush(&mut batch, &mut report, on_event) {
                            failure = Some(e);
                        }
                    }
                }
                Err(problem) => {
                    on_event(BuildEvent::Skipped(&problem));
                    report.problems.push(problem);
                }
            }
        });
        if let Some(e) = failure.take() {
            return Err(e);
        }
    }
    flush(&mut batch, &mut report, on_event)?;
    report.articles = report.articles.saturating_sub(report.duplicates);
    checkpoints.finish()?;
    store.flush()?;
    Ok(report)
}

/// The gazetteer (reference graph) and the vocabulary (vocabulary graph), so that queries can
/// join on ISO codes and follow `rdfs:subPropertyOf`.
pub(crate) fn load_background_graphs(store: &Store, lexicon: &Lexicon) -> Result<(), StoreError> {
    for (graph, quads) in background_graphs(lexicon) {
        store.replace_graph(graph.as_ref(), &quads)?;
    }
    Ok(())
}

/// The graphs every store holds besides the articles' (the reference and the vocabulary graph),
/// with their quads: what `warta build` refreshes and `warta push` sends along.
pub fn background_graphs(lexicon: &Lexicon) -> [(NamedNode, Vec<Quad>); 2] {
    [
        (id::reference_graph(), reference_quads(&lexicon.gazetteer)),
        (id::vocabulary_graph(), vocabulary_quads(lexicon)),
    ]
}

/// The vocabulary of `data/ontology.ttl`, in the vocabulary graph.
pub fn vocabulary_quads(lexicon: &Lexicon) -> Vec<Quad> {
    let graph = GraphName::NamedNode(id::vocabulary_graph());
    RdfParser::from_format(RdfFormat::Turtle)
        .for_slice(lexicon.ontology.as_bytes())
        .filter_map(Result::ok)
        .map(|q| Quad::new(q.subject, q.predicate, q.object, graph.clone()))
        .collect()
}
