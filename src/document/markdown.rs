//! Markdown through pulldown-cmark: `CommonMark` plus GitHub's tables, strikethrough, task lists,
//! footnotes and alerts, with YAML/TOML front matter, mapped to [`Block`]s.
//!
//! Mapping:
//!
//! - Headings become [`BlockKind::Heading`] with a GitHub-style slug in [`Block::anchors`];
//!   paragraphs [`BlockKind::Paragraph`]; both with inline [`StyleRun`]s (emphasis, strong, code,
//!   strikethrough, link text). A soft break becomes a space (paragraphs are reflowed), a hard
//!   break (two spaces or `\` at a line end) a `\n` that layout keeps.
//! - A link's text is styled [`Inline::LINK`] and recorded in [`Block::links`] with its target;
//!   the target is never written into the text. Only `http:`, `https:`, `mailto:`, relative and
//!   `#anchor` targets are recorded (`javascript:`, `data:`, `file:` … show the text only).
//!   Images show as `[image: alt]`, dimmed; inside a link (a badge) as the bare alt text; inside a
//!   heading not at all unless the heading has no other text.
//! - Block quotes set [`Block::quote_depth`]; a GitHub alert (`> [!NOTE]` …) also sets
//!   [`Block::callout`] on its blocks and starts with a title block (`Note`, strong).
//! - Lists give one block per item paragraph; the first block of an item carries
//!   `list: Some(ListItem { depth, marker, loose, first })` (`•`/`◦`/`▪` by depth, `3.` for ordered
//!   lists, `☐`/`☑` for task items), later blocks of the same item an empty marker, so layout
//!   indents them under the item's text. `loose` is set on the items of loose lists. Depths are
//!   capped at [`MAX_NESTING`].
//! - Footnote references become superscript numbers (in order of first reference) linked to
//!   `#fn-label`; the notes are collected after a rule at the end of the document, as a
//!   numbered list whose items end with `↩`, linked back to `#fnref-label`.
//! - Fenced and indented code become [`BlockKind::Code`] (lines kept, no trailing newline, the
//!   fence's language in [`Block::language`]). HTML blocks are drawn by the HTML renderer
//!   ([`super::html::render_fragment`]): comments, scripts and styles hidden, images as their alt
//!   text; inline HTML tags become styles, line breaks or nothing ([`super::html::inline`]).
//!   Rules become [`BlockKind::Rule`]. A table becomes
//!   one [`BlockKind::Table`] block with its cells in [`Block::table`], laid out later.
//! - Front matter (only when it looks like keys, see `markdown/front.rs`) is not shown; its `title` (and a
//!   `date: YYYY-MM-DD`) become the document title (date) and a [`BlockKind::Title`] (and
//!   [`BlockKind::Meta`]) block. Without one, the title is the text of the first level-1
//!   heading (no extra block), else empty.
//!
//! Every text, including text that pulldown-cmark produced by decoding entities (`&#27;`), link
//! targets and alt text, goes through the sanitizer *after* decoding, and the run byte ranges
//! refer to the sanitized text.

mod closing;
mod front;
mod html;
mod notes;
mod table;
mod text;

use pulldown_cmark::{CodeBlockKind, Event, Options, Parser, Tag, TagEnd};

use super::html::inline::InlineHtml;
use super::sanitize::{sanitize_inline, sanitize_line};
use super::{
    Block, BlockKind, Callout, Document, Inline, Link, ListItem, MAX_BLOCK_BYTES, StyleRun,
    cut_point, line_pieces,
};
use closing::callout;
use notes::{Notes, Slugs};
use table::TableBuilder;
use text::{cap_quote_nesting, sanitize_lines, sanitize_text, slice_links, slice_runs};

/// Block-quote and list depths stored in blocks are capped at this value, and block-quote
/// markers nested deeper than `MAX_SOURCE_QUOTES` are dropped before parsing.
pub const MAX_NESTING: u8 = 32;

/// Leading `>` markers kept on one line before parsing: deeper nesting costs the parser time
/// and shows nothing more.
const MAX_SOURCE_QUOTES: usize = 64;

