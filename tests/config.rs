//! End-to-end tests of the config file: errors reported with file, line and key while lectern
//! still starts; `--print-config` round-trips; the user's keys, `--color never` and
//! `--no-mouse` take effect in a real terminal.

mod common;

use std::process::Command;
use std::time::Duration;

use common::{BIN, TIMEOUT, screen_rows, spawn_sh, status_bar, temp_path};

/// Write `text` to a fresh config file; its path.
fn config_file(name: &str, text: &str) -> String {
    let path = temp_path(name);
    std::fs::write(&path, text).expect("write config");
    path.to_string_lossy().into_owned()
}

#[test]
fn each_kind_of_error_is_reported_with_file_line_and_key_and_lectern_still_starts() {
    let cases = [
        (
            "type",
            "mouse = false\n[reading]\ncolumn_width = \"wide\"\n",
            ":3: reading.column_width",
        ),
        (
            "unknown",
            "\n[reading]\ncolum_width = 60\n",
            ":3: reading.colum_width",
        ),
        (
            "action",
            "[keys.article]\n\"ctrl-f\" = \"fly\"\n",
            ":2: keys.article.\"ctrl-f\"",
        ),
        (
            "keyname",
            "[keys.article]\n\"hyper-q\" = \"quit\"\n",
            ":2: keys.article.\"hyper-q\"",
        ),
        ("syntax", "theme = \"dark\"\nmouse = \n", ":2: TOML syntax"),
    ];
    for (name, text, want) in cases {
        let path = config_file(&format!("{name}.toml"), text);
        let mut pty = spawn_sh("LECTERN_CONFIG=\"$1\" exec \"$0\"", &[&path], 200, 30);
        pty.wait_for(name, TIMEOUT, |s| {
            let bar = status_bar(s);
            bar.contains("config:") && bar.contains(want)
        });
        pty.with_screen(|s| {
            let text = screen_rows(s).join("\n");
            assert!(
                text.contains("Building community"),
                "{name}: the article is shown"
            );
        });
        pty.send("q");
        assert_eq!(pty.wait_exit(TIMEOUT), Some(0), "{name}");
        let _ = std::fs::remove_file(&path);
    }
}

#[test]
fn print_config_output_saved_gives_the_same_configuration() {
    let path = config_file(
        "round.toml",
        "theme = \"light\"\nmouse = false\n[reading]\njustify = true\n[contents]\nside = \"right\"\n[colors]\naccent = \"#1e90ff\"\n[keys.article]\n\"ctrl-f\" = \"page_down\"\n\"space\" = \"none\"\n",
    );
    let print = |file: &str| {
        let out = Command::new(BIN)
            .args(["--config", file, "--print-config"])
            .env("COLORFGBG", "15;0")
            .output()
            .expect("run");
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        assert!(
            out.stderr.is_empty(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).expect("utf-8")
    };
    let first = print(&path);
    for line in [
        "theme = \"light\"",
        "mouse = false",
        "justify = true",
        "side = \"right\"",
        "accent = \"#1E90FF\"",
        "\"ctrl-f\" = \"page_down\"",
        "\"space\" = \"none\"",
        "# \"j\" = \"line_down\"",
        "# Widest reading column",
        "column_width = 80",
    ] {
        assert!(
            first.contains(line) || first.lines().any(|l| l.starts_with(line)),
            "{line:?} missing:\n{first}"
        );
    }
    let saved = config_file("saved.toml", &first);
    assert_eq!(print(&saved), first);
    let _ = std::fs::remove_file(&path);
    let _ = std::fs::remove_file(&saved);
}

#[test]
fn rebound_and_unbound_keys_take_effect_and_show_in_the_help() {
    let path = config_file(
        "keys.toml",
        "[keys.article]\n\"x\" = \"page_down\"\n\"space\" = \"none\"\n",
    );
    let mut pty = spawn_sh("LECTERN_CONFIG=\"$1\" exec \"$0\"", &[&path], 100, 30);
    pty.wait_for("the article", TIMEOUT, |s| status_bar(s).contains('%'));
    let top = |s: &vt100::Screen| common::article_rows(s).join("\n");
    let first = pty.with_screen(top);
    pty.send(" ");
    std::thread::sleep(Duration::from_millis(300));
    assert_eq!(pty.with_screen(top), first, "space is unbound");
    pty.send("x");
    pty.wait_for("a page down", TIMEOUT, |s| top(s) != first);
    pty.send("?");
    pty.wait_for("the help", TIMEOUT, |s| {
        screen_rows(s).iter().any(|r| {
            r.contains("PgDn")
                && r.contains(" x ")
                && r.contains("page down")
                && !r.contains("Space")
        })
    });
    pty.send("?");
    pty.wait_for("the help closed", TIMEOUT, |s| status_bar(s).contains('%'));
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    let _ = std::fs::remove_file(&path);
}

#[test]
fn color_never_emits_no_colour_and_no_mouse_leaves_the_mouse_alone() {
    let mut pty = spawn_sh("exec \"$0\" --color never --no-mouse", &[], 100, 30);
    pty.wait_for("the article", TIMEOUT, |s| status_bar(s).contains('%'));
    pty.send("q");
    assert_eq!(pty.wait_exit(TIMEOUT), Some(0));
    let raw = String::from_utf8_lossy(&pty.raw()).to_string();
    // Colours are SGR parameters 30-38, 40-48, 90-97 and 100-107; 39 and 49 only reset them.
    let sgr = regex::Regex::new(r"\x1b\[([0-9;]*)m").expect("regex");
    for m in sgr.captures_iter(&raw) {
        let colour = m[1]
            .split(';')
            .filter_map(|p| p.parse::<u16>().ok())
            .any(|p| matches!(p, 30..=38 | 40..=48 | 90..=97 | 100..=107));
        assert!(!colour, "a colour sequence: {:?}", &m[0]);
    }
    assert!(!raw.contains("\x1b[?1000h"), "mouse capture was turned on");
}

#[test]
fn the_config_sets_up_the_reader() {
    use lectern::app::App;
    use lectern::config::{Config, Side};
    use lectern::loader::{Source, load_all};
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;

    let (doc, _) = load_all(Source::builtin());
    let mut app = App::loaded(doc, Rect::new(0, 0, 120, 40));
    let mut config = Config::defaults();
    config.reading.column_width = 66;
    config.reading.margins = 3;
    config.contents.side = Side::Right;
    config.contents.width = 30;
    config.pace.words_per_minute = 100;
    app.configure(&config);
    app.prepare();
    let areas = app.view.areas;
    let side = areas.side.expect("contents panel");
    assert_eq!((side.x, side.width), (90, 30), "right, 30 columns");
    assert_eq!(areas.text.width, 66);
    let key = |app: &mut App, c: char| {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.prepare();
    };
    key(&mut app, '<');
    assert_eq!(app.viewport.column, 62);
    key(&mut app, '=');
    assert_eq!(app.viewport.column, 66, "= returns to the configured width");
    // At a set 100 words per minute the time left is longer than at the default 230.
    let slow = app.view.minutes_left;
    config.pace.words_per_minute = 400;
    app.configure(&config);
    app.prepare();
    assert!(
        slow > app.view.minutes_left,
        "{slow} vs {}",
        app.view.minutes_left
    );
    let first = app.content.outline.nodes.first().expect("a section");
    assert!(
        app.pacing
            .entry_minutes(&app.content, first)
            .is_some_and(|m| m >= 1)
    );
}
