//! Indonesian lexical knowledge: reads and checks the tables of `data/` once, into typed,
//! indexed structures the pipeline can trust.
//!
//! Owns: every word list, the gazetteer, the stemmer and the phrase automaton. Must not: see
//! sentences or articles; nothing here knows the order of pipeline stages.

mod gazetteer;
mod links;
pub mod morph;
mod phrases;
mod table;

// The lexicon's keys come from data/, never from articles, so a fast hash cannot be made to
// collide by input; std's SipHash was a tenth of the extraction's time (perf).
use rustc_hash::{FxHashMap, FxHashSet};
use std::path::Path;

use regex::Regex;

pub use gazetteer::{ActorInfo, Gazetteer};
pub use links::{CuratedLink, LINKS_FILE, is_wikidata_item, parse_links, render_links};
pub use morph::{AffixPattern, Analysis, Stemmer};
pub use phrases::{PhraseKind, PhraseMatch, PhraseMatcher, token_key};

use crate::model::{ActorKey, ActorKind, Relation};
use table::Table;

/// A problem in a data file, with where it is.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}:{line}: {message}")]
pub struct DataError {
    pub file: String,
    pub line: usize,
    pub message: String,
}

/// The data files, in the order they are listed by `warta --help` and ARCHITECTURE.md. Each is
/// embedded in the binary; `--data DIR` replaces those present in DIR.
pub const DATA_FILES: [(&str, &str); 22] = [
    ("countries.tsv", include_str!("../../../../data/countries.tsv")),
    ("organizations.tsv", include_str!("../../../../data/organizations.tsv")),
    ("persons.tsv", include_str!("../../../../data/persons.tsv")),
    ("links.tsv", include_str!("../../../../data/links.tsv")),
    ("organs.tsv", include_str!("../../../../data/organs.tsv")),
    ("home.tsv", include_str!("../../../../data/home.tsv")),
    ("titles.tsv", include_str!("../../../../data/titles.tsv")),
    ("heads.tsv", include_str!("../../../../data/heads.tsv")),
    ("references.tsv", include_str!("../../../../data/references.tsv")),
    ("acts.tsv", include_str!("../../../../data/acts.tsv")),
    ("function_words.tsv", include_str!("../../../../data/function_words.tsv")),
    ("speech.tsv", include_str!("../../../../data/speech.tsv")),
    ("triggers.tsv", include_str!("../../../../data/triggers.tsv")),
    ("noise.tsv", include_str!("../../../../data/noise.tsv")),
    ("calendar.tsv", include_str!("../../../../data/calendar.tsv")),
    ("conflicts.tsv", include_str!("../../../../data/conflicts.tsv")),
    ("conflict_words.tsv", include_str!("../../../../data/conflict_words.tsv")),
    ("non_actors.tsv", include_str!("../../../../data/non_actors.tsv")),
    ("abbreviations.tsv", include_str!("../../../../data/abbreviations.tsv")),
    ("documents.tsv", include_str!("../../../../data/documents.tsv")),
    ("morph/roots.tsv", include_str!("../../../../data/morph/roots.tsv")),
    ("ontology.ttl", include_str!("../../../../data/ontology.ttl")),
];

/// A post named by a title (`data/titles.tsv`).
#[derive(Debug, Clone)]
pub struct Title {
    pub text: String,
    pub role: String,
    /// The organ the post belongs to (`Menteri Luar Negeri` → `mfa`).
    pub organ: Option<String>,
}

/// How a noun head before a country refers to it (`data/heads.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HeadRole {
    State,
    /// The state's armed forces: named alone, those of the country the article is set in.
    /// `adjective`: after a noun it describes it (`operasi militer`) rather than owns it.
    Forces {
        adjective: bool,
    },
    Official,
    Population,
}

/// What a referring word points back to (`data/references.tsv`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ReferenceTarget {
    Parties,
    Person,
    Group,
    Antecedent,
    Speaker,
    Country,
    /// The countries the text last made its subject together (`negara-negara itu`); with a
    /// count, the last group of that many countries it named together (`ketiga negara itu`).
    Countries(Option<usize>),
    /// Opening a sentence, the two actors the last one was about (`Keduanya`, `Kedua pemimpin`
    /// after `X dan Y` or `X bertemu Y`); elsewhere the conflict's parties.
    Pair,
    Ministry,
    Organization,
    CountryOfAntecedent,
    Statement,
    /// Whoever last did the act of this root (`pasukan pendudukan` → the agent of `menduduki`).
    AgentOf(String),
    /// Whoever the text last told doing the act of this root, and no one otherwise: a noun of
    /// any deed with a demonstrative (`deklarasi tersebut` after `X mendeklarasikan ...`).
    DoerOf(String),
    /// Whoever did the last hostile act the text mentioned (`serangan itu`).
    LastAct,
    /// The same for an act a state does within its borders (`kudeta itu`): with none told of,
    /// the forces of the country the article is set in.
    LastActOrSetting,
    /// The forces of the country the article is set in, named without it (`junta`, `militer`).
    Setting,
}

