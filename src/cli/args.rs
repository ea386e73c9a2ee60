//! Every flag of every verb, with its help. Nothing here runs anything.

use std::path::PathBuf;

use clap::{Args, Parser, Subcommand, ValueEnum};

/// Reads Indonesian news about international politics and conflict, extracts who urged,
/// supported, condemned, criticised, accused, warned, mediated between, talked with or allied
/// with whom, and keeps it as RDF in an embedded Oxigraph store you can query with SPARQL.
#[derive(Debug, Parser)]
#[command(name = "warta", version, about, long_about = None, after_help = "Start with: warta build seeds/ && warta query --name who-urged-whom")]
pub struct Cli {
    /// Use the lexicon files of DIR instead of the built-in ones (any of countries.tsv,
    /// triggers.tsv, ...; the others stay built in)
    #[arg(long, global = true, value_name = "DIR")]
    pub data: Option<PathBuf>,

    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Read articles and load what they state into a store (an article built again replaces its graph)
    Build(BuildArgs),
    /// Write the RDF of articles to standard output, without a store
    Extract(ExtractArgs),
    /// Send the RDF of articles to another triple store: each article's graph replaced with a
    /// Graph Store Protocol PUT, descriptions merged with SPARQL Update
    Push(PushArgs),
    /// Run a SPARQL 1.1 query (SELECT, ASK, CONSTRUCT, DESCRIBE) on a store
    Query(QueryArgs),
    /// Write the store, or a part of it, as RDF or as a GraphViz picture of the stances
    Export(ExportArgs),
    /// Score a store against hand-annotated gold triples, as eval/score.py does
    Eval(EvalArgs),
    /// Serve a store over HTTP: a SPARQL endpoint, the Graph Store protocol, and a page to explore it
    Serve(ServeArgs),
    /// List the actors of a store that have no Wikidata link yet, with candidates from the gazetteer;
    /// --accept writes the chosen links to data/links.tsv and the store
    Link(LinkArgs),
}

#[derive(Debug, Args)]
pub struct StoreArgs {
    /// The store directory
    #[arg(long, value_name = "DIR", default_value = "warta.db")]
    pub store: PathBuf,
}

#[derive(Debug, Args)]
pub struct BuildArgs {
    /// Articles: .txt files (the file name is the article id), .jsonl files (one {"id", "text",
    /// "title"?, "url"?, "date"?, "source"?} object a line), directories of them, or - for stdin
    #[arg(required = true, value_name = "FILE|DIR|-")]
    pub inputs: Vec<PathBuf>,

    /// The store directory, created when missing
    #[arg(long, value_name = "DIR", default_value = "warta.db", conflicts_with = "memory")]
    pub store: PathBuf,

    /// Build into a throw-away store in memory (to check articles without keeping anything)
    #[arg(long)]
    pub memory: bool,

    /// Extract and write every article again, even those the store holds unchanged (by default
    /// an article whose text, title, date, source and address are unchanged since the last
    /// build with the same lexicon and warta version is skipped)
    #[arg(long)]
    pub force: bool,

    /// Articles extracted at a time, in parallel: memory grows with it
    #[arg(long, value_name = "N", default_value_t = warta::DEFAULT_CHUNK_ARTICLES, value_parser = clap::value_parser!(usize))]
    pub chunk_articles: usize,

    /// Print nothing but errors
    #[arg(long, short)]
    pub quiet: bool,

    #[command(flatten)]
    pub reading: ReadArgs,
}

#[derive(Debug, Args)]
pub struct ReadArgs {
    /// Skip an article that is not valid UTF-8, rather than reading it with the bad bytes replaced
    #[arg(long)]
    pub strict_utf8: bool,

    /// Skip an article larger than this many bytes (extraction takes memory in proportion)
    #[arg(long, value_name = "BYTES", default_value_t = warta::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,
}

