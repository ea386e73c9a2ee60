//! Writes the generated corpus of `warta_text::synthetic` as JSON Lines, the input
//! `scripts/bench-scale.sh` builds stores from:
//!
//!     cargo run --release -p warta-text --example corpus -- 100000 > corpus.jsonl

use std::io::{BufWriter, Write};
use std::process::ExitCode;

use warta_text::lexicon::Lexicon;
use warta_text::synthetic::Corpus;

#[allow(clippy::print_stderr, reason = "a command-line tool's usage and errors")]
fn main() -> ExitCode {
    let Some(n_articles) = std::env::args().nth(1).and_then(|a| a.parse::<usize>().ok()) else {
        eprintln!("usage: corpus N (the number of articles to write to stdout as JSON Lines)");
        return ExitCode::FAILURE;
    };
    match write_corpus(n_articles) {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("corpus: {e}");
            ExitCode::FAILURE
        }
    }
}

fn write_corpus(n_articles: usize) -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::embedded()?;
    let mut out = BufWriter::new(std::io::stdout().lock());
    for article in Corpus::new(&lexicon, n_articles) {
        let line = serde_json::json!({"id": article.id.as_str(), "text": article.text, "date": article.date});
        serde_json::to_writer(&mut out, &line)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    Ok(())
}
