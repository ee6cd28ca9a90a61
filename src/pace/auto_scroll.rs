//! Auto-scroll timing: lines due at a speed in words per minute, with no drift however late
//! the timer ticks. Pure: the caller passes the time (a duration since a fixed start).

use std::time::Duration;

/// Slowest and fastest auto-scroll speeds, in words per minute.
pub const WPM_RANGE: (f64, f64) = (30.0, 3000.0);
/// How much `+` and `-` change the speed.
pub const STEP: f64 = 1.1;

/// A running auto-scroll.
#[derive(Clone, Debug, PartialEq)]
pub struct AutoScroll {
    wpm: f64,
    words_per_line: f64,
    /// When words were last accrued.
    last: Duration,
    /// Words accrued and not yet scrolled past.
    budget: f64,
}

impl AutoScroll {
    /// Start at `now`, scrolling lines of `words_per_line` words (the average over the screen)
    /// at `wpm` words per minute.
    #[must_use]
    pub fn start(now: Duration, wpm: f64, words_per_line: f64) -> Self {
        Self {
            wpm: wpm.clamp(WPM_RANGE.0, WPM_RANGE.1),
            words_per_line: words_per_line.max(0.5),
            last: now,
            budget: 0.0,
        }
    }

    /// The speed in words per minute.
    #[must_use]
    pub fn wpm(&self) -> f64 {
        self.wpm
    }

    /// Words per screen line changed (a resize, a new column width, other text on screen).
    pub fn set_words_per_line(&mut self, words: f64) {
        self.words_per_line = words.max(0.5);
    }

    fn accrue(&mut self, now: Duration) {
        let dt = now.saturating_sub(self.last).as_secs_f64();
        self.budget += dt * self.wpm / 60.0;
        self.last = self.last.max(now);
    }

    /// `+`: scroll faster by one step (from `now` on).
    pub fn faster(&mut self, now: Duration) {
        self.accrue(now);
        self.wpm = (self.wpm * STEP).min(WPM_RANGE.1);
    }

    /// `-`: scroll slower by one step (from `now` on).
    pub fn slower(&mut self, now: Duration) {
        self.accrue(now);
        self.wpm = (self.wpm / STEP).max(WPM_RANGE.0);
    }

    /// When the next line is due; the timer sleeps until then.
    #[must_use]
    pub fn next_due(&self) -> Duration {
        let missing = (self.words_per_line - self.budget).max(0.0);
        // At least a millisecond ahead, so a caller that ticks at the due time always moves on.
        self.last + Duration::from_secs_f64(missing / self.wpm * 60.0).max(Duration::from_millis(1))
    }

    /// The lines to scroll at `now` (0 when a tick comes early, more than 1 when it is late).
    pub fn tick(&mut self, now: Duration) -> usize {
        self.accrue(now);
        // A hair of slack so rounding never leaves a line due but unscrolled.
        let lines = ((self.budget + 1e-9) / self.words_per_line).floor();
        self.budget = (self.budget - lines * self.words_per_line).max(0.0);
        // Finite, non-negative and small: the budget is at most a tick's worth of words.
        #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
        let lines = lines.min(1e6) as usize;
        lines
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Lines scrolled over `seconds` of simulated time, ticking at each due time plus `late`.
    fn run(wpm: f64, words_per_line: f64, seconds: f64, late: impl Fn(usize) -> f64) -> usize {
        let mut s = AutoScroll::start(Duration::ZERO, wpm, words_per_line);
        let end = Duration::from_secs_f64(seconds);
        let mut lines = 0;
        let mut i = 0;
        loop {
            let at = s.next_due() + Duration::from_secs_f64(late(i));
            if at > end {
                break;
            }
            lines += s.tick(at);
            i += 1;
        }
        lines + s.tick(end)
    }

    #[test]
    fn scrolls_at_the_set_speed_within_five_percent_over_thirty_seconds() {
        for (wpm, wpl) in [(250.0, 11.0), (120.0, 8.5), (600.0, 13.0), (230.0, 2.0)] {
            for late in [0.0, 0.03, 0.25] {
                let lines = run(wpm, wpl, 30.0, |i| if i % 3 == 0 { late } else { 0.0 });
                #[allow(clippy::cast_precision_loss)]
                let measured = lines as f64 * wpl / 0.5;
                assert!(
                    (measured - wpm).abs() / wpm <= 0.05,
                    "{wpm} wpm, {wpl} words a line, late {late}: {measured}"
                );
            }
        }
    }

    #[test]
    fn early_ticks_scroll_nothing_and_late_ones_catch_up() {
        let mut s = AutoScroll::start(Duration::ZERO, 240.0, 10.0);
        // 240 wpm, 10 words a line: a line every 2.5 s.
        assert_eq!(s.next_due(), Duration::from_millis(2500));
        assert_eq!(s.tick(Duration::from_secs(1)), 0);
        assert_eq!(s.tick(Duration::from_secs(10)), 4);
        assert_eq!(s.next_due(), Duration::from_millis(12_500));
    }

    #[test]
    fn plus_and_minus_change_the_speed_within_bounds() {
        let mut s = AutoScroll::start(Duration::ZERO, 200.0, 10.0);
        s.faster(Duration::ZERO);
        assert!((s.wpm() - 220.0).abs() < 1e-9);
        s.slower(Duration::ZERO);
        assert!((s.wpm() - 200.0).abs() < 1e-9);
        for _ in 0..200 {
            s.faster(Duration::ZERO);
        }
        assert!((s.wpm() - WPM_RANGE.1).abs() < 1e-9);
        let slow = AutoScroll::start(Duration::ZERO, 1.0, 10.0);
        assert!((slow.wpm() - WPM_RANGE.0).abs() < 1e-9);
    }
}
