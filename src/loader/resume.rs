//! Opening a long plain-text file at a saved place: the text around the place is parsed first,
//! straight from the file at a saved byte offset, and sent ahead ([`LoadEvent::Ahead`]); then
//! the whole file is read from its start as usual, and its blocks are spliced in front of the
//! ones sent ahead. Those are checked against the full parse, so the document the reader ends
//! with is exactly the one a plain load gives ([`LoadEvent::Joined`], or
//! [`LoadEvent::Discard`] when the file was edited in a way the shortcut cannot follow).

use std::fs::File;
use std::io::{ErrorKind, Read, Seek, SeekFrom};
use std::path::PathBuf;

use super::{CHUNK, LoadEvent};
use crate::document::Block;
use crate::document::plain::PlainParser;
use crate::document::sanitize::Decoder;
use crate::state::Anchor;

/// Most bytes read from the saved offset to find the place (it is normally within two
/// chunks of it).
const SEARCH_BYTES: u64 = 1 << 20;
/// Blocks wanted after the place, so that the first screen and more are there at once.
const BLOCKS_AFTER: usize = 80;
/// Bytes read past the place at most when its blocks are long.
const BYTES_AFTER: usize = 256 * 1024;

/// Where a file was being read, from the saved state.
#[derive(Clone, Debug)]
pub struct Resume {
    /// The file (its canonical path).
    pub path: PathBuf,
    /// A byte offset at or shortly before the place's block.
    pub seek: u64,
    /// The place.
    pub anchor: Anchor,
}

/// The start of the first paragraph in `bytes` that follows a blank line and is not indented
/// (an indented line may continue a preformatted run). The first line is not trusted: `bytes`
/// may start inside it.
fn paragraph_start(bytes: &[u8]) -> Option<usize> {
    let mut start = bytes.iter().position(|&b| b == b'\n')? + 1;
    let mut after_blank = false;
    while let Some(len) = bytes[start..].iter().position(|&b| b == b'\n') {
        let line = &bytes[start..start + len];
        let blank = line.iter().all(|b| matches!(b, b' ' | b'\t' | b'\r'));
        if after_blank && !blank && !matches!(line[0], b' ' | b'\t') {
            return Some(start);
        }
        after_blank = blank;
        start += len + 1;
    }
    None
}

/// The blocks around the place, parsed from the file at the saved offset, and the index the
/// first of them has in the whole document. `None` when the place is not found there (the file
/// changed, or the offset was not a good one): the caller loads from the start.
pub(super) fn region(resume: &Resume, show_escapes: bool) -> Option<(usize, Vec<Block>)> {
    if resume.seek == 0 {
        return None;
    }
    let mut file = File::open(&resume.path).ok()?;
    file.seek(SeekFrom::Start(resume.seek)).ok()?;
    let mut parser = PlainParser::new(false);
    if show_escapes {
        parser = parser.showing_escapes();
    }
    let mut decoder = Decoder::new();
    let mut head: Vec<u8> = Vec::new();
    let mut started = false;
    let mut blocks: Vec<Block> = Vec::new();
    let mut found: Option<(usize, usize)> = None;
    let mut buf = vec![0u8; CHUNK];
    let mut read: usize = 0;
    loop {
        let n = match file.read(&mut buf) {
            Ok(n) => n,
            Err(e) if e.kind() == ErrorKind::Interrupted => continue,
            Err(_) => return None,
        };
        read += n;
        if n == 0 {
            if !started {
                return None;
            }
            blocks.extend(parser.push(&decoder.finish()));
            blocks.extend(parser.finish());
        } else if started {
            blocks.extend(parser.push(&decoder.push(&buf[..n])));
        } else {
            head.extend_from_slice(&buf[..n]);
            if let Some(p) = paragraph_start(&head) {
                started = true;
                blocks.extend(parser.push(&decoder.push(&head[p..])));
                head = Vec::new();
            }
        }
        if found.is_none() {
            found = blocks
                .iter()
                .position(|b| resume.anchor.holds_at(&b.text))
                .map(|r| (r, read));
        }
        match found {
            Some((r, at_read))
                if n == 0 || blocks.len() > r + BLOCKS_AFTER || read - at_read > BYTES_AFTER =>
            {
                let at = resume.anchor.block.checked_sub(r)?;
                return Some((at, blocks));
            }
            // The end of the file, or too far: the place is not there.
            None if n == 0 || read as u64 > SEARCH_BYTES => return None,
            Some(_) | None => {}
        }
    }
}

