//! Clauses of a whole article → statements: references resolved across sentences, speakers
//! followed from quote to quote, the conflict's parties expanded, posts read into
//! `affiliatedWith`.
//!
//! Owns: discourse state (who was last mentioned, who is speaking, which section we are in).
//! Must not: see RDF or tokens' text beyond what the earlier stages hand over.

mod posts;

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crate::lexicon::{Lexicon, ReferenceTarget};
use crate::model::{ActorKey, ActorKind, Modality, Relation};
use crate::pipeline::clause::{Attribution, Clause, SentenceClauses, Speaker};
use crate::pipeline::mention::{Mention, Referent, SentenceMentions};
use crate::pipeline::segment::Sentence;

/// One extracted triple with where and how the article states it.
#[derive(Debug, Clone, PartialEq)]
pub struct Statement {
    pub subject: ActorKey,
    pub relation: Relation,
    pub object: ActorKey,
    /// Index of the sentence in the article.
    pub sentence: usize,
    /// The words that carry the relation (the title, for `affiliatedWith`).
    pub trigger: String,
    pub date: Option<String>,
    pub modality: Modality,
    pub confidence: f32,
    pub rule: &'static str,
}

/// What the discourse stage needs about one sentence.
pub struct SentenceInput<'a> {
    pub sentence: &'a Sentence,
    pub mentions: &'a SentenceMentions,
    pub clauses: &'a SentenceClauses,
    pub date: Option<String>,
    /// The actor its section header names.
    pub section_actor: Option<ActorKey>,
}

/// Confidence factors for resolutions that can go wrong.
const VIA_REFERENCE: f32 = 0.9;
const VIA_PARTIES: f32 = 0.9;
const VIA_MISSPELLING: f32 = 0.9;
const AFFILIATION_FROM_TITLE: f32 = 0.95;
const AFFILIATION_FROM_CONTEXT: f32 = 0.75;
const TOLD_ACT: f32 = 0.6;

pub struct Output {
    pub statements: Vec<Statement>,
    /// Persons the gazetteer does not list, by key, with their names.
    pub new_persons: BTreeMap<ActorKey, String>,
}

