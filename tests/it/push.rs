//! `warta push` into a `warta serve --write-token-file` on loopback: the pushed store answers the
//! stock questions as the store `warta build` makes, and pushing again doubles nothing.

use crate::serve::{TOKEN, get, query_url, warta_serve};
use crate::util::{assert_exit, scratch, seeds, seeds_store, stderr, stdout, warta};

/// The CSV answer of `warta query` on the seeds store.
fn local_answer(name: &str) -> String {
    let dir = scratch();
    let output = warta(
        dir.path(),
        &[
            "query",
            "--store",
            seeds_store().to_str().unwrap(),
            "--format",
            "csv",
            "--name",
            name,
        ],
    );
    assert_exit(&output, 0);
    stdout(&output)
}

fn count_quads(base: &str) -> String {
    let query = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o } UNION { GRAPH ?g { ?s ?p ?o } } }";
    get(&query_url(base, query), "text/csv").body
}

#[test]
fn a_pushed_store_answers_as_the_built_one() {
    let dir = scratch();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, format!("{TOKEN}\n")).unwrap();
    let token_file = token_file.to_str().unwrap();
    let store = dir.path().join("remote.db");
    let remote = warta_serve(&["--store", store.to_str().unwrap(), "--write-token-file", token_file]);
    let endpoint = format!("{}/store", remote.base);
    let seeds = seeds();
    let push = || {
        warta(
            dir.path(),
            &[
                "push",
                seeds.to_str().unwrap(),
                "--endpoint",
                &endpoint,
                "--token-file",
                token_file,
                "--batch",
                "2",
            ],
        )
    };

    let first = push();
    assert_exit(&first, 0);
    assert!(stderr(&first).contains("warta: pushed 5 articles"), "{}", stderr(&first));
    for name in ["who-urged-whom", "supporters-of", "mediators", "statements-with-sentences"] {
        let text = warta::stock_query(name).unwrap();
        let remote_answer = get(&query_url(&remote.base, text), "text/csv");
        assert_eq!(remote_answer.body, local_answer(name), "{name}: pushed vs built");
    }

    let before = count_quads(&remote.base);
    assert_exit(&push(), 0);
    assert_eq!(count_quads(&remote.base), before, "pushing again doubles nothing");
}

#[test]
fn a_refused_push_says_what_to_do() {
    let dir = scratch();
    let token_file = dir.path().join("token");
    std::fs::write(&token_file, "the-right-one").unwrap();
    let store = dir.path().join("remote.db");
    let remote = warta_serve(&[
        "--store",
        store.to_str().unwrap(),
        "--write-token-file",
        token_file.to_str().unwrap(),
    ]);
    let endpoint = format!("{}/store", remote.base);
    let seeds = seeds();
    let refused = warta(dir.path(), &["push", seeds.to_str().unwrap(), "--endpoint", &endpoint]);
    assert_exit(&refused, 2);
    assert!(stderr(&refused).contains("--token-file"), "{}", stderr(&refused));

    let nowhere = warta(
        dir.path(),
        &[
            "push",
            seeds.to_str().unwrap(),
            "--endpoint",
            "http://127.0.0.1:9/store",
            "--retries",
            "1",
        ],
    );
    assert_exit(&nowhere, 2);
    assert!(stderr(&nowhere).contains("did not answer after 2 attempts"), "{}", stderr(&nowhere));
}
