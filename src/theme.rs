//! Colours and styles in one place: a [`Theme`] is data, and every style a widget draws comes
//! from it. [`Theme::no_color`] draws every distinction with attributes alone (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::document::{BlockKind, Callout, Inline};

/// Every style the interface uses.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Theme {
    /// True when the theme may emit colours (false under `NO_COLOR`).
    pub colors: bool,
    /// Plain body text.
    pub body: Style,
    /// Secondary text: dates, hints, placeholders, inactive borders.
    pub dim: Style,
    /// The border of the focused panel.
    pub focused_border: Style,
    /// How the focused panel's border is drawn (a thick border tells focus without colour).
    pub focused_border_type: BorderType,
    /// The document title.
    pub title: Style,
    /// Metadata under the title (the date).
    pub meta: Style,
    /// Headings, level 1 to 6 (index 0 is level 1).
    pub headings: [Style; 6],
    /// Code (table cells are body text).
    pub code: Style,
    /// The bar and title of GitHub alerts: note, tip, important, warning, caution.
    pub callouts: [Style; 5],
    /// A ticked task box `☑`.
    pub task_done: Style,
    /// Link text.
    pub link: Style,
    /// A search match.
    pub matched: Style,
    /// The current search match.
    pub current_match: Style,
    /// A scrollbar row holding a match.
    pub match_mark: Style,
    /// The status bar.
    pub status: Style,
    /// An error in the status bar or prompt.
    pub error: Style,
    /// The selected row of a focused list, the prompt's cursor.
    pub selected: Style,
    /// The entry being read, section titles in the help.
    pub current_entry: Style,
}

