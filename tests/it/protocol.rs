//! The 34 cases of the W3C SPARQL 1.1 Protocol test suite
//! (<https://w3c.github.io/rdf-tests/sparql/sparql11/protocol/>), written here as our own
//! requests against `warta serve`: the same method, parameters, content type and body, and the
//! same expectation (a 2xx or 3xx answer with the right boolean or result format, or a 4xx).
//!
//! The suite sends every request to one path; warta takes queries at `/query` and updates at
//! `/update`, so each request goes to the endpoint of its operation (the suite allows this).
//! Each case runs on a fresh writable server in memory, holding the suite's three data graphs.

use oxhttp::model::{Method, Request};

use crate::serve::{TOKEN, writable_server};

const DATA: &str = "http://kasei.us/2009/09/sparql/data/";

/// Which endpoint a request goes to.
#[derive(Clone, Copy)]
enum Endpoint {
    Query,
    Update,
}

/// What the answer must be.
#[derive(Clone, Copy, Debug)]
enum Expect {
    /// 2xx or 3xx.
    Success,
    /// 2xx or 3xx, boolean results saying `true`.
    True,
    /// 2xx or 3xx, boolean results in XML or JSON.
    Boolean,
    /// 2xx or 3xx, solutions in XML, JSON, CSV or TSV.
    Tabular,
    /// 2xx or 3xx, an RDF graph.
    Rdf,
    /// 4xx.
    ClientError,
}

struct Step {
    endpoint: Endpoint,
    method: Method,
    /// The query string after the endpoint's path, with its `?`, or empty.
    query_string: &'static str,
    content_type: Option<&'static str>,
    body: Body,
    expect: Expect,
}

