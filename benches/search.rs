//! Search benchmarks over a deterministic ~20 MB generated document.

use std::hint::black_box;

use criterion::{Criterion, criterion_group, criterion_main};
use lectern::document::{Block, BlockKind, Document};
use lectern::search::{Matcher, Query, Scan, find_all, find_from, key_terms};

/// The needle, placed only in the last 1% of paragraphs.
const NEEDLE: &str = "quetzalcoatl";
const PARAGRAPHS: usize = 40_000;

/// A ~20 MB document: paragraphs of words drawn by an LCG from a generated vocabulary.
fn document() -> Document {
    const SYLLABLES: [&str; 16] = [
        "ka", "lo", "mi", "ren", "tu", "sa", "ve", "dor", "pi", "an", "el", "os", "tri", "um",
        "be", "ga",
    ];
    let mut state: u64 = 0x2545_F491_4F6C_DD1D;
    let mut next = move || {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        (state >> 33) as usize
    };
    let vocab: Vec<String> = (0..3000)
        .map(|_| {
            (0..=(next() % 3))
                .map(|_| SYLLABLES[next() % SYLLABLES.len()])
                .collect()
        })
        .chain(
            ["the", "of", "and", "a", "to", "in"]
                .iter()
                .map(|s| (*s).to_string()),
        )
        .collect();
    let mut blocks = Vec::with_capacity(PARAGRAPHS);
    for p in 0..PARAGRAPHS {
        let mut text = String::with_capacity(600);
        let words = 60 + next() % 70;
        for w in 0..words {
            if w > 0 {
                text.push(' ');
            }
            // Zipf-ish: small indices (function words at the end of the list) are frequent.
            let r = next() % 100;
            let word = if r < 30 {
                &vocab[vocab.len() - 1 - next() % 6]
            } else if r < 60 {
                &vocab[next() % 50]
            } else {
                &vocab[next() % vocab.len()]
            };
            text.push_str(word);
            if next() % 12 == 0 {
                text.push('.');
            }
        }
        if p >= PARAGRAPHS * 99 / 100 && p % 4 == 0 {
            text.push(' ');
            text.push_str(NEEDLE);
        }
        text.push('.');
        blocks.push(Block::new(BlockKind::Paragraph, text));
    }
    Document {
        title: "bench".into(),
        date: None,
        blocks,
        ..Document::default()
    }
}

fn bench(c: &mut Criterion) {
    let doc = document();
    let size: usize = doc.blocks.iter().map(|b| b.text.len()).sum();
    eprintln!(
        "document: {} paragraphs, {:.1} MB",
        doc.blocks.len(),
        size as f64 / 1e6
    );
    let m = Matcher::new(&Query {
        text: NEEDLE.into(),
        regex: false,
    })
    .expect("needle");
    let n = find_all(&m, &doc).len();
    assert!(n > 0);
    eprintln!("needle matches: {n}");
    let mut g = c.benchmark_group("search");
    g.sample_size(10);
    g.bench_function("find_all rare word", |b| {
        b.iter(|| find_all(black_box(&m), &doc));
    });
    g.bench_function("count in 8 ms slices (Scan, two threads)", |b| {
        b.iter(|| {
            let mut scan = Scan::new(m.clone());
            while !scan.step(&doc.blocks, std::time::Duration::from_millis(8)) {}
            scan.matches.len()
        });
    });
    g.bench_function("find_from top", |b| {
        b.iter(|| find_from(black_box(&m), &doc.blocks, 0, 0).expect("found"));
    });
    let phrase = Matcher::new(&Query {
        text: "Ka lo".into(),
        regex: false,
    })
    .expect("phrase");
    g.bench_function("find_all common phrase", |b| {
        b.iter(|| find_all(black_box(&phrase), &doc));
    });
    g.bench_function("key_terms", |b| b.iter(|| key_terms(black_box(&doc), 20)));
    g.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
