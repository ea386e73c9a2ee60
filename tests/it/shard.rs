//! `warta extract --shard i/n`: n jobs over the same inputs write each article exactly once, and
//! together exactly what one job writes.

use std::collections::BTreeSet;

use crate::util::{scratch, seeds, stderr, stdout, warta};

fn line_set(text: &str) -> BTreeSet<String> {
    text.lines().map(str::to_owned).collect()
}

/// The article graphs named in N-Quads.
fn graphs(nquads: &str) -> BTreeSet<String> {
    nquads
        .lines()
        .filter_map(|line| line.strip_suffix(" ."))
        .filter_map(|line| line.rsplit_once(' ').map(|(_, graph)| graph.to_owned()))
        .filter(|graph| graph.starts_with("<https://w3id.org/warta/id/article/"))
        .collect()
}

#[test]
fn shards_partition_the_articles() {
    let dir = scratch();
    let seeds = seeds();
    let seeds = seeds.to_str().unwrap();
    let whole = warta(dir.path(), &["extract", seeds]);
    assert!(whole.status.success(), "{}", stderr(&whole));
    let whole = stdout(&whole);

    let parts: Vec<String> = (0..3)
        .map(|i| {
            let part = warta(dir.path(), &["extract", seeds, "--shard", &format!("{i}/3")]);
            assert!(part.status.success(), "{}", stderr(&part));
            stdout(&part)
        })
        .collect();
    let mut seen = BTreeSet::new();
    for part in &parts {
        for graph in graphs(part) {
            assert!(seen.insert(graph.clone()), "{graph} is in two shards");
        }
    }
    assert_eq!(seen, graphs(&whole), "every article is in one shard");
    // As sets: each shard describes the actors its articles name, the whole each actor once.
    assert_eq!(line_set(&parts.concat()), line_set(&whole), "the shards together are the whole");

    // The documented hash: 003 and 004 fall in part 0 of 3 (see `warta_text::shard`).
    assert_eq!(
        graphs(&parts[0]),
        BTreeSet::from([
            "<https://w3id.org/warta/id/article/003_1951e7f89d5cb1da>".to_owned(),
            "<https://w3id.org/warta/id/article/004_7b54c82ff4f6f653>".to_owned(),
        ])
    );
}

#[test]
fn a_bad_shard_says_how_to_write_one() {
    let dir = scratch();
    let output = warta(dir.path(), &["extract", "-", "--shard", "3/3"]);
    assert_eq!(output.status.code(), Some(2), "{}", stderr(&output));
    assert!(
        stderr(&output).contains("write the shard as i/n with 0 <= i < n"),
        "{}",
        stderr(&output)
    );
}
