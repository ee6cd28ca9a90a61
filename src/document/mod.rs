//! The document model: blocks of sanitized text with inline styles, and the parsers that build it.
//!
//! A [`Document`] has no notion of width: layout happens later, per block. Every string in it has
//! already passed [`sanitize`], so it is safe to put on a terminal as it is.

pub mod epub;
pub mod git;
pub mod html;
pub mod man;
pub mod markdown;
pub mod plain;
pub mod sanitize;
pub mod sgr;

use std::ops::Range;

/// Paragraph and code blocks longer than this many bytes are split into several blocks (the
/// later ones with [`Block::continues`] set), which bounds the cost of laying out one block.
pub const MAX_BLOCK_BYTES: usize = 64 * 1024;

/// Parse a whole decoded text in the given format ([`Format::Text`] uses the article format).
#[must_use]
pub fn parse(text: &str, format: Format) -> Document {
    match format {
        Format::Text => plain::parse(text, true),
        Format::Markdown => markdown::parse(text),
        Format::Html => html::parse_page(text.as_bytes(), false).0,
        Format::Epub => epub::parse(text.as_bytes()).0,
        Format::Auto => match sniff(text.as_bytes()) {
            Some(Format::Html) => html::parse_page(text.as_bytes(), false).0,
            _ => plain::parse(text, true),
        },
    }
}

/// Preformatted text cut into pieces of at most [`MAX_BLOCK_BYTES`], at line ends where
/// possible (a single overlong line at a char boundary). Empty text is one empty piece.
pub(crate) fn line_pieces(text: &str) -> Vec<&str> {
    let mut pieces = Vec::new();
    let mut start = 0;
    loop {
        let rest = &text[start..];
        let (end, next) = if rest.len() > MAX_BLOCK_BYTES {
            cut_point(rest, MAX_BLOCK_BYTES, |c| c == '\n')
        } else {
            (rest.len(), rest.len())
        };
        pieces.push(&rest[..end]);
        start += next;
        if start >= text.len() {
            return pieces;
        }
    }
}

/// Where to cut `text`, which is longer than `limit` bytes: returns the end of the first piece
/// and the start of the rest. Cuts after the last `sep` character within the limit when there is
/// one (the separator is dropped), else at the last char boundary within the limit (always making
/// progress).
pub(crate) fn cut_point(text: &str, limit: usize, sep: impl Fn(char) -> bool) -> (usize, usize) {
    let mut end = limit.min(text.len());
    while end > 0 && !text.is_char_boundary(end) {
        end -= 1;
    }
    if end == 0 {
        // A limit smaller than the first character: take that character.
        let first = text.chars().next().map_or(0, char::len_utf8);
        return (first, first);
    }
    if let Some(c) = text[end..].chars().next().filter(|&c| sep(c)) {
        return (end, end + c.len_utf8());
    }
    if let Some((pos, c)) = text[..end].char_indices().rev().find(|&(_, c)| sep(c)) {
        if pos > 0 {
            return (pos, pos + c.len_utf8());
        }
    }
    (end, end)
}

/// True for a `YYYY-MM-DD` date (digits and dashes in place; the numbers are not checked).
#[must_use]
pub fn is_iso_date(text: &str) -> bool {
    text.len() == 10
        && text.bytes().enumerate().all(|(i, b)| {
            if i == 4 || i == 7 {
                b == b'-'
            } else {
                b.is_ascii_digit()
            }
        })
}

/// The title and date that leading blocks give (the article format's `Title` and `Meta`
/// blocks, a Markdown front matter): the one place they are read from blocks.
#[must_use]
pub fn title_of(blocks: &[Block]) -> Option<(String, Option<String>)> {
    let i = blocks.iter().position(|b| b.kind == BlockKind::Title)?;
    let date = blocks
        .get(i + 1)
        .filter(|b| b.kind == BlockKind::Meta && is_iso_date(&b.text))
        .map(|b| b.text.clone());
    Some((blocks[i].text.clone(), date))
}

