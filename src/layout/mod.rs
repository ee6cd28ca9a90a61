//! Wrapping blocks to a width: lines as byte ranges into the block's text, display-width correct.
//!
//! Layout is per block and lazy: [`LayoutCache`] wraps a block the first time it is needed at the
//! current width and keeps the result until the width changes. Positions stay in text coordinates
//! ([`Pos`]); nothing here stores a document-wide line number.

// One empty line `0..0` is the layout of an empty block: a one-range Vec is meant here.
#![allow(clippy::single_range_in_vec_init)]

pub mod table;
pub mod verbatim;
pub mod words;
mod wrap;

pub use wrap::wrap_text;
pub(crate) use wrap::{Piece, fit_lines, longest_word, pieces, split_long};
use wrap::{wrap_hard, wrap_lines};

use std::collections::HashMap;
use std::ops::Range;

use ratatui::buffer::CellWidth;
use textwrap::core::Fragment;
use textwrap::wrap_algorithms::{Penalties, wrap_first_fit, wrap_optimal_fit};
use unicode_segmentation::UnicodeSegmentation;

use crate::document::{Block, BlockKind, Document};
pub use table::Segment;

pub mod justify;

/// A position in the document: a block and a byte offset into its text.
///
/// As the top of the view it is the start of a wrapped line; `byte == text.len() + 1` stands for
/// the blank gap line after the block.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Pos {
    /// Block index.
    pub block: usize,
    /// Byte offset into the block's text.
    pub byte: usize,
}

impl Pos {
    /// A position at the start of a block.
    #[must_use]
    pub const fn block_start(block: usize) -> Self {
        Self { block, byte: 0 }
    }
}

/// Display width of a string in terminal columns, summed per grapheme exactly as ratatui's
/// buffer measures cells.
#[must_use]
pub fn display_width(text: &str) -> usize {
    if text.is_ascii() {
        return text.len();
    }
    text.graphemes(true).map(grapheme_width).sum()
}

/// Columns one grapheme takes on screen.
fn grapheme_width(grapheme: &str) -> usize {
    usize::from(grapheme.cell_width())
}

/// Columns of indentation before a block's text (quotes and list nesting), and the marker width.
#[must_use]
pub fn block_indent(block: &Block) -> (usize, usize) {
    let quote = usize::from(block.quote_depth.min(8)) * 2;
    match block.list() {
        Some(item) => {
            let depth = usize::from(item.depth.min(8)) * 2;
            let marker = if item.marker.is_empty() {
                2
            } else {
                display_width(&item.marker) + 1
            };
            (quote + depth, marker)
        }
        None => (quote, 0),
    }
}

/// The wrapped lines of one block at one width.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct BlockLines {
    /// Byte ranges of the text lines, in order; the first starts at 0.
    pub lines: Vec<Range<usize>>,
    /// Whether a blank gap line follows the text lines.
    pub gap: bool,
    /// Columns before the text on every line (quote bars, list nesting, list marker).
    pub indent: usize,
    /// How each line is drawn when the paragraph is justified or indented (one per line);
    /// empty when every line is drawn as it is.
    pub fills: Vec<justify::Fill>,
    /// Continuation lines of soft-wrapped preformatted lines: (line index, hanging indent in
    /// columns, after `indent`), sorted by line index. See [`verbatim`].
    pub hangs: Vec<(usize, usize)>,
    /// For tables, what each line shows (cells, padding, rules), one entry per line; their
    /// `lines` are then keys, not text. Empty for every other block.
    pub segments: Vec<Vec<Segment>>,
}

impl BlockLines {
    /// Number of screen lines, gap included.
    #[must_use]
    pub fn height(&self) -> usize {
        self.lines.len() + usize::from(self.gap)
    }

    /// The hanging indent of line `idx` (0 unless it continues a soft-wrapped line).
    #[must_use]
    pub fn hang_of(&self, idx: usize) -> usize {
        self.hangs
            .binary_search_by_key(&idx, |h| h.0)
            .map_or(0, |i| self.hangs[i].1)
    }

