//! Fuzz target for the load pipeline: decode → sanitize → parse → layout → plain render.
//!
//! Input layout: byte 0 picks the format (low two bits: 0 Text, 1 Markdown, 2 HTML, 3 EPUB) and
//! the width from its upper six bits `w` (widths 1..=48 one by one, then up to 200 in steps of
//! ten); the rest is the document. For text and Markdown the decoder gets it in two chunks split
//! at a data-derived point. HTML is parsed as the article, as the whole page, and by the
//! streaming renderer that large pages take. EPUB input that starts like a zip is read as a book;
//! other bytes become the one chapter (and the navigation document) of a small book built around
//! them, so the XHTML and nav paths get fuzzed too.

#![no_main]

use libfuzzer_sys::fuzz_target;

use lectern::document::sanitize::{Decoder, is_clean, normalize, sanitize_inline};
use lectern::document::{Block, BlockKind, Document, Format, epub, html, parse};
use lectern::layout::{display_width, layout_block};
use lectern::plain_output::render_text;
use unicode_segmentation::UnicodeSegmentation;

fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}')
}

fn check_block(i: usize, block: &Block, width: usize) {
    let text = &block.text;
    // Paragraphs keep hard line breaks (Markdown's two spaces or `\`) as `\n`.
    let multiline = matches!(
        block.kind,
        BlockKind::Code | BlockKind::Table | BlockKind::Verbatim | BlockKind::Paragraph
    );
    assert!(is_clean(text), "block {i} text not clean: {text:?}");
    if !multiline {
        assert!(
            !text.contains('\n'),
            "block {i} ({:?}) has a newline: {text:?}",
            block.kind
        );
    }
    if let Some(item) = &block.list {
        assert!(
            is_clean(&item.marker) && !item.marker.contains('\n'),
            "marker {:?}",
            item.marker
        );
    }
    let mut prev_end = 0;
    for run in &block.runs {
        let r = &run.byte_range;
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "block {i} run {r:?} out of bounds ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "block {i} run {r:?} not on char boundaries in {text:?}"
        );
        assert!(
            r.start >= prev_end,
            "block {i} runs overlap or are unsorted: {:?}",
            block.runs
        );
        prev_end = r.end;
        let label = &text[r.clone()];
        assert!(is_clean(label), "block {i} run label not clean: {label:?}");
    }

    let lines = layout_block(block, width, true);
    assert!(!lines.lines.is_empty(), "block {i}: no lines");
    let text_width = width.saturating_sub(lines.indent).max(1);
    // Code and tables are drawn two columns in; verbatim text is not.
    let limit = if matches!(block.kind, BlockKind::Code | BlockKind::Table) {
        text_width.saturating_sub(2).max(1)
    } else {
        text_width
    };
    for r in &lines.lines {
        assert!(
            r.start <= r.end && r.end <= text.len(),
            "block {i} line {r:?} out of bounds ({})",
            text.len()
        );
        assert!(
            text.is_char_boundary(r.start) && text.is_char_boundary(r.end),
            "block {i} line {r:?} not on char boundaries in {text:?}"
        );
        if block.kind == BlockKind::Rule {
            continue;
        }
        let line = &text[r.clone()];
        assert!(
            !line.contains('\n'),
            "block {i} line {r:?} spans a newline: {line:?}"
        );
        let w = display_width(line);
        if w > limit {
            // Only a grapheme that alone is wider than the width may overflow it; zero-width
            // graphemes (a soft hyphen, a lone combining mark) may ride along with it.
            let wide = line
                .graphemes(true)
                .filter(|g| display_width(g) > 0)
                .count();
            assert!(
                wide <= 1,
                "block {i} ({:?}) line {r:?} is {w} columns wide, limit {limit} (width {width}, indent {}): {line:?}",
                block.kind,
                lines.indent
            );
        }
    }
}

fn check_doc(doc: &Document, width: usize) {
    assert!(
        is_clean(&doc.title) && !doc.title.contains('\n'),
        "title {:?}",
        doc.title
    );
    if let Some(date) = &doc.date {
        assert!(is_clean(date), "date {date:?}");
    }
    for (i, block) in doc.blocks.iter().enumerate() {
        check_block(i, block, width);
    }
    let out = render_text(doc, width);
    for c in out.chars() {
        assert!(c != '\u{1b}', "ESC in plain output");
        assert!(
            !('\u{80}'..='\u{9f}').contains(&c),
            "C1 {c:?} in plain output"
        );
        assert!(!is_bidi_control(c), "bidi control {c:?} in plain output");
        assert!(
            c == '\n' || !c.is_control(),
            "control {c:?} in plain output"
        );
    }
}

