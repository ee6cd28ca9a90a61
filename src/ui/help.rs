//! The help overlay: the lines of [`crate::help`] in a centred box that scrolls, with markers
//! when more is above or below.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block as Frame, Borders, Clear, Widget};

use crate::geometry::help_area;
use crate::help::{HelpLine, KEYS_WIDTH, lines};
use crate::theme::Theme;

/// The help overlay; `scroll` is the first line shown (the app keeps it in range).
pub struct HelpView<'a> {
    /// First help line shown.
    pub scroll: usize,
    /// The styles.
    pub theme: &'a Theme,
}

impl Widget for HelpView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let width = help_area(area, 0).0.width.saturating_sub(2);
        let all = lines(usize::from(width));
        let (popup, rows) = help_area(area, all.len());
        Clear.render(popup, buf);
        let skip = self.scroll.min(all.len().saturating_sub(rows));
        let above = skip > 0;
        let below = skip + rows < all.len();
        let title = match (above, below) {
            (false, false) => " Help · Esc closes ",
            _ => " Help · j k scroll · Esc closes ",
        };
        let mut frame = Frame::new()
            .borders(Borders::ALL)
            .border_style(self.theme.focused_border)
            .border_type(self.theme.focused_border_type)
            .title(title);
        if above {
            frame = frame.title_top(Line::from(" ▲ more ").right_aligned());
        }
        if below {
            frame = frame.title_bottom(Line::from(" ▼ more ").right_aligned());
        }
        let inner = frame.inner(popup);
        frame.render(popup, buf);
        for (row, line) in all.iter().skip(skip).take(rows).enumerate() {
            let Ok(dy) = u16::try_from(row) else { break };
            let line = match line {
                HelpLine::Title(t) => Line::from(Span::styled(*t, self.theme.current_entry)),
                HelpLine::Entry { keys, text } => Line::from(vec![
                    Span::styled(format!("  {keys:<KEYS_WIDTH$}"), self.theme.focused_border),
                    Span::raw(text.as_str()),
                ]),
                HelpLine::Blank => Line::default(),
            };
            line.render(Rect::new(inner.x, inner.y + dy, inner.width, 1), buf);
        }
    }
}
