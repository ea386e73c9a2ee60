//! One automaton over every multi-word name of the lexicon: actor names, organ forms, titles,
//! noun heads, references, non-actor names and conflict cues.
//!
//! Matching is on folded token keys joined by single spaces, so `Perserikatan Bangsa-Bangsa`,
//! `perserikatan bangsa - bangsa` and `PERSERIKATAN BANGSA-BANGSA` are one pattern. The
//! automaton reports overlapping matches; `find` keeps those that begin and end on token
//! boundaries, and the caller decides between overlapping readings with the context it has.
//!
//! Owns: the pattern set and token alignment. Must not: decide what a match means in a sentence.

use aho_corasick::{AhoCorasick, MatchKind};

use crate::model::ActorKey;

/// What a phrase of the lexicon is.
#[derive(Debug, Clone, PartialEq)]
pub enum PhraseKind {
    /// A name of an actor. `metonym` marks a capital or seat standing for a country.
    Actor { key: ActorKey, metonym: bool },
    /// A form of an organ (`Kementerian Luar Negeri`), completed by the country after it.
    Organ(usize),
    /// A title (`Menteri Luar Negeri`), index into `Lexicon::titles`.
    Title(usize),
    /// A noun that before a country still refers to it (`pemerintah`), index into `Lexicon::heads`.
    Head(usize),
    /// A word that refers back (`kedua belah pihak`, `ia`), index into `Lexicon::references`.
    Reference(usize),
    /// A name that contains an actor's name but is not one (`Amerika Latin`).
    NonActor,
    /// A place that names a conflict theatre, index into `Lexicon::conflicts`.
    ConflictCue(usize),
}

/// One reading of a phrase, with its spelling in the data file (acronyms must match exactly).
#[derive(Debug, Clone, PartialEq)]
pub struct PhraseEntry {
    pub kind: PhraseKind,
    pub written: String,
}

/// A token-aligned match: `n_tokens` tokens from `start`, with every reading of that phrase.
#[derive(Debug, Clone, Copy)]
pub struct PhraseMatch<'l> {
    pub start: usize,
    pub n_tokens: usize,
    pub entries: &'l [PhraseEntry],
}

#[derive(Debug)]
pub struct PhraseMatcher {
    automaton: AhoCorasick,
    patterns: Vec<Pattern>,
}

#[derive(Debug)]
struct Pattern {
    n_tokens: usize,
    entries: Vec<PhraseEntry>,
}

/// The key of a piece of text: folded, with inner whitespace made visible so that it never
/// splits a key in two; a plural by reduplication is keyed as its singular (`serangan-serangan`
/// is `serangan`), so rules and data need not list both.
pub fn token_key(token: &str) -> String {
    let key = crate::text::fold(token).replace(char::is_whitespace, "_");
    match key.split_once('-') {
        Some((first, second)) if first == second && !first.is_empty() => first.to_owned(),
        _ => key,
    }
}

/// The key of a whole phrase: its pieces' keys joined by single spaces.
pub fn phrase_key(phrase: &str) -> (String, usize) {
    let keys: Vec<String> = crate::text::pieces(phrase)
        .into_iter()
        .filter_map(|(s, e)| phrase.get(s..e))
        .map(token_key)
        .collect();
    (keys.join(" "), keys.len())
}

impl PhraseMatcher {
    /// Builds the automaton; phrases with the same key share one pattern with several entries.
    pub fn build(phrases: Vec<(String, PhraseKind)>) -> Result<PhraseMatcher, String> {
        let mut by_key: std::collections::BTreeMap<String, Pattern> = std::collections::BTreeMap::new();
        for (written, kind) in phrases {
            let (key, n_tokens) = phrase_key(&written);
            if n_tokens == 0 {
                continue;
            }
            let pattern = by_key.entry(key).or_insert_with(|| Pattern {
                n_tokens,
                entries: Vec::new(),
            });
            let entry = PhraseEntry { kind, written };
            if !pattern.entries.contains(&entry) {
                pattern.entries.push(entry);
            }
        }
        let keys: Vec<String> = by_key.keys().map(|k| format!(" {k} ")).collect();
        let automaton = AhoCorasick::builder()
            .match_kind(MatchKind::Standard)
            .build(&keys)
            .map_err(|e| e.to_string())?;
        Ok(PhraseMatcher {
            automaton,
            patterns: by_key.into_values().collect(),
        })
    }

    /// Every phrase that covers whole tokens of `keys` (token keys of one sentence), sorted by
    /// start, longest first.
    pub fn find<'l>(&'l self, keys: &[String]) -> Vec<PhraseMatch<'l>> {
        // Each key is preceded by one space and the text ends with one, so a pattern " k1 k2 "
        // matching at byte b starts at the token whose leading space is at b.
        let mut haystack = String::with_capacity(keys.iter().map(|k| k.len() + 1).sum::<usize>() + 1);
        let mut token_at = std::collections::HashMap::with_capacity(keys.len());
        for (index, key) in keys.iter().enumerate() {
            token_at.insert(haystack.len(), index);
            haystack.push(' ');
            haystack.push_str(key);
        }
        haystack.push(' ');
        let mut found = Vec::new();
        for hit in self.automaton.find_overlapping_iter(&haystack) {
            let (Some(&start), Some(pattern)) = (token_at.get(&hit.start()), self.patterns.get(hit.pattern().as_usize())) else {
                continue;
            };
            found.push(PhraseMatch {
                start,
                n_tokens: pattern.n_tokens,
                entries: &pattern.entries,
            });
        }
        found.sort_by(|a, b| a.start.cmp(&b.start).then(b.n_tokens.cmp(&a.n_tokens)));
        found
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        crate::text::pieces(text)
            .into_iter()
            .filter_map(|(s, e)| text.get(s..e))
            .map(token_key)
            .collect()
    }

    #[test]
    fn matches_whole_tokens_only_and_overlaps() {
        let matcher = PhraseMatcher::build(vec![
            ("Iran".to_owned(), PhraseKind::NonActor),
            ("Perserikatan Bangsa-Bangsa".to_owned(), PhraseKind::NonActor),
            ("Bangsa".to_owned(), PhraseKind::NonActor),
        ]);
        let matcher = matcher.as_ref().map_err(String::as_str);
        let text = "Sirana dan PERSERIKATAN BANGSA-BANGSA serta Iran";
        let found: Vec<(usize, usize)> = matcher
            .map(|m| m.find(&keys(text)).iter().map(|f| (f.start, f.n_tokens)).collect())
            .unwrap_or_default();
        assert_eq!(found, vec![(2, 2), (3, 1), (5, 1)]);
    }
}
