//! Evaluation of the derived contents against reference readings (`tests/outline_eval/`).
//!
//! `cargo test --test outline_eval -- --ignored --nocapture` prints, for every text of both
//! splits, `Pk`, `WindowDiff` and boundary precision/recall of lectern's sections beside a
//! one-section and an evenly-spaced baseline. The normal tests hold floors on the development
//! split (and a looser one on the held-out split) so that a regression fails.

use lectern::document::{self, Format};
use lectern::outline::{self, NodeKind, Outline, Params, learned};
use std::path::{Path, PathBuf};

/// One text with its reference reading, scored.
struct Scored {
    name: String,
    /// Paragraphs scored (from the first reference section on).
    n: usize,
    gold: usize,
    ours: usize,
    pk: f64,
    wd: f64,
    precision: f64,
    recall: f64,
    pk_one: f64,
    pk_even: f64,
    labels: Vec<String>,
    /// The reference sections' first paragraphs (1-based, as the labels' `¶k`).
    gold_starts: Vec<usize>,
    /// With a second reader's reading (`second/NAME.gold`): its section count, lectern's Pk
    /// against it, and the two readers' agreement (Pk of each against the other, averaged).
    second: Option<Second>,
}

/// Figures against the second reader.
struct Second {
    sections: usize,
    pk: f64,
    readers_pk: f64,
}

fn eval_dir(split: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/outline_eval")
        .join(split)
}

/// The texts of a split, sorted by name.
fn texts(split: &str) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(eval_dir(split))
        .expect("evaluation split directory")
        .map(|e| e.expect("directory entry").path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    v
}

/// Section starts of the outline's top level, as indices into `outline.paragraphs`.
fn our_starts(o: &Outline) -> Vec<usize> {
    let mut v: Vec<usize> = o
        .nodes
        .iter()
        .filter(|n| n.depth == 0 && !matches!(n.kind, NodeKind::Paragraph { .. }))
        .filter_map(|n| o.paragraph_range(n.block(), n.end_block()).map(|r| r.0 - 1))
        .collect();
    v.dedup();
    v
}

/// Segment id of every unit `first..n` given sorted starts.
fn segments(starts: &[usize], first: usize, n: usize) -> Vec<usize> {
    (first..n)
        .map(|i| starts.iter().filter(|&&s| s <= i && s > first).count())
        .collect()
}

/// `Pk` and `WindowDiff` of the sections starting at `hyp` against the reference sections
/// starting at `reference` (sorted paragraph indices; scored from the reference's first section
/// to paragraph `n`), with Pk's usual window: half the mean reference section, at least 2.
fn against(reference: &[usize], hyp: &[usize], n: usize) -> (f64, f64) {
    let first = reference[0];
    let k = ((n - first) / reference.len().max(1) / 2).max(2);
    pk_wd(&segments(reference, first, n), &segments(hyp, first, n), k)
}

/// `Pk` and `WindowDiff` of `hyp` against `reference` (segment ids per unit), window `k`.
fn pk_wd(reference: &[usize], hyp: &[usize], k: usize) -> (f64, f64) {
    let n = reference.len();
    if n <= k {
        return (0.0, 0.0);
    }
    let (mut pk, mut wd) = (0usize, 0usize);
    for i in 0..n - k {
        let r = reference[i + k] - reference[i];
        let h = hyp[i + k] - hyp[i];
        pk += usize::from((r == 0) != (h == 0));
        wd += usize::from(r != h);
    }
    let m = (n - k) as f64;
    (pk as f64 / m, wd as f64 / m)
}

fn score(path: &Path) -> Scored {
    // OUTLINE_EVAL_LEARNED=1: with the learned scorer (off by default), for comparison.
    let params = if std::env::var_os("OUTLINE_EVAL_LEARNED").is_some() {
        with_model(learned::BoundaryModel::FITTED)
    } else {
        Params::default()
    };
    score_with(path, &params)
}

