//! A one-line text editor (the search prompt, the contents filter): text and a cursor, no `App`.

use crate::action::Action;
use crate::keymap::typeable;

/// Longest text the editor takes (a paste of a whole file is cut here).
const MAX_CHARS: usize = 200;

/// A line being edited; the cursor counts chars, not bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineEditor {
    text: String,
    cursor: usize,
}

impl LineEditor {
    /// An editor holding `text`, the cursor at its end.
    #[must_use]
    pub fn with_text(text: &str) -> Self {
        Self {
            text: text.to_string(),
            cursor: text.chars().count(),
        }
    }

    /// The text typed so far.
    #[must_use]
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The cursor position in chars.
    #[must_use]
    pub fn cursor(&self) -> usize {
        self.cursor
    }

    /// True when nothing is typed.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.text.is_empty()
    }

    fn byte_at(&self, chars: usize) -> usize {
        self.text
            .char_indices()
            .nth(chars)
            .map_or(self.text.len(), |(i, _)| i)
    }

    /// Insert text at the cursor, keeping only typeable characters. True when it changed.
    pub fn insert(&mut self, text: &str) -> bool {
        let room = MAX_CHARS.saturating_sub(self.text.chars().count());
        let clean: String = text.chars().filter(|&c| typeable(c)).take(room).collect();
        if clean.is_empty() {
            return false;
        }
        let at = self.byte_at(self.cursor);
        self.text.insert_str(at, &clean);
        self.cursor += clean.chars().count();
        true
    }

    /// Apply an editing action; returns true when the text changed. Actions that are not
    /// editing actions do nothing.
    pub fn edit(&mut self, action: Action) -> bool {
        let len = self.text.chars().count();
        match action {
            Action::Backspace if self.cursor > 0 => {
                let at = self.byte_at(self.cursor - 1);
                self.text.remove(at);
                self.cursor -= 1;
                true
            }
            Action::Delete if self.cursor < len => {
                let at = self.byte_at(self.cursor);
                self.text.remove(at);
                true
            }
            Action::ClearToStart if self.cursor > 0 => {
                let at = self.byte_at(self.cursor);
                self.text.replace_range(..at, "");
                self.cursor = 0;
                true
            }
            Action::CursorLeft => {
                self.cursor = self.cursor.saturating_sub(1);
                false
            }
            Action::CursorRight => {
                self.cursor = (self.cursor + 1).min(len);
                false
            }
            Action::CursorHome => {
                self.cursor = 0;
                false
            }
            Action::CursorEnd => {
                self.cursor = len;
                false
            }
            _ => false,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn edits_at_the_cursor_in_chars() {
        let mut e = LineEditor::default();
        assert!(e.insert("héllo"));
        assert!(!e.edit(Action::CursorLeft));
        assert!(e.edit(Action::Backspace));
        assert_eq!(e.text(), "hélo");
        e.edit(Action::CursorHome);
        assert!(e.edit(Action::Delete));
        assert_eq!(e.text(), "élo");
        e.edit(Action::CursorEnd);
        assert!(
            !e.edit(Action::Delete),
            "nothing under the cursor at the end"
        );
        e.edit(Action::CursorLeft);
        assert!(e.edit(Action::ClearToStart));
        assert_eq!((e.text(), e.cursor()), ("o", 0));
    }

    #[test]
    fn only_typeable_text_goes_in_and_the_length_is_bounded() {
        let mut e = LineEditor::default();
        assert!(!e.insert("\u{1b}\n\u{202e}"));
        assert!(e.is_empty());
        e.insert(&"x".repeat(1000));
        assert_eq!(e.text().len(), MAX_CHARS);
        assert!(!e.insert("y"));
    }
}
