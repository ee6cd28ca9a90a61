//! Criterion benchmarks of the HTML and EPUB paths: a 1 MB web page and a 1 MB EPUB, from bytes
//! to the first frame (parse, first layout, draw on a 120×40 `TestBackend`), and parsing alone.
//!
//! Run with `cargo bench --bench formats` (`-- --quick` for a shorter run). The documents are
//! generated in memory (the same text generator as `benches/core.rs`); the targets are a first
//! frame within 100 ms for the page and 50 ms for the book. `html_stream_parse` renders the same
//! page with the streaming renderer that pages too large for a tree take (over 1.25 MiB of
//! markup). Peak memory is measured on the release binary:
//! `/usr/bin/time -f %M lectern page.html > /dev/null` (see the README).

#[allow(dead_code)]
mod docgen;

use std::fmt::Write as _;
use std::hint::black_box;
use std::io::Write as _;
use std::time::Duration;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use lectern::app::App;
use lectern::document::Format;
use lectern::loader::{Source, load_all};
use lectern::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

/// Paragraphs of generated prose, a heading every 12 paragraphs.
fn paragraphs(size: usize) -> Vec<String> {
    docgen::generate(size, 3)
        .text
        .split("\n\n")
        .map(|p| p.replace('\n', " "))
        .collect()
}

/// A 1 MB web page: navigation, share bar and footer around an article.
fn page(size: usize) -> Vec<u8> {
    let mut out = String::from(
        "<!DOCTYPE html><html><head><meta charset=utf-8><title>Bench page</title>\
         <script>var x = 1;</script></head><body><nav><a href=/>Home</a> <a href=/a>About</a></nav>\
         <div class=share>Share</div><article><h1>Bench page</h1>",
    );
    for (i, p) in paragraphs(size).iter().enumerate() {
        if i % 12 == 0 {
            let _ = write!(out, "<h2>Section {}</h2>", i / 12 + 1);
        }
        out.push_str("<p>");
        out.push_str(p);
        out.push_str("</p>\n");
    }
    out.push_str("</article><footer>Copyright</footer></body></html>");
    out.into_bytes()
}

/// A 1 MB EPUB: chapters of about 50 KB each and an NCX listing them.
fn book(size: usize) -> Vec<u8> {
    let paras = paragraphs(size);
    let chapters: Vec<&[String]> = paras.chunks(60).collect();
    let mut zip = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let stored =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let deflated = zip::write::SimpleFileOptions::default();
    let mut put = |name: &str, data: &str, opts| {
        zip.start_file(name, opts).expect("start");
        zip.write_all(data.as_bytes()).expect("write");
    };
    put("mimetype", "application/epub+zip", stored);
    put(
        "META-INF/container.xml",
        r#"<container><rootfiles><rootfile full-path="OEBPS/content.opf"/></rootfiles></container>"#,
        deflated,
    );
    let (mut manifest, mut spine, mut nav) = (String::new(), String::new(), String::new());
    for (i, chapter) in chapters.iter().enumerate() {
        let name = format!("c{i}.xhtml");
        let _ = write!(
            manifest,
            r#"<item id="c{i}" href="{name}" media-type="application/xhtml+xml"/>"#
        );
        let _ = write!(spine, r#"<itemref idref="c{i}"/>"#);
        let _ = write!(
            nav,
            r#"<navPoint id="n{i}"><navLabel><text>Chapter {}</text></navLabel><content src="{name}"/></navPoint>"#,
            i + 1
        );
        let mut body = format!("<h1>Chapter {}</h1>", i + 1);
        for p in *chapter {
            let _ = writeln!(body, "<p>{p}</p>");
        }
        put(
            &format!("OEBPS/{name}"),
            &format!(
                r#"<?xml version="1.0"?><html xmlns="http://www.w3.org/1999/xhtml"><head><title>c</title></head><body>{body}</body></html>"#
            ),
            deflated,
        );
    }
    manifest.push_str(r#"<item id="ncx" href="toc.ncx" media-type="application/x-dtbncx+xml"/>"#);
    put(
        "OEBPS/content.opf",
        &format!(
            r#"<package><metadata><dc:title>Bench book</dc:title><dc:creator>A. Writer</dc:creator></metadata><manifest>{manifest}</manifest><spine toc="ncx">{spine}</spine></package>"#
        ),
        deflated,
    );
    put(
        "OEBPS/toc.ncx",
        &format!("<ncx><navMap>{nav}</navMap></ncx>"),
        deflated,
    );
    zip.finish().expect("finish").into_inner()
}

fn source(bytes: &[u8], format: Format) -> Source {
    Source::bytes(bytes.to_vec(), format)
}

/// From bytes to the first frame drawn at 120×40, as the program draws it: when the loader
/// sends its first blocks (a book's first chapter; a page's whole article).
fn first_frame(bytes: &[u8], format: Format) -> usize {
    let mut doc = lectern::document::Document::default();
    lectern::loader::load(source(bytes, format), |event| match event {
        lectern::loader::LoadEvent::Blocks(blocks) => {
            doc.blocks = blocks;
            false
        }
        _ => true,
    });
    let mut app = App::new(doc, Rect::new(0, 0, 120, 40));
    app.prepare();
    let mut term = Terminal::new(TestBackend::new(120, 40)).expect("backend");
    term.draw(|f| ui::render(&app, f)).expect("draw");
    app.doc().blocks.len()
}

fn formats(c: &mut Criterion) {
    let page = page(1_000_000);
    let book = book(1_000_000);
    let mut group = c.benchmark_group("formats_1MB");
    group.sample_size(10);
    group.measurement_time(Duration::from_secs(6));
    group.throughput(Throughput::Bytes(page.len() as u64));
    group.bench_function("html_parse", |b| {
        b.iter(|| lectern::document::html::parse_page(black_box(&page), false));
    });
    group.bench_function("html_stream_parse", |b| {
        b.iter(|| lectern::document::html::streamed_page(black_box(&page)));
    });
    group.bench_function("html_first_frame", |b| {
        b.iter(|| first_frame(black_box(&page), Format::Html));
    });
    group.bench_function("epub_parse", |b| {
        b.iter(|| lectern::document::epub::parse(black_box(&book)));
    });
    group.bench_function("epub_load_all", |b| {
        b.iter(|| {
            load_all(source(black_box(&book), Format::Epub))
                .0
                .blocks
                .len()
        });
    });
    group.bench_function("epub_first_frame", |b| {
        b.iter(|| first_frame(black_box(&book), Format::Epub));
    });
    group.finish();
}

criterion_group!(benches, formats);
criterion_main!(benches);
