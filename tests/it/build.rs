//! `warta build` on many articles: the bulk path and the transactional path give the same store,
//! an unchanged article is skipped and a changed one replaced, and a build killed mid-way leaves
//! every article whole or absent, completed by the next build.

use std::collections::{BTreeMap, BTreeSet};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use warta_text::input::Article;
use warta_text::synthetic::Corpus;

use crate::util::{scratch, stderr, warta};

/// A person no generated article names, so that a store built with this sentence and rebuilt
/// without it must drop the person's description.
const EXTRA_SENTENCE: &str = " Menteri Luar Negeri Fiji Zorbalan Quixotero mendesak Tonga untuk berunding.";

fn lexicon() -> warta::Lexicon {
    warta::Lexicon::embedded().expect("the embedded lexicon loads")
}

fn corpus(n: usize) -> Vec<Article> {
    Corpus::new(&lexicon(), n).collect()
}

/// Writes articles as JSON Lines.
fn write_corpus(path: &Path, articles: &[Article]) {
    let mut out = std::fs::File::create(path).expect("corpus file");
    for article in articles {
        let line = serde_json::json!({"id": article.id.as_str(), "text": article.text, "date": article.date});
        writeln!(out, "{line}").expect("corpus written");
    }
}

fn build(store: &warta::Store, input: &Path, force: bool, chunk_articles: usize) -> warta::BuildReport {
    let (sources, problems) = warta::expand_inputs(&[input.to_owned()]);
    assert!(problems.is_empty(), "{problems:?}");
    let options = warta::BuildOptions { force, chunk_articles };
    warta::build(
        store,
        &lexicon(),
        &sources,
        &warta::ReadOptions {
            strict_utf8: false,
            max_article_bytes: warta::DEFAULT_MAX_ARTICLE_BYTES,
        },
        options,
        &mut |_| {},
    )
    .expect("the build")
}

/// Every quad of a store, as N-Quads lines.
fn quads(store: &warta::Store) -> BTreeSet<String> {
    store.oxigraph().iter().map(|quad| quad.expect("a quad").to_string()).collect()
}

/// The quads of each article graph, by graph.
fn article_graphs(store: &warta::Store) -> BTreeMap<String, BTreeSet<String>> {
    let mut graphs: BTreeMap<String, BTreeSet<String>> = BTreeMap::new();
    for quad in store.oxigraph().iter() {
        let quad = quad.expect("a quad");
        let graph = quad.graph_name.to_string();
        if graph.contains("/id/article/") {
            graphs.entry(graph).or_default().insert(quad.to_string());
        }
    }
    graphs
}

fn with_extra_sentence(articles: &[Article]) -> Vec<Article> {
    articles
        .iter()
        .map(|article| {
            let mut changed = article.clone();
            changed.text.push_str(EXTRA_SENTENCE);
            changed
        })
        .collect()
}

#[test]
fn bulk_and_transactional_paths_give_the_same_store_as_a_clean_build() {
    let dir = scratch();
    let articles = corpus(120);
    let input = dir.path().join("corpus.jsonl");
    write_corpus(&input, &articles);

    // All new: every article goes through the bulk loader, in several chunks.
    let clean = warta::Store::open(&dir.path().join("clean")).expect("store");
    let report = build(&clean, &input, false, 25);
    assert_eq!((report.articles, report.replaced), (120, 0));

    // All known with other text (and a person the final texts never name): every article is
    // replaced in its own transaction, and the person's description must go.
    let changed_input = dir.path().join("changed.jsonl");
    write_corpus(&changed_input, &with_extra_sentence(&articles));
    let rebuilt = warta::Store::open(&dir.path().join("rebuilt")).expect("store");
    build(&rebuilt, &changed_input, false, 25);
    assert!(
        quads(&rebuilt).iter().any(|q| q.contains("Zorbalan")),
        "the extra sentence was read"
    );
    let report = build(&rebuilt, &input, false, 25);
    assert_eq!((report.articles, report.replaced), (120, 120));

    let (clean, rebuilt) = (quads(&clean), quads(&rebuilt));
    let only_clean: Vec<&String> = clean.difference(&rebuilt).take(5).collect();
    let only_rebuilt: Vec<&String> = rebuilt.difference(&clean).take(5).collect();
    assert!(
        only_clean.is_empty() && only_rebuilt.is_empty(),
        "only in the clean build: {only_clean:#?}\nonly in the rebuilt store: {only_rebuilt:#?}"
    );
}

/// The summary graph's quads, and the same after a recount from the article graphs.
fn summary_and_recount(store: &warta::Store) -> (BTreeSet<String>, BTreeSet<String>) {
    let summary = || -> BTreeSet<String> {
        quads(store)
            .into_iter()
            .filter(|quad| quad.ends_with("<https://w3id.org/warta/id/graph/summary>"))
            .collect()
    };
    let kept = summary();
    store.recount_summary().expect("the recount");
    (kept, summary())
}