const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// Parse a whole Markdown text.
#[must_use]
pub fn parse(text: &str) -> Document {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let front = front::split(text);
    let body = front.as_ref().map_or(text, |f| f.rest);
    let source = cap_quote_nesting(body);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    let mut b = Builder::default();
    let (meta_title, meta_date) = front.map_or((None, None), |f| (f.title, f.date));
    if let Some(title) = &meta_title {
        b.blocks.push(Block::new(BlockKind::Title, title.clone()));
        if let Some(date) = &meta_date {
            b.blocks.push(Block::new(BlockKind::Meta, date.clone()));
        }
    }
    for event in Parser::new_ext(&source, options) {
        b.event(event);
    }
    b.flush_inline();
    let notes = std::mem::take(&mut b.notes);
    notes.finish(&mut b.blocks);
    let title = meta_title.or(b.first_h1).unwrap_or_default();
    Document {
        title,
        date: meta_date,
        blocks: b.blocks,
        ..Document::default()
    }
}

struct LinkInfo {
    url: String,
    text_start: usize,
}

/// An open list: the next number of an ordered list, its first block, and whether an item holds
/// a paragraph of its own (a loose list).
struct OpenList {
    next: Option<u64>,
    first_block: usize,
    loose: bool,
}

/// The containers open around the current event, innermost last.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Container {
    Quote,
    List,
    Item,
    Note,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// Inline text of the paragraph, heading or table cell being built (sanitized).
    text: String,
    runs: Vec<StyleRun>,
    /// Finished links of the inline text being built.
    inline_links: Vec<Link>,
    /// Anchors (footnote references) for the next block.
    anchors: Vec<String>,
    emphasis: u32,
    strong: u32,
    strike: u32,
    links: Vec<LinkInfo>,
    /// Nesting of images; their text goes to `alt`.
    image_depth: u32,
    alt: String,
    heading: Option<u8>,
    /// Alt text of images in the heading being built (used only when it has no other text).
    heading_alt: String,
    quote: usize,
    /// One entry per open block quote: its alert kind.
    callouts: Vec<Option<Callout>>,
    lists: Vec<OpenList>,
    /// A list has started and its first item has not placed a block yet.
    list_start: bool,
    containers: Vec<Container>,
    /// The marker of the current item, until its first block takes it.
    marker: Option<String>,
    code: Option<String>,
    language: Option<String>,
    html: Option<String>,
    meta: Option<String>,
    table: Option<TableBuilder>,
    /// The footnote being defined: its label and its first block.
    note: Option<(String, usize)>,
    notes: Notes,
    slugs: Slugs,
    first_h1: Option<String>,
    /// Inline HTML tags open in the current paragraph (`<del>`, `<kbd>` …).
    html_inline: InlineHtml,
}

impl Builder {
    fn style(&self) -> Inline {
        let mut s = Inline::PLAIN;
        if self.emphasis > 0 {
            s = s.union(Inline::EMPHASIS);
        }
        if self.strong > 0 {
            s = s.union(Inline::STRONG);
        }
        if self.strike > 0 {
            s = s.union(Inline::STRIKE);
        }
        if !self.links.is_empty() {
            s = s.union(Inline::LINK);
        }
        s.union(self.html_inline.style())
    }

    /// Append already sanitized text with the current style plus `extra`.
    fn push_clean(&mut self, clean: &str, extra: Inline) {
        if clean.is_empty() {
            return;
        }
        let start = self.text.len();
        self.text.push_str(clean);
        let style = self.style().union(extra);
        if style == Inline::PLAIN {
            return;
        }
        let end = self.text.len();
        match self.runs.last_mut() {
            Some(last) if last.range().end == start && last.style == style => {
                last.set_end(end);
            }
            _ => self.runs.push(StyleRun::new(start..end, style)),
        }
    }

    /// Append raw (decoded, unsanitized) inline text.
    fn push_text(&mut self, raw: &str, extra: Inline) {
        if self.image_depth > 0 {
            self.alt.push_str(raw);
            return;
        }
        let mut clean = String::with_capacity(raw.len());
        sanitize_text(raw, &mut clean);
        self.push_clean(&clean, extra);
    }

    /// Give a new block its quote depth, list item and callout.
    fn place(&mut self, mut block: Block) -> Block {
        block.quote_depth = u8::try_from(self.quote).unwrap_or(u8::MAX).min(MAX_NESTING);
        block.set_callout(self.callouts.iter().rev().flatten().next().copied());
        if !self.lists.is_empty() {
            let depth = u8::try_from(self.lists.len() - 1)
                .unwrap_or(u8::MAX)
                .min(MAX_NESTING);
            let marker = self.marker.take().unwrap_or_default();
            let first = !marker.is_empty() && std::mem::take(&mut self.list_start);
            block.set_list(Some(ListItem {
                depth,
                marker,
                loose: false,
                first,
            }));
        }
        block
    }

