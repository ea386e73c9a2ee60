//! The Python module `warta._warta`: warta's extraction inside Python (a notebook, a Spark
//! executor), without a store. `Extractor` loads the lexicon once; `extract` gives the statements
//! as plain dicts (the rows of `warta_text::rows`) and `to_nquads` the RDF `warta extract` writes.
//!
//! Owns: turning Python arguments into an article and results into Python objects, and the
//! Python exceptions. Must not: hold rules, spell IRIs (the data model is `warta-rdf`'s), or hold
//! the GIL while extracting: extraction is pure Rust, so other Python threads run meanwhile and a
//! thread pool extracts on every core.

use std::path::PathBuf;
use std::sync::Arc;

use pyo3::exceptions::{PyUserWarning, PyValueError};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyList};

use warta_text::input::{Article, ArticleFields, ArticleId, DEFAULT_MAX_ARTICLE_BYTES, ReadOptions, article_from_fields};
use warta_text::lexicon::Lexicon;
use warta_text::rows::{ActorColumns, StatementRow, statement_rows};

/// Reads the articles it is given with warta's lexicon. Loading the lexicon takes a moment, so
/// make one and reuse it (one per Spark partition, not one per article); it is safe to share
/// between threads.
#[pyclass(frozen, module = "warta")]
struct Extractor {
    lexicon: Arc<Lexicon>,
}

/// An article as Python gives it, owned, so that it can be read without the GIL.
struct Given {
    text: String,
    id: String,
    date: Option<String>,
    title: Option<String>,
    source: Option<String>,
    url: Option<String>,
}

impl Given {
    /// The article, read exactly as `warta extract` reads a JSON Lines article with these fields.
    fn article(self) -> Result<Article, String> {
        let id = ArticleId::parse(&self.id).map_err(|reason| format!("'id': {reason}"))?;
        let fields = ArticleFields {
            text: self.text,
            title: self.title,
            url: self.url,
            date: self.date,
            source: self.source,
        };
        // A Python string is Unicode already: of the reading options only the size cap applies.
        let options = ReadOptions {
            strict_utf8: false,
            max_article_bytes: DEFAULT_MAX_ARTICLE_BYTES,
        };
        article_from_fields(id.as_str(), id.clone(), fields, &options).map_err(|problem| problem.to_string())
    }
}

#[pymethods]
impl Extractor {
    /// `data_dir`: a directory whose files replace those of warta's built-in `data/` (as
    /// `warta --data DIR` does); by default the built-in lexicon.
    #[new]
    #[pyo3(signature = (data_dir=None))]
    fn new(py: Python<'_>, data_dir: Option<PathBuf>) -> PyResult<Extractor> {
        let lexicon = py
            .detach(|| match &data_dir {
                Some(dir) => Lexicon::with_overrides(dir),
                None => Lexicon::embedded(),
            })
            .map_err(|e| match &data_dir {
                Some(dir) => PyValueError::new_err(format!("cannot load the lexicon of {}: {e}", dir.display())),
                None => PyValueError::new_err(format!("the built-in lexicon is broken: {e}")),
            })?;
        Ok(Extractor {
            lexicon: Arc::new(lexicon),
        })
    }

