//! Every stock query of `queries/` runs on the seeds and answers its question.

use crate::util::*;

/// The TSV rows of stock query `name` on the seeds store.
fn rows(name: &str) -> Vec<Vec<String>> {
    run(&["--name", name])
}

/// The TSV rows of `warta query` with `args` on the seeds store.
fn run(args: &[&str]) -> Vec<Vec<String>> {
    let dir = scratch();
    let store = seeds_store().to_str().unwrap().to_owned();
    let mut all = vec!["query", "--store", store.as_str(), "--format", "tsv"];
    all.extend_from_slice(args);
    let output = warta(dir.path(), &all);
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
    let rows: Vec<Vec<String>> = rows("urged-and-condemned").into_iter().map(|row| row[..2].to_vec()).collect();
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
fn stances_by_family_count_the_families_of_the_vocabulary() {
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
    let rows: Vec<Vec<String>> = rows("affiliations").into_iter().map(|row| row[..2].to_vec()).collect();
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

/// The questions as they were asked before the summary graph, of the article graphs themselves
/// (each article joined with each article, at a cost that grows with their square): the summary
/// must give the same answers.
const FROM_THE_ARTICLE_GRAPHS: [(&str, &str); 8] = [
    (
        "urged-and-condemned",
        r##"# Which actors both urged and disapproved of (condemned, criticised, accused or warned) the same party?
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?party ?urged ?disapproved WHERE {
  { SELECT ?s ?o (COUNT(DISTINCT ?a1) AS ?urged) WHERE {
      ?a1 a warta:Article .
      GRAPH ?a1 { ?s warta:urges ?o }
  } GROUP BY ?s ?o }
  # Each disapproving triple counted once per article, summed over the four relations.
  { SELECT ?s ?o (COUNT(DISTINCT CONCAT(STR(?a2), " ", STR(?disapproval))) AS ?disapproved) WHERE {
      ?a2 a warta:Article .
      GRAPH ?a2 { ?s ?disapproval ?o }
      VALUES ?disapproval { warta:condemns warta:criticizes warta:accuses warta:warns }
  } GROUP BY ?s ?o }
  ?s rdfs:label ?actor . FILTER(LANG(?actor) = "id")
  ?o rdfs:label ?party . FILTER(LANG(?party) = "id")
}
ORDER BY ?actor ?party
"##,
    ),
    (
        "who-urged-whom",
        r##"# Who urged whom, and in how many articles?
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?party (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?article a warta:Article .
  GRAPH ?article { ?a warta:urges ?p }
  ?a rdfs:label ?actor . FILTER(LANG(?actor) = "id")
  ?p rdfs:label ?party . FILTER(LANG(?party) = "id")
}
GROUP BY ?actor ?party
ORDER BY DESC(?articles) ?actor ?party
"##,
    ),
    (
        "actors-by-stances",
        r##"# Which actors take the most stances (affiliations excluded), counted once per article?
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor (COUNT(*) AS ?stances) WHERE {
  { SELECT DISTINCT ?article ?s ?p ?o WHERE {
      ?article a warta:Article .
      GRAPH ?article { ?s ?p ?o }
      VALUES ?p { warta:urges warta:supports warta:condemns warta:criticizes warta:accuses
                  warta:warns warta:mediates warta:talksWith warta:allyOf }
  } }
  ?s rdfs:label ?actor . FILTER(LANG(?actor) = "id")
}
GROUP BY ?actor
ORDER BY DESC(?stances) ?actor
"##,
    ),
    (
        "unlinked-actors",
        r##"# Which actors found in the articles are not yet linked to Wikidata, and in how many articles do they appear?
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX owl: <http://www.w3.org/2002/07/owl#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?label (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?actor a warta:Actor ; rdfs:label ?label . FILTER(LANG(?label) = "id")
  FILTER NOT EXISTS { ?actor owl:sameAs ?item }
  ?article a warta:Article .
  GRAPH ?article { { ?actor ?p ?other } UNION { ?other ?p ?actor } }
}
GROUP BY ?actor ?label
ORDER BY DESC(?articles) ?label
"##,
    ),
    (
        "stances-by-family",
        r##"# How many stances of each family (appeal, cooperate, disapprove) does each actor take, by the vocabulary graph?
# (The graph is named by VALUES rather than GRAPH <iri>, which Virtuoso, asked with a default graph, finds empty.)
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?actor ?family (COUNT(*) AS ?stances) WHERE {
  ?article a warta:Article .
  GRAPH ?article { ?s ?p ?o }
  VALUES ?vocabulary { <https://w3id.org/warta/id/graph/vocabulary> }
  GRAPH ?vocabulary { ?p rdfs:subPropertyOf ?f . ?f rdfs:subPropertyOf warta:stance }
  BIND(STRAFTER(STR(?f), "#") AS ?family)
  ?s rdfs:label ?actor . FILTER(LANG(?actor) = "id")
}
GROUP BY ?actor ?family
ORDER BY ?actor ?family
"##,
    ),
    (
        "mediators",
        r##"# Who mediated, or offered to mediate, between which parties?
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?mediator (GROUP_CONCAT(DISTINCT ?party; separator=", ") AS ?parties) WHERE {
  ?article a warta:Article .
  GRAPH ?article { ?m warta:mediates ?p }
  ?m rdfs:label ?mediator . FILTER(LANG(?mediator) = "id")
  ?p rdfs:label ?party . FILTER(LANG(?party) = "id")
}
GROUP BY ?mediator
ORDER BY ?mediator
"##,
    ),
    (
        "affiliations",
        r##"# Which persons hold a post in which country or organisation, as the articles state it?
PREFIX warta: <https://w3id.org/warta/ns#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
SELECT ?person ?organisation (COUNT(DISTINCT ?article) AS ?articles) WHERE {
  ?article a warta:Article .
  GRAPH ?article { ?p warta:affiliatedWith ?o }
  ?p rdfs:label ?person . FILTER(LANG(?person) = "id")
  ?o rdfs:label ?organisation . FILTER(LANG(?organisation) = "id")
}
GROUP BY ?person ?organisation
ORDER BY DESC(?articles) ?person ?organisation
"##,
    ),
    (
        "stances-with-iso-codes",
        r##"# Which stances do countries take toward countries, by ISO 3166 code from the reference graph (to join with GDELT or ICEWS)?
# (The graph is named by VALUES rather than GRAPH <iri>, which Virtuoso, asked with a default graph, finds empty.)
PREFIX warta: <https://w3id.org/warta/ns#>
SELECT DISTINCT ?source ?relation ?target WHERE {
  ?article a warta:Article .
  GRAPH ?article { ?s ?p ?o }
  VALUES ?reference { <https://w3id.org/warta/id/graph/reference> }
  GRAPH ?reference {
    ?s warta:iso3166Alpha3 ?source .
    ?o warta:iso3166Alpha3 ?target .
  }
  BIND(STRAFTER(STR(?p), "#") AS ?relation)
}
ORDER BY ?source ?relation ?target
"##,
    ),
];

#[test]
fn the_summary_answers_as_the_article_graphs_do() {
    for (name, from_articles) in FROM_THE_ARTICLE_GRAPHS {
        let mut expected = run(&[from_articles]);
        let mut got = run(&["--name", name, "--all"]);
        expected.sort();
        got.sort();
        assert!(!got.is_empty(), "{name} answers on the seeds");
        assert_eq!(got, expected, "{name}");
    }
}

#[test]
fn a_paged_question_gives_every_row_with_all() {
    let paged = run(&["--name", "statements-with-sentences"]);
    let every = run(&["--name", "statements-with-sentences", "--all"]);
    assert_eq!(paged.len(), every.len(), "the seeds are fewer than a page");
    let limited = "SELECT ?doc WHERE { ?article a warta:Article ; dcterms:identifier ?doc } ORDER BY ?doc LIMIT 2";
    assert_eq!(run(&[limited]).len(), 2);
    assert_eq!(run(&["--all", limited]).len(), 5, "every seed article");
    let scored = run(&["--name", "scored-triples"]);
    assert!(scored.len() > 20, "a dump runs by name");
}
