//! `warta serve`: the store over HTTP. A SPARQL 1.1 Protocol endpoint and a Graph Store
//! Protocol endpoint for tools, and a page for people (a query editor, the stance graph as SVG,
//! a page per actor and per article).
//!
//! Owns: routing, limits and who may write. Must not: hold SPARQL rules of its own (queries go
//! through `crate::query`), or extract anything itself (uploads go through the pipeline like
//! `warta build`).

mod connection;
#[doc(hidden)]
pub mod fuzz;
mod graph_store;
mod http;
mod pages;
mod sparql;

use std::net::{SocketAddr, TcpListener};
use std::panic::AssertUnwindSafe;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use oxhttp::model::{Body, Method, Request, StatusCode};

use crate::federation::ServicePolicy;
use crate::query::QueryConfig;
use crate::store::{Snapshot, Store};
use http::{HttpResponse, bearer, error, preflight, same_token};
use warta_text::lexicon::Lexicon;

/// How the server runs.
#[derive(Debug, Clone)]
pub struct ServeConfig {
    pub bind: SocketAddr,
    /// Writes (SPARQL Update, Graph Store writes, `POST /articles`) need this bearer token; with
    /// none, the server refuses every write.
    pub write_token: Option<String>,
    /// A query still running after this long is cancelled with 503.
    pub query_timeout: Duration,
    /// Results beyond this many rows are cut, and the response says so in `x-warta-truncated`.
    pub max_rows: usize,
    /// An `ORDER BY` that gathers more rows than this to sort is stopped with 503, so that one
    /// query's memory stays bounded.
    pub max_sorted_rows: usize,
    /// Larger request bodies are refused with 413.
    pub max_body_bytes: usize,
    /// An uploaded article larger than this is skipped (extraction takes memory in proportion).
    pub max_article_bytes: usize,
    /// The only endpoints `SERVICE` may call; none when empty.
    pub allowed_services: Vec<String>,
    /// Connections open at once, in total; more are answered 503 and closed.
    pub max_connections: usize,
    /// Connections one client address may hold open; more are answered 503 and closed.
    pub max_client_connections: usize,
    /// The request line and headers must arrive within this long of the connection opening or of
    /// the previous response, so an idle keep-alive connection is closed after it too.
    pub header_timeout: Duration,
    /// A request body must arrive whole within this long of its headers (408 otherwise).
    pub body_timeout: Duration,
}

impl Default for ServeConfig {
    fn default() -> ServeConfig {
        ServeConfig {
            bind: SocketAddr::from(([127, 0, 0, 1], 7878)),
            write_token: None,
            query_timeout: Duration::from_secs(30),
            max_rows: 10_000,
            max_sorted_rows: 200_000,
            max_body_bytes: 10 * 1024 * 1024,
            max_article_bytes: warta_text::input::DEFAULT_MAX_ARTICLE_BYTES,
            allowed_services: Vec::new(),
            max_connections: 512,
            max_client_connections: 128,
            header_timeout: Duration::from_secs(10),
            body_timeout: Duration::from_secs(60),
        }
    }
}

#[derive(Debug, thiserror::Error)]
#[non_exhaustive]
pub enum ServeError {
    #[error("cannot listen on {address}: {source} (is another server using the port? try --bind 127.0.0.1:0 for any free port)")]
    Bind { address: SocketAddr, source: std::io::Error },
    #[error(transparent)]
    Store(#[from] crate::store::StoreError),
}

/// What every request handler sees: the store as it was when the request came, and the server.
pub(crate) struct State {
    /// Taken once per request, so that a request sees one state of the store even when a
    /// read-only server swaps in a newer view meanwhile.
    store: Store,
    server: Arc<Shared>,
}

/// What the server keeps across requests.
pub(crate) struct Shared {
    snapshot: Snapshot,
    lexicon: Arc<Lexicon>,
    config: ServeConfig,
    address: SocketAddr,
    /// Held by every write, so that writers of the same article or graph take turns: each
    /// replaces what the one before it wrote, whole (Oxigraph's transactions would merge them).
    writes: Mutex<()>,
}

/// Handlers read the server's settings through their request's state, as if they were its own.
impl std::ops::Deref for State {
    type Target = Shared;

    fn deref(&self) -> &Shared {
        &self.server
    }
}

impl Shared {
    fn query_config(&self) -> QueryConfig {
        QueryConfig {
            services: ServicePolicy::Only(self.config.allowed_services.clone()),
            timeout: Some(self.config.query_timeout),
            max_sorted_rows: Some(self.config.max_sorted_rows),
            base_iri: None,
        }
    }

