//! warta's integration tests: one binary, one module per topic (ripgrep's layout).
//! `util` runs the real `warta` binary in a temporary directory and builds the seeds once.

// A panic in a test or its harness is a failed test, not a crash on user input.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::print_stdout,
    reason = "test code"
)]

mod browser;
mod build;
mod cli;
mod clients;
mod dev_set;
mod link;
mod parquet;
mod protocol;
mod provenance;
mod push;
mod python;
mod readers;
mod robustness;
mod seeds;
mod serve;
mod shard;
mod source;
mod stemmer;
mod stock_queries;
mod util;
mod virtuoso;