#[test]
fn the_summary_a_build_counts_while_it_loads_equals_a_recount() {
    let dir = scratch();
    let mut articles = corpus(90);
    // Undated articles count, but not among a triple's dates.
    for article in articles.iter_mut().step_by(7) {
        article.date = None;
    }
    // The later articles move the last dates of the triples they share with the first ones.
    for (n, article) in articles.iter_mut().enumerate().skip(60).filter(|(_, a)| a.date.is_some()) {
        article.date = Some(format!("2031-01-{:02}", n % 28 + 1));
    }
    let (first, later) = articles.split_at(60);
    let store = warta::Store::open(&dir.path().join("store")).expect("store");

    // Into an empty store: the summary is written whole from the build's own count.
    let input = dir.path().join("first.jsonl");
    write_corpus(&input, first);
    build(&store, &input, false, 25);
    let (kept, counted) = summary_and_recount(&store);
    assert!(kept.len() > 100, "a summary was written: {kept:#?}");
    assert_eq!(kept, counted, "fresh build");

    // New articles into a store that keeps its summary: added to it.
    let input = dir.path().join("later.jsonl");
    write_corpus(&input, later);
    assert_eq!(build(&store, &input, false, 25).replaced, 0);
    let (kept, counted) = summary_and_recount(&store);
    assert_eq!(kept, counted, "articles added");
}

#[test]
fn a_second_build_skips_unchanged_articles_replaces_changed_ones_and_force_redoes_all() {
    let dir = scratch();
    let mut articles = corpus(40);
    let input = dir.path().join("corpus.jsonl");
    write_corpus(&input, &articles);
    let store = warta::Store::open(&dir.path().join("store")).expect("store");
    let first = build(&store, &input, false, 16);
    assert_eq!((first.articles, first.unchanged), (40, 0));
    let before = quads(&store);

    let again = build(&store, &input, false, 16);
    assert_eq!((again.articles, again.unchanged, again.statements), (0, 40, 0));
    assert_eq!(quads(&store), before, "a build of the same articles changes nothing");

    for article in articles.iter_mut().take(3) {
        article.text.push_str(EXTRA_SENTENCE);
    }
    write_corpus(&input, &articles);
    let changed = build(&store, &input, false, 16);
    assert_eq!((changed.articles, changed.replaced, changed.unchanged), (3, 3, 37));

    let forced = build(&store, &input, true, 16);
    assert_eq!((forced.articles, forced.replaced, forced.unchanged), (40, 40, 0));
}

#[test]
fn an_id_repeated_within_a_chunk_or_across_chunks_leaves_the_last_article_alone() {
    let dir = scratch();
    let articles = corpus(12);
    let mut repeated = articles.clone();
    // The first article again at the end (another chunk), the fifth again just after itself
    // (the same chunk), each with the extra sentence: these later versions must win whole.
    let mut last_of_first = with_extra_sentence(&articles[..1]).remove(0);
    last_of_first.date = None;
    let fifth_again = with_extra_sentence(&articles[4..5]).remove(0);
    repeated.insert(5, fifth_again.clone());
    repeated.push(last_of_first.clone());
    let input = dir.path().join("repeated.jsonl");
    write_corpus(&input, &repeated);
    let store = warta::Store::open(&dir.path().join("store")).expect("store");
    let report = build(&store, &input, false, 8);
    assert_eq!((report.articles, report.duplicates), (12, 2));

    let expected_input = dir.path().join("expected.jsonl");
    let mut expected = articles.clone();
    expected[0] = last_of_first;
    expected[4] = fifth_again;
    write_corpus(&expected_input, &expected);
    let clean = warta::Store::open(&dir.path().join("clean")).expect("store");
    build(&clean, &expected_input, false, 8);
    assert_eq!(article_graphs(&store), article_graphs(&clean));
}

/// Bulk-table files a build is writing: a chunk is on its way into the store.
fn bulk_files(store: &Path) -> usize {
    std::fs::read_dir(store).map_or(0, |entries| {
        entries
            .flatten()
            .filter(|e| e.file_name().to_string_lossy().starts_with("bulk-"))
            .count()
    })
}

