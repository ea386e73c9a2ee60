//! The server loop: connections accepted and HTTP/1.1 parsed on tokio (by hyper), each request's
//! handler run on a blocking thread, with the limits that keep slow or idle clients from costing
//! anything.
//!
//! Why not oxhttp's own loop: it gives every connection a thread and one socket timeout for the
//! whole exchange, and it waits for a free thread before accepting, so clients that open
//! connections and send nothing (or a byte a minute) took every slot and locked everybody else
//! out for the length of that timeout. Here a waiting connection is a timer; the request line and
//! headers must arrive within `header_timeout` (which also closes idle keep-alive connections), a
//! body within `body_timeout`, and one address may hold at most `per_client` connections.
//!
//! Owns: sockets, timeouts, connection limits. Must not: know SPARQL or the store.

use std::collections::HashMap;
use std::io::Read;
use std::net::{IpAddr, SocketAddr, TcpListener};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use http_body_util::{BodyExt, Full, Limited};
use hyper::body::{Bytes, Incoming};
use hyper::server::conn::http1;
use hyper::service::service_fn;
use hyper_util::rt::{TokioIo, TokioTimer};
use oxhttp::model::header::{CONNECTION, CONTENT_LENGTH, CONTENT_TYPE};
use oxhttp::model::{Body, HeaderValue, Method, Request, Response, StatusCode};
use tokio::io::AsyncWriteExt;

/// A request handler, as oxhttp's server took them.
pub type Handler = dyn Fn(&mut Request<Body>) -> Response<Body> + Send + Sync + 'static;

/// How long clients may take and how many connections they may hold.
#[derive(Debug, Clone, Copy)]
pub struct Limits {
    pub header_timeout: Duration,
    pub body_timeout: Duration,
    pub max_body_bytes: usize,
    pub max_connections: usize,
    pub per_client: usize,
    /// Handlers running at once; more requests wait for a thread.
    pub handler_threads: usize,
}

/// Open connections, in total and per client address.
#[derive(Default)]
struct Counts {
    total: usize,
    per_address: HashMap<IpAddr, usize>,
}

/// A connection's place in the counts, given back when it closes.
struct Slot {
    counts: Arc<Mutex<Counts>>,
    address: IpAddr,
}

impl Slot {
    /// A slot for a new connection from `address`, or why it gets none.
    fn take(counts: &Arc<Mutex<Counts>>, address: IpAddr, limits: &Limits) -> Result<Slot, &'static str> {
        let mut guard = counts.lock().map_err(|_| "the server is shutting down")?;
        let from_address = guard.per_address.get(&address).copied().unwrap_or(0);
        if guard.total >= limits.max_connections {
            return Err("the server has as many connections open as it takes; try again shortly");
        }
        if from_address >= limits.per_client {
            return Err("your address has as many connections open as one client may; close some or reuse them");
        }
        guard.total += 1;
        guard.per_address.insert(address, from_address + 1);
        Ok(Slot {
            counts: Arc::clone(counts),
            address,
        })
    }
}

impl Drop for Slot {
    fn drop(&mut self) {
        if let Ok(mut guard) = self.counts.lock() {
            guard.total = guard.total.saturating_sub(1);
            let left = guard.per_address.get(&self.address).map_or(0, |n| n.saturating_sub(1));
            if left == 0 {
                guard.per_address.remove(&self.address);
            } else {
                guard.per_address.insert(self.address, left);
            }
        }
    }
}

/// A running loop; `join` waits for it.
pub struct Running {
    thread: std::thread::JoinHandle<std::io::Result<()>>,
}

impl Running {
    pub fn join(self) -> std::io::Result<()> {
        self.thread
            .join()
            .unwrap_or_else(|_| Err(std::io::Error::other("the server loop stopped unexpectedly")))
    }
}

/// Serves `listener` with `handler` in background threads until the process ends.
pub fn spawn(listener: TcpListener, limits: Limits, handler: Arc<Handler>) -> std::io::Result<Running> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .worker_threads(2)
        .max_blocking_threads(limits.handler_threads.max(1))
        .thread_name("warta-serve")
        .enable_io()
        .enable_time()
        .build()?;
    let thread = std::thread::Builder::new()
        .name("warta-serve-accept".to_owned())
        .spawn(move || runtime.block_on(accept_loop(listener, limits, handler)))?;
    Ok(Running { thread })
}

async fn accept_loop(listener: TcpListener, limits: Limits, handler: Arc<Handler>) -> std::io::Result<()> {
    let listener = tokio::net::TcpListener::from_std(listener)?;
    let counts = Arc::new(Mutex::new(Counts::default()));
    loop {
        // Running out of file descriptors is passing; the loop must outlive it.
        let Ok((stream, peer)) = listener.accept().await else {
            tokio::time::sleep(Duration::from_millis(50)).await;
            continue;
        };
        let _ = stream.set_nodelay(true);
        match Slot::take(&counts, peer.ip(), &limits) {
            Ok(slot) => {
                tokio::spawn(serve_connection(stream, peer, slot, limits, Arc::clone(&handler)));
            }
            Err(reason) => {
                tokio::spawn(refuse(stream, reason));
            }
        }
    }
}

