//! The article's viewport: the top position, the reader's anchor for resizes, following the end
//! while loading, the column width, and every scroll and jump (in text coordinates).

use std::borrow::Cow;

use super::content::Content;
use crate::action::Action;
use crate::document::Document;
use crate::geometry::DEFAULT_COLUMN;
use crate::layout::{LayoutCache, Pos, ScreenLine};

/// Where the article view is and how wide its text is.
#[derive(Debug)]
pub struct Viewport {
    /// Wrapped lines per block at the current width.
    pub layout: LayoutCache,
    /// The first text position on screen.
    top: Pos,
    /// Where the reader put the top: a resize snaps from here, so repeated resizes never drift.
    anchor: Pos,
    /// `top` as the last frame showed it.
    shown_top: Pos,
    /// Text rows on screen (from the last frame's areas).
    height: usize,
    /// Keep the view at the end while loading (after `G`).
    pub follow_end: bool,
    /// Preferred reading column width.
    pub column: usize,
    /// The width `=` returns to (the config's `column_width`).
    pub default_column: usize,
    /// The widest the column can be: the article panel's inside (from the last frame).
    pub room: usize,
}

impl Default for Viewport {
    fn default() -> Self {
        Self {
            layout: LayoutCache::new(DEFAULT_COLUMN),
            top: Pos::default(),
            anchor: Pos::default(),
            shown_top: Pos::default(),
            height: 1,
            follow_end: false,
            column: DEFAULT_COLUMN,
            default_column: DEFAULT_COLUMN,
            room: DEFAULT_COLUMN,
        }
    }
}

fn lines(n: usize) -> isize {
    isize::try_from(n).unwrap_or(isize::MAX)
}

impl Viewport {
    /// The first text position on screen.
    #[must_use]
    pub fn top(&self) -> Pos {
        self.top
    }

    /// Text rows on screen, at least 1.
    #[must_use]
    pub fn height(&self) -> usize {
        self.height.max(1)
    }

    /// The width the text is laid out for.
    #[must_use]
    pub fn text_width(&self) -> usize {
        self.layout.width()
    }

