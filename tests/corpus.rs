//! The shared hostile corpus as a reader meets it: every line shows, search finds plain lines,
//! hand-laid-out text keeps its columns. Skipped (with a note) where the corpus is absent.

use lectern::app::App;
use lectern::document::sanitize::is_clean;
use lectern::document::{Document, Format};
use lectern::loader::{Source, load_all};
use lectern::search::{Matcher, Query, find_all};
use lectern::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

fn corpus(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).ok();
    if bytes.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{path} is missing under CI: the shared corpus must be there"
        );
        eprintln!("skipped: {path} is missing");
    }
    bytes
}

fn load(bytes: Vec<u8>) -> (Document, Vec<String>) {
    load_all(Source::bytes(bytes, Format::Text))
}

#[test]
fn every_plain_line_of_blns_is_found_by_search() {
    let Some(bytes) = corpus("blns.txt") else {
        return;
    };
    let text = String::from_utf8_lossy(&bytes).into_owned();
    let (doc, _) = load(bytes);
    let mut checked = 0;
    for line in text.lines() {
        let line = line.trim();
        // Comments, blank lines and lines that sanitizing changes (controls, bidi) are not plain.
        if line.is_empty() || line.starts_with('#') || !is_clean(line) || line.contains('\t') {
            continue;
        }
        let matcher = Matcher::new(&Query {
            text: line.to_string(),
            regex: false,
        })
        .expect("a literal query compiles");
        assert!(
            !find_all(&matcher, &doc).is_empty(),
            "search does not find {line:?}"
        );
        checked += 1;
    }
    assert!(checked > 400, "only {checked} plain lines");
}

#[test]
fn blns_renders_with_clean_cells_at_every_position() {
    let Some(bytes) = corpus("blns.txt") else {
        return;
    };
    let (doc, _) = load(bytes);
    let mut app = App::loaded(doc, Rect::new(0, 0, 100, 30));
    let mut term = Terminal::new(TestBackend::new(100, 30)).expect("backend");
    for _ in 0..60 {
        app.prepare();
        term.draw(|f| ui::render(&app, f)).expect("draw");
        for cell in term.backend().buffer().content() {
            assert!(
                !cell
                    .symbol()
                    .chars()
                    .any(|c| c.is_control() || ('\u{202a}'..='\u{202e}').contains(&c))
            );
        }
        app.apply(lectern::action::Action::PageDown, None);
    }
    assert_eq!(app.view.percent, 100, "paging reaches the end");
}

#[test]
fn utf8_stress_test_decodes_lossily_and_keeps_every_line() {
    let Some(bytes) = corpus("UTF-8-test.txt") else {
        return;
    };
    let expected_fffd = String::from_utf8_lossy(&bytes).matches('\u{fffd}').count();
    assert_eq!(expected_fffd, 379);
    let (doc, notices) = load(bytes);
    assert_eq!(
        notices.iter().filter(|n| n.contains("UTF-8")).count(),
        1,
        "{notices:?}"
    );
    let text: String = doc
        .blocks
        .iter()
        .map(|b| b.text.as_str())
        .collect::<Vec<_>>()
        .join("\n");
    assert_eq!(text.matches('\u{fffd}').count(), 379);
    assert!(text.contains("THE END"));
    // The test lines are laid out in columns ending in `|`: they are kept as lines.
    let bar_lines = text.lines().filter(|l| l.trim_end().ends_with('|')).count();
    assert!(
        bar_lines >= 200,
        "only {bar_lines} lines kept their closing bar"
    );
}

#[test]
fn utf8_demo_keeps_its_columns() {
    let Some(bytes) = corpus("UTF-8-demo.txt") else {
        return;
    };
    let source = String::from_utf8_lossy(&bytes).into_owned();
    let (doc, _) = load(bytes);
    // Every line drawn with box characters is kept as a line, exactly as written.
    let kept: std::collections::HashSet<&str> = doc
        .blocks
        .iter()
        .flat_map(|b| b.text.lines())
        .map(str::trim_end)
        .collect();
    let boxes: Vec<&str> = source
        .lines()
        .filter(|l| l.contains(['║', '╔', '╚', '╠', '┌', '└']))
        .map(str::trim_end)
        .collect();
    assert!(boxes.len() >= 10);
    for line in boxes {
        assert!(
            kept.contains(line) || kept.contains(line.trim_start()),
            "reflowed: {line:?}"
        );
    }
}

#[test]
fn moby_dick_key_terms_come_from_the_book_not_the_licence() {
    let Some(bytes) = corpus("moby-dick-2701-0.txt") else {
        return;
    };
    let (doc, _) = load(bytes);
    let terms = lectern::search::terms::key_terms(&doc, 30);
    let phrases: Vec<String> = terms.iter().map(|t| t.phrase.to_lowercase()).collect();
    assert!(phrases.iter().any(|p| p == "white whale"), "{phrases:?}");
    assert!(
        phrases.iter().all(|p| !p.contains("gutenberg")),
        "{phrases:?}"
    );
    // Counts are exact over the whole text: what `n` walks.
    let white = terms
        .iter()
        .find(|t| t.phrase.eq_ignore_ascii_case("white whale"))
        .expect("listed");
    assert_eq!(white.count, 107);
}
