//! Reading a file, pipe or the built-in article: decode, sanitize and parse into blocks, sent in
//! batches so the first screen appears before a large input has finished loading.

use std::io::{self, ErrorKind, Read};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::Duration;

use crate::document::plain::PlainParser;
use crate::document::sanitize::{Decoder, sanitize_inline};
use crate::document::{self, Block, Document, Format, TocEntry, markdown, sniff};

mod markup;
mod resume;
pub use resume::Resume;

/// Bytes read per chunk.
const CHUNK: usize = 64 * 1024;
/// The first read is smaller: a screenful of text is a few KiB, and it should show at once
/// (parsing coloured git output runs at about 20 MB/s: 16 KiB held the first frame ~0.6 ms).
const FIRST_CHUNK: usize = 4 * 1024;
/// Blocks per batch when a whole document is parsed at once (Markdown).
const BATCH: usize = 512;
/// A cap for in-memory sources (the built-in article, tests and benches); a file named on the
/// command line is capped by the machine's free memory instead (`limits::check_file`).
pub const FILE_CAP: u64 = 1 << 30;
pub use crate::limits::STREAM_CAP;

/// Where the document comes from.
pub struct Source {
    /// The reader.
    pub reader: Box<dyn Read + Send>,
    /// Its size when known (regular files), for progress.
    pub size: Option<u64>,
    /// The most bytes to read.
    pub cap: u64,
    /// Text, Markdown, HTML, EPUB, or [`Format::Auto`] to decide from the first bytes.
    pub format: Format,
    /// The title when the document gives none (a file's name).
    pub name: Option<String>,
    /// HTML: show the whole page instead of the article.
    pub full_page: bool,
}

impl std::fmt::Debug for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Source")
            .field("size", &self.size)
            .field("cap", &self.cap)
            .field("format", &self.format)
            .field("full_page", &self.full_page)
            .finish_non_exhaustive()
    }
}

impl Source {
    /// The built-in article.
    #[must_use]
    pub fn builtin() -> Self {
        Self {
            reader: Box::new(crate::BUILTIN_ARTICLE.as_bytes()),
            size: Some(crate::BUILTIN_ARTICLE.len() as u64),
            cap: FILE_CAP,
            format: Format::Text,
            name: None,
            full_page: false,
        }
    }

    /// A regular file read whole (up to [`FILE_CAP`]) as `format`, its size known for progress.
    ///
    /// # Errors
    /// When the file cannot be opened or its size read.
    pub fn file(path: &std::path::Path, format: Format) -> io::Result<Self> {
        let file = std::fs::File::open(path)?;
        let size = file.metadata()?.len();
        Ok(Self {
            reader: Box::new(file),
            size: Some(size),
            cap: FILE_CAP,
            format,
            name: None,
            full_page: false,
        })
    }

    /// Bytes in memory read as `format`.
    #[must_use]
    pub fn bytes(bytes: Vec<u8>, format: Format) -> Self {
        Self {
            size: Some(bytes.len() as u64),
            reader: Box::new(io::Cursor::new(bytes)),
            cap: FILE_CAP,
            format,
            name: None,
            full_page: false,
        }
    }
}

/// What the loader reports.
#[derive(Debug)]
pub enum LoadEvent {
    /// More blocks, in document order.
    Blocks(Vec<Block>),
    /// The document's title and date, settled here once: the document's own (the article
    /// format's first line, a Markdown front matter or first heading), else the source's name.
    Title {
        /// The title.
        title: String,
        /// `YYYY-MM-DD`, when the document gives one.
        date: Option<String>,
        /// True when the title is the source's name: the document gave none.
        is_name: bool,
    },
    /// The document's own table of contents (EPUB navigation), sent before the blocks.
    Toc(Vec<TocEntry>),
    /// Bytes read so far and the total when known.
    Progress(u64, Option<u64>),
    /// Blocks that belong at index `at`, sent first (a saved place far into a file, see
    /// [`Resume`]). The blocks in front of them follow in [`LoadEvent::Blocks`] as usual, then
    /// [`LoadEvent::Joined`] or [`LoadEvent::Discard`].
    Ahead {
        /// The index of the first of them in the whole document.
        at: usize,
        /// `at` empty places for the blocks in front, then the blocks sent ahead; room for
        /// the whole document as far as its size tells (made here, off the reader's thread).
        blocks: Vec<Block>,
    },
    /// The blocks in front of those sent ahead have all arrived and the ones sent ahead are
    /// confirmed: later [`LoadEvent::Blocks`] follow them.
    Joined,
    /// The blocks sent ahead are not what the whole file gives (it was edited): drop every
    /// block from this index on; the next [`LoadEvent::Blocks`] continue from there.
    Discard(usize),
    /// Loading ended; notices for the status bar (invalid UTF-8, capped, read errors).
    Done(Vec<String>),
}

