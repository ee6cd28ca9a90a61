//! Output when stdout is not a terminal: the document as wrapped plain text, the outline, or the
//! paragraphs that match a search. Everything printed was sanitized at load, so no escape byte
//! can reach the output.
//!
//! Link targets are not written into the text: the links of a section are listed after it, one
//! `text: target` line each, the target never broken (a URL wider than the width overflows it
//! rather than breaking, so it can be copied whole).

use std::fmt::Write as _;

use crate::document::{Block, BlockKind, Document};
use crate::layout::{block_indent, gap_between, layout_block, table};
use crate::outline::{self, NodeKind};
use crate::search::{Matcher, Query};

/// How the text of a line is written: plain, or with the input's styles as SGR sequences that
/// lectern makes itself (with or without colours).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Ink {
    Plain,
    Styled { colours: bool },
}

/// Append one block, wrapped to `width`, to `out`.
fn push_block(out: &mut String, block: &Block, width: usize) {
    push_block_inked(out, block, width, Ink::Plain);
}

fn push_block_inked(out: &mut String, block: &Block, width: usize, ink: Ink) {
    let lines = layout_block(block, width, false);
    let (indent, marker) = block_indent(block);
    let quote = "│ ".repeat(usize::from(block.quote_depth.min(8)));
    for (i, range) in lines.lines.iter().enumerate() {
        out.push_str(&quote);
        let pad = indent.saturating_sub(quote.chars().count());
        out.push_str(&" ".repeat(pad));
        match (block.list(), i) {
            (Some(item), 0) if !item.marker.is_empty() => {
                out.push_str(&item.marker);
                out.push(' ');
            }
            _ => out.push_str(&" ".repeat(marker)),
        }
        if block.kind == BlockKind::Code
            || (block.kind == BlockKind::Table && lines.segments.is_empty())
        {
            out.push_str("  ");
        }
        // The continuation of a soft-wrapped preformatted line, under its hanging indent.
        out.push_str(&" ".repeat(lines.hang_of(i)));
        if let Some(segments) = lines.segments.get(i) {
            out.push_str(table::line_text(block, segments).trim_end());
        } else if block.kind == BlockKind::Rule {
            out.push_str(&"─".repeat(width.min(40)));
        } else {
            let text = block.text.get(range.clone()).unwrap_or_default();
            let end = range.start + text.trim_end().len();
            match ink {
                Ink::Plain => out.push_str(&block.text[range.start..end]),
                Ink::Styled { colours } => push_styled(out, block, range.start..end, colours),
            }
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
    // (A heading with a hard line break names the document with a space for the break.)
    let same = |text: &str| text.split_whitespace().eq(doc.title.split_whitespace());
    let shown = doc
        .blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Title | BlockKind::Heading(_)) && same(&b.text));
    if !shown && !doc.title.is_empty() {
        let _ = writeln!(out, "{}\n", doc.title);
    }
    let mut links = Vec::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if matches!(block.kind, BlockKind::Heading(_)) {
            push_links(&mut out, &mut links);
        }
        if i > 0 && gap_between(&doc.blocks[i - 1], block) {
            // A quote's bar continues across the blank line between two of its blocks.
            let depth = doc.blocks[i - 1].quote_depth.min(block.quote_depth).min(8);
            out.push_str("│ ".repeat(usize::from(depth)).trim_end());
            out.push('\n');
        }
        push_block(&mut out, block, width.max(1));
        for link in block.links() {
            let text = block.text.get(link.byte_range.clone()).unwrap_or_default();
            if !link.target.starts_with('#') && text != link.target {
                let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
                links.push((text, link.target.clone()));
            }
        }
    }
    push_links(&mut out, &mut links);
    out
}

/// The whole document as text wrapped to `width` columns with the input's styles (bold,
/// underline, …, and colours unless `colours` is false) as SGR sequences made by lectern:
/// what `--quit-if-one-screen` prints. No byte of the input is passed through.
#[must_use]
pub fn render_styled(doc: &Document, width: usize, colours: bool) -> String {
    let mut out = String::new();
    for (i, block) in doc.blocks.iter().enumerate() {
        if i > 0 && gap_between(&doc.blocks[i - 1], block) {
            out.push('\n');
        }
        push_block_inked(&mut out, block, width.max(1), Ink::Styled { colours });
    }
    out
}

