//! The article panel: the visible lines of the text column, styled, with search highlights.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, BorderType, Borders, Widget};

use std::ops::Range;

use crate::app::{App, Focus};
use crate::document::{Block, BlockKind, Callout};
use crate::layout::justify::{self, Fill};
use crate::layout::verbatim::CONTINUATION;
use crate::layout::{ScreenLine, Segment, display_width};
use crate::search::Match;
use crate::theme::Theme;

/// Borrowing view of the article panel.
pub struct ArticleView<'a> {
    /// The state to draw.
    pub app: &'a App,
}

impl Widget for ArticleView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let focused = app.side.focus == Focus::Article && app.view.areas.side.is_some();
        let (border, border_type) = if focused {
            (app.theme.focused_border, app.theme.focused_border_type)
        } else {
            (app.theme.dim, BorderType::Plain)
        };
        let title = app.content.title();
        let name = if title.is_empty() {
            &app.source_name
        } else {
            title
        };
        // The title fits in the border, ending in `…` when cut.
        let room = usize::from(area.width.saturating_sub(6));
        let title = if name.is_empty() || room == 0 {
            String::new()
        } else {
            format!(" {} ", super::side::truncate(name, room))
        };
        Frame::new()
            .borders(Borders::ALL)
            .border_style(border)
            .border_type(border_type)
            .title(Span::styled(title, app.theme.current_entry))
            .render(area, buf);
        let text = app.view.areas.text;
        if app.doc().blocks.is_empty() {
            let msg = if app.content.load.done {
                "(the document is empty)"
            } else {
                "loading…"
            };
            buf.set_stringn(text.x, text.y, msg, usize::from(text.width), app.theme.dim);
        }
        for (row, line) in app.view.lines.iter().enumerate() {
            let Ok(dy) = u16::try_from(row) else { break };
            if dy >= text.height {
                break;
            }
            draw_line(
                app,
                line,
                Rect::new(text.x, text.y + dy, text.width, 1),
                buf,
            );
        }
        if let Some(pinned) = app.view.pinned {
            let row = Rect::new(text.x, text.y, text.width, text.height.min(1));
            draw_pinned(app, pinned, row, buf);
        }
        draw_scrollbar(app, buf);
    }
}

/// The heading being read, over the first text row (git's commit or file, a man section).
fn draw_pinned(app: &App, block_idx: usize, area: Rect, buf: &mut Buffer) {
    let Some(block) = app.doc().blocks.get(block_idx) else {
        return;
    };
    if area.height == 0 {
        return;
    }
    let heading = app
        .theme
        .block(block.kind, app.content.heading_level(block_idx));
    let base = app.theme.pinned(heading);
    // Blank the row first: the text line under it must not show past the heading.
    let blank = " ".repeat(usize::from(area.width));
    buf.set_stringn(area.x, area.y, &blank, usize::from(area.width), base);
    let end = block.text.find('\n').unwrap_or(block.text.len());
    let spans = styled_spans(block, 0..end, base, &[], None, block_idx, &app.theme);
    Line::from(spans).render(area, buf);
}

/// Quote bars (coloured for a callout) in the first columns of a line.
fn draw_bars(theme: &Theme, depth: u8, callout: Option<Callout>, area: Rect, buf: &mut Buffer) {
    let depth = usize::from(depth.min(8));
    for d in 0..depth {
        if let Ok(dx) = u16::try_from(d * 2)
            && dx < area.width
        {
            // The innermost bar of a callout takes its colour.
            let (bar, style) = match callout {
                Some(kind) if d + 1 == depth => ("┃", theme.callout(kind)),
                _ => ("│", theme.dim),
            };
            buf.set_stringn(area.x + dx, area.y, bar, 1, style);
        }
    }
}

