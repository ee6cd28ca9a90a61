//! The reader's pace in the app: the pace meter fed by movements, the reading speed for the
//! time left, and auto-scroll (started by a key, adjusted by `+`/`-`, stopped by any other key;
//! its timer ticks only while it runs).

use std::time::{Duration, Instant};

use crate::action::Action;
use crate::layout::Pos;
use crate::pace::auto_scroll::AutoScroll;
use crate::pace::{Move, format_minutes};

use super::App;

/// Bytes per word, as the time left counts them.
const BYTES_PER_WORD: f64 = 6.0;

impl App {
    /// The pace clock: time since this reader started.
    fn clock(&mut self, now: Instant) -> Duration {
        let started = *self.started.get_or_insert(now);
        now.saturating_duration_since(started)
    }

    /// Tell the pace meter where the view went from `before` (a reading move or a jump).
    pub(crate) fn record_pace(&mut self, before: Pos, reading: bool) {
        let top = self.viewport.top();
        if top == before {
            return;
        }
        let at = self.clock(Instant::now());
        #[allow(clippy::cast_precision_loss)]
        let words = self.content.offset_of(top.block, top.byte) as f64 / BYTES_PER_WORD;
        let how = if reading { Move::Read } else { Move::Jump };
        self.pace.record(at, words, how);
    }

    /// The reading speed for the time left: the config's, else the measured one.
    #[must_use]
    pub fn words_per_minute(&self) -> f64 {
        self.fixed_wpm
            .unwrap_or_else(|| self.pace.words_per_minute())
    }

    /// Minutes to read a contents entry at the reader's speed: sections and headings only.
    #[must_use]
    pub fn entry_minutes(&self, node: &crate::outline::Node) -> Option<u64> {
        use crate::outline::NodeKind;
        if matches!(node.kind, NodeKind::Paragraph { .. }) {
            return None;
        }
        let bytes = self
            .content
            .offset_of(node.end_block, 0)
            .saturating_sub(self.content.offset_of(node.block, 0));
        #[allow(clippy::cast_precision_loss)]
        let words = bytes as f64 / BYTES_PER_WORD;
        Some(crate::pace::minutes_for(words, self.words_per_minute()))
    }

    /// Average words per screen line on screen now (for auto-scroll's timing).
    fn words_per_line(&self) -> f64 {
        let doc = &self.content.doc;
        let (mut words, mut lines) = (0usize, 0usize);
        for line in &self.view.lines {
            lines += 1;
            if let Some(text) = doc
                .blocks
                .get(line.block)
                .and_then(|b| b.text.get(line.byte_range.clone()))
            {
                words += text.split_whitespace().count();
            }
        }
        #[allow(clippy::cast_precision_loss)]
        let average = words as f64 / lines.max(1) as f64;
        if average > 0.0 { average } else { 10.0 }
    }

    /// While auto-scroll runs, `+`/`-` adjust it and return true; any other key stops it (and
    /// then does what it does: false).
    pub(crate) fn auto_scroll_key(&mut self, action: Action) -> bool {
        if self.auto_scroll.is_none() {
            return false;
        }
        if matches!(action, Action::ScrollFaster | Action::ScrollSlower) {
            self.auto_scroll_command(action);
            return true;
        }
        self.stop_auto_scroll();
        action == Action::AutoScroll
    }

    /// Stop auto-scrolling, saying so.
    pub(crate) fn stop_auto_scroll(&mut self) {
        if self.auto_scroll.take().is_some() {
            self.flash("auto-scroll stopped");
        }
    }

    /// `a`, `+`, `-`: start auto-scroll, or change its speed.
    pub(crate) fn auto_scroll_command(&mut self, action: Action) {
        let now = self.clock(Instant::now());
        let wpl = self.words_per_line();
        match (&mut self.auto_scroll, action) {
            (None, Action::AutoScroll) => {
                let wpm = match self.auto_scroll_wpm {
                    0 => self.words_per_minute(),
                    set => f64::from(set),
                };
                self.auto_scroll = Some(AutoScroll::start(now, wpm, wpl));
            }
            (Some(s), Action::ScrollFaster) => s.faster(now),
            (Some(s), Action::ScrollSlower) => s.slower(now),
            (None, _) => {
                self.flash("auto-scroll is off: a starts it");
                return;
            }
            _ => {}
        }
        if let Some(s) = &self.auto_scroll {
            #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
            let wpm = s.wpm().round() as u32;
            self.flash(format!(
                "auto-scroll {wpm} words/min · + faster · - slower · any key stops"
            ));
        }
    }

    /// When the next auto-scroll line is due (only while it runs).
    #[must_use]
    pub fn auto_scroll_deadline(&self) -> Option<Instant> {
        match (&self.auto_scroll, self.started) {
            (Some(s), Some(started)) => Some(started + s.next_due()),
            _ => None,
        }
    }

    /// Time passed: scroll the auto-scroll lines due. True when the screen changed.
    pub fn tick_auto_scroll(&mut self, now: Instant) -> bool {
        let mut changed = false;
        let at = self.clock(now);
        let wpl = self.words_per_line();
        let Some(s) = &mut self.auto_scroll else {
            return changed;
        };
        s.set_words_per_line(wpl);
        let lines = s.tick(at);
        if lines > 0 {
            let before = self.viewport.top();
            let delta = isize::try_from(lines).unwrap_or(isize::MAX);
            self.viewport.scroll_by(&self.content.doc, delta);
            changed = true;
            if self.viewport.top() == before || self.viewport.at_end(&self.content.doc) {
                self.auto_scroll = None;
                let left = format_minutes(0);
                self.flash(format!("auto-scroll: the end ({left} left)"));
            } else {
                // Auto-scroll moves at its own set speed: a jump for the meter, not a reading.
                self.record_pace(before, false);
            }
        }
        changed
    }
}