/// `at` empty places followed by `blocks`, in a vector with room for the whole document as
/// far as the `size` of the source and the `seek` where `at` begins tell (growing a vector of
/// a million blocks later would copy them all while the reader waits).
pub(super) fn with_places(at: usize, blocks: &[Block], size: Option<u64>, seek: u64) -> Vec<Block> {
    let known = at + blocks.len();
    let whole = size
        .and_then(|t| usize::try_from(t).ok())
        .zip(usize::try_from(seek).ok().filter(|&s| s > 0))
        .map_or(known, |(t, s)| at.saturating_mul(t) / s + at / 8)
        .clamp(known, known.saturating_mul(64));
    let mut out = Vec::with_capacity(whole);
    out.resize(at, Block::new(crate::document::BlockKind::Paragraph, ""));
    out.extend_from_slice(blocks);
    out
}

/// Where the full parse is relative to the blocks sent ahead.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Stage {
    /// Before them: blocks fill the places in front.
    Filling,
    /// Among them: each must equal the one sent ahead.
    Checking,
    /// Past them (or they were discarded): blocks go on as usual.
    Through,
}

/// Splices the full parse with the blocks sent ahead: passes the blocks in front of them,
/// drops the ones that equal them, and passes the rest; says [`LoadEvent::Joined`] or
/// [`LoadEvent::Discard`] once it knows.
pub(super) struct Splice {
    at: usize,
    ahead: Vec<Block>,
    next: usize,
    stage: Stage,
}

impl Splice {
    /// A splice for `ahead`, sent ahead at index `at`.
    pub(super) fn new(at: usize, ahead: Vec<Block>) -> Self {
        Self {
            at,
            ahead,
            next: 0,
            stage: Stage::Filling,
        }
    }

    /// Pass one event of the full parse on; false when the receiver is gone.
    pub(super) fn pass(
        &mut self,
        event: LoadEvent,
        send: &mut impl FnMut(LoadEvent) -> bool,
    ) -> bool {
        match event {
            LoadEvent::Blocks(blocks) => self.blocks(blocks, send),
            // Bytes read while checking would pair with blocks the reader does not have yet.
            LoadEvent::Progress(..) if self.stage == Stage::Checking => true,
            LoadEvent::Done(notices) => {
                if self.stage != Stage::Through && !send(LoadEvent::Discard(self.next)) {
                    return false;
                }
                send(LoadEvent::Done(notices))
            }
            other => send(other),
        }
    }

    fn blocks(&mut self, blocks: Vec<Block>, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
        if self.stage == Stage::Through {
            return send(LoadEvent::Blocks(blocks));
        }
        let mut out = Vec::new();
        for block in blocks {
            let i = self.next;
            self.next += 1;
            if self.stage == Stage::Through || i < self.at {
                out.push(block);
                continue;
            }
            let k = i - self.at;
            if self.ahead.get(k) == Some(&block) {
                self.stage = Stage::Checking;
                if k + 1 == self.ahead.len() {
                    if !flush(&mut out, send) || !send(LoadEvent::Joined) {
                        return false;
                    }
                    self.stage = Stage::Through;
                    self.ahead = Vec::new();
                }
            } else {
                if !flush(&mut out, send) || !send(LoadEvent::Discard(i)) {
                    return false;
                }
                self.stage = Stage::Through;
                self.ahead = Vec::new();
                out.push(block);
            }
        }
        flush(&mut out, send)
    }
}

