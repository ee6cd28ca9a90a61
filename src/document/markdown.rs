//! Markdown through pulldown-cmark: CommonMark plus tables, strikethrough, task lists and YAML
//! front matter, mapped to [`Block`]s.
//!
//! Mapping:
//!
//! - Headings become [`BlockKind::Heading`], paragraphs [`BlockKind::Paragraph`], both with inline
//!   [`StyleRun`]s (emphasis, strong, code, strikethrough, link text). Soft and hard line breaks
//!   become a space: paragraphs are reflowed.
//! - A link's text is styled [`Inline::LINK`] and followed by its target, dimmed, as ` ⟨url⟩`,
//!   but only for `http:`, `https:`, `mailto:` and relative targets (and not when the text already
//!   is the target, as in autolinks). Other schemes (`javascript:`, `data:`, `file:` …) show the
//!   text only. Images show as `[image: alt]`, dimmed.
//! - Block quotes set [`Block::quote_depth`]; lists give one block per item paragraph, the first
//!   block of an item carries `list: Some(ListItem { depth, marker })` (`•`/`◦`/`▪` by depth,
//!   `3.` for ordered lists, `[x]`/`[ ]` for task items). **Later blocks of the same item** carry
//!   `list: Some(ListItem { depth, marker: "" })`, so layout indents them under the marker. Both
//!   depths are capped at [`MAX_NESTING`].
//! - Fenced and indented code become [`BlockKind::Code`] (lines kept, no trailing newline);
//!   HTML blocks become `Code` blocks too, entirely dimmed, and inline HTML is dimmed text: HTML
//!   is never interpreted. Rules become [`BlockKind::Rule`]. A table becomes one
//!   [`BlockKind::Table`] block drawn with box-drawing separators, header row [`Inline::STRONG`].
//! - Front matter is not shown; its `title:` (and a `date: YYYY-MM-DD`) become the document
//!   title (date) and a [`BlockKind::Title`] (and [`BlockKind::Meta`]) block. Without one, the
//!   title is the text of the first level-1 heading (no extra block), else empty.
//!
//! Every text, including text that pulldown-cmark produced by decoding entities (`&#27;`), link
//! targets and alt text, goes through the sanitizer *after* decoding, and the run byte ranges
//! refer to the sanitized text.

use std::borrow::Cow;

use pulldown_cmark::{Alignment, Event, Options, Parser, Tag, TagEnd};
use unicode_width::UnicodeWidthStr;

use super::sanitize::{sanitize_inline, sanitize_line};
use super::{
    Block, BlockKind, Document, Inline, ListItem, MAX_BLOCK_BYTES, StyleRun, cut_point, line_pieces,
};

/// Block-quote and list depths stored in blocks are capped at this value, and block-quote
/// markers nested deeper than [`MAX_SOURCE_QUOTES`] are dropped before parsing.
pub const MAX_NESTING: u8 = 32;

/// Leading `>` markers kept on one line before parsing: deeper nesting costs the parser time
/// and shows nothing more.
const MAX_SOURCE_QUOTES: usize = 64;

const BULLETS: [&str; 3] = ["•", "◦", "▪"];

/// Parse a whole Markdown text.
#[must_use]
pub fn parse(text: &str) -> Document {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let source = cap_quote_nesting(text);
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_YAML_STYLE_METADATA_BLOCKS;
    let mut b = Builder::default();
    for event in Parser::new_ext(&source, options) {
        b.event(event);
    }
    b.flush_inline();
    let title = b.meta_title.or(b.first_h1).unwrap_or_default();
    Document {
        title,
        date: b.meta_date,
        blocks: b.blocks,
    }
}

