//! Prints what every stage of the pipeline makes of a text: sentences, mentions, clauses,
//! speakers, and the statements. For people working on the rules.
//!
//!     cargo run -p warta-text --example explain -- "Rusia mendesak Ukraina untuk berunding."
//!     cargo run -p warta-text --example explain -- seeds/000_74294af58201a0cd.txt

use warta_text::input::{Article, ArticleId};
use warta_text::lexicon::Lexicon;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let lexicon = Lexicon::embedded()?;
    let Some(input) = std::env::args().nth(1) else {
        return Err("usage: explain TEXT|FILE".into());
    };
    let text = std::fs::read_to_string(&input).unwrap_or(input);
    let id = ArticleId::new("explain").ok_or("bad id")?;
    warta_text::pipeline::debug(&Article::from_text(id, text), &lexicon);
    Ok(())
}
