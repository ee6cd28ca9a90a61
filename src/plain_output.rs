//! Output when stdout is not a terminal: the document as wrapped plain text, the outline, or the
//! paragraphs that match a search. Everything printed was sanitized at load, so no escape byte
//! can reach the output.

use std::fmt::Write as _;

use crate::document::{Block, BlockKind, Document};
use crate::layout::{block_indent, gap_between, layout_block};
use crate::outline::{self, NodeKind};
use crate::search::{Matcher, Query};

/// Append one block, wrapped to `width`, to `out`.
fn push_block(out: &mut String, block: &Block, width: usize) {
    let lines = layout_block(block, width, false);
    let (indent, marker) = block_indent(block);
    let quote = "│ ".repeat(usize::from(block.quote_depth.min(8)));
    for (i, range) in lines.lines.iter().enumerate() {
        out.push_str(&quote);
        let pad = indent.saturating_sub(quote.chars().count());
        out.push_str(&" ".repeat(pad));
        match (&block.list, i) {
            (Some(item), 0) if !item.marker.is_empty() => {
                out.push_str(&item.marker);
                out.push(' ');
            }
            _ => out.push_str(&" ".repeat(marker)),
        }
        if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
            out.push_str("  ");
        }
        // The continuation of a soft-wrapped preformatted line, under its hanging indent.
        out.push_str(&" ".repeat(lines.hang_of(i)));
        if block.kind == BlockKind::Rule {
            out.push_str(&"─".repeat(width.min(40)));
        } else {
            out.push_str(block.text.get(range.clone()).unwrap_or_default().trim_end());
        }
        out.push('\n');
    }
}

/// The whole document as plain text wrapped to `width` columns.
#[must_use]
pub fn render_text(doc: &Document, width: usize) -> String {
    let mut out = String::new();
    // The title goes first unless the text already shows it (a title block, or a Markdown
    // document's first heading).
    let shown = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Title | BlockKind::Heading(_)) && b.text == doc.title);
    if !shown && !doc.title.is_empty() {
        let _ = writeln!(out, "{}\n", doc.title);
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 && gap_between(&doc.blocks[i - 1], block) {
            out.push('\n');
        }
        push_block(&mut out, block, width.max(1));
    }
    out
}

/// The paragraphs that match `query`, each under the name of its section, like a focused grep.
/// Returns `None` when nothing matches.
///
/// # Errors
/// When the pattern is invalid.
pub fn render_search(
    doc: &Document,
    query: &Query,
    width: usize,
) -> Result<Option<String>, String> {
    let matcher = Matcher::new(query)?;
    let outline = outline::build(doc);
    let mut out = String::new();
    let mut last_section = None;
    let mut hits = Vec::new();
    let mut any = false;
    for (i, block) in doc.blocks.iter().enumerate() {
        hits.clear();
        matcher.find_in_block(i, &block.text, &mut hits);
        if hits.is_empty() {
            continue;
        }
        any = true;
        let section = outline::current_node(&outline, i).and_then(|mut n| {
            loop {
                let node = &outline.nodes[n];
                if !matches!(node.kind, NodeKind::Paragraph { .. }) {
                    break Some(n);
                }
                n = node.parent?;
            }
        });
        if section != last_section || last_section.is_none() {
            let label =
                section.map_or_else(|| doc.title.clone(), |n| outline.nodes[n].label.clone());
            if !out.is_empty() {
                out.push('\n');
            }
            let _ = writeln!(out, "== {label}");
            last_section = section;
        }
        out.push('\n');
        push_block(&mut out, block, width.max(1));
    }
    Ok(any.then_some(out))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::loader::{Source, load_all};

    fn builtin() -> Document {
        load_all(Source::builtin()).0
    }

    #[test]
    fn plain_text_fits_the_width_and_has_no_escape_bytes() {
        let text = render_text(&builtin(), 60);
        assert!(text.contains("Building community"));
        for line in text.lines() {
            assert!(crate::layout::display_width(line) <= 60, "{line:?}");
        }
        assert!(!text.contains('\u{1b}'));
    }

    #[test]
    fn search_output_lists_only_matching_paragraphs() {
        let doc = builtin();
        let q = Query {
            text: "bidding farewell".into(),
            regex: false,
        };
        let out = render_search(&doc, &q, 80)
            .ok()
            .flatten()
            .unwrap_or_default();
        assert!(out.contains("== "));
        let paras = out.split("\n\n").filter(|p| !p.starts_with("==")).count();
        assert!(paras >= 1);
        assert!(out.to_lowercase().contains("bidding farewell"));
        let none = Query {
            text: "zebra-unicorn".into(),
            regex: false,
        };
        assert_eq!(render_search(&doc, &none, 80), Ok(None));
    }
}