/// Drop `>` markers beyond [`MAX_SOURCE_QUOTES`] at the start of each line (a pathological
/// `>`×5000 line otherwise makes the parser build thousands of nested containers).
fn cap_quote_nesting(text: &str) -> Cow<'_, str> {
    let deep = |line: &str| {
        let mut count = 0;
        for b in line.bytes() {
            match b {
                b'>' => count += 1,
                b' ' | b'\t' => {}
                _ => break,
            }
        }
        count > MAX_SOURCE_QUOTES
    };
    if !text.split('\n').any(deep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !deep(line) {
            out.push_str(line);
            continue;
        }
        let mut kept = 0;
        let mut end = 0;
        for (pos, b) in line.bytes().enumerate() {
            match b {
                b'>' if kept < MAX_SOURCE_QUOTES => kept += 1,
                b'>' | b' ' | b'\t' => {}
                _ => {
                    end = pos;
                    break;
                }
            }
            end = pos + 1;
        }
        out.push_str(&">".repeat(kept));
        out.push(' ');
        out.push_str(&line[end..]);
    }
    Cow::Owned(out)
}

/// True when a link target may be shown: `http`, `https`, `mailto` or no scheme at all.
fn allowed_target(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => {
            let scheme = &url[..c];
            ["http", "https", "mailto"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
        }
    }
}

/// Sanitize text that may contain line breaks (they become spaces).
fn sanitize_text(raw: &str, out: &mut String) {
    for (i, piece) in raw.split(['\r', '\n']).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        sanitize_line(piece, out);
    }
}

/// Sanitize a multi-line text keeping its lines (code and HTML blocks); no trailing newline.
fn sanitize_lines(raw: &str) -> String {
    let raw = raw.strip_suffix('\n').unwrap_or(raw);
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    loop {
        match rest.find(['\r', '\n']) {
            Some(pos) => {
                sanitize_line(&rest[..pos], &mut out);
                out.push('\n');
                let skip = if rest[pos..].starts_with("\r\n") {
                    2
                } else {
                    1
                };
                rest = &rest[pos + skip..];
            }
            None => {
                sanitize_line(rest, &mut out);
                return out;
            }
        }
    }
}

/// The text and runs of `range` of a styled text, with the runs clipped and shifted.
fn slice_runs(
    text: &str,
    runs: &[StyleRun],
    range: std::ops::Range<usize>,
) -> (String, Vec<StyleRun>) {
    let sliced = text[range.clone()].to_string();
    let runs = runs
        .iter()
        .filter_map(|r| {
            let start = r.byte_range.start.max(range.start);
            let end = r.byte_range.end.min(range.end);
            (start < end).then(|| StyleRun {
                byte_range: start - range.start..end - range.start,
                ..r.clone()
            })
        })
        .collect();
    (sliced, runs)
}

struct LinkInfo {
    url: String,
    text_start: usize,
}

struct Table {
    aligns: Vec<Alignment>,
    rows: Vec<Vec<String>>,
    header_rows: usize,
}

