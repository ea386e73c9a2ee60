//! Reading articles: `.txt` files (the stem is the article id), directories of them, JSON Lines
//! (`id`, `text`, optional `title`, `url`, `date`, `source`), and standard input.
//!
//! Owns: turning bytes into `Article`s and per-item problems. Must not: parse language. A bad
//! item (not UTF-8, empty, binary, a malformed line) becomes an `InputProblem` and the rest
//! continue.

use std::fmt;
use std::io::{BufRead, BufReader, Read};
use std::path::{Path, PathBuf};

use serde::Deserialize;

/// An article's identifier: Unicode NFC, no surrounding spaces, no control characters, at most
/// 200 bytes, and not a path step (`.`, `..`).
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(String);

/// The most bytes an id may take: ids are IRI path segments and file names.
const MAX_ID_BYTES: usize = 200;

impl ArticleId {
    pub fn new(id: &str) -> Option<ArticleId> {
        ArticleId::parse(id).ok()
    }

    /// The id `given` names, normalised (spaces around it dropped, Unicode NFC, so that `é` and
    /// `e` with a combining accent are one id), or why it cannot be one.
    pub fn parse(given: &str) -> Result<ArticleId, String> {
        use unicode_normalization::UnicodeNormalization;
        let id: String = given.trim().nfc().collect();
        if id.is_empty() {
            return Err("the id is empty".to_owned());
        }
        if id.len() > MAX_ID_BYTES {
            return Err(format!(
                "the id is {} bytes long; ids are at most {MAX_ID_BYTES}: shorten it",
                id.len()
            ));
        }
        if let Some((position, control)) = id.chars().enumerate().find(|(_, c)| c.is_control()) {
            return Err(format!(
                "the id has a control character (U+{:04X}) at character {}: ids are one line of text",
                u32::from(control),
                position + 1
            ));
        }
        if id == "." || id == ".." {
            return Err(format!("'{id}' is a path step, not an id: give the article another name"));
        }
        Ok(ArticleId(id))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// One news article and what is known about it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Article {
    pub id: ArticleId,
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    /// As given; an ISO date (`2020-09-27`) also sets the year of dates such as `Rabu (20/9)`.
    pub date: Option<String>,
    pub source: Option<String>,
    /// What was changed to read it (bytes that were not UTF-8, control characters dropped, a
    /// date dropped), each named with where it happened.
    pub warnings: Vec<InputProblem>,
}

impl Article {
    /// An article from text alone.
    pub fn from_text(id: ArticleId, text: String) -> Article {
        Article {
            id,
            text,
            title: None,
            url: None,
            date: None,
            source: None,
            warnings: Vec::new(),
        }
    }
}

/// How inputs are read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ReadOptions {
    /// Skip an article that is not valid UTF-8, rather than reading it with the bad bytes
    /// replaced (and a warning).
    pub strict_utf8: bool,
    /// Skip an article larger than this many bytes: extraction takes memory in proportion.
    pub max_article_bytes: usize,
}

/// The size cap `warta build` and `warta serve` apply unless told otherwise: news articles are
/// tens of kilobytes, and an article costs about 280 bytes of memory per byte on its way in.
pub const DEFAULT_MAX_ARTICLE_BYTES: usize = 2 * 1024 * 1024;

/// Why one input item was skipped. `name` says which: a path, or `path:line` for JSON Lines.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{name}: {reason}")]
pub struct InputProblem {
    pub name: String,
    pub reason: String,
}

#[derive(Deserialize)]
struct JsonArticle {
    id: serde_json::Value,
    text: String,
    title: Option<String>,
    url: Option<String>,
    date: Option<String>,
    source: Option<String>,
}

/// Where articles come from, expanded: the files of directories (recursively, sorted), and
/// standard input for `-`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum InputSource {
    Text(PathBuf),
    JsonLines(PathBuf),
    Stdin,
}

