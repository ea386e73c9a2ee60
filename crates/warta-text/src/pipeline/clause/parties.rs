//! Whom a stance is toward: the trigger's slots (the object noun phrase and its possessor,
//! `kepada X`, `dengan X`, an `agar` clause's subject, `untuk X`, `antara X dan Y`), and where
//! a clause begins and ends.

use crate::lexicon::ReferenceTarget;
use crate::lexicon::morph::{Prefix, Suffix};
use crate::lexicon::{Slot, WordClass};
use crate::model::ActorKind;
use crate::model::Relation;
use crate::pipeline::clause::subjects::NOUN_OBJECT_PREPOSITIONS;
use crate::pipeline::clause::{Pred, PredKind, Sentence};
use crate::pipeline::mention::{Referent, Role};
use crate::pipeline::segment::TokenKind;

impl Sentence<'_> {
    pub(super) fn fill_slot(&self, pred: &Pred, slot: Slot, relation: Relation) -> Vec<usize> {
        let end = self.clause_end(pred.tokens.end);
        match slot {
            Slot::Obj if !pred.nominal || pred.agent => {
                let mut start = self.skip_adverbials(pred.tokens.end);
                // `mengecam keras atas serangan X`: news often puts a preposition before what is
                // condemned.
                if relation.is_disapproval() && matches!(self.key(start), "atas" | "terhadap") {
                    start += 1;
                }
                // `mendukung (adanya) boikot produk X`: backing a hostile act backs its doer, named
                // right after it, never its target.
                if relation == Relation::Supports {
                    let act_start = if self.key(start) == "adanya" { start + 1 } else { start };
                    let keys: Vec<&str> = self
                        .tokens
                        .get(act_start..end)
                        .unwrap_or(&[])
                        .iter()
                        .map(|t| t.key.as_str())
                        .collect();
                    if let Some(act) = self.lexicon.act_at(&keys) {
                        let after = act_start + act.words.len();
                        return match self.mention_at(after) {
                            Some(m) if self.mention(m).is_some_and(|x| x.tokens.start == after) => self.coordinated_right(m),
                            _ => Vec::new(),
                        };
                    }
                }
                // One meets a person or a body (`menemui para pemimpin negara itu`), not the owner
                // of what one receives (`menerima bantuan Jepang`).
                let met_through_post = self.phrase_end_of_title(start).is_some();
                let found = self.noun_phrase_actors(start, relation, relation != Relation::TalksWith || met_through_post);
                // `meminta embargo AS dicabut`: asking that a party's act be undone asks
                // nothing of the party (ANNOTATION.md, Rulings).
                if relation == Relation::Urges && self.mention_at(start).is_none() {
                    let after = found.last().and_then(|&l| self.mention(l)).map_or(start, |l| l.tokens.end);
                    let undone = (after..after + 5)
                        .take_while(|&i| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word))
                        .any(|i| self.analysis(i).is_some_and(|a| a.pattern.is_passive()));
                    if undone {
                        return Vec::new();
                    }
                }
                found
            }
            // A noun's object follows a preposition: `kecaman terhadap X`, `dukungan untuk X`.
            Slot::Obj => self.fill_slot(pred, Slot::Untuk, relation),
            // `mengatakan kepada X`, `mendesak kepada X`: the addressee right after the verb; a
            // `terhadap X` further on is about something else (`tanggapan terhadap tindakan X`).
            Slot::Kepada if !pred.nominal => {
                // A short object may come first (`memasok drone kepada X`, `memberi waktu 72 jam
                // kepada X`).
                let mut start = self.skip_adverbials(pred.tokens.end);
                let mut words = 0;
                // A noun may be a stance word itself (`meminta dukungan kepada X`).
                let noun = |i: usize| self.pred_starting(i).and_then(|q| self.preds.get(q)).is_none_or(|p| p.nominal);
                let number = |i: usize| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Number);
                while words < 3 && ((self.is_plain_word(start) && noun(start)) || number(start)) {
                    start += 1;
                    words += 1;
                }
                // An appeal is addressed `kepada X`; `mendesak penghormatan terhadap X` asks
                // nothing of X.
                // `menyampaikan pada kedua pihak untuk ...`: `pada` for `kepada`, as speech has it.
                let prepositions: &[&str] = if relation == Relation::Urges {
                    &["kepada", "pada"]
                } else {
                    &["kepada", "terhadap"]
                };
                self.after_preposition(start, (start + 1).min(end), prepositions, relation)
            }
            Slot::Kepada => self.after_preposition(pred.tokens.end, end, &["kepada", "terhadap"], relation),
            Slot::Dengan => self.after_preposition(pred.tokens.end, end, &["dengan"], relation),
            Slot::Untuk => {
                let window = self.units_end(pred.tokens.end, 6);
                let after = self.after_preposition(pred.tokens.end, end.min(window), &NOUN_OBJECT_PREPOSITIONS, relation);
                if !after.is_empty() {
                    return after;
                }
                // `menjanjikan kepada Azerbaijan akan memberikan dukungan`
                let start = self.clause_start(pred.tokens.start);
                self.after_preposition(start, pred.tokens.start, &["kepada", "bagi", "untuk"], relation)
            }
            Slot::Agar => {
                let start = self.skip_adverbials(pred.tokens.end);
                // `mempertanyakan mengapa X ...`: a question about why a party acts is about it.
                let why = relation != Relation::Urges && matches!(self.key(start), "mengapa" | "kenapa");
                let opens_clause = matches!(self.key(start), "agar" | "supaya") || (self.key(start) == "untuk" && pred.nominal) || why;
                if !opens_clause {
                    return Vec::new();
                }
                // The actor must head the clause: `agar kedua negara ...`, not `agar permasalahan X ...`;
                // and act in it: `agar Presiden Niger dibebaskan` asks nothing of Niger.
                let Some(m) = self
                    .mention_at(start + 1)
                    .filter(|&m| self.mention(m).is_some_and(|x| x.tokens.start == start + 1))
                else {
                    return Vec::new();
                };
                let heads = self.coordinated_right(m);
                let mut after = heads.last().and_then(|&l| self.mention(l)).map_or(start + 1, |l| l.tokens.end);
                while matches!(self.class(after), Some(WordClass::Aux | WordClass::Announce)) {
                    after += 1;
                }
                if self.has_prefix(after, Prefix::Di) { Vec::new() } else { heads }
            }
            Slot::Antara => {
                let found = self.after_preposition(pred.tokens.end, end, &["antara"], relation);
                if found.len() >= 2 { found } else { Vec::new() }
            }
            // `sekutu X`, `sekutu dekat X`, `sekutu utamanya, X`.
            Slot::Of => {
                for index in pred.tokens.end..pred.tokens.end + 4 {
                    if let Some(m) = self.mention_at(index) {
                        return self.coordinated_right(m);
                    }
                    let describing = self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word)
                        && (self.class(index).is_none() || self.key(index) == "dekat");
                    let comma = self.is_punct(index, &[","]) && index > pred.tokens.end;
                    if !(describing || comma) {
                        break;
                    }
                }
                Vec::new()
            }
            // `mengancam akan mengambil tindakan balasan jika Jepang ...`: whose act the threat is
            // conditioned on, heading the condition, within the sentence part.
            Slot::Jika => {
                let condition = (pred.tokens.end..pred.tokens.end + 10)
                    .take_while(|&i| !self.is_hard_stop(i) && i < self.tokens.len())
                    .find(|&i| self.class(i) == Some(WordClass::Condition));
                let Some(c) = condition else { return Vec::new() };
                if let Some(m) = self
                    .mention_at(c + 1)
                    .filter(|&m| self.mention(m).is_some_and(|x| x.tokens.start == c + 1))
                {
                    return self.coordinated_right(m);
                }
                // `jika serangan Israel berlanjut`, `jika kerja sama ilegal antara X dan Y
                // berlanjut`: the doers of the act the condition names.
                let keys: Vec<&str> = (c + 1..self.clause_end(c + 1)).map(|i| self.key(i)).collect();
                if self.lexicon.act_at(&keys).is_some() {
                    return self.noun_phrase_actors(c + 1, relation, true);
                }
                (c + 1..c + 5)
                    .take_while(|&i| self.is_plain_word(i) || self.key(i) == "antara")
                    .find(|&i| self.key(i) == "antara")
                    .map(|i| self.between(i + 1))
                    .unwrap_or_default()
            }
            Slot::Ke => {
                let window = self.units_end(pred.tokens.end, 8);
                self.after_preposition(pred.tokens.end, end.min(window), &["ke"], relation)
            }
            Slot::Act => {
                let keys: Vec<&str> = (pred.tokens.end..end).map(|i| self.key(i)).collect();
                let act_end = (0..keys.len()).find_map(|i| Some(pred.tokens.end + i + self.lexicon.act_at(keys.get(i..)?)?.words.len()));
                act_end.map_or_else(Vec::new, |act_end| {
                    self.after_preposition(act_end, (act_end + 4).min(end), &["ke", "terhadap", "atas"], relation)
                })
            }
            Slot::Parties | Slot::Claim => Vec::new(),
        }
    }

    /// `menelepon X dan menyatakan dukungan penuh`: a predicate that names no party, coordinated
    /// after one whose direct object is an actor, shares that object. Not an appeal: one needs its
    /// own addressee (`... dan menyerukan dialog` asks nothing of X).
    pub(super) fn shared_object(&self, pred: &Pred, relation: Relation) -> Vec<usize> {
        if relation == Relation::Urges {
            return Vec::new();
        }
        let mut index = pred.tokens.start;
        // The light verb that carries a stance noun (`menyatakan dukungan`).
        if pred.nominal {
            // `menyatakan "dukungan penuh"`: a quotation mark may stand between them.
            let before = if self.tokens.get(index.wrapping_sub(1)).is_some_and(|t| t.kind == TokenKind::Quote) {
                index - 1
            } else {
                index
            };
            if let Some(verb) = before
                .checked_sub(1)
                .and_then(|i| self.pred_ending(i))
                .and_then(|q| self.preds.get(q))
            {
                index = verb.tokens.start;
            }
        }
        while index > 0 && matches!(self.class(index - 1), Some(WordClass::Aux | WordClass::Announce)) {
            index -= 1;
        }
        let coordinated = index >= 2 && self.class(index - 1) == Some(WordClass::Coord);
        let Some(m) = coordinated.then(|| self.mention_at(index - 2)).flatten() else {
            return Vec::new();
        };
        let first = self.conjunct_start(m);
        let Some(start) = self.mention(first).map(|x| x.tokens.start) else {
            return Vec::new();
        };
        // `berbicara dengan X dan menyatakan dukungan`: the party may follow a preposition.
        let verb_end = if matches!(self.key(start.wrapping_sub(1)), "dengan" | "kepada") {
            start - 1
        } else {
            start
        };
        let verb = verb_end
            .checked_sub(1)
            .and_then(|v| self.pred_ending(v))
            .and_then(|q| self.preds.get(q));
        match verb {
            Some(q) if matches!(q.kind, PredKind::Verb | PredKind::Trigger) && !q.nominal => self
                .coordinated_right(first)
                .into_iter()
                .filter(|&c| self.acceptable_party(c, relation))
                .collect(),
            _ => Vec::new(),
        }
    }

    /// `Langkah Israel menuai kecaman dari PBB`: the subject of a verb of receiving is the party
    /// of the stance noun it receives.
    pub(super) fn receiver(&self, pred: &Pred) -> Vec<usize> {
        if !pred.nominal {
            return Vec::new();
        }
        let mut index = pred.tokens.start;
        while index > 0 && matches!(self.class(index - 1), Some(WordClass::Aux | WordClass::Det)) {
            index -= 1;
        }
        let Some(verb) = index.checked_sub(1).filter(|&v| self.class(v) == Some(WordClass::Receive)) else {
            return Vec::new();
        };
        let mut at = verb;
        while at > 0 {
            at -= 1;
            if self.is_hard_stop(at) || self.pred_ending(at).is_some() {
                break;
            }
            if let Some(m) = self.mention_at(at) {
                return self
                    .coordinated_left(m)
                    .into_iter()
                    .filter(|&c| self.acceptable_party(c, Relation::Condemns))
                    .collect();
            }
        }
        Vec::new()
    }

    /// `antara X dan Y` in the clause before the predicate at `pred`: both.
    pub(super) fn between_before(&self, pred: &Pred) -> Vec<usize> {
        let start = self.clause_start(pred.tokens.start);
        let found = self.after_preposition(start, pred.tokens.start, &["antara"], Relation::Mediates);
        if found.len() >= 2 { found } else { Vec::new() }
    }

    /// `dengan tegas`, `secara terbuka`, `segera`: adverbials between a verb and its object.
    pub(super) fn skip_adverbials(&self, mut index: usize) -> usize {
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

    /// True for the closing mark of a few words set in quotes inside a phrase (`mengutuk
    /// "percobaan kudeta" di Niger`): the phrase reads on past it.
    fn closes_scare_quotes(&self, index: usize) -> bool {
        let is_quote = |i: usize| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Quote);
        let is_word = |i: usize| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word);
        is_quote(index) && (index.saturating_sub(5)..index.saturating_sub(1)).any(|i| is_quote(i) && (i + 1..index).all(is_word))
    }

    /// The actors of the noun phrase at `start`: its head actor, or the possessor after a noun
    /// (`operasi Azerbaijan`, `agresi bersenjata AS`), with coordinated ones; for disapproval the
    /// act's agent wherever the phrase names it (`penembakan oleh pasukan Armenia`, `pendudukan
    /// wilayah Lebanon oleh Israel`, `serangan yang dilancarkan Rusia`). A country's people are
    /// never the target of a disapproval.
    pub(super) fn noun_phrase_actors(&self, start: usize, relation: Relation, allow_possessor: bool) -> Vec<usize> {
        let mut index = start;
        let mut nouns = 0;
        while index < self.tokens.len() {
            if let Some(m) = self.mention_at(index) {
                let found: Vec<usize> = self.coordinated_right(m);
                if relation.is_disapproval() && nouns > 0 {
                    let end = found.last().and_then(|&l| self.mention(l)).map_or(index, |l| l.tokens.end);
                    if let Some(agent) = self.agent_after(end) {
                        return agent;
                    }
                }
                // `kecaman terhadap penangkapan Presiden X`, `menyerukan pembebasan X`: a person
                // after an act done to someone (peN-an) is who suffers it, neither its doer nor
                // whom an appeal is made to.
                let suffers = (relation.is_disapproval() || relation == Relation::Urges)
                    && nouns > 0
                    && self.has_pattern(start, &[Prefix::PeN], Some(Suffix::An))
                    && !self.is_position_noun(start)
                    && found.iter().all(|&f| self.is_person(f));
                if suffers {
                    return Vec::new();
                }
                return found.into_iter().filter(|&c| self.acceptable_party(c, relation)).collect();
            }
            if nouns > 0 && self.closes_scare_quotes(index) {
                index += 1;
                continue;
            }
            let token = self.tokens.get(index);
            // `serangan 5.000 roket Hamas`: a number counts what the noun after it names.
            if token.is_some_and(|t| t.kind == TokenKind::Number) && nouns > 0 {
                index += 1;
                continue;
            }
            // A name's particle (`Masjid Al-Aqsa`) is part of the noun, and so is a noun of intent
            // before its owner (`komitmen Amerika Serikat`).
            let intent_noun = self.class(index) == Some(WordClass::Announce) && self.mention_at(index + 1).is_some();
            let word = token.is_some_and(|t| t.kind == TokenKind::Word)
                && (matches!(self.class(index), None | Some(WordClass::Particle)) || intent_noun);
            // `agresi bersenjata`: a ber- verb after a noun describes it, and so does any verb
            // before a relative clause on the act or its doer (`serangan mengerikan yang dilakukan
            // Hamas`, `pernyataan mengejutkan dari X`).
            let adjective = nouns > 0
                && (self.has_prefix(index, Prefix::Ber)
                    || (matches!(self.key(index + 1), "yang" | "oleh" | "dari")
                        && self
                            .pred_starting(index)
                            .and_then(|q| self.preds.get(q))
                            .is_some_and(|p| p.kind == PredKind::Verb)));
            // A stance noun is still a noun (`memprotes pelanggaran oleh X`, `menyambut baik
            // seruan X`): the phrase goes on to its owner.
            // Not for an appeal: it is made to its addressee, not to the owner of what it is about
            // (`mendesak blokade ilegal Israel diakhiri` asks nothing of Israel).
            let stance_noun = relation != Relation::Urges
                && self
                    .pred_starting(index)
                    .and_then(|q| self.preds.get(q))
                    .is_some_and(|p| p.nominal && !p.agent);
            let is_noun = word && (self.pred_starting(index).is_none() || adjective || stance_noun);
            if is_noun && allow_possessor && nouns < 3 {
                if self.class(index) != Some(WordClass::Particle) {
                    nouns += 1;
                }
            } else if self.key(index) == "oleh" && relation.is_disapproval() && nouns > 0 {
                // the agent of the act
            } else if let Some(oleh) = self.agent_after_target(index).filter(|_| relation.is_disapproval() && nouns > 0) {
                // `penindasan terhadap demonstran oleh aparat Iran`: the act's target, then its doer.
                index = oleh;
            } else if self.class(index) == Some(WordClass::Aux)
                && nouns > 0
                && (self.key(index + 1) == "yang" || self.mention_at(index + 1).is_some() || self.is_plain_word(index + 1))
            {
                // `sanksi baru yang dijatuhkan AS`, `serangan lanjutan Rusia`, `penarikan segera
                // kelompok X`: an adverb after a noun describes it.
            } else if nouns > 0 && self.is_punct(index, &["-"]) && self.tokens.get(index + 1).is_some_and(|t| t.kind == TokenKind::Word) {
                // `penyerbuan Masjid Al-Aqsa oleh X`: a name's inner hyphen and the part after it.
                index += 1;
            } else if self.class(index) == Some(WordClass::Coord)
                && nouns > 0
                && self.is_plain_word(index + 1)
                && self.pred_starting(index + 1).is_none()
            {
                // `kesepakatan damai dan normalisasi hubungan antara X dengan Y`: coordinated
                // nouns share the owner named after the last.
                nouns = 0;
            } else if self.class(index) == Some(WordClass::Det) && nouns > 0 {
                // `peningkatan kekerasan ini`
            } else if self.key(index) == "antara" && relation.is_disapproval() && nouns > 0 {
                // `mengutuk kesepakatan normalisasi antara X dengan Y`: a deal is both sides'.
                return self.between(index + 1);
            } else if self.key(index) == "dari"
                && relation.is_disapproval()
                && (start..index).any(|i| self.lexicon.is_document(self.key(i)))
                && self.mention_at(index + 1).is_some()
            {
                // `mengutuk pernyataan dari X`: what was said is its sayer's.
                index += 1;
                continue;
            } else if self.key(index) == "di" && relation.is_disapproval() && nouns > 0 {
                // `percobaan kudeta di Niger`: an act a state does within its borders is the
                // state's where it happens.
                return self.state_where(start..index);
            } else if self.key(index) == "yang" && relation.is_disapproval() && nouns > 0 {
                // `serangan brutal yang (kembali) dilancarkan Rusia`: who carried the act out.
                let mut verb = index + 1;
                while matches!(self.class(verb), Some(WordClass::Aux | WordClass::Announce)) {
                    verb += 1;
                }
                if !self.has_prefix(verb, Prefix::Di) {
                    break;
                }
                index = verb;
            } else {
                break;
            }
            index += 1;
        }
        self.group_members(start)
    }

    /// The two sides of `antara X dan Y` or `antara X dengan Y` after `antara` at `start`; none
    /// unless both are actors.
    fn between(&self, start: usize) -> Vec<usize> {
        let Some(first) = self.mention_at(start) else { return Vec::new() };
        let mut found = self.coordinated_right(first);
        if found.len() == 1 {
            let end = self.mention(first).map_or(start, |m| m.tokens.end);
            if let Some(second) = self.mention_at(end + 1).filter(|_| self.key(end) == "dengan") {
                found.push(second);
            }
        }
        if found.len() >= 2 { found } else { Vec::new() }
    }

    /// The `oleh` after a target phrase opened at `index` (`terhadap demonstran oleh X`,
    /// `atas Gaza oleh X`), within a few words of the same clause.
    fn agent_after_target(&self, index: usize) -> Option<usize> {
        if !matches!(self.key(index), "terhadap" | "atas" | "ke" | "kepada") {
            return None;
        }
        (index + 1..index + 7)
            .take_while(|&i| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word))
            .find(|&i| self.key(i) == "oleh")
    }

    /// `banyak negara, termasuk Mesir dan Yordania`: the members a group phrase at `start` lists
    /// after an inclusion word, as whom it names.
    pub(super) fn group_members(&self, start: usize) -> Vec<usize> {
        let mut index = start;
        while index < start + 3
            && self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word)
            && self.mention_at(index).is_none()
            && !matches!(
                self.class(index),
                Some(WordClass::Include | WordClass::Prep | WordClass::Conj | WordClass::Coord)
            )
        {
            index += 1;
        }
        if index == start {
            return Vec::new();
        }
        if self.is_punct(index, &[","]) {
            index += 1;
        }
        if self.class(index) != Some(WordClass::Include) {
            return Vec::new();
        }
        match self.mention_at(index + 1) {
            Some(m) if self.mention(m).is_some_and(|x| x.tokens.start == index + 1) => self.coordinated_right(m),
            _ => Vec::new(),
        }
    }

    /// The country named after the `di` at `words.end` when `words` name an act a state does
    /// within its borders (`kudeta`, `tindakan keras`).
    fn state_where(&self, words: std::ops::Range<usize>) -> Vec<usize> {
        let keys: Vec<&str> = self
            .tokens
            .get(words.start..)
            .unwrap_or(&[])
            .iter()
            .map(|t| t.key.as_str())
            .collect();
        let within_borders = (0..words.len()).any(|offset| {
            keys.get(offset..)
                .and_then(|rest| self.lexicon.act_at(rest))
                .is_some_and(|act| act.within_borders && offset + act.words.len() <= words.len())
        });
        match self.mention_at(words.end + 1) {
            Some(m) if within_borders && self.is_country(m) => vec![m],
            _ => Vec::new(),
        }
    }

    /// Whom an act whose doers are `agents` was aimed at: `serangan Hamas ke Israel`, `invasi
    /// Rusia terhadap Ukraina`, `serangan roket Hamas yang menghantam Israel`.
    pub(super) fn act_targets(&self, agents: &[usize]) -> Vec<usize> {
        let Some(end) = agents.iter().filter_map(|&a| self.mention(a)).map(|m| m.tokens.end).max() else {
            return Vec::new();
        };
        for index in end..(end + 4).min(self.tokens.len()) {
            let after_preposition = matches!(self.key(index), "ke" | "terhadap" | "atas" | "kepada");
            let verb = self
                .pred_ending(index)
                .and_then(|q| self.preds.get(q))
                .is_some_and(|p| p.kind == PredKind::Verb && !p.passive);
            // `... yang memporak-porandakan Israel`: the verb of a relative clause on the act.
            let relative_verb = index > end && self.key(index - 1) == "yang" && self.is_plain_word(index);
            let after_verb = index > end && (verb || relative_verb);
            if after_preposition || after_verb {
                return match self.mention_at(index + 1) {
                    Some(m) if self.acceptable_party(m, Relation::Condemns) => self.coordinated_right(m),
                    _ => Vec::new(),
                };
            }
            if self.mention_at(index).is_some() || self.is_hard_stop(index) {
                break;
            }
        }
        Vec::new()
    }

    /// `... oleh X` within a few nouns after `from`: the agent of the act just named.
    pub(super) fn agent_after(&self, from: usize) -> Option<Vec<usize>> {
        for index in from..from + 4 {
            match self.key(index) {
                "oleh" => {
                    let m = self.mention_at(index + 1)?;
                    return Some(self.coordinated_right(m));
                }
                _ if self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word)
                    && self.mention_at(index).is_none()
                    && self.pred_starting(index).is_none()
                    && matches!(self.class(index), None | Some(WordClass::Det)) => {}
                _ => return None,
            }
        }
        None
    }

    /// True when the word at `index` is built with exactly these prefixes and suffix.
    fn has_pattern(&self, index: usize, prefixes: &[Prefix], suffix: Option<Suffix>) -> bool {
        self.analysis(index)
            .is_some_and(|a| a.pattern.prefixes.as_slice() == prefixes && a.pattern.suffix == suffix)
    }

    /// True for a peN-an noun naming what its owner says or decides rather than an act done to
    /// someone (`pengakuan X`, `pernyataan X`, `penolakan X`): its root is a verb of saying or
    /// a stance word taking an object, never a hostile act.
    fn is_position_noun(&self, index: usize) -> bool {
        self.analysis(index).is_some_and(|a| {
            self.lexicon.speech_root(&a.root)
                || self
                    .lexicon
                    .triggers_for_root(&a.root)
                    .any(|(_, t)| !t.slots.contains(&Slot::Claim))
        })
    }

    /// True when mention `m` names a person, by name or by post.
    fn is_person(&self, m: usize) -> bool {
        self.mention(m).is_some_and(|x| match &x.referent {
            Referent::Actor(key) => self.lexicon.gazetteer.kind(key) == Some(ActorKind::Person),
            Referent::NewPerson { .. } | Referent::Holder { .. } => true,
            Referent::Reference(target) => *target == ReferenceTarget::Person,
            Referent::CountryOf(_) | Referent::Organ(_) => false,
        })
    }

    /// True when mention `m` names a country (or its capital).
    fn is_country(&self, m: usize) -> bool {
        self.mention(m).is_some_and(|x| match &x.referent {
            Referent::Actor(key) => self.lexicon.gazetteer.kind(key) == Some(ActorKind::Country),
            _ => false,
        })
    }

    /// True when the word at `index` carries `prefix` first (`bersenjata`, `dilancarkan`).
    pub(super) fn has_prefix(&self, index: usize, prefix: Prefix) -> bool {
        self.analysis(index).is_some_and(|a| a.pattern.prefixes.first() == Some(&prefix))
    }

    pub(super) fn acceptable_party(&self, m: usize, relation: Relation) -> bool {
        self.mention(m)
            .is_some_and(|x| !(relation.is_disapproval() && x.role == Role::Population))
    }

    /// Where the words of a post (`pemimpin`, `para pejabat tinggi`) that open the phrase at
    /// `start` end, quantifiers before them included.
    fn phrase_end_of_title(&self, start: usize) -> Option<usize> {
        let mut index = start;
        while matches!(self.key(index), "semua" | "seluruh" | "para" | "sejumlah" | "beberapa") {
            index += 1;
        }
        // Only the titles this word opens: trying every title here was a seventh of the
        // extraction's time (perf).
        self.lexicon
            .titles_opening_with(self.key(index))
            .filter_map(|title| {
                let mut end = index;
                for word in title.text.split_whitespace() {
                    if self.key(end) != word {
                        return None;
                    }
                    end += 1;
                }
                Some(end)
            })
            .max()
    }

    /// Where `units` words after `start` end, a name of several words counting as one
    /// (`kecaman keras disampaikan Kementerian Luar Negeri Indonesia atas ...`).
    fn units_end(&self, start: usize, units: usize) -> usize {
        let mut index = start;
        for _ in 0..units {
            index = self
                .mention_at(index)
                .and_then(|m| self.mention(m))
                .map_or(index + 1, |m| m.tokens.end.max(index + 1));
        }
        index
    }

    /// The actors after the first of `prepositions` in `start..end` that introduces any.
    pub(super) fn after_preposition(&self, start: usize, end: usize, prepositions: &[&str], relation: Relation) -> Vec<usize> {
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
    pub(super) fn clause_end(&self, from: usize) -> usize {
        let in_quote = self.tokens.get(from).is_some_and(|t| t.in_quote);
        let mut index = from;
        while index < self.tokens.len() {
            if self.is_hard_stop(index) || matches!(self.class(index), Some(WordClass::Conj | WordClass::Condition)) {
                return index;
            }
            if self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Quote) && in_quote {
                return index;
            }
            index += 1;
        }
        self.tokens.len()
    }

    pub(super) fn clause_start(&self, from: usize) -> usize {
        let mut index = from;
        while index > 0 {
            let at = index - 1;
            if self.is_hard_stop(at) || matches!(self.class(at), Some(WordClass::Conj | WordClass::Condition)) {
                return index;
            }
            index = at;
        }
        0
    }
}