#[derive(Default)]
struct Builder {
    blocks: Vec<Block>,
    /// Inline text of the paragraph, heading or table cell being built (sanitized).
    text: String,
    runs: Vec<StyleRun>,
    emphasis: u32,
    strong: u32,
    strike: u32,
    links: Vec<LinkInfo>,
    /// Nesting of images; their text goes to `alt`.
    image_depth: u32,
    alt: String,
    heading: Option<u8>,
    quote: usize,
    /// One entry per open list: the next number of an ordered list.
    lists: Vec<Option<u64>>,
    /// The marker of the current item, until its first block takes it.
    marker: Option<String>,
    code: Option<String>,
    html: Option<String>,
    meta: Option<String>,
    table: Option<Table>,
    meta_title: Option<String>,
    meta_date: Option<String>,
    first_h1: Option<String>,
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
        s
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
            Some(last) if last.byte_range.end == start && last.style == style => {
                last.byte_range.end = end;
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

    /// Give a new block its quote depth and list item.
    fn place(&mut self, mut block: Block) -> Block {
        block.quote_depth = u8::try_from(self.quote).unwrap_or(u8::MAX).min(MAX_NESTING);
        if !self.lists.is_empty() {
            let depth = u8::try_from(self.lists.len() - 1)
                .unwrap_or(u8::MAX)
                .min(MAX_NESTING);
            block.list = Some(ListItem {
                depth,
                marker: self.marker.take().unwrap_or_default(),
            });
        }
        block
    }

    fn push_block(&mut self, block: Block) {
        let block = self.place(block);
        self.blocks.push(block);
    }

    /// Take the inline text built so far, trimmed, with its runs.
    fn take_inline(&mut self) -> (String, Vec<StyleRun>) {
        let text = std::mem::take(&mut self.text);
        let runs = std::mem::take(&mut self.runs);
        let start = text.len() - text.trim_start().len();
        let end = text.trim_end().len().max(start);
        slice_runs(&text, &runs, start..end)
    }

    /// End the paragraph or heading being built, if it has any text.
    fn flush_inline(&mut self) {
        let (text, runs) = self.take_inline();
        if text.is_empty() {
            return;
        }
        let kind = self
            .heading
            .map_or(BlockKind::Paragraph, BlockKind::Heading);
        if kind == BlockKind::Heading(1) && self.first_h1.is_none() {
            self.first_h1 = Some(text.clone());
        }
        if kind != BlockKind::Paragraph || text.len() <= MAX_BLOCK_BYTES {
            let mut block = Block::new(kind, text);
            block.runs = runs;
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
            let (piece, piece_runs) = slice_runs(&text, &runs, start..start + end);
            let mut block = Block::new(kind, piece);
            block.runs = piece_runs;
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
        for (i, piece) in line_pieces(text).into_iter().enumerate() {
            let mut block = Block::new(BlockKind::Code, piece);
            block.source_lines = u32::try_from(piece.lines().count().max(1)).unwrap_or(u32::MAX);
            block.continues = i > 0;
            if dim && !piece.is_empty() {
                block.runs.push(StyleRun::new(0..piece.len(), Inline::DIM));
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
            Event::Code(t) => self.push_text(&t, Inline::CODE),
            Event::InlineMath(t) | Event::DisplayMath(t) => self.push_text(&t, Inline::CODE),
            Event::Html(t) | Event::InlineHtml(t) => self.push_text(&t, Inline::DIM),
            Event::FootnoteReference(t) => {
                self.push_text(&format!("[^{t}]"), Inline::DIM);
            }
            Event::SoftBreak | Event::HardBreak => self.push_text(" ", Inline::PLAIN),
            Event::Rule => {
                self.flush_inline();
                self.push_block(Block::new(BlockKind::Rule, ""));
            }
            Event::TaskListMarker(done) => {
                if self.marker.is_some() {
                    self.marker = Some(if done { "[x]" } else { "[ ]" }.to_string());
                }
            }
        }
    }

    fn start(&mut self, tag: Tag<'_>) {
        match tag {
            Tag::Paragraph => self.flush_inline(),
            Tag::Heading { level, .. } => {
                self.flush_inline();
                self.heading = Some(level as u8);
            }
            Tag::BlockQuote(_) => {
                self.flush_inline();
                self.quote = self.quote.saturating_add(1);
            }
            Tag::CodeBlock(_) => {
                self.flush_inline();
                self.code = Some(String::new());
            }
            Tag::HtmlBlock => {
                self.flush_inline();
                self.html = Some(String::new());
            }
            Tag::List(start) => {
                self.flush_inline();
                self.flush_marker();
                self.lists.push(start);
            }
            Tag::Item => {
                self.flush_inline();
                self.flush_marker();
                let depth = self.lists.len().saturating_sub(1);
                let marker = match self.lists.last_mut() {
                    Some(Some(n)) => {
                        let m = format!("{n}.");
                        *n = n.saturating_add(1);
                        m
                    }
                    _ => BULLETS[depth % BULLETS.len()].to_string(),
                };
                self.marker = Some(marker);
            }
            Tag::Table(aligns) => {
                self.flush_inline();
                self.table = Some(Table {
                    aligns,
                    rows: Vec::new(),
                    header_rows: 0,
                });
            }
            Tag::TableHead | Tag::TableRow => {
                if let Some(t) = self.table.as_mut() {
                    t.rows.push(Vec::new());
                }
            }
            Tag::TableCell => {
                self.text.clear();
                self.runs.clear();
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
            Tag::FootnoteDefinition(_)
            | Tag::DefinitionList
            | Tag::DefinitionListTitle
            | Tag::DefinitionListDefinition => self.flush_inline(),
            Tag::Superscript | Tag::Subscript => {}
        }
    }

    fn end(&mut self, tag: TagEnd) {
        match tag {
            TagEnd::Paragraph => self.flush_inline(),
            TagEnd::Heading(_) => {
                self.flush_inline();
                self.heading = None;
            }
            TagEnd::BlockQuote(_) => {
                self.flush_inline();
                self.quote = self.quote.saturating_sub(1);
            }
            TagEnd::CodeBlock => {
                let raw = self.code.take().unwrap_or_default();
                self.push_code(&sanitize_lines(&raw), false);
            }
            TagEnd::HtmlBlock => {
                let raw = self.html.take().unwrap_or_default();
                self.push_code(&sanitize_lines(&raw), true);
            }
            TagEnd::List(_) => {
                self.flush_inline();
                self.flush_marker();
                self.lists.pop();
            }
            TagEnd::Item => {
                self.flush_inline();
                self.flush_marker();
            }
            TagEnd::Table => {
                if let Some(table) = self.table.take() {
                    let block = draw_table(&table);
                    self.push_block(block);
                }
            }
            TagEnd::TableHead => {
                if let Some(t) = self.table.as_mut() {
                    t.header_rows = t.rows.len();
                }
            }
            TagEnd::TableRow => {}
            TagEnd::TableCell => {
                let (cell, _) = self.take_inline();
                if let Some(row) = self.table.as_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(cell);
                }
            }
            TagEnd::Emphasis => self.emphasis = self.emphasis.saturating_sub(1),
            TagEnd::Strong => self.strong = self.strong.saturating_sub(1),
            TagEnd::Strikethrough => self.strike = self.strike.saturating_sub(1),
            TagEnd::Link => {
                if let Some(link) = self.links.pop() {
                    self.link_target(&link);
                }
            }
            TagEnd::Image => {
                self.image_depth = self.image_depth.saturating_sub(1);
                if self.image_depth == 0 {
                    let alt = std::mem::take(&mut self.alt);
                    let mut clean = String::from("[image: ");
                    sanitize_text(alt.trim(), &mut clean);
                    clean.push(']');
                    self.push_clean(&clean, Inline::DIM);
                }
            }
            TagEnd::MetadataBlock(_) => {
                let raw = self.meta.take().unwrap_or_default();
                self.front_matter(&raw);
            }
            TagEnd::FootnoteDefinition
            | TagEnd::DefinitionList
            | TagEnd::DefinitionListTitle
            | TagEnd::DefinitionListDefinition => self.flush_inline(),
            TagEnd::Superscript | TagEnd::Subscript => {}
        }
    }

    /// After a link's text: show its target, dimmed, when its scheme is allowed.
    fn link_target(&mut self, link: &LinkInfo) {
        let url = link.url.trim();
        if url.is_empty() || !allowed_target(url) || self.image_depth > 0 {
            return;
        }
        let shown = sanitize_inline(url);
        let text = self.text.get(link.text_start..).unwrap_or("").trim();
        if text == shown || shown.strip_prefix("mailto:") == Some(text) {
            return;
        }
        // The target is not part of the link text: drop LINK while appending it.
        let outer = std::mem::take(&mut self.links);
        self.push_clean(&format!(" ⟨{shown}⟩"), Inline::DIM);
        self.links = outer;
    }

    /// YAML front matter: only `title:` and `date:` are read.
    fn front_matter(&mut self, yaml: &str) {
        for line in yaml.lines() {
            let Some((key, value)) = line.split_once(':') else {
                continue;
            };
            let value = value.trim();
            let value = value
                .strip_prefix('"')
                .and_then(|v| v.strip_suffix('"'))
                .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
                .unwrap_or(value)
                .trim();
            if value.is_empty() || value.starts_with(['|', '>']) {
                continue;
            }
            match key {
                "title" if self.meta_title.is_none() => {
                    self.meta_title = Some(sanitize_inline(value));
                }
                "date" if self.meta_date.is_none() => {
                    let date = value.get(..10).filter(|d| super::is_iso_date(d));
                    self.meta_date = date.map(str::to_string);
                }
                _ => {}
            }
        }
        if let Some(title) = self.meta_title.clone() {
            self.blocks.push(Block::new(BlockKind::Title, title));
            if let Some(date) = self.meta_date.clone() {
                self.blocks.push(Block::new(BlockKind::Meta, date));
            }
        }
    }
}

/// Pad `cell` to `width` display columns according to `align`.
fn pad(out: &mut String, cell: &str, width: usize, align: Alignment) {
    let gap = width.saturating_sub(cell.width());
    let (left, right) = match align {
        Alignment::Right => (gap, 0),
        Alignment::Center => (gap / 2, gap - gap / 2),
        Alignment::Left | Alignment::None => (0, gap),
    };
    out.extend(std::iter::repeat_n(' ', left));
    out.push_str(cell);
    out.extend(std::iter::repeat_n(' ', right));
}

/// Draw a table as aligned lines: cells separated by ` │ `, the header underlined with `─┼─`.
fn draw_table(table: &Table) -> Block {
    let columns = table
        .rows
        .iter()
        .map(Vec::len)
        .max()
        .unwrap_or(0)
        .max(table.aligns.len());
    let mut widths = vec![0usize; columns];
    for row in &table.rows {
        for (w, cell) in widths.iter_mut().zip(row) {
            *w = (*w).max(cell.width());
        }
    }
    let mut text = String::new();
    let mut runs = Vec::new();
    for (r, row) in table.rows.iter().enumerate() {
        if r > 0 {
            text.push('\n');
        }
        let start = text.len();
        for (c, width) in widths.iter().enumerate() {
            if c > 0 {
                text.push_str(" │ ");
            }
            let cell = row.get(c).map_or("", String::as_str);
            let align = table.aligns.get(c).copied().unwrap_or(Alignment::None);
            pad(&mut text, cell, *width, align);
        }
        text.truncate(text.trim_end().len().max(start));
        if r < table.header_rows {
            if text.len() > start {
                runs.push(StyleRun::new(start..text.len(), Inline::STRONG));
            }
            if r + 1 == table.header_rows {
                text.push('\n');
                for (c, width) in widths.iter().enumerate() {
                    if c > 0 {
                        text.push_str("─┼─");
                    }
                    text.extend(std::iter::repeat_n('─', *width));
                }
            }
        }
    }
    let mut block = Block::new(BlockKind::Table, text);
    block.source_lines = u32::try_from(table.rows.len() + 1).unwrap_or(u32::MAX);
    block.runs = runs;
    block
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sanitize::is_clean;

    fn kinds(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    fn styled(block: &Block, style: Inline) -> Vec<&str> {
        block
            .runs
            .iter()
            .filter(|r| r.style == style)
            .map(|r| &block.text[r.byte_range.clone()])
            .collect()
    }

    fn assert_runs_valid(doc: &Document) {
        for b in &doc.blocks {
            assert!(is_clean(&b.text), "{:?}", b.text);
            let mut last = 0;
            for r in &b.runs {
                assert!(r.byte_range.start >= last && r.byte_range.start < r.byte_range.end);
                assert!(b.text.is_char_boundary(r.byte_range.start));
                assert!(b.text.is_char_boundary(r.byte_range.end));
                assert!(r.byte_range.end <= b.text.len());
                last = r.byte_range.end;
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
        // Soft and hard breaks become spaces.
        let doc = parse("one\ntwo  \nthree\\\nfour");
        assert_eq!(doc.blocks[0].text, "one two three four");
    }

    #[test]
    fn links_and_images() {
        let doc = parse(
            "[site](https://example.com) [rel](docs/a.md) [mail](mailto:a@b.c) \
             [evil](javascript:alert(1)) [data](data:text/html,x) [file](FILE:///etc/passwd) \
             <https://auto.example> ![a *cat*](cat.png) [**b**](http://x.y \"t\")",
        );
        let b = &doc.blocks[0];
        assert_eq!(
            b.text,
            "site ⟨https://example.com⟩ rel ⟨docs/a.md⟩ mail ⟨mailto:a@b.c⟩ evil data file \
             https://auto.example [image: a cat] b ⟨http://x.y⟩"
        );
        assert_eq!(
            styled(b, Inline::LINK),
            [
                "site",
                "rel",
                "mail",
                "evil",
                "data",
                "file",
                "https://auto.example"
            ]
        );
        assert_eq!(styled(b, Inline::LINK.union(Inline::STRONG)), ["b"]);
        assert_eq!(
            styled(b, Inline::DIM),
            [
                " ⟨https://example.com⟩",
                " ⟨docs/a.md⟩",
                " ⟨mailto:a@b.c⟩",
                "[image: a cat]",
                " ⟨http://x.y⟩"
            ]
        );
        assert!(!b.text.contains("javascript"));
        assert_runs_valid(&doc);
        // Controls in a target are shown, never sent.
        let doc = parse(r"[x](http://a.b/&#7;&#27;\\)");
        assert_eq!(doc.blocks[0].text, "x ⟨http://a.b/␇␛\\⟩");
        // Entity-encoded scheme is still recognised after decoding.
        let doc = parse("[x](jav&#x61;script:alert)");
        assert_eq!(doc.blocks[0].text, "x");
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
                let l = b.list.as_ref().expect("in a list");
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
                ("done", 0, "[x]"),
                ("todo", 0, "[ ]"),
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
        assert_eq!(doc.blocks[3].kind, BlockKind::Code);
        assert_eq!(doc.blocks[3].text, "<div>\n*x*\n</div>");
        assert_eq!(styled(&doc.blocks[3], Inline::DIM), ["<div>\n*x*\n</div>"]);
        assert_eq!(doc.blocks[4].text, "text <b>bold</b>");
        assert_eq!(styled(&doc.blocks[4], Inline::DIM), ["<b>", "</b>"]);
    }

    #[test]
    fn tables_are_drawn_aligned() {
        let src = "| Name | Qty | Note |\n|:-----|----:|:----:|\n| apple | 3 | 中文 |\n| kiwi | 12345 | x |\n";
        let doc = parse(src);
        assert_eq!(doc.blocks.len(), 1);
        let b = &doc.blocks[0];
        assert_eq!(b.kind, BlockKind::Table);
        let lines: Vec<&str> = b.text.lines().collect();
        assert_eq!(
            lines,
            [
                "Name  │   Qty │ Note",
                "──────┼───────┼─────",
                "apple │     3 │ 中文",
                "kiwi  │ 12345 │  x",
            ]
        );
        assert_eq!(styled(b, Inline::STRONG), ["Name  │   Qty │ Note"]);
        for l in &lines[..3] {
            assert_eq!(l.width(), 20);
        }
        assert_runs_valid(&doc);
    }

    #[test]
    fn deep_quote_nesting_is_fast() {
        let start = std::time::Instant::now();
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
        let lists: String = (0..2000)
            .map(|i| format!("{}- x\n", "  ".repeat(i)))
            .collect();
        let doc = parse(&lists);
        assert!(
            doc.blocks
                .iter()
                .all(|b| b.list.as_ref().is_some_and(|l| l.depth <= MAX_NESTING))
        );
        assert!(start.elapsed().as_secs() < 5, "{:?}", start.elapsed());
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
        let many: String = (0..10_000).map(|i| format!("# h{i}\n")).collect();
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
