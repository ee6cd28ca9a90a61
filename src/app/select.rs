//! Selections, highlights and notes in the app: `v` starts a selection at the sentence at the
//! top (or the search match), keys grow it by sentence or line, a key saves it as a highlight in
//! one of five colours, a one-line editor (or `$EDITOR`) writes its note; `y` copies it.

use super::editor::LineEditor;
use super::{App, Effect};
use crate::action::Action;
use crate::document::Document;
use crate::layout::Pos;
use crate::nav::sentences::{self, text_between};
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

impl App {
    /// `v`: select the search match on screen, or the first sentence at the top.
    pub(super) fn start_selection(&mut self) {
        let doc = &self.content.doc;
        if doc.blocks.is_empty() {
            return;
        }
        let current = self.search.active.as_ref().and_then(|s| s.current.clone());
        let (first, last) = self.viewport.screen_span(doc);
        let sel = match current {
            Some(m) if Pos::block_start(m.block) >= Pos::block_start(first.block) => Selection {
                start: Pos {
                    block: m.block,
                    byte: m.byte_range.start,
                },
                end: Pos {
                    block: m.block,
                    byte: m.byte_range.end,
                },
            },
            _ => {
                let start = sentence_at_or_after(doc, self.viewport.top());
                Selection {
                    start,
                    end: sentences::grow(doc, start),
                }
            }
        };
        if sel.start > last {
            self.flash("nothing to select on screen");
            return;
        }
        self.selection = Some(sel);
        self.flash("selecting: ) ( sentence · j k line · Enter or 1–5 highlight · a note · y copy");
    }

    /// A key in selection mode.
    pub(super) fn selection_action(&mut self, action: Action, typed: Option<char>) {
        let Some(mut sel) = self.selection else {
            return;
        };
        let doc = &self.content.doc;
        match action {
            Action::GrowSentence => sel.end = sentences::grow(doc, sel.end),
            Action::ShrinkSentence => sel.end = sentences::shrink(doc, sel.start, sel.end),
            Action::GrowLine => sel.end = self.viewport.line_after(doc, sel.end),
            Action::ShrinkLine => {
                let back = self.viewport.line_before(doc, sel.end);
                sel.end = back.max(sentences::grow(doc, sel.start).min(sel.end));
            }
            Action::SaveHighlight | Action::SaveHighlightWithNote => {
                let colour = typed
                    .and_then(|c| c.to_digit(10))
                    .and_then(|d| Colour::ALL.get((d as usize).checked_sub(1)?))
                    .copied()
                    .unwrap_or_default();
                self.selection = None;
                let index = self.memory.add_highlight(doc, sel.start, sel.end, colour);
                if action == Action::SaveHighlightWithNote {
                    self.open_note(index);
                } else {
                    self.flash(format!(
                        "highlighted in {} · H lists highlights",
                        colour.name()
                    ));
                }
                return;
            }
            Action::CopySelection => {
                self.selection = None;
                self.copy(text_between(doc, sel.start, sel.end));
                return;
            }
            _ => {
                self.selection = None;
                return;
            }
        }
        if sel.end <= sel.start {
            sel.end = sentences::grow(doc, sel.start);
        }
        self.viewport.show(doc, sel.start, sel.end);
        self.selection = Some(sel);
    }

    /// Copy text to the clipboard through the terminal.
    fn copy(&mut self, text: String) {
        let chars = text.chars().count();
        self.effects.push(Effect::Copy(text));
        self.flash(format!("copied {chars} characters (OSC 52)"));
    }

    /// Open the note editor for highlight `index`.
    pub(super) fn open_note(&mut self, index: usize) {
        let Some(h) = self.memory.highlights().get(index) else {
            return;
        };
        // The one-line editor shows the first line; longer notes go to $EDITOR (Ctrl-x).
        let first = h.note.lines().next().unwrap_or_default().to_owned();
        self.note = Some(NoteEdit {
            index,
            editor: LineEditor::with_text(&first),
        });
    }

