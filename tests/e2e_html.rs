//! End-to-end: a saved web page and an EPUB book opened in the real binary in a pseudo-terminal,
//! checked as a reader sees them (the article without the page's furniture, the book's own
//! contents in the side panel).

mod common;

use std::fmt::Write as _;
use std::path::Path;

use common::{TIMEOUT, TempFile, article_rows, article_words, screen_rows, spawn, status_bar};

const PAGE: &str = r#"<!DOCTYPE html>
<html lang="en"><head><meta charset="windows-1252"><title>Lighthouses of the North</title>
<style>body { color: red }</style><script>document.write("tracking")</script></head>
<body><header><nav><a href="/">Home</a> | <a href="/news">News</a> | <a href="/shop">Shop now</a></nav></header>
<div class="share">Share on Facebook Share on Twitter</div>
<article>
<h1>Lighthouses of the North</h1>
<p class="byline">By Ingrid Holm</p>
<p>For centuries the lighthouses of the northern coast kept sailors away from the rocks,
and their keepers lived lonely lives on the edge of the sea, tending the lamp every night.</p>
<h2>The keepers</h2>
<p>Each keeper wrote a log of the weather, the ships that passed and the oil that burned,
and many of those logs survive in the archives of the coastal towns today.</p>
<h2>The lamps</h2>
<p>The first lamps burned fish oil; later came paraffin, and at last electricity, which
made the keepers themselves unnecessary, one station after another, until none were left.</p>
<p>Caf&eacute; owners near the old stations still sell postcards of them to visitors.</p>
</article>
<footer>Copyright 2024 Example News. All rights reserved. Subscribe to our newsletter.</footer>
</body></html>"#;

#[test]
fn a_saved_page_shows_the_article_and_its_headings_not_the_page() {
    let page = TempFile::new("lighthouses.html", PAGE.as_bytes());
    let pty = spawn(&[page.as_str()], 120, 40);
    // The article and, once the outline is built, its headings in the contents.
    pty.wait_for("the article and its contents", TIMEOUT, |s| {
        article_words(s).contains("For centuries the lighthouses")
            && screen_rows(s).iter().any(|r| r.contains("▸ The keepers"))
    });
    let rows = pty.with_screen(screen_rows);
    let screen = rows.join("\n");
    assert!(rows[0].contains("Lighthouses of the North"), "{screen}");
    for junk in [
        "Shop now",
        "Share on Facebook",
        "Copyright",
        "tracking",
        "color: red",
        "<",
    ] {
        assert!(!screen.contains(junk), "{junk:?} shown:\n{screen}");
    }
    // The headings are the contents entries.
    assert!(
        screen.contains("The keepers") && screen.contains("The lamps"),
        "{screen}"
    );
}

/// A generated page with more markup than a tree may hold (just over the limit, so that the
/// test stays fast): numbered paragraphs with links and emphasis, a heading every 20.
fn large_page() -> String {
    let mut page = String::from(
        "<!doctype html><html><head><title>The long log</title><script>var x = 1;</script>\
         </head><body><nav><a href=/>Home</a></nav><main>",
    );
    let mut n = 0;
    while page.len() <= lectern::document::html::MAX_TREE_MARKUP + 50_000 {
        n += 1;
        if n % 20 == 1 {
            let _ = write!(page, "<h2>Watch {}</h2>", n / 20 + 1);
        }
        let _ = write!(
            page,
            "<div><p>Entry {n}: the <em>keeper</em> noted the weather, the <a href=\"#e{n}\">ships</a> \
             that passed and the oil that burned through the night, as every keeper did\n</div>"
        );
    }
    page.push_str("<p>The final entry of the long log.</p></main></body></html>");
    page
}

#[test]
fn a_page_too_large_for_a_tree_opens_whole_and_reads_to_its_end() {
    let page = TempFile::new("long-log.html", large_page().as_bytes());
    let mut pty = spawn(&[page.as_str()], 120, 40);
    pty.wait_for("the first entries and the notice", TIMEOUT, |s| {
        article_words(s).contains("Entry 1: the keeper noted the weather")
            && status_bar(s).contains("without article extraction")
    });
    let rows = pty.with_screen(screen_rows);
    assert!(rows[0].contains("The long log"), "{}", rows.join("\n"));
    assert!(!rows.join("\n").contains('<'), "{}", rows.join("\n"));
    // The end of the page, then a search from there back to an entry in the middle.
    pty.send("G");
    pty.wait_for("the last entry", TIMEOUT, |s| {
        article_words(s).contains("The final entry of the long log.")
    });
    pty.send("/Entry 3333:\r");
    pty.wait_for("the entry searched for", TIMEOUT, |s| {
        article_words(s).contains("Entry 3333: the keeper")
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

/// The generated 1 MB book: one XHTML file, an NCX with one entry, 148 `<h2>` sections.
fn corpus_epub() -> Option<&'static Path> {
    let path = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/generated-sections-1mb.epub"
    ));
    if path.is_file() {
        return Some(path);
    }
    assert!(
        std::env::var_os("CI").is_none(),
        "{} is missing (required under CI)",
        path.display()
    );
    eprintln!("skipped: {} is missing", path.display());
    None
}

#[test]
fn an_epub_opens_with_its_own_contents() {
    let Some(book) = corpus_epub() else {
        return;
    };
    // Copied under a name without `.epub`: the format is found from the bytes.
    let bytes = std::fs::read(book).expect("read the book");
    let copy = TempFile::new("book.bin", &bytes);
    let mut pty = spawn(&[copy.as_str()], 120, 40);
    pty.wait_for("the book's text and contents", TIMEOUT, |s| {
        let screen = screen_rows(s).join("\n");
        screen.contains("Section 1")
            && screen.contains("Section 2")
            && screen.contains("Bench document")
    });
    let screen = pty.with_screen(screen_rows).join("\n");
    assert!(!screen.contains("PK"), "zip bytes shown:\n{screen}");
    // A contents entry jumps to its section.
    pty.send("\tjjj\r");
    pty.wait_for("a later section at the top", TIMEOUT, |s| {
        article_rows(s)
            .iter()
            .take(3)
            .any(|r| r.starts_with("Section ") && r != "Section 1")
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}
