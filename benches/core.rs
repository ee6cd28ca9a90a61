//! Criterion benchmarks of lectern's core: parsing, wrapping and the keystroke hot path.
//!
//! Run with `cargo bench --bench core` (`-- --quick` for a shorter run, or a filter such as
//! `-- hot_path`). Documents are generated deterministically in memory (the same generator as
//! `benches/pty.rs`): 1 MB and 20 MB of plain text.

#[allow(dead_code)]
mod docgen;

use std::hint::black_box;
use std::time::{Duration, Instant};

use criterion::{BatchSize, Criterion, Throughput, criterion_group, criterion_main};
use lectern::action::Action;
use lectern::app::App;
use lectern::document::{Document, Format};
use lectern::loader::{Source, load_all};
use ratatui::layout::Rect;

fn leak(text: String) -> &'static [u8] {
    Box::leak(text.into_bytes().into_boxed_slice())
}

fn parse(bytes: &'static [u8]) -> Document {
    load_all(Source::bytes(bytes.to_vec(), Format::Text)).0
}

fn parsing(c: &mut Criterion) {
    let mut group = c.benchmark_group("parse_plain");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(8));
    for (name, size) in [("1MB", 1_000_000), ("20MB", 20_000_000)] {
        let bytes = leak(docgen::generate(size, 1).text);
        group.throughput(Throughput::Bytes(bytes.len() as u64));
        // Per-iteration batches keep dropping the parsed document out of the timing.
        group.bench_function(name, |b| {
            b.iter_batched(|| (), |()| parse(black_box(bytes)), BatchSize::PerIteration);
        });
    }
    group.finish();
}

fn wrapping(c: &mut Criterion) {
    let doc = docgen::generate(100_000, 7);
    let paragraph = doc
        .text
        .split("\n\n")
        .next()
        .expect("a paragraph")
        .replace('\n', " ");
    // About 1,000 words in one line: still below the optimal-fit cut-off of 2,000 pieces.
    let long: String = doc.text.replace("\n\n", " ").replace('\n', " ")[..6000]
        .rsplit_once(' ')
        .expect("a space")
        .0
        .to_string();
    let mut group = c.benchmark_group("wrap_text_80");
    for (name, text) in [("paragraph", &paragraph), ("long_1000_words", &long)] {
        group.throughput(Throughput::Bytes(text.len() as u64));
        group.bench_function(name, |b| {
            b.iter(|| lectern::layout::wrap_text(black_box(text), 80));
        });
    }
    group.finish();
}

/// Time `step` only, doing `reset` (untimed) before each step when `needs_reset` says so.
fn timed_steps(
    app: &mut App,
    iters: u64,
    mut needs_reset: impl FnMut(&App) -> bool,
    mut reset: impl FnMut(&mut App),
    mut step: impl FnMut(&mut App, u64),
) -> Duration {
    let mut total = Duration::ZERO;
    for i in 0..iters {
        if needs_reset(app) {
            reset(app);
        }
        let t = Instant::now();
        step(app, i);
        total += t.elapsed();
    }
    total
}

fn hot_path(c: &mut Criterion) {
    let doc = parse(leak(docgen::generate(20_000_000, 20).text));
    let mut app = App::loaded(doc, Rect::new(0, 0, 120, 40));
    let mut group = c.benchmark_group("hot_path_20MB");
    group.bench_function("bottom_from_top", |b| {
        b.iter_custom(|iters| {
            timed_steps(
                &mut app,
                iters,
                |_| true,
                |app| {
                    app.apply(Action::Top, None);
                    app.prepare();
                },
                |app, _| {
                    app.apply(Action::Bottom, None);
                    app.prepare();
                },
            )
        });
    });
    group.bench_function("page_down", |b| {
        b.iter_custom(|iters| {
            let mut last = None;
            timed_steps(
                &mut app,
                iters,
                // Back to the top once PageDown no longer moves (the end).
                |app| {
                    let stuck = last == Some(app.viewport.top());
                    last = Some(app.viewport.top());
                    stuck
                },
                |app| {
                    app.apply(Action::Top, None);
                    app.prepare();
                },
                |app, _| {
                    app.apply(Action::PageDown, None);
                    app.prepare();
                },
            )
        });
    });
    group.bench_function("resize_alternating", |b| {
        b.iter_custom(|iters| {
            timed_steps(
                &mut app,
                iters,
                |_| false,
                |_| {},
                |app, i| {
                    if i % 2 == 0 {
                        app.resize(100, 30);
                    } else {
                        app.resize(120, 40);
                    }
                    app.prepare();
                },
            )
        });
    });
    group.finish();
}

criterion_group!(benches, parsing, wrapping, hot_path);
criterion_main!(benches);
