//! `TextTiling` over paragraphs: depth scores of lexical cohesion, discourse cues and the run rule.

use super::Params;
use super::corpus::Units;
use super::learned;
use super::optimal::{self, Price, cue_price};
use super::text::f64_of;

/// Texts up to this many paragraphs get the optimal split (quadratic in the paragraph count);
/// longer ones the linear `TextTiling` path.
const OPTIMAL_MAX_UNITS: usize = 600;
use super::labels::is_enumerator;
use super::text::{is_stopword, norm};

/// The result of segmenting a list of paragraphs.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Segmentation {
    /// Section starts (unit indices), sorted, starting with 0; empty for a short text.
    pub starts: Vec<usize>,
    /// Runs of parallel paragraphs, inclusive `(first, last)` unit indices.
    pub runs: Vec<(usize, usize)>,
    /// The sanity bound on the number of sections.
    pub cap: usize,
}

impl Segmentation {
    /// Starts and runs of units `ua..` of `grouping` made paragraph indices counted from
    /// paragraph `a` (the first of unit `ua`).
    pub(crate) fn map_to_paragraphs(
        &mut self,
        grouping: &super::corpus::Grouping,
        a: usize,
        ua: usize,
    ) {
        let para = |u: usize| grouping.first(ua + u) - a;
        for s in &mut self.starts {
            *s = para(*s);
        }
        for (first, last) in &mut self.runs {
            (*first, *last) = (para(*first), para(*last + 1) - 1);
        }
    }
}

fn pair_in_run([a0, a1]: [&str; 2], [b0, b1]: [&str; 2]) -> bool {
    if a0.is_empty() || b0.is_empty() {
        return false;
    }
    let shared = a0 == b0 && a1 == b1 && !a1.is_empty() && (!is_stopword(a0) || !is_stopword(a1));
    shared || (is_enumerator(a0) && is_enumerator(b0))
}

/// Maximal runs of at least 3 paragraphs with parallel openings.
pub(crate) fn runs(units: Units) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < units.len() {
        let mut j = i;
        while j + 1 < units.len() && pair_in_run(units.opening(j), units.opening(j + 1)) {
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

/// Section size rules: every section but the first has at least 2 units and `min_words` words.
struct Sizes<'a> {
    /// Word count prefix sums over the units.
    prefix: &'a [usize],
    min_words: usize,
}

/// The gain of a boundary that must be kept (a run's edge).
const FORCED: f64 = 1e6;
/// The gain where no section may start (a gain is never NaN: 8 bytes a paragraph, not the 16
/// of an `Option`).
const NO_START: f64 = f64::NAN;

impl Sizes<'_> {
    /// Units `j..i` may form a section that is not the first.
    fn fits(&self, j: usize, i: usize) -> bool {
        i >= j + 2 && self.prefix[i] - self.prefix[j] >= self.min_words
    }

    /// The section starts with the largest total gain under the size rules; `gain[i]` is the
    /// gain of a section starting at unit `i` ([`NO_START`]: no section may start there). Dynamic
    /// programming in linear time: the rules only bound a section's size from below, so the
    /// latest allowed previous start only moves forward.
    fn best_starts(&self, gain: &[f64]) -> Vec<usize> {
        let n = self.prefix.len() - 1;
        let mut best = vec![f64::NEG_INFINITY; n + 1];
        let mut back = vec![0usize; n + 1];
        best[0] = 0.0;
        // Running maximum of best[1..=lim] and where it is.
        let (mut lim, mut run_max, mut run_arg) = (0usize, f64::NEG_INFINITY, 0usize);
        let fits = |j: usize, i: usize| self.fits(j, i);
        for i in 1..=n {
            while lim + 1 < i && fits(lim + 1, i) {
                lim += 1;
                if best[lim] > run_max {
                    run_max = best[lim];
                    run_arg = lim;
                }
            }
            let (prev, arg) = if run_max > best[0] {
                (run_max, run_arg)
            } else {
                (best[0], 0)
            };
            if i == n {
                back[n] = arg;
                best[n] = prev;
            } else if let Some(g) = gain.get(i).copied().filter(|g| !g.is_nan()) {
                best[i] = prev + g;
                back[i] = arg;
            }
        }
        let mut starts = Vec::new();
        let mut at = back[n];
        while at > 0 {
            starts.push(at);
            at = back[at];
        }
        starts.push(0);
        starts.reverse();
        starts
    }

    fn valid(&self, starts: &[usize]) -> bool {
        let n = self.prefix.len() - 1;
        starts.iter().enumerate().all(|(i, &s)| {
            let end = starts.get(i + 1).copied().unwrap_or(n);
            end > s
                && (i == 0 || (end - s >= 2 && self.prefix[end] - self.prefix[s] >= self.min_words))
        })
    }

    fn insert_if_valid(&self, starts: &mut Vec<usize>, s: usize) -> bool {
        let n = self.prefix.len() - 1;
        if s == 0 || s >= n {
            return false;
        }
        let Err(pos) = starts.binary_search(&s) else {
            return false;
        };
        starts.insert(pos, s);
        if self.valid(starts) {
            true
        } else {
            starts.remove(pos);
            false
        }
    }
}

