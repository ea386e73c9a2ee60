//! Kept lines → sentences of tokens.
//!
//! A sentence ends at `.`, `!` or `?` before a capital, outside quotes, and not after an
//! abbreviation (`data/abbreviations.tsv`) or an initial. A quote is never split, so a quote
//! and its tag (`"...," kata X.`) stay one sentence; `(27/9/2020)`, `Rp 1,3` and `2.000` are one
//! token each.
//!
//! Owns: token and sentence spans, quote marks. Must not: know what any word means beyond
//! abbreviations and verbs of saying.

use crate::lexicon::{Lexicon, token_key};
use crate::model::Span;
use crate::pipeline::clean::{Line, LineKind};

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum TokenKind {
    Word,
    Number,
    /// An opening or closing quotation mark.
    Quote,
    Punct,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    pub span: Span,
    /// The folded form (`text::fold`), what every lookup uses.
    pub key: String,
    pub kind: TokenKind,
    pub capitalized: bool,
    /// Inside a quotation (the marks themselves are not).
    pub in_quote: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Sentence {
    /// Position in the article, from 0.
    pub index: usize,
    pub span: Span,
    /// The header line the sentence sits under, as an index into the cleaned lines.
    pub section: Option<usize>,
    /// Index of the body line (paragraph) it belongs to.
    pub paragraph: usize,
    pub tokens: Vec<Token>,
}

/// Splits the body lines into sentences.
pub fn segment(text: &str, lines: &[Line], lexicon: &Lexicon) -> Vec<Sentence> {
    let mut sentences = Vec::new();
    let mut section = None;
    for (line_index, line) in lines.iter().enumerate() {
        if line.kind == LineKind::Header {
            section = Some(line_index);
            continue;
        }
        let tokens = tokenize(text, line.span);
        for range in sentence_ranges(&tokens, lexicon) {
            let Some(sentence_tokens) = tokens.get(range) else { continue };
            let (Some(first), Some(last)) = (sentence_tokens.first(), sentence_tokens.last()) else {
                continue;
            };
            sentences.push(Sentence {
                index: sentences.len(),
                span: first.span.cover(last.span),
                section,
                paragraph: line_index,
                tokens: sentence_tokens.to_vec(),
            });
        }
    }
    sentences
}

/// Tokens of one line, with quote state.
pub fn tokenize(text: &str, line: Span) -> Vec<Token> {
    let line_text = line.of(text);
    let mut tokens = Vec::new();
    let mut in_quote = false;
    for (start, end) in crate::text::pieces(line_text) {
        let Some(span) = Span::new(text, line.start() + start, line.start() + end) else {
            continue;
        };
        let surface = span.of(text);
        let first = surface.chars().next().unwrap_or(' ');
        let kind = if matches!(first, '"' | '“' | '”' | '„' | '«' | '»') {
            TokenKind::Quote
        } else if first.is_ascii_digit() {
            TokenKind::Number
        } else if first.is_alphanumeric() {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        if kind == TokenKind::Quote {
            in_quote = match first {
                '“' | '„' | '«' => true,
                '”' | '»' => false,
                _ => !in_quote,
            };
        }
        tokens.push(Token {
            span,
            key: token_key(surface),
            kind,
            capitalized: crate::text::is_capitalized(surface),
            in_quote: in_quote && kind != TokenKind::Quote,
        });
    }
    tokens
}

fn is_terminal(token: &Token) -> bool {
    token.kind == TokenKind::Punct && matches!(token.key.as_str(), "." | "!" | "?")
}

fn starts_sentence(token: &Token) -> bool {
    token.capitalized || token.kind == TokenKind::Number || (token.kind == TokenKind::Quote && !token.in_quote)
}

/// Token ranges of the sentences of one line.
fn sentence_ranges(tokens: &[Token], lexicon: &Lexicon) -> Vec<std::ops::Range<usize>> {
    let mut ranges = Vec::new();
    let mut start = 0;
    let mut index = 0;
    while index < tokens.len() {
        let Some(token) = tokens.get(index) else { break };
        let next = tokens.get(index + 1);
        let mut boundary = false;
        if is_terminal(token) && !token.in_quote && !is_abbreviation_stop(tokens, index, lexicon) {
            // A run of stops ("...") ends where it ends.
            boundary = next.is_none_or(|n| !is_terminal(n) && starts_sentence(n));
        } else if token.kind == TokenKind::Quote && !token.in_quote && index > 0 {
            // `"... selesai." Dia ...` ends after the closing mark, unless a tag (`kata X`) follows.
            let closes_after_stop = tokens.get(index - 1).is_some_and(|p| is_terminal(p) && p.in_quote);
            boundary = closes_after_stop && next.is_some_and(|n| n.capitalized && !is_speech_tag(n, lexicon));
        }
        if boundary {
            ranges.push(start..index + 1);
            start = index + 1;
        }
        index += 1;
    }
    if start < tokens.len() {
        ranges.push(start..tokens.len());
    }
    ranges
}

fn is_abbreviation_stop(tokens: &[Token], stop: usize, lexicon: &Lexicon) -> bool {
    let Some(previous) = stop.checked_sub(1).and_then(|i| tokens.get(i)) else {
        return false;
    };
    let adjacent = tokens.get(stop).is_some_and(|t| t.span.start() == previous.span.end());
    if !adjacent || previous.kind != TokenKind::Word {
        return false;
    }
    let is_initial = previous.key.chars().count() == 1 && previous.capitalized;
    is_initial || lexicon.is_abbreviation(&format!("{}.", previous.key))
}

fn is_speech_tag(token: &Token, lexicon: &Lexicon) -> bool {
    lexicon
        .stemmer
        .analyze(&token.key)
        .is_some_and(|a| a.pattern.prefixes.is_empty() && lexicon.is_speech(&a))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::clean::clean;
    use crate::pipeline::test_lexicon;

    fn sentences(text: &str) -> Vec<String> {
        let lexicon = test_lexicon();
        segment(text, &clean(text, lexicon), lexicon)
            .iter()
            .map(|s| s.span.of(text).to_owned())
            .collect()
    }

    #[test]
    fn splits_at_stops_before_capitals() {
        assert_eq!(
            sentences("Pada Minggu (27/9/2020) dana Rp 1,3 triliun cair. Dr. Ali datang. Sebanyak 2.000 orang hadir."),
            vec![
                "Pada Minggu (27/9/2020) dana Rp 1,3 triliun cair.",
                "Dr. Ali datang.",
                "Sebanyak 2.000 orang hadir."
            ]
        );
    }

    #[test]
    fn keeps_quotes_with_their_tags() {
        assert_eq!(
            sentences("\"Dia salah. Biarkan dia bicara,\" katanya. Lalu ia pergi."),
            vec!["\"Dia salah. Biarkan dia bicara,\" katanya.", "Lalu ia pergi."]
        );
        assert_eq!(
            sentences("“Kami siap.” Menteri itu pergi."),
            vec!["“Kami siap.”", "Menteri itu pergi."]
        );
    }

    #[test]
    fn tokens_know_when_they_are_quoted() {
        let text = "Ia berkata \"kami siap\" hari ini.";
        let tokens = tokenize(text, Span::new(text, 0, text.len()).unwrap());
        let quoted: Vec<&str> = tokens.iter().filter(|t| t.in_quote).map(|t| t.span.of(text)).collect();
        assert_eq!(quoted, vec!["kami", "siap"]);
    }
}
