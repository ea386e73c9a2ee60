//! The SPARQL 1.1 Protocol: queries by GET and POST (form or direct), the dataset parameters,
//! content negotiation, updates for writers, and the service description.

use std::sync::Arc;

use oxhttp::model::{Body, HeaderValue, Method, Request, StatusCode};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{BlankNode, GraphName, Literal, NamedNode, NamedOrBlankNode, Triple};
use oxigraph::sparql::results::{QueryResultsFormat, QueryResultsSerializer};
use oxigraph::sparql::{CancellationToken, QueryResults};

use crate::serve::State;
use crate::serve::http::{
    HttpResponse, Reply, all, content_type, error, first, negotiate, params, read_body, response, url_params, with_deadline,
};
use crate::vocab::{formats, rdf, sd};

/// Result media types for SELECT and ASK, the first is the default.
const RESULT_TYPES: [&str; 5] = [
    "application/sparql-results+json",
    "application/sparql-results+xml",
    "text/csv",
    "text/tab-separated-values",
    "application/json",
];
/// RDF media types for CONSTRUCT, DESCRIBE and graph reads, the first is the default.
pub const GRAPH_TYPES: [&str; 5] = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/n-quads",
    "application/trig",
];

/// A query or update with its dataset, as the protocol carries them.
pub struct Operation {
    pub text: String,
    pub default_graphs: Vec<String>,
    pub named_graphs: Vec<String>,
}

/// Reads the operation (`query` or `update`) from a GET or POST request.
fn operation(state: &State, request: &mut Request<Body>, field: &str, direct_type: &str) -> Result<Option<Operation>, Reply> {
    let url = url_params(request);
    let (text, dataset_params) = if request.method() == Method::POST {
        let kind = content_type(request);
        let body = read_body(request, state.config.max_body_bytes)?;
        if kind == "application/x-www-form-urlencoded" {
            let form = params(&body);
            (first(&form, field).map(str::to_owned), [url, form].concat())
        } else if kind == direct_type {
            (
                Some(String::from_utf8(body).map_err(|_| Reply::error(StatusCode::BAD_REQUEST, "the body is not UTF-8"))?),
                url,
            )
        } else {
            return Err(Reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("send application/x-www-form-urlencoded with {field}=..., or {direct_type}"),
            ));
        }
    } else {
        (first(&url, field).map(str::to_owned), url)
    };
    let (default_key, named_key) = if field == "query" {
        ("default-graph-uri", "named-graph-uri")
    } else {
        ("using-graph-uri", "using-named-graph-uri")
    };
    Ok(text.map(|text| Operation {
        text,
        default_graphs: all(&dataset_params, default_key).into_iter().map(str::to_owned).collect(),
        named_graphs: all(&dataset_params, named_key).into_iter().map(str::to_owned).collect(),
    }))
}

fn iri(text: &str) -> Result<NamedNode, Reply> {
    NamedNode::new(text).map_err(|e| Reply::error(StatusCode::BAD_REQUEST, format!("'{text}' is not an IRI: {e}")))
}