/// A window of units: its `(term, weight)` pairs sorted by term, and its norm.
#[derive(Default)]
struct Window {
    pairs: Vec<(u32, f64)>,
    norm: f64,
    /// True when it holds one unit that fills a window alone (it is the same window read
    /// either way from that unit).
    alone: bool,
}

/// The window read from the units `idx` gives, in that order, until it holds
/// `params.block_terms` terms or `params.window_paragraphs` units.
fn window(
    units: Units,
    idx: impl Iterator<Item = usize>,
    params: &Params,
    weight: &[f64],
    out: &mut Window,
) {
    let pairs = &mut out.pairs;
    pairs.clear();
    let mut terms = 0usize;
    let mut taken = 0;
    for i in idx {
        if taken >= params.window_paragraphs || terms >= params.block_terms {
            break;
        }
        taken += 1;
        for (t, tf) in units.terms(i).iter() {
            pairs.push((t, f64::from(tf) * weight[t as usize]));
            terms += tf as usize;
        }
    }
    out.alone = taken == 1 && (params.window_paragraphs <= 1 || terms >= params.block_terms);
    // One unit's vector is already sorted with distinct terms.
    if taken > 1 {
        pairs.sort_unstable_by_key(|p| p.0);
        // merge duplicates
        let mut w = 0;
        for r in 0..pairs.len() {
            if w > 0 && pairs[w - 1].0 == pairs[r].0 {
                pairs[w - 1].1 += pairs[r].1;
            } else {
                pairs[w] = pairs[r];
                w += 1;
            }
        }
        pairs.truncate(w);
    }
    out.norm = pairs.iter().map(|p| p.1 * p.1).sum::<f64>().sqrt();
}

/// Cosine similarity between two windows.
fn cosine(a: &Window, b: &Window) -> f64 {
    let (a, na, b, nb) = (&a.pairs, a.norm, &b.pairs, b.norm);
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
    if na == 0.0 || nb == 0.0 {
        0.0
    } else {
        dot / (na * nb)
    }
}

/// Cosine similarity of the `tf·idf` windows on either side of every gap between units (gap
/// `g` lies between unit `g` and `g + 1`).
pub(crate) fn similarities(units: Units, vocab: usize, params: &Params) -> Vec<f64> {
    let n = units.len();
    if n < 2 {
        return Vec::new();
    }
    let mut df = vec![0u32; vocab];
    for i in 0..n {
        for (t, _) in units.terms(i).iter() {
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
                ((f64_of(n) + 1.0) / f64::from(d)).ln().max(0.05)
            }
        })
        .collect();
    let (mut l, mut r) = (Window::default(), Window::default());
    (0..n - 1)
        .map(|g| {
            // The left window of gap `g` is the right one of gap `g - 1` when unit `g` fills a
            // window alone (as a long text's paragraphs mostly do): it is read once.
            if g > 0 && r.alone {
                std::mem::swap(&mut l, &mut r);
            } else {
                window(units, (0..=g).rev(), params, &weight, &mut l);
            }
            window(units, g + 1..n, params, &weight, &mut r);
            cosine(&l, &r)
        })
        .collect()
}

/// Depth scores of the gaps between units (gap `g` lies between unit `g` and `g + 1`).
pub(crate) fn depths(units: Units, vocab: usize, params: &Params) -> Vec<f64> {
    depths_of(&similarities(units, vocab, params))
}

