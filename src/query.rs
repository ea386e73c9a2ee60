//! SPARQL 1.1 over the store through `SparqlEvaluator`, written in the W3C result formats or as
//! an aligned table for people.
//!
//! Owns: result serialisation. Must not: know the pipeline.

use std::io::Write;
use std::panic::AssertUnwindSafe;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{Literal, NamedNode, Term, Variable};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, PreparedSparqlQuery, QueryResults, SparqlEvaluator};
use spargebra::algebra::{Expression, Function, GraphPattern};

use crate::federation::{ServiceClient, ServicePolicy};
use crate::store::Store;

/// How to write results. Graph results (CONSTRUCT, DESCRIBE) use the RDF syntax that matches.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ResultFormat {
    /// An aligned table with prefixed names; Turtle for graphs.
    Table,
    Tsv,
    Csv,
    Json,
    Xml,
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum QueryError {
    #[error("the query is not valid SPARQL: {0}")]
    Syntax(String),
    #[error("the query failed: {0}")]
    Evaluation(String),
    #[error("the query was cancelled after {0:?}")]
    Timeout(Duration),
    #[error("the query sorts more than {0} rows, the most one query may hold: narrow its patterns")]
    TooManyRows(usize),
    #[error("cannot write the results: {0}")]
    Write(#[from] std::io::Error),
}

/// What a query produced, for the caller's summary line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QueryOutcome {
    Solutions(usize),
    Boolean(bool),
    Triples(usize),
}

/// Limits for one query run.
#[derive(Debug, Clone)]
pub struct QueryConfig {
    /// Which endpoints `SERVICE` may call.
    pub services: ServicePolicy,
    pub timeout: Option<Duration>,
    /// The rows an `ORDER BY` may gather to sort (every one of them is held in memory); more stop
    /// the query with [`QueryError::TooManyRows`]. `None`: as many as memory takes.
    pub max_sorted_rows: Option<usize>,
    /// What relative IRIs of a query without `BASE` resolve against (the endpoint's URL).
    pub base_iri: Option<String>,
}

/// An evaluator with the prefixes people expect, the SERVICE policy, the base IRI, and `token`
/// to cancel with.
pub fn evaluator(config: &QueryConfig, token: &CancellationToken) -> Result<SparqlEvaluator, QueryError> {
    let mut evaluator = SparqlEvaluator::new();
    for (prefix, namespace) in crate::vocab::PREFIXES {
        evaluator = evaluator
            .with_prefix(prefix, namespace)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
    }
    if let Some(base) = &config.base_iri {
        evaluator = evaluator
            .with_base_iri(base.as_str())
            .map_err(|e| QueryError::Syntax(format!("the base IRI <{base}> is not an IRI: {e}")))?;
    }
    evaluator = evaluator.with_default_service_handler(ServiceClient::new(config.services.clone(), config.timeout));
    Ok(evaluator.with_cancellation_token(token.clone()))
}

/// Parses `query` and prepares it to run under `config`'s limits, cancelled by `token`.
///
/// Oxigraph checks `token` only when it reads the store, and an `ORDER BY` gathers its whole
/// input before it looks at anything, so a sort over a product of patterns held in memory would
/// run on (and grow) long after it was cancelled. Each operator that gathers its input (`ORDER
/// BY`, `GROUP BY`, `DISTINCT`, `REDUCED`) is therefore fed through a guard, a function called on
/// every row, which stops the evaluation when the token is cancelled or the sort has gathered
/// `max_sorted_rows` rows. Run the prepared query inside [`guarded`], which turns that stop into
/// an error.
pub fn prepare(config: &QueryConfig, query: &str, token: &CancellationToken) -> Result<PreparedSparqlQuery, QueryError> {
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in crate::vocab::PREFIXES {
        parser = parser
            .with_prefix(prefix, namespace)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
    }
    if let Some(base) = &config.base_iri {
        parser = parser
            .with_base_iri(base.as_str())
            .map_err(|e| QueryError::Syntax(format!("the base IRI <{base}> is not an IRI: {e}")))?;
    }
    let parsed = parser.parse_query(query).map_err(|e| QueryError::Syntax(e.to_string()))?;
    let guard = Guard::new(query);
    let guarded_query = guard.install(parsed);
    let evaluator = evaluator(config, token)?;
    let (sorted, alive) = (AtomicUsize::new(0), token.clone());
    let (limit, stop_token) = (config.max_sorted_rows.unwrap_or(usize::MAX), token.clone());
    Ok(evaluator
        .with_custom_function(guard.sorted_row, move |_| {
            if alive.is_cancelled() {
                std::panic::resume_unwind(Box::new(Stop::Cancelled));
            }
            if sorted.fetch_add(1, Ordering::Relaxed) >= limit {
                std::panic::resume_unwind(Box::new(Stop::TooManyRows(limit)));
            }
            Some(Literal::from(true).into())
        })
        .with_custom_function(guard.row, move |_| {
            if stop_token.is_cancelled() {
                std::panic::resume_unwind(Box::new(Stop::Cancelled));
            }
            Some(Literal::from(true).into())
        })
        .for_query(guarded_query))
}

