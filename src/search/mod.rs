//! Search: matches as byte ranges in text coordinates (stub with the final API).

use std::ops::Range;
use std::time::{Duration, Instant};

use crate::document::{Block, Document};

/// What the reader typed.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The query text.
    pub text: String,
    /// Regex mode.
    pub regex: bool,
}

/// One match.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Match {
    /// Block index.
    pub block: usize,
    /// Byte range in the block's text.
    pub byte_range: Range<usize>,
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Matcher {
    re: regex::Regex,
    case_sensitive: bool,
}

impl Matcher {
    /// Compile a query.
    ///
    /// # Errors
    /// A readable message when the pattern is empty or invalid.
    pub fn new(query: &Query) -> Result<Self, String> {
        if query.text.trim().is_empty() {
            return Err("empty".into());
        }
        let case_sensitive = query.text.chars().any(char::is_uppercase);
        let pattern = if query.regex {
            query.text.clone()
        } else {
            regex::escape(&query.text)
        };
        let re = regex::RegexBuilder::new(&pattern)
            .case_insensitive(!case_sensitive)
            .build()
            .map_err(|e| e.to_string())?;
        Ok(Self { re, case_sensitive })
    }

    /// Append matches in one block.
    pub fn find_in_block(&self, block: usize, text: &str, out: &mut Vec<Match>) {
        for m in self.re.find_iter(text) {
            if !m.is_empty() {
                out.push(Match {
                    block,
                    byte_range: m.range(),
                });
            }
        }
    }

    /// Smart case result.
    #[must_use]
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }
}

/// All matches.
#[must_use]
pub fn find_all(matcher: &Matcher, doc: &Document) -> Vec<Match> {
    let mut out = Vec::new();
    for (i, b) in doc.blocks.iter().enumerate() {
        matcher.find_in_block(i, &b.text, &mut out);
    }
    out
}

/// Time-sliced scan.
#[derive(Debug)]
pub struct Scan {
    /// The matcher.
    pub matcher: Matcher,
    /// Next block to scan.
    pub next_block: usize,
    /// Matches so far.
    pub matches: Vec<Match>,
}

impl Scan {
    /// New scan.
    #[must_use]
    pub fn new(matcher: Matcher) -> Self {
        Self {
            matcher,
            next_block: 0,
            matches: Vec::new(),
        }
    }

    /// Scan for up to `budget`; true when finished.
    pub fn step(&mut self, blocks: &[Block], budget: Duration) -> bool {
        let start = Instant::now();
        while self.next_block < blocks.len() {
            let i = self.next_block;
            self.matcher
                .find_in_block(i, &blocks[i].text, &mut self.matches);
            self.next_block += 1;
            if start.elapsed() >= budget {
                break;
            }
        }
        self.next_block >= blocks.len()
    }
}

/// Next match at or after.
#[must_use]
pub fn next_match(matches: &[Match], block: usize, byte: usize) -> Option<(usize, bool)> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| (m.block, m.byte_range.start) < (block, byte));
    if i < matches.len() {
        Some((i, false))
    } else {
        Some((0, true))
    }
}

/// Last match strictly before.
#[must_use]
pub fn prev_match(matches: &[Match], block: usize, byte: usize) -> Option<(usize, bool)> {
    if matches.is_empty() {
        return None;
    }
    let i = matches.partition_point(|m| (m.block, m.byte_range.start) < (block, byte));
    if i > 0 {
        Some((i - 1, false))
    } else {
        Some((matches.len() - 1, true))
    }
}

/// First match at or after, scanning.
#[must_use]
pub fn find_from(
    matcher: &Matcher,
    blocks: &[Block],
    block: usize,
    byte: usize,
) -> Option<(Match, bool)> {
    let mut buf = Vec::new();
    for i in block..blocks.len() {
        buf.clear();
        matcher.find_in_block(i, &blocks[i].text, &mut buf);
        if let Some(m) = buf.iter().find(|m| i > block || m.byte_range.start >= byte) {
            return Some((m.clone(), false));
        }
    }
    for i in 0..=block.min(blocks.len().saturating_sub(1)) {
        buf.clear();
        matcher.find_in_block(i, &blocks[i].text, &mut buf);
        if let Some(m) = buf.first() {
            return Some((m.clone(), true));
        }
    }
    None
}

/// Key terms.
pub mod terms {
    use super::Query;
    use crate::document::Document;

    /// A recurring phrase.
    #[derive(Clone, Debug, PartialEq, Eq)]
    pub struct Term {
        /// The phrase.
        pub phrase: String,
        /// Occurrences.
        pub count: usize,
    }

    /// Recurring phrases.
    #[must_use]
    pub fn key_terms(_doc: &Document, _max: usize) -> Vec<Term> {
        Vec::new()
    }

    /// The query for a term.
    #[must_use]
    pub fn term_query(term: &Term) -> Query {
        Query {
            text: term.phrase.to_lowercase(),
            regex: false,
        }
    }
}