    /// Index of the screen line that shows `byte` (the gap line for `byte > text.len()`).
    #[must_use]
    pub fn line_of(&self, byte: usize, text_len: usize) -> usize {
        if byte > text_len && self.gap {
            return self.lines.len();
        }
        let idx = self.lines.partition_point(|r| r.start <= byte);
        idx.saturating_sub(1)
    }

    /// The position of screen line `idx` of block `block`.
    #[must_use]
    pub fn pos_of(&self, block: usize, idx: usize, text_len: usize) -> Pos {
        match self.lines.get(idx) {
            Some(range) => Pos {
                block,
                byte: range.start,
            },
            None => Pos {
                block,
                byte: text_len + 1,
            },
        }
    }
}

/// Whether a blank line separates two neighbouring blocks: not inside a split paragraph, and
/// inside a list only around the items of a loose list, before the later blocks of an item and
/// between two lists (not before a nested one).
#[must_use]
pub fn gap_between(cur: &Block, next: &Block) -> bool {
    if next.continues {
        return false;
    }
    match (cur.list(), next.list()) {
        (Some(a), Some(b)) => {
            a.loose || b.loose || b.marker.is_empty() || (b.first && b.depth <= a.depth)
        }
        _ => true,
    }
}

/// Wrap one block to a text width of `width` columns (the article column).
#[must_use]
pub fn layout_block(block: &Block, width: usize, gap: bool) -> BlockLines {
    let (indent, marker) = block_indent(block);
    let text_width = width.saturating_sub(indent + marker).max(1);
    if let Some(t) = block.table() {
        let laid = table::layout(block, t, text_width);
        return BlockLines {
            lines: laid.lines,
            gap,
            indent: indent + marker,
            fills: Vec::new(),
            hangs: Vec::new(),
            segments: laid.segments,
        };
    }
    let mut hangs = Vec::new();
    let lines = match block.kind {
        BlockKind::Code | BlockKind::Table | BlockKind::Verbatim => {
            let pad = if block.kind == BlockKind::Verbatim {
                0
            } else {
                2
            };
            let code_width = text_width.saturating_sub(pad).max(1);
            let mut out = Vec::new();
            let mut base = 0;
            for line in block.text.split('\n') {
                if block.kind == BlockKind::Table {
                    wrap_hard(line, base, code_width, &mut out);
                } else {
                    // Too wide: a soft wrap at spaces with a hanging indent.
                    verbatim::wrap_line(line, base, code_width, &mut out, &mut hangs);
                }
                base += line.len() + 1;
            }
            out
        }
        BlockKind::Rule => vec![0..block.text.len()],
        _ => wrap_lines(&block.text, text_width),
    };
    BlockLines {
        lines,
        gap,
        indent: indent + marker,
        fills: Vec::new(),
        hangs,
        segments: Vec::new(),
    }
}

/// Wrap one block in a text style (justified or indented paragraphs): prose paragraphs go to
/// [`justify::wrap_paragraph`], everything else (code, tables, verbatim) to [`layout_block`].
/// `lead` indents the first line.
#[must_use]
pub fn layout_block_styled(
    block: &Block,
    width: usize,
    gap: bool,
    style: &justify::TextStyle,
    lead: usize,
) -> BlockLines {
    let prose =
        block.kind == BlockKind::Paragraph && block.table().is_none() && !block.text.contains('\n');
    if !prose || (!style.justify && lead == 0) {
        return layout_block(block, width, gap);
    }
    let (indent, marker) = block_indent(block);
    let text_width = width.saturating_sub(indent + marker).max(1);
    let (lines, fills) = justify::wrap_paragraph(&block.text, text_width, style, lead);
    BlockLines {
        lines,
        gap,
        indent: indent + marker,
        fills,
        hangs: Vec::new(),
        segments: Vec::new(),
    }
}