/// Runs `work` (the evaluation of a query from [`prepare`] and the reading of its results),
/// turning a guard's stop into [`QueryError::Timeout`] or [`QueryError::TooManyRows`]. Any
/// other panic goes on unwinding: it is a bug, not a limit.
pub fn guarded<T>(timeout: Option<Duration>, work: impl FnOnce() -> Result<T, QueryError>) -> Result<T, QueryError> {
    match std::panic::catch_unwind(AssertUnwindSafe(work)) {
        Ok(result) => result,
        Err(payload) => match payload.downcast::<Stop>() {
            Ok(stop) => Err(match *stop {
                Stop::Cancelled => QueryError::Timeout(timeout.unwrap_or_default()),
                Stop::TooManyRows(limit) => QueryError::TooManyRows(limit),
            }),
            Err(other) => std::panic::resume_unwind(other),
        },
    }
}

/// Why a guard stopped an evaluation; the payload it unwinds with.
#[derive(Debug, Clone, Copy)]
enum Stop {
    Cancelled,
    TooManyRows(usize),
}

/// The guard functions of one query and the variable their value is bound to.
struct Guard {
    /// Called on each row an `ORDER BY` gathers: checks the token and counts.
    sorted_row: NamedNode,
    /// Called on each row `GROUP BY`, `DISTINCT` or `REDUCED` read: checks the token.
    row: NamedNode,
    /// Bound by the guard on each row; never projected, as the query's projection was fixed
    /// when it was parsed.
    variable: Variable,
}

impl Guard {
    fn new(query: &str) -> Guard {
        // A name the query does not use, so that the guard's binding never meets one of its own.
        let mut name = "warta_guard".to_owned();
        while query.contains(&name) {
            name.push('_');
        }
        Guard {
            sorted_row: crate::vocab::internal::sorted_row_guard(),
            row: crate::vocab::internal::row_guard(),
            variable: Variable::new_unchecked(name),
        }
    }

    fn install(&self, query: spargebra::Query) -> spargebra::Query {
        map_pattern(query, |pattern| self.rewrite(pattern))
    }

    /// `inner` with the guard `function` bound on each of its rows. Under a projection the guard
    /// goes inside it (`DISTINCT` sits above `SELECT`'s projection), so that its variable is never
    /// among the results.
    fn watched(&self, inner: GraphPattern, function: &NamedNode) -> Box<GraphPattern> {
        if let GraphPattern::Project { inner, variables } = inner {
            return Box::new(GraphPattern::Project {
                inner: self.watched(*inner, function),
                variables,
            });
        }
        Box::new(GraphPattern::Extend {
            inner: Box::new(self.rewrite(inner)),
            variable: self.variable.clone(),
            expression: Expression::FunctionCall(Function::Custom(function.clone()), Vec::new()),
        })
    }