/// How long a pipe may stay silent before the text read so far is shown.
const PAUSE: Duration = Duration::from_millis(40);

/// One read: data in the buffer, a pause (pipes only), the end, or an error.
enum Chunk {
    Data(usize),
    Pause,
    End,
    Failed(io::Error),
}

/// Where bytes come from: a file read directly, or a pipe read on its own thread so that the
/// parser notices pauses (a slow pipe shows its first lines as soon as they come).
enum Input {
    Direct(Box<dyn Read + Send>),
    Pipe {
        /// The reader until its thread starts, after the first chunk is used.
        reader: Option<Box<dyn Read + Send>>,
        /// The reading thread's chunks.
        rx: Option<Receiver<io::Result<Vec<u8>>>>,
        held: Vec<u8>,
        at: usize,
    },
}

impl Input {
    /// A pipe's first chunk is read here, on the loader's own thread, and the reading thread
    /// starts only once it is used: the first screen does not wait for a thread to start and
    /// hand the bytes over (a sniffed input has its first chunk in memory already).
    fn new(mut reader: Box<dyn Read + Send>, stream: bool) -> Self {
        if !stream {
            return Self::Direct(reader);
        }
        let mut held = vec![0u8; FIRST_CHUNK];
        let n = loop {
            match reader.read(&mut held) {
                Err(e) if e.kind() == ErrorKind::Interrupted => {}
                Ok(n) => break n,
                // The reading thread meets the error again and reports it.
                Err(_) => break 0,
            }
        };
        held.truncate(n);
        Self::Pipe {
            reader: Some(reader),
            rx: None,
            held,
            at: 0,
        }
    }

    /// Start the thread that reads a pipe ahead of the parser.
    fn spawn_reader(mut reader: Box<dyn Read + Send>) -> io::Result<Receiver<io::Result<Vec<u8>>>> {
        let (tx, rx) = mpsc::sync_channel(4);
        thread::Builder::new().name("pipe".into()).spawn(move || {
            let mut buf = vec![0u8; CHUNK];
            loop {
                let msg = match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => Ok(buf[..n].to_vec()),
                    Err(e) if e.kind() == ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = msg.is_err();
                if tx.send(msg).is_err() || failed {
                    break;
                }
            }
        })?;
        Ok(rx)
    }

    fn read(&mut self, buf: &mut [u8]) -> Chunk {
        match self {
            Self::Direct(reader) => loop {
                match reader.read(buf) {
                    Ok(0) => return Chunk::End,
                    Ok(n) => return Chunk::Data(n),
                    Err(e) if e.kind() == ErrorKind::Interrupted => {}
                    Err(e) => return Chunk::Failed(e),
                }
            },
            Self::Pipe {
                reader,
                rx,
                held,
                at,
            } => {
                if *at >= held.len() {
                    if let Some(r) = reader.take() {
                        match Self::spawn_reader(r) {
                            Ok(started) => *rx = Some(started),
                            Err(e) => return Chunk::Failed(e),
                        }
                    }
                    let Some(chunks) = rx.as_ref() else {
                        return Chunk::End;
                    };
                    match chunks.recv_timeout(PAUSE) {
                        Ok(Ok(data)) => {
                            *held = data;
                            *at = 0;
                        }
                        Ok(Err(e)) => return Chunk::Failed(e),
                        Err(RecvTimeoutError::Timeout) => return Chunk::Pause,
                        Err(RecvTimeoutError::Disconnected) => return Chunk::End,
                    }
                }
                let n = buf.len().min(held.len() - *at);
                buf[..n].copy_from_slice(&held[*at..*at + n]);
                *at += n;
                Chunk::Data(n)
            }
        }
    }
}

/// How the loader reads text, beyond the format.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Show SGR sequences and overstrike as placeholders instead of styles (`--show-escapes`).
    pub show_escapes: bool,
}

/// The streaming parser for plain text with the loader's options.
fn plain_parser(options: LoadOptions) -> PlainParser {
    let parser = PlainParser::new(true);
    if options.show_escapes {
        parser.showing_escapes()
    } else {
        parser
    }
}

