//! The one static key table: it drives both input handling and the help overlay.

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};

use crate::action::Action;

/// Where a binding applies.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Context {
    /// Anywhere (article or contents focus).
    Global,
    /// The article panel has focus.
    Article,
    /// The contents panel has focus.
    Contents,
}

/// One key: a code and the modifiers that must be held.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Key {
    /// The key code.
    pub code: KeyCode,
    /// Required modifiers (Shift is ignored for characters).
    pub mods: KeyModifiers,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        mods: KeyModifiers::NONE,
    }
}

/// A row of the key table: keys, what they do, where, and the help text.
#[derive(Clone, Copy, Debug)]
pub struct Binding {
    /// The keys, first one shown first in the help.
    pub keys: &'static [Key],
    /// The action they trigger.
    pub action: Action,
    /// Where the binding applies.
    pub context: Context,
    /// One line for the help overlay.
    pub help: &'static str,
}

const fn bind(
    keys: &'static [Key],
    action: Action,
    context: Context,
    help: &'static str,
) -> Binding {
    Binding {
        keys,
        action,
        context,
        help,
    }
}

use Context::{Article, Contents, Global};

/// The default key map.
pub static BINDINGS: &[Binding] = &[
    bind(
        &[ch('j'), code(KeyCode::Down)],
        Action::LineDown,
        Article,
        "line down (count: 5j)",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        Action::LineUp,
        Article,
        "line up",
    ),
    bind(
        &[ch(' '), ch('f'), code(KeyCode::PageDown)],
        Action::PageDown,
        Article,
        "page down",
    ),
    bind(
        &[ch('b'), code(KeyCode::PageUp)],
        Action::PageUp,
        Article,
        "page up",
    ),
    bind(
        &[ch('d'), ctrl('d')],
        Action::HalfPageDown,
        Article,
        "half page down",
    ),
    bind(
        &[ch('u'), ctrl('u')],
        Action::HalfPageUp,
        Article,
        "half page up",
    ),
    bind(
        &[ch('g'), code(KeyCode::Home)],
        Action::Top,
        Article,
        "top (50% or 50g: percent)",
    ),
    bind(
        &[ch('G'), code(KeyCode::End)],
        Action::Bottom,
        Article,
        "bottom",
    ),
    bind(&[ch('}')], Action::NextParagraph, Article, "next paragraph"),
    bind(
        &[ch('{')],
        Action::PrevParagraph,
        Article,
        "previous paragraph",
    ),
    bind(&[ch(']')], Action::NextSection, Global, "next section"),
    bind(&[ch('[')], Action::PrevSection, Global, "previous section"),
    bind(
        &[ch('/')],
        Action::Search,
        Article,
        "search (Ctrl-r in the prompt: regex)",
    ),
    bind(&[ch('n')], Action::NextMatch, Article, "next match"),
    bind(&[ch('N')], Action::PrevMatch, Article, "previous match"),
    bind(
        &[code(KeyCode::Tab), code(KeyCode::BackTab)],
        Action::ToggleFocus,
        Global,
        "focus contents / article",
    ),
    bind(
        &[ch('t')],
        Action::ToggleContents,
        Global,
        "show / hide contents",
    ),
    bind(
        &[ch('T')],
        Action::ToggleTerms,
        Global,
        "side panel: contents / key terms",
    ),
    bind(&[ch('<')], Action::Narrower, Global, "narrower column"),
    bind(&[ch('>')], Action::Wider, Global, "wider column"),
    bind(&[ch('=')], Action::ResetWidth, Global, "reset column width"),
    bind(
        &[ch('j'), code(KeyCode::Down)],
        Action::EntryDown,
        Contents,
        "next entry",
    ),
    bind(
        &[ch('k'), code(KeyCode::Up)],
        Action::EntryUp,
        Contents,
        "previous entry",
    ),
    bind(
        &[code(KeyCode::Enter)],
        Action::EntryOpen,
        Contents,
        "jump to entry",
    ),
    bind(
        &[ch('h'), code(KeyCode::Left)],
        Action::EntryFold,
        Contents,
        "fold section",
    ),
    bind(
        &[ch('l'), code(KeyCode::Right)],
        Action::EntryUnfold,
        Contents,
        "unfold section",
    ),
    bind(
        &[ch('g'), code(KeyCode::Home)],
        Action::EntryFirst,
        Contents,
        "first entry",
    ),
    bind(
        &[ch('G'), code(KeyCode::End)],
        Action::EntryLast,
        Contents,
        "last entry",
    ),
    bind(
        &[code(KeyCode::Esc)],
        Action::Escape,
        Global,
        "close overlay, clear filter or search",
    ),
    bind(
        &[ch('?'), code(KeyCode::F(1))],
        Action::Help,
        Global,
        "help",
    ),
    bind(
        &[ctrl('z')],
        Action::Suspend,
        Global,
        "suspend to the shell",
    ),
    bind(&[ch('q'), ctrl('c')], Action::Quit, Global, "quit"),
];

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

