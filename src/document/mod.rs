//! The document model: blocks of sanitized text with inline styles, and the parsers that build it.
//!
//! A [`Document`] has no notion of width: layout happens later, per block. Every string in it has
//! already passed [`sanitize`], so it is safe to put on a terminal as it is.

mod block;
pub mod epub;
pub mod git;
pub mod html;
pub mod man;
pub mod markdown;
pub mod plain;
pub mod sanitize;
pub mod sgr;
mod style;
pub mod text;

pub use block::{Align, Block, BlockKind, Callout, Extras, Link, ListItem, Table, packed};
pub use style::{Inline, RunColor, StyleRun};
pub use text::Text;

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
    Some((blocks[i].text.to_string(), date.map(String::from)))
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

/// A parsed document: a title, a date, and its blocks in reading order.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Document {
    /// The title shown above the text and in the status bar.
    pub title: String,
    /// True when [`Document::title`] is only the source's name (a file name): the text gave no
    /// title of its own, so a title found in its front matter may replace it.
    pub title_is_name: bool,
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