/// How far each gap's similarity `score` lies below the nearest peaks on both sides (Hearst
/// 1997).
fn depths_of(score: &[f64]) -> Vec<f64> {
    // The peak to the left of each gap, then (running from the right) the depth in its place:
    // two arrays of the gap count, not four (a long text has millions of gaps).
    let m = score.len();
    let mut depth = vec![0.0; m];
    for g in 0..m {
        depth[g] = if g > 0 && score[g - 1] >= score[g] {
            depth[g - 1]
        } else {
            score[g]
        };
    }
    let mut rpeak = 0.0;
    for g in (0..m).rev() {
        if !(g + 1 < m && score[g + 1] >= score[g]) {
            rpeak = score[g];
        }
        depth[g] = (depth[g] - score[g]) + (rpeak - score[g]);
    }
    depth
}

/// How much a paragraph's opening cue moves the boundary score of the gap before it.
fn cue_bonus(units: Units, next: usize, weight: f64) -> f64 {
    -cue_price(units, next, weight)
}

/// True when segmenting `units` takes the long texts' path, which reads the term vectors only
/// for the [`depths`] (the caller may compute them first and free the vectors).
pub(crate) fn needs_depths(units: Units, params: &Params) -> bool {
    let n = units.len();
    n > OPTIMAL_MAX_UNITS && !too_short(units, params)
}

/// Too few paragraphs or words for sections.
fn too_short(units: Units, params: &Params) -> bool {
    let words: usize = (0..units.len()).map(|i| units.words(i)).sum();
    units.len() < params.min_paragraphs || words < params.min_words
}

/// Segment paragraphs into sections (docs/outline.md): boundaries where the depth score, moved
/// by the discourse cue of the next paragraph, stands out from its own distribution.
pub(crate) fn segment(units: Units, vocab: usize, params: &Params) -> Segmentation {
    segment_with(units, vocab, params, None)
}

/// [`segment`], with the [`depths`] of a long text given when they were computed already.
pub(crate) fn segment_with(
    units: Units,
    vocab: usize,
    params: &Params,
    depth: Option<Vec<f64>>,
) -> Segmentation {
    let n = units.len();
    let cap = params.max_sections.max(1);
    if too_short(units, params) {
        return Segmentation {
            starts: Vec::new(),
            runs: Vec::new(),
            cap,
        };
    }
    let mut prefix = Vec::with_capacity(n + 1);
    prefix.push(0usize);
    for i in 0..n {
        prefix.push(prefix[prefix.len() - 1] + units.words(i));
    }
    let sizes = Sizes {
        prefix: &prefix,
        min_words: params.min_section_words,
    };
    let runs = runs(units);
    let mut starts = vec![0];
    for &(a, b) in &runs {
        for edge in [a, b + 1] {
            if starts.len() < cap {
                sizes.insert_if_valid(&mut starts, edge);
            }
        }
    }
    let starts = if n > OPTIMAL_MAX_UNITS {
        let depth = depth.unwrap_or_else(|| depths(units, vocab, params));
        threshold_starts(units, &depth, params, &runs, starts, &sizes)
    } else if let Some(model) = &params.model {
        learned_starts(units, vocab, params, model, &runs, &starts, &sizes)
    } else {
        optimal_starts(units, vocab, params, &runs, &starts, &sizes)
    };
    Segmentation { starts, runs, cap }
}

/// The learned scorer's feature rows of every gap between `units` (docs/outline.md §3).
pub(crate) fn gap_rows(
    units: Units,
    vocab: usize,
    params: &Params,
) -> Vec<[f64; learned::FEATURES]> {
    let similarity = similarities(units, vocab, params);
    let depth = depths_of(&similarity);
    let gain = learned::split_gains(units, vocab);
    learned::rows(
        units,
        &learned::GapScores {
            depth: &depth,
            similarity: &similarity,
            gain: &gain,
        },
    )
}

