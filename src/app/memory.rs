//! What the app remembers for the reader: the saved place to restore, marks, the jump list and
//! highlights, resolved to positions in the document, and the state to save. No I/O: the event
//! loop loads and saves ([`crate::state`]).

use std::collections::BTreeMap;
use std::time::{Duration, Instant};

use super::Content;
use crate::document::Document;
use crate::layout::Pos;
use crate::nav::jumps::JumpList;
use crate::nav::sentences::text_between;
use crate::state::{
    Anchor, Colour, Deleted, DocInfo, DocState, Found, Highlight, Mark, new_id, now_secs,
};

/// How long a change waits before it is saved (more changes meanwhile join it).
pub const SAVE_DELAY: Duration = Duration::from_secs(3);

/// The reader's own data for this document.
#[derive(Debug, Default)]
pub struct Memory {
    /// Saving and restoring is on (a state store is there and `--no-state` was not given).
    pub enabled: bool,
    /// What the state file says about the document.
    info: DocInfo,
    /// The saved place, until it is restored (or given up for a `--search`).
    saved_position: Option<Anchor>,
    /// Where the loader may seek to reach the saved place (kept while it is pending).
    saved_seek: Option<u64>,
    /// Marks by letter (anchors, as saved).
    marks: BTreeMap<char, Mark>,
    /// The marks' positions in the document as it is now.
    mark_pos: BTreeMap<char, Pos>,
    /// Highlights, in the order they were made.
    highlights: Vec<Highlight>,
    /// Their positions (start, end) now; `None` until the document is loaded.
    spans: Vec<Option<(Pos, Pos)>>,
    /// Deleted highlight ids.
    deleted: Vec<Deleted>,
    /// Places left by jumps.
    pub jumps: JumpList,
    /// Marks and highlights are resolved against the whole document.
    resolved: bool,
    /// When something changed that is not saved yet.
    changed: Option<Instant>,
    /// The top when last saved.
    saved_top: Option<Pos>,
    /// A save failed: the reader was told once.
    pub save_failed: bool,
    /// The reader was told that the saved place is on its way.
    pub announced: bool,
    /// Where the saved place was restored, until the notice has gained its section.
    pub restored: Option<Pos>,
}

impl Memory {
    /// Take the state read from disk (or none) for a document; `info` describes it now.
    pub fn install(&mut self, state: Option<DocState>, mut info: DocInfo) {
        self.enabled = true;
        if let Some(s) = state {
            info.title.clone_from(&s.document.title);
            self.saved_position = s.position;
            self.saved_seek = s.seek;
            self.marks = s.marks;
            self.highlights = s.highlights;
            self.deleted = s.deleted;
        }
        self.spans = vec![None; self.highlights.len()];
        self.info = info;
        self.resolved = false;
    }

    /// The saved place, while it waits to be restored.
    #[must_use]
    pub fn pending_position(&self) -> Option<&Anchor> {
        self.saved_position.as_ref()
    }

    /// Where the loader may seek to reach the saved place, while it is pending.
    #[must_use]
    pub fn pending_seek(&self) -> Option<u64> {
        self.saved_position.as_ref().and(self.saved_seek)
    }

    /// The saved place was restored (or given up): from now on the view's top is saved.
    pub fn position_settled(&mut self) {
        self.saved_position = None;
    }

    /// The place restored turned out to be in text that was dropped: wait for `anchor` again.
    pub fn position_pending(&mut self, anchor: Anchor) {
        self.saved_position = Some(anchor);
        self.saved_seek = None;
        self.announced = false;
    }

    /// Resolve marks and highlights once the whole document is there.
    pub fn resolve(&mut self, doc: &Document) {
        if self.resolved {
            return;
        }
        self.resolved = true;
        self.mark_pos = self
            .marks
            .iter()
            .map(|(&c, m)| (c, m.at.resolve(doc).0))
            .collect();
        self.spans = self
            .highlights
            .iter()
            .map(|h| {
                let (start, found) = h.start.resolve(doc);
                let (mut end, _) = h.end.resolve(doc);
                if found == Found::Nearest || end <= start {
                    // The passage is gone or garbled: keep a visible sentence-long mark.
                    end = crate::nav::sentences::grow(doc, start);
                }
                Some((start, end))
            })
            .collect();
    }

    /// Note that something worth saving changed.
    pub fn touch(&mut self) {
        if self.enabled && self.changed.is_none() {
            self.changed = Some(Instant::now());
        }
    }

    /// The top moved: worth saving if it differs from the saved one.
    pub fn top_moved(&mut self, top: Pos) {
        if self.enabled && self.saved_position.is_none() && self.saved_top != Some(top) {
            self.touch();
        }
    }

    /// When the pending changes are due to be saved.
    #[must_use]
    pub fn save_deadline(&self) -> Option<Instant> {
        self.changed.map(|t| t + SAVE_DELAY)
    }

