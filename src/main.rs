//! The `warta` command (its verbs arrive with the pipeline).

fn main() {}