fn score_with(path: &Path, params: &Params) -> Scored {
    let text = std::fs::read_to_string(path).expect("evaluation text");
    let gold_text =
        std::fs::read_to_string(path.with_extension("gold")).expect("reference reading");
    let doc = document::parse(&text, Format::Text);
    let o = outline::build_with(&doc, params);
    let paras: Vec<&str> = o
        .paragraphs
        .iter()
        .map(|&b| doc.blocks[b].text.as_str())
        .collect();
    let gold = gold_starts(path, &gold_text, &paras);
    let first = gold[0];
    let n = paras.len();
    let ours = our_starts(&o);
    let ours_in: Vec<usize> = ours.iter().copied().filter(|&s| s > first).collect();
    let span = n - first;
    let (pk, wd) = against(&gold, &ours, n);
    let (pk_one, _) = against(&gold, &[first], n);
    let count = ours_in.len() + 1;
    let even: Vec<usize> = (0..count).map(|j| first + j * span / count).collect();
    let (pk_even, _) = against(&gold, &even, n);
    let second = second_reading(path).map(|text| {
        let other = gold_starts(path, &text, &paras);
        Second {
            sections: other.len(),
            pk: against(&other, &ours, n).0,
            readers_pk: f64::midpoint(against(&gold, &other, n).0, against(&other, &gold, n).0),
        }
    });
    let gold_b: Vec<usize> = gold[1..].to_vec();
    let hits = ours_in.iter().filter(|s| gold_b.contains(s)).count();
    let precision = if ours_in.is_empty() {
        1.0
    } else {
        hits as f64 / ours_in.len() as f64
    };
    let recall = if gold_b.is_empty() {
        1.0
    } else {
        hits as f64 / gold_b.len() as f64
    };
    let labels = o
        .nodes
        .iter()
        .filter(|n| n.depth == 0)
        .map(|n| {
            let r = o
                .paragraph_range(n.block(), n.end_block())
                .map_or(0, |r| r.0);
            format!("¶{r} {}", n.label)
        })
        .collect();
    Scored {
        name: path
            .file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_default(),
        n: span,
        gold: gold.len(),
        ours: count,
        pk,
        wd,
        precision,
        recall,
        pk_one,
        pk_even,
        labels,
        gold_starts: gold.iter().map(|g| g + 1).collect(),
        second,
    }
}

/// The second reader's reading of the text at `path`, when there is one.
fn second_reading(path: &Path) -> Option<String> {
    let name = path.with_extension("gold");
    std::fs::read_to_string(eval_dir("second").join(name.file_name()?)).ok()
}

/// The reference sections' first paragraphs (indices into `paras`), sorted.
fn gold_starts(path: &Path, gold_text: &str, paras: &[&str]) -> Vec<usize> {
    let mut gold: Vec<usize> = gold_text
        .lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let opening = l.split('|').next().unwrap_or("").trim();
            paras
                .iter()
                .position(|p| p.starts_with(opening))
                .unwrap_or_else(|| {
                    panic!("{}: no paragraph opens with {opening:?}", path.display())
                })
        })
        .collect();
    gold.sort_unstable();
    gold
}

fn mean(v: impl Iterator<Item = f64>) -> f64 {
    let (s, c) = v.fold((0.0, 0usize), |(s, c), x| (s + x, c + 1));
    if c == 0 { 0.0 } else { s / c as f64 }
}

fn table(split: &str, show_labels: bool) -> Vec<Scored> {
    let rows: Vec<Scored> = texts(split).iter().map(|p| score(p)).collect();
    let cell = |r: &Scored, f: fn(&Second) -> f64| {
        r.second
            .as_ref()
            .map_or("–".to_owned(), |s| format!("{:.2}", f(s)))
    };
    println!("\n## {split}\n");
    println!(
        "| text | ¶ | gold | ours | Pk | WD | P | R | Pk one | Pk even | 2nd reader | Pk vs 2nd | readers' Pk |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for r in &rows {
        println!(
            "| {} | {} | {} | {} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} | {} | {} |",
            r.name,
            r.n,
            r.gold,
            r.ours,
            r.pk,
            r.wd,
            r.precision,
            r.recall,
            r.pk_one,
            r.pk_even,
            r.second
                .as_ref()
                .map_or("–".to_owned(), |s| s.sections.to_string()),
            cell(r, |s| s.pk),
            cell(r, |s| s.readers_pk),
        );
    }
    let seconds: Vec<&Second> = rows.iter().filter_map(|r| r.second.as_ref()).collect();
    println!(
        "| **mean** | | | | **{:.2}** | {:.2} | {:.2} | {:.2} | {:.2} | {:.2} | {} texts | {:.2} | **{:.2}** |",
        mean(rows.iter().map(|r| r.pk)),
        mean(rows.iter().map(|r| r.wd)),
        mean(rows.iter().map(|r| r.precision)),
        mean(rows.iter().map(|r| r.recall)),
        mean(rows.iter().map(|r| r.pk_one)),
        mean(rows.iter().map(|r| r.pk_even)),
        seconds.len(),
        mean(seconds.iter().map(|s| s.pk)),
        mean(seconds.iter().map(|s| s.readers_pk)),
    );
    if show_labels {
        for r in &rows {
            println!("\n{}: reference starts {:?}", r.name, r.gold_starts);
            for l in &r.labels {
                println!("  {l}");
            }
        }
    }
    rows
}

