//! HTML pages and EPUB books: read whole (they declare their own encoding), parsed, and sent
//! as title, contents and blocks (a book chapter by chapter).

use std::io::Read;

use super::{LoadEvent, Source, TitleFinder, send_batches};
use crate::document::sanitize::sanitize_inline;
use crate::document::{Format, epub, html};

/// Read a whole HTML page or EPUB book (as bytes: it declares its own encoding), parse it, and
/// send its title, contents and blocks.
pub(super) fn load_markup(source: Source, mut send: impl FnMut(LoadEvent) -> bool) {
    let Source {
        mut reader,
        size,
        cap,
        format,
        name,
        full_page,
    } = source;
    let mut notices = Vec::new();
    let mut raw = Vec::new();
    match reader.by_ref().take(cap).read_to_end(&mut raw) {
        Ok(_) if raw.len() as u64 >= cap => {
            notices.push(format!("input cut at {} MiB", cap >> 20));
        }
        Ok(_) => {}
        Err(e) => notices.push(format!("read error: {}", sanitize_inline(&e.to_string()))),
    }
    drop(reader);
    if !send(LoadEvent::Progress(raw.len() as u64, size)) {
        return;
    }
    if format == Format::Epub {
        load_epub(&raw, name, notices, send);
        return;
    }
    let (doc, found) = html::parse_page(&raw, full_page);
    drop(raw);
    notices.extend(found);
    let mut title = TitleFinder {
        fallback: name,
        found: false,
    };
    if !doc.title.is_empty() && !title.found(doc.title, doc.date, false, &mut send) {
        return;
    }
    if !title.finish(&mut send) {
        return;
    }
    // Sent before the blocks: the outline is built once loading is done.
    if let Some(toc) = doc.toc {
        if !send(LoadEvent::Toc(toc)) {
            return;
        }
    }
    if send_batches(doc.blocks, &mut send) {
        send(LoadEvent::Done(notices));
    }
}

/// Send a book chapter by chapter as it is read: the first screen shows as soon as the first
/// chapter is rendered.
fn load_epub(
    raw: &[u8],
    name: Option<String>,
    mut notices: Vec<String>,
    mut send: impl FnMut(LoadEvent) -> bool,
) {
    let mut title = TitleFinder {
        fallback: name,
        found: false,
    };
    let mut live = true;
    let found = epub::stream(raw, |piece| {
        live = match piece {
            epub::Piece::Head {
                title: t, blocks, ..
            } => {
                (t.is_empty() || title.found(t, None, false, &mut send))
                    && title.finish(&mut send)
                    && send_batches(blocks, &mut send)
            }
            epub::Piece::Blocks(blocks) => send_batches(blocks, &mut send),
            epub::Piece::Toc(toc) => send(LoadEvent::Toc(toc)),
        };
        live
    });
    notices.extend(found);
    if live {
        send(LoadEvent::Done(notices));
    }
}
