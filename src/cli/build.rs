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
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles loaded, {msg} ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let mut n_statements = 0;
    let built = warta::build(&store, lexicon, &sources, &args.reading.options(), &mut |event| match event {
        warta::BuildEvent::Loaded { statements, .. } => {
            n_statements += statements;
            progress.inc(1);
            progress.set_message(format!("{n_statements} statements"));
        }
        warta::BuildEvent::Skipped(problem) => progress.suspend(|| report(&format!("warta: skipped {problem}"))),
        warta::BuildEvent::Warned(problem) => progress.suspend(|| report(&format!("warta: warning: {problem}"))),
    })?;
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
        report(&format!(
            "warta: loaded {} articles with {} statements into {place}{skipped}{warned}",
            built.articles, built.statements
        ));
    }
    Ok(if problems.is_empty() { Outcome::Done } else { Outcome::Partial })
}
