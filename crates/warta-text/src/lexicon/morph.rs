//! Indonesian morphology: maps a surface word to its root and the affixes around it.
//!
//! The algorithm is Enhanced Confix Stripping (Asian 2007; Arifin, Mahendra & Ciptaningtyas
//! 2009), which extends Nazief & Adriani's dictionary-checked affix removal with prefix
//! disambiguation rules for the nasal alternations of `meN-`/`peN-` and a loop that restores
//! suffixes. Instead of the greedy visitor chain of the reference implementation, this one
//! enumerates every decomposition the rules allow, in rule order, and takes the first whose
//! root is in the dictionary. That is what makes `menuduh` → `tuduh` and `mengecam` → `kecam`
//! come out right where a greedy port commits to `uduh` or `cam`.
//!
//! Owns: suffix and prefix stripping, the affix pattern of a word. Must not: know actors or
//! relations; actor names never reach it.

// Roots come from data/, never from articles: a fast hash cannot be made to collide by input.
use rustc_hash::FxHashSet;
use std::fmt;

/// A prefix class, with allomorphs folded (`mem-`, `men-`, `meng-`, `meny-`, `me-` are all `meN-`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Prefix {
    MeN,
    PeN,
    Di,
    Ber,
    Ter,
    Per,
    Ke,
    Se,
    Ku,
    Kau,
}

impl Prefix {
    pub fn name(self) -> &'static str {
        match self {
            Prefix::MeN => "meN",
            Prefix::PeN => "peN",
            Prefix::Di => "di",
            Prefix::Ber => "ber",
            Prefix::Ter => "ter",
            Prefix::Per => "per",
            Prefix::Ke => "ke",
            Prefix::Se => "se",
            Prefix::Ku => "ku",
            Prefix::Kau => "kau",
        }
    }
}

/// A derivational suffix.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Suffix {
    Kan,
    I,
    An,
}

impl Suffix {
    pub fn name(self) -> &'static str {
        match self {
            Suffix::Kan => "kan",
            Suffix::I => "i",
            Suffix::An => "an",
        }
    }
}

/// The affix pattern of a word, written `meN+per-kan`: prefixes outermost first, then the
/// derivational suffix. A bare root is `-`. This is the notation of `data/triggers.tsv`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct AffixPattern {
    pub prefixes: Vec<Prefix>,
    pub suffix: Option<Suffix>,
}

impl AffixPattern {
    /// Parses the notation written by `Display`; `None` when it names an unknown affix.
    pub fn parse(text: &str) -> Option<AffixPattern> {
        let (prefix_part, suffix_part) = text.split_once('-')?;
        let mut prefixes = Vec::new();
        for name in prefix_part.split('+').filter(|p| !p.is_empty()) {
            let prefix = [
                Prefix::MeN,
                Prefix::PeN,
                Prefix::Di,
                Prefix::Ber,
                Prefix::Ter,
                Prefix::Per,
                Prefix::Ke,
                Prefix::Se,
                Prefix::Ku,
                Prefix::Kau,
            ]
            .into_iter()
            .find(|p| p.name() == name)?;
            prefixes.push(prefix);
        }
        let suffix = match suffix_part {
            "" => None,
            "kan" => Some(Suffix::Kan),
            "i" => Some(Suffix::I),
            "an" => Some(Suffix::An),
            _ => return None,
        };
        Some(AffixPattern { prefixes, suffix })
    }

    /// True for the passive voice: an outermost `di-` (`didukung`, `diperingatkan`).
    pub fn is_passive(&self) -> bool {
        self.prefixes.first() == Some(&Prefix::Di)
    }

    /// True for a noun that may name an act: a bare root (`deklarasi`) or a nominal affix
    /// (`pengakuan`, `persetujuan`, `kunjungan`, `keputusan`), never a verb form.
    pub fn is_nominal(&self) -> bool {
        matches!(
            (self.prefixes.as_slice(), self.suffix),
            ([], None | Some(Suffix::An)) | ([Prefix::PeN | Prefix::Per | Prefix::Ke], Some(Suffix::An))
        )
    }
}