enum Body {
    None,
    Utf8(&'static str),
    Utf16(&'static str),
}

fn get(endpoint: Endpoint, query_string: &'static str, expect: Expect) -> Step {
    Step {
        endpoint,
        method: Method::GET,
        query_string,
        content_type: None,
        body: Body::None,
        expect,
    }
}

fn post(endpoint: Endpoint, query_string: &'static str, content_type: Option<&'static str>, body: &'static str, expect: Expect) -> Step {
    Step {
        endpoint,
        method: Method::POST,
        query_string,
        content_type,
        body: Body::Utf8(body),
        expect,
    }
}

const FORM: Option<&str> = Some("application/x-www-form-urlencoded");
const QUERY: Option<&str> = Some("application/sparql-query");
const UPDATE: Option<&str> = Some("application/sparql-update");
const DEFAULT_DATA0: &str = "?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf";

/// A server with the suite's data: `dataN.rdf` holds `<dataN.rdf> a foaf:Document`.
fn server() -> String {
    let base = writable_server(|_| {});
    for n in 1..=3 {
        let graph = format!("{DATA}data{n}.rdf");
        let put = oxhttp::Client::new()
            .request(
                Request::builder()
                    .method(Method::PUT)
                    .uri(format!(
                        "{base}/store?graph={}",
                        form_urlencoded::byte_serialize(graph.as_bytes()).collect::<String>()
                    ))
                    .header("content-type", "application/n-triples")
                    .header("authorization", format!("Bearer {TOKEN}"))
                    .body(
                        format!("<{graph}> <http://www.w3.org/1999/02/22-rdf-syntax-ns#type> <http://xmlns.com/foaf/0.1/Document> .\n")
                            .into_bytes(),
                    )
                    .unwrap(),
            )
            .unwrap();
        assert!(put.status().is_success(), "loading data{n}: {}", put.status());
    }
    base
}

fn run(steps: &[Step]) {
    let base = server();
    for (index, step) in steps.iter().enumerate() {
        let path = match step.endpoint {
            Endpoint::Query => "/query",
            Endpoint::Update => "/update",
        };
        let mut request = Request::builder()
            .method(step.method.clone())
            .uri(format!("{base}{path}{}", step.query_string))
            .header("authorization", format!("Bearer {TOKEN}"));
        if let Some(content_type) = step.content_type {
            request = request.header("content-type", content_type);
        }
        let body = match step.body {
            Body::None => Vec::new(),
            Body::Utf8(text) => text.as_bytes().to_vec(),
            Body::Utf16(text) => text.encode_utf16().flat_map(u16::to_be_bytes).collect(),
        };
        let response = oxhttp::Client::new().request(request.body(body).unwrap()).unwrap();
        let status = response.status();
        let content_type = response
            .headers()
            .get("content-type")
            .and_then(|v| v.to_str().ok())
            .unwrap_or("")
            .to_owned();
        let text = response.into_body().to_string().unwrap();
        let context = format!("step {index}: {status} {content_type}\n{text}");
        let success = status.is_success() || status.is_redirection();
        match step.expect {
            Expect::ClientError => assert!(status.is_client_error(), "{context}"),
            Expect::Success => assert!(success, "{context}"),
            Expect::True => {
                assert!(success, "{context}");
                assert!(is_boolean_type(&content_type), "{context}");
                assert!(text.contains("true") && !text.contains("false"), "{context}");
            }
            Expect::Boolean => {
                assert!(success, "{context}");
                assert!(is_boolean_type(&content_type), "{context}");
            }
            Expect::Tabular => {
                assert!(success, "{context}");
                assert!(
                    [
                        "application/sparql-results+xml",
                        "application/sparql-results+json",
                        "text/csv",
                        "text/tab-separated-values"
                    ]
                    .iter()
                    .any(|t| content_type.starts_with(t)),
                    "{context}"
                );
                assert!(text.contains("value"), "{context}");
            }
            Expect::Rdf => {
                assert!(success, "{context}");
                let format = oxigraph::io::RdfFormat::from_media_type(&content_type).unwrap_or_else(|| panic!("{context}"));
                for quad in oxigraph::io::RdfParser::from_format(format).for_slice(text.as_bytes()) {
                    assert!(quad.is_ok(), "{context}");
                }
            }
        }
    }
}

fn is_boolean_type(content_type: &str) -> bool {
    content_type.starts_with("application/sparql-results+xml") || content_type.starts_with("application/sparql-results+json")
}

#[test]
fn query_post_form() {
    run(&[post(Endpoint::Query, DEFAULT_DATA0, FORM, "query=ASK%20%7B%7D", Expect::True)]);
}

#[test]
fn query_dataset_default_graphs_get() {
    run(&[get(
        Endpoint::Query,
        "?query=ASK%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20.%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20.%20%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        Expect::True,
    )]);
}

#[test]
fn query_dataset_default_graphs_post() {
    run(&[post(
        Endpoint::Query,
        "?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        QUERY,
        "ASK { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type . <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type . }",
        Expect::True,
    )]);
}

#[test]
fn query_dataset_named_graphs_post() {
    run(&[post(
        Endpoint::Query,
        "?named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        QUERY,
        "ASK { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }",
        Expect::True,
    )]);
}

#[test]
fn query_dataset_named_graphs_get() {
    run(&[get(
        Endpoint::Query,
        "?query=ASK%20%7B%20GRAPH%20%3Fg1%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf%3E%20a%20%3Ftype%20%7D%20GRAPH%20%3Fg2%20%7B%20%3Chttp%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf%3E%20a%20%3Ftype%20%7D%20%7D&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        Expect::True,
    )]);
}

#[test]
fn query_dataset_full() {
    run(&[post(
        Endpoint::Query,
        "?default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata3.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        QUERY,
        "ASK {
  <http://kasei.us/2009/09/sparql/data/data3.rdf> a ?type
  GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type }
  GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type }
}",
        Expect::True,
    )]);
}

#[test]
fn query_multiple_dataset() {
    run(&[post(
        Endpoint::Query,
        "?named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
        QUERY,
        "ASK FROM <http://kasei.us/2009/09/sparql/data/data3.rdf> { GRAPH ?g1 { <http://kasei.us/2009/09/sparql/data/data1.rdf> a ?type } GRAPH ?g2 { <http://kasei.us/2009/09/sparql/data/data2.rdf> a ?type } }",
        Expect::True,
    )]);
}

#[test]
fn query_get() {
    run(&[get(
        Endpoint::Query,
        "?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        Expect::True,
    )]);
}

#[test]
fn query_content_type_select() {
    run(&[post(
        Endpoint::Query,
        DEFAULT_DATA0,
        QUERY,
        "SELECT (1 AS ?value) {}",
        Expect::Tabular,
    )]);
}

#[test]
fn query_content_type_ask() {
    run(&[post(Endpoint::Query, DEFAULT_DATA0, QUERY, "ASK {}", Expect::Boolean)]);
}

#[test]
fn query_content_type_describe() {
    run(&[post(
        Endpoint::Query,
        DEFAULT_DATA0,
        QUERY,
        "DESCRIBE <http://example.org/>",
        Expect::Rdf,
    )]);
}

