//! Tokens of a sentence → the actors it mentions.
//!
//! Lexicon phrases are found first (names, organ forms, titles, noun heads, referring words),
//! then composed: an organ and a country make a government body (`Kementerian Luar Negeri
//! Rusia`), a head and a country still make the country (`pasukan penjaga perdamaian Rusia`),
//! titles, an organisation and a name make a person with a post (`Menteri Luar Negeri Kanada
//! Mélanie Joly`), and a name in apposition takes the title after it (`Ruben Vardanyan, pejabat
//! tinggi ...`). A capitalised word one edit away from a known name is that name (`Gutteres`).
//!
//! Names of persons are read in `names`, referring phrases the lexicon cannot list whole in
//! `references`.
//!
//! Owns: mentions and the posts they carry. Must not: know relations or other sentences.

mod names;
mod references;

use std::collections::BTreeSet;
use std::ops::Range;

use crate::lexicon::morph::{Prefix, Suffix};
use crate::lexicon::{HeadRole, Lexicon, PhraseKind, ReferenceTarget, WordClass};
use crate::model::{ActorKey, ActorKind};
use crate::pipeline::segment::{Token, TokenKind};
use names::Name;

/// What a mention refers to, before coreference.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Referent {
    Actor(ActorKey),
    /// A person the gazetteer does not list.
    NewPerson {
        key: ActorKey,
        name: String,
    },
    /// Resolved by the discourse stage (`kedua belah pihak`, `ia`, `kementerian itu`).
    Reference(ReferenceTarget),
    /// The government of a person's country (`pemerintahan Trump`).
    CountryOf(ActorKey),
    /// A government body named without its country (`Kementerian Luar Negeri`, `Kemlu`), index
    /// into the organs: the body of that kind named before, else the home country's.
    Organ(usize),
    /// The unnamed holder of a post (`Sekretaris Jenderal`, `Menteri Turki itu`): the person the
    /// article named in it before, else the organisation (ANNOTATION.md, Rulings).
    Holder {
        title: usize,
        org: Option<ActorKey>,
    },
}

/// How the words around a name make it refer (ANNOTATION.md, Actors).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    Name,
    Metonym,
    State,
    Official,
    /// The people of a country: an addressee, never the target of a disapproval.
    Population,
}

/// A post named in the text: the title, and the organisation it names if any.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Post {
    pub title: usize,
    pub org: Option<Referent>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Mention {
    pub tokens: Range<usize>,
    pub referent: Referent,
    pub role: Role,
    pub post: Option<Post>,
    /// Matched one edit away from a known name.
    pub fuzzy: bool,
}

/// The mentions of one sentence, in order, and the conflict theatres its places name.
#[derive(Debug, Clone, Default)]
pub struct SentenceMentions {
    pub mentions: Vec<Mention>,
    pub theatres: Vec<usize>,
}

/// A person the article introduced earlier with a full name, who later sentences may call by
/// surname alone (`Mélanie Joly` ... `Joly mengecam ...`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct KnownPerson {
    /// The folded last word of the name.
    pub surname: String,
    pub key: ActorKey,
    pub name: String,
    /// A person the gazetteer lists, whose surname alone it does not (`JD Vance` ... `Vance`).
    pub listed: bool,
}

impl KnownPerson {
    /// The person behind a mention under each name later sentences may call them by: the last
    /// word, and for a two-word name that opens with a short family name (`Fu Kong` ... `kata
    /// Fu`, `Jeon Ha-kyu` ... `Jeon`, as Chinese and Korean names are written), the first.
    pub fn from_mention(mention: &Mention, lexicon: &Lexicon) -> Vec<KnownPerson> {
        let Some(person) = KnownPerson::by_surname(mention, lexicon) else {
            return Vec::new();
        };
        let words: Vec<&str> = person.name.split_whitespace().collect();
        let family = match words.as_slice() {
            // `Jeon Ha-kyu`: a hyphenated given name after a family name, as Korean names are written.
            [first, given] if (2..=3).contains(&first.chars().count()) || (first.chars().count() == 4 && given.contains('-')) => {
                Some(crate::text::fold(first))
            }
            _ => None,
        };
        let first = family.map(|surname| KnownPerson { surname, ..person.clone() });
        std::iter::once(person).chain(first).collect()
    }