/// A noun of a hostile act (`data/acts.tsv`).
#[derive(Debug, Clone)]
pub struct Act {
    /// Folded words.
    pub words: Vec<String>,
    /// Done by a state within its own borders (`kudeta`): by the country where it happens.
    pub within_borders: bool,
}

#[derive(Debug, Clone)]
pub struct Reference {
    pub phrase: String,
    pub target: ReferenceTarget,
    /// Folded words that, right after the phrase, cancel it (`pihak luar`).
    pub not_before: Vec<String>,
}

/// The class of a closed-class word (`data/function_words.tsv`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum WordClass {
    Neg,
    Announce,
    Hedge,
    Aux,
    Prep,
    Conj,
    Purpose,
    Det,
    Rel,
    Coord,
    Recip,
    Copula,
    Source,
    Deny,
    /// A courtesy word before a name (`Daw`, `U`, `Sheikh`): not part of whom it names.
    Honorific,
    /// A particle inside a name (`Al-Sabah`, `bin Salman`, `van der Leyen`).
    Particle,
    /// Hoping or expecting (`berharap`): what is hoped for is no stance (ANNOTATION.md, Rulings).
    Hope,
    /// Opens a condition (`jika`, `apabila`): a clause as well as `conj`, and what it supposes is
    /// no stance (`tidak akan tinggal diam jika Israel menyerang`).
    Condition,
    /// A verb of receiving a stance (`menuai kecaman dari X`): its subject is the stance's party.
    Receive,
    /// Lists members of a group just named (`banyak negara, termasuk X dan Y`): they are whom
    /// the group phrase names.
    Include,
    /// Asks for what the stance noun after it names (`meminta dukungan kepada X`): the stance is
    /// sought, not taken.
    Request,
    /// Withholds or gives up what the stance noun after it names (`menahan dana dukungan bagi X`,
    /// `melepaskan perannya sebagai mediator`): that stance is not held. A verb like others, so
    /// `word_class` never returns it; `is_withdrawal` does.
    Withdraw,
    /// Heads the name of an institution (`Dewan`, `Komisi`): never a word of a person's name. Not
    /// a closed-class word, so `word_class` never returns it; `is_institution_word` does.
    Body,
}

/// Where a trigger finds its party (`data/triggers.tsv`, column `slots`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Slot {
    Obj,
    Kepada,
    Dengan,
    Agar,
    Untuk,
    Antara,
    Of,
    Parties,
    Claim,
    /// The subject of a condition after the trigger: `mengancam akan membalas jika X menyerang`.
    Jika,
    /// Where something is sent: `memasok rudal ke X`.
    Ke,
    /// The target of a hostile act the trigger announces: `mengancam akan melancarkan serangan
    /// ke X`.
    Act,
}

/// One word of a phrase pattern: a folded surface word, any form of a root (`~bayar`), or any
/// of several (`sangat|amat|~sungguh`).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum PatternWord {
    Exact(String),
    Root(String),
    AnyOf(Vec<PatternWord>),
}

/// A trigger is a root in given forms, or a fixed phrase.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum TriggerKey {
    Root { root: String, forms: Vec<AffixPattern> },
    Phrase(Vec<PatternWord>),
}

#[derive(Debug, Clone)]
pub struct Trigger {
    pub key: TriggerKey,
    pub relation: Relation,
    pub slots: Vec<Slot>,
    pub requires: Vec<PatternWord>,
    /// Words none of which may follow it (`!perdamaian`: helping toward peace is no support).
    pub excludes: Vec<PatternWord>,
    pub confidence: f32,
}

