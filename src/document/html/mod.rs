//! HTML input: web pages (the article, found by Readability, or the whole page), and the
//! fragments of HTML inside Markdown and EPUB chapters, all rendered by one renderer.
//!
//! - [`encoding`] finds the page's character encoding and decodes it.
//! - [`extract`] finds the article and its title, byline, site and date (`dom_smoothie`, a port
//!   of Mozilla's Readability).
//! - [`render`] turns a DOM into blocks; [`inline`] maps the single tags that Markdown passes
//!   through inline to styles.
//! - `stream` renders a page too large for a tree from its tokens, with the same renderer
//!   (the renderer reads elements through [`element::Element`]).
//!
//! Nothing that a document names (images, stylesheets, frames, links) is ever fetched: the
//! parser only builds a tree from the bytes it is given.

mod blocks;
pub mod depth;
pub mod element;
pub mod encoding;
pub mod extract;
pub mod inline;
pub mod render;
mod stream;
mod table;
pub mod weight;

use dom_query::{Document as Dom, NodeRef};

use super::{Block, BlockKind, Document};
use render::{Context, Rendered};

/// Deeper element nesting than this skips article extraction (whose heuristics walk the tree
/// recursively) and renders the page as it is.
pub const MAX_EXTRACT_DEPTH: usize = 400;

/// Pages with more markup than this (bytes outside scripts, styles and comments, see
/// [`weight`]) are shown whole, without article extraction, by the streaming renderer
/// (`stream`), with a notice. A tree costs about eleven times its markup (a generated page
/// of 1.5 MB peaks at 25 MB, of 2 MB at 30 MB), and the memory budget is three times the input
/// plus 20 MB, so a tree fits up to about 1.5 MB of markup. The real article pages of the
/// Readability tests have at most 1.03 MB of markup (1.6 MB with their scripts).
pub const MAX_TREE_MARKUP: usize = 1280 << 10;

/// Pages larger than this, scripts included, are streamed too.
pub const MAX_EXTRACT_BYTES: usize = 8 << 20;

/// Pages larger than this are not read at all: a one-line error instead.
pub const MAX_PAGE_BYTES: usize = 64 << 20;

/// True when a link target may be kept: in-page anchors, `http`, `https`, `mailto` and relative
/// targets. Other schemes (`javascript:`, `data:`, `file:` …) are dropped.
#[must_use]
pub fn allowed_target(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => ["http", "https", "mailto"]
            .iter()
            .any(|s| url[..c].eq_ignore_ascii_case(s)),
    }
}

/// The link resolver for a web page: allowed targets are kept as written, sanitized.
fn page_target(href: &str) -> Option<String> {
    (!href.is_empty() && allowed_target(href)).then(|| super::sanitize::sanitize_inline(href))
}

/// Parse a whole HTML document, its nesting capped first ([`depth::cap_nesting`]).
#[must_use]
pub fn parse_dom(html: &str) -> Dom {
    Dom::from(&*depth::cap_nesting(html))
}

/// Render a fragment of HTML (raw HTML in Markdown) with the page's link rules.
#[must_use]
pub fn render_fragment(html: &str) -> Rendered {
    let dom = Dom::fragment(&*depth::cap_nesting(html));
    render_dom(&dom.root())
}

fn render_dom(root: &NodeRef<'_>) -> Rendered {
    let cx = Context {
        anchor_prefix: "",
        resolve: &page_target,
    };
    render::render(root, &cx)
}

/// Depth of the deepest element under `root`, counted iteratively, stopping at `limit`.
#[must_use]
pub fn depth_exceeds(root: &NodeRef<'_>, limit: usize) -> bool {
    let mut stack = vec![(*root, 0usize)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.children_it(false).map(|c| (c, depth + 1)));
    }
    false
}

