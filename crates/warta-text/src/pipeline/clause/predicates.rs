//! Predicates of a sentence: trigger words (roots in their affix forms, fixed phrases),
//! verbs of saying, other verbs and copulas; and whether a trigger's required words follow it.

use crate::lexicon::morph::{Prefix, Suffix};
use crate::lexicon::{PatternWord, Trigger, TriggerKey, WordClass};
use crate::pipeline::clause::{Pred, PredKind, Sentence};
use crate::pipeline::segment::TokenKind;

impl Sentence<'_> {
    pub(super) fn find_predicates(&self) -> Vec<Pred> {
        let mut preds: Vec<Pred> = Vec::new();
        for (index, token) in self.tokens.iter().enumerate() {
            if token.kind != TokenKind::Word || self.mention_at(index).is_some() {
                continue;
            }
            for (trigger_index, length) in self.phrase_triggers_at(index) {
                // A phrase with several relations is one predicate carrying each of them.
                match preds.iter_mut().find(|p| p.tokens == (index..index + length)) {
                    Some(pred) => pred.triggers.push(trigger_index),
                    None => preds.push(Pred {
                        tokens: index..index + length,
                        kind: PredKind::Trigger,
                        triggers: vec![trigger_index],
                        nominal: false,
                        agent: false,
                        passive: false,
                    }),
                }
            }
            if preds.iter().any(|p| p.tokens.start == index) {
                continue;
            }
            if self.class(index) == Some(WordClass::Copula) {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Copula,
                    triggers: Vec::new(),
                    nominal: false,
                    agent: false,
                    passive: false,
                });
                continue;
            }
            let Some(analysis) = self.analysis(index) else { continue };
            let triggers: Vec<usize> = self
                .lexicon
                .triggers_for_root(&analysis.root)
                .filter(|(_, t)| matches!(&t.key, TriggerKey::Root { forms, .. } if forms.contains(&analysis.pattern)))
                .map(|(i, _)| i)
                .collect();
            let verbal = analysis
                .pattern
                .prefixes
                .first()
                .is_some_and(|p| matches!(p, Prefix::MeN | Prefix::Di | Prefix::Ber));
            let nominal = !verbal
                && (analysis.pattern.suffix == Some(Suffix::An)
                    || analysis.pattern.prefixes.first() == Some(&Prefix::PeN)
                    || analysis.pattern.prefixes.first() == Some(&Prefix::Per)
                    || analysis.pattern.prefixes.is_empty());
            let passive = analysis.pattern.is_passive();
            let agent = analysis.pattern.prefixes.first() == Some(&Prefix::PeN) && analysis.pattern.suffix.is_none();
            // `mengatakan` both reports and, with `kepada X agar`, appeals. A bare verb of saying
            // or believing reports too when `bahwa` follows it (`Indonesia percaya bahwa ...`).
            let reports = verbal || (analysis.pattern.prefixes.is_empty() && self.key(index + 1) == "bahwa");
            if reports && self.lexicon.is_speech(analysis) {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Report,
                    triggers,
                    nominal: false,
                    agent: false,
                    passive,
                });
            } else if !triggers.is_empty() {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Trigger,
                    triggers,
                    nominal,
                    agent,
                    passive,
                });
            } else if verbal && self.class(index).is_none() {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Verb,
                    triggers: Vec::new(),
                    nominal: false,
                    agent: false,
                    passive,
                });
            }
        }
        preds.sort_by(|a, b| a.tokens.start.cmp(&b.tokens.start).then(b.tokens.end.cmp(&a.tokens.end)));
        preds
    }

    /// Phrase triggers starting at `index`, with their length in tokens.
    pub(super) fn phrase_triggers_at(&self, index: usize) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        let key = self.key(index);
        let root = self.analysis(index).map(|a| a.root.as_str());
        for (trigger_index, trigger) in self.lexicon.phrase_triggers_starting(key, root) {
            let TriggerKey::Phrase(words) = &trigger.key else { continue };
            // A quotation mark may stand inside the phrase (`sebagai “terorisme ...”`).
            let mut position = index;
            let mut matches = true;
            for (n, word) in words.iter().enumerate() {
                while n > 0 && self.tokens.get(position).is_some_and(|t| t.kind == TokenKind::Quote) {
                    position += 1;
                }
                if !self.word_matches(position, word) {
                    matches = false;
                    break;
                }
                position += 1;
            }
            if matches {
                found.push((trigger_index, position - index));
            }
        }
        found
    }

    pub(super) fn word_matches(&self, index: usize, word: &PatternWord) -> bool {
        let Some(token) = self.tokens.get(index) else { return false };
        if self.mention_at(index).is_some() {
            return false;
        }
        match word {
            PatternWord::Exact(w) => token.key == *w,
            PatternWord::Root(root) => self.analysis(index).is_some_and(|a| a.root == *root),
            PatternWord::AnyOf(words) => words.iter().any(|w| self.word_matches(index, w)),
        }
    }

    pub(super) fn requirements_met(&self, pred: &Pred, trigger: &Trigger) -> bool {
        let end = self.clause_end(pred.tokens.end);
        let follows = |words: &[PatternWord]| (pred.tokens.end..end).any(|i| words.iter().any(|w| self.word_matches(i, w)));
        (trigger.requires.is_empty() || follows(&trigger.requires)) && !follows(&trigger.excludes)
    }
}