impl ReadArgs {
    pub fn options(&self) -> warta::ReadOptions {
        warta::ReadOptions {
            strict_utf8: self.strict_utf8,
            max_article_bytes: self.max_article_bytes,
        }
    }
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExtractFormat {
    /// N-Quads: one quad a line, graph names kept
    Nq,
    /// TriG: Turtle with named graphs
    Trig,
    /// Turtle: the graphs merged
    Ttl,
    /// Parquet: a table of one row per statement, written to --out DIR (the schema is in the
    /// README, "Statements as a table")
    Parquet,
}

#[derive(Debug, Args)]
pub struct ExtractArgs {
    /// Articles, as for `warta build`
    #[arg(required = true, value_name = "FILE|DIR|-")]
    pub inputs: Vec<PathBuf>,

    /// The RDF syntax, or a Parquet table of the statements
    #[arg(long, value_enum, default_value = "nq")]
    pub format: ExtractFormat,

    /// With --format parquet: the directory to write statements.parquet to (with --shard i/n,
    /// statements-i-of-n.parquet)
    #[arg(long, value_name = "DIR")]
    pub out: Option<PathBuf>,

    /// Extract only part i of n (0 <= i < n): the articles whose id hashes there, so that n jobs
    /// over the same inputs write each article exactly once (the hash: the first 8 bytes of the
    /// id's SHA-256, big-endian, modulo n)
    #[arg(long, value_name = "i/n", value_parser = warta::Shard::parse)]
    pub shard: Option<warta::Shard>,

    #[command(flatten)]
    pub reading: ReadArgs,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum QueryFormat {
    /// An aligned table for people (Turtle for CONSTRUCT and DESCRIBE); the default on a terminal
    Table,
    /// SPARQL results as tab-separated values; the default in a pipe
    Tsv,
    /// SPARQL results as comma-separated values
    Csv,
    /// SPARQL results as JSON (JSON-LD for CONSTRUCT and DESCRIBE)
    Json,
    /// SPARQL results as XML (RDF/XML for CONSTRUCT and DESCRIBE)
    Xml,
}

#[derive(Debug, Args)]
pub struct QueryArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// How to write the results [default: table on a terminal, tsv otherwise]
    #[arg(long, value_enum)]
    pub format: Option<QueryFormat>,

    /// The query text
    #[arg(value_name = "QUERY", required_unless_present_any = ["file", "name", "list"], conflicts_with_all = ["file", "name"])]
    pub query: Option<String>,

    /// Read the query from a file
    #[arg(long, value_name = "FILE", conflicts_with = "name")]
    pub file: Option<PathBuf>,

    /// Run a stock query of queries/ or a dump of dumps/ (see --list)
    #[arg(long, value_name = "NAME")]
    pub name: Option<String>,

    /// Every row: run the query without its LIMITs (a stock query that pages, such as
    /// statements-with-sentences, then lists everything)
    #[arg(long)]
    pub all: bool,

    /// List the stock queries and the question each answers
    #[arg(long)]
    pub list: bool,

    /// Give up after this many seconds
    #[arg(long, value_name = "SECONDS")]
    pub timeout: Option<u64>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum ExportFormatArg {
    /// GraphViz: actors as nodes (shaped by kind), stances as coloured edges; render with `dot -Tsvg`
    Dot,
    /// The same picture as SVG, drawn by Graphviz where `dot` is installed, by the built-in
    /// layout-rs otherwise
    Svg,
    /// Turtle (the graphs merged)
    Ttl,
    /// N-Triples (the graphs merged)
    Nt,
    /// N-Quads (graph names kept)
    Nq,
    /// TriG (graph names kept)
    Trig,
    /// RDF/XML (the graphs merged)
    Rdfxml,
}

#[derive(Debug, Args)]
pub struct ExportArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// The output format
    #[arg(long, value_enum)]
    pub format: ExportFormatArg,

    /// Write to this file instead of standard output
    #[arg(long, value_name = "FILE")]
    pub out: Option<PathBuf>,

    /// Only this relation (urges, supports, condemns, criticizes, accuses, warns, mediates,
    /// talksWith, allyOf, affiliatedWith); repeatable
    #[arg(long, value_name = "RELATION")]
    pub relation: Vec<String>,

