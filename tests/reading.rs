//! End-to-end tests of reading habits a new user tries: `n`/`N` from where you are, the
//! prompt, messages, the help, the filter, key terms, the mouse, `NO_COLOR`, hang-up, `less`
//! keys and the panel's width. Each runs the real binary in a pseudo-terminal.

mod common;

use std::fmt::Write as _;
use std::time::{Duration, Instant};

use common::{TIMEOUT, TempFile, article_rows, screen_rows, spawn, spawn_sh, status_bar, words};

/// A long document with "needle" in paragraphs 5, 100, 600 and 900 (of 1000), each paragraph
/// naming its number.
fn needles() -> TempFile {
    let mut text = String::new();
    for i in 1..=1000 {
        let word = if [5, 100, 600, 900].contains(&i) {
            "needle"
        } else {
            "straw"
        };
        let _ = write!(
            text,
            "Paragraph number {i} holds a {word} and a few more words to make a line.\n\n"
        );
    }
    TempFile::new("needles.txt", text.as_bytes())
}

/// The `k/N` count of the search in the status bar.
fn count(s: &vt100::Screen) -> String {
    let bar = status_bar(s);
    let re = regex::Regex::new(r"(\d+/\d+)").expect("regex");
    re.captures(&bar)
        .map(|c| c[1].to_string())
        .unwrap_or_default()
}

fn first_row(s: &vt100::Screen) -> String {
    article_rows(s)
        .into_iter()
        .find(|r| !r.trim().is_empty())
        .unwrap_or_default()
}

/// The side panel's rows (left of the article's border), without the status bar.
fn panel(s: &vt100::Screen) -> String {
    let rows = screen_rows(s);
    let width = rows
        .first()
        .and_then(|r| r.chars().position(|c| c == '┐'))
        .map_or(0, |w| w + 1);
    rows.iter()
        .take(rows.len().saturating_sub(1))
        .map(|r| r.chars().take(width).collect::<String>())
        .collect::<Vec<_>>()
        .join("\n")
}

fn open(file: &TempFile, cols: u16, rows: u16) -> common::Pty {
    let pty = spawn(&[file.as_str()], cols, rows);
    pty.wait_for("the document", TIMEOUT, |s| {
        status_bar(s).contains('%') && s.contents().contains("Paragraph number 1 ")
    });
    pty
}

#[test]
fn n_searches_from_the_reading_position_not_from_the_last_match() {
    let file = needles();
    let mut pty = open(&file, 100, 30);
    pty.send("/needle\r");
    pty.wait_for("the first match", TIMEOUT, |s| count(s) == "1/4");
    // Far past the first match, `n` goes to the next match below the top of the screen.
    pty.send("500j");
    pty.wait_for("the view far below", TIMEOUT, |s| {
        first_row(s).contains("Paragraph number 25")
    });
    pty.send("n");
    pty.wait_for("the match below", TIMEOUT, |s| count(s) == "3/4");
    // After `G`, `n` wraps to the first match and says so.
    pty.send("G");
    pty.wait_for("the end", TIMEOUT, |s| status_bar(s).contains("100%"));
    pty.send("n");
    pty.wait_for("the wrap", TIMEOUT, |s| {
        count(s) == "1/4" || status_bar(s).contains("search wrapped to the top")
    });
    // `N` from the end: the last match above the bottom of the screen.
    pty.send("GN");
    pty.wait_for("the last match", TIMEOUT, |s| count(s) == "4/4");
}

#[test]
fn cancelling_the_prompt_keeps_the_previous_search_and_the_place() {
    let file = needles();
    let mut pty = open(&file, 100, 30);
    pty.send("/needle\r");
    pty.wait_for("the search", TIMEOUT, |s| count(s) == "1/4");
    let place = pty.with_screen(first_row);
    for cancel in ["\x1b", "\x03", "\x7f\x7f\x7f\x7f\x7f\x7f\x7f\x7f"] {
        pty.send("/straw");
        pty.wait_for("the typed search", TIMEOUT, |s| {
            status_bar(s).contains("/straw")
        });
        pty.send(cancel);
        pty.wait_for("the old search back", TIMEOUT, |s| {
            status_bar(s).contains("needle 1/4") && first_row(s) == place
        });
    }
    // Esc in the article clears it.
    pty.send("\x1b");
    pty.wait_for("no search", TIMEOUT, |s| !status_bar(s).contains("needle"));
}

