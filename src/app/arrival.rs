//! The loader's text arriving: blocks appended (the view following a growing end), loading
//! finished, and back at the saved place: installing the saved state, restoring the place as soon as its
//! text is there (sent ahead by the loader, or loaded in order), the notice that says where
//! (`back at §3, 41% · '' returns to the top`, its section added once the contents are
//! known), and the state to save with a seek hint for next time.

use std::sync::Arc;

use super::{App, Content, Effect, Memory, Messages, Viewport};
use crate::document::Block;

use crate::layout::{Pos, ScreenLine};
use crate::loader::LoadEvent;
use crate::outline::NodeKind;
use crate::state::{Anchor, DocInfo, DocState};

/// The notice's tail.
const BACK_TO_TOP: &str = "'' returns to the top";

/// The parts the loader's events act on (the document, the view following its end, the saved
/// place restored as its text arrives), lent by the app for one event.
pub struct Arrival<'a> {
    /// The document and what is known of it.
    pub content: &'a mut Content,
    /// The view.
    pub viewport: &'a mut Viewport,
    /// The saved place, marks and jumps.
    pub memory: &'a mut Memory,
    /// The status bar's messages.
    pub messages: &'a mut Messages,
    /// Work for the event loop.
    pub effects: &'a mut Vec<Effect>,
    /// The article's lines on screen.
    pub lines: &'a [ScreenLine],
}

impl Arrival<'_> {
    /// Append blocks sent by the loader.
    pub fn add_blocks(&mut self, blocks: Vec<Block>) {
        if blocks.is_empty() {
            return;
        }
        if let Some(last) = self.content.doc.blocks.len().checked_sub(1) {
            self.viewport.invalidate(last);
        }
        if !self.content.load.done {
            self.viewport.follow_if_at_end(&self.content.doc);
        }
        self.content.add_blocks(blocks);
        self.try_restore();
    }

    /// A message from the loader.
    pub fn load_event(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Blocks(blocks) if self.content.ahead.is_some() => self.fill_ahead(blocks),
            LoadEvent::Blocks(blocks) => self.add_blocks(blocks),
            LoadEvent::Title {
                title,
                date,
                is_name,
            } => self.content.set_title(title, date, is_name),
            LoadEvent::Toc(toc) => Arc::make_mut(&mut self.content.doc).toc = Some(toc),
            LoadEvent::Progress(bytes, total) => self.content.progress(bytes, total),
            LoadEvent::Done(notices) => self.finished(notices),
            ahead @ (LoadEvent::Ahead { .. } | LoadEvent::Joined | LoadEvent::Discard(_)) => {
                if let Some(other) = self.ahead_event(ahead) {
                    self.load_event(other);
                }
            }
        }
    }

    /// The saved state was read (or there was none); see [`App::install_state`].
    pub fn install(&mut self, state: Option<DocState>, info: DocInfo, restore: bool) {
        self.memory.install(state, info);
        if !restore {
            self.memory.position_settled();
        }
        self.try_restore();
        if self.content.load.done {
            self.memory.resolve(&self.content.doc);
        }
    }

    /// The loader finished; `notices` are shown once (invalid UTF-8, capped input, errors).
    pub fn finished(&mut self, notices: Vec<String>) {
        self.content.load.done = true;
        if std::mem::take(&mut self.viewport.follow_end) {
            // `G` while loading: the true end, even when the last text came in the same batch.
            self.viewport.bottom(&self.content.doc);
        }
        self.messages
            .loaded(self.content.doc.blocks.is_empty(), notices);
        self.effects
            .push(Effect::Analyze(Arc::clone(&self.content.doc)));
        self.try_restore();
        if self.memory.enabled {
            self.memory.resolve(&self.content.doc);
        }
    }

    /// The loader's events about blocks sent ahead; any other event is given back.
    pub fn ahead_event(&mut self, event: LoadEvent) -> Option<LoadEvent> {
        match event {
            LoadEvent::Ahead { at, blocks } => {
                let seek = self.memory.pending_seek().unwrap_or(0);
                self.content.add_ahead(at, blocks, seek);
                self.try_restore();
            }
            LoadEvent::Joined => {
                self.content.join_ahead();
                self.viewport.layout.floor = 0;
                self.viewport.layout.clear();
            }
            LoadEvent::Discard(from) => self.discard_from(from),
            other => return Some(other),
        }
        None
    }

    /// Blocks in front of those sent ahead: they take the empty places (whose layouts, and the
    /// one of the block before them, go).
    pub fn fill_ahead(&mut self, blocks: Vec<crate::document::Block>) {
        let from = self.content.head();
        for block in from.saturating_sub(1)..from + blocks.len() {
            self.viewport.invalidate(block);
        }
        self.content.add_blocks(blocks);
    }

    /// The blocks from `from` on were wrong: drop them; a view on them waits for its passage
    /// to load again (found by its text).
    pub fn discard_from(&mut self, from: usize) {
        let top = self.viewport.top();
        if top.block >= from {
            let anchor = Anchor::capture(&self.content.doc, top);
            self.memory.position_pending(anchor);
            self.memory.restored = None;
            self.viewport.set_top(&self.content.doc, Pos::default());
            self.messages.clear();
        }
        self.content.discard_from(from);
        self.viewport.layout.floor = 0;
        self.viewport.layout.clear();
        self.try_restore();
    }

    /// Restore the saved place once it can be: at once when the text at the saved block is
    /// unchanged (sent ahead by the loader, or loaded in order), else when the whole document
    /// is there to search. A reader who already moved keeps their place.
    pub fn try_restore(&mut self) {
        let Some(anchor) = self.memory.pending_position().cloned() else {
            return;
        };
        // A reader who moved keeps their place; a place at the very top is where the view is.
        if self.viewport.top() != Pos::default() || (anchor.block, anchor.byte) == (0, 0) {
            self.memory.position_settled();
            return;
        }
        let doc = &self.content.doc;
        // Enough text after the place to fill a screen (each block is at least a line), so
        // the view is not pulled back to the end of what has loaded so far. Blocks sent ahead
        // are all there is until the ones in front of them arrive.
        let room = doc.blocks.len() > anchor.block + self.viewport.height().max(60)
            || self.content.ahead.is_some();
        let pos = if anchor.holds_in(doc) && (room || self.content.load.done) {
            Pos {
                block: anchor.block,
                byte: anchor.byte,
            }
        } else if self.content.load.done {
            anchor.resolve(doc).0
        } else {
            // The place is further than what has loaded: say so once (a key cancels it).
            if !self.memory.announced {
                self.memory.announced = true;
                self.messages
                    .flash("going back to where you were as the text loads · moving stays here");
            }
            return;
        };
        self.memory.position_settled();
        if pos == Pos::default() {
            return;
        }
        if let Some(ahead) = self.content.ahead {
            // Nothing to show above the blocks sent ahead until the rest arrives.
            self.viewport.layout.floor = ahead.at.min(pos.block);
        }
        self.viewport.set_top(doc, pos);
        self.memory.jumps.record(Pos::default(), pos);
        self.memory.restored = Some(pos);
        let notice = self.restore_notice(pos);
        self.messages.flash(notice);
    }

    /// The contents are known: the notice names the section, when the view is still at the
    /// restored place (shown again if it had gone).
    pub fn restored_section_known(&mut self) {
        let Some(at) = self.memory.restored.take() else {
            return;
        };
        let showing = self
            .messages
            .current()
            .is_some_and(|m| m.ends_with(BACK_TO_TOP));
        // Still there: the restored paragraph is on screen (fitting the view to the screen may
        // have moved the top to another line start).
        let there = self.lines.iter().any(|l| l.block == at.block);
        if there && (showing || self.messages.current().is_none()) {
            let notice = self.restore_notice(at);
            self.messages.flash(notice);
        }
    }

    /// `back at §3, 41% · '' returns to the top`; the section only once the contents are known.
    fn restore_notice(&self, pos: Pos) -> String {
        format!("back at {} · {BACK_TO_TOP}", self.content.place_label(pos))
    }
}

