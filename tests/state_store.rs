//! Robustness of the state store across processes: `kill -9` while saving never leaves a file
//! that does not parse or that mixes two states, and two processes adding highlights to one
//! document at once keep both sets.
//!
//! The child processes are this test binary itself, re-run on one ignored test (`child_saver`)
//! with its instructions in environment variables.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use lectern::state::store::{DocKey, Store};
use lectern::state::{Anchor, Colour, DocState, Highlight, SourceKind};
use proptest::prelude::*;

/// The document every child saves state for.
fn key() -> DocKey {
    DocKey::for_content(SourceKind::Stdin, b"the shared document")
}

/// Run this test binary as a saver child: `count` saves (0 = until killed), each adding one
/// highlight tagged `tag`, with the position's block equal to the number of highlights this
/// child has, so a torn or mixed file would show.
fn spawn_saver(dir: &Path, tag: &str, count: usize) -> Child {
    Command::new(std::env::current_exe().expect("test binary"))
        .args([
            "--exact",
            "child_saver",
            "--ignored",
            "--nocapture",
            "--test-threads=1",
        ])
        .env("LECTERN_TEST_STATE_DIR", dir)
        .env("LECTERN_TEST_TAG", tag)
        .env("LECTERN_TEST_COUNT", count.to_string())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .expect("spawn the saver child")
}

/// A highlight with an id unique to its child and number.
fn highlight(tag: &str, n: usize) -> Highlight {
    Highlight {
        id: format!("{tag}-{n}"),
        start: Anchor {
            block: n,
            ..Anchor::default()
        },
        end: Anchor::default(),
        // Big enough that a write takes more than one syscall's worth of time.
        text: format!("{tag} passage {n} ").repeat(200),
        colour: Colour::Pink,
        note: String::new(),
        created: n as u64,
        modified: n as u64,
    }
}

/// The child's body; does nothing unless run by [`spawn_saver`].
#[test]
#[ignore = "run as a child process by the other tests"]
fn child_saver() {
    let Some(dir) = std::env::var_os("LECTERN_TEST_STATE_DIR") else {
        return;
    };
    let tag = std::env::var("LECTERN_TEST_TAG").unwrap_or_default();
    let count: usize = std::env::var("LECTERN_TEST_COUNT")
        .ok()
        .and_then(|c| c.parse().ok())
        .unwrap_or(0);
    let store = Store::at(dir);
    let k = key();
    let mut state = DocState::new(k.info.clone());
    let mut n = 0;
    while count == 0 || n < count {
        n += 1;
        state.highlights.push(highlight(&tag, n));
        state.position = Some(Anchor {
            block: n,
            ..Anchor::default()
        });
        store.save(&k, &state).expect("save");
    }
}

/// The state file must parse and be one whole state: every highlight of the single writer up
/// to the position's number, and nothing else.
fn assert_whole(store: &Store) {
    let loaded = store.load(&key());
    assert!(loaded.notice.is_none(), "{:?}", loaded.notice);
    let Some(state) = loaded.state else {
        return; // killed before the first rename: no file yet is the "old state".
    };
    let n = state.position.as_ref().expect("position").block;
    assert_eq!(state.highlights.len(), n);
    for (i, h) in state.highlights.iter().enumerate() {
        assert_eq!(h, &highlight("solo", i + 1));
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 12, ..ProptestConfig::default() })]

    /// `kill -9` at a random moment while a process saves over and over.
    #[test]
    fn kill_9_while_saving_leaves_the_old_or_the_new_state(delay_ms in 5u64..120) {
        let dir = tempfile::tempdir().expect("temp dir");
        let store = Store::at(dir.path());
        let mut child = spawn_saver(dir.path(), "solo", 0);
        std::thread::sleep(Duration::from_millis(delay_ms));
        child.kill().expect("SIGKILL");
        let _ = child.wait();
        assert_whole(&store);
        // And the next save (a new process) works and cleans the killed one's temp file.
        let k = key();
        store.save(&k, &DocState::new(k.info.clone())).expect("save after kill");
        let temps = std::fs::read_dir(dir.path())
            .expect("read dir")
            .filter(|e| e.as_ref().is_ok_and(|e| e.file_name().to_string_lossy().contains(".tmp-")))
            .count();
        prop_assert_eq!(temps, 0);
    }
}

#[test]
fn two_processes_adding_highlights_at_once_keep_both_sets() {
    let dir = tempfile::tempdir().expect("temp dir");
    let per_child = 25;
    let mut a = spawn_saver(dir.path(), "a", per_child);
    let mut b = spawn_saver(dir.path(), "b", per_child);
    assert!(a.wait().expect("wait a").success());
    assert!(b.wait().expect("wait b").success());
    let state = Store::at(dir.path())
        .load(&key())
        .state
        .expect("a state file");
    let mut ids: Vec<_> = state.highlights.iter().map(|h| h.id.clone()).collect();
    ids.sort();
    let mut expected: Vec<_> = (1..=per_child)
        .flat_map(|n| [format!("a-{n}"), format!("b-{n}")])
        .collect();
    expected.sort();
    assert_eq!(ids, expected);
}
