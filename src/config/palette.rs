//! Themes as data: the colour of every role in the UI for the built-in themes, for 256-colour
//! and 16-colour terminals, and the config's colour names.

use ratatui::style::Color;
use serde::Deserialize;

/// A built-in theme, as named in the config and on the command line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
#[serde(rename_all = "kebab-case")]
pub enum ThemeName {
    /// Dark or light, from the terminal's background.
    #[default]
    Auto,
    /// Light text on a dark background (lectern's original look).
    Dark,
    /// Dark text on a light background.
    Light,
    /// Black and white with strong accents, for low vision or glare.
    HighContrast,
}

impl ThemeName {
    /// The name as written in the config.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Dark => "dark",
            Self::Light => "light",
            Self::HighContrast => "high-contrast",
        }
    }
}

/// How many colours the terminal shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord)]
pub enum ColorDepth {
    /// The 16 ANSI colours (`TERM=xterm`, `linux`, `vt220`, `screen`).
    Ansi16,
    /// The xterm 256-colour palette.
    Indexed256,
}

impl ColorDepth {
    /// The depth a `TERM` (and `COLORTERM`) value promises.
    #[must_use]
    pub fn from_env(term: Option<&str>, colorterm: Option<&str>) -> Self {
        let rich = colorterm.is_some_and(|c| c.contains("truecolor") || c.contains("24bit"))
            || term.is_some_and(|t| t.contains("256") || t.contains("direct"));
        if rich { Self::Indexed256 } else { Self::Ansi16 }
    }
}

