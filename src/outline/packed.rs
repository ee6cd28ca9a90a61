//! Term vectors packed into 32-bit words: half the memory of `(u32, u32)` pairs.
//!
//! A pair `(term id, frequency)` is one word `id << 8 | tf` when the id is below 2²⁴ and the
//! frequency below 256 (nearly always: a 20 MB text uses a few thousand terms); otherwise it is
//! the escape word 0 followed by the id and the frequency. A frequency is never 0, so no packed
//! pair is 0.

/// Largest id packed in one word, plus one.
const ID_LIMIT: u32 = 1 << 24;
/// Largest frequency packed in one word, plus one.
const TF_LIMIT: u32 = 1 << 8;
/// The word before an escaped pair.
const ESCAPE: u32 = 0;

/// Append the pair `(id, tf)` (`tf` at least 1) to `out`.
pub(crate) fn push(out: &mut Vec<u32>, id: u32, tf: u32) {
    if id < ID_LIMIT && tf > 0 && tf < TF_LIMIT {
        out.push(id << 8 | tf);
    } else {
        out.extend([ESCAPE, id, tf]);
    }
}

/// A packed term vector: `(term id, frequency)` pairs sorted by id.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Terms<'a>(pub(crate) &'a [u32]);

impl<'a> Terms<'a> {
    /// The pairs in order.
    pub(crate) fn iter(self) -> Pairs<'a> {
        Pairs(self.0)
    }
}

/// The pairs of a [`Terms`].
pub(crate) struct Pairs<'a>(&'a [u32]);

impl Iterator for Pairs<'_> {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        match *self.0 {
            [ESCAPE, id, tf, ref rest @ ..] => {
                self.0 = rest;
                Some((id, tf))
            }
            [word, ref rest @ ..] if word != ESCAPE => {
                self.0 = rest;
                Some((word >> 8, word & (TF_LIMIT - 1)))
            }
            _ => None,
        }
    }
}

/// Map the term ids of the vectors at `ranges` in `buf` through `map` (ids past its end stay),
/// keeping each sorted by id. In place, unless a new id no longer fits one word (more than 2²⁴
/// terms): from there on the vectors are written to a new buffer and `ranges` follow them.
/// The ranges are in order and the first starts at 0.
pub(crate) fn remap<'r>(
    mut buf: Vec<u32>,
    ranges: impl IntoIterator<Item = &'r mut std::ops::Range<usize>>,
    map: &[u32],
) -> Vec<u32> {
    let mut pairs: Vec<(u32, u32)> = Vec::new();
    let mut packed: Vec<u32> = Vec::new();
    let mut moved: Option<Vec<u32>> = None;
    for range in ranges {
        pairs.clear();
        pairs.extend(
            Terms(&buf[range.clone()])
                .iter()
                .map(|(t, tf)| (map.get(t as usize).copied().unwrap_or(t), tf)),
        );
        pairs.sort_unstable_by_key(|p| p.0);
        packed.clear();
        for &(t, tf) in &pairs {
            push(&mut packed, t, tf);
        }
        match &mut moved {
            None if packed.len() == range.len() => buf[range.clone()].copy_from_slice(&packed),
            _ => {
                let out = moved.get_or_insert_with(|| buf[..range.start].to_vec());
                let start = out.len();
                out.extend_from_slice(&packed);
                *range = start..out.len();
            }
        }
    }
    moved.unwrap_or(buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(pairs: &[(u32, u32)]) -> Vec<u32> {
        let mut out = Vec::new();
        for &(t, tf) in pairs {
            push(&mut out, t, tf);
        }
        out
    }

    #[test]
    fn pairs_come_back_as_they_went_in_even_past_the_packed_limits() {
        let pairs = [
            (0, 1),
            (1, 255),
            (2, 256),
            (ID_LIMIT - 1, 3),
            (ID_LIMIT, 1),
            (u32::MAX - 1, u32::MAX),
        ];
        let buf = pack(&pairs);
        assert_eq!(
            buf.len(),
            3 + 3 * 3,
            "small pairs take one word, the rest three"
        );
        assert_eq!(Terms(&buf).iter().collect::<Vec<_>>(), pairs);
        assert_eq!(Terms(&[]).iter().count(), 0);
    }

    #[test]
    fn remapping_keeps_vectors_sorted_and_moves_them_when_they_grow() {
        // Two vectors; the map reverses ids 0..3 and sends 3 past the one-word limit.
        let mut buf = pack(&[(0, 2), (1, 1), (2, 7)]);
        let second = buf.len();
        buf.extend(pack(&[(1, 300), (3, 1)]));
        let mut ranges = vec![0..second, second..buf.len()];
        let map = [2, 1, 0, ID_LIMIT + 5];
        let buf = remap(buf, &mut ranges, &map);
        let got: Vec<Vec<(u32, u32)>> = ranges
            .iter()
            .map(|r| Terms(&buf[r.clone()]).iter().collect())
            .collect();
        assert_eq!(
            got,
            [
                vec![(0, 7), (1, 1), (2, 2)],
                vec![(1, 300), (ID_LIMIT + 5, 1)]
            ]
        );
    }
}
