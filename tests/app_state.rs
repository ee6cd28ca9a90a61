//! State updates behind each key, on the built-in article and generated documents (no terminal).

use lectern::action::Action;
use lectern::app::{App, Focus, SideView};
use lectern::document::{Block, BlockKind, Document};
use lectern::layout::Pos;
use lectern::loader::{LoadEvent, Source, load_all};
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn builtin(w: u16, h: u16) -> App {
    let (doc, _) = load_all(Source::builtin());
    App::loaded(doc, Rect::new(0, 0, w, h))
}

fn generated(paragraphs: usize, w: u16, h: u16) -> App {
    let blocks = (0..paragraphs)
        .map(|i| Block::new(BlockKind::Paragraph, format!("Paragraph {i} says something about item {i} and then a little more text to wrap.")))
        .collect();
    App::loaded(
        Document {
            title: "gen".into(),
            date: None,
            blocks,
            ..Document::default()
        },
        Rect::new(0, 0, w, h),
    )
}

fn press(app: &mut App, keys: &str) {
    for c in keys.chars() {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.prepare();
    }
}

fn code(app: &mut App, code: KeyCode, mods: KeyModifiers) {
    app.key(KeyEvent::new(code, mods));
    app.prepare();
}

fn first_text(app: &App) -> String {
    let line = &app.view.lines[0];
    app.doc().blocks[line.block].text[line.byte_range.clone()].to_string()
}

#[test]
fn j_and_k_scroll_one_line_and_counts_repeat() {
    let mut app = builtin(120, 40);
    let start = app.viewport.top();
    press(&mut app, "j");
    let one = app.viewport.top();
    assert!(one > start);
    press(&mut app, "k");
    assert_eq!(app.viewport.top(), start);
    press(&mut app, "5j");
    let five = app.viewport.top();
    let mut again = builtin(120, 40);
    press(&mut again, "jjjjj");
    assert_eq!(five, again.viewport.top());
    assert_eq!(app.count, None, "the count is consumed");
}

#[test]
fn g_and_shift_g_go_to_the_ends_and_stay_in_range() {
    let mut app = builtin(80, 24);
    press(&mut app, "G");
    assert_eq!(app.view.percent, 100);
    let last_block = app.doc().blocks.len() - 1;
    assert!(app.view.lines.iter().any(|l| l.block == last_block));
    press(&mut app, "j");
    let bottom = app.viewport.top();
    press(&mut app, "jjjj");
    assert_eq!(app.viewport.top(), bottom, "cannot scroll past the end");
    press(&mut app, "g");
    assert_eq!(app.viewport.top(), Pos::default());
    press(&mut app, "kkk");
    assert_eq!(app.viewport.top(), Pos::default());
}

#[test]
fn percent_jumps_proportionally() {
    let mut app = generated(1000, 80, 24);
    press(&mut app, "50%");
    let block = app.viewport.top().block;
    assert!((480..=520).contains(&block), "50% landed on block {block}");
    press(&mut app, "0%");
    assert_eq!(app.viewport.top(), Pos::default());
}

#[test]
fn paragraph_jumps_land_on_block_starts() {
    let mut app = builtin(120, 40);
    press(&mut app, "}");
    let first = app.viewport.top();
    assert_eq!(first.byte, 0);
    press(&mut app, "}}");
    assert_eq!(app.viewport.top().block, first.block + 2);
    press(&mut app, "j{");
    assert_eq!(app.viewport.top(), Pos::block_start(first.block + 2));
    press(&mut app, "{");
    assert_eq!(app.viewport.top(), Pos::block_start(first.block + 1));
}

#[test]
fn page_keys_move_by_about_a_screen() {
    let mut app = generated(500, 80, 24);
    let height = usize::from(app.view.areas.text.height);
    let before = first_text(&app);
    code(&mut app, KeyCode::PageDown, KeyModifiers::NONE);
    assert_ne!(first_text(&app), before);
    code(&mut app, KeyCode::PageUp, KeyModifiers::NONE);
    assert_eq!(first_text(&app), before);
    code(&mut app, KeyCode::Char('d'), KeyModifiers::CONTROL);
    let half = app.viewport.top();
    let mut lines = generated(500, 80, 24);
    for _ in 0..height / 2 {
        press(&mut lines, "j");
    }
    assert_eq!(half, lines.viewport.top());
}

#[test]
fn tab_t_and_column_width_keys() {
    let mut app = builtin(120, 40);
    assert!(app.view.areas.side.is_some());
    code(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.side.focus, Focus::Side);
    code(&mut app, KeyCode::Tab, KeyModifiers::NONE);
    assert_eq!(app.side.focus, Focus::Article);
    press(&mut app, "t");
    assert!(app.view.areas.side.is_none());
    press(&mut app, "t");
    assert!(app.view.areas.side.is_some());
    let width = app.view.areas.text.width;
    press(&mut app, "<");
    assert!(app.view.areas.text.width < width);
    press(&mut app, "=");
    assert_eq!(app.view.areas.text.width, width);
    press(&mut app, "T");
    assert_eq!(app.side.view, SideView::Terms);
}

