//! How fast extraction is, alone (no RDF, no store), on a generated corpus:
//!
//!     cargo bench -p warta-text --bench extract            # 10,000 articles
//!     cargo bench -p warta-text --bench extract -- 50000   # or as many as you like
//!
//! The corpus recombines sentence templates of Indonesian conflict news with actors drawn from
//! the gazetteer (countries, organisations, persons with their posts), with headers, link lines
//! and quotes, so every stage has work to do. It is generated from a fixed seed: the same corpus
//! every run.

#![allow(
    clippy::print_stdout,
    clippy::expect_used,
    clippy::indexing_slicing,
    reason = "a benchmark that prints figures"
)]

use std::time::Instant;

use rayon::prelude::*;
use warta_text::input::{Article, ArticleId};
use warta_text::lexicon::Lexicon;
use warta_text::model::ActorKind;

/// Sentence templates: {a} and {b} are actors, {p} a person with post, {d} a date.
const TEMPLATES: [&str; 24] = [
    "{a} mendesak {b} untuk segera menghentikan serangan.",
    "{a} menyerukan kepada {b} untuk kembali ke meja perundingan.",
    "Pada Senin ({d}), {a} mengecam {b} atas serangan udara itu.",
    "{a} dan {c} mengutuk operasi militer {b}.",
    "\"Kami mendukung {b} sepenuhnya,\" kata {p}.",
    "{p} menuduh {b} melanggar gencatan senjata.",
    "{a} menawarkan diri untuk menjadi penengah antara {b} dan {c}.",
    "{b} didukung oleh {a} sejak awal perang.",
    "Kementerian Luar Negeri {a} memperingatkan {b} agar tidak memperluas konflik.",
    "{a} tidak mendukung resolusi yang mengecam {b}.",
    "{p} berbicara melalui telepon dengan {b} pada {d}.",
    "Menurut {a}, {b} telah melanggar perjanjian itu.",
    "Juru bicara Kementerian Luar Negeri {a} mengatakan pemerintahnya mendesak {b} untuk menahan diri.",
    "{a} yang merupakan sekutu {b}, menyalahkan {c} atas krisis tersebut.",
    "Ketegangan antara {b} dan {c} meningkat tajam dalam sepekan terakhir.",
    "{a} mendesak kedua belah pihak untuk menahan diri.",
    "\"{b} adalah penghalang terbesar bagi perdamaian,\" tegas {p}.",
    "{a} mungkin akan mendukung {b} dalam pemungutan suara.",
    "Harga minyak naik setelah pertempuran di perbatasan {b}.",
    "Dewan Keamanan PBB akan membahas krisis itu dengan {a} pekan depan.",
    "{a} menyatakan prihatin atas situasi kemanusiaan di {b}.",
    "Mengecam serangan itu, {a} meminta {b} menarik pasukannya.",
    "{p} mengatakan bahwa {a} akan mendukung {b}.",
    "Sebanyak 2.000 warga sipil mengungsi dari wilayah itu, kata pejabat {a}.",
];

/// xorshift64*: small, fast, and the same numbers on every machine.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[(self.next() % items.len() as u64) as usize]
    }
}

fn corpus(lexicon: &Lexicon, n_articles: usize) -> Vec<Article> {
    let countries: Vec<&str> = lexicon
        .gazetteer
        .actors()
        .filter(|a| a.kind == ActorKind::Country)
        .map(|a| a.label_id.as_str())
        .collect();
    let organizations: Vec<&str> = lexicon
        .gazetteer
        .actors()
        .filter(|a| a.kind == ActorKind::Organization)
        .map(|a| a.label_id.as_str())
        .collect();
    let titles = [
        "Menteri Luar Negeri",
        "Presiden",
        "Perdana Menteri",
        "Juru bicara Kementerian Luar Negeri",
    ];
    let given = ["Ahmad", "Maria", "Oleksandr", "Chen", "Fatima", "Jean", "Kofi", "Sven"];
    let family = ["Rahman", "Kowalska", "Petrenko", "Wei", "Haddad", "Dubois", "Mensah", "Lindqvist"];
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut articles = Vec::with_capacity(n_articles);
    for index in 0..n_articles {
        let mut text = String::new();
        let n_sentences = 8 + (rng.next() % 12) as usize;
        for s in 0..n_sentences {
            if s > 0 && s % 5 == 0 {
                let header: &&str = rng.pick(&countries);
                text.push_str(header);
                text.push('\n');
                text.push_str("Baca juga: Perkembangan terbaru konflik di kawasan\n");
            }
            let actor = |rng: &mut Rng| -> String {
                if rng.next() % 4 == 0 {
                    (*rng.pick(&organizations)).to_owned()
                } else {
                    (*rng.pick(&countries)).to_owned()
                }
            };
            let person = format!(
                "{} {} {} {}",
                rng.pick(&titles),
                rng.pick(&countries),
                rng.pick(&given),
                rng.pick(&family)
            );
            let date = format!("{}/{}/{}", 1 + rng.next() % 28, 1 + rng.next() % 12, 2020 + rng.next() % 6);
            let sentence = rng
                .pick(&TEMPLATES)
                .replace("{a}", &actor(&mut rng))
                .replace("{b}", &actor(&mut rng))
                .replace("{c}", &actor(&mut rng))
                .replace("{p}", &person)
                .replace("{d}", &date);
            text.push_str(&sentence);
            text.push(if rng.next() % 3 == 0 { '\n' } else { ' ' });
        }
        articles.push(Article::from_text(
            ArticleId::new(&format!("bench-{index:06}")).expect("a valid id"),
            text,
        ));
    }
    articles
}

fn main() {
    let n_articles: usize = std::env::args().skip(1).find_map(|a| a.parse().ok()).unwrap_or(10_000);
    let lexicon = Lexicon::embedded().expect("the embedded lexicon loads");
    let articles = corpus(&lexicon, n_articles);
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    let megabytes = bytes as f64 / 1e6;
    println!("corpus: {n_articles} articles, {megabytes:.1} MB of text");

    let start = Instant::now();
    let statements: usize = articles
        .iter()
        .map(|a| warta_text::pipeline::extract(a, &lexicon).statements.len())
        .sum();
    let one = start.elapsed().as_secs_f64();
    println!(
        "1 thread:   {:>8.0} articles/s  {:>6.2} MB/s  ({statements} statements in {one:.2} s)",
        n_articles as f64 / one,
        megabytes / one
    );

    let threads = rayon::current_num_threads();
    let start = Instant::now();
    let parallel: usize = articles
        .par_iter()
        .map(|a| warta_text::pipeline::extract(a, &lexicon).statements.len())
        .sum();
    let all = start.elapsed().as_secs_f64();
    assert_eq!(parallel, statements, "extraction is deterministic");
    println!(
        "{threads} threads: {:>8.0} articles/s  {:>6.2} MB/s  ({all:.2} s)",
        n_articles as f64 / all,
        megabytes / all
    );
}
