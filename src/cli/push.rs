//! `warta push`: articles → another triple store, over the Graph Store Protocol and SPARQL
//! Update, with progress on a terminal and a summary with the rate.

use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use indicatif::{ProgressBar, ProgressStyle};

use crate::cli::args::PushArgs;
use crate::cli::{Outcome, report, stderr_is_terminal};

pub fn run(args: &PushArgs, lexicon: &warta::Lexicon) -> anyhow::Result<Outcome> {
    let update = match (&args.update, args.endpoint.strip_suffix("/store")) {
        (Some(update), _) => update.clone(),
        (None, Some(base)) => format!("{base}/update"),
        (None, None) => bail!(
            "name the SPARQL Update endpoint with --update URL (it is guessed only for an endpoint ending in /store, as warta serve's)"
        ),
    };
    let credentials = match (&args.token_file, &args.user, &args.password_file) {
        (Some(file), _, _) => warta::Credentials::Bearer(
            std::fs::read_to_string(file)
                .with_context(|| format!("cannot read the token file {}", file.display()))?
                .trim()
                .to_owned(),
        ),
        (None, Some(user), Some(file)) => {
            let text = std::fs::read_to_string(file).with_context(|| format!("cannot read the password file {}", file.display()))?;
            warta::Credentials::Password {
                user: user.clone(),
                password: text.lines().next().unwrap_or_default().to_owned(),
            }
        }
        _ => warta::Credentials::None,
    };
    let default_graph = match &args.default_graph {
        Some(iri) => Some(
            oxigraph::model::NamedNode::new(iri.as_str())
                .with_context(|| format!("--default-graph '{iri}' is not an absolute IRI (say https://example.org/graph/warta)"))?,
        ),
        None => None,
    };
    let mut pusher = warta::Pusher::new(warta::PushConfig {
        graph_store: args.endpoint.clone(),
        update,
        credentials,
        default_graph,
        batch: args.batch,
        retries: args.retries,
        backoff: Duration::from_millis(500),
        timeout: Duration::from_secs(args.timeout),
    });
    // The reference and vocabulary graphs first: the stock questions join them, and a wrong URL
    // or refused credentials show at the first request.
    for (graph, quads) in warta::background_graphs(lexicon) {
        pusher
            .push_graph(graph.as_ref(), &quads)
            .context("the push stopped before any article; push again")?;
    }
    let (sources, problems) = warta::expand_inputs(&args.inputs);
    let mut skipped = problems.len();
    for problem in &problems {
        report(&format!("warta: skipped {problem}"));
    }
    let progress = if stderr_is_terminal() && !args.quiet {
        ProgressBar::new_spinner()
    } else {
        ProgressBar::hidden()
    };
    progress.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles pushed, {msg} ({per_sec})")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    let started = Instant::now();
    let mut failure = None;
    let options = args.reading.options();
    for source in &sources {
        warta::read_source(source, &options, &mut |item| match item {
            Ok(article) if failure.is_none() => {
                for warning in &article.warnings {
                    progress.suspend(|| report(&format!("warta: warning: {warning}")));
                }
                match pusher.push(&warta::article_to_quads(&article, lexicon)) {
                    Ok(so_far) => {
                        progress.inc(1);
                        progress.set_message(format!("{} quads", so_far.quads));
                    }
                    Err(e) => failure = Some(e),
                }
            }
            Ok(_) => {}
            Err(problem) => {
                skipped += 1;
                progress.suspend(|| report(&format!("warta: skipped {problem}")));
            }
        });
    }
    progress.finish_and_clear();
    if let Some(e) = failure {
        return Err(
            anyhow::Error::new(e).context("the push stopped; pushing the same inputs again resumes it (it changes nothing already pushed)")
        );
    }
    let done = pusher.finish()?;
    if !args.quiet {
        let seconds = started.elapsed().as_secs_f64().max(1e-9);
        report(&format!(
            "warta: pushed {} articles and the reference and vocabulary graphs, {} quads in {:.1} s ({:.0} quads/s, {} requests, {} retried)",
            done.articles,
            done.quads,
            seconds,
            done.quads as f64 / seconds,
            done.requests,
            done.retries
        ));
    }
    Ok(if skipped == 0 { Outcome::Done } else { Outcome::Partial })
}
