//! Plain types shared by every stage: relations, actor identities and kinds, spans, modality.
//!
//! Owns: the names of the relations (the only place they are spelled in code) and the
//! invariants of identifiers. Must not: depend on any other module of the crate.

use std::fmt;

/// A stance or affiliation relation of ANNOTATION.md. Its name is the local name of the
/// vocabulary property (`warta:urges`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Relation {
    Urges,
    Supports,
    Condemns,
    Criticizes,
    Accuses,
    Warns,
    Mediates,
    TalksWith,
    AllyOf,
    AffiliatedWith,
}

/// The CAMEO-style grouping of stances, published as super-properties in the vocabulary.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Family {
    Appeal,
    Cooperate,
    Disapprove,
    Affiliation,
}

impl Relation {
    pub const ALL: [Relation; 10] = [
        Relation::Urges,
        Relation::Supports,
        Relation::Condemns,
        Relation::Criticizes,
        Relation::Accuses,
        Relation::Warns,
        Relation::Mediates,
        Relation::TalksWith,
        Relation::AllyOf,
        Relation::AffiliatedWith,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Relation::Urges => "urges",
            Relation::Supports => "supports",
            Relation::Condemns => "condemns",
            Relation::Criticizes => "criticizes",
            Relation::Accuses => "accuses",
            Relation::Warns => "warns",
            Relation::Mediates => "mediates",
            Relation::TalksWith => "talksWith",
            Relation::AllyOf => "allyOf",
            Relation::AffiliatedWith => "affiliatedWith",
        }
    }

    pub fn from_name(name: &str) -> Option<Relation> {
        Relation::ALL.into_iter().find(|r| r.name() == name)
    }

    /// Symmetric relations hold both ways; `A talksWith B` is also `B talksWith A`.
    pub fn is_symmetric(self) -> bool {
        matches!(self, Relation::TalksWith | Relation::AllyOf)
    }

    pub fn is_stance(self) -> bool {
        self != Relation::AffiliatedWith
    }

    pub fn family(self) -> Family {
        match self {
            Relation::Urges => Family::Appeal,
            Relation::Supports | Relation::Mediates | Relation::TalksWith | Relation::AllyOf => Family::Cooperate,
            Relation::Condemns | Relation::Criticizes | Relation::Accuses | Relation::Warns => Family::Disapprove,
            Relation::AffiliatedWith => Family::Affiliation,
        }
    }

    /// Disapproval is aimed at what a party did; its target is never the party's victims.
    pub fn is_disapproval(self) -> bool {
        self.family() == Family::Disapprove
    }
}

impl fmt::Display for Relation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

impl Family {
    pub const ALL: [Family; 4] = [Family::Appeal, Family::Cooperate, Family::Disapprove, Family::Affiliation];

    pub fn name(self) -> &'static str {
        match self {
            Family::Appeal => "appeal",
            Family::Cooperate => "cooperate",
            Family::Disapprove => "disapprove",
            Family::Affiliation => "affiliation",
        }
    }
}

/// What kind of actor: the vocabulary class beside `warta:Actor`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum ActorKind {
    Country,
    Organization,
    Person,
}

impl ActorKind {
    pub fn name(self) -> &'static str {
        match self {
            ActorKind::Country => "country",
            ActorKind::Organization => "organization",
            ActorKind::Person => "person",
        }
    }
}

/// The stable identity of an actor: a slug of ASCII lower-case letters, digits and hyphens,
/// the last segment of its IRI (`.../actor/{key}`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ActorKey(String);

impl ActorKey {
    /// Accepts a ready slug; `None` when it has characters outside `[a-z0-9-]` or is empty.
    pub fn new(key: &str) -> Option<ActorKey> {
        let valid = !key.is_empty()
            && !key.starts_with('-')
            && !key.ends_with('-')
            && key.bytes().all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'-');
        valid.then(|| ActorKey(key.to_owned()))
    }

    /// Makes a slug from a display name: diacritics dropped, lower case, runs of anything
    /// else turned into one hyphen (`Mélanie Joly` → `melanie-joly`).
    pub fn from_name(name: &str) -> Option<ActorKey> {
        let folded = crate::text::fold(name);
        let mut slug = String::with_capacity(folded.len());
        for c in folded.chars() {
            if c.is_ascii_alphanumeric() {
                slug.push(c);
            } else if !slug.is_empty() && !slug.ends_with('-') {
                slug.push('-');
            }
        }
        while slug.ends_with('-') {
            slug.pop();
        }
        ActorKey::new(&slug)
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ActorKey {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// How the article puts a stance (issue 3): as a fact, as something planned or promised, or as
/// something another source says.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Modality {
    Asserted,
    Announced,
    Reported,
}

impl Modality {
    pub fn name(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Announced => "announced",
            Modality::Reported => "reported",
        }
    }
}

/// A byte range of an article's text that starts and ends on char boundaries.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Span {
    start: usize,
    end: usize,
}

impl Span {
    /// Checks the range against the text it points into.
    pub fn new(text: &str, start: usize, end: usize) -> Option<Span> {
        (start <= end && text.is_char_boundary(start) && text.is_char_boundary(end) && end <= text.len()).then_some(Span { start, end })
    }

    pub fn start(self) -> usize {
        self.start
    }

    pub fn end(self) -> usize {
        self.end
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    /// The text under the span; empty when the span does not belong to `text`.
    pub fn of(self, text: &str) -> &str {
        text.get(self.start..self.end).unwrap_or("")
    }

    /// The smallest span covering both.
    pub fn cover(self, other: Span) -> Span {
        Span {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn relation_names_round_trip() {
        for relation in Relation::ALL {
            assert_eq!(Relation::from_name(relation.name()), Some(relation));
        }
        assert_eq!(Relation::from_name("likes"), None);
    }

    #[test]
    fn actor_keys_are_slugs() {
        assert_eq!(
            ActorKey::from_name("Mélanie Joly").map(|k| k.to_string()),
            Some("melanie-joly".to_owned())
        );
        assert_eq!(
            ActorKey::from_name("  Recep Tayyip Erdoğan ").map(|k| k.to_string()),
            Some("recep-tayyip-erdogan".to_owned())
        );
        assert!(ActorKey::new("Bad Key").is_none());
        assert!(ActorKey::new("").is_none());
        assert!(ActorKey::from_name("¿?").is_none());
    }

    #[test]
    fn spans_respect_char_boundaries() {
        let text = "Türkiye";
        assert!(Span::new(text, 0, 2).is_none(), "inside the ü");
        let span = Span::new(text, 0, 3);
        assert_eq!(span.map(|s| s.of(text)), Some("Tü"));
        assert!(Span::new(text, 3, 100).is_none());
    }
}
