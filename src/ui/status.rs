//! The status bar: section, progress, time left, search state, messages and the help hint.

use std::fmt::Write as _;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Modifier;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::side::truncate;
use crate::app::editor::LineEditor;
use crate::app::{ActiveSearch, App};
use crate::layout::display_width;
use crate::outline::NodeKind;

/// Borrowing view of the status bar.
pub struct StatusBar<'a> {
    /// The state to draw.
    pub app: &'a App,
}

/// `k/N`: the current match and the count, `N…` while counting, `?` before the current one
/// is counted.
fn match_count(app: &App, s: &ActiveSearch) -> String {
    let total = if s.complete(app.doc().blocks.len(), !app.content.load.done) {
        s.matches().len().to_string()
    } else {
        format!("{}…", s.matches().len())
    };
    let k = match (s.current_index(), &s.current) {
        (Some(k), _) => k.to_string(),
        (None, Some(_)) => "?".to_string(),
        (None, None) => "0".to_string(),
    };
    format!("{k}/{total}")
}

/// The text on the right: search count, pending count, progress, loading, help hint.
#[must_use]
pub fn right_text(app: &App) -> String {
    let mut parts: Vec<String> = Vec::new();
    if let Some(s) = &app.search.active {
        parts.push(format!(
            "{} {}",
            truncate(&s.label, 20),
            match_count(app, s)
        ));
    }
    if let Some(c) = app.count {
        parts.push(c.to_string());
    }
    if app.content.load.done {
        let mut p = format!("{}%", app.view.percent);
        if app.view.minutes_left > 0 {
            let left = app.view.minutes_left;
            let _ = if left >= 120 {
                write!(p, " · {} h left", left / 60)
            } else {
                write!(p, " · {left} min left")
            };
        }
        parts.push(p);
    } else {
        let loaded = match app.content.load.total {
            Some(t) if t > 0 => format!(
                "loading {}%",
                app.content.load.bytes.saturating_mul(100) / t
            ),
            _ => format!(
                "loading {:.1} MB",
                app.content.load.bytes as f64 / 1_048_576.0
            ),
        };
        parts.push(loaded);
    }
    parts.push("? help".into());
    parts.join("   ")
}

/// The text on the left, at most `width` columns: the section being read and the position in
/// it, or the title.
#[must_use]
pub fn left_text(app: &App, width: usize) -> String {
    // A selected link: where it points, cut at the end (never broken) when too long.
    if let Some(link) = app.links.link(app.doc()) {
        return truncate(&format!("→ {}", link.target), width);
    }
    let nodes = &app.content.outline.nodes;
    if let Some((index, section)) = app
        .view
        .current_section
        .and_then(|i| nodes.get(i).map(|n| (i, n)))
    {
        // A derived section inside a real heading (a chapter of a book) is named after it.
        let heading = app
            .content
            .heading_above(index)
            .filter(|&h| h != index)
            .and_then(|h| nodes.get(h))
            .map(|h| format!("{} · ", truncate(&h.label, width / 2)))
            .unwrap_or_default();
        let prefix = match section.kind {
            NodeKind::Section { number } => format!("{heading}§{number} "),
            _ => heading,
        };
        // The position in the section stays; the label gives way when room is short.
        let mut suffix = app
            .view
            .paragraph_in_section(&app.content, app.viewport.top().block)
            .map(|(k, n)| format!(" · {k} of {n} ¶"))
            .unwrap_or_default();
        let mut room = width.saturating_sub(display_width(&prefix) + display_width(&suffix));
        if room < 12 {
            // Too narrow for both: the label is worth more than the position.
            suffix.clear();
            room = width.saturating_sub(display_width(&prefix));
        }
        return truncate(
            &format!("{prefix}{}{suffix}", truncate(&section.label, room)),
            width,
        );
    }
    if app.content.load.done && app.doc().blocks.is_empty() {
        return truncate("the document is empty", width);
    }
    truncate(app.content.title(), width)
}

/// A one-line editor after `label`, its cursor drawn as a selected cell.
fn editor_spans<'a>(app: &App, label: &'a str, editor: &LineEditor) -> Vec<Span<'a>> {
    let (text, cursor) = (editor.text(), editor.cursor());
    let before: String = text.chars().take(cursor).collect();
    let at: String = text.chars().skip(cursor).take(1).collect();
    let after: String = text.chars().skip(cursor + 1).collect();
    vec![
        Span::styled(label, app.theme.status),
        Span::styled(before, app.theme.status),
        Span::styled(
            if at.is_empty() { " ".into() } else { at },
            app.theme.selected,
        ),
        Span::styled(after, app.theme.status),
    ]
}

impl Widget for StatusBar<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.app;
        buf.set_style(area, app.theme.status);
        let width = usize::from(area.width);
        if let Some(p) = &app.search.prompt {
            let mode = if p.regex { "  [regex]" } else { "" };
            let mut spans = editor_spans(app, " /", &p.editor);
            spans.push(Span::styled(mode, app.theme.status));
            match (&p.error, &app.search.active) {
                (Some(e), _) => spans.push(Span::styled(format!("  {e}"), app.theme.error)),
                (None, Some(s)) => {
                    spans.push(Span::styled(
                        format!("  {}", match_count(app, s)),
                        app.theme.status,
                    ));
                }
                (None, None) => {}
            }
            Line::from(spans).render(area, buf);
            return;
        }
        if let Some(note) = &app.modes.note {
            let mut spans = editor_spans(app, " note: ", &note.editor);
            let keys = "   Enter keeps · Ctrl-x in $EDITOR · Esc cancels";
            spans.push(Span::styled(keys, app.theme.status));
            Line::from(spans).render(area, buf);
            return;
        }
        let right = format!("{} ", right_text(app));
        let right_width = display_width(&right).min(width);
        let left_room = width.saturating_sub(right_width + 2);
        let (left, style) = match app.messages.current() {
            Some(m) => (m.to_string(), app.theme.status.add_modifier(Modifier::BOLD)),
            None => (left_text(app, left_room), app.theme.status),
        };
        let left = truncate(&left, left_room);
        buf.set_stringn(area.x + 1, area.y, &left, left_room, style);
        let x = area.x + u16::try_from(width - right_width).unwrap_or(0);
        buf.set_stringn(x, area.y, &right, right_width, app.theme.status);
    }
}
