//! Small HTTP helpers: responses with CORS, errors, bodies with a size limit, parameters,
//! content negotiation and bearer tokens.

use std::io::Read;
use std::time::Duration;

use oxhttp::model::header::{ACCEPT, AUTHORIZATION, CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Request, Response, StatusCode};
use oxigraph::sparql::CancellationToken;

pub type HttpResponse = Response<Body>;

/// A response with a content type, open to browser tools on other origins (CORS).
pub fn response(status: StatusCode, content_type: &str, body: impl Into<Body>) -> HttpResponse {
    let mut response = Response::new(body.into());
    *response.status_mut() = status;
    if let Ok(value) = HeaderValue::from_str(content_type) {
        response.headers_mut().insert(CONTENT_TYPE, value);
    }
    add_cors(&mut response);
    response
}

pub fn add_cors(response: &mut HttpResponse) {
    let headers = response.headers_mut();
    headers.insert("access-control-allow-origin", HeaderValue::from_static("*"));
    headers.insert(
        "access-control-expose-headers",
        HeaderValue::from_static("content-type, content-length, x-warta-truncated"),
    );
    // Pages run only their own script: a link or a value from the store cannot bring its own,
    // and `javascript:` URLs do not run.
    headers.insert(
        "content-security-policy",
        HeaderValue::from_static(
            "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; object-src 'none'; base-uri 'none'; form-action 'self'; frame-ancestors 'none'",
        ),
    );
}

/// The answer to a CORS preflight for a route that takes `methods`, so that browser tools on
/// other origins may send them (PUT and DELETE on the Graph Store too).
pub fn preflight(methods: &'static str) -> HttpResponse {
    let mut response = response(StatusCode::NO_CONTENT, "text/plain", Body::empty());
    let headers = response.headers_mut();
    headers.insert("access-control-allow-methods", HeaderValue::from_static(methods));
    headers.insert("allow", HeaderValue::from_static(methods));
    headers.insert(
        "access-control-allow-headers",
        HeaderValue::from_static("accept, authorization, content-type"),
    );
    headers.insert("access-control-max-age", HeaderValue::from_static("86400"));
    response
}

/// A plain-text error that says what went wrong.
pub fn error(status: StatusCode, message: impl Into<String>) -> HttpResponse {
    Reply::error(status, message).into_response()
}

/// A response made on another thread (response bodies are not `Send`).
pub struct Reply {
    pub status: StatusCode,
    pub content_type: String,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, HeaderValue)>,
}

impl Reply {
    pub fn new(status: StatusCode, content_type: impl Into<String>, body: Vec<u8>) -> Reply {
        Reply {
            status,
            content_type: content_type.into(),
            body,
            headers: Vec::new(),
        }
    }

    /// A plain-text error, as [`error`] makes.
    pub fn error(status: StatusCode, message: impl Into<String>) -> Reply {
        let mut message = message.into();
        message.push('\n');
        Reply::new(status, "text/plain; charset=utf-8", message.into_bytes())
    }

    /// The body as text, for messages.
    pub fn text(&self) -> String {
        String::from_utf8_lossy(&self.body).trim_end().to_owned()
    }

    pub fn into_response(self) -> HttpResponse {
        let mut answer = response(self.status, &self.content_type, self.body);
        for (name, value) in self.headers {
            answer.headers_mut().insert(name, value);
        }
        answer
    }
}

/// Runs `job` on a thread of its own and waits for it at most `limit`; `None` when time ran out,
/// after cancelling `token`. The caller answers on time either way: Oxigraph checks the token
/// only when it reads the store, so a query that multiplies results already in memory would
/// otherwise hold its connection long past the limit.
pub fn with_deadline<T: Send + 'static>(limit: Duration, token: &CancellationToken, job: impl FnOnce() -> T + Send + 'static) -> Option<T> {
    let (sender, receiver) = std::sync::mpsc::sync_channel(1);
    std::thread::spawn(move || {
        // The receiver is gone when time ran out; the late result is dropped.
        let _ = sender.send(job());
    });
    match receiver.recv_timeout(limit) {
        Ok(value) => Some(value),
        Err(_) => {
            token.cancel();
            None
        }
    }
}