#[test]
fn enter_on_an_invalid_regex_keeps_the_prompt_open_with_the_error() {
    let file = needles();
    let mut pty = open(&file, 100, 30);
    pty.send("/\x12(\r");
    pty.wait_for("the error in the prompt", TIMEOUT, |s| {
        let bar = status_bar(s);
        bar.contains("/(") && bar.contains("regex") && !bar.contains("cleared")
    });
    // Still typing: a fix makes it a search.
    pty.send("\x7fneedle\r");
    pty.wait_for("the search", TIMEOUT, |s| count(s) == "1/4");
}

#[test]
fn a_match_already_on_screen_does_not_move_the_view_and_messages_give_way() {
    let file = needles();
    let mut pty = open(&file, 100, 30);
    let top = pty.with_screen(first_row);
    pty.send("/needle\r");
    pty.wait_for("the match", TIMEOUT, |s| count(s) == "1/4");
    assert_eq!(pty.with_screen(first_row), top, "paragraph 5 was on screen");
    pty.send("/zzz\r");
    pty.wait_for("not found", TIMEOUT, |s| {
        status_bar(s).contains("pattern not found: zzz")
    });
    pty.send("/need");
    pty.wait_for("the prompt, not the old message", TIMEOUT, |s| {
        let bar = status_bar(s);
        bar.contains("/need") && !bar.contains("not found")
    });
    pty.send("le\r");
    pty.wait_for("the new search alone", TIMEOUT, |s| {
        count(s) == "1/4" && !status_bar(s).contains("not found")
    });
}

#[test]
fn at_the_end_the_last_section_is_current_and_next_section_says_there_is_none() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_for("the contents", TIMEOUT, |s| {
        s.contents().contains("5 What people")
    });
    pty.send("G");
    pty.wait_for("the last section current", TIMEOUT, |s| {
        status_bar(s).starts_with(" §5 ")
            && screen_rows(s)
                .iter()
                .any(|r| r.starts_with("│▌") && r.contains("5 What people"))
    });
    pty.send("]");
    pty.wait_for("no next section", TIMEOUT, |s| {
        status_bar(s).contains("no next section")
    });
    // The message gives the section label back after a while.
    pty.wait_for("the label back", Duration::from_secs(6), |s| {
        status_bar(s).starts_with(" §5 ")
    });
}

fn moby() -> Option<String> {
    let path = format!(
        "{}/../shared/corpus/moby-dick-2701-0.txt",
        env!("CARGO_MANIFEST_DIR")
    );
    if std::path::Path::new(&path).exists() {
        Some(path)
    } else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{path} is missing under CI"
        );
        None
    }
}

#[test]
fn in_a_book_the_status_bar_names_the_chapter_before_a_derived_section() {
    let Some(path) = moby() else { return };
    let mut pty = spawn(&[&path], 120, 40);
    pty.wait_for("the whole book", TIMEOUT, |s| {
        panel(s).contains("CHAPTER 1.") && !status_bar(s).contains("loading")
    });
    pty.send("50%");
    pty.wait_for("a chapter named", TIMEOUT, |s| {
        let bar = status_bar(s);
        bar.trim_start().starts_with("CHAPTER") && bar.contains('%')
    });
}

#[test]
fn the_mouse_wheel_scrolls_the_contents_freely() {
    let Some(path) = moby() else { return };
    let mut pty = spawn(&[&path], 120, 40);
    pty.wait_for("the contents", TIMEOUT, |s| {
        s.contents().contains("CHAPTER 1.")
    });
    // SGR mouse reports: wheel down over the contents panel (column 5, row 10).
    let wheel = "\x1b[<65;5;10M".repeat(10);
    let deadline = Instant::now() + TIMEOUT;
    loop {
        pty.send(&wheel);
        let shown = pty.with_screen(|s| s.contents().contains("CHAPTER 135."));
        if shown {
            break;
        }
        assert!(Instant::now() < deadline, "{}", pty.contents());
        std::thread::sleep(Duration::from_millis(20));
    }
    // The article did not move.
    assert!(
        pty.with_screen(|s| status_bar(s).contains(" 0%")),
        "{}",
        pty.contents()
    );
}