/// Append `range` of a block's text with SGR sequences for its runs.
fn push_styled(out: &mut String, block: &Block, range: std::ops::Range<usize>, colours: bool) {
    let mut at = range.start;
    let first = block
        .runs()
        .partition_point(|r| r.range().end <= range.start);
    for run in block.runs()[first..]
        .iter()
        .take_while(|r| r.range().start < range.end)
    {
        let start = run.range().start.max(range.start);
        let end = run.range().end.min(range.end);
        out.push_str(&block.text[at..start]);
        let codes = sgr_codes(run, colours);
        if codes.is_empty() {
            out.push_str(&block.text[start..end]);
        } else {
            let _ = write!(out, "\x1b[{codes}m{}\x1b[0m", &block.text[start..end]);
        }
        at = end;
    }
    out.push_str(&block.text[at..range.end]);
}

/// The SGR parameters that draw a run (empty for plain text).
fn sgr_codes(run: &crate::document::StyleRun, colours: bool) -> String {
    use crate::document::{Inline, RunColor};
    let mut codes: Vec<String> = [
        (Inline::STRONG, "1"),
        (Inline::DIM, "2"),
        (Inline::EMPHASIS, "3"),
        (Inline::UNDERLINE, "4"),
        (Inline::REVERSE, "7"),
        (Inline::STRIKE, "9"),
    ]
    .iter()
    .filter(|(flag, _)| run.style.contains(*flag))
    .map(|(_, code)| (*code).to_string())
    .collect();
    if colours {
        for (colour, base) in [(run.fg, 38), (run.bg, 48)] {
            match colour {
                Some(RunColor::Indexed(n)) => codes.push(format!("{base};5;{n}")),
                Some(RunColor::Rgb(r, g, b)) => codes.push(format!("{base};2;{r};{g};{b}")),
                None => {}
            }
        }
    }
    codes.join(";")
}

/// List the links of the section just printed (each target once), and forget them.
fn push_links(out: &mut String, links: &mut Vec<(String, String)>) {
    if links.is_empty() {
        return;
    }
    out.push_str("\nLinks:\n");
    let mut seen = std::collections::HashSet::new();
    for (text, target) in links.drain(..) {
        if seen.insert(target.clone()) {
            let _ = writeln!(out, "  {text}: {target}");
        }
    }
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
                n = node.parent()?;
            }
        });
        if section != last_section || last_section.is_none() {
            let label =
                section.map_or_else(|| doc.title.clone(), |n| outline.nodes[n].label.to_string());
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
    fn styled_text_draws_the_input_styles_itself() {
        let doc = crate::document::plain::parse(
            "\x1b[1;31mred bold\x1b[0m and \x1b[4mline\x1b[0m \x1b]0;x\x07 \x1b[38;2;1;2;3mrgb\x1b[m\n",
            false,
        );
        let out = render_styled(&doc, 80, true);
        assert_eq!(
            out,
            "\x1b[1;38;5;1mred bold\x1b[0m and \x1b[4mline\x1b[0m ␛]0;x␇ \x1b[38;2;1;2;3mrgb\x1b[0m\n"
        );
        let out = render_styled(&doc, 80, false);
        assert_eq!(
            out,
            "\x1b[1mred bold\x1b[0m and \x1b[4mline\x1b[0m ␛]0;x␇ rgb\n"
        );
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
    fn markdown_reads_without_urls_with_links_listed_after_their_section() {
        let md = "Top\\\nline\n===\n\nSee [docs](https://docs.example/a/very/long/path/that/is/wider/than/the/column) \
                  and [home](#top).\n\n> one\n>\n> two\n\n| a | b |\n|---|---|\n| 1 | 2 |\n\n## Next\n\ntext\n";
        let doc = crate::document::markdown::parse(md);
        let out = render_text(&doc, 40);
        let expected = "Top\nline\n\nSee docs and home.\n\n│ one\n│\n│ two\n\na │ b\n──┼──\n1 │ 2\n\n\
                        Links:\n  docs: https://docs.example/a/very/long/path/that/is/wider/than/the/column\n\n\
                        Next\n\ntext\n";
        assert_eq!(out, expected);
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
