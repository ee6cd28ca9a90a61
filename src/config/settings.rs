//! The table of settings: each key's TOML table, name, comment, how it is shown and how it is
//! read (with serde, one key at a time, so one bad value never spoils the others).

use serde::Deserialize;
use serde::de::IntoDeserializer;
use toml::Spanned;
use toml::de::DeValue;

use super::palette::ThemeName;
use super::{ColorMode, Config, ParagraphStyle, Side};

/// A TOML value with its byte span in the file.
pub(super) type Value<'a> = Spanned<DeValue<'a>>;

/// One setting of the config file.
pub(super) struct Setting {
    /// The table it lives in (`""` for the top level).
    pub table: &'static str,
    /// Its key.
    pub key: &'static str,
    /// One comment line for `--print-config`.
    pub comment: &'static str,
    /// Its value in `config`, as a TOML literal.
    pub show: fn(&Config) -> String,
    /// Read it from a TOML value into `config`; the message says what is wrong.
    pub apply: fn(&mut Config, &Value<'_>) -> Result<(), String>,
}

/// Deserialize one TOML value with serde.
fn de<T: for<'a> Deserialize<'a>>(value: &Value<'_>) -> Result<T, String> {
    T::deserialize(value.clone().into_deserializer()).map_err(|e| {
        let msg = e.message().trim().to_string();
        let found = value.get_ref().type_str();
        if msg.starts_with("invalid type") {
            format!(
                "expected {}, found {found}",
                std::any::type_name::<T>()
                    .rsplit("::")
                    .next()
                    .map_or("a value", expected_name)
            )
        } else {
            msg
        }
    })
}

/// How a Rust type is named in an error message.
fn expected_name(type_name: &str) -> &'static str {
    match type_name {
        "bool" => "true or false",
        "u16" | "u32" | "usize" => "a whole number",
        _ => "a string",
    }
}

/// A TOML literal for a setting's value.
pub(super) trait Literal {
    /// The value as TOML source.
    fn literal(&self) -> String;
}

impl Literal for bool {
    fn literal(&self) -> String {
        self.to_string()
    }
}

impl Literal for u16 {
    fn literal(&self) -> String {
        self.to_string()
    }
}

/// A quoted TOML string.
pub(super) fn quoted(s: &str) -> String {
    toml::Value::String(s.to_string()).to_string()
}

impl Literal for ThemeName {
    fn literal(&self) -> String {
        quoted(self.name())
    }
}

impl Literal for ColorMode {
    fn literal(&self) -> String {
        quoted(self.name())
    }
}

impl Literal for Side {
    fn literal(&self) -> String {
        quoted(match self {
            Side::Left => "left",
            Side::Right => "right",
        })
    }
}

impl Literal for ParagraphStyle {
    fn literal(&self) -> String {
        quoted(match self {
            ParagraphStyle::BlankLine => "blank-line",
            ParagraphStyle::Indent => "indent",
        })
    }
}

/// A check that a number lies in `range`, or is 0 when `zero` is allowed.
fn within(value: u16, range: std::ops::RangeInclusive<u16>, zero: bool) -> Result<(), String> {
    if range.contains(&value) || (zero && value == 0) {
        Ok(())
    } else if zero {
        Err(format!(
            "{value} is out of range: use 0 or {}-{}",
            range.start(),
            range.end()
        ))
    } else {
        Err(format!(
            "{value} is out of range: use {}-{}",
            range.start(),
            range.end()
        ))
    }
}

macro_rules! setting {
    ($table:literal, $key:literal, $comment:literal, $($field:ident).+ : $ty:ty) => {
        setting!($table, $key, $comment, $($field).+ : $ty, |_| Ok(()))
    };
    ($table:literal, $key:literal, $comment:literal, $($field:ident).+ : $ty:ty, $check:expr) => {
        Setting {
            table: $table,
            key: $key,
            comment: $comment,
            show: |c| c.$($field).+.literal(),
            apply: |c, v| {
                let x: $ty = de(v)?;
                let check: fn($ty) -> Result<(), String> = $check;
                check(x)?;
                c.$($field).+ = x;
                Ok(())
            },
        }
    };
}

/// Every plain setting (colours and keys are tables of their own), in the order printed.
pub(super) static SETTINGS: &[Setting] = &[
    setting!(
        "",
        "theme",
        "Colour theme: \"auto\" (dark or light from the terminal's background), \"dark\", \"light\", \"high-contrast\".",
        theme: ThemeName
    ),
    setting!(
        "",
        "color",
        "Colour output: \"auto\" (what TERM allows; none when NO_COLOR is set), \"never\", \"16\" or \"256\" colours.",
        color: ColorMode
    ),
    setting!(
        "",
        "mouse",
        "Use the mouse (wheel scrolls, click jumps); false leaves it to the terminal, to select text.",
        mouse: bool
    ),
    setting!(
        "reading",
        "column_width",
        "Widest reading column, in columns (20-1000); < > = change it while reading.",
        reading.column_width: u16,
        |v| within(v, 20..=1000, false)
    ),
    setting!(
        "reading",
        "margins",
        "Blank columns on each side of the text inside the article panel (0-20).",
        reading.margins: u16,
        |v| within(v, 0..=20, false)
    ),
    setting!(
        "reading",
        "justify",
        "Justify paragraphs to both edges of the column (never code, tables or verbatim text).",
        reading.justify: bool
    ),
    setting!(
        "reading",
        "hyphenate",
        "With justify: break long words at English hyphenation points.",
        reading.hyphenate: bool
    ),
    setting!(
        "reading",
        "paragraphs",
        "Paragraph separation: \"blank-line\" or \"indent\" (first line indented, no blank line).",
        reading.paragraphs: ParagraphStyle
    ),
    setting!(
        "reading",
        "indent",
        "With paragraphs = \"indent\": the first-line indent in columns (1-16).",
        reading.indent: u16,
        |v| within(v, 1..=16, false)
    ),
    setting!(
        "contents",
        "show",
        "Show the contents panel at start (t toggles it).",
        contents.show: bool
    ),
    setting!(
        "contents",
        "side",
        "Where the contents panel goes: \"left\" or \"right\".",
        contents.side: Side
    ),
    setting!(
        "contents",
        "width",
        "Width of the contents panel in columns (12-200); 0 = a quarter of the screen, 22-40.",
        contents.width: u16,
        |v| within(v, 12..=200, true)
    ),
    setting!(
        "pace",
        "words_per_minute",
        "Reading speed for the time left (50-2000); 0 = learn it from how fast you read.",
        pace.words_per_minute: u16,
        |v| within(v, 50..=2000, true)
    ),
    setting!(
        "pace",
        "auto_scroll",
        "Auto-scroll speed in words per minute (50-2000); 0 = your reading speed. + and - adjust it.",
        pace.auto_scroll: u16,
        |v| within(v, 50..=2000, true)
    ),
];

/// The tables that hold plain settings, in the order printed.
pub(super) const TABLES: &[&str] = &["", "reading", "contents", "pace"];

/// The comment printed above each table.
pub(super) fn table_comment(table: &str) -> &'static str {
    match table {
        "reading" => "How the text is laid out.",
        "contents" => "The side panel with the table of contents.",
        "pace" => "Reading speed, time left and auto-scroll.",
        _ => "",
    }
}
