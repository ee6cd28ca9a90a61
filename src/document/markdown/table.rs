//! A Markdown table collected into one [`BlockKind::Table`] block: every cell's text, runs and
//! links in reading order, with the cell ranges in [`Table`]. Layout happens later, at the
//! reading width (`layout::table`).

use pulldown_cmark::Alignment;

use crate::document::{Align, Block, BlockKind, Link, StyleRun, Table};

/// A table being built, cell by cell.
pub(super) struct TableBuilder {
    text: String,
    runs: Vec<StyleRun>,
    links: Vec<Link>,
    table: Table,
}

impl TableBuilder {
    /// A new table with the alignments of its delimiter row.
    pub(super) fn new(aligns: &[Alignment]) -> Self {
        let aligns = aligns
            .iter()
            .map(|a| match a {
                Alignment::Center => Align::Center,
                Alignment::Right => Align::Right,
                Alignment::Left | Alignment::None => Align::Left,
            })
            .collect();
        Self {
            text: String::new(),
            runs: Vec::new(),
            links: Vec::new(),
            table: Table {
                aligns,
                rows: Vec::new(),
                header_rows: 0,
            },
        }
    }

    /// Start a row (the header row too).
    pub(super) fn start_row(&mut self) {
        self.table.rows.push(Vec::new());
    }

    /// The rows so far are the header.
    pub(super) fn end_head(&mut self) {
        self.table.header_rows = self.table.rows.len();
    }

    /// Add a cell to the current row: its text with runs and links relative to it.
    pub(super) fn push_cell(&mut self, text: &str, runs: Vec<StyleRun>, links: Vec<Link>) {
        if self.table.rows.is_empty() {
            self.start_row();
        }
        let base = self.text.len();
        // A hard break inside a cell (`<br>` aside, not possible in Markdown) reads as a space.
        self.text.push_str(&text.replace('\n', " "));
        let end = self.text.len();
        self.text.push('\n');
        self.runs.extend(
            runs.into_iter()
                .map(|r| r.with_range(r.range().start + base..r.range().end + base)),
        );
        self.links.extend(links.into_iter().map(|mut l| {
            l.byte_range = l.byte_range.start + base..l.byte_range.end + base;
            l
        }));
        if let Some(row) = self.table.rows.last_mut() {
            row.push(base..end);
        }
    }

    /// The finished block.
    pub(super) fn finish(self) -> Block {
        let mut block = Block::with_runs(BlockKind::Table, self.text, self.runs);
        block.source_lines = u32::try_from(self.table.rows.len() + 1).unwrap_or(u32::MAX);
        block.set_links(self.links);
        block.set_table(self.table);
        block
    }
}