/// Read and parse `source`, reporting through `send`; stops early when `send` returns false.
pub fn load(source: Source, send: impl FnMut(LoadEvent) -> bool) {
    load_with(source, LoadOptions::default(), send);
}

/// [`load`] with options.
pub fn load_with(source: Source, options: LoadOptions, send: impl FnMut(LoadEvent) -> bool) {
    let source = match source.format {
        Format::Auto => sniffed(source),
        _ => source,
    };
    if matches!(source.format, Format::Html | Format::Epub) {
        markup::load_markup(source, send);
    } else {
        load_text(source, options, send);
    }
}

/// [`load_with`], opening a plain-text file at a saved place first when `resume` says where
/// it is (see [`Resume`]); without it, or when the place is not found there, a plain load.
pub fn load_resuming(
    source: Source,
    options: LoadOptions,
    resume: Option<&Resume>,
    mut send: impl FnMut(LoadEvent) -> bool,
) {
    let source = match source.format {
        Format::Auto => sniffed(source),
        _ => source,
    };
    let region = resume
        .filter(|_| source.format == Format::Text && source.size.is_some())
        .and_then(|r| resume::region(r, options.show_escapes));
    let Some((at, blocks)) = region else {
        return load_with(source, options, send);
    };
    // The size first: how far in the place is.
    let seek = resume.map_or(0, |r| r.seek);
    let places = resume::with_places(at, &blocks, source.size, seek);
    if !send(LoadEvent::Progress(0, source.size)) || !send(LoadEvent::Ahead { at, blocks: places })
    {
        return;
    }
    let mut splice = resume::Splice::new(at, blocks);
    load_text(source, options, |event| splice.pass(event, &mut send));
}

/// Where decoded text goes: the plain-text parser, which sends blocks as they come, or the
/// whole Markdown text, parsed at the end. Methods return false when the receiver is gone.
struct TextSink {
    plain: Option<PlainParser>,
    whole: String,
    title: TitleFinder,
}

impl TextSink {
    fn send_blocks(
        &mut self,
        blocks: Vec<Block>,
        send: &mut impl FnMut(LoadEvent) -> bool,
    ) -> bool {
        self.title.scan(&blocks, send)
            && (blocks.is_empty() || send(LoadEvent::Blocks(document::packed(blocks))))
    }

    /// More text arrived.
    fn push(&mut self, text: &str, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
        if let Some(parser) = self.plain.as_mut() {
            let blocks = parser.push(text);
            self.send_blocks(blocks, send)
        } else {
            self.whole.push_str(text);
            true
        }
    }

    /// A pipe paused: show the paragraph that is still open.
    fn pause(&mut self, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
        if let Some(parser) = self.plain.as_mut() {
            let blocks = parser.flush_partial();
            self.send_blocks(blocks, send)
        } else {
            true
        }
    }

    /// The input ended with `tail`: the last blocks, the title settled.
    fn finish(mut self, tail: &str, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
        let blocks = if let Some(parser) = self.plain.as_mut() {
            let mut blocks = parser.push(tail);
            blocks.extend(parser.finish());
            blocks
        } else {
            self.whole.push_str(tail);
            let doc = markdown::parse(&std::mem::take(&mut self.whole));
            // A Markdown title (front matter or the first level-1 heading) names the document;
            // a first-heading title is not repeated as a block of its own.
            if !doc.title.is_empty() && !self.title.found(doc.title, doc.date, false, send) {
                return false;
            }
            doc.blocks
        };
        self.title.scan(&blocks, send) && self.title.finish(send) && send_batches(blocks, send)
    }
}