/// A line-level noise rule (`data/noise.tsv`).
#[derive(Debug, Clone)]
pub enum NoiseRule {
    Drop(Regex),
    Trim(Regex),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CalendarWord {
    Day(u8),
    Month(u8),
}

/// A conflict theatre (`data/conflicts.tsv`).
#[derive(Debug, Clone)]
pub struct Theatre {
    pub name: String,
    pub parties: Vec<ActorKey>,
}

/// All of warta's lexical knowledge, checked.
#[derive(Debug)]
pub struct Lexicon {
    pub gazetteer: Gazetteer,
    pub stemmer: Stemmer,
    pub phrases: PhraseMatcher,
    pub titles: Vec<Title>,
    /// Titles by their first word as written, for looking up the titles a word may open.
    titles_by_first_word: FxHashMap<String, Vec<usize>>,
    pub heads: Vec<HeadRole>,
    pub references: Vec<Reference>,
    /// The head nouns of two-word references with a demonstrative (`negara` of `negara itu`),
    /// folded, with the reference: a description between them keeps the reference
    /// (`negara Eropa Timur itu`).
    reference_heads: FxHashMap<String, usize>,
    pub triggers: Vec<Trigger>,
    roots_to_triggers: FxHashMap<String, Vec<usize>>,
    /// Phrase triggers by the word or the root their first word is written with.
    phrases_by_first_word: FxHashMap<String, Vec<usize>>,
    phrases_by_first_root: FxHashMap<String, Vec<usize>>,
    function_words: FxHashMap<String, WordClass>,
    speech: FxHashMap<String, Vec<AffixPattern>>,
    pub noise: Vec<NoiseRule>,
    calendar: FxHashMap<String, CalendarWord>,
    pub conflicts: Vec<Theatre>,
    conflict_words: FxHashSet<String>,
    abbreviations: FxHashSet<String>,
    /// Nouns of documents a body issues (`resolusi`, `pernyataan`), folded.
    documents: FxHashSet<String>,
    /// Roots of the verbs that issue them (`keluar`, `adopsi`).
    issuing: FxHashSet<String>,
    /// Nouns of hostile acts (`serangan`, `kudeta`, `uji coba rudal`).
    acts: Vec<Act>,
    /// The country whose news is read: its bodies are the ones named without a country.
    pub home: ActorKey,
    /// Single-word names (folded) of listed actors, for matching misspellings.
    fuzzy_names: Vec<(String, ActorKey)>,
    pub ontology: String,
    /// SHA-256 of every data file it was read from, in hex: two lexicons with the same
    /// fingerprint extract the same statements, so a build can skip what it already extracted.
    pub fingerprint: String,
}

impl Lexicon {
    /// The lexicon built into the binary.
    pub fn embedded() -> Result<Lexicon, DataError> {
        Lexicon::from_sources(&|name| DATA_FILES.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
    }

    /// The built-in lexicon with every file present in `dir` used instead of its built-in copy.
    pub fn with_overrides(dir: &Path) -> Result<Lexicon, DataError> {
        if !dir.is_dir() {
            return Err(DataError {
                file: dir.display().to_string(),
                line: 0,
                message: "not a directory".to_owned(),
            });
        }
        let read = |name: &str| -> Option<String> {
            std::fs::read_to_string(dir.join(name))
                .ok()
                .or_else(|| DATA_FILES.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned()))
        };
        Lexicon::from_sources(&read)
    }

