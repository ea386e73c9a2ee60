//! Fuzz targets for reading articles: each takes arbitrary bytes, runs one part of the reading
//! on them as `warta build` would, asserts what must hold on any input, and names what it saw
//! (its *features*), so that the fuzzer (`crates/warta-fuzz`) keeps the smallest input of each
//! behaviour as its corpus, and the corpus can be replayed as a test.
//!
//! Owns: the invariants checked on arbitrary input. Must not: be called by anything but fuzzers
//! and their tests. A failed invariant panics: that is what a fuzzer finds.

#![allow(
    clippy::panic,
    clippy::indexing_slicing,
    reason = "a fuzz target reports a broken invariant by panicking, and checks its own bounds first"
)]

use crate::input::{Article, ArticleId, ReadOptions, article_from_bytes, read_json_lines};
use crate::lexicon::Lexicon;
use crate::pipeline::{Extraction, extract};

/// What one input exercised, as hashes of short labels. Reused across inputs to save allocations.
#[derive(Debug, Default)]
pub struct Features(Vec<u64>);

impl Features {
    pub fn clear(&mut self) {
        self.0.clear();
    }

    pub fn as_slice(&self) -> &[u64] {
        &self.0
    }

    /// Notes the behaviour `label`, refined by `detail` (a count bucket, an index).
    pub fn add(&mut self, label: &str, detail: u64) {
        let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
        for byte in label.bytes().chain(detail.to_le_bytes()) {
            hash = (hash ^ u64::from(byte)).wrapping_mul(0x0100_0000_01b3);
        }
        self.0.push(hash);
    }

    /// Notes the kind of a problem or warning: the first lowercase words of its reason, leaving
    /// out numbers, quoted values, names and what follows a lone quote, which differ by input.
    pub fn add_reason(&mut self, prefix: &str, reason: &str) {
        let mut reason = reason.to_owned();
        for quote in ['"', '`', '\''] {
            if let (Some(first), Some(last)) = (reason.find(quote), reason.rfind(quote)) {
                if first < last {
                    reason.replace_range(first..=last, " ");
                }
            }
        }
        // A quote left alone opens a value that runs to the end.
        let reason = reason.split(['"', '`', '\'']).next().unwrap_or_default();
        // A message may echo a value without quotes (`charset=...`): a word with signs other than
        // punctuation starts one, and ends the kind.
        let words: Vec<&str> = reason
            .split_whitespace()
            .take_while(|word| word.chars().all(|c| c.is_ascii_alphanumeric() || ",.:;()-".contains(c)))
            .filter(|word| word.chars().all(|c| c.is_ascii_lowercase()))
            .take(6)
            .collect();
        self.add(prefix, 0);
        self.add(&words.join(" "), 1);
    }
}

/// A count in a few buckets (0, 1, 2, 3-4, 5-8, ...), so that a feature is a kind of input rather
/// than one size.
fn bucket(n: usize) -> u64 {
    u64::from(usize::BITS - n.leading_zeros())
}

/// The options of `warta build`, with a small size cap so that the fuzzer meets it.
const OPTIONS: ReadOptions = ReadOptions {
    strict_utf8: false,
    max_article_bytes: 4096,
};

/// JSON Lines: every line is an article or a problem naming its line; every article read has a
/// usable id and text that XML can carry.
pub fn json_lines(bytes: &[u8], features: &mut Features) {
    let n_lines = bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.iter().all(u8::is_ascii_whitespace))
        .count();
    let mut n_items = 0;
    read_json_lines("fuzz", bytes, &OPTIONS, &mut |item| {
        n_items += 1;
        match item {
            Ok(article) => {
                features.add("article", 0);
                check_article(&article, features);
            }
            Err(problem) => {
                assert!(problem.name.starts_with("fuzz:"), "a problem names its line: {problem}");
                features.add_reason("problem", &problem.reason);
            }
        }
    });
    assert_eq!(n_items, n_lines, "every line that is not blank gives an article or a problem");
    features.add("lines", bucket(n_lines));
}

