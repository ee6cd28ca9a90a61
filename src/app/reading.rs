//! The reader's own modes routed to their parts (marks, jumps, link hints, selection, the
//! highlights list), and the saved place: restoring it and saving it.

use super::{App, Effect};
use std::time::Instant;

use crate::action::Action;
use crate::layout::Pos;
use crate::outline::NodeKind;
use crate::state::{DocInfo, DocState};

/// Actions that move the view far: the place left is recorded in the jump list.
#[must_use]
pub fn is_jump(action: Action) -> bool {
    matches!(
        action,
        Action::Top
            | Action::Bottom
            | Action::Percent
            | Action::NextSection
            | Action::PrevSection
            | Action::NextMatch
            | Action::PrevMatch
            | Action::EntryOpen
    )
}

impl App {
    /// When the loop must wake up without input: a message to expire, a save that is due, or
    /// an auto-scroll line.
    #[must_use]
    pub fn next_deadline(&self) -> Option<Instant> {
        [
            self.messages.deadline(),
            self.memory.save_deadline(),
            self.pacing.deadline(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// A deadline passed: expire the message, queue a save that is due. True when the frame
    /// changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.save_if_due(now);
        let (moved, message) =
            self.pacing
                .tick(now, &self.content, &mut self.viewport, &self.view.lines);
        self.flash_opt(message);
        let changed = self.messages.tick(now) | moved;
        self.dirty |= changed;
        changed
    }

    /// The saved state was read (or there was none): `info` describes the document. The saved
    /// place is restored as soon as its text is loaded; `restore` false (a `--search` on the
    /// command line) keeps the view where it is.
    pub fn install_state(&mut self, state: Option<DocState>, info: DocInfo, restore: bool) {
        self.memory.install(state, info);
        if !restore {
            self.memory.position_settled();
        }
        self.try_restore();
        if self.content.load.done {
            self.memory.resolve(&self.content.doc);
        }
        self.dirty = true;
    }

    /// Restore the saved place once it can be: at once when the text at the saved block is
    /// unchanged, else when the whole document is there to search. A reader who already moved
    /// keeps their place.
    pub fn try_restore(&mut self) {
        let Some(anchor) = self.memory.pending_position().cloned() else {
            return;
        };
        if self.viewport.top() != Pos::default() {
            self.memory.position_settled();
            return;
        }
        let doc = &self.content.doc;
        // Enough text after the place to fill a screen (each block is at least a line), so
        // the view is not pulled back to the end of what has loaded so far.
        let room = doc.blocks.len() > anchor.block + self.viewport.height().max(60);
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
                self.flash("going back to where you were as the text loads · moving stays here");
            }
            return;
        };
        self.memory.position_settled();
        if pos == Pos::default() {
            return;
        }
        self.viewport.set_top(doc, pos);
        self.memory.jumps.record(Pos::default(), pos);
        let notice = format!("back at {} · '' returns to the top", self.place_label(pos));
        self.flash(notice);
    }

    /// `§3, 41%` or `CHAPTER 10. A Bosom…, 41%` for a position.
    fn place_label(&self, pos: Pos) -> String {
        let c = &self.content;
        let offset = c.offset_of(pos.block, pos.byte);
        let total = if c.load.done {
            c.total_bytes()
        } else {
            // Still loading: the file's size stands in for the text's length.
            usize::try_from(c.load.total.unwrap_or(0))
                .map_or(usize::MAX, |t| t.max(c.total_bytes()))
        };
        let percent = (offset * 100).checked_div(total).unwrap_or(0).min(100);
        let section = c.section_at(pos.block).and_then(|i| c.outline.nodes.get(i));
        let Some(n) = section else {
            return format!("{percent}%");
        };
        if let NodeKind::Section { number } = n.kind {
            format!("§{number}, {percent}%")
        } else {
            let label: String = n.label.chars().take(24).collect();
            let more = if n.label.chars().count() > 24 {
                "…"
            } else {
                ""
            };
            format!("{label}{more}, {percent}%")
        }
    }

