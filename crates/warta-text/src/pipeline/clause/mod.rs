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
//! The grammar is split by what it finds: `predicates` (trigger words and verbs), `subjects`
//! (who acts), `parties` (toward whom), `coordination` (`X, Y dan Z`), `modality` (negation,
//! speculation, announcement) and `speech` (who says it). This file holds the types and puts a
//! clause together from those parts.
//!
//! Owns: clause structure within one sentence. Must not: look at other sentences or resolve
//! references; that is the discourse stage's job.

mod coordination;
mod modality;
mod parties;
mod predicates;
mod speech;
mod subjects;

use std::collections::BTreeSet;
use std::ops::Range;

use crate::lexicon::morph::Prefix;
use crate::lexicon::{Analysis, Lexicon, Slot, Trigger, TriggerKey, WordClass};
use crate::model::Relation;
use crate::pipeline::mention::Mention;
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
    /// `kecaman serupa datang dari X`: the same stance as the last one told, toward its party.
    pub echoes: bool,
    /// `hasil pembicaraannya dengan X`: no subject named, the noun's `-nya` is who acts.
    pub owner_clitic: bool,
    /// `mendukung kedaulatannya`: no party named, the object noun's `-nya` is the party.
    pub party_clitic: bool,
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
    /// Whom the act was aimed at, when the sentence says (`serangan Hamas ke Israel`).
    pub targets: Vec<usize>,
    /// Where a verb tells its subject doing the act (`AS meningkatkan pengepungan`), the verb's
    /// first token: said by someone, that is their claim the subject did it.
    pub told_at: Option<usize>,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SentenceClauses {
    pub clauses: Vec<Clause>,
    pub attributions: Vec<Attribution>,
    pub events: Vec<Event>,
    /// Every act the sentence tells someone doing (`X mendeklarasikan ...`), hostile or not, that
    /// the article names by its noun with a demonstrative, so `deklarasi tersebut` knows whose it was.
    pub deeds: Vec<Event>,
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
    /// A noun of the doer (`pendukung`, `penengah`): its party follows it like a verb's object,
    /// and its actor is what it is said of (`Rusia adalah pendukung Suriah`).
    agent: bool,
    passive: bool,
}

/// How far left the subject may be, counting ordinary words (nouns, adverbs the lexicon lacks).
const MAX_SKIPPED_WORDS: usize = 3;
/// Bound on the recursion through coordinated and governing predicates.
const MAX_DEPTH: usize = 8;

