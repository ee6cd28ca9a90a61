//! EPUB books: the chapters in spine order as one continuous document, drawn by the HTML
//! renderer; the contents from the book's own navigation (EPUB 3 nav or EPUB 2 NCX); title and
//! author from the package; links between chapters resolved to anchors inside the document.
//!
//! The archive is read with `zip` and the package files with `quick-xml` rather than an EPUB
//! crate, because reading has to be bounded (inflated sizes per entry and per book, so a zip
//! bomb stops with an error), names must resolve inside the archive only, and a broken book
//! (no navigation, malformed XML, missing files, a looping spine) must still open with a
//! notice: see [`archive`]. Nothing is read outside the archive and nothing is fetched.

pub mod archive;
mod package;
mod toc;
mod xml;

use std::collections::{HashMap, HashSet};
use std::fmt::Write as _;

use super::html::render::{Context, render};
use super::html::{allowed_target, with_head};
use super::sanitize::sanitize_inline;
use super::{Block, Document, TocEntry};
use archive::{Archive, resolve};
use package::Package;

/// Most chapters read from a spine.
const MAX_CHAPTERS: usize = 10_000;

/// True when `prefix` starts a zip whose first entry is `mimetype` = `application/epub+zip`.
#[must_use]
pub fn is_epub_prefix(prefix: &[u8]) -> bool {
    let name_len = prefix
        .get(26..28)
        .map_or(0, |b| usize::from(b[0]) | usize::from(b[1]) << 8);
    let extra = prefix
        .get(28..30)
        .map_or(0, |b| usize::from(b[0]) | usize::from(b[1]) << 8);
    let name_ok = prefix.get(30..30 + name_len) == Some(b"mimetype".as_slice());
    let data = 30 + name_len + extra;
    name_ok
        && prefix
            .get(data..data + 20)
            .is_some_and(|d| d == b"application/epub+zip")
}

/// A piece of a book as it is read, in order: the head (title and author lines) with the first
/// chapter, then each further chapter, then the contents once every chapter is placed.
#[derive(Debug)]
pub enum Piece {
    /// The title and author, and the first chapter after the blocks that show them.
    Head {
        /// The book's title (empty when it has none).
        title: String,
        /// Its authors.
        byline: Option<String>,
        /// Title and author blocks (the title is left out when the first chapter opens with it),
        /// then the first chapter's.
        blocks: Vec<Block>,
    },
    /// A chapter's blocks.
    Blocks(Vec<Block>),
    /// The book's own contents, pointing at blocks sent before.
    Toc(Vec<TocEntry>),
}

/// Parse a whole EPUB. A book that cannot be opened at all becomes a one-paragraph document
/// saying why; a broken one opens with what could be read and notices.
#[must_use]
pub fn parse(bytes: &[u8]) -> (Document, Vec<String>) {
    let mut doc = Document::default();
    let notices = stream(bytes, |piece| {
        match piece {
            Piece::Head {
                title,
                byline,
                blocks,
            } => {
                doc.title = title;
                doc.byline = byline;
                doc.blocks.extend(blocks);
            }
            Piece::Blocks(blocks) => doc.blocks.extend(blocks),
            Piece::Toc(toc) => doc.toc = Some(toc),
        }
        true
    });
    (doc, notices)
}

/// Read an EPUB chapter by chapter, giving each piece to `send` as soon as it is rendered (the
/// first screen does not wait for the whole book); stops when `send` returns false. A book that
/// cannot be opened at all gives one paragraph saying why. Returns the notices.
pub fn stream(bytes: &[u8], mut send: impl FnMut(Piece) -> bool) -> Vec<String> {
    let mut notices = Vec::new();
    if let Err(reason) = open(bytes, &mut notices, &mut send) {
        let reason = sanitize_inline(&format!("cannot open the book: {reason}"));
        notices.push(reason.clone());
        send(Piece::Head {
            title: String::new(),
            byline: None,
            blocks: vec![Block::new(super::BlockKind::Paragraph, reason)],
        });
    }
    if notices.len() > 8 {
        let more = notices.len() - 7;
        notices.truncate(7);
        let _ = write!(notices[6], " (and {more} more problems)");
    }
    notices.iter().map(|n| sanitize_inline(n)).collect()
}

