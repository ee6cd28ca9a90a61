//! End-to-end tests: the real `lectern` binary in a pseudo-terminal, checked as a user sees it.

mod common;

use std::time::Duration;

use common::{
    FIRST_PARAGRAPH, LAST_PARAGRAPH, TIMEOUT, TITLE_TEXT, TempFile, article_rows, article_words,
    assert_restored, run_plain, screen_rows, spawn, spawn_sh, status_bar, words,
};
use unicode_width::UnicodeWidthStr;

/// The `k/N` search count in the status bar, if shown.
fn search_count(screen: &vt100::Screen) -> Option<(usize, String)> {
    let re = regex::Regex::new(r"(\d+)/(\d+…?)").expect("regex");
    let bar = status_bar(screen);
    let caps = re.captures(&bar)?;
    Some((caps[1].parse().ok()?, caps[2].to_string()))
}

#[test]
fn first_frame_shows_the_title_and_the_contents_panel() {
    let pty = spawn(&[], 120, 40);
    pty.wait_first_frame();
    let rows = pty.rows();
    assert!(
        rows[0].contains("Contents"),
        "no Contents panel border:\n{}",
        rows.join("\n")
    );
    let bar = rows.last().cloned().unwrap_or_default();
    assert!(bar.contains("? help"), "status bar: {bar:?}");
    assert!(bar.contains('%'), "status bar: {bar:?}");
    let text = pty.with_screen(article_words);
    assert!(text.contains(TITLE_TEXT), "article: {text}");
}

#[test]
fn big_g_shows_the_last_paragraph_and_g_the_first() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_first_frame();
    pty.send("G");
    // Both halves in one condition: a frame may be half drawn when the screen is polled.
    pty.wait_for("the last paragraph", TIMEOUT, |s| {
        let text = article_words(s);
        text.contains(LAST_PARAGRAPH) && !text.contains(FIRST_PARAGRAPH)
    });
    pty.send("g");
    pty.wait_for("the first paragraph", TIMEOUT, |s| {
        let text = article_words(s);
        text.contains(FIRST_PARAGRAPH) && !text.contains(LAST_PARAGRAPH)
    });
}

/// The first non-empty text row of the article panel.
fn first_text_row(screen: &vt100::Screen) -> String {
    article_rows(screen)
        .into_iter()
        .find(|r| !r.is_empty())
        .unwrap_or_default()
}

/// The first `n` non-empty article rows, as words.
fn first_text_rows(screen: &vt100::Screen, n: usize) -> String {
    let rows: Vec<String> = article_rows(screen)
        .into_iter()
        .filter(|r| !r.is_empty())
        .take(n)
        .collect();
    words(&rows.join(" "))
}

#[test]
fn resize_keeps_the_text_at_the_top_of_the_view() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_first_frame();
    let before = pty.with_screen(first_text_row);
    pty.send("7j");
    pty.wait_settled("the view to scroll", TIMEOUT, |s| {
        first_text_row(s) != before
    });
    let top = pty.with_screen(first_text_row);
    // The first two words of the top line must stay within the first text rows at any width.
    let key: String = top.split_whitespace().take(2).collect::<Vec<_>>().join(" ");
    assert!(!key.is_empty(), "no text at the top");
    for (cols, rows) in [(80, 24), (100, 30)] {
        pty.resize(cols, rows);
        let result = pty.try_wait_for(TIMEOUT, |s| {
            status_bar(s).contains("? help") && first_text_rows(s, 3).contains(&key)
        });
        if let Err(screen) = result {
            panic!("at {cols}x{rows} the top no longer shows {key:?} (was {top:?}):\n{screen}");
        }
    }
}

#[test]
fn q_exits_zero_and_restores_the_terminal() {
    let mut pty = spawn(&[], 100, 30);
    pty.wait_first_frame();
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    assert_restored(&pty.raw());
}

#[test]
fn piped_stdout_prints_plain_wrapped_text() {
    let out = run_plain(&[]);
    assert!(out.status.success(), "{out:?}");
    let text = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(words(&text).contains(TITLE_TEXT), "{text}");
    assert!(words(&text).contains(LAST_PARAGRAPH));
    assert!(!text.contains('\u{1b}'), "ESC in plain output");
    for line in text.lines() {
        assert!(line.width() <= 80, "line wider than 80: {line:?}");
    }

    let out = run_plain(&["--width", "40"]);
    assert!(out.status.success(), "{out:?}");
    let narrow = String::from_utf8(out.stdout).expect("utf-8 output");
    assert!(!narrow.contains('\u{1b}'));
    let widest = narrow
        .lines()
        .map(UnicodeWidthStr::width)
        .max()
        .unwrap_or(0);
    assert!(widest <= 40, "a line is wider than 40");
    assert!(
        widest >= 30,
        "nothing wraps near 40 columns (widest {widest})"
    );
    assert!(words(&narrow).contains(LAST_PARAGRAPH));
}

