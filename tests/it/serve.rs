//! The HTTP endpoint against the SPARQL 1.1 Protocol, the Graph Store HTTP Protocol, the write
//! rules and the limits: each test starts its own server on a free loopback port.

use std::sync::{Arc, OnceLock};
use std::time::{Duration, Instant};

use oxhttp::model::{Method, Request, StatusCode};
use warta::serve::{ServeConfig, serve};

use crate::util::{seeds_store, stdout};

const ARTICLE: &str = "https://w3id.org/warta/id/article/001_2c12a08885d138fe";
pub const TOKEN: &str = "correct-horse-battery-staple";

fn lexicon() -> Arc<warta::Lexicon> {
    static LEXICON: OnceLock<Arc<warta::Lexicon>> = OnceLock::new();
    LEXICON.get_or_init(|| Arc::new(warta::Lexicon::embedded().unwrap())).clone()
}

/// A server on the seeds store, read-only, with `configure` applied; its base URL.
pub fn seeds_server(configure: impl FnOnce(&mut ServeConfig)) -> String {
    start(warta::Store::open_read_only(seeds_store()).unwrap(), configure)
}

/// A writable server on an empty store in memory.
pub fn writable_server(configure: impl FnOnce(&mut ServeConfig)) -> String {
    start(warta::Store::memory().unwrap(), |config| {
        config.write_token = Some(TOKEN.to_owned());
        configure(config);
    })
}

fn start(store: warta::Store, configure: impl FnOnce(&mut ServeConfig)) -> String {
    let mut config = ServeConfig {
        bind: "127.0.0.1:0".parse().unwrap(),
        ..ServeConfig::default()
    };
    configure(&mut config);
    let server = serve(store, lexicon(), config).unwrap();
    // The server's threads keep serving after the handle is dropped, until the tests end.
    format!("http://{}", server.address())
}

/// What came back: status, content type, the named headers' values, body.
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub headers: oxhttp::model::HeaderMap,
    pub body: String,
}

pub fn send(method: Method, url: &str, headers: &[(&str, &str)], body: impl Into<Vec<u8>>) -> Reply {
    // A HEAD response announces a length it does not send: nothing to read.
    let head = method == Method::HEAD;
    let mut request = Request::builder().method(method).uri(url);
    for (name, value) in headers {
        request = request.header(*name, *value);
    }
    let response = oxhttp::Client::new().request(request.body(body.into()).unwrap()).unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let content_type = headers.get("content-type").and_then(|v| v.to_str().ok()).unwrap_or("").to_owned();
    Reply {
        status,
        content_type,
        headers,
        body: if head {
            String::new()
        } else {
            response.into_body().to_string().unwrap()
        },
    }
}

pub fn get(url: &str, accept: &str) -> Reply {
    send(Method::GET, url, &[("accept", accept)], Vec::new())
}

pub fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}

pub fn query_url(base: &str, query: &str) -> String {
    format!("{base}/query?query={}", encode(query))
}

/// The number of triples of an RDF document.
fn triples(body: &str, format: oxigraph::io::RdfFormat) -> usize {
    oxigraph::io::RdfParser::from_format(format)
        .for_slice(body.as_bytes())
        .inspect(|quad| assert!(quad.is_ok(), "{quad:?}"))
        .count()
}

const URGES_COUNT: &str = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?a warta:urges ?b } }";

#[test]
fn a_query_by_get_answers_in_sparql_json_by_default() {
    let base = seeds_server(|_| {});
    let reply = get(
        &query_url(&base, "ASK { GRAPH ?g { actor:colonna warta:condemns actor:azerbaijan } }"),
        "*/*",
    );
    assert_eq!(reply.status, StatusCode::OK);
    assert!(
        reply.content_type.starts_with("application/sparql-results+json"),
        "{}",
        reply.content_type
    );
    let json: serde_json::Value = serde_json::from_str(&reply.body).unwrap();
    assert_eq!(json["boolean"], serde_json::Value::Bool(true));
}

#[test]
fn a_query_by_post_is_the_same_urlencoded_or_direct() {
    let base = seeds_server(|_| {});
    let by_get = get(&query_url(&base, URGES_COUNT), "text/tab-separated-values");
    let form = send(
        Method::POST,
        &format!("{base}/query"),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("accept", "text/tab-separated-values"),
        ],
        format!("query={}", encode(URGES_COUNT)),
    );
    let direct = send(
        Method::POST,
        &format!("{base}/query"),
        &[
            ("content-type", "application/sparql-query"),
            ("accept", "text/tab-separated-values"),
        ],
        URGES_COUNT,
    );
    assert_eq!(by_get.status, StatusCode::OK);
    let count: usize = by_get.body.lines().nth(1).unwrap().trim().parse().unwrap();
    assert!(count > 5, "{}", by_get.body);
    assert_eq!(form.body, by_get.body);
    assert_eq!(direct.body, by_get.body);
    let other = send(Method::POST, &format!("{base}/query"), &[("content-type", "image/png")], "x");
    assert_eq!(other.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}

