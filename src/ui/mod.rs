//! Rendering: one borrowing view per panel; it only reads the [`App`].

pub mod article;
pub mod help;
pub mod marks;
pub mod script;
pub mod side;
pub mod status;

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
        too_small(area, buf, app);
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
            theme: &app.theme,
        }
        .render(area, buf);
    }
    split_clusters(buf);
}

fn too_small(area: Rect, buf: &mut Buffer, app: &App) {
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
    buf.set_stringn(x, y, msg, usize::from(width), app.theme.dim);
}

/// A cluster of several spacing characters that ratatui keeps in one wide cell (an Indic
/// conjunct such as `క్ష`) is drawn by most terminals one character a cell. Put each character
/// in its own cell, so the screen model matches what the terminal shows and a later frame
/// overwrites every cell it used.
fn split_clusters(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let symbol = buf[(x, y)].symbol();
            if symbol.len() <= 1 || symbol.chars().count() < 2 {
                x += 1;
                continue;
            }
            let parts = spacing_parts(symbol);
            let width = u16::try_from(crate::layout::display_width(symbol)).unwrap_or(0);
            let fits = x.saturating_add(width) <= area.right();
            if parts.len() >= 2 && parts.len() == usize::from(width) && fits {
                let style = buf[(x, y)].style();
                for (dx, part) in (0u16..).zip(parts) {
                    buf[(x + dx, y)].set_symbol(&part).set_style(style);
                }
                x += width;
            } else {
                x += 1;
            }
        }
    }
}

/// A cluster cut before each character that takes a column: each part one column wide, or
/// nothing when some character is wider.
fn spacing_parts(symbol: &str) -> Vec<String> {
    use unicode_width::UnicodeWidthChar;
    let mut parts: Vec<String> = Vec::new();
    for c in symbol.chars() {
        match c.width() {
            Some(0) | None => match parts.last_mut() {
                Some(last) => last.push(c),
                None => return Vec::new(),
            },
            Some(1) => parts.push(c.to_string()),
            Some(_) => return Vec::new(),
        }
    }
    parts
}
