//! Referring phrases the lexicon cannot list whole: a demonstrative opening a clause (`Ini
//! adalah kejahatan perang`), a referring noun with a description before its demonstrative
//! (`negara Eropa Timur itu`), a hostile act whose relative clause comes before its
//! demonstrative (`serangan yang tidak dapat diterima ini`), and the noun of a deed told before
//! (`deklarasi tersebut`).
//!
//! Owns: those phrases' mentions. Must not: resolve them (the discourse stage does).

use super::*;

/// Words a description may put between a referring noun and its demonstrative.
const MAX_DESCRIPTION_WORDS: usize = 3;
/// Words a relative clause may put between an act and its demonstrative.
const MAX_RELATIVE_WORDS: usize = 6;
/// The longest noun of an act in `data/acts.tsv`, with room to spare.
const MAX_ACT_WORDS: usize = 5;

impl Composer<'_> {
    /// `Ini adalah kejahatan perang`, `Hal itu merupakan pelanggaran`: a demonstrative that opens a
    /// clause and is what a copula describes points back at the last act the text told of.
    pub(super) fn demonstrative_subject(&mut self, index: usize) -> Option<usize> {
        let opens = index == 0
            || self
                .tokens
                .get(index - 1)
                .is_some_and(|t| t.kind != TokenKind::Word && t.key != "-");
        let length = match (self.key(index), self.key(index + 1)) {
            ("hal", "ini" | "itu") => 2,
            ("ini" | "itu", _) => 1,
            _ => return None,
        };
        let copula = self.lexicon.word_class(self.key(index + length)) == Some(crate::lexicon::WordClass::Copula);
        (opens && copula).then(|| {
            self.push(
                index..index + length,
                Referent::Reference(ReferenceTarget::LastAct),
                Role::Name,
                None,
                false,
            )
        })
    }

    /// `serangan yang tidak dapat diterima ini`: a hostile act with a relative clause, then a
    /// demonstrative, is the act last told of, as `serangan ini` is.
    pub(super) fn act_with_relative_clause(&mut self, index: usize) -> Option<usize> {
        // Acts are a few words long: only those tokens are read, not the whole sentence.
        let keys: Vec<&str> = self.tokens.iter().skip(index).take(MAX_ACT_WORDS).map(|t| t.key.as_str()).collect();
        let act = self.lexicon.act_at(&keys)?;
        let within_borders = act.within_borders;
        let end = index + act.words.len();
        if self.lexicon.word_class(self.key(end)) != Some(WordClass::Rel) {
            return None;
        }
        let closes = (end + 1..end + 1 + MAX_RELATIVE_WORDS)
            .take_while(|&i| {
                self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)
                    && self.atom(i).is_none_or(|(_, atom)| matches!(atom, Atom::Head(_)))
            })
            .any(|i| self.lexicon.word_class(self.key(i)) == Some(WordClass::Det));
        let target = if within_borders {
            ReferenceTarget::LastActOrSetting
        } else {
            ReferenceTarget::LastAct
        };
        closes.then(|| self.push(index..end, Referent::Reference(target), Role::Name, None, false))
    }

    /// `negara Eropa Timur itu`, `Badan negara-negara Afrika itu`: a referring head noun, a short
    /// description of names, head nouns and prepositions, and a demonstrative refer as `negara
    /// itu` does. A lower-case noun ends the description, so `negara Arab ... tahun ini` is no
    /// reference.
    pub(super) fn described_reference(&mut self, index: usize) -> Option<usize> {
        let reference = self.lexicon.reference_head(self.key(index))?;
        let target = reference.target.clone();
        // Where the description's next word ends: a head noun (`negara-negara`) is one reading.
        let describing = |i: usize| match self.atom(i) {
            Some((range, Atom::Head(_))) => Some(range.end),
            Some(_) => None,
            None => self
                .tokens
                .get(i)
                .filter(|t| t.kind == TokenKind::Word && (t.capitalized || self.lexicon.word_class(&t.key) == Some(WordClass::Prep)))
                .map(|_| i + 1),
        };
        let mut end = index + 1;
        for _ in 0..MAX_DESCRIPTION_WORDS {
            match describing(end) {
                Some(next) => end = next,
                None => break,
            }
        }
        let demonstrative = self
            .tokens
            .get(end)
            .is_some_and(|t| t.kind == TokenKind::Word && self.lexicon.word_class(&t.key) == Some(WordClass::Det));
        (end > index + 1 && demonstrative && !self.lexicon.word_class(self.key(end - 1)).is_some_and(|c| c == WordClass::Prep))
            .then(|| self.push(index..end + 1, Referent::Reference(target), Role::Name, None, false))
    }

    /// `deklarasi tersebut`, `pengakuan itu`: a noun of a deed with a demonstrative points back
    /// at whoever the text told doing that deed before (the discourse stage finds them by the
    /// noun's root).
    pub(super) fn deed_reference(&mut self, index: usize) -> Option<usize> {
        let token = self.tokens.get(index)?;
        let demonstrative = self
            .tokens
            .get(index + 1)
            .is_some_and(|t| t.kind == TokenKind::Word && self.lexicon.word_class(&t.key) == Some(WordClass::Det));
        if token.kind != TokenKind::Word || !demonstrative || self.lexicon.word_class(&token.key).is_some() {
            return None;
        }
        let analysis = self.lexicon.stemmer.analyze(&token.key)?;
        (analysis.pattern.is_nominal() && !analysis.possessive && self.deeds.contains(&analysis.root)).then(|| {
            self.push(
                index..index + 2,
                Referent::Reference(ReferenceTarget::DoerOf(analysis.root)),
                Role::Name,
                None,
                false,
            )
        })
    }
}