/// Input format of a document.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    /// Plain text: paragraphs at blank lines, hard-wrapped lines joined. A first line
    /// `date YYYY-MM-DD Title` (the article format) gives the title and date.
    #[default]
    Text,
    /// `CommonMark` with GitHub's additions (tables, task lists, footnotes, alerts) through
    /// pulldown-cmark.
    Markdown,
    /// A web page: its article (or the whole page), through the HTML renderer.
    Html,
    /// An EPUB book: its chapters in spine order, its own contents.
    Epub,
    /// Not known yet: HTML or EPUB when the first bytes say so, else plain text.
    Auto,
}

/// The format that the first bytes of an input announce: HTML (`<!doctype html`, `<html`, after
/// a byte order mark, white space or comments) or EPUB (a zip whose first entry is `mimetype`
/// holding `application/epub+zip`).
#[must_use]
pub fn sniff(prefix: &[u8]) -> Option<Format> {
    if prefix.starts_with(b"PK\x03\x04") {
        return epub::is_epub_prefix(prefix).then_some(Format::Epub);
    }
    let mut rest = prefix.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(prefix);
    loop {
        let start = rest.iter().position(|b| !b.is_ascii_whitespace())?;
        rest = &rest[start..];
        if rest.starts_with(b"<!--") {
            let end = rest.windows(3).position(|w| w == b"-->")?;
            rest = &rest[end + 3..];
            continue;
        }
        if rest.starts_with(b"<?xml") {
            let end = rest.windows(2).position(|w| w == b"?>")?;
            rest = &rest[end + 2..];
            continue;
        }
        break;
    }
    let head: Vec<u8> = rest.iter().take(14).map(u8::to_ascii_lowercase).collect();
    let is_html = head.starts_with(b"<!doctype html")
        || (head.starts_with(b"<html")
            && head
                .get(5)
                .is_none_or(|b| b.is_ascii_whitespace() || *b == b'>'));
    is_html.then_some(Format::Html)
}

impl Format {
    /// Guess the format from a file name's extension (`.md`, `.markdown`, … are Markdown; `.html`,
    /// `.htm`, `.xhtml` HTML; `.epub` EPUB; `.txt` text); other names are [`Format::Auto`].
    #[must_use]
    pub fn from_path(path: &std::path::Path) -> Self {
        match path
            .extension()
            .and_then(|e| e.to_str())
            .map(str::to_ascii_lowercase)
        {
            Some(ext) if matches!(ext.as_str(), "md" | "markdown" | "mdown" | "mkd" | "mkdn") => {
                Self::Markdown
            }
            Some(ext) if matches!(ext.as_str(), "html" | "htm" | "xhtml" | "xht") => Self::Html,
            Some(ext) if ext == "epub" => Self::Epub,
            Some(ext) if ext == "txt" || ext == "text" => Self::Text,
            _ => Self::Auto,
        }
    }
}

/// Inline style flags of a run of text (a small bit set).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default, Hash)]
pub struct Inline(pub u16);

impl Inline {
    /// No styling.
    pub const PLAIN: Self = Self(0);
    /// `*emphasis*`
    pub const EMPHASIS: Self = Self(1);
    /// `**strong**`
    pub const STRONG: Self = Self(2);
    /// `` `code` ``
    pub const CODE: Self = Self(4);
    /// Link text.
    pub const LINK: Self = Self(8);
    /// `~~strikethrough~~`
    pub const STRIKE: Self = Self(16);
    /// Secondary text: link targets, image markers, placeholders.
    pub const DIM: Self = Self(32);
    /// Underlined text (HTML `<u>`, ANSI SGR 4, overstrike `_\bc`).
    pub const UNDERLINE: Self = Self(64);
    /// Reversed colours (ANSI SGR 7).
    pub const REVERSE: Self = Self(128);
    /// Marked text (HTML `<mark>`).
    pub const MARK: Self = Self(256);
    /// Superscript (HTML `<sup>`, footnote markers).
    pub const SUPERSCRIPT: Self = Self(512);
    /// Subscript (HTML `<sub>`).
    pub const SUBSCRIPT: Self = Self(1024);
    /// Keyboard input (HTML `<kbd>`).
    pub const KBD: Self = Self(2048);

