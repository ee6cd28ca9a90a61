//! The state on the command line: `--highlights` (Markdown snapshot, JSON), `--forget`,
//! `--no-state`, and bad state files, with `XDG_STATE_HOME` in a temp dir.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use lectern::document::Format;
use lectern::layout::Pos;
use lectern::loader::{self, Source};
use lectern::state::store::{DocKey, Store};
use lectern::state::{Anchor, Colour, DocState, Highlight};

const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// Moby-Dick from the shared corpus.
fn moby() -> Option<Vec<u8>> {
    common::corpus("moby-dick-2701-0.txt")
}

/// A temp dir holding a copy of the book and the state home.
struct Setup {
    dir: tempfile::TempDir,
    book: PathBuf,
}

impl Setup {
    fn new(bytes: &[u8]) -> Self {
        let dir = tempfile::tempdir().expect("temp dir");
        let book = dir.path().join("moby-dick.txt");
        std::fs::write(&book, bytes).expect("write the book");
        Self { dir, book }
    }

    fn state_home(&self) -> PathBuf {
        self.dir.path().join("state")
    }

    fn store(&self) -> Store {
        Store::at(self.state_home().join("lectern"))
    }

    fn run(&self, args: &[&str]) -> Output {
        Command::new(BIN)
            .args(args)
            .env("XDG_STATE_HOME", self.state_home())
            .env("SOURCE_DATE_EPOCH", "1764500000")
            .env_remove("LECTERN_NO_STATE")
            .output()
            .expect("run lectern")
    }

    fn book(&self) -> &str {
        self.book.to_str().expect("utf-8 temp path")
    }
}

/// Highlight `passage` (its first occurrence after `after`) with a note, as the TUI would.
fn highlight(
    doc: &lectern::document::Document,
    after: &str,
    passage: &str,
    note: &str,
    colour: Colour,
    n: u64,
) -> Highlight {
    let from = doc
        .blocks
        .iter()
        .position(|b| b.text.contains(after))
        .expect("section");
    let block = (from..doc.blocks.len())
        .find(|&i| doc.blocks[i].text.contains(passage))
        .expect("passage");
    let byte = doc.blocks[block].text.find(passage).expect("passage");
    let start = Pos { block, byte };
    let end = Pos {
        block,
        byte: byte + passage.len(),
    };
    Highlight {
        id: format!("id{n}"),
        start: Anchor::capture(doc, start),
        end: Anchor::capture(doc, end),
        text: passage.into(),
        colour,
        note: note.into(),
        created: 1_764_400_000 + n * 3600,
        modified: 1_764_400_000 + n * 3600,
    }
}

fn load(path: &Path) -> lectern::document::Document {
    loader::load_all(Source::file(path, Format::Text).expect("open")).0
}

#[test]
fn highlights_export_as_markdown_and_json() {
    let Some(bytes) = moby() else { return };
    let s = Setup::new(&bytes);
    let doc = load(&s.book);
    let key = DocKey::for_file(&s.book).expect("key");
    let mut state = DocState::new(key.info.clone());
    state.highlights = vec![
        highlight(
            &doc,
            "CHAPTER 1. Loomings.",
            "Call me Ishmael.",
            "",
            Colour::Yellow,
            1,
        ),
        highlight(
            &doc,
            "CHAPTER 10. A Bosom Friend.",
            "Savage though he was",
            "Queequeg, seen fairly.\nSecond thought on a second line.",
            Colour::Green,
            2,
        ),
    ];
    s.store().save(&key, &state).expect("save");

    let out = s.run(&[s.book(), "--highlights"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let md = String::from_utf8(out.stdout).expect("utf-8");
    let canonical = std::fs::canonicalize(&s.book).expect("canonical");
    let md = md.replace(canonical.to_str().expect("utf-8"), "[BOOK]");
    insta::assert_snapshot!("moby_dick_highlights_markdown", md);

    let out = s.run(&[s.book(), "--highlights", "--json"]);
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json");
    assert_eq!(v["count"], 2);
    assert_eq!(v["author"], "Herman Melville");
    assert_eq!(v["highlights"][1]["section"], "CHAPTER 10. A Bosom Friend.");
    assert_eq!(v["highlights"][1]["colour"], "green");
}

#[test]
fn forget_drops_the_state_and_no_state_refuses_to_mix() {
    let s = Setup::new(b"A short text.\n\nWith two paragraphs.\n");
    let key = DocKey::for_file(&s.book).expect("key");
    let mut state = DocState::new(key.info.clone());
    let doc = load(&s.book);
    state.highlights.push(highlight(
        &doc,
        "A short",
        "short text",
        "n",
        Colour::Blue,
        1,
    ));
    s.store().save(&key, &state).expect("save");
    let out = s.run(&[s.book(), "--highlights"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("highlights: 1\n"));

    let out = s.run(&["--forget", s.book()]);
    assert!(out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("forgot"));
    let out = s.run(&[s.book(), "--highlights"]);
    assert!(String::from_utf8_lossy(&out.stdout).contains("highlights: 0\n"));
    let out = s.run(&["--forget", s.book()]);
    assert!(String::from_utf8_lossy(&out.stderr).contains("nothing was kept"));

    let out = s.run(&[s.book(), "--highlights", "--no-state"]);
    assert!(!out.status.success());
}

#[test]
fn a_corrupt_state_file_is_reported_by_the_export_and_left_alone() {
    let s = Setup::new(b"Some text.\n");
    let key = DocKey::for_file(&s.book).expect("key");
    let path = s.store().path_of(&key);
    std::fs::create_dir_all(path.parent().expect("dir")).expect("mkdir");
    std::fs::write(&path, b"{ not json").expect("write");
    let out = s.run(&[s.book(), "--highlights"]);
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(err.contains("unreadable"), "{err}");
    assert_eq!(err.lines().count(), 1);
    assert_eq!(std::fs::read(&path).expect("still there"), b"{ not json");
}
