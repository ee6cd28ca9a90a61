//! The side panel's lists: the rows shown (after folds and the filter), the selection, the
//! scroll offsets, folding, and following the node being read.

use super::{SidePanel, SideView};
use crate::action::Action;
use crate::app::content::Content;
use crate::outline::Outline;

/// The filter names every paragraph entry (to match its label) on the key up to this many
/// paragraphs (a couple of milliseconds); past it the stored labels match at once and the
/// entries are named in slices between keys ([`FilterScan`]): at about 1.4 µs an entry, a
/// 20 MB text's 40,000 took 60 ms a key, a 1 GB text's two million seconds.
const FILTER_NAMES_ENTRIES_UP_TO: usize = if cfg!(test) { 100 } else { 2_000 };

/// Entries named between two looks at the clock (under a millisecond at 1 GB).
const SCAN_STRIDE: usize = 256;

/// The longest slice of naming between keys: a key waits at most this long behind it.
const SCAN_SLICE: std::time::Duration = std::time::Duration::from_millis(3);

/// A filter of a long text's contents still naming its paragraph entries, a slice at a time
/// between keys: the rows shown grow as entries match.
#[derive(Clone, Debug, Default)]
pub(super) struct FilterScan {
    /// The filter, lowercased.
    needle: String,
    /// The next node to name.
    next: usize,
    /// Per node: it matches or has a descendant that does.
    shown: Vec<bool>,
}

/// Show node `i` and its ancestors; the nodes newly shown go to `added`.
fn show_with_ancestors(shown: &mut [bool], outline: &Outline, i: usize, added: &mut Vec<usize>) {
    let mut p = Some(i);
    while let Some(a) = p {
        if shown[a] {
            break;
        }
        shown[a] = true;
        added.push(a);
        p = outline.nodes[a].parent();
    }
}

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
        } else if self.toc.scan.as_ref().is_some_and(|s| s.needle == *needle) {
            // This filter's scan is under way or done: its rows stand (the entry being read
            // does not change them).
            rows = std::mem::take(&mut self.toc.rows);
        } else {
            // The stored labels (headings, sections, entries of a run) now; the entries named
            // on demand in slices (`filter_work`).
            let mut shown = vec![false; nodes.len()];
            for (i, node) in nodes.iter().enumerate() {
                if !named_on_demand(node) && node.label.to_lowercase().contains(needle.as_str()) {
                    show_with_ancestors(&mut shown, outline, i, &mut rows);
                }
            }
            rows.sort_unstable();
            self.toc.scan = Some(FilterScan {
                needle: needle.clone(),
                next: 0,
                shown,
            });
        }
        if needle.is_empty() {
            self.toc.scan = None;
        }
        self.toc.rows = rows;
        if outline.paragraphs.len() <= FILTER_NAMES_ENTRIES_UP_TO {
            // A short text's entries are all named now.
            while self.filter_pending() {
                self.filter_work(content, SCAN_SLICE);
            }
        }
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

    /// True while the contents filter is still naming entries (a long text's).
    #[must_use]
    pub fn filter_pending(&self) -> bool {
        self.toc
            .scan
            .as_ref()
            .is_some_and(|s| s.next < s.shown.len())
    }

    /// Name paragraph entries for the filter for about `budget` (at most 3 ms), and
    /// show those that match;
    /// returns true when the rows changed.
    pub fn filter_work(&mut self, content: &Content, budget: std::time::Duration) -> bool {
        let (start, budget) = (std::time::Instant::now(), budget.min(SCAN_SLICE));
        let outline = &content.outline;
        let Some(scan) = self.toc.scan.as_mut() else {
            return false;
        };
        let n = scan.shown.len().min(outline.nodes.len());
        let mut added = Vec::new();
        while scan.next < n {
            let end = (scan.next + SCAN_STRIDE).min(n);
            for i in scan.next..end {
                if named_on_demand(&outline.nodes[i])
                    && outline
                        .label(&content.doc, i)
                        .to_lowercase()
                        .contains(scan.needle.as_str())
                {
                    show_with_ancestors(&mut scan.shown, outline, i, &mut added);
                }
            }
            scan.next = end;
            if start.elapsed() >= budget {
                break;
            }
        }
        if scan.next >= n {
            scan.next = scan.shown.len();
        }
        if added.is_empty() {
            return !self.filter_pending();
        }
        // In node order (only the rows shown are sorted, not every node).
        self.toc.rows.extend(added);
        self.toc.rows.sort_unstable();
        if let Some(&first) = self.toc.rows.first()
            && !self.toc.rows.contains(&self.toc.selected)
        {
            self.toc.selected = first;
        }
        true
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

/// True for a paragraph entry whose label is made when shown (not stored).
fn named_on_demand(node: &crate::outline::Node) -> bool {
    matches!(node.kind, crate::outline::NodeKind::Paragraph { .. }) && node.label.is_empty()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::plain;
    use std::sync::Arc;
    use std::time::Duration;

    /// A side panel over a text longer than the filter names at once, its filter typed.
    fn filtered(needle: &str) -> (SidePanel, Content) {
        let text: String = (0..300)
            .map(|k| {
                let topic = if k % 7 == 0 {
                    "rivers and bridges"
                } else {
                    "hills and farms"
                };
                format!("Entry {k} is about {topic}, with words enough for a paragraph here.\n\n")
            })
            .collect();
        let doc = plain::parse(&text, false);
        let content = Content {
            outline: crate::outline::build(&doc),
            doc: Arc::new(doc),
            outline_ready: true,
            ..Content::default()
        };
        assert!(content.outline.paragraphs.len() > FILTER_NAMES_ENTRIES_UP_TO);
        let mut side = SidePanel::default();
        side.open_filter();
        for c in needle.chars() {
            side.filter_action(Action::Type, Some(c));
        }
        side.update_rows(&content, None);
        (side, content)
    }

    #[test]
    fn a_long_texts_filter_names_its_entries_between_keys_and_ends_with_every_match() {
        let (mut side, content) = filtered("rivers");
        assert!(side.filter_pending(), "the entries are named later");
        let outline = &content.outline;
        // Every node whose label holds the filter, and its ancestors, in order.
        let expected: Vec<usize> = (0..outline.nodes.len())
            .filter(|&i| {
                let subtree = i..outline.subtree_end(i).unwrap_or(i + 1);
                subtree.into_iter().any(|j| {
                    outline
                        .label(&content.doc, j)
                        .to_lowercase()
                        .contains("rivers")
                })
            })
            .collect();
        assert!(side.toc.rows.len() < expected.len());
        let mut slices = 0;
        while side.filter_pending() {
            side.filter_work(&content, Duration::from_millis(1));
            slices += 1;
            assert!(slices < 10_000, "the scan ends");
        }
        assert_eq!(side.toc.rows, expected);
        assert!(side.toc.rows.contains(&side.toc.selected));
        // Moving the reading position keeps the finished scan; a new filter starts another.
        side.update_rows(&content, Some(3));
        assert_eq!(side.toc.rows, expected);
        side.filter_action(Action::Type, Some('x'));
        side.update_rows(&content, Some(3));
        assert!(side.filter_pending());
    }
}
