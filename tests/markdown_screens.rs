//! Markdown as a reader sees it on screen (ratatui's `TestBackend`, insta snapshots with styles):
//! a wide table as a grid and stacked, a block quote of several paragraphs, a GitHub alert,
//! footnotes.

use lectern::app::App;
use lectern::document::{self, Format};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

/// The article alone (contents hidden) at `width`×`height`, drawn.
fn screen(markdown: &str, width: u16, height: u16) -> Buffer {
    let doc = document::parse(markdown, Format::Markdown);
    let mut app = App::loaded(doc, Rect::new(0, 0, width, height));
    app.prepare();
    if app.view.areas.side.is_some() {
        app.key(KeyEvent::new(KeyCode::Char('t'), KeyModifiers::NONE));
        app.prepare();
    }
    let mut term = Terminal::new(TestBackend::new(width, height)).expect("test backend");
    term.draw(|f| lectern::ui::render(&app, f)).expect("draw");
    term.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let mut out = String::new();
    for y in 0..buf.area.height {
        let line: String = (0..buf.area.width).map(|x| buf[(x, y)].symbol()).collect();
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

const TABLE: &str = "| Crate | What it does | Licence |\n|---|---|--:|\n\
    | **ripgrep** | Recursively searches directories for a regex pattern while respecting your gitignore | MIT |\n\
    | fd | A simple, fast and [user-friendly](https://example.com/fd) alternative to `find` | Apache-2.0 |\n";

#[test]
fn wide_table_as_a_grid() {
    let buf = screen(TABLE, 64, 12);
    let shown = text(&buf);
    assert!(shown.contains("Crate   │ What it does"), "{shown}");
    for line in shown.lines() {
        assert!(
            !line.contains("─┼─") || line.matches('┼').count() == 2,
            "{line}"
        );
    }
    insta::assert_debug_snapshot!(buf);
}

#[test]
fn wide_table_stacked_when_no_grid_fits() {
    let buf = screen(TABLE, 30, 18);
    let shown = text(&buf);
    assert!(shown.contains("Crate: ripgrep"), "{shown}");
    assert!(shown.contains("Licence: Apache-2.0"), "{shown}");
    insta::assert_debug_snapshot!(buf);
}

#[test]
fn quote_with_paragraphs_keeps_its_bar() {
    let md = "> First paragraph of the quote.\n>\n> Second paragraph,\n> with a hard break  \n> and a [link](https://example.com).\n\nAfter.\n";
    let buf = screen(md, 50, 10);
    let shown = text(&buf);
    assert!(!shown.contains("https://"), "{shown}");
    insta::assert_debug_snapshot!(buf);
}

#[test]
fn alert_is_a_titled_callout() {
    let md = "> [!WARNING]\n> Back up your notes first.\n>\n> They live in `~/.local/state`.\n";
    let buf = screen(md, 50, 8);
    let shown = text(&buf);
    assert!(
        shown.contains("Warning") && !shown.contains("[!WARNING]"),
        "{shown}"
    );
    insta::assert_debug_snapshot!(buf);
}

#[test]
fn footnotes_are_markers_and_notes_at_the_end() {
    let md = "# Notes\n\nA claim[^src] and another[^2].\n\n- [x] checked\n- [ ] open\n\n[^src]: The source.\n[^2]: Second note.\n";
    let buf = screen(md, 50, 14);
    let shown = text(&buf);
    assert!(shown.contains("A claim¹ and another²."), "{shown}");
    assert!(!shown.contains("[^"), "{shown}");
    insta::assert_debug_snapshot!(buf);
}
