//! The nodes of the contents tree: what each stands for, where it is, and its stored label.

/// What a contents node stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A heading found in the document (Markdown or detected in plain text).
    Heading,
    /// A section derived from the paragraphs; `number` is its 1-based ordinal (`§3`).
    Section {
        /// 1-based ordinal among the derived sections of the same parent.
        number: u32,
    },
    /// A paragraph entry (`¶7`); `number` counts body paragraphs from 1.
    Paragraph {
        /// 1-based paragraph number.
        number: u32,
    },
    /// Text before the first heading.
    Opening,
}

/// One entry of the contents tree, in pre-order (32 bytes: a long text has a node per
/// paragraph).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Text shown in the contents panel (sanitized, taken from the document); empty for a
    /// paragraph entry named on demand from its paragraph: read labels through
    /// [`Outline::label`](super::Outline::label).
    pub label: Label,
    /// Tree depth, 0 at the top.
    pub depth: u8,
    /// What the entry is.
    pub kind: NodeKind,
    /// The block the entry jumps to: read through [`Node::block`]. 32 bits, like the two
    /// below: a document of 2³² blocks would need 128 GiB for its blocks alone.
    block: u32,
    /// One past the last block the entry covers: read through [`Node::end_block`].
    end_block: u32,
    /// Index of the parent node in [`Outline::nodes`](super::Outline::nodes) ([`NO_PARENT`]
    /// for none). Read through [`Node::parent`].
    parent: u32,
}

const _: () = assert!(std::mem::size_of::<Node>() == 32);

/// A node's stored label: a string, one pointer in the node and nothing allocated when empty
/// (a paragraph entry's, named on demand). Reads as a `&str`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label(Option<Box<Box<str>>>);

impl Label {
    /// The label's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        self.0.as_deref().map_or("", |s| s)
    }
}

crate::document::text::str_like!(Label);

impl From<String> for Label {
    fn from(s: String) -> Self {
        Self((!s.is_empty()).then(|| Box::new(s.into_boxed_str())))
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Self {
        Self((!s.is_empty()).then(|| Box::new(s.into())))
    }
}

/// [`Node::parent`] of a node at the top.
pub(super) const NO_PARENT: u32 = u32::MAX;

/// A parent index as a node keeps it.
pub(super) fn parent_index(parent: Option<usize>) -> u32 {
    parent.map_or(NO_PARENT, |p| u32::try_from(p).unwrap_or(NO_PARENT))
}

/// A 1-based number as a node kind keeps it.
pub(super) fn number32(n: usize) -> u32 {
    u32::try_from(n).unwrap_or(u32::MAX)
}

impl Node {
    /// A node over blocks `block..end_block` under node `parent`.
    #[must_use]
    pub fn new(
        label: Label,
        depth: u8,
        kind: NodeKind,
        (block, end_block): (usize, usize),
        parent: Option<usize>,
    ) -> Self {
        let index = |b: usize| u32::try_from(b).unwrap_or(u32::MAX);
        Self {
            label,
            depth,
            kind,
            block: index(block),
            end_block: index(end_block),
            parent: parent_index(parent),
        }
    }

    /// The block the entry jumps to.
    #[must_use]
    pub fn block(&self) -> usize {
        self.block as usize
    }

    /// One past the last block the entry covers.
    #[must_use]
    pub fn end_block(&self) -> usize {
        self.end_block as usize
    }

    /// Index of the parent node in [`Outline::nodes`](super::Outline::nodes), `None` at the top.
    #[must_use]
    pub fn parent(&self) -> Option<usize> {
        (self.parent != NO_PARENT).then_some(self.parent as usize)
    }
}
