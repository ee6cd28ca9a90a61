//! The event loop's clock in the app: when to wake up, what a tick does (messages expire, a
//! save falls due, auto-scroll moves), saves finishing; and which actions count as jumps.

use super::{App, Effect};
use std::time::Instant;

use crate::action::Action;
use crate::state::DocState;

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
        self.messages.say(message);
        let changed = self.messages.tick(now) | moved;
        self.dirty |= changed;
        changed
    }

    /// A save finished: adopt what another process saved, or say once that saving failed.
    pub fn saved(&mut self, outcome: Result<&DocState, &str>) {
        let loaded = self.content.load.done;
        let message = self.memory.saved(outcome, &self.content.doc, loaded);
        self.messages.say(message);
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
    use crate::layout::Pos;

    fn press(app: &mut App, keys: &str) {
        for c in keys.chars() {
            app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
            // As the event loop does between keys: the search's slices of work.
            while app.has_work() {
                app.work(std::time::Duration::from_millis(20));
            }
            app.prepare();
        }
    }

    /// A document whose first paragraph links to an anchor far below and to a web page.
    fn linked() -> App {
        let mut first = Block::new(BlockKind::Paragraph, "See the end and the site.");
        first.set_links(vec![
            Link {
                byte_range: 4..11,
                target: "#the-end".into(),
            },
            Link {
                byte_range: 16..24,
                target: "https://example.com/".into(),
            },
        ]);
        let mut blocks = vec![first];
        for i in 0..80 {
            blocks.push(Block::new(BlockKind::Paragraph, format!("Filler {i}.")));
        }
        let mut end = Block::new(BlockKind::Heading(2), "The End");
        end.extras_mut().anchors = vec!["the-end".into()];
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
