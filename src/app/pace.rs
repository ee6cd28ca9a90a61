//! The reader's pace: the pace meter fed by movements, the reading speed for the time left, and
//! auto-scroll (started by a key, adjusted by `+`/`-`, stopped by any other key; its timer ticks
//! only while it runs).

use std::time::{Duration, Instant};

use crate::action::Action;
use crate::document::Document;
use crate::layout::{Pos, ScreenLine};
use crate::pace::auto_scroll::AutoScroll;
use crate::pace::{Move, PaceMeter, format_minutes};

use super::{Content, Viewport};

/// Bytes per word, as the time left counts them.
const BYTES_PER_WORD: f64 = 6.0;

/// The pace meter, the configured speeds and auto-scroll.
#[derive(Debug, Default)]
pub struct Pacing {
    /// The reader's measured pace.
    pub meter: PaceMeter,
    /// A reading speed set in the config (words per minute) instead of the measured one.
    fixed_wpm: Option<f64>,
    /// Auto-scroll, while it runs.
    auto_scroll: Option<AutoScroll>,
    /// Auto-scroll speed from the config (words per minute; 0: the reading speed).
    auto_scroll_wpm: u16,
    /// When this reader started (the meter's and auto-scroll's clock).
    started: Option<Instant>,
}

impl Pacing {
    /// Take the speeds from the config.
    pub fn configure(&mut self, pace: &crate::config::Pace) {
        self.auto_scroll_wpm = pace.auto_scroll;
        if pace.words_per_minute > 0 {
            self.fixed_wpm = Some(f64::from(pace.words_per_minute));
        }
    }

    /// The pace clock: time since this reader started.
    fn clock(&mut self, now: Instant) -> Duration {
        let started = *self.started.get_or_insert(now);
        now.saturating_duration_since(started)
    }

    /// Tell the meter a key moved the view from `before` to `top`: a line or page down reads,
    /// anything else jumps.
    pub fn record_key(&mut self, content: &Content, before: Pos, top: Pos, action: Action) {
        let reading = matches!(
            action,
            Action::LineDown | Action::PageDown | Action::HalfPageDown
        );
        self.record(content, before, top, reading);
    }

    /// Tell the meter the view went from `before` to `top` (a reading move or a jump).
    pub fn record(&mut self, content: &Content, before: Pos, top: Pos, reading: bool) {
        if top == before {
            return;
        }
        let at = self.clock(Instant::now());
        let words = content.offset_of(top.block, top.byte) as f64 / BYTES_PER_WORD;
        let how = if reading { Move::Read } else { Move::Jump };
        self.meter.record(at, words, how);
    }

    /// The reading speed for the time left: the config's, else the measured one.
    #[must_use]
    pub fn words_per_minute(&self) -> f64 {
        self.fixed_wpm
            .unwrap_or_else(|| self.meter.words_per_minute())
    }

    /// Minutes to read a contents entry at the reader's speed: sections and headings only.
    #[must_use]
    pub fn entry_minutes(&self, content: &Content, node: &crate::outline::Node) -> Option<u64> {
        if matches!(node.kind, crate::outline::NodeKind::Paragraph { .. }) {
            return None;
        }
        let bytes = content
            .offset_of(node.end_block(), 0)
            .saturating_sub(content.offset_of(node.block(), 0));
        let words = bytes as f64 / BYTES_PER_WORD;
        Some(crate::pace::minutes_for(words, self.words_per_minute()))
    }

    /// True while auto-scroll runs.
    #[must_use]
    pub fn scrolling(&self) -> bool {
        self.auto_scroll.is_some()
    }

    /// Stop auto-scrolling; the message says so when it ran.
    pub fn stop(&mut self) -> Option<String> {
        self.auto_scroll
            .take()
            .map(|_| "auto-scroll stopped".to_owned())
    }

    /// A key while auto-scroll runs: `+`/`-` adjust it, count digits pass, any other key
    /// stops it. Returns whether the key is used up (`+`, `-`, and `a` which started it) and
    /// the message to show.
    pub fn interrupt(
        &mut self,
        action: Option<Action>,
        doc: &Document,
        lines: &[ScreenLine],
    ) -> (bool, Option<String>) {
        match action {
            _ if !self.scrolling() => (false, None),
            Some(Action::CountDigit) => (false, None),
            Some(a @ (Action::ScrollFaster | Action::ScrollSlower)) => {
                (true, Some(self.command(a, doc, lines)))
            }
            other => (other == Some(Action::AutoScroll), self.stop()),
        }
    }

    /// `a`, `+`, `-`: start auto-scroll, or change its speed; the message to show.
    pub fn command(&mut self, action: Action, doc: &Document, lines: &[ScreenLine]) -> String {
        let now = self.clock(Instant::now());
        let wpl = words_per_line(doc, lines);
        let wpm = match self.auto_scroll_wpm {
            0 => self.words_per_minute(),
            set => f64::from(set),
        };
        match (&mut self.auto_scroll, action) {
            (None, Action::AutoScroll) => self.auto_scroll = Some(AutoScroll::start(now, wpm, wpl)),
            (Some(s), Action::ScrollFaster) => s.faster(now),
            (Some(s), Action::ScrollSlower) => s.slower(now),
            (None, _) => return "auto-scroll is off: a starts it".to_owned(),
            _ => {}
        }
        let wpm = self.auto_scroll.as_ref().map_or(0.0, AutoScroll::wpm);
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let wpm = wpm.round() as u32;
        format!("auto-scroll {wpm} words/min · + faster · - slower · any key stops")
    }

    /// When the next auto-scroll line is due (only while it runs).
    #[must_use]
    pub fn deadline(&self) -> Option<Instant> {
        match (&self.auto_scroll, self.started) {
            (Some(s), Some(started)) => Some(started + s.next_due()),
            _ => None,
        }
    }

    /// Time passed: scroll the auto-scroll lines due. Returns whether the view moved and the
    /// message to show (at the end).
    pub fn tick(
        &mut self,
        now: Instant,
        content: &Content,
        viewport: &mut Viewport,
        lines: &[ScreenLine],
    ) -> (bool, Option<String>) {
        let at = self.clock(now);
        let wpl = words_per_line(&content.doc, lines);
        let Some(s) = &mut self.auto_scroll else {
            return (false, None);
        };
        s.set_words_per_line(wpl);
        let due = s.tick(at);
        if due == 0 {
            return (false, None);
        }
        let before = viewport.top();
        viewport.scroll_by(&content.doc, isize::try_from(due).unwrap_or(isize::MAX));
        if viewport.top() == before || viewport.at_end(&content.doc) {
            self.auto_scroll = None;
            let left = format_minutes(0);
            return (true, Some(format!("auto-scroll: the end ({left} left)")));
        }
        // Auto-scroll moves at its own set speed: a jump for the meter, not a reading.
        self.record(content, before, viewport.top(), false);
        (true, None)
    }
}

/// Average words per screen line on screen now (for auto-scroll's timing).
fn words_per_line(doc: &Document, lines: &[ScreenLine]) -> f64 {
    let words: usize = lines
        .iter()
        .filter_map(|l| doc.blocks.get(l.block)?.text.get(l.byte_range.clone()))
        .map(|t| t.split_whitespace().count())
        .sum();
    let average = words as f64 / lines.len().max(1) as f64;
    if average > 0.0 { average } else { 10.0 }
}