    /// Take the column width and text style from the config.
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.column = usize::from(config.reading.column_width);
        self.default_column = self.column;
        self.layout.set_style(config.text_style());
    }

    /// `F`: follow the end of a growing input, or stop following it; returns the message.
    pub fn toggle_follow(&mut self, doc: &Document, loading: bool) -> &'static str {
        if self.follow_end {
            self.follow_end = false;
            return "stopped following the end";
        }
        self.bottom(doc);
        self.follow_end = loading;
        if loading {
            "following the end (F again stops)"
        } else {
            "at the end: the input is complete"
        }
    }

    /// More text is about to arrive: a reader who scrolled to the bottom of a growing input
    /// follows it, as `less +F` would (not one still at the top of a short first screen).
    pub fn follow_if_at_end(&mut self, doc: &Document) {
        if self.top != Pos::default() && self.at_end(doc) {
            self.follow_end = true;
        }
    }

    /// `<` `>` `=`: a narrower, wider or the default column, by `n` steps of 4. Returns the
    /// width the text will have.
    pub fn change_column(&mut self, action: Action, n: usize) -> usize {
        let inner = self.room;
        self.column = match action {
            Action::Narrower => self
                .text_width()
                .min(self.column)
                .saturating_sub(4 * n)
                .max(20),
            Action::Wider => self.column.min(inner).saturating_add(4 * n).min(400),
            _ => self.default_column,
        };
        self.column.min(inner)
    }

    /// A block's text changed (more of it arrived): forget its layout.
    pub fn invalidate(&mut self, block: usize) {
        self.layout.invalidate(block);
    }

    /// The highest top that still fills the screen.
    pub fn last_top(&mut self, doc: &Document) -> Pos {
        let height = self.height();
        self.layout.last_top(doc, height)
    }

    /// True when the last line of the document is on screen.
    pub fn at_end(&mut self, doc: &Document) -> bool {
        let last = self.last_top(doc);
        self.top >= last
    }

    /// `+N`: put line `n` (1-based) of the input at the top: the block it went into, counting
    /// each block's source lines and one blank line between blocks (exact for text whose
    /// paragraphs are one blank line apart; nearby otherwise).
    pub fn goto_input_line(&mut self, doc: &Document, n: usize) {
        let mut line = 1usize;
        let mut target = doc.blocks.len().saturating_sub(1);
        for (i, block) in doc.blocks.iter().enumerate() {
            let lines = usize::try_from(block.source_lines)
                .unwrap_or(usize::MAX)
                .max(1);
            if n < line.saturating_add(lines) {
                target = i;
                break;
            }
            line = line.saturating_add(lines);
            if doc.blocks.get(i + 1).is_some_and(|next| !next.continues) {
                line = line.saturating_add(1);
            }
        }
        self.jump(doc, Pos::block_start(target));
    }

    /// Put `pos` at the top (snapped to its screen line), never past the last screen.
    pub fn jump(&mut self, doc: &Document, pos: Pos) {
        let pos = self.layout.snap(doc, pos);
        let last = self.last_top(doc);
        self.top = pos.min(last);
    }

    /// Scroll by `delta` screen lines.
    pub fn scroll_by(&mut self, doc: &Document, delta: isize) {
        let top = self.layout.scroll(doc, self.top, delta);
        let last = self.last_top(doc);
        self.top = top.min(last);
    }

    /// Scroll by pages (`PageDown` keeps two lines of context) or half pages.
    pub fn page(&mut self, doc: &Document, pages: isize, half: bool) {
        let step = if half {
            (self.height() / 2).max(1)
        } else {
            self.height().saturating_sub(2).max(1)
        };
        self.scroll_by(doc, pages.saturating_mul(lines(step)));
    }

    /// Scroll and paragraph moves, `n` times.
    pub fn apply(&mut self, doc: &Document, action: Action, n: usize) {
        let signed = isize::try_from(n).unwrap_or(isize::MAX);
        match action {
            Action::LineDown => self.scroll_by(doc, signed),
            Action::LineUp => self.scroll_by(doc, -signed),
            Action::PageDown => self.page(doc, signed, false),
            Action::PageUp => self.page(doc, -signed, false),
            Action::HalfPageDown => self.page(doc, signed, true),
            Action::HalfPageUp => self.page(doc, -signed, true),
            Action::NextParagraph => (0..n).for_each(|_| self.next_paragraph(doc)),
            Action::PrevParagraph => (0..n).for_each(|_| self.prev_paragraph(doc)),
            _ => {}
        }
    }

    /// Movement in the article and its column: `g` (with a count: that percent), `%`, `G`
    /// (while loading it keeps following the end: the message says so), `F`, `]` `[` from the
    /// section being read (`section`), scrolls and paragraphs, `<` `>` `=`. Returns the
    /// message to show.
    pub fn go(
        &mut self,
        content: &Content,
        action: Action,
        count: Option<usize>,
        section: Option<usize>,
    ) -> Option<Cow<'static, str>> {
        let n = count.unwrap_or(1).max(1);
        match (action, count) {
            (Action::Top, None) => self.top_of_document(),
            (Action::Top | Action::Percent, p) => self.goto_percent(content, p.unwrap_or(0)),
            (Action::Bottom, _) => {
                self.bottom(&content.doc);
                if !content.load.done {
                    self.follow_end = true;
                    return Some("still loading: following the end".into());
                }
            }
            (Action::Follow, _) => {
                let loading = !content.load.done;
                return Some(self.toggle_follow(&content.doc, loading).into());
            }
            (Action::Narrower | Action::Wider | Action::ResetWidth, _) => {
                return Some(format!("column width {}", self.change_column(action, n)).into());
            }
            (Action::NextSection | Action::PrevSection, _) => {
                let forward = action == Action::NextSection;
                let mut current = section;
                for _ in 0..n {
                    match self.section_jump(content, current, forward) {
                        Ok(jumped) => current = jumped.or(current),
                        Err(message) => return Some(message.into()),
                    }
                }
            }
            (other, _) => self.apply(&content.doc, other, n),
        }
        None
    }

    /// Put the byte at `offset` of the whole text (`cum_bytes` are the block starts) at the top.
    pub fn goto_offset(&mut self, doc: &Document, cum_bytes: &[usize], offset: usize) {
        let block = cum_bytes
            .partition_point(|&c| c <= offset)
            .saturating_sub(1)
            .min(doc.blocks.len().saturating_sub(1));
        let byte = offset.saturating_sub(cum_bytes.get(block).copied().unwrap_or(0));
        self.jump(doc, Pos { block, byte });
    }

    /// Put the text at `percent` of the document at the top (100: the last screen).
    pub fn goto_percent(&mut self, content: &Content, percent: usize) {
        if percent >= 100 {
            self.bottom(&content.doc);
            return;
        }
        let offset = content.total_bytes().saturating_mul(percent) / 100;
        self.goto_offset(&content.doc, &content.cum_bytes, offset);
    }

    /// `]` (`forward`) or `[`: to the next or previous section from the one being read
    /// (`current`); without sections, by paragraphs. Returns the section gone to, or the
    /// message when there is none.
    pub fn section_jump(
        &mut self,
        content: &Content,
        current: Option<usize>,
        forward: bool,
    ) -> Result<Option<usize>, &'static str> {
        let doc = &content.doc;
        if !content.has_sections() {
            if forward {
                self.next_paragraph(doc);
            } else {
                self.prev_paragraph(doc);
            }
            return Ok(None);
        }
        let at_end = self.at_end(doc);
        match content.section_target(current, self.top, forward, at_end) {
            Some(i) => {
                self.jump(doc, Pos::block_start(content.outline.nodes[i].block()));
                Ok(Some(i))
            }
            None if forward => Err("no next section"),
            None => Err("no previous section"),
        }
    }

    /// The top of the document.
    pub fn top_of_document(&mut self) {
        self.top = Pos::default();
    }

    /// The last screen of the document.
    pub fn bottom(&mut self, doc: &Document) {
        self.top = self.last_top(doc);
    }

    /// The start of the next paragraph (a split paragraph's pieces count as one).
    pub fn next_paragraph(&mut self, doc: &Document) {
        let mut block = self.top.block + 1;
        while doc.blocks.get(block).is_some_and(|b| b.continues) {
            block += 1;
        }
        if block < doc.blocks.len() {
            self.jump(doc, Pos::block_start(block));
        } else {
            self.bottom(doc);
        }
    }

    /// The start of this paragraph, or of the previous one when already at a start.
    pub fn prev_paragraph(&mut self, doc: &Document) {
        let mut block = if self.top.byte > 0 {
            self.top.block
        } else {
            self.top.block.saturating_sub(1)
        };
        while block > 0 && doc.blocks.get(block).is_some_and(|b| b.continues) {
            block -= 1;
        }
        self.top = Pos::block_start(block);
    }

    /// The text positions at the start and end of the screen: `[first, end)`.
    pub fn screen_span(&mut self, doc: &Document) -> (Pos, Pos) {
        let height = self.height();
        let lines = self.layout.visible(doc, self.top, height);
        let end = lines.last().map_or(self.top, |l| Pos {
            block: l.block,
            byte: if l.gap { usize::MAX } else { l.byte_range.end },
        });
        (self.top, end)
    }

    /// Scroll so that the text from `start` to `end` is on screen. A passage already wholly on
    /// screen does not move the view; otherwise it lands a third of the way down.
    pub fn show(&mut self, doc: &Document, start: Pos, end: Pos) {
        let (first, last) = self.screen_span(doc);
        if start >= first && end <= last {
            return;
        }
        let pos = self.layout.snap(doc, start);
        let top = self.layout.scroll(doc, pos, -lines(self.height() / 3));
        let last_top = self.last_top(doc);
        self.top = top.min(last_top);
    }

    /// Fit the view to a frame of `width` × `height` text cells and return its lines. A new
    /// width re-wraps and goes back to the reader's anchor; `follow` keeps the end in view.
    pub fn fit(
        &mut self,
        doc: &Document,
        width: usize,
        height: usize,
        follow: bool,
    ) -> Vec<ScreenLine> {
        self.height = height.max(1);
        if width == self.layout.width() {
            if self.top != self.shown_top {
                self.anchor = self.top;
            }
        } else {
            self.layout.set_width(width);
            self.top = self.anchor;
        }
        self.top = self.layout.snap(doc, self.top);
        let last = self.last_top(doc);
        if self.top > last || follow {
            self.top = last;
        }
        self.shown_top = self.top;
        self.layout.visible(doc, self.top, height)
    }

    /// The start of the screen line after the one that shows `pos` (a selection growing by a
    /// line).
    pub fn line_after(&mut self, doc: &Document, pos: Pos) -> Pos {
        let line = self.layout.snap(doc, pos);
        let next = self.layout.scroll(doc, line, 1);
        if next == line { pos } else { next }
    }

    /// The start of the screen line that shows `pos`, or of the one before when `pos` is a
    /// line start (a selection shrinking by a line).
    pub fn line_before(&mut self, doc: &Document, pos: Pos) -> Pos {
        let line = self.layout.snap(doc, pos);
        if line < pos {
            line
        } else {
            self.layout.scroll(doc, line, -1)
        }
    }

    /// The top of the view restored to a known position (tests, saved places).
    pub fn set_top(&mut self, doc: &Document, pos: Pos) {
        self.top = self.layout.snap(doc, pos);
        self.anchor = self.top;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn plus_n_opens_at_the_block_holding_that_input_line() {
        let doc = crate::document::plain::parse("one\n\ntwo\nthree\n\nfour\n", false);
        let mut vp = Viewport::default();
        for (line, block) in [(1, 0), (2, 1), (3, 1), (4, 1), (5, 2), (6, 2), (99, 2)] {
            vp.goto_input_line(&doc, line);
            assert_eq!(vp.top().block, block, "line {line}");
        }
    }
}
