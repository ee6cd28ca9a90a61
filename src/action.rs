//! Every user intent as an [`Action`]: the key table maps keys to these, `App::apply` applies them.

/// A user intent. Counts (`5j`) arrive separately as the repeat argument of `App::apply`; a
/// typed character or digit comes with the key that produced it.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Scroll the article one line down.
    LineDown,
    /// Scroll the article one line up.
    LineUp,
    /// Scroll one page down.
    PageDown,
    /// Scroll one page up.
    PageUp,
    /// Scroll half a page down.
    HalfPageDown,
    /// Scroll half a page up.
    HalfPageUp,
    /// Go to the top of the document (with a count: to that percent, as `50g`).
    Top,
    /// Go to the bottom of the document (follows the end while it is loading).
    Bottom,
    /// Go to the percent typed before it (`50%`).
    Percent,
    /// A digit of a count (`5` in `5j`).
    CountDigit,
    /// Jump to the start of the next paragraph.
    NextParagraph,
    /// Jump to the start of this or the previous paragraph.
    PrevParagraph,
    /// Jump to the next section at the current depth.
    NextSection,
    /// Jump to the previous section at the current depth.
    PrevSection,
    /// Move focus between the side panel and the article.
    ToggleFocus,
    /// Show or hide the side panel.
    ToggleContents,
    /// Switch the side panel between contents and key terms.
    ToggleTerms,
    /// Make the reading column narrower.
    Narrower,
    /// Make the reading column wider.
    Wider,
    /// Reset the reading column width.
    ResetWidth,
    /// Open the search prompt.
    Search,
    /// Go to the next search match from the reading position.
    NextMatch,
    /// Go to the previous search match from the reading position.
    PrevMatch,
    /// Article: clear the search highlight (or a pending count or message).
    ClearSearch,
    /// Article: select the next link on screen; the status bar shows where it points.
    NextLink,
    /// Article: select the previous link on screen.
    PrevLink,
    /// Article: follow the selected link when it points inside the document (a heading, a
    /// footnote); lectern never opens anything outside it.
    FollowLink,
    /// Side panel: give the keys back to the article.
    Unfocus,
    /// Show or hide the help overlay.
    Help,
    /// Quit lectern (restores the terminal).
    Quit,
    /// Suspend to the shell (`fg` resumes).
    Suspend,
    /// Side panel: move the selection down.
    EntryDown,
    /// Side panel: move the selection up.
    EntryUp,
    /// Side panel: jump to the selected entry (a key term: highlight it), focus the article.
    EntryOpen,
    /// Contents: fold the selected section.
    EntryFold,
    /// Contents: unfold the selected section.
    EntryUnfold,
    /// Side panel: select the first entry.
    EntryFirst,
    /// Side panel: select the last entry.
    EntryLast,
    /// Side panel: open the type-to-filter line.
    OpenFilter,
    /// Filter: close it and show every entry again.
    CloseFilter,
    /// Prompt or filter: type the character of the key.
    Type,
    /// Prompt or filter: delete the character before the cursor (on an empty line: close it).
    Backspace,
    /// Prompt: delete the character under the cursor.
    Delete,
    /// Prompt: cursor one character left.
    CursorLeft,
    /// Prompt: cursor one character right.
    CursorRight,
    /// Prompt: cursor to the start.
    CursorHome,
    /// Prompt: cursor to the end.
    CursorEnd,
    /// Prompt: delete from the start to the cursor.
    ClearToStart,
    /// Prompt: keep the search (on an empty prompt: repeat the last one).
    PromptAccept,
    /// Prompt: close it and return to where you were, with the previous search.
    PromptCancel,
    /// Prompt: toggle regular-expression mode.
    ToggleRegex,
    /// Prompt: the previous query of the history.
    HistoryPrev,
    /// Prompt: the next query of the history.
    HistoryNext,
    /// Help: scroll one line down.
    HelpDown,
    /// Help: scroll one line up.
    HelpUp,
    /// Help: scroll a page down.
    HelpPageDown,
    /// Help: scroll a page up.
    HelpPageUp,
    /// Help: close the overlay.
    CloseHelp,
    /// Set a mark: the next letter names it.
    SetMark,
    /// Go to a mark: the next letter names it (`'` again: back to before the last jump).
    GotoMark,
    /// Mark or hint: the letter typed (or cancel with Esc).
    Letter,
    /// Leave the pending mark, selection, note or link-hint mode.
    Cancel,
    /// Walk back the jump list.
    JumpBack,
    /// Walk forward the jump list.
    JumpForward,
    /// Start a selection at the sentence at the top of the view (or the search match).
    StartSelection,
    /// Selection: grow by one sentence.
    GrowSentence,
    /// Selection: shrink by one sentence.
    ShrinkSentence,
    /// Selection: grow by one screen line.
    GrowLine,
    /// Selection: shrink by one screen line.
    ShrinkLine,
    /// Selection: save it as a highlight; the digit typed (1–5) picks the colour.
    SaveHighlight,
    /// Selection: save it as a highlight and write a note for it.
    SaveHighlightWithNote,
    /// Selection: copy its text to the clipboard (OSC 52).
    CopySelection,
    /// Note editor: keep the note.
    NoteAccept,
    /// Note editor: write the note in `$EDITOR` instead.
    NoteInEditor,
    /// Side panel: the highlights and notes.
    ToggleHighlights,
    /// Highlights panel: edit the selected highlight's note.
    EditNote,
    /// Highlights panel: delete the selected highlight.
    DeleteHighlight,
    /// Write the highlights as Markdown beside the saved state.
    ExportHighlights,
}
