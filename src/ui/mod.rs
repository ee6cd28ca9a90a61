//! Rendering: one borrowing view per panel; it only reads the [`App`].

pub mod article;
pub mod help;
pub mod side;
pub mod status;
pub mod theme;

use ratatui::Frame;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::widgets::Widget;

use crate::app::App;

/// Draw the whole screen from the prepared state (call [`App::prepare`] first).
pub fn render(app: &App, frame: &mut Frame) {
    let area = frame.area();
    draw(app, area, frame.buffer_mut());
}

/// Draw into a buffer (used by `render` and by tests).
pub fn draw(app: &App, area: Rect, buf: &mut Buffer) {
    let areas = app.view.areas;
    if areas.too_small || area.width == 0 || area.height == 0 {
        too_small(area, buf);
        return;
    }
    if let Some(side) = areas.side {
        side::SidePanel { app }.render(side, buf);
    }
    article::ArticleView { app }.render(areas.article, buf);
    status::StatusBar { app }.render(areas.status, buf);
    if app.help.open {
        help::HelpView {
            scroll: app.help.scroll,
        }
        .render(area, buf);
    }
}

fn too_small(area: Rect, buf: &mut Buffer) {
    if area.width == 0 || area.height == 0 {
        return;
    }
    let msg = if area.width >= 18 {
        "terminal too small"
    } else {
        "too small"
    };
    let width = u16::try_from(msg.len()).unwrap_or(0).min(area.width);
    let x = area.x + (area.width - width) / 2;
    let y = area.y + area.height / 2;
    buf.set_stringn(x, y, msg, usize::from(width), theme::dim());
}