/// `parties` are the sides of the article's conflict; `setting` the country its own crisis
/// happens in (`conflict::setting`).
pub fn statements(
    text: &str,
    sentences: &[SentenceInput<'_>],
    parties: &[ActorKey],
    setting: Option<&ActorKey>,
    lexicon: &Lexicon,
) -> Output {
    // An unnamed holder is the person the article names in that post anywhere, later too
    // (ANNOTATION.md, Rulings: `sekretaris jenderal NATO` ... `Sekretaris Jenderal NATO Jens
    // Stoltenberg`).
    let named_posts: Vec<HeldPost> = sentences
        .iter()
        .flat_map(|input| &input.mentions.mentions)
        .filter_map(|mention| {
            let person = match &mention.referent {
                Referent::Actor(key) | Referent::NewPerson { key, .. } => key.clone(),
                _ => return None,
            };
            let post = mention.post.as_ref()?;
            let Some(Referent::Actor(org)) = &post.org else { return None };
            Some(HeldPost {
                person,
                role: lexicon.titles.get(post.title)?.role.clone(),
                organizations: vec![org.clone()],
            })
        })
        .collect();
    // Listed persons the article names anywhere, with no post of their own in it.
    let listed_persons = sentences
        .iter()
        .flat_map(|input| &input.mentions.mentions)
        .filter(|mention| mention.post.is_none())
        .filter_map(|mention| match &mention.referent {
            Referent::Actor(key) if lexicon.gazetteer.kind(key) == Some(ActorKind::Person) => Some(key.clone()),
            _ => None,
        })
        .filter(|key| !named_posts.iter().any(|post| &post.person == key))
        .collect::<BTreeSet<ActorKey>>();
    let mut discourse = Discourse {
        text,
        lexicon,
        parties,
        setting,
        named_posts,
        listed_persons,
        state: State::default(),
        new_persons: BTreeMap::new(),
        statements: Vec::new(),
    };
    for input in sentences {
        discourse.sentence(input);
    }
    Output {
        statements: discourse.statements,
        new_persons: discourse.new_persons,
    }
}

#[derive(Default)]
struct State {
    /// Persons in order of mention, most recent last.
    persons: Vec<ActorKey>,
    countries: Vec<ActorKey>,
    ministries: Vec<ActorKey>,
    organizations: Vec<ActorKey>,
    topic: Vec<ActorKey>,
    speaker: Vec<ActorKey>,
    statement_issuer: Vec<ActorKey>,
    /// Who the text last told saying something, by name (not by a bare tag or an untagged
    /// quote): whose words `pernyataan itu` is, when no statement was named as such.
    sayer: Vec<ActorKey>,
    section: Option<usize>,
    agents: HashMap<String, Vec<ActorKey>>,
    /// Who did each act the text told of, hostile or not, by root (`deklarasi tersebut`).
    doers: HashMap<String, Vec<ActorKey>>,
    /// The subject the current sentence names outright, with where each mention starts.
    sentence_topic: Vec<(usize, ActorKey)>,
    /// Where the mention being resolved starts.
    position: usize,
    /// Who did the last hostile act the text mentioned, or was last disapproved of for one.
    last_act: Vec<ActorKey>,
    /// Countries the text named together (a plural subject, a clause's parties), most recent
    /// last: what `keempat negara tersebut` counts back to.
    country_groups: Vec<Vec<ActorKey>>,
    /// The parties of the last stance told of each relation: what `kecaman serupa` repeats.
    last_objects: HashMap<Relation, Vec<ActorKey>>,
    /// The posts the article named, in order: who holds which title where.
    posts: Vec<HeldPost>,
    /// Posts named with their organisation but no holder (`Perdana menteri Aljazair`), by role.
    vacant_posts: Vec<(String, ActorKey)>,
    /// The person the text was last about, as a speaker or a subject: who a sentence opening
    /// with `Dia` or `Ia` continues with.
    salient_person: Option<ActorKey>,
    /// The mention being resolved opens a stretch someone is reported to say.
    opens_report: bool,
    /// The actors the current sentence has named so far, in order, and those the previous named.
    sentence_seen: Vec<ActorKey>,
    previous_seen: Vec<ActorKey>,
    /// Where the current sentence's first word is, and whether the mention being resolved is
    /// inside a direct quotation.
    sentence_start: usize,
    in_quote: bool,
}

struct HeldPost {
    person: ActorKey,
    /// The role of the title (`minister`), from `titles.tsv`.
    role: String,
    organizations: Vec<ActorKey>,
}

struct Discourse<'a> {
    text: &'a str,
    lexicon: &'a Lexicon,
    parties: &'a [ActorKey],
    setting: Option<&'a ActorKey>,
    /// Every post the article names with its organisation, in order.
    named_posts: Vec<HeldPost>,
    /// Persons the gazetteer lists that the article names without a post.
    listed_persons: BTreeSet<ActorKey>,
    state: State,
    new_persons: BTreeMap<ActorKey, String>,
    statements: Vec<Statement>,
}

