//! HTML tables: data tables become one [`BlockKind::Table`] block (its cells in [`Table`], laid
//! out at the reading width like Markdown tables); tables used
//! for page layout (cells holding headings, sections or other tables, or long text) are
//! rendered as their content instead.

use crate::document::{Align, Block, BlockKind, Table};
use dom_query::NodeRef;

/// Cells longer than this (bytes) mark a layout table.
pub const MAX_CELL_TEXT: usize = 400;
/// Most nodes looked at to decide; a bigger table is drawn as content.
pub const MAX_SCAN: usize = 20_000;

/// Elements that mark a layout table when found inside it: paragraphs, divisions and lists in
/// a cell are drawn inline (joined by spaces); sections, headings, nested tables and
/// preformatted text mean a page layout.
#[must_use]
pub fn marks_layout(name: &str) -> bool {
    matches!(
        name,
        "table"
            | "blockquote"
            | "pre"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "section"
            | "article"
            | "figure"
    )
}

/// True when `table` lays out a page rather than holding data.
#[must_use]
pub fn is_layout(table: &NodeRef<'_>) -> bool {
    let mut seen = 0;
    let mut cells = 0;
    for node in table.descendants_it() {
        seen += 1;
        if seen > MAX_SCAN {
            return true;
        }
        let Some(name) = node.node_name() else {
            continue;
        };
        match &*name {
            n if marks_layout(n) => return true,
            "td" | "th" => {
                cells += 1;
                if node.text().len() > MAX_CELL_TEXT {
                    return true;
                }
            }
            _ => {}
        }
    }
    cells == 0
}

/// A data table being collected.
#[derive(Debug, Default)]
pub struct TableCtx {
    rows: Vec<Vec<String>>,
    /// Per row: true when every cell is a header cell.
    header: Vec<bool>,
    in_row: bool,
    /// The open cell: `Some(true)` for a header cell.
    cell: Option<bool>,
    row_all_headers: bool,
}

impl TableCtx {
    /// True while a cell is open.
    #[must_use]
    pub fn in_cell(&self) -> bool {
        self.cell.is_some()
    }

    /// A `<tr>` starts.
    pub fn start_row(&mut self) {
        self.rows.push(Vec::new());
        self.header.push(false);
        self.in_row = true;
        self.row_all_headers = true;
    }

    /// The `<tr>` ends.
    pub fn end_row(&mut self) {
        if let (Some(flag), Some(row)) = (self.header.last_mut(), self.rows.last()) {
            *flag = self.row_all_headers && !row.is_empty();
        }
        self.in_row = false;
    }

    /// A cell starts (a row is opened for cells outside any `<tr>`).
    pub fn start_cell(&mut self, header: bool) {
        if !self.in_row {
            self.start_row();
        }
        self.cell = Some(header);
    }

    /// The cell ends with this (sanitized) text.
    pub fn end_cell(&mut self, text: String) {
        self.row_all_headers &= self.cell.take().unwrap_or(false);
        if let Some(row) = self.rows.last_mut() {
            row.push(text);
        }
    }

    /// The table block (cells laid out later, at the reading width), or `None` for a table
    /// without text. Leading rows of header cells are its header.
    #[must_use]
    pub fn draw(mut self) -> Option<Block> {
        if self.in_row {
            self.end_row();
        }
        let keep: Vec<usize> = (0..self.rows.len())
            .filter(|&i| self.rows[i].iter().any(|c| !c.is_empty()))
            .collect();
        if keep.is_empty() {
            return None;
        }
        let columns = keep.iter().map(|&i| self.rows[i].len()).max().unwrap_or(0);
        let header_rows = keep.iter().take_while(|&&i| self.header[i]).count();
        let mut text = String::new();
        let mut rows = Vec::with_capacity(keep.len());
        for &i in &keep {
            let mut row = Vec::with_capacity(self.rows[i].len());
            for cell in &self.rows[i] {
                let start = text.len();
                text.push_str(cell);
                row.push(start..text.len());
                text.push('\n');
            }
            rows.push(row);
        }
        let mut block = Block::new(BlockKind::Table, text);
        block.source_lines = u32::try_from(keep.len() + 1).unwrap_or(u32::MAX);
        block.set_table(Table {
            aligns: vec![Align::Left; columns],
            rows,
            header_rows: header_rows.min(keep.len().saturating_sub(1)),
        });
        Some(block)
    }
}
