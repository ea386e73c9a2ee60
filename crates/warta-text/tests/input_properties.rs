//! What must hold for any bytes given as an article: the readers never panic, and every article
//! they accept carries text that every RDF syntax can write (no control character XML refuses,
//! no lone carriage return) and an id that is trimmed, NFC and one line.
//!
//! `cargo test` runs a few hundred cases; `PROPTEST_CASES=10000000 cargo test --release -p
//! warta-text --test input_properties` is the long run the README records.

#![allow(clippy::unwrap_used, clippy::panic, clippy::indexing_slicing, reason = "test code")]

use proptest::prelude::*;
use warta_text::input::{Article, ArticleId, ReadOptions, article_from_bytes, parse_json_line};

const OPTIONS: ReadOptions = ReadOptions {
    strict_utf8: false,
    max_article_bytes: 4096,
};

fn check_article(article: &Article) {
    let unfit = |c: char| (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}')) || matches!(c, '\u{fffe}' | '\u{ffff}');
    for field in [
        Some(&article.text),
        article.title.as_ref(),
        article.url.as_ref(),
        article.source.as_ref(),
    ]
    .into_iter()
    .flatten()
    {
        assert!(!field.chars().any(unfit), "{field:?}");
    }
    assert!(!article.text.replace("\r\n", "").contains('\r'), "{:?}", article.text);
    assert!(!article.text.trim().is_empty());
    let id = article.id.as_str();
    assert_eq!(
        ArticleId::parse(id).map(|i| i.as_str().to_owned()),
        Ok(id.to_owned()),
        "ids are stable"
    );
}

/// JSON objects with fields of arbitrary text, and arbitrary bytes around them.
fn json_lines() -> impl Strategy<Value = Vec<u8>> {
    let text = "\\PC{0,40}|[\\x00-\\x1f\\r\\n\\\\\"é]{0,10}";
    let line = (text, text, prop::option::of(text), prop::option::of("[0-9-]{0,12}")).prop_map(|(id, body, title, date)| {
        let mut object = serde_json::json!({ "id": id, "text": body });
        if let Some(title) = title {
            object["title"] = serde_json::Value::from(title);
        }
        if let Some(date) = date {
            object["date"] = serde_json::Value::from(date);
        }
        object.to_string().into_bytes()
    });
    prop_oneof![line, prop::collection::vec(any::<u8>(), 0..200)]
}

proptest! {
    #[test]
    fn the_json_lines_reader_never_panics_and_cleans(bytes in json_lines()) {
        if let Ok(article) = parse_json_line("fuzz:1", &bytes, &OPTIONS) {
            check_article(&article);
        }
    }

    #[test]
    fn the_text_reader_never_panics_and_cleans(bytes in prop::collection::vec(any::<u8>(), 0..300), name in "\\PC{0,20}") {
        if let Ok(id) = ArticleId::parse(&name) {
            if let Ok(article) = article_from_bytes("fuzz.txt", id, bytes, &OPTIONS) {
                check_article(&article);
            }
        }
    }
}