/// Parse a web page given as bytes. Shows the article unless `full_page`; falls back to the
/// whole page (with a notice) when no article is found. Returns the notices for the status bar.
#[must_use]
pub fn parse_page(bytes: &[u8], full_page: bool) -> (Document, Vec<String>) {
    if bytes.len() > MAX_PAGE_BYTES {
        let error = format!(
            "page too large: {} MiB (at most {} MiB of HTML are read)",
            bytes.len() >> 20,
            MAX_PAGE_BYTES >> 20
        );
        let doc = with_head(
            String::new(),
            None,
            vec![Block::new(BlockKind::Paragraph, &*error)],
        );
        return (doc, vec![error]);
    }
    if too_large_for_a_tree(bytes) {
        let (doc, mut notices) = streamed_page(bytes);
        if !full_page {
            notices.push(format!(
                "page of {:.1} MB: whole page shown without article extraction",
                bytes.len() as f64 / 1e6
            ));
        }
        return (doc, notices);
    }
    let (text, mut notices) = encoding::decode(bytes);
    let dom = parse_dom(&text);
    if !full_page {
        if depth_exceeds(&dom.root(), MAX_EXTRACT_DEPTH) {
            notices.push("page nested too deeply for article extraction: whole page shown".into());
        } else {
            match extract::article(dom) {
                Ok(found) => return (found, notices),
                Err(reason) => notices.push(format!("{reason}: whole page shown")),
            }
            let dom = parse_dom(&text);
            return (whole_page(&dom), notices);
        }
    }
    (whole_page(&dom), notices)
}

/// True when a page is rendered from its tokens rather than a tree (see [`MAX_TREE_MARKUP`]).
#[must_use]
pub fn too_large_for_a_tree(bytes: &[u8]) -> bool {
    bytes.len() > MAX_EXTRACT_BYTES
        || (bytes.len() > MAX_TREE_MARKUP && weight::markup_bytes(bytes) > MAX_TREE_MARKUP)
}

/// The whole page: its `<title>` (or first `<h1>`) and every visible element of its body.
fn whole_page(dom: &Dom) -> Document {
    let root = dom.body().unwrap_or_else(|| dom.root());
    let rendered = render_dom(&root);
    let title = dom
        .select("head title")
        .nodes()
        .first()
        .map(|t| t.text().to_string());
    page_document(title, rendered)
}

/// The whole page rendered from its tokens, without a tree (`stream`): what [`parse_page`]
/// shows for a page [`too_large_for_a_tree`], with the notices of its decoding.
#[must_use]
pub fn streamed_page(bytes: &[u8]) -> (Document, Vec<String>) {
    let (encoding, mut notices) = encoding::detect(bytes);
    let cx = Context {
        anchor_prefix: "",
        resolve: &page_target,
    };
    let (rendered, title, invalid) = stream::render_page(bytes, encoding, &cx);
    if invalid {
        notices.push(encoding::invalid_notice(encoding));
    }
    (page_document(title, rendered), notices)
}

/// A whole page's document: named by its `<title>` (as written), else its first `<h1>`.
fn page_document(title: Option<String>, rendered: Rendered) -> Document {
    let title = title
        .map(|t| t.split_whitespace().collect::<Vec<_>>().join(" "))
        .filter(|t| !t.is_empty())
        .map(|t| super::sanitize::sanitize_inline(&t))
        .or(rendered.first_h1)
        .unwrap_or_default();
    with_head(title, None, rendered.blocks)
}

/// A document with a title block and a line of metadata (byline · site · date) before `body`.
#[must_use]
pub fn with_head(title: String, meta: Option<extract::Meta>, mut body: Vec<Block>) -> Document {
    let mut head = Vec::with_capacity(2);
    if !title.is_empty() {
        head.push(Block::new(BlockKind::Title, title.clone()));
    }
    let meta = meta.unwrap_or_default();
    let line: Vec<&str> = [&meta.byline, &meta.site, &meta.date]
        .into_iter()
        .filter_map(|s| s.as_deref())
        .collect();
    if !line.is_empty() {
        head.push(Block::new(BlockKind::Meta, line.join(" · ")));
    }
    // A first heading that repeats the title is not shown twice (the title takes its anchors).
    let repeated = !title.is_empty()
        && body.first().is_some_and(|first| {
            matches!(first.kind, BlockKind::Heading(_)) && first.text == title
        });
    let mut drop = 0;
    if let (true, Some(t), Some(first)) = (repeated, head.first_mut(), body.first_mut()) {
        let mut anchors = first.take_anchors();
        t.take_anchors();
        t.add_anchors(&mut anchors);
        drop = 1;
    }
    // The head replaces the start of the body in place: a large page's blocks are not copied.
    body.splice(0..drop, head);
    Document {
        title,
        date: meta.date.clone(),
        byline: meta.byline,
        site: meta.site,
        blocks: body,
        toc: None,
        title_is_name: false,
    }
}

#[cfg(test)]
mod tests;