/// Read and parse a text or Markdown source, sending the first blocks as soon as they come.
fn load_text(source: Source, options: LoadOptions, mut send: impl FnMut(LoadEvent) -> bool) {
    let Source {
        reader,
        size,
        cap,
        format,
        name,
        full_page: _,
    } = source;
    let mut sink = TextSink {
        plain: (format == Format::Text).then(|| plain_parser(options)),
        whole: String::new(),
        title: TitleFinder {
            fallback: name,
            found: false,
        },
    };
    let mut decoder = Decoder::new();
    let mut notices = Vec::new();
    let mut read_total: u64 = 0;
    // Grown to CHUNK after the first read: zeroing 64 KiB is not on the first frame's path.
    let mut buf = vec![0u8; FIRST_CHUNK];
    let mut binary = false;
    let mut input = Some(Input::new(reader, size.is_none()));
    while let Some(source) = input.as_mut() {
        let chunk = if read_total == 0 {
            FIRST_CHUNK
        } else {
            buf.resize(CHUNK, 0);
            CHUNK
        };
        let room = usize::try_from(cap.saturating_sub(read_total))
            .unwrap_or(chunk)
            .min(chunk);
        if room == 0 {
            notices.push(format!("input cut at {} MiB", cap >> 20));
            break;
        }
        let n = match source.read(&mut buf[..room]) {
            Chunk::Data(n) => n,
            Chunk::End => break,
            Chunk::Failed(e) => {
                notices.push(format!("read error: {}", sanitize_inline(&e.to_string())));
                break;
            }
            Chunk::Pause if sink.pause(&mut send) => continue,
            Chunk::Pause => return,
        };
        if !binary && buf[..n].contains(&0) {
            binary = true;
            notices.push("binary data: control bytes shown as placeholders".into());
        }
        read_total += n as u64;
        let text = decoder.push(&buf[..n]);
        if !sink.push(&text, &mut send) || !send(LoadEvent::Progress(read_total, size)) {
            return;
        }
    }
    drop(input);
    if !sink.finish(&decoder.finish(), &mut send) {
        return;
    }
    if decoder.had_invalid() {
        notices.push("invalid UTF-8 replaced by �".into());
    }
    send(LoadEvent::Done(notices));
}

/// Send `blocks` in batches; false when the receiver is gone. Batches are taken from the front
/// without moving the rest (`split_off` would copy the remaining blocks for every batch).
fn send_batches(blocks: Vec<Block>, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
    let mut rest = blocks.into_iter();
    loop {
        let batch: Vec<Block> = rest.by_ref().take(BATCH).collect();
        if batch.is_empty() {
            return true;
        }
        if !send(LoadEvent::Blocks(document::packed(batch))) {
            return false;
        }
    }
}

/// A source of unknown format, its format decided from its first bytes (one read, so a slow
/// pipe is not held up): HTML or EPUB when they say so, else text. The bytes read stay in front.
fn sniffed(mut source: Source) -> Source {
    let mut first = vec![0u8; FIRST_CHUNK];
    let n = loop {
        match source.reader.read(&mut first) {
            Err(e) if e.kind() == ErrorKind::Interrupted => {}
            Ok(n) => break n,
            Err(_) => break 0,
        }
    };
    first.truncate(n);
    source.format = sniff(&first).unwrap_or(Format::Text);
    source.reader = Box::new(io::Cursor::new(first).chain(source.reader));
    source
}

/// Settles the title: the document's own as soon as a block gives it, else the source's
/// name at the end.
struct TitleFinder {
    fallback: Option<String>,
    found: bool,
}

impl TitleFinder {
    /// Look for the title in blocks about to be sent; false when the receiver is gone.
    fn scan(&mut self, blocks: &[Block], send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
        if self.found {
            return true;
        }
        match crate::document::title_of(blocks) {
            Some((title, date)) => self.found(title, date, false, send),
            None => true,
        }
    }

    fn found(
        &mut self,
        title: String,
        date: Option<String>,
        is_name: bool,
        send: &mut impl FnMut(LoadEvent) -> bool,
    ) -> bool {
        self.found = true;
        send(LoadEvent::Title {
            title,
            date,
            is_name,
        })
    }

    /// At the end: the source's name when the document gave no title.
    fn finish(&mut self, send: &mut impl FnMut(LoadEvent) -> bool) -> bool {
        match self.fallback.take() {
            Some(name) if !self.found => self.found(name, None, true, send),
            _ => true,
        }
    }
}

/// Load a whole source synchronously (plain output, tests, benchmarks): the document, with
/// its title and date when the text gives them, and the loader's notices.
#[must_use]
pub fn load_all(source: Source) -> (Document, Vec<String>) {
    load_all_with(source, LoadOptions::default())
}

