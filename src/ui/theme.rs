//! Colours and styles in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::document::{BlockKind, Inline};

/// Accent colour for titles, headings and the current entry.
pub const ACCENT: Color = Color::Cyan;

/// Plain body text.
#[must_use]
pub fn body() -> Style {
    Style::new()
}

/// Secondary text: dates, hints, placeholders, inactive borders.
#[must_use]
pub fn dim() -> Style {
    Style::new().fg(Color::DarkGray)
}

/// The border of the focused panel.
#[must_use]
pub fn focused_border() -> Style {
    Style::new().fg(ACCENT)
}

/// The base style of a block's text.
#[must_use]
pub fn block(kind: BlockKind, heading: Option<u8>) -> Style {
    match (kind, heading) {
        (BlockKind::Title, _) => Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
        (BlockKind::Meta, _) => dim().add_modifier(Modifier::ITALIC),
        (_, Some(1)) => Style::new()
            .fg(ACCENT)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        (_, Some(2)) => Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
        (_, Some(_)) => Style::new().add_modifier(Modifier::BOLD),
        (BlockKind::Code | BlockKind::Table, _) => Style::new().fg(Color::Yellow),
        (BlockKind::Rule, _) => dim(),
        _ => body(),
    }
}

/// Add inline styling to a base style.
#[must_use]
pub fn inline(base: Style, style: Inline) -> Style {
    let mut s = base;
    if style.contains(Inline::EMPHASIS) {
        s = s.add_modifier(Modifier::ITALIC);
    }
    if style.contains(Inline::STRONG) {
        s = s.add_modifier(Modifier::BOLD);
    }
    if style.contains(Inline::CODE) {
        s = s.fg(Color::Yellow);
    }
    if style.contains(Inline::LINK) {
        s = s.fg(Color::Blue).add_modifier(Modifier::UNDERLINED);
    }
    if style.contains(Inline::STRIKE) {
        s = s.add_modifier(Modifier::CROSSED_OUT);
    }
    if style.contains(Inline::DIM) {
        s = s.fg(Color::DarkGray);
    }
    s
}

/// A search match.
#[must_use]
pub fn matched() -> Style {
    Style::new().fg(Color::Black).bg(Color::Yellow)
}

/// The current search match.
#[must_use]
pub fn current_match() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::LightRed)
        .add_modifier(Modifier::BOLD)
}

/// The status bar.
#[must_use]
pub fn status() -> Style {
    Style::new().fg(Color::White).bg(Color::Indexed(236))
}

/// An error in the status bar or prompt.
#[must_use]
pub fn error() -> Style {
    Style::new().fg(Color::LightRed).bg(Color::Indexed(236))
}

/// The selected row of a focused list.
#[must_use]
pub fn selected() -> Style {
    Style::new().add_modifier(Modifier::REVERSED)
}

/// The entry being read.
#[must_use]
pub fn current_entry() -> Style {
    Style::new().fg(ACCENT).add_modifier(Modifier::BOLD)
}

/// A reader's highlight: its colour behind the text, and underlined so that it shows without
/// colour (`NO_COLOR`, monochrome terminals) and stays distinct from search matches.
#[must_use]
pub fn highlight(colour: crate::state::Colour) -> Style {
    use crate::state::Colour as C;
    let bg = match colour {
        C::Yellow => Color::Indexed(58),
        C::Green => Color::Indexed(22),
        C::Blue => Color::Indexed(24),
        C::Pink => Color::Indexed(89),
        C::Purple => Color::Indexed(54),
    };
    Style::new()
        .bg(bg)
        .fg(Color::White)
        .add_modifier(Modifier::UNDERLINED)
}

/// The swatch of a highlight's colour in the highlights list.
#[must_use]
pub fn swatch(colour: crate::state::Colour) -> Style {
    Style::new().fg(highlight(colour).bg.unwrap_or(Color::Reset))
}

/// The selection being made: reversed, so it shows without colour too.
#[must_use]
pub fn selection() -> Style {
    Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
}

/// A link-hint label.
#[must_use]
pub fn hint_label() -> Style {
    Style::new()
        .fg(Color::Black)
        .bg(Color::LightMagenta)
        .add_modifier(Modifier::BOLD)
}
