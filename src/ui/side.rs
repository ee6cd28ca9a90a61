//! The side panel: the contents tree (scroll-spy, folds, filter, match counts) or the key terms.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, BorderType, Borders, Widget};

use crate::app::{App, Focus, SideView};
use crate::layout::display_width;
use crate::outline::{Node, NodeKind};

/// Borrowing view of the side panel.
pub struct SidePanel<'a> {
    /// The state to draw.
    pub app: &'a App,
}

/// Cut `text` to at most `width` columns, ending in `…` when cut.
#[must_use]
pub fn truncate(text: &str, width: usize) -> String {
    if display_width(text) <= width {
        return text.to_string();
    }
    let mut out = String::new();
    let mut used = 0;
    for ch in text.chars() {
        let w = display_width(ch.encode_utf8(&mut [0; 4]));
        if used + w + 1 > width {
            break;
        }
        out.push(ch);
        used += w;
    }
    out.push('…');
    out
}

impl Widget for SidePanel<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        let focused = app.side.focus == Focus::Side;
        let (border, border_type) = if focused {
            (app.theme.focused_border, app.theme.focused_border_type)
        } else {
            (app.theme.dim, BorderType::Plain)
        };
        let name = match app.side.view {
            SideView::Contents => "Contents",
            SideView::Terms => "Key terms",
            SideView::Highlights => "Highlights",
        };
        let title = match &app.side.filter {
            // A long text's filter still names its entries: more rows may come.
            Some(f) if app.side.filter_pending() => format!(" {name} /{}▏ … ", f.text()),
            Some(f) => format!(" {name} /{}▏", f.text()),
            None => format!(" {name} "),
        };
        let title = truncate(&title, usize::from(area.width.saturating_sub(2)));
        let frame = Frame::new()
            .borders(Borders::ALL)
            .border_style(border)
            .border_type(border_type)
            .title(title);
        let inner = frame.inner(area);
        frame.render(area, buf);
        if inner.width == 0 || inner.height == 0 {
            return;
        }
        match app.side.view {
            SideView::Contents => contents(app, inner, buf, focused),
            SideView::Terms => terms(app, inner, buf, focused),
            SideView::Highlights => super::marks::highlights(app, inner, buf, focused),
        }
    }
}

fn contents(app: &App, inner: Rect, buf: &mut Buffer, focused: bool) {
    let width = usize::from(inner.width);
    if !app.content.outline_ready {
        let msg = if app.content.load.done {
            "building contents…"
        } else {
            "loading…"
        };
        buf.set_stringn(inner.x, inner.y, msg, width, app.theme.dim);
        return;
    }
    if app.side.toc.rows.is_empty() {
        let msg = if app.side.filter.is_none() {
            "(no contents)"
        } else if app.side.filter_pending() {
            "matching entries…"
        } else {
            "(no entry matches)"
        };
        buf.set_stringn(inner.x, inner.y, msg, width, app.theme.dim);
        return;
    }
    let toc = &app.side.toc;
    for (row, &node_idx) in toc
        .rows
        .iter()
        .skip(toc.offset)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let Ok(dy) = u16::try_from(row) else { break };
        // Expanded when its next row is inside its subtree (with a filter, a parent shows only
        // some of its children).
        let next = toc.rows.get(toc.offset + row + 1).copied();
        let line = contents_row(app, node_idx, next, width, focused);
        line.render(Rect::new(inner.x, inner.y + dy, inner.width, 1), buf);
    }
}

/// The columns left of a contents label.
struct Prefix {
    /// The scroll-spy marker (`▌` on the entry being read).
    marker: &'static str,
    /// The indentation by depth and the fold sign.
    fold: String,
    /// The section or paragraph number.
    number: String,
    /// The entry is the one being read (or its section).
    is_current: bool,
}

impl Prefix {
    fn width(&self) -> usize {
        display_width(self.marker) + display_width(&self.fold) + display_width(&self.number)
    }
}

/// The prefix of a node's row; `next` is the node on the row below (the node is expanded when
/// that row is inside its subtree: with a filter, a parent shows only some of its children).
fn row_prefix(app: &App, node_idx: usize, node: &Node, next: Option<usize>) -> Prefix {
    let end = app.content.outline.subtree_end(node_idx).unwrap_or(0);
    let has_children = end > node_idx + 1;
    let expanded = next.is_some_and(|n| n > node_idx && n < end);
    let is_current =
        app.view.current_node == Some(node_idx) || app.view.current_section == Some(node_idx);
    let fold = match (has_children, expanded) {
        (true, true) => "▾ ",
        (true, false) => "▸ ",
        _ => "",
    };
    let number = match node.kind {
        NodeKind::Section { number } => format!("{number} "),
        NodeKind::Paragraph { number } => format!("¶{number} "),
        NodeKind::Heading | NodeKind::Opening => String::new(),
    };
    Prefix {
        marker: if is_current { "▌" } else { " " },
        fold: format!("{}{fold}", "  ".repeat(usize::from(node.depth.min(6)))),
        number,
        is_current,
    }
}