#[test]
fn select_results_come_in_json_xml_csv_and_tsv() {
    let base = seeds_server(|_| {});
    let url = query_url(
        &base,
        "SELECT ?label WHERE { actor:azerbaijan rdfs:label ?label FILTER(LANG(?label) = 'en') }",
    );
    let json = get(&url, "application/sparql-results+json");
    assert!(json.content_type.starts_with("application/sparql-results+json"));
    assert!(json.body.contains("\"xml:lang\":\"en\""), "{}", json.body);
    let xml = get(&url, "application/sparql-results+xml");
    assert!(xml.content_type.starts_with("application/sparql-results+xml"));
    assert!(xml.body.contains("<literal xml:lang=\"en\">Azerbaijan</literal>"), "{}", xml.body);
    let csv = get(&url, "text/csv");
    assert!(csv.content_type.starts_with("text/csv"));
    assert_eq!(csv.body.lines().collect::<Vec<_>>(), ["label", "Azerbaijan"]);
    let tsv = get(&url, "text/tab-separated-values");
    assert!(tsv.content_type.starts_with("text/tab-separated-values"));
    assert_eq!(tsv.body.lines().collect::<Vec<_>>(), ["?label", "\"Azerbaijan\"@en"]);
    // Quality values decide, and a type nobody offers is refused.
    let preferred = get(&url, "application/sparql-results+json;q=0.2, text/csv;q=0.8");
    assert!(preferred.content_type.starts_with("text/csv"));
    assert_eq!(get(&url, "image/png").status, StatusCode::NOT_ACCEPTABLE);
}

#[test]
fn construct_and_describe_come_in_turtle_n_triples_and_rdf_xml() {
    use oxigraph::io::RdfFormat;
    let base = seeds_server(|_| {});
    let url = query_url(
        &base,
        &format!("CONSTRUCT {{ ?a warta:urges ?b }} WHERE {{ GRAPH <{ARTICLE}> {{ ?a warta:urges ?b }} }}"),
    );
    let expected = triples(&get(&url, "text/turtle").body, RdfFormat::Turtle);
    assert!(expected >= 2);
    for (media, format) in [
        ("text/turtle", RdfFormat::Turtle),
        ("application/n-triples", RdfFormat::NTriples),
        ("application/rdf+xml", RdfFormat::RdfXml),
    ] {
        let reply = get(&url, media);
        assert_eq!(reply.status, StatusCode::OK);
        assert!(reply.content_type.starts_with(media), "{media}: {}", reply.content_type);
        assert_eq!(triples(&reply.body, format), expected, "{media}");
    }
    let describe = get(&query_url(&base, "DESCRIBE actor:azerbaijan"), "application/n-triples");
    assert!(describe.body.contains("<http://www.wikidata.org/entity/Q227>"), "{}", describe.body);
}

#[test]
fn the_graph_parameters_choose_the_dataset() {
    let base = seeds_server(|_| {});
    let in_default = "SELECT (COUNT(*) AS ?n) WHERE { ?a warta:urges ?b }";
    let count = |url: String| -> usize {
        let body = get(&url, "text/csv").body;
        body.lines().nth(1).unwrap().trim().parse().unwrap()
    };
    // The store's default graph holds descriptions, not stances.
    assert_eq!(count(query_url(&base, in_default)), 0);
    let article_as_default = format!("{}&default-graph-uri={}", query_url(&base, in_default), encode(ARTICLE));
    let urges_in_article = count(article_as_default);
    assert!(urges_in_article >= 2);
    let named = "SELECT (COUNT(DISTINCT ?g) AS ?n) WHERE { GRAPH ?g { ?a warta:urges ?b } }";
    assert!(count(query_url(&base, named)) > 1);
    let only_one = format!("{}&named-graph-uri={}", query_url(&base, named), encode(ARTICLE));
    assert_eq!(count(only_one), 1);
    let bad = format!("{}&default-graph-uri={}", query_url(&base, in_default), encode("not an iri"));
    assert_eq!(get(&bad, "text/csv").status, StatusCode::BAD_REQUEST);
}

#[test]
fn a_get_without_a_query_describes_the_service() {
    let base = seeds_server(|_| {});
    let reply = get(&format!("{base}/query"), "text/turtle");
    assert_eq!(reply.status, StatusCode::OK);
    let store = oxigraph::store::Store::new().unwrap();
    store
        .load_from_slice(oxigraph::io::RdfFormat::Turtle, reply.body.as_bytes())
        .unwrap();
    let ask = |query: &str| -> bool {
        match oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(query)
            .unwrap()
            .on_store(&store)
            .execute()
            .unwrap()
        {
            oxigraph::sparql::QueryResults::Boolean(value) => value,
            _ => panic!("not an ASK"),
        }
    };
    let sd = "PREFIX sd: <http://www.w3.org/ns/sparql-service-description#>";
    assert!(ask(&format!(
        "{sd} ASK {{ ?s a sd:Service ; sd:endpoint <{base}/query> ; sd:supportedLanguage sd:SPARQL11Query }}"
    )));
    assert!(ask(&format!(
        "{sd} ASK {{ ?s sd:resultFormat <http://www.w3.org/ns/formats/SPARQL_Results_CSV> }}"
    )));
    // A read-only server does not offer updates.
    assert!(!ask(&format!("{sd} ASK {{ ?s sd:supportedLanguage sd:SPARQL11Update }}")));
}

#[test]
fn browser_tools_on_other_origins_may_call_it() {
    let base = seeds_server(|_| {});
    let reply = send(
        Method::GET,
        &query_url(&base, URGES_COUNT),
        &[("origin", "http://yasgui.example")],
        Vec::new(),
    );
    assert_eq!(reply.headers.get("access-control-allow-origin").unwrap(), "*");
    let preflight = send(
        Method::OPTIONS,
        &format!("{base}/query"),
        &[("origin", "http://yasgui.example"), ("access-control-request-method", "POST")],
        Vec::new(),
    );
    assert_eq!(preflight.status, StatusCode::NO_CONTENT);
    assert!(
        preflight
            .headers
            .get("access-control-allow-headers")
            .unwrap()
            .to_str()
            .unwrap()
            .contains("authorization")
    );
}

