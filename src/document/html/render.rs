//! The one HTML renderer: walks a parsed DOM (iteratively, so nesting depth cannot overflow the
//! stack) and turns it into [`Block`]s. HTML pages, EPUB chapters and the raw HTML inside
//! Markdown all go through it.
//!
//! Scripts, styles, forms, media and hidden elements are dropped; images show as their alt text
//! (dim); headings become [`BlockKind::Heading`]; lists, quotes, `pre`, tables, definition lists,
//! figures, `<details>` and `<br>` render as in Markdown; inline tags become [`Inline`] styles;
//! `id`s become block anchors. Nothing the document names is ever fetched.

use dom_query::NodeRef;

use super::blocks::BlockBuilder;
use super::element::{Element, is_hidden};
use super::table::TableCtx;
use crate::document::sanitize::sanitize_inline;
use crate::document::{Block, BlockKind, Inline};

const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// How link targets and anchors are named.
pub struct Context<'a> {
    /// Prefix of every anchor defined here (an EPUB chapter's path and `#`; empty for a page).
    pub anchor_prefix: &'a str,
    /// Maps an `href` to the link target kept in the document, or `None` to drop it.
    pub resolve: &'a dyn Fn(&str) -> Option<String>,
}

/// The result of rendering: the blocks and the text of the first level-1 heading.
#[derive(Debug, Default)]
pub struct Rendered {
    /// Blocks in reading order.
    pub blocks: Vec<Block>,
    /// The first `<h1>`'s text, which may name the document.
    pub first_h1: Option<String>,
}

/// What an opened element changed, undone when it closes.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(super) enum Frame {
    Nothing,
    Block,
    Style(Inline),
    /// A style on a block of its own (`dt`, `summary`, `figcaption`).
    BlockStyle(Inline),
    Link,
    Quote,
    List,
    Item,
    Heading(Option<u8>),
    Pre,
    Indent,
    Quoted,
    Table,
    Row,
    Cell,
}

enum Step<'a> {
    Enter(NodeRef<'a>),
    Leave(Frame),
}

/// Render the children of `root` (a document, fragment or element).
#[must_use]
pub fn render(root: &NodeRef<'_>, cx: &Context<'_>) -> Rendered {
    let mut r = Renderer::new(cx);
    let mut stack: Vec<Step<'_>> = root.children_it(true).map(Step::Enter).collect();
    while let Some(step) = stack.pop() {
        match step {
            Step::Leave(frame) => r.close(frame),
            Step::Enter(node) => {
                if node.is_text() {
                    r.on_text(&node.text());
                    continue;
                }
                if !node.is_element() {
                    if node.is_document() || node.is_fragment() {
                        stack.extend(node.children_it(true).map(Step::Enter));
                    }
                    continue;
                }
                let Some(frame) = r.open(&node) else {
                    continue;
                };
                stack.push(Step::Leave(frame));
                stack.extend(node.children_it(true).map(Step::Enter));
            }
        }
    }
    r.finish()
}

/// Elements whose content is never shown.
fn is_skipped(name: &str) -> bool {
    matches!(
        name,
        "head"
            | "script"
            | "style"
            | "noscript"
            | "template"
            | "svg"
            | "iframe"
            | "object"
            | "embed"
            | "audio"
            | "video"
            | "canvas"
            | "map"
            | "input"
            | "select"
            | "textarea"
            | "button"
            | "datalist"
            | "title"
            | "meta"
            | "link"
            | "base"
            | "param"
            | "source"
            | "track"
            | "frameset"
            | "noembed"
            | "rp"
    )
}

/// Elements that end the running text and start a new block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "address"
            | "article"
            | "aside"
            | "body"
            | "center"
            | "dialog"
            | "div"
            | "fieldset"
            | "figure"
            | "footer"
            | "form"
            | "header"
            | "hgroup"
            | "html"
            | "legend"
            | "main"
            | "nav"
            | "p"
            | "section"
            | "caption"
            | "details"
            | "tbody"
            | "thead"
            | "tfoot"
            | "picture"
    )
}

/// The inline style an element gives its text.
fn inline_style(name: &str) -> Option<Inline> {
    Some(match name {
        "b" | "strong" => Inline::STRONG,
        "i" | "em" | "cite" | "dfn" | "var" | "figcaption" => Inline::EMPHASIS,
        "u" | "ins" => Inline::UNDERLINE,
        "s" | "strike" | "del" => Inline::STRIKE,
        "code" | "tt" | "samp" => Inline::CODE,
        "kbd" => Inline::KBD,
        "sup" => Inline::SUPERSCRIPT,
        "sub" => Inline::SUBSCRIPT,
        "mark" => Inline::MARK,
        "rt" => Inline::DIM,
        _ => return None,
    })
}

/// The renderer's state between the elements it is given, opened and closed in document order
/// by a driver: the tree walk here, or the token stream of [`super::stream`].
pub(super) struct Renderer<'c, 'r> {
    cx: &'c Context<'r>,
    b: BlockBuilder,
    /// How many open elements set each style bit.
    counts: [u32; 16],
    /// Open lists: the next number of an ordered list.
    lists: Vec<Option<u64>>,
    /// The text of the open `pre` element.
    pre: Option<(String, u32)>,
    tables: Vec<TableCtx>,
}

