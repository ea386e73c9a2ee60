//! How fast extraction is, alone (no RDF, no store), on a generated corpus:
//!
//!     cargo bench -p warta-text --bench extract            # 10,000 articles
//!     cargo bench -p warta-text --bench extract -- 50000   # or as many as you like
//!
//! The corpus is `warta_text::synthetic`'s, the same every run (and the one
//! `scripts/bench-scale.sh` builds stores from).

#![allow(clippy::print_stdout, clippy::expect_used, reason = "a benchmark that prints figures")]

use std::time::Instant;

use rayon::prelude::*;
use warta_text::input::Article;
use warta_text::lexicon::Lexicon;
use warta_text::synthetic::Corpus;

fn main() {
    let n_articles: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let lexicon = Lexicon::embedded().expect("the embedded lexicon loads");
    let articles: Vec<Article> = Corpus::new(&lexicon, n_articles).collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let megabytes = bytes as f64 / 1e6;
    println!("corpus: {n_articles} articles, {megabytes:.1} MB of text");

    let start = Instant::now();
    let (sentences, statements) = articles
        .iter()
        .map(|a| {
            let extraction = warta_text::pipeline::extract(a, &lexicon);
            (extraction.sentences.len(), extraction.statements.len())
        })
        .fold((0, 0), |(s, t), (ds, dt)| (s + ds, t + dt));
    let one = start.elapsed().as_secs_f64();
    println!(
        "1 thread:   {:>8.0} articles/s  {:>6.2} MB/s  {:>7.0} sentences/s  ({sentences} sentences, {statements} statements in {one:.2} s)",
        n_articles as f64 / one,
        megabytes / one,
        sentences as f64 / one
    );

    let threads = rayon::current_num_threads();
    let start = Instant::now();
    let parallel: usize = articles
        .par_iter()
        .map(|a| warta_text::pipeline::extract(a, &lexicon).statements.len())
        .sum();
    let all = start.elapsed().as_secs_f64();
    assert_eq!(parallel, statements, "extraction is deterministic");
    println!(
        "{threads} threads: {:>8.0} articles/s  {:>6.2} MB/s  {:>7.0} sentences/s  ({all:.2} s)",
        n_articles as f64 / all,
        megabytes / all,
        sentences as f64 / all
    );
}
