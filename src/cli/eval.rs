//! `warta eval`: the store scored against gold triples, printed as eval/score.py prints it.

use std::io::Write;

use crate::cli::args::EvalArgs;
use crate::cli::{Outcome, open_store};

pub fn run(args: &EvalArgs) -> anyhow::Result<Outcome> {
    let store = open_store(&args.store.store)?;
    let gold: Vec<&std::path::Path> = args.gold.iter().map(|p| p.as_path()).collect();
    let entities: Vec<&std::path::Path> = args.entities.iter().map(|p| p.as_path()).collect();
    let report = warta::evaluate(&store, &gold, &entities, args.verbose)?;
    let mut out = std::io::stdout().lock();
    out.write_all(report.text.as_bytes())?;
    out.flush()?;
    let below = args.min_f1.is_some_and(|floor| report.scores.stance_f1 < floor);
    Ok(if below { Outcome::Partial } else { Outcome::Done })
}
