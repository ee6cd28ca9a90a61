//! Unit tests of EPUB reading on small books built here.

use std::io::Write as _;

use zip::write::SimpleFileOptions;

use super::*;
use crate::document::BlockKind;

/// A zip archive: `mimetype` first and stored, then `files` deflated.
pub(crate) fn build_zip(files: &[(&str, &[u8])]) -> Vec<u8> {
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored = SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    zip.start_file("mimetype", stored).expect("mimetype");
    zip.write_all(b"application/epub+zip").expect("write");
    let deflated = SimpleFileOptions::default();
    for (name, data) in files {
        zip.start_file(*name, deflated).expect("start");
        zip.write_all(data).expect("write");
    }
    zip.finish().expect("finish").into_inner()
}

const CONTAINER: &str = r#"<?xml version="1.0"?><container version="1.0" xmlns="urn:oasis:names:tc:opendocument:xmlns:container"><rootfiles><rootfile full-path="OEBPS/content.opf" media-type="application/oebps-package+xml"/></rootfiles></container>"#;

fn opf(manifest: &str, spine: &str, toc_attr: &str) -> String {
    format!(
        r#"<?xml version="1.0"?><package xmlns="http://www.idpf.org/2007/opf" version="3.0"><metadata xmlns:dc="http://purl.org/dc/elements/1.1/"><dc:title>The Test Book</dc:title><dc:creator>Ann Author</dc:creator></metadata><manifest>{manifest}</manifest><spine{toc_attr}>{spine}</spine></package>"#
    )
}

fn chapter(title: &str, body: &str) -> String {
    format!(
        r#"<?xml version="1.0" encoding="utf-8"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>{title}</title></head><body>{body}</body></html>"#
    )
}

fn item(id: &str, href: &str) -> String {
    format!(r#"<item id="{id}" href="{href}" media-type="application/xhtml+xml"/>"#)
}

fn labels(doc: &Document) -> Vec<(String, u8, String)> {
    doc.toc
        .iter()
        .flatten()
        .map(|e| {
            (
                e.label.clone(),
                e.depth,
                doc.blocks[e.block].text.to_string(),
            )
        })
        .collect()
}

/// An EPUB 2 book: two chapters and an NCX.
fn epub2() -> Vec<u8> {
    let manifest = format!(
        "{}{}<item id=\"ncx\" href=\"toc.ncx\" media-type=\"application/x-dtbncx+xml\"/>",
        item("c1", "c1.xhtml"),
        item("c2", "c2.xhtml")
    );
    let spine = r#"<itemref idref="c1"/><itemref idref="c2"/>"#;
    let ncx = r#"<?xml version="1.0"?><ncx xmlns="http://www.daisy.org/z3986/2005/ncx/"><navMap>
      <navPoint id="n1" playOrder="1"><navLabel><text>Chapter One</text></navLabel><content src="c1.xhtml"/></navPoint>
      <navPoint id="n2" playOrder="2"><navLabel><text>Chapter Two</text></navLabel><content src="c2.xhtml#start"/></navPoint>
    </navMap></ncx>"#;
    build_zip(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        (
            "OEBPS/content.opf",
            opf(&manifest, spine, " toc=\"ncx\"").as_bytes(),
        ),
        ("OEBPS/toc.ncx", ncx.as_bytes()),
        (
            "OEBPS/c1.xhtml",
            chapter("One", "<h1>One</h1><p>First&nbsp;chapter text.</p>").as_bytes(),
        ),
        (
            "OEBPS/c2.xhtml",
            chapter(
                "Two",
                "<p>Preface.</p><h1 id=\"start\">Two</h1><p>Second chapter.</p>",
            )
            .as_bytes(),
        ),
    ])
}

#[test]
fn an_epub2_book_reads_in_spine_order_with_its_ncx_contents() {
    let (doc, notices) = parse(&epub2());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(doc.title, "The Test Book");
    assert_eq!(doc.byline.as_deref(), Some("Ann Author"));
    let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        [
            "The Test Book",
            "Ann Author",
            "One",
            "First\u{a0}chapter text.",
            "Preface.",
            "Two",
            "Second chapter."
        ]
    );
    assert_eq!(
        labels(&doc),
        [
            ("Chapter One".into(), 0, "One".into()),
            ("Chapter Two".into(), 0, "Two".into())
        ]
    );
    let outline = crate::outline::build(&doc);
    let nodes: Vec<&str> = outline.nodes.iter().map(|n| n.label.as_str()).collect();
    assert_eq!(nodes, ["Chapter One", "Chapter Two"]);
}

