//! The table of contents: explicit headings, or sections derived from the paragraphs.

use crate::document::Document;

/// What a contents node stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A heading found in the document (Markdown or detected in plain text).
    Heading,
    /// A section derived from the paragraphs; `number` is its 1-based ordinal (`§3`).
    Section {
        /// 1-based ordinal among derived sections.
        number: usize,
    },
    /// A paragraph entry (`¶7`); `number` counts body paragraphs from 1.
    Paragraph {
        /// 1-based paragraph number.
        number: usize,
    },
    /// Text before the first heading.
    Opening,
}

/// One entry of the contents tree, in pre-order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Text shown in the contents panel (sanitized, taken from the document).
    pub label: String,
    /// Tree depth, 0 at the top.
    pub depth: u8,
    /// The block the entry jumps to.
    pub block: usize,
    /// One past the last block the entry covers.
    pub end_block: usize,
    /// What the entry is.
    pub kind: NodeKind,
    /// Index of the parent node in [`Outline::nodes`].
    pub parent: Option<usize>,
}

/// The contents of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Every node in pre-order; `block` never decreases along the list.
    pub nodes: Vec<Node>,
    /// Headings detected in plain text: (block index, level 1..=6).
    pub headings: Vec<(usize, u8)>,
    /// True when the sections were derived from the text rather than from headings.
    pub derived: bool,
}

/// Build the outline of a document (stub: one entry per paragraph).
#[must_use]
pub fn build(doc: &Document) -> Outline {
    let mut nodes = Vec::new();
    let mut number = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.is_paragraph() {
            number += 1;
            let label: String = b
                .text
                .split_whitespace()
                .take(6)
                .collect::<Vec<_>>()
                .join(" ");
            nodes.push(Node {
                label,
                depth: 0,
                block: i,
                end_block: i + 1,
                kind: NodeKind::Paragraph { number },
                parent: None,
            });
        }
    }
    Outline {
        nodes,
        headings: Vec::new(),
        derived: false,
    }
}