/// The blank line after a block: a quote's bars continue through it into the next block.
fn draw_gap(app: &App, line: &ScreenLine, area: Rect, buf: &mut Buffer) {
    let blocks = &app.doc().blocks;
    if let (Some(cur), Some(next)) = (blocks.get(line.block), blocks.get(line.block + 1)) {
        let callout = cur.callout().filter(|_| next.callout() == cur.callout());
        let depth = cur.quote_depth.min(next.quote_depth);
        draw_bars(&app.theme, depth, callout, area, buf);
    }
}

fn draw_line(app: &App, line: &ScreenLine, area: Rect, buf: &mut Buffer) {
    if line.gap {
        draw_gap(app, line, area, buf);
        return;
    }
    let Some(block) = app.doc().blocks.get(line.block) else {
        return;
    };
    let mut base = app
        .theme
        .block(block.kind, app.content.heading_level(line.block));
    if let Some(kind) = block.callout().filter(|_| block.is_callout_title()) {
        base = app.theme.callout(kind);
    }
    // Quote bars and list markers in the indentation.
    let width = usize::from(area.width);
    draw_bars(&app.theme, block.quote_depth, block.callout(), area, buf);
    draw_marker(&app.theme, block, line, area, buf);
    let indent = line.indent.min(width.saturating_sub(1));
    let Ok(dx) = u16::try_from(indent) else {
        return;
    };
    let inner = Rect::new(area.x + dx, area.y, area.width - dx, 1);
    if block.kind == BlockKind::Rule {
        let rule = "─".repeat(usize::from(inner.width));
        buf.set_stringn(inner.x, inner.y, rule, usize::from(inner.width), base);
        return;
    }
    let current = app.search.active.as_ref().and_then(|s| s.current.as_ref());
    let selected = app
        .links
        .selected
        .filter(|(b, _)| *b == line.block)
        .and_then(|(_, i)| block.links().get(i))
        .map(|l| l.byte_range.clone());
    if block.table().is_some() {
        let marks = (&app.view.highlights[..], current);
        let spans = table_spans(&app.theme, block, line, base, marks);
        Line::from(spans).render(inner, buf);
        if let Some(range) = selected {
            mark_selected(&app.theme, block, line, &range, (inner, buf));
        }
        return;
    }
    if line.fill != Fill::default() {
        draw_filled(app, block, line, inner, base, current, buf);
        return;
    }
    draw_styled(app, block, line, (inner, base), current, selected, buf);
}

/// A list item's marker, left of its first line's indentation.
fn draw_marker(theme: &Theme, block: &Block, line: &ScreenLine, area: Rect, buf: &mut Buffer) {
    let Some(item) = block
        .list()
        .filter(|item| line.line_idx == 0 && !item.marker.is_empty())
    else {
        return;
    };
    let marker_width = display_width(&item.marker) + 1;
    let x = line.indent.saturating_sub(marker_width);
    if let Ok(dx) = u16::try_from(x)
        && dx < area.width
    {
        let width = usize::from(area.width);
        buf.set_stringn(
            area.x + dx,
            area.y,
            &item.marker,
            width - x,
            theme.marker(&item.marker),
        );
    }
}

/// A line of running text or code in `inner` (after the indentation) with base style `base`:
/// its styled spans, the continuation marker of a soft-wrapped line, the reader's marks, a
/// code block's language and the selected link.
fn draw_styled(
    app: &App,
    block: &Block,
    line: &ScreenLine,
    (inner, base): (Rect, Style),
    current: Option<&Match>,
    selected: Option<Range<usize>>,
    buf: &mut Buffer,
) {
    let spans = styled_spans(
        block,
        line.byte_range.clone(),
        base,
        &app.view.highlights,
        current,
        line.block,
        &app.theme,
    );
    let pad = if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
        2
    } else {
        0
    };
    // A soft-wrapped line's continuation: the marker two columns left of its hanging indent.
    let hang = u16::try_from(line.hang).unwrap_or(u16::MAX);
    if hang >= 2 && inner.width > pad + hang {
        let marker_x = inner.x + pad + hang - 2;
        buf.set_stringn(marker_x, inner.y, CONTINUATION, 1, app.theme.dim);
    }
    let x_offset = pad.saturating_add(hang);
    if inner.width > x_offset {
        let code_area = Rect::new(inner.x + x_offset, inner.y, inner.width - x_offset, 1);
        Line::from(spans).render(code_area, buf);
        super::marks::paint_line(app, block, line, code_area, buf);
        if line.line_idx == 0 {
            draw_language(&app.theme, block, line, code_area, buf);
        }
        if let Some(range) = selected {
            mark_selected(&app.theme, block, line, &range, (code_area, buf));
        }
    }
}