/// Whether block `idx` starts with a first-line indent in `style`: a paragraph right after
/// another paragraph when paragraphs are indented.
fn leads(doc: &Document, idx: usize, style: &justify::TextStyle) -> usize {
    let is_para = |b: &Block| b.kind == BlockKind::Paragraph && b.list().is_none() && !b.continues;
    match (
        idx.checked_sub(1).and_then(|i| doc.blocks.get(i)),
        doc.blocks.get(idx),
    ) {
        (Some(prev), Some(cur)) if style.indent > 0 && is_para(prev) && is_para(cur) => {
            style.indent
        }
        _ => 0,
    }
}

/// Wrapped lines per block at one width, computed on demand.
#[derive(Debug, Default)]
pub struct LayoutCache {
    width: usize,
    style: justify::TextStyle,
    blocks: HashMap<usize, BlockLines>,
    /// Scrolling up stops at this block (the first one there while a saved place far into
    /// the document is shown before the text in front of it has loaded).
    pub floor: usize,
}

/// Upper bound on cached blocks; the cache is cleared past it (layout is cheap to redo).
const MAX_CACHED_BLOCKS: usize = 20_000;

impl LayoutCache {
    /// An empty cache for `width` columns.
    #[must_use]
    pub fn new(width: usize) -> Self {
        Self {
            width,
            style: justify::TextStyle::default(),
            blocks: HashMap::new(),
            floor: 0,
        }
    }

    /// The text style (justification, paragraph indent); drops every cached layout when it
    /// changes.
    pub fn set_style(&mut self, style: justify::TextStyle) {
        if style != self.style {
            self.style = style;
            self.blocks.clear();
        }
    }

    /// The text width in columns this cache lays out for.
    #[must_use]
    pub fn width(&self) -> usize {
        self.width
    }

    /// Change the width; drops every cached layout when it differs.
    pub fn set_width(&mut self, width: usize) {
        if width != self.width {
            self.width = width;
            self.blocks.clear();
        }
    }

    /// Forget every layout (blocks were replaced).
    pub fn clear(&mut self) {
        self.blocks.clear();
    }

    /// Forget the layout of one block (its text or its successor changed).
    pub fn invalidate(&mut self, block: usize) {
        self.blocks.remove(&block);
    }

    /// The lines of block `idx` (which must exist).
    pub fn lines(&mut self, doc: &Document, idx: usize) -> &BlockLines {
        if self.blocks.len() > MAX_CACHED_BLOCKS && !self.blocks.contains_key(&idx) {
            self.blocks.clear();
        }
        let width = self.width;
        let style = self.style;
        self.blocks.entry(idx).or_insert_with(|| {
            let gap = match (doc.blocks.get(idx), doc.blocks.get(idx + 1)) {
                // Indented paragraphs follow each other without a blank line.
                (Some(_), Some(_)) if leads(doc, idx + 1, &style) > 0 => false,
                (Some(cur), Some(next)) => gap_between(cur, next),
                _ => true,
            };
            doc.blocks.get(idx).map_or(
                BlockLines {
                    lines: vec![0..0],
                    gap: false,
                    indent: 0,
                    fills: Vec::new(),
                    hangs: Vec::new(),
                    segments: Vec::new(),
                },
                |b| layout_block_styled(b, width, gap, &style, leads(doc, idx, &style)),
            )
        })
    }

    /// Clamp a position to the start of the screen line that contains it.
    pub fn snap(&mut self, doc: &Document, pos: Pos) -> Pos {
        let Some(block) = doc.blocks.get(pos.block) else {
            return Pos::default();
        };
        let len = block.text.len();
        let bl = self.lines(doc, pos.block);
        let idx = bl.line_of(pos.byte, len);
        bl.pos_of(pos.block, idx, len)
    }

