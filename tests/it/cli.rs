//! The command line end to end: build, rebuild, every query format, export, bad inputs, errors.

use crate::util::*;

#[test]
fn building_twice_leaves_exactly_the_same_store() {
    let dir = scratch();
    let seeds = seeds();
    let seeds = seeds.to_str().unwrap();
    let first = warta(dir.path(), &["build", seeds, "--store", "s"]);
    assert_exit(&first, 0);
    assert!(stderr(&first).contains("loaded 5 articles"), "{}", stderr(&first));
    let dump = |dir: &std::path::Path| {
        let output = warta(dir, &["export", "--store", "s", "--format", "nq"]);
        assert_exit(&output, 0);
        let mut lines: Vec<String> = stdout(&output).lines().map(str::to_owned).collect();
        lines.sort();
        lines
    };
    let before = dump(dir.path());
    assert!(before.len() > 1000, "the seeds make a real graph, got {} quads", before.len());
    assert_exit(&warta(dir.path(), &["build", seeds, "--store", "s", "--quiet"]), 0);
    assert_eq!(dump(dir.path()), before);
}

#[test]
fn build_defaults_to_warta_db_in_the_current_directory() {
    let dir = scratch();
    std::fs::write(dir.path().join("a1.txt"), "Kanada mengecam Rusia atas serangan itu.\n").unwrap();
    assert_exit(&warta(dir.path(), &["build", "a1.txt", "--quiet"]), 0);
    assert!(dir.path().join("warta.db").is_dir());
    let output = warta(
        dir.path(),
        &[
            "query",
            "--format",
            "tsv",
            "SELECT ?o WHERE { GRAPH ?g { actor:canada warta:condemns ?o } }",
        ],
    );
    assert_exit(&output, 0);
    assert_eq!(
        tsv_rows(&stdout(&output)),
        vec![vec!["https://w3id.org/warta/id/actor/russia".to_owned()]]
    );
}

#[test]
fn queries_write_every_result_format() {
    let store = seeds_store().to_str().unwrap();
    let dir = scratch();
    let select = "SELECT ?doc WHERE { ?a a warta:Article ; dcterms:identifier ?doc } ORDER BY ?doc";
    let run = |format: &str, query: &str| {
        let output = warta(dir.path(), &["query", "--store", store, "--format", format, query]);
        assert_exit(&output, 0);
        stdout(&output)
    };

    let tsv = run("tsv", select);
    assert_eq!(tsv.lines().next(), Some("?doc"));
    assert_eq!(tsv_rows(&tsv).len(), 5);

    let csv = run("csv", select);
    assert_eq!(csv.lines().next().map(str::trim), Some("doc"));
    assert!(csv.contains("000_74294af58201a0cd"));

    let json: serde_json::Value = serde_json::from_str(&run("json", select)).expect("valid JSON results");
    assert_eq!(json["head"]["vars"][0], "doc");
    assert_eq!(json["results"]["bindings"].as_array().map(Vec::len), Some(5));

    let xml = run("xml", select);
    assert!(xml.contains("<sparql") && xml.contains("<binding name=\"doc\">"), "{xml}");

    let table = run("table", select);
    assert_eq!(table.lines().next().map(str::trim), Some("doc"));
    assert!(table.trim_end().ends_with("(5 rows)"), "{table}");

    let ask: serde_json::Value =
        serde_json::from_str(&run("json", "ASK { GRAPH ?g { actor:turkey warta:supports actor:azerbaijan } }")).unwrap();
    assert_eq!(ask["boolean"], true);

    let turtle = run(
        "table",
        "CONSTRUCT { ?s warta:supports ?o } WHERE { GRAPH ?g { ?s warta:supports ?o } }",
    );
    assert!(turtle.contains("actor:turkey warta:supports actor:azerbaijan"), "{turtle}");
    let ntriples = run("tsv", "CONSTRUCT { ?s warta:allyOf ?o } WHERE { GRAPH ?g { ?s warta:allyOf ?o } }");
    assert!(
        ntriples.contains(
            "<https://w3id.org/warta/id/actor/turkey> <https://w3id.org/warta/ns#allyOf> <https://w3id.org/warta/id/actor/azerbaijan> ."
        ),
        "{ntriples}"
    );
}

