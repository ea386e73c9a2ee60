//! Dates written in a sentence: `Minggu (27/9/2020)`, `Rabu (20/9)` (the year from the
//! article), `27 September 2020`.
//!
//! Owns: reading a calendar date. Must not: guess a date the text does not give.

use crate::lexicon::{CalendarWord, Lexicon};
use crate::pipeline::segment::{Token, TokenKind};

/// An ISO date, `YYYY-MM-DD`, checked for a real day of a real month.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct Date {
    pub year: u16,
    pub month: u8,
    pub day: u8,
}

impl Date {
    pub fn new(year: u16, month: u8, day: u8) -> Option<Date> {
        let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
        let days = match month {
            1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
            4 | 6 | 9 | 11 => 30,
            2 if leap => 29,
            2 => 28,
            _ => return None,
        };
        ((1..=days).contains(&day) && (1900..=2100).contains(&year)).then_some(Date { year, month, day })
    }

    pub fn iso(self) -> String {
        format!("{:04}-{:02}-{:02}", self.year, self.month, self.day)
    }
}

/// A date as written, perhaps without its year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Written {
    year: Option<u16>,
    month: u8,
    day: u8,
}

/// The first date a sentence gives, its year completed with `default_year` when missing.
pub fn sentence_date(tokens: &[Token], lexicon: &Lexicon, default_year: Option<u16>) -> Option<Date> {
    written_dates(tokens, lexicon)
        .into_iter()
        .find_map(|w| Date::new(w.year.or(default_year)?, w.month, w.day))
}

/// The year to give dates written without one: the article's own date, else the year most
/// often written in full in its text.
pub fn article_year(article_date: Option<&str>, sentences: &[&[Token]], lexicon: &Lexicon) -> Option<u16> {
    if let Some(year) = article_date
        .and_then(|d| d.get(..4))
        .and_then(|y| y.parse::<u16>().ok())
        .filter(|y| (1900..=2100).contains(y))
    {
        return Some(year);
    }
    let mut counts: std::collections::BTreeMap<u16, usize> = std::collections::BTreeMap::new();
    for tokens in sentences {
        for written in written_dates(tokens, lexicon) {
            if let Some(year) = written.year {
                *counts.entry(year).or_default() += 1;
            }
        }
    }
    counts.into_iter().max_by_key(|(year, n)| (*n, *year)).map(|(year, _)| year)
}

fn written_dates(tokens: &[Token], lexicon: &Lexicon) -> Vec<Written> {
    let mut found = Vec::new();
    for (index, token) in tokens.iter().enumerate() {
        if token.kind != TokenKind::Number {
            continue;
        }
        if let Some(written) = slashed(&token.key) {
            found.push(written);
            continue;
        }
        // `27 September 2020`, `27 September`
        let Ok(day) = token.key.parse::<u8>() else { continue };
        let Some(CalendarWord::Month(month)) = tokens.get(index + 1).and_then(|t| lexicon.calendar(&t.key)) else {
            continue;
        };
        let year = tokens
            .get(index + 2)
            .filter(|t| t.kind == TokenKind::Number && t.key.len() == 4)
            .and_then(|t| t.key.parse::<u16>().ok());
        found.push(Written { year, month, day });
    }
    found
}

/// `27/9/2020`, `27/9/20`, `20/9`.
fn slashed(text: &str) -> Option<Written> {
    let parts: Vec<&str> = text.split('/').collect();
    let number = |i: usize| parts.get(i).and_then(|p| p.parse::<u16>().ok());
    let (day, month) = (u8::try_from(number(0)?).ok()?, u8::try_from(number(1)?).ok()?);
    let year = match parts.len() {
        2 => None,
        3 => Some(match number(2)? {
            y if y < 100 => 2000 + y,
            y => y,
        }),
        _ => return None,
    };
    Some(Written { year, month, day })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::pipeline::segment::tokenize;
    use crate::pipeline::test_lexicon;

    fn date(text: &str, default_year: Option<u16>) -> Option<String> {
        let tokens = tokenize(text, crate::model::Span::new(text, 0, text.len()).unwrap());
        sentence_date(&tokens, test_lexicon(), default_year).map(Date::iso)
    }

    #[test]
    fn reads_the_written_forms() {
        assert_eq!(date("pada Minggu (27/9/2020) malam", None).as_deref(), Some("2020-09-27"));
        assert_eq!(date("Rabu (20/9) lalu", Some(2023)).as_deref(), Some("2023-09-20"));
        assert_eq!(date("Rabu (20/9) lalu", None), None);
        assert_eq!(date("pada 24 Februari 2022", None).as_deref(), Some("2022-02-24"));
        assert_eq!(date("tanggal 31/2/2021", None), None, "no 31 February");
        assert_eq!(date("sebanyak 2.000 orang pada 1992", Some(2020)), None);
    }
}