/// Expands the command-line inputs. A path that does not exist is a problem, not an error, so
/// that the other inputs still load.
pub fn expand_inputs(paths: &[PathBuf]) -> (Vec<InputSource>, Vec<InputProblem>) {
    let mut sources = Vec::new();
    let mut problems = Vec::new();
    for path in paths {
        if path.as_os_str() == "-" {
            sources.push(InputSource::Stdin);
        } else if path.is_dir() {
            let mut files = Vec::new();
            collect_files(path, &mut files, &mut problems);
            files.sort();
            sources.extend(files.into_iter().filter_map(classify));
        } else if path.is_file() {
            match classify(path.clone()) {
                Some(source) => sources.push(source),
                None => problems.push(InputProblem {
                    name: path.display().to_string(),
                    reason: "not a .txt or .jsonl file".to_owned(),
                }),
            }
        } else {
            problems.push(InputProblem {
                name: path.display().to_string(),
                reason: "no such file or directory".to_owned(),
            });
        }
    }
    (sources, problems)
}

fn collect_files(dir: &Path, files: &mut Vec<PathBuf>, problems: &mut Vec<InputProblem>) {
    let entries = match std::fs::read_dir(dir) {
        Ok(entries) => entries,
        Err(e) => {
            problems.push(InputProblem {
                name: dir.display().to_string(),
                reason: e.to_string(),
            });
            return;
        }
    };
    for entry in entries.flatten() {
        let path = entry.path();
        if path.is_dir() {
            collect_files(&path, files, problems);
        } else if extension(&path).is_some() {
            // Hidden article files (an editor's or a copy tool's `._name.txt`) are named, not
            // read silently nor passed over silently.
            if path.file_name().and_then(|n| n.to_str()).is_some_and(|n| n.starts_with('.')) {
                problems.push(InputProblem {
                    name: path.display().to_string(),
                    reason: "a hidden file (its name starts with a dot): rename it to read it".to_owned(),
                });
            } else {
                files.push(path);
            }
        }
    }
}

/// The input kind of a file name, whatever the case of its extension (`.TXT` too).
fn extension(path: &Path) -> Option<&'static str> {
    let extension = path.extension()?.to_str()?.to_ascii_lowercase();
    match extension.as_str() {
        "txt" => Some("txt"),
        "jsonl" => Some("jsonl"),
        _ => None,
    }
}

fn classify(path: PathBuf) -> Option<InputSource> {
    match extension(&path)? {
        "txt" => Some(InputSource::Text(path)),
        _ => Some(InputSource::JsonLines(path)),
    }
}

fn too_large(name: &str, bytes: usize, options: &ReadOptions) -> InputProblem {
    InputProblem {
        name: name.to_owned(),
        reason: format!(
            "the article is {bytes} bytes; one article may be at most {} (raise --max-article-bytes to read it)",
            options.max_article_bytes
        ),
    }
}

/// Reads every article of one source, calling `each` with an article or a problem, in order.
/// JSON Lines are streamed line by line, so a large file never sits in memory whole.
pub fn read_source(source: &InputSource, options: &ReadOptions, each: &mut dyn FnMut(Result<Article, InputProblem>)) {
    match source {
        InputSource::Text(path) => {
            let name = path.display().to_string();
            let id = match path.file_stem().and_then(|s| s.to_str()) {
                Some(stem) => ArticleId::parse(stem),
                None => Err("the file name is not UTF-8".to_owned()),
            };
            let id = match id {
                Ok(id) => id,
                Err(reason) => {
                    each(Err(InputProblem {
                        name,
                        reason: format!("the file name is not a usable article id: {reason}"),
                    }));
                    return;
                }
            };
            let size = std::fs::metadata(path).map(|m| usize::try_from(m.len()).unwrap_or(usize::MAX));
            if let Ok(size) = size {
                if size > options.max_article_bytes {
                    each(Err(too_large(&name, size, options)));
                    return;
                }
            }
            match std::fs::read(path) {
                Ok(bytes) => each(article_from_bytes(&name, id, bytes, options)),
                Err(e) => each(Err(InputProblem {
                    name,
                    reason: e.to_string(),
                })),
            }
        }
        InputSource::JsonLines(path) => match std::fs::File::open(path) {
            Ok(file) => read_json_lines(&path.display().to_string(), BufReader::new(file), options, each),
            Err(e) => each(Err(InputProblem {
                name: path.display().to_string(),
                reason: e.to_string(),
            })),
        },
        InputSource::Stdin => {
            let mut bytes = Vec::new();
            if let Err(e) = std::io::stdin().lock().read_to_end(&mut bytes) {
                each(Err(InputProblem {
                    name: "<stdin>".to_owned(),
                    reason: e.to_string(),
                }));
                return;
            }
            let looks_like_json = bytes.iter().find(|b| !b.is_ascii_whitespace()) == Some(&b'{');
            if looks_like_json {
                read_json_lines("<stdin>", bytes.as_slice(), options, each);
            } else if let Some(id) = ArticleId::new("stdin") {
                each(article_from_bytes("<stdin>", id, bytes, options));
            }
        }
    }
}

