//! Tests of the state directory: round trips, merges, bad files and unwritable directories.

use std::fs;
use std::os::unix::fs::PermissionsExt;

use super::*;
use crate::state::{Anchor, Colour, Highlight, Mark};

fn key() -> DocKey {
    DocKey::for_content(SourceKind::Stdin, b"some text")
}

fn highlight(id: &str, note: &str) -> Highlight {
    Highlight {
        id: id.into(),
        start: Anchor::default(),
        end: Anchor::default(),
        text: "passage".into(),
        colour: Colour::Green,
        note: note.into(),
        created: 1,
        modified: 1,
    }
}

#[test]
fn a_saved_state_loads_back() {
    let dir = tempfile::tempdir().expect("test setup");
    let store = Store::at(dir.path().join("lectern"));
    let k = key();
    assert!(store.load(&k).state.is_none());
    let mut s = DocState::new(k.info.clone());
    s.position = Some(Anchor {
        block: 3,
        byte: 7,
        before: "ab".into(),
        after: "cd".into(),
    });
    s.marks.insert(
        'a',
        Mark {
            at: Anchor::default(),
            set: 4,
        },
    );
    s.highlights.push(highlight("h1", "a note"));
    let saved = store.save(&k, &s).expect("test setup");
    let loaded = store.load(&k);
    assert!(loaded.notice.is_none());
    assert!(loaded.may_save);
    assert_eq!(loaded.state.as_ref(), Some(&saved));
    assert_eq!(saved.highlights, s.highlights);
    // Private: the notes are the reader's.
    let mode = fs::metadata(store.path_of(&k))
        .expect("test setup")
        .permissions()
        .mode();
    assert_eq!(mode & 0o077, 0);
    // No temp file is left behind.
    let names: Vec<_> = fs::read_dir(store.dir())
        .expect("test setup")
        .map(|e| {
            e.expect("test setup")
                .file_name()
                .to_string_lossy()
                .into_owned()
        })
        .collect();
    assert!(names.iter().all(|n| !n.contains(".tmp-")), "{names:?}");
}

#[test]
fn two_savers_keep_each_others_highlights() {
    let dir = tempfile::tempdir().expect("test setup");
    let store = Store::at(dir.path());
    let k = key();
    let mut one = DocState::new(k.info.clone());
    let mut two = DocState::new(k.info.clone());
    one.highlights.push(highlight("one", ""));
    two.highlights.push(highlight("two", ""));
    store.save(&k, &one).expect("test setup");
    let after = store.save(&k, &two).expect("test setup");
    let ids: Vec<_> = after.highlights.iter().map(|h| h.id.clone()).collect();
    assert_eq!(ids, ["one", "two"]);
    assert_eq!(
        store.load(&k).state.expect("test setup").highlights.len(),
        2
    );
}

#[test]
fn a_corrupt_file_is_moved_aside_not_lost() {
    let dir = tempfile::tempdir().expect("test setup");
    let store = Store::at(dir.path());
    let k = key();
    fs::write(store.path_of(&k), b"{\"version\": 1, \"highl").expect("test setup");
    let loaded = store.load(&k);
    assert!(loaded.state.is_none());
    assert!(loaded.may_save);
    let notice = loaded.notice.expect("test setup");
    assert!(notice.contains("unreadable"), "{notice}");
    assert!(notice.contains(".corrupt"), "{notice}");
    assert!(!notice.contains('\n'));
    let aside = store.dir().join(format!("{}.json.corrupt", k.id));
    assert_eq!(
        fs::read(&aside).expect("test setup"),
        b"{\"version\": 1, \"highl"
    );
    // A second corrupt file does not overwrite the first one set aside.
    fs::write(store.path_of(&k), b"garbage").expect("test setup");
    assert!(
        store
            .load(&k)
            .notice
            .expect("test setup")
            .contains(".1.corrupt")
    );
    assert_eq!(
        fs::read(&aside).expect("test setup"),
        b"{\"version\": 1, \"highl"
    );
    // And saving works again afterwards.
    store
        .save(&k, &DocState::new(k.info.clone()))
        .expect("test setup");
    assert!(store.load(&k).state.is_some());
}

#[test]
fn a_file_from_a_newer_version_is_moved_aside() {
    let dir = tempfile::tempdir().expect("test setup");
    let store = Store::at(dir.path());
    let k = key();
    let future = br#"{"version": 99, "document": {"kind": "stdin"}, "shiny": true}"#;
    fs::write(store.path_of(&k), future).expect("test setup");
    let loaded = store.load(&k);
    assert!(loaded.state.is_none());
    assert!(
        loaded
            .notice
            .expect("test setup")
            .contains("newer lectern (format 99)")
    );
    let aside = store.dir().join(format!("{}.json.corrupt", k.id));
    assert_eq!(fs::read(aside).expect("test setup"), future);
}

/// A state directory that cannot be written. As root, permission bits do not stop writes, so
/// the directory then sits below a regular file (which no user can create entries in).
fn unwritable_dir(base: &Path) -> PathBuf {
    let dir = base.join("ro");
    fs::create_dir(&dir).expect("test setup");
    fs::set_permissions(&dir, fs::Permissions::from_mode(0o500)).expect("test setup");
    if fs::write(dir.join("probe"), b"").is_ok() {
        let file = base.join("plain-file");
        fs::write(&file, b"").expect("test setup");
        return file.join("lectern");
    }
    dir
}

#[test]
fn an_unwritable_directory_gives_a_one_line_reason() {
    let base = tempfile::tempdir().expect("test setup");
    let store = Store::at(unwritable_dir(base.path()));
    let k = key();
    let err = store
        .save(&k, &DocState::new(k.info.clone()))
        .expect_err("should fail");
    assert!(err.0.starts_with("cannot save the reading state"), "{err}");
    assert!(!err.0.contains('\n'));
    assert!(store.load(&k).state.is_none());
}

#[test]
fn forget_drops_the_file() {
    let dir = tempfile::tempdir().expect("test setup");
    let store = Store::at(dir.path());
    let k = key();
    assert!(!store.forget(&k).expect("test setup"));
    store
        .save(&k, &DocState::new(k.info.clone()))
        .expect("test setup");
    assert!(store.forget(&k).expect("test setup"));
    assert!(store.load(&k).state.is_none());
}

#[test]
fn keys_follow_the_canonical_path_or_the_content() {
    let dir = tempfile::tempdir().expect("test setup");
    let file = dir.path().join("a.txt");
    fs::write(&file, "x").expect("test setup");
    let direct = DocKey::for_file(&file).expect("test setup");
    let dotted = DocKey::for_file(&dir.path().join(".").join("a.txt")).expect("test setup");
    assert_eq!(direct, dotted);
    fs::write(&file, "changed").expect("test setup");
    assert_eq!(DocKey::for_file(&file).expect("test setup").id, direct.id);
    let a = DocKey::for_content(SourceKind::Stdin, b"one");
    let b = DocKey::for_content(SourceKind::Stdin, b"two");
    assert_ne!(a.id, b.id);
    assert_eq!(a.id.len(), 32);
    assert!(DocKey::for_file(&dir.path().join("missing")).is_err());
}
