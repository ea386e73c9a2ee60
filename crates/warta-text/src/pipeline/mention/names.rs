//! Names of persons: a name after a title, in apposition, introduced by a verb of saying, or
//! opening the sentence before its own verb of saying; a surname alone after the full name.
//!
//! Owns: where a person's name starts and ends. Must not: know relations.

use super::*;

pub(super) struct Name {
    pub(super) end: usize,
    pub(super) known: Option<ActorKey>,
    pub(super) text: String,
}

impl Composer<'_> {
    pub(super) fn push_person(&mut self, start: usize, name: Name, post: Post) -> usize {
        let referent = match name.known {
            Some(key) => Referent::Actor(key),
            None => self.new_person(&name.text),
        };
        self.push(start..name.end, referent, Role::Name, Some(post), false)
    }

    pub(super) fn new_person(&self, name: &str) -> Referent {
        let key = ActorKey::from_name(name).map(|k| {
            if self.lexicon.gazetteer.get(&k).is_some() {
                ActorKey::from_name(&format!("person {name}")).unwrap_or(k)
            } else {
                k
            }
        });
        match key {
            Some(key) => Referent::NewPerson {
                key,
                name: name.to_owned(),
            },
            None => Referent::Reference(ReferenceTarget::Person),
        }
    }

    /// True when a noun phrase can begin at `index`: nothing before it in the sentence, or a
    /// punctuation mark, a function word or a verb, not a noun it would describe.
    pub(super) fn opens_noun_phrase(&self, index: usize) -> bool {
        let Some(previous) = index.checked_sub(1).and_then(|i| self.tokens.get(i)) else {
            return true;
        };
        previous.kind != TokenKind::Word
            || self.lexicon.word_class(&previous.key).is_some()
            || self.lexicon.stemmer.analyze(&previous.key).is_some_and(|a| {
                matches!(a.pattern.prefixes.first(), Some(Prefix::MeN | Prefix::Di | Prefix::Ber)) && a.pattern.suffix != Some(Suffix::An)
            })
    }

    /// True for a word the stemmer reads as a derived Indonesian form (`Jelaskan`, `Temui`): in a
    /// title-case headline it is a verb, not part of a name.
    pub(super) fn is_derived_word(&self, folded: &str) -> bool {
        self.lexicon.stemmer.analyze(folded).is_some_and(|a| {
            // Short roots make false readings of names: `Hadi` is not had + -i, `Mensah` not
            // meN- + sah, `Peter` not peN- + ter.
            let long_root = a.root.chars().count() >= 4;
            let verbal = matches!(a.pattern.prefixes.first(), Some(Prefix::MeN | Prefix::Di | Prefix::Ber));
            a.pattern.suffix == Some(Suffix::Kan) || (long_root && (verbal || a.pattern.suffix == Some(Suffix::I)))
        })
    }

    /// A name right after a title, where a capitalised word that is also a common word is a
    /// given name when a name follows it (`Juru Bicara Kemlu RI Lalu Muhammad Iqbal`).
    pub(super) fn name_after_title(&self, index: usize) -> Option<Name> {
        if let Some(name) = self.name_at(index) {
            return Some(name);
        }
        let token = self.tokens.get(index)?;
        // `Menlu Myanmar Daw Aung San Suu Kyi`: the courtesy word is not part of the name.
        if token.capitalized && self.lexicon.word_class(&token.key) == Some(WordClass::Honorific) {
            return self.name_at(index + 1);
        }
        let common_word = token.kind == TokenKind::Word && token.capitalized && self.lexicon.word_class(&token.key).is_some();
        if !common_word {
            return None;
        }
        let rest = self.name_at(index + 1).filter(|n| n.known.is_none())?;
        Some(Name {
            end: rest.end,
            known: None,
            text: format!("{} {}", token.span.of(self.text), rest.text),
        })
    }

    /// A person's name at `index`: a listed person, or a run of capitalised words that are
    /// neither actors nor function words.
    pub(super) fn name_at(&self, index: usize) -> Option<Name> {
        if let Some((range, Atom::Person(person))) = self.atom(index) {
            let person = self.known.get(*person)?;
            return Some(Name {
                end: range.end,
                known: person.listed.then(|| person.key.clone()),
                text: person.name.clone(),
            });
        }
        if let Some(actor) = self.actor_at(index) {
            return (self.kind_of(&actor.key) == Some(ActorKind::Person)).then(|| Name {
                end: actor.end,
                known: Some(actor.key),
                text: String::new(),
            });
        }
        let mut end = index;
        let mut words = Vec::new();
        // How many words the name keeps at least: up to its last glued hyphen part.
        let mut glued_end: Option<usize> = None;
        // Arabic names join their parts with particles and hyphens (`Sabah Al-Ahmad Al-Jaber Al-Sabah`).
        while end < self.tokens.len() && end - index < MAX_NAME_TOKENS * 3 {
            let Some(token) = self.tokens.get(end) else { break };
            // `U Thaung Tun` again after `Thaung Tun`: the run ends in a known surname.
            if let Some((range, Atom::Person(person))) = self.atom(end).filter(|_| !words.is_empty()) {
                let person = self.known.get(*person)?;
                let given = words.join(" ");
                if crate::text::fold(&person.name).starts_with(&crate::text::fold(&given)) {
                    return Some(Name {
                        end: range.end,
                        known: person.listed.then(|| person.key.clone()),
                        text: person.name.clone(),
                    });
                }
            }
            let surface = token.span.of(self.text);
            let particle = self.lexicon.word_class(&token.key) == Some(WordClass::Particle);
            let joiner = token.key == "-" && !words.is_empty();
            let name_word = token.kind == TokenKind::Word
                && token.capitalized
                && self.atom(end).is_none()
                && self.lexicon.word_class(&token.key).is_none()
                // `Erdogan, Selasa (23/10)`: a day of the week dates what was said, it names nobody.
                && !matches!(self.lexicon.calendar(&token.key), Some(crate::lexicon::CalendarWord::Day(_)))
                && !self.lexicon.is_institution_word(&token.key)
                && !self.is_derived_word(&token.key);
            // The second part of a hyphenated given name, glued to its hyphen (`Tae-yul`, `Geun-hye`).
            let glued_part = token.kind == TokenKind::Word
                && end > index
                && self
                    .tokens
                    .get(end - 1)
                    .is_some_and(|previous| previous.key == "-" && previous.span.end() == token.span.start());
            // A middle initial (`John J. Sullivan`): the letter, its full stop, and more name after.
            let initial = !words.is_empty()
                && token.kind == TokenKind::Word
                && surface.chars().count() == 1
                && token.capitalized
                && self.tokens.get(end + 1).is_some_and(|t| t.key == ".")
                && self.tokens.get(end + 2).is_some_and(|t| t.kind == TokenKind::Word && t.capitalized);
            if initial {
                words.push(surface);
                end += 2;
                continue;
            }
            if !(name_word || glued_part || ((particle || joiner) && !words.is_empty())) {
                break;
            }
            words.push(surface);
            glued_end = if glued_part { Some(words.len()) } else { glued_end };
            end += 1;
        }
        // One given name before a listed person's surname is that person, in another spelling
        // (`Wolodimir Zelenskyj` is Zelensky), when it resembles the person's own given name;
        // otherwise it is somebody else of that surname (`Jacob Cameron`), named in full.
        if let [given] = words.as_slice() {
            if crate::text::is_capitalized(given) {
                if let Some(actor) = self.actor_at(end).filter(|a| self.kind_of(&a.key) == Some(ActorKind::Person)) {
                    if self.resembles_given_name(given, &actor.key) {
                        return Some(Name {
                            end: actor.end,
                            known: Some(actor.key),
                            text: String::new(),
                        });
                    }
                    let surname: Vec<&str> = self.tokens.get(end..actor.end)?.iter().map(|t| t.span.of(self.text)).collect();
                    return Some(Name {
                        end: actor.end,
                        known: None,
                        text: format!("{given} {}", surname.join(" ")),
                    });
                }
            }
        }
        // Drop trailing particles and hyphens; a name needs a capitalised word.
        while words.len() > glued_end.unwrap_or(0) && words.last().is_some_and(|w| !crate::text::is_capitalized(w)) {
            words.pop();
            end -= 1;
        }
        let n_capitalized = words
            .iter()
            .filter(|w| crate::text::is_capitalized(w) && self.lexicon.word_class(&crate::text::fold(w)) != Some(WordClass::Particle))
            .count();
        if n_capitalized == 0 || n_capitalized > MAX_NAME_TOKENS {
            return None;
        }
        // One capitalised Indonesian word (`Ketua Komisi ...`) is a body's name begun, not a person's.
        if let [word] = words.as_slice() {
            if self.lexicon.stemmer.is_root(&crate::text::fold(word)) {
                return None;
            }
        }
        let text = self.tokens.get(index..end)?.iter().fold(String::new(), |mut acc, t| {
            let glued = acc.ends_with('-') || t.key == "-";
            if !acc.is_empty() && !glued {
                acc.push(' ');
            }
            acc.push_str(t.span.of(self.text));
            acc
        });
        Some(Name { end, known: None, text })
    }

    /// True when `given` is a spelling of the given name of listed person `key` (Jaro-Winkler at
    /// least 0.75 against the first word of any of its full names), or the gazetteer lists no
    /// full name to compare with.
    pub(super) fn resembles_given_name(&self, given: &str, key: &ActorKey) -> bool {
        let Some(info) = self.lexicon.gazetteer.resolve(key.as_str()) else {
            return true;
        };
        let given = crate::text::fold(given);
        let mut firsts = info
            .names()
            .filter(|n| n.split_whitespace().count() >= 2)
            .filter_map(|n| n.split_whitespace().next())
            .map(crate::text::fold)
            .peekable();
        firsts.peek().is_none() || firsts.any(|first| strsim::jaro_winkler(&first, &given) >= MIN_GIVEN_NAME_SIMILARITY)
    }

    /// `, <title> <organisation>` after a person's name, closed by a comma or the clause. Not
    /// when the titles lead to another name (`Trump, calon presiden ... Joe Biden`).
    pub(super) fn apposition(&self, name_end: usize) -> Option<(Post, usize)> {
        // `Nicolas Maduro (presiden Venezuela)`: the post in brackets, closed by its bracket.
        let close = match self.key(name_end) {
            "," => None,
            "(" => Some((name_end + 2..(name_end + 12).min(self.tokens.len())).find(|&i| self.key(i) == ")")?),
            _ => return None,
        };
        // `Tinubu, yang juga presiden Nigeria`: a relative clause that states the post.
        let mut title_start = name_end + 1;
        if self.lexicon.word_class(self.key(title_start)) == Some(WordClass::Rel) {
            title_start += 1;
            while matches!(
                self.lexicon.word_class(self.key(title_start)),
                Some(WordClass::Aux | WordClass::Copula)
            ) || self.key(title_start) == "sebagai"
            {
                title_start += 1;
            }
        }
        let (title_range, Atom::Title(title)) = self.atom(title_start)?.clone() else {
            return None;
        };
        if close.is_none() && self.titles_lead_to_name(title_range.end) {
            return None;
        }
        // Adjectives of the post ("pejabat tinggi pemerintahan ...") come before the organisation.
        let mut org = None;
        let post_end = close
            .unwrap_or(title_range.end + MAX_POST_WORDS)
            .min(title_range.end + MAX_POST_WORDS);
        for index in title_range.end..post_end {
            if let Some(actor) = self.actor_at(index) {
                org = Some((Referent::Actor(actor.key.clone()), actor.end));
                break;
            }
            if let Some((range, Atom::Head(_))) = self.atom(index) {
                let after_head = range.end;
                if let Some(actor) = self.actor_at(after_head) {
                    let referent = if self.kind_of(&actor.key) == Some(ActorKind::Person) {
                        Referent::CountryOf(actor.key.clone())
                    } else {
                        Referent::Actor(actor.key.clone())
                    };
                    org = Some((referent, actor.end));
                    break;
                }
            }
            if self.lexicon.word_class(self.key(index)).is_some() || self.key(index) == "," {
                break;
            }
        }
        let end = org.as_ref().map_or(title_range.end, |(_, end)| *end);
        let end = close.map_or(end, |close| close + 1);
        Some((
            Post {
                title,
                org: org.map(|(r, _)| r),
            },
            end,
        ))
    }

    /// True when a name follows the titles and organisations from `index` on, within a few tokens.
    pub(super) fn titles_lead_to_name(&self, mut index: usize) -> bool {
        for _ in 0..8 {
            if let Some(actor) = self.actor_at(index) {
                if self.kind_of(&actor.key) == Some(ActorKind::Person) {
                    return true;
                }
                index = actor.end;
                continue;
            }
            match self.atom(index) {
                Some((range, Atom::Title(_))) => index = range.end,
                _ if matches!(self.key(index), "dari" | "dan" | "serta" | "mantan") => index += 1,
                // `X, Menlu Bangladesh, Mahmood Ali`: the post of the next person in a list.
                _ if self.key(index) == "," => {
                    return self
                        .name_after_title(index + 1)
                        .is_some_and(|n| n.known.is_some() || n.text.split_whitespace().count() >= 2);
                }
                _ => return self.name_at(index).is_some_and(|n| n.text.split_whitespace().count() >= 2),
            }
        }
        false
    }

    /// A person the gazetteer does not know, introduced by a verb of saying (`kata Saeed
    /// Khatibzadeh`) or followed by a post in apposition (`Ruben Vardanyan, pejabat ...`).
    /// `Fu Kong, saat menyatakan ..., mengatakan bahwa ...`: a name that opens the sentence,
    /// set off by a comma, before a verb of saying of its own later in the sentence.
    pub(super) fn reports_after(&self, start: usize, name_end: usize) -> bool {
        let opens = self.tokens.iter().take(start).all(|t| t.kind != TokenKind::Word);
        opens
            && self.key(name_end) == ","
            && self.tokens.iter().skip(name_end + 1).any(|t| {
                t.kind == TokenKind::Word
                    && self
                        .lexicon
                        .stemmer
                        .analyze(&t.key)
                        .is_some_and(|a| a.pattern.prefixes.first() == Some(&Prefix::MeN) && self.lexicon.is_speech(&a))
            })
    }

    pub(super) fn discovered_person(&mut self, index: usize) -> Option<usize> {
        let token = self.tokens.get(index)?;
        if token.kind != TokenKind::Word || !token.capitalized || self.atom(index).is_some() {
            return None;
        }
        let after_speech = index.checked_sub(1).and_then(|i| self.tokens.get(i)).is_some_and(|previous| {
            self.lexicon
                .stemmer
                .analyze(&previous.key)
                .is_some_and(|a| a.pattern.prefixes.is_empty() && self.lexicon.is_speech(&a))
        });
        // `U Thaung Tun`: a courtesy word opens the mention.
        let honorific = self.lexicon.word_class(&token.key) == Some(WordClass::Honorific);
        let name = self.name_at(if honorific { index + 1 } else { index })?;
        let n_words = name.text.split_whitespace().count();
        let post = self.apposition(name.end);
        // A name that ends in the surname of someone named before is that person again.
        let named_before = matches!(name.end.checked_sub(1).and_then(|i| self.atom(i)), Some((_, Atom::Person(_))));
        if n_words < 2 || (!after_speech && post.is_none() && !named_before && !self.reports_after(index, name.end)) {
            return None;
        }
        let referent = match name.known {
            Some(key) => Referent::Actor(key),
            None => self.new_person(&name.text),
        };
        let end = post.as_ref().map_or(name.end, |(_, end)| *end);
        Some(self.push(index..end, referent, Role::Name, post.map(|(p, _)| p), false))
    }
}