/// Where the chapters sent so far start, and the block of every anchor in them.
#[derive(Default)]
struct Placed {
    /// Blocks sent so far.
    count: usize,
    /// Each chapter's path and first block.
    starts: HashMap<String, usize>,
    /// Each anchor (`path#id`) and its block.
    anchors: HashMap<String, usize>,
}

impl Placed {
    /// A chapter's `blocks` come next: note where it starts and where its anchors are.
    fn place(&mut self, path: &str, blocks: &[Block]) {
        self.starts.insert(path.to_owned(), self.count);
        for (i, b) in blocks.iter().enumerate() {
            for a in b.anchors() {
                self.anchors.entry(a.clone()).or_insert(self.count + i);
            }
        }
        self.count += blocks.len();
    }
}

/// The title and author lines above the `first` chapter; the title is left out when the
/// chapter opens with it (it shows as the chapter's heading, not twice).
fn head_blocks(title: &str, byline: Option<&String>, first: &[Block]) -> Vec<Block> {
    let shown = first.first().is_some_and(|b| b.text == title);
    let meta = super::html::extract::Meta {
        byline: byline.cloned(),
        site: None,
        date: None,
    };
    let shown_title = if shown {
        String::new()
    } else {
        title.to_owned()
    };
    with_head(shown_title, Some(meta), Vec::new()).blocks
}

fn open(
    bytes: &[u8],
    notices: &mut Vec<String>,
    send: &mut impl FnMut(Piece) -> bool,
) -> Result<(), String> {
    let mut zip = Archive::open(bytes)?;
    let container = zip
        .read_text("META-INF/container.xml")
        .map_err(|e| e.to_string())?;
    let opf_path = package::rootfile(&container).ok_or("no package named in container.xml")?;
    let opf = zip.read_text(&opf_path).map_err(|e| e.to_string())?;
    let pkg = package::parse(&opf, &opf_path);
    if pkg.malformed {
        notices.push("malformed package file: read what could be".into());
    }
    let title = pkg
        .title
        .as_deref()
        .map(sanitize_inline)
        .unwrap_or_default();
    let byline = (!pkg.creators.is_empty()).then(|| sanitize_inline(&pkg.creators.join(", ")));
    let mut placed = Placed::default();
    let mut seen = HashSet::new();
    for id in pkg.spine.iter().take(MAX_CHAPTERS) {
        let Some(item) = pkg.manifest.get(id) else {
            notices.push(format!("spine names a missing item: {id}"));
            continue;
        };
        if !seen.insert(item.path.clone()) {
            // A spine that lists a chapter again (or loops) shows it once.
            continue;
        }
        if !(item.media_type.contains("html") || item.media_type.is_empty()) {
            continue;
        }
        let blocks = match zip.read_text(&item.path) {
            Ok(text) => chapter_blocks(&text, &item.path),
            Err(e) => {
                notices.push(e.to_string());
                continue;
            }
        };
        let first = placed.count == 0 && !blocks.is_empty();
        let mut sent = if first {
            head_blocks(&title, byline.as_ref(), &blocks)
        } else {
            Vec::new()
        };
        placed.count += sent.len();
        placed.place(&item.path, &blocks);
        if blocks.is_empty() {
            continue;
        }
        sent.extend(blocks);
        let piece = if first {
            let (title, byline) = (title.clone(), byline.clone());
            Piece::Head {
                title,
                byline,
                blocks: sent,
            }
        } else {
            Piece::Blocks(sent)
        };
        if !send(piece) {
            return Ok(());
        }
    }
    if placed.count == 0 {
        return Err("no readable chapter".into());
    }
    if let Some(toc) = navigation(&mut zip, &pkg, &placed, notices) {
        send(Piece::Toc(toc));
    }
    Ok(())
}