    /// A key in the note editor.
    pub(super) fn note_action(&mut self, action: Action, typed: Option<char>) {
        let Some(mut edit) = self.note.take() else {
            return;
        };
        match action {
            Action::Type => {
                if let Some(c) = typed {
                    edit.editor.insert(c.encode_utf8(&mut [0; 4]));
                }
            }
            Action::NoteAccept => {
                let keep_rest: Vec<&str> = self
                    .memory
                    .highlights()
                    .get(edit.index)
                    .map(|h| h.note.lines().skip(1).collect())
                    .unwrap_or_default();
                let mut note = edit.editor.text().to_owned();
                for line in keep_rest {
                    note.push('\n');
                    note.push_str(line);
                }
                self.memory.set_note(edit.index, note.trim());
                self.flash("note saved");
                return;
            }
            Action::NoteInEditor => {
                let note = self
                    .memory
                    .highlights()
                    .get(edit.index)
                    .map(|h| h.note.clone())
                    .unwrap_or_default();
                self.effects.push(Effect::EditNote {
                    index: edit.index,
                    text: note,
                });
                return;
            }
            Action::Cancel => return,
            other => {
                edit.editor.edit(other);
            }
        }
        self.note = Some(edit);
    }

    /// The note written in `$EDITOR` came back.
    pub fn note_edited(&mut self, index: usize, text: &str) {
        let clean = crate::document::sanitize::normalize(text.trim());
        self.memory.set_note(index, &clean);
        self.flash("note saved");
    }

    /// `H`: show the highlights in the side panel and give it the keys; pressed while the
    /// highlights have the keys, back to the contents.
    pub(super) fn toggle_highlights(&mut self) {
        use super::{Focus, SideView};
        if self.side.view == SideView::Highlights
            && self.side.wanted
            && self.side.focus == Focus::Side
        {
            self.side.view = SideView::Contents;
            self.side.focus = Focus::Article;
            return;
        }
        self.side.view = SideView::Highlights;
        self.side.wanted = true;
        self.side.close_filter();
        if self.memory.highlights().is_empty() {
            self.flash("no highlights yet: v selects a passage, Enter highlights it");
        } else if crate::geometry::side_width(self.screen.width) > 0 {
            self.side.focus = Focus::Side;
        }
    }

    /// What to paint over the visible text: highlights, then the selection, then hint labels.
    pub(super) fn paint(&self) -> Vec<super::view::Paint> {
        use super::view::{Paint, PaintKind};
        let (Some(first), Some(last)) = (self.view.lines.first(), self.view.lines.last()) else {
            return Vec::new();
        };
        let mut out: Vec<Paint> = self
            .memory
            .spans_in(first.block, last.block)
            .into_iter()
            .map(|(start, end, colour)| Paint {
                start,
                end,
                kind: PaintKind::Highlight(colour),
            })
            .collect();
        if let Some(sel) = self.selection {
            out.push(Paint {
                start: sel.start,
                end: sel.end,
                kind: PaintKind::Selection,
            });
        }
        if let Some(h) = &self.hints {
            for (label, (at, _)) in h.labels.iter().zip(&h.targets) {
                if label.starts_with(&h.typed) {
                    out.push(Paint {
                        start: *at,
                        end: *at,
                        kind: PaintKind::Hint(label.clone()),
                    });
                }
            }
        }
        out
    }

    /// The highlights panel: jump to, edit or delete the selected highlight.
    pub(super) fn highlight_entry(&mut self, action: Action) {
        let index = self.side.marks.selected;
        let Some((start, _)) = self.memory.span(index) else {
            return;
        };
        match action {
            Action::EntryOpen => {
                self.side.focus = super::Focus::Article;
                self.jump_to(start);
            }
            Action::EditNote => {
                self.side.focus = super::Focus::Article;
                self.open_note(index);
            }
            Action::DeleteHighlight => {
                self.memory.delete_highlight(index);
                self.side.marks.selected =
                    index.min(self.memory.highlights().len().saturating_sub(1));
                self.flash("highlight deleted");
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
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
            app.prepare();
        }
    }

    #[test]
    fn select_highlight_note_list_jump_and_delete() {
        let mut app = App::loaded(
            crate::document::parse(crate::BUILTIN_ARTICLE, crate::document::Format::Text),
            ratatui::layout::Rect::new(0, 0, 120, 40),
        );
        app.memory.install(None, crate::state::DocInfo::default());
        press(&mut app, "}}v");
        let sel = app.selection.expect("selecting");
        press(&mut app, "))(");
        assert_eq!(app.selection.expect("still selecting").start, sel.start);
        press(&mut app, "3");
        assert!(app.selection.is_none());
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
