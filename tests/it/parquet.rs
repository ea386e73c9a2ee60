//! `warta extract --format parquet`: the statements table read by DuckDB (from PyPI, installed by
//! `.ci/run` into the venv `WARTA_PYTHON` names) holds, per relation, as many statements as the
//! store built from the same articles; shards write files that together are the same table.

use std::collections::BTreeMap;

use crate::util::{assert_exit, root, scratch, seeds, seeds_store, stdout, tsv_rows, warta};

/// The columns, in order, as the README documents them.
const COLUMNS: [&str; 24] = [
    "article_id",
    "title",
    "source",
    "article_date",
    "subject_key",
    "subject_label",
    "subject_label_en",
    "subject_kind",
    "subject_wikidata",
    "relation",
    "object_key",
    "object_label",
    "object_label_en",
    "object_kind",
    "object_wikidata",
    "sentence",
    "sentence_index",
    "char_start",
    "char_end",
    "trigger",
    "date",
    "modality",
    "confidence",
    "rule",
];

/// DuckDB's reading of the Parquet files of `dir`: the columns and the count per relation.
fn duckdb_counts(dir: &std::path::Path) -> (Vec<String>, BTreeMap<String, usize>) {
    let python = std::env::var("WARTA_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let output = std::process::Command::new(&python)
        .arg(root().join("tests/clients/duckdb_counts.py"))
        .arg(dir)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} ({e}): run .ci/run, or set WARTA_PYTHON to a Python with duckdb"));
    assert!(
        output.status.success(),
        "{python} tests/clients/duckdb_counts.py failed (`.ci/run` installs duckdb)\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let text = String::from_utf8_lossy(&output.stdout).into_owned();
    let mut lines = text.lines();
    let columns = lines.next().unwrap_or_default().split('\t').map(str::to_owned).collect();
    let counts = lines
        .filter_map(|line| line.split_once('\t'))
        .map(|(relation, count)| (relation.to_owned(), count.parse().unwrap()))
        .collect();
    (columns, counts)
}

#[test]
fn duckdb_counts_what_the_store_holds() {
    let dir = scratch();
    let out = dir.path().join("table");
    let written = warta(
        dir.path(),
        &[
            "extract",
            seeds().to_str().unwrap(),
            "--format",
            "parquet",
            "--out",
            out.to_str().unwrap(),
        ],
    );
    assert_exit(&written, 0);
    assert!(out.join("statements.parquet").is_file());

    let query = "SELECT ?relation (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s a warta:Statement ; rdf:predicate ?p } \
                 BIND(STRAFTER(STR(?p), STR(warta:)) AS ?relation) } GROUP BY ?relation ORDER BY ?relation";
    let store = seeds_store().to_str().unwrap();
    let answer = warta(dir.path(), &["query", "--store", store, "--format", "tsv", query]);
    assert_exit(&answer, 0);
    let in_store: BTreeMap<String, usize> = tsv_rows(&stdout(&answer))
        .into_iter()
        .map(|row| (row[0].clone(), row[1].parse().unwrap()))
        .collect();
    assert!(in_store.len() >= 5, "{in_store:?}");

    let (columns, in_table) = duckdb_counts(&out);
    assert_eq!(columns, COLUMNS, "the documented schema");
    assert_eq!(in_table, in_store, "statements per relation: Parquet (DuckDB) vs the store");

    // Three shards into one directory: three files, the same table.
    let sharded = dir.path().join("sharded");
    for i in 0..3 {
        let part = warta(
            dir.path(),
            &[
                "extract",
                seeds().to_str().unwrap(),
                "--format",
                "parquet",
                "--out",
                sharded.to_str().unwrap(),
                "--shard",
                &format!("{i}/3"),
            ],
        );
        assert_exit(&part, 0);
    }
    assert!(sharded.join("statements-2-of-3.parquet").is_file());
    assert_eq!(duckdb_counts(&sharded).1, in_store, "the shards' files together");
}

#[test]
fn parquet_needs_a_directory_and_rdf_needs_none() {
    let dir = scratch();
    let no_dir = warta(dir.path(), &["extract", "-", "--format", "parquet"]);
    assert_exit(&no_dir, 2);
    assert!(crate::util::stderr(&no_dir).contains("--out DIR"));
    let stray = warta(dir.path(), &["extract", "-", "--out", "x"]);
    assert_exit(&stray, 2);
    assert!(crate::util::stderr(&stray).contains("standard output"));
}
