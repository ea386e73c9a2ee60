//! `warta export`: the store as RDF, or its stances as a picture (DOT or SVG).

use std::io::Write;

use anyhow::{Context, bail};

use crate::cli::args::{ExportArgs, ExportFormatArg};
use crate::cli::{Outcome, open_store, report};

pub fn run(args: &ExportArgs) -> anyhow::Result<Outcome> {
    let mut relations = Vec::new();
    for name in &args.relation {
        match warta::Relation::from_name(name) {
            Some(relation) => relations.push(relation),
            None => bail!(
                "unknown relation '{name}': use one of {}",
                warta::Relation::ALL.map(warta::Relation::name).join(", ")
            ),
        }
    }
    let filter = warta::ExportFilter {
        relations,
        actors: args.actor.clone(),
        between_actors_only: false,
        articles: args.article.clone(),
    };
    let format = match args.format {
        ExportFormatArg::Dot => warta::ExportFormat::Dot,
        ExportFormatArg::Svg => warta::ExportFormat::Svg,
        ExportFormatArg::Ttl => warta::ExportFormat::Turtle,
        ExportFormatArg::Nt => warta::ExportFormat::NTriples,
        ExportFormatArg::Nq => warta::ExportFormat::NQuads,
        ExportFormatArg::Trig => warta::ExportFormat::TriG,
        ExportFormatArg::Rdfxml => warta::ExportFormat::RdfXml,
    };
    let store = open_store(&args.store.store)?;
    let mut out: Box<dyn Write> = match &args.out {
        Some(path) => Box::new(std::io::BufWriter::new(
            std::fs::File::create(path).with_context(|| format!("cannot create {}", path.display()))?,
        )),
        None => Box::new(std::io::BufWriter::new(std::io::stdout().lock())),
    };
    let summary = warta::export(&store, format, &filter, &mut out)?;
    out.flush()?;
    if let Some(path) = &args.out {
        let what = match format {
            warta::ExportFormat::Dot | warta::ExportFormat::Svg => format!("{} actors and {} stances", summary.nodes, summary.edges),
            _ => format!("{} quads", summary.quads),
        };
        report(&format!("warta: wrote {what} to {}", path.display()));
    }
    Ok(Outcome::Done)
}