/// The request body, refused with 413 when larger than `max_bytes`.
pub fn read_body(request: &mut Request<Body>, max_bytes: usize) -> Result<Vec<u8>, Reply> {
    let too_large = || {
        Reply::error(
            StatusCode::PAYLOAD_TOO_LARGE,
            format!("the request body is larger than the {max_bytes} bytes this server accepts"),
        )
    };
    let declared = request
        .headers()
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<usize>().ok());
    if declared.is_some_and(|n| n > max_bytes) {
        return Err(too_large());
    }
    let mut body = Vec::new();
    let limit = u64::try_from(max_bytes).unwrap_or(u64::MAX).saturating_add(1);
    request
        .body_mut()
        .take(limit)
        .read_to_end(&mut body)
        .map_err(|e| Reply::error(StatusCode::BAD_REQUEST, format!("cannot read the request body: {e}")))?;
    if body.len() > max_bytes {
        return Err(too_large());
    }
    Ok(body)
}

/// Decoded `key=value` pairs of a URL query string or a form body, in order.
pub fn params(encoded: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(encoded)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

pub fn url_params(request: &Request<Body>) -> Vec<(String, String)> {
    params(request.uri().query().unwrap_or("").as_bytes())
}

pub fn first<'p>(params: &'p [(String, String)], name: &str) -> Option<&'p str> {
    params.iter().find(|(k, _)| k == name).map(|(_, v)| v.as_str())
}

pub fn all<'p>(params: &'p [(String, String)], name: &str) -> Vec<&'p str> {
    params.iter().filter(|(k, _)| k == name).map(|(_, v)| v.as_str()).collect()
}

/// The `charset` parameter of the request's content type, lowercased.
pub fn charset(request: &Request<Body>) -> Option<String> {
    let value = request.headers().get(CONTENT_TYPE)?.to_str().ok()?;
    value.split(';').skip(1).find_map(|parameter| {
        let (name, value) = parameter.split_once('=')?;
        name.trim()
            .eq_ignore_ascii_case("charset")
            .then(|| value.trim().trim_matches('"').to_ascii_lowercase())
    })
}

/// The character sets a body may be declared in: UTF-8 (and its subset US-ASCII), or ISO-8859-1,
/// which browsers and older clients still send forms in.
enum Charset {
    Utf8,
    Latin1,
}

fn known_charset(declared: Option<&str>) -> Result<Charset, Reply> {
    match declared {
        None | Some("utf-8" | "utf8" | "us-ascii" | "ascii") => Ok(Charset::Utf8),
        Some("iso-8859-1" | "latin1" | "l1" | "iso_8859-1" | "iso-latin-1") => Ok(Charset::Latin1),
        Some(other) => Err(Reply::error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            format!("the body is declared charset={other}: send it in UTF-8 (or ISO-8859-1)"),
        )),
    }
}

fn latin1(bytes: &[u8]) -> String {
    bytes.iter().map(|b| char::from(*b)).collect()
}

/// A text body in its declared charset; 415 for a charset this server does not read, 400 for
/// bytes that are not what was declared.
pub fn decode_text(body: Vec<u8>, declared: Option<&str>) -> Result<String, Reply> {
    match known_charset(declared)? {
        Charset::Utf8 => String::from_utf8(body).map_err(|e| {
            Reply::error(
                StatusCode::BAD_REQUEST,
                format!(
                    "the body is not UTF-8 (invalid byte at offset {}): send UTF-8 or declare its charset",
                    e.utf8_error().valid_up_to()
                ),
            )
        }),
        Charset::Latin1 => Ok(latin1(&body)),
    }
}

/// The `key=value` pairs of a form body in its declared charset (percent-escapes are bytes of
/// that charset).
pub fn params_in_charset(body: &[u8], declared: Option<&str>) -> Result<Vec<(String, String)>, Reply> {
    match known_charset(declared)? {
        Charset::Utf8 => Ok(params(body)),
        Charset::Latin1 => Ok(body
            .split(|b| *b == b'&')
            .filter(|pair| !pair.is_empty())
            .map(|pair| {
                let decode = |part: &[u8]| {
                    let spaced: Vec<u8> = part.iter().map(|b| if *b == b'+' { b' ' } else { *b }).collect();
                    latin1(&percent_encoding::percent_decode(&spaced).collect::<Vec<u8>>())
                };
                let mut halves = pair.splitn(2, |b| *b == b'=');
                let key = halves.next().map(decode).unwrap_or_default();
                let value = halves.next().map(decode).unwrap_or_default();
                (key, value)
            })
            .collect()),
    }
}

