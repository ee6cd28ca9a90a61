//! HTML tables: data tables become one [`BlockKind::Table`] block drawn as a grid; tables used
//! for page layout (cells holding headings, sections or other tables, or long text) are
//! rendered as their content instead.

use dom_query::NodeRef;
use unicode_width::UnicodeWidthStr;

use crate::document::{Block, BlockKind, Inline, StyleRun};

/// Cells longer than this (bytes) mark a layout table.
const MAX_CELL_TEXT: usize = 400;
/// Most nodes looked at to decide; a bigger table is drawn as content.
const MAX_SCAN: usize = 20_000;

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
            // Paragraphs, divisions and lists in a cell are drawn inline (joined by spaces);
            // sections, headings, nested tables and preformatted text mean a page layout.
            "table" | "blockquote" | "pre" | "h1" | "h2" | "h3" | "h4" | "h5" | "h6"
            | "section" | "article" | "figure" => return true,
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

    /// The grid, or `None` for a table without text.
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
        let mut widths = vec![0usize; columns];
        for &i in &keep {
            for (w, cell) in widths.iter_mut().zip(&self.rows[i]) {
                *w = (*w).max(cell.width());
            }
        }
        let mut text = String::new();
        let mut runs = Vec::new();
        for (n, &i) in keep.iter().enumerate() {
            if n > 0 {
                text.push('\n');
            }
            let start = text.len();
            for (c, width) in widths.iter().enumerate() {
                if c > 0 {
                    text.push_str(" │ ");
                }
                let cell = self.rows[i].get(c).map_or("", String::as_str);
                text.push_str(cell);
                text.extend(std::iter::repeat_n(' ', width.saturating_sub(cell.width())));
            }
            text.truncate(text.trim_end().len().max(start));
            let header = self.header[i];
            if header && text.len() > start {
                runs.push(StyleRun::new(start..text.len(), Inline::STRONG));
            }
            let next_is_body = keep.get(n + 1).is_some_and(|&j| !self.header[j]);
            if header && next_is_body {
                text.push('\n');
                for (c, width) in widths.iter().enumerate() {
                    if c > 0 {
                        text.push_str("─┼─");
                    }
                    text.extend(std::iter::repeat_n('─', *width));
                }
            }
        }
        let mut block = Block::new(BlockKind::Table, text);
        block.source_lines = u32::try_from(keep.len() + 1).unwrap_or(u32::MAX);
        block.runs = runs;
        Some(block)
    }
}