#[test]
fn the_help_tells_how_to_scroll_and_close_it_and_covers_every_mode() {
    let mut pty = spawn(&[], 80, 24);
    pty.wait_for("the article", TIMEOUT, |s| status_bar(s).contains('%'));
    pty.send("?");
    pty.wait_for("the help", TIMEOUT, |s| {
        let c = s.contents();
        c.contains("j k scroll") && c.contains("Esc closes") && c.contains("▼ more")
    });
    // Scrolling keys scroll; unbound keys leave it open.
    pty.send("Gx");
    let mut seen = pty.contents();
    loop {
        let before = pty.contents();
        pty.send("f");
        let moved = pty
            .try_wait_for(Duration::from_secs(2), |s| s.contents() != before)
            .is_ok();
        if !moved {
            break;
        }
        // The whole frame, not one half drawn.
        std::thread::sleep(Duration::from_millis(100));
        seen.push_str(&pty.contents());
    }
    for section in ["Filter", "Search prompt", "Mouse", "type to filter"] {
        assert!(seen.contains(section), "help lacks {section}:\n{seen}");
    }
    assert!(pty.contents().contains("▲ more"));
    pty.send("\x1b");
    pty.wait_for("the help closed", TIMEOUT, |s| {
        !s.contents().contains("Esc closes")
    });
}

#[test]
fn the_contents_filter_takes_every_printable_key() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_for("the contents", TIMEOUT, |s| {
        s.contents().contains("5 What people")
    });
    pty.send("\t/");
    pty.send("qtjkT");
    pty.wait_for("the typed filter", TIMEOUT, |s| {
        s.contents().contains("/qtjkT")
    });
    pty.send("\x7f\x7f\x7f\x7f\x7fpeace");
    pty.wait_for("the filtered entries", TIMEOUT, |s| {
        let c = panel(s);
        c.contains("/peace") && c.contains("… lasting peace") && !c.contains("1 The Communist")
    });
    // The parent of a shown child shows it is open.
    assert!(pty.with_screen(|s| screen_rows(s).iter().any(|r| r.contains("▾ 3 Countries"))));
    pty.send("\r");
    pty.wait_for("the jump", TIMEOUT, |s| {
        first_row(s).contains("Countries should build a world of lasting peace")
            && !s.contents().contains("/peace")
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

#[test]
fn enter_on_a_key_term_highlights_it_and_returns_to_the_article() {
    let mut pty = spawn(&[], 120, 40);
    pty.wait_for("the contents", TIMEOUT, |s| {
        s.contents().contains("5 What people")
    });
    pty.send("T");
    pty.wait_for("the key terms", TIMEOUT, |s| panel(s).contains(" ×"));
    pty.send("\t\r");
    let re = regex::Regex::new(r"×(\d+)").expect("regex");
    pty.wait_for("the term searched", TIMEOUT, |s| {
        status_bar(s).contains("term: ")
            && count(s).ends_with(
                &re.captures(&screen_rows(s).join("\n"))
                    .map(|c| format!("/{}", &c[1]))
                    .unwrap_or_default(),
            )
    });
    // The article has the keys: `n` walks the term.
    pty.send("n");
    pty.wait_for("the second occurrence", TIMEOUT, |s| {
        count(s).starts_with("2/")
    });
}

#[test]
fn no_color_emits_no_colour_and_matches_stay_visible() {
    let file = needles();
    let mut pty = spawn_sh("NO_COLOR=1 exec \"$0\" \"$1\"", &[file.as_str()], 100, 30);
    pty.wait_for("the document", TIMEOUT, |s| status_bar(s).contains('%'));
    pty.send("/needle\r");
    pty.wait_for("the match", TIMEOUT, |s| count(s) == "1/4");
    let raw = String::from_utf8_lossy(&pty.raw()).to_string();
    let colour = regex::Regex::new(r"\x1b\[[0-9;]*(3[0-9]|4[0-9]|9[0-7]|10[0-7])(;[0-9;]*)?m")
        .expect("regex");
    assert!(
        !colour.is_match(&raw),
        "a colour sequence: {:?}",
        colour.find(&raw)
    );
    pty.with_screen(|s| {
        let (rows, cols) = s.size();
        let hit = (1..rows).find_map(|r| {
            (0..cols)
                .find(|&c| s.contents_between(r, c, r, c + 6) == "needle")
                .map(|c| (r, c))
        });
        let (r, c) = hit.expect("the match on screen");
        let cell = s.cell(r, c).expect("cell");
        let plain = s.cell(r, 1).expect("cell");
        assert!(cell.inverse(), "the match is drawn in reverse video");
        assert_ne!(
            (cell.inverse(), cell.bold(), cell.underline()),
            (plain.inverse(), plain.bold(), plain.underline())
        );
    });
}

#[test]
fn a_hang_up_with_stderr_on_the_terminal_exits_129() {
    let mut pty = spawn(&[], 100, 30);
    pty.wait_for("the article", TIMEOUT, |s| status_bar(s).contains('%'));
    pty.hang_up(b"j");
    let deadline = Instant::now() + TIMEOUT;
    let code = loop {
        if let Some(code) = pty.try_exit_code() {
            break code;
        }
        assert!(Instant::now() < deadline, "still running");
        std::thread::sleep(Duration::from_millis(10));
    };
    assert_eq!(code, 129, "a hang-up, not a panic (101) or an error (1)");
}

#[test]
fn less_keys_scroll_as_in_less() {
    let file = needles();
    let mut pty = open(&file, 100, 30);
    let start = pty.with_screen(first_row);
    for (down, up) in [("e", "y"), ("\x05", "\x19"), ("\x0e", "\x10"), ("\r", "y")] {
        pty.send(down);
        pty.wait_for("a line down", TIMEOUT, |s| first_row(s) != start);
        pty.send(up);
        pty.wait_for("a line up", TIMEOUT, |s| first_row(s) == start);
    }
    for (down, up) in [("\x06", "\x02"), ("z", "w")] {
        pty.send(down);
        pty.wait_for("a page down", TIMEOUT, |s| {
            first_row(s).contains("Paragraph number 1") && first_row(s) != start
        });
        pty.send(up);
        pty.wait_for("a page up", TIMEOUT, |s| first_row(s) == start);
    }
}

#[test]
fn the_contents_panel_grows_with_the_terminal_and_leaves_the_article_fifty_columns() {
    let pty = spawn(&[], 200, 30);
    pty.wait_for("the contents", TIMEOUT, |s| {
        s.contents().contains("5 What people")
    });
    let width = pty.with_screen(|s| {
        let top = screen_rows(s).into_iter().next().unwrap_or_default();
        top.chars().take_while(|&c| c != '┐').count() + 1
    });
    assert!(width >= 48, "the panel is {width} columns at 200");
    let label = pty.with_screen(|s| words(&s.contents()));
    assert!(label.contains("Countries should build a world"), "{label}");
    let pty = spawn(&[], 60, 20);
    pty.wait_for("the article", TIMEOUT, |s| status_bar(s).contains('%'));
    assert!(
        !pty.with_screen(|s| s.contents().contains("Contents")),
        "at 60 columns the panel hides so the article keeps 50"
    );
}

/// Every cell of the screen: its text and look.
fn cells(s: &vt100::Screen) -> Vec<(String, bool, bool, bool)> {
    let (rows, cols) = s.size();
    let mut out = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = s.cell(r, c) {
                let text = match cell.contents() {
                    "" => " ",
                    t => t,
                };
                out.push((
                    text.to_string(),
                    cell.bold(),
                    cell.inverse(),
                    cell.underline(),
                ));
            }
        }
    }
    out
}

