//! Replays what the fuzzer kept: the corpus of every target (the smallest input of each behaviour
//! it met) and every input that once crashed one, so that a fixed crash stays fixed and no change
//! breaks an invariant on an input the fuzzer has already shown.

#![allow(clippy::unwrap_used, clippy::panic, reason = "test code")]

use warta_fuzz::{Target, corpus_dir, crashes_dir, read_inputs};
use warta_text::fuzz::Features;

fn replay(target: Target) {
    let lexicon = warta_text::lexicon::Lexicon::embedded().unwrap();
    let corpus = read_inputs(&corpus_dir(target));
    assert!(
        !corpus.is_empty(),
        "{} has a corpus: run `warta-fuzz {}`",
        target.name(),
        target.name()
    );
    let mut features = Features::default();
    for (name, input) in corpus.iter().chain(&read_inputs(&crashes_dir(target))) {
        features.clear();
        let ran = std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| target.run(input, &lexicon, &mut features)));
        assert!(
            ran.is_ok(),
            "{} fails on {name}: {:?}",
            target.name(),
            String::from_utf8_lossy(input)
        );
    }
}

#[test]
fn the_json_lines_corpus_holds() {
    replay(Target::JsonLines);
}

#[test]
fn the_sentences_corpus_holds() {
    replay(Target::Sentences);
}

#[test]
fn the_extraction_corpus_holds() {
    replay(Target::Extraction);
}

#[cfg(feature = "server")]
#[test]
fn the_request_corpus_holds() {
    replay(Target::Request);
}
