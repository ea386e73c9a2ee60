//! Unicode folding shared by the lexicon and the pipeline, so that a name in `data/` and the
//! same name in an article compare equal whatever their accents and case.
//!
//! Owns: the one definition of "the same word". Must not: depend on any other module.

use unicode_normalization::UnicodeNormalization;
use unicode_normalization::char::is_combining_mark;

/// Lower-cases, drops diacritics and apostrophes: `Erdoğan` → `erdogan`, `d'Ivoire` → `divoire`.
pub fn fold(text: &str) -> String {
    text.nfkd()
        .filter(|c| !is_combining_mark(*c) && !matches!(c, '\'' | '’' | '‘' | '`'))
        .flat_map(char::to_lowercase)
        .collect()
}

/// True when the word starts with an upper-case letter (a proper noun, or a sentence start).
pub fn is_capitalized(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// True when every letter is upper case and there are at least two (`PBB`, `AS`).
pub fn is_acronym(word: &str) -> bool {
    let mut letters = 0;
    for c in word.chars() {
        if c.is_alphabetic() {
            if !c.is_uppercase() {
                return false;
            }
            letters += 1;
        }
    }
    letters >= 2
}

/// Splits text into the pieces every stage agrees on, as byte ranges: runs of letters and
/// digits (with inner apostrophes: `d'Ivoire`), numbers with inner `.,/:` (`2.000`, `27/9/2020`),
/// reduplicated words (`Bangsa-Bangsa`), and every other non-space character on its own (a hyphen
/// between two names is a piece: `Korea Utara-Rusia`).
/// Whether `rest` opens with `word` again, whole, in any case: a capitalised reduplication.
fn reduplicates(word: &str, rest: &str) -> bool {
    let mut again = rest.chars();
    let same = word
        .chars()
        .all(|c| again.next().is_some_and(|d| c.to_lowercase().eq(d.to_lowercase())));
    same && !again.next().is_some_and(char::is_alphanumeric)
}

pub fn pieces(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut chars = text.char_indices().peekable();
    while let Some((start, c)) = chars.next() {
        if c.is_whitespace() {
            continue;
        }
        let mut end = start + c.len_utf8();
        if c.is_alphanumeric() {
            let numeric = c.is_ascii_digit();
            while let Some(&(i, next)) = chars.peek() {
                let joins = if next.is_alphanumeric() {
                    true
                } else if (numeric && matches!(next, '.' | ',' | '/' | ':')) || (!numeric && matches!(next, '\'' | '’')) {
                    // Only a joiner when another letter or digit follows it.
                    text.get(i + next.len_utf8()..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(char::is_alphanumeric)
                } else if !numeric && next == '-' {
                    // A reduplicated or compound word (`negara-negara`, `Negara-Negara`,
                    // `sekeras-kerasnya`) is one word; names and pairs keep their parts
                    // (`Korea Utara-Rusia`, `al-Assad`).
                    let before_lower = text.get(..i).and_then(|b| b.chars().next_back()).is_some_and(char::is_lowercase);
                    let after_lower = text
                        .get(i + 1..)
                        .and_then(|rest| rest.chars().next())
                        .is_some_and(char::is_lowercase);
                    (before_lower && after_lower)
                        || text
                            .get(start..i)
                            .zip(text.get(i + 1..))
                            .is_some_and(|(word, rest)| reduplicates(word, rest))
                } else {
                    false
                };
                if !joins {
                    break;
                }
                end = i + next.len_utf8();
                chars.next();
            }
        }
        out.push((start, end));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_matches_spellings() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Côte d'Ivoire"), "cote divoire");
        assert_eq!(fold("TÜRKIYE"), "turkiye");
        assert_eq!(fold("Stéphane"), "stephane");
    }

    #[test]
    fn pieces_split_words_numbers_and_punctuation() {
        let text = "Bangsa-Bangsa (27/9/2020), Rp 1,3 d'Ivoire 2.000 orang Utara-Rusia.";
        let got: Vec<&str> = pieces(text).into_iter().filter_map(|(s, e)| text.get(s..e)).collect();
        assert_eq!(
            got,
            [
                "Bangsa-Bangsa",
                "(",
                "27/9/2020",
                ")",
                ",",
                "Rp",
                "1,3",
                "d'Ivoire",
                "2.000",
                "orang",
                "Utara",
                "-",
                "Rusia",
                "."
            ]
        );
    }

    #[test]
    fn acronyms_and_capitals() {
        assert!(is_acronym("PBB"));
        assert!(is_acronym("U.S."));
        assert!(!is_acronym("Pbb"));
        assert!(!is_acronym("A"));
        assert!(is_capitalized("Ärger"));
        assert!(!is_capitalized("pbb"));
    }
}