#[test]
fn help_opens_and_any_key_closes_it_and_q_quits() {
    let mut app = builtin(80, 24);
    press(&mut app, "?");
    assert!(app.help.open);
    press(&mut app, "q");
    assert!(!app.help.open);
    assert!(!app.quit, "q closes the help first");
    press(&mut app, "q");
    assert!(app.quit);
    let mut ctrl = builtin(80, 24);
    code(&mut ctrl, KeyCode::Char('c'), KeyModifiers::CONTROL);
    assert!(ctrl.quit);
}

#[test]
fn resize_keeps_the_same_text_at_the_top() {
    let mut app = builtin(120, 40);
    press(&mut app, "}}}jj");
    let top = app.viewport.top();
    let words: Vec<String> = first_text(&app)
        .split_whitespace()
        .take(2)
        .map(String::from)
        .collect();
    app.resize(60, 20);
    app.prepare();
    app.resize(200, 50);
    app.prepare();
    assert_eq!(app.viewport.top().block, top.block);
    let shown = first_text(&app);
    for w in &words {
        assert!(shown.contains(w.as_str()), "{shown:?} lost {w:?}");
    }
}

#[test]
fn bottom_while_loading_follows_the_end() {
    let mut app = App::new(Document::default(), Rect::new(0, 0, 80, 24));
    app.load_event(LoadEvent::Blocks(
        (0..10)
            .map(|i| Block::new(BlockKind::Paragraph, format!("early {i}")))
            .collect(),
    ));
    app.prepare();
    press(&mut app, "G");
    assert!(app.viewport.follow_end);
    app.load_event(LoadEvent::Blocks(
        (0..100)
            .map(|i| Block::new(BlockKind::Paragraph, format!("late {i}")))
            .collect(),
    ));
    app.prepare();
    let last = app.doc().blocks.len() - 1;
    assert!(app.view.lines.iter().any(|l| l.block == last));
    app.load_event(LoadEvent::Done(Vec::new()));
    app.prepare();
    assert_eq!(app.view.percent, 100);
}

#[test]
fn a_count_before_a_section_key_moves_that_many_sections() {
    let mut one_by_one = builtin(120, 40);
    press(&mut one_by_one, "]]]");
    let mut counted = builtin(120, 40);
    press(&mut counted, "3]");
    assert_eq!(counted.viewport.top(), one_by_one.viewport.top());
    assert_eq!(
        counted.view.current_section,
        one_by_one.view.current_section
    );
    assert!(counted.viewport.top() > builtin(120, 40).viewport.top());
    press(&mut counted, "2[");
    press(&mut one_by_one, "[[");
    assert_eq!(counted.viewport.top(), one_by_one.viewport.top());
    // Past the last section the status bar says so.
    press(&mut counted, "99]");
    assert_eq!(counted.messages.current(), Some("no next section"));
}

#[test]
fn section_keys_step_through_the_sections_under_a_single_title_heading() {
    let mut md = String::from("# Title\n\nIntro.\n\n");
    for name in ["One", "Two", "Three"] {
        md += "## ";
        md += name;
        md += "\n\n";
        for i in 0..12 {
            md += &[name, " paragraph ", &i.to_string(), ".\n\n"].concat();
        }
    }
    let (doc, _) = load_all(Source::bytes(
        md.into_bytes(),
        lectern::document::Format::Markdown,
    ));
    let mut app = App::loaded(doc, Rect::new(0, 0, 100, 12));
    let heading = |app: &App| {
        app.view
            .current_section
            .map(|i| app.content.outline.nodes[i].label.clone())
    };
    assert_eq!(heading(&app).as_deref(), Some("Title"));
    press(&mut app, "]");
    assert_eq!(
        heading(&app).as_deref(),
        Some("One"),
        "] from the title goes to its first section"
    );
    press(&mut app, "]");
    assert_eq!(heading(&app).as_deref(), Some("Two"));
    press(&mut app, "[");
    assert_eq!(heading(&app).as_deref(), Some("One"));
    press(&mut app, "[");
    assert_eq!(heading(&app).as_deref(), Some("Title"));
}