impl Discourse<'_> {
    fn kind(&self, key: &ActorKey) -> Option<ActorKind> {
        self.lexicon
            .gazetteer
            .kind(key)
            .or_else(|| self.new_persons.contains_key(key).then_some(ActorKind::Person))
    }

    fn is_ministry(&self, key: &ActorKey) -> bool {
        self.lexicon
            .gazetteer
            .resolve(key.as_str())
            .is_some_and(|i| i.category.as_deref() == Some("ministry"))
    }

    fn sentence(&mut self, input: &SentenceInput<'_>) {
        if input.sentence.section != self.state.section {
            self.state.section = input.sentence.section;
        }
        let mentions = &input.mentions.mentions;
        let clauses = input.clauses;

        // The sentence's own subject, when it is named outright: `mereka` and `pihaknya` later in
        // the sentence refer to it before anything said earlier.
        self.state.sentence_topic = clauses
            .topic
            .iter()
            .filter_map(|&m| mentions.get(m))
            .filter_map(|m| match &m.referent {
                Referent::Actor(key) | Referent::NewPerson { key, .. } => Some((m.tokens.start, key.clone())),
                _ => None,
            })
            .collect();

        self.state.sentence_start = input
            .sentence
            .tokens
            .iter()
            .position(|t| t.kind == crate::pipeline::segment::TokenKind::Word)
            .unwrap_or(0);
        self.state.in_quote = false;
        self.state.previous_seen = std::mem::take(&mut self.state.sentence_seen);
        // Speakers first: a quote's `Kami` and `pihaknya` resolve to them.
        let speakers: Vec<Vec<ActorKey>> = clauses.attributions.iter().map(|a| self.speaker(&a.speaker, mentions)).collect();

        // Mentions in order, so that `negara itu` finds the country named just before it.
        let mut resolved: Vec<Vec<ActorKey>> = Vec::with_capacity(mentions.len());
        for mention in mentions {
            let speaker = speaker_at(&clauses.attributions, &speakers, mention.tokens.start);
            self.state.position = mention.tokens.start;
            self.state.in_quote = quoted_at(&clauses.attributions, mention.tokens.start);
            self.state.opens_report = clauses
                .attributions
                .iter()
                .any(|a| !a.quoted && a.scope.start == mention.tokens.start);
            let keys = self.resolve(&mention.referent, &speaker);
            if let Referent::Holder { title, org: Some(org) } = &mention.referent {
                if keys.as_slice() == [org.clone()] {
                    if let Some(title) = self.lexicon.titles.get(*title) {
                        self.state.vacant_posts.push((title.role.clone(), org.clone()));
                    }
                }
            }
            // The organisation named in a post is mentioned too (`aliansi itu` after
            // `Sekretaris Jenderal NATO Jens Stoltenberg`).
            if let Some(crate::pipeline::mention::Post { org: Some(org), .. }) = &mention.post {
                let org_keys = self.resolve(org, &speaker);
                self.remember(&org_keys);
            }
            self.remember(&keys);
            self.state.sentence_seen.extend(keys.iter().cloned());
            resolved.push(keys);
        }

        // Posts first: whose side a speaker is on decides whether a claim is an accusation.
        self.affiliations(input, mentions, &resolved, &clauses.attributions, &speakers);
        for clause in &clauses.clauses {
            // The stance is the country's; who speaks on, and for whom, stays the ministry.
            let speaker = clause
                .attribution
                .and_then(|a| Some(self.country_for_its_ministry(clauses.attributions.get(a)?, speakers.get(a)?.clone(), mentions)))
                .unwrap_or_default();
            self.clause(input, clause, mentions, &resolved, &speaker);
        }

        let groups = clauses
            .clauses
            .iter()
            .flat_map(|c| [&c.subjects, &c.objects])
            .chain([&clauses.topic])
            .map(|ms| self.countries_among(&ms.iter().filter_map(|&m| resolved.get(m)).flatten().cloned().collect::<Vec<_>>()))
            .filter(|group| group.len() > 1)
            .collect::<Vec<_>>();
        for group in groups {
            self.state.country_groups.retain(|g| *g != group);
            self.state.country_groups.push(group);
        }
        for deed in &clauses.deeds {
            let doers: Vec<ActorKey> = deed.agents.iter().filter_map(|&m| resolved.get(m)).flatten().cloned().collect();
            if !doers.is_empty() {
                self.state.doers.insert(deed.root.clone(), doers);
            }
        }
        // `"AS telah meningkatkan pengepungan ...," kata X`: a hostile act someone tells another
        // doing is their accusation (ANNOTATION.md, Relations).
        for event in clauses.events.iter().filter(|e| e.told_at.is_some()) {
            let at = event.told_at.unwrap_or_default();
            let speaker = speaker_at(&clauses.attributions, &speakers, at);
            let agents: Vec<ActorKey> = event.agents.iter().filter_map(|&m| resolved.get(m)).flatten().cloned().collect();
            for (subject, object) in speaker.iter().flat_map(|s| agents.iter().map(move |a| (s, a))) {
                if subject == object || self.side_of(subject) == self.side_of(object) {
                    continue;
                }
                self.statements.push(Statement {
                    subject: subject.clone(),
                    relation: Relation::Accuses,
                    object: object.clone(),
                    sentence: input.sentence.index,
                    trigger: event.root.clone(),
                    date: input.date.clone(),
                    modality: Modality::Asserted,
                    confidence: TOLD_ACT,
                    rule: "told-act",
                });
            }
        }
        for event in &clauses.events {
            let agents: Vec<ActorKey> = event.agents.iter().filter_map(|&m| resolved.get(m)).flatten().cloned().collect();
            if !agents.is_empty() {
                self.state.agents.insert(event.root.clone(), agents.clone());
                self.state.last_act = agents;
            }
        }
        let topic: Vec<ActorKey> = clauses.topic.iter().filter_map(|&m| resolved.get(m)).flatten().cloned().collect();
        if !topic.is_empty() {
            let mentions_statement = input.sentence.tokens.iter().any(|t| t.key == "pernyataan");
            if mentions_statement && !topic.iter().any(|k| self.kind(k) == Some(ActorKind::Person)) {
                self.state.statement_issuer.clone_from(&topic);
            }
            self.state.topic.clone_from(&topic);
        }
        let salient = speakers
            .iter()
            .flatten()
            .chain(&topic)
            .find(|k| self.kind(k) == Some(ActorKind::Person));
        if let Some(person) = salient {
            self.state.salient_person = Some(person.clone());
        }
        let named_sayer = clauses
            .attributions
            .iter()
            .zip(&speakers)
            .rfind(|(a, keys)| matches!(a.speaker, Speaker::Mentions(_)) && !keys.is_empty());
        if let Some((_, keys)) = named_sayer {
            self.state.sayer.clone_from(keys);
        }
        // `katanya` and an untagged quote belong to whoever was salient last: the speaker of
        // this sentence, else its subject (`Aliyev mendesak Macron ... "Dia ...," katanya`).
        match speakers.into_iter().rev().find(|s| !s.is_empty()) {
            Some(last) => self.state.speaker = last,
            None if !topic.is_empty() => self.state.speaker = topic,
            None => {}
        }
    }

    /// The countries among `keys`, each once, in order.
    fn countries_among(&self, keys: &[ActorKey]) -> Vec<ActorKey> {
        keys.iter().fold(Vec::new(), |mut found, k| {
            if self.kind(k) == Some(ActorKind::Country) && !found.contains(k) {
                found.push(k.clone());
            }
            found
        })
    }

    /// `"Indonesia mendesak ...," jelas Kemlu`: a ministry's words worded with its country as
    /// the subject are the country's (ANNOTATION.md, Rulings).
    fn country_for_its_ministry(&self, attribution: &Attribution, speaker: Vec<ActorKey>, mentions: &[Mention]) -> Vec<ActorKey> {
        let [ministry] = speaker.as_slice() else { return speaker };
        let Some(country) = self.lexicon.gazetteer.country_of(ministry).filter(|_| self.is_ministry(ministry)) else {
            return speaker;
        };
        let opens_with_country = mentions
            .iter()
            .find(|m| attribution.scope.contains(&m.tokens.start))
            .is_some_and(|m| m.tokens.start <= attribution.scope.start + 1 && m.referent == Referent::Actor(country.clone()));
        if attribution.quoted && opens_with_country {
            vec![country]
        } else {
            speaker
        }
    }

    fn remember(&mut self, keys: &[ActorKey]) {
        for key in keys {
            let list = match self.kind(key) {
                Some(ActorKind::Person) => &mut self.state.persons,
                Some(ActorKind::Country) => &mut self.state.countries,
                Some(ActorKind::Organization) if self.is_ministry(key) => &mut self.state.ministries,
                Some(ActorKind::Organization) => &mut self.state.organizations,
                None => continue,
            };
            list.retain(|k| k != key);
            list.push(key.clone());
        }
    }

    fn speaker(&mut self, speaker: &Speaker, mentions: &[Mention]) -> Vec<ActorKey> {
        match speaker {
            Speaker::Mentions(ms) => {
                let mut keys = Vec::new();
                for &m in ms {
                    if let Some(mention) = mentions.get(m) {
                        // A speaker named by a pronoun is resolved as the narration names it.
                        self.state.position = mention.tokens.start;
                        keys.extend(self.resolve(&mention.referent, &[]));
                    }
                }
                keys
            }
            Speaker::Previous => {
                if self.state.speaker.is_empty() {
                    self.state.topic.clone()
                } else {
                    self.state.speaker.clone()
                }
            }
            Speaker::Topic if !self.state.sentence_topic.is_empty() => self.state.sentence_topic.iter().map(|(_, k)| k.clone()).collect(),
            // A quote with no tag continues the last speaker, or whoever the text was about.
            Speaker::Untagged | Speaker::Topic => {
                if self.state.speaker.is_empty() {
                    self.state.topic.clone()
                } else {
                    self.state.speaker.clone()
                }
            }
        }
    }

    /// The actors a referent stands for; `speaker` is who says the words it appears in.
    fn resolve(&mut self, referent: &Referent, speaker: &[ActorKey]) -> Vec<ActorKey> {
        match referent {
            Referent::Actor(key) => vec![key.clone()],
            Referent::NewPerson { key, name } => {
                self.new_persons.entry(key.clone()).or_insert_with(|| name.clone());
                vec![key.clone()]
            }
            Referent::CountryOf(person) => self.lexicon.gazetteer.country_of(person).into_iter().collect(),
            Referent::Reference(target) => self.resolve_reference(target, speaker),
            Referent::Holder { title, org } => self.holder(*title, org.as_ref()),
            Referent::Organ(organ) => self.unqualified_organ(*organ).into_iter().collect(),
        }
    }

    fn resolve_reference(&self, target: &ReferenceTarget, speaker: &[ActorKey]) -> Vec<ActorKey> {
        let last = |list: &Vec<ActorKey>| list.last().cloned().into_iter().collect::<Vec<_>>();
        let antecedent = || {
            let own: Vec<ActorKey> = self
                .state
                .sentence_topic
                .iter()
                .filter(|(start, _)| *start < self.state.position)
                .map(|(_, k)| k.clone())
                .collect();
            if !speaker.is_empty() {
                speaker.to_vec()
            } else if !own.is_empty() {
                own
            } else {
                self.state.topic.clone()
            }
        };
        match target {
            // A crisis inside one country has it as its only side named (`meminta semua pihak
            // menghentikan kekerasan di Rakhine`).
            ReferenceTarget::Pair if self.state.position <= self.state.sentence_start + 1 => {
                let persons: Vec<ActorKey> = self
                    .state
                    .previous_seen
                    .iter()
                    .filter(|k| self.kind(k) == Some(ActorKind::Person))
                    .fold(Vec::new(), |mut found, k| {
                        if !found.contains(k) {
                            found.push(k.clone());
                        }
                        found
                    });
                match (self.state.topic.len(), persons.len()) {
                    (2, _) => self.state.topic.clone(),
                    (_, 2) => persons,
                    _ => self.resolve_reference(&ReferenceTarget::Parties, speaker),
                }
            }
            // `X menyampaikan pesan dari Presiden Y kepada Presiden Z, ... kedua pemimpin`: the two
            // persons the sentence named before it, besides who speaks or acts; else the
            // conflict's parties.
            ReferenceTarget::Pair => {
                let own = |k: &ActorKey| speaker.contains(k) || self.state.sentence_topic.iter().any(|(_, t)| t == k);
                let persons = self
                    .state
                    .sentence_seen
                    .iter()
                    .filter(|k| self.kind(k) == Some(ActorKind::Person) && !own(k))
                    .fold(Vec::new(), |mut found: Vec<ActorKey>, k| {
                        if !found.contains(k) {
                            found.push(k.clone());
                        }
                        found
                    });
                if persons.len() == 2 {
                    persons
                } else {
                    self.resolve_reference(&ReferenceTarget::Parties, speaker)
                }
            }
            ReferenceTarget::Parties if self.parties.is_empty() => self.setting.into_iter().cloned().collect(),
            ReferenceTarget::Parties => self.parties.to_vec(),
            ReferenceTarget::Person => self.person_referred(speaker),
            // `mereka` in someone's words is never the speaker (who would say `kami`, or be
            // `dia` when reported): the group the words named before, else the one the text
            // was about.
            // `Kementerian Luar Negeri Mesir mengatakan mereka mengecam ...`: opening what a body
            // says, `mereka` is the body.
            ReferenceTarget::Group
                if !speaker.is_empty() && self.state.opens_report && !speaker.iter().any(|s| self.kind(s) == Some(ActorKind::Person)) =>
            {
                speaker.to_vec()
            }
            // `X dan Y menyatakan dukungan mereka`: in words reported, not quoted, of several,
            // `mereka` is those who speak.
            ReferenceTarget::Group if speaker.len() > 1 && !self.state.in_quote => speaker.to_vec(),
            ReferenceTarget::Group if !speaker.is_empty() => {
                let others = |keys: Vec<ActorKey>| -> Vec<ActorKey> {
                    keys.into_iter()
                        .filter(|k| !speaker.contains(k) && self.kind(k) != Some(ActorKind::Person))
                        .filter(|k| !speaker.iter().any(|s| self.side_of(s) == self.side_of(k)))
                        .collect()
                };
                let own = others(
                    self.state
                        .sentence_topic
                        .iter()
                        .filter(|(start, _)| *start < self.state.position)
                        .map(|(_, k)| k.clone())
                        .collect(),
                );
                // Then the group the text was about before, then the last one this sentence named.
                let before = others(self.state.topic.clone());
                let seen = others(self.state.sentence_seen.clone());
                if !own.is_empty() {
                    own
                } else if !before.is_empty() {
                    before
                } else {
                    seen.last().cloned().into_iter().collect()
                }
            }
            ReferenceTarget::Group => {
                let collective: Vec<ActorKey> = antecedent()
                    .into_iter()
                    .filter(|k| self.kind(k) != Some(ActorKind::Person))
                    .collect();
                if collective.is_empty() {
                    self.state.topic.clone()
                } else {
                    collective
                }
            }
            ReferenceTarget::Antecedent => antecedent(),
            ReferenceTarget::Speaker => speaker.to_vec(),
            // `Perancis prihatin atas bentrokan di Sudan. Negara itu mendesak ...`: opening a
            // sentence, the country the text was about, not the last one named.
            ReferenceTarget::Country if self.state.position <= self.state.sentence_start + 1 => {
                let topic: Vec<&ActorKey> = self
                    .state
                    .topic
                    .iter()
                    .filter(|k| self.kind(k) == Some(ActorKind::Country))
                    .collect();
                let first_named = self.state.previous_seen.iter().find(|k| self.kind(k) == Some(ActorKind::Country));
                match (topic.as_slice(), first_named) {
                    ([country], _) => vec![(*country).clone()],
                    ([], Some(country)) => vec![country.clone()],
                    _ => last(&self.state.countries),
                }
            }
            ReferenceTarget::Country => last(&self.state.countries),
            // `Iran, Rusia, dan Turki mengecam ... Ketiga negara itu ...`: the countries of the
            // last plural subject; with none, the countries this sentence named before it.
            ReferenceTarget::Countries(count) => {
                let countries = |keys: &[ActorKey]| -> Vec<ActorKey> { self.countries_among(keys) };
                let topic = countries(&self.state.topic);
                let latest = if topic.len() > 1 {
                    topic
                } else {
                    countries(&self.state.sentence_seen)
                };
                // A count names the group: `Keempat negara tersebut` after four countries acted
                // together, though a sentence about one of them came between.
                match count {
                    Some(n) if latest.len() != *n => self
                        .state
                        .country_groups
                        .iter()
                        .rev()
                        .find(|group| group.len() == *n)
                        .cloned()
                        .unwrap_or(latest),
                    _ => latest,
                }
            }
            ReferenceTarget::Ministry => last(&self.state.ministries),
            ReferenceTarget::Organization => last(&self.state.organizations),
            ReferenceTarget::CountryOfAntecedent => antecedent().iter().filter_map(|k| self.lexicon.gazetteer.country_of(k)).collect(),
            ReferenceTarget::Statement => {
                // `Y menyebut pernyataan itu ...`: not Y's own statement.
                let sayer: Vec<ActorKey> = self.state.sayer.iter().filter(|k| !speaker.contains(k)).cloned().collect();
                if !self.state.statement_issuer.is_empty() {
                    self.state.statement_issuer.clone()
                } else if !sayer.is_empty() {
                    sayer
                } else {
                    self.state.topic.clone()
                }
            }
            // `Iran menembakkan rudal ke Israel. AS mengecam serangan itu`: the act named in
            // other words is the last one told.
            ReferenceTarget::AgentOf(root) => self.state.agents.get(root).cloned().unwrap_or_else(|| self.state.last_act.clone()),
            ReferenceTarget::DoerOf(root) => self.state.doers.get(root).cloned().unwrap_or_default(),
            ReferenceTarget::LastAct => self.state.last_act.clone(),
            ReferenceTarget::LastActOrSetting if self.state.last_act.is_empty() => self.setting.into_iter().cloned().collect(),
            ReferenceTarget::LastActOrSetting => self.state.last_act.clone(),
            ReferenceTarget::Setting => self.setting.into_iter().cloned().collect(),
        }
    }

    /// Who `dia`, `ia`, `beliau` is: inside someone's quote, somebody else than the speaker; in
    /// words reported of a person (`X mengatakan, dia ...`), that person; opening a sentence, the
    /// person the text was about; otherwise the person named last.
    fn person_referred(&self, speaker: &[ActorKey]) -> Vec<ActorKey> {
        let is_person = |k: &&ActorKey| self.kind(k) == Some(ActorKind::Person);
        if !self.state.in_quote {
            if let Some(reporter) = speaker.iter().find(is_person) {
                return vec![reporter.clone()];
            }
        }
        let opens_sentence = self.state.position <= self.state.sentence_start + 1;
        let excluded = |p: &ActorKey| self.state.in_quote && speaker.contains(p);
        if opens_sentence {
            if let Some(person) = self.state.salient_person.as_ref().filter(|p| !excluded(p)) {
                return vec![person.clone()];
            }
        }
        self.state
            .persons
            .iter()
            .rev()
            .find(|p| !excluded(p))
            .cloned()
            .into_iter()
            .collect()
    }

    fn keys_of(&self, mentions: &[usize], resolved: &[Vec<ActorKey>]) -> Vec<ActorKey> {
        let mut keys = Vec::new();
        for key in mentions.iter().filter_map(|&m| resolved.get(m)).flatten() {
            if !keys.contains(key) {
                keys.push(key.clone());
            }
        }
        keys
    }

    fn clause(
        &mut self,
        input: &SentenceInput<'_>,
        clause: &Clause,
        mentions: &[Mention],
        resolved: &[Vec<ActorKey>],
        speaker: &[ActorKey],
    ) {
        if clause.negated || clause.hedged {
            return;
        }
        // The sides of a crisis inside one country (resolved to the country) are asked to act,
        // never blamed as a state: the blame is the factions'.
        let setting_as_sides = self.parties.is_empty()
            && clause.objects.iter().any(|&m| {
                mentions
                    .get(m)
                    .is_some_and(|x| x.referent == Referent::Reference(ReferenceTarget::Parties))
            });
        if setting_as_sides && clause.relation.is_disapproval() {
            return;
        }
        let mut confidence = clause.confidence;
        let via_reference = clause
            .subjects
            .iter()
            .chain(&clause.objects)
            .any(|&m| mentions.get(m).is_some_and(|x| matches!(x.referent, Referent::Reference(_))));
        if via_reference {
            confidence *= VIA_REFERENCE;
        }
        if clause
            .subjects
            .iter()
            .chain(&clause.objects)
            .any(|&m| mentions.get(m).is_some_and(|x| x.fuzzy))
        {
            confidence *= VIA_MISSPELLING;
        }
        let (subjects, objects) = if clause.claim {
            (speaker.to_vec(), self.keys_of(&clause.subjects, resolved))
        } else if clause.reciprocal {
            let sides = self.keys_of(&clause.subjects, resolved);
            (sides.clone(), sides)
        } else if clause.toward_parties {
            confidence *= VIA_PARTIES;
            // A side of the conflict does not mediate in it.
            let subjects: Vec<ActorKey> = self
                .keys_of(&clause.subjects, resolved)
                .into_iter()
                .filter(|s| !self.parties.contains(s) && !self.lexicon.gazetteer.country_of(s).is_some_and(|c| self.parties.contains(&c)))
                .collect();
            (subjects, self.parties.to_vec())
        } else if clause.echoes && clause.objects.is_empty() {
            let objects = self.state.last_objects.get(&clause.relation).cloned().unwrap_or_default();
            (self.keys_of(&clause.subjects, resolved), objects)
        } else if clause.party_clitic {
            // Whom `-nya` points back to: the last actor this sentence named before the verb
            // besides who acts, else whom the last sentence was about.
            let subjects = self.keys_of(&clause.subjects, resolved);
            let named_before = mentions
                .iter()
                .zip(resolved)
                .filter(|(m, _)| m.tokens.end <= clause.tokens.start)
                .flat_map(|(_, keys)| keys.iter())
                .rfind(|k| !subjects.contains(k) && self.kind(k) != Some(ActorKind::Person))
                .cloned();
            let party = named_before
                .map(|k| vec![k])
                .unwrap_or_else(|| self.state.topic.iter().filter(|k| !subjects.contains(k)).cloned().collect());
            (subjects, party)
        } else if clause.owner_clitic {
            // Whoever `-nya` points back to: who speaks, else whom this sentence or the last
            // was about.
            self.state.position = clause.tokens.start;
            (
                self.resolve_reference(&ReferenceTarget::Antecedent, speaker),
                self.keys_of(&clause.objects, resolved),
            )
        } else {
            (self.keys_of(&clause.subjects, resolved), self.keys_of(&clause.objects, resolved))
        };
        if !objects.is_empty() {
            self.state.last_objects.insert(clause.relation, objects.clone());
        }
        let modality = if clause.announced {
            Modality::Announced
        } else if !speaker.is_empty() && !subjects.iter().all(|s| speaker.contains(s)) {
            Modality::Reported
        } else {
            Modality::Asserted
        };
        let trigger = self.trigger_text(input, clause.tokens.clone());
        if matches!(clause.relation, Relation::Condemns | Relation::Accuses | Relation::Criticizes) && !objects.is_empty() {
            self.state.last_act.clone_from(&objects);
        }
        for subject in &subjects {
            // What a side says of acts its own side joined (`Trump: AS, Prancis dan Inggris
            // meluncurkan serangan`) accuses none of the coalition.
            let own_coalition = clause.claim && objects.iter().any(|object| self.side_of(subject) == self.side_of(object));
            // One of the sides does not mediate between them (`Erdogan dan Putin sepakat menggelar
            // perundingan antara Rusia dan Ukraina`: only Erdogan stands between).
            if clause.relation == Relation::Mediates && objects.iter().any(|object| self.side_of(subject) == self.side_of(object)) {
                continue;
            }
            for object in &objects {
                // An actor takes no stance toward itself, and what a side says of its own
                // forces' acts (`Peskov mengatakan militer Rusia hanya menyerang ...`) is no
                // accusation.
                if subject == object || own_coalition {
                    continue;
                }
                self.statements.push(Statement {
                    subject: subject.clone(),
                    relation: clause.relation,
                    object: object.clone(),
                    sentence: input.sentence.index,
                    trigger: trigger.clone(),
                    date: input.date.clone(),
                    modality,
                    confidence,
                    rule: clause.rule,
                });
            }
        }
    }

    /// The side an actor speaks for: a person's post in this article (else the gazetteer's), a
    /// ministry's country, an armed group itself (the army and the RSF are both Sudanese, but
    /// not one side).
    fn side_of(&self, key: &ActorKey) -> ActorKey {
        let mut side = key.clone();
        if self.kind(key) == Some(ActorKind::Person) {
            let post = self
                .statements
                .iter()
                .rev()
                .find(|s| s.relation == Relation::AffiliatedWith && &s.subject == key)
                .map(|s| s.object.clone());
            match post.or_else(|| self.lexicon.gazetteer.resolve(key.as_str()).and_then(|info| info.parent)) {
                Some(org) => side = org,
                None => return side,
            }
        }
        if self.is_ministry(&side) {
            if let Some(country) = self.lexicon.gazetteer.country_of(&side) {
                return country;
            }
        }
        side
    }

    fn trigger_text(&self, input: &SentenceInput<'_>, tokens: std::ops::Range<usize>) -> String {
        let slice = input.sentence.tokens.get(tokens).unwrap_or(&[]);
        match (slice.first(), slice.last()) {
            (Some(first), Some(last)) => first.span.cover(last.span).of(self.text).to_owned(),
            _ => String::new(),
        }
    }
}

