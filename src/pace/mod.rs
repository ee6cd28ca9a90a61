//! The reader's pace: words per minute measured from how fast they move through the text, and
//! the time left at that pace. Pure: the caller passes times and positions.
//!
//! Each forward page or line movement adds the words it moved past and the time since the
//! previous movement, which is the time it took to read them. Jumps (search, sections,
//! percent, the contents), backward moves, pauses over two minutes and movements faster than
//! skimming speed add nothing; they only restart the clock. The measured speed is blended with
//! the stored one (or a typical 230 words per minute) until a few minutes have been measured.

pub mod auto_scroll;
pub mod store;

use std::time::Duration;

/// A typical adult reading speed, used before anything is measured.
pub const DEFAULT_WPM: f64 = 230.0;
/// A gap between movements longer than this is a pause, not reading.
pub const PAUSE: Duration = Duration::from_secs(120);
/// Faster than this is skimming or searching by eye, not reading.
pub const SKIM_WPM: f64 = 1500.0;
/// Slowest plausible reading speed kept.
pub const MIN_WPM: f64 = 50.0;
/// Minutes of prior (stored or default) reading blended in, so a few quick pages do not swing
/// the estimate.
const PRIOR_MINUTES: f64 = 3.0;
/// Minutes of reading remembered: older reading fades so the speed follows the reader.
const MEMORY_MINUTES: f64 = 120.0;

/// How the reader moved.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Move {
    /// A line or page movement (keys, wheel, auto-scroll): reading.
    Read,
    /// A jump (search, section, percent, contents, top, bottom): not reading.
    Jump,
}

/// Words and time measured.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct Sample {
    /// Words read.
    pub words: f64,
    /// Seconds spent reading them.
    pub seconds: f64,
}

impl Sample {
    /// Words per minute, if any time was measured.
    #[must_use]
    pub fn wpm(&self) -> Option<f64> {
        (self.seconds > 0.0).then(|| self.words / self.seconds * 60.0)
    }

    /// Add another sample, forgetting the oldest reading past `MEMORY_MINUTES`.
    #[must_use]
    pub fn merged(self, other: Self) -> Self {
        let mut sum = Self {
            words: self.words + other.words,
            seconds: self.seconds + other.seconds,
        };
        let limit = MEMORY_MINUTES * 60.0;
        if sum.seconds > limit {
            let keep = limit / sum.seconds;
            sum.words *= keep;
            sum.seconds *= keep;
        }
        sum
    }
}

/// Measures reading speed from movements over time.
#[derive(Clone, Debug, Default)]
pub struct PaceMeter {
    /// What was known before this session (from the pace file).
    prior: Sample,
    /// This session's reading.
    session: Sample,
    /// Time and position (in words) of the last movement.
    last: Option<(Duration, f64)>,
}

impl PaceMeter {
    /// A meter that starts from a stored sample (empty: nothing known yet).
    #[must_use]
    pub fn new(prior: Sample) -> Self {
        Self {
            prior,
            session: Sample::default(),
            last: None,
        }
    }

    /// The reader moved to `words` (the position in words from the document's start) at
    /// `now` (any monotonic clock, as a duration since a fixed start).
    pub fn record(&mut self, now: Duration, words: f64, how: Move) {
        if let (Move::Read, Some((then, was))) = (how, self.last) {
            let dt = now.saturating_sub(then);
            let read = words - was;
            if dt <= PAUSE && read > 0.0 && dt > Duration::ZERO {
                let seconds = dt.as_secs_f64();
                let wpm = read / seconds * 60.0;
                if (MIN_WPM..=SKIM_WPM).contains(&wpm) {
                    self.session = self.session.merged(Sample {
                        words: read,
                        seconds,
                    });
                }
            }
        }
        self.last = Some((now, words));
    }

    /// This session's measured reading.
    #[must_use]
    pub fn session(&self) -> Sample {
        self.session
    }

    /// Everything known: the stored sample with this session's reading.
    #[must_use]
    pub fn total(&self) -> Sample {
        self.prior.merged(self.session)
    }

    /// The reading speed in words per minute: what was measured, blended with the stored speed
    /// (or [`DEFAULT_WPM`]) while little has been measured.
    #[must_use]
    pub fn words_per_minute(&self) -> f64 {
        let total = self.total();
        let prior_wpm = self.prior.wpm().unwrap_or(DEFAULT_WPM);
        let prior_seconds = PRIOR_MINUTES * 60.0;
        let words = total.words + prior_wpm * PRIOR_MINUTES;
        (words / (total.seconds + prior_seconds) * 60.0).clamp(MIN_WPM, SKIM_WPM)
    }
}

