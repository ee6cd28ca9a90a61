//! Text anchors: a position (block, byte) plus a fingerprint of the text around it, and the
//! re-anchoring that finds the same passage after the document was edited.
//!
//! An anchor remembers up to [`BEFORE_CHARS`] characters before the position and
//! [`AFTER_CHARS`] after it, both within the block. Resolving tries, in order: the stored place
//! itself; the whole fingerprint anywhere in the document (the occurrence nearest the stored
//! block wins, so repeated text does not jump far); the text after the position alone; the text
//! before it alone; and finally the nearest place that still exists (the stored block index
//! clamped to the document). It never fails.

use serde::{Deserialize, Serialize};

use crate::document::Document;
use crate::layout::Pos;

/// Characters of context kept before the position.
pub const BEFORE_CHARS: usize = 32;
/// Characters of context kept from the position on.
pub const AFTER_CHARS: usize = 64;
/// A one-sided fingerprint shorter than this many bytes is too common to search for alone.
const MIN_SIDE_BYTES: usize = 12;

/// A position anchored to the text: where it was, and the text around it.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Anchor {
    /// Block index when the anchor was made.
    pub block: usize,
    /// Byte offset into that block's text (at a character boundary).
    pub byte: usize,
    /// Up to [`BEFORE_CHARS`] characters of the block's text just before `byte`.
    #[serde(default)]
    pub before: String,
    /// Up to [`AFTER_CHARS`] characters of the block's text from `byte` on.
    #[serde(default)]
    pub after: String,
}

/// How an anchor was found again.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Found {
    /// At the stored place, with the same text around it.
    Exact,
    /// The same text, found elsewhere (the document was edited above it).
    Moved,
    /// The text is gone: the nearest remaining place.
    Nearest,
}

/// The largest char boundary of `text` that is at most `byte`.
#[must_use]
pub fn floor_boundary(text: &str, byte: usize) -> usize {
    let mut b = byte.min(text.len());
    while b > 0 && !text.is_char_boundary(b) {
        b -= 1;
    }
    b
}

impl Anchor {
    /// The anchor of `pos` in `doc`. A position past the end of its block (the gap line) is
    /// taken as the end of the block; a block index past the end as the last block.
    #[must_use]
    pub fn capture(doc: &Document, pos: Pos) -> Self {
        let Some(last) = doc.blocks.len().checked_sub(1) else {
            return Self::default();
        };
        let block = pos.block.min(last);
        let text = &doc.blocks[block].text;
        let byte = floor_boundary(text, pos.byte);
        let start = text[..byte]
            .char_indices()
            .rev()
            .nth(BEFORE_CHARS - 1)
            .map_or(0, |(i, _)| i);
        let end = text[byte..]
            .char_indices()
            .nth(AFTER_CHARS)
            .map_or(text.len(), |(i, _)| byte + i);
        Self {
            block,
            byte,
            before: text[start..byte].to_owned(),
            after: text[byte..end].to_owned(),
        }
    }

    /// True when the text at the stored place still matches the fingerprint.
    #[must_use]
    pub fn holds_in(&self, doc: &Document) -> bool {
        doc.blocks
            .get(self.block)
            .is_some_and(|b| self.holds_at(&b.text))
    }

    /// True when `text` (a block's) reads the fingerprint at the stored offset.
    #[must_use]
    pub fn holds_at(&self, text: &str) -> bool {
        text.is_char_boundary(self.byte)
            && text[self.byte..].starts_with(&self.after)
            && text[..self.byte].ends_with(&self.before)
    }

    /// Where this anchor is in `doc` now, and how it was found. Never fails: an empty document
    /// gives the start.
    #[must_use]
    pub fn resolve(&self, doc: &Document) -> (Pos, Found) {
        if doc.blocks.is_empty() {
            return (Pos::default(), Found::Nearest);
        }
        if self.holds_in(doc) {
            return (
                Pos {
                    block: self.block,
                    byte: self.byte,
                },
                Found::Exact,
            );
        }
        let whole = format!("{}{}", self.before, self.after);
        if !whole.is_empty() {
            if let Some(pos) = self.nearest_occurrence(doc, &whole, self.before.len()) {
                return (pos, Found::Moved);
            }
        }
        if self.after.len() >= MIN_SIDE_BYTES {
            if let Some(pos) = self.nearest_occurrence(doc, &self.after, 0) {
                return (pos, Found::Moved);
            }
        }
        if self.before.len() >= MIN_SIDE_BYTES {
            if let Some(pos) = self.nearest_occurrence(doc, &self.before, self.before.len()) {
                return (pos, Found::Moved);
            }
        }
        let block = self.block.min(doc.blocks.len() - 1);
        let byte = if block == self.block {
            floor_boundary(&doc.blocks[block].text, self.byte)
        } else {
            0
        };
        (Pos { block, byte }, Found::Nearest)
    }