    fn from_sources(source: &dyn Fn(&str) -> Option<String>) -> Result<Lexicon, DataError> {
        let text = |name: &str| -> Result<String, DataError> {
            source(name).ok_or_else(|| DataError {
                file: name.to_owned(),
                line: 0,
                message: "missing".to_owned(),
            })
        };
        let table = |name: &str, header: &[&str]| -> Result<Table, DataError> { Table::parse(name, &text(name)?, header) };
        let countries = table(
            "countries.tsv",
            &[
                "key", "wikidata", "iso2", "iso3", "status", "label_id", "label_en", "aliases", "metonyms",
            ],
        )?;
        let organizations = table(
            "organizations.tsv",
            &[
                "key", "wikidata", "kind", "parent", "organ", "label_id", "label_en", "aliases", "members",
            ],
        )?;
        let persons = table("persons.tsv", &["key", "wikidata", "affiliation", "label", "aliases"])?;
        let organs = table("organs.tsv", &["organ", "label_id", "label_en", "forms"])?;
        let mut gazetteer = Gazetteer::load(&countries, &organizations, &persons, &organs)?;
        gazetteer.apply_links(&parse_links(&text(LINKS_FILE)?)?)?;

        let roots = table("morph/roots.tsv", &["root"])?;
        let stemmer = Stemmer::new(roots.rows().iter().map(|r| r.cell(0).to_owned()));

        let titles_table = table("titles.tsv", &["title", "role", "organ"])?;
        let mut titles = Vec::new();
        for row in titles_table.rows() {
            let organ = row.optional(2).map(str::to_owned);
            if let Some(organ) = &organ {
                if !gazetteer.organs().iter().any(|o| &o.name == organ) {
                    return Err(titles_table.error(row, format!("organ '{organ}' is not in organs.tsv")));
                }
            }
            titles.push(Title {
                text: row.cell(0).to_owned(),
                role: row.cell(1).to_owned(),
                organ,
            });
        }

        let mut titles_by_first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (index, title) in titles.iter().enumerate() {
            if let Some(first) = title.text.split_whitespace().next() {
                titles_by_first_word.entry(first.to_owned()).or_default().push(index);
            }
        }

        let heads_table = table("heads.tsv", &["head", "role"])?;
        let mut heads = Vec::new();
        let mut head_phrases = Vec::new();
        for row in heads_table.rows() {
            let role = match row.cell(1) {
                "state" => HeadRole::State,
                "forces" => HeadRole::Forces { adjective: false },
                "forces+adjective" => HeadRole::Forces { adjective: true },
                "official" => HeadRole::Official,
                "population" => HeadRole::Population,
                other => {
                    return Err(heads_table.error(
                        row,
                        format!("unknown role '{other}': state, forces, forces+adjective, official or population"),
                    ));
                }
            };
            head_phrases.push((row.cell(0).to_owned(), PhraseKind::Head(heads.len())));
            heads.push(role);
        }

        let references_table = table("references.tsv", &["phrase", "refers_to", "not_before"])?;
        let mut references = Vec::new();
        for row in references_table.rows() {
            let target = match row.cell(1) {
                "parties" => ReferenceTarget::Parties,
                "person" => ReferenceTarget::Person,
                "group" => ReferenceTarget::Group,
                "antecedent" => ReferenceTarget::Antecedent,
                "speaker" => ReferenceTarget::Speaker,
                "country" => ReferenceTarget::Country,
                "countries" => ReferenceTarget::Countries(None),
                "pair" => ReferenceTarget::Pair,
                "ministry" => ReferenceTarget::Ministry,
                "organization" => ReferenceTarget::Organization,
                "country-of-antecedent" => ReferenceTarget::CountryOfAntecedent,
                "statement" => ReferenceTarget::Statement,
                "last-act" => ReferenceTarget::LastAct,
                "setting" => ReferenceTarget::Setting,
                other => {
                    let count = other.strip_prefix("countries:").and_then(|n| n.parse::<usize>().ok());
                    match (other.strip_prefix("agent-of:"), count) {
                        (Some(root), _) if !root.is_empty() => ReferenceTarget::AgentOf(root.to_owned()),
                        (_, Some(count)) if count > 1 => ReferenceTarget::Countries(Some(count)),
                        _ => return Err(references_table.error(row, format!("unknown target '{other}'"))),
                    }
                }
            };
            let not_before = row.list(2).into_iter().map(crate::text::fold).collect();
            references.push(Reference {
                phrase: row.cell(0).to_owned(),
                target,
                not_before,
            });
        }

        // A hostile act named with a demonstrative (`serangan itu`, `kudeta tersebut`) refers back
        // to the last act told of: one reference per act and demonstrative.
        let acts_table = table("acts.tsv", &["act", "done_by"])?;
        let mut acts: Vec<Act> = Vec::new();
        for row in acts_table.rows() {
            let act = row.cell(0);
            let within_borders = match row.cell(1) {
                "-" => false,
                "state-where" => true,
                other => return Err(acts_table.error(row, format!("unknown done_by '{other}': - or state-where"))),
            };
            acts.push(Act {
                words: act.split_whitespace().map(crate::text::fold).collect(),
                within_borders,
            });
            let target = if within_borders {
                ReferenceTarget::LastActOrSetting
            } else {
                ReferenceTarget::LastAct
            };
            for demonstrative in ["ini", "itu", "tersebut"] {
                let phrase = format!("{act} {demonstrative}");
                if references.iter().any(|r: &Reference| r.phrase == phrase) {
                    return Err(acts_table.error(row, format!("'{phrase}' is in references.tsv too: keep it in one place")));
                }
                references.push(Reference {
                    phrase,
                    target: target.clone(),
                    not_before: Vec::new(),
                });
            }
        }

        let function_table = table("function_words.tsv", &["word", "class"])?;
        let mut function_words = FxHashMap::default();
        for row in function_table.rows() {
            let class = match row.cell(1) {
                "neg" => WordClass::Neg,
                "announce" => WordClass::Announce,
                "hedge" => WordClass::Hedge,
                "aux" => WordClass::Aux,
                "prep" => WordClass::Prep,
                "conj" => WordClass::Conj,
                "purpose" => WordClass::Purpose,
                "det" => WordClass::Det,
                "rel" => WordClass::Rel,
                "coord" => WordClass::Coord,
                "recip" => WordClass::Recip,
                "copula" => WordClass::Copula,
                "source" => WordClass::Source,
                "deny" => WordClass::Deny,
                "honorific" => WordClass::Honorific,
                "particle" => WordClass::Particle,
                "hope" => WordClass::Hope,
                "condition" => WordClass::Condition,
                "receive" => WordClass::Receive,
                "include" => WordClass::Include,
                "request" => WordClass::Request,
                "withdraw" => WordClass::Withdraw,
                "body" => WordClass::Body,
                other => return Err(function_table.error(row, format!("unknown class '{other}'"))),
            };
            function_words.insert(crate::text::fold(row.cell(0)), class);
        }

        let speech_table = table("speech.tsv", &["root", "forms"])?;
        let mut speech = FxHashMap::default();
        for row in speech_table.rows() {
            speech.insert(row.cell(0).to_owned(), parse_forms(&speech_table, row, 1)?);
        }

        let triggers_table = Table::parse_keyed(
            "triggers.tsv",
            &text("triggers.tsv")?,
            &["trigger", "forms", "relation", "slots", "requires", "confidence"],
            &[0, 2],
        )?;
        let mut triggers = Vec::new();
        let mut roots_to_triggers: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for row in triggers_table.rows() {
            let written = row.cell(0);
            let key = if written.contains(' ') {
                TriggerKey::Phrase(written.split(' ').map(parse_pattern_word).collect())
            } else {
                if !stemmer.is_root(written) && stemmer.analyze(written).is_none() {
                    return Err(triggers_table.error(row, format!("'{written}' is not in morph/roots.tsv: add it there first")));
                }
                TriggerKey::Root {
                    root: written.to_owned(),
                    forms: parse_forms(&triggers_table, row, 1)?,
                }
            };
            // A word may carry several stances at once (`melanggar` hukum internasional accuses and
            // condemns, ANNOTATION.md Rulings): one trigger per relation, sharing the rest.
            let mut relations = Vec::new();
            for name in row.list(2) {
                relations.push(Relation::from_name(name).ok_or_else(|| triggers_table.error(row, format!("unknown relation '{name}'")))?);
            }
            if relations.is_empty() {
                return Err(triggers_table.error(row, "a trigger needs at least one relation"));
            }
            let mut slots = Vec::new();
            for slot in row.list(3) {
                slots.push(match slot {
                    "obj" => Slot::Obj,
                    "kepada" => Slot::Kepada,
                    "dengan" => Slot::Dengan,
                    "agar" => Slot::Agar,
                    "untuk" => Slot::Untuk,
                    "antara" => Slot::Antara,
                    "of" => Slot::Of,
                    "parties" => Slot::Parties,
                    "claim" => Slot::Claim,
                    "jika" => Slot::Jika,
                    "act" => Slot::Act,
                    "ke" => Slot::Ke,
                    other => return Err(triggers_table.error(row, format!("unknown slot '{other}'"))),
                });
            }
            if slots.is_empty() {
                return Err(triggers_table.error(row, "a trigger needs at least one slot"));
            }
            let confidence: f32 = row
                .cell(5)
                .parse()
                .ok()
                .filter(|c: &f32| (0.0..=1.0).contains(c))
                .ok_or_else(|| triggers_table.error(row, "confidence must be a number in [0,1]"))?;
            let (excluded, required): (Vec<&str>, Vec<&str>) = row.list(4).into_iter().partition(|w| w.starts_with('!'));
            let requires: Vec<PatternWord> = required.into_iter().map(parse_pattern_word).collect();
            let excludes: Vec<PatternWord> = excluded
                .into_iter()
                .map(|w| parse_pattern_word(w.trim_start_matches('!')))
                .collect();
            for relation in relations {
                if let TriggerKey::Root { root, .. } = &key {
                    roots_to_triggers.entry(root.clone()).or_default().push(triggers.len());
                }
                triggers.push(Trigger {
                    key: key.clone(),
                    relation,
                    slots: slots.clone(),
                    requires: requires.clone(),
                    excludes: excludes.clone(),
                    confidence,
                });
            }
        }

        let mut phrases_by_first_word: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        let mut phrases_by_first_root: FxHashMap<String, Vec<usize>> = FxHashMap::default();
        for (index, trigger) in triggers.iter().enumerate() {
            let TriggerKey::Phrase(words) = &trigger.key else { continue };
            let firsts = match words.first() {
                Some(PatternWord::AnyOf(alternatives)) => alternatives.clone(),
                Some(word) => vec![word.clone()],
                None => Vec::new(),
            };
            for first in firsts {
                match first {
                    PatternWord::Exact(word) => phrases_by_first_word.entry(word).or_default().push(index),
                    PatternWord::Root(root) => phrases_by_first_root.entry(root).or_default().push(index),
                    PatternWord::AnyOf(_) => {}
                }
            }
        }

        let noise_table = table("noise.tsv", &["pattern", "action"])?;
        let mut noise = Vec::new();
        for row in noise_table.rows() {
            let regex = Regex::new(row.cell(0)).map_err(|e| noise_table.error(row, format!("bad regex: {e}")))?;
            noise.push(match row.cell(1) {
                "drop" => NoiseRule::Drop(regex),
                "trim" => NoiseRule::Trim(regex),
                other => return Err(noise_table.error(row, format!("unknown action '{other}': drop or trim"))),
            });
        }

        let calendar_table = table("calendar.tsv", &["word", "kind", "value"])?;
        let mut calendar = FxHashMap::default();
        for row in calendar_table.rows() {
            let value: u8 = row
                .cell(2)
                .parse()
                .map_err(|_| calendar_table.error(row, "value must be a small number"))?;
            let word = match (row.cell(1), value) {
                ("day", 1..=7) => CalendarWord::Day(value),
                ("month", 1..=12) => CalendarWord::Month(value),
                _ => return Err(calendar_table.error(row, "kind must be day (1-7) or month (1-12)")),
            };
            calendar.insert(row.cell(0).to_owned(), word);
        }

        let conflicts_table = table("conflicts.tsv", &["theatre", "parties", "cues"])?;
        let mut conflicts = Vec::new();
        let mut cue_phrases = Vec::new();
        for row in conflicts_table.rows() {
            let mut parties = Vec::new();
            for party in row.list(1) {
                let info = gazetteer
                    .resolve(party)
                    .ok_or_else(|| conflicts_table.error(row, format!("party '{party}' is not a known actor")))?;
                parties.push(info.key);
            }
            for cue in row.list(2) {
                cue_phrases.push((cue.to_owned(), PhraseKind::ConflictCue(conflicts.len())));
            }
            conflicts.push(Theatre {
                name: row.cell(0).to_owned(),
                parties,
            });
        }

        let conflict_words = table("conflict_words.tsv", &["word"])?
            .rows()
            .iter()
            .map(|r| crate::text::fold(r.cell(0)))
            .collect();
        let home_table = table("home.tsv", &["country"])?;
        let home = match home_table.rows() {
            [row] => ActorKey::new(row.cell(0))
                .filter(|key| gazetteer.kind(key) == Some(ActorKind::Country))
                .ok_or_else(|| home_table.error(row, format!("'{}' is not a country of countries.tsv", row.cell(0))))?,
            _ => {
                return Err(DataError {
                    file: "home.tsv".to_owned(),
                    line: 0,
                    message: "name exactly one country".to_owned(),
                });
            }
        };
        let non_actors = table("non_actors.tsv", &["phrase"])?;
        let abbreviations_table = table("abbreviations.tsv", &["abbreviation"])?;
        let abbreviations = abbreviations_table.rows().iter().map(|r| crate::text::fold(r.cell(0))).collect();
        let documents_table = table("documents.tsv", &["word", "kind"])?;
        let (mut documents, mut issuing) = (FxHashSet::default(), FxHashSet::default());
        for row in documents_table.rows() {
            let word = crate::text::fold(row.cell(0));
            for kind in row.cell(1).split(';') {
                match kind {
                    "document" => documents.insert(word.clone()),
                    "issue" => issuing.insert(word.clone()),
                    other => return Err(documents_table.error(row, format!("unknown kind '{other}': document or issue"))),
                };
            }
        }

        let mut phrases = Vec::new();
        for actor in gazetteer.actors() {
            let n_names = actor.names().count() - actor.metonyms.len();
            for (index, name) in actor.names().enumerate() {
                let kind = PhraseKind::Actor {
                    key: actor.key.clone(),
                    metonym: index >= n_names,
                };
                // News writes a person's hyphenated name particle either way: `al-Assad` and `al
                // Assad`, `Byoung-sam` and `Byoung sam`.
                if actor.kind == ActorKind::Person && name.contains('-') {
                    phrases.push((name.replace('-', " "), kind.clone()));
                }
                phrases.push((name.to_owned(), kind));
            }
        }
        for (index, organ) in gazetteer.organs().iter().enumerate() {
            for form in &organ.forms {
                phrases.push((form.clone(), PhraseKind::Organ(index)));
            }
        }
        for (index, title) in titles.iter().enumerate() {
            phrases.push((title.text.clone(), PhraseKind::Title(index)));
        }
        phrases.extend(head_phrases);
        for (index, reference) in references.iter().enumerate() {
            phrases.push((reference.phrase.clone(), PhraseKind::Reference(index)));
        }
        for row in non_actors.rows() {
            phrases.push((row.cell(0).to_owned(), PhraseKind::NonActor));
        }
        phrases.extend(cue_phrases);
        let phrases = PhraseMatcher::build(phrases).map_err(|message| DataError {
            file: "data/".to_owned(),
            line: 0,
            message,
        })?;

        // Only persons: news misspells foreign surnames (`Gutteres`), not states, and a person's
        // name one edit from a state or capital (`Cameron`, `Maduro`) must stay the person's.
        let mut fuzzy_names: Vec<(String, ActorKey)> = gazetteer
            .actors()
            .filter(|actor| actor.kind == ActorKind::Person)
            .flat_map(|actor| {
                actor
                    .names()
                    .filter(|n| !n.contains(char::is_whitespace) && !crate::text::is_acronym(n))
                    .map(|n| (crate::text::fold(n), actor.key.clone()))
            })
            .filter(|(name, _)| name.chars().count() >= 5)
            .collect();
        fuzzy_names.sort();
        fuzzy_names.dedup();

        let mut reference_heads = FxHashMap::default();
        for (index, reference) in references.iter().enumerate() {
            let words: Vec<String> = reference.phrase.split_whitespace().map(crate::text::fold).collect();
            if let [head, demonstrative] = words.as_slice() {
                if function_words.get(demonstrative) == Some(&WordClass::Det) {
                    reference_heads.entry(head.clone()).or_insert(index);
                }
            }
        }

        let ontology = text("ontology.ttl")?;
        let fingerprint = {
            use sha2::{Digest, Sha256};
            let mut hasher = Sha256::new();
            for (name, _) in DATA_FILES {
                hasher.update(name.as_bytes());
                hasher.update([0]);
                hasher.update(source(name).unwrap_or_default().as_bytes());
                hasher.update([0]);
            }
            hasher.finalize().iter().map(|byte| format!("{byte:02x}")).collect()
        };

        Ok(Lexicon {
            gazetteer,
            stemmer,
            phrases,
            titles,
            titles_by_first_word,
            heads,
            references,
            reference_heads,
            triggers,
            roots_to_triggers,
            phrases_by_first_word,
            phrases_by_first_root,
            function_words,
            speech,
            noise,
            calendar,
            conflicts,
            conflict_words,
            abbreviations,
            documents,
            issuing,
            acts,
            home,
            fuzzy_names,
            ontology,
            fingerprint,
        })
    }