    fn rewrite(&self, pattern: GraphPattern) -> GraphPattern {
        match pattern {
            GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
                inner: self.watched(*inner, &self.sorted_row),
                expression,
            },
            GraphPattern::Group {
                inner,
                variables,
                aggregates,
            } => GraphPattern::Group {
                inner: self.watched(*inner, &self.row),
                variables,
                aggregates,
            },
            GraphPattern::Distinct { inner } => GraphPattern::Distinct {
                inner: self.watched(*inner, &self.row),
            },
            GraphPattern::Reduced { inner } => GraphPattern::Reduced {
                inner: self.watched(*inner, &self.row),
            },
            other => map_children(other, |inner| self.rewrite(inner)),
        }
    }
}

/// `query` with its pattern replaced by `f` of it.
fn map_pattern(query: spargebra::Query, f: impl FnOnce(GraphPattern) -> GraphPattern) -> spargebra::Query {
    match query {
        spargebra::Query::Select {
            dataset,
            pattern,
            base_iri,
        } => spargebra::Query::Select {
            dataset,
            pattern: f(pattern),
            base_iri,
        },
        spargebra::Query::Construct {
            template,
            dataset,
            pattern,
            base_iri,
        } => spargebra::Query::Construct {
            template,
            dataset,
            pattern: f(pattern),
            base_iri,
        },
        spargebra::Query::Describe {
            dataset,
            pattern,
            base_iri,
        } => spargebra::Query::Describe {
            dataset,
            pattern: f(pattern),
            base_iri,
        },
        spargebra::Query::Ask {
            dataset,
            pattern,
            base_iri,
        } => spargebra::Query::Ask {
            dataset,
            pattern: f(pattern),
            base_iri,
        },
    }
}

/// `pattern` with each pattern directly inside it, but those of a SERVICE, replaced by `f` of it.
/// Written out because spargebra has no visitor that rebuilds a pattern; the guard and
/// [`without_limits`] match the operators they change and leave the walk to this.
fn map_children(pattern: GraphPattern, mut f: impl FnMut(GraphPattern) -> GraphPattern) -> GraphPattern {
    let mut child = |inner: Box<GraphPattern>| Box::new(f(*inner));
    match pattern {
        GraphPattern::OrderBy { inner, expression } => GraphPattern::OrderBy {
            inner: child(inner),
            expression,
        },
        GraphPattern::Group {
            inner,
            variables,
            aggregates,
        } => GraphPattern::Group {
            inner: child(inner),
            variables,
            aggregates,
        },
        GraphPattern::Distinct { inner } => GraphPattern::Distinct { inner: child(inner) },
        GraphPattern::Reduced { inner } => GraphPattern::Reduced { inner: child(inner) },
        GraphPattern::Join { left, right } => GraphPattern::Join {
            left: child(left),
            right: child(right),
        },
        GraphPattern::LeftJoin { left, right, expression } => GraphPattern::LeftJoin {
            left: child(left),
            right: child(right),
            expression,
        },
        GraphPattern::Lateral { left, right } => GraphPattern::Lateral {
            left: child(left),
            right: child(right),
        },
        GraphPattern::Filter { expr, inner } => GraphPattern::Filter { expr, inner: child(inner) },
        GraphPattern::Union { left, right } => GraphPattern::Union {
            left: child(left),
            right: child(right),
        },
        GraphPattern::Graph { name, inner } => GraphPattern::Graph { name, inner: child(inner) },
        GraphPattern::Extend {
            inner,
            variable,
            expression,
        } => GraphPattern::Extend {
            inner: child(inner),
            variable,
            expression,
        },
        GraphPattern::Minus { left, right } => GraphPattern::Minus {
            left: child(left),
            right: child(right),
        },
        GraphPattern::Project { inner, variables } => GraphPattern::Project {
            inner: child(inner),
            variables,
        },
        GraphPattern::Slice { inner, start, length } => GraphPattern::Slice {
            inner: child(inner),
            start,
            length,
        },
        // A SERVICE pattern is sent to another endpoint as it is: neither the guard nor a page
        // of ours applies there. Patterns and tables are leaves.
        leaf @ (GraphPattern::Service { .. } | GraphPattern::Bgp { .. } | GraphPattern::Path { .. } | GraphPattern::Values { .. }) => leaf,
    }
}

