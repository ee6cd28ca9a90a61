//! The one key table: every key lectern handles, in every mode, drives both input and the help.
//!
//! A mode is a [`Context`]; [`lookup`] tries the contexts of the current mode in order
//! ([`chain`]). Typed text and count digits are table rows too ([`Trigger::Text`],
//! [`Trigger::Digit`]), so the help lists everything a key can do.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Context {
    /// Anywhere outside the prompt and the help (article or side panel focus).
    Global,
    /// The article has the keys.
    Article,
    /// The side panel has the keys (contents or key terms).
    List,
    /// The side panel shows the contents (folding).
    Contents,
    /// The side panel's type-to-filter line is open.
    Filter,
    /// The search prompt is open.
    Prompt,
    /// The help overlay is open.
    Help,
    /// After `m` or `'`: a letter names the mark.
    Letter,
    /// A selection is being made.
    Select,
    /// A note is being written.
    Note,
    /// Links on screen carry labels.
    Hints,
    /// The side panel shows the highlights.
    Highlights,
}

/// What the reader is doing: decides which contexts are tried, in order.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Mode {
    /// Reading the article.
    Article,
    /// In the side panel; `contents` is false for the key terms.
    List {
        /// The contents tree (true) or the key terms or highlights (false).
        contents: bool,
        /// The highlights.
        highlights: bool,
        /// The filter line is open.
        filtering: bool,
    },
    /// Typing a search.
    Prompt,
    /// Reading the help.
    Help,
    /// Waiting for a mark's letter.
    Letter,
    /// Making a selection.
    Select,
    /// Writing a note.
    Note,
    /// Choosing a link by its label.
    Hints,
}

/// The contexts tried for a mode, most specific first.
#[must_use]
pub fn chain(mode: Mode) -> &'static [Context] {
    use Context::{Article, Contents, Filter, Global, Help, Highlights, List, Prompt};
    match mode {
        Mode::Article => &[Article, Global],
        Mode::List {
            filtering: true, ..
        } => &[Filter, Global],
        Mode::List { contents: true, .. } => &[Contents, List, Global],
        Mode::List {
            highlights: true, ..
        } => &[Highlights, List, Global],
        Mode::List { .. } => &[List, Global],
        Mode::Prompt => &[Prompt],
        Mode::Help => &[Help],
        Mode::Letter => &[Context::Letter],
        Mode::Select => &[Context::Select],
        Mode::Note => &[Context::Note],
        Mode::Hints => &[Context::Hints],
    }
}

/// One key: a code and the modifiers that must be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key code.
    pub code: KeyCode,
    /// Required modifiers (Shift is ignored for characters).
    pub mods: KeyModifiers,
}

/// What sets a binding off.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Trigger {
    /// One key.
    Key(Key),
    /// Any printable character without Ctrl or Alt (typing into a prompt or filter).
    Text,
    /// A digit starting or continuing a count (`0` only continues one).
    Digit,
}

/// A row of the key table: keys, what they do, where, and the help text.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// The keys, the first one shown first in the help.
    pub keys: &'static [Trigger],
    /// The action they trigger.
    pub action: Action,
    /// Where the binding applies.
    pub context: Context,
    /// One line for the help overlay.
    pub help: &'static str,
}

mod table;

pub use table::{BINDINGS, MOUSE_HELP};

use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

/// True for a character that may be typed or pasted into the prompt or the filter: nothing
/// that sanitizing would replace (controls, bidi and invisible format characters).
#[must_use]
pub fn typeable(c: char) -> bool {
    c != '\n' && crate::document::sanitize::is_clean(c.encode_utf8(&mut [0; 4]))
}

fn fires(trigger: &Trigger, event: &KeyEvent, count_pending: bool) -> bool {
    let plain_char = |e: &KeyEvent| match e.code {
        KeyCode::Char(c)
            if !e
                .modifiers
                .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT) =>
        {
            Some(c)
        }
        _ => None,
    };
    match trigger {
        Trigger::Text => plain_char(event).is_some_and(typeable),
        Trigger::Digit => plain_char(event)
            .and_then(|c| c.to_digit(10))
            .is_some_and(|d| d > 0 || count_pending),
        Trigger::Key(key) => matches(key, event),
    }
}

fn matches(key: &Key, event: &KeyEvent) -> bool {
    match (key.code, event.code) {
        (KeyCode::Char(a), KeyCode::Char(b)) => {
            let want_ctrl = key.mods.contains(KeyModifiers::CONTROL);
            let has_ctrl = event.modifiers.contains(KeyModifiers::CONTROL);
            let has_alt = event.modifiers.contains(KeyModifiers::ALT);
            want_ctrl == has_ctrl
                && !has_alt
                && if want_ctrl {
                    a.eq_ignore_ascii_case(&b)
                } else {
                    a == b
                }
        }
        (a, b) => a == b && event.modifiers.difference(KeyModifiers::SHIFT) == key.mods,
    }
}

/// The action bound to a key in a mode: the first context of [`chain`] that binds it wins.
/// `count_pending` tells whether a count is being typed (then `0` continues it).
/// The user's keys from the config come first in each context (see [`crate::user_keys`]).
#[must_use]
pub fn lookup(event: &KeyEvent, mode: Mode, count_pending: bool) -> Option<Action> {
    lookup_with(event, mode, count_pending, crate::user_keys::installed())
}

