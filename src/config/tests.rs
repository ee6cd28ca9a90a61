//! Tests of reading config files: every documented key, and each kind of error.

use ratatui::style::Color;

use super::*;

const FULL: &str = r##"
theme = "light"
color = "never"
mouse = false

[reading]
column_width = 72
margins = 3
justify = true
hyphenate = false
paragraphs = "indent"
indent = 4

[contents]
show = false
side = "right"
width = 28

[pace]
words_per_minute = 260
auto_scroll = 200

[colors]
accent = "magenta"
match_bg = "#ffd700"
status_bg = "238"

[keys.article]
"ctrl-f" = "page_down"
"space" = "none"
"##;

#[test]
fn every_documented_key_is_read() {
    let (c, errors) = parse(FULL, "full.toml");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(c.theme, ThemeName::Light);
    assert_eq!(c.color, ColorMode::Never);
    assert!(!c.mouse);
    assert_eq!(
        c.reading,
        Reading {
            column_width: 72,
            margins: 3,
            justify: true,
            hyphenate: false,
            paragraphs: ParagraphStyle::Indent,
            indent: 4,
        }
    );
    assert_eq!(
        c.contents,
        Contents {
            show: false,
            side: Side::Right,
            width: 28
        }
    );
    assert_eq!(
        c.pace,
        Pace {
            words_per_minute: 260,
            auto_scroll: 200
        }
    );
    assert_eq!(
        c.colors,
        vec![
            ("accent".to_string(), Color::Magenta),
            ("match_bg".to_string(), Color::Rgb(0xff, 0xd7, 0)),
            ("status_bg".to_string(), Color::Indexed(238)),
        ]
    );
    assert_eq!(c.keys.len(), 2);
    assert_eq!(c.keys[0].key, KeyChord::parse("ctrl-f").expect("key"));
    assert_eq!(c.keys[0].action.as_deref(), Some("page_down"));
    assert_eq!(c.keys[0].line, 29);
    assert_eq!(c.keys[1].action, None);
    let p = c.palette(ThemeName::Light, ColorDepth::Indexed256);
    assert_eq!(p.accent, Color::Magenta);
    assert_eq!(p.dim, Palette::LIGHT.dim);
}

#[test]
fn every_documented_setting_is_in_the_full_example() {
    for s in settings::SETTINGS {
        let line = format!("\n{} = ", s.key);
        assert!(FULL.contains(&line), "{} missing from the test", s.key);
    }
}

fn one_error(text: &str) -> (Config, ConfigError) {
    let (c, mut errors) = parse(text, "/home/u/.config/lectern/config.toml");
    assert_eq!(errors.len(), 1, "{errors:?}");
    (c, errors.remove(0))
}

#[test]
fn a_wrong_type_names_file_line_and_key_and_keeps_the_rest() {
    let (c, e) = one_error("theme = \"light\"\n[reading]\ncolumn_width = \"wide\"\nmargins = 2\n");
    assert_eq!(e.line, Some(3));
    assert_eq!(e.key, "reading.column_width");
    assert!(e.message.contains("whole number"), "{e}");
    assert_eq!(
        e.to_string(),
        format!(
            "/home/u/.config/lectern/config.toml:3: reading.column_width: {}",
            e.message
        )
    );
    assert_eq!(c.reading.column_width, 80, "default kept");
    assert_eq!(c.reading.margins, 2, "the rest applied");
    assert_eq!(c.theme, ThemeName::Light);
}

#[test]
fn an_unknown_key_is_reported_with_a_suggestion() {
    let (c, e) = one_error("[reading]\ncolum_width = 60\njustify = true\n");
    assert_eq!((e.line, e.key.as_str()), (Some(2), "reading.colum_width"));
    assert!(e.message.contains("did you mean \"column_width\""), "{e}");
    assert!(c.reading.justify);
    let (_, e) = one_error("\n\n[readin]\njustify = true\n");
    assert_eq!((e.line, e.key.as_str()), (Some(3), "readin"));
    assert!(e.message.contains("reading"), "{e}");
}

#[test]
fn bad_values_are_reported() {
    let (_, e) = one_error("theme = \"solarized\"\n");
    assert_eq!((e.line, e.key.as_str()), (Some(1), "theme"));
    assert!(e.message.contains("high-contrast"), "{e}");
    let (c, e) = one_error("mouse = false\n[reading]\ncolumn_width = 5\n");
    assert_eq!((e.line, e.key.as_str()), (Some(3), "reading.column_width"));
    assert!(e.message.contains("20-1000"), "{e}");
    assert!(!c.mouse);
    let (_, e) = one_error("[colors]\naccent = \"ultraviolet\"\n");
    assert_eq!((e.line, e.key.as_str()), (Some(2), "colors.accent"));
    let (_, e) = one_error("[colors]\naccnet = \"red\"\n");
    assert!(e.message.contains("did you mean \"accent\""), "{e}");
    let (_, e) = one_error("mouse = 1\n");
    assert!(e.message.contains("true or false"), "{e}");
}