    /// Move `pos` by `delta` screen lines (negative is up), stopping at the document's ends.
    pub fn scroll(&mut self, doc: &Document, pos: Pos, delta: isize) -> Pos {
        if doc.blocks.is_empty() {
            return Pos::default();
        }
        let mut block = pos.block.min(doc.blocks.len() - 1);
        let len = doc.blocks[block].text.len();
        let mut idx = self.lines(doc, block).line_of(pos.byte, len);
        let mut left = delta.unsigned_abs();
        if delta >= 0 {
            loop {
                let height = self.lines(doc, block).height();
                let room = height.saturating_sub(idx + 1);
                if left <= room {
                    idx += left;
                    break;
                }
                if block + 1 >= doc.blocks.len() {
                    idx = height.saturating_sub(1);
                    break;
                }
                left -= room + 1;
                block += 1;
                idx = 0;
            }
        } else {
            loop {
                if left <= idx {
                    idx -= left;
                    break;
                }
                if block == 0 || block == self.floor {
                    idx = 0;
                    break;
                }
                left -= idx + 1;
                block -= 1;
                idx = self.lines(doc, block).height().saturating_sub(1);
            }
        }
        let len = doc.blocks[block].text.len();
        self.lines(doc, block).pos_of(block, idx, len)
    }

    /// The highest top position that still fills a view of `height` lines (the bottom of the
    /// document on the last screen line). Walks back at most `height` lines.
    pub fn last_top(&mut self, doc: &Document, height: usize) -> Pos {
        let Some(last) = doc.blocks.len().checked_sub(1) else {
            return Pos::default();
        };
        let bl = self.lines(doc, last);
        // The trailing gap of the last block is not shown at the bottom.
        let last_idx = bl.lines.len().saturating_sub(1);
        let end = bl.pos_of(last, last_idx, doc.blocks[last].text.len());
        self.scroll(
            doc,
            end,
            -(isize::try_from(height.saturating_sub(1)).unwrap_or(isize::MAX)),
        )
    }

    /// The screen lines from `top`, at most `height` of them.
    pub fn visible(&mut self, doc: &Document, top: Pos, height: usize) -> Vec<ScreenLine> {
        let mut out = Vec::with_capacity(height);
        if doc.blocks.is_empty() || height == 0 {
            return out;
        }
        let mut block = top.block.min(doc.blocks.len() - 1);
        let len = doc.blocks[block].text.len();
        let mut idx = self.lines(doc, block).line_of(top.byte, len);
        while out.len() < height && block < doc.blocks.len() {
            let bl = self.lines(doc, block);
            while idx < bl.height() && out.len() < height {
                out.push(match bl.lines.get(idx) {
                    Some(range) => ScreenLine {
                        block,
                        line_idx: idx,
                        byte_range: range.clone(),
                        indent: bl.indent,
                        gap: false,
                        fill: bl.fills.get(idx).copied().unwrap_or_default(),
                        hang: bl.hang_of(idx),
                        segments: bl.segments.get(idx).cloned().unwrap_or_default(),
                    },
                    None => ScreenLine {
                        block,
                        line_idx: idx,
                        byte_range: 0..0,
                        indent: 0,
                        gap: true,
                        fill: justify::Fill::default(),
                        hang: 0,
                        segments: Vec::new(),
                    },
                });
                idx += 1;
            }
            block += 1;
            idx = 0;
        }
        out
    }
}

/// One line on screen: where its text comes from.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ScreenLine {
    /// Block index.
    pub block: usize,
    /// Index of the line within the block's layout.
    pub line_idx: usize,
    /// Byte range of the text shown.
    pub byte_range: Range<usize>,
    /// Columns of indentation before the text.
    pub indent: usize,
    /// True for the blank line between blocks.
    pub gap: bool,
    /// How the line is drawn when justified or indented (see [`justify::segments`]).
    pub fill: justify::Fill,
    /// For the continuation of a soft-wrapped preformatted line, the columns its text is
    /// indented by after `indent` (the marker [`verbatim::CONTINUATION`] goes two columns
    /// before the text); 0 otherwise.
    pub hang: usize,
    /// What a table line shows (empty for other blocks: they show `byte_range`).
    pub segments: Vec<Segment>,
}