/// One chapter's blocks: anchors are `path#id`, links to the book become `#path#id`.
fn chapter_blocks(text: &str, path: &str) -> Vec<Block> {
    let fixed = expand_self_closing(text);
    let dom = super::html::parse_dom(&fixed);
    let prefix = format!("{path}#");
    let resolve_link = |href: &str| -> Option<String> {
        if href.is_empty() {
            return None;
        }
        match resolve(path, href) {
            Some((target, Some(frag))) => Some(sanitize_inline(&format!("#{target}#{frag}"))),
            Some((target, None)) => Some(sanitize_inline(&format!("#{target}"))),
            None => (allowed_target(href) && href.contains(':')).then(|| sanitize_inline(href)),
        }
    };
    let cx = Context {
        anchor_prefix: &prefix,
        resolve: &resolve_link,
    };
    let root = dom.body().unwrap_or_else(|| dom.root());
    let mut blocks = render(&root, &cx).blocks;
    if let Some(first) = blocks.first_mut() {
        first.extras_mut().anchors.insert(0, sanitize_inline(path));
    }
    blocks
}

/// The book's navigation as contents entries, or `None` (with a notice) when it has none.
fn navigation(
    zip: &mut Archive<'_>,
    pkg: &Package,
    placed: &Placed,
    notices: &mut Vec<String>,
) -> Option<Vec<TocEntry>> {
    let Some((path, is_nav)) = pkg.nav_path() else {
        notices.push("the book has no table of contents: sections from its headings".into());
        return None;
    };
    let text = match zip.read_text(&path) {
        Ok(t) => t,
        Err(e) => {
            notices.push(format!("{e}: sections from the headings"));
            return None;
        }
    };
    let points = if is_nav {
        toc::nav(&text, &path)
    } else {
        toc::ncx(&text, &path)
    };
    let (anchors, starts) = (&placed.anchors, &placed.starts);
    let mut entries = Vec::new();
    for p in points {
        let by_anchor = p
            .fragment
            .as_ref()
            .and_then(|f| anchors.get(format!("{}#{f}", p.path).as_str()).copied());
        let Some(block) = by_anchor.or_else(|| starts.get(&p.path).copied()) else {
            continue;
        };
        let label = sanitize_inline(&p.label);
        if label.is_empty() {
            continue;
        }
        entries.push(TocEntry {
            label,
            depth: p.depth,
            block,
        });
    }
    if entries.is_empty() {
        notices.push("the book's table of contents is empty: sections from its headings".into());
        return None;
    }
    // Entries must not go backwards in the text: an out-of-order entry is dropped.
    let mut last = 0;
    entries.retain(|e| {
        let keep = e.block >= last;
        last = last.max(e.block);
        keep
    });
    Some(entries)
}

/// XHTML's `<tag/>` for a non-void element (`<a id="x"/>`, `<div/>`) means an empty element,
/// but an HTML parser would leave it open: write it as `<tag></tag>`.
fn expand_self_closing(text: &str) -> std::borrow::Cow<'_, str> {
    const VOID: [&str; 14] = [
        "area", "base", "br", "col", "embed", "hr", "img", "input", "link", "meta", "param",
        "source", "track", "wbr",
    ];
    if !text.contains("/>") {
        return text.into();
    }
    let bytes = text.as_bytes();
    let mut out = String::with_capacity(text.len() + 64);
    let mut copied = 0;
    let mut i = 0;
    while let Some(lt) = text[i..].find('<').map(|p| p + i) {
        let name_end = text[lt + 1..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == ':' || c == '-'))
            .map_or(text.len(), |p| p + lt + 1);
        if name_end == lt + 1 {
            i = lt + 1;
            continue;
        }
        // Find the tag's end, skipping quoted attribute values.
        let mut j = name_end;
        let mut quote = None;
        while j < bytes.len() {
            match (quote, bytes[j]) {
                (None, b'"' | b'\'') => quote = Some(bytes[j]),
                (Some(q), b) if b == q => quote = None,
                (None, b'>') => break,
                _ => {}
            }
            j += 1;
        }
        if j >= bytes.len() {
            break;
        }
        let name = text[lt + 1..name_end].to_ascii_lowercase();
        if bytes[j - 1] == b'/' && !VOID.contains(&name.as_str()) {
            out.push_str(&text[copied..j - 1]);
            out.push_str("></");
            out.push_str(&text[lt + 1..name_end]);
            out.push('>');
            copied = j + 1;
        }
        i = j + 1;
    }
    out.push_str(&text[copied..]);
    out.into()
}

#[cfg(test)]
mod tests;
