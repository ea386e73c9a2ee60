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

/// An article's identifier: non-empty, no control characters, at most 200 bytes.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct ArticleId(String);

impl ArticleId {
    pub fn new(id: &str) -> Option<ArticleId> {
        let id = id.trim();
        (!id.is_empty() && id.len() <= 200 && !id.chars().any(char::is_control)).then(|| ArticleId(id.to_owned()))
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
        }
    }
}

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
        } else if matches!(path.extension().and_then(|e| e.to_str()), Some("txt" | "jsonl")) {
            files.push(path);
        }
    }
}

fn classify(path: PathBuf) -> Option<InputSource> {
    match path.extension().and_then(|e| e.to_str()) {
        Some("txt") => Some(InputSource::Text(path)),
        Some("jsonl") => Some(InputSource::JsonLines(path)),
        _ => None,
    }
}

/// Reads every article of one source, calling `each` with an article or a problem, in order.
/// JSON Lines are streamed line by line, so a large file never sits in memory whole.
pub fn read_source(source: &InputSource, each: &mut dyn FnMut(Result<Article, InputProblem>)) {
    match source {
        InputSource::Text(path) => {
            let name = path.display().to_string();
            let id = path.file_stem().and_then(|s| s.to_str()).and_then(ArticleId::new);
            let Some(id) = id else {
                each(Err(InputProblem {
                    name,
                    reason: "the file name is not a usable article id".to_owned(),
                }));
                return;
            };
            match std::fs::read(path) {
                Ok(bytes) => each(article_from_bytes(&name, id, bytes)),
                Err(e) => each(Err(InputProblem {
                    name,
                    reason: e.to_string(),
                })),
            }
        }
        InputSource::JsonLines(path) => match std::fs::File::open(path) {
            Ok(file) => read_json_lines(&path.display().to_string(), BufReader::new(file), each),
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
                read_json_lines("<stdin>", &bytes[..], each);
            } else if let Some(id) = ArticleId::new("stdin") {
                each(article_from_bytes("<stdin>", id, bytes));
            }
        }
    }
}

/// Checks the bytes of a text article: UTF-8, not binary, not empty.
pub fn article_from_bytes(name: &str, id: ArticleId, bytes: Vec<u8>) -> Result<Article, InputProblem> {
    let problem = |reason: &str| InputProblem {
        name: name.to_owned(),
        reason: reason.to_owned(),
    };
    if bytes.contains(&0) {
        return Err(problem("binary content (NUL bytes), not a text article"));
    }
    let text =
        String::from_utf8(bytes).map_err(|e| problem(&format!("not UTF-8 (invalid byte at offset {})", e.utf8_error().valid_up_to())))?;
    let text = text.strip_prefix('\u{feff}').map(str::to_owned).unwrap_or(text);
    if text.trim().is_empty() {
        return Err(problem("empty article"));
    }
    Ok(Article::from_text(id, text))
}

fn read_json_lines(name: &str, reader: impl BufRead, each: &mut dyn FnMut(Result<Article, InputProblem>)) {
    for (index, line) in reader.split(b'\n').enumerate() {
        let line_name = format!("{name}:{}", index + 1);
        let bytes = match line {
            Ok(bytes) => bytes,
            Err(e) => {
                each(Err(InputProblem {
                    name: line_name,
                    reason: e.to_string(),
                }));
                return;
            }
        };
        if bytes.iter().all(u8::is_ascii_whitespace) {
            continue;
        }
        each(parse_json_line(&line_name, &bytes));
    }
}

/// One JSON object (`{"id", "text", "title"?, "url"?, "date"?, "source"?}`) as an article;
/// `name` says where it came from in problems.
pub fn parse_json_line(name: &str, bytes: &[u8]) -> Result<Article, InputProblem> {
    let problem = |reason: String| InputProblem {
        name: name.to_owned(),
        reason,
    };
    let parsed: JsonArticle = serde_json::from_slice(bytes).map_err(|e| problem(format!("malformed JSON line: {e}")))?;
    let id = match &parsed.id {
        serde_json::Value::String(s) => ArticleId::new(s),
        serde_json::Value::Number(n) => ArticleId::new(&n.to_string()),
        _ => None,
    }
    .ok_or_else(|| problem("'id' must be a non-empty string or number".to_owned()))?;
    if parsed.text.trim().is_empty() {
        return Err(problem(format!("article '{id}' has an empty text")));
    }
    let clean = |v: Option<String>| v.map(|s| s.trim().to_owned()).filter(|s| !s.is_empty());
    Ok(Article {
        id,
        text: parsed.text,
        title: clean(parsed.title),
        url: clean(parsed.url),
        date: clean(parsed.date),
        source: clean(parsed.source),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn id(s: &str) -> ArticleId {
        ArticleId::new(s).unwrap_or_else(|| ArticleId("invalid".to_owned()))
    }

    #[test]
    fn text_articles_are_checked() {
        assert!(article_from_bytes("a.txt", id("a"), b"Rusia mendesak Ukraina.".to_vec()).is_ok());
        let reason = |bytes: &[u8]| article_from_bytes("a.txt", id("a"), bytes.to_vec()).err().map(|p| p.reason);
        assert_eq!(reason(b"  \n "), Some("empty article".to_owned()));
        assert_eq!(
            reason(b"\x00\x01bin"),
            Some("binary content (NUL bytes), not a text article".to_owned())
        );
        assert_eq!(reason(b"ok \xff"), Some("not UTF-8 (invalid byte at offset 3)".to_owned()));
    }

    #[test]
    fn json_lines_keep_going_after_a_bad_line() {
        let data = b"{\"id\": \"a\", \"text\": \"Teks.\", \"date\": \"2020-09-27\"}\n{broken\n\n{\"id\": 7, \"text\": \"Lagi.\"}\n{\"id\": \"\", \"text\": \"x\"}\n";
        let mut results = Vec::new();
        read_json_lines("f.jsonl", &data[..], &mut |r| {
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
}