    fn by_surname(mention: &Mention, lexicon: &Lexicon) -> Option<KnownPerson> {
        let (key, name, listed) = match &mention.referent {
            Referent::NewPerson { key, name } => (key, name.as_str(), false),
            Referent::Actor(key) => {
                let info = lexicon.gazetteer.get(key).filter(|info| info.kind == ActorKind::Person)?;
                (key, info.label_id.as_str(), true)
            }
            _ => return None,
        };
        let surname = crate::text::fold(name.split_whitespace().last()?);
        (surname.chars().count() >= 3 && name.split_whitespace().count() >= 2).then(|| KnownPerson {
            surname,
            key: key.clone(),
            name: name.to_owned(),
            listed,
        })
    }

    fn referent(&self) -> Referent {
        if self.listed {
            Referent::Actor(self.key.clone())
        } else {
            Referent::NewPerson {
                key: self.key.clone(),
                name: self.name.clone(),
            }
        }
    }
}

/// One lexicon reading chosen at a position.
#[derive(Debug, Clone)]
enum Atom {
    Actor {
        key: ActorKey,
        metonym: bool,
        fuzzy: bool,
    },
    /// A surname of a person introduced earlier in the article, index into the known persons.
    Person(usize),
    Organ(usize),
    Title(usize),
    Head(usize),
    Reference(usize),
    Blocked,
}

/// Names in a title chain or a discovered name run at most this many tokens.
const MAX_NAME_TOKENS: usize = 6;
/// Words a post in apposition may have before its organisation (`kepala kebijakan luar negeri Uni Eropa`).
const MAX_POST_WORDS: usize = 5;
/// How close a given name must be to a listed person's to be that person in another spelling
/// (`Wolodimir` and `Volodymyr` score 0.78; `Jacob` and `David` 0.47).
const MIN_GIVEN_NAME_SIMILARITY: f64 = 0.75;
/// A misspelt name must be this long to be matched at edit distance one.
const MIN_FUZZY_CHARS: usize = 6;

/// `known` are the persons the article named before, `deeds` the roots of the acts it told
/// someone doing (`mendeklarasikan`), which a noun with a demonstrative may refer back to.
pub fn find_mentions(tokens: &[Token], text: &str, lexicon: &Lexicon, known: &[KnownPerson], deeds: &BTreeSet<String>) -> SentenceMentions {
    let keys: Vec<String> = tokens.iter().map(|t| t.key.clone()).collect();
    let matches = lexicon.phrases.find(&keys);
    let theatres = matches
        .iter()
        .flat_map(|hit| hit.entries.iter())
        .filter_map(|entry| match entry.kind {
            PhraseKind::ConflictCue(theatre) => Some(theatre),
            _ => None,
        })
        .collect();
    let atoms = atoms(tokens, text, lexicon, &matches, known);
    let mut composer = Composer {
        tokens,
        text,
        lexicon,
        atoms: &atoms,
        known,
        deeds,
        mentions: Vec::new(),
    };
    composer.run();
    SentenceMentions {
        mentions: composer.mentions,
        theatres,
    }
}