/// Draw a justified or indented line: its first-line indent, each word with its styles, the
/// spaces widened as the layout said, and a hyphen when it ends inside a word.
fn draw_filled(
    app: &App,
    block: &Block,
    line: &ScreenLine,
    area: Rect,
    base: Style,
    current: Option<&Match>,
    buf: &mut Buffer,
) {
    let range = line.byte_range.clone();
    let Some(text) = block.text.get(range.clone()) else {
        return;
    };
    let mut x = usize::from(area.x) + line.fill.lead;
    let right = usize::from(area.right());
    for seg in justify::segments(text, line.fill.extra, line.line_idx) {
        let word = range.start + seg.word.start..range.start + seg.word.end;
        let spans = styled_spans(
            block,
            word.clone(),
            base,
            &app.view.highlights,
            current,
            line.block,
            &app.theme,
        );
        let width = crate::layout::display_width(&block.text[word]);
        if let (Ok(at), Ok(w)) = (u16::try_from(x), u16::try_from(right.saturating_sub(x))) {
            Line::from(spans).render(Rect::new(at, area.y, w, 1), buf);
        }
        x += width + seg.gap_width;
    }
    if line.fill.hyphen
        && let Ok(at) = u16::try_from(x)
        && x < right
    {
        buf.set_stringn(at, area.y, "-", 1, base);
    }
}

/// Reverse the cells that show the selected link's text on this line.
fn mark_selected(
    theme: &Theme,
    block: &Block,
    line: &ScreenLine,
    selected: &Range<usize>,
    (area, buf): (Rect, &mut Buffer),
) {
    let plain = [Segment::Text {
        byte_range: line.byte_range.clone(),
        strong: false,
    }];
    let segments = if line.segments.is_empty() {
        &plain[..]
    } else {
        &line.segments[..]
    };
    let width = |r: Range<usize>| display_width(block.text.get(r).unwrap_or_default());
    let mut x = 0;
    for segment in segments {
        match segment {
            Segment::Text { byte_range: r, .. } => {
                let (from, to) = (r.start.max(selected.start), r.end.min(selected.end));
                if from < to {
                    let start = x + width(r.start..from);
                    let cols = width(from..to);
                    if let (Ok(dx), Ok(w)) = (u16::try_from(start), u16::try_from(cols))
                        && dx < area.width
                    {
                        let w = w.min(area.width - dx);
                        buf.set_style(Rect::new(area.x + dx, area.y, w, 1), theme.selected);
                    }
                }
                x += width(r.clone());
            }
            Segment::Pad(n) => x += n,
            Segment::Rule(r) => x += display_width(r),
        }
    }
}

/// A code block's language, dimmed at the right end of its first line when there is room.
fn draw_language(theme: &Theme, block: &Block, line: &ScreenLine, area: Rect, buf: &mut Buffer) {
    let Some(language) = block.language() else {
        return;
    };
    let used = crate::layout::display_width(&block.text[line.byte_range.clone()]);
    let label = crate::layout::display_width(language);
    let room = usize::from(area.width);
    if used + label + 2 <= room
        && let Ok(x) = u16::try_from(room - label)
    {
        buf.set_stringn(area.x + x, area.y, language, label, theme.dim);
    }
}