#[test]
fn the_graph_store_reads_an_article_graph_and_the_default_graph() {
    use oxigraph::io::RdfFormat;
    let base = seeds_server(|_| {});
    let article = get(&format!("{base}/store?graph={}", encode(ARTICLE)), "application/n-triples");
    assert_eq!(article.status, StatusCode::OK);
    let construct = get(
        &query_url(
            &base,
            &format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ARTICLE}> {{ ?s ?p ?o }} }}"),
        ),
        "application/n-triples",
    );
    assert_eq!(
        triples(&article.body, RdfFormat::NTriples),
        triples(&construct.body, RdfFormat::NTriples)
    );
    let default = get(&format!("{base}/store?default"), "text/turtle");
    assert_eq!(default.status, StatusCode::OK);
    assert!(
        default.body.contains("warta:Article"),
        "{}",
        default.body.chars().take(500).collect::<String>()
    );
    let head = send(Method::HEAD, &format!("{base}/store?graph={}", encode(ARTICLE)), &[], Vec::new());
    assert_eq!(head.status, StatusCode::OK);
    assert!(head.body.is_empty());
    assert_eq!(
        get(&format!("{base}/store?graph={}", encode("http://example.org/none")), "text/turtle").status,
        StatusCode::NOT_FOUND
    );
    assert_eq!(get(&format!("{base}/store"), "text/turtle").status, StatusCode::BAD_REQUEST);
}

