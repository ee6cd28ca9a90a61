//! Criterion benchmark: `outline::build` on a generated ~20 MB plain-text document.

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::{document::plain, outline};
use std::hint::black_box;

const WORDS: &[&str] = &[
    "the",
    "of",
    "and",
    "to",
    "in",
    "a",
    "is",
    "that",
    "for",
    "it",
    "as",
    "with",
    "was",
    "on",
    "river",
    "bridge",
    "market",
    "council",
    "budget",
    "school",
    "harbour",
    "railway",
    "forest",
    "winter",
    "farmer",
    "engine",
    "music",
    "garden",
    "doctor",
    "letter",
    "people",
    "city",
    "road",
    "water",
    "storm",
    "village",
    "trade",
    "law",
    "building",
    "community",
    "future",
    "shared",
    "countries",
    "development",
    "security",
    "prosperity",
    "peace",
    "cooperation",
    "history",
    "science",
    "language",
    "children",
    "families",
    "workers",
    "planned",
    "growing",
    "islands",
    "mountains",
    "weather",
    "harvest",
    "printing",
    "newspapers",
    "elections",
    "courts",
    "ships",
];

/// A deterministic document of about `bytes` bytes: varied paragraphs of 30–150 words.
fn document(bytes: usize) -> String {
    let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (seed >> 33) as usize
    };
    let mut out =
        String::from("date 2024-01-11 Building a shared future for river communities\n\n");
    while out.len() < bytes {
        let topic = next() % WORDS.len();
        let n = 30 + next() % 120;
        for i in 0..n {
            let w = if next() % 4 == 0 {
                WORDS[(topic + next() % 5) % WORDS.len()]
            } else {
                WORDS[next() % WORDS.len()]
            };
            if i == 0 {
                let mut c = w.chars();
                if let Some(f) = c.next() {
                    out.extend(f.to_uppercase());
                    out.push_str(c.as_str());
                }
            } else {
                out.push(' ');
                out.push_str(w);
            }
            if i % 14 == 13 {
                out.push('.');
            }
            if i % 11 == 10 {
                out.push('\n');
            }
        }
        out.push_str(".\n\n");
    }
    out
}

fn bench(c: &mut Criterion) {
    let text = document(20 << 20);
    let doc = plain::parse(&text, true);
    let paragraphs = doc.blocks.iter().filter(|b| b.is_paragraph()).count();
    eprintln!(
        "outline bench: {} bytes, {paragraphs} paragraphs",
        text.len()
    );
    let mut g = c.benchmark_group("outline");
    g.sample_size(10);
    g.bench_function("build_20MB", |b| b.iter(|| outline::build(black_box(&doc))));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