#[test]
fn export_dot_is_drawn_by_graphviz() {
    let store = seeds_store().to_str().unwrap();
    let dir = scratch();
    let output = warta(dir.path(), &["export", "--store", store, "--format", "dot", "--out", "stances.dot"]);
    assert_exit(&output, 0);
    let dot = std::fs::read_to_string(dir.path().join("stances.dot")).unwrap();
    assert!(dot.contains("label=\"Turki\" shape=box"), "countries are boxes: {dot}");
    assert!(dot.contains("label=\"Antonio Guterres\" shape=ellipse"), "persons are ellipses");
    assert!(
        dot.contains("label=\"urges\" color=\"#1f77b4\""),
        "stances are labelled and coloured"
    );
    let svg = std::process::Command::new("dot")
        .args(["-Tsvg", "stances.dot"])
        .current_dir(dir.path())
        .output()
        .expect("GraphViz `dot` is installed (apt-get install graphviz)");
    assert!(svg.status.success(), "{}", String::from_utf8_lossy(&svg.stderr));
    let svg = String::from_utf8_lossy(&svg.stdout);
    assert!(svg.contains("<svg") && svg.contains("Turki"), "dot drew the picture");
}

#[test]
fn export_filters_by_relation_actor_and_article() {
    let store = seeds_store().to_str().unwrap();
    let dir = scratch();
    let dot = |args: &[&str]| {
        let mut all = vec!["export", "--store", store, "--format", "dot"];
        all.extend_from_slice(args);
        let output = warta(dir.path(), &all);
        assert_exit(&output, 0);
        stdout(&output)
    };
    let mediation = dot(&["--relation", "mediates", "--actor", "Q794"]);
    assert!(
        mediation.contains("label=\"Iran\"") && mediation.contains("label=\"mediates\""),
        "{mediation}"
    );
    assert!(!mediation.contains("label=\"urges\""), "only mediation: {mediation}");
    let one_article = dot(&["--article", "001_2c12a08885d138fe", "--relation", "allyOf"]);
    assert_eq!(one_article.matches("label=\"allyOf\"").count(), 1, "{one_article}");

    let unknown = warta(dir.path(), &["export", "--store", store, "--format", "dot", "--actor", "Atlantis"]);
    assert_exit(&unknown, 2);
    assert!(stderr(&unknown).contains("no actor in the store is called 'Atlantis'"));
    let relation = warta(dir.path(), &["export", "--store", store, "--format", "ttl", "--relation", "likes"]);
    assert_exit(&relation, 2);
    assert!(stderr(&relation).contains("unknown relation 'likes'"));

    let turtle = warta(dir.path(), &["export", "--store", store, "--format", "ttl", "--relation", "allyOf"]);
    assert_exit(&turtle, 0);
    let turtle = stdout(&turtle);
    assert!(
        turtle.contains("warta:allyOf") && turtle.contains("warta:Statement") && !turtle.contains("warta:urges"),
        "{turtle}"
    );
}

#[test]
fn bad_inputs_are_named_and_skipped_and_good_ones_still_load() {
    let dir = scratch();
    let inputs = dir.path().join("in");
    std::fs::create_dir(&inputs).unwrap();
    std::fs::write(inputs.join("latin1.txt"), b"Jerman mengecam \xe9 Rusia.").unwrap();
    std::fs::write(inputs.join("empty.txt"), b"  \n").unwrap();
    std::fs::write(inputs.join("binary.txt"), b"\x00\x01\x02").unwrap();
    std::fs::write(inputs.join("good.txt"), "Jepang mendukung Filipina.\n").unwrap();
    std::fs::write(
        inputs.join("lines.jsonl"),
        "{\"id\": \"j1\", \"text\": \"Mesir mengecam Israel.\", \"date\": \"2024-05-01\"}\n{not json\n{\"id\": \"j2\", \"text\": \"\"}\n",
    )
    .unwrap();
    let output = warta(dir.path(), &["build", "in", "missing.txt", "--store", "s"]);
    assert_exit(&output, 1);
    let errors = stderr(&output);
    for name in [
        "latin1.txt: not UTF-8",
        "empty.txt: empty article",
        "binary.txt: binary content",
        "lines.jsonl:2: malformed JSON line",
        "lines.jsonl:3: article 'j2' has an empty text",
        "missing.txt: no such file or directory",
    ] {
        assert!(errors.contains(name), "stderr names {name}: {errors}");
    }
    let query = warta(
        dir.path(),
        &[
            "query",
            "--store",
            "s",
            "--format",
            "tsv",
            "SELECT ?id WHERE { ?a a warta:Article ; dcterms:identifier ?id } ORDER BY ?id",
        ],
    );
    // Issue 10, "one bad byte loses an article": it loads, with a warning naming the offset.
    assert!(errors.contains("latin1.txt: not UTF-8 at byte offset 16"), "{errors}");
    assert!(errors.contains("(1 warning)"), "{errors}");
    assert_eq!(
        tsv_rows(&stdout(&query)),
        vec![vec!["good".to_owned()], vec!["j1".to_owned()], vec!["latin1".to_owned()]]
    );
    let strict = warta(dir.path(), &["build", "in/latin1.txt", "--store", "strict", "--strict-utf8"]);
    assert_exit(&strict, 1);
    assert!(
        stderr(&strict).contains("skipped in/latin1.txt: not UTF-8 (invalid byte at offset 16"),
        "{}",
        stderr(&strict)
    );
}

