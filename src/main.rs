//! The `warta` command: see `warta --help`.

mod cli;

fn main() -> std::process::ExitCode {
    cli::main()
}