/// [`lookup`] with the user's keys given: in each context a user's key wins over the table,
/// and a key the user unbound there does nothing in it.
#[must_use]
pub fn lookup_with(
    event: &KeyEvent,
    mode: Mode,
    count_pending: bool,
    user: &[crate::user_keys::UserKey],
) -> Option<Action> {
    chain(mode).iter().find_map(|&ctx| {
        if let Some(mine) = user
            .iter()
            .find(|u| u.context == ctx && matches(&u.key, event))
        {
            return mine.action;
        }
        BINDINGS
            .iter()
            .filter(|b| b.context == ctx)
            .find(|b| b.keys.iter().any(|t| fires(t, event, count_pending)))
            .map(|b| b.action)
    })
}

/// Add a typed digit to a pending count (capped, so a held key never overflows).
#[must_use]
pub fn push_digit(count: Option<usize>, digit: u32) -> usize {
    count
        .unwrap_or(0)
        .saturating_mul(10)
        .saturating_add(digit as usize)
        .min(1_000_000)
}

/// How a key is written in the help: `j`, `Ctrl-d`, `PgDn`, `Space`.
#[must_use]
pub fn key_name(trigger: &Trigger) -> String {
    let key = match trigger {
        Trigger::Text => return "a–z …".into(),
        Trigger::Digit => return "1-9".into(),
        Trigger::Key(key) => key,
    };
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        Down => "↓".into(),
        Up => "↑".into(),
        Left => "←".into(),
        Right => "→".into(),
        PageDown => "PgDn".into(),
        PageUp => "PgUp".into(),
        Home => "Home".into(),
        End => "End".into(),
        Enter => "Enter".into(),
        Esc => "Esc".into(),
        Tab => "Tab".into(),
        BackTab => "S-Tab".into(),
        Backspace => "Bksp".into(),
        Delete => "Del".into(),
        F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Help rows for one context, with the user's keys: (keys joined, help text).
#[must_use]
pub fn help_rows(context: Context) -> Vec<(String, String)> {
    crate::user_keys::help_rows(context, crate::user_keys::installed())
}

#[cfg(test)]
mod tests {
    use super::*;
    use Context::{
        Article, Contents, Filter, Global, Help, Highlights, Hints, Letter, List, Note, Prompt,
        Select,
    };

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    const ARTICLE: Mode = Mode::Article;
    const CONTENTS: Mode = Mode::List {
        contents: true,
        highlights: false,
        filtering: false,
    };
    const FILTER: Mode = Mode::List {
        contents: true,
        highlights: false,
        filtering: true,
    };

    #[test]
    fn the_mode_decides_what_a_key_does() {
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(&j, ARTICLE, false), Some(Action::LineDown));
        assert_eq!(lookup(&j, CONTENTS, false), Some(Action::EntryDown));
        assert_eq!(lookup(&j, FILTER, false), Some(Action::Type));
        assert_eq!(lookup(&j, Mode::Prompt, false), Some(Action::Type));
        assert_eq!(lookup(&j, Mode::Help, false), Some(Action::HelpDown));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&q, CONTENTS, false), Some(Action::Quit));
        assert_eq!(
            lookup(&q, FILTER, false),
            Some(Action::Type),
            "typing q never quits"
        );
        let x = key(KeyCode::Char('x'), KeyModifiers::NONE);
        assert_eq!(
            lookup(&x, Mode::Help, false),
            None,
            "help: unbound keys do nothing"
        );
    }

    #[test]
    fn digits_start_counts_and_zero_only_continues_one() {
        let zero = key(KeyCode::Char('0'), KeyModifiers::NONE);
        let five = key(KeyCode::Char('5'), KeyModifiers::NONE);
        assert_eq!(lookup(&five, ARTICLE, false), Some(Action::CountDigit));
        assert_eq!(lookup(&zero, ARTICLE, false), None);
        assert_eq!(lookup(&zero, ARTICLE, true), Some(Action::CountDigit));
        assert_eq!(lookup(&five, Mode::Prompt, false), Some(Action::Type));
        assert_eq!(push_digit(Some(99_999_999), 9), 1_000_000);
    }

    #[test]
    fn control_and_shift_are_matched_exactly() {
        let ctrl_d = key(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_d, ARTICLE, false), Some(Action::HalfPageDown));
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_c, ARTICLE, false), Some(Action::Quit));
        assert_eq!(
            lookup(&ctrl_c, Mode::Prompt, false),
            Some(Action::PromptCancel)
        );
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&big_g, ARTICLE, false), Some(Action::Bottom));
        let alt_j = key(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(lookup(&alt_j, ARTICLE, false), None);
        assert_eq!(lookup(&alt_j, Mode::Prompt, false), None);
    }

    #[test]
    fn every_binding_has_help_and_no_key_is_bound_twice_in_a_context() {
        let contexts = [
            Global, Article, List, Contents, Filter, Prompt, Help, Letter, Select, Note, Hints,
            Highlights,
        ];
        for ctx in contexts {
            let mut seen: Vec<Trigger> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.context == ctx) {
                assert!(!b.help.is_empty());
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                    seen.push(*k);
                }
            }
        }
        assert!(help_rows(Article).iter().any(|(k, _)| k == "d Ctrl-d"));
    }
}
