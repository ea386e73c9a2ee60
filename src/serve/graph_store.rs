//! The SPARQL 1.1 Graph Store HTTP Protocol on `/store` (`?default` or `?graph=<iri>`), and
//! `POST /articles`, which extracts uploaded articles into the store. Reads are open; writes
//! need the write token.

use oxhttp::model::{Body, Method, Request, StatusCode};
use oxigraph::io::{RdfFormat, RdfParser, RdfSerializer};
use oxigraph::model::{GraphName, NamedNode, Quad};

use crate::serve::State;
use crate::serve::http::{HttpResponse, Reply, content_type, error, first, negotiate, read_body, response, url_params};
use crate::serve::sparql::graph_format;

/// What a graph is read as: syntaxes of triples, the first the default. A client that takes only
/// N-Quads or TriG gets the triples in those (in no named graph).
pub(crate) const TRIPLE_TYPES: [&str; 5] = [
    "text/turtle",
    "application/n-triples",
    "application/rdf+xml",
    "application/ld+json",
    "application/json",
];
pub(crate) const DATASET_TYPES: [&str; 2] = ["application/n-quads", "application/trig"];
use warta_text::input::{Article, ArticleId, InputProblem, ReadOptions, article_from_bytes, parse_json_line};

/// The graph a Graph Store request names.
pub(crate) fn target(request: &Request<Body>) -> Result<GraphName, Reply> {
    let params = url_params(request);
    match (first(&params, "graph"), params.iter().any(|(k, _)| k == "default")) {
        (Some(iri), false) => NamedNode::new(iri)
            .map(GraphName::NamedNode)
            .map_err(|e| Reply::error(StatusCode::BAD_REQUEST, format!("'{iri}' is not an IRI: {e}"))),
        (None, true) => Ok(GraphName::DefaultGraph),
        _ => Err(Reply::error(
            StatusCode::BAD_REQUEST,
            "name one graph: /store?default or /store?graph=<iri>",
        )),
    }
}

/// `GET|HEAD|PUT|POST|DELETE /store`.
pub fn graph_store(state: &State, request: &mut Request<Body>) -> HttpResponse {
    let graph = match target(request) {
        Ok(graph) => graph,
        Err(reply) => return reply.into_response(),
    };
    let method = request.method().clone();
    if method == Method::GET || method == Method::HEAD {
        // The connection layer sends a HEAD the GET's headers and length, without the body.
        return read(state, request, &graph);
    }
    if let Some(refused) = state.refuse_write(request) {
        return refused;
    }
    let result = match method {
        Method::DELETE => delete(state, &graph),
        Method::PUT | Method::POST => write(state, request, &graph, method == Method::PUT),
        _ => {
            return error(
                StatusCode::METHOD_NOT_ALLOWED,
                "the graph store takes GET, HEAD, PUT, POST and DELETE",
            );
        }
    };
    match result {
        Ok(status) => response(status, "text/plain", Body::empty()),
        Err(reply) => reply.into_response(),
    }
}

fn exists(state: &State, graph: &GraphName) -> Result<bool, Reply> {
    match graph {
        GraphName::DefaultGraph => Ok(true),
        GraphName::NamedNode(node) => state
            .store
            .oxigraph()
            .contains_named_graph(node.as_ref())
            .map_err(|e| Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string())),
        GraphName::BlankNode(_) => Ok(false),
    }
}

fn read(state: &State, request: &Request<Body>, graph: &GraphName) -> HttpResponse {
    match exists(state, graph) {
        Ok(true) => {}
        Ok(false) => return error(StatusCode::NOT_FOUND, "no such graph in the store"),
        Err(reply) => return reply.into_response(),
    }
    let Some(media) = negotiate(request, &TRIPLE_TYPES).or_else(|| negotiate(request, &DATASET_TYPES)) else {
        return error(
            StatusCode::NOT_ACCEPTABLE,
            format!(
                "graphs are written as one of: {}, {}",
                TRIPLE_TYPES.join(", "),
                DATASET_TYPES.join(", ")
            ),
        );
    };
    let (format, media) = graph_format(media);
    let mut body = Vec::new();
    let mut serializer = crate::query::prefixed(RdfSerializer::from_format(format)).for_writer(&mut body);
    for quad in state.store.oxigraph().quads_for_pattern(None, None, None, Some(graph.as_ref())) {
        let written = match quad {
            Ok(quad) => serializer.serialize_triple(oxigraph::model::TripleRef::new(&quad.subject, &quad.predicate, &quad.object)),
            Err(e) => return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()),
        };
        if let Err(e) = written {
            return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        }
    }
    if let Err(e) = serializer.finish() {
        return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
    }
    response(StatusCode::OK, &format!("{media}; charset=utf-8"), body)
}

