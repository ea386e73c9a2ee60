//! warta builds a knowledge graph of international stances from Indonesian news.

pub mod lexicon;
pub mod model;
pub mod text;
