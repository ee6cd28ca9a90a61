//! The user's preferences: where the config file is, reading it (every error names the file,
//! line and key, and the rest still applies), and the effective configuration.
//!
//! The file is `$XDG_CONFIG_HOME/lectern/config.toml` (default `~/.config/lectern/config.toml`),
//! or `LECTERN_CONFIG`, or `--config FILE`. `lectern --print-config` prints the effective
//! configuration (see [`print()`]); its output read back gives the same configuration.

pub mod keys;
pub mod palette;
mod print;
mod read;
mod settings;
pub mod terminal;

use std::fmt;
use std::path::{Path, PathBuf};

use ratatui::style::Color;
use serde::Deserialize;

pub use keys::KeyChord;
pub use palette::{ColorDepth, Palette, ThemeName};
pub use print::{KeyDoc, print};
pub use read::parse;

/// Colour output.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize, clap::ValueEnum)]
pub enum ColorMode {
    /// What `TERM` allows; no colour when `NO_COLOR` is set.
    #[default]
    #[serde(rename = "auto")]
    Auto,
    /// No colour at all: attributes (bold, underline, reverse) carry every distinction.
    #[serde(rename = "never")]
    Never,
    /// The 16 ANSI colours only.
    #[serde(rename = "16")]
    #[value(name = "16")]
    Ansi16,
    /// The 256-colour palette.
    #[serde(rename = "256")]
    #[value(name = "256")]
    Indexed256,
}

impl ColorMode {
    /// The name as written in the config.
    #[must_use]
    pub fn name(self) -> &'static str {
        match self {
            Self::Auto => "auto",
            Self::Never => "never",
            Self::Ansi16 => "16",
            Self::Indexed256 => "256",
        }
    }
}

/// Which side the contents panel is on.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Side {
    /// Left of the article (the default).
    #[default]
    Left,
    /// Right of the article.
    Right,
}

/// How paragraphs are set apart.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum ParagraphStyle {
    /// A blank line between paragraphs.
    #[default]
    BlankLine,
    /// No blank line; the first line of a paragraph that follows another is indented.
    Indent,
}

/// `[reading]`: how the text is laid out.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Reading {
    /// Widest reading column in columns.
    pub column_width: u16,
    /// Blank columns on each side of the text inside the article panel.
    pub margins: u16,
    /// Justify paragraphs.
    pub justify: bool,
    /// Hyphenate when justifying.
    pub hyphenate: bool,
    /// Paragraph separation.
    pub paragraphs: ParagraphStyle,
    /// First-line indent in columns with [`ParagraphStyle::Indent`].
    pub indent: u16,
}

impl Default for Reading {
    fn default() -> Self {
        Self {
            column_width: 80,
            margins: 1,
            justify: false,
            hyphenate: true,
            paragraphs: ParagraphStyle::BlankLine,
            indent: 3,
        }
    }
}

/// `[contents]`: the side panel.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Contents {
    /// Shown at start.
    pub show: bool,
    /// Left or right of the article.
    pub side: Side,
    /// Width in columns; 0 = automatic.
    pub width: u16,
}

impl Default for Contents {
    fn default() -> Self {
        Self {
            show: true,
            side: Side::Left,
            width: 0,
        }
    }
}

/// `[pace]`: reading speed and auto-scroll.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Pace {
    /// A fixed reading speed in words per minute; 0 = measured.
    pub words_per_minute: u16,
    /// Auto-scroll speed in words per minute; 0 = the reading speed.
    pub auto_scroll: u16,
}

/// One line of a `[keys.CONTEXT]` table: a key bound to an action, or unbound (`"none"`).
#[derive(Clone, Debug, Eq)]
pub struct KeyBinding {
    /// The context's name (`article`, `contents`, `global`, …).
    pub context: String,
    /// The key.
    pub key: KeyChord,
    /// The action's name (`page_down`), or `None` to unbind the key.
    pub action: Option<String>,
    /// The line in the config file (1-based; 0 when not from a file). Not compared.
    pub line: usize,
}

impl PartialEq for KeyBinding {
    fn eq(&self, other: &Self) -> bool {
        self.context == other.context && self.key == other.key && self.action == other.action
    }
}

/// The effective configuration: defaults, then the file, then the command line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Config {
    /// The colour theme.
    pub theme: ThemeName,
    /// Colour output.
    pub color: ColorMode,
    /// Capture the mouse.
    pub mouse: bool,
    /// `[reading]`.
    pub reading: Reading,
    /// `[contents]`.
    pub contents: Contents,
    /// `[pace]`.
    pub pace: Pace,
    /// `[colors]`: colours set by the user over the theme's, by role name, in file order.
    pub colors: Vec<(String, Color)>,
    /// `[keys.*]`: the user's bindings, in file order.
    pub keys: Vec<KeyBinding>,
}

impl Default for Config {
    fn default() -> Self {
        Self {
            theme: ThemeName::default(),
            color: ColorMode::default(),
            mouse: true,
            reading: Reading::default(),
            contents: Contents::default(),
            pace: Pace::default(),
            colors: Vec::new(),
            keys: Vec::new(),
        }
    }
}

impl Config {
    /// The defaults (what lectern does with no config file).
    #[must_use]
    pub fn defaults() -> Self {
        Self::default()
    }

