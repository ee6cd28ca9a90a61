//! Input routing: the key mode, and keys, mouse events and pastes sent to the parts.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui::layout::Position;

use super::{App, Focus};
use crate::action::Action;
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
        match keymap::lookup(&key, self.mode(), self.count.is_some()) {
            Some(Action::CountDigit) => {
                if let Some(d) = typed.and_then(|c| c.to_digit(10)) {
                    self.count = Some(keymap::push_digit(self.count, d));
                }
            }
            Some(action) if self.pacing.scrolling() && self.auto_scroll_key(action) => {}
            Some(action) => {
                let count = self.count.take();
                let before = self.viewport.top();
                self.apply_typed(action, count, typed);
                let reading = matches!(
                    action,
                    Action::LineDown | Action::PageDown | Action::HalfPageDown
                );
                let top = self.viewport.top();
                self.pacing.record(&self.content, before, top, reading);
            }
            None => {
                self.count = None;
                let message = self.pacing.stop();
                self.flash_opt(message);
            }
        }
    }

    /// While auto-scroll runs, `+`/`-` adjust it and return true; any other key stops it (and
    /// then does what it does, unless it is the key that starts auto-scroll: true).
    fn auto_scroll_key(&mut self, action: Action) -> bool {
        let message = if matches!(action, Action::ScrollFaster | Action::ScrollSlower) {
            Some(
                self.pacing
                    .command(action, &self.content.doc, &self.view.lines),
            )
        } else {
            self.pacing.stop()
        };
        self.flash_opt(message);
        matches!(
            action,
            Action::ScrollFaster | Action::ScrollSlower | Action::AutoScroll
        )
    }

    /// A mouse event: the wheel scrolls the panel under the pointer, a click selects.
    pub fn mouse(&mut self, event: MouseEvent) {
        let at = Position::new(event.column, event.row);
        let areas = self.view.areas;
        let side = areas.side.filter(|r| r.contains(at));
        let delta: isize = match event.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            MouseEventKind::Down(_) => 0,
            _ => return,
        };
        self.dirty = true;
        match (side, delta) {
            (Some(r), 0) => {
                let row = usize::from(at.y.saturating_sub(r.y + 1));
                if let Some(entry) = self.side.entry_at(row) {
                    let before = self.viewport.top();
                    self.side.select(entry);
                    self.open_entry();
                    let to = self.viewport.top();
                    self.memory.jumps.record(before, to);
                }
            }
            (Some(r), d) => self.side.wheel(d, usize::from(r.height.saturating_sub(2))),
            (None, 0) if areas.article.contains(at) => self.side.focus = Focus::Article,
            (None, d) if areas.article.contains(at) => {
                let before = self.viewport.top();
                self.viewport.scroll_by(&self.content.doc, d);
                let top = self.viewport.top();
                self.pacing.record(&self.content, before, top, d > 0);
            }
            _ => {}
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
