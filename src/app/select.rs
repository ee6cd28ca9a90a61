//! Selections, highlights and notes in the app: `v` starts a selection at the sentence at the
//! top (or the search match), keys grow it by sentence or line, a key saves it as a highlight in
//! one of five colours, a one-line editor (or `$EDITOR`) writes its note; `y` copies it.

use super::editor::LineEditor;
use super::{Memory, Viewport};
use crate::action::Action;
use crate::document::Document;
use crate::layout::Pos;
use crate::nav::sentences::{self, text_between};
use crate::search::Match;
use crate::state::Colour;

/// A selection being made: `[start, end)` in text coordinates.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Selection {
    /// Where it starts.
    pub start: Pos,
    /// Where it ends (exclusive).
    pub end: Pos,
}

/// A note being written for highlight `index`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NoteEdit {
    /// The highlight's index.
    pub index: usize,
    /// The line being edited.
    pub editor: LineEditor,
}

/// The first sentence that starts at or after `pos` (the next block's start when none does).
fn sentence_at_or_after(doc: &Document, pos: Pos) -> Pos {
    let mut block = pos.block;
    let mut byte = pos.byte;
    while let Some(b) = doc.blocks.get(block) {
        if byte <= b.text.len() && !b.text.trim().is_empty() {
            let start = sentences::sentence_start(&b.text, byte);
            if start >= byte {
                return Pos { block, byte: start };
            }
            let end = sentences::grow(doc, Pos { block, byte });
            if end.block == block {
                let next = b.text[end.byte..].len() - b.text[end.byte..].trim_start().len();
                if end.byte + next < b.text.len() {
                    return Pos {
                        block,
                        byte: end.byte + next,
                    };
                }
            }
        }
        block += 1;
        byte = 0;
    }
    pos
}

/// Where a key in selection mode leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SelectStep {
    /// Still selecting, with this span.
    Selecting(Selection),
    /// Save the span as a highlight in `colour`; `note`: then open its note.
    Save {
        /// The span.
        span: Selection,
        /// Its colour.
        colour: Colour,
        /// Write a note next.
        note: bool,
    },
    /// Copy this text.
    Copy(String),
    /// Stop selecting.
    Cancel,
}

impl Selection {
    /// `v`: the search match `current` when it is on screen, or the first sentence at the top;
    /// `None` when nothing selectable is on screen.
    #[must_use]
    pub fn start(doc: &Document, viewport: &mut Viewport, current: Option<&Match>) -> Option<Self> {
        if doc.blocks.is_empty() {
            return None;
        }
        let (first, last) = viewport.screen_span(doc);
        let span = |m: &Match| {
            let at = |byte| Pos {
                block: m.block,
                byte,
            };
            (at(m.byte_range.start), at(m.byte_range.end))
        };
        let on_screen = current
            .map(span)
            .filter(|&(start, _)| start.block >= first.block && start <= last);
        let sel = if let Some((start, end)) = on_screen {
            Self { start, end }
        } else {
            let start = sentence_at_or_after(doc, viewport.top());
            Self {
                start,
                end: sentences::grow(doc, start),
            }
        };
        (sel.start <= last).then_some(sel)
    }

    /// A key in selection mode; a grown or shrunk selection is kept on screen.
    #[must_use]
    pub fn step(
        mut self,
        action: Action,
        typed: Option<char>,
        doc: &Document,
        viewport: &mut Viewport,
    ) -> SelectStep {
        match action {
            Action::GrowSentence => self.end = sentences::grow(doc, self.end),
            Action::ShrinkSentence => self.end = sentences::shrink(doc, self.start, self.end),
            Action::GrowLine => self.end = viewport.line_after(doc, self.end),
            Action::ShrinkLine => {
                let back = viewport.line_before(doc, self.end);
                self.end = back.max(sentences::grow(doc, self.start).min(self.end));
            }
            Action::SaveHighlight | Action::SaveHighlightWithNote => {
                let colour = typed
                    .and_then(|c| c.to_digit(10))
                    .and_then(|d| Colour::ALL.get((d as usize).checked_sub(1)?))
                    .copied()
                    .unwrap_or_default();
                let note = action == Action::SaveHighlightWithNote;
                return SelectStep::Save {
                    span: self,
                    colour,
                    note,
                };
            }
            Action::CopySelection => {
                return SelectStep::Copy(text_between(doc, self.start, self.end));
            }
            _ => return SelectStep::Cancel,
        }
        if self.end <= self.start {
            self.end = sentences::grow(doc, self.start);
        }
        viewport.show(doc, self.start, self.end);
        SelectStep::Selecting(self)
    }
}

/// Where a key in the note editor leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NoteStep {
    /// Still writing.
    Writing(NoteEdit),
    /// The note was saved.
    Saved,
    /// Continue in `$EDITOR` from this text.
    InEditor {
        /// The highlight's index.
        index: usize,
        /// The whole note so far.
        text: String,
    },
    /// Given up; the note is unchanged.
    Cancelled,
}

impl NoteEdit {
    /// The editor for highlight `index`'s note (its first line: longer notes go to `$EDITOR`).
    #[must_use]
    pub fn open(memory: &Memory, index: usize) -> Option<Self> {
        let h = memory.highlights().get(index)?;
        let first = h.note.lines().next().unwrap_or_default();
        Some(Self {
            index,
            editor: LineEditor::with_text(first),
        })
    }

