//! `warta serve`: the store over HTTP until the process is stopped.

use std::sync::Arc;
use std::time::Duration;

use anyhow::{Context, bail};

use crate::cli::args::ServeArgs;
use crate::cli::{Outcome, report};

/// How often a read-only server looks for changes to the store.
const FOLLOW_INTERVAL: Duration = Duration::from_secs(1);

pub fn run(args: &ServeArgs, lexicon: warta::Lexicon) -> anyhow::Result<Outcome> {
    let write_token = match (&args.write_token, &args.write_token_file) {
        (Some(token), _) => Some(token.trim().to_owned()),
        (None, Some(path)) => {
            let text = std::fs::read_to_string(path).with_context(|| format!("cannot read the write token file {}", path.display()))?;
            Some(text.lines().next().unwrap_or("").trim().to_owned())
        }
        (None, None) => None,
    };
    if write_token.as_deref().is_some_and(str::is_empty) {
        bail!("the write token is empty: give a secret, e.g. `--write-token-file` with a long random line");
    }
    for endpoint in &args.allow_service {
        if !(endpoint.starts_with("http://") || endpoint.starts_with("https://")) {
            bail!("--allow-service {endpoint}: give the endpoint's full http:// or https:// URL");
        }
    }
    // Without a token nothing may write, so the store is opened read-only as well, and opened
    // again as it changes, so that a server started during a build catches up with it.
    let writable = write_token.is_some();
    let snapshot = if writable {
        warta::Snapshot::from(warta::Store::open(&args.store)?)
    } else {
        warta::Snapshot::open_read_only(&args.store)?
    };
    let config = warta::serve::ServeConfig {
        bind: args.bind,
        write_token,
        query_timeout: Duration::from_secs(args.query_timeout.max(1)),
        max_rows: args.max_rows,
        max_sorted_rows: args.max_sorted_rows.max(1),
        max_body_bytes: args.max_body,
        max_article_bytes: args.max_article_bytes,
        allowed_services: args.allow_service.clone(),
        max_connections: args.max_connections.max(2),
        max_client_connections: args.max_client_connections.max(1),
        header_timeout: Duration::from_secs(args.header_timeout.max(1)),
        body_timeout: Duration::from_secs(args.body_timeout.max(1)),
    };
    let server = warta::serve::serve(snapshot.clone(), Arc::new(lexicon), config)?;
    let address = server.address();
    let store = args.store.display().to_string();
    let mode = if writable { "writes need the token" } else { "read-only" };
    report(&format!("warta: serving {store} at http://{address}/ ({mode})"));
    report(&format!("warta: {}", served(&snapshot.info())));
    if !writable {
        report(&format!(
            "warta: following {store}: a build writing to it is served as it goes, within {} s",
            FOLLOW_INTERVAL.as_secs()
        ));
        snapshot
            .follow(FOLLOW_INTERVAL, move |refreshed| match refreshed {
                Ok(info) => report(&format!("warta: {store} changed; {}", served(&info))),
                Err(error) => report(&format!(
                    "warta: {store} changed but cannot be opened yet ({error}); still serving the last view"
                )),
            })
            .context("cannot start following the store")?;
    }
    report(&format!("warta: SPARQL endpoint http://{address}/query; stop with Ctrl-C"));
    if !address.ip().is_loopback() {
        report("warta: listening beyond this machine: anyone who can reach it can read the store");
    }
    server.join().context("the server stopped")?;
    Ok(Outcome::Done)
}

/// What a view serves, for the log: `serving 5 articles (opened 07:55:02 UTC)`.
fn served(info: &warta::SnapshotInfo) -> String {
    let seconds = info
        .opened_at
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |since| since.as_secs());
    let (hours, minutes, seconds) = (seconds / 3600 % 24, seconds / 60 % 60, seconds % 60);
    format!(
        "serving {} articles (opened {hours:02}:{minutes:02}:{seconds:02} UTC)",
        info.articles
    )
}
