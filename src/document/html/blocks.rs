//! The block builder behind the HTML renderer: collapses white space, keeps inline styles,
//! links and anchors, and turns finished paragraphs, headings, list items and code into
//! [`Block`]s with their quote depth and list marker.

use super::super::sanitize::sanitize_line;
use super::super::{
    Block, BlockKind, Inline, Link, ListItem, MAX_BLOCK_BYTES, StyleRun, cut_point, line_pieces,
};

/// Quote and list depths stored in blocks are capped here (deeper nesting shows nothing more).
pub const MAX_NESTING: u8 = 32;

/// A link being built: where its text starts in the inline buffer, and its target.
#[derive(Debug)]
struct OpenLink {
    start: usize,
    target: Option<String>,
}

/// Collects inline text and emits blocks.
#[derive(Debug, Default)]
pub struct BlockBuilder {
    /// Finished blocks.
    pub blocks: Vec<Block>,
    text: String,
    runs: Vec<StyleRun>,
    links: Vec<Link>,
    open_links: Vec<OpenLink>,
    /// Anchors waiting for the next block.
    anchors: Vec<String>,
    /// A white space was seen and not yet written (it becomes one space before the next word).
    space: bool,
    /// Current quote depth.
    pub quote: u8,
    /// Current list depth (number of open lists).
    pub list_depth: u8,
    /// The marker of the current list item, until its first block takes it.
    pub marker: Option<String>,
    /// True inside a list item after its first block (later blocks are indented under it).
    pub in_item: u32,
    /// A list has opened and its first item has not placed a block yet.
    pub list_start: bool,
    /// Heading level of the inline text being built.
    pub heading: Option<u8>,
    /// A `<br>` ended the previous block: the next paragraph continues it without a gap.
    line_break: bool,
    /// The text of the first level-1 heading.
    pub first_h1: Option<String>,
}

