//! Table layout: a [`Table`]'s cells arranged at the reading width, as a grid whose cells wrap
//! at word boundaries inside their columns, or as stacked `Header: value` records when even the
//! narrowest grid cannot fit.
//!
//! A table line is not one byte range of the block's text: it is a list of [`Segment`]s (cell
//! text, padding, rules). Each line still gets a key byte offset — the first cell byte it shows,
//! or for a rule line the terminator of the row above — strictly increasing down the table, so
//! positions stay text coordinates and survive a width change.

use std::ops::Range;

use super::{display_width, longest_word, wrap_text};
use crate::document::{Align, Block, Table};

/// Columns of the separator between two grid columns (` │ `).
const SEPARATOR: usize = 3;

/// A word longer than this may be broken inside a grid column (a long URL or identifier);
/// when the grid still cannot fit, the table is stacked.
const LONG_WORD: usize = 16;

/// One piece of a laid-out table line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Segment {
    /// Text of the block, drawn with its style runs; `strong` for header cells and labels.
    Text {
        /// Byte range in the block's text.
        byte_range: Range<usize>,
        /// Drawn bold (header cells, the labels of stacked records).
        strong: bool,
    },
    /// This many blank columns.
    Pad(usize),
    /// Table furniture (`│`, `─┼─`, `: `), drawn dimmed; never wraps.
    Rule(String),
}

/// A table laid out at one width: per line its key range and its segments.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct TableLines {
    /// Key range of every line (see the module docs), starts strictly increasing when the text
    /// has bytes enough.
    pub lines: Vec<Range<usize>>,
    /// What every line shows.
    pub segments: Vec<Vec<Segment>>,
    /// True when the stacked layout was used.
    pub stacked: bool,
}

impl TableLines {
    fn push(&mut self, key: usize, segments: Vec<Segment>, text_len: usize) {
        let key = match self.lines.last() {
            Some(prev) if key <= prev.start => (prev.start + 1).min(text_len),
            _ => key.min(text_len),
        };
        self.lines.push(key..key);
        self.segments.push(segments);
    }
}

/// Lay out the table of `block` at `width` columns.
#[must_use]
pub fn layout(block: &Block, table: &Table, width: usize) -> TableLines {
    let width = width.max(1);
    let columns = table.columns();
    let mut out = TableLines::default();
    if columns == 0 || table.rows.is_empty() {
        out.push(0, Vec::new(), block.text.len());
        return out;
    }
    match column_widths(block, table, width) {
        Some(widths) => grid(block, table, &widths, &mut out),
        None => stacked(block, table, width, &mut out),
    }
    out
}

/// Column widths for a grid at `width`, or `None` when no grid fits.
fn column_widths(block: &Block, table: &Table, width: usize) -> Option<Vec<usize>> {
    let columns = table.columns();
    let mut max = vec![1usize; columns];
    let mut min = vec![1usize; columns];
    // The longest word of each column: given that, no word of the column breaks.
    let mut word_max = vec![1usize; columns];
    for row in &table.rows {
        for (c, cell) in row.iter().enumerate() {
            let text = &block.text[cell.clone()];
            max[c] = max[c].max(display_width(text));
            let word = longest_word(text);
            word_max[c] = word_max[c].max(word);
            min[c] = min[c].max(word.min(LONG_WORD));
        }
    }
    let avail = width.checked_sub(SEPARATOR * (columns - 1))?;
    if max.iter().sum::<usize>() <= avail {
        return Some(max);
    }
    let min_total: usize = min.iter().sum();
    if min_total > avail {
        return None;
    }
    // First spare whole words: widen the columns whose longest word would break, the cheapest
    // first.
    let mut extra = avail - min_total;
    let mut by_deficit: Vec<usize> = (0..columns).filter(|&c| word_max[c] > min[c]).collect();
    by_deficit.sort_by_key(|&c| word_max[c] - min[c]);
    for c in by_deficit {
        // A column that cannot get all it needs still gets what is left: fewer words break.
        let give = (word_max[c] - min[c]).min(extra);
        min[c] += give;
        extra -= give;
    }
    // Then share what is left in proportion to what each column still wants.
    let wants: Vec<usize> = max.iter().zip(&min).map(|(a, b)| a - b).collect();
    let total_want: usize = wants.iter().sum::<usize>().max(1);
    let mut widths: Vec<usize> = min
        .iter()
        .zip(&wants)
        .map(|(m, w)| m + extra * w / total_want)
        .collect();
    let mut left = avail - widths.iter().sum::<usize>();
    while left > 0 {
        let Some(c) = (0..columns)
            .filter(|&c| widths[c] < max[c])
            .max_by_key(|&c| max[c] - widths[c])
        else {
            break;
        };
        widths[c] += 1;
        left -= 1;
    }
    Some(widths)
}

