//! Shards: a deterministic partition of articles by their id, so that `n` machines (or shell
//! jobs) can each extract one part of a corpus and the parts together are the whole, each
//! article exactly once, whatever order or grouping the inputs come in.
//!
//! Owns: the hash that places an id. It is part of the command line's contract (README, "When
//! one machine is not enough"), so it must never change: the first 8 bytes of the SHA-256 of
//! the id's UTF-8 bytes, read as a big-endian integer, modulo `n`. Must not: read articles.

use std::fmt;

use sha2::{Digest, Sha256};

use crate::input::ArticleId;

/// Part `index` of `count` (`0 <= index < count`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shard {
    index: u64,
    count: u64,
}

impl Shard {
    /// Reads `i/n`, or says what is wrong with it.
    pub fn parse(given: &str) -> Result<Shard, String> {
        let advice = "write the shard as i/n with 0 <= i < n, e.g. 0/4";
        let (index, count) = given.split_once('/').ok_or_else(|| format!("'{given}' is not a shard: {advice}"))?;
        let number = |part: &str| {
            part.trim()
                .parse::<u64>()
                .map_err(|_| format!("'{given}' is not a shard: {advice}"))
        };
        let (index, count) = (number(index)?, number(count)?);
        if count == 0 || index >= count {
            return Err(format!("'{given}' is not a shard: {advice}"));
        }
        Ok(Shard { index, count })
    }

    /// Which part this is, from 0.
    pub fn index(&self) -> u64 {
        self.index
    }

    /// How many parts there are.
    pub fn count(&self) -> u64 {
        self.count
    }

    /// The shard of `count` an id belongs to.
    pub fn of(id: &ArticleId, count: u64) -> u64 {
        let digest = Sha256::digest(id.as_str().as_bytes());
        let mut first = [0u8; 8];
        for (to, from) in first.iter_mut().zip(digest.iter()) {
            *to = *from;
        }
        u64::from_be_bytes(first) % count.max(1)
    }

    /// True when the article with this id is this shard's to extract.
    pub fn contains(&self, id: &ArticleId) -> bool {
        Shard::of(id, self.count) == self.index
    }
}

impl fmt::Display for Shard {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.index, self.count)
    }
}

#[cfg(test)]
mod tests {
    use super::Shard;
    use crate::input::ArticleId;

    #[test]
    fn shards_are_read_and_checked() {
        assert_eq!(Shard::parse("1/4").map(|s| s.to_string()), Ok("1/4".to_owned()));
        for bad in ["4/4", "0/0", "1", "a/2", "-1/2", "1/2/3"] {
            assert!(Shard::parse(bad).is_err(), "{bad} should be refused");
        }
    }

    #[test]
    fn every_id_is_in_exactly_one_shard() {
        let shards: Vec<Shard> = (0..3).filter_map(|i| Shard::parse(&format!("{i}/3")).ok()).collect();
        for n in 0..200 {
            let id = ArticleId::new(&format!("article-{n}")).unwrap();
            assert_eq!(shards.iter().filter(|s| s.contains(&id)).count(), 1, "{id}");
        }
    }

    #[test]
    fn the_hash_is_the_documented_one() {
        // `printf %s 000_74294af58201a0cd | sha256sum` starts 452afd748a1d4010, which is 6 mod 7
        // (Python: `int.from_bytes(hashlib.sha256(id.encode()).digest()[:8], "big") % 7`).
        let id = ArticleId::new("000_74294af58201a0cd").unwrap();
        assert_eq!(Shard::of(&id, 7), 6);
    }
}
