//! Rules about the sources themselves (STYLE.md house rules 6 and 7).

use crate::util::*;

/// The Rust sources, and the page's script and HTML, under `dir`.
fn source_files(dir: &std::path::Path, out: &mut Vec<std::path::PathBuf>) {
    for entry in std::fs::read_dir(dir).unwrap().flatten() {
        let path = entry.path();
        if path.is_dir() {
            source_files(&path, out);
        } else if path.extension().is_some_and(|e| e == "rs" || e == "js" || e == "html") {
            out.push(path);
        }
    }
}

#[test]
fn iris_are_spelled_only_in_vocab() {
    let mut files = Vec::new();
    source_files(&root().join("src"), &mut files);
    source_files(&root().join("crates"), &mut files);
    assert!(files.len() > 10);
    let vocab = root().join("crates/warta-rdf/src/vocab.rs");
    for file in files {
        if file == vocab {
            continue;
        }
        let text = std::fs::read_to_string(&file).unwrap();
        for needle in [
            "https://w3id.org/warta",
            "http://www.wikidata.org",
            "http://www.w3.org",
            "http://purl.org",
        ] {
            assert!(!text.contains(needle), "{} spells {needle}: use vocab", file.display());
        }
    }
}

#[test]
fn the_gazetteer_covers_every_un_state() {
    let countries = std::fs::read_to_string(root().join("data/countries.tsv")).unwrap();
    let rows: Vec<Vec<&str>> = countries
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .map(|l| l.split('\t').collect())
        .collect();
    let members = rows.iter().filter(|r| r[4] == "member").count();
    let observers: Vec<&str> = rows.iter().filter(|r| r[4] == "observer").map(|r| r[0]).collect();
    assert_eq!(members, 193, "every UN member state");
    assert_eq!(observers, ["palestine", "vatican"], "and both observer states");
    let mut ids: Vec<&str> = rows.iter().map(|r| r[1]).filter(|q| *q != "-").collect();
    let n_ids = ids.len();
    ids.sort();
    ids.dedup();
    assert_eq!(ids.len(), n_ids, "no Wikidata id is given to two countries");
    assert!(
        rows.iter().all(|r| r[5] != "-" && r[6] != "-"),
        "every country has an Indonesian and an English name"
    );
}

#[test]
fn every_data_file_is_embedded_and_loads() {
    let lexicon = warta::Lexicon::embedded();
    assert!(lexicon.is_ok(), "{:?}", lexicon.err());
    for (name, text) in warta::DATA_FILES {
        let on_disk = std::fs::read_to_string(root().join("data").join(name)).unwrap();
        assert_eq!(on_disk, text, "{name} is embedded as it is on disk");
        assert!(
            text.starts_with("# source:"),
            "{name} states its source and licence on its first line"
        );
    }
}

#[test]
fn a_data_directory_overrides_the_built_in_lexicon() {
    let dir = scratch();
    let triggers = std::fs::read_to_string(root().join("data/triggers.tsv")).unwrap();
    // Unsorted on purpose: the loader must say where.
    std::fs::write(dir.path().join("triggers.tsv"), triggers.replace("ajak\t", "zzz-unsorted\t")).unwrap();
    std::fs::write(dir.path().join("a.txt"), "Rusia mendesak Ukraina.").unwrap();
    let output = warta(dir.path(), &["--data", ".", "extract", "a.txt"]);
    assert_exit(&output, 2);
    assert!(stderr(&output).contains("triggers.tsv:"), "{}", stderr(&output));
}
