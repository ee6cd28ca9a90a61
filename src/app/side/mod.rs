//! The side panel: what it shows (contents, key terms or highlights), whether it has the keys,
//! its commands and Enter, and the type-to-filter line shared by the lists; the lists' rows,
//! selection, scrolling and folds are in `list`.

mod list;

use ratatui::layout::Rect;

use super::editor::LineEditor;
use super::{Content, Messages};

use crate::action::Action;
use crate::layout::Pos;
use crate::outline::Outline;
use crate::search::Term;

/// Which panel receives keys.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Focus {
    /// The article text.
    #[default]
    Article,
    /// The side panel (contents or terms).
    Side,
}

/// What Enter on the side panel opens.
#[derive(Debug)]
pub enum Opened<'a> {
    /// A contents entry: go to this place.
    Place(Pos),
    /// The selected highlight (the highlights list's selection).
    Highlight,
    /// A key term: highlight it and walk it with `n`/`N`.
    Term(&'a Term),
}

/// What the side panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideView {
    /// The contents tree.
    Contents,
    /// The document's key terms.
    Terms,
    /// The reader's highlights and notes.
    Highlights,
}

/// The contents tree's state.
#[derive(Clone, Debug, Default)]
pub struct TocState {
    /// Selected node (index into the outline's nodes).
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// Per node: `Some(true)` unfolded, `Some(false)` folded, `None` automatic (empty until
    /// the first fold: a long text has a node per paragraph).
    fold: Vec<Option<bool>>,
    /// Visible rows: node indices.
    pub rows: Vec<usize>,
    /// What `rows` was computed from: filter, entry being read, folds changed count.
    rows_for: Option<(String, Option<usize>, u64)>,
    /// Bumped whenever a fold changes.
    folds_changed: u64,
    /// A long text's filter still naming its entries.
    scan: Option<list::FilterScan>,
}

/// The key terms list's state.
#[derive(Clone, Debug, Default)]
pub struct TermsState {
    /// The terms, most telling first.
    pub terms: Vec<Term>,
    /// Selected term (index into `terms`).
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// Visible rows: term indices (all of them, or those the filter keeps).
    pub rows: Vec<usize>,
}

/// The highlights list's state; the app sets its rows from its highlights.
#[derive(Clone, Debug, Default)]
pub struct MarksState {
    /// Selected highlight (index into the app's highlights).
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// Visible rows: highlight indices.
    pub rows: Vec<usize>,
}

/// The side panel.
#[derive(Clone, Debug)]
pub struct SidePanel {
    /// The reader wants the panel (it also needs room).
    pub wanted: bool,
    /// What it shows.
    pub view: SideView,
    /// The contents tree.
    pub toc: TocState,
    /// The key terms.
    pub terms: TermsState,
    /// The highlights.
    pub marks: MarksState,
    /// The filter line, when open.
    pub filter: Option<LineEditor>,
    /// Which panel has the keys.
    pub focus: Focus,
    /// Scroll so the selection shows (after a key moved it); the mouse wheel clears it.
    reveal: bool,
}

impl Default for SidePanel {
    fn default() -> Self {
        Self {
            wanted: true,
            view: SideView::Contents,
            toc: TocState::default(),
            terms: TermsState::default(),
            marks: MarksState::default(),
            filter: None,
            focus: Focus::Article,
            reveal: true,
        }
    }
}

impl SidePanel {
    /// The key mode while it has or lacks the keys.
    #[must_use]
    pub fn mode(&self) -> crate::keymap::Mode {
        match self.focus {
            Focus::Article => crate::keymap::Mode::Article,
            Focus::Side => crate::keymap::Mode::List {
                contents: self.view == SideView::Contents,
                highlights: self.view == SideView::Highlights,
                filtering: self.filter.is_some(),
            },
        }
    }

    /// Before a frame drawn with the panel in `area` (`None`: hidden, and the keys go back to
    /// the article): the rows of the lists (`highlights` saved), the selection following the
    /// node being read (`current`) while the article has the keys, and the offsets.
    pub fn prepare(
        &mut self,
        content: &Content,
        current: Option<usize>,
        area: Option<Rect>,
        highlights: usize,
    ) {
        if area.is_none() {
            self.focus = Focus::Article;
        }
        if self.marks.rows.len() != highlights {
            // The highlights list shows every highlight, in order.
            self.marks.rows = (0..highlights).collect();
        }
        if !content.outline_ready {
            return;
        }
        let outline = &content.outline;
        self.update_rows(content, current);
        if self.focus == Focus::Article {
            self.follow(outline, current);
        }
        self.clamp(area.map_or(1, |r| usize::from(r.height.saturating_sub(2))));
    }

    /// The filter's text ("" when closed).
    #[must_use]
    pub fn filter_text(&self) -> &str {
        self.filter.as_ref().map_or("", LineEditor::text)
    }

    /// Install a new outline: every fold automatic, the selection at the top.
    pub fn set_outline(&mut self) {
        // Nothing per node here: this runs on the thread that answers keys, and the subtree
        // ends come with the outline.
        self.toc = TocState::default();
        self.reveal = true;
    }

    /// Install the key terms.
    pub fn set_terms(&mut self, terms: Vec<Term>) {
        self.terms = TermsState {
            rows: (0..terms.len()).collect(),
            terms,
            ..TermsState::default()
        };
    }

