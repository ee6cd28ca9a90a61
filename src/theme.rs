//! Colours and styles in one place: a [`Theme`] is data, and every style a widget draws comes
//! from it. [`Theme::no_color`] draws every distinction with attributes alone (`NO_COLOR`).

use ratatui::style::{Color, Modifier, Style};
use ratatui::widgets::BorderType;

use crate::config::terminal::{Background, ColorEnv, resolve_theme};
use crate::config::{ColorDepth, ColorMode, Config, Palette, ThemeName};
use crate::document::{BlockKind, Callout, Inline, RunColor, StyleRun};

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

impl Default for Theme {
    fn default() -> Self {
        Self::dark()
    }
}

impl Theme {
    /// The default look for a dark 256-colour terminal.
    #[must_use]
    pub fn dark() -> Self {
        Self::from_palette(&Palette::DARK)
    }

    /// The styles of a palette (a built-in theme with the user's colours over it).
    #[must_use]
    pub fn from_palette(p: &Palette) -> Self {
        let bold = Modifier::BOLD;
        let fg = |c: Color| Style::new().fg(c);
        let accent = p.accent;
        Self {
            colors: true,
            body: if p.text == Color::Reset {
                Style::new()
            } else {
                fg(p.text)
            },
            dim: fg(p.dim),
            focused_border: fg(accent),
            focused_border_type: BorderType::Plain,
            title: fg(accent).add_modifier(bold),
            meta: fg(p.dim).add_modifier(Modifier::ITALIC),
            // Six levels, each distinct from the others and from bold body text: colour first
            // (accent, the second accent, accent again), then weight, slant and underline.
            headings: [
                fg(accent).add_modifier(bold | Modifier::UNDERLINED),
                fg(accent).add_modifier(bold),
                fg(p.accent2).add_modifier(bold),
                fg(p.accent2).add_modifier(Modifier::ITALIC),
                fg(accent).add_modifier(Modifier::ITALIC),
                fg(p.dim).add_modifier(Modifier::ITALIC | Modifier::UNDERLINED),
            ],
            code: fg(p.code),
            callouts: [
                fg(p.note).add_modifier(bold),
                fg(p.tip).add_modifier(bold),
                fg(p.important).add_modifier(bold),
                fg(p.warning).add_modifier(bold),
                fg(p.caution).add_modifier(bold),
            ],
            task_done: fg(p.tip),
            link: fg(p.link).add_modifier(Modifier::UNDERLINED),
            matched: fg(p.match_fg).bg(p.match_bg),
            current_match: fg(p.current_match_fg)
                .bg(p.current_match_bg)
                .add_modifier(bold),
            match_mark: fg(p.match_bg),
            status: fg(p.status_fg).bg(p.status_bg),
            error: fg(p.error).bg(p.status_bg),
            selected: Style::new().add_modifier(Modifier::REVERSED),
            current_entry: fg(accent).add_modifier(bold),
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

    /// The theme a configuration asks for in an environment: no colour for `--color never` or
    /// `NO_COLOR`; else the named theme (`auto` resolved from `COLORFGBG` or `query`, the OSC 11
    /// query, run only when needed) for the terminal's colour depth, the user's colours over it.
    #[must_use]
    pub fn from_config(
        config: &Config,
        env: &ColorEnv,
        query: impl FnOnce() -> Option<Background>,
    ) -> Self {
        let depth = match config.color {
            ColorMode::Never => return Self::no_color(),
            _ if env.no_color => return Self::no_color(),
            ColorMode::Ansi16 => ColorDepth::Ansi16,
            ColorMode::Indexed256 => ColorDepth::Indexed256,
            ColorMode::Auto => env.depth(),
        };
        let theme = resolve_theme(config.theme, env, query);
        let mut t = Self::from_palette(&config.palette(theme, depth));
        if theme == ThemeName::HighContrast {
            t.focused_border_type = BorderType::Thick;
        }
        t
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

    /// Add a styled run of the input to a base style: its attributes, and its colours unless
    /// the theme has none (`NO_COLOR` drops the input's colours, not its bold or underline).
    #[must_use]
    pub fn run(&self, base: Style, run: &StyleRun) -> Style {
        let mut s = self.inline(base, run.style);
        if self.colors {
            let color = |c: RunColor| match c {
                RunColor::Indexed(n) => Color::Indexed(n),
                RunColor::Rgb(r, g, b) => Color::Rgb(r, g, b),
            };
            if let Some(fg) = run.fg {
                s = s.fg(color(fg));
            }
            if let Some(bg) = run.bg {
                s = s.bg(color(bg));
            }
        }
        s
    }

    /// A heading pinned over the first row of the article: its own style on the status bar's
    /// background (reversed without colours).
    #[must_use]
    pub fn pinned(&self, heading: Style) -> Style {
        if self.colors {
            heading.bg(Color::Indexed(236))
        } else {
            heading.add_modifier(Modifier::REVERSED)
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
    fn the_config_picks_the_theme() {
        let env = ColorEnv {
            term: Some("xterm-256color".into()),
            ..ColorEnv::default()
        };
        let mut cfg = Config::defaults();
        assert_eq!(Theme::from_config(&cfg, &env, || None), Theme::dark());
        let light = Theme::from_config(&cfg, &env, || Some(Background::Light));
        assert_eq!(light, Theme::from_palette(&Palette::LIGHT));
        cfg.color = ColorMode::Never;
        assert_eq!(Theme::from_config(&cfg, &env, || None), Theme::no_color());
        cfg.color = ColorMode::Auto;
        let no_color = ColorEnv {
            no_color: true,
            ..env.clone()
        };
        assert_eq!(
            Theme::from_config(&cfg, &no_color, || None),
            Theme::no_color()
        );
        let console = ColorEnv {
            term: Some("linux".into()),
            ..ColorEnv::default()
        };
        let t = Theme::from_config(&cfg, &console, || None);
        assert_eq!(
            t.status.bg,
            Some(Color::Gray),
            "16 colours: no 256-colour grey"
        );
        cfg.colors = vec![("accent".into(), Color::Magenta)];
        cfg.theme = ThemeName::HighContrast;
        let t = Theme::from_config(&cfg, &env, || None);
        assert_eq!(t.title.fg, Some(Color::Magenta));
        assert_eq!(t.focused_border_type, BorderType::Thick);
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
