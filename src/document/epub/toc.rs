//! A book's own table of contents: the EPUB 3 navigation document (`<nav epub:type="toc">`,
//! nested `<ol>`) or the EPUB 2 NCX (nested `<navPoint>`s), as labels, depths and targets.

use dom_query::NodeRef;

use super::archive::resolve;
use super::xml::{self, Node, attr};

/// Deeper entries are shown at this depth.
const MAX_DEPTH: usize = 16;

/// One entry of the book's navigation.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct NavPoint {
    /// The label as written (white space collapsed, not yet sanitized).
    pub label: String,
    /// Nesting depth, 0 at the top.
    pub depth: u8,
    /// The target file in the archive.
    pub path: String,
    /// The fragment (`#id`) in that file.
    pub fragment: Option<String>,
}

fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn depth_u8(depth: usize) -> u8 {
    u8::try_from(depth.min(MAX_DEPTH)).unwrap_or(0)
}

/// The entries of an NCX file at `ncx_path`.
#[must_use]
pub fn ncx(text: &str, ncx_path: &str) -> Vec<NavPoint> {
    let mut out = Vec::new();
    // Open navPoints: the index of their entry in `out` once their content is known.
    let mut open: Vec<Option<usize>> = Vec::new();
    let mut label: Option<String> = None;
    let mut in_map = false;
    xml::walk(text, |node| match node {
        Node::Start { name, attrs } => match name.as_str() {
            "navmap" => in_map = true,
            "navpoint" if in_map => {
                open.push(None);
                label = None;
            }
            "text" if in_map && !open.is_empty() && label.is_none() => {
                label = Some(String::new());
            }
            "content" if in_map => {
                let target = attr(&attrs, "src").and_then(|s| resolve(ncx_path, s));
                if let (Some((path, fragment)), Some(slot)) = (target, open.last_mut()) {
                    if slot.is_none() {
                        *slot = Some(out.len());
                        out.push(NavPoint {
                            label: collapse(label.as_deref().unwrap_or("")),
                            depth: depth_u8(open.len() - 1),
                            path,
                            fragment,
                        });
                    }
                }
                label = None;
            }
            _ => {}
        },
        Node::Text(t) => {
            if let Some(l) = label.as_mut() {
                l.push_str(&t);
            }
        }
        Node::End(name) => match name.as_str() {
            "navpoint" => {
                open.pop();
            }
            "text" => {
                // The label is complete; keep it until the content element uses it.
                if let Some(l) = label.as_mut() {
                    l.push(' ');
                }
            }
            "navmap" => in_map = false,
            _ => {}
        },
    });
    out
}

/// The entries of the EPUB 3 navigation document at `nav_path` (its `toc` nav, else the first
/// `nav`).
#[must_use]
pub fn nav(text: &str, nav_path: &str) -> Vec<NavPoint> {
    let dom = crate::document::html::parse_dom(text);
    let navs = dom.select("nav");
    let nodes = navs.nodes();
    let toc = nodes
        .iter()
        .find(|n| n.attr("epub:type").is_some_and(|t| t.contains("toc")))
        .or_else(|| nodes.first());
    let Some(toc) = toc else {
        return Vec::new();
    };
    let mut out = Vec::new();
    // (node, depth of `ol` lists above it)
    let mut stack: Vec<(NodeRef<'_>, usize)> = vec![(*toc, 0)];
    while let Some((node, lists)) = stack.pop() {
        let name = node.node_name().unwrap_or_default();
        if &*name == "a" || &*name == "span" {
            let label = collapse(&node.text());
            let target = node
                .attr("href")
                .and_then(|h| resolve(nav_path, h.as_ref()));
            if let Some((path, fragment)) = target {
                out.push(NavPoint {
                    label,
                    depth: depth_u8(lists.saturating_sub(1)),
                    path,
                    fragment,
                });
            }
            continue;
        }
        let lists = lists + usize::from(&*name == "ol" || &*name == "ul");
        let children: Vec<_> = node.children_it(true).map(|c| (c, lists)).collect();
        stack.extend(children);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ncx_nesting_and_labels() {
        let ncx_text = r#"<ncx><navMap>
          <navPoint id="a"><navLabel><text>Part One</text></navLabel><content src="p1.xhtml"/>
            <navPoint id="b"><navLabel><text>Chapter &amp; 1</text></navLabel><content src="c1.xhtml#s"/></navPoint>
          </navPoint>
          <navPoint id="c"><navLabel><text>Part Two</text></navLabel><content src="../../x"/></navPoint>
        </navMap></ncx>"#;
        let points = ncx(ncx_text, "OEBPS/toc.ncx");
        let got: Vec<(&str, u8, &str)> = points
            .iter()
            .map(|p| (p.label.as_str(), p.depth, p.path.as_str()))
            .collect();
        assert_eq!(
            got,
            [
                ("Part One", 0, "OEBPS/p1.xhtml"),
                ("Chapter & 1", 1, "OEBPS/c1.xhtml")
            ]
        );
        assert_eq!(points[1].fragment.as_deref(), Some("s"));
    }

    #[test]
    fn nav_document_nesting() {
        let nav_text = r#"<html><body><nav epub:type="landmarks"><ol><li><a href="x.xhtml">Skip</a></li></ol></nav>
          <nav epub:type="toc"><ol>
            <li><a href="c1.xhtml">One</a><ol><li><a href="c1.xhtml#b">One &amp; a half</a></li></ol></li>
            <li><span>Unlinked</span><ol><li><a href="c2.xhtml">Two</a></li></ol></li>
          </ol></nav></body></html>"#;
        let points = nav(nav_text, "OEBPS/nav.xhtml");
        let got: Vec<(&str, u8)> = points.iter().map(|p| (p.label.as_str(), p.depth)).collect();
        assert_eq!(got, [("One", 0), ("One & a half", 1), ("Two", 1)]);
    }
}