/// The action bound to a key in a context (context-specific bindings win over global ones).
#[must_use]
pub fn lookup(event: &KeyEvent, context: Context) -> Option<Action> {
    let find = |ctx: Context| {
        BINDINGS
            .iter()
            .find(|b| b.context == ctx && b.keys.iter().any(|k| matches(k, event)))
            .map(|b| b.action)
    };
    find(context).or_else(|| find(Context::Global))
}

/// How a key is written in the help: `j`, `Ctrl-d`, `PgDn`, `Space`.
#[must_use]
pub fn key_name(key: &Key) -> String {
    let base = match key.code {
        KeyCode::Char(' ') => "Space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Down => "↓".into(),
        KeyCode::Up => "↑".into(),
        KeyCode::Left => "←".into(),
        KeyCode::Right => "→".into(),
        KeyCode::PageDown => "PgDn".into(),
        KeyCode::PageUp => "PgUp".into(),
        KeyCode::Home => "Home".into(),
        KeyCode::End => "End".into(),
        KeyCode::Enter => "Enter".into(),
        KeyCode::Esc => "Esc".into(),
        KeyCode::Tab => "Tab".into(),
        KeyCode::BackTab => "S-Tab".into(),
        KeyCode::F(n) => format!("F{n}"),
        other => format!("{other:?}"),
    };
    if key.mods.contains(KeyModifiers::CONTROL) {
        format!("Ctrl-{base}")
    } else {
        base
    }
}

/// Help rows for one context: (keys joined, help text).
#[must_use]
pub fn help_rows(context: Context) -> Vec<(String, &'static str)> {
    BINDINGS
        .iter()
        .filter(|b| b.context == context)
        .map(|b| {
            (
                b.keys.iter().map(key_name).collect::<Vec<_>>().join(" "),
                b.help,
            )
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn key(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn context_bindings_win_over_global_ones() {
        let j = key(KeyCode::Char('j'), KeyModifiers::NONE);
        assert_eq!(lookup(&j, Context::Article), Some(Action::LineDown));
        assert_eq!(lookup(&j, Context::Contents), Some(Action::EntryDown));
        let q = key(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(lookup(&q, Context::Contents), Some(Action::Quit));
    }

    #[test]
    fn control_and_shift_are_matched_exactly() {
        let ctrl_d = key(KeyCode::Char('d'), KeyModifiers::CONTROL);
        assert_eq!(
            lookup(&ctrl_d, Context::Article),
            Some(Action::HalfPageDown)
        );
        let ctrl_c = key(KeyCode::Char('c'), KeyModifiers::CONTROL);
        assert_eq!(lookup(&ctrl_c, Context::Article), Some(Action::Quit));
        let big_g = key(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(lookup(&big_g, Context::Article), Some(Action::Bottom));
        let alt_j = key(KeyCode::Char('j'), KeyModifiers::ALT);
        assert_eq!(lookup(&alt_j, Context::Article), None);
    }

    #[test]
    fn every_binding_has_help_and_no_key_is_bound_twice_in_a_context() {
        for ctx in [Context::Global, Context::Article, Context::Contents] {
            let mut seen: Vec<Key> = Vec::new();
            for b in BINDINGS.iter().filter(|b| b.context == ctx) {
                assert!(!b.help.is_empty());
                for k in b.keys {
                    assert!(!seen.contains(k), "{k:?} bound twice in {ctx:?}");
                    seen.push(*k);
                }
            }
        }
        assert!(
            help_rows(Context::Article)
                .iter()
                .any(|(k, _)| k == "d Ctrl-d")
        );
    }
}