    /// A key in the note editor; `Enter` saves into `memory`, keeping the note's later lines.
    #[must_use]
    pub fn step(mut self, action: Action, typed: Option<char>, memory: &mut Memory) -> NoteStep {
        let note = memory
            .highlights()
            .get(self.index)
            .map(|h| h.note.clone())
            .unwrap_or_default();
        match action {
            Action::Type => {
                if let Some(c) = typed {
                    self.editor.insert(c.encode_utf8(&mut [0; 4]));
                }
            }
            Action::NoteAccept => {
                let mut text = self.editor.text().to_owned();
                for line in note.lines().skip(1) {
                    text.push('\n');
                    text.push_str(line);
                }
                memory.set_note(self.index, &text);
                return NoteStep::Saved;
            }
            Action::NoteInEditor => {
                return NoteStep::InEditor {
                    index: self.index,
                    text: note,
                };
            }
            Action::Cancel => return NoteStep::Cancelled,
            other => {
                self.editor.edit(other);
            }
        }
        NoteStep::Writing(self)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::App;
    use crate::document::{Block, BlockKind};

    fn press(app: &mut App, keys: &str) {
        use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
        for c in keys.chars() {
            let code = match c {
                '\n' => KeyCode::Enter,
                '\t' => KeyCode::Tab,
                '\u{1b}' => KeyCode::Esc,
                c => KeyCode::Char(c),
            };
            app.key(KeyEvent::new(code, KeyModifiers::NONE));
            // As the event loop does between keys: the search's slices of work.
            while app.has_work() {
                app.work(std::time::Duration::from_millis(20));
            }
            app.prepare();
        }
    }

    #[test]
    fn v_selects_on_screen_when_the_current_match_is_off_screen() {
        let mut app = App::loaded(
            crate::document::parse(crate::BUILTIN_ARTICLE, crate::document::Format::Text),
            ratatui::layout::Rect::new(0, 0, 120, 20),
        );
        // A match near the end is current; back at the top, v selects the first sentence there.
        press(&mut app, "/dozens of\n");
        let current = app.search.active.as_ref().and_then(|s| s.current.clone());
        assert!(
            current.is_some_and(|m| m.block > 5),
            "a match far from the top"
        );
        press(&mut app, "gv");
        let sel = app.modes.selection.expect("v selects on screen");
        let last = app.viewport.screen_span(&app.content.doc).1;
        assert!(sel.start < last);
        // With the match on screen, v selects the match itself.
        press(&mut app, "\u{1b}n");
        let m = app
            .search
            .active
            .as_ref()
            .and_then(|s| s.current.clone())
            .expect("a match");
        press(&mut app, "v");
        let sel = app.modes.selection.expect("selecting the match");
        assert_eq!(
            (sel.start.block, sel.start.byte),
            (m.block, m.byte_range.start)
        );
    }

    #[test]
    fn select_highlight_note_list_jump_and_delete() {
        let mut app = App::loaded(
            crate::document::parse(crate::BUILTIN_ARTICLE, crate::document::Format::Text),
            ratatui::layout::Rect::new(0, 0, 120, 40),
        );
        app.memory.install(None, crate::state::DocInfo::default());
        press(&mut app, "}}v");
        let sel = app.modes.selection.expect("selecting");
        press(&mut app, "))(");
        assert_eq!(
            app.modes.selection.expect("still selecting").start,
            sel.start
        );
        press(&mut app, "3");
        assert!(app.modes.selection.is_none());
        let h = &app.memory.highlights()[0];
        assert_eq!(h.colour, Colour::Blue);
        assert!(
            h.text.starts_with("The Communist Party of China"),
            "{}",
            h.text
        );
        assert!(
            app.view
                .paint
                .iter()
                .any(|p| p.kind == super::super::view::PaintKind::Highlight(Colour::Blue))
        );
        // A note through the one-line editor.
        press(&mut app, "GH");
        assert_eq!(app.side.focus, super::super::Focus::Side);
        press(&mut app, "eok\n");
        assert_eq!(app.memory.highlights()[0].note, "ok");
        // Enter in the list jumps back to it; x deletes it.
        press(&mut app, "\t\n");
        assert_eq!(app.viewport.top().block, sel.start.block);
        press(&mut app, "Hx");
        assert!(app.memory.highlights().is_empty());
        let snap = app.state_snapshot().expect("saving on");
        assert_eq!(snap.deleted.len(), 1);
    }

    #[test]
    fn the_selection_starts_at_the_first_sentence_on_screen() {
        let doc = Document {
            blocks: vec![
                Block::new(BlockKind::Paragraph, "One two. Three four."),
                Block::new(BlockKind::Paragraph, "Five."),
            ],
            ..Document::default()
        };
        assert_eq!(
            sentence_at_or_after(&doc, Pos::block_start(0)),
            Pos::block_start(0)
        );
        assert_eq!(
            sentence_at_or_after(&doc, Pos { block: 0, byte: 4 }),
            Pos { block: 0, byte: 9 }
        );
        assert_eq!(
            sentence_at_or_after(&doc, Pos { block: 0, byte: 12 }),
            Pos::block_start(1)
        );
        assert_eq!(
            sentence_at_or_after(&doc, Pos { block: 0, byte: 99 }),
            Pos::block_start(1)
        );
    }
}
