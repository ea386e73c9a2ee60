//! The fuzz target for the server's request parsing: arbitrary bytes framed as a request (a
//! request line, `name: value` header lines, a blank line, the body), read by the same functions
//! the handlers use (query strings, forms in their charset, direct bodies, the dataset
//! parameters, `Accept`, the Graph Store's graph, uploaded articles) and parsed as SPARQL, but
//! never run on a store: that keeps one input to microseconds, so millions fit in minutes.
//!
//! What must hold on any input: nothing panics, a refusal is a 4xx with a message, negotiation
//! picks only what is offered, and an uploaded article is one `warta build` could have read.
//!
//! Owns: the invariants of request parsing. Must not: be routed to, or touch a store.

#![allow(clippy::panic, reason = "a fuzz target reports a broken invariant by panicking")]

use std::net::SocketAddr;

use oxhttp::model::{Body, Method, Request};
use oxigraph::sparql::CancellationToken;
use warta_text::fuzz::Features;
use warta_text::input::ReadOptions;

use crate::federation::ServicePolicy;
use crate::query::QueryConfig;
use crate::serve::graph_store::{DATASET_TYPES, TRIPLE_TYPES, parse_articles, target};
use crate::serve::http::{Reply, bearer, content_type, first, negotiate, read_body, url_params};
use crate::serve::sparql::{GRAPH_TYPES, QUERY, RESULT_TYPES, UPDATE, dataset_graphs, operation};

/// Small enough that the fuzzer reaches the limits.
const MAX_BODY_BYTES: usize = 256;
const OPTIONS: ReadOptions = ReadOptions {
    strict_utf8: false,
    max_article_bytes: 128,
};

/// Reads one request from `bytes` as the server would, checking what must hold.
pub fn request(bytes: &[u8], features: &mut Features) {
    let Some(mut request) = frame(bytes) else {
        features.add("not a request", 0);
        return;
    };
    features.add("method", method_feature(request.method()));
    for (offered, label) in [
        (&RESULT_TYPES[..], "results"),
        (&GRAPH_TYPES[..], "graphs"),
        (&TRIPLE_TYPES[..], "triples"),
        (&DATASET_TYPES[..], "datasets"),
    ] {
        let chosen = negotiate(&request, offered);
        if let Some(media) = chosen {
            assert!(offered.contains(&media), "{media} was not offered");
        }
        features.add(
            label,
            chosen.and_then(|m| offered.iter().position(|o| *o == m)).map_or(99, |p| p as u64),
        );
    }
    features.add("bearer", u64::from(bearer(&request).is_some()));
    let path = request.uri().path().to_owned();
    match path.as_str() {
        "/query" | "/sparql" => sparql(&mut request, true, features),
        "/update" => sparql(&mut request, false, features),
        "/store" => match target(&request) {
            Ok(graph) => features.add("graph", u64::from(graph.is_default_graph())),
            Err(reply) => refused(&reply, "graph", features),
        },
        "/articles" => articles(&mut request, features),
        _ => features.add("path", 0),
    }
}

/// The request `bytes` frame, or `None` when the framing or `http` refuses it (hyper would have
/// refused it before the handlers saw it).
fn frame(bytes: &[u8]) -> Option<Request<Body>> {
    let text_end = bytes.windows(2).position(|w| w == b"\n\n");
    let (head, body) = match text_end {
        Some(end) => (bytes.get(..end)?, bytes.get(end + 2..)?),
        None => (bytes, &[][..]),
    };
    let head = std::str::from_utf8(head).ok()?;
    let mut lines = head.split('\n');
    let mut request_line = lines.next()?.split(' ');
    let method = Method::from_bytes(request_line.next()?.as_bytes()).ok()?;
    let mut builder = Request::builder()
        .method(method)
        .uri(format!("http://127.0.0.1:7878{}", request_line.next()?));
    for line in lines {
        let (name, value) = line.split_once(':')?;
        builder = builder.header(name.trim(), value.trim());
    }
    builder.body(Body::from(body.to_vec())).ok()
}

fn method_feature(method: &Method) -> u64 {
    [
        Method::GET,
        Method::POST,
        Method::PUT,
        Method::DELETE,
        Method::HEAD,
        Method::OPTIONS,
    ]
    .iter()
    .position(|m| m == method)
    .map_or(9, |p| p as u64)
}

/// A refusal says why, with a client error: a request cannot make the server fail.
fn refused(reply: &Reply, label: &str, features: &mut Features) {
    let status = reply.status.as_u16();
    assert!(
        (400..500).contains(&status),
        "{label}: a bad request gets a 4xx, not {status}: {}",
        reply.text()
    );
    assert!(!reply.text().is_empty(), "{label}: a refusal says why");
    features.add(label, u64::from(status));
    features.add_reason(label, &reply.text());
}

fn sparql(request: &mut Request<Body>, is_query: bool, features: &mut Features) {
    let address = SocketAddr::from(([127, 0, 0, 1], 7878));
    let kind = if is_query { &QUERY } else { &UPDATE };
    let operation = match operation(request, kind, address, MAX_BODY_BYTES) {
        Ok(Some(operation)) => operation,
        Ok(None) => return features.add("no operation", 0),
        Err(reply) => return refused(&reply, "operation", features),
    };
    assert!(operation.base_iri.is_some(), "an operation resolves against the endpoint's URL");
    if let Err(reply) = dataset_graphs(&operation) {
        return refused(&reply, "dataset", features);
    }
    let config = QueryConfig {
        services: ServicePolicy::Only(Vec::new()),
        timeout: None,
        max_sorted_rows: Some(1),
        base_iri: operation.base_iri.clone(),
    };
    let token = CancellationToken::new();
    let parsed = if is_query {
        crate::query::prepare(&config, &operation.text, &token).map(drop)
    } else {
        crate::query::evaluator(&config, &token).and_then(|evaluator| {
            evaluator
                .parse_update(&operation.text)
                .map(drop)
                .map_err(|e| crate::query::QueryError::Syntax(e.to_string()))
        })
    };
    features.add("parsed", u64::from(parsed.is_ok()));
}

fn articles(request: &mut Request<Body>, features: &mut Features) {
    let kind = content_type(request);
    let id = first(&url_params(request), "id").map(str::to_owned);
    let body = match read_body(request, MAX_BODY_BYTES) {
        Ok(body) => body,
        Err(reply) => return refused(&reply, "body", features),
    };
    match parse_articles(&kind, id.as_deref(), body, &OPTIONS) {
        Ok(items) => {
            for item in items {
                match item {
                    Ok(article) => {
                        assert!(!article.text.trim().is_empty(), "an uploaded article has text");
                        assert!(
                            article.text.len() <= OPTIONS.max_article_bytes,
                            "an uploaded article is within the cap"
                        );
                        features.add("article", article.warnings.len() as u64);
                    }
                    Err(problem) => features.add_reason("skipped", &problem.reason),
                }
            }
        }
        Err(reply) => refused(&reply, "articles", features),
    }
}
