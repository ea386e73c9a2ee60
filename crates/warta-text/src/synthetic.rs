//! A generated corpus of Indonesian conflict news, the same on every run and machine, for the
//! benchmarks (`cargo bench -p warta-text --bench extract`, `scripts/bench-scale.sh`) and for
//! tests that need many articles.
//!
//! Sentence templates of the kinds news uses are filled with actors drawn from the gazetteer
//! (countries, organisations, persons with their posts), with headers, link lines, quotes and
//! dates, so every stage of the pipeline has work to do. It is a stream: a million articles cost
//! no more memory than one.

use crate::input::{Article, ArticleId};
use crate::lexicon::Lexicon;
use crate::model::ActorKind;

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
#[derive(Debug)]
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    /// One of `items`, or `None` when there are none (a lexicon without organisations).
    fn pick<'a, T>(&mut self, items: &'a [T]) -> Option<&'a T> {
        let n = items.len().max(1) as u64;
        items.get((self.next() % n) as usize)
    }
}

const TITLES: [&str; 4] = [
    "Menteri Luar Negeri",
    "Presiden",
    "Perdana Menteri",
    "Juru bicara Kementerian Luar Negeri",
];
const GIVEN: [&str; 8] = ["Ahmad", "Maria", "Oleksandr", "Chen", "Fatima", "Jean", "Kofi", "Sven"];
const FAMILY: [&str; 8] = ["Rahman", "Kowalska", "Petrenko", "Wei", "Haddad", "Dubois", "Mensah", "Lindqvist"];

/// The articles `bench-000000`, `bench-000001`, … in order, each dated between 2020 and 2025.
#[derive(Debug)]
pub struct Corpus {
    countries: Vec<String>,
    organizations: Vec<String>,
    rng: Rng,
    next_index: usize,
    len: usize,
}

impl Corpus {
    /// `len` articles drawn from the actors of `lexicon`.
    pub fn new(lexicon: &Lexicon, len: usize) -> Corpus {
        let labels = |kind: ActorKind| -> Vec<String> {
            lexicon
                .gazetteer
                .actors()
                .filter(|a| a.kind == kind)
                .map(|a| a.label_id.clone())
                .collect()
        };
        Corpus {
            countries: labels(ActorKind::Country),
            organizations: labels(ActorKind::Organization),
            rng: Rng(0x9e37_79b9_7f4a_7c15),
            next_index: 0,
            len,
        }
    }

    fn actor(&mut self) -> String {
        if self.rng.next() % 4 == 0 {
            self.rng.pick(&self.organizations).cloned().unwrap_or_default()
        } else {
            self.rng.pick(&self.countries).cloned().unwrap_or_default()
        }
    }

    fn article(&mut self, index: usize) -> Article {
        let mut text = String::new();
        let n_sentences = 8 + (self.rng.next() % 12) as usize;
        for s in 0..n_sentences {
            if s > 0 && s % 5 == 0 {
                let header = self.rng.pick(&self.countries).cloned().unwrap_or_default();
                text.push_str(&header);
                text.push('\n');
                text.push_str("Baca juga: Perkembangan terbaru konflik di kawasan\n");
            }
            let person = format!(
                "{} {} {} {}",
                self.rng.pick(&TITLES).copied().unwrap_or_default(),
                self.rng.pick(&self.countries).map_or("", String::as_str),
                self.rng.pick(&GIVEN).copied().unwrap_or_default(),
                self.rng.pick(&FAMILY).copied().unwrap_or_default()
            );
            let date = format!(
                "{}/{}/{}",
                1 + self.rng.next() % 28,
                1 + self.rng.next() % 12,
                2020 + self.rng.next() % 6
            );
            let template = self.rng.pick(&TEMPLATES).copied().unwrap_or_default();
            let (a, b, c) = (self.actor(), self.actor(), self.actor());
            let sentence = template
                .replace("{a}", &a)
                .replace("{b}", &b)
                .replace("{c}", &c)
                .replace("{p}", &person)
                .replace("{d}", &date);
            text.push_str(&sentence);
            text.push(if self.rng.next() % 3 == 0 { '\n' } else { ' ' });
        }
        let id = ArticleId::new(&format!("bench-{index:06}")).unwrap_or_else(|| unreachable!("a fixed, valid id"));
        let mut article = Article::from_text(id, text);
        article.date = Some(format!(
            "{}-{:02}-{:02}",
            2020 + self.rng.next() % 6,
            1 + self.rng.next() % 12,
            1 + self.rng.next() % 28
        ));
        article
    }
}

impl Iterator for Corpus {
    type Item = Article;

    fn next(&mut self) -> Option<Article> {
        if self.next_index >= self.len {
            return None;
        }
        let article = self.article(self.next_index);
        self.next_index += 1;
        Some(article)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.len - self.next_index;
        (left, Some(left))
    }
}

impl ExactSizeIterator for Corpus {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_same_corpus_every_run_with_ids_in_order() {
        let lexicon = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
        let first: Vec<Article> = Corpus::new(&lexicon, 3).collect();
        let again: Vec<Article> = Corpus::new(&lexicon, 3).collect();
        assert_eq!(first, again);
        let ids: Vec<&str> = first.iter().map(|a| a.id.as_str()).collect();
        assert_eq!(ids, ["bench-000000", "bench-000001", "bench-000002"]);
        assert!(first.iter().all(|a| a.date.is_some() && a.text.len() > 200));
    }

    #[test]
    fn its_articles_carry_statements() {
        let lexicon = Lexicon::embedded().unwrap_or_else(|e| panic!("{e}"));
        let statements: usize = Corpus::new(&lexicon, 20)
            .map(|a| crate::pipeline::extract(&a, &lexicon).statements.len())
            .sum();
        assert!(statements >= 20, "only {statements} statements in 20 generated articles");
    }
}