#[test]
fn auto_scroll_keys_adjust_it_digits_pass_and_any_other_key_stops_it() {
    let mut app = builtin(120, 40);
    press(&mut app, "a");
    assert!(app.pacing.scrolling());
    press(&mut app, "+");
    assert!(app.pacing.scrolling(), "+ only changes the speed");
    assert!(
        app.messages
            .current()
            .is_some_and(|m| m.contains("words/min"))
    );
    press(&mut app, "5");
    assert!(app.pacing.scrolling(), "a count digit does not stop it");
    let before = app.viewport.top();
    press(&mut app, "j");
    assert!(!app.pacing.scrolling());
    assert_eq!(app.messages.current(), Some("auto-scroll stopped"));
    assert!(
        app.viewport.top() > before,
        "the key that stopped it still scrolls (5j)"
    );
    press(&mut app, "a");
    press(&mut app, "a");
    assert!(
        !app.pacing.scrolling(),
        "a again stops it and does nothing else"
    );
}

#[test]
fn tiny_and_huge_sizes_never_panic() {
    for (w, h) in [
        (0, 0),
        (1, 1),
        (3, 2),
        (10, 3),
        (1, 200),
        (500, 500),
        (20, 5),
    ] {
        let mut app = builtin(w, h);
        press(&mut app, "jG}{[]gq");
        app.apply(Action::PageDown, Some(3));
        app.prepare();
    }
}

#[test]
fn more_than_65535_lines_scroll_to_the_end() {
    // 40 000 paragraphs at 40 columns wrap to well over 65 535 screen lines.
    let blocks = (0..40_000)
        .map(|i| {
            Block::new(
                BlockKind::Paragraph,
                format!("line {i} with enough words to wrap once"),
            )
        })
        .collect();
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let mut app = App::loaded(doc, Rect::new(0, 0, 40, 24));
    press(&mut app, "G");
    assert_eq!(app.view.percent, 100);
    assert!(app.view.lines.iter().any(|l| l.block == 39_999));
    let (start, len) = app.view.thumb;
    assert_eq!(start + len, usize::from(app.view.areas.scrollbar.height));
    press(&mut app, "50%");
    assert!((19_000..=21_000).contains(&app.viewport.top().block));
}

#[test]
fn mouse_wheel_scrolls_the_panel_under_the_pointer_and_a_click_jumps() {
    use ratatui::crossterm::event::{MouseButton, MouseEvent, MouseEventKind};
    let mut app = builtin(120, 40);
    let mouse = |kind, column, row| MouseEvent {
        kind,
        column,
        row,
        modifiers: KeyModifiers::NONE,
    };
    let article = app.view.areas.article;
    let start = app.viewport.top();
    app.mouse(mouse(
        MouseEventKind::ScrollDown,
        article.x + 10,
        article.y + 5,
    ));
    app.prepare();
    assert!(
        app.viewport.top() > start,
        "the wheel over the article scrolls it"
    );
    app.mouse(mouse(
        MouseEventKind::ScrollUp,
        article.x + 10,
        article.y + 5,
    ));
    app.prepare();
    assert_eq!(app.viewport.top(), start);
    // A click on the third section's row in the contents jumps to it.
    let side = app.view.areas.side.expect("contents panel");
    let row = app
        .side
        .toc
        .rows
        .iter()
        .position(|&n| {
            app.content.outline.nodes[n]
                .label
                .starts_with("Countries should build")
        })
        .expect("the run section is listed");
    let y = side.y + 1 + u16::try_from(row - app.side.toc.offset).expect("row fits");
    app.mouse(mouse(
        MouseEventKind::Down(MouseButton::Left),
        side.x + 5,
        y,
    ));
    app.prepare();
    let text = &app.doc().blocks[app.viewport.top().block].text;
    assert!(
        text.starts_with("Countries should build a world of lasting peace"),
        "{text}"
    );
    // The wheel over the contents scrolls the contents, not the article.
    let top = app.viewport.top();
    app.mouse(mouse(MouseEventKind::ScrollDown, side.x + 5, side.y + 3));
    app.prepare();
    assert_eq!(app.viewport.top(), top);
}

#[test]
fn big_g_while_loading_ends_at_the_true_end_even_when_the_rest_arrives_at_once() {
    let para = |i: usize| {
        Block::new(
            BlockKind::Paragraph,
            format!("Paragraph {i} of a long load."),
        )
    };
    let mut app = App::new(Document::default(), Rect::new(0, 0, 80, 24));
    app.load_event(LoadEvent::Blocks((0..50).map(para).collect()));
    app.prepare();
    press(&mut app, "G");
    assert!(app.viewport.follow_end, "following the end while loading");
    // The rest and the end of loading arrive before the next frame.
    app.load_event(LoadEvent::Blocks((50..5000).map(para).collect()));
    app.load_event(LoadEvent::Done(Vec::new()));
    app.prepare();
    let last = app.doc().blocks.len() - 1;
    assert!(
        app.view.lines.iter().any(|l| l.block == last),
        "the last paragraph is on screen"
    );
    assert_eq!(app.view.percent, 100);
}