/// An EPUB 3 book with a nested nav, a footnote link and chapters in a sub-folder.
fn epub3() -> Vec<u8> {
    let manifest = format!(
        "<item id=\"nav\" href=\"nav.xhtml\" properties=\"nav\" media-type=\"application/xhtml+xml\"/>{}{}{}",
        item("p1", "text/part1.xhtml"),
        item("c1", "text/ch1.xhtml"),
        item("notes", "text/notes.xhtml")
    );
    let spine = r#"<itemref idref="nav" linear="no"/><itemref idref="p1"/><itemref idref="c1"/><itemref idref="notes"/>"#;
    let nav = chapter(
        "Contents",
        r#"<nav epub:type="toc"><h2>Contents</h2><ol>
          <li><a href="text/part1.xhtml">Part I</a><ol>
            <li><a href="text/ch1.xhtml">1. Beginnings</a><ol><li><a href="text/ch1.xhtml#s2">A section</a></li></ol></li>
          </ol></li>
          <li><a href="text/notes.xhtml">Notes</a></li></ol></nav>"#,
    );
    build_zip(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", opf(&manifest, spine, "").as_bytes()),
        ("OEBPS/nav.xhtml", nav.as_bytes()),
        ("OEBPS/text/part1.xhtml", chapter("Part I", "<h1>Part I</h1>").as_bytes()),
        (
            "OEBPS/text/ch1.xhtml",
            chapter(
                "Ch",
                "<h2>Beginnings</h2><p>Text<a href=\"notes.xhtml#n1\" id=\"r1\"><sup>1</sup></a>.</p>\
                 <h3 id=\"s2\">A section</h3><p>More.</p>",
            )
            .as_bytes(),
        ),
        (
            "OEBPS/text/notes.xhtml",
            chapter("Notes", "<p id=\"n1\"><a href=\"ch1.xhtml#r1\">1</a> The note.</p>").as_bytes(),
        ),
    ])
}

#[test]
fn an_epub3_book_uses_its_nested_nav_and_resolves_internal_links() {
    let (doc, notices) = parse(&epub3());
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(
        labels(&doc),
        [
            ("Part I".into(), 0, "Part I".into()),
            ("1. Beginnings".into(), 1, "Beginnings".into()),
            ("A section".into(), 2, "A section".into()),
            ("Notes".into(), 0, "1 The note.".into()),
        ]
    );
    let outline = crate::outline::build(&doc);
    let depths: Vec<u8> = outline.nodes.iter().map(|n| n.depth).collect();
    assert_eq!(depths, [0, 1, 2, 0]);
    // The footnote reference points at the note's block, and the note back at the reference.
    let link = doc
        .blocks
        .iter()
        .flat_map(crate::document::Block::links)
        .find(|l| l.target.ends_with("#n1"))
        .expect("footnote link");
    let anchor = link.target.trim_start_matches('#');
    let note = doc
        .blocks
        .iter()
        .find(|b| b.anchors().iter().any(|a| a == anchor));
    assert_eq!(note.map(|b| b.text.as_str()), Some("1 The note."));
    let back = doc
        .blocks
        .iter()
        .flat_map(crate::document::Block::links)
        .find(|l| l.target.ends_with("#r1"))
        .expect("back link");
    let anchor = back.target.trim_start_matches('#');
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.anchors().iter().any(|a| a == anchor))
    );
    // The nav document itself is in the spine but not shown twice as text.
    assert!(doc.blocks.iter().filter(|b| b.text == "Part I").count() <= 2);
}

#[test]
fn a_broken_book_still_opens_with_headings_and_notices() {
    let manifest = format!(
        "{}{}{}",
        item("c1", "c1.xhtml"),
        item("gone", "missing.xhtml"),
        item("bad", "bad.xhtml")
    );
    let spine = r#"<itemref idref="c1"/><itemref idref="gone"/><itemref idref="nowhere"/><itemref idref="bad"/>"#;
    let book = build_zip(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", opf(&manifest, spine, "").as_bytes()),
        (
            "OEBPS/c1.xhtml",
            chapter(
                "C1",
                "<h1>Alpha</h1><p>Text &nbsp; with &mdash; &unknown; entities.</p>",
            )
            .as_bytes(),
        ),
        (
            "OEBPS/bad.xhtml",
            b"<html><body><h1>Beta<p>unclosed <b>bold <<< &&& </html",
        ),
    ]);
    let (doc, notices) = parse(&book);
    assert!(doc.toc.is_none());
    assert!(
        notices.iter().any(|n| n.contains("table of contents")),
        "{notices:?}"
    );
    assert!(
        notices.iter().any(|n| n.contains("missing.xhtml")),
        "{notices:?}"
    );
    assert!(notices.iter().any(|n| n.contains("nowhere")), "{notices:?}");
    let headings: Vec<&str> = doc
        .blocks
        .iter()
        .filter(|b| matches!(b.kind, BlockKind::Heading(_)))
        .map(|b| b.text.as_str())
        .collect();
    assert_eq!(headings[0], "Alpha");
    assert!(headings[1].starts_with("Beta"), "{headings:?}");
    assert!(
        doc.blocks
            .iter()
            .any(|b| b.text.contains("with — &unknown; entities"))
    );
}

