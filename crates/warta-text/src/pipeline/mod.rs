//! The extraction pipeline, the only place that knows the order of its stages:
//!
//! article → `clean` (lines, headers) → `segment` (sentences, tokens) → `mention` (actors)
//! → `clause` (trigger, subject, objects, speaker, negation, modality) → `conflict` (the
//! parties) → `discourse` (references, quotes, posts) → statements.
//!
//! Extraction never fails: a sentence the rules cannot read yields nothing. No RDF, no I/O.

mod clause;
mod clean;
mod conflict;
mod dates;
mod discourse;
mod mention;
mod segment;

use std::collections::{BTreeMap, BTreeSet};

pub use discourse::Statement;

use crate::input::Article;
use crate::lexicon::{self, ActorInfo, Lexicon};
use crate::model::{ActorKey, Span};
use mention::Referent;

/// A sentence as provenance: where it is and what it says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SentenceRecord {
    pub index: usize,
    pub span: Span,
    /// Offsets in Unicode characters from the start of the article, end exclusive.
    pub char_start: usize,
    pub char_end: usize,
    pub text: String,
}

/// Everything extracted from one article.
#[derive(Debug, Clone)]
pub struct Extraction {
    pub sentences: Vec<SentenceRecord>,
    /// Deduplicated, sorted by (subject, relation, object, sentence).
    pub statements: Vec<Statement>,
    /// Every actor the statements name, sorted by key.
    pub actors: Vec<ActorInfo>,
    /// The parties of the conflict the article is about.
    pub parties: Vec<ActorKey>,
}

/// The output of every stage for one article, before statements are built.
struct Stages {
    lines: Vec<clean::Line>,
    sentences: Vec<segment::Sentence>,
    mentions: Vec<mention::SentenceMentions>,
    clauses: Vec<clause::SentenceClauses>,
    parties: Vec<ActorKey>,
    setting: Option<ActorKey>,
}

/// Runs the stages up to clauses and the parties, in their order.
fn stages(text: &str, lexicon: &Lexicon) -> Stages {
    let lines = clean::clean(text, lexicon);
    let sentences = segment::segment(text, &lines, lexicon);
    // In order: a person named in full may be called by surname in later sentences.
    let mut known_persons: Vec<mention::KnownPerson> = Vec::new();
    // And a deed told of (`X mendeklarasikan ...`) may be named by its noun later (`deklarasi
    // tersebut`), so each sentence's clauses are read before the next sentence's mentions.
    // Only deeds the article names that way somewhere are worth remembering.
    let named_deeds = deed_nouns(&sentences, lexicon);
    let mut deeds: BTreeSet<String> = BTreeSet::new();
    let mut mentions: Vec<mention::SentenceMentions> = Vec::with_capacity(sentences.len());
    let mut clauses: Vec<clause::SentenceClauses> = Vec::with_capacity(sentences.len());
    for sentence in &sentences {
        let found = mention::find_mentions(&sentence.tokens, text, lexicon, &known_persons, &deeds);
        for person in found.mentions.iter().flat_map(|m| mention::KnownPerson::from_mention(m, lexicon)) {
            if !known_persons.iter().any(|p| p.surname == person.surname) {
                known_persons.push(person);
            }
        }
        let found_clauses = clause::analyze(&sentence.tokens, &found.mentions, lexicon, &named_deeds);
        deeds.extend(found_clauses.deeds.iter().map(|deed| deed.root.clone()));
        mentions.push(found);
        clauses.push(found_clauses);
    }
    let parties = conflict::parties(&sentences, &mentions, &clauses, lexicon);
    let setting = conflict::setting(&sentences, &mentions, lexicon, &parties);
    Stages {
        lines,
        sentences,
        mentions,
        clauses,
        parties,
        setting,
    }
}

/// Runs every stage on one article.
pub fn extract(article: &Article, lexicon: &Lexicon) -> Extraction {
    let text = article.text.as_str();
    let Stages {
        lines,
        sentences,
        mentions,
        clauses,
        parties,
        setting,
    } = stages(text, lexicon);

    let token_lists: Vec<&[segment::Token]> = sentences.iter().map(|s| s.tokens.as_slice()).collect();
    let year = dates::article_year(article.date.as_deref(), &token_lists, lexicon);
    let header_actors = header_actors(text, &lines, lexicon);

    let inputs: Vec<discourse::SentenceInput<'_>> = sentences
        .iter()
        .zip(&mentions)
        .zip(&clauses)
        .map(|((sentence, mentions), clauses)| discourse::SentenceInput {
            sentence,
            mentions,
            clauses,
            date: dates::sentence_date(&sentence.tokens, lexicon, year).map(dates::Date::iso),
            section_actor: sentence.section.and_then(|line| header_actors.get(&line).cloned()),
        })
        .collect();
    let output = discourse::statements(text, &inputs, &parties, setting.as_ref(), lexicon);
    let mut statements = output.statements;
    discourse::dedup(&mut statements);

    let actors = discourse::actors_of(&statements)
        .into_iter()
        .filter_map(|key| {
            lexicon.gazetteer.resolve(key.as_str()).or_else(|| {
                output
                    .new_persons
                    .get(&key)
                    .map(|name| lexicon.gazetteer.discovered_person(key.clone(), name))
            })
        })
        .collect();
    Extraction {
        sentences: records(text, &sentences),
        statements,
        actors,
        parties,
    }
}

