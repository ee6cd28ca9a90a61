//! Reading a config file's text: TOML with spans, each key applied on its own, every problem
//! an error with the file, line and key.

use toml::de::{DeTable, DeValue};

use super::keys::KeyChord;
use super::palette::{Palette, parse_color};
use super::settings::{SETTINGS, TABLES, Value};
use super::{Config, ConfigError, KeyBinding};

/// Collects errors for one file.
struct Errors<'a> {
    file: &'a str,
    text: &'a str,
    list: Vec<ConfigError>,
}

impl Errors<'_> {
    /// The 1-based line of a byte offset.
    fn line(&self, offset: usize) -> usize {
        let end = offset.min(self.text.len());
        self.text
            .get(..end)
            .unwrap_or(self.text)
            .matches('\n')
            .count()
            + 1
    }

    fn push(&mut self, offset: usize, key: &str, message: impl Into<String>) {
        self.list.push(ConfigError {
            file: self.file.to_string(),
            line: Some(self.line(offset)),
            key: key.to_string(),
            message: message.into(),
        });
    }
}

/// The dotted name of a key in a table.
fn dotted(table: &str, key: &str) -> String {
    if table.is_empty() {
        key.to_string()
    } else {
        format!("{table}.{key}")
    }
}

/// Parse a config file's text. Returns the configuration (defaults where the file says
/// nothing or says something wrong) and every error found.
#[must_use]
pub fn parse(text: &str, file: &str) -> (Config, Vec<ConfigError>) {
    let mut errors = Errors {
        file,
        text,
        list: Vec::new(),
    };
    let (doc, syntax) = DeTable::parse_recoverable(text);
    for e in syntax {
        let offset = e.span().map_or(0, |s| s.start);
        let message = format!("TOML syntax: {}", e.message().trim());
        errors.push(offset, "", message);
    }
    let mut config = Config::defaults();
    read_table(&mut config, &mut errors, "", doc.get_ref());
    (config, errors.list)
}

/// Apply the keys of one plain table (top level, `[reading]`, …).
fn read_table(config: &mut Config, errors: &mut Errors<'_>, table: &str, map: &DeTable<'_>) {
    for (key, value) in map {
        let name = key.get_ref().as_ref();
        let offset = key.span().start;
        let path = dotted(table, name);
        if let Some(setting) = SETTINGS.iter().find(|s| s.table == table && s.key == name) {
            if let Err(message) = (setting.apply)(config, value) {
                errors.push(value.span().start, &path, message);
            }
            continue;
        }
        let sub = match value.get_ref() {
            DeValue::Table(sub) if table.is_empty() => Some(sub),
            _ => None,
        };
        match (name, sub) {
            ("colors" | "colours", Some(sub)) => read_colors(config, errors, sub),
            ("keys", Some(sub)) => read_keys(config, errors, sub),
            (t, Some(sub)) if TABLES.contains(&t) => read_table(config, errors, t, sub),
            _ => {
                let known: Vec<&str> = SETTINGS
                    .iter()
                    .filter(|s| s.table == table)
                    .map(|s| s.key)
                    .chain(if table.is_empty() {
                        vec!["reading", "contents", "pace", "colors", "keys"]
                    } else {
                        vec![]
                    })
                    .collect();
                errors.push(offset, &path, unknown("key", name, &known));
            }
        }
    }
}

/// "unknown key "x"", with the closest known name when one is close.
fn unknown(what: &str, name: &str, known: &[&str]) -> String {
    let close = known
        .iter()
        .map(|k| (strsim::damerau_levenshtein(k, name), *k))
        .filter(|(d, k)| *d <= 2.max(k.len() / 4))
        .min();
    match close {
        Some((_, k)) => format!("unknown {what} {name:?} (did you mean {k:?}?)"),
        None => format!("unknown {what} {name:?} (known: {})", known.join(", ")),
    }
}

/// `[colors]`: role = colour.
fn read_colors(config: &mut Config, errors: &mut Errors<'_>, map: &DeTable<'_>) {
    let roles: Vec<&str> = Palette::ROLES.iter().map(|(r, _)| *r).collect();
    for (key, value) in map {
        let role = key.get_ref().as_ref();
        let path = dotted("colors", role);
        let Some(role) = roles.iter().find(|r| **r == role) else {
            errors.push(
                key.span().start,
                &path,
                unknown("colour role", role, &roles),
            );
            continue;
        };
        match value.get_ref().as_str().map(parse_color) {
            Some(Ok(color)) => {
                config.colors.retain(|(r, _)| r != role);
                config.colors.push(((*role).to_string(), color));
            }
            Some(Err(message)) => errors.push(value.span().start, &path, message),
            None => errors.push(
                value.span().start,
                &path,
                format!(
                    "expected a colour string, found {}",
                    value.get_ref().type_str()
                ),
            ),
        }
    }
}

/// `[keys.CONTEXT]` tables: "key" = "action" (or "none").
fn read_keys(config: &mut Config, errors: &mut Errors<'_>, map: &DeTable<'_>) {
    for (context, table) in map {
        let context_name = context.get_ref().as_ref();
        let DeValue::Table(bindings) = table.get_ref() else {
            errors.push(
                context.span().start,
                &dotted("keys", context_name),
                "expected a table of key = action, as [keys.article]",
            );
            continue;
        };
        for (key, action) in bindings {
            read_binding(config, errors, context_name, key, action);
        }
    }
}

/// One `"key" = "action"` line.
fn read_binding(
    config: &mut Config,
    errors: &mut Errors<'_>,
    context: &str,
    key: &toml::Spanned<toml::de::DeString<'_>>,
    action: &Value<'_>,
) {
    let key_name = key.get_ref().as_ref();
    let path = format!("keys.{context}.{key_name:?}");
    let chord = match KeyChord::parse(key_name) {
        Ok(chord) => chord,
        Err(e) => {
            errors.push(key.span().start, &path, e.0);
            return;
        }
    };
    let Some(action_name) = action.get_ref().as_str() else {
        errors.push(
            action.span().start,
            &path,
            format!(
                "expected an action name such as \"page_down\" (or \"none\"), found {}",
                action.get_ref().type_str()
            ),
        );
        return;
    };
    let action_name = action_name.trim();
    config.keys.push(KeyBinding {
        context: context.to_string(),
        key: chord,
        action: (!matches!(action_name, "none" | "")).then(|| action_name.to_string()),
        line: errors.line(key.span().start),
    });
}