    /// Tab, `t`, `T`, Esc: move the keys between the panels, show or hide the panel, switch
    /// what it shows. `width` is the terminal's; returns a message to show.
    pub fn toggle(
        &mut self,
        action: Action,
        width: u16,
        current: Option<usize>,
        terms_ready: bool,
    ) -> Option<&'static str> {
        match action {
            Action::ToggleFocus if self.focus == Focus::Side => self.focus = Focus::Article,
            Action::ToggleFocus if crate::geometry::side_width(width) == 0 => {
                return Some("the terminal is too narrow for the side panel");
            }
            Action::ToggleFocus => {
                self.wanted = true;
                self.focus = Focus::Side;
                if let (Some(node), SideView::Contents) = (current, self.view) {
                    self.select(node);
                }
            }
            Action::ToggleContents => {
                self.wanted = !self.wanted;
                if !self.wanted {
                    self.focus = Focus::Article;
                }
            }
            Action::ToggleTerms => {
                self.toggle_view();
                if self.view == SideView::Terms && self.terms.terms.is_empty() {
                    return Some(if terms_ready {
                        "no recurring terms in this document"
                    } else {
                        "key terms are still being computed"
                    });
                }
            }
            _ => self.focus = Focus::Article,
        }
        None
    }

    /// The panel's commands: Tab, `t`, `T`, Esc (see [`Self::toggle`]) and the list's moves,
    /// folds and filter, `n` times; false when `action` is not the panel's. `current` is the
    /// node being read, `width` the terminal's.
    pub fn command(
        &mut self,
        action: Action,
        n: usize,
        content: &Content,
        current: Option<usize>,
        width: u16,
        messages: &mut Messages,
    ) -> bool {
        match action {
            Action::ToggleFocus
            | Action::ToggleContents
            | Action::ToggleTerms
            | Action::Unfocus => {
                messages.say(self.toggle(action, width, current, content.terms_ready));
            }
            Action::EntryDown
            | Action::EntryUp
            | Action::EntryFirst
            | Action::EntryLast
            | Action::EntryFold
            | Action::EntryUnfold
            | Action::OpenFilter
            | Action::CloseFilter => self.apply(action, n, &content.outline, current),
            _ => return false,
        }
        true
    }

    /// Enter on the panel (or a click): the filter closes, the keys go back to the article, and
    /// the selected entry says what to open (`None` when none is selected).
    pub fn open(&mut self, outline: &Outline) -> Option<Opened<'_>> {
        let entry = self.selected()?;
        self.close_filter();
        self.focus = Focus::Article;
        match self.view {
            SideView::Contents => outline
                .nodes
                .get(entry)
                .map(|node| Opened::Place(Pos::block_start(node.block()))),
            SideView::Highlights => {
                self.marks.selected = entry;
                Some(Opened::Highlight)
            }
            SideView::Terms => self.terms.terms.get(entry).map(Opened::Term),
        }
    }

    /// `H`: show the reader's `highlights` (how many) and give them the keys when the panel
    /// fits a `width`-column terminal; pressed while they have the keys, back to the contents.
    /// Returns a message to show.
    pub fn toggle_highlights(&mut self, highlights: usize, width: u16) -> Option<&'static str> {
        if self.view == SideView::Highlights && self.wanted && self.focus == Focus::Side {
            self.view = SideView::Contents;
            self.focus = Focus::Article;
            return None;
        }
        self.view = SideView::Highlights;
        self.wanted = true;
        self.close_filter();
        if highlights == 0 {
            return Some("no highlights yet: v selects a passage, Enter highlights it");
        }
        if crate::geometry::side_width(width) > 0 {
            self.focus = Focus::Side;
        }
        None
    }

    /// Switch between contents and key terms (the panel shows, the filter closes).
    pub fn toggle_view(&mut self) {
        self.view = match self.view {
            SideView::Contents | SideView::Highlights => SideView::Terms,
            SideView::Terms => SideView::Contents,
        };
        self.wanted = true;
        self.close_filter();
    }

    /// Rows of the list shown.
    #[must_use]
    pub fn len(&self) -> usize {
        match self.view {
            SideView::Contents => self.toc.rows.len(),
            SideView::Terms => self.terms.rows.len(),
            SideView::Highlights => self.marks.rows.len(),
        }
    }

    /// True when the list shown has no rows.
    #[must_use]
    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// A list action: move the selection `n` times, fold, open or close the filter.
    pub fn apply(&mut self, action: Action, n: usize, outline: &Outline, current: Option<usize>) {
        match action {
            Action::EntryFold | Action::EntryUnfold => {
                self.fold(action == Action::EntryUnfold, outline, current);
            }
            Action::OpenFilter => self.open_filter(),
            Action::CloseFilter => self.close_filter(),
            _ => self.move_by(action, n),
        }
    }

    /// Open the filter line (empty).
    pub fn open_filter(&mut self) {
        self.filter = Some(LineEditor::default());
    }

    /// Close the filter line: every entry shows again.
    pub fn close_filter(&mut self) {
        self.filter = None;
        self.reveal = true;
    }

    /// A key of the filter line: typing, Backspace (on an empty line it closes).
    pub fn filter_action(&mut self, action: Action, typed: Option<char>) {
        let Some(editor) = self.filter.as_mut() else {
            return;
        };
        match (action, typed) {
            (Action::Type, Some(c)) => {
                editor.insert(c.encode_utf8(&mut [0; 4]));
            }
            (Action::Backspace, _) if editor.is_empty() => self.close_filter(),
            (other, _) => {
                editor.edit(other);
            }
        }
        self.reveal = true;
    }

    /// A key typed while the filter is open: text, Backspace and Esc are the filter's (true);
    /// other keys move and jump as in the list (false).
    pub fn filter_key(&mut self, action: Action, typed: Option<char>) -> bool {
        match action {
            Action::CloseFilter => self.close_filter(),
            Action::Type | Action::Backspace => self.filter_action(action, typed),
            _ => return false,
        }
        true
    }

    /// Paste into the filter line.
    pub fn paste(&mut self, text: &str) {
        if let Some(editor) = self.filter.as_mut() {
            editor.insert(text);
        }
    }
}
