//! The help overlay, generated from the key table.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, Borders, Clear, Widget};

use super::theme;
use crate::keymap::{Context, help_rows};

/// Keys of the search prompt (handled by the prompt editor, not the key table).
const PROMPT_KEYS: &[(&str, &str)] = &[
    ("Enter", "keep the result"),
    ("Esc", "cancel, return to where you were"),
    ("Ctrl-r", "toggle regex mode"),
    ("↑ ↓", "search history"),
    ("Ctrl-u", "clear to the start"),
];

/// The help overlay; `scroll` is the first line shown.
pub struct HelpView {
    /// First help line shown.
    pub scroll: usize,
}

/// Every line of the help, as (keys, text) with section headers as (title, "").
#[must_use]
pub fn help_lines() -> Vec<(String, String)> {
    let mut out = Vec::new();
    for (title, ctx) in [
        ("Reading", Context::Article),
        ("Contents panel", Context::Contents),
        ("Anywhere", Context::Global),
    ] {
        out.push((title.to_string(), String::new()));
        out.extend(help_rows(ctx).into_iter().map(|(k, h)| (k, h.to_string())));
        out.push((String::new(), String::new()));
    }
    out.push(("Search prompt".into(), String::new()));
    out.extend(
        PROMPT_KEYS
            .iter()
            .map(|(k, h)| ((*k).to_string(), (*h).to_string())),
    );
    out.push((String::new(), String::new()));
    out.push((
        "Contents: type to filter entries, Esc clears. Mouse: wheel scrolls, click jumps.".into(),
        String::new(),
    ));
    out
}

impl Widget for HelpView {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let lines = help_lines();
        let height = u16::try_from(lines.len() + 2)
            .unwrap_or(u16::MAX)
            .min(area.height);
        let width = 64.min(area.width);
        let popup = Rect::new(
            area.x + (area.width - width) / 2,
            area.y + (area.height - height) / 2,
            width,
            height,
        );
        Clear.render(popup, buf);
        let frame = Frame::new()
            .borders(Borders::ALL)
            .border_style(theme::focused_border())
            .title(" Help · any key closes ");
        let inner = frame.inner(popup);
        frame.render(popup, buf);
        let max_scroll = lines.len().saturating_sub(usize::from(inner.height));
        let skip = self.scroll.min(max_scroll);
        for (row, (keys, text)) in lines
            .iter()
            .skip(skip)
            .take(usize::from(inner.height))
            .enumerate()
        {
            let Ok(dy) = u16::try_from(row) else { break };
            let line = if text.is_empty() {
                Line::from(Span::styled(keys.as_str(), theme::current_entry()))
            } else {
                Line::from(vec![
                    Span::styled(format!("  {keys:<18}"), theme::focused_border()),
                    Span::raw(text.as_str()),
                ])
            };
            line.render(Rect::new(inner.x, inner.y + dy, inner.width, 1), buf);
        }
    }
}
