//! The SPARQL 1.1 Protocol: queries by GET and POST (form or direct), the dataset parameters,
//! content negotiation, updates for writers, and the service description.

use std::sync::Arc;

use oxhttp::model::{Body, HeaderValue, Method, Request, StatusCode};
use oxigraph::io::{JsonLdProfileSet, RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};

use crate::query::QueryError;
use crate::serve::State;
use crate::serve::http::{
    HttpResponse, Reply, all, charset, content_type, decode_text, endpoint_url, error, negotiate, params_in_charset, read_body, response,
    url_params, with_deadline,
};
use crate::vocab::{formats, rdf, sd};

/// Result media types for SELECT and ASK, the first is the default. Plain JSON and XML are
/// answered in the SPARQL formats, which are JSON and XML.
pub(crate) const RESULT_TYPES: [&str; 6] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
    "application/xml",
];
/// RDF media types for CONSTRUCT, DESCRIBE and the service description, the first is the
/// default. Plain JSON is answered in JSON-LD.
pub(crate) const GRAPH_TYPES: [&str; 7] = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/n-quads",
    "application/trig",
    "application/json",
];

/// The RDF format of a negotiated graph media type, and the media type to answer with.
pub fn graph_format(media: &str) -> (RdfFormat, &str) {
    match media {
        "application/json" | "application/ld+json" => (
            RdfFormat::JsonLd {
                profile: JsonLdProfileSet::empty(),
            },
            "application/ld+json",
        ),
        _ => (RdfFormat::from_media_type(media).unwrap_or(RdfFormat::Turtle), media),
    }
}

/// A query or update with its dataset, as the protocol carries them.
pub struct Operation {
    pub text: String,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
    /// The endpoint's URL, which relative IRIs resolve against when the text has no BASE.
    pub base_iri: Option<String>,
}

/// Which operation an endpoint takes: the parameter that carries it, the media type of a direct
/// POST, the dataset parameters, and the operation the other endpoint takes.
pub(crate) struct Kind {
    field: &'static str,
    direct_type: &'static str,
    default_key: &'static str,
    named_key: &'static str,
    other_field: &'static str,
    other_endpoint: &'static str,
}

pub(crate) const QUERY: Kind = Kind {
    field: "query",
    direct_type: "application/sparql-query",
    default_key: "default-graph-uri",
    named_key: "named-graph-uri",
    other_field: "update",
    other_endpoint: "POST /update",
};

pub(crate) const UPDATE: Kind = Kind {
    field: "update",
    direct_type: "application/sparql-update",
    default_key: "using-graph-uri",
    named_key: "using-named-graph-uri",
    other_field: "query",
    other_endpoint: "/query",
};

fn bad_request(message: impl Into<String>) -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, message)
}

/// Reads the operation from a GET or POST request to the server at `address`; `None` when it
/// carries none. Two operations, or one of the other endpoint's, are refused.
pub(crate) fn operation(
    request: &mut Request<Body>,
    kind: &Kind,
    address: std::net::SocketAddr,
    max_body_bytes: usize,
) -> Result<Option<Operation>, Reply> {
    let url = url_params(request);
    let base_iri = Some(endpoint_url(request, address));
    let (mut text, params) = if request.method() == Method::POST {
        let media = content_type(request);
        let declared = charset(request);
        let body = read_body(request, max_body_bytes)?;
        if media == "application/x-www-form-urlencoded" {
            let form = params_in_charset(&body, declared.as_deref())?;
            (None, [url, form].concat())
        } else if media == kind.direct_type {
            if url.iter().any(|(k, _)| k == kind.field) {
                return Err(bad_request(format!(
                    "the body is the {0}: give no {0}= parameter as well",
                    kind.field
                )));
            }
            (Some(decode_text(body, declared.as_deref())?), url)
        } else {
            return Err(Reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!(
                    "send application/x-www-form-urlencoded with {}=..., or {}",
                    kind.field, kind.direct_type
                ),
            ));
        }
    } else {
        (None, url)
    };
    if !all(&params, kind.other_field).is_empty() {
        return Err(bad_request(format!(
            "this endpoint takes no {}=: send it to {}",
            kind.other_field, kind.other_endpoint
        )));
    }
    let given = all(&params, kind.field);
    if given.len() > 1 {
        return Err(bad_request(format!("give one {}= parameter, not {}", kind.field, given.len())));
    }
    if text.is_none() {
        text = given.first().map(|t| (*t).to_owned());
    }
    Ok(text.map(|text| Operation {
        text,
        default_graphs: all(&params, kind.default_key).into_iter().map(str::to_owned).collect(),
        named_graphs: all(&params, kind.named_key).into_iter().map(str::to_owned).collect(),
        base_iri,
    }))
}

