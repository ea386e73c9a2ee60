//! Raw article text → the lines that state something, and the section headers above them.
//!
//! Lines of links (`Baca juga:`), bylines and credits are dropped, datelines (`New York
//! (ANTARA) -`) trimmed, by the rules of `data/noise.tsv`. Spans keep pointing into the
//! original text, so every later offset is an offset of the article.
//!
//! Owns: line classification. Must not: know actors or relations.

use crate::lexicon::{Lexicon, NoiseRule};
use crate::model::Span;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineKind {
    /// A paragraph of the article.
    Body,
    /// A section header: states nothing, but tells who the paragraphs below are about.
    Header,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Line {
    pub span: Span,
    pub kind: LineKind,
}

/// Headers are short; a longer line without a full stop is a paragraph that lost it.
const MAX_HEADER_WORDS: usize = 8;

/// The kept lines of `text`, in order.
pub fn clean(text: &str, lexicon: &Lexicon) -> Vec<Line> {
    let mut lines = Vec::new();
    let mut offset = 0;
    for raw in text.split_inclusive('\n') {
        let start = offset;
        offset += raw.len();
        let content = raw.trim_end_matches(['\n', '\r']);
        if content.trim().is_empty() || is_dropped(content, lexicon) {
            continue;
        }
        let trimmed_start = start + trimmed_prefix_len(content, lexicon);
        let end = start + content.trim_end().len();
        let Some(span) = Span::new(text, trimmed_start, end.max(trimmed_start)) else {
            continue;
        };
        let body = span.of(text);
        let leading_ws = body.len() - body.trim_start().len();
        let Some(span) = Span::new(text, span.start() + leading_ws, span.end()) else {
            continue;
        };
        if span.is_empty() {
            continue;
        }
        let kind = if is_header(span.of(text)) {
            LineKind::Header
        } else {
            LineKind::Body
        };
        lines.push(Line { span, kind });
    }
    lines
}

fn is_dropped(line: &str, lexicon: &Lexicon) -> bool {
    lexicon
        .noise
        .iter()
        .any(|rule| matches!(rule, NoiseRule::Drop(regex) if regex.is_match(line)))
}

/// The length of a dateline or outlet prefix to cut from the start of a line.
fn trimmed_prefix_len(line: &str, lexicon: &Lexicon) -> usize {
    lexicon
        .noise
        .iter()
        .filter_map(|rule| match rule {
            NoiseRule::Trim(regex) => regex.find(line).filter(|m| m.start() == 0).map(|m| m.end()),
            NoiseRule::Drop(_) => None,
        })
        .max()
        .unwrap_or(0)
}

/// A header is a short line that does not end like a sentence (`Iran`, `- PBB`,
/// `Reaksi Dunia Internasional`). Questions (`Apa Peran Rusia?`) are sentences.
fn is_header(line: &str) -> bool {
    let line = line.trim();
    let ends_like_sentence = line.ends_with(['.', '!', '?', ':', ';', ',', '"', '”', '\'', ')']);
    let n_words = line.split_whitespace().filter(|w| w.chars().any(char::is_alphabetic)).count();
    !ends_like_sentence && (1..=MAX_HEADER_WORDS).contains(&n_words)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::test_lexicon;

    #[test]
    fn drops_links_and_bylines_trims_datelines() {
        let text = "New York (ANTARA) - Guterres mendesak kedua pihak.\nBaca juga: Judul lain\n- PBB\n(Tribunnews.com/Penulis)\nSumber: Anadolu\nTRIBUNNEWS.COM - Presiden berbicara.\n";
        let lines = clean(text, test_lexicon());
        let got: Vec<(&str, LineKind)> = lines.iter().map(|l| (l.span.of(text), l.kind)).collect();
        assert_eq!(
            got,
            vec![
                ("Guterres mendesak kedua pihak.", LineKind::Body),
                ("- PBB", LineKind::Header),
                ("Presiden berbicara.", LineKind::Body),
            ]
        );
    }

    #[test]
    fn questions_and_long_lines_are_not_headers() {
        assert!(is_header("Reaksi Dunia Internasional"));
        assert!(!is_header("Apa Peran Rusia?"));
        assert!(!is_header("Ini adalah sebuah kalimat panjang yang kehilangan titik di ujungnya"));
    }
}
