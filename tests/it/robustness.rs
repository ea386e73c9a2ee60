//! The server under the faults of issue 10 ("Hold up as a server and a store"): slow and idle
//! clients, a runaway sort, concurrent uploads of one article, and links a page must not make
//! clickable. Deadlines here are generous: they prove that one client does not wait for another,
//! not how fast the server is (that is for benchmarks).

use std::io::{Read, Write};
use std::net::TcpStream;
use std::time::{Duration, Instant};

use oxhttp::model::{Method, StatusCode};

use crate::serve::{TOKEN, get, query_url, seeds_server, send, warta_serve, writable_server};
use crate::util::seeds_store;

fn address(base: &str) -> String {
    base.trim_start_matches("http://").to_owned()
}

/// Waits until the server closes `stream` (a read gives end of file or an error); false when it
/// is still open after `limit`.
fn closed_within(stream: &mut TcpStream, limit: Duration) -> bool {
    stream.set_read_timeout(Some(limit)).unwrap();
    let mut buffer = [0; 512];
    loop {
        match stream.read(&mut buffer) {
            Ok(0) => return true,
            Ok(_) => {}
            Err(e) => return !matches!(e.kind(), std::io::ErrorKind::WouldBlock | std::io::ErrorKind::TimedOut),
        }
    }
}

/// Issue 10, "slow clients take the server down": 200 connections that send nothing or half a
/// request line cost no one anything, and are closed after the header timeout.
#[test]
fn issue_10_idle_and_slow_connections_do_not_hold_up_others() {
    let base = seeds_server(|config| {
        config.header_timeout = Duration::from_secs(1);
        config.max_client_connections = 1000;
    });
    let mut idle = Vec::new();
    for index in 0..200 {
        let mut stream = TcpStream::connect(address(&base)).unwrap();
        if index % 2 == 1 {
            stream.write_all(b"GET /query?query=ASK").unwrap();
        }
        idle.push(stream);
    }
    let started = Instant::now();
    let reply = get(&query_url(&base, "ASK {}"), "application/sparql-results+json");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    assert!(
        started.elapsed() < Duration::from_secs(5),
        "a query waited {:?} behind idle clients",
        started.elapsed()
    );
    for stream in &mut idle {
        assert!(closed_within(stream, Duration::from_secs(10)), "an idle connection stayed open");
    }
}

/// One address may hold at most `max_client_connections`; the next is told why and closed.
#[test]
fn issue_10_one_client_holds_at_most_its_share_of_connections() {
    let base = seeds_server(|config| config.max_client_connections = 4);
    let held: Vec<TcpStream> = (0..4).map(|_| TcpStream::connect(address(&base)).unwrap()).collect();
    // The accept loop counts a connection once it takes it; give it the moment.
    std::thread::sleep(Duration::from_millis(200));
    let mut extra = TcpStream::connect(address(&base)).unwrap();
    extra.set_read_timeout(Some(Duration::from_secs(10))).unwrap();
    let mut answer = String::new();
    let _ = extra.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 503"), "{answer}");
    assert!(answer.contains("connections open as one client may"), "{answer}");
    drop(held);
}

/// A body that stops arriving gets 408 after the body timeout.
#[test]
fn issue_10_a_body_that_stops_arriving_gets_408() {
    let base = seeds_server(|config| config.body_timeout = Duration::from_secs(1));
    let mut stream = TcpStream::connect(address(&base)).unwrap();
    stream
        .write_all(b"POST /query HTTP/1.1\r\nhost: x\r\ncontent-type: application/sparql-query\r\ncontent-length: 100\r\n\r\nASK")
        .unwrap();
    stream.set_read_timeout(Some(Duration::from_secs(20))).unwrap();
    let mut answer = String::new();
    let _ = stream.read_to_string(&mut answer);
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
}

/// Seconds of CPU a process has used (user and system), from /proc.
fn cpu_seconds(pid: u32) -> f64 {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).unwrap();
    let fields: Vec<&str> = stat.rsplit_once(')').unwrap().1.split_whitespace().collect();
    let ticks: f64 = fields[11].parse::<f64>().unwrap() + fields[12].parse::<f64>().unwrap();
    ticks / 100.0
}

const RUNAWAY_SORT: &str = "SELECT * WHERE { ?a ?b ?c . ?d ?e ?f . ?g ?h ?i } ORDER BY ?c ?f ?i";

/// Issue 10, "a runaway ORDER BY is never stopped": the sort answers 503 at the deadline, and
/// its work stops there too (the process goes idle).
#[test]
fn issue_10_a_runaway_sort_stops_working_at_the_deadline() {
    let server = warta_serve(&[
        "--store",
        seeds_store().to_str().unwrap(),
        "--query-timeout",
        "2",
        "--max-sorted-rows",
        "1000000000",
    ]);
    let started = Instant::now();
    let reply = get(&query_url(&server.base, RUNAWAY_SORT), "text/csv");
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{}", reply.body);
    assert!(started.elapsed() < Duration::from_secs(30));
    // Give the worker a moment to see the cancellation, then watch the process idle.
    std::thread::sleep(Duration::from_secs(1));
    let before = cpu_seconds(server.child.id());
    std::thread::sleep(Duration::from_secs(3));
    let spent = cpu_seconds(server.child.id()) - before;
    assert!(spent < 1.0, "the cancelled sort went on: {spent} s of CPU in 3 s");
    // And the server still answers.
    assert_eq!(get(&query_url(&server.base, "ASK {}"), "*/*").status, StatusCode::OK);
}