impl fmt::Display for AffixPattern {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let prefixes: Vec<&str> = self.prefixes.iter().map(|p| p.name()).collect();
        write!(f, "{}-{}", prefixes.join("+"), self.suffix.map_or("", Suffix::name))
    }
}

/// What the stemmer found in one word.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Analysis {
    pub root: String,
    pub pattern: AffixPattern,
    /// A possessive clitic (`-nya`, `-ku`, `-mu`) was removed.
    pub possessive: bool,
}

/// A dictionary-checked stemmer. Cheap to query; build once per lexicon.
#[derive(Debug, Clone)]
pub struct Stemmer {
    roots: FxHashSet<String>,
}

/// Words this short are never stripped: too many two- and three-letter roots look like affixes.
const MIN_STRIPPABLE_LEN: usize = 4;
/// Indonesian stacks at most three derivational prefixes (`memperbesarkan` has two).
const MAX_PREFIXES: usize = 3;

impl Stemmer {
    pub fn new(roots: impl IntoIterator<Item = String>) -> Stemmer {
        Stemmer {
            roots: roots.into_iter().collect(),
        }
    }

    pub fn is_root(&self, word: &str) -> bool {
        self.roots.contains(word)
    }

    /// Analyses a lower-case word. Returns `None` when no decomposition reaches a known root;
    /// a word that is itself a root comes back with an empty pattern.
    pub fn analyze(&self, word: &str) -> Option<Analysis> {
        if self.is_root(word) {
            return Some(Analysis {
                root: word.to_owned(),
                pattern: AffixPattern::default(),
                possessive: false,
            });
        }
        if word.len() < MIN_STRIPPABLE_LEN || !word.bytes().all(|b| b.is_ascii_lowercase()) {
            return None;
        }
        let suffix_options = suffix_options(word);
        let mut fallback = None;
        if precedence_prefers_prefix(word) {
            // Confixes such as `me-...-i` and `be-...-an` are tried prefix first (Asian 2007, 78-79),
            // a whole-word reading before one that strips a suffix too.
            let mut whole_word_chains = Vec::new();
            prefix_chains(word, &mut Vec::new(), &mut whole_word_chains);
            for (removed, rest) in &whole_word_chains {
                let options = std::iter::once(SuffixOption {
                    stem: rest.clone(),
                    suffix: None,
                    possessive: false,
                })
                .chain(self::suffix_options(rest));
                for option in options {
                    if let Some(found) = self.accept(removed, &option, &mut fallback) {
                        return Some(found);
                    }
                }
            }
        }
        for option in &suffix_options {
            if self.is_root(&option.stem) {
                if let Some(found) = self.accept(&[], option, &mut fallback) {
                    return Some(found);
                }
            }
            let mut chains = Vec::new();
            prefix_chains(&option.stem, &mut Vec::new(), &mut chains);
            for (removed, rest) in chains {
                let candidate = SuffixOption {
                    stem: rest,
                    ..option.clone()
                };
                if let Some(found) = self.accept(&removed, &candidate, &mut fallback) {
                    return Some(found);
                }
            }
        }
        fallback
    }

    /// Returns the analysis when `option.stem` is a root and the affix pair is valid; a root
    /// reached through an invalid pair is kept as a fallback for when nothing valid exists.
    fn accept(&self, prefixes: &[Prefix], option: &SuffixOption, fallback: &mut Option<Analysis>) -> Option<Analysis> {
        if option.stem.len() < 2 || !self.is_root(&option.stem) {
            return None;
        }
        let analysis = Analysis {
            root: option.stem.clone(),
            pattern: AffixPattern {
                prefixes: prefixes.to_vec(),
                suffix: option.suffix,
            },
            possessive: option.possessive,
        };
        if is_invalid_affix_pair(prefixes.first().copied(), option.suffix) {
            if fallback.is_none() {
                *fallback = Some(analysis);
            }
            return None;
        }
        Some(analysis)
    }
}

