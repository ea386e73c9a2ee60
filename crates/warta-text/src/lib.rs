//! warta's extraction, without RDF or a store: Indonesian news articles in, statements out.
//! It builds in seconds, so the rules can be tested, benchmarked and fuzzed on their own.
//!
//! Modules, in the order data flows: `model` and `text` (shared types, Unicode folding),
//! `input` (articles), `lexicon` (the checked tables of `data/`), `pipeline` (the stages); `rows` flattens statements into a table; `shard` places an article in one part of a corpus split `n` ways; `synthetic` generates a corpus for benchmarks;
//! and `fuzz`, the fuzz targets over them, for `crates/warta-fuzz` and its corpus tests.

#[doc(hidden)]
pub mod fuzz;
pub mod input;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod rows;
pub mod shard;
pub mod synthetic;
pub mod text;