    /// The class of a closed-class word, by its folded form.
    pub fn word_class(&self, folded: &str) -> Option<WordClass> {
        self.function_words
            .get(folded)
            .copied()
            .filter(|class| !matches!(class, WordClass::Body | WordClass::Withdraw))
    }

    /// The reference a head noun makes with a demonstrative (`negara` → that of `negara itu`).
    pub fn reference_head(&self, folded: &str) -> Option<&Reference> {
        self.reference_heads.get(folded).and_then(|&i| self.references.get(i))
    }

    /// True for a verb of withholding or giving up (`menahan`, `melepaskan`).
    pub fn is_withdrawal(&self, folded: &str) -> bool {
        self.function_words.get(folded) == Some(&WordClass::Withdraw)
    }

    /// True for a noun that heads an institution's name (`Dewan Nasional`): no person's name
    /// holds it, so a run of capitalised words with it is not a name.
    pub fn is_institution_word(&self, folded: &str) -> bool {
        self.function_words.get(folded) == Some(&WordClass::Body)
    }

    /// The root triggers whose root is `root`, in file order.
    pub fn triggers_for_root(&self, root: &str) -> impl Iterator<Item = (usize, &Trigger)> {
        self.roots_to_triggers
            .get(root)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.triggers.get(i).map(|t| (i, t)))
    }

