//! The stock queries of `queries/` (questions for people, read from the summary graph and paged
//! where they list pairs or statements) and the dumps of `dumps/` (every row of something, for
//! programs), embedded so that `warta query --name NAME` works anywhere.
//!
//! Owns: the lists of names. Must not: hold any query text itself (that lives in the files).

/// `(name, text)` of each stock query, sorted by name.
pub const STOCK_QUERIES: [(&str, &str); 9] = [
    ("actors-by-stances", include_str!("../queries/actors-by-stances.rq")),
    ("affiliations", include_str!("../queries/affiliations.rq")),
    ("mediators", include_str!("../queries/mediators.rq")),
    ("stances-by-family", include_str!("../queries/stances-by-family.rq")),
    ("statements-with-sentences", include_str!("../queries/statements-with-sentences.rq")),
    ("supporters-of", include_str!("../queries/supporters-of.rq")),
    ("unlinked-actors", include_str!("../queries/unlinked-actors.rq")),
    ("urged-and-condemned", include_str!("../queries/urged-and-condemned.rq")),
    ("who-urged-whom", include_str!("../queries/who-urged-whom.rq")),
];

/// `(name, text)` of each dump: queries that list every row of something (their time grows with
/// the store), run by name like the stock queries but not offered to people as questions.
pub const DUMPS: [(&str, &str); 2] = [
    ("scored-triples", include_str!("../dumps/scored-triples.rq")),
    ("stances-with-iso-codes", include_str!("../dumps/stances-with-iso-codes.rq")),
];

/// The text of a stock query or a dump.
pub fn stock_query(name: &str) -> Option<&'static str> {
    STOCK_QUERIES.iter().chain(&DUMPS).find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// The question a stock query answers: its first comment line.
pub fn stock_query_question(text: &str) -> &str {
    text.lines().next().and_then(|l| l.strip_prefix('#')).map_or("", str::trim)
}