    /// True when every flag of `other` is set in `self`.
    #[must_use]
    pub const fn contains(self, other: Self) -> bool {
        self.0 & other.0 == other.0
    }

    /// The union of two flag sets.
    #[must_use]
    pub const fn union(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }
}

/// A colour that came with the input (ANSI SGR colours): kept as the input named it, mapped to
/// the terminal by the theme.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum RunColor {
    /// One of the 256 indexed colours (0–15 are the terminal's own palette).
    Indexed(u8),
    /// A 24-bit colour.
    Rgb(u8, u8, u8),
}

/// A styled run: a byte range of [`Block::text`] and its style.
///
/// The range is kept in 32 bits (a long log has a run per coloured line): an offset past
/// 4 GiB is clamped, which only a single block of that size could meet.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct StyleRun {
    /// Start of the byte range into the block's text.
    start: u32,
    /// End of the byte range (exclusive).
    end: u32,
    /// The run's style flags.
    pub style: Inline,
    /// Foreground colour from the input, if any.
    pub fg: Option<RunColor>,
    /// Background colour from the input, if any.
    pub bg: Option<RunColor>,
}

/// A byte offset in 32 bits (clamped).
fn offset32(at: usize) -> u32 {
    u32::try_from(at).unwrap_or(u32::MAX)
}

impl StyleRun {
    /// A run with style flags and no colours.
    #[must_use]
    pub fn new(byte_range: Range<usize>, style: Inline) -> Self {
        Self {
            start: offset32(byte_range.start),
            end: offset32(byte_range.end),
            style,
            fg: None,
            bg: None,
        }
    }

    /// The same style over another byte range.
    #[must_use]
    pub fn with_range(&self, byte_range: Range<usize>) -> Self {
        Self {
            start: offset32(byte_range.start),
            end: offset32(byte_range.end),
            ..self.clone()
        }
    }

    /// The byte range of the block's text that the run styles.
    #[must_use]
    pub fn range(&self) -> Range<usize> {
        self.start as usize..self.end as usize
    }

    /// Move the run to another byte range.
    pub fn set_range(&mut self, byte_range: Range<usize>) {
        self.start = offset32(byte_range.start);
        self.end = offset32(byte_range.end);
    }

    /// Move the run's end.
    pub fn set_end(&mut self, end: usize) {
        self.end = offset32(end);
    }
}

/// A link inside a block: the byte range of its text and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the link text in [`Block::text`].
    pub byte_range: Range<usize>,
    /// The target as written (`#anchor`, `chapter2.xhtml#note1`, `https://…`), sanitized.
    pub target: String,
}

/// A list item marker and nesting depth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// Nesting depth, 0 for a top-level list.
    pub depth: u8,
    /// The marker shown before the first line: `•`, `1.`, `☐`, `☑` …; empty on the later
    /// blocks of an item (they are indented under the item's text).
    pub marker: String,
    /// True for the items of a loose list (a blank line between its items in the source):
    /// its items are spaced apart like paragraphs. Tight lists are drawn without gaps.
    pub loose: bool,
    /// True on the first block of a list's first item: a new list, set apart from a list just
    /// before it.
    pub first: bool,
}

/// The kind of a GitHub alert (`> [!NOTE]` …): a block quote drawn as a titled callout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Callout {
    /// `[!NOTE]`
    Note,
    /// `[!TIP]`
    Tip,
    /// `[!IMPORTANT]`
    Important,
    /// `[!WARNING]`
    Warning,
    /// `[!CAUTION]`
    Caution,
}

