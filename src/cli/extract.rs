//! `warta extract`: articles → RDF on standard output, for pipelines and other triple stores.
//! With `--shard`, only one part of the articles: an input that cannot be read has no id to
//! place it, so every shard reports it (and exits 1), rather than none.

use std::io::Write;

use crate::cli::args::{ExtractArgs, ExtractFormat};
use crate::cli::{Outcome, report};

pub fn run(args: &ExtractArgs, lexicon: &warta::Lexicon) -> anyhow::Result<Outcome> {
    let (sources, problems) = warta::expand_inputs(&args.inputs);
    let mut skipped = problems.len();
    for problem in &problems {
        report(&format!("warta: skipped {problem}"));
    }
    // N-Quads come from the data model's own writer, the one the Python package calls, so that
    // both write the same bytes.
    let format = match args.format {
        ExtractFormat::Nq => None,
        ExtractFormat::Trig => Some(warta::ExportFormat::TriG),
        ExtractFormat::Ttl => Some(warta::ExportFormat::Turtle),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    let mut failure = None;
    let options = args.reading.options();
    for source in &sources {
        warta::read_source(source, &options, &mut |item| match item {
            Ok(article) if failure.is_none() && args.shard.is_none_or(|shard| shard.contains(&article.id)) => {
                for warning in &article.warnings {
                    report(&format!("warta: warning: {warning}"));
                }
                let quads = warta::article_to_quads(&article, lexicon);
                let written = match format {
                    None => warta::write_nquads(&quads, &mut out),
                    Some(format) => warta::write_quads(&quads, format, &mut out),
                };
                if let Err(e) = written {
                    failure = Some(e);
                }
            }
            Ok(_) => {}
            Err(problem) => {
                skipped += 1;
                report(&format!("warta: skipped {problem}"));
            }
        });
    }
    if let Some(e) = failure {
        return Err(e.into());
    }
    out.flush()?;
    Ok(if skipped == 0 { Outcome::Done } else { Outcome::Partial })
}
