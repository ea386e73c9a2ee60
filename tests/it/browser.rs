//! The page in a real browser: Debian's headless Chromium driven over WebDriver (chromedriver)
//! loads the page, runs a stock query, sees its rows and its graph, and opens an actor page.
//!
//! `.ci/run` installs `chromium` and `chromium-driver`. Set `WARTA_SKIP_BROWSER=1` to skip on a
//! machine without them, and `WARTA_SCREENSHOT=docs/screenshot.png` to refresh the README's
//! picture of the page.

use std::net::{TcpListener, TcpStream};
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use fantoccini::{Client, ClientBuilder, Locator};
use hyper_util::client::legacy::connect::HttpConnector;

/// A chromedriver process, stopped when dropped.
struct Chromedriver {
    child: Child,
    port: u16,
}

impl Drop for Chromedriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn start_chromedriver() -> Chromedriver {
    let port = TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port();
    let child = Command::new("chromedriver")
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!("cannot start chromedriver ({e}): install it with `sudo apt-get install chromium chromium-driver`, or set WARTA_SKIP_BROWSER=1")
        });
    let driver = Chromedriver { child, port };
    let deadline = Instant::now() + Duration::from_secs(30);
    while TcpStream::connect(("127.0.0.1", port)).is_err() {
        assert!(Instant::now() < deadline, "chromedriver did not listen on port {port} within 30 s");
        std::thread::sleep(Duration::from_millis(100));
    }
    driver
}

async fn headless_chromium(driver: &Chromedriver) -> Client {
    let mut options = serde_json::json!({
        "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--window-size=1400,1000"]
    });
    if std::path::Path::new("/usr/bin/chromium").exists() {
        options["binary"] = serde_json::Value::from("/usr/bin/chromium");
    }
    let mut capabilities = serde_json::Map::new();
    capabilities.insert("goog:chromeOptions".to_owned(), options);
    ClientBuilder::new(HttpConnector::new())
        .capabilities(capabilities)
        .connect(&format!("http://127.0.0.1:{}", driver.port))
        .await
        .expect("chromedriver starts a headless Chromium")
}

/// The text of the first element `css` selects, as the page's DOM has it.
async fn text_of(client: &Client, css: &str) -> String {
    let script = "const e = document.querySelector(arguments[0]); return e ? e.textContent : null;";
    let value = client.execute(script, vec![serde_json::Value::from(css)]).await.unwrap();
    value.as_str().unwrap_or_else(|| panic!("nothing matches {css}")).to_owned()
}

#[tokio::test(flavor = "multi_thread")]
async fn the_page_runs_a_stock_query_draws_its_graph_and_opens_an_actor() {
    if std::env::var_os("WARTA_SKIP_BROWSER").is_some() {
        println!("browser test skipped: WARTA_SKIP_BROWSER is set");
        return;
    }
    let base = crate::serve::seeds_server(|_| {});
    let driver = start_chromedriver();
    let client = headless_chromium(&driver).await;

    client.goto(&format!("{base}/")).await.unwrap();
    client
        .wait()
        .for_element(Locator::Css("#stock option[value='who-urged-whom']"))
        .await
        .unwrap();
    client
        .find(Locator::Id("stock"))
        .await
        .unwrap()
        .select_by_value("who-urged-whom")
        .await
        .unwrap();
    let editor = client
        .execute("return document.getElementById('query').value", vec![])
        .await
        .unwrap();
    assert!(
        editor.as_str().unwrap().contains("warta:urges"),
        "the stock query is in the editor: {editor}"
    );

    client.find(Locator::Id("run")).await.unwrap().click().await.unwrap();
    client.wait().for_element(Locator::Css("#result-table tbody tr")).await.unwrap();
    let rows = client.find_all(Locator::Css("#result-table tbody tr")).await.unwrap();
    assert!(rows.len() >= 3, "{} rows", rows.len());
    let table = text_of(&client, "#result-table").await;
    assert!(table.contains("Azerbaijan") && table.contains("Armenia"), "{table}");
    assert!(text_of(&client, "#status").await.contains("rows"));

    client.wait().for_element(Locator::Css("#graph svg")).await.unwrap();
    // The page first draws the most active actors with every relation; wait until the query's
    // picture (urging alone) has replaced it, or the links clicked below go stale.
    let started = std::time::Instant::now();
    let mut picture = text_of(&client, "#graph svg").await;
    while picture.contains("condemns") && started.elapsed() < std::time::Duration::from_secs(30) {
        tokio::time::sleep(std::time::Duration::from_millis(100)).await;
        picture = text_of(&client, "#graph svg").await;
    }
    assert!(picture.contains("Azerbaijan") && picture.contains("urges"), "{picture}");
    assert!(!picture.contains("condemns"), "the query's picture draws urging alone: {picture}");
    let screenshot = client.screenshot().await.unwrap();
    assert!(screenshot.starts_with(b"\x89PNG"));
    std::fs::write(
        std::path::Path::new(env!("CARGO_TARGET_TMPDIR")).join("warta-page.png"),
        &screenshot,
    )
    .unwrap();
    if let Some(path) = std::env::var_os("WARTA_SCREENSHOT") {
        std::fs::write(path, &screenshot).unwrap();
    }

    // Each actor in the picture links to its page.
    let node = "//*[local-name()='a'][@*[local-name()='href']='/actor/azerbaijan']";
    client.find(Locator::XPath(node)).await.unwrap().click().await.unwrap();
    client.wait().for_element(Locator::Id("actor-label")).await.unwrap();
    assert!(client.current_url().await.unwrap().path().ends_with("/actor/azerbaijan"));
    assert_eq!(text_of(&client, "#actor-label").await, "Azerbaijan");
    assert!(text_of(&client, "a.wikidata").await.contains("Q227"));
    let received = client.find_all(Locator::Css("#receives tbody tr")).await.unwrap();
    assert!(received.len() >= 5, "{} stances received", received.len());

    client.close().await.unwrap();
}