#[test]
fn bad_key_names_are_reported_and_the_others_kept() {
    let (c, e) = one_error("[keys.article]\n\"ctrl-f\" = \"page_down\"\n\"hyper-q\" = \"quit\"\n");
    assert_eq!(e.line, Some(3));
    assert_eq!(e.key, "keys.article.\"hyper-q\"");
    assert_eq!(c.keys.len(), 1);
    let (_, e) = one_error("[keys.article]\n\"j\" = 5\n");
    assert!(e.message.contains("action name"), "{e}");
}

#[test]
fn unknown_actions_contexts_and_conflicts_are_reported_by_check_keys() {
    let text = "[keys.article]\n\"ctrl-f\" = \"page_down\"\n\"x\" = \"fly\"\n\"Ctrl+F\" = \"quit\"\n[keys.sidebar]\n\"j\" = \"page_down\"\n";
    let (mut c, errors) = parse(text, "k.toml");
    assert!(errors.is_empty(), "{errors:?}");
    let known = |ctx: &str, action: Option<&str>| {
        ctx == "article" && action.is_none_or(|a| ["page_down", "quit"].contains(&a))
    };
    let errors = c.check_keys("k.toml", known);
    let found: Vec<(Option<usize>, &str)> = errors
        .iter()
        .map(|e| (e.line, e.message.as_str()))
        .collect();
    assert_eq!(errors.len(), 3, "{errors:?}");
    assert!(found[0].1.contains("unknown action \"fly\""), "{found:?}");
    assert_eq!(found[0].0, Some(3));
    assert!(found[1].1.contains("conflict"), "{found:?}");
    assert_eq!(found[1].0, Some(4));
    assert!(
        found[2].1.contains("unknown context \"sidebar\""),
        "{found:?}"
    );
    assert_eq!(c.keys.len(), 1);
}

#[test]
fn syntax_errors_name_the_line_and_the_rest_still_applies() {
    let (c, errors) = parse(
        "mouse = false\ntheme = \n[reading]\njustify = true\n",
        "s.toml",
    );
    assert!(!errors.is_empty());
    assert_eq!(errors[0].line, Some(2), "{errors:?}");
    assert!(errors[0].message.starts_with("TOML syntax"), "{errors:?}");
    assert!(!c.mouse);
    assert!(c.reading.justify);
}

#[test]
fn hostile_text_in_errors_is_sanitized() {
    let (_, e) = one_error("\"evil\\u001b[2J\" = 1\n");
    assert!(!e.to_string().contains('\u{1b}'), "{e}");
}

#[test]
fn files_are_found_and_missing_ones_only_matter_when_named() {
    let dir = std::env::temp_dir().join(format!("lectern-config-{}", std::process::id()));
    std::fs::create_dir_all(&dir).expect("dir");
    let file = dir.join("c.toml");
    std::fs::write(&file, "mouse = false\n").expect("write");
    let (c, errors) = load(Some((file.clone(), true)));
    assert!(errors.is_empty() && !c.mouse);
    let missing = dir.join("missing.toml");
    let (c, errors) = load(Some((missing.clone(), false)));
    assert!(errors.is_empty() && c == Config::defaults());
    let (_, errors) = load(Some((missing.clone(), true)));
    assert_eq!(errors.len(), 1);
    assert!(errors[0].to_string().contains("missing.toml"), "{errors:?}");
    let (_, errors) = load(Some((dir.clone(), true)));
    assert!(errors[0].message.contains("directory"), "{errors:?}");
    std::fs::write(&file, b"mouse = \xff\n").expect("write");
    let (_, errors) = load(Some((file.clone(), true)));
    assert!(errors[0].message.contains("UTF-8"), "{errors:?}");
    let _ = std::fs::remove_dir_all(&dir);

    let flag = std::path::Path::new("/x/flag.toml");
    let env = std::ffi::OsStr::new("/x/env.toml");
    assert_eq!(locate(Some(flag), Some(env)), Some((flag.into(), true)));
    assert_eq!(locate(None, Some(env)), Some((env.into(), true)));
    let default = locate(None, Some(std::ffi::OsStr::new("")));
    assert!(default.is_some_and(|(p, named)| !named && p.ends_with("lectern/config.toml")));
}