#[test]
fn missing_file_and_directory_fail_with_one_clean_line() {
    let dir = std::env::temp_dir();
    let dir = dir.to_str().expect("utf-8 temp dir");
    for (path, reason) in [("/nonexistent", "/nonexistent"), (dir, "directory")] {
        let out = run_plain(&[path]);
        assert_eq!(out.status.code(), Some(1), "{path}: {out:?}");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(stderr.lines().count(), 1, "{path}: stderr {stderr:?}");
        assert!(stderr.contains(path), "{path}: stderr {stderr:?}");
        assert!(stderr.contains(reason), "{path}: stderr {stderr:?}");
        assert!(!out.stdout.contains(&0x1b) && !out.stderr.contains(&0x1b));
    }
    // The same in a terminal: the error comes before any terminal setup.
    let mut pty = spawn(&["/nonexistent"], 80, 24);
    assert_eq!(pty.expect_exit(TIMEOUT), 1);
    assert!(pty.contents().contains("/nonexistent"));
    assert!(!common::contains(&pty.raw(), common::ENTER_ALT));
}

#[test]
fn search_shows_a_count_that_n_advances_and_esc_clears() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_first_frame();
    pty.send("/peace");
    pty.wait_for_text("peace");
    pty.send("\r");
    pty.wait_for("a k/N search count", TIMEOUT, |s| {
        search_count(s).is_some_and(|(_, total)| !total.ends_with('…'))
    });
    let (k, total) = pty.with_screen(search_count).expect("count");
    let total: usize = total.parse().expect("total");
    assert!(total >= 2, "the article says peace more than once");
    pty.send("n");
    pty.wait_for("n to change k", TIMEOUT, |s| {
        search_count(s).is_some_and(|(k2, _)| k2 != k)
    });
    pty.send("\x1b");
    pty.wait_for("Esc to clear the count", TIMEOUT, |s| {
        search_count(s).is_none() && status_bar(s).contains("? help")
    });
}

#[test]
fn search_option_opens_with_the_count_shown() {
    let pty = spawn(&["--search", "peace"], 120, 40);
    pty.wait_for("a k/N search count", TIMEOUT, |s| search_count(s).is_some());
}

#[test]
fn dash_with_a_terminal_on_stdin_is_a_usage_error() {
    let mut pty = spawn(&["-"], 80, 24);
    let code = pty.expect_exit(Duration::from_secs(5));
    assert_ne!(code, 0);
    assert!(pty.contents().contains("stdin"), "{}", pty.contents());
}

#[test]
fn piped_stdin_is_read_and_keys_come_from_the_terminal() {
    let file = TempFile::new(
        "piped.txt",
        b"Pipeline heading\n\nThe quick brown fox reads from a pipe while keys come from the tty.\n\nA second paragraph follows here.\n",
    );
    let mut pty = spawn_sh("cat \"$1\" | \"$0\"", &[file.as_str()], 100, 30);
    pty.wait_for("the piped text", TIMEOUT, |s| {
        article_words(s).contains("The quick brown fox reads from a pipe")
            && status_bar(s).contains("? help")
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    assert_restored(&pty.raw());
}

#[test]
fn section_keys_move_through_sections_and_the_contents_mark_follows() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_for("the contents sections", TIMEOUT, |s| {
        screen_rows(s)
            .iter()
            .any(|r| r.contains("3 Countries should build"))
    });
    // The marked row (▌ in the first column of the panel) and the status bar's section.
    let marked = |s: &vt100::Screen| -> Vec<String> {
        screen_rows(s)
            .into_iter()
            .filter(|r| r.starts_with("│▌"))
            .collect()
    };
    for (keys, section, label) in [
        ("]", "§1", "1 The Communist Party"),
        ("]", "§2", "2 The goal is to build"),
        ("]", "§3", "3 Countries should build"),
        ("[", "§2", "2 The goal is to build"),
    ] {
        pty.send(keys);
        pty.wait_for(&format!("{section} marked"), TIMEOUT, |s| {
            status_bar(s).starts_with(&format!(" {section} "))
                && marked(s).iter().any(|r| r.contains(label))
        });
    }
    // The section being read unfolds: its paragraph entries show.
    pty.send("]");
    pty.wait_for("the run's entries", TIMEOUT, |s| {
        screen_rows(s).iter().any(|r| r.contains("… lasting peace"))
    });
}