#[test]
fn errors_are_one_line_with_what_to_do() {
    let dir = scratch();
    let missing = warta(dir.path(), &["query", "--store", "nowhere", "--name", "mediators"]);
    assert_exit(&missing, 2);
    assert_eq!(
        stderr(&missing).trim(),
        "warta: no store at nowhere: run `warta build <articles> --store nowhere` first"
    );

    let store = seeds_store().to_str().unwrap();
    let bad = warta(dir.path(), &["query", "--store", store, "SELECT ?x WHERE { ?x"]);
    assert_exit(&bad, 2);
    let message = stderr(&bad);
    assert!(
        message.starts_with("warta: the query is not valid SPARQL") && message.trim().lines().count() == 1,
        "{message}"
    );

    let unknown = warta(dir.path(), &["query", "--store", store, "--name", "nope"]);
    assert_exit(&unknown, 2);
    assert!(stderr(&unknown).contains("`warta query --list` shows them"));
}

#[test]
fn extract_writes_rdf_without_a_store() {
    let dir = scratch();
    let output = warta_with_input(
        dir.path(),
        &["extract", "-", "--format", "nq"],
        "Presiden Kenya William Ruto mendesak Sudan dan Chad untuk berunding.\n",
    );
    assert_exit(&output, 0);
    let quads = stdout(&output);
    assert!(quads.contains("<https://w3id.org/warta/id/actor/william-ruto> <https://w3id.org/warta/ns#urges> <https://w3id.org/warta/id/actor/sudan> <https://w3id.org/warta/id/article/stdin> ."), "{quads}");
    assert!(quads.contains("<https://w3id.org/warta/id/actor/william-ruto> <https://w3id.org/warta/ns#affiliatedWith> <https://w3id.org/warta/id/actor/kenya>"), "{quads}");
    assert!(!dir.path().join("warta.db").exists(), "no store is made");

    let turtle = warta_with_input(dir.path(), &["extract", "-", "--format", "ttl"], "Kanada mengecam Rusia.\n");
    assert_exit(&turtle, 0);
    assert!(
        stdout(&turtle).contains("actor:canada warta:condemns actor:russia"),
        "{}",
        stdout(&turtle)
    );
}