#[test]
fn hostile_books_stop_with_a_notice_and_read_nothing_outside() {
    // A zip bomb: 64 MiB of zeros in one chapter.
    let bomb = vec![b' '; 64 << 20];
    let manifest = format!("{}{}", item("c1", "c1.xhtml"), item("boom", "boom.xhtml"));
    let spine =
        r#"<itemref idref="c1"/><itemref idref="boom"/><itemref idref="c1"/><itemref idref="c1"/>"#;
    let book = build_zip(&[
        ("META-INF/container.xml", CONTAINER.as_bytes()),
        ("OEBPS/content.opf", opf(&manifest, spine, "").as_bytes()),
        (
            "OEBPS/c1.xhtml",
            chapter("C1", "<p>Safe text.</p>").as_bytes(),
        ),
        ("OEBPS/boom.xhtml", &bomb),
    ]);
    assert!(book.len() < 1 << 20);
    let (doc, notices) = parse(&book);
    assert!(
        notices.iter().any(|n| n.contains("zip bomb")),
        "{notices:?}"
    );
    // The looping spine shows its chapter once.
    assert_eq!(
        doc.blocks.iter().filter(|b| b.text == "Safe text.").count(),
        1
    );

    // Paths outside the archive, and a container that names itself.
    let evil = r#"<container><rootfiles><rootfile full-path="../../../etc/passwd"/></rootfiles></container>"#;
    let (doc, notices) = parse(&build_zip(&[("META-INF/container.xml", evil.as_bytes())]));
    assert!(notices[0].contains("cannot open the book"), "{notices:?}");
    assert_eq!(doc.blocks.len(), 1);
    let selfish = r#"<container><rootfiles><rootfile full-path="META-INF/container.xml"/></rootfiles></container>"#;
    let (_, notices) = parse(&build_zip(&[(
        "META-INF/container.xml",
        selfish.as_bytes(),
    )]));
    assert!(notices[0].contains("no readable chapter"), "{notices:?}");
    let (_, notices) = parse(b"PK\x03\x04 not really a zip");
    assert!(notices[0].contains("cannot open the book"), "{notices:?}");
}

#[test]
fn self_closing_tags_are_expanded() {
    assert_eq!(
        expand_self_closing("<p>a<a id=\"x\"/>b<br/><div class='a/>'/></p>"),
        "<p>a<a id=\"x\"></a>b<br/><div class='a/>'></div></p>"
    );
}

#[test]
fn epubs_are_sniffed_from_the_mimetype_entry() {
    assert!(is_epub_prefix(&epub2()));
    assert!(!is_epub_prefix(b"PK\x03\x04\x14\x00"));
    let plain_zip = {
        let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
        zip.start_file("a.txt", SimpleFileOptions::default())
            .expect("start");
        zip.write_all(b"hello").expect("write");
        zip.finish().expect("finish").into_inner()
    };
    assert!(!is_epub_prefix(&plain_zip));
}

#[test]
fn a_book_streams_chapter_by_chapter_with_its_contents_last() {
    let book = epub2();
    let mut pieces = Vec::new();
    let notices = stream(&book, |piece| {
        pieces.push(match piece {
            Piece::Head { title, blocks, .. } => {
                format!("head {title}: {}", blocks.last().map_or("", |b| &b.text))
            }
            Piece::Blocks(blocks) => format!("blocks: {}", blocks[0].text),
            Piece::Toc(toc) => format!("toc: {}", toc.len()),
        });
        true
    });
    assert!(notices.is_empty(), "{notices:?}");
    assert_eq!(pieces.len(), 3, "{pieces:?}");
    assert!(pieces[0].starts_with("head The Test Book"), "{pieces:?}");
    assert!(pieces[1].starts_with("blocks: "), "{pieces:?}");
    assert_eq!(pieces[2], "toc: 2");
    // The streamed book is the parsed book, and stopping after the first piece reads no more.
    let (doc, _) = parse(&book);
    assert_eq!(
        labels(&doc)[1].2,
        "Two",
        "the contents point past the first chapter"
    );
    let mut seen = 0;
    stream(&book, |_| {
        seen += 1;
        false
    });
    assert_eq!(seen, 1);
}