/// The spans of one table line: cell text styled by its runs (header cells bold), padding, and
/// the table's rules dimmed.
fn table_spans<'a>(
    theme: &Theme,
    block: &'a Block,
    line: &'a ScreenLine,
    base: Style,
    (highlights, current): (&[Match], Option<&Match>),
) -> Vec<Span<'a>> {
    let mut spans = Vec::new();
    for segment in &line.segments {
        match segment {
            Segment::Text { byte_range, strong } => {
                let style = if *strong {
                    base.add_modifier(Modifier::BOLD)
                } else {
                    base
                };
                spans.extend(styled_spans(
                    block,
                    byte_range.clone(),
                    style,
                    highlights,
                    current,
                    line.block,
                    theme,
                ));
            }
            Segment::Pad(n) => spans.push(Span::raw(" ".repeat(*n))),
            Segment::Rule(rule) => spans.push(Span::styled(rule.as_str(), theme.dim)),
        }
    }
    spans
}

/// Split one line's text into spans by style runs and search matches.
#[must_use]
pub fn styled_spans<'a>(
    block: &'a Block,
    range: std::ops::Range<usize>,
    base: Style,
    highlights: &[Match],
    current: Option<&Match>,
    block_idx: usize,
    theme: &Theme,
) -> Vec<Span<'a>> {
    let text = &block.text;
    let mut cuts = vec![range.start, range.end];
    let first_run = block
        .runs()
        .partition_point(|r| r.range().end <= range.start);
    let runs = &block.runs()[first_run..];
    for r in runs.iter().take_while(|r| r.range().start < range.end) {
        cuts.push(r.range().start.clamp(range.start, range.end));
        cuts.push(r.range().end.clamp(range.start, range.end));
    }
    let lo =
        highlights.partition_point(|m| (m.block, m.byte_range.end) <= (block_idx, range.start));
    let hits: Vec<&Match> = highlights[lo..]
        .iter()
        .take_while(|m| m.block == block_idx && m.byte_range.start < range.end)
        .collect();
    for m in &hits {
        cuts.push(m.byte_range.start.clamp(range.start, range.end));
        cuts.push(m.byte_range.end.clamp(range.start, range.end));
    }
    cuts.sort_unstable();
    cuts.dedup();
    let mut spans = Vec::with_capacity(cuts.len());
    for pair in cuts.windows(2) {
        let (a, b) = (pair[0], pair[1]);
        let Some(piece) = text.get(a..b) else {
            continue;
        };
        let mut style = base;
        let mut drawn = std::borrow::Cow::Borrowed(piece);
        if let Some(run) = runs
            .iter()
            .take_while(|r| r.range().start < b)
            .find(|r| r.range().start <= a && r.range().end >= b)
        {
            style = theme.run(style, run);
            let run_text = text.get(run.range()).unwrap_or_default();
            drawn = super::script::draw_form(piece, run, run_text);
        }
        if let Some(m) = hits
            .iter()
            .find(|m| m.byte_range.start <= a && m.byte_range.end >= b)
        {
            let is_current =
                current.is_some_and(|c| c.block == m.block && c.byte_range == m.byte_range);
            style = style.patch(if is_current {
                theme.current_match
            } else {
                theme.matched
            });
        }
        spans.push(Span::styled(drawn, style));
    }
    spans
}

fn draw_scrollbar(app: &App, buf: &mut Buffer) {
    let bar = app.view.areas.scrollbar;
    if bar.height == 0 || app.doc().blocks.is_empty() {
        return;
    }
    let (start, len) = app.view.thumb;
    for row in 0..bar.height {
        let r = usize::from(row);
        let marked = app.view.match_marks.get(r).copied().unwrap_or(false);
        let in_thumb = r >= start && r < start + len;
        let (symbol, style) = match (in_thumb, marked) {
            (true, true) => ("█", app.theme.match_mark),
            (true, false) => ("█", app.theme.dim),
            (false, true) => ("▐", app.theme.match_mark),
            (false, false) => ("│", app.theme.dim),
        };
        buf.set_stringn(bar.x, bar.y + row, symbol, 1, style);
    }
}
