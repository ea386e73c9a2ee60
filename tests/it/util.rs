//! The harness: a temporary directory per test, the real binary, the seeds built once.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::sync::OnceLock;

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

pub fn seeds() -> PathBuf {
    root().join("seeds")
}

pub fn fixture(name: &str) -> PathBuf {
    root().join("tests/fixtures").join(name)
}

/// A scratch directory removed when the test ends.
pub fn scratch() -> tempfile::TempDir {
    tempfile::tempdir().expect("a temporary directory")
}

/// Runs `warta` with `args` in `dir`.
pub fn warta(dir: &Path, args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(dir)
        .output()
        .expect("warta runs")
}

/// Runs `warta` with `stdin` as standard input.
pub fn warta_with_input(dir: &Path, args: &[&str], stdin: &str) -> Output {
    use std::io::Write;
    let mut child = Command::new(env!("CARGO_BIN_EXE_warta"))
        .args(args)
        .current_dir(dir)
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("warta runs");
    child
        .stdin
        .take()
        .expect("stdin")
        .write_all(stdin.as_bytes())
        .expect("stdin written");
    child.wait_with_output().expect("warta ends")
}

pub fn stdout(output: &Output) -> String {
    String::from_utf8_lossy(&output.stdout).into_owned()
}

pub fn stderr(output: &Output) -> String {
    String::from_utf8_lossy(&output.stderr).into_owned()
}

/// Asserts the exit code, showing both streams when it differs.
#[track_caller]
pub fn assert_exit(output: &Output, code: i32) {
    assert_eq!(
        output.status.code(),
        Some(code),
        "\n--- stdout\n{}\n--- stderr\n{}",
        stdout(output),
        stderr(output)
    );
}

/// A store built from the seeds by the real binary, shared by the tests that only read it.
pub fn seeds_store() -> &'static Path {
    static STORE: OnceLock<(tempfile::TempDir, PathBuf)> = OnceLock::new();
    let (_, path) = STORE.get_or_init(|| {
        let dir = scratch();
        let path = build_seeds_in(dir.path());
        (dir, path)
    });
    path
}

/// Builds the seeds with the real binary into `seeds.db` under `dir`, for a test that changes
/// the store (one that only reads it takes [`seeds_store`]).
pub fn build_seeds_in(dir: &Path) -> PathBuf {
    let path = dir.join("seeds.db");
    let output = warta(
        dir,
        &[
            "build",
            seeds().to_str().expect("utf-8 path"),
            "--store",
            path.to_str().expect("utf-8 path"),
            "--quiet",
        ],
    );
    assert_exit(&output, 0);
    path
}

/// The rows of a TSV result, values unquoted: `"Armenia"@id` → `Armenia`, `<iri>` → `iri`.
pub fn tsv_rows(tsv: &str) -> Vec<Vec<String>> {
    tsv.lines()
        .skip(1)
        .map(|line| {
            line.split('\t')
                .map(|cell| {
                    let cell = cell.trim();
                    if let Some(iri) = cell.strip_prefix('<').and_then(|c| c.strip_suffix('>')) {
                        return iri.to_owned();
                    }
                    match cell.strip_prefix('"').and_then(|c| c.rsplit_once('"')) {
                        Some((value, _)) => value.to_owned(),
                        None => cell.to_owned(),
                    }
                })
                .collect()
        })
        .collect()
}