/// `query` without its `LIMIT`s and `OFFSET`s, in its own subqueries too: what `warta query
/// --all` runs, so that a stock query that pages (the 50 latest articles) gives every row.
pub fn without_limits(query: &str) -> Result<String, QueryError> {
    fn strip(pattern: GraphPattern) -> GraphPattern {
        match pattern {
            GraphPattern::Slice { inner, .. } => strip(*inner),
            other => map_children(other, strip),
        }
    }
    let mut parser = spargebra::SparqlParser::new();
    for (prefix, namespace) in crate::vocab::PREFIXES {
        parser = parser
            .with_prefix(prefix, namespace)
            .map_err(|e| QueryError::Syntax(e.to_string()))?;
    }
    let parsed = parser.parse_query(query).map_err(|e| QueryError::Syntax(e.to_string()))?;
    Ok(map_pattern(parsed, strip).to_string())
}

/// Runs `query` and writes its results to `out` in `format`.
pub fn run(
    store: &Store,
    query: &str,
    format: ResultFormat,
    config: &QueryConfig,
    out: &mut dyn Write,
) -> Result<QueryOutcome, QueryError> {
    let token = CancellationToken::new();
    let prepared = prepare(config, query, &token)?;
    let _watchdog = config.timeout.map(|limit| Watchdog::start(token.clone(), limit));
    guarded(config.timeout, || {
        let results = prepared
            .on_store(store.oxigraph())
            .execute()
            .map_err(|e| evaluation_error(&e.to_string(), config.timeout))?;
        write_results(results, format, out, config.timeout)
    })
}

fn evaluation_error(message: &str, timeout: Option<Duration>) -> QueryError {
    match timeout {
        Some(limit) if message.to_lowercase().contains("cancel") => QueryError::Timeout(limit),
        _ => QueryError::Evaluation(message.to_owned()),
    }
}

/// Cancels a query when its time is up; dropping it ends the watch.
struct Watchdog {
    done: std::sync::Arc<(std::sync::Mutex<bool>, std::sync::Condvar)>,
}

impl Watchdog {
    fn start(token: CancellationToken, limit: Duration) -> Watchdog {
        let done = std::sync::Arc::new((std::sync::Mutex::new(false), std::sync::Condvar::new()));
        let shared = done.clone();
        std::thread::spawn(move || {
            let (lock, condvar) = &*shared;
            let Ok(guard) = lock.lock() else { return };
            let Ok((finished, _)) = condvar.wait_timeout_while(guard, limit, |finished| !*finished) else {
                return;
            };
            if !*finished {
                token.cancel();
            }
        });
        Watchdog { done }
    }
}

impl Drop for Watchdog {
    fn drop(&mut self) {
        let (lock, condvar) = &*self.done;
        if let Ok(mut finished) = lock.lock() {
            *finished = true;
        }
        condvar.notify_all();
    }
}

/// Writes evaluated results in `format`.
pub fn write_results(
    results: QueryResults<'_>,
    format: ResultFormat,
    out: &mut dyn Write,
    timeout: Option<Duration>,
) -> Result<QueryOutcome, QueryError> {
    match results {
        QueryResults::Boolean(value) => {
            match results_format(format) {
                Some(w3c) => {
                    QueryResultsSerializer::from_format(w3c).serialize_boolean_to_writer(&mut *out, value)?;
                }
                None => writeln!(out, "{value}")?,
            }
            Ok(QueryOutcome::Boolean(value))
        }
        QueryResults::Solutions(solutions) => {
            let variables = solutions.variables().to_vec();
            let mut count = 0;
            match results_format(format) {
                Some(w3c) => {
                    let mut serializer = QueryResultsSerializer::from_format(w3c).serialize_solutions_to_writer(&mut *out, variables)?;
                    for solution in solutions {
                        let solution = solution.map_err(|e| evaluation_error(&e.to_string(), timeout))?;
                        serializer.serialize(&solution)?;
                        count += 1;
                    }
                    serializer.finish()?;
                }
                None => {
                    let mut rows = Vec::new();
                    for solution in solutions {
                        let solution = solution.map_err(|e| evaluation_error(&e.to_string(), timeout))?;
                        rows.push(
                            variables
                                .iter()
                                .map(|v| solution.get(v).map(display_term).unwrap_or_default())
                                .collect::<Vec<_>>(),
                        );
                    }
                    count = rows.len();
                    let header: Vec<String> = variables.iter().map(|v| v.as_str().to_owned()).collect();
                    write_table(out, &header, &rows)?;
                }
            }
            Ok(QueryOutcome::Solutions(count))
        }
        QueryResults::Graph(triples) => {
            let rdf_format = match format {
                ResultFormat::Table => RdfFormat::Turtle,
                ResultFormat::Xml => RdfFormat::RdfXml,
                ResultFormat::Json => RdfFormat::JsonLd {
                    profile: oxigraph::io::JsonLdProfileSet::empty(),
                },
                ResultFormat::Tsv | ResultFormat::Csv => RdfFormat::NTriples,
            };
            let mut serializer = prefixed(RdfSerializer::from_format(rdf_format)).for_writer(&mut *out);
            let mut count = 0;
            for triple in triples {
                let triple = triple.map_err(|e| evaluation_error(&e.to_string(), timeout))?;
                serializer.serialize_triple(&triple)?;
                count += 1;
            }
            serializer.finish()?;
            Ok(QueryOutcome::Triples(count))
        }
    }
}

