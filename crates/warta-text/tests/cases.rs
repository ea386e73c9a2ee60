//! The cases of the repository's `tests/cases/`: each text must yield exactly its expected
//! triples. They run here, beside the extraction, so that a rule or a lexicon line is checked
//! without building the store.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    reason = "test code"
)]

use std::collections::BTreeSet;
use std::path::PathBuf;

use warta_text::input::{Article, ArticleId};
use warta_text::lexicon::Lexicon;

/// `tests/cases/` at the repository root, two levels above this crate.
fn cases_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../tests/cases")
}

struct Case {
    file: String,
    name: String,
    text: String,
    expected: BTreeSet<String>,
    /// Called for by the rule book, known to be missed (FIXME lines).
    missed: BTreeSet<String>,
}

/// `talksWith` and `allyOf` hold both ways: write them with the smaller key first.
fn triple(subject: &str, relation: &str, object: &str) -> String {
    let symmetric = matches!(relation, "talksWith" | "allyOf");
    if symmetric && object < subject {
        format!("{object} {relation} {subject}")
    } else {
        format!("{subject} {relation} {object}")
    }
}

fn cases() -> Vec<Case> {
    let mut cases = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(cases_dir())
        .unwrap()
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    files.sort();
    for path in files {
        let file = path.file_name().unwrap().to_string_lossy().into_owned();
        for block in std::fs::read_to_string(&path)
            .unwrap()
            .split("\n## ")
            .filter(|b| !b.trim().is_empty())
        {
            let mut lines = block.lines();
            let name = lines.next().unwrap().trim_start_matches("## ").to_owned();
            let mut text = String::new();
            let mut expected = BTreeSet::new();
            let mut missed = BTreeSet::new();
            for line in lines {
                if let Some(content) = line.strip_prefix("> ") {
                    text.push_str(content);
                    text.push('\n');
                } else if let Some((kind, spec)) = line
                    .strip_prefix("= ")
                    .map(|s| ('=', s))
                    .or_else(|| line.strip_prefix("! ").map(|s| ('!', s)))
                {
                    let parts: Vec<&str> = spec.split_whitespace().collect();
                    assert_eq!(parts.len(), 3, "{file}: '{name}': '{spec}' is not 'subject relation object'");
                    let set = if kind == '=' { &mut expected } else { &mut missed };
                    set.insert(triple(parts[0], parts[1], parts[2]));
                } else {
                    assert!(line.trim().is_empty(), "{file}: '{name}': stray line '{line}'");
                }
            }
            cases.push(Case {
                file: file.clone(),
                name,
                text,
                expected,
                missed,
            });
        }
    }
    cases
}

#[test]
fn every_case_yields_exactly_its_triples() {
    let lexicon = Lexicon::embedded().unwrap();
    let cases = cases();
    assert!(cases.len() >= 60, "at least sixty cases, found {}", cases.len());
    let mut failures = Vec::new();
    for case in &cases {
        let article = Article::from_text(ArticleId::new("case").unwrap(), case.text.clone());
        let extraction = warta_text::pipeline::extract(&article, &lexicon);
        let got: BTreeSet<String> = extraction
            .statements
            .iter()
            .map(|s| triple(s.subject.as_str(), s.relation.name(), s.object.as_str()))
            .collect();
        let found_missed: Vec<&String> = case.missed.intersection(&got).collect();
        if !found_missed.is_empty() {
            failures.push(format!(
                "{} — {}\n  now found, make these '=' lines: {found_missed:?}",
                case.file, case.name
            ));
            continue;
        }
        if got != case.expected {
            let missing: Vec<&String> = case.expected.difference(&got).collect();
            let extra: Vec<&String> = got.difference(&case.expected).collect();
            failures.push(format!(
                "{} — {}\n{}  missing: {missing:?}\n  extra:   {extra:?}",
                case.file, case.name, case.text
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} of {} cases fail:\n\n{}",
        failures.len(),
        cases.len(),
        failures.join("\n\n")
    );
}
