//! A sentence with its mentions → clauses: a trigger, who does it, to whom, negation,
//! modality, and who says it.
//!
//! Indonesian is subject–verb–object, so the subject is looked for on the left and the party on
//! the right, along the grammar of the language rather than of any one sentence:
//! - a subject is skipped over when it sits in a prepositional phrase (`dengan X`) or a relative
//!   clause (`Iran yang berbatasan dengan Armenia, menawarkan ...`);
//! - coordinated predicates share their subject (`menyalahkan X ... dan menjanjikan ...`);
//! - after `untuk`/`agar`, an appeal's addressee becomes the subject (`mendesak X untuk
//!   mendukung Y`: X supports), any other verb keeps its own (`memanggil X untuk mendesak Y`);
//! - a nominal trigger takes its subject from a genitive or `dari X` (`kecaman dari Uni Eropa`);
//! - the passive swaps the roles (`Azerbaijan didukung oleh Turki`);
//! - a clause opened by a participle borrows the main subject (`Mengutuk ..., Guterres meminta`).
//!
//! Who speaks comes from quote tags (`"...," kata X`), reporting verbs (`X mengatakan bahwa`),
//! and `menurut X`. A claim (`"X adalah ilegal," kata Y`) is a stance of the speaker.
//!
//! Owns: clause structure within one sentence. Must not: look at other sentences or resolve
//! references; that is the discourse stage's job.

use std::ops::Range;

use crate::lexicon::{Analysis, Lexicon, PatternWord, Slot, Trigger, TriggerKey, WordClass};
use crate::model::Relation;
use crate::pipeline::mention::{Mention, Role};
use crate::pipeline::segment::{Token, TokenKind};

/// One stance found in a sentence, before references are resolved.
#[derive(Debug, Clone, PartialEq)]
pub struct Clause {
    /// Index into `Lexicon::triggers`.
    pub trigger: usize,
    pub relation: Relation,
    /// The trigger's tokens.
    pub tokens: Range<usize>,
    /// Mention indexes of who acts (for a claim: whose act the speaker judges).
    pub subjects: Vec<usize>,
    /// Mention indexes of the party.
    pub objects: Vec<usize>,
    /// No party was named: the relation is toward the parties of the article's conflict.
    pub toward_parties: bool,
    /// The speaker is the one who takes the stance (`"X adalah ilegal," kata Y`).
    pub claim: bool,
    /// `saling menuduh`: every subject toward every other.
    pub reciprocal: bool,
    pub negated: bool,
    /// Speculation (`mungkin`): not a stance.
    pub hedged: bool,
    /// Planned or promised (`akan`, `siap`).
    pub announced: bool,
    /// Index into `SentenceClauses::attributions` of who says the clause.
    pub attribution: Option<usize>,
    pub confidence: f32,
    pub rule: &'static str,
}

/// Who says a stretch of the sentence.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub scope: Range<usize>,
    pub speaker: Speaker,
    /// The stretch is a direct quotation.
    pub quoted: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Speaker {
    /// Named in the sentence (mention indexes; several when coordinated).
    Mentions(Vec<usize>),
    /// A tag with no name (`katanya`, `tambahnya`, `kata juru bicaranya`): whoever spoke last.
    Previous,
    /// A quote with no tag: the speaker of the paragraph.
    Untagged,
    /// A quoted phrase inside a sentence with no tag: the sentence's subject.
    Topic,
}

/// An act narrated in the sentence, kept so that `pasukan pendudukan` can later find who occupied.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Event {
    pub root: String,
    pub agents: Vec<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceClauses {
    pub clauses: Vec<Clause>,
    pub attributions: Vec<Attribution>,
    pub events: Vec<Event>,
    /// Mention indexes of the sentence's first subject: who the sentence is about, which later
    /// pronouns and `pihaknya` fall back on.
    pub topic: Vec<usize>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum PredKind {
    Trigger,
    /// A verb of saying with a prefix (`mengatakan`): reports its subject's words.
    Report,
    Verb,
    Copula,
}

#[derive(Debug, Clone)]
struct Pred {
    tokens: Range<usize>,
    kind: PredKind,
    triggers: Vec<usize>,
    nominal: bool,
    passive: bool,
}

/// How far left the subject may be, counting ordinary words (nouns, adverbs the lexicon lacks).
const MAX_SKIPPED_WORDS: usize = 3;
/// Bound on the recursion through coordinated and governing predicates.
const MAX_DEPTH: usize = 8;

pub fn analyze(tokens: &[Token], mentions: &[Mention], lexicon: &Lexicon) -> SentenceClauses {
    let mention_of = mention_index(tokens.len(), mentions);
    let analyses: Vec<Option<Analysis>> = tokens
        .iter()
        .zip(&mention_of)
        .map(|(t, m)| {
            if t.kind == TokenKind::Word && m.is_none() {
                lexicon.stemmer.analyze(&t.key)
            } else {
                None
            }
        })
        .collect();
    let mut sentence = Sentence {
        tokens,
        mentions,
        lexicon,
        mention_of,
        analyses,
        preds: Vec::new(),
    };
    sentence.preds = sentence.find_predicates();
    sentence.clauses()
}

fn mention_index(n_tokens: usize, mentions: &[Mention]) -> Vec<Option<usize>> {
    let mut index = vec![None; n_tokens];
    for (m, mention) in mentions.iter().enumerate() {
        for slot in index.iter_mut().take(mention.tokens.end).skip(mention.tokens.start) {
            *slot = Some(m);
        }
    }
    index
}

struct Sentence<'a> {
    tokens: &'a [Token],
    mentions: &'a [Mention],
    lexicon: &'a Lexicon,
    mention_of: Vec<Option<usize>>,
    analyses: Vec<Option<Analysis>>,
    preds: Vec<Pred>,
}

