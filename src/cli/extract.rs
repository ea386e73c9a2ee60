//! `warta extract`: articles → RDF on standard output, for pipelines and other triple stores, or
//! → a Parquet table of statements in a directory (`--format parquet --out DIR`).
//! With `--shard`, only one part of the articles: an input that cannot be read has no id to
//! place it, so every shard reports it (and exits 1), rather than none.

use std::collections::HashSet;
use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::cli::args::{ExtractArgs, ExtractFormat};
use crate::cli::{Outcome, report};

/// Where the extracted articles go.
enum Sink<'a> {
    /// N-Quads come from the data model's own writer, the one the Python package calls, so that
    /// both write the same bytes for one article; each actor is described once per run (the
    /// set of descriptions written so far is bounded by the actors, not the articles).
    NQuads(std::io::BufWriter<std::io::StdoutLock<'a>>, HashSet<oxigraph::model::Quad>),
    Rdf(warta::ExportFormat, std::io::BufWriter<std::io::StdoutLock<'a>>),
    /// Boxed: the Parquet writer's state is ten times the size of the other variants.
    Parquet(Box<TableFile>),
}

impl Sink<'_> {
    fn write(&mut self, article: &warta::Article, lexicon: &warta::Lexicon) -> anyhow::Result<()> {
        match self {
            Sink::NQuads(out, described) => {
                warta::write_nquads(warta::article_to_quads(article, lexicon).not_described(described), out)?;
            }
            Sink::Rdf(format, out) => warta::write_quads(&warta::article_to_quads(article, lexicon), *format, out)?,
            Sink::Parquet(file) => file.table.add(warta::statement_rows(article, &warta::extract(article, lexicon)))?,
        }
        Ok(())
    }

    fn finish(self) -> anyhow::Result<()> {
        match self {
            Sink::NQuads(mut out, _) | Sink::Rdf(_, mut out) => out.flush()?,
            Sink::Parquet(file) => file.finish()?,
        }
        Ok(())
    }
}

/// A Parquet file written under a temporary name and renamed when whole, so that a killed job
/// never leaves a truncated file for a reader of `DIR/*.parquet` to trip on.
struct TableFile {
    table: warta::StatementTable<std::io::BufWriter<std::fs::File>>,
    partial: PathBuf,
    path: PathBuf,
}

impl TableFile {
    fn create(dir: &Path, shard: Option<warta::Shard>) -> anyhow::Result<TableFile> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot make the directory {}", dir.display()))?;
        // Each shard writes its own file, so that n jobs can share one directory.
        let name = match shard {
            Some(shard) => format!("statements-{}-of-{}.parquet", shard.index(), shard.count()),
            None => "statements.parquet".to_owned(),
        };
        let path = dir.join(&name);
        let partial = dir.join(format!(".{name}.partial"));
        let file = std::fs::File::create(&partial).with_context(|| format!("cannot create {}", partial.display()))?;
        Ok(TableFile {
            table: warta::StatementTable::new(std::io::BufWriter::new(file))?,
            partial,
            path,
        })
    }

    fn finish(self) -> anyhow::Result<()> {
        self.table.finish()?;
        std::fs::rename(&self.partial, &self.path).with_context(|| format!("cannot write {}", self.path.display()))?;
        Ok(())
    }
}

pub fn run(args: &ExtractArgs, lexicon: &warta::Lexicon) -> anyhow::Result<Outcome> {
    let stdout = || std::io::BufWriter::new(std::io::stdout().lock());
    let mut sink = match (args.format, &args.out) {
        (ExtractFormat::Parquet, Some(dir)) => Sink::Parquet(Box::new(TableFile::create(dir, args.shard)?)),
        (ExtractFormat::Parquet, None) => bail!("--format parquet writes files: name their directory with --out DIR"),
        (_, Some(_)) => bail!("--out is for --format parquet; RDF goes to standard output (redirect it to a file)"),
        (ExtractFormat::Nq, None) => Sink::NQuads(stdout(), HashSet::new()),
        (ExtractFormat::Trig, None) => Sink::Rdf(warta::ExportFormat::TriG, stdout()),
        (ExtractFormat::Ttl, None) => Sink::Rdf(warta::ExportFormat::Turtle, stdout()),
    };
    let (sources, problems) = warta::expand_inputs(&args.inputs);
    let mut skipped = problems.len();
    for problem in &problems {
        report(&format!("warta: skipped {problem}"));
    }
    let mut failure = None;
    let options = args.reading.options();
    for source in &sources {
        warta::read_source(source, &options, &mut |item| match item {
            Ok(article) if failure.is_none() && args.shard.is_none_or(|shard| shard.contains(&article.id)) => {
                for warning in &article.warnings {
                    report(&format!("warta: warning: {warning}"));
                }
                if let Err(e) = sink.write(&article, lexicon) {
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
        return Err(e);
    }
    sink.finish()?;
    Ok(if skipped == 0 { Outcome::Done } else { Outcome::Partial })
}
