//! The reader's marks on screen: highlights, the selection and link-hint labels painted over the
//! article's text, and the highlights list of the side panel.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::side::truncate;
use crate::app::App;
use crate::app::view::PaintKind;
use crate::document::Block;
use crate::layout::{ScreenLine, display_width};

/// Paint the highlights, the selection and hint labels over one drawn line of `block`; `area`
/// is where the line's text starts.
pub fn paint_line(app: &App, block: &Block, line: &ScreenLine, area: Rect, buf: &mut Buffer) {
    let range = &line.byte_range;
    let text = &block.text;
    let column = |byte: usize| -> u16 {
        let b = byte.clamp(range.start, range.end);
        let cols = text.get(range.start..b).map_or(0, display_width);
        u16::try_from(cols).unwrap_or(u16::MAX)
    };
    for p in &app.view.paint {
        let (start, end) = (p.start, p.end);
        if let PaintKind::Hint(label) = &p.kind {
            if start.block == line.block
                && (range.contains(&start.byte) || start.byte == range.start)
            {
                let x = area.x.saturating_add(column(start.byte));
                if x < area.right() {
                    let room = usize::from(area.right() - x);
                    buf.set_stringn(x, area.y, label, room, app.theme.hint_label());
                }
            }
            continue;
        }
        let line_start = crate::layout::Pos {
            block: line.block,
            byte: range.start,
        };
        let line_end = crate::layout::Pos {
            block: line.block,
            byte: range.end,
        };
        if end <= line_start || start >= line_end && !(start == line_start && range.is_empty()) {
            continue;
        }
        let from = if start.block == line.block {
            column(start.byte)
        } else {
            0
        };
        let to = if end.block == line.block {
            column(end.byte)
        } else {
            column(range.end)
        };
        let style: Style = match &p.kind {
            PaintKind::Highlight(c) => app.theme.highlight(*c),
            _ => app.theme.selection(),
        };
        let x = area.x.saturating_add(from);
        let width = to.saturating_sub(from).min(area.right().saturating_sub(x));
        if width > 0 {
            buf.set_style(Rect::new(x, area.y, width, 1), style);
        }
    }
}

/// The highlights list: a colour swatch, the passage, a pen when it has a note.
pub fn highlights(app: &App, inner: Rect, buf: &mut Buffer, focused: bool) {
    let width = usize::from(inner.width);
    let list = app.memory.highlights();
    if list.is_empty() {
        let msg = if app.memory.enabled {
            "(no highlights: v selects)"
        } else {
            "(saving is off)"
        };
        buf.set_stringn(inner.x, inner.y, msg, width, app.theme.dim);
        return;
    }
    let marks = &app.side.marks;
    for (row, &idx) in marks
        .rows
        .iter()
        .skip(marks.offset)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let Some(h) = list.get(idx) else { continue };
        let Ok(dy) = u16::try_from(row) else { break };
        let note = h.note.lines().next().unwrap_or_default();
        let tail = if note.is_empty() {
            String::new()
        } else {
            format!(" ✎ {note}")
        };
        let passage = h.text.split_whitespace().collect::<Vec<_>>().join(" ");
        let room = width.saturating_sub(2);
        let passage_room = room.saturating_sub(display_width(&tail).min(room / 2));
        let label = truncate(&passage, passage_room);
        let tail = truncate(&tail, room.saturating_sub(display_width(&label)));
        let mut style = Style::new();
        if focused && idx == marks.selected {
            style = style.patch(app.theme.selected);
        }
        let pad = room.saturating_sub(display_width(&label) + display_width(&tail));
        Line::from(vec![
            Span::styled("▌ ", app.theme.swatch(h.colour)),
            Span::styled(crate::document::sanitize::sanitize_inline(&label), style),
            Span::styled(
                crate::document::sanitize::sanitize_inline(&tail),
                app.theme.dim.patch(style),
            ),
            Span::styled(" ".repeat(pad), style),
        ])
        .render(Rect::new(inner.x, inner.y + dy, inner.width, 1), buf);
    }
}
