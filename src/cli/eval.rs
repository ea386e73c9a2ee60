//! `warta eval`: a store, or articles built in memory, scored against gold triples, printed as
//! eval/score.py prints it, with a table per article.

use std::io::Write;

use crate::cli::args::EvalArgs;
use crate::cli::{Outcome, open_store, report as report_problem};

pub fn run(args: &EvalArgs, lexicon: &warta::Lexicon) -> anyhow::Result<Outcome> {
    let gold: Vec<&std::path::Path> = args.gold.iter().map(|p| p.as_path()).collect();
    let entities: Vec<&std::path::Path> = args.entities.iter().map(|p| p.as_path()).collect();
    let mut skipped = false;
    let report = if args.inputs.is_empty() {
        let store = open_store(&args.store.store)?;
        warta::evaluate(&store, &gold, &entities, args.verbose)?
    } else {
        let (sources, problems) = warta::expand_inputs(&args.inputs);
        let (report, built) = warta::evaluate_articles(lexicon, &sources, &gold, &entities, args.verbose)?;
        for problem in problems.iter().chain(&built.problems) {
            report_problem(&format!("warta: skipped {problem}"));
            skipped = true;
        }
        report
    };
    let mut out = std::io::stdout().lock();
    out.write_all(report.text.as_bytes())?;
    out.flush()?;
    let below = args.min_f1.is_some_and(|floor| report.scores.stance_f1 < floor);
    Ok(if below || skipped { Outcome::Partial } else { Outcome::Done })
}