    /// The titles whose first word, as written, is `word`: only these can open a title there.
    pub fn titles_opening_with(&self, word: &str) -> impl Iterator<Item = &Title> {
        self.titles_by_first_word
            .get(word)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.titles.get(i))
    }

    /// The phrase triggers whose first word can be the token with this key and root: only these
    /// are tried at a token, not every phrase of the table.
    pub fn phrase_triggers_starting<'a>(&'a self, key: &str, root: Option<&str>) -> impl Iterator<Item = (usize, &'a Trigger)> {
        let by_word = self.phrases_by_first_word.get(key).into_iter().flatten();
        let by_root = root.and_then(|r| self.phrases_by_first_root.get(r)).into_iter().flatten();
        by_word.chain(by_root).filter_map(|&i| self.triggers.get(i).map(|t| (i, t)))
    }

    /// True when the analysed word is a verb of saying in one of its listed forms.
    /// True when `root` is a verb of saying in any of its forms.
    pub fn speech_root(&self, root: &str) -> bool {
        self.speech.contains_key(root)
    }

    pub fn is_speech(&self, analysis: &Analysis) -> bool {
        self.speech
            .get(&analysis.root)
            .is_some_and(|forms| forms.contains(&analysis.pattern))
    }

    pub fn calendar(&self, folded: &str) -> Option<CalendarWord> {
        self.calendar.get(folded).copied()
    }

    /// The listed person whose single-word name is closest to `folded` by Damerau–Levenshtein
    /// distance, within one edit (two for names of eight letters or more: `Gutteres`), when no
    /// other person is as close.
    pub fn fuzzy_name(&self, folded: &str) -> Option<ActorKey> {
        let allowed = if folded.chars().count() >= 8 { 2 } else { 1 };
        let mut best: Option<(usize, &ActorKey)> = None;
        let mut tied = false;
        // Misspellings keep the first letter (`Gutteres`, `Zelenksy`); comparing only names that
        // share it keeps this off the profile.
        let first = folded.chars().next();
        for (name, key) in &self.fuzzy_names {
            if name.len().abs_diff(folded.len()) > allowed || name.chars().next() != first {
                continue;
            }
            let distance = strsim::damerau_levenshtein(name, folded);
            if distance == 0 || distance > allowed {
                continue;
            }
            match best {
                Some((d, k)) if d == distance && k != key => tied = true,
                Some((d, _)) if d <= distance => {}
                _ => {
                    best = Some((distance, key));
                    tied = false;
                }
            }
        }
        if tied { None } else { best.map(|(_, key)| key.clone()) }
    }

    /// The hostile act named at the start of `keys`, the longest if several are.
    pub fn act_at(&self, keys: &[&str]) -> Option<&Act> {
        self.acts
            .iter()
            .filter(|act| act.words.len() <= keys.len() && act.words.iter().zip(keys).all(|(a, k)| a == k))
            .max_by_key(|act| act.words.len())
    }

    /// True for a folded noun of conflict (`perang`, `invasi`).
    pub fn is_conflict_word(&self, folded: &str) -> bool {
        self.conflict_words.contains(folded)
    }

    /// True for a folded noun of a document a body issues (`resolusi`, `pernyataan`).
    pub fn is_document(&self, folded: &str) -> bool {
        self.documents.contains(folded)
    }

    /// True for the root of a verb of issuing a document (`keluar`: `mengeluarkan`).
    pub fn is_issuing(&self, root: &str) -> bool {
        self.issuing.contains(root)
    }

    /// True for a folded word with its full stop (`dr.`) that does not end a sentence.
    pub fn is_abbreviation(&self, folded_with_stop: &str) -> bool {
        self.abbreviations.contains(folded_with_stop)
    }
}