impl Sentence<'_> {
    fn key(&self, index: usize) -> &str {
        self.tokens.get(index).map_or("", |t| t.key.as_str())
    }

    fn class(&self, index: usize) -> Option<WordClass> {
        self.tokens
            .get(index)
            .filter(|t| t.kind == TokenKind::Word)
            .and_then(|t| self.lexicon.word_class(&t.key))
    }

    fn analysis(&self, index: usize) -> Option<&Analysis> {
        self.analyses.get(index).and_then(Option::as_ref)
    }

    fn mention_at(&self, index: usize) -> Option<usize> {
        self.mention_of.get(index).copied().flatten()
    }

    fn mention(&self, index: usize) -> Option<&Mention> {
        self.mentions.get(index)
    }

    fn is_punct(&self, index: usize, marks: &[&str]) -> bool {
        self.tokens
            .get(index)
            .is_some_and(|t| t.kind == TokenKind::Punct && marks.contains(&t.key.as_str()))
    }

    fn is_hard_stop(&self, index: usize) -> bool {
        self.is_punct(index, &[".", "!", "?", ";", ":"])
    }

    fn pred_starting(&self, index: usize) -> Option<usize> {
        self.preds.iter().position(|p| p.tokens.start == index)
    }

    fn pred_ending(&self, index: usize) -> Option<usize> {
        self.preds.iter().rposition(|p| p.tokens.end == index + 1)
    }

    fn pred_covering(&self, index: usize) -> Option<usize> {
        self.preds.iter().position(|p| p.tokens.contains(&index))
    }

    fn trigger(&self, index: usize) -> Option<&Trigger> {
        self.lexicon.triggers.get(index)
    }

    fn pred_relation(&self, pred: &Pred) -> Option<Relation> {
        pred.triggers.first().and_then(|&t| self.trigger(t)).map(|t| t.relation)
    }

    // ---- predicates ----------------------------------------------------------------------

    fn find_predicates(&self) -> Vec<Pred> {
        let mut preds: Vec<Pred> = Vec::new();
        for (index, token) in self.tokens.iter().enumerate() {
            if token.kind != TokenKind::Word || self.mention_at(index).is_some() {
                continue;
            }
            for (trigger_index, length) in self.phrase_triggers_at(index) {
                preds.push(Pred {
                    tokens: index..index + length,
                    kind: PredKind::Trigger,
                    triggers: vec![trigger_index],
                    nominal: false,
                    passive: false,
                });
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
            let verbal = analysis.pattern.prefixes.first().is_some_and(|p| {
                matches!(
                    p,
                    crate::lexicon::morph::Prefix::MeN | crate::lexicon::morph::Prefix::Di | crate::lexicon::morph::Prefix::Ber
                )
            });
            let nominal = !verbal
                && (analysis.pattern.suffix == Some(crate::lexicon::morph::Suffix::An)
                    || analysis.pattern.prefixes.first() == Some(&crate::lexicon::morph::Prefix::PeN)
                    || analysis.pattern.prefixes.first() == Some(&crate::lexicon::morph::Prefix::Per)
                    || analysis.pattern.prefixes.is_empty());
            let passive = analysis.pattern.is_passive();
            // `mengatakan` both reports and, with `kepada X agar`, appeals.
            if verbal && self.lexicon.is_speech(analysis) {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Report,
                    triggers,
                    nominal: false,
                    passive,
                });
            } else if !triggers.is_empty() {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Trigger,
                    triggers,
                    nominal,
                    passive,
                });
            } else if verbal && self.class(index).is_none() {
                preds.push(Pred {
                    tokens: index..index + 1,
                    kind: PredKind::Verb,
                    triggers: Vec::new(),
                    nominal: false,
                    passive,
                });
            }
        }
        preds.sort_by(|a, b| a.tokens.start.cmp(&b.tokens.start).then(b.tokens.end.cmp(&a.tokens.end)));
        preds
    }

    /// Phrase triggers starting at `index`, with their length in tokens.
    fn phrase_triggers_at(&self, index: usize) -> Vec<(usize, usize)> {
        let mut found = Vec::new();
        for (trigger_index, trigger) in self.lexicon.phrase_triggers() {
            let TriggerKey::Phrase(words) = &trigger.key else { continue };
            let matches = words
                .iter()
                .enumerate()
                .all(|(offset, word)| self.word_matches(index + offset, word));
            if matches {
                found.push((trigger_index, words.len()));
            }
        }
        found
    }

    fn word_matches(&self, index: usize, word: &PatternWord) -> bool {
        let Some(token) = self.tokens.get(index) else { return false };
        if self.mention_at(index).is_some() {
            return false;
        }
        match word {
            PatternWord::Exact(w) => token.key == *w,
            PatternWord::Root(root) => self.lexicon.stemmer.analyze(&token.key).is_some_and(|a| a.root == *root),
        }
    }

    // ---- clauses -------------------------------------------------------------------------

    fn clauses(&self) -> SentenceClauses {
        let attributions = self.attributions();
        let topic = (0..self.preds.len())
            .filter(|&p| self.preds.get(p).is_some_and(|pred| pred.kind != PredKind::Copula))
            .map(|p| self.subject_of(p, 0))
            .find(|subjects| !subjects.is_empty())
            .unwrap_or_default();
        let mut result = SentenceClauses {
            attributions,
            topic,
            ..SentenceClauses::default()
        };
        for (pred_index, pred) in self.preds.iter().enumerate() {
            for &trigger_index in &pred.triggers {
                let Some(trigger) = self.trigger(trigger_index) else { continue };
                if !self.requirements_met(pred, trigger) {
                    continue;
                }
                if let Some(clause) = self.clause(pred_index, pred, trigger_index, trigger, &result.attributions) {
                    // A hostile act, narrated or claimed, is remembered for `serangan itu` and
                    // `pasukan pendudukan`; only a claim someone makes is a stance.
                    if clause.claim && clause.relation == Relation::Accuses {
                        if let TriggerKey::Root { root, .. } = &trigger.key {
                            result.events.push(Event {
                                root: root.clone(),
                                agents: clause.subjects.clone(),
                            });
                        }
                    }
                    if clause.claim && clause.attribution.is_none() {
                        continue;
                    }
                    result.clauses.push(clause);
                }
            }
        }
        result
    }

    fn requirements_met(&self, pred: &Pred, trigger: &Trigger) -> bool {
        if trigger.requires.is_empty() {
            return true;
        }
        let end = self.clause_end(pred.tokens.end);
        (pred.tokens.end..end).any(|i| trigger.requires.iter().any(|w| self.word_matches(i, w)))
    }

    fn clause(
        &self,
        pred_index: usize,
        pred: &Pred,
        trigger_index: usize,
        trigger: &Trigger,
        attributions: &[Attribution],
    ) -> Option<Clause> {
        let claim = trigger.slots.contains(&Slot::Claim);
        let (subjects, mut objects, mut toward_parties, mut rule);
        toward_parties = false;
        objects = Vec::new();
        // `dibentuk untuk menemukan solusi damai`: a trigger whose party is the conflict's sides
        // has its actor in the subject, passive or not.
        let toward_sides_only = trigger.slots.iter().all(|slot| *slot == Slot::Parties);
        if pred.passive && !claim && !toward_sides_only {
            // `X didukung (oleh) Y`: Y acts on X.
            objects = self.subject_of(pred_index, 0);
            let mut after = pred.tokens.end;
            if self.key(after) == "oleh" {
                after += 1;
            }
            subjects = self.noun_phrase_actors(after, trigger.relation, false);
            rule = "passive";
        } else {
            if let Some(genitive) = self.nominal_subject(pred, trigger) {
                subjects = genitive;
                rule = "nominal";
            } else {
                subjects = self.subject_of(pred_index, 0);
                rule = "active";
            }
            if !claim {
                for slot in &trigger.slots {
                    let found = self.fill_slot(pred, *slot, trigger.relation);
                    if *slot == Slot::Parties {
                        toward_parties = true;
                        break;
                    }
                    if !found.is_empty() {
                        objects = found;
                        break;
                    }
                }
            }
        }
        let reciprocal = self
            .before_predicate(pred.tokens.start)
            .iter()
            .any(|&i| self.class(i) == Some(WordClass::Recip));
        if claim {
            rule = "claim";
        }
        if reciprocal {
            rule = "reciprocal";
        }
        let attribution = attributions
            .iter()
            .enumerate()
            .filter(|(_, a)| a.scope.contains(&pred.tokens.start))
            .min_by_key(|(_, a)| a.scope.len())
            .map(|(i, _)| i);
        let modifiers = self.before_predicate(pred.tokens.start);
        // `menolak untuk mengutuk`, `enggan untuk mendukung`: a refusal governs the act after it.
        let refused = pred.tokens.start >= 2
            && self.class(pred.tokens.start - 1) == Some(WordClass::Purpose)
            && self.class(pred.tokens.start - 2) == Some(WordClass::Neg);
        // `membantah (tuduhan) bahwa X mendukung Y`: what is denied is not asserted.
        let denied = (0..pred.tokens.start).rev().take_while(|&i| !self.is_hard_stop(i)).any(|i| {
            self.key(i) == "bahwa"
                && (0..i)
                    .rev()
                    .take_while(|&j| !self.is_hard_stop(j))
                    .any(|j| self.class(j) == Some(WordClass::Deny))
        });
        let negated = denied
            || refused
            || modifiers
                .iter()
                .any(|&i| self.class(i) == Some(WordClass::Neg) || (self.key(i) == "tanpa" && !pred.nominal));
        let hedged = modifiers.iter().any(|&i| self.class(i) == Some(WordClass::Hedge));
        let announced = modifiers.iter().any(|&i| self.class(i) == Some(WordClass::Announce)) || self.announced_by_governor(pred);
        // `"Iran akan menyerang Israel," kata X` is a threat by Iran, not X accusing Iran of an act.
        // `X akan menyerang Y`, `pasukannya akan terus menyerang Y`: an announced hostile act is
        // a threat by its agent, whoever reports it, not an accusation.
        let (relation, claim, objects, rule) = if claim && announced && trigger.relation == Relation::Accuses {
            (Relation::Warns, false, self.fill_slot(pred, Slot::Obj, Relation::Warns), "threat")
        } else {
            (trigger.relation, claim, objects, rule)
        };
        // `menuduh UEA mendukung RSF`: what an accusation alleges is not asserted.
        if !claim && self.alleged(pred_index, &subjects) {
            return None;
        }
        let useful = claim || reciprocal || toward_parties || !objects.is_empty();
        if !useful || (subjects.is_empty() && !claim) {
            return None;
        }
        Some(Clause {
            trigger: trigger_index,
            relation,
            tokens: pred.tokens.clone(),
            subjects,
            objects,
            toward_parties,
            claim,
            reciprocal,
            negated,
            hedged,
            announced,
            attribution,
            confidence: trigger.confidence,
            rule,
        })
    }

    /// True when `subjects` are what an earlier accusation in the sentence accuses: the clause
    /// is its allegation.
    fn alleged(&self, pred_index: usize, subjects: &[usize]) -> bool {
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
    fn before_predicate(&self, start: usize) -> Vec<usize> {
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

    /// `menawarkan diri untuk`, `kesiapan X untuk`, `berjanji untuk`: the act after is announced.
    fn announced_by_governor(&self, pred: &Pred) -> bool {
        let start = pred.tokens.start;
        // Within the clause only: `akan membayar mahal karena melakukan ...` announces the payment,
        // not the act it is for.
        let window = start.saturating_sub(6).max(self.clause_start(start))..start;
        window.into_iter().any(|i| self.class(i) == Some(WordClass::Announce))
    }

    // ---- subjects ------------------------------------------------------------------------

    /// `dukungan penuh Turki untuk ...`, `kecaman dari Uni Eropa`: the subject of a nominal trigger.
    fn nominal_subject(&self, pred: &Pred, trigger: &Trigger) -> Option<Vec<usize>> {
        if !pred.nominal || trigger.slots.contains(&Slot::Of) || trigger.slots.contains(&Slot::Claim) {
            return None;
        }
        for index in pred.tokens.end..pred.tokens.end + 2 {
            if let Some(m) = self.mention_at(index) {
                return (self.mention(m)?.tokens.start == index).then(|| self.coordinated_right(m));
            }
            if self.key(index) == "dari" {
                let m = self.mention_at(index + 1)?;
                return Some(self.coordinated_right(m));
            }
            if self.class(index).is_some() || self.tokens.get(index).is_none_or(|t| t.kind != TokenKind::Word) {
                return None;
            }
        }
        None
    }

    /// The subject of predicate `pred_index`, scanning left (see the module documentation).
    fn subject_of(&self, pred_index: usize, depth: usize) -> Vec<usize> {
        let Some(pred) = self.preds.get(pred_index) else {
            return Vec::new();
        };
        if depth > MAX_DEPTH {
            return Vec::new();
        }
        // `X ... dengan mengatakan, ...`, `sambil menyerukan`: a manner clause shares the main subject.
        if matches!(self.key(pred.tokens.start.wrapping_sub(1)), "dengan" | "sambil" | "seraya") && !pred.nominal {
            if let Some(main) = (0..pred_index).find(|&p| {
                self.preds
                    .get(p)
                    .is_some_and(|x| x.kind != PredKind::Copula && self.relative_pronoun_before(x).is_none())
            }) {
                let subjects = self.subject_of(main, depth + 1);
                if !subjects.is_empty() {
                    return subjects;
                }
            }
        }
        let mut index = pred.tokens.start;
        let mut skipped_words: usize = 0;
        let mut passed_purpose = false;
        let mut passed_coordination = false;
        let mut held: Option<usize> = None;
        while index > 0 {
            let at = index - 1;
            if self.is_hard_stop(at) {
                break;
            }
            if let Some(m) = self.mention_at(at) {
                let Some(mention) = self.mention(m) else { break };
                let first = self.conjunct_start(m);
                let first_start = self.mention(first).map_or(mention.tokens.start, |f| f.tokens.start);
                if self.in_prepositional_phrase(first_start) {
                    index = first_start.saturating_sub(1);
                    continue;
                }
                if passed_coordination {
                    if let Some(governor) = self.governing_predicate(first_start) {
                        return self.subject_of(governor, depth + 1);
                    }
                }
                if passed_purpose {
                    // Hold it: the predicate further left decides between control and purpose.
                    held.get_or_insert(m);
                    index = first_start;
                    continue;
                }
                return self.coordinated_left(m);
            }
            if let Some(q) = self.pred_ending(at) {
                let Some(governor) = self.preds.get(q) else { break };
                // `situasi yang memburuk ... mengatakan`: a verb of a relative clause governs
                // nothing outside it; go on before its head noun.
                if let Some(pronoun) = self.relative_pronoun_before(governor) {
                    index = pronoun;
                    skipped_words = skipped_words.saturating_sub(2);
                    continue;
                }
                match governor.kind {
                    PredKind::Copula => {
                        index = governor.tokens.start;
                        continue;
                    }
                    _ if passed_purpose && self.pred_relation(governor) == Some(Relation::Urges) => {
                        // Control: `mendesak X untuk mendukung Y` — X supports.
                        if let Some(addressee) = held {
                            return self.coordinated_left(addressee);
                        }
                        return self.subject_of(q, depth + 1);
                    }
                    _ => return self.subject_of(q, depth + 1),
                }
            }
            match self.class(at) {
                Some(WordClass::Purpose) => passed_purpose = true,
                Some(WordClass::Coord) => passed_coordination = true,
                // `resolusi yang mengecam Rusia`: a relative clause's subject is its head noun,
                // which must be an actor (`Turki yang merupakan sekutu ...`).
                Some(WordClass::Rel) if self.only_modifiers_between(at + 1, pred.tokens.start) => {
                    let mut head_end = at;
                    if head_end > 0 && self.is_punct(head_end - 1, &[","]) {
                        head_end -= 1;
                    }
                    return head_end
                        .checked_sub(1)
                        .and_then(|h| self.mention_at(h))
                        .map(|m| self.coordinated_left(m))
                        .unwrap_or_default();
                }
                Some(
                    WordClass::Rel
                    | WordClass::Aux
                    | WordClass::Neg
                    | WordClass::Announce
                    | WordClass::Hedge
                    | WordClass::Recip
                    | WordClass::Det
                    | WordClass::Copula,
                ) => {}
                Some(WordClass::Prep | WordClass::Conj | WordClass::Source | WordClass::Deny) => {}
                None => {
                    let token = self.tokens.get(at);
                    if self.is_punct(at, &[","]) {
                        if let Some(head) = self.relative_head(at) {
                            return self.coordinated_left(head);
                        }
                        passed_coordination = true;
                    } else if token.is_some_and(|t| t.kind == TokenKind::Word) {
                        skipped_words += 1;
                        if skipped_words > MAX_SKIPPED_WORDS && !pred.nominal && !passed_purpose {
                            break;
                        }
                    }
                }
            }
            index = at;
        }
        if let Some(addressee) = held {
            return self.coordinated_left(addressee);
        }
        self.fronted_subject(pred)
    }

    /// True when only modifiers and copulas stand in `start..end`.
    fn only_modifiers_between(&self, start: usize, end: usize) -> bool {
        (start..end).all(|i| {
            matches!(
                self.class(i),
                Some(WordClass::Aux | WordClass::Neg | WordClass::Announce | WordClass::Hedge | WordClass::Copula)
            ) || self
                .pred_covering(i)
                .is_some_and(|p| self.preds.get(p).is_some_and(|x| x.kind == PredKind::Copula))
        })
    }

    /// `Mengutuk ..., Guterres meminta`: a predicate opening the sentence takes the subject of
    /// the main clause after the first comma.
    fn fronted_subject(&self, pred: &Pred) -> Vec<usize> {
        let opens_sentence =
            (0..pred.tokens.start).all(|i| self.tokens.get(i).is_some_and(|t| t.kind != TokenKind::Word) || self.class(i).is_some());
        if !opens_sentence {
            return Vec::new();
        }
        let mut index = pred.tokens.end;
        while index < self.tokens.len() && !self.is_hard_stop(index) {
            if self.is_punct(index, &[","]) {
                if let Some(m) = self.mention_at(index + 1) {
                    return self.coordinated_right(m);
                }
            }
            index += 1;
        }
        Vec::new()
    }

    /// True when a preposition opens the phrase that starts at `start`.
    /// `oleh X` names the agent of an act (`penembakan oleh pasukan Armenia`) and is no place to skip.
    fn in_prepositional_phrase(&self, start: usize) -> bool {
        let mut index = start;
        while index > 0 && self.class(index - 1) == Some(WordClass::Det) {
            index -= 1;
        }
        index > 0 && matches!(self.class(index - 1), Some(WordClass::Prep | WordClass::Source)) && self.key(index - 1) != "oleh"
    }

    /// The `yang` that opens the relative clause predicate `q` belongs to, if it is one.
    fn relative_pronoun_before(&self, q: &Pred) -> Option<usize> {
        let mut index = q.tokens.start;
        while index > 0 {
            let at = index - 1;
            match self.class(at) {
                Some(WordClass::Rel) => return Some(at),
                Some(WordClass::Aux | WordClass::Neg | WordClass::Announce | WordClass::Hedge) => index = at,
                _ => return None,
            }
        }
        None
    }

    /// `X yang ... , pred`: the head before the relative pronoun, found from the closing comma.
    fn relative_head(&self, comma: usize) -> Option<usize> {
        let mut index = comma;
        let mut steps = 0;
        while index > 0 && steps < 20 {
            index -= 1;
            steps += 1;
            if self.is_hard_stop(index) {
                return None;
            }
            if self.class(index) == Some(WordClass::Rel) {
                let mut before = index;
                if before > 0 && self.is_punct(before - 1, &[","]) {
                    before -= 1;
                }
                let head = self.mention_at(before.checked_sub(1)?)?;
                let head_start = self.mention(head)?.tokens.start;
                return (!self.in_prepositional_phrase(head_start)).then_some(head);
            }
        }
        None
    }

    /// The predicate whose object is the phrase starting at `start`, when nothing but modifiers
    /// and noun words stand between them.
    fn governing_predicate(&self, start: usize) -> Option<usize> {
        let mut index = start;
        let mut words = 0;
        while index > 0 && words <= 2 {
            let at = index - 1;
            if let Some(q) = self.pred_ending(at) {
                return (self.preds.get(q)?.kind != PredKind::Copula).then_some(q);
            }
            match self.class(at) {
                Some(WordClass::Aux | WordClass::Det) => {}
                Some(WordClass::Prep) => {}
                Some(_) => return None,
                None if self.tokens.get(at).is_some_and(|t| t.kind == TokenKind::Word) && self.mention_at(at).is_none() => words += 1,
                None => return None,
            }
            index = at;
        }
        None
    }

    /// The first mention of the coordination `X, Y dan Z` that `m` belongs to.
    fn conjunct_start(&self, m: usize) -> usize {
        let mut first = m;
        while let Some(previous) = self.previous_conjunct(first) {
            first = previous;
        }
        first
    }

    fn previous_conjunct(&self, m: usize) -> Option<usize> {
        let start = self.mention(m)?.tokens.start;
        let mut index = start;
        let mut coordinator = false;
        let mut conjunction = false;
        let mut words = 0;
        while index > 0 {
            let at = index - 1;
            if let Some(previous) = self.mention_at(at) {
                return coordinator.then_some(previous);
            }
            if self.class(at) == Some(WordClass::Coord) || self.is_punct(at, &[","]) {
                let comma = self.is_punct(at, &[","]);
                // `X, serta Y` has a comma and a conjunction; `X, , Y` is no list.
                if coordinator && comma && !conjunction {
                    return None;
                }
                // `dengan Jepang, Korea Selatan mengutuk`: a comma alone joins a list only when a
                // conjunction closes it further on (`X, Y dan Z`).
                if comma && !conjunction && !self.list_continues_after(m) {
                    return None;
                }
                conjunction |= !comma;
                coordinator = true;
            } else if !coordinator
                && self.tokens.get(at).is_some_and(|t| t.kind == TokenKind::Word)
                && self.class(at).is_none()
                && self.pred_covering(at).is_none()
                && words < 2
            {
                // `resolusi Dewan Keamanan PBB dan dua resolusi Majelis Umum PBB`: the head nouns
                // of this conjunct stand between the conjunction and its actor.
                words += 1;
            } else {
                return None;
            }
            index = at;
        }
        None
    }

    fn coordinated_left(&self, m: usize) -> Vec<usize> {
        let first = self.conjunct_start(m);
        self.coordinated_right(first)
    }

    /// `m` and the mentions coordinated after it (`X, Y dan Z`, `X serta Y`).
    fn coordinated_right(&self, m: usize) -> Vec<usize> {
        let mut found = vec![m];
        let mut current = m;
        while let Some(next) = self.next_conjunct(current) {
            found.push(next);
            current = next;
        }
        found
    }

    fn next_conjunct(&self, m: usize) -> Option<usize> {
        let mut index = self.mention(m)?.tokens.end;
        let mut coordinator = false;
        let mut comma_only = true;
        let mut words = 0;
        while index < self.tokens.len() {
            if let Some(next) = self.mention_at(index) {
                let starts_here = self.mention(next)?.tokens.start == index;
                let closed = !comma_only || self.list_continues_after(next);
                return (coordinator && starts_here && closed).then_some(next);
            }
            if self.class(index) == Some(WordClass::Coord) {
                comma_only = false;
            }
            if self.class(index) == Some(WordClass::Coord) || self.is_punct(index, &[","]) {
                coordinator = true;
            } else if coordinator
                && self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word)
                && self.class(index).is_none()
                && self.pred_covering(index).is_none()
                && words < 2
            {
                words += 1;
            } else {
                return None;
            }
            index += 1;
        }
        None
    }

    /// True when a conjunction or a further comma and mention follow mention `m`: `m` is not the
    /// last item of a list.
    fn list_continues_after(&self, m: usize) -> bool {
        let Some(end) = self.mention(m).map(|x| x.tokens.end) else {
            return false;
        };
        let joined = self.class(end) == Some(WordClass::Coord)
            || (self.is_punct(end, &[","]) && (self.class(end + 1) == Some(WordClass::Coord) || self.mention_at(end + 1).is_some()));
        joined && (end + 1..(end + 4).min(self.tokens.len())).any(|i| self.mention_at(i).is_some())
    }

    // ---- objects -------------------------------------------------------------------------

    fn fill_slot(&self, pred: &Pred, slot: Slot, relation: Relation) -> Vec<usize> {
        let end = self.clause_end(pred.tokens.end);
        match slot {
            Slot::Obj if !pred.nominal => {
                let start = self.skip_adverbials(pred.tokens.end);
                self.noun_phrase_actors(start, relation, true)
            }
            // A noun's object follows a preposition: `kecaman terhadap X`, `dukungan untuk X`.
            Slot::Obj => self.fill_slot(pred, Slot::Untuk, relation),
            Slot::Kepada => self.after_preposition(pred.tokens.end, end, &["kepada", "terhadap"], relation),
            Slot::Dengan => self.after_preposition(pred.tokens.end, end, &["dengan"], relation),
            Slot::Untuk => {
                let after = self.after_preposition(
                    pred.tokens.end,
                    end.min(pred.tokens.end + 6),
                    &["untuk", "bagi", "kepada", "terhadap"],
                    relation,
                );
                if !after.is_empty() {
                    return after;
                }
                // `menjanjikan kepada Azerbaijan akan memberikan dukungan`
                let start = self.clause_start(pred.tokens.start);
                self.after_preposition(start, pred.tokens.start, &["kepada", "bagi", "untuk"], relation)
            }
            Slot::Agar => {
                let start = self.skip_adverbials(pred.tokens.end);
                let opens_clause = matches!(self.key(start), "agar" | "supaya") || (self.key(start) == "untuk" && pred.nominal);
                if !opens_clause {
                    return Vec::new();
                }
                // The actor must head the clause: `agar kedua negara ...`, not `agar permasalahan X ...`.
                match self.mention_at(start + 1) {
                    Some(m) if self.mention(m).is_some_and(|x| x.tokens.start == start + 1) => self.coordinated_right(m),
                    _ => Vec::new(),
                }
            }
            Slot::Antara => {
                let found = self.after_preposition(pred.tokens.end, end, &["antara"], relation);
                if found.len() >= 2 { found } else { Vec::new() }
            }
            Slot::Of => {
                for index in pred.tokens.end..pred.tokens.end + 3 {
                    if let Some(m) = self.mention_at(index) {
                        return vec![m];
                    }
                    if self.class(index).is_some() || self.tokens.get(index).is_none_or(|t| t.kind != TokenKind::Word) {
                        break;
                    }
                }
                Vec::new()
            }
            Slot::Parties | Slot::Claim => Vec::new(),
        }
    }

    /// `dengan tegas`, `secara terbuka`, `segera`: adverbials between a verb and its object.
    fn skip_adverbials(&self, mut index: usize) -> usize {
        loop {
            if matches!(self.class(index), Some(WordClass::Aux)) {
                index += 1;
            } else if self.key(index) == "dengan" && self.class(index + 1) == Some(WordClass::Aux) {
                index += 2;
            } else if self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Quote) {
                index += 1;
            } else {
                return index;
            }
        }
    }

    /// The actors of the noun phrase at `start`: its head actor, or the possessor after a noun
    /// (`operasi Azerbaijan`, `pertempuran keduanya`), with coordinated ones; for disapproval
    /// also the agent (`penembakan oleh pasukan Armenia`). A country's people are never the
    /// target of a disapproval.
    fn noun_phrase_actors(&self, start: usize, relation: Relation, allow_possessor: bool) -> Vec<usize> {
        let mut index = start;
        let mut nouns = 0;
        while index < self.tokens.len() {
            if let Some(m) = self.mention_at(index) {
                let found: Vec<usize> = self
                    .coordinated_right(m)
                    .into_iter()
                    .filter(|&c| self.acceptable_party(c, relation))
                    .collect();
                return found;
            }
            let token = self.tokens.get(index);
            let is_noun =
                token.is_some_and(|t| t.kind == TokenKind::Word) && self.class(index).is_none() && self.pred_starting(index).is_none();
            if is_noun && allow_possessor && nouns < 3 {
                nouns += 1;
            } else if self.key(index) == "oleh" && relation.is_disapproval() && nouns > 0 {
                // the agent of the act
            } else if self.class(index) == Some(WordClass::Det) && nouns > 0 {
                // `peningkatan kekerasan ini`
            } else {
                break;
            }
            index += 1;
        }
        Vec::new()
    }

    fn acceptable_party(&self, m: usize, relation: Relation) -> bool {
        self.mention(m)
            .is_some_and(|x| !(relation.is_disapproval() && x.role == Role::Population))
    }

    /// The actors after the first of `prepositions` in `start..end` that introduces any.
    fn after_preposition(&self, start: usize, end: usize, prepositions: &[&str], relation: Relation) -> Vec<usize> {
        let mut index = start;
        while index < end {
            if prepositions.contains(&self.key(index)) {
                let found = self.noun_phrase_actors(index + 1, relation, true);
                if !found.is_empty() {
                    return found;
                }
            }
            index += 1;
        }
        Vec::new()
    }

    /// Where the clause that contains `index` ends: a hard stop, a clause conjunction, or the
    /// end of a quotation.
    fn clause_end(&self, from: usize) -> usize {
        let in_quote = self.tokens.get(from).is_some_and(|t| t.in_quote);
        let mut index = from;
        while index < self.tokens.len() {
            if self.is_hard_stop(index) || matches!(self.class(index), Some(WordClass::Conj)) {
                return index;
            }
            if self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Quote) && in_quote {
                return index;
            }
            index += 1;
        }
        self.tokens.len()
    }

    fn clause_start(&self, from: usize) -> usize {
        let mut index = from;
        while index > 0 {
            let at = index - 1;
            if self.is_hard_stop(at) || matches!(self.class(at), Some(WordClass::Conj)) {
                return index;
            }
            index = at;
        }
        0
    }

    // ---- attribution ---------------------------------------------------------------------

    fn attributions(&self) -> Vec<Attribution> {
        let mut found = Vec::new();
        self.quote_attributions(&mut found);
        self.reported_attributions(&mut found);
        found
    }

    /// A bare verb of saying used as a tag (`kata`, `tambahnya`).
    fn is_tag(&self, index: usize) -> bool {
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
    fn speaker_after_tag(&self, tag: usize) -> Speaker {
        let possessive = self.lexicon.stemmer.analyze(self.key(tag)).is_some_and(|a| a.possessive);
        if possessive {
            return Speaker::Previous;
        }
        match self.mention_at(tag + 1) {
            Some(m) => Speaker::Mentions(vec![m]),
            None => Speaker::Previous,
        }
    }

    fn quote_attributions(&self, found: &mut Vec<Attribution>) {
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

    fn reported_attributions(&self, found: &mut Vec<Attribution>) {
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
            let Some(m) = self.mention_at(index + 1) else { continue };
            let Some(mention) = self.mention(m) else { continue };
            if self.is_punct(mention.tokens.end, &[","]) {
                let end = self.clause_end(mention.tokens.end + 1);
                found.push(Attribution {
                    scope: mention.tokens.end + 1..end,
                    speaker: Speaker::Mentions(vec![m]),
                    quoted: false,
                });
            }
        }
    }

    /// Where a reported stretch ends: at the next tag after a comma, or the sentence end.
    fn next_report_start(&self, from: usize) -> usize {
        (from..self.tokens.len())
            .find(|&i| i >= 1 && self.is_tag(i) && self.is_punct(i - 1, &[","]))
            .map_or(self.tokens.len(), |i| i - 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::mention::{Referent, find_mentions};
    use crate::pipeline::segment::tokenize;
    use crate::pipeline::test_lexicon;

    /// The clauses of one sentence as `subjects relation objects` strings; references print as
    /// `ref:Kind`, a claim as `speaker> relation target`.
    fn check(text: &str, expected: &[&str]) {
        let lexicon = test_lexicon();
        let tokens = tokenize(text, crate::model::Span::new(text, 0, text.len()).unwrap());
        let mentions = find_mentions(&tokens, text, lexicon, &[]).mentions;
        let result = analyze(&tokens, &mentions, lexicon);
        let name = |m: &usize| match &mentions[*m].referent {
            Referent::Actor(k) => k.to_string(),
            Referent::NewPerson { key, .. } => key.to_string(),
            Referent::Reference(t) => format!("ref:{t:?}"),
            Referent::CountryOf(k) => format!("country-of:{k}"),
        };
        let got: Vec<String> = result
            .clauses
            .iter()
            .filter(|c| !c.negated && !c.hedged)
            .map(|c| {
                let subjects: Vec<String> = c.subjects.iter().map(name).collect();
                let mut objects: Vec<String> = c.objects.iter().map(name).collect();
                if c.toward_parties {
                    objects.push("parties".to_owned());
                }
                if c.reciprocal {
                    objects.push("each-other".to_owned());
                }
                let speaker = c.attribution.map(|a| match &result.attributions[a].speaker {
                    Speaker::Mentions(ms) => ms.iter().map(name).collect::<Vec<_>>().join("+"),
                    Speaker::Previous => "previous".to_owned(),
                    Speaker::Untagged => "untagged".to_owned(),
                    Speaker::Topic => "topic".to_owned(),
                });
                if c.claim {
                    format!("{}> {} {}", speaker.unwrap_or_default(), c.relation, subjects.join("+"))
                } else {
                    format!("{} {} {}", subjects.join("+"), c.relation, objects.join("+"))
                }
            })
            .collect();
        assert_eq!(got, expected, "clauses of {text:?}");
    }

    #[test]
    fn subject_verb_object() {
        check(
            "Rusia mendesak Ukraina dan Polandia untuk berunding.",
            &["russia urges ukraine+poland"],
        );
        check("Kanada dan Australia mengecam Myanmar.", &["canada+australia condemns myanmar"]);
    }

    #[test]
    fn relative_clauses_and_prepositional_phrases_are_skipped() {
        check(
            "Mesir yang berbatasan dengan Gaza dan Israel, menawarkan diri menjadi penengah.",
            &["egypt mediates parties"],
        );
        check(
            "Sejalan dengan Jepang, Korea Selatan mengutuk Korea Utara.",
            &["south-korea condemns north-korea"],
        );
    }

    #[test]
    fn coordinated_predicates_share_the_subject() {
        check(
            "Qatar menyalahkan Israel atas serangan itu dan mendesak Hamas untuk membebaskan sandera.",
            &["qatar accuses israel", "qatar urges hamas"],
        );
    }

    #[test]
    fn control_and_purpose() {
        check(
            "India mendesak Jepang untuk mendukung Filipina.",
            &["india urges japan", "japan supports philippines"],
        );
        check(
            "Tiongkok memanggil Dubes Kanada untuk mengecam Filipina.",
            &["china talksWith canada", "china condemns philippines"],
        );
    }

    #[test]
    fn passive_and_nominal() {
        check("Ukraina didukung oleh Polandia.", &["poland supports ukraine"]);
        check("Kecaman dari Uni Eropa terhadap Belarus datang cepat.", &["eu condemns belarus"]);
    }

    #[test]
    fn appeals_need_an_addressee() {
        check("Jerman menyerukan agar pertempuran dihentikan.", &[]);
        check("Jerman menyerukan agar Sudan dan Chad menahan diri.", &["germany urges sudan+chad"]);
    }

    #[test]
    fn claims_belong_to_the_speaker() {
        check("Prancis mengatakan serangan Israel adalah ilegal.", &["france> condemns israel"]);
        check(
            "\"Rusia telah melanggar perjanjian,\" kata Zelensky.",
            &["zelensky> accuses russia"],
        );
    }
}
