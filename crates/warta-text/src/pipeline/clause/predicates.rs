//! Predicates of a sentence: trigger words (roots in their affix forms, fixed phrases),
//! verbs of saying, other verbs and copulas; and whether a trigger's required words follow it.

use crate::lexicon::morph::{AffixPattern, Prefix, Suffix};
use crate::lexicon::{PatternWord, Slot, Trigger, TriggerKey, WordClass};
use crate::pipeline::clause::{Pred, PredKind, Sentence};
use crate::pipeline::segment::TokenKind;

impl Sentence<'_> {
    pub(super) fn find_predicates(&self) -> Vec<Pred> {
        let mut preds: Vec<Pred> = Vec::new();
        for (index, token) in self.tokens.iter().enumerate() {
            if token.kind != TokenKind::Word || self.mention_at(index).is_some() {
                continue;
            }
            // A word inside a fixed phrase that opens with a negation is the phrase's (`tidak akan
            // membiarkan siapa pun mengancam X` backs X; its `mengancam` threatens nobody).
            let negated_phrase =
                |p: &Pred| p.tokens.start < index && index < p.tokens.end && self.class(p.tokens.start) == Some(WordClass::Neg);
            if preds.iter().any(|p| p.kind == PredKind::Trigger && negated_phrase(p)) {
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
            // News and headlines drop meN- (`RI kecam Israel`, `AS lancarkan serangan`): a verb
            // without its prefix, after a subject or an auxiliary, or with -kan or -i, is read
            // as the active verb it stands for.
            let with_pattern = |pattern: &AffixPattern| -> Vec<usize> {
                self.lexicon
                    .triggers_for_root(&analysis.root)
                    .filter(|(_, t)| matches!(&t.key, TriggerKey::Root { forms, .. } if forms.contains(pattern)))
                    .map(|(i, _)| i)
                    .collect()
            };
            let mut triggers = with_pattern(&analysis.pattern);
            let mut pattern = &analysis.pattern;
            // A function word (`tentang`, `atas`) is never a verb stripped of meN-.
            let informal = self
                .class(index)
                .is_none()
                .then(|| self.informal_active(index, &analysis.pattern))
                .flatten();
            if let Some(active) = informal.as_ref().filter(|_| triggers.is_empty()) {
                triggers = with_pattern(active);
                if !triggers.is_empty() {
                    pattern = active;
                }
            }
            // A bare stance word after its subject is its verb (`Jepang protes Tiongkok`); a bare
            // judgement word (`harus`, `ilegal`) stays what it is.
            let bare_verb = informal.is_some()
                && !triggers.is_empty()
                && triggers
                    .iter()
                    .filter_map(|&t| self.trigger(t))
                    .all(|t| !t.slots.contains(&Slot::Claim));
            let verbal = bare_verb
                || pattern
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

    /// The active (meN-) pattern a prefixless verb stands for, when its place says it is a verb:
    /// it carries -kan or -i, or follows a subject or an auxiliary (`akan`, `sudah`, `tidak`).
    /// A bare root elsewhere is a noun (`kritik Rusia`).
    fn informal_active(&self, index: usize, pattern: &AffixPattern) -> Option<AffixPattern> {
        // `peringatkan` is memperingatkan without meN-: per- may stay.
        let without_men = pattern.prefixes.is_empty() || pattern.prefixes == [Prefix::Per];
        if !without_men || pattern.suffix == Some(Suffix::An) {
            return None;
        }
        let verb_suffix = matches!(pattern.suffix, Some(Suffix::Kan | Suffix::I));
        let mut before = index;
        while before > 0 && matches!(self.class(before - 1), Some(WordClass::Aux | WordClass::Neg | WordClass::Announce)) {
            before -= 1;
        }
        // `menolak (keras) invasi X`: after a verb that negates (menolak), a bare word is its
        // object noun.
        if (before..index).any(|i| self.has_prefix(i, Prefix::MeN)) {
            return None;
        }
        let after_auxiliary = before < index;
        let after_subject = before.checked_sub(1).is_some_and(|b| self.mention_at(b).is_some());
        (verb_suffix || after_auxiliary || after_subject).then(|| AffixPattern {
            prefixes: std::iter::once(Prefix::MeN).chain(pattern.prefixes.iter().copied()).collect(),
            suffix: pattern.suffix,
        })
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
        let mut end = self.clause_end(pred.tokens.end);
        // What is said is part of the saying: `mengatakan kepada X bahwa Y harus ...` appeals.
        if self.key(end) == "bahwa" {
            end = self.clause_end(end + 1);
        }
        let follows = |words: &[PatternWord]| (pred.tokens.end..end).any(|i| words.iter().any(|w| self.word_matches(i, w)));
        (trigger.requires.is_empty() || follows(&trigger.requires)) && !follows(&trigger.excludes)
    }
}