impl Callout {
    /// The title shown on the callout's first line.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Note => "Note",
            Self::Tip => "Tip",
            Self::Important => "Important",
            Self::Warning => "Warning",
            Self::Caution => "Caution",
        }
    }
}

/// Horizontal alignment of a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Left (the default).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// The cells of a [`BlockKind::Table`] block. The block's text holds every cell's text in
/// reading order, each cell followed by `\n` (so search finds words in cells and every cell has
/// a byte of its own); the layout (`layout::table`) arranges them at the reading width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Alignment of each column; a row may have fewer cells than columns.
    pub aligns: Vec<Align>,
    /// Byte ranges of the cells' text in [`Block::text`], row by row (terminator excluded).
    pub rows: Vec<Vec<Range<usize>>>,
    /// How many of the first rows are header rows (0 or 1 for Markdown).
    pub header_rows: usize,
}

impl Table {
    /// Number of columns: the widest row or the alignment row, whichever is wider.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(self.aligns.len())
    }
}

/// What kind of block this is; decides how it is laid out and styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The document title (from the article `date` line, a Markdown front matter or the file name).
    Title,
    /// A line of metadata under the title, such as the date.
    Meta,
    /// A body paragraph (reflowed to the width).
    Paragraph,
    /// A heading of level 1 (largest) to 6.
    Heading(u8),
    /// Preformatted text: its lines are kept, never reflowed (long lines break at the width).
    Code,
    /// Plain text whose line layout matters (aligned columns, box drawings, verse): its lines
    /// are kept like code but drawn as body text.
    Verbatim,
    /// A table: its cells are in [`Block::table`], laid out at the reading width.
    Table,
    /// A thematic break (horizontal rule); its text is empty.
    Rule,
}

/// One block of the document: a paragraph, heading, code block, …
///
/// A long log or diff makes a block every few lines, so the record is kept small: what most
/// blocks lack (links, anchors, a list item, table cells, a callout, a code language) lives in
/// one boxed [`Extras`], read through the accessors ([`Block::links`], …) and written through
/// [`Block::extras_mut`].
#[derive(Clone, Debug)]
pub struct Block {
    /// How to lay it out.
    pub kind: BlockKind,
    /// Block-quote depth (0 outside quotes).
    pub quote_depth: u8,
    /// True when this block continues the previous one (an overlong paragraph split for speed):
    /// no gap line is drawn between them.
    pub continues: bool,
    /// Number of source lines the block came from (plain text heading detection uses it).
    pub source_lines: u32,
    /// Sanitized text. Code uses `\n` between lines, tables after every cell (see [`Table`]);
    /// in paragraphs and headings a `\n` is a hard line break.
    pub text: String,
    /// Styled runs, sorted by start, non-overlapping; text outside every run is plain. Boxed
    /// (no spare capacity, 16 bytes in the record): runs are set whole, once.
    pub runs: Box<[StyleRun]>,
    /// What few blocks have; `None` when it would be empty.
    extras: Option<Box<Extras>>,
}

/// The parts of a [`Block`] that most blocks lack, boxed apart from the block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// Set when the block is (the first block of) a list item.
    pub list: Option<ListItem>,
    /// Links in this block, sorted by start.
    pub links: Vec<Link>,
    /// Anchor names defined at this block (HTML `id`s, Markdown heading slugs, footnote
    /// definitions): an in-document link `#name` lands here.
    pub anchors: Vec<String>,
    /// The cells of a [`BlockKind::Table`] block.
    pub table: Option<Table>,
    /// Set on every block of a GitHub alert (the first one is its title).
    pub callout: Option<Callout>,
    /// The language of a fenced code block (its info string's first word), sanitized.
    pub language: Option<String>,
}

/// The extras of a block that has none.
static NO_EXTRAS: Extras = Extras {
    list: None,
    links: Vec::new(),
    anchors: Vec::new(),
    table: None,
    callout: None,
    language: None,
};