    /// The state to save, with the view's `top` as the position and where the loader may seek
    /// to reach it next time (`None` when saving is off); marks the changes saved.
    pub fn snapshot(&mut self, content: &Content, top: Pos) -> Option<DocState> {
        if !self.enabled {
            return None;
        }
        self.changed = None;
        let doc = &content.doc;
        let (position, seek) = match &self.saved_position {
            Some(saved) => (Some(saved.clone()), self.saved_seek),
            None if doc.blocks.is_empty() => (None, None),
            None => {
                self.saved_top = Some(top);
                (Some(Anchor::capture(doc, top)), content.seek_for(top.block))
            }
        };
        let mut state = DocState::new(self.info.clone());
        content.title().clone_into(&mut state.document.title);
        state.position = position;
        state.seek = seek;
        state.marks.clone_from(&self.marks);
        state.highlights.clone_from(&self.highlights);
        state.deleted.clone_from(&self.deleted);
        Some(state)
    }

    /// What the loader needs to open the file at `path` at the saved place first: `None` when
    /// no place is pending or no seek is known for it.
    #[must_use]
    pub fn resume_hint(&self, path: &std::path::Path) -> Option<crate::loader::Resume> {
        Some(crate::loader::Resume {
            path: path.to_path_buf(),
            seek: self.pending_seek()?,
            anchor: self.pending_position()?.clone(),
        })
    }

    /// Adopt what another process saved (highlights and marks this one did not know).
    pub fn adopt(&mut self, disk: &DocState, doc: &Document, loaded: bool) {
        for h in &disk.highlights {
            if !self.highlights.iter().any(|k| k.id == h.id) {
                self.highlights.push(h.clone());
                self.spans.push(loaded.then(|| {
                    let start = h.start.resolve(doc).0;
                    (start, h.end.resolve(doc).0.max(start))
                }));
            }
        }
        for d in &disk.deleted {
            if let Some(i) = self.highlights.iter().position(|h| h.id == d.id) {
                self.highlights.remove(i);
                self.spans.remove(i);
            }
            if !self.deleted.iter().any(|k| k.id == d.id) {
                self.deleted.push(d.clone());
            }
        }
        for (&c, m) in &disk.marks {
            if self.marks.get(&c).is_none_or(|k| k.set < m.set) {
                self.marks.insert(c, m.clone());
                if loaded {
                    self.mark_pos.insert(c, m.at.resolve(doc).0);
                }
            }
        }
    }

    // ----- marks -----------------------------------------------------------------------------

    /// A save finished: adopt what another process saved (`Ok`), or the message that saving
    /// failed, said once until a save succeeds again.
    pub fn saved(
        &mut self,
        outcome: Result<&DocState, &str>,
        doc: &Document,
        loaded: bool,
    ) -> Option<String> {
        match outcome {
            Ok(disk) => {
                self.adopt(disk, doc, loaded);
                self.save_failed = false;
                None
            }
            Err(why) if !self.save_failed => {
                self.save_failed = true;
                Some(format!("{why} · reading continues"))
            }
            Err(_) => None,
        }
    }

    /// Set mark `letter` at `pos`.
    pub fn set_mark(&mut self, letter: char, doc: &Document, pos: Pos) {
        self.marks.insert(
            letter,
            Mark {
                at: Anchor::capture(doc, pos),
                set: now_secs(),
            },
        );
        self.mark_pos.insert(letter, pos);
        self.touch();
    }

    /// Where mark `letter` is (resolving it now if the document was not loaded when it came).
    pub fn mark(&mut self, letter: char, doc: &Document) -> Option<Pos> {
        if let Some(p) = self.mark_pos.get(&letter) {
            return Some(*p);
        }
        let pos = self.marks.get(&letter)?.at.resolve(doc).0;
        self.mark_pos.insert(letter, pos);
        Some(pos)
    }

    /// The letters of the marks set.
    #[must_use]
    pub fn mark_letters(&self) -> String {
        self.marks.keys().collect()
    }

    // ----- highlights ------------------------------------------------------------------------

    /// Highlight the text from `start` to `end`; returns its index.
    pub fn add_highlight(&mut self, doc: &Document, start: Pos, end: Pos, colour: Colour) -> usize {
        let now = now_secs();
        self.highlights.push(Highlight {
            id: new_id(),
            start: Anchor::capture(doc, start),
            end: Anchor::capture(doc, end),
            text: text_between(doc, start, end),
            colour,
            note: String::new(),
            created: now,
            modified: now,
        });
        self.spans.push(Some((start, end)));
        self.touch();
        self.highlights.len() - 1
    }

    /// Set the note of highlight `index` (trimmed and sanitized: it may come from `$EDITOR`).
    pub fn set_note(&mut self, index: usize, note: &str) {
        if let Some(h) = self.highlights.get_mut(index) {
            h.note = crate::document::sanitize::normalize(note.trim());
            h.modified = now_secs();
            self.touch();
        }
    }

