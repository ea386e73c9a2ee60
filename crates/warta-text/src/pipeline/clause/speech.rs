//! Who says what: quote tags (`"...," kata X`, `tambahnya`), reporting verbs (`X mengatakan
//! bahwa ...`) and `menurut X`, each giving a stretch of the sentence a speaker.

use crate::lexicon::WordClass;
use crate::lexicon::morph::Suffix;
use crate::pipeline::clause::{Attribution, PredKind, Sentence, Speaker};
use crate::pipeline::segment::TokenKind;

impl Sentence<'_> {
    pub(super) fn attributions(&self) -> Vec<Attribution> {
        let mut found = Vec::new();
        self.quote_attributions(&mut found);
        self.reported_attributions(&mut found);
        self.colon_attribution(&mut found);
        // `X menyebut langkah itu "tidak dapat diterima"`: a quoted phrase inside words reported
        // of someone is theirs, not the sentence subject's.
        let reported: Vec<(std::ops::Range<usize>, Speaker)> = found
            .iter()
            .filter(|a| !a.quoted && matches!(a.speaker, Speaker::Mentions(_)))
            .map(|a| (a.scope.clone(), a.speaker.clone()))
            .collect();
        for quote in found.iter_mut().filter(|a| a.quoted && a.speaker == Speaker::Topic) {
            let reporter = reported
                .iter()
                .filter(|(scope, _)| scope.start <= quote.scope.start && quote.scope.end <= scope.end)
                .min_by_key(|(scope, _)| scope.len());
            if let Some((_, speaker)) = reporter {
                quote.speaker = speaker.clone();
            }
        }
        found
    }

    /// `Kementerian Luar Negeri Prancis: serangan itu tidak dapat diterima`: an actor opening the
    /// sentence before a colon says the rest.
    fn colon_attribution(&self, found: &mut Vec<Attribution>) {
        let Some(first) = self.tokens.iter().position(|t| t.kind == TokenKind::Word) else {
            return;
        };
        let Some(m) = self.mention_at(first) else { return };
        let Some(end) = self.mention(m).map(|x| x.tokens.end) else { return };
        if self.is_punct(end, &[":"]) && !self.tokens.get(end + 1).is_some_and(|t| t.kind == TokenKind::Quote) {
            found.push(Attribution {
                scope: end + 1..self.tokens.len(),
                speaker: Speaker::Mentions(vec![m]),
                quoted: false,
            });
        }
    }

    /// A bare verb of saying used as a tag (`kata`, `tambahnya`).
    pub(super) fn is_tag(&self, index: usize) -> bool {
        self.tokens
            .get(index)
            .is_some_and(|t| t.kind == TokenKind::Word && self.mention_at(index).is_none())
            && self
                .lexicon
                .stemmer
                .analyze(self.key(index))
                .is_some_and(|a| a.pattern.prefixes.is_empty() && a.pattern.suffix.is_none() && self.lexicon.is_speech(&a))
    }

    /// The speaker named after a tag at `tag`: `kata X`, `tulis Erdogan`, `demikian pernyataan tersebut`.
    pub(super) fn speaker_after_tag(&self, tag: usize) -> Speaker {
        let possessive = self.lexicon.stemmer.analyze(self.key(tag)).is_some_and(|a| a.possessive);
        if possessive {
            return Speaker::Previous;
        }
        // `demikian pernyataan G7`, `ujar keterangan resmi Pemerintah Tiongkok`: the statement's
        // issuer speaks, with a few words naming the statement between.
        let mut index = tag + 1;
        let mut statement = false;
        while index <= tag + 3 && self.mention_at(index).is_none() && self.is_plain_word(index) {
            statement |= self.is_statement_noun(index);
            index += 1;
        }
        match self.mention_at(index) {
            // `kata Menlu AS John Kerry dan Sekjen PBB Ban Ki-moon`: a joint statement.
            Some(m) if index == tag + 1 || statement => Speaker::Mentions(self.coordinated_right(m)),
            _ => Speaker::Previous,
        }
    }

    /// A noun of a verb of saying: `pernyataan`, `keterangan`.
    fn is_statement_noun(&self, index: usize) -> bool {
        self.analysis(index)
            .is_some_and(|a| !a.pattern.prefixes.is_empty() && a.pattern.suffix == Some(Suffix::An) && self.lexicon.is_speech(a))
    }

    pub(super) fn quote_attributions(&self, found: &mut Vec<Attribution>) {
        let mut index = 0;
        while index < self.tokens.len() {
            let Some(token) = self.tokens.get(index) else { break };
            if !token.in_quote {
                index += 1;
                continue;
            }
            let start = index;
            while self.tokens.get(index).is_some_and(|t| t.in_quote) {
                index += 1;
            }
            let scope = start..index;
            // After the closing mark: `," kata X`.
            let mut after = index;
            while self.tokens.get(after).is_some_and(|t| t.kind == TokenKind::Quote) || self.is_punct(after, &[","]) {
                after += 1;
            }
            let speaker = if self.is_tag(after) {
                self.speaker_after_tag(after)
            } else {
                // Before the opening mark: `X mengatakan, "..."`.
                let mut before = start;
                while before > 0
                    && (self.tokens.get(before - 1).is_some_and(|t| t.kind == TokenKind::Quote) || self.is_punct(before - 1, &[",", ":"]))
                {
                    before -= 1;
                }
                match before.checked_sub(1).and_then(|b| self.pred_ending(b)) {
                    Some(q) if self.preds.get(q).is_some_and(|p| p.kind == PredKind::Report) => {
                        let subjects = self.subject_of(q, 0);
                        if subjects.is_empty() {
                            Speaker::Untagged
                        } else {
                            Speaker::Mentions(subjects)
                        }
                    }
                    // A quoted phrase inside someone's sentence is theirs.
                    _ if (0..start).any(|i| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word)) => Speaker::Topic,
                    _ => Speaker::Untagged,
                }
            };
            found.push(Attribution {
                scope,
                speaker,
                quoted: true,
            });
        }
    }

    pub(super) fn reported_attributions(&self, found: &mut Vec<Attribution>) {
        // `<clause>, kata X`: a tag after a comma outside quotes speaks for what precedes it.
        let mut scope_start = 0;
        for index in 0..self.tokens.len() {
            if self.tokens.get(index).is_some_and(|t| t.in_quote) {
                continue;
            }
            if self.is_tag(index)
                && index >= 2
                && self.is_punct(index - 1, &[","])
                && !self.tokens.get(index - 2).is_some_and(|t| t.kind == TokenKind::Quote)
            {
                found.push(Attribution {
                    scope: scope_start..index - 1,
                    speaker: self.speaker_after_tag(index),
                    quoted: false,
                });
                scope_start = index + 1;
            }
        }
        // `X mengatakan (bahwa) ...`, `Menurut X, ...`
        for (q, pred) in self.preds.iter().enumerate() {
            if pred.kind != PredKind::Report || self.tokens.get(pred.tokens.start).is_some_and(|t| t.in_quote) {
                continue;
            }
            let mut start = pred.tokens.end;
            while self.is_punct(start, &[","]) || self.key(start) == "bahwa" {
                start += 1;
            }
            if self.tokens.get(start).is_some_and(|t| t.kind == TokenKind::Quote) {
                continue;
            }
            let subjects = self.subject_of(q, 0);
            if subjects.is_empty() {
                continue;
            }
            let end = self.next_report_start(pred.tokens.end);
            found.push(Attribution {
                scope: start..end,
                speaker: Speaker::Mentions(subjects),
                quoted: false,
            });
        }
        for index in 0..self.tokens.len() {
            if self.class(index) != Some(WordClass::Source) {
                continue;
            }
            // `Menurutnya, ...`: the one who spoke last.
            if self.is_punct(index + 1, &[","]) {
                let end = self.next_report_start(index + 2);
                found.push(Attribution {
                    scope: index + 2..end,
                    speaker: Speaker::Previous,
                    quoted: false,
                });
                continue;
            }
            let Some(m) = self.mention_at(index + 1) else { continue };
            let Some(mention) = self.mention(m) else { continue };
            if self.is_punct(mention.tokens.end, &[","]) {
                // What `menurut X,` introduces runs on through its clauses (`..., jika ...`).
                let end = self.next_report_start(mention.tokens.end + 1);
                found.push(Attribution {
                    scope: mention.tokens.end + 1..end,
                    speaker: Speaker::Mentions(vec![m]),
                    quoted: false,
                });
            }
        }
    }

    /// Where a reported stretch ends: at the next tag after a comma, or the sentence end.
    pub(super) fn next_report_start(&self, from: usize) -> usize {
        (from..self.tokens.len())
            .find(|&i| i >= 1 && self.is_tag(i) && self.is_punct(i - 1, &[","]))
            .map_or(self.tokens.len(), |i| i - 1)
    }
}
