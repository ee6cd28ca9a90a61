//! The side panel's lists: the rows shown (after folds and the filter), the selection, the
//! scroll offsets, folding, and following the node being read.

use super::{SidePanel, SideView};
use crate::action::Action;
use crate::app::content::Content;
use crate::outline::Outline;

/// The filter names paragraph entries (to match their labels) up to this many paragraphs: a
/// 1 GB text has two million, which would take seconds on every key.
const FILTER_NAMES_ENTRIES_UP_TO: usize = 200_000;

impl SidePanel {
    pub(super) fn rows_and_selected(&mut self) -> (&[usize], &mut usize) {
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
        let has_children = outline.subtree_end(sel).is_some_and(|e| e > sel + 1);
        if has_children && self.expanded(outline, sel, current) != open {
            self.set_fold(outline, sel, open);
            self.toc.folds_changed += 1;
        } else if !open {
            if let Some(parent) = outline
                .nodes
                .get(sel)
                .and_then(crate::outline::Node::parent)
            {
                self.set_fold(outline, parent, false);
                self.toc.folds_changed += 1;
                self.toc.selected = parent;
            }
        } else if has_children {
            self.move_selection(Action::EntryDown);
        }
        self.reveal = true;
    }

    /// Fold or unfold `node` for good (the fold table is made at the first fold).
    fn set_fold(&mut self, outline: &Outline, node: usize, open: bool) {
        if self.toc.fold.len() < outline.nodes.len() {
            self.toc.fold.resize(outline.nodes.len(), None);
        }
        if let Some(f) = self.toc.fold.get_mut(node) {
            *f = Some(open);
        }
    }

    pub(super) fn expanded(&self, outline: &Outline, node: usize, current: Option<usize>) -> bool {
        if let Some(open) = self.toc.fold.get(node).copied().flatten() {
            open
        } else {
            let end = outline.subtree_end(node).unwrap_or(node);
            current.is_some_and(|c| c >= node && c < end)
        }
    }

    /// Recompute the visible rows of both lists (only when the filter, the entry being read or
    /// a fold changed: with a filter typed it reads every label).
    pub(super) fn update_rows(&mut self, content: &Content, current: Option<usize>) {
        let outline = &content.outline;
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
                i = if self.expanded(outline, i, current) {
                    i + 1
                } else {
                    outline.subtree_end(i).unwrap_or(i + 1).max(i + 1)
                };
            }
        } else {
            let mut shown = vec![false; nodes.len()];
            // Paragraph entries are named on demand: past this many, naming them all on every
            // key of the filter would stall it, so it reads the stored labels only (headings,
            // sections, entries of a run).
            let name_entries = outline.paragraphs.len() <= FILTER_NAMES_ENTRIES_UP_TO;
            for (i, node) in nodes.iter().enumerate() {
                let label = if name_entries {
                    outline.label(&content.doc, i)
                } else {
                    std::borrow::Cow::Borrowed(node.label.as_str())
                };
                if label.to_lowercase().contains(needle.as_str()) {
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
    pub(super) fn follow(&mut self, outline: &Outline, current: Option<usize>) {
        let mut node = current;
        while let Some(n) = node {
            if self.toc.rows.binary_search(&n).is_ok() {
                if self.toc.selected != n {
                    self.toc.selected = n;
                    self.reveal = true;
                }
                return;
            }
            node = outline.nodes.get(n).and_then(crate::outline::Node::parent);
        }
    }

    /// Keep the offsets in range for a list `height` rows high, and the selection in view
    /// unless the wheel scrolled away from it.
    pub(super) fn clamp(&mut self, height: usize) {
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
