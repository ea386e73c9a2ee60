//! `warta serve` driven by the Python clients people use (SPARQLWrapper and rdflib), from
//! `tests/clients/python_clients.py`.
//!
//! `.ci/run` installs them from PyPI into a virtual environment and names its interpreter in
//! `WARTA_PYTHON` (default `python3`). Set `WARTA_SKIP_PYTHON_CLIENTS=1` to skip on a machine
//! without them.

use crate::serve::warta_serve;
use crate::util::{root, seeds_store};

#[test]
fn python_clients_read_the_endpoint() {
    if std::env::var_os("WARTA_SKIP_PYTHON_CLIENTS").is_some() {
        return;
    }
    let server = warta_serve(&["--store", seeds_store().to_str().unwrap(), "--max-rows", "5"]);
    let python = std::env::var("WARTA_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let output = std::process::Command::new(&python)
        .arg(root().join("tests/clients/python_clients.py"))
        .arg(&server.base)
        .output()
        .unwrap_or_else(|e| panic!("cannot run {python} ({e}): run .ci/run, or set WARTA_SKIP_PYTHON_CLIENTS=1"));
    assert!(
        output.status.success(),
        "{python} tests/clients/python_clients.py failed (`.ci/run` installs SPARQLWrapper and rdflib; WARTA_SKIP_PYTHON_CLIENTS=1 skips)\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