/// A sort that gathers more than `max_sorted_rows` is stopped before its memory grows further.
#[test]
fn issue_10_a_sort_over_the_row_cap_is_refused() {
    let base = seeds_server(|config| config.max_sorted_rows = 1000);
    let reply = get(&query_url(&base, RUNAWAY_SORT), "text/csv");
    assert_eq!(reply.status, StatusCode::SERVICE_UNAVAILABLE, "{}", reply.body);
    assert!(reply.body.contains("sorts more than 1000 rows"), "{}", reply.body);
    // Sorting what fits is untouched.
    let small = get(
        &query_url(&base, "SELECT ?l WHERE { actor:azerbaijan rdfs:label ?l } ORDER BY ?l"),
        "text/csv",
    );
    assert_eq!(small.status, StatusCode::OK, "{}", small.body);
    assert!(small.body.lines().count() > 2, "{}", small.body);
}

fn count(base: &str, query: &str) -> usize {
    let body = get(&query_url(base, query), "text/csv").body;
    body.lines().nth(1).unwrap().trim().parse().unwrap()
}

/// Issue 10, "same-id uploads merge": concurrent uploads of one article leave one of them,
/// whole.
#[test]
fn issue_10_concurrent_uploads_of_one_article_leave_one_whole() {
    let base = writable_server(|_| {});
    let texts: Vec<String> = (0..8)
        .map(|n| format!("Jerman mengecam Rusia. Prancis mendesak Ukraina untuk berunding. Kalimat nomor {n}."))
        .collect();
    let uploads: Vec<_> = texts
        .iter()
        .cloned()
        .map(|text| {
            let base = base.clone();
            std::thread::spawn(move || {
                let bearer = format!("Bearer {TOKEN}");
                send(
                    Method::POST,
                    &format!("{base}/articles?id=same"),
                    &[("content-type", "text/plain"), ("authorization", bearer.as_str())],
                    text,
                )
                .status
            })
        })
        .collect();
    for upload in uploads {
        assert_eq!(upload.join().unwrap(), StatusCode::CREATED);
    }
    let article = "<https://w3id.org/warta/id/article/same>";
    assert_eq!(
        count(&base, &format!("SELECT (COUNT(*) AS ?n) WHERE {{ {article} warta:text ?t }}")),
        1
    );
    let statements = count(
        &base,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {article} {{ ?s a warta:Statement }} }}"),
    );
    // One upload alone gives the statements of one text.
    let alone = writable_server(|_| {});
    let bearer = format!("Bearer {TOKEN}");
    send(
        Method::POST,
        &format!("{alone}/articles?id=same"),
        &[("content-type", "text/plain"), ("authorization", bearer.as_str())],
        texts[0].clone(),
    );
    let expected = count(
        &alone,
        &format!("SELECT (COUNT(*) AS ?n) WHERE {{ GRAPH {article} {{ ?s a warta:Statement }} }}"),
    );
    assert!(expected > 0);
    assert_eq!(statements, expected);
}

/// Issue 10, "click-to-run script injection": an article's `javascript:` URL and a `javascript:`
/// `owl:sameAs` are shown as text, never as links, and every page carries a policy that runs
/// only the server's own script.
#[test]
fn issue_10_only_web_addresses_become_links() {
    let base = writable_server(|_| {});
    let bearer = format!("Bearer {TOKEN}");
    let upload = send(
        Method::POST,
        &format!("{base}/articles"),
        &[("content-type", "application/json"), ("authorization", bearer.as_str())],
        r#"{"id": "js", "text": "Jerman mengecam Rusia.", "url": "javascript:alert(1)"}"#,
    );
    assert_eq!(upload.status, StatusCode::CREATED, "{}", upload.body);
    let same_as = send(
        Method::POST,
        &format!("{base}/store?default"),
        &[("content-type", "text/turtle"), ("authorization", bearer.as_str())],
        "<https://w3id.org/warta/id/actor/germany> <http://www.w3.org/2002/07/owl#sameAs> <javascript:alert(2)> .",
    );
    assert!(same_as.status.is_success(), "{}", same_as.body);
    let article = get(&format!("{base}/article/js"), "text/html");
    assert_eq!(article.status, StatusCode::OK);
    assert!(!article.body.contains("href=\"javascript"), "{}", article.body);
    assert!(article.body.contains("javascript:alert(1)"), "the address is still shown");
    let actor = get(&format!("{base}/actor/germany"), "text/html");
    assert!(!actor.body.contains("href=\"javascript"), "{}", actor.body);
    let policy = actor.headers.get("content-security-policy").unwrap().to_str().unwrap();
    assert!(policy.contains("script-src 'self'"), "{policy}");
    let script = get(&format!("{base}/static/app.js"), "*/*").body;
    assert!(
        script.contains("/^https?:/i.test(term.value)"),
        "the page's script links web addresses only"
    );
}
