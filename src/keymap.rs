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

const fn ch(c: char) -> Trigger {
    Trigger::Key(Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::NONE,
    })
}

const fn ctrl(c: char) -> Trigger {
    Trigger::Key(Key {
        code: KeyCode::Char(c),
        mods: KeyModifiers::CONTROL,
    })
}

const fn code(code: KeyCode) -> Trigger {
    Trigger::Key(Key {
        code,
        mods: KeyModifiers::NONE,
    })
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

const fn bind(
    keys: &'static [Trigger],
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

use Context::{
    Article, Contents, Filter, Global, Help, Highlights, Hints, Letter, List, Note, Prompt, Select,
};
use KeyCode::{
    BackTab, Backspace, Delete, Down, End, Enter, Esc, F, Home, Left, PageDown, PageUp, Right, Tab,
    Up,
};

/// The default key map.
pub static BINDINGS: &[Binding] = &[
    // Reading.
    bind(
        &[Trigger::Digit],
        Action::CountDigit,
        Article,
        "count for the next key: 5j, 3}",
    ),
    bind(
        &[
            ch('j'),
            code(Down),
            code(Enter),
            ch('e'),
            ctrl('e'),
            ctrl('n'),
        ],
        Action::LineDown,
        Article,
        "line down",
    ),
    bind(
        &[ch('k'), code(Up), ch('y'), ctrl('y'), ctrl('p')],
        Action::LineUp,
        Article,
        "line up",
    ),
    bind(
        &[ch(' '), ch('f'), code(PageDown), ctrl('f'), ch('z')],
        Action::PageDown,
        Article,
        "page down",
    ),
    bind(
        &[ch('b'), code(PageUp), ctrl('b'), ch('w')],
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
        &[ch('g'), code(Home)],
        Action::Top,
        Article,
        "top (50g: to 50%)",
    ),
    bind(&[ch('G'), code(End)], Action::Bottom, Article, "bottom"),
    bind(
        &[ch('%')],
        Action::Percent,
        Article,
        "to the percent typed before: 50%",
    ),
    bind(&[ch('}')], Action::NextParagraph, Article, "next paragraph"),
    bind(
        &[ch('{')],
        Action::PrevParagraph,
        Article,
        "previous paragraph",
    ),
    bind(&[ch('/')], Action::Search, Article, "search"),
    bind(
        &[ch('n')],
        Action::NextMatch,
        Article,
        "next match below the top of the screen",
    ),
    bind(&[ch('N')], Action::PrevMatch, Article, "previous match"),
    bind(
        &[code(Esc)],
        Action::ClearSearch,
        Article,
        "clear the link or search highlight",
    ),
    bind(
        &[ch('l')],
        Action::NextLink,
        Article,
        "next link on screen (its target in the status bar)",
    ),
    bind(
        &[ch('L')],
        Action::PrevLink,
        Article,
        "previous link on screen",
    ),
    bind(
        &[ch('o')],
        Action::FollowLink,
        Article,
        "follow the selected link; none selected: label the links on screen, type one",
    ),
    bind(
        &[ch('m')],
        Action::SetMark,
        Article,
        "set a mark: m then a letter",
    ),
    bind(
        &[ch('\'')],
        Action::GotoMark,
        Article,
        "go to a mark: ' then its letter; '' back to before the last jump",
    ),
    bind(
        &[ctrl('o')],
        Action::JumpBack,
        Article,
        "back: where the last jump came from",
    ),
    bind(
        &[ctrl('l')],
        Action::JumpForward,
        Article,
        "forward again after Ctrl-o",
    ),
    bind(
        &[ch('v')],
        Action::StartSelection,
        Article,
        "select from the sentence at the top (or the search match): highlight, note, copy",
    ),
    bind(
        &[ch('E')],
        Action::ExportHighlights,
        Article,
        "export the highlights as Markdown",
    ),
    // After m or '.
    bind(
        &[Trigger::Text],
        Action::Letter,
        Letter,
        "the mark's letter ('' : before the last jump)",
    ),
    bind(&[code(Esc)], Action::Cancel, Letter, "cancel"),
    // Selection (v).
    bind(
        &[ch(')'), ch('s')],
        Action::GrowSentence,
        Select,
        "one sentence more",
    ),
    bind(
        &[ch('('), ch('S')],
        Action::ShrinkSentence,
        Select,
        "one sentence less",
    ),
    bind(
        &[ch('j'), code(Down)],
        Action::GrowLine,
        Select,
        "one line more",
    ),
    bind(
        &[ch('k'), code(Up)],
        Action::ShrinkLine,
        Select,
        "one line less",
    ),
    bind(
        &[code(Enter), ch('1'), ch('2'), ch('3'), ch('4'), ch('5')],
        Action::SaveHighlight,
        Select,
        "highlight it (1–5: yellow, green, blue, pink, purple)",
    ),
    bind(
        &[ch('a')],
        Action::SaveHighlightWithNote,
        Select,
        "highlight it and add a note",
    ),
    bind(
        &[ch('y')],
        Action::CopySelection,
        Select,
        "copy it to the clipboard (OSC 52)",
    ),
    bind(
        &[code(Esc), ch('v'), ch('q')],
        Action::Cancel,
        Select,
        "cancel the selection",
    ),
    // The note editor.
    bind(&[Trigger::Text], Action::Type, Note, "type the note"),
    bind(&[code(Enter)], Action::NoteAccept, Note, "keep the note"),
    bind(
        &[ctrl('x')],
        Action::NoteInEditor,
        Note,
        "write the note in $EDITOR",
    ),
    bind(
        &[code(Esc)],
        Action::Cancel,
        Note,
        "cancel (the highlight stays)",
    ),
    bind(
        &[code(Backspace)],
        Action::Backspace,
        Note,
        "delete before the cursor",
    ),
    bind(
        &[code(Delete)],
        Action::Delete,
        Note,
        "delete under the cursor",
    ),
    bind(&[code(Left)], Action::CursorLeft, Note, "cursor left"),
    bind(&[code(Right)], Action::CursorRight, Note, "cursor right"),
    bind(
        &[code(Home), ctrl('a')],
        Action::CursorHome,
        Note,
        "cursor to the start",
    ),
    bind(
        &[code(End), ctrl('e')],
        Action::CursorEnd,
        Note,
        "cursor to the end",
    ),
    // Link hints (o).
    bind(
        &[Trigger::Text],
        Action::Letter,
        Hints,
        "type a link's label to follow it",
    ),
    bind(&[code(Esc)], Action::Cancel, Hints, "cancel"),
    // Side panel: contents and key terms.
    bind(
        &[ch('j'), code(Down)],
        Action::EntryDown,
        List,
        "next entry",
    ),
    bind(
        &[ch('k'), code(Up)],
        Action::EntryUp,
        List,
        "previous entry",
    ),
    bind(
        &[code(Enter)],
        Action::EntryOpen,
        List,
        "jump to the entry; on a key term: highlight it (n N walk it)",
    ),
    bind(
        &[ch('g'), code(Home)],
        Action::EntryFirst,
        List,
        "first entry",
    ),
    bind(&[ch('G'), code(End)], Action::EntryLast, List, "last entry"),
    bind(&[ch('/')], Action::OpenFilter, List, "filter the entries"),
    bind(&[code(Esc)], Action::Unfocus, List, "back to the article"),
    bind(
        &[ch('h'), code(Left)],
        Action::EntryFold,
        Contents,
        "fold section",
    ),
    bind(
        &[ch('l'), code(Right)],
        Action::EntryUnfold,
        Contents,
        "unfold section",
    ),
    bind(&[ch('e')], Action::EditNote, Highlights, "edit the note"),
    bind(
        &[ch('x'), code(Delete)],
        Action::DeleteHighlight,
        Highlights,
        "delete the highlight",
    ),
    // The filter line.
    bind(
        &[Trigger::Text],
        Action::Type,
        Filter,
        "type to filter (every printable key)",
    ),
    bind(
        &[code(Backspace)],
        Action::Backspace,
        Filter,
        "delete a character",
    ),
    bind(&[code(Down)], Action::EntryDown, Filter, "next entry"),
    bind(&[code(Up)], Action::EntryUp, Filter, "previous entry"),
    bind(
        &[code(Enter)],
        Action::EntryOpen,
        Filter,
        "jump to the entry",
    ),
    bind(
        &[code(Esc)],
        Action::CloseFilter,
        Filter,
        "close the filter",
    ),
    // The search prompt.
    bind(
        &[Trigger::Text],
        Action::Type,
        Prompt,
        "type the search (matches show as you type)",
    ),
    bind(
        &[code(Enter)],
        Action::PromptAccept,
        Prompt,
        "keep the result (empty: repeat the last search)",
    ),
    bind(
        &[code(Esc), ctrl('c')],
        Action::PromptCancel,
        Prompt,
        "cancel: back to where you were, previous search kept",
    ),
    bind(
        &[code(Backspace)],
        Action::Backspace,
        Prompt,
        "delete before the cursor (empty: cancel)",
    ),
    bind(
        &[code(Delete)],
        Action::Delete,
        Prompt,
        "delete under the cursor",
    ),
    bind(&[code(Left)], Action::CursorLeft, Prompt, "cursor left"),
    bind(&[code(Right)], Action::CursorRight, Prompt, "cursor right"),
    bind(
        &[code(Home), ctrl('a')],
        Action::CursorHome,
        Prompt,
        "cursor to the start",
    ),
    bind(
        &[code(End), ctrl('e')],
        Action::CursorEnd,
        Prompt,
        "cursor to the end",
    ),
    bind(
        &[ctrl('u')],
        Action::ClearToStart,
        Prompt,
        "delete to the start",
    ),
    bind(
        &[ctrl('r')],
        Action::ToggleRegex,
        Prompt,
        "regular expression on / off",
    ),
    bind(&[code(Up)], Action::HistoryPrev, Prompt, "previous search"),
    bind(&[code(Down)], Action::HistoryNext, Prompt, "next search"),
    // The help overlay.
    bind(
        &[ch('j'), code(Down)],
        Action::HelpDown,
        Help,
        "scroll down",
    ),
    bind(&[ch('k'), code(Up)], Action::HelpUp, Help, "scroll up"),
    bind(
        &[ch(' '), ch('f'), code(PageDown)],
        Action::HelpPageDown,
        Help,
        "page down",
    ),
    bind(
        &[ch('b'), code(PageUp)],
        Action::HelpPageUp,
        Help,
        "page up",
    ),
    bind(
        &[code(Esc), ch('q'), ch('?'), code(F(1))],
        Action::CloseHelp,
        Help,
        "close the help",
    ),
    bind(&[ctrl('c')], Action::Quit, Help, "quit"),
    // Anywhere.
    bind(&[ch(']')], Action::NextSection, Global, "next section"),
    bind(&[ch('[')], Action::PrevSection, Global, "previous section"),
    bind(
        &[code(Tab), code(BackTab)],
        Action::ToggleFocus,
        Global,
        "focus side panel / article",
    ),
    bind(
        &[ch('t')],
        Action::ToggleContents,
        Global,
        "show / hide the side panel",
    ),
    bind(
        &[ch('T')],
        Action::ToggleTerms,
        Global,
        "side panel: contents / key terms",
    ),
    bind(
        &[ch('H')],
        Action::ToggleHighlights,
        Global,
        "side panel: highlights and notes",
    ),
    bind(&[ch('<')], Action::Narrower, Global, "narrower column"),
    bind(&[ch('>')], Action::Wider, Global, "wider column"),
    bind(&[ch('=')], Action::ResetWidth, Global, "reset column width"),
    bind(&[ch('?'), code(F(1))], Action::Help, Global, "help"),
    bind(
        &[ctrl('z')],
        Action::Suspend,
        Global,
        "suspend to the shell",
    ),
    bind(&[ch('q'), ctrl('c')], Action::Quit, Global, "quit"),
];

/// What the mouse does: not keys, but listed in the help beside them.
pub const MOUSE_HELP: &[(&str, &str)] = &[
    ("wheel", "scrolls the panel under the pointer"),
    ("click", "on an entry: jump to it; on the article: focus it"),
];

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
#[must_use]
pub fn lookup(event: &KeyEvent, mode: Mode, count_pending: bool) -> Option<Action> {
    chain(mode).iter().find_map(|&ctx| {
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