#[test]
#[ignore = "prints the evaluation table; run with --ignored --nocapture"]
fn outline_eval_table() {
    // While tuning, only the development split is looked at; set OUTLINE_EVAL_HELD_OUT=1 for
    // the held-out figures (and OUTLINE_EVAL_LABELS=1 for its contents).
    table("dev", true);
    if std::env::var_os("OUTLINE_EVAL_HELD_OUT").is_some() {
        let labels = std::env::var_os("OUTLINE_EVAL_LABELS").is_some();
        table("held_out", labels);
        table("unseen", labels);
    }
}

/// Floors on the development split: a change that makes the sections worse fails here.
#[test]
fn outline_eval_dev_floor() {
    let rows: Vec<Scored> = texts("dev").iter().map(|p| score(p)).collect();
    assert!(rows.len() >= 10);
    let pk = mean(rows.iter().map(|r| r.pk));
    assert!(pk <= 0.30, "mean Pk on the development split is {pk:.3}");
    let second = mean(rows.iter().filter_map(|r| r.second.as_ref()).map(|s| s.pk));
    assert!(second <= 0.30, "against the second reader: {second:.3}");
    for r in &rows {
        assert!(r.pk <= 0.62, "{}: Pk {:.3}", r.name, r.pk);
        assert!(r.pk <= r.pk_one, "{}: worse than one section", r.name);
    }
}

/// A split no one tunes on holds its floor: at least `min_texts` texts, mean Pk at most
/// `first` against the first reader and `second` against the second, better than one section.
fn measured_floor(split: &str, min_texts: usize, first: f64, second: f64) {
    let rows: Vec<Scored> = texts(split).iter().map(|p| score(p)).collect();
    assert!(rows.len() >= min_texts, "{split}: {} texts", rows.len());
    let pk = mean(rows.iter().map(|r| r.pk));
    let one = mean(rows.iter().map(|r| r.pk_one));
    assert!(pk <= first, "mean Pk on the {split} split is {pk:.3}");
    let against_second = mean(rows.iter().filter_map(|r| r.second.as_ref()).map(|s| s.pk));
    assert!(
        against_second <= second,
        "{split}, against the second reader: {against_second:.3}"
    );
    assert!(
        pk < one,
        "{split}: {pk:.3} is no better than one section ({one:.3})"
    );
}

/// A looser floor on the held-out split (it is measured, never tuned on).
#[test]
fn outline_eval_held_out_floor() {
    measured_floor("held_out", 12, 0.38, 0.39);
}

/// A floor on the unseen split (texts added after the last tuning, measured once: see
/// `tests/outline_eval/README.md`): its first measurement on the eight it keeps (0.369 against
/// the first reader, 0.361 against the second) and about 0.02 of room. A change that makes the
/// sections worse on texts no one tuned on fails here.
#[test]
fn outline_eval_unseen_floor() {
    measured_floor("unseen", 8, 0.39, 0.38);
}