    /// Delete highlight `index`.
    pub fn delete_highlight(&mut self, index: usize) {
        if index < self.highlights.len() {
            let h = self.highlights.remove(index);
            self.spans.remove(index);
            self.deleted.push(Deleted {
                id: h.id,
                at: now_secs(),
            });
            self.touch();
        }
    }

    /// The highlights.
    #[must_use]
    pub fn highlights(&self) -> &[Highlight] {
        &self.highlights
    }

    /// Where highlight `index` is now, once resolved.
    #[must_use]
    pub fn span(&self, index: usize) -> Option<(Pos, Pos)> {
        self.spans.get(index).copied().flatten()
    }

    /// Highlights overlapping blocks `first..=last`: (start, end, colour), in order.
    #[must_use]
    pub fn spans_in(&self, first: usize, last: usize) -> Vec<(Pos, Pos, Colour)> {
        self.spans
            .iter()
            .zip(&self.highlights)
            .filter_map(|(s, h)| s.map(|(a, b)| (a, b, h.colour)))
            .filter(|(a, b, _)| a.block <= last && b.block >= first)
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind};

    fn doc() -> Document {
        Document {
            blocks: ["One. Two.", "Three. Four.", "Five."]
                .iter()
                .map(|t| Block::new(BlockKind::Paragraph, *t))
                .collect(),
            ..Document::default()
        }
    }

    fn content() -> Content {
        Content {
            doc: std::sync::Arc::new(doc()),
            ..Content::default()
        }
    }

    #[test]
    fn the_saved_place_is_kept_until_restored() {
        let c = content();
        let d = &*c.doc;
        let mut m = Memory::default();
        let mut saved = DocState::new(DocInfo::default());
        saved.position = Some(Anchor::capture(d, Pos::block_start(2)));
        m.install(Some(saved), DocInfo::default());
        let snap = m.snapshot(&c, Pos::default()).expect("test setup");
        assert_eq!(
            snap.position.expect("test setup").block,
            2,
            "not overwritten before restoring"
        );
        m.position_settled();
        let snap = m.snapshot(&c, Pos::block_start(1)).expect("test setup");
        assert_eq!(snap.position.expect("test setup").block, 1);
    }

    #[test]
    fn marks_and_highlights_round_trip_through_a_snapshot() {
        let c = content();
        let d = &*c.doc;
        let mut m = Memory::default();
        m.install(None, DocInfo::default());
        assert!(m.save_deadline().is_none());
        m.set_mark('a', d, Pos::block_start(1));
        assert!(m.save_deadline().is_some());
        let i = m.add_highlight(
            d,
            Pos::block_start(1),
            Pos { block: 1, byte: 6 },
            Colour::Blue,
        );
        m.set_note(i, "note");
        let snap = m.snapshot(&c, Pos::default()).expect("test setup");
        assert!(m.save_deadline().is_none());
        let mut again = Memory::default();
        again.install(Some(snap), DocInfo::default());
        again.resolve(d);
        assert_eq!(again.mark('a', d), Some(Pos::block_start(1)));
        assert_eq!(again.highlights()[0].text, "Three.");
        assert_eq!(again.highlights()[0].note, "note");
        assert_eq!(
            again.span(0),
            Some((Pos::block_start(1), Pos { block: 1, byte: 6 }))
        );
        assert_eq!(again.spans_in(0, 0).len(), 0);
        assert_eq!(again.spans_in(1, 2).len(), 1);
        again.delete_highlight(0);
        let snap = again.snapshot(&c, Pos::default()).expect("test setup");
        assert!(snap.highlights.is_empty());
        assert_eq!(snap.deleted.len(), 1);
    }

    #[test]
    fn the_seek_hint_goes_with_the_pending_place_only() {
        let c = content();
        let d = &*c.doc;
        let mut m = Memory::default();
        let mut saved = DocState::new(DocInfo::default());
        saved.position = Some(Anchor::capture(d, Pos::block_start(2)));
        saved.seek = Some(4096);
        m.install(Some(saved), DocInfo::default());
        assert_eq!(m.pending_seek(), Some(4096));
        m.position_settled();
        assert_eq!(m.pending_seek(), None);
        // Waiting again (the text sent ahead was dropped): found by its text, not by seeking.
        m.position_pending(Anchor::capture(d, Pos::block_start(1)));
        assert_eq!(m.pending_seek(), None);
        assert_eq!(m.pending_position().map(|a| a.block), Some(1));
    }

    #[test]
    fn disabled_memory_saves_nothing() {
        let mut m = Memory::default();
        m.touch();
        assert!(m.snapshot(&content(), Pos::default()).is_none());
        assert!(m.save_deadline().is_none());
    }
}