    /// Only stances taken or received by this actor: a label (Rusia, Russia), a key or a Wikidata
    /// id (Q159); repeatable
    #[arg(long, value_name = "ACTOR")]
    pub actor: Vec<String>,

    /// Only what this article states; repeatable
    #[arg(long, value_name = "ID")]
    pub article: Vec<String>,
}

#[derive(Debug, Args)]
#[command(
    after_help = "Endpoints: / (the page), /query (SPARQL 1.1 Protocol; a GET without a query returns the service \
description), /update, /store?default|graph=IRI (Graph Store Protocol), POST /articles (JSON, JSON Lines or text/plain?id=), \
/actor/KEY, /article/ID, /graph.svg"
)]
pub struct ServeArgs {
    /// The store directory; without a write token it must exist and is opened read-only
    #[arg(long, value_name = "DIR", default_value = "warta.db")]
    pub store: PathBuf,

    /// Where to listen. Loopback by default: give 0.0.0.0:PORT only to serve other machines
    #[arg(long, value_name = "ADDR:PORT", default_value = "127.0.0.1:7878")]
    pub bind: std::net::SocketAddr,

    /// Accept writes (SPARQL Update, Graph Store PUT/POST/DELETE, POST /articles) from requests
    /// with 'Authorization: Bearer TOKEN'. Other users can see command lines: prefer
    /// --write-token-file
    #[arg(long, value_name = "TOKEN", conflicts_with = "write_token_file")]
    pub write_token: Option<String>,

    /// Read the write token from the first line of FILE
    #[arg(long, value_name = "FILE")]
    pub write_token_file: Option<PathBuf>,

    /// Let SPARQL SERVICE call this endpoint (repeatable). Without it the server makes no outbound
    /// request, so it cannot be used as a proxy into its own network
    #[arg(long = "allow-service", value_name = "URL")]
    pub allow_service: Vec<String>,

    /// Cancel a query after this many seconds (503)
    #[arg(long, value_name = "SECONDS", default_value_t = 30)]
    pub query_timeout: u64,

    /// Cut results after this many rows (the response carries x-warta-truncated)
    #[arg(long, value_name = "ROWS", default_value_t = 10_000)]
    pub max_rows: usize,

    /// Stop a query (503) whose ORDER BY gathers more than this many rows to sort, so that one
    /// query's memory stays bounded
    #[arg(long, value_name = "ROWS", default_value_t = 200_000)]
    pub max_sorted_rows: usize,

    /// Skip an uploaded article larger than this many bytes
    #[arg(long, value_name = "BYTES", default_value_t = warta::DEFAULT_MAX_ARTICLE_BYTES)]
    pub max_article_bytes: usize,

    /// Refuse request bodies larger than this many bytes (413)
    #[arg(long, value_name = "BYTES", default_value_t = 10 * 1024 * 1024)]
    pub max_body: usize,

    /// Keep at most this many connections open at once; more are answered 503 and closed
    #[arg(long, value_name = "N", default_value_t = 512)]
    pub max_connections: usize,

    /// Let one client address keep at most this many connections open; more are answered 503
    #[arg(long, value_name = "N", default_value_t = 128)]
    pub max_client_connections: usize,

    /// Close a connection whose request line and headers have not arrived within this many
    /// seconds (an idle keep-alive connection too)
    #[arg(long, value_name = "SECONDS", default_value_t = 10)]
    pub header_timeout: u64,

    /// Answer 408 when a request body has not arrived whole within this many seconds
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub body_timeout: u64,
}

#[derive(Debug, Args)]
pub struct PushArgs {
    /// Articles, as for `warta build`
    #[arg(required = true, value_name = "FILE|DIR|-")]
    pub inputs: Vec<PathBuf>,

    /// The Graph Store Protocol endpoint (for warta serve: http://HOST:7878/store)
    #[arg(long, value_name = "URL")]
    pub endpoint: String,

