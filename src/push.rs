//! `warta push`: articles into another triple store over HTTP, for when the graph outgrows one
//! machine's store. Each article's graph is replaced whole with a Graph Store Protocol `PUT`
//! (idempotent: pushing again changes nothing), and the article's and its actors' descriptions
//! are merged into the default graph with SPARQL Update, a batch of articles per request.
//! A request that fails for a reason that may pass (no answer, 5xx, 429) is retried with
//! exponential backoff; a push that stops is resumed by pushing the same inputs again.
//!
//! Owns: the HTTP conversation with the remote store. Must not: extract (it is given quads),
//! print, or know which store is on the other side beyond the two protocols.

use std::time::Duration;

use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE};
use oxhttp::model::{Method, Request};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNodeRef, Quad, TripleRef};

use crate::rdf::ArticleQuads;

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct PushConfig {
    /// The Graph Store Protocol endpoint (`http://host:7878/store` for `warta serve`).
    pub graph_store: String,
    /// The SPARQL Update endpoint (`http://host:7878/update` for `warta serve`).
    pub update: String,
    /// Sent as `Authorization: Bearer <token>`.
    pub token: Option<String>,
    /// Articles whose descriptions go in one update request.
    pub batch: usize,
    /// Attempts after the first for a request that fails for a reason that may pass.
    pub retries: u32,
    /// The wait before the first retry; each next one waits twice as long.
    pub backoff: Duration,
    pub timeout: Duration,
}

/// Why a push stopped.
#[derive(Debug, thiserror::Error)]
pub enum PushError {
    #[error("{what} answered {status}{advice}: {body}")]
    Refused {
        what: String,
        status: u16,
        advice: &'static str,
        body: String,
    },
    #[error("{what} did not answer after {attempts} attempts ({cause}): check the URL and that the store is up, then push again")]
    Unreachable { what: String, attempts: u32, cause: String },
    #[error("'{url}' cannot be sent to ({cause}): check --endpoint and --update")]
    BadUrl { url: String, cause: String },
    #[error("cannot write the quads of {what}: {cause}")]
    Serialize { what: String, cause: String },
}

/// What was pushed so far.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct PushReport {
    pub articles: usize,
    pub quads: usize,
    pub requests: usize,
    pub retries: usize,
}

/// A push under way: articles go out one `PUT` each, descriptions in batches.
pub struct Pusher {
    client: oxhttp::Client,
    config: PushConfig,
    /// The update request being gathered: one `DELETE`/`INSERT` pair per article.
    pending: Vec<String>,
    report: PushReport,
}

impl std::fmt::Debug for Pusher {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Pusher")
            .field("config", &self.config)
            .field("report", &self.report)
            .finish_non_exhaustive()
    }
}

impl Pusher {
    pub fn new(config: PushConfig) -> Pusher {
        let client = oxhttp::Client::new()
            .with_user_agent(concat!("warta/", env!("CARGO_PKG_VERSION")))
            .unwrap_or_else(|_| oxhttp::Client::new())
            .with_global_timeout(config.timeout);
        Pusher {
            client,
            config,
            pending: Vec::new(),
            report: PushReport::default(),
        }
    }

    /// Pushes one article: its graph now, its description with the batch.
    pub fn push(&mut self, quads: &ArticleQuads) -> Result<PushReport, PushError> {
        if let Some(graph) = &quads.graph {
            self.put(graph.as_ref(), &quads.named)?;
            // The description of an article pushed before is replaced, not added to: its title or
            // date may have changed. Actors are merged: other articles describe them too.
            self.pending.push(format!("DELETE WHERE {{ <{}> ?p ?o }}", graph.as_str()));
        }
        let triples = serialize(&quads.default, RdfFormat::NTriples, "a description")?;
        self.pending
            .push(format!("INSERT DATA {{\n{}}}", String::from_utf8_lossy(&triples)));
        self.report.articles += 1;
        self.report.quads += quads.default.len() + quads.named.len();
        if self.pending.len() >= 2 * self.config.batch.max(1) {
            self.flush()?;
        }
        Ok(self.report)
    }

    /// Replaces one named graph whole (the reference or vocabulary graph, which the stock
    /// questions join with), counted in the report's quads.
    pub fn push_graph(&mut self, graph: NamedNodeRef<'_>, quads: &[Quad]) -> Result<PushReport, PushError> {
        self.put(graph, quads)?;
        self.report.quads += quads.len();
        Ok(self.report)
    }

    fn put(&mut self, graph: NamedNodeRef<'_>, quads: &[Quad]) -> Result<(), PushError> {
        let what = format!("the graph <{}>", graph.as_str());
        let body = serialize(quads, RdfFormat::NTriples, &what)?;
        let url = format!("{}?graph={}", self.config.graph_store, encode(graph.as_str()));
        self.send(Method::PUT, &url, "application/n-triples", body, &what)
    }

    /// Sends the descriptions still gathered.
    pub fn finish(mut self) -> Result<PushReport, PushError> {
        self.flush()?;
        Ok(self.report)
    }

    fn flush(&mut self) -> Result<(), PushError> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let update = self.pending.join(" ;\n");
        let url = self.config.update.clone();
        self.send(
            Method::POST,
            &url,
            "application/sparql-update",
            update.into_bytes(),
            "the update endpoint",
        )?;
        self.pending.clear();
        Ok(())
    }

    fn send(&mut self, method: Method, url: &str, content_type: &str, body: Vec<u8>, what: &str) -> Result<(), PushError> {
        let mut wait = self.config.backoff;
        let mut attempt = 0;
        loop {
            attempt += 1;
            self.report.requests += 1;
            let mut request = Request::builder()
                .method(method.clone())
                .uri(url)
                .header(CONTENT_TYPE, content_type);
            if let Some(token) = &self.config.token {
                request = request.header(AUTHORIZATION, format!("Bearer {token}"));
            }
            let request = request.body(body.clone()).map_err(|e| PushError::BadUrl {
                url: url.to_owned(),
                cause: e.to_string(),
            })?;
            let failure = match self.client.request(request) {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) => {
                    let status = response.status().as_u16();
                    let body: String = response.into_body().to_string().unwrap_or_default().chars().take(300).collect();
                    if status != 429 && status < 500 {
                        return Err(PushError::Refused {
                            what: what.to_owned(),
                            status,
                            advice: match status {
                                401 | 403 => " (the store wants a write token: give it with --token-file)",
                                404 => " (check the endpoint URLs: --endpoint, --update)",
                                _ => "",
                            },
                            body,
                        });
                    }
                    format!("{status}: {body}")
                }
                Err(e) => e.to_string(),
            };
            if attempt > self.config.retries {
                return Err(PushError::Unreachable {
                    what: what.to_owned(),
                    attempts: attempt,
                    cause: failure,
                });
            }
            self.report.retries += 1;
            std::thread::sleep(wait);
            wait = wait.saturating_mul(2);
        }
    }
}

/// Quads as triples of one syntax (the graph is the request's).
fn serialize(quads: &[Quad], format: RdfFormat, what: &str) -> Result<Vec<u8>, PushError> {
    let error = |e: std::io::Error| PushError::Serialize {
        what: what.to_owned(),
        cause: e.to_string(),
    };
    let mut serializer = RdfSerializer::from_format(format).for_writer(Vec::new());
    for quad in quads {
        serializer
            .serialize_triple(TripleRef::new(&quad.subject, &quad.predicate, &quad.object))
            .map_err(error)?;
    }
    serializer.finish().map_err(error)
}

fn encode(text: &str) -> String {
    form_urlencoded::byte_serialize(text.as_bytes()).collect()
}