#[test]
fn query_content_type_construct() {
    run(&[post(
        Endpoint::Query,
        DEFAULT_DATA0,
        QUERY,
        "CONSTRUCT { <s> <p> 1 } WHERE {}",
        Expect::Rdf,
    )]);
}

#[test]
fn update_dataset_default_graph() {
    run(&[
        post(
            Endpoint::Update,
            "?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf",
            UPDATE,
            "PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document
    }
} ;
INSERT {
    GRAPH <http://example.org/protocol-update-dataset-test/> {
        ?s a dc:BibliographicResource
    }
}
WHERE {
    ?s a foaf:Document
}",
            Expect::Success,
        ),
        post(
            Endpoint::Query,
            "",
            QUERY,
            "ASK {
    GRAPH <http://example.org/protocol-update-dataset-test/> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource>
    }
}",
            Expect::True,
        ),
    ]);
}

#[test]
fn update_dataset_default_graphs() {
    run(&[
        post(
            Endpoint::Update,
            "?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
            UPDATE,
            "PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }
} ;
INSERT {
    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {
        ?s a dc:BibliographicResource
    }
}
WHERE {
    ?s a foaf:Document
}",
            Expect::Success,
        ),
        post(
            Endpoint::Query,
            "",
            QUERY,
            "ASK {
    GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
    }
    FILTER NOT EXISTS {
        GRAPH <http://example.org/protocol-update-dataset-graphs-test/> {
            <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        }
    }
}",
            Expect::True,
        ),
    ]);
}

#[test]
fn update_dataset_named_graphs() {
    run(&[
        post(
            Endpoint::Update,
            "?using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
            UPDATE,
            "PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
CLEAR ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }
} ;
INSERT {
    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {
        ?s a dc:BibliographicResource
    }
}
WHERE {
    GRAPH ?g { ?s a foaf:Document }
}",
            Expect::Success,
        ),
        post(
            Endpoint::Query,
            "",
            QUERY,
            "ASK {
    GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        <http://kasei.us/2009/09/sparql/data/data2.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
    }
    FILTER NOT EXISTS {
        GRAPH <http://example.org/protocol-update-dataset-named-graphs-test/> {
            <http://kasei.us/2009/09/sparql/data/data3.rdf> a <http://purl.org/dc/terms/BibliographicResource> .
        }
    }
}",
            Expect::True,
        ),
    ]);
}

#[test]
fn update_dataset_full() {
    run(&[
        post(
            Endpoint::Update,
            "?using-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata1.rdf&using-named-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata2.rdf",
            UPDATE,
            "PREFIX dc: <http://purl.org/dc/terms/>
PREFIX foaf: <http://xmlns.com/foaf/0.1/>
DROP ALL ;
INSERT DATA {
    GRAPH <http://kasei.us/2009/09/sparql/data/data1.rdf> { <http://kasei.us/2009/09/sparql/data/data1.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data2.rdf> { <http://kasei.us/2009/09/sparql/data/data2.rdf> a foaf:Document }
    GRAPH <http://kasei.us/2009/09/sparql/data/data3.rdf> { <http://kasei.us/2009/09/sparql/data/data3.rdf> a foaf:Document }
} ;
INSERT {
    GRAPH <http://example.org/protocol-update-dataset-full-test/> {
        ?s <http://example.org/in> ?in
    }
}
WHERE {
    {
        GRAPH ?g { ?s a foaf:Document }
        BIND(?g AS ?in)
    }
    UNION
    {
        ?s a foaf:Document .
        BIND(\"default\" AS ?in)
    }
}",
            Expect::Success,
        ),
        post(
            Endpoint::Query,
            "",
            QUERY,
            "ASK {
    GRAPH <http://example.org/protocol-update-dataset-full-test/> {
        <http://kasei.us/2009/09/sparql/data/data1.rdf> <http://example.org/in> \"default\" .
        <http://kasei.us/2009/09/sparql/data/data2.rdf> <http://example.org/in> <http://kasei.us/2009/09/sparql/data/data2.rdf> .
    }
    FILTER NOT EXISTS {
        GRAPH <http://example.org/protocol-update-dataset-full-test/> {
            <http://kasei.us/2009/09/sparql/data/data3.rdf> ?p ?o
        }
    }
}",
            Expect::True,
        ),
    ]);
}

#[test]
fn update_post_form() {
    run(&[post(Endpoint::Update, "", FORM, "update=CLEAR+ALL", Expect::Success)]);
}

#[test]
fn update_post_direct() {
    run(&[post(Endpoint::Update, "", UPDATE, "CLEAR ALL", Expect::Success)]);
}

