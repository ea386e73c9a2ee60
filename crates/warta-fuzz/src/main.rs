//! `warta-fuzz TARGET [INPUTS] [SEED]`: fuzzes one target (`json-lines`, `sentences`,
//! `extraction`, `request`) with INPUTS inputs (10,000,000 unless told), starting from its corpus;
//! every 262,144 inputs and at the end it writes the corpus so far to `corpus/TARGET/` and any
//! crash to `crashes/TARGET/`. Exits 1 when an input crashed the target.

#![expect(clippy::print_stderr, reason = "a command-line tool reports on stderr")]

use std::process::ExitCode;

use warta_fuzz::{Summary, Target, corpus_dir, crashes_dir, fuzz, input_name, read_inputs};

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let names: Vec<&str> = Target::ALL.iter().map(|t| t.name()).collect();
    let Some(target) = args.first().and_then(|name| Target::named(name)) else {
        eprintln!("warta-fuzz: name a target: {}", names.join(", "));
        return ExitCode::from(2);
    };
    let n_inputs = args.get(1).map_or(Some(10_000_000), |n| n.replace('_', "").parse().ok());
    let seed = args.get(2).map_or(Some(1), |n| n.parse().ok());
    let (Some(n_inputs), Some(seed)) = (n_inputs, seed) else {
        eprintln!("warta-fuzz: INPUTS and SEED are whole numbers");
        return ExitCode::from(2);
    };
    let lexicon = match warta_text::lexicon::Lexicon::embedded() {
        Ok(lexicon) => lexicon,
        Err(e) => {
            eprintln!("warta-fuzz: the built-in lexicon is broken: {e}");
            return ExitCode::from(2);
        }
    };
    let corpus = corpus_dir(target);
    let start: Vec<Vec<u8>> = read_inputs(&corpus).into_iter().map(|(_, input)| input).collect();
    eprintln!("warta-fuzz: {} from {} kept inputs, seed {seed}", target.name(), start.len());
    let mut failed = None;
    let summary = fuzz(target, &lexicon, n_inputs, seed, start, &mut |summary| {
        if let Err(e) = keep(target, summary) {
            failed = Some(e);
        }
        eprintln!(
            "warta-fuzz: {}: {} inputs in {:.0} s ({:.0}/s), {} features, corpus of {} inputs, {} crashes",
            target.name(),
            summary.inputs,
            summary.seconds,
            summary.inputs as f64 / summary.seconds.max(1e-9),
            summary.features,
            summary.corpus.len(),
            summary.crashes.len()
        );
    });
    if let Some(e) = failed {
        eprintln!("warta-fuzz: cannot write the corpus or a crash under {}: {e}", corpus.display());
        return ExitCode::from(2);
    }
    for (input, message) in &summary.crashes {
        eprintln!("warta-fuzz: crash kept as {}: {message}", input_name(input));
    }
    if summary.crashes.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    }
}

/// Writes the corpus so far in place of the one before, and every crash.
fn keep(target: Target, summary: &Summary) -> std::io::Result<()> {
    let corpus = corpus_dir(target);
    match std::fs::remove_dir_all(&corpus) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(e),
        _ => {}
    }
    std::fs::create_dir_all(&corpus)?;
    for input in &summary.corpus {
        std::fs::write(corpus.join(input_name(input)), input)?;
    }
    let crashes = crashes_dir(target);
    for (input, _) in &summary.crashes {
        std::fs::create_dir_all(&crashes)?;
        std::fs::write(crashes.join(input_name(input)), input)?;
    }
    Ok(())
}