impl<'c, 'r> Renderer<'c, 'r> {
    /// A renderer with nothing rendered yet.
    pub(super) fn new(cx: &'c Context<'r>) -> Self {
        Renderer {
            cx,
            b: BlockBuilder::default(),
            counts: [0; 16],
            lists: Vec::new(),
            pre: None,
            tables: Vec::new(),
        }
    }

    /// The blocks rendered, pending text placed.
    pub(super) fn finish(self) -> Rendered {
        let (blocks, first_h1) = self.b.finish();
        Rendered { blocks, first_h1 }
    }

    fn style(&self) -> Inline {
        let mut bits = 0u16;
        for (i, n) in self.counts.iter().enumerate() {
            if *n > 0 {
                bits |= 1 << i;
            }
        }
        Inline(bits)
    }

    fn add_style(&mut self, style: Inline, up: bool) {
        for (i, n) in self.counts.iter_mut().enumerate() {
            if style.0 & (1 << i) != 0 {
                *n = if up {
                    n.saturating_add(1)
                } else {
                    n.saturating_sub(1)
                };
            }
        }
    }

    /// True inside a table cell drawn as a grid: blocks there are only spaces.
    fn in_grid_cell(&self) -> bool {
        self.tables.last().is_some_and(TableCtx::in_cell)
    }

    /// Text of the document, in the open elements.
    pub(super) fn on_text(&mut self, text: &str) {
        if let Some((buf, _)) = self.pre.as_mut() {
            buf.push_str(text);
            return;
        }
        let style = self.style();
        self.b.text(text, style);
    }

    /// A block boundary: flushes the running text (or separates grid cell content).
    pub(super) fn boundary(&mut self) {
        if self.in_grid_cell() || self.pre.is_some() {
            self.b.soft_space();
        } else {
            self.b.flush();
        }
    }

    /// Enter an element; `None` skips it and its content.
    pub(super) fn open(&mut self, node: &impl Element) -> Option<Frame> {
        let name = node.name()?;
        let name: &str = &name;
        if is_skipped(name) || is_hidden(node) {
            return None;
        }
        for key in ["id", "name"] {
            if key == "name" && name != "a" {
                continue;
            }
            if let Some(id) = node.attr(key) {
                self.b
                    .anchor(&format!("{}{}", self.cx.anchor_prefix, id.trim()));
            }
        }
        if let Some((buf, depth)) = self.pre.as_mut() {
            if name == "br" {
                buf.push('\n');
            } else if name == "pre" {
                *depth += 1;
                return Some(Frame::Pre);
            }
            return Some(Frame::Nothing);
        }
        Some(self.open_element(name, node))
    }

    fn open_element(&mut self, name: &str, node: &impl Element) -> Frame {
        if let Some(style) = inline_style(name) {
            self.add_style(style, true);
            if name == "figcaption" {
                self.boundary();
                return Frame::BlockStyle(style);
            }
            return Frame::Style(style);
        }
        match name {
            "a" => {
                let target = node.attr("href").and_then(|h| (self.cx.resolve)(h.trim()));
                self.b.open_link(target);
                Frame::Link
            }
            "br" => {
                if self.in_grid_cell() {
                    self.b.soft_space();
                } else {
                    self.b.line_break();
                }
                Frame::Nothing
            }
            "wbr" => Frame::Nothing,
            "img" | "area" => {
                self.image(node);
                Frame::Nothing
            }
            "q" => {
                self.b.text("“", self.style());
                Frame::Quoted
            }
            "hr" => {
                self.boundary();
                if !self.in_grid_cell() {
                    self.b.push(Block::new(BlockKind::Rule, ""));
                }
                Frame::Nothing
            }
            "pre" | "listing" | "xmp" | "plaintext" => {
                if self.in_grid_cell() {
                    return Frame::Nothing;
                }
                self.b.flush();
                self.pre = Some((String::new(), 1));
                Frame::Pre
            }
            "table" => self.open_table(node),
            "tr" | "td" | "th" => self.open_cell(name),
            _ if self.in_grid_cell() => {
                if is_block(name) || is_structural(name) {
                    self.b.soft_space();
                }
                Frame::Nothing
            }
            _ => self.open_structure(name, node),
        }
    }

