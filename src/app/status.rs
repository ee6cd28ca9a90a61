//! Transient messages in the status bar and the notices shown once loading ends.

use std::time::{Duration, Instant};

/// How long a transient message stays (it hides the section label meanwhile).
pub const MESSAGE_TIME: Duration = Duration::from_secs(2);

/// The status bar's message.
#[derive(Clone, Debug, Default)]
pub struct Messages {
    /// The message and when it was set.
    current: Option<(String, Instant)>,
    /// Notices from loading (invalid UTF-8, capped input…), shown together once.
    notices: Vec<String>,
}

impl Messages {
    /// Show a message now.
    pub fn flash(&mut self, text: impl Into<String>) {
        self.current = Some((text.into(), Instant::now()));
    }

    /// Show `message`, when there is one.
    pub fn say(&mut self, message: Option<impl Into<String>>) {
        if let Some(m) = message {
            self.flash(m);
        }
    }

    /// The message shown, if any.
    #[must_use]
    pub fn current(&self) -> Option<&str> {
        self.current.as_ref().map(|(m, _)| m.as_str())
    }

    /// Take the message away.
    pub fn clear(&mut self) {
        self.current = None;
    }

    /// When the message expires.
    #[must_use]
    pub fn deadline(&self) -> Option<Instant> {
        self.current.as_ref().map(|(_, at)| *at + MESSAGE_TIME)
    }

    /// Expire the message when its time is up; true when it went.
    pub fn tick(&mut self, now: Instant) -> bool {
        let expired = self.deadline().is_some_and(|d| now >= d);
        if expired {
            self.current = None;
        }
        expired
    }

    /// A notice kept until loading ends and shown now (a config error at start).
    pub fn notice(&mut self, text: impl Into<String>) {
        let text = text.into();
        self.flash(text.clone());
        self.notices.push(text);
    }

    /// Loading ended: show its notices (and that the document is `empty`) as one message.
    pub fn loaded(&mut self, empty: bool, notices: Vec<String>) {
        if empty {
            self.notices.push("the document is empty".into());
        }
        self.notices.extend(notices);
        if !self.notices.is_empty() {
            self.flash(self.notices.join(" · "));
        }
    }
}
