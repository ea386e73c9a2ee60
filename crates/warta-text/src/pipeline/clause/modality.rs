//! Whether a clause is asserted: negation before its predicate, speculation, announcement by
//! a governing word (`menawarkan diri untuk`), and what an accusation alleges.

use crate::lexicon::morph::Prefix;
use crate::lexicon::{Slot, WordClass};
use crate::model::Relation;
use crate::pipeline::clause::{Pred, PredKind, Sentence};

impl Sentence<'_> {
    /// True when `subjects` are what an earlier accusation in the sentence accuses: the clause
    /// is its allegation.
    pub(super) fn alleged(&self, pred_index: usize, subjects: &[usize]) -> bool {
        if subjects.is_empty() {
            return false;
        }
        let Some(start) = self.preds.get(pred_index).map(|p| p.tokens.start) else {
            return false;
        };
        self.preds
            .iter()
            .take(pred_index)
            .filter(|q| !(q.tokens.end..start).any(|i| self.is_hard_stop(i)))
            .any(|q| {
                let accusation = q
                    .triggers
                    .iter()
                    .filter_map(|&t| self.trigger(t))
                    .any(|t| t.relation == Relation::Accuses && !t.slots.contains(&Slot::Claim));
                accusation && {
                    let accused = self.fill_slot(q, Slot::Obj, Relation::Accuses);
                    subjects.iter().all(|s| accused.contains(s))
                }
            })
    }

    /// The modifiers right before a predicate: adverbs, negation, modality, `saling`.
    pub(super) fn before_predicate(&self, start: usize) -> Vec<usize> {
        let mut found = Vec::new();
        let mut index = start;
        while index > 0 && found.len() < 5 {
            let previous = index - 1;
            let modifier = matches!(
                self.class(previous),
                Some(WordClass::Aux | WordClass::Neg | WordClass::Announce | WordClass::Hedge | WordClass::Recip)
            ) || self.key(previous) == "tanpa";
            if !modifier {
                break;
            }
            found.push(previous);
            index = previous;
        }
        found
    }

    /// `jika Israel menyerang Lebanon`: what a condition supposes is not told as done. A
    /// judgement inside it still holds (`jika kerja sama ilegal itu berlanjut`: it is illegal).
    pub(super) fn supposed(&self, pred: &Pred) -> bool {
        if pred.nominal {
            return false;
        }
        let start = self.clause_start(pred.tokens.start);
        start.checked_sub(1).is_some_and(|c| self.class(c) == Some(WordClass::Condition))
    }

    /// True when a passive verb comes next, past adverbs (`harus segera diakhiri`).
    pub(super) fn passive_follows(&self, mut index: usize) -> bool {
        while matches!(self.class(index), Some(WordClass::Aux | WordClass::Announce)) {
            index += 1;
        }
        self.analysis(index).is_some_and(|a| a.pattern.is_passive())
    }

    /// `X berharap Y akan membantu ...`: a stance hoped for is not taken (ANNOTATION.md, Rulings).
    pub(super) fn hoped_for(&self, pred: &Pred) -> bool {
        let start = pred.tokens.start;
        (self.clause_start(start)..start).any(|i| self.class(i) == Some(WordClass::Hope))
    }

    /// `meminta dukungan kepada X`, `menggalang dukungan`: a stance noun asked for is no one's
    /// stance yet.
    pub(super) fn requested(&self, pred: &Pred) -> bool {
        let mut before = pred.tokens.start;
        while before > 0 && self.class(before - 1) == Some(WordClass::Aux) {
            before -= 1;
        }
        pred.nominal && before.checked_sub(1).is_some_and(|b| self.class(b) == Some(WordClass::Request))
    }

    /// `AS menahan dana dukungan bagi Sudan`, `melepaskan perannya sebagai mediator`: a stance
    /// noun in the object of a verb of withholding is not held. Looked for leftward within the
    /// noun phrase the verb takes: up to a comma, another verb or a word that opens another predicate
    /// (`menahan diri dan menawarkan diri menjadi mediator` still offers).
    pub(super) fn withdrawn(&self, pred: &Pred) -> bool {
        // `menawarkan diri menjadi mediator` is a verb's act, whatever noun it ends in.
        let analysis = self.analysis(pred.tokens.start);
        let verb = analysis.is_some_and(|a| matches!(a.pattern.prefixes.first(), Some(Prefix::MeN | Prefix::Di | Prefix::Ber)));
        let noun = !verb && (pred.nominal || pred.agent || analysis.is_some_and(|a| a.pattern.is_nominal()));
        // A judged act is still judged when stopping it is asked (`menghentikan pelanggaran
        // oleh X`).
        if !noun || self.is_claim(pred) {
            return false;
        }
        let clause_start = self.clause_start(pred.tokens.start);
        (clause_start..pred.tokens.start)
            .rev()
            .take_while(|&i| {
                !self.is_punct(i, &[","])
                    && !matches!(
                        self.class(i),
                        Some(
                            WordClass::Announce
                                | WordClass::Copula
                                | WordClass::Conj
                                | WordClass::Condition
                                | WordClass::Hope
                                | WordClass::Request
                                | WordClass::Receive
                                | WordClass::Source
                                | WordClass::Deny
                        )
                    )
                    && !self.pred_starting(i).is_some_and(|q| {
                        self.preds
                            .get(q)
                            .is_some_and(|p| p.kind != PredKind::Copula && !p.nominal && !self.lexicon.is_withdrawal(self.key(i)))
                    })
            })
            .any(|i| self.lexicon.is_withdrawal(self.key(i)))
    }

    /// `menawarkan diri untuk`, `kesiapan X untuk`, `berjanji untuk`: the act after is announced.
    pub(super) fn announced_by_governor(&self, pred: &Pred) -> bool {
        let start = pred.tokens.start;
        // Within the clause only: `akan membayar mahal karena melakukan ...` announces the payment,
        // not the act it is for.
        let window = start.saturating_sub(6).max(self.clause_start(start))..start;
        window.into_iter().any(|i| self.class(i) == Some(WordClass::Announce))
    }
}