    fn push_block(&mut self, block: Block) {
        let mut block = self.place(block);
        block.add_anchors(&mut self.anchors);
        self.blocks.push(block);
    }

    /// Take the inline text built so far, trimmed, with its runs and links.
    fn take_inline(&mut self) -> (String, Vec<StyleRun>, Vec<Link>) {
        let text = std::mem::take(&mut self.text);
        let runs = std::mem::take(&mut self.runs);
        let links = std::mem::take(&mut self.inline_links);
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        let links = slice_links(&links, &(start..end));
        let (text, runs) = slice_runs(&text, &runs, start..end);
        (text, runs, links)
    }

    /// End the paragraph or heading being built, if it has any text.
    fn flush_inline(&mut self) {
        self.html_inline.reset();
        let (mut text, mut runs, links) = self.take_inline();
        let kind = self
            .heading
            .map_or(BlockKind::Paragraph, BlockKind::Heading);
        let alt = std::mem::take(&mut self.heading_alt);
        if text.is_empty() && kind != BlockKind::Paragraph && !alt.trim().is_empty() {
            sanitize_text(alt.trim(), &mut text);
            runs.clear();
        }
        if text.is_empty() {
            return;
        }
        if kind == BlockKind::Heading(1) && self.first_h1.is_none() {
            self.first_h1 = Some(text.split_whitespace().collect::<Vec<_>>().join(" "));
        }
        if kind != BlockKind::Paragraph || text.len() <= MAX_BLOCK_BYTES {
            let mut block = Block::new(kind, text);
            if kind != BlockKind::Paragraph {
                let anchor = self.slugs.anchor(&block.text);
                block.extras_mut().anchors.push(anchor);
            }
            block.set_runs(runs.into_boxed_slice());
            block.set_links(links);
            self.push_block(block);
            return;
        }
        let mut start = 0;
        let mut first = true;
        while start < text.len() {
            let rest = &text[start..];
            let (end, next) = if rest.len() > MAX_BLOCK_BYTES {
                cut_point(rest, MAX_BLOCK_BYTES, char::is_whitespace)
            } else {
                (rest.len(), rest.len())
            };
            let range = start..start + end;
            let (piece, piece_runs) = slice_runs(&text, &runs, range.clone());
            let mut block = Block::new(kind, piece);
            block.set_runs(piece_runs.into_boxed_slice());
            block.set_links(slice_links(&links, &range));
            block.continues = !first;
            first = false;
            self.push_block(block);
            start += next;
        }
    }

    /// An item whose marker no block has taken yet gets an empty block for it.
    fn flush_marker(&mut self) {
        if self.marker.is_some() {
            self.push_block(Block::new(BlockKind::Paragraph, ""));
        }
    }

    fn push_code(&mut self, text: &str, dim: bool) {
        let language = self.language.take();
        for (i, piece) in line_pieces(text).into_iter().enumerate() {
            let mut block = Block::new(BlockKind::Code, piece);
            block.source_lines = u32::try_from(piece.lines().count().max(1)).unwrap_or(u32::MAX);
            block.continues = i > 0;
            if i == 0 {
                block.set_language(language.clone());
            }
            if dim && !piece.is_empty() {
                block.set_runs(vec![StyleRun::new(0..piece.len(), Inline::DIM)]);
            }
            self.push_block(block);
        }
    }

