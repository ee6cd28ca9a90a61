//! The reader's own data about a document (position, marks, highlights, notes): its model,
//! versioned file format and the merge of two processes' changes.
//!
//! The format is documented in `docs/state.md`. Positions are [`Anchor`]s (text coordinates plus
//! a fingerprint), so they survive resizes and edits of the file. [`store`] reads and writes the
//! files atomically under a lock, [`writer`] does it off the UI thread, [`export`] turns
//! highlights into Markdown or JSON.

pub mod anchor;
pub mod export;
pub mod session;
pub mod store;
pub mod writer;

use std::collections::BTreeMap;
use std::time::{SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

pub use anchor::{Anchor, Found};

/// The version of the state file format this build writes and reads.
pub const FORMAT_VERSION: u32 = 1;

/// Seconds since the Unix epoch, now (0 if the clock is before 1970).
#[must_use]
pub fn now_secs() -> u64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs())
}

/// Where a document came from.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// A file, known by its canonical path.
    #[default]
    File,
    /// Standard input, known by its content.
    Stdin,
    /// The built-in article, known by its content.
    Builtin,
}

/// What the state file is about.
#[derive(Clone, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocInfo {
    /// Where the document came from.
    pub kind: SourceKind,
    /// The canonical path (files only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub path: Option<String>,
    /// SHA-256 of the content, hex (stdin and the built-in article only).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub content_sha256: Option<String>,
    /// The document's title when last read.
    #[serde(default)]
    pub title: String,
}

/// A mark set with `m` + letter.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Mark {
    /// Where it points.
    pub at: Anchor,
    /// When it was set (Unix seconds); the later setting wins a merge.
    pub set: u64,
}

/// The colours a highlight can have.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Colour {
    /// The default.
    #[default]
    Yellow,
    /// Green.
    Green,
    /// Blue.
    Blue,
    /// Pink.
    Pink,
    /// Purple.
    Purple,
}

impl Colour {
    /// Every colour, in the order the keys `1`–`5` choose them.
    pub const ALL: [Self; 5] = [
        Self::Yellow,
        Self::Green,
        Self::Blue,
        Self::Pink,
        Self::Purple,
    ];

    /// The colour's name as written in files and exports.
    #[must_use]
    pub const fn name(self) -> &'static str {
        match self {
            Self::Yellow => "yellow",
            Self::Green => "green",
            Self::Blue => "blue",
            Self::Pink => "pink",
            Self::Purple => "purple",
        }
    }
}

/// A highlighted passage, with an optional note.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Highlight {
    /// A unique id (hex), stable across edits; merges match highlights by it.
    pub id: String,
    /// Where the passage starts.
    pub start: Anchor,
    /// Where it ends (exclusive).
    pub end: Anchor,
    /// The passage's text as it was when highlighted (blocks joined by a blank line).
    pub text: String,
    /// Its colour.
    #[serde(default)]
    pub colour: Colour,
    /// The reader's note, empty for none.
    #[serde(default)]
    pub note: String,
    /// When it was made (Unix seconds).
    pub created: u64,
    /// When it or its note last changed (Unix seconds); the later change wins a merge.
    pub modified: u64,
}

/// A deleted highlight, remembered so that a merge does not bring it back.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Deleted {
    /// The highlight's id.
    pub id: String,
    /// When it was deleted (Unix seconds).
    pub at: u64,
}

/// Everything kept about one document: the content of one state file.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocState {
    /// The format version ([`FORMAT_VERSION`] when written by this build).
    pub version: u32,
    /// What the file is about.
    pub document: DocInfo,
    /// The top of the view when last saved.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub position: Option<Anchor>,
    /// Where to start parsing the file to reach `position` quickly: a byte offset of the file
    /// at or shortly before the position's block (a hint; the anchor decides).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub seek: Option<u64>,
    /// When the file was last saved (Unix seconds).
    #[serde(default)]
    pub saved: u64,
    /// Marks by letter.
    #[serde(default)]
    pub marks: BTreeMap<char, Mark>,
    /// Highlights in the order they were made.
    #[serde(default)]
    pub highlights: Vec<Highlight>,
    /// Highlights deleted (kept so that merges do not resurrect them).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub deleted: Vec<Deleted>,
}

impl DocState {
    /// An empty state for a document.
    #[must_use]
    pub fn new(document: DocInfo) -> Self {
        Self {
            version: FORMAT_VERSION,
            document,
            position: None,
            seek: None,
            saved: 0,
            marks: BTreeMap::new(),
            highlights: Vec::new(),
            deleted: Vec::new(),
        }
    }

    /// Delete a highlight by id, remembering the deletion; true if it existed.
    pub fn delete_highlight(&mut self, id: &str, now: u64) -> bool {
        let before = self.highlights.len();
        self.highlights.retain(|h| h.id != id);
        let removed = self.highlights.len() != before;
        if removed {
            self.deleted.push(Deleted {
                id: id.to_owned(),
                at: now,
            });
        }
        removed
    }

