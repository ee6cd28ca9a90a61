//! Colours and styles in one place.

use ratatui::style::{Color, Modifier, Style};

use std::sync::OnceLock;

use crate::document::{BlockKind, Inline, RunColor, StyleRun};

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
    if style.contains(Inline::UNDERLINE) {
        s = s.add_modifier(Modifier::UNDERLINED);
    }
    if style.contains(Inline::REVERSE) {
        s = s.add_modifier(Modifier::REVERSED);
    }
    s
}

/// True unless `NO_COLOR` is set (to anything but the empty string): then the input's colours
/// are not drawn, its bold, underline and other attributes still are.
#[must_use]
pub fn input_colours() -> bool {
    static ON: OnceLock<bool> = OnceLock::new();
    *ON.get_or_init(|| std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty()))
}

/// A ratatui colour for a colour from the input.
#[must_use]
pub fn run_color(color: RunColor) -> Color {
    match color {
        RunColor::Indexed(n) => Color::Indexed(n),
        RunColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
    }
}

/// Add a styled run to a base style: its flags, and its colours when `colours` is true.
#[must_use]
pub fn run(base: Style, run: &StyleRun, colours: bool) -> Style {
    let mut s = inline(base, run.style);
    if colours {
        if let Some(fg) = run.fg {
            s = s.fg(run_color(fg));
        }
        if let Some(bg) = run.bg {
            s = s.bg(run_color(bg));
        }
    }
    s
}

/// A heading pinned at the top of the article: its own style on the status bar's background.
#[must_use]
pub fn pinned(heading: Style) -> Style {
    heading.bg(Color::Indexed(236))
}

/// The continuation marker of a soft-wrapped preformatted line.
#[must_use]
pub fn continuation() -> Style {
    dim()
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
