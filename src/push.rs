//! `warta push`: articles into another triple store over HTTP, for when the graph outgrows one
//! machine's store. Each article's graph is replaced whole with a Graph Store Protocol `PUT`
//! (idempotent: pushing again changes nothing), and the article's and its actors' descriptions
//! are merged into the default graph with SPARQL Update, a batch of articles per request.
//! A request that fails for a reason that may pass (no answer, 5xx, 429) is retried with
//! exponential backoff; a push that stops is resumed by pushing the same inputs again.
//!
//! Stores differ in two ways that matter here, both chosen by the caller rather than guessed:
//! how a writer proves itself (a bearer token, or a user and password answered to the store's
//! `401` challenge by HTTP Digest or Basic), and whether the default graph is a graph that can be
//! written (in Virtuoso it is the union of all graphs; the descriptions then go into a named
//! graph that queries take as their default with `default-graph-uri`).
//!
//! Owns: the HTTP conversation with the remote store. Must not: extract (it is given quads),
//! print, or know which store is on the other side beyond the two protocols.

use std::time::Duration;

use base64::Engine as _;
use md5::Md5;
use oxhttp::model::header::{AUTHORIZATION, CONTENT_TYPE, WWW_AUTHENTICATE};
use oxhttp::model::{HeaderMap, Method, Request, Uri};
use oxigraph::io::{RdfFormat, RdfSerializer};
use oxigraph::model::{NamedNode, NamedNodeRef, Quad, TripleRef};
use sha2::{Digest as _, Sha256};

use crate::rdf::ArticleQuads;

/// Where and how to push.
#[derive(Debug, Clone)]
pub struct PushConfig {
    /// The Graph Store Protocol endpoint (`http://host:7878/store` for `warta serve`).
    pub graph_store: String,
    /// The SPARQL Update endpoint (`http://host:7878/update` for `warta serve`).
    pub update: String,
    /// How the pusher proves it may write.
    pub credentials: Credentials,
    /// The named graph that takes what warta keeps in the default graph (the descriptions of
    /// articles and actors); `None`: the store's default graph.
    pub default_graph: Option<NamedNode>,
    /// Articles whose descriptions go in one update request.
    pub batch: usize,
    /// Attempts after the first for a request that fails for a reason that may pass.
    pub retries: u32,
    /// The wait before the first retry; each next one waits twice as long.
    pub backoff: Duration,
    pub timeout: Duration,
}

/// How the pusher proves it may write.
#[derive(Clone, Default)]
pub enum Credentials {
    #[default]
    None,
    /// Sent as `Authorization: Bearer <token>` (the write token of `warta serve`).
    Bearer(String),
    /// A user and password, sent as the store's `401` challenge asks: HTTP Digest (RFC 7616,
    /// MD5 or SHA-256, as Virtuoso's `/sparql-auth` and `/sparql-graph-crud-auth` want) or Basic.
    Password { user: String, password: String },
}

