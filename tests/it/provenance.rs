//! What a statement carries besides its triple: date, modality, confidence, sentence offsets,
//! in the extraction and on the provenance node of the store.

use crate::util::*;

fn extract(text: &str, date: Option<&str>) -> warta::Extraction {
    let lexicon = warta::Lexicon::embedded().unwrap();
    let mut article = warta::Article::from_text(warta::ArticleId::new("p").unwrap(), text.to_owned());
    article.date = date.map(str::to_owned);
    warta::extract(&article, &lexicon)
}

fn find<'e>(extraction: &'e warta::Extraction, subject: &str, relation: &str, object: &str) -> &'e warta::Statement {
    extraction
        .statements
        .iter()
        .find(|s| s.subject.as_str() == subject && s.relation.name() == relation && s.object.as_str() == object)
        .unwrap_or_else(|| panic!("{subject} {relation} {object} in {:?}", extraction.statements))
}

#[test]
fn dates_take_the_year_from_the_article_when_the_text_omits_it() {
    let full = extract("Pada Senin (3/2/2025), Kenya menyatakan dukungan untuk Ethiopia.", None);
    assert_eq!(find(&full, "kenya", "supports", "ethiopia").date.as_deref(), Some("2025-02-03"));
    let short = extract("Rusia pada Rabu (20/9) mendesak Armenia untuk menahan diri.", Some("2023-09-21"));
    assert_eq!(find(&short, "russia", "urges", "armenia").date.as_deref(), Some("2023-09-20"));
    let none = extract("Rusia mendesak Armenia untuk menahan diri.", None);
    assert_eq!(find(&none, "russia", "urges", "armenia").date, None, "no date is guessed");
}

#[test]
fn modality_tells_asserted_announced_and_reported_apart() {
    let text = "Kanada mengecam Rusia.\nJepang akan mendukung Filipina.\nIndonesia mengatakan bahwa Malaysia mengecam Myanmar.\n";
    let extraction = extract(text, None);
    assert_eq!(
        find(&extraction, "canada", "condemns", "russia").modality,
        warta::Modality::Asserted
    );
    assert_eq!(
        find(&extraction, "japan", "supports", "philippines").modality,
        warta::Modality::Announced
    );
    assert_eq!(
        find(&extraction, "malaysia", "condemns", "myanmar").modality,
        warta::Modality::Reported
    );
}

#[test]
fn confidence_is_lower_when_the_rule_had_to_resolve_more() {
    let text = "Konflik antara India dan Pakistan memanas.\nJerman mendesak India untuk menahan diri.\nJerman mendesak kedua negara untuk berunding.\n";
    let extraction = extract(text, None);
    let direct = extraction
        .statements
        .iter()
        .find(|s| s.object.as_str() == "india" && s.sentence == 1)
        .unwrap();
    let via_parties = extraction
        .statements
        .iter()
        .find(|s| s.object.as_str() == "india" && s.sentence == 2)
        .unwrap();
    assert!(
        direct.confidence > via_parties.confidence,
        "{} > {}",
        direct.confidence,
        via_parties.confidence
    );
    assert!(extraction.statements.iter().all(|s| s.confidence > 0.0 && s.confidence <= 1.0));
}

#[test]
fn the_provenance_node_records_sentence_offsets_trigger_date_and_modality() {
    let dir = scratch();
    std::fs::write(dir.path().join("a.jsonl"), "{\"id\": \"a1\", \"date\": \"2023-09-21\", \"title\": \"Reaksi\", \"text\": \"Baca juga: lain\\nTürkiye mendesak Israel untuk berhenti pada Rabu (20/9).\"}\n").unwrap();
    assert_exit(&warta(dir.path(), &["build", "a.jsonl", "--store", "s", "--quiet"]), 0);
    let query = "SELECT ?sentence ?index ?start ?end ?trigger ?date ?modality ?confidence ?title WHERE {
        ?a dcterms:title ?title .
        GRAPH ?a { ?st a warta:Statement ; rdf:subject actor:turkey ; rdf:predicate warta:urges ; rdf:object actor:israel ;
          warta:sentence ?sentence ; warta:sentenceIndex ?index ; warta:charStart ?start ; warta:charEnd ?end ;
          warta:trigger ?trigger ; warta:date ?date ; warta:modality ?modality ; warta:confidence ?confidence } }";
    let output = warta(dir.path(), &["query", "--store", "s", "--format", "tsv", query]);
    assert_exit(&output, 0);
    let rows = tsv_rows(&stdout(&output));
    assert_eq!(rows.len(), 1, "{}", stdout(&output));
    let row = &rows[0];
    assert_eq!(row[0], "Türkiye mendesak Israel untuk berhenti pada Rabu (20/9).");
    assert_eq!(row[1], "0");
    assert_eq!(
        (row[2].as_str(), row[3].as_str()),
        ("16", "72"),
        "character offsets, after the dropped link line"
    );
    assert_eq!(row[4], "mendesak");
    assert_eq!(row[5], "2023-09-20");
    assert_eq!(row[6], "asserted");
    assert_eq!(row[8], "Reaksi");
}
