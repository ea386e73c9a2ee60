//! `warta push` into Virtuoso Open Source, the store the issue names for graphs too big for one
//! machine: the test starts Debian's `virtuoso-t` on loopback with a database and ports of its
//! own, pushes the seeds as user `dba` (HTTP Digest, Virtuoso's `-auth` endpoints) with the
//! descriptions in a named graph (Virtuoso's default graph is the union of all its graphs), asks
//! every stock question there with that graph as the default one, and gets the answers
//! `warta query` gives on the store `warta build` makes of the same seeds; pushing again doubles
//! nothing.
//!
//! `.ci/run` installs `virtuoso-opensource`. Set `WARTA_VIRTUOSO` to run another `virtuoso-t`,
//! or `WARTA_SKIP_VIRTUOSO=1` to skip on a machine without it.

use std::collections::BTreeMap;
use std::net::{TcpListener, TcpStream};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use oxhttp::model::StatusCode;
use serde_json::Value;

use crate::serve::{encode, get};
use crate::util::{assert_exit, scratch, seeds, seeds_store, stderr, stdout, warta};

/// The named graph that stands for warta's default graph in Virtuoso.
const DEFAULT_GRAPH: &str = "https://w3id.org/warta/id/graph/default";

/// A `virtuoso-t` on loopback over a database in its own directory, stopped when dropped.
struct Virtuoso {
    child: Child,
    base: String,
    dir: tempfile::TempDir,
}

