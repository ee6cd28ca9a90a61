//! The reader's own modes: a mark letter awaited, a selection, a note being written, link
//! hints, and the highlights list's keys. Their keys act on the parts the app lends them.

use super::links::LinkCursor;
use super::places::Pending;
use super::select::{NoteStep, SelectStep};
use super::{Effect, HintMode, Memory, Messages, NoteEdit, Selection, SidePanel, Viewport};
use crate::action::Action;
use crate::document::Document;
use crate::keymap::Mode;
use crate::layout::{Pos, ScreenLine};
use crate::search::Match;

/// The reader's modes; at most one is active at a time.
#[derive(Clone, Debug, Default)]
pub struct Modes {
    /// `m` or `'` waits for a letter.
    pub pending: Option<Pending>,
    /// A selection being made (`v`).
    pub selection: Option<Selection>,
    /// A note being written.
    pub note: Option<NoteEdit>,
    /// Link-hint mode (`o`).
    pub hints: Option<HintMode>,
}

/// The parts a mode's key acts on, lent by the app for one key.
pub struct Parts<'a> {
    /// The document.
    pub doc: &'a Document,
    /// The article's lines on screen.
    pub lines: &'a [ScreenLine],
    /// The view.
    pub viewport: &'a mut Viewport,
    /// Marks, jumps and highlights.
    pub memory: &'a mut Memory,
    /// The side panel.
    pub side: &'a mut SidePanel,
    /// The link selected with `l`.
    pub links: &'a mut LinkCursor,
    /// The status bar's messages.
    pub messages: &'a mut Messages,
    /// Work for the event loop.
    pub effects: &'a mut Vec<Effect>,
    /// The current search match, if any.
    pub current_match: Option<&'a Match>,
    /// The terminal's width.
    pub width: u16,
}

impl Parts<'_> {
    /// Follow a link: an in-document `#anchor` is a jump; anything else is copied and shown,
    /// never opened.
    pub fn follow(&mut self, target: &str) {
        let Some(name) = target.strip_prefix('#') else {
            self.effects.push(Effect::Copy(target.to_owned()));
            self.messages
                .flash(format!("link copied, not opened: {target}"));
            return;
        };
        let blocks = &self.doc.blocks;
        match blocks
            .iter()
            .position(|b| b.anchors().iter().any(|a| a == name))
        {
            Some(block) => {
                self.memory
                    .jump(self.doc, self.viewport, Pos::block_start(block));
                self.messages.flash("followed the link · Ctrl-o comes back");
            }
            None => self
                .messages
                .flash(format!("no place named #{name} in this document")),
        }
    }
}

impl Modes {
    /// The key mode of the active reader mode, if one is.
    #[must_use]
    pub fn mode(&self) -> Option<Mode> {
        if self.note.is_some() {
            Some(Mode::Note)
        } else if self.pending.is_some() {
            Some(Mode::Letter)
        } else if self.hints.is_some() {
            Some(Mode::Hints)
        } else if self.selection.is_some() {
            Some(Mode::Select)
        } else {
            None
        }
    }

    /// A key in `mode` when it is a reader mode (or the highlights list); true when the key
    /// was theirs.
    pub fn key(&mut self, mode: Mode, action: Action, typed: Option<char>, p: &mut Parts) -> bool {
        match (mode, typed) {
            (Mode::Note, _) => self.note_key(action, typed, p),
            (Mode::Letter, Some(c)) if action == Action::Letter => {
                if let Some(pending) = self.pending.take() {
                    let message = p.memory.letter(pending, c, p.doc, p.viewport);
                    p.messages.say(message);
                }
            }
            (Mode::Letter, _) => self.pending = None,
            (Mode::Hints, _) => self.hint_key(action, typed, p),
            (Mode::Select, _) => self.selection_key(action, typed, p),
            (
                Mode::List {
                    highlights: true, ..
                },
                _,
            ) if matches!(
                action,
                Action::EntryOpen | Action::EditNote | Action::DeleteHighlight
            ) =>
            {
                self.highlight_entry(action, p);
            }
            _ => return false,
        }
        true
    }