/// Checks the bytes of a text article: not too large, not binary, not empty; bytes that are not
/// UTF-8 are replaced (with a warning) unless `strict_utf8`.
pub fn article_from_bytes(name: &str, id: ArticleId, bytes: Vec<u8>, options: &ReadOptions) -> Result<Article, InputProblem> {
    let problem = |reason: &str| InputProblem {
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    if bytes.len() > options.max_article_bytes {
        return Err(too_large(name, bytes.len(), options));
    }
    if bytes.contains(&0) {
        return Err(problem("binary content (NUL bytes), not a text article"));
    }
    let mut warnings = Vec::new();
    let text = decode(name, bytes, options, &mut warnings)?;
    // Each bad byte becomes a three-byte U+FFFD: the text read must be within the cap too.
    if text.len() > options.max_article_bytes {
        return Err(too_large(name, text.len(), options));
    }
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    let text = clean_text(name, text, &mut warnings);
    if text.trim().is_empty() {
        return Err(problem("empty article"));
    }
    let mut article = Article::from_text(id, text);
    article.warnings = warnings;
    Ok(article)
}

/// UTF-8 text from bytes: as they are when valid; otherwise, unless `strict_utf8`, with each bad
/// byte sequence replaced by U+FFFD and a warning that says where the first one was.
fn decode(name: &str, bytes: Vec<u8>, options: &ReadOptions, warnings: &mut Vec<InputProblem>) -> Result<String, InputProblem> {
    match String::from_utf8(bytes) {
        Ok(text) => Ok(text),
        Err(error) => {
            let offset = error.utf8_error().valid_up_to();
            if options.strict_utf8 {
                return Err(InputProblem {
                    name: name.to_owned(),
                    reason: format!("not UTF-8 (invalid byte at offset {offset}; --strict-utf8 skips such articles)"),
                });
            }
            let text = String::from_utf8_lossy(error.as_bytes()).into_owned();
            let replaced = text.matches('\u{fffd}').count();
            warnings.push(InputProblem {
                name: name.to_owned(),
                reason: format!(
                    "not UTF-8 at byte offset {offset} ({replaced} bad sequence{} read as U+FFFD; --strict-utf8 skips such articles)",
                    if replaced == 1 { "" } else { "s" }
                ),
            });
            Ok(text)
        }
    }
}

/// Text as every later stage and every RDF syntax can take it: control characters XML cannot
/// carry (C0 but tab, line feed and carriage return; U+FFFE, U+FFFF) dropped with a warning,
/// and a carriage return alone read as a line end (as one before a line feed already is).
fn clean_text(name: &str, text: String, warnings: &mut Vec<InputProblem>) -> String {
    let unfit = |c: char| (c.is_ascii_control() && !matches!(c, '\t' | '\n' | '\r' | '\u{7f}')) || matches!(c, '\u{fffe}' | '\u{ffff}');
    let dropped = text.chars().filter(|c| unfit(*c)).count();
    if dropped == 0 && !text.contains('\r') {
        return text;
    }
    if dropped > 0 {
        warnings.push(InputProblem {
            name: name.to_owned(),
            reason: format!(
                "{dropped} control character{} dropped (XML cannot carry them)",
                if dropped == 1 { "" } else { "s" }
            ),
        });
    }
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().filter(|c| !unfit(*c)).peekable();
    while let Some(c) = chars.next() {
        if c == '\r' && chars.peek() != Some(&'\n') {
            out.push('\n');
        } else {
            out.push(c);
        }
    }
    out
}

/// Reads one line of at most `limit` bytes into `line` (without its line feed). A longer line is
/// read past without being kept; the result is then `Err` with its length.
fn read_line_bounded(reader: &mut impl BufRead, limit: usize, line: &mut Vec<u8>) -> std::io::Result<Option<Result<(), usize>>> {
    line.clear();
    let mut length = 0usize;
    let mut overflow = false;
    loop {
        let available = reader.fill_buf()?;
        if available.is_empty() {
            return Ok((length > 0).then_some(if overflow { Err(length) } else { Ok(()) }));
        }
        let (chunk, done) = match available.iter().position(|b| *b == b'\n') {
            Some(end) => (available.get(..end).unwrap_or(available), true),
            None => (available, false),
        };
        let used = chunk.len() + usize::from(done);
        length += chunk.len();
        if length > limit {
            overflow = true;
            line.clear();
        } else {
            line.extend_from_slice(chunk);
        }
        reader.consume(used);
        if done {
            return Ok(Some(if overflow { Err(length) } else { Ok(()) }));
        }
    }
}

/// Reads JSON Lines from `reader`, one article or problem per line that is not blank, each named
/// `name:line`; a line longer than any article could be is read past, not kept.
pub fn read_json_lines(name: &str, mut reader: impl BufRead, options: &ReadOptions, each: &mut dyn FnMut(Result<Article, InputProblem>)) {
    // A JSON line spells its text with escapes, so it may take more bytes than the text.
    let limit = options.max_article_bytes.saturating_mul(6).saturating_add(64 * 1024);
    let mut line = Vec::new();
    for index in 1.. {
        let line_name = format!("{name}:{index}");
        match read_line_bounded(&mut reader, limit, &mut line) {
            Ok(None) => return,
            Ok(Some(Err(length))) => each(Err(too_large(&line_name, length, options))),
            Ok(Some(Ok(()))) if line.iter().all(u8::is_ascii_whitespace) => {}
            Ok(Some(Ok(()))) => each(parse_json_line(&line_name, &line, options)),
            Err(e) => {
                each(Err(InputProblem {
                    name: line_name,
                    reason: e.to_string(),
                }));
                return;
            }
        }
    }
}

/// A date as given, unless it has the shape of an ISO date (`YYYY-MM-DD`) and is not a day of the
/// calendar (`2020-13-45`): then it is dropped, with the reason.
fn checked_date(date: String) -> Result<String, String> {
    let parts: Vec<&str> = date.split('-').collect();
    let shaped = date.len() == 10
        && matches!(parts.as_slice(), [y, m, d] if y.len() == 4 && m.len() == 2 && d.len() == 2)
        && parts.iter().all(|p| p.bytes().all(|b| b.is_ascii_digit()));
    if !shaped {
        return Ok(date);
    }
    let number = |index: usize| parts.get(index).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    let (year, month, day) = (number(0), number(1), number(2));
    let leap = (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
    let days = match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if leap => 29,
        2 => 28,
        _ => 0,
    };
    if (1..=days).contains(&day) {
        Ok(date)
    } else {
        Err(format!("the date '{date}' is not a day of the calendar: dropped (give YYYY-MM-DD)"))
    }
}

/// One JSON object (`{"id", "text", "title"?, "url"?, "date"?, "source"?}`) as an article;
/// `name` says where it came from in problems and warnings.
pub fn parse_json_line(name: &str, bytes: &[u8], options: &ReadOptions) -> Result<Article, InputProblem> {
    let problem = |reason: String| InputProblem {
        name: name.to_owned(),
        reason,
    };
    let mut warnings = Vec::new();
    let line = decode(name, bytes.to_vec(), options, &mut warnings)?;
    let parsed: JsonArticle = serde_json::from_str(&line).map_err(|e| problem(format!("malformed JSON line: {e}")))?;
    let id = match &parsed.id {
        serde_json::Value::String(s) => ArticleId::parse(s),
        serde_json::Value::Number(n) => ArticleId::parse(&n.to_string()),
        other => Err(format!("must be a string or a number, not {other}")),
    }
    .map_err(|reason| problem(format!("'id': {reason}")))?;
    let fields = ArticleFields {
        text: parsed.text,
        title: parsed.title,
        url: parsed.url,
        date: parsed.date,
        source: parsed.source,
    };
    checked_article(name, id, fields, options, warnings)
}

/// An article's fields as a caller gives them (a JSON line, the Python package), before they are
/// checked and cleaned.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ArticleFields {
    pub text: String,
    pub title: Option<String>,
    pub url: Option<String>,
    pub date: Option<String>,
    pub source: Option<String>,
}