/// What every article read from input holds, whatever it was read from.
fn check_article(article: &Article, features: &mut Features) {
    let id = article.id.as_str();
    assert_eq!(
        ArticleId::parse(id).as_ref().map(ArticleId::as_str),
        Ok(id),
        "an id is already normal"
    );
    assert!(!article.text.trim().is_empty(), "an article has text");
    assert!(article.text.len() <= OPTIONS.max_article_bytes, "an article is within the cap");
    for (field, value) in [
        ("text", Some(&article.text)),
        ("title", article.title.as_ref()),
        ("url", article.url.as_ref()),
        ("date", article.date.as_ref()),
        ("source", article.source.as_ref()),
    ] {
        let Some(value) = value else { continue };
        features.add(field, 0);
        let unfit = value
            .chars()
            .find(|c| (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}')) || matches!(c, '\u{fffe}' | '\u{ffff}'));
        assert_eq!(unfit, None, "{field} carries only characters XML can carry: {value:?}");
        assert!(
            !value.contains('\r') || value.replace("\r\n", "").find('\r').is_none(),
            "{field} has no carriage return alone: {value:?}"
        );
    }
    for warning in &article.warnings {
        features.add_reason("warning", &warning.reason);
    }
}

/// A text article as `warta build` reads a `.txt` file, then its sentences: in order, apart,
/// inside the text, on character boundaries, with character offsets that count to the same text.
pub fn sentences(bytes: &[u8], lexicon: &Lexicon, features: &mut Features) {
    let Some(article) = read_and_extract(bytes, features) else {
        return;
    };
    check_sentences(&article.text, &extract(&article, lexicon), features);
}

/// A text article through the whole extraction: its sentences as [`sentences`] checks them, and
/// statements that point at a sentence, name actors the extraction describes, relate two
/// different actors, and come sorted without duplicates.
pub fn extraction(bytes: &[u8], lexicon: &Lexicon, features: &mut Features) {
    let Some(article) = read_and_extract(bytes, features) else {
        return;
    };
    let extraction = extract(&article, lexicon);
    check_sentences(&article.text, &extraction, features);
    features.add("statements", bucket(extraction.statements.len()));
    features.add("parties", bucket(extraction.parties.len()));
    for statement in &extraction.statements {
        assert!(
            statement.sentence < extraction.sentences.len(),
            "{statement:?} points at a sentence"
        );
        assert_ne!(statement.subject, statement.object, "{statement:?} relates two actors");
        assert!((0.0..=1.0).contains(&statement.confidence), "{statement:?} has a confidence");
        for actor in [&statement.subject, &statement.object] {
            assert!(
                extraction.actors.iter().any(|info| &info.key == actor),
                "{actor} of {statement:?} is described"
            );
        }
        features.add(statement.rule, statement.relation as u64);
        features.add(statement.relation.name(), statement.modality as u64);
    }
    let order = |s: &crate::pipeline::Statement| (s.subject.clone(), s.relation, s.object.clone(), s.sentence);
    for pair in extraction.statements.windows(2) {
        assert!(order(&pair[0]) < order(&pair[1]), "statements sorted and unique: {pair:?}");
    }
}

fn read_and_extract(bytes: &[u8], features: &mut Features) -> Option<Article> {
    let id = ArticleId::new("fuzz")?;
    match article_from_bytes("fuzz.txt", id, bytes.to_vec(), &OPTIONS) {
        Ok(article) => {
            check_article(&article, features);
            Some(article)
        }
        Err(problem) => {
            features.add_reason("problem", &problem.reason);
            None
        }
    }
}

fn check_sentences(text: &str, extraction: &Extraction, features: &mut Features) {
    features.add("sentences", bucket(extraction.sentences.len()));
    let mut previous_end = 0;
    let mut previous_char_end = 0;
    for (index, sentence) in extraction.sentences.iter().enumerate() {
        assert_eq!(sentence.index, index, "sentences are numbered in order");
        let (start, end) = (sentence.span.start(), sentence.span.end());
        assert!(
            previous_end <= start && start < end && end <= text.len(),
            "sentence {index} in order, apart, inside"
        );
        assert!(
            text.is_char_boundary(start) && text.is_char_boundary(end),
            "sentence {index} on char boundaries"
        );
        assert_eq!(text.get(start..end), Some(sentence.text.as_str()), "sentence {index} is its span");
        let char_start = text.get(..start).map_or(0, |before| before.chars().count());
        assert_eq!(sentence.char_start, char_start, "sentence {index} starts where it counts");
        assert_eq!(
            sentence.char_end,
            char_start + sentence.text.chars().count(),
            "sentence {index} ends where it counts"
        );
        assert!(previous_char_end <= sentence.char_start);
        previous_end = end;
        previous_char_end = sentence.char_end;
        features.add("sentence length", bucket(sentence.text.len()));
        let last = sentence.text.chars().last().unwrap_or(' ');
        let ending = if last.is_alphanumeric() {
            0
        } else if last.is_ascii() {
            u64::from(last)
        } else {
            1
        };
        features.add("sentence ends", ending);
    }
}
