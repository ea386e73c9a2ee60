//! `warta build`: articles → store, with progress on a terminal and every skipped input named.

use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::BuildArgs;
use crate::cli::{Outcome, report, stderr_is_terminal};

pub fn run(args: &BuildArgs, lexicon: &warta::Lexicon) -> anyhow::Result<Outcome> {
    let (sources, mut problems) = warta::expand_inputs(&args.inputs);
    for problem in &problems {
        report(&format!("warta: skipped {problem}"));
    }
    let store = if args.memory {
        warta::Store::memory()?
    } else {
        warta::Store::open(&args.store)?
    };
    let progress = if stderr_is_terminal() && !args.quiet {
        // Counting the articles first costs a read of the inputs, cheap beside extraction, and
        // buys an ETA; standard input cannot be read twice, so it gets a spinner.
        match warta::count_articles(&sources) {
            Some(total) => ProgressBar::new(total).with_style(
                ProgressStyle::with_template("{bar:30} {pos}/{len} articles, {msg} ({per_sec}, {eta} left)")
                    .unwrap_or_else(|_| ProgressStyle::default_bar()),
            ),
            None => ProgressBar::new_spinner().with_style(
                ProgressStyle::with_template("{spinner} {pos} articles, {msg} ({per_sec})")
                    .unwrap_or_else(|_| ProgressStyle::default_spinner()),
            ),
        }
    } else {
        ProgressBar::hidden()
    };
    let (mut n_statements, mut n_unchanged, mut n_skipped) = (0, 0, problems.len());
    let show = |progress: &ProgressBar, statements: usize, unchanged: usize, skipped: usize| {
        progress.inc(1);
        progress.set_message(format!("{statements} statements, {unchanged} unchanged, {skipped} inputs skipped"));
    };
    let options = warta::BuildOptions {
        force: args.force,
        chunk_articles: args.chunk_articles,
    };
    let built = warta::build(
        &store,
        lexicon,
        &sources,
        &args.reading.options(),
        options,
        &mut |event| match event {
            warta::BuildEvent::Loaded { statements, .. } => {
                n_statements += statements;
                show(&progress, n_statements, n_unchanged, n_skipped);
            }
            warta::BuildEvent::Unchanged { .. } => {
                n_unchanged += 1;
                show(&progress, n_statements, n_unchanged, n_skipped);
            }
            warta::BuildEvent::Skipped(problem) => {
                n_skipped += 1;
                show(&progress, n_statements, n_unchanged, n_skipped);
                progress.suspend(|| report(&format!("warta: skipped {problem}")));
            }
            warta::BuildEvent::Warned(problem) => progress.suspend(|| report(&format!("warta: warning: {problem}"))),
        },
    )?;
    progress.finish_and_clear();
    problems.extend(built.problems.iter().cloned());
    if !args.quiet {
        let place = if args.memory {
            "a store in memory".to_owned()
        } else {
            args.store.display().to_string()
        };
        let skipped = if problems.is_empty() {
            String::new()
        } else {
            format!(" ({} input{} skipped)", problems.len(), if problems.len() == 1 { "" } else { "s" })
        };
        let warned = if built.warnings.is_empty() {
            String::new()
        } else {
            format!(
                " ({} warning{})",
                built.warnings.len(),
                if built.warnings.len() == 1 { "" } else { "s" }
            )
        };
        let unchanged = if built.unchanged == 0 {
            String::new()
        } else {
            format!(" ({} unchanged, skipped)", built.unchanged)
        };
        report(&format!(
            "warta: loaded {} articles with {} statements into {place}{unchanged}{skipped}{warned}",
            built.articles, built.statements
        ));
    }
    Ok(if problems.is_empty() { Outcome::Done } else { Outcome::Partial })
}
