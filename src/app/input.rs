//! Input routing: the key mode, and keys, mouse events and pastes sent to the parts.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Focus};
use crate::action::Action;
use crate::geometry::Hit;
use crate::keymap::{self, Mode};

impl App {
    /// The mode the keys are read in.
    #[must_use]
    pub fn mode(&self) -> Mode {
        if self.search.prompt.is_some() {
            Mode::Prompt
        } else if self.help.open {
            Mode::Help
        } else {
            self.modes.mode().unwrap_or_else(|| self.side.mode())
        }
    }

    /// A key press: looked up in the key table for the current mode.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.dirty = true;
        let typed = match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        };
        let action = keymap::lookup(&key, self.mode(), self.count.is_some());
        let (used, message) = self
            .pacing
            .interrupt(action, &self.content.doc, &self.view.lines);
        self.messages.say(message);
        match action {
            _ if used => {}
            Some(Action::CountDigit) => {
                if let Some(d) = typed.and_then(|c| c.to_digit(10)) {
                    self.count = Some(keymap::push_digit(self.count, d));
                }
            }
            Some(action) => {
                let count = self.count.take();
                let before = self.viewport.top();
                self.apply_typed(action, count, typed);
                let top = self.viewport.top();
                self.pacing.record_key(&self.content, before, top, action);
            }
            None => self.count = None,
        }
    }

    /// A mouse event: the wheel scrolls the panel under the pointer, a click selects.
    pub fn mouse(&mut self, event: MouseEvent) {
        let delta: isize = match event.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            MouseEventKind::Down(_) => 0,
            _ => return,
        };
        let Some(hit) = self.view.areas.hit(Position::new(event.column, event.row)) else {
            return;
        };
        self.dirty = true;
        let before = self.viewport.top();
        match (hit, delta) {
            (Hit::Side { row, .. }, 0) => {
                if let Some(entry) = self.side.entry_at(row) {
                    self.side.select(entry);
                    self.open_entry();
                    self.memory.jumps.record(before, self.viewport.top());
                }
            }
            (Hit::Side { rows, .. }, d) => self.side.wheel(d, rows),
            (Hit::Article, 0) => self.side.focus = Focus::Article,
            (Hit::Article, d) => {
                self.viewport.scroll_by(&self.content.doc, d);
                let top = self.viewport.top();
                self.pacing.record(&self.content, before, top, d > 0);
            }
        }
    }

    /// Pasted text: goes into the search prompt or the filter when one is open.
    pub fn paste(&mut self, text: &str) {
        if self.search.prompt.is_some() {
            self.search
                .paste(text, &self.content.doc, &mut self.viewport);
        } else if self.side.focus == Focus::Side {
            self.side.paste(text);
        }
        self.dirty = true;
    }
}
