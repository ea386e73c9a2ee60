//! Coordination: the mentions joined with a trigger's subject or party (`X, Y dan Z`, `X serta Y`).

use crate::lexicon::WordClass;
use crate::pipeline::clause::Sentence;
use crate::pipeline::segment::TokenKind;

impl Sentence<'_> {
    /// The first mention of the coordination `X, Y dan Z` that `m` belongs to.
    pub(super) fn conjunct_start(&self, m: usize) -> usize {
        let mut first = m;
        while let Some(previous) = self.previous_conjunct(first) {
            first = previous;
        }
        first
    }

    pub(super) fn previous_conjunct(&self, m: usize) -> Option<usize> {
        let start = self.mention(m)?.tokens.start;
        let mut index = start;
        let mut coordinator = false;
        let mut conjunction = false;
        let mut words = 0;
        while index > 0 {
            let at = index - 1;
            if let Some(previous) = self.mention_at(at) {
                return coordinator.then_some(previous);
            }
            if self.class(at) == Some(WordClass::Coord) || self.is_punct(at, &[","]) {
                let comma = self.is_punct(at, &[","]);
                // `X, serta Y` has a comma and a conjunction; `X, , Y` is no list.
                if coordinator && comma && !conjunction {
                    return None;
                }
                // `dengan Jepang, Korea Selatan mengutuk`: a comma alone joins a list only when a
                // conjunction closes it further on (`X, Y dan Z`).
                if comma && !conjunction && !self.list_continues_after(m) {
                    return None;
                }
                conjunction |= !comma;
                coordinator = true;
            } else if !coordinator
                && self.tokens.get(at).is_some_and(|t| t.kind == TokenKind::Word)
                && self.class(at).is_none()
                && self.pred_covering(at).is_none()
                && words < 2
            {
                // `resolusi Dewan Keamanan PBB dan dua resolusi Majelis Umum PBB`: the head nouns
                // of this conjunct stand between the conjunction and its actor.
                words += 1;
            } else {
                return None;
            }
            index = at;
        }
        None
    }

    pub(super) fn coordinated_left(&self, m: usize) -> Vec<usize> {
        let first = self.conjunct_start(m);
        self.coordinated_right(first)
    }

    /// `m` and the mentions coordinated after it (`X, Y dan Z`, `X serta Y`).
    pub(super) fn coordinated_right(&self, m: usize) -> Vec<usize> {
        let mut found = vec![m];
        let mut current = m;
        while let Some(next) = self.next_conjunct(current) {
            found.push(next);
            current = next;
        }
        found
    }

    pub(super) fn next_conjunct(&self, m: usize) -> Option<usize> {
        let mut index = self.mention(m)?.tokens.end;
        let mut coordinator = false;
        let mut comma_only = true;
        let mut words = 0;
        while index < self.tokens.len() {
            if let Some(next) = self.mention_at(index) {
                let starts_here = self.mention(next)?.tokens.start == index;
                let closed = !comma_only || self.list_continues_after(next);
                return (coordinator && starts_here && closed).then_some(next);
            }
            if self.class(index) == Some(WordClass::Coord) {
                comma_only = false;
            }
            if self.class(index) == Some(WordClass::Coord) || self.is_punct(index, &[","]) {
                coordinator = true;
            } else if coordinator
                && self.tokens.get(index).is_some_and(|t| t.kind == TokenKind::Word)
                && self.class(index).is_none()
                && self.pred_covering(index).is_none()
                && words < 2
            {
                words += 1;
            } else {
                return None;
            }
            index += 1;
        }
        None
    }

    /// True when a conjunction or a further comma and mention follow mention `m`: `m` is not the
    /// last item of a list.
    pub(super) fn list_continues_after(&self, m: usize) -> bool {
        let Some(end) = self.mention(m).map(|x| x.tokens.end) else {
            return false;
        };
        let joined = self.class(end) == Some(WordClass::Coord)
            || (self.is_punct(end, &[","]) && (self.class(end + 1) == Some(WordClass::Coord) || self.mention_at(end + 1).is_some()));
        joined && (end + 1..(end + 4).min(self.tokens.len())).any(|i| self.mention_at(i).is_some())
    }
}