fn delete(state: &State, graph: &GraphName) -> Result<StatusCode, Reply> {
    let _writing = state.writes.lock();
    if !exists(state, graph)? {
        return Err(Reply::error(StatusCode::NOT_FOUND, "no such graph in the store"));
    }
    state
        .store
        .remove_graph(graph.as_ref())
        .map_err(|e| Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(StatusCode::NO_CONTENT)
}

fn write(state: &State, request: &mut Request<Body>, graph: &GraphName, replace: bool) -> Result<StatusCode, Reply> {
    let kind = content_type(request);
    let format = RdfFormat::from_media_type(&kind)
        .filter(|f| !f.supports_datasets())
        .ok_or_else(|| {
            Reply::error(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                format!("send the graph as one of: {}", TRIPLE_TYPES.join(", ")),
            )
        })?;
    let body = read_body(request, state.config.max_body_bytes)?;
    let mut quads = Vec::new();
    for quad in RdfParser::from_format(format).for_slice(&body) {
        let quad = quad.map_err(|e| Reply::error(StatusCode::BAD_REQUEST, format!("the graph does not parse: {e}")))?;
        quads.push(Quad::new(quad.subject, quad.predicate, quad.object, graph.clone()));
    }
    let _writing = state.writes.lock();
    let existed = exists(state, graph)?;
    let written = if replace {
        state.store.replace_graph(graph.as_ref(), &quads)
    } else {
        state.store.insert_all(&quads)
    };
    written.map_err(|e| Reply::error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string()))?;
    Ok(if existed { StatusCode::NO_CONTENT } else { StatusCode::CREATED })
}

/// The articles of an upload body, each parsed or the reason it cannot be.
pub(crate) fn parse_articles(
    kind: &str,
    id: Option<&str>,
    body: Vec<u8>,
    options: &ReadOptions,
) -> Result<Vec<Result<Article, InputProblem>>, Reply> {
    match kind {
        "application/json" => match serde_json::from_slice::<serde_json::Value>(&body) {
            // One article, or an array of them.
            Ok(serde_json::Value::Array(items)) => Ok(items
                .iter()
                .enumerate()
                .map(|(index, item)| parse_json_line(&format!("body[{index}]"), item.to_string().as_bytes(), options))
                .collect()),
            Ok(_) => Ok(vec![parse_json_line("body", &body, options)]),
            Err(e) => Err(Reply::error(StatusCode::BAD_REQUEST, format!("the body is not JSON: {e}"))),
        },
        "application/x-ndjson" | "application/jsonl" | "application/json-lines" => Ok(body
            .split(|b| *b == b'\n')
            .enumerate()
            .filter(|(_, line)| !line.iter().all(u8::is_ascii_whitespace))
            .map(|(index, line)| parse_json_line(&format!("body:{}", index + 1), line, options))
            .collect()),
        "text/plain" => match id.map(ArticleId::parse) {
            Some(Ok(id)) => Ok(vec![article_from_bytes("body", id, body, options)]),
            Some(Err(reason)) => Err(Reply::error(
                StatusCode::BAD_REQUEST,
                format!("?id= is not a usable article id: {reason}"),
            )),
            None => Err(Reply::error(StatusCode::BAD_REQUEST, "plain text needs ?id=<article id>")),
        },
        _ => Err(Reply::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "send application/json, application/x-ndjson, or text/plain with ?id=",
        )),
    }
}

/// `POST /articles`: JSON (`{"id", "text", ...}`), JSON Lines, or plain text with `?id=`.
pub fn upload_articles(state: &State, request: &mut Request<Body>) -> HttpResponse {
    if let Some(refused) = state.refuse_write(request) {
        return refused;
    }
    let kind = content_type(request);
    let id = first(&url_params(request), "id").map(str::to_owned);
    let body = match read_body(request, state.config.max_body_bytes) {
        Ok(body) => body,
        Err(reply) => return reply.into_response(),
    };
    let options = ReadOptions {
        strict_utf8: false,
        max_article_bytes: state.config.max_article_bytes,
    };
    let (articles, problems): (Vec<_>, Vec<_>) = match parse_articles(&kind, id.as_deref(), body, &options) {
        Ok(parsed) => parsed.into_iter().partition(Result::is_ok),
        Err(reply) => return reply.into_response(),
    };
    let articles: Vec<Article> = articles.into_iter().flatten().collect();
    let problems: Vec<InputProblem> = problems.into_iter().filter_map(Result::err).collect();
    let mut loaded = Vec::new();
    let mut warnings = Vec::new();
    let mut statements = 0;
    for article in &articles {
        let extraction = warta_text::pipeline::extract(article, &state.lexicon);
        statements += extraction.statements.len();
        let quads = crate::rdf::article_quads(article, &extraction);
        // Uploads of the same article take turns, so the last one stands whole.
        let _writing = state.writes.lock();
        if let Err(e) = state.store.replace_article(&quads) {
            return error(StatusCode::INTERNAL_SERVER_ERROR, e.to_string());
        }
        loaded.push(serde_json::Value::String(article.id.to_string()));
        warnings.extend(
            article
                .warnings
                .iter()
                .map(|w| serde_json::json!({ "name": w.name, "reason": w.reason })),
        );
    }
    let skipped: Vec<serde_json::Value> = problems
        .iter()
        .map(|p| serde_json::json!({ "name": p.name, "reason": p.reason }))
        .collect();
    let status = if loaded.is_empty() {
        StatusCode::BAD_REQUEST
    } else {
        StatusCode::CREATED
    };
    let body = serde_json::json!({ "loaded": loaded, "statements": statements, "skipped": skipped, "warnings": warnings });
    response(status, "application/json", body.to_string())
}