impl Content {
    /// `§3, 41%`, `CHAPTER 10. A Bosom Friend. §2, 41%` or `CHAPTER 10. A Bosom Friend., 41%` for a
    /// position: its section (the numbered contents entry, within its heading) and how far in.
    #[must_use]
    pub fn place_label(&self, pos: Pos) -> String {
        let c = self;
        let offset = c.offset_of(pos.block, pos.byte);
        let total = if c.load.done {
            c.total_bytes()
        } else {
            // Still loading: the file's size stands in for the text's length.
            usize::try_from(c.load.total.unwrap_or(0))
                .map_or(usize::MAX, |t| t.max(c.total_bytes()))
        };
        let percent = (offset * 100).checked_div(total).unwrap_or(0).min(100);
        let Some(index) = c.section_at(pos.block) else {
            return format!("{percent}%");
        };
        let short = |label: &str| {
            let cut: String = label.chars().take(32).collect();
            let more = if label.chars().count() > 32 {
                "…"
            } else {
                ""
            };
            format!("{cut}{more}")
        };
        let nodes = &c.outline.nodes;
        let heading = c
            .heading_above(index)
            .and_then(|h| nodes.get(h))
            .map(|h| short(&h.label));
        match (&nodes[index].kind, heading) {
            (NodeKind::Section { number }, Some(h)) => format!("{h} §{number}, {percent}%"),
            (NodeKind::Section { number }, None) => format!("§{number}, {percent}%"),
            (_, _) => format!("{}, {percent}%", short(&c.outline.label(&c.doc, index))),
        }
    }
}

impl App {
    /// The parts the loader's text arrives into, for one event.
    pub(super) fn arrival(&mut self) -> Arrival<'_> {
        Arrival {
            content: &mut self.content,
            viewport: &mut self.viewport,
            memory: &mut self.memory,
            messages: &mut self.messages,
            effects: &mut self.effects,
            lines: &self.view.lines,
        }
    }

    /// The saved state was read (or there was none): `info` describes the document. The saved
    /// place is restored as soon as its text is loaded; `restore` false (a `--search` on the
    /// command line) keeps the view where it is.
    pub fn install_state(&mut self, state: Option<DocState>, info: DocInfo, restore: bool) {
        self.arrival().install(state, info, restore);
        self.dirty = true;
    }

    /// The state to save now (`None` when saving is off), with where the loader may seek to
    /// reach the position next time.
    pub fn state_snapshot(&mut self) -> Option<DocState> {
        self.memory.snapshot(&self.content, self.viewport.top())
    }
}
