//! The most probable split of a text into sections (Utiyama and Isahara 2001): every section is
//! a bag of words drawn from its own distribution, each section costs a prior, and dynamic
//! programming finds the split with the smallest total description length. Discourse cues
//! lower (signposts) or raise (continuations) the price of a boundary.

use super::corpus::Units;
use super::cues::Cue;
use super::text::f64_of;

/// A boundary before unit `i`: its extra price, as a fraction of the prior (negative is cheaper),
/// or `None` when no section may start there.
pub(crate) type Price = Option<f64>;

/// The price factor of a boundary before unit `next`, from the discourse cue of its opening.
pub(crate) fn cue_price(units: Units, next: usize, weight: f64) -> f64 {
    let prev_enumerates = next > 0 && units.cue(next - 1) == Cue::Enumerator;
    match units.cue(next) {
        Cue::Enumerator if prev_enumerates => weight,
        Cue::Signpost | Cue::Enumerator => -weight,
        Cue::Continuation => weight,
        Cue::Weak => weight / 2.0,
        Cue::None => 0.0,
    }
}

/// The units' token count, how many distinct terms they use, and the size of the term-count
/// table (one past the largest term id, at most `vocab`).
pub(crate) fn vocabulary(units: Units, vocab: usize) -> (u64, f64, usize) {
    let all = || (0..units.len()).flat_map(move |i| units.terms(i).iter());
    let tokens: u64 = all().map(|(_, tf)| u64::from(tf)).sum();
    let v = all()
        .map(|(t, _)| t)
        .max()
        .map_or(1, |m| m as usize + 1)
        .min(vocab.max(1));
    let mut seen = vec![false; v];
    let mut distinct = 0usize;
    for (t, _) in all() {
        if let Some(s) = seen.get_mut(t as usize)
            && !*s
        {
            *s = true;
            distinct += 1;
        }
    }
    (tokens, f64_of(distinct.max(1)), v)
}

/// Section starts (sorted, from 0) of the split with the smallest cost.
///
/// `price[i]` (for `i` in `1..n`) is the price factor of a boundary before unit `i`; the cost of a
/// boundary is `prior × ln(words) × (1 + price)`. `fits(j, i)` says whether units `j..i` may form
/// a section that is not the first.
pub(crate) fn split(
    units: Units,
    vocab: usize,
    price: &[Price],
    prior: f64,
    fits: impl Fn(usize, usize) -> bool,
) -> Vec<usize> {
    let n = units.len();
    if n == 0 {
        return vec![0];
    }
    let (tokens, distinct, v) = vocabulary(units, vocab);
    let boundary = prior * f64_of(usize::try_from(tokens.max(2)).unwrap_or(usize::MAX)).ln();
    let mut best = vec![f64::INFINITY; n + 1];
    let mut back = vec![0usize; n + 1];
    best[0] = 0.0;
    let mut counts = vec![0u32; v];
    let mut touched: Vec<u32> = Vec::new();
    for j in 0..n {
        let start_cost = if j == 0 {
            0.0
        } else {
            match price.get(j).copied().flatten() {
                Some(p) => boundary * (1.0 + p),
                None => continue,
            }
        };
        if !best[j].is_finite() {
            continue;
        }
        for &t in &touched {
            counts[t as usize] = 0;
        }
        touched.clear();
        // ln-likelihood terms: cost(j, i) = len × ln(len + V) − Σ c × ln(c + 1).
        let (mut len, mut sum) = (0f64, 0f64);
        for i in j + 1..=n {
            for (t, tf) in units.terms(i - 1).iter() {
                let Some(c) = counts.get_mut(t as usize) else {
                    continue;
                };
                if *c == 0 {
                    touched.push(t);
                }
                let old = f64::from(*c);
                *c += tf;
                let new = f64::from(*c);
                sum += new * (new + 1.0).ln() - old * (old + 1.0).ln();
                len += f64::from(tf);
            }
            if j > 0 && !fits(j, i) {
                continue;
            }
            let cost = len * (len + distinct).ln() - sum;
            let total = best[j] + start_cost + cost;
            if total < best[i] {
                best[i] = total;
                back[i] = j;
            }
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