/// Texts up to [`OPTIMAL_MAX_UNITS`] paragraphs with a learned model: each gap's log-odds of
/// being a boundary less the model's prior is the gain of a section starting after it; the
/// starts with the largest total gain under the size rules win (linear dynamic programming).
fn learned_starts(
    units: Units,
    vocab: usize,
    params: &Params,
    model: &learned::BoundaryModel,
    runs: &[(usize, usize)],
    forced: &[usize],
    sizes: &Sizes,
) -> Vec<usize> {
    let rows = gap_rows(units, vocab, params);
    let mut gain: Vec<f64> = std::iter::once(NO_START)
        .chain(rows.iter().map(|r| model.logit(r) - model.prior))
        .collect();
    for &(a, b) in runs {
        for g in gain.iter_mut().take(b + 1).skip(a + 1) {
            *g = NO_START;
        }
    }
    for &s in &forced[1..] {
        gain[s] = FORCED;
    }
    let starts = sizes.best_starts(&gain);
    strongest(starts, &gain, params.max_sections)
}

/// At most `cap` sections: the starts with the largest gains (and the first) are kept.
fn strongest(starts: Vec<usize>, gain: &[f64], cap: usize) -> Vec<usize> {
    let cap = cap.max(1);
    if starts.len() <= cap {
        return starts;
    }
    let mut by_gain: Vec<usize> = starts[1..].to_vec();
    by_gain.sort_by(|&a, &b| {
        let known = |g: f64| if g.is_nan() { 0.0 } else { g };
        let (ga, gb) = (known(gain[a]), known(gain[b]));
        gb.total_cmp(&ga).then(a.cmp(&b))
    });
    by_gain.truncate(cap - 1);
    by_gain.push(0);
    by_gain.sort_unstable();
    by_gain
}

/// Short texts: the best split overall (dynamic programming over every paragraph gap), each
/// gap priced by its cue and its depth; `forced` run edges always start a section.
fn optimal_starts(
    units: Units,
    vocab: usize,
    params: &Params,
    runs: &[(usize, usize)],
    forced: &[usize],
    sizes: &Sizes,
) -> Vec<usize> {
    let depth = depths(units, vocab, params);
    let max = depth
        .iter()
        .copied()
        .fold(0.0, f64::max)
        .max(f64::MIN_POSITIVE);
    let mut price: Vec<Price> = (0..units.len())
        .map(|i| {
            (i > 0).then(|| {
                cue_price(units, i, params.cue_weight) - params.depth_weight * depth[i - 1] / max
            })
        })
        .collect();
    for &(a, b) in runs {
        for p in price.iter_mut().take(b + 1).skip(a + 1) {
            *p = None;
        }
    }
    for &s in &forced[1..] {
        price[s] = Some(-FORCED);
    }
    optimal::split(units, vocab, &price, params.prior_weight, |j, i| {
        sizes.fits(j, i)
    })
}

/// Long texts: boundaries where the depth score, moved by the next paragraph's cue, stands
/// `threshold_sd` deviations above its mean; at most `max_sections`, the strongest kept.
fn threshold_starts(
    units: Units,
    depth: &[f64],
    params: &Params,
    runs: &[(usize, usize)],
    starts: Vec<usize>,
    sizes: &Sizes,
) -> Vec<usize> {
    let max = depth.iter().copied().fold(0.0, f64::max);
    if max <= 0.0 {
        return starts;
    }
    let mut inside = vec![false; depth.len()];
    for &(a, b) in runs {
        for g in inside.iter_mut().take(b).skip(a) {
            *g = true;
        }
    }
    // Scores are computed where they are read, not kept: a long text has millions of gaps.
    let score = |g: usize| depth[g] / max + cue_bonus(units, g + 1, params.cue_weight);
    let free = || (0..depth.len()).filter(|&g| !inside[g]).map(score);
    let m = f64_of(free().count().max(1));
    let mean = free().sum::<f64>() / m;
    let sd = (free().map(|d| (d - mean) * (d - mean)).sum::<f64>() / m).sqrt();
    let cutoff = mean + params.threshold_sd * sd;
    let mut gain: Vec<f64> = vec![NO_START; units.len()];
    for g in 0..depth.len() {
        if !inside[g] && depth[g] > 0.0 && score(g) > cutoff {
            gain[g + 1] = score(g) - cutoff;
        }
    }
    for &s in &starts[1..] {
        gain[s] = FORCED;
    }
    let starts = sizes.best_starts(&gain);
    strongest(starts, &gain, params.max_sections)
}
