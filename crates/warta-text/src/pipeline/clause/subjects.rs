//! Who acts: the subject found on the left along the grammar (prepositional phrases and
//! relative clauses skipped, control after `untuk`/`agar`, a participle opening the sentence),
//! and the genitive or `dari X` of a nominal trigger.

use crate::lexicon::morph::Prefix;
use crate::lexicon::{ReferenceTarget, Slot, Trigger, WordClass};
use crate::model::Relation;
use crate::pipeline::clause::{Attribution, MAX_DEPTH, MAX_SKIPPED_WORDS, Pred, PredKind, Sentence};
use crate::pipeline::mention::Referent;
use crate::pipeline::segment::TokenKind;

/// The prepositions that open a stance noun's object (`kecaman terhadap X`, `dukungan untuk X`).
pub(super) const NOUN_OBJECT_PREPOSITIONS: [&str; 5] = ["untuk", "bagi", "kepada", "terhadap", "atas"];

impl Sentence<'_> {
    /// `dukungan penuh Turki untuk ...`, `kecaman dari Uni Eropa`: the subject of a nominal trigger.
    pub(super) fn nominal_subject(&self, pred: &Pred, trigger: &Trigger) -> Option<Vec<usize>> {
        if !pred.nominal || trigger.slots.contains(&Slot::Of) || trigger.slots.contains(&Slot::Claim) {
            return None;
        }
        // `kecaman keras dari X`, `dukungan penuh Turki`: an adverb or adjective may come first;
        // `kecaman terhadap Israel datang dari X`: so may the noun's object.
        let mut index = pred.tokens.end;
        let mut words = 0;
        while words < 4 {
            // `kecaman keras disampaikan (oleh) X`: the noun is the subject of a passive verb of
            // conveying, whose agent made the stance.
            if words > 0 && self.has_prefix(index, Prefix::Di) {
                let agent = self.passive_agent_start(index + 1);
                let m = self.mention_at(agent)?;
                return (self.mention(m)?.tokens.start == agent).then(|| self.coordinated_right(m));
            }
            if let Some(m) = self.mention_at(index) {
                // `mediator kedua negara`: after a noun of mediation, the sides.
                let sides = trigger.relation == Relation::Mediates
                    && matches!(self.mention(m)?.referent, Referent::Reference(ReferenceTarget::Parties));
                return (self.mention(m)?.tokens.start == index && !sides).then(|| self.coordinated_right(m));
            }
            // `mediasi yang dilakukan Mesir`: the doer a relative clause names.
            if self.key(index) == "yang" && self.has_prefix(index + 1, Prefix::Di) {
                index += 1;
                words += 1;
                continue;
            }
            if self.key(index) == "dari" {
                let found = match self.mention_at(index + 1) {
                    Some(m) => self.coordinated_right(m),
                    None => self.group_members(index + 1),
                };
                return (!found.is_empty()).then_some(found);
            }
            if words == 0 && NOUN_OBJECT_PREPOSITIONS.contains(&self.key(index)) {
                index = self.noun_phrase_end(index + 1);
                words += 1;
                continue;
            }
            let describing = self.class(index).is_none_or(|c| c == WordClass::Aux);
            if !describing || self.tokens.get(index).is_none_or(|t| t.kind != TokenKind::Word) {
                return None;
            }
            index += 1;
            words += 1;
        }
        None
    }

    /// The end of the short noun phrase at `start`: actors and plain words, at most six tokens.
    fn noun_phrase_end(&self, start: usize) -> usize {
        let mut index = start;
        while index < start + 6 {
            match self.mention_at(index).and_then(|m| self.mention(m)) {
                Some(mention) => index = mention.tokens.end,
                // A verb ends the phrase (`kecaman terhadap Israel disampaikan oleh X`).
                None if self.is_plain_word(index) && !self.is_verb(index) => index += 1,
                None => break,
            }
        }
        index
    }

    fn is_verb(&self, index: usize) -> bool {
        self.pred_covering(index)
            .and_then(|q| self.preds.get(q))
            .is_some_and(|p| p.kind == PredKind::Verb)
    }

    /// `blokade ilegal Israel`, `pendudukan ilegal Israel`: a claim adjective inside a noun
    /// phrase judges the act of the possessor right after it.
    pub(super) fn described_possessor(&self, pred: &Pred) -> Option<Vec<usize>> {
        // An adjective, not a verb phrase (`tidak menghormati resolusi DK PBB` names what was
        // not respected, not who).
        if !pred.nominal || pred.tokens.len() != 1 {
            return None;
        }
        let after_noun = pred
            .tokens
            .start
            .checked_sub(1)
            .is_some_and(|b| self.is_plain_word(b) && self.pred_covering(b).is_none());
        // `kerja sama ilegal antara X dan Y`: both partners.
        let start = if self.key(pred.tokens.end) == "antara" {
            pred.tokens.end + 1
        } else {
            pred.tokens.end
        };
        let m = self.mention_at(start)?;
        (after_noun && self.mention(m)?.tokens.start == start).then(|| self.coordinated_right(m))
    }

    /// The owner a judgement noun's own phrase names (`pelanggaran oleh X`, `pelanggaran
    /// hukum internasional oleh X`), if it names one.
    pub(super) fn act_owner(&self, pred: &Pred) -> Option<Vec<usize>> {
        let mut end = pred.tokens.end;
        while end < pred.tokens.end + 3 && self.is_plain_word(end) && self.pred_starting(end).is_none() {
            end += 1;
        }
        self.agent_after(end)
    }

    /// `Indonesia menyatakan serangan Israel ke Kedubes Iran di Damaskus, Suriah, pelanggaran
    /// hukum internasional`: a judgement whose clause opens with a hostile act judges the act's
    /// doer, never an actor the act was done to or where (Iran, Suriah). `Some(empty)` when the
    /// act names no doer: then nobody is judged.
    pub(super) fn judged_act_doers(&self, pred: &Pred, attributions: &[Attribution]) -> Option<Vec<usize>> {
        let mut start = attributions
            .iter()
            .filter(|a| a.scope.contains(&pred.tokens.start))
            .map(|a| a.scope.start)
            .max()
            .unwrap_or(0)
            .max(self.clause_start(pred.tokens.start));
        while self.is_punct(start, &[",", ":"]) || self.key(start) == "bahwa" || self.class(start) == Some(WordClass::Det) {
            start += 1;
        }
        let keys: Vec<&str> = self.tokens.get(start..)?.iter().map(|t| t.key.as_str()).collect();
        self.lexicon.act_at(&keys)?;
        (start < pred.tokens.start).then(|| self.noun_phrase_actors(start, Relation::Condemns, true))
    }

    /// The doer a passive names after a judged act: `X ... dilakukan (oleh) Y`, within the clause.
    pub(super) fn doer_after(&self, pred: &Pred) -> Vec<usize> {
        let end = self.clause_end(pred.tokens.end).min(pred.tokens.end + 8);
        let passive = (pred.tokens.end..end).find_map(|i| {
            self.pred_starting(i)
                .filter(|&q| self.preds.get(q).is_some_and(|p| p.passive && p.kind == PredKind::Verb))
        });
        let Some(verb) = passive.and_then(|q| self.preds.get(q)) else {
            return Vec::new();
        };
        let after = self.passive_agent_start(verb.tokens.end);
        match self.mention_at(after) {
            Some(m) if self.mention(m).is_some_and(|x| x.tokens.start == after) => self.coordinated_right(m),
            _ => Vec::new(),
        }
    }

    /// `menyebut X sebagai pemimpin yang tidak serius`: a judgement inside a label after
    /// `sebagai` is said of whoever the label is put on, the actor right before `sebagai`.
    pub(super) fn labelled_actor(&self, pred: &Pred) -> Vec<usize> {
        let start = pred.tokens.start;
        let Some(sebagai) = (start.saturating_sub(6)..start).rev().find(|&i| self.key(i) == "sebagai") else {
            return Vec::new();
        };
        let plain_between = (sebagai + 1..start)
            .all(|i| self.is_plain_word(i) || matches!(self.class(i), Some(WordClass::Rel | WordClass::Aux | WordClass::Neg)));
        match sebagai.checked_sub(1).and_then(|i| self.mention_at(i)) {
            Some(m) if plain_between => self.coordinated_left(m),
            _ => Vec::new(),
        }
    }

    /// The owner of the act a copula's complement names, after a judgement noun.
    pub(super) fn complement_owner(&self, pred: &Pred) -> Vec<usize> {
        if !pred.nominal {
            return Vec::new();
        }
        let end = self.clause_end(pred.tokens.end).min(pred.tokens.end + 8);
        // The copula may open a label phrase of its own (`adalah agresi`): read the words.
        match (pred.tokens.end..end).find(|&i| self.class(i) == Some(WordClass::Copula)) {
            Some(copula) => self.noun_phrase_actors(copula + 1, Relation::Condemns, true),
            None => Vec::new(),
        }
    }

    /// The subject of the nearest predicate before `pred_index` in its sentence that is neither a
    /// judgement nor a passive: whose act a judgement inside it belongs to.
    pub(super) fn governor_subjects(&self, pred_index: usize) -> Option<Vec<usize>> {
        let pred = self.preds.get(pred_index)?;
        let start = pred.tokens.start;
        let judging_adjective = pred.nominal;
        (0..pred_index).rev().find_map(|q| {
            let governor = self.preds.get(q)?;
            // Not across a sentence stop, nor into a relative clause (`Azerbaijan, yang telah
            // memblokade ...` describes; it is nobody's judgement).
            let crosses_stop = (governor.tokens.end..start).any(|i| self.is_hard_stop(i) || self.class(i) == Some(WordClass::Rel));
            // Not an appeal for an act: what it asks for (`meminta X agar bertanggung jawab`) is
            // requested, not judged; a judging adjective still holds (`mendesak blokade ilegal X
            // diakhiri`: the blockade is illegal).
            let requested = !judging_adjective && self.pred_relation(governor) == Some(Relation::Urges);
            let eligible = !crosses_stop
                && !governor.passive
                && !governor.nominal
                && matches!(governor.kind, PredKind::Trigger | PredKind::Verb | PredKind::Report)
                && !self.is_claim(governor)
                && !requested;
            let subjects = if eligible { self.subject_of(q, 0) } else { Vec::new() };
            (!subjects.is_empty()).then_some(subjects)
        })
    }

    /// Who a doer noun is said of: the subject of a copula or `sebagai` before it (`Rusia adalah
    /// salah satu pendukung Suriah`), or an actor it stands in apposition to (`Iran, pendukung
    /// utama Hizbullah,`). A doer noun that heads a plain noun phrase (`negara pendukung Israel`)
    /// names nobody.
    pub(super) fn agent_noun_subject(&self, pred_index: usize) -> Vec<usize> {
        let Some(pred) = self.preds.get(pred_index) else {
            return Vec::new();
        };
        let mut index = pred.tokens.start;
        let mut words = 0;
        while index > 0 && words <= 2 {
            let at = index - 1;
            let copula = self.class(at) == Some(WordClass::Copula) || self.key(at) == "sebagai";
            if copula || (self.is_punct(at, &[","]) && at.checked_sub(1).and_then(|m| self.mention_at(m)).is_some()) {
                return self.subject_of(pred_index, 0);
            }
            if !self.is_plain_word(at) {
                break;
            }
            words += 1;
            index = at;
        }
        Vec::new()
    }

    /// The subject of predicate `pred_index`, scanning left (see the module documentation).
    pub(super) fn subject_of(&self, pred_index: usize, depth: usize) -> Vec<usize> {
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
                // `Kesepakatan antara X dan Y merupakan pengkhianatan`: what is judged is both
                // sides' deal.
                let between_after_noun =
                    first_start >= 2 && self.key(first_start - 1) == "antara" && self.is_plain_word(first_start - 2) && self.is_claim(pred);
                if between_after_noun {
                    let sides = self.coordinated_right(first);
                    if sides.len() >= 2 {
                        return sides;
                    }
                }
                // `..., dengan juru bicara X menyebut ...`: an absolute clause after a comma has
                // its own subject.
                let absolute = first_start >= 2
                    && self.key(first_start - 1) == "dengan"
                    && self.is_punct(first_start - 2, &[","])
                    && mention.tokens.end == pred.tokens.start
                    && !pred.nominal;
                if self.in_prepositional_phrase(first_start) && !absolute {
                    index = first_start.saturating_sub(1);
                    continue;
                }
                // `kesepakatan ... yang ditengahi oleh X tersebut merupakan ...`: the agent of a
                // relative clause's passive is not the head's; go on before the pronoun. But the
                // doer of a hostile act is (`serangan yang dilakukan oleh X itu harus dikecam`).
                let verb_end = if self.key(first_start.wrapping_sub(1)) == "oleh" {
                    first_start.wrapping_sub(1)
                } else {
                    first_start
                };
                let relative_agent = verb_end
                    .checked_sub(1)
                    .and_then(|v| self.pred_ending(v))
                    .and_then(|q| self.preds.get(q))
                    .filter(|q| q.passive)
                    .and_then(|q| self.relative_pronoun_before(q))
                    .filter(|&pronoun| !self.act_ends_at(pronoun));
                if let Some(pronoun) = relative_agent {
                    index = pronoun;
                    continue;
                }
                if passed_coordination {
                    if let Some(governor) = self.governing_predicate(first_start) {
                        return self.subject_of(governor, depth + 1);
                    }
                }
                if passed_purpose {
                    // `komitmen Australia untuk mendukung`, `bantuan AS untuk membela`: the owner of
                    // a noun of intent does what follows `untuk`.
                    let after_noun = first_start.checked_sub(1).is_some_and(|b| {
                        let noun = self.is_plain_word(b) || (self.class(b) == Some(WordClass::Announce) && self.mention_at(b).is_none());
                        noun && self.pred_covering(b).is_none()
                    });
                    if after_noun && held.is_none() {
                        return self.coordinated_left(m);
                    }
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
                    // `Menlu mengatakan pengakuan itu tidak menghormati resolusi`: a judgement
                    // reported of someone judges what the report names, never the reporter.
                    PredKind::Report if self.is_claim(pred) => return Vec::new(),
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
            // A verb of asking is a verb like any other on the way left.
            match self.class(at).filter(|&c| c != WordClass::Request) {
                Some(WordClass::Purpose) => passed_purpose = true,
                Some(WordClass::Coord) => passed_coordination = true,
                // `resolusi yang mengecam Rusia`: a relative clause's subject is its head noun,
                // which must be an actor (`Turki yang merupakan sekutu ...`).
                Some(WordClass::Rel) if self.only_modifiers_between(at + 1, pred.tokens.start) => {
                    let mut head_end = at;
                    if head_end > 0 && self.is_punct(head_end - 1, &[","]) {
                        head_end -= 1;
                    }
                    if let Some(m) = head_end.checked_sub(1).and_then(|h| self.mention_at(h)) {
                        return self.coordinated_left(m);
                    }
                    // `DK PBB mengeluarkan pernyataan (bersama) yang mengecam X`: a document
                    // speaks for whoever issues it.
                    let document = (head_end.saturating_sub(2)..head_end)
                        .rev()
                        .find(|&h| self.lexicon.is_document(self.key(h)));
                    let issued = document.and_then(|d| self.governing_predicate(d)).filter(|&q| {
                        self.preds
                            .get(q)
                            .and_then(|p| self.analysis(p.tokens.start))
                            .is_some_and(|a| self.lexicon.is_issuing(&a.root))
                    });
                    if let Some(issuer) = issued {
                        return self.subject_of(issuer, depth + 1);
                    }
                    // `X mengambil langkah yang tidak dapat diterima`: a judged act is its doer's.
                    // Through a verb of doing or another judgement (`tindakan ilegal yang
                    // melanggar ...`), not a stance: `tidak akan menerima tindakan yang ...`
                    // judges no act of the one who refuses it.
                    if self.is_claim(pred) {
                        let doing = self
                            .governing_predicate(head_end)
                            .filter(|&q| self.preds.get(q).is_some_and(|p| p.kind == PredKind::Verb || self.is_claim(p)));
                        if let Some(governor) = doing {
                            return self.subject_of(governor, depth + 1);
                        }
                    }
                    return Vec::new();
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
                // `turun dari pesawat di Bandara X dan disambut ...`: the nouns of a prepositional
                // phrase are none a subject could be skipped over.
                Some(WordClass::Prep) if self.key(at) != "oleh" => skipped_words = 0,
                Some(
                    WordClass::Prep
                    | WordClass::Conj
                    | WordClass::Condition
                    | WordClass::Receive
                    | WordClass::Source
                    | WordClass::Deny
                    | WordClass::Honorific
                    | WordClass::Particle
                    | WordClass::Hope
                    | WordClass::Include
                    | WordClass::Request,
                ) => {}
                // Never returned by `class`: an institution noun and a verb of withholding read as
                // plain words.
                Some(WordClass::Body | WordClass::Withdraw) | None => {
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
    pub(super) fn only_modifiers_between(&self, start: usize, end: usize) -> bool {
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
    pub(super) fn fronted_subject(&self, pred: &Pred) -> Vec<usize> {
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

    /// True when a preposition opens the phrase that starts at `start`, possibly with a noun or
    /// two before the name (`di tanah Palestina`, `ke kantor PBB`).
    /// `oleh X` names the agent of an act (`penembakan oleh pasukan Armenia`) and is no place to skip.
    pub(super) fn in_prepositional_phrase(&self, start: usize) -> bool {
        let mut index = start;
        let mut nouns = 0;
        let mut coordinated = false;
        while index > 0 {
            if self.class(index - 1) == Some(WordClass::Det) {
                index -= 1;
            } else if !coordinated && self.class(index - 1) == Some(WordClass::Coord) && self.is_plain_word(index.saturating_sub(2)) {
                // `terhadap Gaza dan Lebanon`: coordinated with a place the gazetteer does not list.
                coordinated = true;
                index -= 1;
            } else if nouns < 2 && self.is_plain_word(index - 1) && self.pred_covering(index - 1).is_none() {
                nouns += 1;
                index -= 1;
            } else {
                break;
            }
        }
        index > 0 && matches!(self.class(index - 1), Some(WordClass::Prep | WordClass::Source)) && self.key(index - 1) != "oleh"
    }

    /// True when a noun of a hostile act (`serangan`, `uji coba rudal`) ends right before `end`.
    fn act_ends_at(&self, end: usize) -> bool {
        (end.saturating_sub(3)..end).any(|start| {
            let keys: Vec<&str> = self
                .tokens
                .get(start..end)
                .unwrap_or_default()
                .iter()
                .map(|t| t.key.as_str())
                .collect();
            self.lexicon.act_at(&keys).is_some_and(|act| start + act.words.len() == end)
        })
    }

    /// The `yang` that opens the relative clause predicate `q` belongs to, if it is one.
    pub(super) fn relative_pronoun_before(&self, q: &Pred) -> Option<usize> {
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
    pub(super) fn relative_head(&self, comma: usize) -> Option<usize> {
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
    pub(super) fn governing_predicate(&self, start: usize) -> Option<usize> {
        let mut index = start;
        let mut words = 0;
        while index > 0 && words <= 3 {
            let at = index - 1;
            if let Some(q) = self.pred_ending(at) {
                return (self.preds.get(q)?.kind != PredKind::Copula).then_some(q);
            }
            match self.class(at) {
                Some(WordClass::Aux | WordClass::Det) => {}
                Some(WordClass::Prep) => {}
                // `merusak kedaulatan dan integritas teritorial X`: coordinated head nouns.
                Some(WordClass::Coord) if words > 0 => {}
                Some(_) => return None,
                None if self.tokens.get(at).is_some_and(|t| t.kind == TokenKind::Word) && self.mention_at(at).is_none() => words += 1,
                // `menyebabkan "penderitaan ..."`: a quotation mark opening the object.
                None if self.tokens.get(at).is_some_and(|t| t.kind == TokenKind::Quote) => {}
                None => return None,
            }
            index = at;
        }
        None
    }
}