#[test]
fn eval_prints_what_the_reference_scorer_prints() {
    let store = seeds_store().to_str().unwrap();
    let dir = scratch();
    let gold = fixture("gold/seeds.tsv");
    let entities = fixture("gold/entities.tsv");
    let ours = warta(
        dir.path(),
        &[
            "eval",
            "--store",
            store,
            "--gold",
            gold.to_str().unwrap(),
            "--entities",
            entities.to_str().unwrap(),
            "-v",
        ],
    );
    assert_exit(&ours, 0);
    let triples = warta(
        dir.path(),
        &["query", "--store", store, "--format", "tsv", "--name", "scored-triples"],
    );
    std::fs::write(dir.path().join("out.tsv"), &triples.stdout).unwrap();
    let python = std::process::Command::new("python3")
        .args([
            fixture("score.py").to_str().unwrap(),
            "--gold",
            gold.to_str().unwrap(),
            "--entities",
            entities.to_str().unwrap(),
            "--system",
            "out.tsv",
            "-v",
        ])
        .current_dir(dir.path())
        .output()
        .expect("python3 is installed");
    assert!(python.status.success(), "{}", String::from_utf8_lossy(&python.stderr));
    // Every line score.py prints, in its order, with the same figures; warta adds a table per
    // article and, on each missed or false line, what states it after a further tab.
    let ours = stdout(&ours);
    let reference = String::from_utf8_lossy(&python.stdout);
    let without_evidence = |line: &str| -> String {
        if line.starts_with("missed\t") || line.starts_with("false\t") {
            line.split('\t').take(5).collect::<Vec<_>>().join("\t")
        } else {
            line.to_owned()
        }
    };
    let kept: Vec<String> = ours
        .lines()
        .map(without_evidence)
        .filter(|line| reference.lines().any(|r| r == line))
        .collect();
    assert_eq!(kept, reference.lines().collect::<Vec<_>>());
    assert_eq!(ours.lines().last(), reference.lines().last(), "the headline is the last line");
    assert!(ours.contains("002_69cb8d4b9280003c"), "a line per article:\n{ours}");

    let floor = warta(
        dir.path(),
        &[
            "eval",
            "--store",
            store,
            "--gold",
            gold.to_str().unwrap(),
            "--entities",
            entities.to_str().unwrap(),
            "--min-f1",
            "1.5",
        ],
    );
    assert_exit(&floor, 1);
}

#[test]
fn eval_builds_articles_in_memory_and_shows_what_states_each_difference() {
    let dir = scratch();
    let gold = fixture("gold/seeds.tsv");
    let entities = fixture("gold/entities.tsv");
    let scored = |source: &[&str]| {
        let mut args = vec!["eval"];
        args.extend_from_slice(source);
        args.extend_from_slice(&["--gold", gold.to_str().unwrap(), "--entities", entities.to_str().unwrap(), "-v"]);
        let output = warta(dir.path(), &args);
        assert_exit(&output, 0);
        stdout(&output)
    };
    let from_articles = scored(&[seeds().to_str().unwrap()]);
    let from_store = scored(&["--store", seeds_store().to_str().unwrap()]);
    assert_eq!(from_articles, from_store, "the same figures from the articles as from their store");
    // Biegun's post: the gold's evidence beside the miss, the article's sentence beside the
    // false triple.
    let missed = from_articles
        .lines()
        .find(|l| l.starts_with("missed\t002_69cb8d4b9280003c\tbiegun"))
        .unwrap();
    assert!(missed.split('\t').nth(5).is_some_and(|evidence| !evidence.is_empty()), "{missed}");
    let false_line = from_articles
        .lines()
        .find(|l| l.starts_with("false\t002_69cb8d4b9280003c\tbiegun"))
        .unwrap();
    assert!(false_line.contains("Biegun"), "the sentence that names him: {false_line}");
    assert!(
        !std::path::Path::new(&dir.path().join("warta.db")).exists(),
        "no store is left behind"
    );
}

#[test]
fn a_reader_of_a_summary_without_pair_nodes_is_told_to_build_again() {
    let dir = scratch();
    let path = build_seeds_in(dir.path());
    let question = [
        "query",
        "--store",
        path.to_str().unwrap(),
        "--name",
        "who-urged-whom",
        "--format",
        "tsv",
    ];
    let told = "run `warta build` on it again";
    assert!(!stderr(&warta(dir.path(), &question)).contains(told), "pairs counted");
    {
        // As an earlier warta left the summary: no pair node.
        let store = warta::Store::open(&path).unwrap();
        let pairs: Vec<oxigraph::model::Quad> = store
            .oxigraph()
            .iter()
            .map(Result::unwrap)
            .filter(|quad| quad.subject.to_string().contains("/id/pair/"))
            .collect();
        assert!(!pairs.is_empty());
        for quad in &pairs {
            store.oxigraph().remove(quad).unwrap();
        }
    }
    let old = warta(dir.path(), &question);
    assert_exit(&old, 0);
    assert!(stderr(&old).contains(told), "{}", stderr(&old));
    assert_eq!(stdout(&old).lines().count(), 1, "no pair to answer with: {}", stdout(&old));
    // A writer's open counts the pairs from the triple nodes.
    drop(warta::Store::open(&path).unwrap());
    let again = warta(dir.path(), &question);
    assert!(!stderr(&again).contains(told) && stdout(&again).lines().count() > 1);
}
