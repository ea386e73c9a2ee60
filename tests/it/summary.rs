//! The summary graph through the server, and what the page makes of it on a store where one
//! actor takes many stances: the most active actors, a date range, the actor search, an actor
//! page that pages its stances, updates that keep the counts.

use oxhttp::model::{Method, StatusCode};

use crate::serve::{Reply, TOKEN, encode, get, query_url, send, writable_server};

/// A writable server holding `n` articles in which Russia urges Ukraine (dated in 2020, one a
/// day from January), and one in which Turkey condemns Israel (in 2023).
fn busy_server(n: usize) -> String {
    let base = writable_server(|_| {});
    let mut articles: Vec<serde_json::Value> = (0..n)
        .map(|i| {
            serde_json::json!({
                "id": format!("urge-{i:03}"),
                "text": "Rusia mendesak Ukraina untuk berunding.",
                "date": format!("2020-{:02}-{:02}", 1 + i / 28, 1 + i % 28),
            })
        })
        .collect();
    articles.push(serde_json::json!({ "id": "condemn", "text": "Turki mengecam Israel.", "date": "2023-05-01" }));
    let reply = post(
        &base,
        "/articles",
        "application/json",
        serde_json::Value::Array(articles).to_string(),
    );
    assert_eq!(reply.status, StatusCode::CREATED, "{}", reply.body);
    base
}

fn post(base: &str, path: &str, content_type: &str, body: String) -> Reply {
    let bearer = format!("Bearer {TOKEN}");
    send(
        Method::POST,
        &format!("{base}{path}"),
        &[("content-type", content_type), ("authorization", bearer.as_str())],
        body,
    )
}

/// The rows of `who-urged-whom`, as CSV lines.
fn who_urged_whom(base: &str) -> String {
    get(&query_url(base, warta::stock_query("who-urged-whom").unwrap()), "text/csv").body
}

#[test]
fn uploads_and_updates_keep_the_counts() {
    let base = busy_server(30);
    assert!(who_urged_whom(&base).contains("Rusia,Ukraina,30"), "{}", who_urged_whom(&base));
    // An update that names an article's graph takes it out of the count at once.
    let article = "https://w3id.org/warta/id/article/urge-000";
    let dropped = post(&base, "/update", "application/sparql-update", format!("DROP GRAPH <{article}>"));
    assert_eq!(dropped.status, StatusCode::NO_CONTENT, "{}", dropped.body);
    assert!(who_urged_whom(&base).contains("Rusia,Ukraina,29"), "{}", who_urged_whom(&base));
    // So does one whose graphs are variables (the summary is counted again).
    let any = "DELETE { GRAPH ?g { ?s ?p ?o } } WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRENDS(STR(?g), \"urge-001\")) }";
    let deleted = post(&base, "/update", "application/sparql-update", any.to_owned());
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    assert!(who_urged_whom(&base).contains("Rusia,Ukraina,28"), "{}", who_urged_whom(&base));
    // And the Graph Store protocol: a deleted graph.
    let graph = encode("https://w3id.org/warta/id/article/urge-002");
    let bearer = format!("Bearer {TOKEN}");
    let removed = send(
        Method::DELETE,
        &format!("{base}/store?graph={graph}"),
        &[("authorization", bearer.as_str())],
        Vec::new(),
    );
    assert_eq!(removed.status, StatusCode::NO_CONTENT);
    assert!(who_urged_whom(&base).contains("Rusia,Ukraina,27"), "{}", who_urged_whom(&base));
    // The recount `warta push` sends changes nothing on a store that keeps its summary.
    let recount = post(&base, "/update", "application/sparql-update", warta::recount_update(None));
    assert_eq!(recount.status, StatusCode::NO_CONTENT, "{}", recount.body);
    assert!(who_urged_whom(&base).contains("Rusia,Ukraina,27"));
}

#[test]
fn the_picture_shows_the_most_active_actors_and_a_date_range() {
    let base = busy_server(3);
    let top = get(&format!("{base}/graph.svg"), "image/svg+xml");
    assert_eq!(top.status, StatusCode::OK);
    assert_eq!(top.headers.get("x-warta-actors").unwrap(), "4", "Russia, Ukraine, Turkey, Israel");
    assert!(top.body.contains(">Rusia<") && top.body.contains(">Turki<"), "{}", top.body);
    let two = get(&format!("{base}/graph.svg?top=2"), "image/svg+xml");
    assert_eq!(two.headers.get("x-warta-actors").unwrap(), "2");
    assert!(two.body.contains(">Rusia<") && !two.body.contains(">Turki<"), "the busiest pair");
    let in_2023 = get(&format!("{base}/graph.svg?from=2023-01-01&to=2023-12-31"), "image/svg+xml");
    assert_eq!(in_2023.headers.get("x-warta-actors").unwrap(), "2");
    assert!(in_2023.body.contains(">Turki<") && !in_2023.body.contains(">Rusia<"));
    let later = get(&format!("{base}/graph.svg?from=2030-01-01"), "image/svg+xml");
    assert_eq!(later.headers.get("x-warta-actors").unwrap(), "0");
    assert_eq!(get(&format!("{base}/graph.svg?from=May"), "*/*").status, StatusCode::BAD_REQUEST);
    assert_eq!(get(&format!("{base}/graph.svg?top=0"), "*/*").status, StatusCode::BAD_REQUEST);
}

#[test]
fn the_actor_search_finds_the_most_active_first() {
    let base = busy_server(3);
    let found: serde_json::Value = serde_json::from_str(&get(&format!("{base}/actors?q=us"), "application/json").body).unwrap();
    let keys: Vec<&str> = found.as_array().unwrap().iter().map(|a| a["key"].as_str().unwrap()).collect();
    assert_eq!(keys.first(), Some(&"russia"), "{found}");
    assert_eq!(found[0]["stances"], serde_json::json!(3));
    let none: serde_json::Value = serde_json::from_str(&get(&format!("{base}/actors?q=atlantis"), "application/json").body).unwrap();
    assert_eq!(none, serde_json::json!([]));
}

#[test]
fn an_actor_page_pages_its_stances() {
    let base = busy_server(130);
    let first = get(&format!("{base}/actor/russia"), "text/html").body;
    assert!(first.contains("Stances it takes (130)"), "{first}");
    assert!(first.contains("1–100 of 130 (page 1 of 2)"), "{first}");
    assert!(first.contains("href=\"/actor/russia?page=2#takes\""), "{first}");
    let rows = |page: &str| page.split("<table").nth(1).unwrap().matches("<tr><td>").count();
    assert_eq!(rows(&first), 100);
    let second = get(&format!("{base}/actor/russia?page=2"), "text/html").body;
    assert!(second.contains("101–130 of 130 (page 2 of 2)"), "{second}");
    assert!(second.contains("rel=\"prev\""));
    assert_eq!(rows(&second), 30);
    assert_eq!(
        get(&format!("{base}/actor/russia?page=zero"), "text/html").status,
        StatusCode::BAD_REQUEST
    );
    // Ukraine receives them: its second table pages the same way.
    let ukraine = get(&format!("{base}/actor/ukraine"), "text/html").body;
    assert!(
        ukraine.contains("Stances it receives (130)") && ukraine.contains("id=\"receives-pages\""),
        "{ukraine}"
    );
}