impl std::fmt::Debug for Credentials {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Credentials::None => f.write_str("None"),
            Credentials::Bearer(_) => f.write_str("Bearer(..)"),
            Credentials::Password { user, .. } => write!(f, "Password {{ user: {user:?}, .. }}"),
        }
    }
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
    /// The store's last `401` challenge, answered in every request after it.
    challenge: Option<Challenge>,
    /// Requests answered to the current Digest nonce (its `nc`).
    nonce_count: u32,
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
            challenge: None,
            nonce_count: 0,
        }
    }

    /// Pushes one article: its graph now, its description with the batch.
    pub fn push(&mut self, quads: &ArticleQuads) -> Result<PushReport, PushError> {
        if let Some(graph) = &quads.graph {
            self.put(graph.as_ref(), &quads.named)?;
            // The description of an article pushed before is replaced, not added to: its title or
            // date may have changed. Actors are merged: other articles describe them too.
            let old = self.in_default_graph(&format!("<{}> ?p ?o", graph.as_str()));
            self.pending.push(format!("DELETE WHERE {{ {old} }}"));
        }
        let triples = serialize(&quads.default, RdfFormat::NTriples, "a description")?;
        let new = self.in_default_graph(&String::from_utf8_lossy(&triples));
        self.pending.push(format!("INSERT DATA {{\n{new}}}"));
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

    /// A pattern or block of triples, in the graph that stands for the default graph.
    fn in_default_graph(&self, triples: &str) -> String {
        match &self.config.default_graph {
            Some(graph) => format!("GRAPH <{}> {{\n{triples}}}\n", graph.as_str()),
            None => triples.to_owned(),
        }
    }

    /// Sends the descriptions still gathered, then has the store count its summary graph again
    /// (`summary::recount_update`), which the stock questions read: a store other than warta does
    /// not keep it as it is written.
    pub fn finish(mut self) -> Result<PushReport, PushError> {
        self.flush()?;
        let recount = crate::summary::recount_update(self.config.default_graph.as_ref().map(NamedNode::as_str));
        let url = self.config.update.clone();
        self.send(
            Method::POST,
            &url,
            "application/sparql-update",
            recount.into_bytes(),
            "the update endpoint (counting the summary graph)",
        )?;
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
        let bad_url = |cause: String| PushError::BadUrl {
            url: url.to_owned(),
            cause,
        };
        // Digest answers name the request target, not the whole URL.
        let target = url
            .parse::<Uri>()
            .map_err(|e| bad_url(e.to_string()))?
            .path_and_query()
            .map_or_else(|| "/".to_owned(), |p| p.as_str().to_owned());
        let mut wait = self.config.backoff;
        let mut attempt = 0;
        // Challenges answered for this request: one to learn the scheme, one for a nonce that
        // went stale meanwhile; a third `401` means the password is wrong.
        let mut challenges = 0;
        loop {
            attempt += 1;
            self.report.requests += 1;
            let mut request = Request::builder()
                .method(method.clone())
                .uri(url)
                .header(CONTENT_TYPE, content_type);
            if let Some(authorization) = self.authorization(&method, &target) {
                request = request.header(AUTHORIZATION, authorization);
            }
            let request = request.body(body.clone()).map_err(|e| bad_url(e.to_string()))?;
            let failure = match self.client.request(request) {
                Ok(response) if response.status().is_success() => return Ok(()),
                Ok(response) => {
                    let status = response.status().as_u16();
                    let challenge = if status == 401 && challenges < 2 && matches!(self.config.credentials, Credentials::Password { .. }) {
                        Challenge::best(response.headers())
                    } else {
                        None
                    };
                    if let Some(challenge) = challenge {
                        challenges += 1;
                        attempt -= 1;
                        self.challenge = Some(challenge);
                        self.nonce_count = 0;
                        continue;
                    }
                    let body: String = response.into_body().to_string().unwrap_or_default().chars().take(300).collect();
                    if status != 429 && status < 500 {
                        return Err(PushError::Refused {
                            what: what.to_owned(),
                            status,
                            advice: match (status, &self.config.credentials) {
                                (401 | 403, Credentials::None) => {
                                    " (the store wants credentials: a bearer token with --token-file, or a user with --user and --password-file)"
                                }
                                (401 | 403, Credentials::Bearer(_)) => {
                                    " (the store refused the token: check --token-file, or give a user with --user and --password-file)"
                                }
                                (401 | 403, Credentials::Password { .. }) => {
                                    " (the store refused the user: check --user and --password-file, and that the user may write)"
                                }
                                (404, _) => " (check the endpoint URLs: --endpoint, --update)",
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

    /// The `Authorization` header of the next request, if the credentials give one yet (a
    /// password is sent only once the store has said how).
    fn authorization(&mut self, method: &Method, target: &str) -> Option<String> {
        match (&self.config.credentials, &self.challenge) {
            (Credentials::None, _) | (Credentials::Password { .. }, None) => None,
            (Credentials::Bearer(token), _) => Some(format!("Bearer {token}")),
            (Credentials::Password { user, password }, Some(Challenge::Basic)) => Some(format!(
                "Basic {}",
                base64::engine::general_purpose::STANDARD.encode(format!("{user}:{password}"))
            )),
            (Credentials::Password { user, password }, Some(Challenge::Digest(digest))) => {
                self.nonce_count += 1;
                let cnonce = client_nonce(self.nonce_count);
                Some(digest.answer(user, password, method.as_str(), target, self.nonce_count, &cnonce))
            }
        }
    }
}

/// How a store asked for a password (`WWW-Authenticate`).
#[derive(Debug, Clone, PartialEq, Eq)]
enum Challenge {
    Basic,
    Digest(DigestChallenge),
}

#[derive(Debug, Clone, PartialEq, Eq)]
struct DigestChallenge {
    realm: String,
    nonce: String,
    opaque: Option<String>,
    /// `qop=auth` offered (RFC 7616); without it the answer is RFC 2069's.
    qop_auth: bool,
    sha256: bool,
    /// `-sess`: the first hash covers the nonces too.
    session: bool,
}

impl Challenge {
    /// The strongest challenge this client can answer: Digest SHA-256, then MD5, then Basic.
    fn best(headers: &HeaderMap) -> Option<Challenge> {
        headers
            .get_all(WWW_AUTHENTICATE)
            .iter()
            .filter_map(|value| value.to_str().ok())
            .flat_map(parse_challenges)
            .filter_map(|(scheme, params)| Challenge::from_parts(&scheme, &params))
            .max_by_key(|challenge| match challenge {
                Challenge::Basic => 0,
                Challenge::Digest(d) if !d.sha256 => 1,
                Challenge::Digest(_) => 2,
            })
    }

    fn from_parts(scheme: &str, params: &[(String, String)]) -> Option<Challenge> {
        let param = |name: &str| {
            params
                .iter()
                .find(|(key, _)| key.eq_ignore_ascii_case(name))
                .map(|(_, value)| value.clone())
        };
        if scheme.eq_ignore_ascii_case("basic") {
            return Some(Challenge::Basic);
        }
        if !scheme.eq_ignore_ascii_case("digest") {
            return None;
        }
        let algorithm = param("algorithm").unwrap_or_else(|| "MD5".to_owned()).to_ascii_uppercase();
        let (sha256, session) = match algorithm.as_str() {
            "MD5" => (false, false),
            "MD5-SESS" => (false, true),
            "SHA-256" => (true, false),
            "SHA-256-SESS" => (true, true),
            _ => return None,
        };
        let qop_auth = match param("qop") {
            Some(qop) => {
                if !qop.split(',').any(|q| q.trim().eq_ignore_ascii_case("auth")) {
                    return None; // only auth-int, which would hash every body
                }
                true
            }
            None => false,
        };
        Some(Challenge::Digest(DigestChallenge {
            realm: param("realm").unwrap_or_default(),
            nonce: param("nonce")?,
            opaque: param("opaque"),
            qop_auth,
            sha256,
            session,
        }))
    }
}

impl DigestChallenge {
    fn hash(&self, text: &str) -> String {
        let bytes: Vec<u8> = if self.sha256 {
            Sha256::digest(text.as_bytes()).to_vec()
        } else {
            Md5::digest(text.as_bytes()).to_vec()
        };
        bytes.iter().map(|b| format!("{b:02x}")).collect()
    }

    /// The `Authorization: Digest ...` value for one request (RFC 7616 section 3.4).
    fn answer(&self, user: &str, password: &str, method: &str, target: &str, count: u32, cnonce: &str) -> String {
        let nc = format!("{count:08x}");
        let mut ha1 = self.hash(&format!("{user}:{}:{password}", self.realm));
        if self.session {
            ha1 = self.hash(&format!("{ha1}:{}:{cnonce}", self.nonce));
        }
        let ha2 = self.hash(&format!("{method}:{target}"));
        let response = if self.qop_auth {
            self.hash(&format!("{ha1}:{}:{nc}:{cnonce}:auth:{ha2}", self.nonce))
        } else {
            self.hash(&format!("{ha1}:{}:{ha2}", self.nonce))
        };
        let algorithm = match (self.sha256, self.session) {
            (false, false) => "MD5",
            (false, true) => "MD5-sess",
            (true, false) => "SHA-256",
            (true, true) => "SHA-256-sess",
        };
        let mut value = format!(
            "Digest username=\"{}\", realm=\"{}\", nonce=\"{}\", uri=\"{}\", algorithm={algorithm}, response=\"{response}\"",
            quote(user),
            quote(&self.realm),
            quote(&self.nonce),
            quote(target)
        );
        if self.qop_auth {
            value.push_str(&format!(", qop=auth, nc={nc}, cnonce=\"{cnonce}\""));
        }
        if let Some(opaque) = &self.opaque {
            value.push_str(&format!(", opaque=\"{}\"", quote(opaque)));
        }
        value
    }
}

/// A client nonce that differs per request and per process.
fn client_nonce(count: u32) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_nanos();
    let seed = format!("{now}:{}:{count}", std::process::id());
    Sha256::digest(seed.as_bytes())
        .iter()
        .take(16)
        .map(|b| format!("{b:02x}"))
        .collect()
}

fn quote(text: &str) -> String {
    text.replace('\\', "\\\\").replace('"', "\\\"")
}

/// The challenges of one `WWW-Authenticate` value: `Digest realm="x", nonce="y", Basic realm="z"`
/// gives `[("Digest", [realm, nonce]), ("Basic", [realm])]`.
fn parse_challenges(value: &str) -> Vec<(String, Vec<(String, String)>)> {
    let mut challenges: Vec<(String, Vec<(String, String)>)> = Vec::new();
    let mut chars = value.chars().peekable();
    loop {
        while chars.next_if(|c| c.is_whitespace() || *c == ',').is_some() {}
        let mut token = String::new();
        while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != ',' && *c != '=') {
            token.push(c);
        }
        if token.is_empty() {
            if chars.next().is_none() {
                return challenges;
            }
            continue; // a stray '='
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        if chars.next_if_eq(&'=').is_none() {
            challenges.push((token, Vec::new()));
            continue;
        }
        while chars.next_if(|c| c.is_whitespace()).is_some() {}
        let mut param = String::new();
        if chars.next_if_eq(&'"').is_some() {
            while let Some(c) = chars.next() {
                match c {
                    '"' => break,
                    '\\' => param.extend(chars.next()),
                    c => param.push(c),
                }
            }
        } else {
            while let Some(c) = chars.next_if(|c| !c.is_whitespace() && *c != ',') {
                param.push(c);
            }
        }
        if let Some((_, params)) = challenges.last_mut() {
            params.push((token, param));
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

#[cfg(test)]
mod tests {
    use super::*;

    /// RFC 7616 section 3.9.1: the same request answered with MD5 and with SHA-256.
    #[test]
    fn digest_answers_match_the_rfc_example() {
        let value = "Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=SHA-256, \
                     nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", \
                     Digest realm=\"http-auth@example.org\", qop=\"auth, auth-int\", algorithm=MD5, \
                     nonce=\"7ypf/xlj9XXwfDPEoM4URrv/xwf94BcCAzFZH4GiTo0v\", opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\", \
                     Basic realm=\"x\"";
        let challenges: Vec<Challenge> = parse_challenges(value)
            .iter()
            .filter_map(|(scheme, params)| Challenge::from_parts(scheme, params))
            .collect();
        assert_eq!(challenges.len(), 3, "{challenges:?}");
        let mut headers = HeaderMap::new();
        headers.append(WWW_AUTHENTICATE, value.parse().unwrap());
        let Some(Challenge::Digest(best)) = Challenge::best(&headers) else {
            panic!("no digest challenge in {value}");
        };
        assert!(best.sha256 && best.qop_auth && !best.session);
        let cnonce = "f2/wE4q74E6zIJEtWaHKaf5wv/H5QzzpXusqGemxURZJ";
        let answer = |challenge: &Challenge| match challenge {
            Challenge::Digest(d) => d.answer("Mufasa", "Circle of Life", "GET", "/dir/index.html", 1, cnonce),
            Challenge::Basic => String::new(),
        };
        let sha256 = answer(&challenges[0]);
        assert!(
            sha256.contains("response=\"753927fa0e85d155564e2e272a28d1802ca10daf4496794697cf8db5856cb6c1\""),
            "{sha256}"
        );
        assert!(sha256.contains("algorithm=SHA-256, ") && sha256.contains("nc=00000001"), "{sha256}");
        assert!(
            sha256.contains("opaque=\"FQhe/qaU925kfnzjCev0ciny7QMkPqMAFRtzCUYo5tdS\""),
            "{sha256}"
        );
        let md5 = answer(&challenges[1]);
        assert!(md5.contains("response=\"8ca523f5e9506fed4657c9700eebdbec\""), "{md5}");
        assert_eq!(challenges[2], Challenge::Basic);
    }

    #[test]
    fn only_challenges_it_can_answer_are_taken() {
        let take = |value: &str| {
            parse_challenges(value)
                .iter()
                .filter_map(|(scheme, params)| Challenge::from_parts(scheme, params))
                .count()
        };
        assert_eq!(take("Bearer realm=\"x\""), 0);
        assert_eq!(
            take("Digest realm=\"x\", nonce=\"n\", qop=\"auth-int\""),
            0,
            "auth-int would hash bodies"
        );
        assert_eq!(take("Digest realm=\"x\", nonce=\"n\", algorithm=SHA-512-256"), 0);
        assert_eq!(take("Digest realm=\"x\""), 0, "no nonce");
        assert_eq!(take("Digest realm=\"a \\\"b\\\" c\", nonce=n"), 1);
    }
}