/// Keeps one statement per (subject, relation, object, sentence), the most confident.
pub fn dedup(statements: &mut Vec<Statement>) {
    let mut best: BTreeMap<(ActorKey, Relation, ActorKey, usize), Statement> = BTreeMap::new();
    for statement in statements.drain(..) {
        let key = (
            statement.subject.clone(),
            statement.relation,
            statement.object.clone(),
            statement.sentence,
        );
        match best.get(&key) {
            Some(kept) if kept.confidence >= statement.confidence => {}
            _ => {
                best.insert(key, statement);
            }
        }
    }
    statements.extend(best.into_values());
}

/// The distinct actors of a set of statements.
pub fn actors_of(statements: &[Statement]) -> BTreeSet<ActorKey> {
    statements.iter().flat_map(|s| [s.subject.clone(), s.object.clone()]).collect()
}
/// True when the token at `position` is inside a direct quotation.
fn quoted_at(attributions: &[crate::pipeline::clause::Attribution], position: usize) -> bool {
    attributions.iter().any(|a| a.quoted && a.scope.contains(&position))
}

/// Who says the token at `position`: the speaker of the narrowest attribution around it
/// (`speakers` holds each attribution's resolved speaker).
fn speaker_at(attributions: &[crate::pipeline::clause::Attribution], speakers: &[Vec<ActorKey>], position: usize) -> Vec<ActorKey> {
    attributions
        .iter()
        .enumerate()
        .filter(|(_, a)| a.scope.contains(&position))
        .min_by_key(|(_, a)| a.scope.len())
        .and_then(|(i, _)| speakers.get(i))
        .cloned()
        .unwrap_or_default()
}
