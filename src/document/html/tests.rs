//! Unit tests of the HTML renderer and page parsing.

use super::*;
use crate::document::{BlockKind, Inline};

fn blocks(html: &str) -> Vec<Block> {
    render_fragment(html).blocks
}

fn texts(html: &str) -> Vec<(BlockKind, String)> {
    blocks(html).into_iter().map(|b| (b.kind, b.text)).collect()
}

fn styled(block: &Block, style: Inline) -> Vec<&str> {
    block
        .runs
        .iter()
        .filter(|r| r.style.contains(style))
        .map(|r| &block.text[r.byte_range.clone()])
        .collect()
}

#[test]
fn paragraphs_headings_and_whitespace() {
    let got = texts("<h2>Title  here</h2>\n<p>One\n  two <b>three</b></p><div>four</div>");
    assert_eq!(
        got,
        [
            (BlockKind::Heading(2), "Title here".into()),
            (BlockKind::Paragraph, "One two three".into()),
            (BlockKind::Paragraph, "four".into())
        ]
    );
}
