//! `--print-config`: the effective configuration as a commented TOML file, every default
//! shown, ready to save; read back, it gives the same configuration.

use std::fmt::Write as _;

use super::Config;
use super::palette::{Palette, color_name};
use super::settings::{SETTINGS, TABLES, quoted, table_comment};

/// A default key binding, for the commented list under each `[keys.CONTEXT]` table:
/// (context, key name, action name, what it does).
pub type KeyDoc = (String, String, String, String);

/// The configuration as TOML. `shown` is the palette whose colours are listed (commented out
/// unless the user set them); `default_keys` are listed as comments under their context.
#[must_use]
pub fn print(config: &Config, shown: &Palette, default_keys: &[KeyDoc]) -> String {
    let mut out = String::from(
        "# lectern configuration. Save as ~/.config/lectern/config.toml (or $XDG_CONFIG_HOME/lectern/,\n\
         # LECTERN_CONFIG, --config FILE). Every setting is shown with its current value.\n",
    );
    for table in TABLES {
        out.push('\n');
        if !table.is_empty() {
            let _ = writeln!(out, "# {}\n[{table}]", table_comment(table));
        }
        for s in SETTINGS.iter().filter(|s| s.table == *table) {
            let _ = writeln!(out, "# {}\n{} = {}", s.comment, s.key, (s.show)(config));
        }
    }
    print_colors(&mut out, config, shown);
    print_keys(&mut out, config, default_keys);
    out
}

fn print_colors(out: &mut String, config: &Config, shown: &Palette) {
    out.push_str(
        "\n# Colours over the theme's: a name (cyan, light-red, dark-gray), \"#rrggbb\", 0-255, or\n\
         # \"reset\" (the terminal's own). Lines starting with # show the theme's colour.\n[colors]\n",
    );
    for (role, what) in Palette::ROLES {
        let set = config.colors.iter().find(|(r, _)| r == role);
        let (hash, color) = match set {
            Some((_, c)) => ("", *c),
            None => ("# ", shown.get(role).unwrap_or_default()),
        };
        let _ = writeln!(
            out,
            "{hash}{role} = {}  # {what}",
            quoted(&color_name(color))
        );
    }
}

fn print_keys(out: &mut String, config: &Config, defaults: &[KeyDoc]) {
    out.push_str(
        "\n# Keys, per context: \"key\" = \"action\" adds a key; \"key\" = \"none\" unbinds it.\n\
         # Key names: j, G, <, space, enter, esc, tab, shift-tab, up, pagedown, f5, ctrl-f, alt-x.\n\
         # Lines starting with # are the default bindings.\n",
    );
    let mut contexts: Vec<&str> = Vec::new();
    for ctx in defaults
        .iter()
        .map(|d| d.0.as_str())
        .chain(config.keys.iter().map(|k| k.context.as_str()))
    {
        if !contexts.contains(&ctx) {
            contexts.push(ctx);
        }
    }
    if contexts.is_empty() {
        out.push_str("# [keys.article]\n# \"ctrl-f\" = \"page_down\"\n");
    }
    for ctx in contexts {
        let _ = writeln!(out, "[keys.{ctx}]");
        for k in config.keys.iter().filter(|k| k.context == ctx) {
            let action = k.action.as_deref().unwrap_or("none");
            let _ = writeln!(out, "{} = {}", quoted(&k.key.name()), quoted(action));
        }
        for (_, key, action, help) in defaults.iter().filter(|d| d.0 == ctx) {
            let _ = writeln!(out, "# {} = {}  # {help}", quoted(key), quoted(action));
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::keys::KeyChord;
    use crate::config::{ColorMode, KeyBinding, ParagraphStyle, Side, ThemeName, parse};
    use ratatui::style::Color;

    fn key(context: &str, name: &str, action: Option<&str>) -> KeyBinding {
        KeyBinding {
            context: context.into(),
            key: KeyChord::parse(name).expect("key"),
            action: action.map(Into::into),
            line: 0,
        }
    }

    fn round_trip(config: &Config) {
        let docs = vec![(
            "article".to_string(),
            "j".to_string(),
            "line_down".to_string(),
            "line down".to_string(),
        )];
        let text = print(config, &Palette::DARK, &docs);
        let (back, errors) = parse(&text, "printed.toml");
        assert!(errors.is_empty(), "{errors:?}\n{text}");
        assert_eq!(&back, config, "\n{text}");
    }

    #[test]
    fn defaults_round_trip() {
        round_trip(&Config::defaults());
    }

    #[test]
    fn every_setting_changed_round_trips() {
        let mut c = Config::defaults();
        c.theme = ThemeName::HighContrast;
        c.color = ColorMode::Ansi16;
        c.mouse = false;
        c.reading.column_width = 66;
        c.reading.margins = 4;
        c.reading.justify = true;
        c.reading.hyphenate = false;
        c.reading.paragraphs = ParagraphStyle::Indent;
        c.reading.indent = 2;
        c.contents.show = false;
        c.contents.side = Side::Right;
        c.contents.width = 30;
        c.pace.words_per_minute = 300;
        c.pace.auto_scroll = 180;
        c.colors = vec![
            ("accent".into(), Color::Rgb(0x1e, 0x90, 0xff)),
            ("status_bg".into(), Color::Indexed(17)),
        ];
        c.keys = vec![
            key("article", "ctrl-f", Some("page_down")),
            key("article", "space", None),
            key("contents", "\"", Some("entry_down")),
            key("global", "shift-tab", Some("toggle_focus")),
        ];
        round_trip(&c);
    }

    #[test]
    fn every_key_and_role_has_a_comment() {
        let text = print(&Config::defaults(), &Palette::DARK, &[]);
        let lines: Vec<&str> = text.lines().collect();
        for s in SETTINGS {
            let at = lines
                .iter()
                .position(|l| l.starts_with(&format!("{} = ", s.key)))
                .expect(s.key);
            assert!(lines[at - 1].starts_with("# "), "{} has no comment", s.key);
        }
        for (role, _) in Palette::ROLES {
            assert!(text.contains(&format!("# {role} = ")), "{role}");
        }
    }
}