/// A parameter sweep on the development split (tuning aid; never run on the held-out split).
#[test]
#[ignore = "tuning aid; run with --ignored --nocapture"]
fn outline_eval_sweep() {
    let paths = texts("dev");
    let article = document::parse(lectern::BUILTIN_ARTICLE, Format::Text);
    for p in sweep_grid() {
        let rows: Vec<Scored> = paths.iter().map(|x| score_with(x, &p)).collect();
        let a = our_starts(&outline::build_with(&article, &p));
        println!(
            "prior {:5.2} cue {:4.2} depth {:4.2}: Pk {:.3} vs 2nd {:.3} worst {:.3} sections {} article {a:?}",
            p.prior_weight,
            p.cue_weight,
            p.depth_weight,
            mean(rows.iter().map(|r| r.pk)),
            mean(rows.iter().filter_map(|r| r.second.as_ref()).map(|s| s.pk)),
            rows.iter().map(|r| r.pk).fold(0.0, f64::max),
            rows.iter().map(|r| r.ours).sum::<usize>(),
        );
    }
}

/// The sweep's grid of the hand-set parameters.
fn sweep_grid() -> Vec<Params> {
    let mut grid = Vec::new();
    for prior_weight in [3.0, 4.0, 5.0, 6.0, 7.0] {
        for cue_weight in [0.4, 0.6, 0.8] {
            for depth_weight in [0.6, 0.8, 1.0, 1.2] {
                grid.push(Params {
                    prior_weight,
                    cue_weight,
                    depth_weight,
                    ..Params::default()
                });
            }
        }
    }
    grid
}

/// One development text's gaps for the learned scorer: feature rows and whether the reference
/// reading starts a section there (only the gaps after its first section's start).
struct Gaps {
    path: PathBuf,
    rows: Vec<[f64; learned::FEATURES]>,
    labels: Vec<bool>,
}

fn gaps(path: &Path) -> Gaps {
    let text = std::fs::read_to_string(path).expect("evaluation text");
    let gold_text =
        std::fs::read_to_string(path.with_extension("gold")).expect("reference reading");
    let doc = document::parse(&text, Format::Text);
    let (paragraphs, all) = learned::gap_features(&doc, &Params::default());
    let paras: Vec<&str> = paragraphs
        .iter()
        .map(|&b| doc.blocks[b].text.as_str())
        .collect();
    let gold = gold_starts(path, &gold_text, &paras);
    let (rows, labels) = all
        .iter()
        .enumerate()
        .filter(|(g, _)| g + 1 > gold[0])
        .map(|(g, r)| (masked(r), gold.contains(&(g + 1))))
        .unzip();
    Gaps {
        path: path.to_path_buf(),
        rows,
        labels,
    }
}

/// The features the committed model uses (`OUTLINE_FEATURES=0,3,…` tries another set).
const FEATURE_SET: &[usize] = &[0, 1, 2, 3, 4, 5, 6, 7];

fn masked(row: &[f64; learned::FEATURES]) -> [f64; learned::FEATURES] {
    let set: Vec<usize> = std::env::var("OUTLINE_FEATURES").map_or_else(
        |_| FEATURE_SET.to_vec(),
        |v| v.split(',').filter_map(|x| x.trim().parse().ok()).collect(),
    );
    let mut out = [0.0; learned::FEATURES];
    for i in set {
        out[i] = row[i];
    }
    out
}

/// The L2 penalty of the fit (fixed, not tuned).
const L2: f64 = 1.0;

/// The priors (log-odds) the fit chooses from: -3 to 3 in steps of 0.25.
fn prior_grid() -> impl Iterator<Item = f64> {
    (-12..=12).map(|i| f64::from(i) / 4.0)
}

/// Fit the boundary model on `train`: logistic weights, then the prior with the smallest mean
/// Pk on the same texts (ties: the first, the smallest prior).
fn fit_on(train: &[&Gaps]) -> learned::BoundaryModel {
    let rows: Vec<[f64; learned::FEATURES]> =
        train.iter().flat_map(|g| g.rows.iter().copied()).collect();
    let labels: Vec<bool> = train
        .iter()
        .flat_map(|g| g.labels.iter().copied())
        .collect();
    let l2 = std::env::var("OUTLINE_L2")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(L2);
    let (bias, weights) = learned::fit(&rows, &labels, l2);
    let mut best = (f64::INFINITY, 0.0);
    for prior in prior_grid() {
        let model = learned::BoundaryModel {
            bias,
            weights,
            prior,
        };
        let pk = mean(
            train
                .iter()
                .map(|g| score_with(&g.path, &with_model(model)).pk),
        );
        if pk < best.0 - 1e-12 {
            best = (pk, prior);
        }
    }
    learned::BoundaryModel {
        bias,
        weights,
        prior: best.1,
    }
}