/// The text right of a label: the match count where the search has matches; without a search,
/// the minutes the section takes at the reader's pace where the label leaves room for them
/// (they never cut a label short). `before` is the width of the prefix.
fn row_suffix(
    app: &App,
    node: &Node,
    label: &str,
    count: Option<usize>,
    before: usize,
    width: usize,
) -> String {
    let count_text = count
        .filter(|&c| c > 0)
        .map(|c| format!(" {c}"))
        .unwrap_or_default();
    let time_text = match (count, app.pacing.entry_minutes(&app.content, node)) {
        (None, Some(m)) => format!(" {m}m"),
        _ => String::new(),
    };
    if before + display_width(label) + display_width(&time_text) <= width {
        format!("{count_text}{time_text}")
    } else {
        count_text
    }
}

/// One row of the contents: marker, fold, number, label and match count. `next` is the node
/// on the row below.
fn contents_row(
    app: &App,
    node_idx: usize,
    next: Option<usize>,
    width: usize,
    focused: bool,
) -> Line<'static> {
    let Some(node) = app.content.outline.nodes.get(node_idx) else {
        return Line::default();
    };
    let prefix = row_prefix(app, node_idx, node, next);
    let count = app
        .search
        .active
        .as_ref()
        .map(|s| s.count_in(node.block(), node.end_block()));
    let label = app.content.outline.label(app.doc(), node_idx);
    let suffix = row_suffix(app, node, &label, count, prefix.width(), width);
    let room = width.saturating_sub(prefix.width() + display_width(&suffix));
    let label = truncate(&label, room);
    let theme = &app.theme;
    let selected = focused && node_idx == app.side.toc.selected;
    let mut style = if prefix.is_current {
        theme.current_entry
    } else {
        Style::new()
    };
    // Entries without any match are dimmed.
    if count == Some(0) {
        style = theme.dim;
    }
    if selected {
        style = style.patch(theme.selected);
    }
    let number_style = if selected {
        theme.dim.patch(theme.selected)
    } else {
        theme.dim
    };
    let pad = room.saturating_sub(display_width(&label));
    let suffix_style = if count.is_some() {
        theme.matched
    } else {
        theme.dim
    };
    Line::from(vec![
        Span::styled(prefix.marker, theme.current_entry),
        Span::styled(prefix.fold, theme.dim),
        Span::styled(prefix.number, number_style),
        Span::styled(label, style),
        Span::styled(" ".repeat(pad), style),
        Span::styled(suffix, suffix_style),
    ])
}

fn terms(app: &App, inner: Rect, buf: &mut Buffer, focused: bool) {
    let width = usize::from(inner.width);
    if app.side.terms.terms.is_empty() {
        let msg = if app.content.outline_ready {
            "(no recurring terms)"
        } else {
            "finding key terms…"
        };
        buf.set_stringn(inner.x, inner.y, msg, width, app.theme.dim);
        return;
    }
    let active = app.search.active.as_ref().map(|s| s.label.as_str());
    let terms = &app.side.terms;
    if terms.rows.is_empty() {
        buf.set_stringn(inner.x, inner.y, "(no term matches)", width, app.theme.dim);
        return;
    }
    for (row, &idx) in terms
        .rows
        .iter()
        .skip(terms.offset)
        .take(usize::from(inner.height))
        .enumerate()
    {
        let Some(term) = terms.terms.get(idx) else {
            continue;
        };
        let Ok(dy) = u16::try_from(row) else { break };
        let count = format!(" ×{}", term.count);
        let room = width.saturating_sub(display_width(&count) + 1);
        let label = truncate(&term.phrase, room);
        let is_active =
            active.is_some_and(|a| a.strip_prefix("term: ") == Some(term.phrase.as_str()));
        let mut style = if is_active {
            app.theme.current_entry
        } else {
            Style::new()
        };
        if focused && idx == app.side.terms.selected {
            style = style.patch(app.theme.selected);
        }
        let pad = room.saturating_sub(display_width(&label));
        Line::from(vec![
            Span::styled(if is_active { "▌" } else { " " }, app.theme.current_entry),
            Span::styled(label, style),
            Span::styled(" ".repeat(pad), style),
            Span::styled(count, app.theme.dim),
        ])
        .render(Rect::new(inner.x, inner.y + dy, inner.width, 1), buf);
    }
}