/// The wrapped lines of one cell at `width`, as absolute byte ranges.
fn cell_lines(block: &Block, cell: &Range<usize>, width: usize) -> Vec<Range<usize>> {
    wrap_text(&block.text[cell.clone()], width)
        .into_iter()
        .map(|r| cell.start + r.start..cell.start + r.end)
        .collect()
}

/// Text padded to `width` by its column's alignment.
fn aligned(
    block: &Block,
    range: Range<usize>,
    width: usize,
    align: Align,
    strong: bool,
) -> Vec<Segment> {
    let gap = width.saturating_sub(display_width(&block.text[range.clone()]));
    let (left, right) = match align {
        Align::Right => (gap, 0),
        Align::Center => (gap / 2, gap - gap / 2),
        Align::Left => (0, gap),
    };
    let mut out = Vec::with_capacity(3);
    if left > 0 {
        out.push(Segment::Pad(left));
    }
    if !range.is_empty() {
        out.push(Segment::Text {
            byte_range: range,
            strong,
        });
    }
    if right > 0 {
        out.push(Segment::Pad(right));
    }
    out
}

/// A rule line across the grid: `─` under each column, `joint` between them.
fn rule(widths: &[usize], line: char, joint: char) -> Vec<Segment> {
    let mut s = String::new();
    for (c, w) in widths.iter().enumerate() {
        if c > 0 {
            s.push(line);
            s.push(joint);
            s.push(line);
        }
        s.extend(std::iter::repeat_n(line, *w));
    }
    vec![Segment::Rule(s)]
}

/// The end of a row's text (its last cell's terminator), the key of a rule under it.
fn row_end(row: &[Range<usize>]) -> usize {
    row.last().map_or(0, |c| c.end)
}

fn grid(block: &Block, table: &Table, widths: &[usize], out: &mut TableLines) {
    let len = block.text.len();
    let wrapped: Vec<Vec<Vec<Range<usize>>>> = table
        .rows
        .iter()
        .map(|row| {
            row.iter()
                .zip(widths)
                .map(|(cell, w)| cell_lines(block, cell, *w))
                .collect()
        })
        .collect();
    let multi_line = wrapped
        .iter()
        .skip(table.header_rows)
        .any(|row| row.iter().any(|c| c.len() > 1));
    for (r, (row, cells)) in table.rows.iter().zip(&wrapped).enumerate() {
        let header = r < table.header_rows;
        if r > table.header_rows && multi_line {
            out.push(row_end(&table.rows[r - 1]), rule(widths, '╌', '┼'), len);
        }
        let height = cells.iter().map(Vec::len).max().unwrap_or(1).max(1);
        for k in 0..height {
            let mut segments = Vec::new();
            let mut key = None;
            for (c, w) in widths.iter().enumerate() {
                if c > 0 {
                    segments.push(Segment::Rule(" │ ".into()));
                }
                let range = cells.get(c).and_then(|l| l.get(k)).cloned();
                if let Some(range) = &range
                    && !range.is_empty()
                {
                    key = Some(key.map_or(range.start, |k: usize| k.min(range.start)));
                }
                let align = table.aligns.get(c).copied().unwrap_or_default();
                let range = range.unwrap_or(0..0);
                segments.extend(aligned(block, range, *w, align, header));
            }
            trim_end(&mut segments);
            let key = key.unwrap_or_else(|| row.first().map_or(0, |c| c.start));
            out.push(key, segments, len);
        }
        if r + 1 == table.header_rows {
            out.push(row_end(row), rule(widths, '─', '┼'), len);
        }
    }
}

