//! `warta link`: the curator's to-do list of actors without a Wikidata link, and accepting links.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

use crate::cli::args::LinkArgs;
use crate::cli::{Outcome, open_store, report};

pub fn run(args: &LinkArgs, lexicon: &warta::Lexicon, data_dir: Option<&Path>) -> anyhow::Result<Outcome> {
    let accepting = args.accept || !args.set.is_empty();
    if !args.keys.is_empty() && !accepting {
        bail!("KEYS name the actors to accept: add --accept");
    }
    let store = if accepting {
        warta::Store::open_existing(&args.store.store)?
    } else {
        open_store(&args.store.store)?
    };
    let unlinked = warta::unlinked_actors(&store, &lexicon.gazetteer, args.min_score)?;
    if !accepting {
        print_todo(&unlinked)?;
        return Ok(Outcome::Done);
    }
    let mut accepted = Vec::new();
    if args.keys.is_empty() && args.accept {
        accepted.extend(
            unlinked
                .iter()
                .filter_map(warta::UnlinkedActor::best_link)
                .filter(|link| link.score.is_some_and(|s| s >= args.accept_above)),
        );
    }
    for key in &args.keys {
        let Some(actor) = unlinked.iter().find(|a| a.key.as_str() == key) else {
            bail!("'{key}' is not an unlinked actor of the store: `warta link` lists them");
        };
        match actor.best_link() {
            Some(link) => accepted.push(link),
            None => bail!(
                "'{key}' has no candidate at --min-score {}: link it by hand with --set {key}=Q...",
                args.min_score
            ),
        }
    }
    for assignment in &args.set {
        let Some((key, item)) = assignment.split_once('=') else {
            bail!("--set {assignment}: write KEY=QID, e.g. --set hakan-fidan=Q1606397");
        };
        let Some(key) = warta::ActorKey::new(key.trim()) else {
            bail!("--set {assignment}: '{key}' is not an actor key");
        };
        let item = item.trim();
        if !warta::is_wikidata_item(item) {
            bail!("--set {assignment}: '{item}' is not a Wikidata item id (Q followed by digits)");
        }
        if let Some(existing) = lexicon.gazetteer.get(&key).and_then(|info| info.wikidata.as_deref()) {
            if existing != item {
                bail!("--set {assignment}: '{key}' is {existing} in its actor file; change it there");
            }
        }
        let label = unlinked
            .iter()
            .find(|a| a.key == key)
            .map_or_else(|| key.to_string(), |a| a.label.clone());
        accepted.push(warta::CuratedLink {
            key,
            wikidata: item.to_owned(),
            label,
            matched: None,
            score: None,
        });
    }
    if accepted.is_empty() {
        report(&format!(
            "warta: nothing to accept (no candidate scores {} or more)",
            args.accept_above
        ));
        return Ok(Outcome::Done);
    }
    let path = args.links.clone().unwrap_or_else(|| {
        data_dir
            .map_or_else(|| PathBuf::from("data"), Path::to_path_buf)
            .join(warta::LINKS_FILE)
    });
    let existing = match std::fs::read_to_string(&path) {
        Ok(text) => warta::parse_links(&text).with_context(|| format!("cannot read the links file {}", path.display()))?,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Vec::new(),
        Err(e) => return Err(e).with_context(|| format!("cannot read the links file {}", path.display())),
    };
    let merged = warta::merge_links(existing, &accepted);
    if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
        std::fs::create_dir_all(parent).with_context(|| format!("cannot create {}", parent.display()))?;
    }
    std::fs::write(&path, warta::render_links(&merged)).with_context(|| format!("cannot write the links file {}", path.display()))?;
    warta::apply_links(&store, &accepted)?;
    store.flush()?;
    for link in &accepted {
        report(&format!("warta: {} → {}", link.key, link.wikidata));
    }
    report(&format!(
        "warta: {} link(s) written to {} and to the store; articles built later get them with --data {} (or once the file is committed and warta rebuilt)",
        accepted.len(),
        path.display(),
        path.parent().map_or_else(|| ".".to_owned(), |p| p.display().to_string())
    ));
    Ok(Outcome::Done)
}

/// The to-do list, most frequent actors first.
fn print_todo(unlinked: &[warta::UnlinkedActor]) -> anyhow::Result<()> {
    let header: Vec<String> = ["key", "label", "kind", "articles", "candidates"].map(str::to_owned).to_vec();
    let rows: Vec<Vec<String>> = unlinked
        .iter()
        .map(|actor| {
            let candidates = actor
                .candidates
                .iter()
                .map(|c| format!("{} {} {:.2}", c.key, c.wikidata, c.score))
                .collect::<Vec<_>>()
                .join("; ");
            vec![
                actor.key.to_string(),
                actor.label.clone(),
                actor.kind.map_or("actor", |k| k.name()).to_owned(),
                actor.articles.to_string(),
                if candidates.is_empty() { "-".to_owned() } else { candidates },
            ]
        })
        .collect();
    let mut out = std::io::stdout().lock();
    warta::write_table(&mut out, &header, &rows)?;
    Ok(())
}