/// The roots of the nouns the article puts before a demonstrative (`deklarasi tersebut`): the
/// deeds a later sentence may name again.
fn deed_nouns(sentences: &[segment::Sentence], lexicon: &Lexicon) -> BTreeSet<String> {
    sentences
        .iter()
        .flat_map(|s| s.tokens.windows(2))
        .filter(|pair| {
            pair.get(1)
                .is_some_and(|det| lexicon.word_class(&det.key) == Some(lexicon::WordClass::Det))
        })
        .filter_map(|pair| pair.first().and_then(|noun| lexicon.stemmer.analyze(&noun.key)))
        .filter(|a| a.pattern.is_nominal())
        .map(|a| a.root)
        .collect()
}

/// The actor each section header names (`Iran`, `- PBB`), by line index.
fn header_actors(text: &str, lines: &[clean::Line], lexicon: &Lexicon) -> BTreeMap<usize, ActorKey> {
    let mut actors = BTreeMap::new();
    for (index, line) in lines.iter().enumerate() {
        if line.kind != clean::LineKind::Header {
            continue;
        }
        let tokens = segment::tokenize(text, line.span);
        let found = mention::find_mentions(&tokens, text, lexicon, &[], &BTreeSet::new());
        // A section header names an actor and little else (`Iran`, `- PBB`); a headline
        // (`Menlu Jelaskan Sikap Indonesia`) is about more than its actors.
        let words = tokens.iter().filter(|t| t.kind == segment::TokenKind::Word).count();
        let named: usize = found.mentions.iter().map(|m| m.tokens.len()).sum();
        if words > named + 1 {
            continue;
        }
        let first = found.mentions.into_iter().find_map(|m| match m.referent {
            Referent::Actor(key) => Some(key),
            _ => None,
        });
        if let Some(key) = first {
            actors.insert(index, key);
        }
    }
    actors
}

fn records(text: &str, sentences: &[segment::Sentence]) -> Vec<SentenceRecord> {
    // One pass over the text turns byte offsets into character offsets.
    let mut records = Vec::with_capacity(sentences.len());
    let mut chars_before = 0;
    let mut bytes_seen = 0;
    let mut char_offset = |byte: usize| {
        chars_before += text.get(bytes_seen..byte).map_or(0, |s| s.chars().count());
        bytes_seen = byte.max(bytes_seen);
        chars_before
    };
    for sentence in sentences {
        let char_start = char_offset(sentence.span.start());
        let char_end = char_offset(sentence.span.end());
        records.push(SentenceRecord {
            index: sentence.index,
            span: sentence.span,
            char_start,
            char_end,
            text: sentence.span.of(text).to_owned(),
        });
    }
    records
}

/// Prints every stage's output for one article, for people debugging the rules.
#[doc(hidden)]
#[expect(clippy::print_stdout, reason = "a debugging aid that exists to print")]
pub fn debug(article: &Article, lexicon: &Lexicon) {
    let text = article.text.as_str();
    let stages = stages(text, lexicon);
    for ((sentence, found), clauses) in stages.sentences.iter().zip(&stages.mentions).zip(&stages.clauses) {
        println!("--- sentence {}: {}", sentence.index, sentence.span.of(text));
        for (i, m) in found.mentions.iter().enumerate() {
            let surface: Vec<&str> = sentence
                .tokens
                .get(m.tokens.clone())
                .unwrap_or(&[])
                .iter()
                .map(|t| t.span.of(text))
                .collect();
            println!(
                "  mention {i}: {:?} => {:?} {:?} post={:?}",
                surface.join(" "),
                m.referent,
                m.role,
                m.post
            );
        }
        for a in &clauses.attributions {
            println!("  attribution {:?} speaker {:?} quoted={}", a.scope, a.speaker, a.quoted);
        }
        for c in &clauses.clauses {
            println!(
                "  clause {} {:?} subj={:?} obj={:?} parties={} claim={} recip={} neg={} hedge={} ann={} attr={:?} rule={}",
                c.relation,
                c.tokens,
                c.subjects,
                c.objects,
                c.toward_parties,
                c.claim,
                c.reciprocal,
                c.negated,
                c.hedged,
                c.announced,
                c.attribution,
                c.rule
            );
        }
        println!("  topic {:?} events {:?}", clauses.topic, clauses.events);
    }
    let extraction = extract(article, lexicon);
    println!("=== parties {:?} setting {:?}", extraction.parties, stages.setting);
    for s in &extraction.statements {
        println!(
            "{} {} {} [{}] {:?} {:.2} {}",
            s.subject, s.relation, s.object, s.sentence, s.trigger, s.confidence, s.rule
        );
    }
}

#[cfg(test)]
pub(crate) fn test_lexicon() -> &'static Lexicon {
    static LEXICON: std::sync::OnceLock<Lexicon> = std::sync::OnceLock::new();
    LEXICON.get_or_init(|| Lexicon::embedded().expect("the embedded lexicon loads"))
}
