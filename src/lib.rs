//! warta builds a knowledge graph of international stances from Indonesian news.

pub mod input;
pub mod lexicon;
pub mod model;
pub mod pipeline;
pub mod text;