/// The reading chosen at each token that starts one: the longest valid match, leftmost first.
fn atoms(
    tokens: &[Token],
    text: &str,
    lexicon: &Lexicon,
    matches: &[crate::lexicon::PhraseMatch<'_>],
    known: &[KnownPerson],
) -> Vec<Option<(Range<usize>, Atom)>> {
    let mut chosen: Vec<Option<(Range<usize>, Atom)>> = vec![None; tokens.len()];
    let mut covered_until = 0;
    let mut cursor = 0;
    for start in 0..tokens.len() {
        if start < covered_until {
            continue;
        }
        while matches.get(cursor).is_some_and(|m| m.start < start) {
            cursor += 1;
        }
        let mut best: Option<(usize, Atom)> = None;
        let mut index = cursor;
        while let Some(hit) = matches.get(index).filter(|m| m.start == start) {
            index += 1;
            if best.as_ref().is_some_and(|(n, _)| *n >= hit.n_tokens) {
                continue;
            }
            let surface: Vec<&str> = tokens
                .get(start..start + hit.n_tokens)
                .unwrap_or(&[])
                .iter()
                .map(|t| t.span.of(text))
                .collect();
            if let Some(atom) = hit
                .entries
                .iter()
                .find_map(|entry| valid_atom(&entry.kind, &entry.written, &surface, lexicon))
            {
                best = Some((hit.n_tokens, atom));
            }
        }
        if best.is_none() {
            best = tokens
                .get(start)
                .filter(|t| t.kind == TokenKind::Word && t.capitalized)
                .and_then(|t| known.iter().position(|p| p.surname == t.key))
                .map(|index| (1, Atom::Person(index)));
        }
        if best.is_none() {
            best = fuzzy_atom(tokens.get(start), text, lexicon).map(|atom| (1, atom));
        }
        if let Some((n_tokens, atom)) = best {
            if let Some(slot) = chosen.get_mut(start) {
                *slot = Some((start..start + n_tokens, atom));
            }
            covered_until = start + n_tokens;
        }
    }
    chosen
}

/// Whether a lexicon reading fits the surface: acronyms match their exact case, names must be
/// capitalised, except a country's name that is no Indonesian word (`India dan pakistan`);
/// titles, heads and referring words match in any case.
fn valid_atom(kind: &PhraseKind, written: &str, surface: &[&str], lexicon: &Lexicon) -> Option<Atom> {
    match kind {
        PhraseKind::Actor { key, metonym } => {
            let exact_case_needed = written.split_whitespace().any(crate::text::is_acronym);
            let ok = if exact_case_needed {
                let written_pieces: Vec<&str> = crate::text::pieces(written)
                    .into_iter()
                    .filter_map(|(s, e)| written.get(s..e))
                    .collect();
                written_pieces == surface
            } else {
                // A name written in lower case in the data (`pemerintahan etnis Armenia di
                // Karabakh`) is a description and matches in any case.
                !crate::text::is_capitalized(written)
                    || surface.first().is_some_and(|w| crate::text::is_capitalized(w))
                    || (lexicon.gazetteer.kind(key) == Some(ActorKind::Country) && !metonym && !is_common_word(surface, lexicon))
            };
            ok.then(|| Atom::Actor {
                key: key.clone(),
                metonym: *metonym,
                fuzzy: false,
            })
        }
        PhraseKind::Organ(index) => Some(Atom::Organ(*index)),
        PhraseKind::Title(index) => Some(Atom::Title(*index)),
        PhraseKind::Head(index) => Some(Atom::Head(*index)),
        PhraseKind::Reference(index) => Some(Atom::Reference(*index)),
        PhraseKind::NonActor => Some(Atom::Blocked),
        PhraseKind::ConflictCue(_) => None,
    }
}

/// True when the first word is Indonesian (a root, a derived form or a function word), so that
/// in lower case it is that word and not a name.
fn is_common_word(surface: &[&str], lexicon: &Lexicon) -> bool {
    surface.first().is_none_or(|word| {
        let folded = crate::text::fold(word);
        lexicon.word_class(&folded).is_some() || lexicon.stemmer.is_root(&folded) || lexicon.stemmer.analyze(&folded).is_some()
    })
}

/// A capitalised unknown word one edit away from exactly one known single-word name.
fn fuzzy_atom(token: Option<&Token>, text: &str, lexicon: &Lexicon) -> Option<Atom> {
    let token = token.filter(|t| t.kind == TokenKind::Word && t.capitalized)?;
    let surface = token.span.of(text);
    if token.key.chars().count() < MIN_FUZZY_CHARS || crate::text::is_acronym(surface) || lexicon.word_class(&token.key).is_some() {
        return None;
    }
    if lexicon.stemmer.is_root(&token.key) || lexicon.stemmer.analyze(&token.key).is_some() {
        return None;
    }
    let key = lexicon.fuzzy_name(&token.key)?;
    Some(Atom::Actor {
        key,
        metonym: false,
        fuzzy: true,
    })
}

struct Composer<'a> {
    tokens: &'a [Token],
    text: &'a str,
    lexicon: &'a Lexicon,
    atoms: &'a [Option<(Range<usize>, Atom)>],
    known: &'a [KnownPerson],
    deeds: &'a BTreeSet<String>,
    mentions: Vec<Mention>,
}

/// An actor or organ-plus-country reading at a position, with where it ends.
struct ActorAt {
    end: usize,
    key: ActorKey,
    metonym: bool,
    fuzzy: bool,
}