#[test]
fn paging_through_hostile_text_leaves_every_cell_as_a_fresh_draw_would() {
    let path = format!("{}/../shared/corpus/blns.txt", env!("CARGO_MANIFEST_DIR"));
    if !std::path::Path::new(&path).exists() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{path} is missing under CI"
        );
        return;
    }
    let mut pty = spawn(&[&path], 100, 30);
    pty.wait_for("the document", TIMEOUT, |s| {
        status_bar(s).contains('%') && !status_bar(s).contains("loading")
    });
    for page in 0..60 {
        let before = pty.contents();
        pty.send(" ");
        if pty
            .try_wait_for(Duration::from_secs(2), |s| s.contents() != before)
            .is_err()
        {
            break;
        }
        pty.wait_settled("the page", TIMEOUT, |_| true);
        let paged = pty.with_screen(cells);
        // A resize there and back repaints every cell at the same place.
        pty.resize_and_settle(101, 30);
        pty.resize_and_settle(100, 30);
        let fresh = pty.with_screen(cells);
        let diff: Vec<usize> = (0..paged.len().min(fresh.len()))
            .filter(|&i| paged[i] != fresh[i])
            .collect();
        assert!(
            diff.is_empty(),
            "page {page}: {} cells differ from a fresh draw, first at {:?}: {:?} vs {:?}\n{}",
            diff.len(),
            diff.first().map(|i| (i / 100, i % 100)),
            diff.first().map(|&i| &paged[i]),
            diff.first().map(|&i| &fresh[i]),
            pty.contents()
        );
    }
}
