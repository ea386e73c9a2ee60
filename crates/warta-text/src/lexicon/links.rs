//! `data/links.tsv`: Wikidata links a curator accepted for actors the actor files do not link
//! (persons found in articles, bodies synthesised from `organs.tsv`, listed actors with `-`).
//! `warta link --accept` writes it; the gazetteer reads it.
//!
//! Owns: the file's format. Must not: decide which links are right (that is the curator's call).

use std::collections::BTreeMap;

use crate::lexicon::DataError;
use crate::lexicon::table::Table;
use crate::model::ActorKey;

pub const LINKS_FILE: &str = "links.tsv";
const HEADER: [&str; 5] = ["key", "wikidata", "label", "matched", "score"];
const SOURCE_LINE: &str = "# source: curated with `warta link --accept`: actors found in articles, linked to Wikidata by a curator (matched: the gazetteer actor whose id was taken, - when set by hand; score: the candidate's score then). licence: CC0";

/// One accepted link.
#[derive(Debug, Clone, PartialEq)]
pub struct CuratedLink {
    pub key: ActorKey,
    /// A Wikidata item id (`Q…`).
    pub wikidata: String,
    /// The actor's label, for people reading the file.
    pub label: String,
    /// The gazetteer actor whose Wikidata id was taken, `None` when set by hand.
    pub matched: Option<ActorKey>,
    pub score: Option<f64>,
}

/// True for a Wikidata item id: `Q` and digits.
pub fn is_wikidata_item(id: &str) -> bool {
    id.len() > 1 && id.starts_with('Q') && id.bytes().skip(1).all(|b| b.is_ascii_digit())
}

pub fn parse_links(text: &str) -> Result<Vec<CuratedLink>, DataError> {
    let table = Table::parse(LINKS_FILE, text, &HEADER)?;
    let mut links = Vec::new();
    for row in table.rows() {
        let key =
            ActorKey::new(row.cell(0)).ok_or_else(|| table.error(row, format!("'{}' is not a key: use a-z, 0-9 and '-'", row.cell(0))))?;
        let wikidata = row.cell(1);
        if !is_wikidata_item(wikidata) {
            return Err(table.error(row, format!("'{wikidata}' is not a Wikidata item id (Q followed by digits)")));
        }
        let matched = match row.optional(3) {
            None => None,
            Some(text) => Some(ActorKey::new(text).ok_or_else(|| table.error(row, format!("'{text}' is not a key")))?),
        };
        let score = match row.optional(4) {
            None => None,
            Some(text) => Some(
                text.parse::<f64>()
                    .map_err(|_| table.error(row, format!("'{text}' is not a score")))?,
            ),
        };
        links.push(CuratedLink {
            key,
            wikidata: wikidata.to_owned(),
            label: row.cell(2).to_owned(),
            matched,
            score,
        });
    }
    Ok(links)
}

/// The file's text for `links`, sorted by key as every data file is.
pub fn render_links<'l>(links: impl IntoIterator<Item = &'l CuratedLink>) -> String {
    let sorted: BTreeMap<&ActorKey, &CuratedLink> = links.into_iter().map(|link| (&link.key, link)).collect();
    let mut text = format!("{SOURCE_LINE}\n{}\n", HEADER.join("\t"));
    for link in sorted.values() {
        // Tabs and line breaks would break the table; a label never needs them.
        let label = link.label.replace(['\t', '\n', '\r'], " ");
        let matched = link.matched.as_ref().map_or("-", ActorKey::as_str);
        let score = link.score.map_or_else(|| "-".to_owned(), |s| format!("{s:.2}"));
        text.push_str(&format!(
            "{}\t{}\t{}\t{matched}\t{score}\n",
            link.key,
            link.wikidata,
            if label.is_empty() { "-" } else { &label }
        ));
    }
    text
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn links_survive_a_round_trip_in_key_order() {
        let link = |key: &str, item: &str, matched: Option<&str>| CuratedLink {
            key: ActorKey::new(key).unwrap(),
            wikidata: item.to_owned(),
            label: format!("Label\tof {key}"),
            matched: matched.and_then(ActorKey::new),
            score: matched.map(|_| 0.91),
        };
        let written = render_links(&[link("zelenskiy", "Q3881", Some("zelenskyy")), link("hakan-fidan", "Q1606397", None)]);
        let read = parse_links(&written).unwrap();
        assert_eq!(
            read.iter().map(|l| l.key.as_str()).collect::<Vec<_>>(),
            ["hakan-fidan", "zelenskiy"]
        );
        assert_eq!(read[1].matched.as_ref().map(ActorKey::as_str), Some("zelenskyy"));
        assert_eq!(read[1].score, Some(0.91));
        assert_eq!(read[0].label, "Label of hakan-fidan");
        assert_eq!(read[0].matched, None);
    }

    #[test]
    fn a_link_needs_a_wikidata_item() {
        let text = format!("{SOURCE_LINE}\n{}\nputin\tP31\tPutin\t-\t-\n", HEADER.join("\t"));
        assert!(parse_links(&text).unwrap_err().message.contains("not a Wikidata item"));
    }
}