/// Send the blocks gathered so far, if any.
fn flush(out: &mut Vec<Block>, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
    out.is_empty() || send(LoadEvent::Blocks(std::mem::take(out)))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::app::content::Content;
    use crate::document::Format;
    use crate::loader::{LoadOptions, Source, load_all, load_resuming};
    use std::fmt::Write as _;
    use std::io::Write as _;

    /// Paragraphs hard-wrapped at 60 columns, with an indented code run now and then.
    fn text(paragraphs: usize) -> String {
        let mut out = String::new();
        for i in 0..paragraphs {
            if i % 37 == 5 {
                let _ = write!(out, "    code line {i}\n\n    more code {i}\n\n");
            }
            let words: Vec<String> = (0..30).map(|w| format!("w{}x{}", i, w % 7)).collect();
            for line in words.chunks(8) {
                out.push_str(&line.join(" "));
                out.push('\n');
            }
            out.push('\n');
        }
        out
    }

    fn source(path: &std::path::Path) -> Source {
        Source::file(path, Format::Text).expect("open")
    }

    /// The events of a load, applied as the reader applies them.
    fn apply(content: &mut Content, event: LoadEvent, seek: u64) {
        match event {
            LoadEvent::Ahead { at, blocks } => content.add_ahead(at, blocks, seek),
            LoadEvent::Blocks(blocks) => content.add_blocks(blocks),
            LoadEvent::Joined => content.join_ahead(),
            LoadEvent::Discard(from) => content.discard_from(from),
            LoadEvent::Progress(bytes, total) => content.progress(bytes, total),
            _ => {}
        }
    }

    /// Load `path` resuming at `block` of `before` with the seek a reader would have saved;
    /// returns the content and the names of the splice events seen.
    fn resumed(path: &std::path::Path, before: &Content, block: usize) -> (Content, String) {
        let seek = before.seek_for(block).unwrap_or(0);
        let resume = Resume {
            path: path.to_path_buf(),
            seek,
            anchor: Anchor::capture(&before.doc, crate::layout::Pos { block, byte: 9 }),
        };
        let mut content = Content::default();
        let mut events = String::new();
        load_resuming(source(path), LoadOptions::default(), Some(&resume), |ev| {
            match &ev {
                LoadEvent::Ahead { .. } => events.push_str("ahead "),
                LoadEvent::Joined => events.push_str("joined "),
                LoadEvent::Discard(_) => events.push_str("discard "),
                _ => {}
            }
            apply(&mut content, ev, seek);
            true
        });
        (content, events)
    }

    /// Where two block lists part (`None`: equal), so a failure does not print megabytes.
    fn parting(a: &[Block], b: &[Block]) -> Option<(usize, usize, usize)> {
        let i = a.iter().zip(b).position(|(x, y)| x != y);
        (i.is_some() || a.len() != b.len())
            .then(|| (i.unwrap_or(a.len().min(b.len())), a.len(), b.len()))
    }

    fn plain(path: &std::path::Path) -> Content {
        let mut content = Content::default();
        crate::loader::load(source(path), |ev| {
            apply(&mut content, ev, 0);
            true
        });
        content
    }

    #[test]
    fn the_text_at_the_place_comes_first_and_the_whole_is_a_plain_load() {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        file.write_all(text(3000).as_bytes()).expect("write");
        let whole = plain(file.path());
        assert_eq!(
            parting(&whole.doc.blocks, &load_all(source(file.path())).0.blocks),
            None
        );
        let n = whole.doc.blocks.len();
        for block in [n / 4, n * 2 / 3, n - 3] {
            let (content, seen) = resumed(file.path(), &whole, block);
            assert_eq!(seen, "ahead joined ", "block {block}");
            assert_eq!(
                parting(&content.doc.blocks, &whole.doc.blocks),
                None,
                "{block}"
            );
            assert_eq!(content.cum_bytes, whole.cum_bytes);
            // Saved again at the same place, the seek does not drift.
            assert_eq!(content.seek_for(block), whole.seek_for(block));
            assert!(content.ahead.is_none());
        }
    }

    #[test]
    fn an_edit_in_front_of_the_place_drops_what_was_sent_ahead() {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        let original = text(3000);
        file.write_all(original.as_bytes()).expect("write");
        let before = plain(file.path());
        let block = before.doc.blocks.len() / 2;
        let edited = format!("An added paragraph.\n\nAnother one.\n\n{original}");
        std::fs::write(file.path(), edited).expect("edit");
        let (content, seen) = resumed(file.path(), &before, block);
        assert_eq!(seen, "ahead discard ");
        assert_eq!(
            parting(&content.doc.blocks, &plain(file.path()).doc.blocks),
            None
        );
    }

    #[test]
    fn a_place_that_is_gone_or_a_wrong_seek_loads_from_the_start() {
        let mut file = tempfile::NamedTempFile::new().expect("temp file");
        let original = text(3000);
        file.write_all(original.as_bytes()).expect("write");
        let before = plain(file.path());
        let block = before.doc.blocks.len() * 3 / 4;
        std::fs::write(file.path(), &original[..original.len() / 2]).expect("cut");
        let (content, seen) = resumed(file.path(), &before, block);
        assert_eq!(seen, "");
        assert_eq!(
            parting(&content.doc.blocks, &plain(file.path()).doc.blocks),
            None
        );
    }

    #[test]
    fn a_paragraph_starts_after_a_blank_line_and_not_indented() {
        assert_eq!(paragraph_start(b"tail\n\nNext one\n"), Some(6));
        assert_eq!(paragraph_start(b"ail\n\n    code\n\nText\n"), Some(15));
        assert_eq!(paragraph_start(b"a\r\n\r\nB\r\n"), Some(5));
        // The first (partial) line is never taken as the blank one.
        assert_eq!(paragraph_start(b"\nText\n"), None);
        assert_eq!(paragraph_start(b"no blank line\nat all\n"), None);
    }
}