    fn event(&mut self, event: Event<'_>) {
        if let Some(buf) = self
            .meta
            .as_mut()
            .or(self.code.as_mut())
            .or(self.html.as_mut())
        {
            match event {
                Event::Text(t) | Event::Html(t) | Event::InlineHtml(t) => {
                    buf.push_str(&t);
                    return;
                }
                Event::End(_) => {}
                _ => return,
            }
        }
        match event {
            Event::Start(tag) => self.start(tag),
            Event::End(tag) => self.end(tag),
            Event::Text(t) => self.push_text(&t, Inline::PLAIN),
            Event::Code(t) | Event::InlineMath(t) | Event::DisplayMath(t) => {
                self.push_text(&t, Inline::CODE);
            }
            Event::Html(t) | Event::InlineHtml(t) => self.inline_html(&t),
            Event::FootnoteReference(label) => self.footnote_reference(&label),
            Event::SoftBreak => self.push_text(" ", Inline::PLAIN),
            Event::HardBreak if self.image_depth > 0 => self.alt.push(' '),
            Event::HardBreak => self.push_clean("\n", Inline::PLAIN),
            Event::Rule => {
                self.flush_inline();
                self.push_block(Block::new(BlockKind::Rule, ""));
            }
            Event::TaskListMarker(done) => {
                if self.marker.is_some() {
                    self.marker = Some(if done { "☑" } else { "☐" }.to_string());
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Table(aligns) => {
                self.flush_inline();
                self.table = Some(TableBuilder::new(&aligns));
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.start_row();
                }
            }
            Tag::TableCell => {
                self.text.clear();
                self.runs.clear();
                self.inline_links.clear();
            }
            Tag::Emphasis => self.emphasis += 1,
            Tag::Strong => self.strong += 1,
            Tag::Strikethrough => self.strike += 1,
            Tag::Link { dest_url, .. } => {
                let text_start = self.text.len();
                self.links.push(LinkInfo {
                    url: dest_url.to_string(),
                    text_start,
                });
            }
            Tag::Image { .. } => {
                if self.image_depth == 0 {
                    self.alt.clear();
                }
                self.image_depth += 1;
            }
            Tag::MetadataBlock(_) => self.meta = Some(String::new()),
            Tag::FootnoteDefinition(label) => {
                self.flush_inline();
                self.containers.push(Container::Note);
                self.note = Some((label.to_string(), self.blocks.len()));
            }
            Tag::DefinitionList | Tag::DefinitionListTitle | Tag::DefinitionListDefinition => {
                self.flush_inline();
            }
            Tag::Superscript | Tag::Subscript => {}
            block => self.start_block(block),
        }
    }

    /// The start of a paragraph, heading, quote, code or HTML block, list or item.
    fn start_block(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => {
                self.flush_inline();
                if self.containers.last() == Some(&Container::Item)
                    && let Some(list) = self.lists.last_mut()
                {
                    list.loose = true;
                }
            }
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(kind) => {
                self.flush_inline();
                self.quote = self.quote.saturating_add(1);
                self.containers.push(Container::Quote);
                let callout = kind.map(callout);
                self.callouts.push(callout);
                if let Some(c) = callout {
                    let strong = vec![StyleRun::new(0..c.title().len(), Inline::STRONG)];
                    let title = Block::with_runs(BlockKind::Paragraph, c.title(), strong);
                    self.push_block(title);
                }
            }
            Tag::CodeBlock(kind) => {
                self.flush_inline();
                self.code = Some(String::new());
                if let CodeBlockKind::Fenced(info) = kind {
                    self.language = info
                        .split_whitespace()
                        .next()
                        .map(sanitize_inline)
                        .filter(|l| !l.is_empty());
                }
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_inline();
                self.flush_marker();
                self.containers.push(Container::List);
                self.list_start = true;
                self.lists.push(OpenList {
                    next: start,
                    first_block: self.blocks.len(),
                    loose: false,
                });
            }
            Tag::Item => {
                self.flush_inline();
                self.flush_marker();
                self.containers.push(Container::Item);
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut().and_then(|l| l.next.as_mut()) {
                    Some(n) => {
                        let m = format!("{n}.");
                        *n = n.saturating_add(1);
                        m
                    }
                    None => BULLETS[depth % BULLETS.len()].to_string(),
                };
                self.marker = Some(marker);
            }
            _ => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush_inline(),
            TagEnd::Heading(_) => {
                self.flush_inline();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.quote = self.quote.saturating_sub(1);
                self.callouts.pop();
                self.containers.pop();
            }
            TagEnd::CodeBlock => {
                let raw = self.code.take().unwrap_or_default();
                self.push_code(&sanitize_lines(&raw), false);
            }
            TagEnd::HtmlBlock => {
                let raw = self.html.take().unwrap_or_default();
                self.html_block(&raw);
            }
            TagEnd::List(_) => {
                self.flush_inline();
                self.flush_marker();
                self.containers.pop();
                self.end_list();
            }
            TagEnd::Item => {
                self.flush_inline();
                self.flush_marker();
                self.containers.pop();
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let block = table.finish();
                    self.push_block(block);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.end_head();
                }
            }
            TagEnd::TableCell => {
                let (cell, runs, links) = self.take_inline();
                if let Some(t) = self.table.as_mut() {
                    t.push_cell(&cell, runs, links);
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                if let Some(link) = self.links.pop() {
                    self.end_link(&link);
                }
            }
            TagEnd::Image => self.end_image(),
            TagEnd::MetadataBlock(_) => self.meta = None,
            TagEnd::FootnoteDefinition => {
                self.flush_inline();
                self.containers.pop();
                if let Some((label, first)) = self.note.take() {
                    let blocks = self.blocks.split_off(first.min(self.blocks.len()));
                    self.notes.define(label, blocks);
                }
            }
            TagEnd::TableRow | TagEnd::Superscript | TagEnd::Subscript => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Align;
    use crate::document::sanitize::is_clean;
    use std::fmt::Write as _;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    fn styled(block: &Block, style: Inline) -> Vec<&str> {
        block
            .runs()
            .iter()
            .filter(|r| r.style == style)
            .map(|r| &block.text[r.range()])
            .collect()
    }

    fn assert_runs_valid(doc: &Document) {
        for b in &doc.blocks {
            assert!(is_clean(&b.text), "{:?}", b.text);
            let mut last = 0;
            for r in b.runs() {
                assert!(r.range().start >= last && r.range().start < r.range().end);
                assert!(b.text.is_char_boundary(r.range().start));
                assert!(b.text.is_char_boundary(r.range().end));
                assert!(r.range().end <= b.text.len());
                last = r.range().end;
            }
        }
    }

    #[test]
    fn headings_and_title() {
        let doc = parse("Intro\n\n# One\n\n## Two\n\n### Three\n\nSetext\n------\n\n# Again\n");
        assert_eq!(
            kinds(&doc),
            [
                (BlockKind::Paragraph, "Intro"),
                (BlockKind::Heading(1), "One"),
                (BlockKind::Heading(2), "Two"),
                (BlockKind::Heading(3), "Three"),
                (BlockKind::Heading(2), "Setext"),
                (BlockKind::Heading(1), "Again"),
            ]
        );
        assert_eq!(doc.title, "One");
        assert_eq!(parse("no heading").title, "");
    }

    #[test]
    fn front_matter_title() {
        let doc = parse(
            "---\ntitle: \"My \u{1b}[2J Post\"\ndate: 2024-02-03\ntags: [a]\n---\n\n# Heading\n\nBody\n",
        );
        assert_eq!(doc.title, "My ␛[2J Post");
        assert_eq!(doc.date.as_deref(), Some("2024-02-03"));
        assert_eq!(
            kinds(&doc),
            [
                (BlockKind::Title, "My ␛[2J Post"),
                (BlockKind::Meta, "2024-02-03"),
                (BlockKind::Heading(1), "Heading"),
                (BlockKind::Paragraph, "Body"),
            ]
        );
        // A BOM-less document with a heading first and no front matter.
        let doc = parse("---\nauthor: x\n---\n# H\n");
        assert_eq!(doc.title, "H");
        assert_eq!(kinds(&doc), [(BlockKind::Heading(1), "H")]);
    }

    #[test]
    fn emphasis_runs() {
        let doc = parse("plain *em* and **strong** `co\tde` ~~gone~~ ***both*** é*ü*\n");
        let b = &doc.blocks[0];
        assert_eq!(b.text, "plain em and strong co      de gone both éü");
        assert_eq!(styled(b, Inline::EMPHASIS), ["em", "ü"]);
        assert_eq!(styled(b, Inline::STRONG), ["strong"]);
        assert_eq!(styled(b, Inline::CODE), ["co      de"]);
        assert_eq!(styled(b, Inline::STRIKE), ["gone"]);
        assert_eq!(styled(b, Inline::EMPHASIS.union(Inline::STRONG)), ["both"]);
        assert_runs_valid(&doc);
        // A soft break becomes a space, a hard break (two spaces or a backslash) a line break.
        let doc = parse("one\ntwo  \nthree\\\nfour");
        assert_eq!(doc.blocks[0].text, "one two\nthree\nfour");
    }

    #[test]
    fn links_keep_their_targets_out_of_the_text() {
        let doc = parse(
            "[site](https://example.com) [rel](docs/a.md) [mail](mailto:a@b.c) \
             [evil](javascript:alert(1)) [data](data:text/html,x) [file](FILE:///etc/passwd) \
             <https://auto.example> ![a *cat*](cat.png) [**b**](http://x.y \"t\") \
             [![CI](https://img.shields.io/x.svg)](https://ci.example) [in](#usage)",
        );
        let b = &doc.blocks[0];
        assert_eq!(
            b.text,
            "site rel mail evil data file https://auto.example [image: a cat] b CI in"
        );
        let links: Vec<(&str, &str)> = b
            .links()
            .iter()
            .map(|l| (&b.text[l.byte_range.clone()], l.target.as_str()))
            .collect();
        assert_eq!(
            links,
            [
                ("site", "https://example.com"),
                ("rel", "docs/a.md"),
                ("mail", "mailto:a@b.c"),
                ("https://auto.example", "https://auto.example"),
                ("b", "http://x.y"),
                ("CI", "https://ci.example"),
                ("in", "#usage"),
            ]
        );
        assert_eq!(styled(b, Inline::LINK.union(Inline::STRONG)), ["b"]);
        assert_eq!(styled(b, Inline::DIM), ["[image: a cat]"]);
        assert_eq!(styled(b, Inline::DIM.union(Inline::LINK)), ["CI"]);
        assert!(!b.text.contains("javascript"));
        assert_runs_valid(&doc);
        // Controls in a target are shown, never sent.
        let doc = parse(r"[x](http://a.b/&#7;&#27;\\)");
        assert_eq!(doc.blocks[0].links()[0].target, "http://a.b/␇␛\\");
        // Entity-encoded scheme is still recognised after decoding.
        let doc = parse("[x](jav&#x61;script:alert)");
        assert_eq!(doc.blocks[0].text, "x");
        assert!(doc.blocks[0].links().is_empty());
    }

    #[test]
    fn headings_get_slugs_and_no_badges() {
        let doc = parse(
            "# lectern [![CI](b.svg)](https://ci)\n\n## Usage\n\n## Usage\n\n# ![Logo Name](l.png)\n",
        );
        let heads: Vec<(&str, &[String])> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.anchors()))
            .collect();
        assert_eq!(
            heads,
            [
                ("lectern", &["lectern".to_string()][..]),
                ("Usage", &["usage".to_string()][..]),
                ("Usage", &["usage-1".to_string()][..]),
                ("Logo Name", &["logo-name".to_string()][..]),
            ]
        );
        assert_eq!(doc.title, "lectern");
    }

