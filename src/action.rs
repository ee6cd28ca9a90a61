//! Every user intent as an [`Action`]: the key table maps keys to these, `App::update` applies them.

/// A user intent. Counts (`5j`) arrive separately as the repeat argument of `App::apply`.
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
    /// Go to the top of the document (with a count: to that percent, as `50%`).
    Top,
    /// Go to the bottom of the document (follows the end while it is loading).
    Bottom,
    /// Jump to the start of the next paragraph.
    NextParagraph,
    /// Jump to the start of this or the previous paragraph.
    PrevParagraph,
    /// Jump to the next section at the current depth.
    NextSection,
    /// Jump to the previous section at the current depth.
    PrevSection,
    /// Move focus between the contents and the article.
    ToggleFocus,
    /// Show or hide the contents panel.
    ToggleContents,
    /// Switch the side panel between Contents and Terms.
    ToggleTerms,
    /// Make the reading column narrower.
    Narrower,
    /// Make the reading column wider.
    Wider,
    /// Reset the reading column width.
    ResetWidth,
    /// Open the search prompt.
    Search,
    /// Go to the next search match.
    NextMatch,
    /// Go to the previous search match.
    PrevMatch,
    /// Close an overlay, clear the filter or the search highlight.
    Escape,
    /// Show or hide the help overlay.
    Help,
    /// Quit lectern (restores the terminal).
    Quit,
    /// Suspend to the shell (`fg` resumes).
    Suspend,
    /// Contents: move the selection down.
    EntryDown,
    /// Contents: move the selection up.
    EntryUp,
    /// Contents: jump to the selected entry.
    EntryOpen,
    /// Contents: fold the selected section.
    EntryFold,
    /// Contents: unfold the selected section.
    EntryUnfold,
    /// Contents: select the first entry.
    EntryFirst,
    /// Contents: select the last entry.
    EntryLast,
}