    /// The occurrence of `needle` nearest to the stored place (by block distance, then by byte
    /// distance), as the position `shift` bytes into the match. Blocks are visited outwards from
    /// the stored block, so the usual case (a few paragraphs added or removed) stops early.
    fn nearest_occurrence(&self, doc: &Document, needle: &str, shift: usize) -> Option<Pos> {
        let n = doc.blocks.len();
        let home = self.block.min(n - 1);
        let find_in = |block: usize| -> Option<Pos> {
            let text = &doc.blocks[block].text;
            text.match_indices(needle)
                .map(|(i, _)| i + shift)
                .min_by_key(|&i| i.abs_diff(self.byte))
                .map(|byte| Pos { block, byte })
        };
        if let Some(pos) = find_in(home) {
            return Some(pos);
        }
        for d in 1..n {
            let below = home.checked_add(d).filter(|&b| b < n);
            let above = home.checked_sub(d);
            if below.is_none() && above.is_none() {
                break;
            }
            // Text is more often inserted above than removed, so look below first.
            if let Some(pos) = below.and_then(find_in) {
                return Some(pos);
            }
            if let Some(pos) = above.and_then(find_in) {
                return Some(pos);
            }
        }
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind};

    fn doc(paras: &[&str]) -> Document {
        Document {
            blocks: paras
                .iter()
                .map(|p| Block::new(BlockKind::Paragraph, *p))
                .collect(),
            ..Document::default()
        }
    }

    const A: &str =
        "Call me Ishmael. Some years ago, never mind how long precisely, having little money.";
    const B: &str = "It is a way I have of driving off the spleen and regulating the circulation.";
    const C: &str =
        "Whenever I find myself growing grim about the mouth; whenever it is a damp November.";

    #[test]
    fn exact_place_is_found_where_it_was() {
        let d = doc(&[A, B, C]);
        let a = Anchor::capture(&d, Pos { block: 1, byte: 9 });
        assert_eq!(a.before, "It is a w");
        assert!(a.after.starts_with("ay I have"));
        assert_eq!(a.resolve(&d), (Pos { block: 1, byte: 9 }, Found::Exact));
    }

    #[test]
    fn paragraphs_added_above_move_the_anchor_with_its_text() {
        let d = doc(&[A, B, C]);
        let a = Anchor::capture(&d, Pos { block: 2, byte: 20 });
        let edited = doc(&["New one.", "New two.", "New three.", A, B, C]);
        assert_eq!(
            a.resolve(&edited),
            (Pos { block: 5, byte: 20 }, Found::Moved)
        );
        let removed = doc(&[B, C]);
        assert_eq!(
            a.resolve(&removed),
            (Pos { block: 1, byte: 20 }, Found::Moved)
        );
    }

    #[test]
    fn an_edit_inside_the_paragraph_before_the_anchor_still_finds_it() {
        let d = doc(&[A, B, C]);
        let a = Anchor::capture(&d, Pos { block: 2, byte: 53 });
        let c2 = C.replace("Whenever I find", "Whenever, reader, I find");
        let edited = doc(&[A, B, &c2]);
        let (pos, found) = a.resolve(&edited);
        assert_eq!(found, Found::Moved);
        assert!(edited.blocks[2].text[pos.byte..].starts_with("whenever it is"));
    }

    #[test]
    fn a_deleted_passage_gives_the_nearest_place() {
        let d = doc(&[A, B, C]);
        let a = Anchor::capture(&d, Pos { block: 2, byte: 10 });
        let edited = doc(&[A, "Something else entirely."]);
        assert_eq!(
            a.resolve(&edited),
            (Pos { block: 1, byte: 0 }, Found::Nearest)
        );
        assert_eq!(a.resolve(&Document::default()).1, Found::Nearest);
    }

    #[test]
    fn repeated_text_resolves_to_the_nearest_copy() {
        let d = doc(&[A, B, A, B, A]);
        let a = Anchor::capture(&d, Pos { block: 3, byte: 0 });
        let edited = doc(&["x", A, B, A, B, A]);
        assert_eq!(a.resolve(&edited).0, Pos { block: 4, byte: 0 });
    }

    #[test]
    fn capture_clamps_and_respects_char_boundaries() {
        let d = doc(&["日本語の文章です。とても長い。"]);
        let a = Anchor::capture(&d, Pos { block: 5, byte: 4 });
        assert_eq!(a.block, 0);
        assert_eq!(a.byte, 3);
        assert_eq!(a.before, "日");
        let gap = Anchor::capture(
            &d,
            Pos {
                block: 0,
                byte: 999,
            },
        );
        assert_eq!(gap.after, "");
        assert_eq!(gap.resolve(&d).1, Found::Exact);
    }

    #[test]
    fn a_corrupt_anchor_never_panics() {
        let d = doc(&["日本語"]);
        let a = Anchor {
            block: 0,
            byte: 1,
            before: String::new(),
            after: "x".into(),
        };
        assert_eq!(a.resolve(&d), (Pos { block: 0, byte: 0 }, Found::Nearest));
    }
}
