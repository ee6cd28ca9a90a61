//! Search: matches as byte ranges in text coordinates (block index, byte range of its text).
//!
//! Pure and UI-free. A [`Query`] compiles to a [`Matcher`]; [`find_all`] lists every match,
//! [`Scan`] does the same in time slices for the event loop, [`Seek`] finds the first match
//! from a place in slices ([`find_from`] at once), both on two threads over long stretches of
//! text, and [`next_match`] / [`prev_match`] move through a sorted list.
//! [`terms`] finds recurring phrases (key terms) in a document.

mod query;
mod scan;
pub mod terms;

use std::ops::Range;

use crate::document::Document;

pub use query::{Matcher, Query};
pub use scan::{Scan, Seek, Sought, find_from};
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

#[cfg(test)]
mod tests;