/// `named_deeds` are the roots of the deeds the article names by a noun with a demonstrative:
/// only those deeds are told back in `SentenceClauses::deeds`.
pub fn analyze(tokens: &[Token], mentions: &[Mention], lexicon: &Lexicon, named_deeds: &BTreeSet<String>) -> SentenceClauses {
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
        named_deeds,
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
    named_deeds: &'a BTreeSet<String>,
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

    /// A word that is no function word and no actor: a noun, an adjective or an unlisted verb.
    fn is_plain_word(&self, index: usize) -> bool {
        self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word) && self.class(index).is_none() && self.mention_at(index).is_none()
    }

    /// Where the agent of a passive verb ending at `verb_end` begins: after `oleh`, which may
    /// follow a few words describing the verb (`dikritik keras oleh X`, `dikecam secara luas
    /// oleh X`); without `oleh`, the actor right after the verb or after a word or two
    /// describing it (`ditentang keras X`).
    fn passive_agent_start(&self, verb_end: usize) -> usize {
        let describing = |i: usize| self.is_plain_word(i) || self.class(i) == Some(WordClass::Aux);
        let mut after_description = (verb_end..verb_end + 4).take_while(|&i| self.key(i) == "oleh" || describing(i));
        if let Some(oleh) = after_description.clone().find(|&i| self.key(i) == "oleh") {
            return oleh + 1;
        }
        match after_description
            .nth(2)
            .is_none()
            .then(|| (verb_end..verb_end + 3).find(|&i| !describing(i)))
            .flatten()
        {
            Some(actor) if self.mention_at(actor).is_some() => actor,
            _ => verb_end,
        }
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

    /// `X menyampaikan pesan kepada Y saat bertemu di Moskow`: a meeting in a clause of time
    /// with no party of its own is with whom the main clause addressed.
    fn addressee_of_main_clause(&self, pred: &Pred) -> Vec<usize> {
        let mut opener = pred.tokens.start;
        while opener > 0 && self.class(opener - 1) == Some(WordClass::Aux) {
            opener -= 1;
        }
        let Some(conj) = opener.checked_sub(1).filter(|&c| self.class(c) == Some(WordClass::Conj)) else {
            return Vec::new();
        };
        (self.clause_start(conj)..conj)
            .rev()
            .find(|&i| self.key(i) == "kepada" && self.mention_at(i + 1).is_some())
            .and_then(|i| self.mention_at(i + 1))
            .map(|m| self.coordinated_right(m))
            .unwrap_or_default()
    }

    /// `X dan Y membentuk kelompok kerja untuk membahas ...`: a purpose the subjects set
    /// themselves by a plain verb of doing, not an appeal to them (`mendesak X dan Y untuk`).
    fn own_purpose(&self, purpose: usize) -> bool {
        let clause_start = self.clause_start(purpose);
        let verbs: Vec<&Pred> = self
            .preds
            .iter()
            .filter(|p| p.tokens.end <= purpose && p.tokens.start >= clause_start)
            .collect();
        !verbs.is_empty() && verbs.iter().all(|p| p.kind == PredKind::Verb && !p.passive)
    }

    /// A nominal trigger, or a phrase that opens with a noun of an act (`pelanggaran hukum`).
    fn is_noun_of_act(&self, pred: &Pred) -> bool {
        pred.nominal
            || self
                .analysis(pred.tokens.start)
                .is_some_and(|a| a.pattern.suffix == Some(crate::lexicon::morph::Suffix::An) && a.pattern.is_nominal())
    }

    /// A claim word (`ilegal`, `tidak dapat diterima`): its stance belongs to whoever says it.
    pub(super) fn is_claim(&self, pred: &Pred) -> bool {
        pred.triggers
            .iter()
            .filter_map(|&t| self.trigger(t))
            .any(|t| t.slots.contains(&Slot::Claim))
    }

    fn pred_relation(&self, pred: &Pred) -> Option<Relation> {
        pred.triggers.first().and_then(|&t| self.trigger(t)).map(|t| t.relation)
    }

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
                if let Some(mut clause) = self.clause(pred_index, pred, trigger_index, trigger, &result.attributions) {
                    // A hostile act, narrated or claimed, is remembered for `serangan itu` and
                    // `pasukan pendudukan`; only a claim someone makes is a stance.
                    if clause.claim && clause.relation == Relation::Accuses {
                        if let TriggerKey::Root { root, .. } = &trigger.key {
                            result.events.push(Event {
                                root: root.clone(),
                                agents: clause.subjects.clone(),
                                targets: Vec::new(),
                                told_at: None,
                            });
                        }
                    }
                    if clause.claim && clause.attribution.is_none() {
                        // `Menlu RI mendesak pendudukan ilegal Israel diakhiri`: a judgement inside
                        // what an actor does is that actor's; a bare narrated one is nobody's.
                        let Some(subjects) = self.governor_subjects(pred_index) else {
                            continue;
                        };
                        result.attributions.push(Attribution {
                            scope: pred.tokens.clone(),
                            speaker: Speaker::Mentions(subjects),
                            quoted: false,
                        });
                        clause.attribution = Some(result.attributions.len() - 1);
                    }
                    result.clauses.push(clause);
                }
            }
        }
        self.narrated_acts(&mut result.events);
        result.deeds = self.deeds();
        result
    }

    /// The acts the sentence tells someone doing, by root: its active verbs with their subjects
    /// (`X mengakui ...`), and nouns of acts with their owner right after them (`pengakuan X`).
    fn deeds(&self) -> Vec<Event> {
        let deed = |root: &str, agents: Vec<usize>| {
            (!agents.is_empty()).then(|| Event {
                root: root.to_owned(),
                agents,
                targets: Vec::new(),
                told_at: None,
            })
        };
        let verbs = self
            .preds
            .iter()
            .enumerate()
            .filter(|(_, p)| p.kind != PredKind::Copula && !p.passive && !p.nominal)
            .filter_map(|(index, pred)| {
                let root = &self.analysis(pred.tokens.start)?.root;
                self.named_deeds.contains(root).then(|| deed(root, self.subject_of(index, 0)))?
            });
        let nouns = (0..self.tokens.len()).filter_map(|index| {
            let analysis = self
                .analysis(index)
                .filter(|a| a.pattern.is_nominal() && !a.possessive && self.named_deeds.contains(&a.root))?;
            let owner = self
                .mention_at(index + 1)
                .filter(|&m| self.mention(m).is_some_and(|x| x.tokens.start == index + 1))?;
            deed(&analysis.root, vec![owner])
        });
        verbs.chain(nouns).collect()
    }

    /// Hostile acts the sentence tells of with their doer (`X melancarkan serangan`, `serangan
    /// X`, `kudeta oleh X`), so that `serangan itu` later knows whose act it was.
    fn narrated_acts(&self, events: &mut Vec<Event>) {
        let keys: Vec<&str> = self.tokens.iter().map(|t| t.key.as_str()).collect();
        let mut index = 0;
        while index < keys.len() {
            let act = keys
                .get(index..)
                .and_then(|rest| self.lexicon.act_at(rest))
                .filter(|_| self.mention_at(index).is_none());
            let Some(act) = act else {
                index += 1;
                continue;
            };
            let mut agents = self.noun_phrase_actors(index, Relation::Condemns, true);
            let mut told_at = None;
            if agents.is_empty() {
                // The object of a plain verb: `Rusia melancarkan serangan`.
                let doer = index
                    .checked_sub(1)
                    .and_then(|i| self.pred_ending(i))
                    .filter(|&q| self.preds.get(q).is_some_and(|p| p.kind == PredKind::Verb && !p.passive));
                if let Some(q) = doer {
                    agents = self.subject_of(q, 0);
                    let verb = self.preds.get(q).map_or(0, |p| p.tokens.start);
                    let asserted = !self
                        .before_predicate(verb)
                        .iter()
                        .any(|&i| matches!(self.class(i), Some(WordClass::Neg | WordClass::Hedge | WordClass::Announce)));
                    // `mendesak X menghentikan serangan`: what X is asked to stop is asked, not told.
                    let stopped = self.lexicon.is_withdrawal(self.key(verb));
                    let asked = self.preds.iter().any(|p| {
                        p.tokens.end <= verb && p.tokens.start >= self.clause_start(verb) && self.pred_relation(p) == Some(Relation::Urges)
                    });
                    told_at = (asserted && !stopped && !asked).then_some(verb);
                }
            }
            if !agents.is_empty() {
                let head = keys.get(index).copied().unwrap_or_default();
                let root = self.analysis(index).map_or_else(|| head.to_owned(), |a| a.root.clone());
                let targets = self.act_targets(&agents);
                events.push(Event {
                    root,
                    agents,
                    targets,
                    told_at,
                });
            }
            index += act.words.len();
        }
    }

    fn clause(
        &self,
        pred_index: usize,
        pred: &Pred,
        trigger_index: usize,
        trigger: &Trigger,
        attributions: &[Attribution],
    ) -> Option<Clause> {
        let mut claim = trigger.slots.contains(&Slot::Claim);
        let (mut subjects, mut objects, mut toward_parties, mut rule);
        toward_parties = false;
        objects = Vec::new();
        // `dibentuk untuk menemukan solusi damai`: a trigger whose party is the conflict's sides
        // has its actor in the subject, passive or not.
        let toward_sides_only = trigger.slots.iter().all(|slot| *slot == Slot::Parties);
        if pred.passive && !claim && !toward_sides_only {
            // `X didukung (oleh) Y`: Y acts on X.
            subjects = self.noun_phrase_actors(self.passive_agent_start(pred.tokens.end), trigger.relation, false);
            if trigger.relation == Relation::Mediates {
                // `perundingan antara X dan Y dimediasi oleh Z`, `gencatan senjata yang dimediasi
                // Z`: Z mediates between those the talks are between, else the conflict's sides.
                objects = self.between_before(pred);
                toward_parties = objects.is_empty();
            } else {
                objects = self.subject_of(pred_index, 0);
            }
            rule = "passive";
        } else {
            if pred.agent {
                subjects = self.agent_noun_subject(pred_index);
                rule = "agent-noun";
            } else if let Some(owner) = claim.then(|| self.described_possessor(pred)).flatten() {
                subjects = owner;
                rule = "claim";
            } else if let Some(doers) = (claim && self.is_noun_of_act(pred)).then(|| self.act_owner(pred)).flatten() {
                // `pelanggaran oleh kapal China`, `pelanggaran hukum internasional oleh Israel`.
                subjects = doers;
                rule = "claim";
            } else if let Some(doers) = claim.then(|| self.judged_act_doers(pred, attributions)).flatten() {
                subjects = doers;
                rule = "claim";
            } else if let Some(genitive) = self.nominal_subject(pred, trigger) {
                subjects = genitive;
                rule = "nominal";
            } else {
                subjects = self.subject_of(pred_index, 0);
                rule = "active";
            }
            // `Pelanggaran hukum internasional terus dilakukan oleh Israel`: a judged act whose
            // doer the passive names.
            if claim && subjects.is_empty() {
                subjects = self.doer_after(pred);
            }
            // `Hambatan terbesar bagi perdamaian adalah agresi Armenia`: a judgement that is the
            // subject of a copula judges the act its complement names.
            if claim && subjects.is_empty() {
                subjects = self.complement_owner(pred);
            }
            if claim && subjects.is_empty() {
                subjects = self.labelled_actor(pred);
            }
            // `Sangat tercela bahwa tindakan agresi ini terjadi`: a judgement of the fact a
            // `bahwa` clause states judges that clause's subject.
            if claim && subjects.is_empty() && self.key(pred.tokens.end) == "bahwa" {
                subjects = self.noun_phrase_actors(pred.tokens.end + 1, Relation::Condemns, true);
            }
            // `tidak ada yang dapat membenarkan serangan Israel`: a judgement ending in a verb
            // judges the hostile act that is its object.
            if claim && subjects.is_empty() && pred.tokens.len() > 1 && self.has_prefix(pred.tokens.end - 1, Prefix::MeN) {
                let keys: Vec<&str> = (pred.tokens.end..self.clause_end(pred.tokens.end)).map(|i| self.key(i)).collect();
                if self.lexicon.act_at(&keys).is_some() {
                    subjects = self.noun_phrase_actors(pred.tokens.end, Relation::Condemns, true);
                }
            }
            if !claim {
                for slot in &trigger.slots {
                    let found = self.fill_slot(pred, *slot, trigger.relation);
                    if *slot == Slot::Parties {
                        toward_parties = true;
                        break;
                    }
                    if !found.is_empty() {
                        // `percakapan telepon antara X dan Y`: a conversation between two is theirs,
                        // whoever the sentence is about; but not when another stance governs it
                        // (`menyambut baik pertemuan antara X dan Y`): that one is not told as held.
                        if *slot == Slot::Antara && pred.nominal && trigger.relation.is_symmetric() {
                            let clause_start = self.clause_start(pred.tokens.start);
                            let governed = self
                                .preds
                                .iter()
                                .take(pred_index)
                                .any(|q| q.kind == PredKind::Trigger && q.tokens.start >= clause_start);
                            if let Some((first, rest)) = found.split_first().filter(|_| !governed) {
                                subjects = vec![*first];
                                objects = rest.to_vec();
                                rule = "between";
                            }
                            break;
                        }
                        objects = found;
                        break;
                    }
                }
                if objects.is_empty() && !toward_parties {
                    objects = self.shared_object(pred, trigger.relation);
                }
                if objects.is_empty() && !toward_parties {
                    objects = self.receiver(pred);
                }
                if objects.is_empty() && !toward_parties && trigger.relation.is_symmetric() {
                    objects = self.addressee_of_main_clause(pred);
                }
            }
        }
        // `saling menuduh`; and `X dan Y adalah sekutu`: a symmetric noun with no party of its own
        // holds among its coordinated subjects.
        // Not when the noun is what another stance or a purpose is about (`memediasi perundingan`,
        // `mendesak X dan Y untuk berunding`): then the talks are not told as held between them.
        let governed = self
            .governing_predicate(pred.tokens.start)
            .is_some_and(|q| self.preds.get(q).is_some_and(|g| g.kind == PredKind::Trigger))
            || pred
                .tokens
                .start
                .checked_sub(1)
                .is_some_and(|b| self.class(b) == Some(WordClass::Purpose) && !self.own_purpose(b))
            || self.in_prepositional_phrase(pred.tokens.start);
        let among_subjects = trigger.relation.is_symmetric() && objects.is_empty() && !toward_parties && subjects.len() >= 2 && !governed;
        let reciprocal = among_subjects
            || self
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
        // `pendudukan itu harus diakhiri`: what must be undone by others asks nothing of its subject.
        if claim && trigger.relation == Relation::Urges && self.passive_follows(pred.tokens.end) {
            return None;
        }
        // `"Serangan itu harus dikecam," kata X`: a passive with no agent in someone's words is
        // their own stance toward its subject.
        if pred.passive && !claim && subjects.is_empty() && !objects.is_empty() && attribution.is_some() {
            subjects = std::mem::take(&mut objects);
            claim = true;
            rule = "claim";
        }
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
        // `membantah keterlibatan negaranya dalam mendukung X`: what a denial's object
        // describes is denied too, up to the next clause or coordinated predicate.
        let denied = denied
            || (0..pred.tokens.start)
                .rev()
                .take_while(|&i| !self.is_hard_stop(i) && !matches!(self.class(i), Some(WordClass::Coord | WordClass::Conj)))
                .any(|i| self.class(i) == Some(WordClass::Deny));
        let negated = denied
            || refused
            || self.withdrawn(pred)
            || modifiers
                .iter()
                .any(|&i| self.class(i) == Some(WordClass::Neg) || self.key(i) == "tanpa");
        let hedged = modifiers.iter().any(|&i| self.class(i) == Some(WordClass::Hedge))
            || self.hoped_for(pred)
            || self.supposed(pred)
            || self.requested(pred);
        let announced = modifiers.iter().any(|&i| self.class(i) == Some(WordClass::Announce)) || self.announced_by_governor(pred);
        // `"Iran akan menyerang Israel," kata X` is a threat by Iran, not X accusing Iran of an act.
        // `X akan menyerang Y`, `pasukannya akan terus menyerang Y`: an announced hostile act is
        // a threat by its agent, whoever reports it, not an accusation.
        let (relation, claim, objects, rule) = if claim && announced && trigger.relation == Relation::Accuses {
            // `Pakistan menegaskan akan membalas ...`: the one who announces it threatens.
            if subjects.is_empty() {
                if let Some(Speaker::Mentions(speakers)) = attribution.and_then(|a| attributions.get(a)).map(|a| &a.speaker) {
                    subjects = speakers.clone();
                }
            }
            (Relation::Warns, false, self.fill_slot(pred, Slot::Obj, Relation::Warns), "threat")
        } else {
            (trigger.relation, claim, objects, rule)
        };
        // `menuduh UEA mendukung RSF`: what an accusation alleges is not asserted; and a fault it
        // alleges (`menuduh X menghalangi bantuan`) is the accusation itself. Only a label or a
        // violation of law inside it adds a condemnation.
        let adds_to_accusation = claim && relation == Relation::Condemns;
        if !adds_to_accusation && self.alleged(pred_index, &subjects) {
            return None;
        }
        let echoes = pred.nominal && objects.is_empty() && matches!(self.key(pred.tokens.end), "serupa" | "senada");
        let useful = claim || reciprocal || toward_parties || echoes || !objects.is_empty();
        let owner_clitic =
            subjects.is_empty() && !claim && self.is_noun_of_act(pred) && self.analysis(pred.tokens.start).is_some_and(|a| a.possessive);
        // The object noun right after a verb, owned by `-nya` (`mendukung kedaulatannya`).
        let party_clitic = !useful
            && !pred.nominal
            && !trigger.relation.is_symmetric()
            && self.mention_at(pred.tokens.end).is_none()
            && self
                .analysis(pred.tokens.end)
                .is_some_and(|a| a.possessive && a.pattern.suffix == Some(crate::lexicon::morph::Suffix::An) && a.pattern.is_nominal());
        if !(useful || party_clitic) || (subjects.is_empty() && !claim && !owner_clitic) {
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
            echoes,
            owner_clitic,
            party_clitic,
            confidence: trigger.confidence,
            rule,
        })
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
        let mentions = find_mentions(&tokens, text, lexicon, &[], &Default::default()).mentions;
        let result = analyze(&tokens, &mentions, lexicon, &BTreeSet::new());
        let name = |m: &usize| match &mentions[*m].referent {
            Referent::Actor(k) => k.to_string(),
            Referent::NewPerson { key, .. } => key.to_string(),
            Referent::Reference(t) => format!("ref:{t:?}"),
            Referent::CountryOf(k) => format!("country-of:{k}"),
            Referent::Holder { org, .. } => format!("holder-in:{}", org.as_ref().map_or("-", |k| k.as_str())),
            Referent::Organ(organ) => format!("organ:{}", lexicon.gazetteer.organs()[*organ].name),
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
            &["china talksWith holder-in:canada", "china condemns philippines"],
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
