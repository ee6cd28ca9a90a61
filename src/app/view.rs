//! What the next frame shows, computed before drawing: one small function per thing a widget
//! reads (progress, scrollbar, scroll-spy, highlights, scrollbar marks).

use super::content::Content;
use super::search::ActiveSearch;
use super::viewport::Viewport;
use crate::geometry::Areas;
use crate::layout::ScreenLine;
use crate::outline;
use crate::search::Match;

/// Reading speed used for the time left.
const WORDS_PER_MINUTE: usize = 230;
/// Average bytes per word, for the time estimate.
const BYTES_PER_WORD: usize = 6;

/// What a reader's mark on the text is drawn as.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum PaintKind {
    /// A saved highlight in its colour.
    Highlight(crate::state::Colour),
    /// The selection being made.
    Selection,
    /// A link-hint label drawn over the link's first cells.
    Hint(String),
}

/// A stretch of text drawn in a reader's style: `[start, end)` in text coordinates.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Paint {
    /// Where it starts.
    pub start: crate::layout::Pos,
    /// Where it ends (exclusive).
    pub end: crate::layout::Pos,
    /// How it is drawn.
    pub kind: PaintKind,
}

/// The prepared frame: everything the widgets read besides the parts' own state.
#[derive(Clone, Debug, Default)]
pub struct View {
    /// Panel rectangles.
    pub areas: Areas,
    /// The article's screen lines.
    pub lines: Vec<ScreenLine>,
    /// Search matches in the visible blocks.
    pub highlights: Vec<Match>,
    /// Highlights, the selection and link hints in the visible blocks, highlights first.
    pub paint: Vec<Paint>,
    /// The node being read (scroll-spy).
    pub current_node: Option<usize>,
    /// The section being read (deepest non-paragraph node).
    pub current_section: Option<usize>,
    /// The heading block pinned at the top of the article (git output and man pages: the
    /// commit, file or section being read, while its own line is scrolled away).
    pub pinned: Option<usize>,
    /// Percent read through the bottom of the screen.
    pub percent: usize,
    /// Minutes of reading left.
    pub minutes_left: usize,
    /// The reading speed the time left is computed at (words per minute; 0: a typical one).
    pub wpm: f64,
    /// Scrollbar: rows marked because a search match lies there.
    pub match_marks: Vec<bool>,
    /// Scrollbar thumb: first row and length.
    pub thumb: (usize, usize),
    /// What `match_marks` was computed for: (matches, rows, document bytes).
    marks_key: Option<(usize, usize, usize)>,
}

/// The heading to pin above the text at `top`: in git output and man pages, the outermost
/// heading (commit, file, section) containing the top line, unless that line is the heading.
#[must_use]
pub fn pinned_heading(content: &Content, top: crate::layout::Pos) -> Option<usize> {
    use crate::document::{BlockKind, git, man};
    let doc = &content.doc;
    if !content.outline_ready || !(git::is_git_output(doc) || man::is_man_page(doc)) {
        return None;
    }
    let nodes = &content.outline.nodes;
    let mut cur = content.section_at(top.block);
    let mut pinned = None;
    while let Some(i) = cur {
        let block = nodes[i].block();
        if matches!(
            doc.blocks.get(block).map(|b| b.kind),
            Some(BlockKind::Heading(_))
        ) {
            pinned = Some(block);
        }
        cur = nodes[i].parent();
    }
    pinned.filter(|&b| b != top.block)
}

/// Bytes of text through the end of the last line on screen.
#[must_use]
pub fn seen_bytes(content: &Content, lines: &[ScreenLine]) -> usize {
    lines.last().map_or(0, |l| {
        let len = content.doc.blocks.get(l.block).map_or(0, |b| b.text.len());
        content.offset_of(l.block, if l.gap { len } else { l.byte_range.end })
    })
}

/// Percent read: 100 at the end of a loaded document.
#[must_use]
pub fn percent(content: &Content, seen: usize, at_end: bool) -> usize {
    let total = content.total_bytes();
    if total == 0 || (at_end && content.load.done) {
        100
    } else {
        (seen * 100 / total).min(100)
    }
}

/// Minutes of reading left after `seen` bytes.
#[must_use]
pub fn minutes_left(content: &Content, seen: usize, wpm: f64) -> usize {
    let words = content.total_bytes().saturating_sub(seen) / BYTES_PER_WORD;
    let wpm = if wpm > 0.0 {
        wpm
    } else {
        WORDS_PER_MINUTE as f64
    };
    usize::try_from(crate::pace::minutes_for(words as f64, wpm).saturating_sub(1))
        .unwrap_or(usize::MAX)
}

/// The scrollbar thumb for a view from `top_byte` to `seen` on a bar of `bar` rows.
#[must_use]
pub fn thumb(total: usize, top_byte: usize, seen: usize, bar: usize) -> (usize, usize) {
    let bar = bar.max(1);
    match (top_byte * bar).checked_div(total) {
        Some(start) => {
            let len = (seen.saturating_sub(top_byte) * bar).div_ceil(total).max(1);
            (start.min(bar - 1), len.min(bar))
        }
        None => (0, bar),
    }
}