#[derive(Debug, Clone)]
struct SuffixOption {
    stem: String,
    suffix: Option<Suffix>,
    possessive: bool,
}

/// The stems left by removing the inflectional particle, the possessive and the derivational
/// suffix, most stripped first, then with suffixes restored one at a time (ECS loopback),
/// including the `-kan` → `-k` + `-an` reading (`menaikkan`, `tekanan`).
fn suffix_options(word: &str) -> Vec<SuffixOption> {
    let mut options = Vec::new();
    let after_particle = ["lah", "kah", "tah", "pun"]
        .iter()
        .find_map(|p| word.strip_suffix(p).filter(|s| s.len() >= MIN_STRIPPABLE_LEN - 1))
        .unwrap_or(word);
    let (after_possessive, possessive) = ["nya", "ku", "mu"]
        .iter()
        .find_map(|p| after_particle.strip_suffix(p).filter(|s| s.len() >= MIN_STRIPPABLE_LEN - 1))
        .map_or((after_particle, false), |s| (s, true));
    for (stem, suffix) in derivational_options(after_possessive) {
        options.push(SuffixOption { stem, suffix, possessive });
    }
    if possessive {
        for (stem, suffix) in derivational_options(after_particle) {
            options.push(SuffixOption {
                stem,
                suffix,
                possessive: false,
            });
        }
    }
    if after_particle != word {
        options.push(SuffixOption {
            stem: word.to_owned(),
            suffix: None,
            possessive: false,
        });
    }
    options
}

fn derivational_options(stem: &str) -> Vec<(String, Option<Suffix>)> {
    let mut options = Vec::new();
    let long_enough = |s: &str| s.len() >= 2;
    if let Some(base) = stem.strip_suffix("kan").filter(|s| long_enough(s)) {
        options.push((base.to_owned(), Some(Suffix::Kan)));
        options.push((format!("{base}k"), Some(Suffix::An)));
    } else if let Some(base) = stem.strip_suffix("an").filter(|s| long_enough(s)) {
        options.push((base.to_owned(), Some(Suffix::An)));
    } else if let Some(base) = stem.strip_suffix('i').filter(|s| long_enough(s)) {
        options.push((base.to_owned(), Some(Suffix::I)));
    }
    options.push((stem.to_owned(), None));
    options
}

/// Asian (2007) lets these confixes strip prefix first: `be-lah`, `be-an`, `me-i`, `di-i`, `pe-i`, `ter-i`.
fn precedence_prefers_prefix(word: &str) -> bool {
    let confix =
        |prefix: &str, suffix: &str| word.starts_with(prefix) && word.ends_with(suffix) && word.len() > prefix.len() + suffix.len();
    // `bersihkan` ends in -kan, not in the confix be-...-an.
    confix("be", "lah")
        || (confix("be", "an") && !word.ends_with("kan"))
        || confix("me", "i")
        || confix("di", "i")
        || confix("pe", "i")
        || confix("ter", "i")
}

/// Nazief & Adriani's disallowed prefix–suffix pairs.
fn is_invalid_affix_pair(first: Option<Prefix>, suffix: Option<Suffix>) -> bool {
    matches!(
        (first, suffix),
        (Some(Prefix::Ber), Some(Suffix::I))
            | (Some(Prefix::Di), Some(Suffix::An))
            | (Some(Prefix::Ke), Some(Suffix::I | Suffix::Kan))
            | (Some(Prefix::MeN), Some(Suffix::An))
            | (Some(Prefix::Se), Some(Suffix::I | Suffix::Kan))
    )
}