impl BlockBuilder {
    /// Append text from the document, collapsing white space (HTML rendering rules).
    pub fn text(&mut self, raw: &str, style: Inline) {
        let mut collapsed = String::with_capacity(raw.len() + 1);
        let mut pending = self.space;
        for c in raw.chars() {
            if matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}') {
                pending = true;
                continue;
            }
            if pending && collapsed.is_empty() && !self.text.is_empty() {
                // A space from before this text: unstyled, like the gap between two words.
                self.text.push(' ');
            } else if pending && !collapsed.is_empty() {
                collapsed.push(' ');
            }
            pending = false;
            collapsed.push(c);
        }
        self.space = false;
        if !collapsed.is_empty() {
            let mut clean = String::with_capacity(collapsed.len());
            sanitize_line(&collapsed, &mut clean);
            self.push_clean(&clean, style);
        }
        self.space = pending;
    }

    /// Append already sanitized text as it is (alt text, markers).
    pub fn push_clean(&mut self, clean: &str, style: Inline) {
        if clean.is_empty() {
            return;
        }
        if std::mem::take(&mut self.space) && !self.text.is_empty() {
            self.text.push(' ');
        }
        let start = self.text.len();
        self.text.push_str(clean);
        let end = self.text.len();
        let style = if self.open_links.iter().any(|l| l.target.is_some()) {
            style.union(Inline::LINK)
        } else {
            style
        };
        if style == Inline::PLAIN {
            return;
        }
        match self.runs.last_mut() {
            Some(last) if last.range().end == start && last.style == style => {
                last.set_end(end);
            }
            _ => self.runs.push(StyleRun::new(start..end, style)),
        }
    }

    /// A separating space (between cells, images), written only before more text.
    pub fn soft_space(&mut self) {
        self.space = true;
    }

    /// An anchor (an `id`) at the current position.
    pub fn anchor(&mut self, name: &str) {
        let mut clean = String::new();
        sanitize_line(name.trim(), &mut clean);
        if !clean.is_empty() && !self.anchors.contains(&clean) {
            self.anchors.push(clean);
        }
    }

    /// A link starts here; `None` for a link without a usable target.
    pub fn open_link(&mut self, target: Option<String>) {
        self.open_links.push(OpenLink {
            start: self.text.len(),
            target,
        });
    }

    /// The innermost link ends here.
    pub fn close_link(&mut self) {
        if let Some(link) = self.open_links.pop() {
            self.finish_link(link.start, link.target);
        }
    }

    fn finish_link(&mut self, start: usize, target: Option<String>) {
        let end = self.text.trim_end().len();
        // The space written before the link's first word is not part of it.
        let start = start
            + self
                .text
                .get(start..)
                .map_or(0, |t| t.len() - t.trim_start().len());
        if let Some(target) = target.filter(|_| end > start) {
            self.links.push(Link {
                byte_range: start..end,
                target,
            });
        }
    }

    /// A `<br>`: ends the line; the next paragraph follows without a gap.
    pub fn line_break(&mut self) {
        let had_text = !self.text.trim().is_empty();
        self.flush();
        if had_text {
            self.line_break = true;
        }
    }

    /// End of a block-level element: the text so far becomes a block.
    pub fn flush(&mut self) {
        self.space = false;
        let text = std::mem::take(&mut self.text);
        let runs = std::mem::take(&mut self.runs);
        // Links still open continue in the next block, from its start.
        let open: Vec<(usize, Option<String>)> = self
            .open_links
            .iter()
            .map(|l| (l.start, l.target.clone()))
            .collect();
        self.text = text;
        for (start, target) in open {
            self.finish_link(start, target);
        }
        let text = std::mem::take(&mut self.text);
        for l in &mut self.open_links {
            l.start = 0;
        }
        let links = std::mem::take(&mut self.links);
        let trimmed_end = text.trim_end().len();
        if trimmed_end == 0 {
            return;
        }
        let kind = self
            .heading
            .map_or(BlockKind::Paragraph, BlockKind::Heading);
        if kind == BlockKind::Heading(1) && self.first_h1.is_none() {
            self.first_h1 = Some(text[..trimmed_end].to_string());
        }
        let continues = std::mem::take(&mut self.line_break) && kind == BlockKind::Paragraph;
        self.emit_inline(kind, &text[..trimmed_end], &runs, &links, continues);
    }

    /// Emit one inline block, split into pieces of at most [`MAX_BLOCK_BYTES`].
    fn emit_inline(
        &mut self,
        kind: BlockKind,
        text: &str,
        runs: &[StyleRun],
        links: &[Link],
        continues: bool,
    ) {
        let mut start = 0;
        let mut first = true;
        while start < text.len() {
            let rest = &text[start..];
            let (end, next) = if rest.len() > MAX_BLOCK_BYTES && kind == BlockKind::Paragraph {
                cut_point(rest, MAX_BLOCK_BYTES, char::is_whitespace)
            } else {
                (rest.len(), rest.len())
            };
            let range = start..start + end;
            let mut block = Block::new(kind, &text[range.clone()]);
            block.set_runs(
                clip(runs, &range, StyleRun::range)
                    .map(|(r, byte_range)| r.with_range(byte_range))
                    .collect::<Vec<_>>(),
            );
            let mut links: Vec<Link> = clip(links, &range, |l| l.byte_range.clone())
                .map(|(l, byte_range)| Link {
                    byte_range,
                    target: l.target.clone(),
                })
                .collect();
            // Collected vectors start with room for four; a large page has many blocks.
            links.shrink_to_fit();
            block.set_links(links);
            block.continues = continues || !first;
            first = false;
            self.push(block);
            start += next;
        }
    }

    /// Preformatted text (already without its trailing newline) as code blocks.
    pub fn code(&mut self, raw: &str) {
        self.flush();
        let mut clean = String::with_capacity(raw.len());
        for (i, line) in raw.split('\n').enumerate() {
            if i > 0 {
                clean.push('\n');
            }
            sanitize_line(line.strip_suffix('\r').unwrap_or(line), &mut clean);
        }
        if clean.trim().is_empty() {
            return;
        }
        for (i, piece) in line_pieces(&clean).into_iter().enumerate() {
            let mut block = Block::new(BlockKind::Code, piece);
            block.source_lines = u32::try_from(piece.lines().count().max(1)).unwrap_or(u32::MAX);
            block.continues = i > 0;
            self.push(block);
        }
    }

    /// A block made elsewhere (rule, table): placed at the current depth.
    pub fn push(&mut self, mut block: Block) {
        block.quote_depth = self.quote.min(MAX_NESTING);
        if self.list_depth > 0 {
            let marker = self.marker.take();
            if marker.is_some() || self.in_item > 0 {
                let marker = marker.unwrap_or_default();
                block.set_list(Some(ListItem {
                    depth: self.list_depth.saturating_sub(1).min(MAX_NESTING),
                    first: !marker.is_empty() && std::mem::take(&mut self.list_start),
                    marker,
                    loose: false,
                }));
            }
        }
        block.add_anchors(&mut self.anchors);
        self.blocks.push(block);
    }

    /// The end of the document: pending text and anchors are placed.
    pub fn finish(mut self) -> (Vec<Block>, Option<String>) {
        self.flush();
        if !self.anchors.is_empty() {
            if let Some(last) = self.blocks.last_mut() {
                last.add_anchors(&mut self.anchors);
            }
        }
        (self.blocks, self.first_h1)
    }

    /// Take the running text as plain text (a table cell), dropping its styles and links.
    pub fn take_inline(&mut self) -> String {
        self.space = false;
        self.runs.clear();
        self.links.clear();
        for l in &mut self.open_links {
            l.start = 0;
        }
        let text = std::mem::take(&mut self.text);
        text.trim().to_string()
    }
}

/// The items of `items` that overlap `range`, with their ranges clipped and shifted to it.
fn clip<'a, T>(
    items: &'a [T],
    range: &'a std::ops::Range<usize>,
    get: impl Fn(&T) -> std::ops::Range<usize> + 'a,
) -> impl Iterator<Item = (&'a T, std::ops::Range<usize>)> + 'a {
    items.iter().filter_map(move |item| {
        let r = get(item);
        let start = r.start.max(range.start);
        let end = r.end.min(range.end);
        (start < end).then(|| (item, start - range.start..end - range.start))
    })
}