    /// The statements of one article, as dicts, in a stable order. Raises `ValueError` for an
    /// article warta would skip (an empty text or id, one over 2 MB), and warns (`UserWarning`)
    /// of what it changed to read one (control characters dropped, an impossible date dropped).
    #[pyo3(signature = (text, id, date=None, title=None, *, source=None, url=None))]
    #[expect(clippy::too_many_arguments, reason = "Python keyword arguments, each one field of an article")]
    fn extract<'py>(
        &self,
        py: Python<'py>,
        text: String,
        id: String,
        date: Option<String>,
        title: Option<String>,
        source: Option<String>,
        url: Option<String>,
    ) -> PyResult<Bound<'py, PyList>> {
        let given = Given {
            text,
            id,
            date,
            title,
            source,
            url,
        };
        let lexicon = Arc::clone(&self.lexicon);
        let (rows, warnings) = py
            .detach(move || {
                let article = given.article()?;
                let extraction = warta_text::pipeline::extract(&article, &lexicon);
                Ok::<_, String>((statement_rows(&article, &extraction), article.warnings))
            })
            .map_err(PyValueError::new_err)?;
        warn(py, &warnings)?;
        let list = PyList::empty(py);
        for row in &rows {
            list.append(row_dict(py, row)?)?;
        }
        Ok(list)
    }

    /// The article as N-Quads: exactly what `warta extract` writes for it alone (its description
    /// and actors in the default graph, its statements in its own graph; for many articles,
    /// `warta extract` describes each actor once, so the union of these equals its output as a
    /// set). Raises and warns as
    /// `extract` does.
    #[pyo3(signature = (text, id, date=None, title=None, *, source=None, url=None))]
    #[expect(clippy::too_many_arguments, reason = "Python keyword arguments, each one field of an article")]
    fn to_nquads(
        &self,
        py: Python<'_>,
        text: String,
        id: String,
        date: Option<String>,
        title: Option<String>,
        source: Option<String>,
        url: Option<String>,
    ) -> PyResult<String> {
        let given = Given {
            text,
            id,
            date,
            title,
            source,
            url,
        };
        let lexicon = Arc::clone(&self.lexicon);
        let (nquads, warnings) = py
            .detach(move || {
                let article = given.article()?;
                let extraction = warta_text::pipeline::extract(&article, &lexicon);
                let quads = warta_rdf::article_quads(&article, &extraction);
                let mut out = Vec::new();
                warta_rdf::write_nquads(quads.all(), &mut out).map_err(|e| e.to_string())?;
                let nquads = String::from_utf8(out).map_err(|e| e.to_string())?;
                Ok::<_, String>((nquads, article.warnings))
            })
            .map_err(PyValueError::new_err)?;
        warn(py, &warnings)?;
        Ok(nquads)
    }
}

/// Each change made to read an article, as a Python warning (an error if the caller turned
/// warnings into errors).
fn warn(py: Python<'_>, warnings: &[warta_text::input::InputProblem]) -> PyResult<()> {
    let category = py.get_type::<PyUserWarning>();
    for warning in warnings {
        PyErr::warn(py, &category, &std::ffi::CString::new(warning.to_string()).unwrap_or_default(), 1)?;
    }
    Ok(())
}

fn actor_dict<'py>(py: Python<'py>, actor: &ActorColumns) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("key", &actor.key)?;
    dict.set_item("label", &actor.label)?;
    dict.set_item("label_en", &actor.label_en)?;
    dict.set_item("kind", actor.kind)?;
    dict.set_item("wikidata", &actor.wikidata)?;
    Ok(dict)
}

fn row_dict<'py>(py: Python<'py>, row: &StatementRow) -> PyResult<Bound<'py, PyDict>> {
    let dict = PyDict::new(py);
    dict.set_item("article_id", &row.article_id)?;
    dict.set_item("title", &row.title)?;
    dict.set_item("source", &row.source)?;
    dict.set_item("article_date", &row.article_date)?;
    dict.set_item("subject", actor_dict(py, &row.subject)?)?;
    dict.set_item("relation", row.relation)?;
    dict.set_item("object", actor_dict(py, &row.object)?)?;
    dict.set_item("sentence", &row.sentence)?;
    dict.set_item("sentence_index", row.sentence_index)?;
    dict.set_item("char_start", row.char_start)?;
    dict.set_item("char_end", row.char_end)?;
    dict.set_item("trigger", &row.trigger)?;
    dict.set_item("date", &row.date)?;
    dict.set_item("modality", row.modality)?;
    dict.set_item("confidence", row.confidence)?;
    dict.set_item("rule", row.rule)?;
    Ok(dict)
}

/// The module: `Extractor`, and the version of the crate it was built from.
#[pymodule]
fn _warta(module: &Bound<'_, PyModule>) -> PyResult<()> {
    module.add_class::<Extractor>()?;
    module.add("__version__", env!("CARGO_PKG_VERSION"))?;
    Ok(())
}
