//! The parties of the conflict an article is about, read from the article itself: pairs named
//! together (`konflik antara X dan Y`, `invasi X ke Y`, `X-Y`, `X melawan Y`, `X dan Y`), an
//! act told with its doer and target, one side condemning, accusing or warning the other, and the conflict theatres its places name
//! (`data/conflicts.tsv`) to break ties.
//!
//! Owns: choosing the two sides. Must not: resolve references or build statements.

use std::collections::BTreeMap;

use crate::lexicon::Lexicon;
use crate::model::{ActorKey, ActorKind};
use crate::pipeline::clause::SentenceClauses;
use crate::pipeline::mention::{Referent, SentenceMentions};
use crate::pipeline::segment::Sentence;

/// Weights of the evidence that two actors are the sides of the conflict.
const BETWEEN: u32 = 4;
const HYPHEN_OR_VERSUS: u32 = 3;
const THEATRE_CUE: u32 = 2;
const HOSTILE: u32 = 2;
/// A hostile act told with its doer and its target (`serangan Hamas ke Israel`).
const ACT: u32 = 3;
const COORDINATED: u32 = 1;

/// Two parties, sorted by key, or none when the article names no pair.
pub fn parties(sentences: &[Sentence], mentions: &[SentenceMentions], clauses: &[SentenceClauses], lexicon: &Lexicon) -> Vec<ActorKey> {
    let mut scores: BTreeMap<(ActorKey, ActorKey), u32> = BTreeMap::new();
    let mut add = |a: &ActorKey, b: &ActorKey, weight: u32| {
        if a != b {
            let pair = if a < b { (a.clone(), b.clone()) } else { (b.clone(), a.clone()) };
            *scores.entry(pair).or_default() += weight;
        }
    };
    for ((sentence, found), analysed) in sentences.iter().zip(mentions).zip(clauses) {
        let side_of = |mention: usize| -> Option<ActorKey> {
            match &found.mentions.get(mention)?.referent {
                // An armed group is a side of its own (ANNOTATION.md, Rulings); a ministry or an
                // army speaks for its state.
                Referent::Actor(key) if is_side(lexicon, key) => Some(key.clone()),
                Referent::Actor(key) => Some(lexicon.gazetteer.roll_up(key)).filter(|side| is_side(lexicon, side)),
                _ => None,
            }
        };
        // Co-subjects of one clause (`AS dan Jepang mendesak ...`) act together: not two sides.
        let mut together: Vec<(usize, usize)> = Vec::new();
        for clause in &analysed.clauses {
            together.extend(clause.subjects.iter().flat_map(|&a| clause.subjects.iter().map(move |&b| (a, b))));
            let hostile = clause.relation.is_disapproval() && !clause.negated && !clause.hedged && !clause.claim && !clause.reciprocal;
            if hostile {
                for subject in clause.subjects.iter().filter_map(|&s| side_of(s)) {
                    for object in clause.objects.iter().filter_map(|&o| side_of(o)) {
                        add(&subject, &object, HOSTILE);
                    }
                }
            }
        }
        for event in &analysed.events {
            for agent in event.agents.iter().filter_map(|&a| side_of(a)) {
                for target in event.targets.iter().filter_map(|&t| side_of(t)) {
                    add(&agent, &target, ACT);
                }
            }
        }
        let sides: Vec<(usize, usize, usize, ActorKey)> = found
            .mentions
            .iter()
            .enumerate()
            .filter_map(|(index, m)| match &m.referent {
                Referent::Actor(key) if is_side(lexicon, key) => Some((index, m.tokens.start, m.tokens.end, key.clone())),
                _ => None,
            })
            .collect();
        for pair in sides.windows(2) {
            let [
                (first_index, first_start, first_end, first),
                (second_index, second_start, _, second),
            ] = pair
            else {
                continue;
            };
            let acting_together = together.contains(&(*first_index, *second_index));
            let between: Vec<&str> = sentence
                .tokens
                .get(*first_end..*second_start)
                .unwrap_or(&[])
                .iter()
                .map(|t| t.key.as_str())
                .collect();
            let before_first = first_start
                .checked_sub(1)
                .and_then(|i| sentence.tokens.get(i))
                .map(|t| t.key.as_str());
            let after_conflict_word = before_first.is_some_and(|w| lexicon.is_conflict_word(w));
            let weight = match between.as_slice() {
                ["dan"] | ["dengan"] if before_first == Some("antara") => BETWEEN,
                // `invasi Rusia ke Ukraina`, `serangan Israel terhadap Iran`, `perang Rusia dengan Ukraina`
                ["ke"] | ["terhadap"] | ["atas"] | ["dengan"] if after_conflict_word => BETWEEN,
                ["-"] | ["vs"] | ["vs", "."] | ["versus"] | ["melawan"] => HYPHEN_OR_VERSUS,
                ["dan"] | ["serta"] | [","] if !acting_together => COORDINATED,
                _ => 0,
            };
            if weight > 0 {
                add(first, second, weight);
            }
        }
        for &theatre in &found.theatres {
            if let Some(sides) = lexicon.conflicts.get(theatre) {
                if let [a, b] = sides.parties.as_slice() {
                    add(a, b, THEATRE_CUE);
                }
            }
        }
    }
    scores
        .into_iter()
        .max_by(|(pa, a), (pb, b)| a.cmp(b).then(pb.cmp(pa)))
        .map(|((a, b), _)| vec![a, b])
        .unwrap_or_default()
}

/// The country an article about one country's own crisis (a coup, a crackdown) is set in: the
/// country most often named as the place of things (`di Niger`, `di Niamey`), the first on a
/// tie. Forces named without a country (`junta`, `militer`) are its (ANNOTATION.md: `militer X`
/// is X). None for an article with two sides: there an unnamed army could be either's.
pub fn setting(sentences: &[Sentence], mentions: &[SentenceMentions], lexicon: &Lexicon, parties: &[ActorKey]) -> Option<ActorKey> {
    if !parties.is_empty() {
        return None;
    }
    let mut places: Vec<(ActorKey, usize)> = Vec::new();
    for (sentence, found) in sentences.iter().zip(mentions) {
        for mention in &found.mentions {
            let Referent::Actor(key) = &mention.referent else { continue };
            let after_di = mention
                .tokens
                .start
                .checked_sub(1)
                .and_then(|i| sentence.tokens.get(i))
                .is_some_and(|t| t.key == "di");
            if after_di && lexicon.gazetteer.kind(key) == Some(ActorKind::Country) {
                match places.iter_mut().find(|(place, _)| place == key) {
                    Some((_, count)) => *count += 1,
                    None => places.push((key.clone(), 1)),
                }
            }
        }
    }
    // `max_by_key` keeps the last of equals: reversed, the first named wins a tie.
    places.into_iter().rev().max_by_key(|(_, count)| *count).map(|(key, _)| key)
}

/// Countries and armed organisations can be sides; persons and ministries are not.
fn is_side(lexicon: &Lexicon, key: &ActorKey) -> bool {
    lexicon.gazetteer.resolve(key.as_str()).is_some_and(|info| match info.kind {
        ActorKind::Country => true,
        ActorKind::Organization => matches!(info.category.as_deref(), Some("armed-group" | "armed-forces" | "government")),
        ActorKind::Person => false,
    })
}