/// Minutes to read `words` at `wpm`, rounded up to whole minutes (0 only for nothing left).
#[must_use]
pub fn minutes_for(words: f64, wpm: f64) -> u64 {
    if words <= 0.0 || wpm <= 0.0 {
        return 0;
    }
    // Truncation is wanted after ceil; the value is finite and non-negative.
    #[allow(clippy::cast_possible_truncation, clippy::cast_sign_loss)]
    let minutes = (words / wpm).ceil().min(1e9) as u64;
    minutes
}

/// A duration in minutes as the status bar writes it: `4 min`, `1 h 05 min`.
#[must_use]
pub fn format_minutes(minutes: u64) -> String {
    if minutes < 60 {
        format!("{minutes} min")
    } else {
        format!("{} h {:02} min", minutes / 60, minutes % 60)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn secs(s: f64) -> Duration {
        Duration::from_secs_f64(s)
    }

    #[test]
    fn page_turns_at_a_steady_pace_give_that_pace() {
        // 300 words a page, a page every 72 s: 250 words per minute, for 40 minutes.
        let mut m = PaceMeter::new(Sample::default());
        for page in 0..=33 {
            m.record(
                secs(f64::from(page) * 72.0),
                f64::from(page) * 300.0,
                Move::Read,
            );
        }
        let session = m.session().wpm().expect("measured");
        assert!((session - 250.0).abs() < 0.01, "{session}");
        let blended = m.words_per_minute();
        assert!((blended - 250.0).abs() < 2.0, "{blended}");
    }

    #[test]
    fn pauses_jumps_backward_moves_and_skimming_are_ignored() {
        let mut m = PaceMeter::new(Sample::default());
        let mut t = 0.0;
        let mut at = 0.0;
        m.record(secs(t), at, Move::Read);
        for _ in 0..10 {
            // Line by line: 12 words every 3 s = 240 wpm.
            t += 3.0;
            at += 12.0;
            m.record(secs(t), at, Move::Read);
        }
        let before = m.session();
        t += 600.0; // a pause of ten minutes
        at += 12.0;
        m.record(secs(t), at, Move::Read);
        t += 5.0; // a search jump far ahead
        at += 50_000.0;
        m.record(secs(t), at, Move::Jump);
        t += 3.0; // back up a page to reread
        at -= 300.0;
        m.record(secs(t), at, Move::Read);
        t += 0.2; // holding PgDn: 300 words in 0.2 s
        at += 300.0;
        m.record(secs(t), at, Move::Read);
        assert_eq!(m.session(), before);
        assert!((before.wpm().expect("wpm") - 240.0).abs() < 0.01);
    }

    #[test]
    fn little_reading_leans_on_the_stored_speed() {
        let stored = Sample {
            words: 300.0 * 60.0,
            seconds: 3600.0,
        };
        let mut m = PaceMeter::new(stored);
        assert!((m.words_per_minute() - 300.0).abs() < 0.01);
        // One fast minute barely moves an hour of history.
        m.record(secs(0.0), 0.0, Move::Read);
        m.record(secs(60.0), 600.0, Move::Read);
        let wpm = m.words_per_minute();
        assert!(wpm > 300.0 && wpm < 310.0, "{wpm}");
        assert!((PaceMeter::new(Sample::default()).words_per_minute() - DEFAULT_WPM).abs() < 0.01);
    }

    #[test]
    fn old_reading_fades() {
        let old = Sample {
            words: 200.0 * 60.0 * 10.0,
            seconds: 3600.0 * 10.0,
        };
        let new = Sample {
            words: 400.0 * 60.0 * 2.0,
            seconds: 7200.0,
        };
        let merged = old.merged(new);
        assert!(merged.seconds <= MEMORY_MINUTES * 60.0 + 1e-6);
        let wpm = merged.wpm().expect("wpm");
        assert!(wpm > 200.0 && wpm < 400.0, "{wpm}");
    }

    #[test]
    fn minutes_round_up_and_format() {
        assert_eq!(minutes_for(0.0, 250.0), 0);
        assert_eq!(minutes_for(1.0, 250.0), 1);
        assert_eq!(minutes_for(1000.0, 250.0), 4);
        assert_eq!(minutes_for(1001.0, 250.0), 5);
        assert_eq!(format_minutes(4), "4 min");
        assert_eq!(format_minutes(65), "1 h 05 min");
    }
}