    /// The text style of the layout: justification, hyphenation, paragraph indent.
    #[must_use]
    pub fn text_style(&self) -> crate::layout::justify::TextStyle {
        crate::layout::justify::TextStyle {
            justify: self.reading.justify,
            hyphenate: self.reading.hyphenate,
            indent: match self.reading.paragraphs {
                ParagraphStyle::BlankLine => 0,
                ParagraphStyle::Indent => usize::from(self.reading.indent),
            },
        }
    }

    /// The theme's palette with the user's colours over it. `theme` must be resolved (not
    /// `auto`; see [`terminal::resolve_theme`]).
    #[must_use]
    pub fn palette(&self, theme: ThemeName, depth: ColorDepth) -> Palette {
        let mut palette = Palette::builtin(theme, depth);
        for (role, color) in &self.colors {
            palette.set(role, *color);
        }
        palette
    }

    /// Drop the key bindings whose context or action `known` rejects, with one error each.
    /// `known(context, action)` says whether an action exists in a context (`None`: whether
    /// the context exists). Two bindings of one key in one context are a conflict: the first
    /// is kept.
    pub fn check_keys(
        &mut self,
        file: &str,
        known: impl Fn(&str, Option<&str>) -> bool,
    ) -> Vec<ConfigError> {
        let mut errors = Vec::new();
        let mut kept: Vec<KeyBinding> = Vec::new();
        for binding in std::mem::take(&mut self.keys) {
            let key = format!("keys.{}.{:?}", binding.context, binding.key.name());
            let error = |message: String| ConfigError {
                file: file.to_string(),
                line: Some(binding.line),
                key: key.clone(),
                message,
            };
            if !known(&binding.context, None) {
                errors.push(error(format!("unknown context {:?}", binding.context)));
            } else if let Some(action) = binding
                .action
                .as_deref()
                .filter(|a| !known(&binding.context, Some(a)))
            {
                errors.push(error(format!(
                    "unknown action {action:?} in {} (the help overlay, ?, lists them; \"none\" unbinds)",
                    binding.context
                )));
            } else if let Some(first) = kept
                .iter()
                .find(|k| k.context == binding.context && k.key == binding.key)
            {
                errors.push(error(format!(
                    "conflict: {} is already bound on line {} in this table; this line is ignored",
                    binding.key, first.line
                )));
            } else {
                kept.push(binding);
            }
        }
        self.keys = kept;
        errors
    }
}

/// A problem in the config file: where it is and what is wrong. The bad part keeps its
/// default; everything else still applies.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ConfigError {
    /// The file, as shown to the user.
    pub file: String,
    /// The line (1-based), when known.
    pub line: Option<usize>,
    /// The dotted key (`reading.column_width`), empty for the file as a whole.
    pub key: String,
    /// What is wrong.
    pub message: String,
}

impl fmt::Display for ConfigError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let text = match (self.line, self.key.is_empty()) {
            (Some(line), false) => format!("{}:{line}: {}: {}", self.file, self.key, self.message),
            (Some(line), true) => format!("{}:{line}: {}", self.file, self.message),
            (None, false) => format!("{}: {}: {}", self.file, self.key, self.message),
            (None, true) => format!("{}: {}", self.file, self.message),
        };
        f.write_str(&crate::document::sanitize::sanitize_inline(&text))
    }
}

/// Where the config file is: `--config FILE`, else `LECTERN_CONFIG`, else the XDG default.
/// The flag says whether the user named it (a missing named file is an error; a missing
/// default file is not).
#[must_use]
pub fn locate(flag: Option<&Path>, env: Option<&std::ffi::OsStr>) -> Option<(PathBuf, bool)> {
    if let Some(path) = flag {
        return Some((path.to_path_buf(), true));
    }
    if let Some(path) = env.filter(|p| !p.is_empty()) {
        return Some((PathBuf::from(path), true));
    }
    // XDG on every Unix, macOS included, as terminal tools expect: `$XDG_CONFIG_HOME` when it
    // is an absolute path, else `~/.config`.
    let base = std::env::var_os("XDG_CONFIG_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
        .or_else(|| directories::BaseDirs::new().map(|d| d.home_dir().join(".config")))?;
    Some((base.join("lectern").join("config.toml"), false))
}

/// Largest config file read (a config is a few kilobytes).
const MAX_CONFIG_BYTES: u64 = 1 << 20;

/// The configuration from the file at `path` (see [`locate`]) and its errors. Never fails:
/// an unreadable file is one error and the defaults.
#[must_use]
pub fn load(path: Option<(PathBuf, bool)>) -> (Config, Vec<ConfigError>) {
    let Some((path, named)) = path else {
        return (Config::defaults(), Vec::new());
    };
    let shown = path.display().to_string();
    let whole = |message: String| ConfigError {
        file: shown.clone(),
        line: None,
        key: String::new(),
        message,
    };
    let text = match std::fs::metadata(&path) {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !named => {
            return (Config::defaults(), Vec::new());
        }
        Ok(meta) if meta.len() > MAX_CONFIG_BYTES => Err("the file is over 1 MiB".to_string()),
        Ok(meta) if meta.is_dir() => Err("it is a directory".to_string()),
        _ => std::fs::read(&path).map_err(|e| e.to_string()),
    };
    match text.and_then(|bytes| String::from_utf8(bytes).map_err(|_| "it is not UTF-8 text".into()))
    {
        Ok(text) => parse(&text, &shown),
        Err(message) => (
            Config::defaults(),
            vec![whole(format!(
                "cannot read the config: {message}; using the defaults"
            ))],
        ),
    }
}

#[cfg(test)]
mod tests;