    /// Merge `self` (this process's state, about to be saved) with what another process saved
    /// (`disk`): highlights and deletions are united by id (the later change of one highlight
    /// wins), marks keep the later setting per letter, the position is this process's.
    #[must_use]
    pub fn merged_with(&self, disk: &Self) -> Self {
        let mut deleted: BTreeMap<&str, u64> = BTreeMap::new();
        for d in disk.deleted.iter().chain(&self.deleted) {
            let at = deleted.entry(&d.id).or_insert(d.at);
            *at = (*at).max(d.at);
        }
        let mut highlights: Vec<Highlight> = Vec::new();
        let mut index: BTreeMap<String, usize> = BTreeMap::new();
        for h in disk.highlights.iter().chain(&self.highlights) {
            if deleted.contains_key(h.id.as_str()) {
                continue;
            }
            match index.get(&h.id) {
                Some(&i) if highlights[i].modified > h.modified => {}
                Some(&i) => highlights[i] = h.clone(),
                None => {
                    index.insert(h.id.clone(), highlights.len());
                    highlights.push(h.clone());
                }
            }
        }
        highlights.sort_by_key(|h| h.created);
        let mut marks = disk.marks.clone();
        for (letter, mark) in &self.marks {
            match marks.get(letter) {
                Some(other) if other.set > mark.set => {}
                _ => {
                    marks.insert(*letter, mark.clone());
                }
            }
        }
        Self {
            version: FORMAT_VERSION,
            document: self.document.clone(),
            position: self.position.clone().or_else(|| disk.position.clone()),
            seek: if self.position.is_some() {
                self.seek
            } else {
                disk.seek
            },
            saved: self.saved.max(disk.saved),
            marks,
            highlights,
            deleted: deleted
                .into_iter()
                .map(|(id, at)| Deleted {
                    id: id.to_owned(),
                    at,
                })
                .collect(),
        }
    }
}

/// A new highlight id: unique across processes (time, process id and a counter, hashed).
#[must_use]
pub fn new_id() -> String {
    use sha2::{Digest, Sha256};
    use std::sync::atomic::{AtomicU64, Ordering};
    static COUNTER: AtomicU64 = AtomicU64::new(0);
    let nanos = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let count = COUNTER.fetch_add(1, Ordering::Relaxed);
    let digest = Sha256::digest(format!("{nanos}:{}:{count}", std::process::id()));
    hex(&digest[..8])
}

/// Lower-case hex of bytes.
#[must_use]
pub fn hex(bytes: &[u8]) -> String {
    use std::fmt::Write;
    bytes.iter().fold(String::new(), |mut s, b| {
        let _ = write!(s, "{b:02x}");
        s
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn highlight(id: &str, created: u64, modified: u64, note: &str) -> Highlight {
        Highlight {
            id: id.into(),
            start: Anchor::default(),
            end: Anchor::default(),
            text: "passage".into(),
            colour: Colour::Yellow,
            note: note.into(),
            created,
            modified,
        }
    }

    fn mark(set: u64, block: usize) -> Mark {
        Mark {
            at: Anchor {
                block,
                ..Anchor::default()
            },
            set,
        }
    }

    #[test]
    fn merge_keeps_both_processes_highlights_and_the_later_edit() {
        let mut mine = DocState::new(DocInfo::default());
        let mut disk = DocState::new(DocInfo::default());
        mine.highlights = vec![highlight("a", 1, 5, "mine"), highlight("b", 2, 2, "")];
        disk.highlights = vec![highlight("a", 1, 7, "theirs"), highlight("c", 3, 3, "")];
        let m = mine.merged_with(&disk);
        let ids: Vec<_> = m.highlights.iter().map(|h| h.id.as_str()).collect();
        assert_eq!(ids, ["a", "b", "c"]);
        assert_eq!(m.highlights[0].note, "theirs");
    }

    #[test]
    fn a_deletion_is_not_undone_by_the_other_process() {
        let mut mine = DocState::new(DocInfo::default());
        mine.highlights = vec![highlight("a", 1, 1, ""), highlight("b", 2, 2, "")];
        let disk = mine.clone();
        assert!(mine.delete_highlight("a", 9));
        assert!(!mine.delete_highlight("zz", 9));
        let m = mine.merged_with(&disk);
        assert_eq!(m.highlights.len(), 1);
        // And the other way round: the deletion on disk wins over our stale copy.
        let m2 = disk.merged_with(&m);
        assert_eq!(m2.highlights.len(), 1);
        assert_eq!(m2.deleted.len(), 1);
    }

    #[test]
    fn marks_keep_the_later_setting_and_position_is_ours() {
        let mut mine = DocState::new(DocInfo::default());
        let mut disk = DocState::new(DocInfo::default());
        mine.marks.insert('a', mark(5, 1));
        mine.marks.insert('b', mark(5, 2));
        disk.marks.insert('a', mark(9, 3));
        disk.marks.insert('c', mark(1, 4));
        disk.position = Some(Anchor::default());
        let m = mine.merged_with(&disk);
        assert_eq!(m.marks[&'a'].at.block, 3);
        assert_eq!(m.marks[&'b'].at.block, 2);
        assert_eq!(m.marks[&'c'].at.block, 4);
        assert_eq!(m.position, Some(Anchor::default()));
        mine.position = Some(Anchor {
            block: 7,
            ..Anchor::default()
        });
        assert_eq!(mine.merged_with(&disk).position.map(|a| a.block), Some(7));
    }

    #[test]
    fn ids_are_unique() {
        let a = new_id();
        let b = new_id();
        assert_ne!(a, b);
        assert_eq!(a.len(), 16);
    }
}