fn iri(text: &str) -> Result<NamedNode, Reply> {
    NamedNode::new(text).map_err(|e| bad_request(format!("'{text}' is not an IRI: {e}")))
}

/// The graphs the protocol's parameters name, checked.
pub(crate) fn dataset_graphs(operation: &Operation) -> Result<(Vec<GraphName>, Vec<NamedOrBlankNode>), Reply> {
    let defaults = operation
        .default_graphs
        .iter()
        .map(|g| iri(g).map(GraphName::NamedNode))
        .collect::<Result<_, _>>()?;
    let named = operation
        .named_graphs
        .iter()
        .map(|g| iri(g).map(NamedOrBlankNode::NamedNode))
        .collect::<Result<_, _>>()?;
    Ok((defaults, named))
}

/// A query's failure as an HTTP answer.
pub fn query_failed(state: &State, error: &QueryError) -> Reply {
    match error {
        QueryError::Timeout(_) => timed_out(state),
        QueryError::TooManyRows(_) => Reply::error(StatusCode::SERVICE_UNAVAILABLE, error.to_string()),
        QueryError::Write(_) => Reply::error(StatusCode::INTERNAL_SERVER_ERROR, error.to_string()),
        // A query that does not parse or fails as it runs is the query's fault.
        _ => bad_request(error.to_string()),
    }
}

/// `GET|POST /query`.
pub fn query(state: &Arc<State>, request: &mut Request<Body>) -> HttpResponse {
    let operation = match operation(request, &QUERY, state.address, state.config.max_body_bytes) {
        Ok(Some(operation)) => operation,
        Ok(None) if request.method() == Method::GET || request.method() == Method::HEAD => return service_description(state, request),
        Ok(None) => return error(StatusCode::BAD_REQUEST, "no query: send query=..."),
        Err(reply) => return reply.into_response(),
    };
    if let Err(reply) = dataset_graphs(&operation) {
        return reply.into_response();
    }
    let results_media = negotiate(request, &RESULT_TYPES);
    let graph_media = negotiate(request, &GRAPH_TYPES);
    let token = CancellationToken::new();
    let (shared, worker_token) = (Arc::clone(state), token.clone());
    let job = move || {
        let outcome = crate::query::guarded(Some(shared.config.query_timeout), || {
            let results = start_query(&shared, &operation, &worker_token)?;
            Ok(write_results(&shared, results, results_media, graph_media))
        });
        outcome.unwrap_or_else(|e| query_failed(&shared, &e))
    };
    match with_deadline(state.config.query_timeout, &token, job) {
        Some(reply) => reply.into_response(),
        None => timed_out(state).into_response(),
    }
}

/// Parses the operation's query and starts it on the store under the server's limits, on the
/// dataset the protocol's graph parameters name (the store's own when none). Results are
/// evaluated as they are read; read them inside [`crate::query::guarded`].
pub fn start_query(state: &State, operation: &Operation, token: &CancellationToken) -> Result<QueryResults<'static>, QueryError> {
    let mut config = state.query_config();
    config.base_iri.clone_from(&operation.base_iri);
    let mut prepared = crate::query::prepare(&config, &operation.text, token)?;
    let (defaults, named) = dataset_graphs(operation).map_err(|reply| QueryError::Syntax(reply.text()))?;
    if !defaults.is_empty() || !named.is_empty() {
        let dataset = prepared.dataset_mut();
        dataset.set_default_graph(defaults);
        if !named.is_empty() {
            dataset.set_available_named_graphs(named);
        }
    }
    prepared
        .on_store(state.store.oxigraph())
        .execute()
        .map_err(|e| QueryError::Evaluation(e.to_string()))
}