impl Drop for Virtuoso {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

impl Virtuoso {
    fn log(&self) -> String {
        std::fs::read_to_string(self.dir.path().join("virtuoso.log")).unwrap_or_default()
    }
}

fn start_virtuoso() -> Virtuoso {
    let program = std::env::var("WARTA_VIRTUOSO").unwrap_or_else(|_| "virtuoso-t".to_owned());
    let dir = scratch();
    // Two free ports, both held until both are known so that they differ.
    let (sql, http) = (TcpListener::bind("127.0.0.1:0").unwrap(), TcpListener::bind("127.0.0.1:0").unwrap());
    let (sql_port, http_port) = (sql.local_addr().unwrap().port(), http.local_addr().unwrap().port());
    drop((sql, http));
    let path = dir.path().to_str().unwrap();
    // The least Virtuoso starts with: the database files here, both servers on loopback, results
    // unlimited (its default of 10 000 rows would cut an answer short without an error).
    let ini = format!(
        "[Database]\n\
         DatabaseFile = {path}/virtuoso.db\n\
         ErrorLogFile = {path}/virtuoso.log\n\
         LockFile = {path}/virtuoso.lck\n\
         TransactionFile = {path}/virtuoso.trx\n\
         xa_persistent_file = {path}/virtuoso.pxa\n\
         [TempDatabase]\n\
         DatabaseFile = {path}/virtuoso-temp.db\n\
         TransactionFile = {path}/virtuoso-temp.trx\n\
         [Parameters]\n\
         ServerPort = 127.0.0.1:{sql_port}\n\
         DisableUnixSocket = 1\n\
         NumberOfBuffers = 10000\n\
         MaxDirtyBuffers = 6000\n\
         DirsAllowed = {path}\n\
         [HTTPServer]\n\
         ServerPort = 127.0.0.1:{http_port}\n\
         ServerRoot = {path}\n\
         ServerThreads = 10\n\
         [SPARQL]\n\
         ResultSetMaxRows = 1000000\n\
         MaxQueryExecutionTime = 600\n"
    );
    let ini_path = dir.path().join("virtuoso.ini");
    std::fs::write(&ini_path, ini).unwrap();
    let child = Command::new(&program)
        .args(["+foreground", "+configfile"])
        .arg(&ini_path)
        .current_dir(dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap_or_else(|e| {
            panic!(
                "cannot start {program} ({e}): install Virtuoso with `sudo apt-get install virtuoso-opensource` (or run .ci/run), \
                 set WARTA_VIRTUOSO to its virtuoso-t, or WARTA_SKIP_VIRTUOSO=1 to skip"
            )
        });
    let mut virtuoso = Virtuoso {
        child,
        base: format!("http://127.0.0.1:{http_port}"),
        dir,
    };
    // A new database takes some seconds to create; the SPARQL endpoint answers once it is ready.
    let deadline = Instant::now() + Duration::from_secs(180);
    let ready = format!("{}/sparql?query={}", virtuoso.base, encode("ASK {}"));
    loop {
        if let Ok(Some(status)) = virtuoso.child.try_wait() {
            panic!("{program} ended ({status}) before serving\n--- its log\n{}", virtuoso.log());
        }
        if TcpStream::connect(("127.0.0.1", http_port)).is_ok() && get(&ready, "application/sparql-results+json").status == StatusCode::OK {
            return virtuoso;
        }
        assert!(
            Instant::now() < deadline,
            "{program} did not answer on {} within 180 s\n--- its log\n{}",
            virtuoso.base,
            virtuoso.log()
        );
        std::thread::sleep(Duration::from_millis(250));
    }
}

/// One term of a SPARQL JSON result, in one spelling whatever the store: `<iri>`, or the
/// literal's lexical form with its language (lower case, as tags are case-insensitive) or its
/// datatype (none for `xsd:string`, which RDF 1.1 makes the same as a simple literal).
fn term(value: &Value) -> String {
    let text = value["value"].as_str().unwrap();
    match value["type"].as_str().unwrap() {
        "uri" => format!("<{text}>"),
        "bnode" => "_:".to_owned(),
        // SPARQL 1.0's JSON results, which Virtuoso still writes, say "typed-literal".
        "literal" | "typed-literal" => match (value.get("xml:lang"), value.get("datatype").and_then(Value::as_str)) {
            (Some(lang), _) => format!("{text:?}@{}", lang.as_str().unwrap().to_lowercase()),
            (None, None | Some("http://www.w3.org/2001/XMLSchema#string")) => format!("{text:?}"),
            (None, Some(datatype)) => format!("{text:?}^^<{datatype}>"),
        },
        other => panic!("a term of type {other}: {value}"),
    }
}

/// The variables and the rows of a SPARQL JSON result, rows sorted: the order `ORDER BY` gives
/// ties is the store's to choose. So are, for the `concatenated` variables (`GROUP_CONCAT`s), the
/// order of the parts and the language of the whole (Oxigraph keeps the tag its parts share,
/// Virtuoso gives a simple literal): their parts are compared, sorted.
fn answer(json: &str, concatenated: &[&str]) -> (Vec<String>, Vec<BTreeMap<String, String>>) {
    let json: Value = serde_json::from_str(json).unwrap_or_else(|e| panic!("not SPARQL JSON ({e}): {json}"));
    let vars = json["head"]["vars"]
        .as_array()
        .unwrap()
        .iter()
        .map(|v| v.as_str().unwrap().to_owned())
        .collect();
    let mut rows: Vec<BTreeMap<String, String>> = json["results"]["bindings"]
        .as_array()
        .unwrap()
        .iter()
        .map(|row| {
            row.as_object()
                .unwrap()
                .iter()
                .map(|(var, value)| {
                    if concatenated.contains(&var.as_str()) {
                        let mut parts: Vec<&str> = value["value"].as_str().unwrap().split(", ").collect();
                        parts.sort_unstable();
                        return (var.clone(), format!("{:?}", parts.join(", ")));
                    }
                    (var.clone(), term(value))
                })
                .collect()
        })
        .collect();
    rows.sort();
    (vars, rows)
}

/// `warta query --format json` on the store `warta build` made of the seeds.
fn local_json(dir: &Path, query: &[&str]) -> String {
    let mut args = vec!["query", "--store", seeds_store().to_str().unwrap(), "--format", "json"];
    args.extend_from_slice(query);
    let output = warta(dir, &args);
    assert_exit(&output, 0);
    stdout(&output)
}

/// Virtuoso's SPARQL JSON answer, with `default_graph` as the default graph when given.
fn virtuoso_json(virtuoso: &Virtuoso, query: &str, default_graph: Option<&str>) -> String {
    let mut url = format!("{}/sparql?query={}", virtuoso.base, encode(query));
    if let Some(graph) = default_graph {
        url.push_str(&format!("&default-graph-uri={}", encode(graph)));
    }
    let reply = get(&url, "application/sparql-results+json");
    assert_eq!(reply.status, StatusCode::OK, "{query}\n{}", reply.body);
    reply.body
}

/// warta's quads: the default graph and every named graph of the local store; in Virtuoso, the
/// graphs under warta's namespace (the one standing for the default graph among them), and not
/// Virtuoso's own.
fn quad_counts(dir: &Path, virtuoso: &Virtuoso) -> (String, String) {
    // The content hashes are the build's record of what it has read (`warta:contentHash`), not
    // something push sends.
    let local = "SELECT (COUNT(*) AS ?n) WHERE { { ?s ?p ?o FILTER(?p != warta:contentHash) } UNION { GRAPH ?g { ?s ?p ?o } } }";
    let remote = "SELECT (COUNT(*) AS ?n) WHERE { GRAPH ?g { ?s ?p ?o } FILTER(STRSTARTS(STR(?g), \"https://w3id.org/warta/\")) }";
    let count = |json: &str| answer(json, &[]).1[0]["n"].clone();
    (count(&local_json(dir, &[local])), count(&virtuoso_json(virtuoso, remote, None)))
}

#[test]
fn virtuoso_answers_the_stock_questions_as_the_built_store() {
    if std::env::var_os("WARTA_SKIP_VIRTUOSO").is_some() {
        return;
    }
    let virtuoso = start_virtuoso();
    let dir = scratch();
    let password_file = dir.path().join("password");
    // A new Virtuoso database's administrator: dba, password dba.
    std::fs::write(&password_file, "dba\n").unwrap();
    let seeds = seeds();
    let graph_store = format!("{}/sparql-graph-crud-auth", virtuoso.base);
    let update = format!("{}/sparql-auth", virtuoso.base);
    let push = || {
        warta(
            dir.path(),
            &[
                "push",
                seeds.to_str().unwrap(),
                "--endpoint",
                &graph_store,
                "--update",
                &update,
                "--user",
                "dba",
                "--password-file",
                password_file.to_str().unwrap(),
                "--default-graph",
                DEFAULT_GRAPH,
                "--batch",
                "2",
            ],
        )
    };

    let first = push();
    assert_exit(&first, 0);
    assert!(stderr(&first).contains("warta: pushed 5 articles"), "{}", stderr(&first));

    let mut differing = Vec::new();
    for (name, text) in warta::STOCK_QUERIES {
        let concatenated: &[&str] = if name == "mediators" { &["parties"] } else { &[] };
        let local = answer(&local_json(dir.path(), &["--name", name]), concatenated);
        let remote = answer(&virtuoso_json(&virtuoso, text, Some(DEFAULT_GRAPH)), concatenated);
        assert!(!local.1.is_empty(), "{name}: the seeds answer it");
        if local != remote {
            differing.push(format!("{name}:\n  warta query: {local:?}\n  Virtuoso:    {remote:?}"));
        }
    }
    assert!(
        differing.is_empty(),
        "Virtuoso answers otherwise than warta query:\n{}",
        differing.join("\n")
    );

    let (local, before) = quad_counts(dir.path(), &virtuoso);
    assert_eq!(before, local, "Virtuoso holds the quads of the built store");
    let again = push();
    assert_exit(&again, 0);
    assert_eq!(quad_counts(dir.path(), &virtuoso).1, before, "pushing again doubles nothing");
}