impl PartialEq for Block {
    /// Blocks are equal when everything a reader sees of them is: a block without extras equals
    /// one whose extras are all empty.
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.quote_depth == other.quote_depth
            && self.continues == other.continues
            && self.source_lines == other.source_lines
            && self.text == other.text
            && self.runs == other.runs
            && self.extras() == other.extras()
    }
}

impl Eq for Block {}

impl Block {
    /// The texts of the runs that carry `style`, in order (what a reader sees in that style).
    #[cfg(test)]
    pub(crate) fn styled(&self, style: Inline) -> Vec<&str> {
        self.runs
            .iter()
            .filter(|r| r.style.contains(style))
            .filter_map(|r| self.text.get(r.range()))
            .collect()
    }

    /// A plain block of the given kind with no styling.
    #[must_use]
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self::with_runs(kind, text.into(), Vec::new())
    }

    /// A block of the given kind with its styled runs and nothing else.
    #[must_use]
    pub fn with_runs(kind: BlockKind, text: String, runs: Vec<StyleRun>) -> Self {
        Self {
            kind,
            quote_depth: 0,
            continues: false,
            source_lines: 1,
            text,
            runs: runs.into_boxed_slice(),
            extras: None,
        }
    }

    /// The block's extras (empty ones when it has none).
    #[must_use]
    pub fn extras(&self) -> &Extras {
        self.extras.as_deref().unwrap_or(&NO_EXTRAS)
    }

    /// The block's extras to change, made when it has none yet (use it when something is set).
    pub fn extras_mut(&mut self) -> &mut Extras {
        self.extras.get_or_insert_with(Box::default)
    }

    /// The list item this block is (the first block of), if any.
    #[must_use]
    pub fn list(&self) -> Option<&ListItem> {
        self.extras().list.as_ref()
    }

    /// Links in this block, sorted by start.
    #[must_use]
    pub fn links(&self) -> &[Link] {
        &self.extras().links
    }

    /// Anchor names defined at this block.
    #[must_use]
    pub fn anchors(&self) -> &[String] {
        &self.extras().anchors
    }

    /// The cells of a [`BlockKind::Table`] block.
    #[must_use]
    pub fn table(&self) -> Option<&Table> {
        self.extras().table.as_ref()
    }

    /// The GitHub alert this block belongs to, if any.
    #[must_use]
    pub fn callout(&self) -> Option<Callout> {
        self.extras().callout
    }

    /// The language of a fenced code block, if it names one.
    #[must_use]
    pub fn language(&self) -> Option<&str> {
        self.extras().language.as_deref()
    }

    /// Set the list item (no extras are made for `None`).
    pub fn set_list(&mut self, list: Option<ListItem>) {
        if list.is_some() || self.extras.is_some() {
            self.extras_mut().list = list;
        }
    }

    /// The list item to change, if the block has one.
    pub fn list_mut(&mut self) -> Option<&mut ListItem> {
        self.extras.as_mut().and_then(|e| e.list.as_mut())
    }

    /// Take the list item away.
    pub fn take_list(&mut self) -> Option<ListItem> {
        self.extras.as_mut().and_then(|e| e.list.take())
    }

    /// Set the links (no extras are made for none).
    pub fn set_links(&mut self, links: Vec<Link>) {
        if !links.is_empty() || self.extras.is_some() {
            self.extras_mut().links = links;
        }
    }

    /// Set the callout (no extras are made for `None`).
    pub fn set_callout(&mut self, callout: Option<Callout>) {
        if callout.is_some() || self.extras.is_some() {
            self.extras_mut().callout = callout;
        }
    }

    /// Set the code language (no extras are made for `None`).
    pub fn set_language(&mut self, language: Option<String>) {
        if language.is_some() || self.extras.is_some() {
            self.extras_mut().language = language;
        }
    }

    /// Set the table cells.
    pub fn set_table(&mut self, table: Table) {
        self.extras_mut().table = Some(table);
    }

    /// Take the anchors away.
    pub fn take_anchors(&mut self) -> Vec<String> {
        self.extras
            .as_mut()
            .map(|e| std::mem::take(&mut e.anchors))
            .unwrap_or_default()
    }

    /// Add anchors at this block (no extras are made for none).
    pub fn add_anchors(&mut self, anchors: &mut Vec<String>) {
        if !anchors.is_empty() {
            self.extras_mut().anchors.append(anchors);
        }
    }

    /// True for body paragraphs (the units of the outline); a callout's title is not one.
    #[must_use]
    pub fn is_paragraph(&self) -> bool {
        self.kind == BlockKind::Paragraph && !self.continues && !self.is_callout_title()
    }

    /// True for the first block of a GitHub alert: its title (`Note`, `Warning` …), all strong.
    #[must_use]
    pub fn is_callout_title(&self) -> bool {
        self.callout().is_some_and(|kind| {
            self.kind == BlockKind::Paragraph
                && self.text == kind.title()
                && self.runs.len() == 1
                && self.runs[0].style == Inline::STRONG
        })
    }
}

