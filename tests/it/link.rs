//! `warta link`: the curator's to-do list of actors without a Wikidata link, accepting clear
//! candidates and hand links into `data/links.tsv`, and rebuilds that pick the links up.

use crate::util::{assert_exit, scratch, stderr, stdout, warta};

/// Articles naming a person in a spelling the gazetteer does not list (`Ilham Aliev`), a person
/// it lists without a Wikidata id (`Hakan Fidan`), and a ministry it synthesises.
fn build_articles(dir: &std::path::Path, store: &str, extra: &[&str]) {
    std::fs::write(
        dir.join("a1.txt"),
        "Menteri Luar Negeri Turki Hakan Fidan mengecam Israel. Presiden Azerbaijan Ilham Aliev mengecam Armenia. \
         Kementerian Luar Negeri Mesir mengecam serangan Israel.\n",
    )
    .unwrap();
    std::fs::write(
        dir.join("a2.txt"),
        "Presiden Azerbaijan Ilham Aliev mendesak Armenia untuk berunding.\n",
    )
    .unwrap();
    let mut args: Vec<&str> = extra.to_vec();
    args.extend(["build", "a1.txt", "a2.txt", "--store", store, "--quiet"]);
    assert_exit(&warta(dir, &args), 0);
}

fn ask(dir: &std::path::Path, store: &str, query: &str) -> bool {
    let output = warta(dir, &["query", "--store", store, "--format", "csv", query]);
    assert_exit(&output, 0);
    stdout(&output).trim() == "true"
}

#[test]
fn the_to_do_list_names_unlinked_actors_with_counts_and_candidates() {
    let dir = scratch();
    build_articles(dir.path(), "s.db", &[]);
    let output = warta(dir.path(), &["link", "--store", "s.db"]);
    assert_exit(&output, 0);
    let listing = stdout(&output);
    let row = |key: &str| {
        listing
            .lines()
            .find(|line| line.starts_with(&format!("{key} ")))
            .unwrap_or_else(|| panic!("{key} missing:\n{listing}"))
            .to_owned()
    };
    let aliev = row("ilham-aliev");
    assert!(aliev.contains(" 2 "), "two articles: {aliev}");
    assert!(aliev.contains("aliyev Q57371"), "{aliev}");
    assert!(row("fidan").contains(" 1 "));
    assert!(row("egypt-mfa").contains("organization"));
    // Linked actors are not on the list.
    assert!(!listing.lines().any(|line| line.starts_with("azerbaijan ")), "{listing}");
    // The most frequent come first.
    assert!(listing.lines().nth(2).unwrap().starts_with("ilham-aliev "), "{listing}");
}

#[test]
fn accepting_writes_clear_candidates_and_hand_links_to_the_file_and_the_store() {
    let dir = scratch();
    build_articles(dir.path(), "s.db", &[]);
    let accepted = warta(dir.path(), &["link", "--store", "s.db", "--accept"]);
    assert_exit(&accepted, 0);
    let links = std::fs::read_to_string(dir.path().join("data/links.tsv")).unwrap();
    assert!(
        links
            .lines()
            .any(|line| line.starts_with("ilham-aliev\tQ57371\tIlham Aliev\taliyev\t")),
        "{links}"
    );
    assert!(!links.contains("egypt-mfa"), "no clear candidate, no link: {links}");
    assert!(ask(dir.path(), "s.db", "ASK { actor:ilham-aliev owl:sameAs wd:Q57371 }"));

    let by_hand = warta(dir.path(), &["link", "--store", "s.db", "--set", "fidan=Q1606397"]);
    assert_exit(&by_hand, 0);
    let links = std::fs::read_to_string(dir.path().join("data/links.tsv")).unwrap();
    let keys: Vec<&str> = links.lines().skip(2).map(|line| line.split('\t').next().unwrap()).collect();
    assert_eq!(keys, ["fidan", "ilham-aliev"], "sorted, the earlier link kept");
    assert!(links.contains("fidan\tQ1606397\tHakan Fidan\t-\t-"), "{links}");

    // A store built afresh with the curated file carries the links from the start.
    build_articles(dir.path(), "fresh.db", &["--data", "data"]);
    assert!(ask(dir.path(), "fresh.db", "ASK { actor:ilham-aliev owl:sameAs wd:Q57371 }"));
    assert!(ask(dir.path(), "fresh.db", "ASK { actor:fidan owl:sameAs wd:Q1606397 }"));
    // And the gazetteer's own graph says so too, for the listed person.
    assert!(ask(
        dir.path(),
        "fresh.db",
        "ASK { GRAPH <https://w3id.org/warta/id/graph/reference> { actor:fidan owl:sameAs wd:Q1606397 } }"
    ));
}

#[test]
fn link_refuses_what_a_curator_did_not_mean() {
    let dir = scratch();
    build_articles(dir.path(), "s.db", &[]);
    let not_an_item = warta(dir.path(), &["link", "--store", "s.db", "--set", "fidan=P31"]);
    assert_exit(&not_an_item, 2);
    assert!(stderr(&not_an_item).contains("not a Wikidata item"), "{}", stderr(&not_an_item));
    let conflicting = warta(dir.path(), &["link", "--store", "s.db", "--set", "azerbaijan=Q1"]);
    assert_exit(&conflicting, 2);
    assert!(stderr(&conflicting).contains("Q227"), "{}", stderr(&conflicting));
    let keys_without_accept = warta(dir.path(), &["link", "--store", "s.db", "ilham-aliev"]);
    assert_exit(&keys_without_accept, 2);
    let unknown = warta(dir.path(), &["link", "--store", "s.db", "--accept", "atlantis"]);
    assert_exit(&unknown, 2);
    assert!(stderr(&unknown).contains("warta link"), "{}", stderr(&unknown));
    assert!(!dir.path().join("data/links.tsv").exists(), "nothing written on refusal");
    let missing = warta(dir.path(), &["link", "--store", "nowhere.db", "--accept"]);
    assert_exit(&missing, 2);
    assert!(!dir.path().join("nowhere.db").exists(), "no store created by accident");
}