pub fn timed_out(state: &State) -> Reply {
    Reply::error(
        StatusCode::SERVICE_UNAVAILABLE,
        format!(
            "the query took longer than the {} s this server allows",
            state.config.query_timeout.as_secs_f32()
        ),
    )
}

/// Writes an ASK answer. CSV and TSV get a header line, as tabular readers expect one.
fn write_boolean(format: QueryResultsFormat, value: bool, out: &mut Vec<u8>) -> Result<(), String> {
    match format {
        QueryResultsFormat::Csv => out.extend_from_slice(format!("_askResult\r\n{value}\r\n").as_bytes()),
        QueryResultsFormat::Tsv => out.extend_from_slice(format!("?_askResult\n{value}\n").as_bytes()),
        _ => {
            QueryResultsSerializer::from_format(format)
                .serialize_boolean_to_writer(out, value)
                .map_err(|e| e.to_string())?;
        }
    }
    Ok(())
}

/// Serialises results in the negotiated media type, at most `max_rows` of them.
fn write_results(state: &State, results: QueryResults<'static>, results_media: Option<&str>, graph_media: Option<&str>) -> Reply {
    let offered = |types: &[&str]| {
        Reply::error(
            StatusCode::NOT_ACCEPTABLE,
            format!("this query answers with one of: {}", types.join(", ")),
        )
    };
    let results_format = |media: &str| QueryResultsFormat::from_media_type(media).unwrap_or(QueryResultsFormat::Json);
    let mut body = Vec::new();
    let (media, outcome): (&str, Result<bool, String>) = match results {
        QueryResults::Boolean(value) => {
            let Some(media) = results_media else {
                return offered(&RESULT_TYPES);
            };
            (media, write_boolean(results_format(media), value, &mut body).map(|()| false))
        }
        QueryResults::Solutions(solutions) => {
            let Some(media) = results_media else {
                return offered(&RESULT_TYPES);
            };
            let variables = solutions.variables().to_vec();
            let outcome = (|| -> Result<bool, String> {
                let mut serializer = QueryResultsSerializer::from_format(results_format(media))
                    .serialize_solutions_to_writer(&mut body, variables)
                    .map_err(|e| e.to_string())?;
                let cut = capped(solutions, state.config.max_rows, |solution| {
                    serializer.serialize(&solution).map_err(|e| e.to_string())
                })?;
                serializer.finish().map_err(|e| e.to_string())?;
                Ok(cut)
            })();
            (media, outcome)
        }
        QueryResults::Graph(triples) => {
            let Some(media) = graph_media else { return offered(&GRAPH_TYPES) };
            let (format, media) = graph_format(media);
            let outcome = (|| -> Result<bool, String> {
                let mut serializer = crate::query::prefixed(RdfSerializer::from_format(format)).for_writer(&mut body);
                let cut = capped(triples, state.config.max_rows, |triple| {
                    serializer.serialize_triple(&triple).map_err(|e| e.to_string())
                })?;
                serializer.finish().map_err(|e| e.to_string())?;
                Ok(cut)
            })();
            (media, outcome)
        }
    };
    let truncated = match outcome {
        Ok(truncated) => truncated,
        Err(message) => return bad_request(format!("the query failed: {message}")),
    };
    // Plain JSON or XML was asked for; the SPARQL format is what it gets, and says so.
    let media = match media {
        "application/json" => "application/sparql-results+json",
        "application/xml" => "application/sparql-results+xml",
        other => other,
    };
    let mut reply = Reply::new(StatusCode::OK, format!("{media}; charset=utf-8"), body);
    if truncated {
        reply.headers.push(("x-warta-truncated", HeaderValue::from(state.config.max_rows)));
    }
    reply
}

