//! `warta query`: SPARQL on a store, written for people or programs.

use std::time::Duration;

use anyhow::{Context, bail};

use crate::cli::args::{QueryArgs, QueryFormat};
use crate::cli::{Outcome, open_store, report, stdout_is_terminal};

pub fn run(args: &QueryArgs) -> anyhow::Result<Outcome> {
    if args.list {
        for (name, text) in warta::STOCK_QUERIES {
            report(&format!("{name:<28}{}", warta::stock_query_question(text)));
        }
        report("dumps (every row, for programs):");
        for (name, text) in warta::DUMPS {
            report(&format!("{name:<28}{}", warta::stock_query_question(text)));
        }
        return Ok(Outcome::Done);
    }
    let query = match (&args.query, &args.file, &args.name) {
        (Some(text), _, _) => text.clone(),
        (_, Some(path), _) => std::fs::read_to_string(path).with_context(|| format!("cannot read the query file {}", path.display()))?,
        (_, _, Some(name)) => match warta::stock_query(name) {
            Some(text) => text.to_owned(),
            None => bail!("no stock query '{name}': `warta query --list` shows them"),
        },
        _ => bail!("give a query, --file FILE or --name NAME"),
    };
    let query = if args.all { warta::without_limits(&query)? } else { query };
    let format = match args.format {
        Some(QueryFormat::Table) => warta::ResultFormat::Table,
        Some(QueryFormat::Tsv) => warta::ResultFormat::Tsv,
        Some(QueryFormat::Csv) => warta::ResultFormat::Csv,
        Some(QueryFormat::Json) => warta::ResultFormat::Json,
        Some(QueryFormat::Xml) => warta::ResultFormat::Xml,
        None if stdout_is_terminal() => warta::ResultFormat::Table,
        None => warta::ResultFormat::Tsv,
    };
    let store = open_store(&args.store.store)?;
    if store.summary_lacks_pairs()? {
        report(
            "warta: warning: an earlier warta counted this store's summary without the pair nodes that the questions about \
             pairs read (who-urged-whom, urged-and-condemned, affiliations): they answer nothing until a writer opens \
             the store once; run `warta build` on it again",
        );
    }
    let config = warta::QueryConfig {
        services: warta::ServicePolicy::Any,
        timeout: args.timeout.map(Duration::from_secs),
        // The command line's user may sort what their own memory holds.
        max_sorted_rows: None,
        base_iri: None,
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    warta::run_query(&store, &query, format, &config, &mut out)?;
    std::io::Write::flush(&mut out)?;
    Ok(Outcome::Done)
}