/// Accent colour of the dark theme: titles, headings, the current entry.
const ACCENT: Color = Color::Cyan;

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// The default look for a dark 256-colour terminal.
    #[must_use]
    pub fn dark() -> Self {
        let bold = Modifier::BOLD;
        Self {
            colors: true,
            body: Style::new(),
            dim: Style::new().fg(Color::DarkGray),
            focused_border: Style::new().fg(ACCENT),
            focused_border_type: BorderType::Plain,
            title: Style::new().fg(ACCENT).add_modifier(bold),
            meta: Style::new()
                .fg(Color::DarkGray)
                .add_modifier(Modifier::ITALIC),
            // Six levels, each distinct from the others and from bold body text: colour first
            // (accent, magenta, accent again), then weight, slant and underline.
            headings: [
                Style::new()
                    .fg(ACCENT)
                    .add_modifier(bold | Modifier::UNDERLINED),
                Style::new().fg(ACCENT).add_modifier(bold),
                Style::new().fg(Color::Magenta).add_modifier(bold),
                Style::new()
                    .fg(Color::Magenta)
                    .add_modifier(Modifier::ITALIC),
                Style::new().fg(ACCENT).add_modifier(Modifier::ITALIC),
                Style::new()
                    .fg(Color::DarkGray)
                    .add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            ],
            code: Style::new().fg(Color::Yellow),
            callouts: [
                Style::new().fg(Color::Blue).add_modifier(bold),
                Style::new().fg(Color::Green).add_modifier(bold),
                Style::new().fg(Color::Magenta).add_modifier(bold),
                Style::new().fg(Color::Yellow).add_modifier(bold),
                Style::new().fg(Color::Red).add_modifier(bold),
            ],
            task_done: Style::new().fg(Color::Green),
            link: Style::new()
                .fg(Color::Blue)
                .add_modifier(Modifier::UNDERLINED),
            matched: Style::new().fg(Color::Black).bg(Color::Yellow),
            current_match: Style::new()
                .fg(Color::Black)
                .bg(Color::LightRed)
                .add_modifier(bold),
            match_mark: Style::new().fg(Color::Yellow),
            status: Style::new().fg(Color::White).bg(Color::Indexed(236)),
            error: Style::new().fg(Color::LightRed).bg(Color::Indexed(236)),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            current_entry: Style::new().fg(ACCENT).add_modifier(bold),
        }
    }

    /// No colour at all: every distinction a colour made is drawn with attributes (reverse,
    /// bold, underline, dim) and border types.
    #[must_use]
    pub fn no_color() -> Self {
        let m = |modifier: Modifier| Style::new().add_modifier(modifier);
        Self {
            colors: false,
            body: Style::new(),
            dim: m(Modifier::DIM),
            focused_border: m(Modifier::BOLD),
            focused_border_type: BorderType::Thick,
            title: m(Modifier::BOLD),
            meta: m(Modifier::ITALIC),
            headings: [
                m(Modifier::BOLD | Modifier::UNDERLINED),
                m(Modifier::BOLD | Modifier::REVERSED),
                m(Modifier::BOLD | Modifier::ITALIC | Modifier::UNDERLINED),
                m(Modifier::ITALIC | Modifier::UNDERLINED),
                m(Modifier::ITALIC),
                m(Modifier::DIM | Modifier::ITALIC),
            ],
            code: Style::new(),
            callouts: [m(Modifier::BOLD); 5],
            task_done: m(Modifier::BOLD),
            link: m(Modifier::UNDERLINED),
            matched: m(Modifier::REVERSED),
            current_match: m(Modifier::REVERSED | Modifier::BOLD | Modifier::UNDERLINED),
            match_mark: m(Modifier::BOLD),
            status: m(Modifier::REVERSED),
            error: m(Modifier::REVERSED | Modifier::BOLD),
            selected: m(Modifier::REVERSED),
            current_entry: m(Modifier::BOLD),
        }
    }

    /// The theme the environment asks for: no colour when `NO_COLOR` is set (any value).
    #[must_use]
    pub fn from_env() -> Self {
        if std::env::var_os("NO_COLOR").is_some() {
            Self::no_color()
        } else {
            Self::dark()
        }
    }

    /// A reader's highlight: its colour behind the text and underlined; without colour,
    /// underlined and italic (search matches are reversed, so the two stay apart).
    #[must_use]
    pub fn highlight(&self, colour: crate::state::Colour) -> Style {
        use crate::state::Colour as C;
        if !self.colors {
            return Style::new().add_modifier(Modifier::UNDERLINED | Modifier::ITALIC);
        }
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

    /// The swatch of a highlight's colour in the highlights list (its name shows without
    /// colour).
    #[must_use]
    pub fn swatch(&self, colour: crate::state::Colour) -> Style {
        match self.highlight(colour).bg {
            Some(bg) if self.colors => Style::new().fg(bg),
            _ => self.dim,
        }
    }

    /// The selection being made: reversed and underlined.
    #[must_use]
    pub fn selection(&self) -> Style {
        Style::new().add_modifier(Modifier::REVERSED | Modifier::UNDERLINED)
    }

    /// A link-hint label drawn over a link.
    #[must_use]
    pub fn hint_label(&self) -> Style {
        let s = Style::new().add_modifier(Modifier::BOLD | Modifier::REVERSED);
        if self.colors {
            Style::new()
                .fg(Color::Black)
                .bg(Color::LightMagenta)
                .add_modifier(Modifier::BOLD)
        } else {
            s
        }
    }

    /// The base style of a block's text.
    #[must_use]
    pub fn block(&self, kind: BlockKind, heading: Option<u8>) -> Style {
        match (kind, heading) {
            (BlockKind::Title, _) => self.title,
            (BlockKind::Meta, _) => self.meta,
            (_, Some(level)) => {
                let i = usize::from(level.clamp(1, 6) - 1);
                self.headings[i]
            }
            (BlockKind::Code, _) => self.code,
            (BlockKind::Rule, _) => self.dim,
            _ => self.body,
        }
    }

    /// The bar and title of a GitHub alert of this kind.
    #[must_use]
    pub fn callout(&self, kind: Callout) -> Style {
        let i = match kind {
            Callout::Note => 0,
            Callout::Tip => 1,
            Callout::Important => 2,
            Callout::Warning => 3,
            Callout::Caution => 4,
        };
        self.callouts[i]
    }

    /// A list marker: dimmed, a ticked task box in its own style.
    #[must_use]
    pub fn marker(&self, marker: &str) -> Style {
        if marker == "☑" {
            self.task_done
        } else {
            self.dim
        }
    }

    /// Add inline styling to a base style.
    #[must_use]
    pub fn inline(&self, base: Style, style: Inline) -> Style {
        let mut s = base;
        let flags = [
            (
                Inline::EMPHASIS,
                Style::new().add_modifier(Modifier::ITALIC),
            ),
            (Inline::STRONG, Style::new().add_modifier(Modifier::BOLD)),
            (Inline::CODE, self.code),
            (Inline::LINK, self.link),
            (
                Inline::STRIKE,
                Style::new().add_modifier(Modifier::CROSSED_OUT),
            ),
            (Inline::DIM, self.dim),
            (
                Inline::UNDERLINE,
                Style::new().add_modifier(Modifier::UNDERLINED),
            ),
            (
                Inline::REVERSE,
                Style::new().add_modifier(Modifier::REVERSED),
            ),
            (Inline::MARK, self.matched),
        ];
        for (flag, add) in flags {
            if style.contains(flag) {
                s = s.patch(add);
            }
        }
        s
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn styles(t: &Theme) -> Vec<Style> {
        let mut v = vec![
            t.task_done,
            t.body,
            t.dim,
            t.focused_border,
            t.title,
            t.meta,
            t.code,
            t.link,
            t.matched,
            t.current_match,
            t.match_mark,
            t.status,
            t.error,
            t.selected,
            t.current_entry,
        ];
        v.extend(t.headings);
        v.extend(t.callouts);
        v
    }

    #[test]
    fn widgets_take_every_colour_from_the_theme() {
        for (name, source) in [
            ("article", include_str!("ui/article.rs")),
            ("side", include_str!("ui/side.rs")),
            ("status", include_str!("ui/status.rs")),
            ("help", include_str!("ui/help.rs")),
            ("mod", include_str!("ui/mod.rs")),
        ] {
            assert!(!source.contains("Color::"), "ui/{name}.rs names a colour");
            assert!(
                !source.contains(".fg(") && !source.contains(".bg("),
                "ui/{name}.rs sets a colour"
            );
        }
    }

    #[test]
    fn six_heading_levels_differ_from_each_other_and_from_bold_text() {
        for t in [Theme::dark(), Theme::no_color()] {
            let bold = t.inline(t.body, Inline::STRONG);
            let bold_italic = t.inline(bold, Inline::EMPHASIS);
            for (i, h) in t.headings.iter().enumerate() {
                assert_ne!(*h, bold, "H{} looks like bold text", i + 1);
                assert_ne!(*h, bold_italic, "H{} looks like bold italic text", i + 1);
                for other in &t.headings[i + 1..] {
                    assert_ne!(h, other, "two heading levels look alike");
                }
            }
        }
    }

    #[test]
    fn no_color_has_no_colour_and_keeps_matches_apart() {
        let t = Theme::no_color();
        for s in styles(&t) {
            assert_eq!((s.fg, s.bg), (None, None), "{s:?}");
        }
        assert_ne!(t.matched, t.body);
        assert_ne!(t.current_match, t.matched);
        assert_ne!(t.focused_border_type, BorderType::Plain);
        for (i, a) in t.headings.iter().enumerate() {
            for b in &t.headings[i + 1..] {
                assert_ne!(a, b, "two heading levels look alike");
            }
        }
        assert_eq!(t.block(BlockKind::Paragraph, Some(9)), t.headings[5]);
    }
}