#[test]
fn a_build_killed_while_writing_leaves_articles_whole_or_absent_and_the_next_completes_it() {
    const ARTICLES: usize = 600;
    let dir = scratch();
    let input = dir.path().join("corpus.jsonl");
    write_corpus(&input, &corpus(ARTICLES));
    let killed: PathBuf = dir.path().join("killed");
    let store_arg = killed.to_str().expect("a UTF-8 path");

    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(["build", "corpus.jsonl", "--store", store_arg, "--chunk-articles", "50", "--quiet"])
        .current_dir(dir.path())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("warta runs");
    // Kill it while a chunk is being written, after some chunks are in: the worst moment.
    let deadline = Instant::now() + Duration::from_secs(300);
    let mut seen_writing = 0;
    while Instant::now() < deadline && child.try_wait().expect("the build's status").is_none() {
        if bulk_files(&killed) > 0 {
            seen_writing += 1;
            if seen_writing >= 3 {
                break;
            }
        }
        std::thread::sleep(Duration::from_millis(5));
    }
    let finished_first = child.try_wait().expect("the build's status").is_some();
    child.kill().ok();
    child.wait().expect("the build ends");
    assert!(
        !finished_first,
        "the build ended before it could be killed mid-way: give it more articles"
    );

    let clean_dir = dir.path().join("clean");
    let clean = warta::Store::open(&clean_dir).expect("store");
    build(&clean, &input, false, 50);
    let expected = article_graphs(&clean);
    drop(clean);
    {
        let store = warta::Store::open(&killed).expect("the killed store opens");
        let found = article_graphs(&store);
        assert!(found.len() < ARTICLES, "the kill came after the last article");
        for (graph, quads) in &found {
            assert_eq!(Some(quads), expected.get(graph), "{graph} is not whole");
        }
    }
    let output = warta(dir.path(), &["build", "corpus.jsonl", "--store", store_arg]);
    assert!(output.status.success(), "{}", stderr(&output));
    let store = warta::Store::open(&killed).expect("store");
    assert_eq!(article_graphs(&store), expected);
    assert_eq!(bulk_files(&killed), 0, "the table files of the killed write are gone");
}

/// The sections of RocksDB's `OPTIONS-*` files in the seeds' store that start with `header`
/// (`[CFOptions `, `[TableOptions/BlockBasedTable `), one per column family and file: RocksDB
/// writes the options it opened a store with there.
fn options_sections(header: &str) -> Vec<String> {
    let store = crate::util::seeds_store();
    let files: Vec<String> = std::fs::read_dir(store)
        .expect("the store's directory")
        .flatten()
        .filter(|entry| entry.file_name().to_string_lossy().starts_with("OPTIONS-"))
        .map(|entry| std::fs::read_to_string(entry.path()).expect("RocksDB's options file"))
        .collect();
    assert!(!files.is_empty(), "RocksDB wrote no OPTIONS file in {}", store.display());
    let sections: Vec<String> = files
        .iter()
        .flat_map(|file| {
            file.split(header)
                .skip(1)
                .map(|section| section.split("\n[").next().unwrap_or_default().to_owned())
        })
        .collect();
    assert!(sections.len() >= 10, "Oxigraph's column families: {}", sections.len());
    sections
}

/// `key`'s value in one section of an options file.
fn setting<'a>(section: &'a str, key: &str) -> Option<&'a str> {
    section.lines().find_map(|line| line.trim().strip_prefix(key)?.strip_prefix('='))
}

/// The vendored Oxigraph (`vendor/README.md`) has RocksDB compress every level of every column
/// family: stock Oxigraph leaves the first two uncompressed, and a compacted store of a few GB
/// lives whole in the second.
#[test]
fn a_built_store_compresses_every_level_of_every_column_family() {
    for family in options_sections("[CFOptions ") {
        let name = family.lines().next().unwrap_or_default();
        assert_eq!(setting(&family, "compression"), Some("kLZ4Compression"), "{name}");
        assert!(
            setting(&family, "compression_per_level").is_none_or(|levels| !levels.contains("kNoCompression")),
            "{name} leaves a level uncompressed"
        );
    }
}

/// The vendored Oxigraph has RocksDB compact its first level once it holds 64 files, not 2: each
/// ingestion of a bulk load puts sixteen overlapping files there, and at 2 every one of them
/// rewrote the whole store.
#[test]
fn a_built_store_compacts_its_first_level_after_four_ingestions_not_each() {
    for family in options_sections("[CFOptions ") {
        let name = family.lines().next().unwrap_or_default();
        assert_eq!(setting(&family, "level0_file_num_compaction_trigger"), Some("64"), "{name}");
        assert_eq!(setting(&family, "level0_slowdown_writes_trigger"), Some("128"), "{name}");
        assert_eq!(setting(&family, "level0_stop_writes_trigger"), Some("192"), "{name}");
    }
}

/// The vendored Oxigraph keeps the index of the tables that hold quads in RocksDB's bounded block
/// cache, partitioned, with 16 KiB blocks: stock Oxigraph keeps every open table's whole index in
/// memory, which grew with the store. `id2str`, the strings, keeps Oxigraph's own point-lookup
/// tables.
#[test]
fn a_built_store_keeps_the_index_of_its_quad_tables_in_the_block_cache() {
    for table in options_sections("[TableOptions/BlockBasedTable ") {
        let name = table.lines().next().unwrap_or_default();
        if name.contains("\"id2str\"") {
            continue;
        }
        assert_eq!(setting(&table, "block_size"), Some("16384"), "{name}");
        assert_eq!(setting(&table, "index_type"), Some("kTwoLevelIndexSearch"), "{name}");
        assert_eq!(setting(&table, "cache_index_and_filter_blocks"), Some("true"), "{name}");
        assert_eq!(setting(&table, "pin_top_level_index_and_filter"), Some("true"), "{name}");
        assert_eq!(setting(&table, "no_block_cache"), Some("false"), "{name}");
    }
}