/// Every chain of up to three prefix removals the rules allow, shortest chains first and in
/// rule order within a length: a root reached with fewer removals wins (`mengebom` is
/// `meN-` + `bom`, not `meN-` + `ke-` + `bom`).
fn prefix_chains(word: &str, removed: &mut Vec<Prefix>, out: &mut Vec<(Vec<Prefix>, String)>) {
    collect_prefix_chains(word, removed, out);
    out.sort_by_key(|(chain, _)| chain.len());
}

fn collect_prefix_chains(word: &str, removed: &mut Vec<Prefix>, out: &mut Vec<(Vec<Prefix>, String)>) {
    if removed.len() >= MAX_PREFIXES {
        return;
    }
    for (prefix, rest) in prefix_removals(word) {
        if rest.len() < 2 || removed.contains(&prefix) {
            continue;
        }
        removed.push(prefix);
        out.push((removed.clone(), rest.clone()));
        collect_prefix_chains(&rest, removed, out);
        removed.pop();
    }
}

fn is_vowel(b: u8) -> bool {
    matches!(b, b'a' | b'e' | b'i' | b'o' | b'u')
}

/// The prefix removals that apply to the start of `word`, each with the remaining stem, in the
/// order of the ECS rule table (Asian 2007, table 3.5; Arifin et al. 2009 for rules 17c/30c).
fn prefix_removals(word: &str) -> Vec<(Prefix, String)> {
    let bytes = word.as_bytes();
    let at = |i: usize| bytes.get(i).copied().unwrap_or(0);
    let rest_from = |i: usize| word.get(i..).unwrap_or("").to_owned();
    let with_initial = |initial: &str, i: usize| format!("{initial}{}", word.get(i..).unwrap_or(""));
    let consonant = |b: u8| b.is_ascii_lowercase() && !is_vowel(b);
    let mut out = Vec::new();

    for (plain, prefix) in [
        ("di", Prefix::Di),
        ("ke", Prefix::Ke),
        ("se", Prefix::Se),
        ("kau", Prefix::Kau),
        ("ku", Prefix::Ku),
    ] {
        if word.starts_with(plain) {
            out.push((prefix, rest_from(plain.len())));
        }
    }

    if word.starts_with("be") {
        if word == "belajar" {
            out.push((Prefix::Ber, "ajar".to_owned())); // rule 4
        }
        if at(2) == b'r' && is_vowel(at(3)) {
            out.push((Prefix::Ber, rest_from(3))); // rule 1a
            out.push((Prefix::Ber, rest_from(2))); // rule 1b
        }
        if at(2) == b'r' && consonant(at(3)) && at(3) != b'r' {
            out.push((Prefix::Ber, rest_from(3))); // rules 2, 3
        }
        if consonant(at(2)) && at(2) != b'r' && at(2) != b'l' && at(3) == b'e' && at(4) == b'r' {
            out.push((Prefix::Ber, rest_from(2))); // rule 5
        }
    }
    if word.starts_with("te") {
        if at(2) == b'r' && is_vowel(at(3)) {
            out.push((Prefix::Ter, rest_from(3))); // rule 6a
            out.push((Prefix::Ter, rest_from(2))); // rule 6b
        }
        if at(2) == b'r' && consonant(at(3)) && at(3) != b'r' {
            out.push((Prefix::Ter, rest_from(3))); // rules 7, 8, 35
        }
        if consonant(at(2)) && at(2) != b'r' && at(3) == b'e' && at(4) == b'r' {
            out.push((Prefix::Ter, rest_from(2))); // rule 9
        }
    }
    if word.starts_with("me") {
        let c = at(2);
        if matches!(c, b'l' | b'r' | b'w' | b'y') && is_vowel(at(3)) {
            out.push((Prefix::MeN, rest_from(2))); // rule 10
        }
        if c == b'm' {
            if matches!(at(3), b'b' | b'f' | b'v') {
                out.push((Prefix::MeN, rest_from(3))); // rule 11
            }
            if at(3) == b'p' && at(4) == b'e' {
                out.push((Prefix::MeN, rest_from(3))); // rule 12: mem-pe...
            }
            if at(3) == b'p' && at(4) != b'e' {
                out.push((Prefix::MeN, rest_from(3))); // rule 19
            }
            if is_vowel(at(3)) || (at(3) == b'r' && is_vowel(at(4))) {
                out.push((Prefix::MeN, rest_from(2))); // rule 13a: me-m...
                out.push((Prefix::MeN, with_initial("p", 3))); // rule 13b: me-p...
            }
        }
        if c == b'n' {
            if matches!(at(3), b'c' | b'd' | b'j' | b's' | b't' | b'z') {
                out.push((Prefix::MeN, rest_from(3))); // rule 14
            }
            if is_vowel(at(3)) {
                out.push((Prefix::MeN, rest_from(2))); // rule 15a: me-n...
                out.push((Prefix::MeN, with_initial("t", 3))); // rule 15b: me-t...
            }
            if at(3) == b'g' {
                if matches!(at(4), b'g' | b'h' | b'q' | b'k') {
                    out.push((Prefix::MeN, rest_from(4))); // rule 16
                }
                if is_vowel(at(4)) {
                    out.push((Prefix::MeN, rest_from(4))); // rule 17a: meng-V
                    out.push((Prefix::MeN, with_initial("k", 4))); // rule 17b: meng-kV
                    if at(4) == b'e' {
                        out.push((Prefix::MeN, rest_from(5))); // rule 17c: menge-, monosyllabic roots
                    }
                    out.push((Prefix::MeN, rest_from(2))); // rule 17d: me-ngV
                }
            }
            if at(3) == b'y' && is_vowel(at(4)) {
                out.push((Prefix::MeN, with_initial("s", 4))); // rule 18a: meny-sV
                out.push((Prefix::MeN, rest_from(2))); // rule 18b: me-nyV
            }
        }
    }
    if word.starts_with("pe") {
        let c = at(2);
        if matches!(c, b'w' | b'y') && is_vowel(at(3)) {
            out.push((Prefix::PeN, rest_from(2))); // rule 20
        }
        if c == b'r' {
            if is_vowel(at(3)) {
                out.push((Prefix::Per, rest_from(3))); // rule 21a
                out.push((Prefix::PeN, rest_from(2))); // rule 21b
            } else if at(3) != b'r' {
                out.push((Prefix::Per, rest_from(3))); // rules 23, 24
            }
        }
        if c == b'm' {
            if matches!(at(3), b'b' | b'f' | b'v') {
                out.push((Prefix::PeN, rest_from(3))); // rule 25
            }
            if is_vowel(at(3)) || (at(3) == b'r' && is_vowel(at(4))) {
                out.push((Prefix::PeN, rest_from(2))); // rule 26a
                out.push((Prefix::PeN, with_initial("p", 3))); // rule 26b
            }
        }
        if c == b'n' {
            if matches!(at(3), b'c' | b'd' | b'j' | b's' | b't' | b'z') {
                out.push((Prefix::PeN, rest_from(3))); // rule 27
            }
            if is_vowel(at(3)) {
                out.push((Prefix::PeN, rest_from(2))); // rule 28a
                out.push((Prefix::PeN, with_initial("t", 3))); // rule 28b
            }
            if at(3) == b'g' {
                if matches!(at(4), b'g' | b'h' | b'q' | b'k') {
                    out.push((Prefix::PeN, rest_from(4))); // rule 29
                }
                if is_vowel(at(4)) {
                    out.push((Prefix::PeN, rest_from(4))); // rule 30a
                    out.push((Prefix::PeN, with_initial("k", 4))); // rule 30b
                    if at(4) == b'e' {
                        out.push((Prefix::PeN, rest_from(5))); // rule 30c
                    }
                }
            }
            if at(3) == b'y' && is_vowel(at(4)) {
                out.push((Prefix::PeN, with_initial("s", 4))); // rule 31a
                out.push((Prefix::PeN, rest_from(2))); // rule 31b
            }
        }
        if c == b'l' {
            if word == "pelajar" {
                out.push((Prefix::PeN, "ajar".to_owned())); // rule 32 exception
            }
            out.push((Prefix::PeN, rest_from(2))); // rule 32
        }
        if consonant(c) && !matches!(c, b'r' | b'w' | b'y' | b'l' | b'm' | b'n') {
            out.push((Prefix::PeN, rest_from(2))); // rules 33, 34, 36
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stemmer() -> Stemmer {
        let roots = [
            "tuduh", "tawar", "kecam", "tolak", "tengah", "desak", "seru", "kutuk", "ingat", "dukung", "imbau", "bicara", "salah",
            "kritik", "bela", "panggil", "libat", "antara", "minta", "ajar", "bom", "siap", "tahan", "tekan", "naik", "temu", "hubung",
            "dorong", "akhir", "sebut", "perang",
        ];
        Stemmer::new(roots.iter().map(|r| (*r).to_owned()))
    }

    fn check(word: &str, root: &str, pattern: &str) {
        let analysis = stemmer().analyze(word);
        let got = analysis.as_ref().map(|a| (a.root.as_str(), a.pattern.to_string()));
        assert_eq!(got, Some((root, pattern.to_owned())), "analysis of {word}");
    }

    #[test]
    fn nasal_alternations_reach_the_right_root() {
        check("menuduh", "tuduh", "meN-");
        check("menawarkan", "tawar", "meN-kan");
        check("mengecam", "kecam", "meN-");
        check("menolak", "tolak", "meN-");
        check("penengah", "tengah", "peN-");
        check("menyerukan", "seru", "meN-kan");
        check("mengutuk", "kutuk", "meN-");
        check("mendesak", "desak", "meN-");
        check("memanggil", "panggil", "meN-");
        check("mengebom", "bom", "meN-");
    }

    #[test]
    fn stacked_prefixes_and_nominalisations() {
        check("memperingatkan", "ingat", "meN+per-kan");
        check("diperingatkan", "ingat", "di+per-kan");
        check("peringatan", "ingat", "per-an");
        check("dukungan", "dukung", "-an");
        check("didukung", "dukung", "di-");
        check("keterlibatan", "libat", "ke+ter-an");
        check("pembicaraan", "bicara", "peN-an");
        check("berbicara", "bicara", "ber-");
        check("perantara", "antara", "per-");
        check("kesiapan", "siap", "ke-an");
        check("menyalahkan", "salah", "meN-kan");
        check("mengkritik", "kritik", "meN-");
        check("penekanan", "tekan", "peN-an");
    }

    #[test]
    fn clitics_and_kan_loopback() {
        check("dukungannya", "dukung", "-an");
        check("menaikkan", "naik", "meN-kan");
        check("pertemuan", "temu", "per-an");
        check("berhubungan", "hubung", "ber-an");
    }

    #[test]
    fn roots_and_unknown_words() {
        check("desak", "desak", "-");
        assert_eq!(stemmer().analyze("azerbaijan"), None);
        assert_eq!(stemmer().analyze("x"), None);
        assert_eq!(stemmer().analyze("mélanie"), None);
    }

    #[test]
    fn pattern_notation_round_trips() {
        for text in ["-", "meN-kan", "di+per-kan", "peN-an", "ke+ter-an", "-an"] {
            let pattern = AffixPattern::parse(text).map(|p| p.to_string());
            assert_eq!(pattern.as_deref(), Some(text));
        }
        assert_eq!(AffixPattern::parse("xx-kan"), None);
        assert!(AffixPattern::parse("di-").is_some_and(|p| p.is_passive()));
    }
}
