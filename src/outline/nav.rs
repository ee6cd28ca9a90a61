//! The outline of a document that brings its own table of contents (an EPUB's navigation):
//! one heading node per entry, nested as the book nests them.

use super::{Node, NodeKind, Outline};
use crate::document::{BlockKind, Document, TocEntry};

/// The outline from `toc`: entries in order, each covering the blocks up to the next entry at
/// its depth or above. Depths that jump more than one level are brought under their parent.
#[must_use]
pub fn build(doc: &Document, toc: &[TocEntry]) -> Outline {
    let n_blocks = doc.blocks.len();
    let mut nodes: Vec<Node> = Vec::with_capacity(toc.len());
    // Open ancestors: (the entry's own depth in the book, node index).
    let mut stack: Vec<(u8, usize)> = Vec::new();
    for (i, entry) in toc.iter().enumerate() {
        if entry.block >= n_blocks {
            continue;
        }
        while stack.last().is_some_and(|&(d, _)| d >= entry.depth) {
            stack.pop();
        }
        let end_block = toc[i + 1..]
            .iter()
            .find(|e| e.depth <= entry.depth)
            .map_or(n_blocks, |e| e.block.min(n_blocks))
            .max(entry.block + 1);
        let id = nodes.len();
        nodes.push(Node::new(
            entry.label.clone().into(),
            u8::try_from(stack.len()).unwrap_or(u8::MAX),
            NodeKind::Heading,
            (entry.block, end_block),
            stack.last().map(|&(_, id)| id),
        ));
        stack.push((entry.depth, id));
        // A chapter whose navigation lists only the chapter gets its headings as entries.
        let own_end = toc[i + 1..]
            .iter()
            .map(|e| e.block)
            .find(|&b| b > entry.block)
            .map_or(n_blocks, |b| b.min(n_blocks));
        add_headings(doc, entry.block + 1..own_end, id, &mut nodes);
    }
    let headings = doc
        .blocks
        .iter()
        .enumerate()
        .filter_map(|(i, b)| match b.kind {
            BlockKind::Heading(level) => Some((i, level)),
            _ => None,
        })
        .collect();
    let paragraphs = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.is_paragraph())
        .map(|(i, _)| i)
        .collect();
    Outline {
        nodes,
        headings,
        derived: false,
        title: doc.title.clone(),
        paragraphs,
        ..Outline::default()
    }
    .with_subtree_ends()
}

/// The headings in `range` as children of node `parent`, nested by level, when there are at
/// least two of them.
fn add_headings(
    doc: &Document,
    range: std::ops::Range<usize>,
    parent: usize,
    nodes: &mut Vec<Node>,
) {
    let heads: Vec<(usize, u8)> = range
        .clone()
        .filter_map(|i| match doc.blocks[i].kind {
            BlockKind::Heading(level) => Some((i, level)),
            _ => None,
        })
        .collect();
    if heads.len() < 2 {
        return;
    }
    let base = nodes[parent].depth.saturating_add(1);
    let mut stack: Vec<(u8, usize)> = vec![(0, parent)];
    for (k, &(block, level)) in heads.iter().enumerate() {
        while stack.len() > 1 && stack.last().is_some_and(|&(l, _)| l >= level) {
            stack.pop();
        }
        let end_block = heads[k + 1..]
            .iter()
            .find(|&&(_, l)| l <= level)
            .map_or(range.end, |&(b, _)| b);
        let id = nodes.len();
        nodes.push(Node::new(
            doc.blocks[block].text.to_string().into(),
            base.saturating_add(u8::try_from(stack.len() - 1).unwrap_or(u8::MAX)),
            NodeKind::Heading,
            (block, end_block),
            stack.last().map(|&(_, id)| id),
        ));
        stack.push((level, id));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Block;

    #[test]
    fn entries_nest_and_cover_their_blocks() {
        let doc = Document {
            title: "Book".into(),
            blocks: (0..6)
                .map(|i| Block::new(BlockKind::Paragraph, format!("p{i}")))
                .collect(),
            ..Document::default()
        };
        let entry = |label: &str, depth, block| TocEntry {
            label: label.into(),
            depth,
            block,
        };
        let toc = [
            entry("Part", 0, 0),
            entry("Ch 1", 2, 1),
            entry("Ch 2", 1, 3),
            entry("End", 0, 5),
        ];
        let o = build(&doc, &toc);
        let got: Vec<(&str, u8, usize, Option<usize>)> = o
            .nodes
            .iter()
            .map(|n| (n.label.as_str(), n.depth, n.end_block(), n.parent()))
            .collect();
        assert_eq!(
            got,
            [
                ("Part", 0, 5, None),
                ("Ch 1", 1, 3, Some(0)),
                ("Ch 2", 1, 5, Some(0)),
                ("End", 0, 6, None)
            ]
        );
        assert_eq!(o.paragraphs.len(), 6);
    }

    #[test]
    fn a_single_entry_over_many_headings_lists_them() {
        let mut blocks = vec![Block::new(BlockKind::Heading(1), "Book")];
        for i in 1..=3 {
            blocks.push(Block::new(BlockKind::Heading(2), format!("Section {i}")));
            blocks.push(Block::new(BlockKind::Paragraph, "text"));
        }
        let doc = Document {
            blocks,
            ..Document::default()
        };
        let toc = [TocEntry {
            label: "Book".into(),
            depth: 0,
            block: 0,
        }];
        let o = build(&doc, &toc);
        let got: Vec<(&str, u8, usize)> = o
            .nodes
            .iter()
            .map(|n| (n.label.as_str(), n.depth, n.end_block()))
            .collect();
        assert_eq!(
            got,
            [
                ("Book", 0, 7),
                ("Section 1", 1, 3),
                ("Section 2", 1, 5),
                ("Section 3", 1, 7)
            ]
        );
    }
}