/// Contents entries point at blocks in order, with clean labels.
fn check_toc(doc: &Document) {
    let mut last = 0;
    for entry in doc.toc.iter().flatten() {
        assert!(entry.block < doc.blocks.len(), "toc entry past the end");
        assert!(entry.block >= last, "toc entries out of order");
        assert!(is_clean(&entry.label) && !entry.label.contains('\n'));
        last = entry.block;
    }
    let outline = lectern::outline::build(doc);
    for node in &outline.nodes {
        assert!(node.block <= node.end_block && node.end_block <= doc.blocks.len());
    }
}

/// A small EPUB whose chapter and navigation document are `chapter`.
fn book_around(chapter: &[u8]) -> Vec<u8> {
    use std::io::Write as _;
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored);
    let files: [(&str, &[u8]); 5] = [
        ("mimetype", b"application/epub+zip"),
        (
            "META-INF/container.xml",
            br#"<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>"#,
        ),
        (
            "OEBPS/content.opf",
            br#"<package><metadata><dc:title>Fuzz</dc:title></metadata><manifest><item id="nav" href="nav.xhtml" properties="nav" media-type="application/xhtml+xml"/><item id="c" href="c.xhtml" media-type="application/xhtml+xml"/></manifest><spine><itemref idref="c"/><itemref idref="c"/></spine></package>"#,
        ),
        ("OEBPS/c.xhtml", chapter),
        ("OEBPS/nav.xhtml", chapter),
    ];
    for (name, data) in files {
        if zip.start_file(name, opts).is_err() || zip.write_all(data).is_err() {
            return Vec::new();
        }
    }
    zip.finish().map(std::io::Cursor::into_inner).unwrap_or_default()
}

fuzz_target!(|data: &[u8]| {
    let Some((&head, rest)) = data.split_first() else {
        return;
    };
    let format = match head & 3 {
        0 => Format::Text,
        1 => Format::Markdown,
        2 => Format::Html,
        _ => Format::Epub,
    };
    let w = usize::from(head >> 2);
    let width = if w < 48 { w + 1 } else { (49 + (w - 48) * 10).min(200) };
    match format {
        Format::Html => {
            for full_page in [false, true] {
                let (doc, notices) = html::parse_page(rest, full_page);
                assert!(notices.iter().all(|n| is_clean(n) && !n.contains('\n')));
                check_doc(&doc, width);
                check_toc(&doc);
            }
            // The streaming renderer that large pages take, on every input.
            let (doc, notices) = html::streamed_page(rest);
            assert!(notices.iter().all(|n| is_clean(n) && !n.contains('\n')));
            check_doc(&doc, width);
            return;
        }
        Format::Epub => {
            let bytes = if rest.starts_with(b"PK") {
                rest.to_vec()
            } else {
                book_around(rest)
            };
            let (doc, notices) = epub::parse(&bytes);
            assert!(notices.iter().all(|n| is_clean(n) && !n.contains('\n')));
            check_doc(&doc, width);
            check_toc(&doc);
            return;
        }
        _ => {}
    }

    // Decode in two chunks at a data-derived split point.
    let split = if rest.is_empty() {
        0
    } else {
        let seed = rest
            .iter()
            .take(4)
            .fold(0usize, |a, &b| a.wrapping_mul(31).wrapping_add(b.into()));
        seed % (rest.len() + 1)
    };
    let mut decoder = Decoder::new();
    let mut text = decoder.push(&rest[..split]);
    text.push_str(&decoder.push(&rest[split..]));
    text.push_str(&decoder.finish());
    // The chunking must not matter: same as the lossy decoding of the whole input (minus a BOM).
    let lossy = String::from_utf8_lossy(rest);
    assert_eq!(
        text,
        lossy.strip_prefix('\u{FEFF}').unwrap_or(&lossy),
        "decoder depends on chunking"
    );

    // Sanitizing is clean and idempotent.
    let inline = sanitize_inline(&text);
    assert!(
        is_clean(&inline) && !inline.contains('\n'),
        "sanitize_inline not clean"
    );
    assert_eq!(
        sanitize_inline(&inline),
        inline,
        "sanitize_inline not idempotent"
    );
    let normal = normalize(&text);
    assert!(is_clean(&normal), "normalize not clean");
    assert!(!normal.contains('\r') && !normal.contains('\t'));
    assert_eq!(normalize(&normal), normal, "normalize not idempotent");

    // Parse and lay out.
    let doc = parse(&text, format);
    check_doc(&doc, width);
});