    /// The reader's own commands from the article (marks, jumps, selection, highlights, links);
    /// true when `action` was one.
    pub fn command(&mut self, action: Action, p: &mut Parts) -> bool {
        match action {
            Action::SetMark => self.pending = Some(Pending::SetMark),
            Action::GotoMark => self.pending = Some(Pending::GotoMark),
            Action::JumpBack | Action::JumpForward => {
                let back = action == Action::JumpBack;
                let message = p.memory.walk_jumps(back, p.doc, p.viewport);
                p.messages.say(message);
            }
            Action::StartSelection => {
                self.selection = Selection::start(p.doc, p.viewport, p.current_match);
                p.messages.flash(if self.selection.is_some() {
                    "selecting: ) ( sentence · j k line · Enter or 1–5 highlight · a note · y copy"
                } else {
                    "nothing to select on screen"
                });
            }
            Action::ToggleHighlights => {
                let count = p.memory.highlights().len();
                let message = p.side.toggle_highlights(count, p.width);
                p.messages.say(message);
            }
            Action::NextLink | Action::PrevLink => {
                if !p.links.step(p.doc, p.lines, action == Action::NextLink) {
                    p.messages.flash("no link on screen");
                }
            }
            Action::FollowLink => self.follow_link(p),
            _ => return false,
        }
        true
    }

    /// `o`: follow the link selected with `l`; with none selected, label the links on screen
    /// to pick one (link hints).
    fn follow_link(&mut self, p: &mut Parts) {
        if let Some(target) = p.links.selected_target(p.doc) {
            p.follow(&target);
            return;
        }
        self.hints = HintMode::on_screen(p.doc, p.lines);
        if self.hints.is_none() {
            p.messages.flash("no links on screen");
        }
    }

    /// A letter typed in link-hint mode.
    fn hint_key(&mut self, action: Action, typed: Option<char>, p: &mut Parts) {
        let (Some(mut hints), Action::Letter, Some(c)) = (self.hints.take(), action, typed) else {
            return;
        };
        match hints.type_letter(c) {
            Ok(target) => p.follow(&target),
            Err(true) => self.hints = Some(hints),
            Err(false) => p.messages.flash("no link has that label"),
        }
    }

    /// A key in selection mode.
    fn selection_key(&mut self, action: Action, typed: Option<char>, p: &mut Parts) {
        let Some(sel) = self.selection.take() else {
            return;
        };
        match sel.step(action, typed, p.doc, p.viewport) {
            SelectStep::Selecting(sel) => self.selection = Some(sel),
            SelectStep::Save { span, colour, note } => {
                let index = p.memory.add_highlight(p.doc, span.start, span.end, colour);
                if note {
                    self.note = NoteEdit::open(p.memory, index);
                } else {
                    let name = colour.name();
                    p.messages
                        .flash(format!("highlighted in {name} · H lists highlights"));
                }
            }
            SelectStep::Copy(text) => {
                let chars = text.chars().count();
                p.effects.push(Effect::Copy(text));
                p.messages
                    .flash(format!("copied {chars} characters (OSC 52)"));
            }
            SelectStep::Cancel => {}
        }
    }

    /// A key in the note editor.
    fn note_key(&mut self, action: Action, typed: Option<char>, p: &mut Parts) {
        let Some(edit) = self.note.take() else {
            return;
        };
        match edit.step(action, typed, p.memory) {
            NoteStep::Writing(edit) => self.note = Some(edit),
            NoteStep::Saved => p.messages.flash("note saved"),
            NoteStep::InEditor { index, text } => p.effects.push(Effect::EditNote { index, text }),
            NoteStep::Cancelled => {}
        }
    }

    /// The highlights list: jump to, edit or delete the selected highlight.
    pub fn highlight_entry(&mut self, action: Action, p: &mut Parts) {
        let index = p.side.marks.selected;
        let Some((start, _)) = p.memory.span(index) else {
            return;
        };
        match action {
            Action::EntryOpen => {
                p.side.focus = super::Focus::Article;
                p.memory.jump(p.doc, p.viewport, start);
            }
            Action::EditNote => {
                p.side.focus = super::Focus::Article;
                self.note = NoteEdit::open(p.memory, index);
            }
            _ => {
                p.memory.delete_highlight(index);
                let last = p.memory.highlights().len().saturating_sub(1);
                p.side.marks.selected = index.min(last);
                p.messages.flash("highlight deleted");
            }
        }
    }
}
