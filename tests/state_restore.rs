//! Back at the saved place: the notice names the section the place is in (end to end, in a
//! pseudo-terminal), and a long file opens at the place before the text in front of it has
//! loaded, staying on the same passage once it has (the reader fed the loader's events).

mod common;

use std::path::Path;

use common::{TIMEOUT, spawn_with_state, status_bar};
use lectern::app::App;
use lectern::document::Format;
use lectern::layout::Pos;
use lectern::loader::{self, LoadEvent, LoadOptions, Source};
use lectern::outline::NodeKind;
use lectern::state::DocState;
use lectern::state::store::DocKey;
use ratatui::layout::Rect;

fn source(path: &Path) -> Source {
    Source::file(path, Format::Text).expect("open")
}

/// The only state file in the state directory.
fn saved_state(state_home: &Path) -> DocState {
    let dir = state_home.join("lectern");
    let file = std::fs::read_dir(&dir)
        .expect("state dir")
        .filter_map(Result::ok)
        .map(|e| e.path())
        .find(|p| p.extension().is_some_and(|x| x == "json"))
        .expect("a state file");
    serde_json::from_slice(&std::fs::read(file).expect("read")).expect("parse")
}

#[test]
fn the_notice_names_the_numbered_section_of_the_place() {
    let Some((_dir, book, state)) = common::moby_copy() else {
        return;
    };
    let path = book.to_str().expect("utf-8");

    // Into chapter 10, a little past its heading, and quit.
    let mut pty = common::read_into_chapter_10(&book, &state, 100, 30, 40);
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);

    // The numbered contents entry that holds the saved place, from the outline itself.
    let block = saved_state(&state).position.expect("a position").block;
    let (doc, _) = loader::load_all(source(&book));
    let outline = lectern::analysis::analyze(&doc).outline;
    let section = outline
        .nodes
        .iter()
        .filter(|n| n.block() <= block && block < n.end_block())
        .filter_map(|n| match n.kind {
            NodeKind::Section { number } => Some(number),
            _ => None,
        })
        .next_back()
        .expect("the place is in a numbered section of chapter 10");

    // Reopened: the notice says where, with the section once the contents are known.
    let mut pty = spawn_with_state(&[path], 100, 30, &state);
    let wanted = format!("CHAPTER 10. A Bosom Friend. §{section}, ");
    pty.wait_settled(&format!("the notice with {wanted:?}"), TIMEOUT, |s| {
        status_bar(s).contains(&format!("back at {wanted}"))
    });
    let notice = pty.with_screen(status_bar);
    assert!(notice.contains("'' returns to the top"), "{notice:?}");
    let percent: usize = notice
        .split(&wanted)
        .nth(1)
        .and_then(|rest| rest.split('%').next())
        .and_then(|p| p.trim().parse().ok())
        .expect("a percentage");
    assert!((1..=20).contains(&percent), "{notice:?}");
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

/// Paragraphs that each say their number, hard-wrapped.
fn numbered_text(paragraphs: usize) -> String {
    let mut out = String::new();
    for i in 0..paragraphs {
        let words: Vec<String> = (0..40).map(|w| format!("p{i}w{w}")).collect();
        for line in words.chunks(9) {
            out.push_str(&line.join(" "));
            out.push('\n');
        }
        out.push('\n');
    }
    out
}

#[test]
fn a_long_file_opens_at_the_place_before_the_text_in_front_of_it() {
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("long.txt");
    std::fs::write(&book, numbered_text(3000)).expect("write");
    let info = DocKey::for_file(&book).expect("key").info;

    // A first reading, loaded as the program loads it, stopped at 80 %, 12 bytes in.
    let mut first = App::new(
        lectern::document::Document::default(),
        Rect::new(0, 0, 90, 30),
    );
    first.install_state(None, info.clone(), true);
    loader::load(source(&book), |ev| {
        first.load_event(ev);
        true
    });
    let block = first.doc().blocks.len() * 4 / 5;
    first
        .viewport
        .set_top(&first.content.doc, Pos { block, byte: 12 });
    let top = first.viewport.top();
    let state = first.state_snapshot().expect("state is on");
    assert!(state.seek.is_some_and(|s| s > 0), "{:?}", state.seek);

    // Reopened: the first thing the loader sends is the place.
    let mut app = App::new(
        lectern::document::Document::default(),
        Rect::new(0, 0, 90, 30),
    );
    app.install_state(Some(state), info, true);
    let resume = app.memory.resume_hint(&book).expect("a resume hint");
    let mut events = Vec::new();
    loader::load_resuming(source(&book), LoadOptions::default(), Some(&resume), |ev| {
        events.push(ev);
        true
    });
    let mut events = events.into_iter();
    let size = match events.next() {
        Some(LoadEvent::Progress(0, size)) => size,
        other => panic!("the size first: {other:?}"),
    };
    app.load_event(LoadEvent::Progress(0, size));
    let ahead = events.next().expect("an event");
    assert!(matches!(ahead, LoadEvent::Ahead { .. }), "{ahead:?}");
    app.load_event(ahead);
    app.prepare();
    // The notice says how far in, from the file's size (the text in front is not there).
    let notice = app.messages.current().unwrap_or_default().to_owned();
    let percent: usize = notice
        .strip_prefix("back at ")
        .and_then(|rest| rest.split('%').next())
        .and_then(|p| p.parse().ok())
        .expect("a percentage");
    assert!((76..=84).contains(&percent), "{notice:?}");
    assert_eq!(app.viewport.top(), top);
    let words = format!("p{block}w");
    assert!(app.doc().blocks[block].text.starts_with(&words));
    // Scrolling up stops at the first block there.
    app.apply(lectern::action::Action::PageUp, Some(1000));
    assert!(app.viewport.top().block <= block);
    assert!(!app.doc().blocks[app.viewport.top().block].text.is_empty());
    app.viewport.set_top(&app.content.doc, top);

    // Everything else arrives: the same passage at the top, the whole text there.
    for ev in events {
        app.load_event(ev);
    }
    app.prepare();
    assert!(app.content.load.done);
    assert_eq!(app.viewport.top(), top);
    assert_eq!(app.doc().blocks, first.doc().blocks);
    assert_eq!(app.content.total_bytes(), first.content.total_bytes());
    // '' returns to the top of the document.
    app.apply(lectern::action::Action::JumpBack, None);
    assert_eq!(app.viewport.top(), Pos::default());
}
