//! Search: matches as byte ranges in text coordinates (block index, byte range of its text).
//!
//! Pure and UI-free. A [`Query`] compiles to a [`Matcher`]; [`find_all`] lists every match,
//! [`Scan`] does the same in time slices for the event loop, [`find_from`] jumps to the next
//! match without the full list, and [`next_match`] / [`prev_match`] move through a sorted list.
//! [`terms`] finds recurring phrases (key terms) in a document.

mod query;
pub mod terms;

use std::ops::Range;
use std::time::{Duration, Instant};

use crate::document::{Block, Document};

pub use query::{Matcher, Query};
pub use terms::{Term, key_terms, term_query};

/// One match: a byte range (on char boundaries) of one block's text.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Match {
    /// Index of the block in [`Document::blocks`].
    pub block: usize,
    /// Byte range in that block's text; never empty.
    pub byte_range: Range<usize>,
}

impl Match {
    /// Sort key: (block, start byte).
    fn key(&self) -> (usize, usize) {
        (self.block, self.byte_range.start)
    }
}

/// All matches in a document, in reading order.
#[must_use]
pub fn find_all(matcher: &Matcher, doc: &Document) -> Vec<Match> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        matcher.find_in_block(i, &b.text, &mut out);
    }
    out
}

/// Incremental, time-sliced scanning for the event loop.
#[derive(Clone, Debug)]
pub struct Scan {
    /// The compiled query.
    pub matcher: Matcher,
    /// The next block to scan.
    pub next_block: usize,
    /// Matches found so far, in order.
    pub matches: Vec<Match>,
}

impl Scan {
    /// A scan from the first block.
    #[must_use]
    pub fn new(m: Matcher) -> Self {
        Self {
            matcher: m,
            next_block: 0,
            matches: Vec::new(),
        }
    }

    /// Scan blocks from `next_block` until `budget` has elapsed (at least one block per call)
    /// or the end; returns true when every block has been scanned.
    pub fn step(&mut self, blocks: &[Block], budget: Duration) -> bool {
        let start = Instant::now();
        while let Some(b) = blocks.get(self.next_block) {
            self.matcher
                .find_in_block(self.next_block, &b.text, &mut self.matches);
            self.next_block += 1;
            if start.elapsed() >= budget {
                break;
            }
        }
        self.next_block >= blocks.len()
    }
}

/// Index of the first match at or after (block, byte) in a sorted match list, wrapping to the
/// first match; `None` if the list is empty. The flag is true when it wrapped. O(log n).
#[must_use]
pub fn next_match(matches: &[Match], block: usize, byte: usize) -> Option<(usize, bool)> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.key() < (block, byte));
    if i == matches.len() {
        Some((0, true))
    } else {
        Some((i, false))
    }
}

/// Index of the last match strictly before (block, byte) in a sorted match list, wrapping to
/// the last match; `None` if the list is empty. The flag is true when it wrapped. O(log n).
#[must_use]
pub fn prev_match(matches: &[Match], block: usize, byte: usize) -> Option<(usize, bool)> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| m.key() < (block, byte));
    if i == 0 {
        Some((matches.len() - 1, true))
    } else {
        Some((i - 1, false))
    }
}

/// First match at or after (block, byte), scanning the blocks directly (no full list needed);
/// wraps to the start. Returns the match and whether it wrapped. The match is the same one
/// [`find_all`] would list.
#[must_use]
pub fn find_from(
    matcher: &Matcher,
    blocks: &[Block],
    block: usize,
    byte: usize,
) -> Option<(Match, bool)> {
    let hit = |i: usize, from: usize| {
        blocks
            .get(i)
            .and_then(|b| matcher.first_from(&b.text, from))
            .map(|r| Match {
                block: i,
                byte_range: r,
            })
    };
    if block < blocks.len() {
        if let Some(m) = hit(block, byte) {
            return Some((m, false));
        }
        if let Some(m) = (block + 1..blocks.len()).find_map(|i| hit(i, 0)) {
            return Some((m, false));
        }
    }
    // Wrap: from the top up to and including the start block (its matches before `byte`).
    let end = block.min(blocks.len().saturating_sub(1));
    (0..=end).find_map(|i| hit(i, 0)).map(|m| (m, true))
}

#[cfg(test)]
mod tests;
