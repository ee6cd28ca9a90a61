//! Term vectors packed as bytes: about a byte per `(term id, frequency)` pair.
//!
//! A vector's pairs are sorted by id, so each id is written as its gap from the one before (the
//! first as itself). A pair is the variable-length integer (LEB128) of `gap << 1 | flag`, the
//! flag set when the frequency is not 1; the frequency then follows as its own variable-length
//! integer. Nearly every pair of a text fits one or two bytes: a quarter to a half of the four
//! bytes of a `u32` per pair.

/// Append `value` as a variable-length integer: 7 bits a byte, the high bit set on all but the
/// last.
fn push_varint(out: &mut Vec<u8>, mut value: u64) {
    while value >= 0x80 {
        out.push(u8::try_from(value & 0x7f).unwrap_or(0) | 0x80);
        value >>= 7;
    }
    out.push(u8::try_from(value).unwrap_or(0));
}

/// Read a variable-length integer from the front of `bytes`, advancing past it (0 at the end).
fn read_varint(bytes: &mut &[u8]) -> u64 {
    let mut value = 0u64;
    let mut shift = 0u32;
    while let [byte, rest @ ..] = *bytes {
        *bytes = rest;
        if shift < 64 {
            value |= u64::from(byte & 0x7f) << shift;
        }
        shift += 7;
        if byte & 0x80 == 0 {
            break;
        }
    }
    value
}

/// Append a vector: `pairs` sorted by id, each id distinct.
pub(crate) fn push_vector(out: &mut Vec<u8>, pairs: impl IntoIterator<Item = (u32, u32)>) {
    let mut prev = 0u32;
    for (id, tf) in pairs {
        let gap = u64::from(id.wrapping_sub(prev));
        prev = id;
        if tf == 1 {
            push_varint(out, gap << 1);
        } else {
            push_varint(out, (gap << 1) | 1);
            push_varint(out, u64::from(tf));
        }
    }
}

/// A packed term vector: `(term id, frequency)` pairs sorted by id.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Terms<'a>(pub(crate) &'a [u8]);

impl<'a> Terms<'a> {
    /// The pairs in order.
    pub(crate) fn iter(self) -> Pairs<'a> {
        Pairs {
            bytes: self.0,
            prev: 0,
        }
    }
}

/// The pairs of a [`Terms`].
pub(crate) struct Pairs<'a> {
    bytes: &'a [u8],
    prev: u32,
}

impl Iterator for Pairs<'_> {
    type Item = (u32, u32);

    fn next(&mut self) -> Option<(u32, u32)> {
        if self.bytes.is_empty() {
            return None;
        }
        let head = read_varint(&mut self.bytes);
        let gap = u32::try_from(head >> 1).unwrap_or(u32::MAX);
        let id = self.prev.wrapping_add(gap);
        self.prev = id;
        let tf = if head & 1 == 1 {
            u32::try_from(read_varint(&mut self.bytes)).unwrap_or(u32::MAX)
        } else {
            1
        };
        Some((id, tf))
    }
}

/// Append `terms` to `out` with its ids mapped through `map` (ids past its end stay), sorted
/// again by the new ids; `scratch` is a buffer kept between calls.
pub(crate) fn remap_into(
    out: &mut Vec<u8>,
    terms: Terms,
    map: &[u32],
    scratch: &mut Vec<(u32, u32)>,
) {
    scratch.clear();
    scratch.extend(
        terms
            .iter()
            .map(|(t, tf)| (map.get(t as usize).copied().unwrap_or(t), tf)),
    );
    scratch.sort_unstable_by_key(|p| p.0);
    push_vector(out, scratch.iter().copied());
}

#[cfg(test)]
mod tests {
    use super::*;

    fn pack(pairs: &[(u32, u32)]) -> Vec<u8> {
        let mut out = Vec::new();
        push_vector(&mut out, pairs.iter().copied());
        out
    }

    #[test]
    fn pairs_come_back_as_they_went_in_even_at_the_limits() {
        let pairs = [
            (0, 1),
            (1, 255),
            (2, 256),
            (63, 1),
            (200, 3),
            (1 << 24, 1),
            (u32::MAX - 1, u32::MAX),
        ];
        let buf = pack(&pairs);
        assert_eq!(Terms(&buf).iter().collect::<Vec<_>>(), pairs);
        assert_eq!(Terms(&[]).iter().count(), 0);
    }

    #[test]
    fn close_ids_seen_once_take_a_byte_each() {
        let pairs: Vec<(u32, u32)> = (0..50).map(|i| (3 * i + 1, 1)).collect();
        assert_eq!(pack(&pairs).len(), 50);
    }

    #[test]
    fn remapping_keeps_vectors_sorted_by_the_new_ids() {
        let buf = pack(&[(0, 2), (1, 1), (2, 7), (3, 1)]);
        let map = [2, 1, 0, (1 << 24) + 5];
        let (mut out, mut scratch) = (vec![9u8], Vec::new());
        remap_into(&mut out, Terms(&buf), &map, &mut scratch);
        assert_eq!(out[0], 9, "appended after what was there");
        assert_eq!(
            Terms(&out[1..]).iter().collect::<Vec<_>>(),
            [(0, 7), (1, 1), (2, 2), ((1 << 24) + 5, 1)]
        );
    }
}