/// Feeds at most `max_rows` items to `write`; true when some were left over.
fn capped<T, E: std::fmt::Display>(
    items: impl Iterator<Item = Result<T, E>>,
    max_rows: usize,
    mut write: impl FnMut(T) -> Result<(), String>,
) -> Result<bool, String> {
    for (count, item) in items.enumerate() {
        if count >= max_rows {
            return Ok(true);
        }
        write(item.map_err(|e| e.to_string())?)?;
    }
    Ok(false)
}

/// `POST /update`, for writers only.
pub fn update(state: &Arc<State>, request: &mut Request<Body>) -> HttpResponse {
    if let Some(refused) = state.refuse_write(request) {
        return refused;
    }
    let operation = match operation(request, &UPDATE, state.address, state.config.max_body_bytes) {
        Ok(Some(operation)) => operation,
        Ok(None) => return error(StatusCode::BAD_REQUEST, "no update: send update=..."),
        Err(reply) => return reply.into_response(),
    };
    let token = CancellationToken::new();
    let (shared, worker_token) = (Arc::clone(state), token.clone());
    let job = move || -> Reply {
        let mut config = shared.query_config();
        config.base_iri.clone_from(&operation.base_iri);
        let evaluator = match crate::query::evaluator(&config, &worker_token) {
            Ok(evaluator) => evaluator,
            Err(e) => return bad_request(e.to_string()),
        };
        let mut prepared = match evaluator.parse_update(&operation.text) {
            Ok(prepared) => prepared,
            Err(e) => return bad_request(format!("the update is not valid SPARQL: {e}")),
        };
        let (defaults, named) = match dataset_graphs(&operation) {
            Ok(graphs) => graphs,
            Err(reply) => return reply,
        };
        if !defaults.is_empty() || !named.is_empty() {
            // The protocol's dataset and the update's own (USING, WITH) cannot both apply.
            if prepared.using_datasets_mut().any(|dataset| !dataset.is_default_dataset()) {
                return bad_request(
                    "the update names its graphs with USING or WITH: drop the using-graph-uri and using-named-graph-uri parameters, or those clauses",
                );
            }
            for dataset in prepared.using_datasets_mut() {
                dataset.set_default_graph(defaults.clone());
                dataset.set_available_named_graphs(named.clone());
            }
        }
        // What the update may change, so that the summary graph follows it at that cost; an
        // update whose reach its text does not tell is followed by a recount.
        let reach = match crate::summary::update_reach_of_text(&operation.text, operation.base_iri.as_deref()) {
            Some(graphs) => crate::store::Reach::Graphs(graphs),
            None => crate::store::Reach::Everything,
        };
        // An update runs in one transaction, with the summary's: a failed or cancelled one
        // changes nothing.
        let _writing = shared.writes.lock();
        // The recount `warta push` sends when it is done: this store keeps its summary equal to
        // one at every write, so it has nothing to do unless the summary is not kept yet.
        if operation.text == crate::summary::recount_update(None) {
            return match shared.store.has_summary() {
                Ok(true) => Reply::new(StatusCode::NO_CONTENT, "text/plain", Vec::new()),
                Ok(false) => match shared.store.recount_summary() {
                    Ok(()) => Reply::new(StatusCode::NO_CONTENT, "text/plain", Vec::new()),
                    Err(e) => Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
                },
                Err(e) => Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
            };
        }
        match shared.store.update(prepared, &reach) {
            Ok(()) => Reply::new(StatusCode::NO_CONTENT, "text/plain", Vec::new()),
            Err(crate::store::StoreError::Update(e)) => bad_request(format!("the update failed: {e}")),
            Err(e) => Reply::error(StatusCode::INTERNAL_SERVER_ERROR, format!("the update failed: {e}")),
        }
    };
    match with_deadline(state.config.query_timeout, &token, job) {
        Some(reply) => reply.into_response(),
        None => timed_out(state).into_response(),
    }
}

