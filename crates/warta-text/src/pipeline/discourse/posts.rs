//! Posts: `affiliatedWith` from titles and their context, the unnamed holder of a post
//! (`Presiden Mesir`, `Sekretaris Jenderal`), and a body named without its country.
//!
//! Owns: who holds which post in the article. Must not: see RDF.

use super::*;

impl Discourse<'_> {
    /// `Kementerian Luar Negeri` with no country: the foreign ministry named last, else that of
    /// the country this sentence is about (`"AS mengutuk ...," kata juru bicara Departemen Luar
    /// Negeri`), else the home country's (`data/home.tsv`).
    pub(super) fn unqualified_organ(&self, organ: usize) -> Option<ActorKey> {
        let name = &self.lexicon.gazetteer.organs().get(organ)?.name;
        let named = self.state.ministries.iter().rev().find(|key| {
            self.lexicon
                .gazetteer
                .resolve(key.as_str())
                .is_some_and(|info| info.organ.as_ref() == Some(name))
        });
        if let Some(key) = named {
            return Some(key.clone());
        }
        // `"AS mengutuk ...," kata juru bicara Departemen Luar Negeri X`: the body of the country
        // the sentence is about, when it names one as its subject before the body.
        let subject_country = self
            .state
            .sentence_topic
            .iter()
            .find(|(start, key)| *start < self.state.position && self.kind(key) == Some(ActorKind::Country))
            .map(|(_, key)| key);
        let country = subject_country.unwrap_or(&self.lexicon.home);
        self.lexicon.gazetteer.organ_of(country, name).map(|info| info.key)
    }

    /// The person the article last named in a post of this title's role (and organisation, when
    /// given: `Menteri Turki` is the Turkish minister named before); else the organisation.
    pub(super) fn holder(&self, title: usize, org: Option<&ActorKey>) -> Vec<ActorKey> {
        let role = self.lexicon.titles.get(title).map(|t| t.role.as_str());
        let same_org = |post: &HeldPost| {
            org.is_none_or(|org| {
                post.organizations
                    .iter()
                    .any(|o| o == org || self.lexicon.gazetteer.country_of(o).as_ref() == Some(org))
            })
        };
        let fits = |post: &&HeldPost| Some(post.role.as_str()) == role && same_org(post);
        let named = self
            .state
            .posts
            .iter()
            .rev()
            .find(fits)
            .or_else(|| self.named_posts.iter().find(fits));
        // `Presiden Mesir ...`, later `kata Sisi`: the one person the article names who the
        // gazetteer places right in that organisation, when the post names none. Not for a title
        // said relative to someone (`mitranya dari Turki`: his counterpart).
        let relative = self.lexicon.titles.get(title).is_some_and(|t| {
            t.text
                .split_whitespace()
                .last()
                .and_then(|word| self.lexicon.stemmer.analyze(&crate::text::fold(word)))
                .is_some_and(|a| a.possessive)
        });
        let listed = || {
            let org = org.filter(|_| !relative)?;
            let mut placed = self
                .listed_persons
                .iter()
                .filter(|person| self.lexicon.gazetteer.resolve(person.as_str()).and_then(|i| i.parent).as_ref() == Some(org));
            match (placed.next(), placed.next()) {
                (Some(person), None) => Some(person.clone()),
                _ => None,
            }
        };
        match (named, org) {
            (Some(post), _) => vec![post.person.clone()],
            (None, Some(org)) => vec![listed().unwrap_or_else(|| org.clone())],
            (None, None) => Vec::new(),
        }
    }

    /// `affiliatedWith` from posts (`Menteri Luar Negeri Kanada X`), from the context of a bare
    /// title (the statement being reported, the section header, the gazetteer), and for
    /// persons quoted under a header that names an actor (ANNOTATION.md, affiliatedWith).
    pub(super) fn affiliations(
        &mut self,
        input: &SentenceInput<'_>,
        mentions: &[Mention],
        resolved: &[Vec<ActorKey>],
        attributions: &[crate::pipeline::clause::Attribution],
        speakers: &[Vec<ActorKey>],
    ) {
        for (index, mention) in mentions.iter().enumerate() {
            let Some(person) = resolved
                .get(index)
                .and_then(|keys| keys.first())
                .filter(|k| self.kind(k) == Some(ActorKind::Person))
                .cloned()
            else {
                continue;
            };
            // `Presiden Mesir`, the holder the article names elsewhere: the post is stated here.
            if let Referent::Holder { org: Some(org), title } = &mention.referent {
                let trigger = self.lexicon.titles.get(*title).map_or_else(String::new, |t| t.text.clone());
                self.statements.push(Statement {
                    subject: person,
                    relation: Relation::AffiliatedWith,
                    object: org.clone(),
                    sentence: input.sentence.index,
                    trigger,
                    date: input.date.clone(),
                    modality: Modality::Asserted,
                    confidence: AFFILIATION_FROM_CONTEXT,
                    rule: "holder",
                });
                continue;
            }
            if !matches!(mention.referent, Referent::Actor(_) | Referent::NewPerson { .. }) {
                continue;
            }
            let (organizations, trigger, confidence, rule) = match &mention.post {
                Some(post) => {
                    let title = self.lexicon.titles.get(post.title).map_or(String::new(), |t| t.text.clone());
                    match &post.org {
                        Some(org) => {
                            let keys = self.resolve(org, &[]);
                            // `juru bicara Erdogan`: the post is in the country or body of that person.
                            let keys: Vec<ActorKey> = keys
                                .into_iter()
                                .filter_map(|k| {
                                    if self.kind(&k) == Some(ActorKind::Person) {
                                        self.lexicon.gazetteer.resolve(k.as_str()).and_then(|i| i.parent)
                                    } else {
                                        Some(k)
                                    }
                                })
                                .collect();
                            (keys, title, AFFILIATION_FROM_TITLE, "post")
                        }
                        None => {
                            let from_speaker: Vec<ActorKey> = speaker_at(attributions, speakers, mention.tokens.start)
                                .into_iter()
                                .filter(|k| self.kind(k).is_some_and(|kind| kind != ActorKind::Person))
                                .collect();
                            // `Wamenlu Sullivan`, after `Wakil Menteri Luar Negeri AS John
                            // Sullivan`: the post the article already placed.
                            let placed = self
                                .state
                                .posts
                                .iter()
                                .rev()
                                .find(|held| held.person == person && !held.organizations.is_empty());
                            // A listed person's own post before the speaker's: `Presiden Win Myint`
                            // inside the words of the UN's chief is still Myanmar's.
                            let parent = self.lexicon.gazetteer.resolve(person.as_str()).and_then(|i| i.parent);
                            // `Perdana menteri Aljazair ...`, then `Perdana Menteri X`: the post
                            // the article named before without its holder.
                            let role = self.lexicon.titles.get(post.title).map(|t| t.role.as_str());
                            let vacant = self
                                .state
                                .vacant_posts
                                .iter()
                                .rev()
                                .find(|(r, _)| Some(r.as_str()) == role)
                                .map(|(_, org)| org.clone());
                            // A header tells whom the people under it act for, not those named in
                            // another person's words or deeds (`Guterres mengutuk penahanan
                            // Presiden Win Myint` under `PBB`).
                            let is_other_person = |k: &ActorKey| *k != person && self.kind(k) == Some(ActorKind::Person);
                            let in_others_clause = speakers.iter().flatten().any(is_other_person)
                                || self.state.sentence_topic.iter().any(|(_, k)| is_other_person(k));
                            let keys = if let Some(held) = placed {
                                held.organizations.clone()
                            } else if let Some(section) = input.section_actor.as_ref().filter(|_| !in_others_clause) {
                                vec![section.clone()]
                            } else if let Some(parent) = parent {
                                vec![parent]
                            } else if let Some(org) = vacant {
                                vec![org]
                            } else if !from_speaker.is_empty() {
                                from_speaker
                            } else {
                                // `Menteri Luar Negeri, Siti Rahmawati`: a post of the home country,
                                // as Indonesian news writes its own officials. The country, not the
                                // body the title implies: the article names no body.
                                self.lexicon
                                    .titles
                                    .get(post.title)
                                    .and_then(|t| t.organ.as_ref())
                                    .map(|_| self.lexicon.home.clone())
                                    .into_iter()
                                    .collect()
                            };
                            (keys, title, AFFILIATION_FROM_CONTEXT, "post-in-context")
                        }
                    }
                }
                None => match &input.section_actor {
                    Some(section) if self.kind(section) != Some(ActorKind::Person) => {
                        (vec![section.clone()], String::new(), AFFILIATION_FROM_CONTEXT, "section")
                    }
                    _ => continue,
                },
            };
            if let Some(title) = mention.post.as_ref().and_then(|p| self.lexicon.titles.get(p.title)) {
                self.state.posts.push(HeldPost {
                    person: person.clone(),
                    role: title.role.clone(),
                    organizations: organizations.clone(),
                });
            }
            for organization in organizations {
                if organization == person {
                    continue;
                }
                let trigger = if trigger.is_empty() {
                    self.mention_text(input, mention)
                } else {
                    trigger.clone()
                };
                self.statements.push(Statement {
                    subject: person.clone(),
                    relation: Relation::AffiliatedWith,
                    object: organization,
                    sentence: input.sentence.index,
                    trigger,
                    date: input.date.clone(),
                    modality: Modality::Asserted,
                    confidence,
                    rule,
                });
            }
        }
    }

    pub(super) fn mention_text(&self, input: &SentenceInput<'_>, mention: &Mention) -> String {
        self.trigger_text(input, mention.tokens.clone())
    }
}
