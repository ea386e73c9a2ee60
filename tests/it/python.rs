//! The Python package (`crates/warta-py`, `python/`) with its pytest tests, against this build's
//! binary: the same N-Quads and statements on the seeds, bad input, threads; and a store the
//! binary builds opened by stock Oxigraph (pyoxigraph).
//!
//! `.ci/run` installs the package (`pip install .`) and pytest into a virtual environment and
//! names its interpreter in `WARTA_PYTHON`; without it the test fails and says how to set it up.

use crate::util::root;

#[test]
fn the_python_package_writes_what_the_binary_writes() {
    let python = std::env::var("WARTA_PYTHON").unwrap_or_else(|_| "python3".to_owned());
    let output = std::process::Command::new(&python)
        .args(["-m", "pytest", "-q", "-p", "no:cacheprovider"])
        .arg(root().join("python/tests"))
        .env("WARTA_BIN", env!("CARGO_BIN_EXE_warta"))
        .current_dir(root())
        .output()
        .unwrap_or_else(|e| {
            panic!("cannot run {python} ({e}): run .ci/run, or set WARTA_PYTHON to a Python with `pip install . pytest` done")
        });
    assert!(
        output.status.success(),
        "pytest python/tests failed with {python} (`.ci/run` runs `pip install . pytest` into its venv; after a change to the \
         extraction, reinstall with `pip install .`)\n--- stdout\n{}\n--- stderr\n{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
}