/// A parsed document: a title, a date, and its blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The title shown above the text and in the status bar.
    pub title: String,
    /// `YYYY-MM-DD` from the article format, when present.
    pub date: Option<String>,
    /// The author line (HTML byline, EPUB `dc:creator`), when known.
    pub byline: Option<String>,
    /// The site or publisher's name, when known.
    pub site: Option<String>,
    /// The blocks in reading order. The title and date are blocks too ([`BlockKind::Title`],
    /// [`BlockKind::Meta`]) so that they scroll with the text.
    pub blocks: Vec<Block>,
    /// The document's own table of contents (an EPUB's navigation), which the outline uses
    /// instead of finding one when present.
    pub toc: Option<Vec<TocEntry>>,
}

/// One entry of a document's own table of contents.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct TocEntry {
    /// The entry's label, sanitized.
    pub label: String,
    /// Nesting depth, 0 at the top.
    pub depth: u8,
    /// The block the entry points at.
    pub block: usize,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parse_dispatches_by_format() {
        let doc = parse(crate::BUILTIN_ARTICLE, Format::Text);
        assert_eq!(doc.date.as_deref(), Some("2024-01-11"));
        assert_eq!(doc.blocks.iter().filter(|b| b.is_paragraph()).count(), 19);
        let doc = parse("# Head\n\ntext *em*", Format::Markdown);
        assert_eq!(doc.title, "Head");
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        let doc = parse("# Head", Format::Text);
        assert_eq!(doc.blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn a_block_record_stays_small() {
        // A coloured git log makes a block every few lines: what most blocks lack is boxed
        // apart, so the record itself stays within a cache line.
        assert!(std::mem::size_of::<Block>() <= 56);
        assert!(std::mem::size_of::<StyleRun>() <= 20);
        let mut b = Block::new(BlockKind::Paragraph, "x");
        b.set_links(Vec::new());
        b.set_list(None);
        assert_eq!(b, Block::new(BlockKind::Paragraph, "x"));
        b.extras_mut().anchors.push("a".into());
        assert_ne!(b, Block::new(BlockKind::Paragraph, "x"));
        assert_eq!(b.anchors(), ["a"]);
    }

    #[test]
    fn cut_points() {
        assert_eq!(cut_point("aaa bbb ccc", 6, char::is_whitespace), (3, 4));
        assert_eq!(cut_point("aaa bbb ccc", 7, char::is_whitespace), (7, 8));
        assert_eq!(cut_point("aaaaaaa", 3, char::is_whitespace), (3, 3));
        assert_eq!(cut_point("中中中", 4, char::is_whitespace), (3, 3));
        assert_eq!(cut_point("中中中", 2, char::is_whitespace), (3, 3));
        assert_eq!(cut_point(" aaaa", 3, char::is_whitespace), (3, 3));
    }
}
