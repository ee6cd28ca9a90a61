//! What the renderer reads from an element, behind one trait: a node of a parsed tree
//! ([`NodeRef`]) and a start tag met by the streaming renderer (`stream`) both answer
//! it, so one renderer serves both.

use std::borrow::Cow;

use dom_query::NodeRef;

/// An element as the renderer sees it.
pub trait Element {
    /// The element's name in lower case; `None` for a node that is not an element.
    fn name(&self) -> Option<Cow<'_, str>>;
    /// The value of an attribute.
    fn attr(&self, key: &str) -> Option<Cow<'_, str>>;
    /// True when the attribute is present (with or without a value).
    fn has_attr(&self, key: &str) -> bool {
        self.attr(key).is_some()
    }
    /// For an image: it sits in a `<figure>` (a few levels up) that has a `<figcaption>`.
    fn has_caption(&self) -> bool;
    /// For a table: it lays out a page rather than holding data (`table::is_layout`).
    fn is_layout_table(&self) -> bool;
}

/// True when an element is hidden by its attributes.
pub fn is_hidden(node: &impl Element) -> bool {
    node.has_attr("hidden")
        || node.attr("style").is_some_and(|s| {
            let s: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            s.to_ascii_lowercase().contains("display:none")
        })
}

impl Element for NodeRef<'_> {
    fn name(&self) -> Option<Cow<'_, str>> {
        self.node_name().map(|n| Cow::Owned(n.to_ascii_lowercase()))
    }

    fn attr(&self, key: &str) -> Option<Cow<'_, str>> {
        NodeRef::attr(self, key).map(|v| Cow::Owned(v.to_string()))
    }

    fn has_attr(&self, key: &str) -> bool {
        NodeRef::has_attr(self, key)
    }

    fn has_caption(&self) -> bool {
        self.ancestors_it(Some(FIGURE_LEVELS))
            .find(|a| a.node_name().is_some_and(|n| &*n == "figure"))
            .is_some_and(|figure| {
                figure
                    .descendants_it()
                    .take(FIGURE_SCAN)
                    .any(|d| d.node_name().is_some_and(|n| &*n == "figcaption"))
            })
    }

    fn is_layout_table(&self) -> bool {
        super::table::is_layout(self)
    }
}

/// Most nodes of a figure looked at for its caption.
pub const FIGURE_SCAN: usize = 200;
/// Most levels above an image where its figure is looked for.
pub const FIGURE_LEVELS: usize = 4;
