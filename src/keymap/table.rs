//! The default key table: every key of every mode, with its help text.

use ratatui::crossterm::event::{KeyCode, KeyModifiers};

use super::{Binding, Context, Key, Trigger};
use crate::action::Action;

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
        &[ch('F')],
        Action::Follow,
        Article,
        "follow a growing input at the end (F again stops)",
    ),
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
        &[ch('a')],
        Action::AutoScroll,
        Article,
        "auto-scroll at your pace (any other key stops)",
    ),
    bind(
        &[ch('+')],
        Action::ScrollFaster,
        Article,
        "auto-scroll faster",
    ),
    bind(
        &[ch('-')],
        Action::ScrollSlower,
        Article,
        "auto-scroll slower",
    ),
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