/// Drop padding at the end of a line.
fn trim_end(segments: &mut Vec<Segment>) {
    while matches!(segments.last(), Some(Segment::Pad(_))) {
        segments.pop();
    }
}

fn stacked(block: &Block, table: &Table, width: usize, out: &mut TableLines) {
    out.stacked = true;
    let len = block.text.len();
    let header = table
        .rows
        .get(..table.header_rows)
        .and_then(<[Vec<Range<usize>>]>::last);
    let body = &table.rows[table.header_rows.min(table.rows.len())..];
    for (r, row) in body.iter().enumerate() {
        if r > 0 {
            let above = &body[r - 1];
            out.push(
                row_end(above),
                vec![Segment::Rule("╌".repeat(width.min(40)))],
                len,
            );
        }
        let mut shown = false;
        for (c, cell) in row.iter().enumerate() {
            let label = header.and_then(|h| h.get(c)).filter(|l| !l.is_empty());
            if cell.is_empty() {
                continue;
            }
            shown = true;
            record_field(block, label.cloned(), cell, width, out);
        }
        if !shown {
            let key = row.first().map_or(0, |c| c.start);
            out.push(key, Vec::new(), len);
        }
    }
}

/// One `Label: value` field of a stacked record; the value wraps under itself, or under the
/// label when the label takes more than a third of the width and the value does not fit beside.
fn record_field(
    block: &Block,
    label: Option<Range<usize>>,
    cell: &Range<usize>,
    width: usize,
    out: &mut TableLines,
) {
    let len = block.text.len();
    let Some(label) = label else {
        for line in cell_lines(block, cell, width) {
            let key = line.start;
            out.push(key, vec![text(line, false)], len);
        }
        return;
    };
    let label_width = display_width(&block.text[label.clone()]) + 2;
    let head = vec![text(label, true), Segment::Rule(": ".into())];
    let fits_beside = label_width + display_width(&block.text[cell.clone()]) <= width;
    if label_width * 3 > width && !fits_beside {
        out.push(cell.start, head, len);
        for line in cell_lines(block, cell, width.saturating_sub(2)) {
            let key = line.start;
            out.push(key, vec![Segment::Pad(2), text(line, false)], len);
        }
        return;
    }
    for (i, line) in cell_lines(block, cell, width - label_width)
        .into_iter()
        .enumerate()
    {
        let key = line.start;
        let mut segments = if i == 0 {
            head.clone()
        } else {
            vec![Segment::Pad(label_width)]
        };
        segments.push(text(line, false));
        out.push(key, segments, len);
    }
}

fn text(byte_range: Range<usize>, strong: bool) -> Segment {
    Segment::Text { byte_range, strong }
}

