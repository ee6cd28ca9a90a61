//! The reader's own places in the app: saving, marks (`m`, `'`), the jump list (`Ctrl-o`,
//! forward, `''`) and link hints (`o`). Restoring the saved place is in `restore`.

use super::{App, Effect};
use std::time::Instant;

use crate::action::Action;
use crate::keymap::Mode;
use crate::layout::Pos;
use crate::nav::hints::{self, Typed};
use crate::state::DocState;

/// What a pending letter key is for.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Pending {
    /// `m`: set the mark.
    SetMark,
    /// `'`: go to the mark.
    GotoMark,
}

/// Link-hint mode: the links on screen and their labels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HintMode {
    /// Labels, one per target.
    pub labels: Vec<String>,
    /// Per label: where it is drawn (the link text's start) and the link's target.
    pub targets: Vec<(Pos, String)>,
    /// Letters typed so far.
    pub typed: String,
}

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
            self.auto_scroll_deadline(),
        ]
        .into_iter()
        .flatten()
        .min()
    }

    /// A deadline passed: expire the message, queue a save that is due. True when the frame
    /// changed.
    pub fn tick(&mut self, now: Instant) -> bool {
        self.save_if_due(now);
        let changed = self.messages.tick(now) | self.tick_auto_scroll(now);
        self.dirty |= changed;
        changed
    }

    /// Keys of the reader's own modes (note, mark letter, link hints, selection, highlights
    /// list); true when the key was theirs.
    pub(super) fn reader_mode_action(
        &mut self,
        mode: Mode,
        action: Action,
        typed: Option<char>,
    ) -> bool {
        match mode {
            Mode::Note => self.note_action(action, typed),
            Mode::Letter => {
                if let Some(p) = self.pending.take()
                    && action == Action::Letter
                {
                    self.letter(p, typed);
                }
            }
            Mode::Hints => self.hint_letter(action, typed),
            Mode::Select => self.selection_action(action, typed),
            Mode::List {
                highlights: true, ..
            } if matches!(
                action,
                Action::EntryOpen | Action::EditNote | Action::DeleteHighlight
            ) =>
            {
                self.highlight_entry(action);
            }
            _ => return false,
        }
        true
    }

    /// The reader's own commands from the article; true when `action` was one.
    pub(super) fn reader_command(&mut self, action: Action) -> bool {
        match action {
            Action::SetMark => self.pending = Some(Pending::SetMark),
            Action::GotoMark => self.pending = Some(Pending::GotoMark),
            Action::JumpBack | Action::JumpForward => {
                self.walk_jumps(action == Action::JumpBack);
            }
            Action::StartSelection => self.start_selection(),
            Action::ToggleHighlights => self.toggle_highlights(),
            Action::ExportHighlights => match self.state_snapshot() {
                Some(state) => self.effects.push(Effect::Export(Box::new(state))),
                None => self.flash("saving is off (--no-state): nothing to export"),
            },
            _ => return false,
        }
        true
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

    // ----- marks and jumps -------------------------------------------------------------------

    /// Move to `to`, recording the place left.
    pub fn jump_to(&mut self, to: Pos) {
        let from = self.viewport.top();
        self.viewport.jump(&self.content.doc, to);
        let landed = self.viewport.top();
        self.memory.jumps.record(from, landed);
    }

    /// The letter after `m` or `'`.
    pub(super) fn letter(&mut self, pending: Pending, typed: Option<char>) {
        let Some(c) = typed else {
            return;
        };
        let doc = &self.content.doc;
        let top = self.viewport.top();
        match pending {
            Pending::SetMark if c.is_ascii_alphabetic() => {
                self.memory.set_mark(c, doc, top);
                self.flash(format!("mark {c} set · '{c} returns here"));
            }
            Pending::SetMark => self.flash("marks are letters: a–z, A–Z"),
            Pending::GotoMark if c == '\'' || c == '`' => match self.memory.jumps.swap(top) {
                Some(to) => self.viewport.jump(doc, to),
                None => self.flash("no jump yet"),
            },
            Pending::GotoMark => {
                if let Some(to) = self.memory.mark(c, doc) {
                    self.jump_to(to);
                } else {
                    let set = self.memory.mark_letters();
                    self.flash(if set.is_empty() {
                        format!("no mark {c} (m{c} sets it)")
                    } else {
                        format!("no mark {c}; marks: {set}")
                    });
                }
            }
        }
    }

    /// `Ctrl-o` and its forward key.
    pub(super) fn walk_jumps(&mut self, back: bool) {
        let top = self.viewport.top();
        let to = if back {
            self.memory.jumps.back(top)
        } else {
            self.memory.jumps.forward(top)
        };
        match to {
            Some(pos) => self.viewport.jump(&self.content.doc, pos),
            None => self.flash(if back {
                "no earlier place in the jump list"
            } else {
                "no later place in the jump list"
            }),
        }
    }

    // ----- link hints ------------------------------------------------------------------------

    /// `o`: label the links on screen.
    pub(super) fn start_hints(&mut self) {
        let doc = &self.content.doc;
        let targets: Vec<(Pos, String)> = super::links::visible(doc, &self.view.lines)
            .into_iter()
            .filter_map(|(block, i)| {
                let link = doc.blocks.get(block)?.links.get(i)?;
                // The label goes where the link's text shows first on screen.
                let line = self.view.lines.iter().find(|l| {
                    l.block == block
                        && !l.gap
                        && l.byte_range.start <= link.byte_range.start.max(l.byte_range.start)
                        && link.byte_range.start < l.byte_range.end.max(l.byte_range.start + 1)
                });
                let start = line.map_or(link.byte_range.start, |l| {
                    link.byte_range.start.max(l.byte_range.start)
                });
                Some((Pos { block, byte: start }, link.target.clone()))
            })
            .collect();
        if targets.is_empty() {
            self.flash("no links on screen");
            return;
        }
        self.hints = Some(HintMode {
            labels: hints::labels(targets.len()),
            targets,
            typed: String::new(),
        });
    }

    /// A letter typed in link-hint mode.
    pub(super) fn hint_letter(&mut self, action: Action, typed: Option<char>) {
        let Some(mut mode) = self.hints.take() else {
            return;
        };
        if action != Action::Letter {
            return;
        }
        if let Some(c) = typed {
            mode.typed.push(c.to_ascii_lowercase());
        }
        match hints::resolve(&mode.labels, &mode.typed) {
            Typed::Chosen(i) => {
                let target = mode.targets[i].1.clone();
                self.follow(&target);
            }
            Typed::Partial => self.hints = Some(mode),
            Typed::NoMatch => self.flash("no link has that label"),
        }
    }

    /// Follow a link: an in-document `#anchor` is a jump; anything else is copied and shown,
    /// never opened.
    pub fn follow(&mut self, target: &str) {
        if let Some(name) = target.strip_prefix('#') {
            let doc = &self.content.doc;
            match doc
                .blocks
                .iter()
                .position(|b| b.anchors.iter().any(|a| a == name))
            {
                Some(block) => {
                    self.jump_to(Pos::block_start(block));
                    self.flash("followed the link · Ctrl-o comes back");
                }
                None => self.flash(format!("no place named #{name} in this document")),
            }
            return;
        }
        self.effects.push(Effect::Copy(target.to_owned()));
        self.flash(format!("link copied, not opened: {target}"));
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
        let hints = app.hints.clone().expect("hint mode");
        assert_eq!(hints.labels, ["a", "s"]);
        assert!(
            app.view
                .paint
                .iter()
                .any(|p| p.kind == crate::app::view::PaintKind::Hint("a".into()))
        );
        press(&mut app, "a");
        assert!(app.hints.is_none());
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
