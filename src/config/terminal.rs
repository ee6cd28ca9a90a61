//! What the terminal is like: a dark or light background (from `COLORFGBG` or an OSC 11
//! query), how many colours it shows, and whether colour is wanted at all (`NO_COLOR`).

use std::time::Duration;

use super::palette::{ColorDepth, ThemeName};

/// How long lectern waits for the terminal to answer the background query. Terminals that
/// answer do so in a few milliseconds; those that do not support the query are detected at
/// once by their answer to a second, universal query, so this is only paid by a silent terminal.
pub const BACKGROUND_QUERY_TIMEOUT: Duration = Duration::from_millis(100);

/// A terminal background's lightness class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Background {
    /// A dark background.
    Dark,
    /// A light background.
    Light,
}

/// Read `COLORFGBG` (`"15;0"`, `"0;default;15"`, set by rxvt, Konsole and others): the last
/// field is the background's ANSI colour; 0–6 and 8 are dark, 7 and 9–15 light.
#[must_use]
pub fn background_from_colorfgbg(value: &str) -> Option<Background> {
    let bg: u8 = value.rsplit(';').next()?.trim().parse().ok()?;
    match bg {
        0..=6 | 8 => Some(Background::Dark),
        7 | 9..=15 => Some(Background::Light),
        _ => None,
    }
}

/// The background class of a colour given as 16-bit channels, by its perceived lightness
/// (CIE L*, 0–100); above the middle is light.
#[must_use]
pub fn background_from_rgb(r: u16, g: u16, b: u16) -> Background {
    let lin = |c: u16| {
        let c = f64::from(c) / f64::from(u16::MAX);
        if c <= 0.040_45 {
            c / 12.92
        } else {
            ((c + 0.055) / 1.055).powf(2.4)
        }
    };
    let y = 0.2126 * lin(r) + 0.7152 * lin(g) + 0.0722 * lin(b);
    let l_star = if y <= 216.0 / 24389.0 {
        y * 24389.0 / 27.0
    } else {
        y.cbrt() * 116.0 - 16.0
    };
    if l_star > 50.0 {
        Background::Light
    } else {
        Background::Dark
    }
}

/// Ask the terminal for its background colour (OSC 11, with a DA1 query behind it so a
/// terminal that does not know OSC 11 is detected at once), waiting at most `timeout`.
/// Call it before the input thread starts reading the terminal. `None` when there is no
/// terminal, it does not answer, or it is a multiplexer that would show the reply.
#[must_use]
pub fn query_background(timeout: Duration) -> Option<Background> {
    let mut options = terminal_colorsaurus::QueryOptions::default();
    options.timeout = timeout;
    let color = terminal_colorsaurus::background_color(options).ok()?;
    Some(background_from_rgb(color.r, color.g, color.b))
}

/// The environment that decides colours, read once (tests pass their own).
#[derive(Clone, Debug, Default)]
pub struct ColorEnv {
    /// `NO_COLOR` is set (to any value, empty included).
    pub no_color: bool,
    /// `TERM`.
    pub term: Option<String>,
    /// `COLORTERM`.
    pub colorterm: Option<String>,
    /// `COLORFGBG`.
    pub colorfgbg: Option<String>,
}

impl ColorEnv {
    /// The process environment.
    #[must_use]
    pub fn from_process() -> Self {
        let var = |name: &str| std::env::var(name).ok();
        Self {
            no_color: std::env::var_os("NO_COLOR").is_some(),
            term: var("TERM"),
            colorterm: var("COLORTERM"),
            colorfgbg: var("COLORFGBG"),
        }
    }

    /// The colour depth `TERM` and `COLORTERM` promise.
    #[must_use]
    pub fn depth(&self) -> ColorDepth {
        ColorDepth::from_env(self.term.as_deref(), self.colorterm.as_deref())
    }
}

/// Resolve `auto` to dark or light: `COLORFGBG` when it says, else `query` (the OSC 11 query,
/// run only when needed), else dark. Other themes are returned as they are.
pub fn resolve_theme(
    theme: ThemeName,
    env: &ColorEnv,
    query: impl FnOnce() -> Option<Background>,
) -> ThemeName {
    if theme != ThemeName::Auto {
        return theme;
    }
    let background = env
        .colorfgbg
        .as_deref()
        .and_then(background_from_colorfgbg)
        .or_else(|| {
            if env.term.as_deref() == Some("dumb") {
                None
            } else {
                query()
            }
        });
    match background {
        Some(Background::Light) => ThemeName::Light,
        _ => ThemeName::Dark,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn colorfgbg_names_the_background() {
        assert_eq!(background_from_colorfgbg("15;0"), Some(Background::Dark));
        assert_eq!(background_from_colorfgbg("0;15"), Some(Background::Light));
        assert_eq!(
            background_from_colorfgbg("0;default;7"),
            Some(Background::Light)
        );
        assert_eq!(background_from_colorfgbg("7;8"), Some(Background::Dark));
        assert_eq!(background_from_colorfgbg("default;default"), None);
        assert_eq!(background_from_colorfgbg(""), None);
    }

    #[test]
    fn lightness_splits_dark_from_light() {
        assert_eq!(background_from_rgb(0, 0, 0), Background::Dark);
        assert_eq!(
            background_from_rgb(0xffff, 0xffff, 0xffff),
            Background::Light
        );
        // Solarized light base3 and dark base03.
        assert_eq!(
            background_from_rgb(0xfdfd, 0xf6f6, 0xe3e3),
            Background::Light
        );
        assert_eq!(
            background_from_rgb(0x0000, 0x2b2b, 0x3636),
            Background::Dark
        );
        // Mid grey 0x4040 is dark; 0xc0c0 light.
        assert_eq!(
            background_from_rgb(0x4040, 0x4040, 0x4040),
            Background::Dark
        );
        assert_eq!(
            background_from_rgb(0xc0c0, 0xc0c0, 0xc0c0),
            Background::Light
        );
    }

    #[test]
    fn auto_asks_the_terminal_only_when_colorfgbg_is_silent() {
        let mut env = ColorEnv {
            colorfgbg: Some("0;15".into()),
            ..ColorEnv::default()
        };
        let asked = std::cell::Cell::new(false);
        let ask = || {
            asked.set(true);
            Some(Background::Dark)
        };
        assert_eq!(resolve_theme(ThemeName::Auto, &env, ask), ThemeName::Light);
        assert!(!asked.get(), "COLORFGBG answered: no query");
        env.colorfgbg = None;
        assert_eq!(
            resolve_theme(ThemeName::Auto, &env, || Some(Background::Light)),
            ThemeName::Light
        );
        assert_eq!(
            resolve_theme(ThemeName::Auto, &env, || None),
            ThemeName::Dark
        );
        assert_eq!(
            resolve_theme(ThemeName::HighContrast, &env, || Some(Background::Light)),
            ThemeName::HighContrast
        );
    }
}
