//! warta's fuzzer, on stable Rust: inputs generated from each target's dictionary or mutated from
//! the inputs kept so far, each run through a target of `warta_text::fuzz` (or the server's,
//! `warta::serve::fuzz`) that panics when an invariant breaks. An input is kept when it shows a
//! behaviour (a *feature* the target names) no input showed before, or shows one with fewer bytes
//! than the input that showed it first; the smallest input of each feature is the corpus, written
//! to `corpus/<target>/` and replayed by this crate's tests. An input that panics is written to
//! `crashes/<target>/`, and replayed too once the bug is fixed.
//!
//! Why not cargo-fuzz: the server's target links RocksDB, whose C++ takes half an hour to build
//! again with libFuzzer's flags on two cores; this needs only the build the tests already have.
//!
//! Owns: generating, mutating, keeping and replaying inputs. Must not: check invariants itself
//! (the targets do).

mod dictionary;
mod rng;

use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::time::Instant;

use warta_text::fuzz::Features;
use warta_text::lexicon::Lexicon;

pub use rng::Rng;

/// What can be fuzzed.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Target {
    /// The JSON Lines reader.
    JsonLines,
    /// Text articles read and cut into sentences.
    Sentences,
    /// Text articles through the whole extraction.
    Extraction,
    /// The server's request parsing: query strings, forms, `Accept`, bodies.
    #[cfg(feature = "server")]
    Request,
}

impl Target {
    pub const ALL: &'static [Target] = &[
        Target::JsonLines,
        Target::Sentences,
        Target::Extraction,
        #[cfg(feature = "server")]
        Target::Request,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Target::JsonLines => "json-lines",
            Target::Sentences => "sentences",
            Target::Extraction => "extraction",
            #[cfg(feature = "server")]
            Target::Request => "request",
        }
    }

    pub fn named(name: &str) -> Option<Target> {
        Target::ALL.iter().copied().find(|t| t.name() == name)
    }

    /// Runs the target on one input; it panics when an invariant breaks.
    pub fn run(self, input: &[u8], lexicon: &Lexicon, features: &mut Features) {
        match self {
            Target::JsonLines => warta_text::fuzz::json_lines(input, features),
            Target::Sentences => warta_text::fuzz::sentences(input, lexicon, features),
            Target::Extraction => warta_text::fuzz::extraction(input, lexicon, features),
            #[cfg(feature = "server")]
            Target::Request => warta::serve::fuzz::request(input, features),
        }
    }

    /// The largest input generated or mutated: articles stay under the targets' size cap so that
    /// most reach the stages, and requests stay small so that millions fit in minutes.
    fn max_len(self) -> usize {
        match self {
            Target::JsonLines => 1024,
            Target::Sentences | Target::Extraction => 512,
            #[cfg(feature = "server")]
            Target::Request => 512,
        }
    }

    fn dictionary(self) -> &'static [&'static [u8]] {
        match self {
            Target::JsonLines => dictionary::JSON_LINES,
            Target::Sentences | Target::Extraction => dictionary::NEWS,
            #[cfg(feature = "server")]
            Target::Request => dictionary::REQUEST,
        }
    }
}

/// Where a target's corpus and crashes live in this crate.
pub fn corpus_dir(target: Target) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus").join(target.name())
}

pub fn crashes_dir(target: Target) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("crashes").join(target.name())
}

/// The inputs kept in a directory, by file name.
pub fn read_inputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
    let mut inputs: Vec<(String, Vec<u8>)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|entry| Some((entry.file_name().into_string().ok()?, std::fs::read(entry.path()).ok()?)))
        .collect();
    inputs.sort();
    inputs
}

/// A content name for an input, so that the same input is kept once.
pub fn input_name(input: &[u8]) -> String {
    let mut hash: u64 = 0xcbf2_9ce4_8422_2325;
    for byte in input {
        hash = (hash ^ u64::from(*byte)).wrapping_mul(0x0100_0000_01b3);
    }
    format!("{hash:016x}")
}