/// The entry being read: the node at the top block, or above the first entry (the title)
/// the first entry on screen; at the end of the document, the last entry on screen.
#[must_use]
pub fn current_node(content: &Content, lines: &[ScreenLine], at_end: bool) -> Option<usize> {
    if !content.outline_ready {
        return None;
    }
    let o = &content.outline;
    if at_end
        && content.load.done
        && let Some(last) = lines.last()
        && let Some(node) = outline::current_node(o, last.block)
    {
        return Some(node);
    }
    let top = lines.first()?.block;
    outline::current_node(o, top)
        .or_else(|| lines.iter().find_map(|l| outline::current_node(o, l.block)))
}

/// Search matches in the blocks on screen.
#[must_use]
pub fn highlights(
    content: &Content,
    lines: &[ScreenLine],
    search: Option<&ActiveSearch>,
) -> Vec<Match> {
    let mut out = Vec::new();
    if let (Some(s), Some(first), Some(last)) = (search, lines.first(), lines.last()) {
        for b in first.block..=last.block {
            if let Some(block) = content.doc.blocks.get(b) {
                s.matcher().find_in_block(b, &block.text, &mut out);
            }
        }
    }
    out
}

/// What to paint over the visible text: the reader's highlights, then the selection, then
/// link-hint labels (only those still matching the letters typed).
#[must_use]
pub fn paint(
    lines: &[ScreenLine],
    memory: &super::Memory,
    selection: Option<super::Selection>,
    hints: Option<&super::HintMode>,
) -> Vec<Paint> {
    let (Some(first), Some(last)) = (lines.first(), lines.last()) else {
        return Vec::new();
    };
    let spans = memory.spans_in(first.block, last.block).into_iter();
    let mut out: Vec<Paint> = spans
        .map(|(start, end, colour)| Paint {
            start,
            end,
            kind: PaintKind::Highlight(colour),
        })
        .collect();
    if let Some(sel) = selection {
        let kind = PaintKind::Selection;
        out.push(Paint {
            start: sel.start,
            end: sel.end,
            kind,
        });
    }
    for (label, (at, _)) in hints.iter().flat_map(|h| {
        h.labels
            .iter()
            .zip(&h.targets)
            .filter(|(label, _)| label.starts_with(&h.typed))
    }) {
        let kind = PaintKind::Hint(label.clone());
        out.push(Paint {
            start: *at,
            end: *at,
            kind,
        });
    }
    out
}

impl View {
    /// Fit the viewport to the text area and compute what the widgets read: lines, progress,
    /// scrollbar, scroll-spy, highlights and scrollbar marks.
    pub fn compute(&mut self, c: &Content, viewport: &mut Viewport, search: Option<&ActiveSearch>) {
        let areas = self.areas;
        viewport.room = usize::from(areas.article.width.saturating_sub(4)).max(20);
        let follow = viewport.follow_end && !c.load.done;
        let (width, height) = (areas.text.width, areas.text.height);
        self.lines = viewport.fit(&c.doc, usize::from(width), usize::from(height), follow);
        let at_end = viewport.at_end(&c.doc);
        let seen = seen_bytes(c, &self.lines);
        self.percent = percent(c, seen, at_end);
        self.minutes_left = minutes_left(c, seen, self.wpm);
        let top = viewport.top();
        let top_byte = c.offset_of(top.block, top.byte);
        let bar = usize::from(areas.scrollbar.height);
        self.thumb = thumb(c.total_bytes(), top_byte, seen, bar);
        self.current_node = current_node(c, &self.lines, at_end);
        self.current_section = self
            .current_node
            .and_then(|n| c.section_at(c.outline.nodes[n].block()));
        self.pinned = pinned_heading(c, top);
        self.highlights = highlights(c, &self.lines, search);
        self.update_marks(c, search);
    }

    /// Paragraph position within the section being read: (1-based index, count). At the end
    /// of the document it counts through the last line on screen.
    #[must_use]
    pub fn paragraph_in_section(
        &self,
        content: &Content,
        top_block: usize,
    ) -> Option<(usize, usize)> {
        let section = self.current_section?;
        let ahead = self
            .current_node
            .and_then(|n| content.outline.nodes.get(n))
            .is_some_and(|x| x.block() > top_block);
        let block = if ahead {
            self.lines.last().map_or(top_block, |l| l.block)
        } else {
            top_block
        };
        content.paragraph_in_section(section, block)
    }

    /// Scrollbar rows that hold a match; recomputed only when the count, the bar or the
    /// document changed.
    pub fn update_marks(&mut self, content: &Content, search: Option<&ActiveSearch>) {
        let bar = usize::from(self.areas.scrollbar.height).max(1);
        let total = content.total_bytes();
        let key = search.map(|s| (s.matches().len(), bar, total));
        if key == self.marks_key {
            return;
        }
        self.marks_key = key;
        self.match_marks.clear();
        if let Some(s) = search
            && total > 0
            && !s.matches().is_empty()
        {
            let mut marks = vec![false; bar];
            for m in s.matches() {
                let at = content.offset_of(m.block, m.byte_range.start);
                marks[(at * bar / total).min(bar - 1)] = true;
            }
            self.match_marks = marks;
        }
    }
}