/// The SPARQL 1.1 Service Description of this instance (answering `GET /query` with no query):
/// the query endpoint, the update endpoint when writes are on, the formats it writes, federation
/// only when `--allow-service` allows some endpoint, and the row cap.
fn service_description(state: &State, request: &Request<Body>) -> HttpResponse {
    let Some(media) = negotiate(request, &GRAPH_TYPES) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            format!("the service description is one of: {}", GRAPH_TYPES.join(", ")),
        );
    };
    let query_endpoint = endpoint_url(request, state.address);
    let endpoint = |path: &str| {
        let base = query_endpoint.rsplit_once('/').map_or(query_endpoint.as_str(), |(base, _)| base);
        NamedNode::new(format!("{base}{path}")).unwrap_or_else(|_| NamedNode::new_unchecked(format!("http://localhost{path}")))
    };
    let service = BlankNode::default();
    let dataset = BlankNode::default();
    let graph = BlankNode::default();
    let mut triples = vec![
        Triple::new(service.clone(), rdf::TYPE, sd::SERVICE),
        Triple::new(
            service.clone(),
            sd::ENDPOINT,
            NamedNode::new(query_endpoint.clone()).unwrap_or_else(|_| endpoint("/query")),
        ),
        Triple::new(service.clone(), sd::SUPPORTED_LANGUAGE, sd::SPARQL11_QUERY),
        Triple::new(service.clone(), sd::DEFAULT_DATASET, dataset.clone()),
        Triple::new(dataset.clone(), rdf::TYPE, sd::DATASET),
        Triple::new(dataset, sd::DEFAULT_GRAPH, graph.clone()),
        Triple::new(graph, rdf::TYPE, sd::GRAPH),
    ];
    if !state.config.allowed_services.is_empty() {
        triples.push(Triple::new(service.clone(), sd::FEATURE, sd::BASIC_FEDERATED_QUERY));
    }
    for format in [
        formats::SPARQL_RESULTS_JSON,
        formats::SPARQL_RESULTS_XML,
        formats::SPARQL_RESULTS_CSV,
        formats::SPARQL_RESULTS_TSV,
        formats::TURTLE,
        formats::N_TRIPLES,
        formats::RDF_XML,
        formats::JSON_LD,
        formats::N_QUADS,
        formats::TRIG,
    ] {
        triples.push(Triple::new(service.clone(), sd::RESULT_FORMAT, format));
    }
    triples.push(Triple::new(
        service.clone(),
        crate::vocab::rdfs::COMMENT,
        Literal::new_simple_literal(format!(
            "warta: stances from Indonesian news, with provenance. Results stop at {} rows; a cut response carries the header x-warta-truncated. Queries stop after {} s.",
            state.config.max_rows,
            state.config.query_timeout.as_secs()
        )),
    ));
    if state.config.write_token.is_some() {
        let updates = BlankNode::default();
        triples.extend([
            Triple::new(updates.clone(), rdf::TYPE, sd::SERVICE),
            Triple::new(updates.clone(), sd::ENDPOINT, endpoint("/update")),
            Triple::new(updates.clone(), sd::SUPPORTED_LANGUAGE, sd::SPARQL11_UPDATE),
            Triple::new(
                updates,
                crate::vocab::rdfs::COMMENT,
                Literal::new_simple_literal("Updates need the header 'Authorization: Bearer <write token>'."),
            ),
        ]);
    }
    let (format, media) = graph_format(media);
    let mut body = Vec::new();
    let mut serializer = RdfSerializer::from_format(format).for_writer(&mut body);
    for triple in &triples {
        if serializer.serialize_triple(triple).is_err() {
            return error(StatusCode::INTERNAL_SERVER_ERROR, "cannot write the service description");
        }
    }
    if serializer.finish().is_err() {
        return error(StatusCode::INTERNAL_SERVER_ERROR, "cannot write the service description");
    }
    response(StatusCode::OK, &format!("{media}; charset=utf-8"), body)
}