/// An article from its fields, checked and cleaned exactly as a JSON Lines article is, so that
/// every way in reads the same article from the same fields.
pub fn article_from_fields(name: &str, id: ArticleId, fields: ArticleFields, options: &ReadOptions) -> Result<Article, InputProblem> {
    checked_article(name, id, fields, options, Vec::new())
}

fn checked_article(
    name: &str,
    id: ArticleId,
    fields: ArticleFields,
    options: &ReadOptions,
    mut warnings: Vec<InputProblem>,
) -> Result<Article, InputProblem> {
    let problem = |reason: String| InputProblem {
        name: name.to_owned(),
        reason,
    };
    let ArticleFields {
        text,
        title,
        url,
        date,
        source,
    } = fields;
    if text.len() > options.max_article_bytes {
        return Err(too_large(name, text.len(), options));
    }
    let text = clean_text(name, text, &mut warnings);
    if text.trim().is_empty() {
        return Err(problem(format!("article '{id}' has an empty text")));
    }
    let mut field = |v: Option<String>| {
        v.map(|s| clean_text(name, s, &mut warnings).trim().to_owned())
            .filter(|s| !s.is_empty())
    };
    let (title, url, date, source) = (field(title), field(url), field(date), field(source));
    let date = match date.map(checked_date) {
        Some(Ok(date)) => Some(date),
        Some(Err(reason)) => {
            warnings.push(problem(reason));
            None
        }
        None => None,
    };
    Ok(Article {
        id,
        text,
        title,
        url,
        date,
        source,
        warnings,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    const OPTIONS: ReadOptions = ReadOptions {
        strict_utf8: false,
        max_article_bytes: 1000,
    };
    const STRICT: ReadOptions = ReadOptions {
        strict_utf8: true,
        max_article_bytes: 1000,
    };

    fn id(s: &str) -> ArticleId {
        ArticleId::new(s).unwrap_or_else(|| ArticleId("invalid".to_owned()))
    }

    fn read(bytes: &[u8], options: &ReadOptions) -> Result<Article, InputProblem> {
        article_from_bytes("a.txt", id("a"), bytes.to_vec(), options)
    }

    #[test]
    fn text_articles_are_checked() {
        assert!(read(b"Rusia mendesak Ukraina.", &OPTIONS).is_ok());
        let reason = |bytes: &[u8]| read(bytes, &OPTIONS).err().map(|p| p.reason);
        assert_eq!(reason(b"  \n "), Some("empty article".to_owned()));
        assert_eq!(
            reason(b"\x00\x01bin"),
            Some("binary content (NUL bytes), not a text article".to_owned())
        );
        assert!(reason(&[b'a'; 1001]).is_some_and(|r| r.contains("at most 1000")));
    }

    /// Issue 10, "one bad byte loses an article": it is read, with a warning naming the offset.
    #[test]
    fn issue_10_a_bad_byte_is_replaced_with_a_warning() {
        let article = read(b"ok \xff Rusia.", &OPTIONS).unwrap_or_else(|p| Article::from_text(id("x"), p.reason));
        assert_eq!(article.text, "ok \u{fffd} Rusia.");
        assert_eq!(article.warnings.len(), 1);
        assert!(article.warnings.iter().any(|w| w.reason.contains("byte offset 3")));
        assert_eq!(
            read(b"ok \xff", &STRICT).err().map(|p| p.reason),
            Some("not UTF-8 (invalid byte at offset 3; --strict-utf8 skips such articles)".to_owned())
        );
    }

    /// Issue 10, "control characters break XML" and "lone-CR line ends".
    #[test]
    fn issue_10_controls_are_dropped_and_lone_carriage_returns_end_lines() {
        let article = read(b"Rusia\x07 mendesak.\rUkraina\x1b menolak.\r\nSelesai.", &OPTIONS)
            .unwrap_or_else(|p| Article::from_text(id("x"), p.reason));
        assert_eq!(article.text, "Rusia mendesak.\nUkraina menolak.\r\nSelesai.");
        assert!(
            article
                .warnings
                .iter()
                .any(|w| w.reason.starts_with("2 control characters dropped"))
        );
        let json = parse_json_line(
            "f:1",
            br#"{"id": "j", "text": "Teks\u0000 ini.", "title": "Judul\u0001"}"#,
            &OPTIONS,
        );
        let json = json.unwrap_or_else(|p| Article::from_text(id("x"), p.reason));
        assert_eq!(json.text, "Teks ini.");
        assert_eq!(json.title.as_deref(), Some("Judul"));
    }

    /// Issue 10, "ids and line ends" and "messages": ids are normalised or refused with a reason.
    #[test]
    fn issue_10_ids_are_normalised_or_refused_with_a_reason() {
        assert_eq!(ArticleId::parse(" padded "), ArticleId::parse("padded"));
        assert_eq!(ArticleId::parse("e\u{301}"), ArticleId::parse("\u{e9}"));
        let reason = |given: &str| ArticleId::parse(given).err().unwrap_or_default();
        assert!(reason(".").contains("path step"));
        assert!(reason("..").contains("path step"));
        assert!(reason(&"x".repeat(201)).contains("201 bytes long; ids are at most 200"));
        assert!(reason("a\nb").contains("control character (U+000A) at character 2"));
        assert_eq!(reason("  "), "the id is empty");
        let long = format!(r#"{{"id": "{}", "text": "x"}}"#, "x".repeat(300));
        let problem = parse_json_line("f:1", long.as_bytes(), &OPTIONS)
            .err()
            .map(|p| p.reason)
            .unwrap_or_default();
        assert!(problem.starts_with("'id': the id is 300 bytes long"), "{problem}");
    }

    /// Issue 10, "messages": a date that is not a day of the calendar is dropped with a warning.
    #[test]
    fn issue_10_an_impossible_date_is_dropped() {
        let article = parse_json_line("f:1", br#"{"id": "d", "text": "x", "date": "2020-13-45"}"#, &OPTIONS)
            .unwrap_or_else(|p| Article::from_text(id("x"), p.reason));
        assert_eq!(article.date, None);
        assert!(article.warnings.iter().any(|w| w.reason.contains("'2020-13-45' is not a day")));
        for kept in ["2020-02-29", "2020", "27 September 2020"] {
            assert_eq!(checked_date(kept.to_owned()), Ok(kept.to_owned()));
        }
        assert!(checked_date("2019-02-29".to_owned()).is_err());
    }

    #[test]
    fn json_lines_keep_going_after_a_bad_line() {
        let data = b"{\"id\": \"a\", \"text\": \"Teks.\", \"date\": \"2020-09-27\"}\n{broken\n\n{\"id\": 7, \"text\": \"Lagi.\"}\n{\"id\": \"\", \"text\": \"x\"}\n";
        let mut results = Vec::new();
        read_json_lines("f.jsonl", &data[..], &OPTIONS, &mut |r| {
            results.push(r.map(|a| (a.id.to_string(), a.date)).map_err(|p| p.name))
        });
        assert_eq!(
            results,
            vec![
                Ok(("a".to_owned(), Some("2020-09-27".to_owned()))),
                Err("f.jsonl:2".to_owned()),
                Ok(("7".to_owned(), None)),
                Err("f.jsonl:5".to_owned()),
            ]
        );
    }

    /// Issue 10, "one huge input takes the machine": a line over the cap is passed over without
    /// being kept, and the lines after it still load.
    #[test]
    fn issue_10_a_huge_json_line_is_skipped_whole() {
        let small = ReadOptions {
            strict_utf8: false,
            max_article_bytes: 10,
        };
        let huge = format!(
            "{{\"id\": \"big\", \"text\": \"{}\"}}\n{{\"id\": \"ok\", \"text\": \"Teks.\"}}\n",
            "x".repeat(200_000)
        );
        let mut results = Vec::new();
        read_json_lines("f.jsonl", huge.as_bytes(), &small, &mut |r| {
            results.push(r.map(|a| a.id.to_string()).map_err(|p| p.reason))
        });
        assert_eq!(results.len(), 2);
        assert!(
            results
                .first()
                .is_some_and(|r| r.as_ref().is_err_and(|reason| reason.contains("at most 10")))
        );
        assert_eq!(results.get(1), Some(&Ok("ok".to_owned())));
    }
}