#[test]
fn a_server_without_a_token_refuses_every_write_with_403() {
    let base = seeds_server(|_| {});
    let before = get(
        &query_url(&base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
        "text/csv",
    )
    .body;
    let auth = [("authorization", "Bearer anything"), ("content-type", "application/sparql-update")];
    let update = send(Method::POST, &format!("{base}/update"), &auth, "CLEAR ALL");
    assert_eq!(update.status, StatusCode::FORBIDDEN);
    assert!(update.body.contains("--write-token"), "{}", update.body);
    let put = send(
        Method::PUT,
        &format!("{base}/store?graph={}", encode(ARTICLE)),
        &[("content-type", "text/turtle")],
        "<http://e/a> <http://e/b> <http://e/c> .",
    );
    assert_eq!(put.status, StatusCode::FORBIDDEN);
    let delete = send(Method::DELETE, &format!("{base}/store?graph={}", encode(ARTICLE)), &[], Vec::new());
    assert_eq!(delete.status, StatusCode::FORBIDDEN);
    let upload = send(
        Method::POST,
        &format!("{base}/articles?id=x"),
        &[("content-type", "text/plain")],
        "Rusia mengecam Ukraina.",
    );
    assert_eq!(upload.status, StatusCode::FORBIDDEN);
    assert_eq!(
        get(
            &query_url(&base, "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } }"),
            "text/csv"
        )
        .body,
        before
    );
}

#[test]
fn writes_need_the_token_and_succeed_with_it() {
    let base = writable_server(|_| {});
    let insert = "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/a> <http://example.org/b> 'c' } }";
    let without = send(
        Method::POST,
        &format!("{base}/update"),
        &[("content-type", "application/sparql-update")],
        insert,
    );
    assert_eq!(without.status, StatusCode::UNAUTHORIZED);
    assert!(without.headers.get("www-authenticate").is_some());
    let wrong = send(
        Method::POST,
        &format!("{base}/update"),
        &[
            ("content-type", "application/sparql-update"),
            ("authorization", "Bearer correct-horse"),
        ],
        insert,
    );
    assert_eq!(wrong.status, StatusCode::UNAUTHORIZED);
    let bearer = format!("Bearer {TOKEN}");
    let right = send(
        Method::POST,
        &format!("{base}/update"),
        &[("content-type", "application/x-www-form-urlencoded"), ("authorization", &bearer)],
        format!("update={}", encode(insert)),
    );
    assert_eq!(right.status, StatusCode::NO_CONTENT, "{}", right.body);
    let ask = get(
        &query_url(&base, "ASK { GRAPH <http://example.org/g> { ?s ?p 'c' } }"),
        "application/sparql-results+json",
    );
    assert!(ask.body.contains("true"));
    let description = get(&format!("{base}/query"), "application/n-triples").body;
    assert!(description.contains("SPARQL11Update"));
}

#[test]
fn graph_store_writes_create_replace_add_and_delete() {
    let base = writable_server(|_| {});
    let bearer = format!("Bearer {TOKEN}");
    let graph = format!("{base}/store?graph={}", encode("http://example.org/facts"));
    let turtle = [("content-type", "text/turtle"), ("authorization", bearer.as_str())];
    let count = || {
        get(
            &query_url(
                &base,
                "SELECT (COUNT(*) AS ?n) WHERE { GRAPH <http://example.org/facts> { ?s ?p ?o } }",
            ),
            "text/csv",
        )
        .body
    };
    assert_eq!(
        send(Method::PUT, &graph, &turtle, "<http://e/a> <http://e/p> 1, 2 .").status,
        StatusCode::CREATED
    );
    assert_eq!(count(), "n\r\n2\r\n");
    assert_eq!(
        send(Method::PUT, &graph, &turtle, "<http://e/a> <http://e/p> 3 .").status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(count(), "n\r\n1\r\n");
    assert_eq!(
        send(Method::POST, &graph, &turtle, "<http://e/a> <http://e/p> 4 .").status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(count(), "n\r\n2\r\n");
    let broken = send(Method::PUT, &graph, &turtle, "<http://e/a> <http://e/p> .");
    assert_eq!(broken.status, StatusCode::BAD_REQUEST);
    assert_eq!(count(), "n\r\n2\r\n", "a broken upload changes nothing");
    assert_eq!(
        send(Method::DELETE, &graph, &[("authorization", bearer.as_str())], Vec::new()).status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(get(&graph, "text/turtle").status, StatusCode::NOT_FOUND);
}

#[test]
fn uploaded_articles_are_extracted_like_built_ones() {
    let base = writable_server(|_| {});
    let bearer = format!("Bearer {TOKEN}");
    let upload = |content_type: &str, path: &str, body: &str| {
        send(
            Method::POST,
            &format!("{base}{path}"),
            &[("content-type", content_type), ("authorization", bearer.as_str())],
            body.to_owned(),
        )
    };
    let text = upload("text/plain", "/articles?id=kyiv-1", "Jerman mengecam Rusia atas serangan ke Kyiv.");
    assert_eq!(text.status, StatusCode::CREATED, "{}", text.body);
    let json = upload(
        "application/json",
        "/articles",
        r#"[{"id": "gaza-1", "text": "Mesir mendesak Israel untuk menghentikan serangan.", "date": "2024-01-05"}, {"id": "bad"}]"#,
    );
    assert_eq!(json.status, StatusCode::CREATED);
    let reply: serde_json::Value = serde_json::from_str(&json.body).unwrap();
    assert_eq!(reply["loaded"], serde_json::json!(["gaza-1"]));
    assert!(reply["skipped"][0]["reason"].as_str().unwrap().contains("text"), "{reply}");
    let lines = upload(
        "application/x-ndjson",
        "/articles",
        "{\"id\": \"sudan-1\", \"text\": \"Uni Afrika mengecam Sudan.\"}\n\n",
    );
    assert_eq!(lines.status, StatusCode::CREATED, "{}", lines.body);
    let stances = get(
        &query_url(
            &base,
            "SELECT ?a ?r ?b WHERE { GRAPH ?g { ?a ?r ?b . FILTER(?r IN (warta:condemns, warta:urges)) } } ORDER BY ?a",
        ),
        "text/csv",
    )
    .body;
    for expected in ["germany", "egypt", "african-union"] {
        assert!(
            stances.contains(&format!("actor/{expected},")),
            "{expected} missing from\n{stances}"
        );
    }
    // The gazetteer came along, so that joins on it work for uploaded articles too.
    let joined = get(
        &query_url(
            &base,
            "ASK { GRAPH <https://w3id.org/warta/id/graph/reference> { actor:egypt warta:iso3166Alpha2 'EG' } }",
        ),
        "application/sparql-results+json",
    );
    assert!(joined.body.contains("true"), "{}", joined.body);
    assert_eq!(
        upload("application/json", "/articles", r#"{"id": "x"}"#).status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(upload("text/plain", "/articles", "no id").status, StatusCode::BAD_REQUEST);
    assert_eq!(
        upload("application/pdf", "/articles", "%PDF").status,
        StatusCode::UNSUPPORTED_MEDIA_TYPE
    );
}

#[test]
fn a_bad_query_is_a_400_with_the_parsers_message() {
    let base = seeds_server(|_| {});
    let reply = get(&query_url(&base, "SELEKT ?x WHERE { ?x ?y ?z }"), "*/*");
    assert_eq!(reply.status, StatusCode::BAD_REQUEST);
    assert!(
        reply.body.contains("not valid SPARQL") && reply.body.contains("expected"),
        "{}",
        reply.body
    );
    let unknown_prefix = get(&query_url(&base, "SELECT * WHERE { ?x nope:p ?z }"), "*/*");
    assert_eq!(unknown_prefix.status, StatusCode::BAD_REQUEST);
    assert!(unknown_prefix.body.contains("error at 1:"), "{}", unknown_prefix.body);
}

#[test]
fn bodies_over_the_limit_are_refused_with_413() {
    let base = seeds_server(|config| config.max_body_bytes = 1024);
    let query = format!("SELECT * WHERE {{ ?s ?p ?o }} # {}", "x".repeat(2000));
    let reply = send(
        Method::POST,
        &format!("{base}/query"),
        &[("content-type", "application/sparql-query")],
        query,
    );
    assert_eq!(reply.status, StatusCode::PAYLOAD_TOO_LARGE);
    assert!(reply.body.contains("1024"), "{}", reply.body);
}

#[test]
fn results_over_the_row_cap_are_cut_and_say_so() {
    let base = seeds_server(|config| config.max_rows = 5);
    let reply = get(&query_url(&base, "SELECT * WHERE { ?s ?p ?o }"), "text/tab-separated-values");
    assert_eq!(reply.status, StatusCode::OK);
    assert_eq!(reply.body.lines().count(), 1 + 5, "{}", reply.body);
    assert_eq!(reply.headers.get("x-warta-truncated").unwrap(), "5");
    let small = get(&query_url(&base, "SELECT * WHERE { ?s ?p ?o } LIMIT 3"), "text/csv");
    assert!(small.headers.get("x-warta-truncated").is_none());
}

/// A query that runs for minutes: chains of quads that share objects, across every graph.
const ENDLESS: &str =
    "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g1 { ?a ?p ?x } GRAPH ?g2 { ?b ?q ?x } GRAPH ?g3 { ?b ?r ?y } GRAPH ?g4 { ?c ?s ?y } }";

#[test]
fn a_long_query_times_out_with_503_while_others_are_served() {
    let base = seeds_server(|config| config.query_timeout = Duration::from_secs(2));
    let long_url = query_url(&base, ENDLESS);
    let started = Instant::now();
    let long = std::thread::spawn(move || (get(&long_url, "text/csv"), Instant::now()));
    std::thread::sleep(Duration::from_millis(300));
    let quick = get(&query_url(&base, URGES_COUNT), "text/csv");
    let quick_done = Instant::now();
    assert_eq!(quick.status, StatusCode::OK);
    let (long, long_done) = long.join().unwrap();
    assert_eq!(long.status, StatusCode::SERVICE_UNAVAILABLE, "{}", long.body);
    assert!(long.body.contains("longer than"), "{}", long.body);
    assert!(quick_done < long_done, "the quick query waited for the long one");
    assert!(long_done.duration_since(started) < Duration::from_secs(60));
}

#[test]
fn unknown_paths_and_methods_say_what_exists() {
    let base = seeds_server(|_| {});
    let missing = get(&format!("{base}/nothing"), "*/*");
    assert_eq!(missing.status, StatusCode::NOT_FOUND);
    assert!(missing.body.contains("/query"));
    assert_eq!(
        send(Method::DELETE, &format!("{base}/query"), &[], Vec::new()).status,
        StatusCode::METHOD_NOT_ALLOWED
    );
}

#[test]
fn the_page_and_its_parts_are_served() {
    let base = seeds_server(|_| {});
    let index = get(&format!("{base}/"), "text/html");
    assert!(index.content_type.starts_with("text/html"));
    assert!(index.body.contains("<textarea id=\"query\"") && index.body.contains("<option value=\"urges\">"));
    assert!(
        get(&format!("{base}/static/app.js"), "*/*")
            .content_type
            .starts_with("text/javascript")
    );
    let queries: serde_json::Value = serde_json::from_str(&get(&format!("{base}/queries"), "application/json").body).unwrap();
    assert_eq!(queries.as_array().unwrap().len(), warta::STOCK_QUERIES.len());
    assert!(queries[0]["question"].as_str().unwrap().ends_with('?'));
}

#[test]
fn an_actor_page_shows_its_links_affiliations_and_stances() {
    let base = seeds_server(|_| {});
    let page = get(&format!("{base}/actor/colonna"), "text/html");
    assert_eq!(page.status, StatusCode::OK);
    assert!(page.body.contains("<h1 id=\"actor-label\">Catherine Colonna</h1>"), "{}", page.body);
    assert!(page.body.contains("person"));
    assert!(page.body.contains("href=\"/actor/france\""), "affiliation to France");
    let azerbaijan = get(&format!("{base}/actor/azerbaijan"), "text/html").body;
    assert!(azerbaijan.contains("href=\"http://www.wikidata.org/entity/Q227\""));
    assert!(azerbaijan.contains("Stances it receives"));
    assert!(azerbaijan.contains("class=\"relation condemns\"") && azerbaijan.contains("href=\"/article/001_2c12a08885d138fe#s"));
    assert_eq!(get(&format!("{base}/actor/atlantis"), "text/html").status, StatusCode::NOT_FOUND);
}

#[test]
fn an_article_page_marks_the_sentences_that_state_something() {
    let base = seeds_server(|_| {});
    let page = get(&format!("{base}/article/001_2c12a08885d138fe"), "text/html").body;
    let marked = page.matches("<mark id=\"s").count();
    assert!(marked >= 3, "{page}");
    assert!(page.contains("<mark id=\"s6\" title=\"urges azerbaijan"), "{page}");
    // The unmarked text is there too, and everything from the article is escaped.
    assert!(page.contains("Apa Peran Rusia?"));
    assert!(!page.contains("<script"));
    assert_eq!(get(&format!("{base}/article/nope"), "text/html").status, StatusCode::NOT_FOUND);
}

#[test]
fn the_picture_follows_a_query_or_a_filter() {
    let base = seeds_server(|_| {});
    let who_urged = warta::stock_query("who-urged-whom").unwrap();
    let picture = get(&format!("{base}/graph.svg?query={}", encode(who_urged)), "image/svg+xml");
    assert_eq!(picture.status, StatusCode::OK);
    assert!(picture.content_type.starts_with("image/svg+xml"));
    assert!(picture.body.contains("<svg"));
    assert!(picture.body.contains(">Azerbaijan<"), "actor labels are drawn");
    // The query names warta:urges, so the picture draws urging alone.
    assert!(picture.body.contains(">urges<") && !picture.body.contains(">condemns<"));
    let filtered = get(&format!("{base}/graph.svg?relation=condemns&actor=Q227"), "image/svg+xml");
    assert!(filtered.body.contains(">condemns<") && !filtered.body.contains(">urges<"));
    assert!(filtered.headers.get("x-warta-renderer").is_some());
    assert_eq!(
        get(&format!("{base}/graph.svg?relation=likes"), "*/*").status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        get(&format!("{base}/graph.svg?actor=Atlantis"), "*/*").status,
        StatusCode::NOT_FOUND
    );
    let nothing = get(
        &format!("{base}/graph.svg?query={}", encode("SELECT ?x WHERE { VALUES ?x { 1 } }")),
        "*/*",
    );
    assert_eq!(nothing.headers.get("x-warta-actors").unwrap(), "0");
}

/// A `warta serve` process, stopped when dropped.
pub struct Process {
    pub child: std::process::Child,
    pub base: String,
}

impl Drop for Process {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts `warta serve` with `args` on a free port and waits for its address.
pub fn warta_serve(args: &[&str]) -> Process {
    use std::io::BufRead;
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .arg("serve")
        .args(["--bind", "127.0.0.1:0"])
        .args(args)
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .split(" at ")
        .nth(1)
        .and_then(|rest| rest.split('/').take(3).collect::<Vec<_>>().join("/").into())
        .unwrap();
    // Keep reading so that the server never blocks on a full pipe.
    std::thread::spawn(move || lines.for_each(drop));
    Process { child, base }
}

/// Who urged which party, with the party's capital from the remote endpoint.
fn capitals_query(remote: &str) -> String {
    format!(
        "PREFIX wdt: <http://www.wikidata.org/prop/direct/>
         SELECT DISTINCT ?party ?capital WHERE {{
           GRAPH ?article {{ ?urger warta:urges ?p }}
           ?p rdfs:label ?party FILTER(LANG(?party) = 'en')
           ?p owl:sameAs ?item .
           SERVICE <{remote}/query> {{ ?item wdt:P36 ?c . ?c rdfs:label ?capital }}
         }} ORDER BY ?party"
    )
}

#[test]
fn service_joins_local_stances_with_a_remote_endpoints_facts() {
    let dir = crate::util::scratch();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let remote_store = dir.path().join("remote.db");
    let remote = warta_serve(&[
        "--store",
        remote_store.to_str().unwrap(),
        "--write-token-file",
        token_file.to_str().unwrap(),
    ]);
    let facts = std::fs::read_to_string(crate::util::fixture("remote-facts.ttl")).unwrap();
    let bearer = format!("Bearer {TOKEN}");
    let put = send(
        Method::PUT,
        &format!("{}/store?default", remote.base),
        &[("content-type", "text/turtle"), ("authorization", &bearer)],
        facts,
    );
    assert_eq!(put.status, StatusCode::NO_CONTENT, "{}", put.body);

    let allowed = format!("{}/query", remote.base);
    let local = warta_serve(&["--store", seeds_store().to_str().unwrap(), "--allow-service", &allowed]);
    let joined = get(&query_url(&local.base, &capitals_query(&remote.base)), "text/csv");
    assert_eq!(joined.status, StatusCode::OK, "{}", joined.body);
    let rows: Vec<&str> = joined.body.lines().collect();
    assert!(
        rows.contains(&"Azerbaijan,Baku") && rows.contains(&"Armenia,Yerevan"),
        "{}",
        joined.body
    );

    // Without the allow-list entry the server makes no outbound request.
    let closed = warta_serve(&["--store", seeds_store().to_str().unwrap()]);
    let refused = get(&query_url(&closed.base, &capitals_query(&remote.base)), "text/csv");
    assert_eq!(refused.status, StatusCode::BAD_REQUEST);
    assert!(refused.body.contains("--allow-service"), "{}", refused.body);
    let elsewhere = get(&query_url(&local.base, &capitals_query("http://127.0.0.1:9")), "text/csv");
    assert_eq!(elsewhere.status, StatusCode::BAD_REQUEST);

    // The command line is its user's own client: SERVICE works from `warta query` as well.
    let output = crate::util::warta(
        dir.path(),
        &[
            "query",
            "--store",
            seeds_store().to_str().unwrap(),
            "--format",
            "csv",
            &capitals_query(&remote.base),
        ],
    );
    crate::util::assert_exit(&output, 0);
    assert!(stdout(&output).contains("Azerbaijan,Baku"), "{}", stdout(&output));
}

#[test]
fn serve_explains_a_missing_store_and_a_taken_port() {
    let dir = crate::util::scratch();
    let missing = crate::util::warta(dir.path(), &["serve", "--store", "nowhere.db"]);
    crate::util::assert_exit(&missing, 2);
    assert!(
        crate::util::stderr(&missing).contains("warta build"),
        "{}",
        crate::util::stderr(&missing)
    );
    let running = warta_serve(&["--store", seeds_store().to_str().unwrap()]);
    let port = running.base.rsplit(':').next().unwrap();
    let taken = crate::util::warta(
        dir.path(),
        &[
            "serve",
            "--store",
            seeds_store().to_str().unwrap(),
            "--bind",
            &format!("127.0.0.1:{port}"),
        ],
    );
    crate::util::assert_exit(&taken, 2);
    assert!(
        crate::util::stderr(&taken).contains("cannot listen"),
        "{}",
        crate::util::stderr(&taken)
    );
}

// The protocol items of issue 10 ("Hold up as a server and a store"), one test each.

/// Relative IRIs resolve against the endpoint's URL, in queries and in updates.
#[test]
fn issue_10_relative_iris_resolve_against_the_endpoint() {
    let base = writable_server(|_| {});
    let reply = send(
        Method::POST,
        &format!("{base}/query"),
        &[("content-type", "application/sparql-query"), ("accept", "application/n-triples")],
        "CONSTRUCT { <s> <p> 1 } WHERE {}",
    );
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(reply.body.contains(&format!("<{base}/s> <{base}/p>")), "{}", reply.body);
    let bearer = format!("Bearer {TOKEN}");
    let update = send(
        Method::POST,
        &format!("{base}/update"),
        &[("content-type", "application/sparql-update"), ("authorization", &bearer)],
        "INSERT DATA { GRAPH <http://example.org/g> { <http://example.org/s> <http://example.org/p> <test> } }",
    );
    assert_eq!(update.status, StatusCode::NO_CONTENT, "{}", update.body);
    let ask = get(
        &query_url(&base, &format!("ASK {{ GRAPH ?g {{ ?s ?p <{base}/test> }} }}")),
        "application/sparql-results+json",
    );
    assert!(ask.body.contains("true"), "{}", ask.body);
}

/// Two operations in one request, an update sent to the query endpoint, and a protocol dataset
/// together with the update's own WITH are refused with 400.
#[test]
fn issue_10_ambiguous_operations_are_refused() {
    let base = writable_server(|_| {});
    let twice = get(&format!("{base}/query?query=ASK%7B%7D&query=ASK%7B%7D"), "*/*");
    assert_eq!(twice.status, StatusCode::BAD_REQUEST);
    assert!(twice.body.contains("one query="), "{}", twice.body);
    let update_by_get = get(&format!("{base}/query?update=CLEAR%20ALL"), "*/*");
    assert_eq!(update_by_get.status, StatusCode::BAD_REQUEST);
    assert!(update_by_get.body.contains("/update"), "{}", update_by_get.body);
    let bearer = format!("Bearer {TOKEN}");
    let form = [
        ("content-type", "application/x-www-form-urlencoded"),
        ("authorization", bearer.as_str()),
    ];
    let two_updates = send(
        Method::POST,
        &format!("{base}/update"),
        &form,
        "update=CLEAR%20ALL&update=CLEAR%20ALL",
    );
    assert_eq!(two_updates.status, StatusCode::BAD_REQUEST);
    let with = send(
        Method::POST,
        &format!("{base}/update?using-graph-uri={}", encode("http://example.org/g")),
        &form,
        format!(
            "update={}",
            encode("WITH <http://example.org/h> DELETE { ?s ?p ?o } WHERE { ?s ?p ?o }")
        ),
    );
    assert_eq!(with.status, StatusCode::BAD_REQUEST);
    assert!(with.body.contains("USING or WITH"), "{}", with.body);
}

/// CONSTRUCT, DESCRIBE and the Graph Store speak JSON-LD; SELECT answers `application/xml`.
#[test]
fn issue_10_json_ld_and_plain_xml_are_served() {
    let base = seeds_server(|_| {});
    let construct = get(
        &query_url(
            &base,
            &format!("CONSTRUCT {{ ?s ?p ?o }} WHERE {{ GRAPH <{ARTICLE}> {{ ?s ?p ?o }} }} LIMIT 5"),
        ),
        "application/ld+json",
    );
    assert_eq!(construct.status, StatusCode::OK);
    assert!(construct.content_type.starts_with("application/ld+json"));
    let parsed = triples(
        &construct.body,
        oxigraph::io::RdfFormat::JsonLd {
            profile: oxigraph::io::JsonLdProfileSet::empty(),
        },
    );
    assert_eq!(parsed, 5);
    let graph = get(&format!("{base}/store?graph={}", encode(ARTICLE)), "application/ld+json");
    assert_eq!(graph.status, StatusCode::OK);
    assert!(graph.content_type.starts_with("application/ld+json"));
    let xml = get(&query_url(&base, "SELECT (1 AS ?x) {}"), "application/xml");
    assert_eq!(xml.status, StatusCode::OK);
    assert!(
        xml.content_type.starts_with("application/sparql-results+xml"),
        "{}",
        xml.content_type
    );
    assert!(xml.body.contains("<sparql"), "{}", xml.body);
}

/// An ASK in CSV or TSV has a header line.
#[test]
fn issue_10_ask_in_csv_and_tsv_has_a_header() {
    let base = seeds_server(|_| {});
    let csv = get(&query_url(&base, "ASK {}"), "text/csv").body;
    assert_eq!(csv.lines().collect::<Vec<_>>(), ["_askResult", "true"]);
    let tsv = get(
        &query_url(&base, "ASK { <http://example.org/none> ?p ?o }"),
        "text/tab-separated-values",
    )
    .body;
    assert_eq!(tsv.lines().collect::<Vec<_>>(), ["?_askResult", "false"]);
}

/// A preflight names every method its route takes, so browser tools may PUT and DELETE.
#[test]
fn issue_10_preflights_name_the_methods_of_the_route() {
    let base = seeds_server(|_| {});
    let methods = |path: &str| {
        let reply = send(
            Method::OPTIONS,
            &format!("{base}{path}"),
            &[("origin", "http://tool.example"), ("access-control-request-method", "PUT")],
            Vec::new(),
        );
        assert_eq!(reply.status, StatusCode::NO_CONTENT);
        reply
            .headers
            .get("access-control-allow-methods")
            .unwrap()
            .to_str()
            .unwrap()
            .to_owned()
    };
    let store = methods("/store?default");
    for method in ["GET", "HEAD", "PUT", "POST", "DELETE"] {
        assert!(store.contains(method), "{store}");
    }
    assert!(methods("/query").contains("POST"));
    assert!(!methods("/query").contains("DELETE"));
}

/// The service description says what this instance does: updates at `/update` only when writes
/// are on, federation only with `--allow-service`, every format `/query` writes, the row cap;
/// and it is served as JSON-LD too.
#[test]
fn issue_10_the_service_description_describes_this_instance() {
    let load = |base: &str, accept: &str| {
        let reply = get(&format!("{base}/query"), accept);
        assert_eq!(reply.status, StatusCode::OK, "{accept}: {}", reply.body);
        let store = oxigraph::store::Store::new().unwrap();
        let format = oxigraph::io::RdfFormat::from_media_type(&reply.content_type).unwrap();
        store.load_from_slice(format, reply.body.as_bytes()).unwrap();
        store
    };
    let ask = |store: &oxigraph::store::Store, pattern: &str| -> bool {
        let query = format!("PREFIX sd: <http://www.w3.org/ns/sparql-service-description#> ASK {{ {pattern} }}");
        match oxigraph::sparql::SparqlEvaluator::new()
            .parse_query(&query)
            .unwrap()
            .on_store(store)
            .execute()
            .unwrap()
        {
            oxigraph::sparql::QueryResults::Boolean(value) => value,
            _ => panic!("not an ASK"),
        }
    };
    let read_only = seeds_server(|config| config.max_rows = 1234);
    let description = load(&read_only, "application/ld+json");
    assert!(ask(
        &description,
        &format!("?s sd:endpoint <{read_only}/query> ; sd:supportedLanguage sd:SPARQL11Query")
    ));
    assert!(!ask(&description, "?s sd:supportedLanguage sd:SPARQL11Update"));
    assert!(!ask(&description, "?s sd:feature sd:BasicFederatedQuery"));
    for format in ["N-Quads", "TriG", "JSON-LD", "SPARQL_Results_TSV"] {
        assert!(
            ask(&description, &format!("?s sd:resultFormat <http://www.w3.org/ns/formats/{format}>")),
            "{format}"
        );
    }
    assert!(ask(
        &description,
        "?s <http://www.w3.org/2000/01/rdf-schema#comment> ?c FILTER(CONTAINS(?c, '1234 rows'))"
    ));
    let _json = load(&read_only, "application/json");
    let writable = writable_server(|config| config.allowed_services = vec!["http://example.org/sparql".to_owned()]);
    let description = load(&writable, "text/turtle");
    assert!(ask(
        &description,
        &format!("?s sd:endpoint <{writable}/update> ; sd:supportedLanguage sd:SPARQL11Update")
    ));
    assert!(!ask(
        &description,
        &format!("?s sd:endpoint <{writable}/query> ; sd:supportedLanguage sd:SPARQL11Update")
    ));
    assert!(ask(&description, "?s sd:feature sd:BasicFederatedQuery"));
}

/// A HEAD on the Graph Store says the length its GET answers with.
#[test]
fn issue_10_head_says_the_length_of_the_get() {
    let base = seeds_server(|_| {});
    let url = format!("{base}/store?graph={}", encode(ARTICLE));
    let head = send(Method::HEAD, &url, &[("accept", "text/turtle")], Vec::new());
    let get_reply = get(&url, "text/turtle");
    assert!(head.body.is_empty());
    assert_eq!(
        head.headers.get("content-length").unwrap().to_str().unwrap(),
        get_reply.body.len().to_string()
    );
    assert!(!get_reply.body.is_empty());
}

/// A Graph Store read returns triples: a client that lists N-Quads first gets Turtle when it
/// takes Turtle too, and triples (in no named graph) when it takes N-Quads alone.
#[test]
fn issue_10_a_graph_read_returns_triples() {
    let base = seeds_server(|_| {});
    let url = format!("{base}/store?graph={}", encode(ARTICLE));
    let comunica = get(&url, "application/n-quads,application/trig;q=0.95,text/turtle;q=0.6");
    assert!(comunica.content_type.starts_with("text/turtle"), "{}", comunica.content_type);
    let quads_only = get(&url, "application/n-quads");
    assert!(quads_only.content_type.starts_with("application/n-quads"));
    let quads: Vec<_> = oxigraph::io::RdfParser::from_format(oxigraph::io::RdfFormat::NQuads)
        .for_slice(quads_only.body.as_bytes())
        .collect::<Result<_, _>>()
        .unwrap();
    assert!(!quads.is_empty());
    assert!(quads.iter().all(|q| q.graph_name.is_default_graph()));
}

/// The row cap is in the service description (above), in the header of a cut response, and
/// on the page's status line.
#[test]
fn issue_10_the_row_cap_is_stated() {
    let script = include_str!("../../src/serve/assets/app.js");
    assert!(script.contains("x-warta-truncated"), "the page shows the cut");
    let readme = include_str!("../../README.md");
    assert!(readme.contains("--max-rows"), "the README states the cap");
}

/// A form declared ISO-8859-1 is read in ISO-8859-1; a charset the server does not read is 415.
#[test]
fn issue_10_a_forms_declared_charset_is_honoured() {
    let base = seeds_server(|_| {});
    // "é" is the byte E9 in ISO-8859-1.
    let latin1 = send(
        Method::POST,
        &format!("{base}/query"),
        &[
            ("content-type", "application/x-www-form-urlencoded; charset=ISO-8859-1"),
            ("accept", "text/csv"),
        ],
        "query=SELECT+%28STR%28%27caf%E9%27%29+AS+%3Fx%29+%7B%7D",
    );
    assert_eq!(latin1.status, StatusCode::OK, "{}", latin1.body);
    assert_eq!(latin1.body.lines().nth(1), Some("café"));
    let utf16 = send(
        Method::POST,
        &format!("{base}/query"),
        &[("content-type", "application/sparql-query; charset=UTF-16")],
        "ASK {}".encode_utf16().flat_map(u16::to_be_bytes).collect::<Vec<u8>>(),
    );
    assert_eq!(utf16.status, StatusCode::UNSUPPORTED_MEDIA_TYPE);
}