/// The URL of the endpoint a request was sent to (`http://host/path`), as the client named the
/// host; the base IRI of its operation and the service description's endpoint.
pub fn endpoint_url(request: &Request<Body>, address: std::net::SocketAddr) -> String {
    let host = request
        .headers()
        .get("host")
        .and_then(|h| h.to_str().ok())
        .filter(|h| !h.is_empty() && h.chars().all(|c| c.is_ascii_graphic()))
        .map_or_else(|| address.to_string(), str::to_owned);
    format!("http://{host}{}", request.uri().path())
}

/// The media type of the request body, without parameters.
pub fn content_type(request: &Request<Body>) -> String {
    request
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.split(';').next())
        .map(|v| v.trim().to_ascii_lowercase())
        .unwrap_or_default()
}

/// The offered media type the client prefers (RFC 9110 quality values), the first offered when
/// the client accepts anything, `None` when it accepts none of them.
pub fn negotiate<'o>(request: &Request<Body>, offered: &[&'o str]) -> Option<&'o str> {
    let accept = request.headers().get(ACCEPT).and_then(|v| v.to_str().ok()).unwrap_or("*/*");
    let mut best: Option<(f32, usize, &'o str)> = None;
    for item in accept.split(',') {
        let mut parts = item.split(';');
        let range = parts.next().unwrap_or("").trim().to_ascii_lowercase();
        let quality = parts
            .filter_map(|p| p.trim().strip_prefix("q="))
            .find_map(|q| q.trim().parse::<f32>().ok())
            .unwrap_or(1.0);
        if quality <= 0.0 {
            continue;
        }
        for (position, media) in offered.iter().enumerate() {
            let matches =
                range == "*/*" || range == *media || range.strip_suffix("/*").is_some_and(|kind| media.split('/').next() == Some(kind));
            // Among equal qualities the server's own order decides.
            if matches && best.is_none_or(|(q, p, _)| quality > q || (quality == q && position < p)) {
                best = Some((quality, position, media));
            }
        }
    }
    best.map(|(_, _, media)| media)
}

/// The token of an `Authorization: Bearer <token>` header.
pub fn bearer(request: &Request<Body>) -> Option<String> {
    request
        .headers()
        .get(AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(|t| t.trim().to_owned())
}

/// Compares tokens without stopping at the first difference, so that timing does not reveal
/// how much of a guess was right.
pub fn same_token(given: &str, expected: &str) -> bool {
    let (a, b) = (given.as_bytes(), expected.as_bytes());
    a.len() == b.len() && a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// Escapes text for HTML.
pub fn escape_html(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn request(accept: &str) -> Request<Body> {
        Request::builder().uri("/").header(ACCEPT, accept).body(Body::empty()).unwrap()
    }

    #[test]
    fn negotiation_follows_quality_then_server_order() {
        let offered = ["application/sparql-results+json", "application/sparql-results+xml", "text/csv"];
        assert_eq!(negotiate(&request("text/csv"), &offered), Some("text/csv"));
        assert_eq!(
            negotiate(&request("application/sparql-results+xml;q=0.5, text/csv;q=0.9"), &offered),
            Some("text/csv")
        );
        assert_eq!(negotiate(&request("*/*"), &offered), Some("application/sparql-results+json"));
        assert_eq!(negotiate(&request("text/*"), &offered), Some("text/csv"));
        assert_eq!(negotiate(&request("image/png"), &offered), None);
    }

    #[test]
    fn tokens_compare_whole() {
        assert!(same_token("s3cret", "s3cret"));
        assert!(!same_token("s3cre", "s3cret"));
        assert!(!same_token("s3creT", "s3cret"));
    }
}