/// The plain text of a table line (for plain output and tests).
#[must_use]
pub fn line_text(block: &Block, segments: &[Segment]) -> String {
    let mut out = String::new();
    for s in segments {
        match s {
            Segment::Text { byte_range, .. } => {
                out.push_str(block.text.get(byte_range.clone()).unwrap_or_default());
            }
            Segment::Pad(n) => out.extend(std::iter::repeat_n(' ', *n)),
            Segment::Rule(r) => out.push_str(r),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown;

    fn table_block(src: &str) -> Block {
        let doc = markdown::parse(src);
        doc.blocks
            .into_iter()
            .find(|b| b.table().is_some())
            .expect("a table")
    }

    fn render(block: &Block, width: usize) -> (Vec<String>, TableLines) {
        let table = block.table().expect("cells");
        let laid = layout(block, table, width);
        let lines = laid.segments.iter().map(|s| line_text(block, s)).collect();
        (lines, laid)
    }

    const WIDE: &str = "| Crate | What it does | Licence |\n|---|---|--:|\n\
        | ripgrep | Recursively searches directories for a regex pattern while respecting your gitignore | MIT |\n\
        | fd | A simple, fast and user-friendly alternative to find | Apache-2.0 |\n";

    #[test]
    fn a_narrow_table_keeps_its_natural_widths() {
        let b = table_block("| a | bb |\n|---|:-:|\n| ccc | d |\n");
        let (lines, laid) = render(&b, 80);
        assert_eq!(lines, ["a   │ bb", "────┼───", "ccc │ d"]);
        assert!(!laid.stacked);
    }

    #[test]
    fn cells_wrap_at_words_and_every_line_fits() {
        let b = table_block(WIDE);
        // The narrowest grid: the longest words of each column and two separators.
        let narrowest = "ripgrep".len() + "user-friendly".len() + "Apache-2.0".len() + 6;
        assert!(render(&b, narrowest - 1).1.stacked);
        for width in narrowest..=120 {
            let (lines, laid) = render(&b, width);
            assert!(!laid.stacked, "grid at {width}");
            for line in &lines {
                assert!(display_width(line) <= width, "{line:?} at {width}");
            }
            // Words are whole: every word of the source appears on one line.
            let all = lines.join("\n");
            for word in ["Recursively", "gitignore", "user-friendly", "Apache-2.0"] {
                assert!(all.contains(word), "{word} broken at {width}:\n{all}");
            }
            // The header rule is one line.
            assert_eq!(
                lines
                    .iter()
                    .filter(|l| l.contains('┼') && l.contains('─'))
                    .count(),
                1
            );
        }
    }

    #[test]
    fn too_narrow_for_a_grid_stacks_records() {
        let b = table_block(WIDE);
        let (lines, laid) = render(&b, 24);
        assert!(laid.stacked);
        assert_eq!(lines[0], "Crate: ripgrep");
        assert!(lines[1].starts_with("What it does:"), "{lines:?}");
        assert!(lines.iter().any(|l| l == "Licence: Apache-2.0"));
        for line in &lines {
            assert!(display_width(line) <= 24, "{line:?}");
        }
    }

    #[test]
    fn keys_increase_and_point_into_the_text() {
        let b = table_block(WIDE);
        for width in [10, 24, 40, 80] {
            let (_, laid) = render(&b, width);
            for pair in laid.lines.windows(2) {
                assert!(pair[0].start < pair[1].start, "{width}: {:?}", laid.lines);
            }
            assert!(laid.lines.iter().all(|r| r.end <= b.text.len()));
        }
        // Empty cells everywhere still give distinct keys.
        let b = table_block("| |\n|-|\n| |\n| |\n");
        let (_, laid) = render(&b, 20);
        for pair in laid.lines.windows(2) {
            assert!(pair[0].start < pair[1].start, "{:?}", laid.lines);
        }
    }

    #[test]
    fn header_cells_are_strong_and_links_stay_in_cells() {
        let b = table_block("| Name | Site |\n|---|---|\n| x | [home](https://x.example) |\n");
        let (_, laid) = render(&b, 80);
        let strong: Vec<&str> = laid
            .segments
            .iter()
            .flatten()
            .filter_map(|s| match s {
                Segment::Text {
                    byte_range,
                    strong: true,
                } => Some(&b.text[byte_range.clone()]),
                _ => None,
            })
            .collect();
        assert_eq!(strong, ["Name", "Site"]);
        let link = &b.links()[0];
        assert_eq!(&b.text[link.byte_range.clone()], "home");
        assert!(laid.segments.iter().flatten().any(|s| matches!(s,
            Segment::Text { byte_range, .. } if *byte_range == link.byte_range)));
    }

    #[test]
    fn wide_characters_and_ragged_rows_fit() {
        let b = table_block(
            "| 名前 | 説明 | 👩‍🔬 |\n|---|:-:|---|\n| 東京 | 日本の首都です。人口は多い。 | ✓ |\n\
             | x | | a-very-long-identifier-without-spaces-at-all |\n| only one |\n",
        );
        for width in 1..70 {
            let (lines, _) = render(&b, width);
            if width >= 20 {
                for line in &lines {
                    assert!(display_width(line) <= width, "{line:?} at {width}");
                }
            }
        }
    }

    #[test]
    fn degenerate_tables_do_not_panic() {
        for src in ["|a|\n|-|\n", "| a | b |\n|---|---|\n| 1 |\n| 1 | 2 | 3 |\n"] {
            let b = table_block(src);
            for width in 0..40 {
                let _ = render(&b, width);
            }
        }
    }
}