    /// The SPARQL Update endpoint (guessed for an endpoint ending in /store: .../update)
    #[arg(long, value_name = "URL")]
    pub update: Option<String>,

    /// A file holding the bearer token the store wants for writes (warta serve's write token)
    #[arg(long, value_name = "FILE", conflicts_with = "user")]
    pub token_file: Option<PathBuf>,

    /// Write as this user, with the password in --password-file, answered as the store's
    /// challenge asks: HTTP Digest (as Virtuoso's /sparql-graph-crud-auth and /sparql-auth want)
    /// or Basic
    #[arg(long, value_name = "NAME", requires = "password_file")]
    pub user: Option<String>,

    /// A file whose first line is the password of --user
    #[arg(long, value_name = "FILE", requires = "user")]
    pub password_file: Option<PathBuf>,

    /// Put what warta keeps in the default graph (the descriptions of articles and actors) into
    /// this named graph instead, for a store whose default graph is not a graph of its own:
    /// Virtuoso's is the union of all its graphs. Ask the stock questions there with this graph
    /// as the default one (default-graph-uri=IRI, or FROM <IRI>)
    #[arg(long, value_name = "IRI")]
    pub default_graph: Option<String>,

    /// Articles whose descriptions go in one SPARQL Update request
    #[arg(long, value_name = "N", default_value_t = 64)]
    pub batch: usize,

    /// Attempts after the first for a request that gets no answer, 5xx or 429 (waiting 0.5 s,
    /// then twice as long each time)
    #[arg(long, value_name = "N", default_value_t = 5)]
    pub retries: u32,

    /// Seconds to wait for one request
    #[arg(long, value_name = "SECONDS", default_value_t = 60)]
    pub timeout: u64,

    /// No progress and no summary
    #[arg(long)]
    pub quiet: bool,

    #[command(flatten)]
    pub reading: ReadArgs,
}

#[derive(Debug, Args)]
pub struct LinkArgs {
    #[command(flatten)]
    pub store: StoreArgs,

    /// List candidates scoring at least this (0 to 1)
    #[arg(long, value_name = "SCORE", default_value_t = 0.75)]
    pub min_score: f64,

    /// Accept links: the best candidate of each actor in KEYS, or, without KEYS, of every actor
    /// whose best candidate scores at least --accept-above and clearly beats the next one
    #[arg(long)]
    pub accept: bool,

    /// With --accept and no KEYS, the score a candidate needs to be accepted
    #[arg(long, value_name = "SCORE", default_value_t = 0.9)]
    pub accept_above: f64,

    /// Link an actor by hand: KEY=QID (repeatable; implies --accept)
    #[arg(long = "set", value_name = "KEY=QID")]
    pub set: Vec<String>,

    /// The links file to update [default: links.tsv in --data DIR, or data/links.tsv]
    #[arg(long, value_name = "FILE")]
    pub links: Option<PathBuf>,

    /// With --accept: the actors whose best candidate to accept
    #[arg(value_name = "KEYS")]
    pub keys: Vec<String>,
}

#[derive(Debug, Args)]
pub struct EvalArgs {
    /// Articles to build in memory and score (files or directories, as for `build`); without
    /// them the store is scored
    #[arg(value_name = "FILE|DIR")]
    pub inputs: Vec<PathBuf>,

    #[command(flatten)]
    pub store: StoreArgs,

    /// Gold triples: doc, subject, relation, object, evidence (tab-separated)
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    pub gold: Vec<PathBuf>,

    /// The gold actors: key, wikidata, type, country, labels (tab-separated)
    #[arg(long, required = true, num_args = 1.., value_name = "FILE")]
    pub entities: Vec<PathBuf>,

    /// List every missed triple with the gold's evidence, and every false one with the sentences
    /// that state it
    #[arg(long, short)]
    pub verbose: bool,

    /// Exit with 1 when the strict stance F1 is below this
    #[arg(long, value_name = "F1")]
    pub min_f1: Option<f64>,
}