#[cfg(test)]
mod url_tests {
    use super::*;

    #[test]
    fn a_url_after_a_wide_space_is_measured_on_char_boundaries() {
        let text = "a\u{a0}b http://x.org/\u{a0}y";
        assert!(longest_word(text) >= display_width("http://x.org/"));
        let lines = wrap_text(text, 5);
        assert!(
            lines
                .iter()
                .all(|r| text.is_char_boundary(r.start) && text.is_char_boundary(r.end))
        );
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    fn doc(paras: &[&str]) -> Document {
        Document {
            title: String::new(),
            date: None,
            blocks: paras
                .iter()
                .map(|p| Block::new(BlockKind::Paragraph, *p))
                .collect(),
            ..Document::default()
        }
    }

    fn check_fits(text: &str, width: usize) {
        let lines = wrap_text(text, width);
        let mut seen = String::new();
        let mut prev_end = 0;
        for r in &lines {
            let line = &text[r.clone()];
            // A single grapheme wider than the width (a CJK character at width 1) cannot fit.
            let one_grapheme = line.graphemes(true).count() == 1;
            assert!(
                display_width(line) <= width || one_grapheme,
                "line {line:?} is {} columns wide at width {width}",
                display_width(line)
            );
            // Only whitespace may be dropped between lines.
            assert!(
                text[prev_end..r.start].trim().is_empty(),
                "text lost before {line:?}"
            );
            prev_end = r.end;
            seen.push_str(line);
        }
        assert!(text[prev_end..].trim().is_empty(), "text lost at the end");
        let squash = |s: &str| s.split_whitespace().collect::<String>();
        assert_eq!(squash(&seen), squash(text));
    }

    #[test]
    fn every_line_fits_every_width() {
        let samples = [
            crate::BUILTIN_ARTICLE.lines().nth(2).unwrap_or_default(),
            "日本語の文章は単語の間に空白がありません。東京は日本の首都です。",
            "Emoji 👩‍🔬 scientists 🧑🏽‍🚀 and flags 🇫🇷🇩🇪 mixed with text ☺️ and ❤️ hearts",
            "Zalgo t̷̢̛͓̗e̸̡͚x̶̢͔t̵̨̛ and combining e\u{301} marks",
            "averyveryverylongwordwithoutanyspacesatallthatmustbreakanywhere",
            "  leading spaces and trailing   ",
            "混合 mixed 한국어 text with ＦＵＬＬＷＩＤＴＨ letters",
        ];
        for text in samples {
            for width in 1..=120 {
                check_fits(text, width);
            }
        }
    }

    #[test]
    fn optimal_fit_never_overflows_by_one_column() {
        // Found by the fuzzer (BLNS at width 96): textwrap's default penalties make a one-column
        // overflow cheaper than a 50-column gap.
        let text = format!("foo {}", "x".repeat(50));
        assert_eq!(wrap_text(&text, 53), vec![0..3, 4..54]);
        let blns = "ipt> \"'><script>\\xE1\\xA0\\x8Ejavascript:alert(161)</script> \"'><script>\\x0Bjavascript:alert(162)</script>";
        for width in 1..=120 {
            check_fits(&text, width);
            check_fits(blns, width);
        }
    }

    #[test]
    fn urls_break_only_when_wider_than_the_line() {
        let text = "see https://github.com/rust-lang/libc/pull/1234 and more words here";
        for width in 45..60 {
            let lines = wrap_text(text, width);
            assert!(
                lines.iter().any(|r| &text[r.clone()]
                    == "https://github.com/rust-lang/libc/pull/1234"
                    || text[r.clone()].contains("https://github.com/rust-lang/libc/pull/1234")),
                "{width}: {:?}",
                lines.iter().map(|r| &text[r.clone()]).collect::<Vec<_>>()
            );
        }
        check_fits(text, 20);
        // Other punctuation still breaks as before.
        assert_eq!(wrap_text("a/b/c/d", 3).len(), 3);
    }

    #[test]
    fn wide_characters_never_split_at_the_edge() {
        // Width 3 with two-column characters: each line holds exactly one.
        let lines = wrap_text("漢字漢字", 3);
        assert_eq!(lines.len(), 4);
    }

    #[test]
    fn code_keeps_lines_and_breaks_long_ones() {
        let mut b = Block::new(BlockKind::Code, "fn main() {\n    println!(\"hi\");\n}");
        b.source_lines = 3;
        let bl = layout_block(&b, 80, true);
        assert_eq!(bl.lines.len(), 3);
        assert_eq!(&b.text[bl.lines[1].clone()], "    println!(\"hi\");");
        let narrow = layout_block(&b, 8, true);
        assert!(narrow.lines.len() > 3);
        for r in &narrow.lines {
            assert!(display_width(&b.text[r.clone()]) <= 6);
        }
    }

    #[test]
    fn scroll_moves_across_blocks_and_stops_at_ends() {
        let d = doc(&["one two three four five six", "seven eight", "nine"]);
        let mut cache = LayoutCache::new(10);
        let top = Pos::default();
        // Block 0 wraps to 3 lines + gap, block 1 to 2 lines + gap, block 2 to 1 line + gap.
        assert_eq!(cache.lines(&d, 0).height(), 4);
        let p = cache.scroll(&d, top, 4);
        assert_eq!(p, Pos::block_start(1));
        let p = cache.scroll(&d, p, -1);
        assert_eq!(
            p,
            Pos {
                block: 0,
                byte: d.blocks[0].text.len() + 1
            }
        );
        assert_eq!(cache.scroll(&d, top, -5), top);
        let end = cache.scroll(&d, top, 1000);
        assert_eq!(end.block, 2);
        let last = cache.last_top(&d, 3);
        let vis = cache.visible(&d, last, 3);
        assert_eq!(vis.last().map(|l| l.block), Some(2));
        assert!(!vis.last().is_some_and(|l| l.gap));
    }

    #[test]
    fn positions_survive_a_width_change() {
        let text = "alpha beta gamma delta epsilon zeta eta theta iota kappa lambda mu";
        let d = doc(&[text]);
        let mut cache = LayoutCache::new(12);
        let p = cache.scroll(&d, Pos::default(), 3);
        let word_at_top = &text[p.byte..];
        cache.set_width(30);
        let snapped = cache.snap(&d, p);
        assert!(snapped.byte <= p.byte);
        let line = cache.visible(&d, snapped, 1);
        let shown = &text[line[0].byte_range.clone()];
        let first_word = word_at_top.split_whitespace().next().unwrap_or_default();
        assert!(shown.contains(first_word), "{shown:?} lost {first_word:?}");
    }

    #[test]
    fn markdown_blocks_keep_hard_breaks_and_list_spacing() {
        let d = crate::document::markdown::parse(
            "one  \ntwo three\n\n- tight\n- list\n  - nested\n\n1. loose\n\n2. list\n\n   more of 2\n",
        );
        let bl = layout_block(&d.blocks[0], 80, true);
        let shown: Vec<&str> = bl
            .lines
            .iter()
            .map(|r| &d.blocks[0].text[r.clone()])
            .collect();
        assert_eq!(shown, ["one", "two three"]);
        let gaps: Vec<bool> = d
            .blocks
            .windows(2)
            .map(|w| gap_between(&w[0], &w[1]))
            .collect();
        // para | tight, list, nested | loose | list | more of 2
        assert_eq!(gaps, [true, false, false, true, true, true]);
    }

    #[test]
    fn visible_covers_gap_lines() {
        let d = doc(&["a", "b"]);
        let mut cache = LayoutCache::new(10);
        let lines = cache.visible(&d, Pos::default(), 10);
        assert_eq!(lines.len(), 4);
        assert!(lines[1].gap);
    }
}
