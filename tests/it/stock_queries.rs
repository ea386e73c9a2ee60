//! Every stock query of `queries/` runs on the seeds and answers its question.

use crate::util::*;

/// The TSV rows of stock query `name` on the seeds store.
fn rows(name: &str) -> Vec<Vec<String>> {
    let dir = scratch();
    let output = warta(
        dir.path(),
        &[
            "query",
            "--store",
            seeds_store().to_str().unwrap(),
            "--format",
            "tsv",
            "--name",
            name,
        ],
    );
    assert_exit(&output, 0);
    tsv_rows(&stdout(&output))
}

fn has(rows: &[Vec<String>], expected: &[&str]) -> bool {
    rows.iter()
        .any(|row| row.iter().map(String::as_str).collect::<Vec<_>>() == expected)
}

#[test]
fn every_stock_query_states_its_question() {
    let dir = scratch();
    let output = warta(dir.path(), &["query", "--list"]);
    assert_exit(&output, 0);
    let listed = stderr(&output);
    assert!(warta::STOCK_QUERIES.len() >= 8);
    for (name, text) in warta::STOCK_QUERIES {
        let question = warta::stock_query_question(text);
        assert!(question.ends_with('?'), "{name} opens with its question: {question:?}");
        assert!(listed.contains(name), "--list shows {name}");
    }
    let on_disk = std::fs::read_dir(root().join("queries")).unwrap().count();
    assert_eq!(on_disk, warta::STOCK_QUERIES.len(), "every file of queries/ is embedded");
}

#[test]
fn who_urged_whom_counts_articles() {
    let rows = rows("who-urged-whom");
    assert!(has(&rows, &["Antonio Guterres", "Armenia", "2"]), "{rows:?}");
    assert!(has(&rows, &["Kementerian Luar Negeri Rusia", "Azerbaijan", "2"]));
    assert!(has(&rows, &["Ilham Aliyev", "Emmanuel Macron", "1"]));
    assert!(
        has(&rows, &["Joe Biden", "Amerika Serikat", "1"]),
        "pemerintahan Trump is the United States"
    );
}

#[test]
fn supporters_of_azerbaijan() {
    let supporters: std::collections::BTreeSet<String> = rows("supporters-of").into_iter().map(|r| r[0].clone()).collect();
    let expected = [
        "Kementerian Luar Negeri Pakistan",
        "Kementerian Luar Negeri Turki",
        "Recep Tayyip Erdogan",
        "Turki",
    ];
    assert_eq!(supporters, expected.iter().map(|s| (*s).to_owned()).collect());
}

#[test]
fn actors_that_urged_and_disapproved_of_the_same_party() {
    let rows = rows("urged-and-condemned");
    assert!(
        has(&rows, &["Ilham Aliyev", "Emmanuel Macron"]),
        "urged to give proof, then criticised: {rows:?}"
    );
    assert!(has(&rows, &["Departemen Luar Negeri Amerika Serikat", "Armenia"]));
    assert!(has(&rows, &["Armenia", "Rusia"]));
}

#[test]
fn statements_come_with_their_sentence() {
    let rows = rows("statements-with-sentences");
    let colonna = rows
        .iter()
        .find(|r| r[1] == "Catherine Colonna" && r[2] == "accuses")
        .expect("Colonna accuses Azerbaijan");
    assert_eq!(colonna[3], "Azerbaijan");
    assert_eq!(colonna[4], "bertanggung jawab");
    assert!(colonna[7].contains("Kami menganggap Azerbaijan bertanggung jawab"), "{colonna:?}");
    let iran = rows
        .iter()
        .find(|r| r[1] == "Iran" && r[2] == "mediates")
        .expect("Iran offers to mediate");
    assert_eq!(iran[5], "announced", "menawarkan diri is an announced act");
}

#[test]
fn actors_by_number_of_stances() {
    let rows = rows("actors-by-stances");
    let count = |actor: &str| rows.iter().find(|r| r[0] == actor).map(|r| r[1].parse::<usize>().unwrap());
    assert_eq!(
        count("Antonio Guterres"),
        Some(6),
        "urges both sides in two articles, talks with both leaders: {rows:?}"
    );
    assert_eq!(count("Heiko Maas"), Some(2));
    let numbers: Vec<usize> = rows.iter().map(|r| r[1].parse().unwrap()).collect();
    assert!(numbers.windows(2).all(|w| w[0] >= w[1]), "sorted by stances");
}

#[test]
fn actors_not_linked_to_wikidata() {
    let rows = rows("unlinked-actors");
    let labels: Vec<&str> = rows.iter().map(|r| r[1].as_str()).collect();
    assert!(
        labels.contains(&"Kementerian Luar Negeri Armenia") && labels.contains(&"Ibrahim Kalin"),
        "{labels:?}"
    );
    assert!(
        !labels.contains(&"Armenia") && !labels.contains(&"Antonio Guterres"),
        "linked actors are not listed"
    );
}

#[test]
fn stances_by_family_follow_the_vocabulary() {
    let rows = rows("stances-by-family");
    assert!(has(&rows, &["Heiko Maas", "appeal", "2"]), "{rows:?}");
    assert!(has(&rows, &["Catherine Colonna", "disapprove", "2"]));
    assert!(rows.iter().all(|r| ["appeal", "cooperate", "disapprove"].contains(&r[1].as_str())));
}

#[test]
fn mediators_and_their_parties() {
    let rows = rows("mediators");
    assert!(has(&rows, &["Iran", "Armenia, Azerbaijan"]), "{rows:?}");
    assert!(has(&rows, &["Rusia", "Armenia, Azerbaijan"]));
}

#[test]
fn affiliations_as_stated() {
    let rows = rows("affiliations");
    assert!(has(&rows, &["Joe Biden", "Partai Demokrat AS"]), "{rows:?}");
    assert!(has(&rows, &["Ibrahim Kalin", "Turki"]), "juru bicara Erdogan works for Turkey");
    assert!(
        has(&rows, &["Stephane Dujarric", "Perserikatan Bangsa-Bangsa"]),
        "juru bicara Guterres works for the UN"
    );
}

#[test]
fn stances_join_iso_codes_from_the_reference_graph() {
    let rows = rows("stances-with-iso-codes");
    assert!(has(&rows, &["TUR", "allyOf", "AZE"]), "{rows:?}");
    assert!(has(&rows, &["DEU", "accuses", "AZE"]));
}

#[test]
fn scored_triples_carry_wikidata_ids() {
    let rows = rows("scored-triples");
    assert!(
        rows.iter()
            .any(|r| r[1] == "supports" && r[3] == "http://www.wikidata.org/entity/Q43" && r[6] == "http://www.wikidata.org/entity/Q227"),
        "Turkey supports Azerbaijan"
    );
}
