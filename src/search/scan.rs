//! Searching a long document without blocking the reader: [`Scan`] counts every match and
//! [`Seek`] finds the first match from a place, both resumable in time slices and run over two
//! threads side by side where there is more than a chunk of text left.

use std::ops::Range;
use std::time::{Duration, Instant};

use super::{Match, Matcher};
use crate::document::Block;

/// Text one thread searches per round (a round searches two such chunks side by side): large
/// enough that starting the second thread costs little, small enough to keep a slice short.
/// The unit tests use small chunks so that short texts take many rounds on both threads.
const CHUNK_BYTES: usize = if cfg!(test) { 64 } else { 1 << 20 };

/// The end of the chunk of blocks from `start`: about [`CHUNK_BYTES`] of text, at least one
/// block.
fn chunk_end(blocks: &[Block], start: usize) -> usize {
    let mut bytes = 0;
    let mut end = start;
    while end < blocks.len() && (end == start || bytes < CHUNK_BYTES) {
        bytes += blocks[end].text.len();
        end += 1;
    }
    end
}

/// `f` on the chunk from `start` and, when text follows it, on the next chunk on a second
/// thread at the same time: both results in order, and where the chunks end.
fn two_chunks<T: Send>(
    blocks: &[Block],
    start: usize,
    f: impl Fn(Range<usize>) -> T + Sync,
) -> (T, Option<T>, usize) {
    let mid = chunk_end(blocks, start);
    if mid >= blocks.len() {
        return (f(start..mid), None, mid);
    }
    let end = chunk_end(blocks, mid);
    std::thread::scope(|scope| {
        let f = &f;
        let second = std::thread::Builder::new().spawn_scoped(scope, move || f(mid..end));
        let first = f(start..mid);
        let second = match second {
            Ok(handle) => handle
                .join()
                .unwrap_or_else(|panic| std::panic::resume_unwind(panic)),
            // No second thread to be had: search its chunk here.
            Err(_) => f(mid..end),
        };
        (first, Some(second), end)
    })
}

/// Incremental, time-sliced counting for the event loop.
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

    /// Scan blocks from `next_block` until `budget` has elapsed (at least one round per call)
    /// or the end; returns true when every block has been scanned.
    pub fn step(&mut self, blocks: &[Block], budget: Duration) -> bool {
        let start = Instant::now();
        while self.next_block < blocks.len() {
            let matcher = &self.matcher;
            let (first, second, end) = two_chunks(blocks, self.next_block, |range| {
                let mut found = Vec::new();
                for i in range {
                    matcher.find_in_block(i, &blocks[i].text, &mut found);
                }
                found
            });
            self.matches.extend(first);
            self.matches.extend(second.into_iter().flatten());
            self.next_block = end;
            if start.elapsed() >= budget {
                break;
            }
        }
        self.next_block >= blocks.len()
    }
}

/// Where a [`Seek`] stands after a slice.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Sought {
    /// The first match from the place; true when it was found after wrapping to the top.
    Found(Match, bool),
    /// No match anywhere.
    Nowhere,
    /// Not found yet: more slices to go.
    Going,
}

/// The first match at or after a place, looked for in slices: from the place to the end, then
/// from the top round to the place (wrapped). The match is the one [`super::find_all`] would
/// list first from there.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Seek {
    /// The place: (block, byte).
    from: (usize, usize),
    /// The next block to search.
    at: usize,
    /// Searching from the top, back round to the place.
    wrapped: bool,
}

impl Seek {
    /// A search from (`block`, `byte`).
    #[must_use]
    pub fn new(block: usize, byte: usize) -> Self {
        Self {
            from: (block, byte),
            at: block,
            wrapped: false,
        }
    }

    /// Go on from where `earlier`, a seek from the same place for a query this one extends
    /// (a literal with more typed after it: each of its matches starts where one of the
    /// earlier query's does), stood or found its match (in `found`'s block): nothing before
    /// that can match.
    #[must_use]
    pub fn resume(earlier: Self, found: Option<&Match>) -> Self {
        match found {
            Some(m) => Self {
                at: m.block,
                wrapped: earlier.wrapped || (m.block, m.byte_range.start) < earlier.from,
                ..earlier
            },
            None => earlier,
        }
    }

    /// Look for about `budget` (at least one round).
    pub fn step(&mut self, matcher: &Matcher, blocks: &[Block], budget: Duration) -> Sought {
        let start = Instant::now();
        loop {
            let limit = if self.wrapped {
                (self.from.0 + 1).min(blocks.len())
            } else {
                blocks.len()
            };
            if self.at >= limit {
                if self.wrapped || blocks.is_empty() {
                    return Sought::Nowhere;
                }
                (self.at, self.wrapped) = (0, true);
                continue;
            }
            let (from, wrapped) = (self.from, self.wrapped);
            let first = |range: Range<usize>| {
                range.into_iter().find_map(|i| {
                    let byte = if !wrapped && i == from.0 { from.1 } else { 0 };
                    let byte_range = matcher.first_from(&blocks[i].text, byte)?;
                    Some(Match {
                        block: i,
                        byte_range,
                    })
                })
            };
            let (found, later, end) = two_chunks(&blocks[..limit], self.at, first);
            if let Some(m) = found.or(later.flatten()) {
                return Sought::Found(m, wrapped);
            }
            self.at = end;
            if start.elapsed() >= budget {
                return Sought::Going;
            }
        }
    }

    /// Where the search started.
    #[must_use]
    pub fn place(&self) -> (usize, usize) {
        self.from
    }
}

/// First match at or after (block, byte), wrapping to the start, found at once (see [`Seek`]).
/// Returns the match and whether it wrapped.
#[must_use]
pub fn find_from(
    matcher: &Matcher,
    blocks: &[Block],
    block: usize,
    byte: usize,
) -> Option<(Match, bool)> {
    let mut seek = Seek::new(block, byte);
    loop {
        match seek.step(matcher, blocks, Duration::MAX) {
            Sought::Found(m, wrapped) => return Some((m, wrapped)),
            Sought::Nowhere => return None,
            Sought::Going => {}
        }
    }
}
