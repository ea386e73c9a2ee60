//! The stemmer against an oracle: the lemmas the nlp-id project gives its most frequent
//! inflected words (tests/fixtures/nlp_id_lemmas.tsv).

use crate::util::*;

/// Raise when the stemmer improves; never lower.
const AGREEMENT_FLOOR: f64 = 0.965;

/// Words of the trigger lexicon whose nasal alternation Rust ports of Sastrawi get wrong; these
/// must always agree.
const MUST_AGREE: [(&str, &str); 10] = [
    ("menuduh", "tuduh"),
    ("menawarkan", "tawar"),
    ("mengecam", "kecam"),
    ("menolak", "tolak"),
    ("penengah", "tengah"),
    ("mendesak", "desak"),
    ("menyerukan", "seru"),
    ("mengutuk", "kutuk"),
    ("memperingatkan", "ingat"),
    ("perantara", "antara"),
];

#[test]
fn the_stemmer_agrees_with_the_oracle() {
    let lexicon = warta::Lexicon::embedded().unwrap();
    let fixture = std::fs::read_to_string(fixture("nlp_id_lemmas.tsv")).unwrap();
    let pairs: Vec<(&str, &str)> = fixture
        .lines()
        .filter(|l| !l.starts_with('#'))
        .skip(1)
        .filter_map(|l| l.split_once('\t'))
        .collect();
    assert!(pairs.len() >= 3000);
    let stem = |word: &str| lexicon.stemmer.analyze(word).map(|a| a.root).unwrap_or_else(|| word.to_owned());
    let disagreements: Vec<String> = pairs
        .iter()
        .filter(|(word, lemma)| stem(word) != *lemma)
        .map(|(word, lemma)| format!("{word}: {} (oracle {lemma})", stem(word)))
        .collect();
    let agreement = 1.0 - disagreements.len() as f64 / pairs.len() as f64;
    println!("agreement with nlp-id on {} words: {agreement:.3}", pairs.len());
    for line in disagreements.iter().take(40) {
        println!("  {line}");
    }
    assert!(agreement >= AGREEMENT_FLOOR, "agreement {agreement:.3} below {AGREEMENT_FLOOR}");
    for (word, lemma) in MUST_AGREE {
        assert_eq!(stem(word), lemma, "{word}");
    }
}
