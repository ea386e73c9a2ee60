//! Readers of a store another process writes (issue 10, item 5): a read-only view is swapped for
//! a newer one when the store's files change, requests already running keep theirs, and a
//! read-only `warta serve` started before a build serves what the build wrote.

use std::io::BufRead;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use oxhttp::model::StatusCode;

use crate::serve::{get, query_url};
use crate::util::{assert_exit, scratch, seeds, warta};

const COUNT_ARTICLES: &str = "SELECT (COUNT(*) AS ?n) WHERE { ?a a warta:Article }";

fn articles_in(store: &warta::Store) -> usize {
    use oxigraph::model::{GraphNameRef, NamedNodeRef, vocab::rdf};
    let article = NamedNodeRef::new("https://w3id.org/warta/ns#Article").unwrap();
    store
        .oxigraph()
        .quads_for_pattern(None, Some(rdf::TYPE), Some(article.into()), Some(GraphNameRef::DefaultGraph))
        .count()
}

fn article(id: &str, text: &str) -> warta::ArticleQuads {
    let lexicon = warta::Lexicon::embedded().unwrap();
    let article = warta::Article::from_text(warta::ArticleId::new(id).unwrap(), text.to_owned());
    warta::article_to_quads(&article, &lexicon)
}

/// `open` until it works: a writer compacting in the background may delete a table between the
/// moment a reader reads the manifest and the moment it opens the table (a following server
/// keeps its view and tries again). A minute is only how long to wait on a busy machine.
fn retried<T>(mut open: impl FnMut() -> Result<T, warta::StoreError>) -> T {
    let started = Instant::now();
    loop {
        match open() {
            Ok(value) => return value,
            Err(e) => assert!(started.elapsed() < Duration::from_secs(60), "{e}"),
        }
        std::thread::sleep(Duration::from_millis(20));
    }
}

#[test]
fn a_snapshot_swaps_in_the_writers_changes_and_old_readers_keep_their_view() {
    let dir = scratch();
    let path = dir.path().join("store.db");
    // The writer stays open and never flushes: the reader must replay its log, as after a crash.
    let writer = warta::Store::open(&path).unwrap();
    writer
        .replace_article(&article("a1", "Rusia mendesak Ukraina untuk berunding."))
        .unwrap();

    let snapshot = retried(|| warta::Snapshot::open_read_only(&path));
    assert_eq!(snapshot.info().articles, 1);
    let in_flight = snapshot.store();

    writer.replace_article(&article("a2", "Turki mengecam Armenia.")).unwrap();
    let refreshed = retried(|| snapshot.refresh()).expect("the write is seen as a change");
    assert_eq!(refreshed.articles, 2);
    assert_eq!(snapshot.info(), refreshed);
    assert_eq!(articles_in(&snapshot.store()), 2, "new requests see the write");
    assert_eq!(articles_in(&in_flight), 1, "a request that began before keeps its view");

    // The writer compacts in the background while it is open; once it is closed (which may
    // change the files once more), nothing changes and nothing is reopened.
    drop(writer);
    retried(|| snapshot.refresh());
    assert_eq!(snapshot.refresh().unwrap(), None, "nothing changed, so nothing is reopened");
    assert_eq!(snapshot.info().articles, 2);
}

#[test]
fn a_fixed_store_is_never_reopened() {
    let snapshot = warta::Snapshot::from(warta::Store::memory().unwrap());
    assert_eq!(snapshot.info().articles, 0);
    assert_eq!(snapshot.refresh().unwrap(), None);
}

/// A read-only `warta serve` on `store`, with every line it logs.
struct Server {
    child: std::process::Child,
    base: String,
    log: Arc<Mutex<Vec<String>>>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn serve_read_only(store: &Path) -> Server {
    let mut child = std::process::Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["serve", "--bind", "127.0.0.1:0", "--store", store.to_str().unwrap()])
        .stderr(std::process::Stdio::piped())
        .spawn()
        .unwrap();
    let mut lines = std::io::BufReader::new(child.stderr.take().unwrap()).lines();
    let first = lines.next().unwrap().unwrap();
    let base = first
        .split(" at ")
        .nth(1)
        .unwrap()
        .trim_end_matches(|c| c != '/')
        .trim_end_matches('/');
    let base = base.to_owned();
    let log = Arc::new(Mutex::new(vec![first]));
    let collected = Arc::clone(&log);
    std::thread::spawn(move || lines.map_while(Result::ok).for_each(|line| collected.lock().unwrap().push(line)));
    Server { child, base, log }
}

fn served_articles(server: &Server) -> usize {
    let reply = get(&query_url(&server.base, COUNT_ARTICLES), "text/csv");
    assert_eq!(reply.status, StatusCode::OK, "{}", reply.body);
    reply.body.lines().nth(1).unwrap().trim().parse().unwrap()
}

#[test]
fn a_read_only_server_started_before_a_build_serves_what_the_build_wrote() {
    let dir = scratch();
    let store = dir.path().join("store.db");
    let first = seeds().join("000_74294af58201a0cd.txt");
    let output = warta(
        dir.path(),
        &["build", first.to_str().unwrap(), "--store", store.to_str().unwrap(), "--quiet"],
    );
    assert_exit(&output, 0);

    let server = serve_read_only(&store);
    assert_eq!(served_articles(&server), 1);

    let output = warta(
        dir.path(),
        &["build", seeds().to_str().unwrap(), "--store", store.to_str().unwrap(), "--quiet"],
    );
    assert_exit(&output, 0);
    // The server looks for changes every second; a minute is only how long to wait for a
    // machine busy with other tests before calling it a failure.
    // It logs the new view just after swapping it in, so the line may come after the answer.
    let log = || server.log.lock().unwrap().join("\n");
    let waited_since = Instant::now();
    while served_articles(&server) != 5 || !log().contains("changed; serving 5 articles (opened ") {
        assert!(
            waited_since.elapsed() < Duration::from_secs(60),
            "the server never caught up; it logged:\n{}",
            log()
        );
        std::thread::sleep(Duration::from_millis(100));
    }
    assert!(log().contains("serving 1 articles (opened "), "{}", log());
}
