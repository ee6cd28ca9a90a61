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

/// One entry of the contents tree, in pre-order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Text shown in the contents panel (sanitized, taken from the document); empty for a
    /// paragraph entry named on demand from its paragraph: read labels through
    /// [`Outline::label`](super::Outline::label).
    pub label: Label,
    /// Tree depth, 0 at the top.
    pub depth: u8,
    /// The block the entry jumps to.
    pub block: usize,
    /// One past the last block the entry covers.
    pub end_block: usize,
    /// What the entry is.
    pub kind: NodeKind,
    /// Index of the parent node in [`Outline::nodes`](super::Outline::nodes) ([`NO_PARENT`]
    /// for none): 32 bits, as a git log's contents has a node per hunk. Read through
    /// [`Node::parent`].
    pub(super) parent: u32,
}

/// A node's stored label: a string with no spare capacity (16 bytes in the node, not 24, and
/// no allocation when empty: there is a node per paragraph). Reads as a `&str`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Label(Box<str>);

impl Label {
    /// The label's text.
    #[must_use]
    pub fn as_str(&self) -> &str {
        &self.0
    }
}

impl std::ops::Deref for Label {
    type Target = str;

    fn deref(&self) -> &str {
        &self.0
    }
}

impl std::fmt::Display for Label {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl From<String> for Label {
    fn from(s: String) -> Self {
        Self(s.into_boxed_str())
    }
}

impl From<&str> for Label {
    fn from(s: &str) -> Self {
        Self(s.into())
    }
}

impl From<Label> for String {
    fn from(l: Label) -> Self {
        l.0.into_string()
    }
}

impl PartialEq<str> for Label {
    fn eq(&self, other: &str) -> bool {
        &*self.0 == other
    }
}

impl PartialEq<&str> for Label {
    fn eq(&self, other: &&str) -> bool {
        &*self.0 == *other
    }
}

impl PartialEq<String> for Label {
    fn eq(&self, other: &String) -> bool {
        *self.0 == **other
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
    /// Index of the parent node in [`Outline::nodes`](super::Outline::nodes), `None` at the top.
    #[must_use]
    pub fn parent(&self) -> Option<usize> {
        (self.parent != NO_PARENT).then_some(self.parent as usize)
    }
}
