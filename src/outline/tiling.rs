//! `TextTiling` over paragraphs: depth scores of lexical cohesion, the run rule and the cap.

use super::Params;
use super::labels::is_enumerator;
use super::text::{is_stopword, norm};

/// What the segmenter needs to know about one paragraph.
#[derive(Clone, Debug, Default)]
pub(crate) struct UnitInfo<'a> {
    /// Sorted `(term id, frequency)` pairs.
    pub terms: &'a [(u32, u32)],
    /// Whitespace words.
    pub words: usize,
    /// First two normalized words of the first sentence.
    pub opening: [&'a str; 2],
}

/// The result of segmenting a list of paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Segmentation {
    /// Section starts (unit indices), sorted, starting with 0; empty for a short text.
    pub starts: Vec<usize>,
    /// Runs of parallel paragraphs, inclusive `(first, last)` unit indices.
    pub runs: Vec<(usize, usize)>,
    /// The cap on the number of sections.
    pub cap: usize,
}

/// The section cap: `clamp(min((2n+3) div 6, (words+100) div 200), 1, max)`.
pub(crate) fn cap(n: usize, words: usize, max: usize) -> usize {
    ((2 * n + 3) / 6)
        .min((words + 100) / 200)
        .clamp(1, max.max(1))
}

fn pair_in_run(a: &UnitInfo, b: &UnitInfo) -> bool {
    let [a0, a1] = a.opening;
    let [b0, b1] = b.opening;
    if a0.is_empty() || b0.is_empty() {
        return false;
    }
    let shared = a0 == b0 && a1 == b1 && !a1.is_empty() && (!is_stopword(a0) || !is_stopword(a1));
    shared || (is_enumerator(a0) && is_enumerator(b0))
}

/// Maximal runs of at least 3 paragraphs with parallel openings.
pub(crate) fn runs(units: &[UnitInfo]) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let mut j = i;
        while j + 1 < units.len() && pair_in_run(&units[j], &units[j + 1]) {
            j += 1;
        }
        if j - i + 1 >= 3 {
            out.push((i, j));
        }
        i = j + 1;
    }
    out
}

/// The opening of a paragraph's first sentence (first two normalized words).
pub(crate) fn opening(text: &str) -> [String; 2] {
    let mut it = text.split_whitespace().map(norm).filter(|w| !w.is_empty());
    [it.next().unwrap_or_default(), it.next().unwrap_or_default()]
}

/// Every section has at least 2 units except the first.
fn valid(starts: &[usize], n: usize) -> bool {
    starts.iter().enumerate().all(|(i, &s)| {
        let end = starts.get(i + 1).copied().unwrap_or(n);
        end > s && (i == 0 || end - s >= 2)
    })
}

fn insert_if_valid(starts: &mut Vec<usize>, s: usize, n: usize) -> bool {
    if s == 0 || s >= n {
        return false;
    }
    let Err(pos) = starts.binary_search(&s) else {
        return false;
    };
    starts.insert(pos, s);
    if valid(starts, n) {
        true
    } else {
        starts.remove(pos);
        false
    }
}

/// Cosine similarity between two weighted windows, each a list of `(term, weight)` pairs.
fn window(
    units: &[UnitInfo],
    idx: impl Iterator<Item = usize>,
    params: &Params,
    weight: &[f64],
    out: &mut Vec<(u32, f64)>,
) {
    out.clear();
    let mut terms = 0usize;
    for (taken, i) in idx.enumerate() {
        if taken >= params.window_paragraphs || terms >= params.block_terms {
            break;
        }
        for &(t, tf) in units[i].terms {
            out.push((t, f64::from(tf) * weight[t as usize]));
            terms += tf as usize;
        }
    }
    out.sort_unstable_by_key(|p| p.0);
    // merge duplicates
    let mut w = 0;
    for r in 0..out.len() {
        if w > 0 && out[w - 1].0 == out[r].0 {
            out[w - 1].1 += out[r].1;
        } else {
            out[w] = out[r];
            w += 1;
        }
    }
    out.truncate(w);
}