fn parse_forms(table: &Table, row: &table::Row, column: usize) -> Result<Vec<AffixPattern>, DataError> {
    let mut forms = Vec::new();
    for form in row.cell(column).split(',') {
        let pattern = AffixPattern::parse(form.trim())
            .ok_or_else(|| table.error(row, format!("'{form}' is not an affix pattern such as meN-kan, di-, -an or -")))?;
        forms.push(pattern);
    }
    Ok(forms)
}

fn parse_pattern_word(word: &str) -> PatternWord {
    if word.contains('|') {
        return PatternWord::AnyOf(word.split('|').filter(|w| !w.is_empty()).map(parse_pattern_word).collect());
    }
    match word.strip_prefix('~') {
        Some(root) => PatternWord::Root(root.to_owned()),
        None => PatternWord::Exact(crate::text::fold(word)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_data_loads() {
        let lexicon = Lexicon::embedded();
        assert!(lexicon.is_ok(), "{:?}", lexicon.err());
    }

    /// The embedded data with `triggers.tsv` replaced by `rows` under its header.
    fn with_triggers(rows: &str) -> Result<Lexicon, DataError> {
        let triggers = format!("# source: a test. licence: CC0\ntrigger\tforms\trelation\tslots\trequires\tconfidence\n{rows}");
        Lexicon::from_sources(&|name| {
            if name == "triggers.tsv" {
                Some(triggers.clone())
            } else {
                DATA_FILES.iter().find(|(n, _)| *n == name).map(|(_, text)| (*text).to_owned())
            }
        })
    }

    #[test]
    fn a_phrase_word_may_be_any_of_several() {
        assert_eq!(
            parse_pattern_word("sangat|~sungguh"),
            PatternWord::AnyOf(vec![
                PatternWord::Exact("sangat".to_owned()),
                PatternWord::Root("sungguh".to_owned())
            ])
        );
    }

    #[test]
    fn a_trigger_row_may_carry_several_relations() {
        let lexicon = with_triggers("langgar\tmeN-\taccuses;condemns\tclaim\t-\t0.7\n").unwrap();
        let relations: Vec<Relation> = lexicon.triggers_for_root("langgar").map(|(_, t)| t.relation).collect();
        assert_eq!(relations, [Relation::Accuses, Relation::Condemns]);
        let unknown = with_triggers("langgar\tmeN-\taccuses;likes\tclaim\t-\t0.7\n").unwrap_err();
        assert_eq!(unknown.message, "unknown relation 'likes'");
    }
}