    /// `None` when the request may write; otherwise the refusal: 403 when the server takes no
    /// writes at all, 401 when the request lacks the right token.
    fn refuse_write(&self, request: &Request<Body>) -> Option<HttpResponse> {
        let Some(expected) = &self.config.write_token else {
            return Some(error(
                StatusCode::FORBIDDEN,
                "this server is read-only: start it with --write-token to accept writes",
            ));
        };
        match bearer(request) {
            Some(given) if same_token(&given, expected) => None,
            _ => {
                let mut refused = error(
                    StatusCode::UNAUTHORIZED,
                    "writes need the header 'Authorization: Bearer <write token>'",
                );
                refused.headers_mut().insert(
                    "www-authenticate",
                    oxhttp::model::HeaderValue::from_static("Bearer realm=\"warta\""),
                );
                Some(refused)
            }
        }
    }
}

/// Requests handled at once; more wait for a thread. Waiting connections hold none.
const HANDLER_THREADS: usize = 64;

/// A running server.
pub struct Server {
    address: SocketAddr,
    running: connection::Running,
}

impl std::fmt::Debug for Server {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Server").field("address", &self.address).finish_non_exhaustive()
    }
}

impl Server {
    /// Where the server listens (the actual port when bound to port 0).
    pub fn address(&self) -> SocketAddr {
        self.address
    }

    /// Serves until the process ends.
    pub fn join(self) -> std::io::Result<()> {
        self.running.join()
    }
}

/// Starts serving in background threads: a store (a writable one sees its own writes), or a
/// read-only [`Snapshot`] that answers from its newest view (see [`Snapshot::follow`]).
pub fn serve(store: impl Into<Snapshot>, lexicon: Arc<Lexicon>, config: ServeConfig) -> Result<Server, ServeError> {
    let snapshot = store.into();
    let listener = TcpListener::bind(config.bind).map_err(|source| ServeError::Bind {
        address: config.bind,
        source,
    })?;
    let address = listener.local_addr().map_err(|source| ServeError::Bind {
        address: config.bind,
        source,
    })?;
    if config.write_token.is_some() {
        // Uploaded articles join the gazetteer and vocabulary graphs, as built ones do.
        crate::build::load_background_graphs(&snapshot.store(), &lexicon)?;
    }
    let limits = connection::Limits {
        header_timeout: config.header_timeout,
        body_timeout: config.body_timeout,
        max_body_bytes: config.max_body_bytes,
        max_connections: config.max_connections.max(1),
        per_client: config.max_client_connections.max(1),
        handler_threads: HANDLER_THREADS,
    };
    let shared = Arc::new(Shared {
        snapshot,
        lexicon,
        config,
        address,
        writes: Mutex::new(()),
    });
    let handler = move |request: &mut Request<Body>| {
        // A bug in one handler must cost one request a 500, not the server.
        let state = Arc::new(State {
            store: shared.snapshot.store(),
            server: Arc::clone(&shared),
        });
        std::panic::catch_unwind(AssertUnwindSafe(|| route(&state, request))).unwrap_or_else(|_| {
            error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "the server failed on this request; please report it",
            )
        })
    };
    let running = connection::spawn(listener, limits, Arc::new(handler)).map_err(|source| ServeError::Bind { address, source })?;
    Ok(Server { address, running })
}

/// The methods each route takes, for preflights and 405s.
fn methods_of(path: &str) -> &'static str {
    match path {
        "/query" | "/sparql" | "/sparql/" => "GET, HEAD, POST, OPTIONS",
        "/update" | "/articles" => "POST, OPTIONS",
        "/store" => "GET, HEAD, PUT, POST, DELETE, OPTIONS",
        _ => "GET, HEAD, OPTIONS",
    }
}

fn route(state: &Arc<State>, request: &mut Request<Body>) -> HttpResponse {
    let path = request.uri().path().to_owned();
    if request.method() == Method::OPTIONS {
        return preflight(methods_of(&path));
    }
    let method = request.method().clone();
    let readable = method == Method::GET || method == Method::HEAD;
    match path.as_str() {
        "/query" | "/sparql" | "/sparql/" if readable || method == Method::POST => sparql::query(state, request),
        "/update" if method == Method::POST => sparql::update(state, request),
        "/store" => graph_store::graph_store(state, request),
        "/articles" if method == Method::POST => graph_store::upload_articles(state, request),
        "/" if readable => pages::index(),
        "/queries" if readable => pages::stock_queries(),
        "/graph.svg" if readable => pages::graph_svg(state, request),
        _ if readable && path.starts_with("/static/") => pages::asset(&path),
        _ if readable && path.starts_with("/actor/") => pages::actor(state, request),
        "/actors" if readable => pages::actor_search(state, request),
        _ if readable && path.starts_with("/article/") => pages::article(state, &path),
        "/query" | "/sparql" | "/sparql/" | "/update" | "/articles" | "/" | "/queries" | "/graph.svg" | "/actors" => {
            let mut refused = error(
                StatusCode::METHOD_NOT_ALLOWED,
                format!("{method} is not allowed on {path}: it takes {}", methods_of(&path)),
            );
            refused
                .headers_mut()
                .insert("allow", oxhttp::model::HeaderValue::from_static(methods_of(&path)));
            refused
        }
        _ => error(
            StatusCode::NOT_FOUND,
            format!("nothing at {path}: try / for the page or /query for SPARQL"),
        ),
    }
}