fn cosine(a: &[(u32, f64)], b: &[(u32, f64)]) -> f64 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while i < a.len() && j < b.len() {
        match a[i].0.cmp(&b[j].0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += a[i].1 * b[j].1;
                i += 1;
                j += 1;
            }
        }
    }
    let na: f64 = a.iter().map(|p| p.1 * p.1).sum::<f64>().sqrt();
    let nb: f64 = b.iter().map(|p| p.1 * p.1).sum::<f64>().sqrt();
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Depth scores of the gaps between units (gap `g` lies between unit `g` and `g + 1`).
pub(crate) fn depths(units: &[UnitInfo], vocab: usize, params: &Params) -> Vec<f64> {
    let n = units.len();
    if n < 2 {
        return Vec::new();
    }
    let mut df = vec![0u32; vocab];
    for u in units {
        for &(t, _) in u.terms {
            df[t as usize] += 1;
        }
    }
    let weight: Vec<f64> = df
        .iter()
        .map(|&d| {
            if !params.idf {
                1.0
            } else if d == 0 {
                0.0
            } else {
                ((n as f64 + 1.0) / f64::from(d)).ln().max(0.05)
            }
        })
        .collect();
    let (mut l, mut r) = (Vec::new(), Vec::new());
    let score: Vec<f64> = (0..n - 1)
        .map(|g| {
            window(units, (0..=g).rev(), params, &weight, &mut l);
            window(units, g + 1..n, params, &weight, &mut r);
            cosine(&l, &r)
        })
        .collect();
    let m = score.len();
    let mut lpeak = vec![0.0; m];
    for g in 0..m {
        lpeak[g] = if g > 0 && score[g - 1] >= score[g] {
            lpeak[g - 1]
        } else {
            score[g]
        };
    }
    let mut rpeak = vec![0.0; m];
    for g in (0..m).rev() {
        rpeak[g] = if g + 1 < m && score[g + 1] >= score[g] {
            rpeak[g + 1]
        } else {
            score[g]
        };
    }
    (0..m)
        .map(|g| (lpeak[g] - score[g]) + (rpeak[g] - score[g]))
        .collect()
}

/// Segment paragraphs into sections (OUTLINE.md §2).
pub(crate) fn segment(units: &[UnitInfo], vocab: usize, params: &Params) -> Segmentation {
    let n = units.len();
    let words: usize = units.iter().map(|u| u.words).sum();
    let cap = cap(n, words, params.max_sections);
    if n < params.min_paragraphs || words < params.min_words {
        return Segmentation {
            starts: Vec::new(),
            runs: Vec::new(),
            cap,
        };
    }
    let runs = runs(units);
    let mut starts = vec![0];
    for &(a, b) in &runs {
        for edge in [a, b + 1] {
            if starts.len() < cap {
                insert_if_valid(&mut starts, edge, n);
            }
        }
    }
    let depth = depths(units, vocab, params);
    if !depth.is_empty() {
        let mean = depth.iter().sum::<f64>() / depth.len() as f64;
        let var = depth.iter().map(|d| (d - mean) * (d - mean)).sum::<f64>() / depth.len() as f64;
        let cutoff = mean - var.sqrt() / 2.0;
        let mut inside = vec![false; depth.len()];
        for &(a, b) in &runs {
            for g in inside.iter_mut().take(b).skip(a) {
                *g = true;
            }
        }
        let mut gaps: Vec<usize> = (0..depth.len())
            .filter(|&g| !inside[g] && depth[g] > cutoff && depth[g] > 0.0)
            .collect();
        gaps.sort_by(|&a, &b| depth[b].total_cmp(&depth[a]).then(a.cmp(&b)));
        for g in gaps {
            if starts.len() >= cap {
                break;
            }
            insert_if_valid(&mut starts, g + 1, n);
        }
    }
    Segmentation { starts, runs, cap }
}
