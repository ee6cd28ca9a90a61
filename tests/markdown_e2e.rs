//! A README as a reader meets it: the real binary in a pseudo-terminal on a README-like
//! document (badges, links, a wide table, an alert, task boxes, code, a footnote).

mod common;

use std::fmt::Write as _;

use common::{TIMEOUT, TempFile, article_rows, article_words, spawn, status_bar};

const README: &str = "\
# tablet [![CI](https://ci.example/badge.svg)](https://ci.example/tablet)

A library for **reading** tables, see the [guide](https://docs.example/tablet/guide) and
the [changelog](#changes). It is fast[^bench].

> [!IMPORTANT]
> Version 2 renamed every type.

| Option | Meaning | Default |
|--------|---------|--------:|
| `width` | The width the table is laid out for, in terminal columns, after the indentation | 80 |
| `stack` | Whether records are stacked when the grid cannot fit | true |

- [x] grids
- [ ] charts

```rust
let t = tablet::read(\"a.csv\")?;
```

## Changes

Nothing yet.

[^bench]: Measured on a laptop.
";

#[test]
fn a_readme_reads_without_syntax_or_urls_and_its_links_show_on_demand() {
    // Enough history that the note at the end starts off screen.
    let history = (1..=40).fold(String::new(), |mut s, n| {
        let _ = write!(s, "### 0.{n}.0\n\nRelease {n} fixed things.\n\n");
        s
    });
    let readme = README.replace("Nothing yet.\n", &history);
    let file = TempFile::new("README.md", readme.as_bytes());
    let mut pty = spawn(&[file.as_str()], 100, 40);
    // The whole first screen (a frame may be half drawn when the screen is polled).
    pty.wait_for("the first screen", TIMEOUT, |s| {
        let text = article_words(s);
        text.contains("A library for reading tables") && text.contains("let t = tablet::read")
    });
    let text = pty.with_screen(article_words);
    for shown in [
        "Important",
        "Version 2 renamed every type.",
        "☑ grids",
        "☐ charts",
        "fast¹",
    ] {
        assert!(text.contains(shown), "{shown:?} missing: {text}");
    }
    for hidden in [
        "https://",
        "[!IMPORTANT]",
        "[^bench]",
        "[x]",
        "](",
        "```",
        "**",
    ] {
        assert!(!text.contains(hidden), "{hidden:?} shows: {text}");
    }
    // The table is a grid: one header rule, every row within the panel.
    let rows = pty.with_screen(article_rows);
    assert_eq!(
        rows.iter()
            .filter(|r| r.contains('┼') && r.contains('─'))
            .count(),
        1
    );
    assert!(
        rows.iter()
            .any(|r| r.starts_with("width") && r.contains("80"))
    );
    // `l` selects the first link on screen: its target shows in the status bar.
    pty.send("l");
    pty.wait_for("the link target", TIMEOUT, |s| {
        status_bar(s).contains("→ https://docs.example/tablet/guide")
    });
    // Walk to the footnote marker and follow it to the note.
    pty.send("ll");
    pty.wait_for("the footnote link", TIMEOUT, |s| {
        status_bar(s).contains("→ #fn-bench")
    });
    assert!(
        !pty.with_screen(article_words)
            .contains("Measured on a laptop.")
    );
    pty.send("o");
    pty.wait_for("the note", TIMEOUT, |s| {
        let text = article_words(s);
        text.contains("1. Measured on a laptop. ↩") && !text.contains("A library")
    });
    // And back from the note to the paragraph that cites it.
    pty.send("l");
    pty.wait_for("the back link", TIMEOUT, |s| {
        status_bar(s).contains("→ #fnref-bench")
    });
    pty.send("o");
    pty.wait_for("the citing paragraph", TIMEOUT, |s| {
        article_rows(s)
            .iter()
            .find(|r| !r.is_empty())
            .is_some_and(|r| r.starts_with("A library"))
    });
    pty.send("q");
    pty.expect_exit(TIMEOUT);
}
