//! Colours and styles in one place.

use ratatui::style::{Color, Modifier, Style};

use crate::document::{BlockKind, Callout, Inline};

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
        // Six heading levels, each distinct from the others and from bold body text: colour
        // first (accent, then magenta, then plain), weight and slant within a colour.
        (_, Some(1)) => Style::new()
            .fg(ACCENT)
            .add_modifier(Modifier::BOLD | Modifier::UNDERLINED),
        (_, Some(2)) => Style::new().fg(ACCENT).add_modifier(Modifier::BOLD),
        (_, Some(3)) => Style::new().fg(Color::Magenta).add_modifier(Modifier::BOLD),
        (_, Some(4)) => Style::new()
            .fg(Color::Magenta)
            .add_modifier(Modifier::ITALIC),
        (_, Some(5)) => Style::new().fg(ACCENT).add_modifier(Modifier::ITALIC),
        (_, Some(_)) => dim().add_modifier(Modifier::ITALIC),
        (BlockKind::Code, _) => Style::new().fg(Color::Yellow),
        (BlockKind::Rule, _) => dim(),
        _ => body(),
    }
}

/// The bar and title of a GitHub alert, coloured by its kind.
#[must_use]
pub fn callout(kind: Callout) -> Style {
    let color = match kind {
        Callout::Note => Color::Blue,
        Callout::Tip => Color::Green,
        Callout::Important => Color::Magenta,
        Callout::Warning => Color::Yellow,
        Callout::Caution => Color::Red,
    };
    Style::new().fg(color).add_modifier(Modifier::BOLD)
}

/// A list marker: dimmed, a ticked task box green.
#[must_use]
pub fn marker(marker: &str) -> Style {
    if marker == "☑" {
        Style::new().fg(Color::Green)
    } else {
        dim()
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
