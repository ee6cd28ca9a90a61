//! Rendered screens on ratatui's `TestBackend`: insta snapshots of what a reader sees.

use lectern::app::App;
use lectern::document::{self, Format};
use lectern::loader::{Source, load_all};
use lectern::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::buffer::Buffer;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Rect;

fn builtin(w: u16, h: u16) -> App {
    let (doc, _) = load_all(Source::builtin());
    App::loaded(doc, Rect::new(0, 0, w, h))
}

fn draw(app: &mut App) -> Buffer {
    app.prepare();
    let mut term =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).expect("test backend");
    term.draw(|f| ui::render(app, f)).expect("draw");
    term.backend().buffer().clone()
}

fn text(buf: &Buffer) -> String {
    let area = buf.area;
    let mut out = String::new();
    for y in 0..area.height {
        let mut line = String::new();
        for x in 0..area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

fn keys(app: &mut App, keys: &str) {
    for c in keys.chars() {
        let code = match c {
            '\n' => KeyCode::Enter,
            '\u{1b}' => KeyCode::Esc,
            '\t' => KeyCode::Tab,
            c => KeyCode::Char(c),
        };
        app.key(KeyEvent::new(code, KeyModifiers::NONE));
        while app.has_work() {
            app.work(std::time::Duration::from_millis(50));
        }
        app.prepare();
    }
}

#[test]
fn builtin_article_80x24() {
    let mut app = builtin(80, 24);
    insta::assert_snapshot!(text(&draw(&mut app)));
}

#[test]
fn builtin_article_120x40() {
    let mut app = builtin(120, 40);
    insta::assert_snapshot!(text(&draw(&mut app)));
}

#[test]
fn builtin_article_scrolled_to_a_section_120x40() {
    let mut app = builtin(120, 40);
    keys(&mut app, "]]");
    insta::assert_snapshot!(text(&draw(&mut app)));
}

#[test]
fn help_overlay_80x24() {
    let mut app = builtin(80, 24);
    keys(&mut app, "?");
    let screen = text(&draw(&mut app));
    assert!(screen.contains("Help"));
    insta::assert_snapshot!(screen);
}

#[test]
fn help_lists_every_binding_of_the_key_table_and_scrolls_to_all_of_it() {
    let mut app = builtin(120, 30);
    keys(&mut app, "?");
    let mut seen = String::new();
    let mut last = String::new();
    loop {
        let screen = text(&draw(&mut app));
        if screen == last {
            break;
        }
        seen.push_str(&screen);
        last = screen;
        keys(&mut app, " ");
    }
    assert!(last.contains("Esc closes"), "{last}");
    for b in lectern::keymap::BINDINGS {
        let start: String = b.help.split(' ').take(3).collect::<Vec<_>>().join(" ");
        assert!(seen.contains(&start), "help is missing {:?}", b.help);
    }
}

#[test]
fn narrow_terminal_40x12_hides_the_contents() {
    let mut app = builtin(40, 12);
    let screen = text(&draw(&mut app));
    assert!(!screen.contains("Contents"));
    insta::assert_snapshot!(screen);
}

#[test]
fn tiny_terminal_10x3_says_too_small() {
    let mut app = builtin(10, 3);
    let screen = text(&draw(&mut app));
    assert!(screen.contains("too small"));
    insta::assert_snapshot!(screen);
}

#[test]
fn every_size_renders_without_panic() {
    let (doc, _) = load_all(Source::builtin());
    for (w, h) in [
        (0, 0),
        (1, 1),
        (3, 2),
        (10, 3),
        (1, 200),
        (200, 1),
        (19, 5),
        (20, 5),
        (59, 20),
        (60, 20),
        (500, 500),
    ] {
        let mut app = App::loaded(doc.clone(), Rect::new(0, 0, w, h));
        let _ = draw(&mut app);
        keys(&mut app, "G?");
        let _ = draw(&mut app);
    }
}

#[test]
fn search_highlights_all_matches_and_the_current_one_with_styles() {
    let mut app = builtin(100, 30);
    keys(&mut app, "/peace\n");
    insta::assert_debug_snapshot!(draw(&mut app));
}

#[test]
fn search_in_cjk_highlights_the_right_columns() {
    let text_doc = "東京は日本の首都です。京都は古い都です。東京と京都は有名です。\n\n第二段落にも東京があります。";
    let doc = document::parse(text_doc, Format::Text);
    let mut app = App::loaded(doc, Rect::new(0, 0, 40, 10));
    keys(&mut app, "t/東京\n");
    insta::assert_debug_snapshot!(draw(&mut app));
}

#[test]
fn markdown_renders_headings_lists_quotes_and_code() {
    let md = "# Title\n\nSome *emphasis*, **strong** and `code` with a [link](https://example.com).\n\n## Lists\n\n- one\n- two\n  - nested\n\n1. first\n2. second\n\n> quoted text\n\n```\nfn main() {\n    println!(\"hi\");\n}\n```\n\n---\n\n| a | b |\n|---|---|\n| 1 | 2 |\n";
    let doc = document::parse(md, Format::Markdown);
    let mut app = App::loaded(doc, Rect::new(0, 0, 80, 30));
    insta::assert_snapshot!(text(&draw(&mut app)));
}

#[test]
fn hostile_text_shows_placeholders_and_no_control_cells() {
    let hostile = "bell\u{7} esc\u{1b}[2J osc\u{1b}]52;c;aGk=\u{7} c1\u{9b}31m bidi\u{202e}txet tab\there\r\nnext";
    let doc = document::parse(hostile, Format::Text);
    let mut app = App::loaded(doc, Rect::new(0, 0, 80, 12));
    let buf = draw(&mut app);
    for cell in buf.content() {
        for ch in cell.symbol().chars() {
            assert!(!ch.is_control(), "control {ch:?} in a cell");
            assert!(
                !('\u{202a}'..='\u{202e}').contains(&ch)
                    && !('\u{2066}'..='\u{2069}').contains(&ch)
            );
        }
    }
    let screen = text(&buf);
    assert!(screen.contains("␛[2J"), "{screen}");
    assert!(screen.contains("<U+202E>"), "{screen}");
}

/// The side panel's rows only.
fn side_panel(app: &App, buf: &Buffer) -> String {
    let Some(side) = app.view.areas.side else {
        return String::new();
    };
    let mut out = String::new();
    for y in side.y..side.bottom() {
        let mut line = String::new();
        for x in side.x..side.right() {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn contents_panel_of_the_builtin_article_folded_and_unfolded() {
    let mut app = builtin(120, 24);
    // Focus the contents and fold the section being read: every section is folded.
    keys(&mut app, "\th");
    let folded = {
        let buf = draw(&mut app);
        side_panel(&app, &buf)
    };
    assert_eq!(folded.matches('▸').count(), 5, "{folded}");
    insta::assert_snapshot!("contents_folded", folded);
    // Unfold the run section: its entries show what differs.
    keys(&mut app, "jjl");
    let unfolded = {
        let buf = draw(&mut app);
        side_panel(&app, &buf)
    };
    assert!(unfolded.contains("… lasting peace"), "{unfolded}");
    insta::assert_snapshot!("contents_unfolded", unfolded);
}

#[test]
fn contents_panel_of_the_commonmark_spec_shows_its_heading_tree() {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../shared/corpus/commonmark-spec-0.31.2.md"
    );
    let Ok(text) = std::fs::read_to_string(path) else {
        assert!(
            std::env::var_os("CI").is_none(),
            "{path} is missing under CI"
        );
        eprintln!("skipped: {path} is missing");
        return;
    };
    let doc = document::parse(&text, Format::Markdown);
    let mut app = App::loaded(doc, Rect::new(0, 0, 120, 50));
    let panel = {
        let buf = draw(&mut app);
        side_panel(&app, &buf)
    };
    assert!(panel.contains("Introduction"), "{panel}");
    assert!(!panel.contains("```"), "{panel}");
    insta::assert_snapshot!(panel);
}

#[test]
fn contents_filter_keeps_matching_entries_and_their_sections() {
    let mut app = builtin(120, 40);
    keys(&mut app, "\t/peace");
    let panel = {
        let buf = draw(&mut app);
        side_panel(&app, &buf)
    };
    assert!(panel.contains("/peace"), "{panel}");
    assert!(panel.contains("… lasting peace"), "{panel}");
    assert!(!panel.contains("The Communist Party"), "{panel}");
    keys(&mut app, "\u{1b}");
    let cleared = {
        let buf = draw(&mut app);
        side_panel(&app, &buf)
    };
    assert!(cleared.contains("The Communist Party"), "{cleared}");
}

#[test]
fn contents_filter_matches_the_labels_of_paragraph_entries() {
    let mut app = builtin(120, 40);
    keys(&mut app, "\t/worldview");
    let panel = {
        let buf = draw(&mut app);
        side_panel(&app, &buf)
    };
    assert!(panel.contains("¶3 It reflects the"), "{panel}");
    assert!(
        panel.contains("The Communist Party"),
        "its section: {panel}"
    );
    assert!(!panel.contains("Countries should"), "{panel}");
}

#[test]
fn search_counts_show_in_the_contents_and_dim_sections_without_matches() {
    let mut app = builtin(120, 40);
    keys(&mut app, "/farewell\n");
    let buf = draw(&mut app);
    let panel = side_panel(&app, &buf);
    // "bidding farewell" occurs three times, all in the run section (§3).
    let row = panel
        .lines()
        .find(|l| l.contains("3 Countries"))
        .unwrap_or_default();
    assert!(
        row.trim_end_matches('│').trim_end().ends_with('3'),
        "{panel}"
    );
    let side = app.view.areas.side.expect("side panel");
    let first_row_y = side.y + 1;
    let label_x = side.x + 5;
    assert_eq!(
        buf[(label_x, first_row_y)].fg,
        ratatui::style::Color::DarkGray,
        "a section without matches is dimmed"
    );
}

/// The distinct styles on screen, each with where it first appears and how many cells use it:
/// a compact picture of a theme that a snapshot can hold.
fn style_summary(buf: &Buffer) -> String {
    let mut seen: Vec<(ratatui::style::Style, (u16, u16), String, usize)> = Vec::new();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            let style = cell.style();
            match seen.iter_mut().find(|s| s.0 == style) {
                Some(s) => s.3 += 1,
                None => seen.push((style, (x, y), cell.symbol().to_string(), 1)),
            }
        }
    }
    seen.iter()
        .map(|(style, (x, y), sym, n)| {
            format!(
                "{x:>3},{y:<3} {sym:?} ×{n:<5} fg={:?} bg={:?} +{:?} -{:?}\n",
                style.fg, style.bg, style.add_modifier, style.sub_modifier
            )
        })
        .collect()
}

/// The built-in article with a search, in a theme.
fn themed(theme: lectern::theme::Theme) -> Buffer {
    let mut app = builtin(100, 30);
    app.theme = theme;
    keys(&mut app, "/peace\n");
    draw(&mut app)
}

#[test]
fn themes_dark_light_high_contrast_and_no_color() {
    use lectern::config::{Palette, ThemeName};
    use lectern::theme::Theme;
    let dark = themed(Theme::dark());
    let light = themed(Theme::from_palette(&Palette::LIGHT));
    let mut hc = Theme::from_palette(&Palette::HIGH_CONTRAST);
    hc.focused_border_type = ratatui::widgets::BorderType::Thick;
    let high = themed(hc);
    let none = themed(Theme::no_color());
    assert_eq!(text(&dark), text(&light), "themes change colours, not text");
    insta::assert_snapshot!("theme_dark", style_summary(&dark));
    insta::assert_snapshot!("theme_light", style_summary(&light));
    insta::assert_snapshot!("theme_high_contrast", style_summary(&high));
    insta::assert_snapshot!("theme_no_color", style_summary(&none));
    let _ = ThemeName::Auto;
}

#[test]
fn justified_indented_paragraphs_fill_the_column() {
    let mut app = builtin(100, 30);
    let mut config = lectern::config::Config::defaults();
    config.reading.justify = true;
    config.reading.paragraphs = lectern::config::ParagraphStyle::Indent;
    config.reading.column_width = 60;
    app.configure(&config);
    let buf = draw(&mut app);
    insta::assert_snapshot!("justified_100x30", text(&buf));
}

#[test]
fn the_note_being_written_shows_in_the_status_bar_with_its_cursor() {
    let mut app = builtin(100, 30);
    app.memory.install(None, lectern::state::DocInfo::default());
    // Select the first sentence at the top, highlight it with a note, type into the note.
    keys(&mut app, "}}va");
    keys(&mut app, "hello");
    let buf = draw(&mut app);
    let screen = text(&buf);
    let status = screen.lines().last().unwrap_or_default();
    assert!(
        status.starts_with(" note: hello") && status.contains("Enter keeps"),
        "{status}"
    );
    // The cursor cell after the text is drawn in the selection style.
    let x = u16::try_from(" note: hello".chars().count()).expect("fits");
    let reversed = |x: u16| {
        buf[(x, 29)]
            .modifier
            .contains(ratatui::style::Modifier::REVERSED)
    };
    assert!(reversed(x), "the cursor cell is marked");
    assert!(!reversed(x - 1), "only the cursor cell");
    keys(&mut app, "\n");
    assert_eq!(app.memory.highlights()[0].note, "hello");
    let status = text(&draw(&mut app))
        .lines()
        .last()
        .unwrap_or_default()
        .to_owned();
    assert!(status.contains("note saved"), "{status}");
}

#[test]
fn superscripts_and_subscripts_are_drawn_raised_and_lowered() {
    let md = "# Units\n\nE = mc<sup>2</sup>, water is H<sub>2</sub>O, the 1<sup>st</sup> \
              note<sup>[q]</sup> and a footnote.[^1]\n\n[^1]: The note.\n";
    let doc = document::parse(md, Format::Markdown);
    let mut app = App::loaded(doc, Rect::new(0, 0, 100, 20));
    let screen = text(&draw(&mut app));
    assert!(
        screen.contains("E = mc², water is H₂O, the 1ˢᵗ"),
        "{screen}"
    );
    // No superscript q exists: that run is drawn as it is, not half raised.
    assert!(screen.contains("note[q]"), "{screen}");
    assert!(screen.contains("footnote.¹"), "{screen}");
    // The text itself is unchanged: search and copy see the digits.
    assert!(app.doc().blocks.iter().any(|b| b.text.contains("mc2")));
}

#[test]
fn a_plain_text_is_named_by_its_front_matter_not_its_file_name() {
    let dir = tempfile::tempdir().expect("temp dir");
    let path = dir.path().join("civil.txt");
    let body = "It is a melancholy object to those who walk through this great town, or travel in the country, when they see the streets crowded with beggars.";
    std::fs::write(
        &path,
        format!(
            "On the Duty of Civil Disobedience\n\nby Henry David Thoreau\n\n{body}\n\n{body}\n"
        ),
    )
    .expect("write");
    let named = || Source {
        name: Some("civil.txt".to_owned()),
        ..Source::file(&path, Format::Text).expect("open")
    };
    let (doc, _) = load_all(named());
    assert!(doc.title_is_name, "{:?}", doc.title);
    let mut app = App::loaded(doc, Rect::new(0, 0, 100, 20));
    let screen = text(&draw(&mut app));
    let top = screen.lines().next().unwrap_or_default();
    assert!(top.contains("On the Duty of Civil Disobedience"), "{top}");
    assert!(!screen.contains("civil.txt"), "{screen}");
    // A file whose text names nothing keeps its file name.
    std::fs::write(&path, format!("{body}\n\n{body}\n")).expect("write");
    let (doc, _) = load_all(named());
    let mut app = App::loaded(doc, Rect::new(0, 0, 100, 20));
    assert!(text(&draw(&mut app)).contains("civil.txt"));
}