/// [`load_all`] with options.
#[must_use]
pub fn load_all_with(source: Source, options: LoadOptions) -> (Document, Vec<String>) {
    let mut doc = Document::default();
    let mut notices = Vec::new();
    load_with(source, options, |ev| {
        match ev {
            LoadEvent::Blocks(b) => doc.blocks.extend(b),
            LoadEvent::Title {
                title,
                date,
                is_name,
            } => {
                doc.title = title;
                doc.date = date;
                doc.title_is_name = is_name;
            }
            LoadEvent::Toc(toc) => doc.toc = Some(toc),
            LoadEvent::Done(n) => notices = n,
            LoadEvent::Discard(from) => doc.blocks.truncate(from),
            LoadEvent::Progress(..) | LoadEvent::Ahead { .. } | LoadEvent::Joined => {}
        }
        true
    });
    (doc, notices)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source(bytes: &'static [u8], format: Format) -> Source {
        Source::bytes(bytes.to_vec(), format)
    }

    #[test]
    fn builtin_article_loads_with_title_and_paragraphs() {
        let (doc, notices) = load_all(Source::builtin());
        assert!(notices.is_empty(), "{notices:?}");
        assert!(doc.title.starts_with("Building community"));
        assert!(doc.blocks.iter().filter(|b| b.is_paragraph()).count() >= 19);
    }

    #[test]
    fn a_markdown_title_names_the_document_without_repeating_it() {
        let (doc, _) = load_all(source(b"# Hello World\n\nSome text.\n", Format::Markdown));
        assert_eq!(doc.title, "Hello World");
        let titles = doc
            .blocks
            .iter()
            .filter(|b| b.text == "Hello World")
            .count();
        assert_eq!(titles, 1, "{:?}", doc.blocks);
    }

    #[test]
    fn cap_stops_endless_input_with_a_notice() {
        let endless = std::io::repeat(b'y');
        let src = Source {
            reader: Box::new(endless),
            size: None,
            cap: 1 << 20,
            format: Format::Text,
            name: None,
            full_page: false,
        };
        let (doc, notices) = load_all(src);
        let blocks = doc.blocks;
        assert!(!blocks.is_empty());
        assert!(notices.iter().any(|n| n.contains("cut at")), "{notices:?}");
    }

    #[test]
    fn nul_bytes_are_flagged_as_binary_and_shown_as_placeholders() {
        let (doc, notices) = load_all(source(b"abc\0def\n", Format::Text));
        let blocks = doc.blocks;
        assert!(notices.iter().any(|n| n.contains("binary")));
        assert!(blocks.iter().all(|b| !b.text.contains('\0')));
    }

    #[test]
    fn invalid_utf8_is_noted_once() {
        let (_, notices) = load_all(source(b"ok \xff\xfe bad\n\nmore \xc3\n", Format::Text));
        assert_eq!(notices.iter().filter(|n| n.contains("UTF-8")).count(), 1);
    }

    /// A pipe that sends one line, then stays silent until the test lets it go on.
    struct SlowPipe {
        step: usize,
        go_on: std::sync::mpsc::Receiver<()>,
    }

    impl Read for SlowPipe {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            self.step += 1;
            let data: &[u8] = match self.step {
                1 => b"the first line arrives at once\n",
                2 => {
                    // Silent until the first line has been shown (or the test gave up).
                    let _ = self.go_on.recv_timeout(Duration::from_secs(10));
                    b"and the rest much later\n"
                }
                _ => b"",
            };
            buf[..data.len()].copy_from_slice(data);
            Ok(data.len())
        }
    }

    #[test]
    fn a_slow_pipe_shows_its_first_line_before_the_rest_arrives() {
        let (go_on_tx, go_on) = std::sync::mpsc::channel();
        let src = Source {
            reader: Box::new(SlowPipe { step: 0, go_on }),
            size: None,
            cap: FILE_CAP,
            format: Format::Text,
            name: None,
            full_page: false,
        };
        let mut texts = Vec::new();
        load(src, |ev| {
            if let LoadEvent::Blocks(blocks) = ev {
                texts.extend(
                    blocks
                        .into_iter()
                        .map(|b| (b.text.to_string(), b.continues)),
                );
                // The pipe stays silent until a block is out: the first one must come by itself.
                let _ = go_on_tx.send(());
            }
            true
        });
        assert_eq!(
            texts[0],
            ("the first line arrives at once".to_string(), false)
        );
        assert_eq!(texts[1], ("and the rest much later".to_string(), true));
    }

    #[test]
    fn the_loader_stops_when_the_receiver_is_gone() {
        let endless = std::io::repeat(b'x');
        let src = Source {
            reader: Box::new(endless),
            size: None,
            cap: u64::MAX,
            format: Format::Text,
            name: None,
            full_page: false,
        };
        let mut calls = 0;
        load(src, |_| {
            calls += 1;
            calls < 3
        });
        assert_eq!(calls, 3);
    }
}