/// What a run did.
#[derive(Debug)]
pub struct Summary {
    pub inputs: u64,
    pub seconds: f64,
    pub features: usize,
    /// The smallest input of each feature, deduplicated.
    pub corpus: Vec<Vec<u8>>,
    /// Inputs on which the target panicked, with the panic's message.
    pub crashes: Vec<(Vec<u8>, String)>,
}

/// Runs `target` on `n_inputs` inputs from `seed`, starting from the inputs `start` (a corpus
/// kept before); `progress` hears what was done so far every 2^18 inputs, so that a run stopped
/// early keeps what it found, and at the end.
pub fn fuzz(
    target: Target,
    lexicon: &Lexicon,
    n_inputs: u64,
    seed: u64,
    start: Vec<Vec<u8>>,
    progress: &mut dyn FnMut(&Summary),
) -> Summary {
    let mut rng = Rng::new(seed);
    // Every input ever kept; `smallest` points each feature at the smallest of them.
    let mut kept: Vec<Vec<u8>> = Vec::new();
    let mut smallest: HashMap<u64, usize> = HashMap::new();
    let mut crashes: Vec<(Vec<u8>, String)> = Vec::new();
    let mut features = Features::default();
    let mut input: Vec<u8> = Vec::with_capacity(target.max_len());
    let started = Instant::now();
    let mut queue = start.into_iter();
    for count in 0..n_inputs {
        input.clear();
        match queue.next() {
            Some(start) => input.extend_from_slice(&start),
            None if !kept.is_empty() && rng.below(4) != 0 => {
                let parent = rng.below(kept.len());
                let other = rng.below(kept.len());
                let (parent, other) = (kept.get(parent), kept.get(other));
                input.extend_from_slice(parent.map_or(&[][..], Vec::as_slice));
                dictionary::mutate(&mut input, other.map_or(&[][..], Vec::as_slice), target.dictionary(), &mut rng);
            }
            None => dictionary::generate(&mut input, target.dictionary(), &mut rng),
        }
        input.truncate(target.max_len());
        features.clear();
        let ran = std::panic::catch_unwind(AssertUnwindSafe(|| target.run(&input, lexicon, &mut features)));
        if let Err(panic) = ran {
            let message = panic
                .downcast_ref::<String>()
                .cloned()
                .or_else(|| panic.downcast_ref::<&str>().map(|s| (*s).to_owned()))
                .unwrap_or_default();
            if crashes.len() < 100 {
                crashes.push((input.clone(), message));
            }
            continue;
        }
        let mut keep = false;
        for feature in features.as_slice() {
            match smallest.get(feature) {
                Some(&index) if kept.get(index).is_some_and(|k| k.len() <= input.len()) => {}
                _ => {
                    keep = true;
                    smallest.insert(*feature, kept.len());
                }
            }
        }
        if keep {
            kept.push(input.clone());
        }
        if count & 0x3_ffff == 0x3_ffff {
            progress(&summary(count + 1, started, &smallest, &kept, &crashes));
        }
    }
    let done = summary(n_inputs, started, &smallest, &kept, &crashes);
    progress(&done);
    done
}

/// What was done so far: the smallest input of each feature, deduplicated, is the corpus.
fn summary(inputs: u64, started: Instant, smallest: &HashMap<u64, usize>, kept: &[Vec<u8>], crashes: &[(Vec<u8>, String)]) -> Summary {
    let mut indices: Vec<usize> = smallest.values().copied().collect();
    indices.sort_unstable();
    indices.dedup();
    let mut corpus: Vec<Vec<u8>> = indices.into_iter().filter_map(|i| kept.get(i).cloned()).collect();
    corpus.sort();
    corpus.dedup();
    Summary {
        inputs,
        seconds: started.elapsed().as_secs_f64(),
        features: smallest.len(),
        corpus,
        crashes: crashes.to_vec(),
    }
}