    /// The state to save now (`None` when saving is off).
    pub fn state_snapshot(&mut self) -> Option<DocState> {
        let top = self.viewport.top();
        let mut state = self.memory.snapshot(&self.content.doc, top)?;
        state.document.title.clone_from(&self.content.doc.title);
        Some(state)
    }

    /// A save finished: adopt what another process saved, or say once that saving failed.
    pub fn saved(&mut self, outcome: Result<&DocState, &str>) {
        match outcome {
            Ok(disk) => {
                let loaded = self.content.load.done;
                self.memory.adopt(disk, &self.content.doc, loaded);
                self.memory.save_failed = false;
            }
            Err(why) if !self.memory.save_failed => {
                self.memory.save_failed = true;
                self.flash(format!("{why} · reading continues"));
            }
            Err(_) => {}
        }
        self.dirty = true;
    }

    /// Queue a save when changes are due (called from `tick`).
    pub(super) fn save_if_due(&mut self, now: Instant) {
        if self.memory.save_deadline().is_some_and(|d| now >= d)
            && let Some(state) = self.state_snapshot()
        {
            self.effects.push(Effect::Save(Box::new(state)));
        }
    }
}

#[cfg(test)]
mod tests {
    use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
    use ratatui::layout::Rect;

    use super::*;
    use crate::document::{Block, BlockKind, Document, Link};

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            app.prepare();
        }
    }

    /// A document whose first paragraph links to an anchor far below and to a web page.
    fn linked() -> App {
        let mut first = Block::new(BlockKind::Paragraph, "See the end and the site.");
        first.links = vec![
            Link {
                byte_range: 4..11,
                target: "#the-end".into(),
            },
            Link {
                byte_range: 16..24,
                target: "https://example.com/".into(),
            },
        ];
        let mut blocks = vec![first];
        for i in 0..80 {
            blocks.push(Block::new(BlockKind::Paragraph, format!("Filler {i}.")));
        }
        let mut end = Block::new(BlockKind::Heading(2), "The End");
        end.anchors = vec!["the-end".into()];
        blocks.push(end);
        let mut app = App::loaded(
            Document {
                blocks,
                ..Document::default()
            },
            Rect::new(0, 0, 80, 24),
        );
        app.prepare();
        app
    }

    #[test]
    fn link_hints_follow_an_anchor_and_ctrl_o_comes_back() {
        let mut app = linked();
        press(&mut app, "o");
        let hints = app.modes.hints.clone().expect("hint mode");
        assert_eq!(hints.labels, ["a", "s"]);
        assert!(
            app.view
                .paint
                .iter()
                .any(|p| p.kind == crate::app::view::PaintKind::Hint("a".into()))
        );
        press(&mut app, "a");
        assert!(app.modes.hints.is_none());
        app.prepare();
        assert!(
            app.view.lines.iter().any(|l| l.block == 81),
            "the heading is on screen"
        );
        app.key(KeyEvent::new(KeyCode::Char('o'), KeyModifiers::CONTROL));
        assert_eq!(app.viewport.top(), Pos::default());
    }

    #[test]
    fn an_external_link_is_copied_and_shown_never_opened() {
        let mut app = linked();
        press(&mut app, "os");
        assert_eq!(app.viewport.top(), Pos::default());
        assert!(
            app.effects
                .iter()
                .any(|e| matches!(e, Effect::Copy(t) if t == "https://example.com/"))
        );
        let msg = app.messages.current().unwrap_or_default().to_owned();
        assert!(msg.contains("not opened: https://example.com/"), "{msg}");
    }

    #[test]
    fn a_mark_and_quote_quote_return_and_g_records_a_jump() {
        let mut app = linked();
        press(&mut app, "5jma");
        let marked = app.viewport.top();
        press(&mut app, "G");
        let bottom = app.viewport.top();
        press(&mut app, "'a");
        assert_eq!(app.viewport.top(), marked);
        press(&mut app, "''");
        assert_eq!(app.viewport.top(), bottom);
        press(&mut app, "'z");
        let msg = app.messages.current().unwrap_or_default().to_owned();
        assert!(msg.contains("no mark z; marks: a"), "{msg}");
    }
}