macro_rules! palette {
    ($( $(#[$doc:meta])* $field:ident : $comment:literal ),* $(,)?) => {
        /// The colour of every role in the UI. `Color::Reset` means the terminal's own colour.
        #[derive(Clone, Copy, Debug, PartialEq, Eq)]
        pub struct Palette {
            $( $(#[$doc])* pub $field: Color, )*
        }

        impl Palette {
            /// Every role: its config name and what it colours.
            pub const ROLES: &[(&str, &str)] = &[ $( (stringify!($field), $comment), )* ];

            /// The colour of a role by its config name.
            #[must_use]
            pub fn get(&self, role: &str) -> Option<Color> {
                match role {
                    $( stringify!($field) => Some(self.$field), )*
                    _ => None,
                }
            }

            /// Set the colour of a role by its config name; false for an unknown role.
            pub fn set(&mut self, role: &str, color: Color) -> bool {
                match role {
                    $( stringify!($field) => { self.$field = color; true } )*
                    _ => false,
                }
            }
        }
    };
}

palette! {
    /// Body text.
    text: "body text",
    /// Titles, headings, the focused border and the entry being read.
    accent: "titles, headings, the focused panel's border, the section being read",
    /// Dates, hints, rules, inactive borders, placeholders.
    dim: "dates, hints, rules, inactive borders",
    /// Headings of levels 3 and 4.
    accent2: "headings of levels 3 and 4",
    /// Code blocks, tables and inline code.
    code: "code blocks, tables and inline code",
    /// Note callouts.
    note: "note callouts",
    /// Tip callouts and done tasks.
    tip: "tip callouts and done tasks",
    /// Important callouts.
    important: "important callouts",
    /// Warning callouts.
    warning: "warning callouts",
    /// Caution callouts.
    caution: "caution callouts",
    /// Links.
    link: "links",
    /// Text of a search match.
    match_fg: "text of a search match",
    /// Background of a search match.
    match_bg: "background of a search match",
    /// Text of the current search match.
    current_match_fg: "text of the current search match",
    /// Background of the current search match.
    current_match_bg: "background of the current search match",
    /// Background of a highlighted passage.
    highlight_bg: "background of a highlighted passage",
    /// Status bar text.
    status_fg: "status bar text",
    /// Status bar background.
    status_bg: "status bar background",
    /// Errors in the status bar and the prompt.
    error: "errors and warnings in the status bar",
}

impl Palette {
    /// Today's look: for dark 256-colour terminals.
    pub const DARK: Self = Self {
        accent2: Color::Magenta,
        note: Color::Blue,
        tip: Color::Green,
        important: Color::Magenta,
        warning: Color::Yellow,
        caution: Color::Red,
        text: Color::Reset,
        accent: Color::Cyan,
        dim: Color::DarkGray,
        code: Color::Yellow,
        link: Color::Blue,
        match_fg: Color::Black,
        match_bg: Color::Yellow,
        current_match_fg: Color::Black,
        current_match_bg: Color::LightRed,
        highlight_bg: Color::Indexed(58),
        status_fg: Color::White,
        status_bg: Color::Indexed(236),
        error: Color::LightRed,
    };

    /// Dark text on light 256-colour terminals.
    pub const LIGHT: Self = Self {
        accent2: Color::Indexed(90),
        note: Color::Indexed(25),
        tip: Color::Indexed(28),
        important: Color::Indexed(90),
        warning: Color::Indexed(130),
        caution: Color::Indexed(160),
        text: Color::Reset,
        accent: Color::Indexed(25),
        dim: Color::Indexed(244),
        code: Color::Indexed(94),
        link: Color::Indexed(26),
        match_fg: Color::Black,
        match_bg: Color::Indexed(222),
        current_match_fg: Color::Black,
        current_match_bg: Color::Indexed(209),
        highlight_bg: Color::Indexed(194),
        status_fg: Color::Black,
        status_bg: Color::Indexed(252),
        error: Color::Indexed(160),
    };

    /// Black and white with saturated accents.
    pub const HIGH_CONTRAST: Self = Self {
        accent2: Color::LightMagenta,
        note: Color::LightBlue,
        tip: Color::LightGreen,
        important: Color::LightMagenta,
        warning: Color::LightYellow,
        caution: Color::LightRed,
        text: Color::White,
        accent: Color::LightYellow,
        dim: Color::Gray,
        code: Color::LightCyan,
        link: Color::LightCyan,
        match_fg: Color::Black,
        match_bg: Color::LightYellow,
        current_match_fg: Color::Black,
        current_match_bg: Color::LightMagenta,
        highlight_bg: Color::Blue,
        status_fg: Color::Black,
        status_bg: Color::White,
        error: Color::LightRed,
    };

    /// The dark theme with the 16 ANSI colours only.
    pub const DARK_16: Self = Self {
        highlight_bg: Color::Blue,
        status_fg: Color::Black,
        status_bg: Color::Gray,
        ..Self::DARK
    };

    /// The light theme with the 16 ANSI colours only.
    pub const LIGHT_16: Self = Self {
        accent2: Color::Magenta,
        note: Color::Blue,
        tip: Color::Green,
        important: Color::Magenta,
        warning: Color::Red,
        caution: Color::Red,
        text: Color::Reset,
        accent: Color::Blue,
        dim: Color::DarkGray,
        code: Color::Magenta,
        link: Color::Blue,
        match_fg: Color::Black,
        match_bg: Color::LightYellow,
        current_match_fg: Color::Black,
        current_match_bg: Color::LightRed,
        highlight_bg: Color::LightCyan,
        status_fg: Color::White,
        status_bg: Color::Blue,
        error: Color::Red,
    };

    /// The palette of a built-in theme on a terminal of `depth`. `Auto` must be resolved first
    /// (see `terminal::resolve_theme`); here it means dark.
    #[must_use]
    pub fn builtin(theme: ThemeName, depth: ColorDepth) -> Self {
        match (theme, depth) {
            (ThemeName::Light, ColorDepth::Indexed256) => Self::LIGHT,
            (ThemeName::Light, ColorDepth::Ansi16) => Self::LIGHT_16,
            (ThemeName::HighContrast, _) => Self::HIGH_CONTRAST,
            (_, ColorDepth::Indexed256) => Self::DARK,
            (_, ColorDepth::Ansi16) => Self::DARK_16,
        }
    }
}

/// A colour as the config writes it: `cyan`, `light-red`, `#1e90ff`, `236`, `reset`.
#[must_use]
pub fn color_name(color: Color) -> String {
    let shown = color.to_string();
    let mut out = String::with_capacity(shown.len() + 2);
    for (i, c) in shown.chars().enumerate() {
        if c.is_ascii_uppercase() && i > 0 && !shown.starts_with('#') {
            out.push('-');
        }
        out.push(if shown.starts_with('#') {
            c
        } else {
            c.to_ascii_lowercase()
        });
    }
    out
}

/// Parse a colour name (see [`color_name`]); ratatui's names, `#rrggbb` and 0–255.
///
/// # Errors
/// A message that lists what can be written when the name is not a colour.
pub fn parse_color(name: &str) -> Result<Color, String> {
    name.trim().parse::<Color>().map_err(|_| {
        format!("unknown colour {name:?} (use a name such as cyan or light-red, \"#rrggbb\", a number 0-255, or \"reset\")")
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn is_basic(c: Color) -> bool {
        !matches!(c, Color::Indexed(_) | Color::Rgb(..))
    }

    #[test]
    fn sixteen_colour_palettes_use_only_the_sixteen_colours() {
        for theme in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
            let p = Palette::builtin(theme, ColorDepth::Ansi16);
            for (role, _) in Palette::ROLES {
                let c = p.get(role).expect("role");
                assert!(is_basic(c), "{theme:?} {role} is {c:?} on 16 colours");
            }
        }
    }

    #[test]
    fn search_matches_differ_from_text_in_every_theme() {
        for theme in [ThemeName::Dark, ThemeName::Light, ThemeName::HighContrast] {
            for depth in [ColorDepth::Ansi16, ColorDepth::Indexed256] {
                let p = Palette::builtin(theme, depth);
                assert_ne!(p.match_bg, Color::Reset);
                assert_ne!(p.match_bg, p.current_match_bg, "{theme:?} {depth:?}");
                assert_ne!(p.status_fg, p.status_bg);
            }
        }
    }

    #[test]
    fn colour_names_round_trip() {
        for c in [
            Color::Cyan,
            Color::LightRed,
            Color::DarkGray,
            Color::Indexed(236),
            Color::Rgb(30, 144, 255),
            Color::Reset,
        ] {
            assert_eq!(parse_color(&color_name(c)), Ok(c), "{}", color_name(c));
        }
        assert_eq!(color_name(Color::LightRed), "light-red");
        assert_eq!(parse_color("bright blue"), Ok(Color::LightBlue));
        assert!(parse_color("ultraviolet").is_err());
    }

    #[test]
    fn term_decides_the_depth() {
        assert_eq!(
            ColorDepth::from_env(Some("xterm"), None),
            ColorDepth::Ansi16
        );
        assert_eq!(
            ColorDepth::from_env(Some("linux"), None),
            ColorDepth::Ansi16
        );
        assert_eq!(
            ColorDepth::from_env(Some("xterm-256color"), None),
            ColorDepth::Indexed256
        );
        assert_eq!(
            ColorDepth::from_env(Some("xterm"), Some("truecolor")),
            ColorDepth::Indexed256
        );
    }
}
