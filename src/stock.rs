//! The stock queries of `queries/`, embedded so that `warta query --name NAME` works anywhere.
//!
//! Owns: the list of names. Must not: hold any query text itself (that lives in `queries/`).

/// `(name, text)` of each stock query, sorted by name.
pub const STOCK_QUERIES: [(&str, &str); 11] = [
    ("actors-by-stances", include_str!("../queries/actors-by-stances.rq")),
    ("affiliations", include_str!("../queries/affiliations.rq")),
    ("mediators", include_str!("../queries/mediators.rq")),
    ("scored-triples", include_str!("../queries/scored-triples.rq")),
    ("stances-by-family", include_str!("../queries/stances-by-family.rq")),
    ("stances-with-iso-codes", include_str!("../queries/stances-with-iso-codes.rq")),
    ("statements-with-sentences", include_str!("../queries/statements-with-sentences.rq")),
    ("supporters-of", include_str!("../queries/supporters-of.rq")),
    ("unlinked-actors", include_str!("../queries/unlinked-actors.rq")),
    ("urged-and-condemned", include_str!("../queries/urged-and-condemned.rq")),
    ("who-urged-whom", include_str!("../queries/who-urged-whom.rq")),
];

/// The text of a stock query.
pub fn stock_query(name: &str) -> Option<&'static str> {
    STOCK_QUERIES.iter().find(|(n, _)| *n == name).map(|(_, text)| *text)
}

/// The question a stock query answers: its first comment line.
pub fn stock_query_question(text: &str) -> &str {
    text.lines().next().and_then(|l| l.strip_prefix('#')).map_or("", str::trim)
}