/// Answers 503 on a connection over the limits and closes it, without reading the request.
async fn refuse(mut stream: tokio::net::TcpStream, reason: &'static str) {
    let body = format!("{reason}\n");
    let head = format!(
        "HTTP/1.1 503 Service Unavailable\r\ncontent-type: text/plain; charset=utf-8\r\nretry-after: 1\r\nconnection: close\r\ncontent-length: {}\r\n\r\n",
        body.len()
    );
    let write = async {
        stream.write_all(head.as_bytes()).await?;
        stream.write_all(body.as_bytes()).await?;
        stream.shutdown().await
    };
    // A client that does not read its refusal is not waited for.
    let _ = tokio::time::timeout(Duration::from_secs(5), write).await;
}

async fn serve_connection(stream: tokio::net::TcpStream, peer: SocketAddr, slot: Slot, limits: Limits, handler: Arc<Handler>) {
    let service = service_fn(move |request| answer(request, peer, limits, Arc::clone(&handler)));
    let connection = http1::Builder::new()
        .timer(TokioTimer::new())
        .header_read_timeout(limits.header_timeout)
        .keep_alive(true)
        .serve_connection(TokioIo::new(stream), service);
    // A connection that ends badly (a timeout, a client gone) concerns that client alone.
    let _ = connection.await;
    drop(slot);
}

fn plain(status: StatusCode, message: &str) -> Response<Full<Bytes>> {
    let mut response = Response::new(Full::new(Bytes::from(format!("{message}\n"))));
    *response.status_mut() = status;
    response
        .headers_mut()
        .insert(CONTENT_TYPE, HeaderValue::from_static("text/plain; charset=utf-8"));
    response
        .headers_mut()
        .insert("access-control-allow-origin", HeaderValue::from_static("*"));
    response
}

/// Reads the body within the limits, runs the handler on a blocking thread, and writes its response.
async fn answer(
    request: hyper::Request<Incoming>,
    peer: SocketAddr,
    limits: Limits,
    handler: Arc<Handler>,
) -> Result<Response<Full<Bytes>>, std::convert::Infallible> {
    let (parts, incoming) = request.into_parts();
    let declared = parts
        .headers
        .get(CONTENT_LENGTH)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.parse::<u64>().ok());
    let too_large = || {
        let mut response = plain(
            StatusCode::PAYLOAD_TOO_LARGE,
            &format!(
                "the request body is larger than the {} bytes this server accepts",
                limits.max_body_bytes
            ),
        );
        // The rest of the body is not read, so the connection cannot carry another request.
        response.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
        response
    };
    if declared.is_some_and(|n| n > u64::try_from(limits.max_body_bytes).unwrap_or(u64::MAX)) {
        return Ok(too_large());
    }
    let body = match tokio::time::timeout(limits.body_timeout, Limited::new(incoming, limits.max_body_bytes).collect()).await {
        Ok(Ok(collected)) => collected.to_bytes(),
        Ok(Err(error)) if error.is::<http_body_util::LengthLimitError>() => return Ok(too_large()),
        Ok(Err(error)) => return Ok(plain(StatusCode::BAD_REQUEST, &format!("cannot read the request body: {error}"))),
        Err(_) => {
            let mut response = plain(
                StatusCode::REQUEST_TIMEOUT,
                &format!("the request body did not arrive within {} s", limits.body_timeout.as_secs_f32()),
            );
            response.headers_mut().insert(CONNECTION, HeaderValue::from_static("close"));
            return Ok(response);
        }
    };
    let head = parts.method == Method::HEAD;
    // oxhttp's bodies are not `Send`: the request is made on the thread that handles it.
    let handled = tokio::task::spawn_blocking(move || {
        let mut request = Request::from_parts(parts, Body::from(body.to_vec()));
        request.extensions_mut().insert(peer);
        let response = handler(&mut request);
        let (parts, mut body) = response.into_parts();
        let mut bytes = Vec::new();
        body.read_to_end(&mut bytes).map(|_| (parts, bytes))
    })
    .await;
    Ok(match handled {
        Ok(Ok((mut parts, bytes))) => {
            // A HEAD answer carries the length its GET would have, and no body.
            parts.headers.insert(CONTENT_LENGTH, HeaderValue::from(bytes.len()));
            let body = if head { Bytes::new() } else { Bytes::from(bytes) };
            Response::from_parts(parts, Full::new(body))
        }
        Ok(Err(error)) => plain(StatusCode::INTERNAL_SERVER_ERROR, &format!("cannot write the response: {error}")),
        Err(_) => plain(
            StatusCode::INTERNAL_SERVER_ERROR,
            "the server failed on this request; please report it",
        ),
    })
}