    fn open_structure(&mut self, name: &str, node: &impl Element) -> Frame {
        match name {
            "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                self.b.flush();
                let prev = self.b.heading;
                self.b.heading = name[1..].parse().ok();
                Frame::Heading(prev)
            }
            "blockquote" => {
                self.b.flush();
                self.b.quote = self.b.quote.saturating_add(1);
                Frame::Quote
            }
            "ul" | "ol" | "menu" | "dir" | "dl" => {
                self.b.flush();
                let start = node
                    .attr("start")
                    .and_then(|s| s.trim().parse::<u64>().ok())
                    .unwrap_or(1)
                    .max(1);
                self.lists.push(
                    (name == "ol")
                        .then_some(start)
                        .or((name == "dl").then_some(0)),
                );
                self.b.list_depth = self.b.list_depth.saturating_add(1);
                self.b.list_start = true;
                Frame::List
            }
            "li" => {
                self.b.flush();
                let depth = self.lists.len().saturating_sub(1);
                let value = node
                    .attr("value")
                    .and_then(|v| v.trim().parse::<u64>().ok());
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) if *n > 0 => {
                        if let Some(v) = value.filter(|v| *v > 0) {
                            *n = v;
                        }
                        let m = format!("{n}.");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => BULLETS[depth % BULLETS.len()].to_string(),
                };
                self.b.marker = Some(marker);
                self.b.in_item += 1;
                Frame::Item
            }
            "dt" => {
                self.b.flush();
                self.add_style(Inline::STRONG, true);
                Frame::BlockStyle(Inline::STRONG)
            }
            "dd" => {
                self.b.flush();
                self.b.in_item += 1;
                Frame::Indent
            }
            "summary" => {
                self.b.flush();
                self.b.text("▸ ", Inline::PLAIN);
                self.add_style(Inline::STRONG, true);
                Frame::BlockStyle(Inline::STRONG)
            }
            _ if is_block(name) => {
                self.b.flush();
                Frame::Block
            }
            _ => Frame::Nothing,
        }
    }

    fn image(&mut self, node: &impl Element) {
        if node.has_caption() {
            // The figure's caption says it better, and the alt text often repeats it.
            return;
        }
        let alt = node.attr("alt").unwrap_or_default();
        let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
        if alt.is_empty() {
            return;
        }
        self.b.soft_space();
        let clean = sanitize_inline(&alt);
        if let Some((buf, _)) = self.pre.as_mut() {
            buf.push_str(&alt);
        } else {
            self.b.push_clean(&clean, self.style().union(Inline::DIM));
        }
        self.b.soft_space();
    }

    fn open_table(&mut self, node: &impl Element) -> Frame {
        if self.in_grid_cell() || node.is_layout_table() {
            self.boundary();
            return Frame::Block;
        }
        self.b.flush();
        self.tables.push(TableCtx::default());
        Frame::Table
    }

    fn open_cell(&mut self, name: &str) -> Frame {
        let Some(t) = self.tables.last_mut() else {
            // Cells of a layout table are blocks.
            self.b.flush();
            return Frame::Block;
        };
        if name == "tr" {
            t.start_row();
            return Frame::Row;
        }
        if t.in_cell() {
            // A cell inside a cell (broken markup): its text joins the open one.
            self.b.soft_space();
            return Frame::Nothing;
        }
        t.start_cell(name == "th");
        Frame::Cell
    }

    /// Leave the element that `open` entered with this frame.
    pub(super) fn close(&mut self, frame: Frame) {
        match frame {
            Frame::Nothing => {}
            Frame::Block => self.boundary(),
            Frame::Style(style) => self.add_style(style, false),
            Frame::BlockStyle(style) => {
                self.add_style(style, false);
                self.boundary();
            }
            Frame::Link => self.b.close_link(),
            Frame::Quoted => self.b.text("”", self.style()),
            Frame::Quote => {
                self.b.flush();
                self.b.quote = self.b.quote.saturating_sub(1);
            }
            Frame::List => {
                self.b.flush();
                self.lists.pop();
                self.b.list_depth = self.b.list_depth.saturating_sub(1);
            }
            Frame::Item | Frame::Indent => {
                self.b.flush();
                self.b.marker = None;
                self.b.in_item = self.b.in_item.saturating_sub(1);
            }
            Frame::Heading(prev) => {
                self.b.flush();
                self.b.heading = prev;
            }
            Frame::Pre => self.close_pre(),
            Frame::Table => {
                if let Some(t) = self.tables.pop() {
                    if let Some(block) = t.draw() {
                        self.b.push(block);
                    }
                }
            }
            Frame::Row => {
                if let Some(t) = self.tables.last_mut() {
                    t.end_row();
                }
            }
            Frame::Cell => {
                let text = self.b.take_inline();
                if let Some(t) = self.tables.last_mut() {
                    t.end_cell(text);
                }
            }
        }
    }

    fn close_pre(&mut self) {
        let Some((buf, depth)) = self.pre.as_mut() else {
            return;
        };
        if *depth > 1 {
            *depth -= 1;
            return;
        }
        let raw = std::mem::take(buf);
        self.pre = None;
        let raw = raw.strip_prefix('\n').unwrap_or(&raw);
        self.b.code(raw.trim_end_matches(['\n', '\r', ' ', '\t']));
    }
}

/// Table parts that separate text inside a grid cell.
fn is_structural(name: &str) -> bool {
    matches!(
        name,
        "ul" | "ol"
            | "li"
            | "dl"
            | "dt"
            | "dd"
            | "blockquote"
            | "h1"
            | "h2"
            | "h3"
            | "h4"
            | "h5"
            | "h6"
            | "summary"
    )
}