    #[test]
    fn footnotes_are_collected_and_linked_both_ways() {
        let doc = parse(
            "Text[^b] and more[^a] and again[^b].\n\n[^a]: Note A.\n\n[^b]: Note B.\n\n    more of B\n\nAfter.\n",
        );
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "Text¹ and more² and again¹.",
                "After.",
                "",
                "Note B.",
                "more of B ↩",
                "Note A. ↩"
            ]
        );
        let first = &doc.blocks[0];
        assert_eq!(first.anchors(), ["fnref-b", "fnref-a"]);
        assert_eq!(first.links()[0].target, "#fn-b");
        assert_eq!(
            styled(first, Inline::SUPERSCRIPT.union(Inline::LINK)).len(),
            3
        );
        assert_eq!(doc.blocks[2].kind, BlockKind::Rule);
        let note_b = &doc.blocks[3];
        assert_eq!(note_b.anchors(), ["fn-b"]);
        assert_eq!(note_b.list().map(|l| l.marker.as_str()), Some("1."));
        assert_eq!(doc.blocks[4].links()[0].target, "#fnref-b");
        assert_eq!(doc.blocks[4].list().map(|l| l.marker.as_str()), Some(""));
        assert_eq!(doc.blocks[5].list().map(|l| l.marker.as_str()), Some("2."));
        assert_runs_valid(&doc);
    }

    #[test]
    fn alerts_are_titled_callouts() {
        let doc = parse("> [!WARNING]\n> Mind the *gap*.\n>\n> - a list\n\n> plain quote\n");
        let got: Vec<(&str, Option<Callout>, u8)> = doc
            .blocks
            .iter()
            .map(|b| (b.text.as_str(), b.callout(), b.quote_depth))
            .collect();
        assert_eq!(
            got,
            [
                ("Warning", Some(Callout::Warning), 1),
                ("Mind the gap.", Some(Callout::Warning), 1),
                ("a list", Some(Callout::Warning), 1),
                ("plain quote", None, 1),
            ]
        );
        assert_eq!(styled(&doc.blocks[0], Inline::STRONG), ["Warning"]);
    }

    #[test]
    fn loose_and_tight_lists() {
        let doc = parse("- a\n- b\n\n---\n\n- c\n\n- d\n  - e\n  - f\n");
        let got: Vec<(&str, bool)> = doc
            .blocks
            .iter()
            .filter_map(|b| b.list().map(|l| (b.text.as_str(), l.loose)))
            .collect();
        assert_eq!(
            got,
            [
                ("a", false),
                ("b", false),
                ("c", true),
                ("d", true),
                ("e", false),
                ("f", false)
            ]
        );
    }

    #[test]
    fn entities_are_sanitized_after_decoding() {
        let doc = parse("&#27;[31mred &#x9b;31m &#x202E; &#0;");
        assert_eq!(doc.blocks[0].text, "␛[31mred <U+009B>31m <U+202E> \u{FFFD}");
        let doc = parse("# &#27;]0;title&#7;\n\n![a&#27;&#91;2J](x.png)");
        assert_eq!(doc.blocks[0].text, "␛]0;title␇");
        assert_eq!(doc.title, "␛]0;title␇");
        assert_eq!(doc.blocks[1].text, "[image: a␛[2J]");
        assert_runs_valid(&doc);
    }

    #[test]
    fn raw_controls_everywhere() {
        let src = "# H\u{1b}[2J\u{202E}\n\n- it\u{9b}em\n\n```\nco\u{1b}]52;c;x\u{7}de\n```\n\n| a\u{1b} | b |\n|---|---|\n| \u{7f} | x |\n\n<div>\u{1b}[8m</div>\n";
        let doc = parse(src);
        assert_runs_valid(&doc);
        assert!(doc.blocks.iter().all(|b| !b.text.contains('\u{1b}')));
        assert_eq!(doc.blocks[0].text, "H␛[2J<U+202E>");
    }

    #[test]
    fn nested_lists() {
        let src = "- a\n- b\n  - b1\n  - b2\n    1. deep\n    2. deeper\n- c\n\n  second para of c\n\n3. three\n4. four\n\n- [x] done\n- [ ] todo\n- \n- - inner\n";
        let doc = parse(src);
        let items: Vec<(&str, u8, &str)> = doc
            .blocks
            .iter()
            .map(|b| {
                let l = b.list().expect("in a list");
                (b.text.as_str(), l.depth, l.marker.as_str())
            })
            .collect();
        assert_eq!(
            items,
            [
                ("a", 0, "•"),
                ("b", 0, "•"),
                ("b1", 1, "◦"),
                ("b2", 1, "◦"),
                ("deep", 2, "1."),
                ("deeper", 2, "2."),
                ("c", 0, "•"),
                ("second para of c", 0, ""),
                ("three", 0, "3."),
                ("four", 0, "4."),
                ("done", 0, "☑"),
                ("todo", 0, "☐"),
                ("", 0, "•"),
                ("", 0, "•"),
                ("inner", 1, "◦"),
            ]
        );
        assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
    }

    #[test]
    fn code_blocks_keep_lines() {
        let src = "```rust\nfn main() {\n\tlet x  =  1;\n\n}\n```\n\n    indented\n      more\n\n~~~\n~~~\n";
        let doc = parse(src);
        assert_eq!(
            kinds(&doc),
            [
                (BlockKind::Code, "fn main() {\n        let x  =  1;\n\n}"),
                (BlockKind::Code, "indented\n  more"),
                (BlockKind::Code, ""),
            ]
        );
        assert_eq!(doc.blocks[0].language(), Some("rust"));
        assert_eq!(doc.blocks[1].language(), None);
        let doc = parse("```\r\na\r\nb\r\n```\r\n");
        assert_eq!(doc.blocks[0].text, "a\nb");
    }

    #[test]
    fn quotes_rules_and_html() {
        let doc = parse("> q1\n>> q2\n\n---\n\n<div>\n*x*\n</div>\n\ntext <b>bold</b>\n");
        assert_eq!(doc.blocks[0].quote_depth, 1);
        assert_eq!(doc.blocks[1].quote_depth, 2);
        assert_eq!(doc.blocks[2].kind, BlockKind::Rule);
        assert_eq!(doc.blocks[2].text, "");
        // HTML is rendered, never shown as source.
        assert_eq!(doc.blocks[3].kind, BlockKind::Paragraph);
        assert_eq!(doc.blocks[3].text, "*x*");
        assert_eq!(doc.blocks[4].text, "text bold");
        assert_eq!(styled(&doc.blocks[4], Inline::STRONG), ["bold"]);
    }

    #[test]
    fn tables_keep_their_cells() {
        let src = "| Name | Qty | Note |\n|:-----|----:|:----:|\n| *apple* | 3 | [中文](https://zh) |\n| kiwi | 12345 |\n";
        let doc = parse(src);
        assert_eq!(doc.blocks.len(), 1);
        let b = &doc.blocks[0];
        assert_eq!(b.kind, BlockKind::Table);
        let table = b.table().expect("cells");
        assert_eq!(table.header_rows, 1);
        assert_eq!(table.aligns, [Align::Left, Align::Right, Align::Center]);
        let cells: Vec<Vec<&str>> = table
            .rows
            .iter()
            .map(|r| r.iter().map(|c| &b.text[c.clone()]).collect())
            .collect();
        assert_eq!(
            cells,
            [
                vec!["Name", "Qty", "Note"],
                vec!["apple", "3", "中文"],
                vec!["kiwi", "12345", ""],
            ]
        );
        assert_eq!(styled(b, Inline::EMPHASIS), ["apple"]);
        assert_eq!(&b.text[b.links()[0].byte_range.clone()], "中文");
        assert_runs_valid(&doc);
    }

    #[test]
    fn deep_quote_and_list_nesting_is_capped() {
        let src = format!("{} deep\n", ">".repeat(5000));
        let doc = parse(&src);
        assert_eq!(doc.blocks.len(), 1);
        assert_eq!(doc.blocks[0].text, "deep");
        assert_eq!(doc.blocks[0].quote_depth, MAX_NESTING);
        let src = "> ".repeat(5000) + "x\n";
        let doc = parse(&src);
        assert_eq!(doc.blocks[0].text, "x");
        let src = format!("{}\n", ">".repeat(5000));
        let _ = parse(&src);
        let lists: String = (0..2000).fold(String::new(), |mut s, i| {
            s.push_str(&"  ".repeat(i));
            s.push_str("- x\n");
            s
        });
        let doc = parse(&lists);
        assert!(
            doc.blocks
                .iter()
                .all(|b| b.list().is_some_and(|l| l.depth <= MAX_NESTING))
        );
    }

    #[test]
    fn long_paragraph_is_split_with_runs() {
        let src = format!("**{}** tail", "word ".repeat(30_000).trim_end());
        let doc = parse(&src);
        assert!(doc.blocks.len() >= 3);
        assert!(doc.blocks[1..].iter().all(|b| b.continues));
        assert!(doc.blocks.iter().all(|b| b.text.len() <= MAX_BLOCK_BYTES));
        assert_runs_valid(&doc);
        let last = doc.blocks.last().expect("blocks");
        assert!(last.text.ends_with(" tail"));
    }

    #[test]
    fn degenerate_inputs() {
        assert!(parse("").blocks.is_empty());
        assert!(parse("\n\n\n").blocks.is_empty());
        assert_eq!(parse("\u{feff}# Title").title, "Title");
        let many = (0..10_000).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "# h{i}");
            s
        });
        assert_eq!(parse(&many).blocks.len(), 10_000);
    }

    #[test]
    fn commonmark_spec_corpus() {
        let Some(bytes) = crate::test_corpus("commonmark-spec-0.31.2.md") else {
            return;
        };
        let text = String::from_utf8_lossy(&bytes);
        let doc = parse(&text);
        let headings: Vec<&Block> = doc
            .blocks
            .iter()
            .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
            .collect();
        assert!(headings.len() > 20, "{} headings", headings.len());
        assert!(
            headings
                .iter()
                .all(|h| !h.text.contains("```") && !h.text.is_empty())
        );
        assert_eq!(doc.title, "CommonMark Spec");
        assert_runs_valid(&doc);
    }
}