/// The graphs the protocol's parameters name, checked.
fn dataset_graphs(operation: &Operation) -> Result<(Vec<GraphName>, Vec<NamedOrBlankNode>), Reply> {
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

/// `GET|POST /query`.
pub fn query(state: &Arc<State>, request: &mut Request<Body>) -> HttpResponse {
    let operation = match operation(state, request, "query", "application/sparql-query") {
        Ok(Some(operation)) => operation,
        Ok(None) if request.method() == Method::GET || request.method() == Method::HEAD => return service_description(state, request),
        Ok(None) => return error(StatusCode::BAD_REQUEST, "no query: send query=..."),
        Err(reply) => return reply.into_response(),
    };
    let results_media = negotiate(request, &RESULT_TYPES);
    let graph_media = negotiate(request, &GRAPH_TYPES);
    let token = CancellationToken::new();
    let (shared, worker_token) = (Arc::clone(state), token.clone());
    let job = move || match start_query(&shared, &operation, &worker_token) {
        Ok(results) => write_results(&shared, results, results_media, graph_media),
        Err(reply) => reply,
    };
    match with_deadline(state.config.query_timeout, &token, job) {
        Some(reply) => reply.into_response(),
        None => timed_out(state).into_response(),
    }
}

/// Parses the operation's query and starts it on the store under the server's limits, on the
/// dataset the protocol's graph parameters name (the store's own when none). Results are
/// evaluated as they are read.
pub fn start_query(state: &State, operation: &Operation, token: &CancellationToken) -> Result<QueryResults<'static>, Reply> {
    let evaluator = crate::query::evaluator(&state.query_config(), token)
        .map_err(|e| Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    let mut prepared = evaluator
        .parse_query(&operation.text)
        .map_err(|e| Reply::error(StatusCode::BAD_REQUEST, format!("the query is not valid SPARQL: {e}")))?;
    let (defaults, named) = dataset_graphs(operation)?;
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
        .map_err(|e| evaluation_error(&e))
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

/// Any failure of a started query is the query's fault (400); a cancelled one never gets here,
/// as its caller has answered 503 already.
fn evaluation_error(message: &dyn std::fmt::Display) -> Reply {
    Reply::error(StatusCode::BAD_REQUEST, format!("the query failed: {message}"))
}

/// Serialises results in the negotiated media type, at most `max_rows` of them.
fn write_results(state: &State, results: QueryResults<'static>, results_media: Option<&str>, graph_media: Option<&str>) -> Reply {
    let offered = |types: &[&str]| {
        Reply::error(
            StatusCode::NOT_ACCEPTABLE,
            format!("this query answers with one of: {}", types.join(", ")),
        )
    };
    let mut body = Vec::new();
    let (media, outcome): (&str, Result<bool, String>) = match results {
        QueryResults::Boolean(value) => {
            let Some(media) = results_media else {
                return offered(&RESULT_TYPES);
            };
            let format = QueryResultsFormat::from_media_type(media).unwrap_or(QueryResultsFormat::Json);
            let written = QueryResultsSerializer::from_format(format).serialize_boolean_to_writer(&mut body, value);
            (media, written.map(|_| false).map_err(|e| e.to_string()))
        }
        QueryResults::Solutions(solutions) => {
            let Some(media) = results_media else {
                return offered(&RESULT_TYPES);
            };
            let format = QueryResultsFormat::from_media_type(media).unwrap_or(QueryResultsFormat::Json);
            let variables = solutions.variables().to_vec();
            let outcome = (|| -> Result<bool, String> {
                let mut serializer = QueryResultsSerializer::from_format(format)
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
            let format = RdfFormat::from_media_type(media).unwrap_or(RdfFormat::Turtle);
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
        Err(message) => return evaluation_error(&message),
    };
    // Plain JSON was asked for; SPARQL JSON is what it gets, and says so.
    let media = if media == "application/json" {
        "application/sparql-results+json"
    } else {
        media
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
    let operation = match operation(state, request, "update", "application/sparql-update") {
        Ok(Some(operation)) => operation,
        Ok(None) => return error(StatusCode::BAD_REQUEST, "no update: send update=..."),
        Err(reply) => return reply.into_response(),
    };
    let token = CancellationToken::new();
    let (shared, worker_token) = (Arc::clone(state), token.clone());
    let job = move || -> Reply {
        let evaluator = match crate::query::evaluator(&shared.query_config(), &worker_token) {
            Ok(evaluator) => evaluator,
            Err(e) => return Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        let mut prepared = match evaluator.parse_update(&operation.text) {
            Ok(prepared) => prepared,
            Err(e) => return Reply::error(StatusCode::BAD_REQUEST, format!("the update is not valid SPARQL: {e}")),
        };
        let (defaults, named) = match dataset_graphs(&operation) {
            Ok(graphs) => graphs,
            Err(reply) => return reply,
        };
        if !defaults.is_empty() || !named.is_empty() {
            for dataset in prepared.using_datasets_mut() {
                dataset.set_default_graph(defaults.clone());
                dataset.set_available_named_graphs(named.clone());
            }
        }
        // An update runs in one transaction: a failed or cancelled one changes nothing.
        match prepared.on_store(shared.store.oxigraph()).execute() {
            Ok(()) => Reply::new(StatusCode::NO_CONTENT, "text/plain", Vec::new()),
            Err(e) => Reply::error(StatusCode::BAD_REQUEST, format!("the update failed: {e}")),
        }
    };
    match with_deadline(state.config.query_timeout, &token, job) {
        Some(reply) => reply.into_response(),
        None => timed_out(state).into_response(),
    }
}

/// The SPARQL 1.1 Service Description of this endpoint (answering `GET /query` with no query).
fn service_description(state: &State, request: &Request<Body>) -> HttpResponse {
    let Some(media) = negotiate(request, &GRAPH_TYPES) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            format!("the service description is one of: {}", GRAPH_TYPES.join(", ")),
        );
    };
    let host = request
        .headers()
        .get("host")
        .and_then(|h| h.to_str().ok())
        .map_or_else(|| state.address.to_string(), str::to_owned);
    let endpoint = NamedNode::new(format!("http://{host}/query")).unwrap_or_else(|_| NamedNode::new_unchecked("http://localhost/query"));
    let service = BlankNode::default();
    let dataset = BlankNode::default();
    let graph = BlankNode::default();
    let mut triples = vec![
        Triple::new(service.clone(), rdf::TYPE, sd::SERVICE),
        Triple::new(service.clone(), sd::ENDPOINT, endpoint),
        Triple::new(service.clone(), sd::SUPPORTED_LANGUAGE, sd::SPARQL11_QUERY),
        Triple::new(service.clone(), sd::FEATURE, sd::BASIC_FEDERATED_QUERY),
        Triple::new(service.clone(), sd::DEFAULT_DATASET, dataset.clone()),
        Triple::new(dataset.clone(), rdf::TYPE, sd::DATASET),
        Triple::new(dataset, sd::DEFAULT_GRAPH, graph.clone()),
        Triple::new(graph, rdf::TYPE, sd::GRAPH),
    ];
    if state.config.write_token.is_some() {
        triples.push(Triple::new(service.clone(), sd::SUPPORTED_LANGUAGE, sd::SPARQL11_UPDATE));
    }
    for format in [
        formats::SPARQL_RESULTS_JSON,
        formats::SPARQL_RESULTS_XML,
        formats::SPARQL_RESULTS_CSV,
        formats::SPARQL_RESULTS_TSV,
        formats::TURTLE,
        formats::N_TRIPLES,
        formats::RDF_XML,
    ] {
        triples.push(Triple::new(service.clone(), sd::RESULT_FORMAT, format));
    }
    triples.push(Triple::new(
        service,
        crate::vocab::rdfs::COMMENT,
        Literal::new_simple_literal("warta: stances from Indonesian news, with provenance"),
    ));
    let format = RdfFormat::from_media_type(media).unwrap_or(RdfFormat::Turtle);
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
