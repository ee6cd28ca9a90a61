//! The side panel's state: contents or key terms, the selection and scrolling, folds, and the
//! type-to-filter line shared by both lists.

use super::editor::LineEditor;
use crate::action::Action;
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
    /// Per node: `Some(true)` unfolded, `Some(false)` folded, `None` automatic.
    fold: Vec<Option<bool>>,
    /// Per node: one past the last node of its subtree.
    pub subtree_end: Vec<usize>,
    /// Visible rows: node indices.
    pub rows: Vec<usize>,
    /// What `rows` was computed from: filter, entry being read, folds changed count.
    rows_for: Option<(String, Option<usize>, u64)>,
    /// Bumped whenever a fold changes.
    folds_changed: u64,
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

    /// Before a frame: the rows of both lists, the selection following the reading position
    /// while the article has the keys, and offsets for a list `rows` high.
    pub fn prepare(&mut self, outline: &Outline, current: Option<usize>, rows: usize) {
        self.update_rows(outline, current);
        if self.focus == Focus::Article {
            self.follow(outline, current);
        }
        self.clamp(rows);
    }

    /// The filter's text ("" when closed).
    #[must_use]
    pub fn filter_text(&self) -> &str {
        self.filter.as_ref().map_or("", LineEditor::text)
    }

    /// Install a new outline: every fold automatic, the selection at the top.
    pub fn set_outline(&mut self, outline: &Outline) {
        let n = outline.nodes.len();
        let mut subtree_end = vec![0; n];
        for i in (0..n).rev() {
            let depth = outline.nodes[i].depth;
            let mut end = i + 1;
            while end < n && outline.nodes[end].depth > depth {
                end = subtree_end[end];
            }
            subtree_end[i] = end;
        }
        self.toc = TocState {
            fold: vec![None; n],
            subtree_end,
            ..TocState::default()
        };
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

    fn rows_and_selected(&mut self) -> (&[usize], &mut usize) {
        match self.view {
            SideView::Contents => (&self.toc.rows, &mut self.toc.selected),
            SideView::Terms => (&self.terms.rows, &mut self.terms.selected),
            SideView::Highlights => (&self.marks.rows, &mut self.marks.selected),
        }
    }

    /// Move the selection by `delta` rows (clamped), or to the first or last row.
    pub fn move_selection(&mut self, action: Action) {
        let (rows, selected) = self.rows_and_selected();
        let Some(last) = rows.len().checked_sub(1) else {
            return;
        };
        let row = rows.iter().position(|&n| n == *selected).unwrap_or(0);
        let row = match action {
            Action::EntryDown => (row + 1).min(last),
            Action::EntryUp => row.saturating_sub(1),
            Action::EntryFirst => 0,
            Action::EntryLast => last,
            _ => row,
        };
        *selected = rows[row];
        self.reveal = true;
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

    /// Move the selection by `count` rows.
    pub fn move_by(&mut self, action: Action, count: usize) {
        for _ in 0..count.min(self.len().max(1)) {
            self.move_selection(action);
        }
    }

    /// The mouse wheel: scroll the list without moving the selection.
    pub fn wheel(&mut self, delta: isize, height: usize) {
        let max = self.len().saturating_sub(height);
        let offset = match self.view {
            SideView::Contents => &mut self.toc.offset,
            SideView::Terms => &mut self.terms.offset,
            SideView::Highlights => &mut self.marks.offset,
        };
        *offset = offset.saturating_add_signed(delta).min(max);
        self.reveal = false;
    }

    /// The row under a click (`row` counted from the list's first visible row).
    #[must_use]
    pub fn entry_at(&self, row: usize) -> Option<usize> {
        match self.view {
            SideView::Contents => self.toc.rows.get(self.toc.offset + row).copied(),
            SideView::Terms => self.terms.rows.get(self.terms.offset + row).copied(),
            SideView::Highlights => self.marks.rows.get(self.marks.offset + row).copied(),
        }
    }

    /// Select an entry (a node or a term index).
    pub fn select(&mut self, entry: usize) {
        match self.view {
            SideView::Contents => self.toc.selected = entry,
            SideView::Terms => self.terms.selected = entry,
            SideView::Highlights => self.marks.selected = entry,
        }
        self.reveal = true;
    }

    /// The selected entry, when it is shown.
    #[must_use]
    pub fn selected(&self) -> Option<usize> {
        let (rows, selected) = match self.view {
            SideView::Contents => (&self.toc.rows, self.toc.selected),
            SideView::Terms => (&self.terms.rows, self.terms.selected),
            SideView::Highlights => (&self.marks.rows, self.marks.selected),
        };
        rows.contains(&selected).then_some(selected)
    }

    /// Fold (`open` false) or unfold the selected section; folding a leaf folds its parent.
    pub fn fold(&mut self, open: bool, outline: &Outline, current: Option<usize>) {
        if self.view != SideView::Contents {
            return;
        }
        let sel = self.toc.selected;
        let has_children = self.toc.subtree_end.get(sel).is_some_and(|&e| e > sel + 1);
        if has_children && self.expanded(sel, current) != open {
            self.toc.fold[sel] = Some(open);
            self.toc.folds_changed += 1;
        } else if !open {
            if let Some(parent) = outline.nodes.get(sel).and_then(|n| n.parent()) {
                self.toc.fold[parent] = Some(false);
                self.toc.folds_changed += 1;
                self.toc.selected = parent;
            }
        } else if has_children {
            self.move_selection(Action::EntryDown);
        }
        self.reveal = true;
    }

    fn expanded(&self, node: usize, current: Option<usize>) -> bool {
        if let Some(open) = self.toc.fold.get(node).copied().flatten() {
            open
        } else {
            let end = self.toc.subtree_end.get(node).copied().unwrap_or(node);
            current.is_some_and(|c| c >= node && c < end)
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

    /// Recompute the visible rows of both lists (only when the filter, the entry being read or
    /// a fold changed: with a filter typed it reads every label).
    fn update_rows(&mut self, outline: &Outline, current: Option<usize>) {
        let needle = self.filter_text().to_lowercase();
        self.terms.rows = (0..self.terms.terms.len())
            .filter(|&i| {
                needle.is_empty() || self.terms.terms[i].phrase.to_lowercase().contains(&needle)
            })
            .collect();
        let key = (needle, current, self.toc.folds_changed);
        if self.toc.rows_for.as_ref() == Some(&key) {
            return;
        }
        let needle = &key.0;
        let nodes = &outline.nodes;
        let mut rows = Vec::new();
        if needle.is_empty() {
            let mut i = 0;
            while i < nodes.len() {
                rows.push(i);
                i = if self.expanded(i, current) {
                    i + 1
                } else {
                    self.toc
                        .subtree_end
                        .get(i)
                        .copied()
                        .unwrap_or(i + 1)
                        .max(i + 1)
                };
            }
        } else {
            let mut shown = vec![false; nodes.len()];
            for (i, node) in nodes.iter().enumerate() {
                if node.label.to_lowercase().contains(needle.as_str()) {
                    shown[i] = true;
                    let mut p = node.parent();
                    while let Some(a) = p {
                        shown[a] = true;
                        p = nodes[a].parent();
                    }
                }
            }
            rows.extend((0..nodes.len()).filter(|&i| shown[i]));
        }
        self.toc.rows = rows;
        self.toc.rows_for = Some(key);
        if self.filter.is_some()
            && let Some(&first) = self.toc.rows.first()
            && !self.toc.rows.contains(&self.toc.selected)
        {
            self.toc.selected = first;
        }
        if self.filter.is_some()
            && let Some(&first) = self.terms.rows.first()
            && !self.terms.rows.contains(&self.terms.selected)
        {
            self.terms.selected = first;
        }
    }

    /// While the article has the keys the selection follows the reading position: the entry
    /// being read or its nearest visible ancestor.
    fn follow(&mut self, outline: &Outline, current: Option<usize>) {
        let mut node = current;
        while let Some(n) = node {
            if self.toc.rows.binary_search(&n).is_ok() {
                if self.toc.selected != n {
                    self.toc.selected = n;
                    self.reveal = true;
                }
                return;
            }
            node = outline.nodes.get(n).and_then(|x| x.parent());
        }
    }

    /// Keep the offsets in range for a list `height` rows high, and the selection in view
    /// unless the wheel scrolled away from it.
    fn clamp(&mut self, height: usize) {
        let height = height.max(1);
        for (rows, selected, offset) in [
            (&self.toc.rows, self.toc.selected, &mut self.toc.offset),
            (
                &self.terms.rows,
                self.terms.selected,
                &mut self.terms.offset,
            ),
            (
                &self.marks.rows,
                self.marks.selected,
                &mut self.marks.offset,
            ),
        ] {
            if self.reveal
                && let Some(row) = rows.iter().position(|&n| n == selected)
            {
                if row < *offset {
                    *offset = row;
                } else if row >= *offset + height {
                    *offset = row + 1 - height;
                }
            }
            *offset = (*offset).min(rows.len().saturating_sub(height));
        }
    }
}