fn with_model(model: learned::BoundaryModel) -> Params {
    Params {
        model: Some(model),
        ..Params::default()
    }
}

/// Leave-one-text-out cross-validation of the learned scorer on the development split (an
/// honest estimate: each text is scored by a model fitted without it), then the model fitted on
/// the whole split, printed as the constants of `BoundaryModel::FITTED`.
#[test]
#[ignore = "fits the learned scorer; run with --ignored --nocapture"]
fn outline_eval_learn() {
    let all: Vec<Gaps> = texts("dev").iter().map(|p| gaps(p)).collect();
    println!("\n| left out | Pk (cross-validated) | prior |");
    println!("|---|---:|---:|");
    let mut pks = Vec::new();
    for (i, g) in all.iter().enumerate() {
        let train: Vec<&Gaps> = all
            .iter()
            .enumerate()
            .filter(|(j, _)| *j != i)
            .map(|(_, g)| g)
            .collect();
        let model = fit_on(&train);
        let pk = score_with(&g.path, &with_model(model)).pk;
        pks.push(pk);
        println!(
            "| {} | {pk:.2} | {:.2} |",
            g.path.file_stem().unwrap_or_default().to_string_lossy(),
            model.prior
        );
    }
    println!("| **mean** | **{:.3}** | |", mean(pks.iter().copied()));
    let model = fit_on(&all.iter().collect::<Vec<_>>());
    println!("\n{model:?}");
    for (name, w) in learned::FEATURE_NAMES.iter().zip(model.weights) {
        println!("  {name:20} {w:+.4}");
    }
}

/// The committed weights are the ones the development split gives: refit and compare.
#[test]
fn learned_weights_are_reproducible() {
    let all: Vec<Gaps> = texts("dev").iter().map(|p| gaps(p)).collect();
    let model = fit_on(&all.iter().collect::<Vec<_>>());
    let fitted = learned::BoundaryModel::FITTED;
    assert!((model.bias - fitted.bias).abs() < 1e-3, "{model:?}");
    for (a, b) in model.weights.iter().zip(fitted.weights) {
        assert!((a - b).abs() < 1e-3, "{model:?}");
    }
    assert!((model.prior - fitted.prior).abs() < 1e-9, "{model:?}");
}

/// The same honesty for the hand-set parameters: leave-one-text-out over the sweep's grid (the
/// parameters with the best mean Pk on nine development texts score the tenth).
#[test]
#[ignore = "tuning aid; run with --ignored --nocapture"]
fn outline_eval_sweep_cv() {
    let paths = texts("dev");
    let grid: Vec<Vec<f64>> = sweep_grid()
        .iter()
        .map(|p| paths.iter().map(|x| score_with(x, p).pk).collect())
        .collect();
    let mut pks = Vec::new();
    for left in 0..paths.len() {
        let train = |row: &Vec<f64>| {
            mean(
                row.iter()
                    .enumerate()
                    .filter(|(i, _)| *i != left)
                    .map(|(_, pk)| *pk),
            )
        };
        let best = grid
            .iter()
            .min_by(|a, b| train(a).total_cmp(&train(b)))
            .expect("a grid");
        pks.push(best[left]);
    }
    println!(
        "cross-validated dev Pk of the swept parameters: {:.3}",
        mean(pks.iter().copied())
    );
}

/// With the learned scorer switched on, the sections still follow the size rules (every section
/// but the first has two paragraphs or more) and the same text gives the same contents.
#[test]
fn learned_scorer_keeps_the_size_rules() {
    let params = with_model(learned::BoundaryModel::FITTED);
    for path in texts("dev") {
        let text = std::fs::read_to_string(&path).expect("evaluation text");
        let doc = document::parse(&text, Format::Text);
        let o = outline::build_with(&doc, &params);
        let starts = our_starts(&o);
        assert!(starts.len() >= 2, "{}: no sections", path.display());
        let mut ends: Vec<usize> = starts[1..].to_vec();
        ends.push(o.paragraphs.len());
        for (s, e) in starts.iter().zip(&ends).skip(1) {
            assert!(e - s >= 2, "{}: a section of one paragraph", path.display());
        }
        assert_eq!(starts, our_starts(&outline::build_with(&doc, &params)));
    }
}
