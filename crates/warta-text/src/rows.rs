//! Statements as rows of a table, one per statement, with the article it comes from and its two
//! actors described: for what wants a table rather than RDF (the Python package's dicts,
//! `warta extract --format parquet`). The columns are documented in the README ("Statements as
//! a table") and hold the same values as the RDF data model.
//!
//! Owns: what a row holds. Must not: know RDF or a file format.

use crate::input::Article;
use crate::lexicon::ActorInfo;
use crate::model::ActorKey;
use crate::pipeline::Extraction;

/// One actor of a statement, as the gazetteer (or the article) describes it.
#[derive(Debug, Clone, PartialEq)]
pub struct ActorColumns {
    pub key: String,
    /// The Indonesian name (`rdfs:label` in `@id`).
    pub label: String,
    pub label_en: Option<String>,
    /// `country`, `organization` or `person`.
    pub kind: &'static str,
    /// A Wikidata item id such as `Q30`.
    pub wikidata: Option<String>,
}

/// One statement with its provenance and its article.
#[derive(Debug, Clone, PartialEq)]
pub struct StatementRow {
    pub article_id: String,
    pub title: Option<String>,
    pub source: Option<String>,
    /// The article's date as given.
    pub article_date: Option<String>,
    pub subject: ActorColumns,
    /// The relation's name in the vocabulary (`urges`, `talksWith`).
    pub relation: &'static str,
    pub object: ActorColumns,
    pub sentence: String,
    pub sentence_index: usize,
    /// Where the sentence is, in Unicode characters from the start of the article, end exclusive.
    pub char_start: usize,
    pub char_end: usize,
    pub trigger: String,
    /// The date the sentence gives (ISO), if any.
    pub date: Option<String>,
    /// `asserted`, `announced` or `reported`.
    pub modality: &'static str,
    /// Rounded to three decimals, as `warta:confidence` is written.
    pub confidence: f64,
    /// The rule that produced the statement.
    pub rule: &'static str,
}

/// The rows of one article, in the extraction's order (sorted by subject, relation, object,
/// sentence).
pub fn statement_rows(article: &Article, extraction: &Extraction) -> Vec<StatementRow> {
    extraction
        .statements
        .iter()
        .filter_map(|statement| {
            // Every statement names a sentence and two actors of the extraction (the pipeline
            // makes it so); a row that cannot be filled whole is left out rather than guessed.
            let sentence = extraction.sentences.get(statement.sentence)?;
            Some(StatementRow {
                article_id: article.id.as_str().to_owned(),
                title: article.title.clone(),
                source: article.source.clone(),
                article_date: article.date.clone(),
                subject: actor_columns(extraction, &statement.subject)?,
                relation: statement.relation.name(),
                object: actor_columns(extraction, &statement.object)?,
                sentence: sentence.text.clone(),
                sentence_index: sentence.index,
                char_start: sentence.char_start,
                char_end: sentence.char_end,
                trigger: statement.trigger.clone(),
                date: statement.date.clone(),
                modality: statement.modality.name(),
                confidence: format!("{:.3}", statement.confidence).parse().unwrap_or(f64::NAN),
                rule: statement.rule,
            })
        })
        .collect()
}

fn actor_columns(extraction: &Extraction, key: &ActorKey) -> Option<ActorColumns> {
    let index = extraction.actors.binary_search_by(|actor| actor.key.cmp(key)).ok()?;
    let actor: &ActorInfo = extraction.actors.get(index)?;
    Some(ActorColumns {
        key: actor.key.as_str().to_owned(),
        label: actor.label_id.clone(),
        label_en: actor.label_en.clone(),
        kind: actor.kind.name(),
        wikidata: actor.wikidata.clone(),
    })
}

#[cfg(test)]
mod tests {
    use super::statement_rows;
    use crate::input::{Article, ArticleId};
    use crate::lexicon::Lexicon;

    #[test]
    fn a_row_holds_the_statement_its_actors_and_its_article() {
        let lexicon = Lexicon::embedded().unwrap();
        let mut article = Article::from_text(ArticleId::new("a1").unwrap(), "Kanada mengecam Rusia.".to_owned());
        article.title = Some("Kecaman".to_owned());
        let extraction = crate::pipeline::extract(&article, &lexicon);
        let rows = statement_rows(&article, &extraction);
        assert_eq!(rows.len(), extraction.statements.len());
        let row = rows.iter().find(|row| row.relation == "condemns").unwrap();
        assert_eq!((row.subject.key.as_str(), row.object.key.as_str()), ("canada", "russia"));
        assert_eq!((row.subject.kind, row.object.label.as_str()), ("country", "Rusia"));
        assert_eq!(row.subject.wikidata.as_deref(), Some("Q16"));
        assert_eq!(
            (row.sentence.as_str(), row.char_start, row.char_end),
            ("Kanada mengecam Rusia.", 0, 22)
        );
        assert_eq!((row.article_id.as_str(), row.title.as_deref()), ("a1", Some("Kecaman")));
    }
}
