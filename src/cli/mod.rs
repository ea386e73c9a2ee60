//! The command line: arguments → library calls → output and exit codes. Holds no rules, IRIs or
//! SPARQL; each verb turns its arguments into a library call and writes what comes back.

mod args;
mod build;
mod eval;
mod export;
mod extract;
mod link;
mod push;
mod query;
mod serve;

use std::io::IsTerminal;
use std::process::ExitCode;

use anyhow::Context;
use clap::Parser;

use args::{Cli, Command};

/// How a run ended (ripgrep's convention): everything done, done but with skipped inputs or a
/// failed threshold, or a fatal error.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    Done,
    Partial,
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(Outcome::Done) => ExitCode::SUCCESS,
        Ok(Outcome::Partial) => ExitCode::from(1),
        Err(error) => {
            if is_broken_pipe(&error) {
                return ExitCode::SUCCESS;
            }
            // One line, whatever the causes print: a parser's message may span several.
            let chain: Vec<String> = error
                .chain()
                .map(|cause| cause.to_string().split_whitespace().collect::<Vec<_>>().join(" "))
                .collect();
            report(&format!("warta: {}", chain.join(": ")));
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<Outcome> {
    let lexicon = || -> anyhow::Result<warta::Lexicon> {
        match &cli.data {
            Some(dir) => warta::Lexicon::with_overrides(dir).with_context(|| format!("cannot load the lexicon of {}", dir.display())),
            None => warta::Lexicon::embedded().context("the built-in lexicon is broken"),
        }
    };
    match &cli.command {
        Command::Build(args) => build::run(args, &lexicon()?),
        Command::Extract(args) => extract::run(args, &lexicon()?),
        Command::Push(args) => push::run(args, &lexicon()?),
        Command::Query(args) => query::run(args),
        Command::Export(args) => export::run(args),
        Command::Eval(args) => eval::run(args, &lexicon()?),
        Command::Serve(args) => serve::run(args, lexicon()?),
        Command::Link(args) => link::run(args, &lexicon()?, cli.data.as_deref()),
    }
}

fn is_broken_pipe(error: &anyhow::Error) -> bool {
    error.chain().any(|cause| {
        cause
            .downcast_ref::<std::io::Error>()
            .is_some_and(|e| e.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// One line to standard error.
#[expect(clippy::print_stderr, reason = "the command line reports to its user on stderr")]
pub fn report(line: &str) {
    eprintln!("{line}");
}

/// True when standard error is a terminal a person watches (progress bars go there).
pub fn stderr_is_terminal() -> bool {
    std::io::stderr().is_terminal()
}

/// True when standard output is a terminal (tables for people, TSV for pipes).
pub fn stdout_is_terminal() -> bool {
    std::io::stdout().is_terminal()
}

/// Opens the store for reading, with the advice a newcomer needs.
pub fn open_store(path: &std::path::Path) -> anyhow::Result<warta::Store> {
    Ok(warta::Store::open_read_only(path)?)
}
