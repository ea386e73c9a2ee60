//! What must hold on any input: extraction never panics, every span it reports is a valid range
//! of the article on char boundaries, and tokens cover the text but its whitespace.

#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing,
    clippy::string_slice,
    reason = "test code"
)]

use proptest::prelude::*;
use warta_text::input::{Article, ArticleId};
use warta_text::lexicon::Lexicon;

fn lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::embedded().unwrap())
}

/// Text that looks like news often enough to reach every stage: words of the lexicon, names,
/// quotes, punctuation, numbers and arbitrary characters.
fn newsish() -> impl Strategy<Value = String> {
    let pieces = prop_oneof![
        Just("Rusia".to_owned()),
        Just("mendesak".to_owned()),
        Just("kedua belah pihak".to_owned()),
        Just("\"Kami".to_owned()),
        Just("kata".to_owned()),
        Just("Menteri Luar Negeri".to_owned()),
        Just("yang".to_owned()),
        Just("untuk".to_owned()),
        Just("(27/9/2020)".to_owned()),
        Just(".\n".to_owned()),
        Just(",".to_owned()),
        Just("Baca juga:".to_owned()),
        "[A-Z][a-z]{1,8}",
        "\\PC{1,6}",
    ];
    prop::collection::vec(pieces, 0..60).prop_map(|words| words.join(" "))
}

fn check_extraction(text: &str) {
    let article = Article::from_text(ArticleId::new("p").unwrap(), text.to_owned());
    let extraction = warta_text::pipeline::extract(&article, lexicon());
    let n_chars = text.chars().count();
    for sentence in &extraction.sentences {
        assert!(text.is_char_boundary(sentence.span.start()) && text.is_char_boundary(sentence.span.end()));
        assert_eq!(sentence.span.of(text), sentence.text);
        assert!(sentence.char_start <= sentence.char_end && sentence.char_end <= n_chars);
        let by_chars: String = text
            .chars()
            .skip(sentence.char_start)
            .take(sentence.char_end - sentence.char_start)
            .collect();
        assert_eq!(by_chars, sentence.text, "character offsets point at the sentence");
    }
    for statement in &extraction.statements {
        assert!(statement.sentence < extraction.sentences.len());
        assert!((0.0..=1.0).contains(&statement.confidence));
        assert_ne!(statement.subject, statement.object);
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    #[test]
    fn extraction_is_total_on_any_text(text in "\\PC{0,400}") {
        check_extraction(&text);
    }

    #[test]
    fn extraction_is_total_on_newsish_text(text in newsish()) {
        check_extraction(&text);
    }

    #[test]
    fn pieces_cover_everything_but_whitespace(text in "\\PC{0,200}") {
        let mut covered = String::new();
        let mut last_end = 0;
        for (start, end) in warta_text::text::pieces(&text) {
            prop_assert!(start >= last_end && start < end);
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
            prop_assert!(text[last_end..start].chars().all(char::is_whitespace));
            covered.push_str(&text[start..end]);
            last_end = end;
        }
        prop_assert!(text[last_end..].chars().all(char::is_whitespace));
        let without_space: String = text.chars().filter(|c| !c.is_whitespace()).collect();
        prop_assert_eq!(covered, without_space);
    }

    #[test]
    fn the_stemmer_never_panics_and_returns_roots(word in "[a-z]{0,20}") {
        if let Some(analysis) = lexicon().stemmer.analyze(&word) {
            prop_assert!(lexicon().stemmer.is_root(&analysis.root));
        }
    }
}