impl Composer<'_> {
    fn run(&mut self) {
        let mut index = 0;
        while index < self.tokens.len() {
            index = match self.compose_at(index) {
                Some(next) => next.max(index + 1),
                None => index + 1,
            };
        }
    }

    fn atom(&self, index: usize) -> Option<&(Range<usize>, Atom)> {
        self.atoms.get(index).and_then(Option::as_ref)
    }

    fn key(&self, index: usize) -> &str {
        self.tokens.get(index).map_or("", |t| t.key.as_str())
    }

    fn kind_of(&self, key: &ActorKey) -> Option<ActorKind> {
        self.lexicon.gazetteer.kind(key)
    }

    /// An actor at `index`: a name, or an organ form completed by a country.
    fn actor_at(&self, index: usize) -> Option<ActorAt> {
        match self.atom(index)? {
            (range, Atom::Actor { key, metonym, fuzzy }) => Some(ActorAt {
                end: range.end,
                key: key.clone(),
                metonym: *metonym,
                fuzzy: *fuzzy,
            }),
            (range, Atom::Organ(organ)) => {
                let country = self.actor_at(self.after_brackets(range.end))?;
                if self.kind_of(&country.key) != Some(ActorKind::Country) {
                    return None;
                }
                let organ_name = self.lexicon.gazetteer.organs().get(*organ)?.name.clone();
                let info = self.lexicon.gazetteer.organ_of(&country.key, &organ_name)?;
                Some(ActorAt {
                    end: country.end,
                    key: info.key,
                    metonym: false,
                    fuzzy: country.fuzzy,
                })
            }
            _ => None,
        }
    }

    /// Skips a short bracketed aside at `index` (`Kementerian Luar Negeri (Kemlu) Kamboja`).
    fn after_brackets(&self, index: usize) -> usize {
        if self.key(index) != "(" {
            return index;
        }
        (index + 1..(index + 5).min(self.tokens.len()))
            .find(|&i| self.key(i) == ")")
            .map_or(index, |close| close + 1)
    }

    fn push(&mut self, tokens: Range<usize>, referent: Referent, role: Role, post: Option<Post>, fuzzy: bool) -> usize {
        let end = tokens.end;
        // `Komunitas Ekonomi Negara-Negara Afrika Barat (ECOWAS)`: a name restated in brackets
        // is the same mention, so that it coordinates as one (`Uni Afrika dan ... (ECOWAS)`).
        let restated = self.mentions.last().is_some_and(|last| {
            last.tokens.end + 1 == tokens.start && self.key(last.tokens.end) == "(" && self.key(end) == ")" && last.referent == referent
        });
        if let Some(last) = self.mentions.last_mut().filter(|_| restated) {
            last.tokens.end = end + 1;
            return end + 1;
        }
        self.mentions.push(Mention {
            tokens,
            referent,
            role,
            post,
            fuzzy,
        });
        end
    }

    /// Composes the mention starting at `index`, returning where the next one may start.
    fn compose_at(&mut self, index: usize) -> Option<usize> {
        let Some((range, atom)) = self.atom(index).cloned() else {
            return self
                .demonstrative_subject(index)
                .or_else(|| self.deed_reference(index))
                .or_else(|| self.described_reference(index))
                .or_else(|| self.act_with_relative_clause(index))
                .or_else(|| self.discovered_person(index));
        };
        match atom {
            Atom::Blocked => Some(range.end),
            Atom::Person(index) => {
                let referent = self.known.get(index)?.referent();
                let post = self.apposition(range.end);
                let end = post.as_ref().map_or(range.end, |(_, end)| *end);
                Some(self.push(range.start..end, referent, Role::Name, post.map(|(p, _)| p), false))
            }
            Atom::Title(title) => self.title_chain(index, title).or(Some(range.end)),
            Atom::Head(head) => Some(
                self.head(index, range.end, head)
                    .or_else(|| self.described_reference(index))
                    .or_else(|| self.act_with_relative_clause(index))
                    .unwrap_or(range.end),
            ),
            Atom::Reference(reference) => {
                // `berada di pihak Ukraina`: the side one stands on is a trigger's word, not a
                // reference, and the actor after it is the party.
                if self.key(index) == "pihak" && index.checked_sub(1).is_some_and(|before| self.key(before) == "di") {
                    return Some(range.end);
                }
                // `Pihak Rusia` is Russia, not "the parties".
                if let Some(actor) = self.actor_at(range.end).filter(|_| self.key(index) == "pihak") {
                    let role = self.role_of(&actor, Role::State);
                    return Some(self.push(index..actor.end, Referent::Actor(actor.key), role, None, actor.fuzzy));
                }
                let entry = self.lexicon.references.get(reference)?;
                if entry.not_before.iter().any(|w| w == self.key(range.end)) {
                    return Some(range.end);
                }
                // `X adalah agresor`, `menyebut X sebagai agresor`: a label predicated of someone
                // names no one.
                let label = index
                    .checked_sub(1)
                    .map(|before| self.key(before))
                    .is_some_and(|before| before == "sebagai" || self.lexicon.word_class(before) == Some(WordClass::Copula));
                if label {
                    return Some(range.end);
                }
                // `Armenia dan pasukan militernya`, `Assad, dan pemerintahannya`: the possessor is
                // the actor just coordinated.
                let coordinated_with = self.mentions.last().filter(|m| {
                    let comma = usize::from(self.key(m.tokens.end) == ",");
                    let between = m.tokens.end + comma..index;
                    between.len() <= 3
                        && matches!(self.key(m.tokens.end + comma), "dan" | "serta")
                        && between
                            .skip(1)
                            .all(|i| self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word))
                });
                if entry.target == ReferenceTarget::CountryOfAntecedent {
                    if let Some(Mention { referent, .. }) = coordinated_with.cloned() {
                        let owner = match referent {
                            Referent::Actor(key) if self.kind_of(&key) == Some(ActorKind::Person) => Referent::CountryOf(key),
                            other => other,
                        };
                        return Some(self.push(range, owner, Role::State, None, false));
                    }
                }
                Some(self.push(range, Referent::Reference(entry.target.clone()), Role::Name, None, false))
            }
            Atom::Organ(_) | Atom::Actor { .. } => {
                let Some(actor) = self.actor_at(index) else {
                    // An organ form with no country after it: that kind of body of the context.
                    let Atom::Organ(organ) = atom else { return Some(range.end) };
                    return Some(self.push(range, Referent::Organ(organ), Role::Name, None, false));
                };
                if self.kind_of(&actor.key) == Some(ActorKind::Person) {
                    let post = self.apposition(actor.end);
                    let end = post.as_ref().map_or(actor.end, |(_, end)| *end);
                    return Some(self.push(
                        index..end,
                        Referent::Actor(actor.key),
                        Role::Name,
                        post.map(|(p, _)| p),
                        actor.fuzzy,
                    ));
                }
                let role = self.role_of(&actor, Role::Name);
                Some(self.push(index..actor.end, Referent::Actor(actor.key), role, None, actor.fuzzy))
            }
        }
    }

    fn role_of(&self, actor: &ActorAt, otherwise: Role) -> Role {
        if actor.metonym { Role::Metonym } else { otherwise }
    }

    /// A noun head before an actor: `pemerintah Armenia`, `orang-orang Armenia`, `pemerintahan Trump`.
    fn head(&mut self, start: usize, head_end: usize, head: usize) -> Option<usize> {
        let head_role = *self.lexicon.heads.get(head)?;
        let role = match head_role {
            HeadRole::State | HeadRole::Forces { .. } => Role::State,
            HeadRole::Official => Role::Official,
            HeadRole::Population => Role::Population,
        };
        // A title may stand between ("pejabat tinggi pemerintahan ...") but a head takes the actor right after it.
        let Some(actor) = self.actor_at(head_end) else {
            // `menyerukan kepada militer`, `junta menahan ...`: forces named alone are the
            // setting's; after a noun they describe it (`operasi militer`, `penahanan militer`).
            let alone = match head_role {
                HeadRole::Forces { adjective } => !adjective || self.opens_noun_phrase(start),
                _ => false,
            };
            return alone.then(|| {
                self.push(
                    start..head_end,
                    Referent::Reference(ReferenceTarget::Setting),
                    Role::State,
                    None,
                    false,
                )
            });
        };
        match self.kind_of(&actor.key) {
            Some(ActorKind::Person) if role == Role::State => {
                Some(self.push(start..actor.end, Referent::CountryOf(actor.key), Role::State, None, actor.fuzzy))
            }
            Some(ActorKind::Person) => None,
            _ => Some(self.push(start..actor.end, Referent::Actor(actor.key), role, None, actor.fuzzy)),
        }
    }

    /// Titles, an optional organisation, and a name: `Menteri Luar Negeri Perancis Catherine Colonna`,
    /// `calon presiden dari Partai Demokrat AS dan mantan Wakil Presiden Joe Biden`,
    /// `Juru bicara Erdogan, Ibrahim Kalin`. With no name, an unnamed official stands for the
    /// organisation (`Juru bicara Kementerian Luar Negeri Iran`).
    fn title_chain(&mut self, start: usize, first_title: usize) -> Option<usize> {
        let mut title = first_title;
        let mut org: Option<(Referent, usize, bool)> = None;
        let mut index = self.atom(start)?.0.end;
        let mut steps = 0;
        // Where `untuk X` after the organisation ends: the post is held to X.
        let mut held_to = 0;
        loop {
            steps += 1;
            if steps > 12 {
                break;
            }
            if let Some(actor) = self.actor_at(index) {
                let kind = self.kind_of(&actor.key);
                if kind == Some(ActorKind::Person) {
                    // A person right after the titles is the name, unless a comma makes them
                    // the one whose post it is (`Juru bicara Erdogan, Ibrahim Kalin`); after an
                    // organisation the person holds the post (`Presiden Turki X, Selasa`).
                    if self.key(actor.end) == "," && org.is_none() {
                        if let Some(name) = self.name_at(actor.end + 1) {
                            let post = Post {
                                title,
                                org: Some(Referent::Actor(actor.key.clone())),
                            };
                            return Some(self.push_person(start, name, post));
                        }
                    }
                    let post = Post {
                        title,
                        org: org.map(|(referent, ..)| referent),
                    };
                    return Some(self.push(start..actor.end, Referent::Actor(actor.key), Role::Name, Some(post), actor.fuzzy));
                }
                if org.is_none() {
                    index = actor.end;
                    org = Some((Referent::Actor(actor.key.clone()), actor.end, actor.fuzzy));
                    continue;
                }
                // `Perserikatan Bangsa-Bangsa (PBB, ...`: the organisation again, abbreviated.
                if org
                    .as_ref()
                    .is_some_and(|(referent, ..)| *referent == Referent::Actor(actor.key.clone()))
                {
                    index = actor.end;
                    continue;
                }
                break;
            }
            match (self.key(index), self.atom(index).map(|(_, a)| a.clone())) {
                // `Juru bicara Kementerian`, `juru bicara kementerian itu`: the body referred to.
                (_, Some(Atom::Reference(reference))) if org.is_none() => {
                    let target = self.lexicon.references.get(reference)?.target.clone();
                    let institutional = matches!(
                        target,
                        ReferenceTarget::Ministry | ReferenceTarget::Organization | ReferenceTarget::Country
                    );
                    let end = self.atom(index)?.0.end;
                    if !institutional || self.name_at(end).is_some() {
                        break;
                    }
                    return Some(self.push(start..end, Referent::Reference(target), Role::Official, None, false));
                }
                // `Menteri Pertahanan Republik Filipina X`: a head that keeps the country.
                (_, Some(Atom::Head(head)))
                    if org.is_none() && matches!(self.lexicon.heads.get(head), Some(HeadRole::State | HeadRole::Forces { .. })) =>
                {
                    let head_end = self.atom(index)?.0.end;
                    match self.actor_at(head_end).filter(|a| self.kind_of(&a.key) == Some(ActorKind::Country)) {
                        Some(country) => {
                            index = country.end;
                            org = Some((Referent::Actor(country.key), country.end, country.fuzzy));
                        }
                        None => break,
                    }
                }
                // `Juru Bicara Kementerian Luar Negeri, Arrmanatha Nasir`: a body without its country.
                (_, Some(Atom::Organ(organ))) if org.is_none() => {
                    let end = self.atom(index)?.0.end;
                    org = Some((Referent::Organ(organ), end, false));
                    index = end;
                }
                (_, Some(Atom::Title(next))) => {
                    if org.is_none() {
                        title = next;
                    }
                    index = self.atom(index).map_or(index + 1, |(r, _)| r.end);
                }
                ("dari" | "mantan" | ")", _) => index += 1,
                // `Ketua Komisi Penyelidik PBB`: a body of the organisation, named in capitals.
                _ if org.is_none() && self.names_body_of_actor(index).is_some() => {
                    index = self.names_body_of_actor(index).unwrap_or(index + 1);
                }
                // `Anggota Komisi I DPR X`: the number of a committee is part of the title.
                (_, None) if index > start && self.is_roman_numeral(index) => index += 1,
                // `Duta Besar AS di Beijing Nicholas Burns`, `Wakil Tetap Rusia untuk PBB, X`:
                // where or to whom the post is held is no name.
                ("untuk", _) if org.is_some() && self.actor_at(index + 1).is_some() => {
                    index = self.actor_at(index + 1).map_or(index + 1, |a| a.end);
                    held_to = index;
                }
                // `Utusan Khusus AS untuk Timur Tengah Steve Witkoff`: a region or field, in
                // capitals, before a listed person.
                ("untuk" | "di", _) if org.is_some() && self.listed_person_after_capitals(index + 1).is_some() => {
                    index = self.listed_person_after_capitals(index + 1).unwrap_or(index + 1);
                }
                ("di", _) if org.is_some() => match self.actor_at(index + 1) {
                    Some(place) => index = place.end,
                    None if self.tokens.get(index + 1).is_some_and(|t| t.capitalized) => index += 2,
                    None => break,
                },
                // `Ketua DPR Amerika Serikat (AS) Nancy Pelosi`: the organisation's abbreviation;
                // an unclosed bracket (`PBB (Perserikatan Bangsa-Bangsa, ...`) opens a repetition.
                ("(", _) if org.is_some() => {
                    let after = self.after_brackets(index);
                    let name_inside = self.name_after_title(index + 1).is_some_and(|n| n.known.is_some() || n.end < after);
                    index = if after == index || name_inside { index + 1 } else { after };
                }
                // `Menteri Luar Negeri (Menlu) Republik Indonesia Retno Marsudi`: an abbreviation aside.
                ("(", _) => {
                    let after = self.after_brackets(index);
                    if after == index {
                        break;
                    }
                    index = after;
                }
                ("dan" | "serta" | ",", _)
                    if matches!(self.atom(index + 1), Some((_, Atom::Title(_)))) || self.key(index + 1) == "mantan" =>
                {
                    index += 1
                }
                // `Ketua Komisi Penasihat PBB terkait Provinsi Rakhine, Kofi Annan`: what the post is
                // about, in capitals after a preposition, before the name in apposition.
                (_, None)
                    if org.is_some() && matches!(self.lexicon.word_class(self.key(index)), Some(WordClass::Prep | WordClass::Purpose)) =>
                {
                    let end = (index + 1..index + 4)
                        .find(|&i| !self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word && t.capitalized))
                        .unwrap_or(index + 4);
                    if end == index + 1 || self.key(end) != "," || self.name_after_title(end + 1).is_none() {
                        break;
                    }
                    index = end;
                }
                // `Menteri Luar Negeri Turki, Hakan Fidan`; `Menteri Luar Negeri, Retno Marsudi`.
                (",", _)
                    if (org.is_some() || self.tokens.get(start).is_some_and(|t| t.capitalized))
                        && self.name_after_title(index + 1).is_some() =>
                {
                    index += 1
                }
                _ => break,
            }
        }
        // `pasukan pimpinan Kurdi`: one unknown capitalised word after a title in lower case,
        // with no organisation, describes the noun before it; it is no one's name.
        let lone_word = |name: &Name| {
            name.known.is_none() && !name.text.contains(' ') && org.is_none() && self.tokens.get(start).is_some_and(|t| !t.capitalized)
        };
        if let Some(name) = self.name_after_title(index).filter(|name| !lone_word(name)) {
            let post = Post {
                title,
                org: org.map(|(referent, ..)| referent),
            };
            return Some(self.push_person(start, name, post));
        }
        // No name: the unnamed holder of the post. A bare title counts only as a name does, capitalised.
        match org {
            Some((Referent::Actor(key), end, fuzzy)) => {
                let holder = Referent::Holder { title, org: Some(key) };
                // With where the post is held (`Utusan Khusus PBB untuk Suriah`).
                Some(self.push(start..end.max(held_to), holder, Role::Official, None, fuzzy))
            }
            Some((referent, end, fuzzy)) => Some(self.push(start..end, referent, Role::Official, None, fuzzy)),
            // `Diplomat itu`, `menteri tersebut`: a title made definite is the person the text is
            // about, whatever post the article gave them.
            None if self.lexicon.word_class(self.key(index)) == Some(WordClass::Det) && index == self.atom(start)?.0.end => {
                Some(self.push(
                    start..index + 1,
                    Referent::Reference(ReferenceTarget::Person),
                    Role::Name,
                    None,
                    false,
                ))
            }
            None if self.tokens.get(start).is_some_and(|t| t.capitalized) => {
                let end = self.atom(start)?.0.end.max(index);
                Some(self.push(start..end, Referent::Holder { title, org: None }, Role::Official, None, false))
            }
            None => None,
        }
    }

    /// Where a listed person starts after one to three capitalised words from `index`.
    fn listed_person_after_capitals(&self, index: usize) -> Option<usize> {
        for i in index + 1..index + 4 {
            if !self.tokens.get(i - 1).is_some_and(|t| t.kind == TokenKind::Word && t.capitalized) {
                return None;
            }
            if self.actor_at(i).is_some_and(|a| self.kind_of(&a.key) == Some(ActorKind::Person)) {
                return Some(i);
            }
        }
        None
    }

    /// Where the organisation starts when capitalised words from `index` name one of its bodies:
    /// an Indonesian noun first (`Komisi`, `Dewan`), at most three words, then the actor.
    fn names_body_of_actor(&self, index: usize) -> Option<usize> {
        let first = self.tokens.get(index).filter(|t| t.kind == TokenKind::Word && t.capitalized)?;
        if self.atom(index).is_some() || !self.lexicon.stemmer.is_root(&first.key) {
            return None;
        }
        for i in index + 1..index + 4 {
            if let Some(actor) = self.actor_at(i) {
                return (self.kind_of(&actor.key) != Some(ActorKind::Person)).then_some(i);
            }
            if !self.tokens.get(i).is_some_and(|t| t.kind == TokenKind::Word && t.capitalized) {
                return None;
            }
        }
        None
    }

    /// A Roman numeral written in capitals (`I`, `IV`, `XI`), the number of a committee or a
    /// fleet after its title.
    fn is_roman_numeral(&self, index: usize) -> bool {
        self.tokens.get(index).is_some_and(|t| {
            let surface = t.span.of(self.text);
            surface.chars().count() <= 4 && surface.chars().all(|c| matches!(c, 'I' | 'V' | 'X'))
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::segment::tokenize;
    use crate::pipeline::test_lexicon;

    /// Mentions of `text` as `surface => referent` strings.
    fn check(text: &str, expected: &[&str]) {
        let lexicon = test_lexicon();
        let tokens = tokenize(text, crate::model::Span::new(text, 0, text.len()).unwrap());
        let found = find_mentions(&tokens, text, lexicon, &[], &BTreeSet::new());
        let got: Vec<String> = found
            .mentions
            .iter()
            .map(|m| {
                let surface = tokens[m.tokens.start].span.cover(tokens[m.tokens.end - 1].span).of(text);
                let referent = match &m.referent {
                    Referent::Actor(key) => key.to_string(),
                    Referent::NewPerson { key, .. } => format!("new:{key}"),
                    Referent::Reference(target) => format!("ref:{target:?}"),
                    Referent::CountryOf(key) => format!("country-of:{key}"),
                    Referent::Holder { org, .. } => format!("holder-in:{}", org.as_ref().map_or("-", |k| k.as_str())),
                    Referent::Organ(organ) => format!("organ:{}", lexicon.gazetteer.organs()[*organ].name),
                };
                let post = m.post.as_ref().map(|p| {
                    let org = match &p.org {
                        Some(Referent::Actor(k)) => k.to_string(),
                        Some(other) => format!("{other:?}"),
                        None => "-".to_owned(),
                    };
                    format!(" [{} @ {org}]", lexicon.titles[p.title].text)
                });
                format!("{surface} => {referent}{}", post.unwrap_or_default())
            })
            .collect();
        assert_eq!(got, expected, "mentions of {text:?}");
    }

    #[test]
    fn names_acronyms_and_metonyms() {
        check("Moskow dan AS mengecam PBB.", &["Moskow => russia", "AS => us", "PBB => un"]);
        check("as dan pbb", &[]);
        check("Negara-negara Amerika Latin", &[]);
    }

    #[test]
    fn organs_heads_and_references() {
        check(
            "Kementerian Luar Negeri Armenia dan pasukan penjaga perdamaian Rusia serta Pihak Ukraina",
            &[
                "Kementerian Luar Negeri Armenia => armenia-mfa",
                "pasukan penjaga perdamaian Rusia => russia",
                "Pihak Ukraina => ukraine",
            ],
        );
        check(
            "Deplu AS meminta kedua belah pihak",
            &["Deplu AS => us-state-dept", "kedua belah pihak => ref:Parties"],
        );
        check("pihak luar dan pemerintahan Trump", &["pemerintahan Trump => country-of:trump"]);
    }

    #[test]
    fn titles_make_posts() {
        check(
            "Menteri Luar Negeri Kanada Mélanie Joly tiba.",
            &["Menteri Luar Negeri Kanada Mélanie Joly => new:melanie-joly [menteri luar negeri @ canada]"],
        );
        check(
            "Juru bicara Kementerian Luar Negeri Iran mengatakan",
            &["Juru bicara Kementerian Luar Negeri Iran => holder-in:iran-mfa"],
        );
        check(
            "Juru bicara Erdogan, Ibrahim Kalin menuduh",
            &["Juru bicara Erdogan, Ibrahim Kalin => kalin [juru bicara @ erdogan]"],
        );
        check(
            "Presiden Azerbaijan Ilham Aliyev",
            &["Presiden Azerbaijan Ilham Aliyev => aliyev [presiden @ azerbaijan]"],
        );
        check(
            "Menteri Luar Negeri Korea Selatan Cho Tae-yul tiba.",
            &["Menteri Luar Negeri Korea Selatan Cho Tae-yul => new:cho-tae-yul [menteri luar negeri @ south-korea]"],
        );
        check(
            "Presiden Ukraina Wolodimir Zelenskyj berkata",
            &["Presiden Ukraina Wolodimir Zelenskyj => zelensky [presiden @ ukraine]"],
        );
    }

    #[test]
    fn misspelt_names_and_discovered_persons() {
        check("Gutteres meminta", &["Gutteres => guterres"]);
        check("kata Budi Santoso Wirawan.", &["Budi Santoso Wirawan => new:budi-santoso-wirawan"]);
        check(
            "Ahmad Yani, pejabat senior Malaysia, berkata",
            &["Ahmad Yani, pejabat senior Malaysia => new:ahmad-yani [pejabat senior @ malaysia]"],
        );
    }
}