#[test]
fn update_base_uri() {
    run(&[
        post(
            Endpoint::Update,
            "",
            UPDATE,
            "CLEAR SILENT GRAPH <http://example.org/protocol-base-test/> ;
INSERT DATA { GRAPH <http://example.org/protocol-base-test/> { <http://example.org/s> <http://example.org/p> <test> } }",
            Expect::Success,
        ),
        post(
            Endpoint::Query,
            "",
            QUERY,
            "ASK {
    GRAPH <http://example.org/protocol-base-test/> {
        <http://example.org/s> <http://example.org/p> ?o
        FILTER (isIRI(?o) && STR(?o) != \"test\")
    }
}",
            Expect::True,
        ),
    ]);
}

#[test]
fn query_post_direct() {
    run(&[post(Endpoint::Query, "", QUERY, "ASK {}", Expect::True)]);
}

#[test]
fn bad_query_method() {
    run(&[Step {
        endpoint: Endpoint::Query,
        method: Method::PUT,
        query_string: "?query=ASK%20%7B%7D&default-graph-uri=http%3A%2F%2Fkasei.us%2F2009%2F09%2Fsparql%2Fdata%2Fdata0.rdf",
        content_type: FORM,
        body: Body::None,
        expect: Expect::ClientError,
    }]);
}

#[test]
fn bad_multiple_queries() {
    run(&[get(
        Endpoint::Query,
        "?query=ASK%20%7B%7D&query=SELECT%20%2A%20%7B%7D",
        Expect::ClientError,
    )]);
}

#[test]
fn bad_query_wrong_media_type() {
    run(&[post(Endpoint::Query, "", Some("text/plain"), "ASK {}", Expect::ClientError)]);
}

#[test]
fn bad_query_missing_form_type() {
    run(&[post(Endpoint::Query, "", None, "query=ASK%20%7B%7D", Expect::ClientError)]);
}

#[test]
fn bad_query_missing_direct_type() {
    run(&[post(Endpoint::Query, "", None, "ASK {}", Expect::ClientError)]);
}

#[test]
fn bad_query_non_utf8() {
    run(&[Step {
        endpoint: Endpoint::Query,
        method: Method::POST,
        query_string: "",
        content_type: Some("application/sparql-query; charset=UTF-16"),
        body: Body::Utf16("ASK {}"),
        expect: Expect::ClientError,
    }]);
}

#[test]
fn bad_query_syntax() {
    run(&[get(Endpoint::Query, "?query=ASK%20%7B", Expect::ClientError)]);
}

/// The suite's GET with `update=`, to both endpoints: neither runs an update from a GET.
#[test]
fn bad_update_get() {
    run(&[
        get(Endpoint::Update, "?update=CLEAR%20ALL", Expect::ClientError),
        get(Endpoint::Query, "?update=CLEAR%20ALL", Expect::ClientError),
    ]);
}

#[test]
fn bad_multiple_updates() {
    run(&[post(
        Endpoint::Update,
        "",
        FORM,
        "update=CLEAR%20NAMED&update=CLEAR%20DEFAULT",
        Expect::ClientError,
    )]);
}

#[test]
fn bad_update_wrong_media_type() {
    run(&[post(Endpoint::Update, "", Some("text/plain"), "CLEAR NAMED", Expect::ClientError)]);
}

#[test]
fn bad_update_missing_form_type() {
    run(&[post(Endpoint::Update, "", None, "update=CLEAR%20NAMED", Expect::ClientError)]);
}

#[test]
fn bad_update_non_utf8() {
    run(&[Step {
        endpoint: Endpoint::Update,
        method: Method::POST,
        query_string: "",
        content_type: Some("application/sparql-update; charset=UTF-16"),
        body: Body::Utf16("CLEAR NAMED"),
        expect: Expect::ClientError,
    }]);
}

#[test]
fn bad_update_syntax() {
    run(&[post(Endpoint::Update, "", FORM, "update=CLEAR%20XYZ", Expect::ClientError)]);
}

#[test]
fn bad_update_dataset_conflict() {
    run(&[post(
        Endpoint::Update,
        "?using-named-graph-uri=http%3A%2F%2Fexample%2Fpeople",
        UPDATE,
        "PREFIX foaf:  <http://xmlns.com/foaf/0.1/>
WITH <http://example/addresses>
DELETE { ?person foaf:givenName 'Bill' }
INSERT { ?person foaf:givenName 'William' }
WHERE {
    ?person foaf:givenName 'Bill'
}",
        Expect::ClientError,
    )]);
}