fn results_format(format: ResultFormat) -> Option<QueryResultsFormat> {
    match format {
        ResultFormat::Table => None,
        ResultFormat::Tsv => Some(QueryResultsFormat::Tsv),
        ResultFormat::Csv => Some(QueryResultsFormat::Csv),
        ResultFormat::Json => Some(QueryResultsFormat::Json),
        ResultFormat::Xml => Some(QueryResultsFormat::Xml),
    }
}

/// A serializer that writes warta's prefixes (where the syntax has prefixes).
pub fn prefixed(mut serializer: RdfSerializer) -> RdfSerializer {
    for (prefix, namespace) in crate::vocab::PREFIXES {
        serializer = match serializer.clone().with_prefix(prefix, namespace) {
            Ok(with) => with,
            Err(_) => serializer,
        };
    }
    serializer
}

/// A term for people: a prefixed name or `<iri>`, a literal's value.
pub fn display_term(term: &Term) -> String {
    match term {
        Term::NamedNode(node) => crate::vocab::compact(node.as_str()).unwrap_or_else(|| format!("<{}>", node.as_str())),
        Term::BlankNode(node) => format!("_:{}", node.as_str()),
        Term::Literal(literal) => literal.value().to_owned(),
        #[allow(unreachable_patterns, reason = "triple terms exist only with the rdf-12 feature")]
        other => other.to_string(),
    }
}

/// Cells wider than this are cut with an ellipsis, so that one long sentence keeps a table legible.
const MAX_CELL_CHARS: usize = 60;

/// Rows as an aligned table for people, long cells cut, with a row count.
pub fn write_table(out: &mut dyn Write, header: &[String], rows: &[Vec<String>]) -> std::io::Result<()> {
    let clip = |cell: &str| -> String {
        let cell = cell.replace(['\n', '\t'], " ");
        if cell.chars().count() > MAX_CELL_CHARS {
            format!("{}…", cell.chars().take(MAX_CELL_CHARS - 1).collect::<String>())
        } else {
            cell
        }
    };
    let rows: Vec<Vec<String>> = rows.iter().map(|r| r.iter().map(|c| clip(c)).collect()).collect();
    let mut widths: Vec<usize> = header.iter().map(|h| h.chars().count()).collect();
    for row in &rows {
        for (width, cell) in widths.iter_mut().zip(row) {
            *width = (*width).max(cell.chars().count());
        }
    }
    let line = |cells: &[String]| -> String {
        cells
            .iter()
            .zip(&widths)
            .map(|(cell, width)| format!("{cell:<width$}"))
            .collect::<Vec<_>>()
            .join("  ")
            .trim_end()
            .to_owned()
    };
    writeln!(out, "{}", line(header))?;
    writeln!(out, "{}", widths.iter().map(|w| "-".repeat(*w)).collect::<Vec<_>>().join("  "))?;
    for row in &rows {
        writeln!(out, "{}", line(row))?;
    }
    writeln!(out, "({} row{})", rows.len(), if rows.len() == 1 { "" } else { "s" })
}
