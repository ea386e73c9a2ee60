//! warta's RDF data model, without a store: the vocabulary (`vocab`, every IRI warta writes) and
//! extractions turned into quads (`rdf`), and those quads as N-Quads. It depends on oxrdf and
//! oxttl, not Oxigraph, so that what embeds warta's extraction (the Python package) writes the
//! same RDF as the binary without compiling RocksDB.
//!
//! Owns: the data model (an API boundary: queries in the wild depend on it). Must not: open a
//! store, do I/O other than writing to the writer it is given, or know Indonesian.

pub mod rdf;
pub mod vocab;

use std::io::Write;

use oxrdf::Quad;

pub use rdf::{ArticleQuads, article_quads, reference_quads};

/// Writes quads as N-Quads: an article's `all()` is exactly what `warta extract` writes for it
/// alone; for many articles it writes `not_described`, each actor described once.
pub fn write_nquads<'a>(quads: impl IntoIterator<Item = &'a Quad>, out: impl Write) -> std::io::Result<()> {
    let mut serializer = oxttl::NQuadsSerializer::new().for_writer(out);
    for quad in quads {
        serializer.serialize_quad(quad)?;
    }
    serializer.finish().flush()
}
