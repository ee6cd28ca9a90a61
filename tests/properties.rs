//! Property tests (RELIABILITY row 34): hostile documents driven by random keys, pastes, mouse
//! events and resizes through `App`, rendered to a `TestBackend` after every step.
//!
//! Each test runs a modest number of cases so the file stays fast in debug builds. For a long
//! campaign, raise the case count and build optimised:
//!
//! ```sh
//! PROPTEST_CASES=20000 cargo test --release --test properties
//! ```
//!
//! A failing case is shrunk and its seed is saved in `tests/properties.proptest-regressions`;
//! commit that file with the fix so the case is replayed first on every run.

use std::sync::OnceLock;

use lectern::app::{App, Effect};
use lectern::document::{Block, Document, Format};
use lectern::loader::{FILE_CAP, LoadEvent, Source, load_all};
use lectern::ui;
use proptest::prelude::*;
use proptest::sample::Index;
use proptest::test_runner::FileFailurePersistence;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyModifiers, MouseButton, MouseEvent, MouseEventKind,
};
use ratatui::layout::Rect;

/// Lines of the Big List of Naughty Strings (comments and blank lines dropped), or nothing when
/// the shared corpus is not checked out.
fn blns() -> &'static [String] {
    static LINES: OnceLock<Vec<String>> = OnceLock::new();
    LINES.get_or_init(|| {
        let path = concat!(env!("CARGO_MANIFEST_DIR"), "/../shared/corpus/blns.txt");
        if let Ok(bytes) = std::fs::read(path) {
            String::from_utf8_lossy(&bytes)
                .lines()
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_owned)
                .collect()
        } else {
            assert!(
                std::env::var_os("CI").is_none(),
                "{path} is missing under CI"
            );
            eprintln!("{path} absent: BLNS lines not used");
            Vec::new()
        }
    })
}

/// Hand-picked Unicode and terminal edge cases.
const EDGE: &[&str] = &[
    "中文字符测试，全角标点。",
    "日本語のテキストと漢字かな混じり文",
    "한국어 텍스트",
    "👩\u{200D}👩\u{200D}👧\u{200D}👦 family",
    "🏳\u{FE0F}\u{200D}🌈 flag 🇯🇵🇺🇳",
    "🏴\u{E0067}\u{E0062}\u{E0073}\u{E0063}\u{E0074}\u{E007F}",
    "Z\u{36B}\u{343}\u{36A}\u{302}\u{36B}\u{33D}\u{34F}\u{334}\u{319}\u{324}\u{31E}\u{349}\u{35A}\u{32F}\u{31E}\u{320}\u{34D}A\u{334}\u{335}\u{31C}\u{330}\u{354}L",
    "e\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}\u{301}",
    "\u{301}leading combining",
    "access\u{202E}\u{2066}// admin\u{2069}\u{2066}",
    "\u{200F}\u{200E}\u{061C}\u{2067}rtl\u{2069}",
    "שלום עולם مرحبا بالعالم",
    "\x1b[2J\x1b[H\x1b[31mred\x1b[0m",
    "\x1b]0;title\x07\x1b]52;c;ZXZpbA==\x07",
    "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
    "\u{9b}31m\u{9d}0;t\u{9c}\u{85}",
    "\x1bP+q544e\x1b\\\x1b[6n\x1b[c",
    "a\tb\t\tc\t中\td",
    "line\rover\r\nwritten\r",
    "\0\x01\x02\x7f\x08\x08\x08",
    "\u{FEFF}# BOM heading",
    "\u{200B}\u{2060}\u{FEFF}\u{E0041}\u{E0042}",
    "\u{FFFD}\u{FFFF}\u{10FFFF}",
    "word\u{00AD}soft\u{00AD}hyphen",
    "\u{3000}\u{3000}ideographic spaces",
    "# Heading\n\n## Sub\n\n### Deeper",
    "> > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > > deep",
    "| a | b |\n|---|:-:|\n| 中 | \x1b[1m |\n| x",
    "```\ncode\twith tab\n\x1b[31m\n```",
    "- item\n  - nested\n    - deeper\n- [x] done\n- [ ] todo",
    "1. one\n2. two\n10. ten",
    "[link](javascript:alert(1)) [ok](https://example.com/\x1b[2J) ![img](x.png)",
    "&#27;[2J &#x9b; &#8238; &amp;",
    "<script>alert(1)</script>\n<div>\n\x1b[2J\n</div>",
    "---\ntitle: \x1b[31mT\u{202E}\ndate: 2024-01-01\n---\n",
    "date 2024-01-11 Article \u{202E}title",
    "***\n---\n___",
    "supercalifragilisticexpialidocious_without_any_spaces_at_all_going_on_and_on",
];

/// Markup and separators placed between pieces.
const GLUE: &[&str] = &[
    "\n", "\n\n", " ", "\r\n", "\r\n\r\n", "\t", "\n> ", "\n- ", "\n# ", "\n```\n", "\n| ",
    "\n\n    ", "*", "**", "`", "~~", "[", "](", ")",
];

/// One piece of a document.
#[derive(Clone, Debug)]
enum Piece {
    Blns(Index),
    Edge(Index),
    Text(String),
    Bytes(Vec<u8>),
}

fn piece() -> impl Strategy<Value = Piece> {
    prop_oneof![
        3 => any::<Index>().prop_map(Piece::Blns),
        3 => any::<Index>().prop_map(Piece::Edge),
        2 => any::<String>().prop_map(Piece::Text),
        1 => prop::collection::vec(any::<u8>(), 0..64).prop_map(Piece::Bytes),
    ]
}

/// The raw bytes of a document, either fully arbitrary or assembled from pieces.
fn document_bytes() -> impl Strategy<Value = Vec<u8>> {
    prop_oneof![
        1 => prop::collection::vec(any::<u8>(), 0..2048),
        4 => prop::collection::vec((piece(), any::<Index>()), 0..40).prop_map(|parts| {
            let mut out = Vec::new();
            for (p, glue) in parts {
                match p {
                    Piece::Blns(i) => {
                        let lines = blns();
                        if !lines.is_empty() {
                            out.extend_from_slice(lines[i.index(lines.len())].as_bytes());
                        }
                    }
                    Piece::Edge(i) => out.extend_from_slice(i.get(EDGE).as_bytes()),
                    Piece::Text(s) => out.extend_from_slice(s.as_bytes()),
                    Piece::Bytes(b) => out.extend_from_slice(&b),
                }
                out.extend_from_slice(glue.get(GLUE).as_bytes());
            }
            out
        }),
    ]
}

/// One thing that happens to the app.
#[derive(Clone, Debug)]
enum Step {
    Key(KeyCode, KeyModifiers),
    Paste(String),
    Mouse(MouseEventKind, u16, u16),
    Resize(u16, u16),
    /// Deliver the next batch of blocks (or finish loading when none are left).
    Load,
}

const KEY_CHARS: &str = "jkgG{}[]/nN?tT<>=%0123456789qdu hlfbsc";

fn key() -> impl Strategy<Value = (KeyCode, KeyModifiers)> {
    let none = KeyModifiers::NONE;
    prop_oneof![
        8 => any::<Index>().prop_map(move |i| {
            let chars: Vec<char> = KEY_CHARS.chars().collect();
            (KeyCode::Char(*i.get(&chars)), none)
        }),
        1 => any::<char>().prop_map(move |c| (KeyCode::Char(c), none)),
        4 => prop::sample::select(vec![
            KeyCode::Enter,
            KeyCode::Esc,
            KeyCode::Tab,
            KeyCode::BackTab,
            KeyCode::Backspace,
            KeyCode::PageDown,
            KeyCode::PageUp,
            KeyCode::Home,
            KeyCode::End,
            KeyCode::Up,
            KeyCode::Down,
            KeyCode::Left,
            KeyCode::Right,
            KeyCode::Delete,
            KeyCode::F(1),
        ])
        .prop_map(move |c| (c, none)),
        2 => prop::sample::select(vec!['d', 'u', 'z', 'c', 'a', 'e', 'w'])
            .prop_map(|c| (KeyCode::Char(c), KeyModifiers::CONTROL)),
    ]
}

fn paste_text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<Index>().prop_map(|i| {
            let lines = blns();
            if lines.is_empty() {
                String::new()
            } else {
                lines[i.index(lines.len())].clone()
            }
        }),
        any::<Index>().prop_map(|i| (*i.get(EDGE)).to_owned()),
        any::<String>(),
        "[a-zA-Z ]{0,12}",
    ]
}

fn step() -> impl Strategy<Value = Step> {
    let mouse_kind = prop::sample::select(vec![
        MouseEventKind::ScrollDown,
        MouseEventKind::ScrollUp,
        MouseEventKind::Down(MouseButton::Left),
        MouseEventKind::Down(MouseButton::Right),
        MouseEventKind::Up(MouseButton::Left),
        MouseEventKind::Moved,
    ]);
    prop_oneof![
        12 => key().prop_map(|(c, m)| Step::Key(c, m)),
        2 => paste_text().prop_map(Step::Paste),
        3 => (mouse_kind, 0u16..=310, 0u16..=130).prop_map(|(k, x, y)| Step::Mouse(k, x, y)),
        2 => (0u16..=300, 0u16..=120).prop_map(|(w, h)| Step::Resize(w, h)),
        2 => Just(Step::Load),
    ]
}

/// A bidi control that must never reach a cell.
fn is_bidi_control(c: char) -> bool {
    matches!(
        c,
        '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'
    )
}

/// Carry out the effects the event loop would: analysis at once, suspend as a no-op resume.
fn run_effects(app: &mut App) {
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            Effect::Analyze(doc) => {
                let analysis = lectern::analysis::analyze(&doc);
                app.set_outline(analysis.outline);
                app.set_terms(analysis.terms);
            }
            Effect::Suspend => {
                let (w, h) = (app.screen.width, app.screen.height);
                app.resize(w, h);
            }
            // Saving, copying, notes in $EDITOR and exports are I/O the loop does; the state
            // they leave in the app is what is checked.
            Effect::Save(_) | Effect::Copy(_) | Effect::Export(_) => {}
            Effect::EditNote { index, text } => {
                app.memory.set_note(index, &format!("{text} edited"));
            }
        }
    }
}

/// Prepare and draw one frame, then check the screen and the state invariants.
fn frame_and_check(app: &mut App) -> Result<(), TestCaseError> {
    app.quit = false;
    run_effects(app);
    while app.has_work() {
        app.work(std::time::Duration::from_millis(20));
    }
    app.prepare();
    let (w, h) = (app.screen.width, app.screen.height);
    let mut term = Terminal::new(TestBackend::new(w, h)).expect("test backend");
    term.draw(|f| ui::render(app, f)).expect("draw");
    let buf = term.backend().buffer();
    for y in 0..buf.area.height {
        for x in 0..buf.area.width {
            let sym = buf[(x, y)].symbol();
            for c in sym.chars() {
                prop_assert!(
                    !c.is_control() && !is_bidi_control(c) && c != '\u{1b}',
                    "unclean cell ({x},{y}) {sym:?} on a {w}x{h} screen"
                );
            }
        }
    }

    let blocks = &app.doc().blocks;
    if blocks.is_empty() {
        prop_assert_eq!(app.viewport.top().block, 0);
    } else {
        prop_assert!(
            app.viewport.top().block < blocks.len(),
            "top {:?} of {}",
            app.viewport.top(),
            blocks.len()
        );
        let len = blocks[app.viewport.top().block].text.len();
        prop_assert!(
            app.viewport.top().byte <= len + 1,
            "top {:?}, text {len}",
            app.viewport.top()
        );
    }
    for line in &app.view.lines {
        let text = &blocks[line.block].text;
        prop_assert!(line.byte_range.end <= text.len());
        prop_assert!(text.get(line.byte_range.clone()).is_some());
    }
    if app.content.outline_ready {
        let nodes = app.content.outline.nodes.len();
        prop_assert!(
            app.side.toc.selected < nodes.max(1),
            "toc selected {} of {nodes}",
            app.side.toc.selected
        );
        prop_assert!(
            app.side.toc.offset < app.side.toc.rows.len().max(1),
            "toc offset {} of {} rows",
            app.side.toc.offset,
            app.side.toc.rows.len()
        );
        prop_assert!(app.side.toc.rows.iter().all(|&n| n < nodes));
        let terms = app.side.terms.terms.len();
        prop_assert!(app.side.terms.selected < terms.max(1));
    }
    Ok(())
}

fn load(bytes: Vec<u8>, markdown: bool) -> Vec<Block> {
    let format = if markdown {
        Format::Markdown
    } else {
        Format::Text
    };
    let (doc, _notices) = load_all(Source {
        reader: Box::new(std::io::Cursor::new(bytes)),
        size: None,
        cap: FILE_CAP,
        format,
        name: None,
        full_page: false,
    });
    doc.blocks
}

/// Drive an app with `steps`; with `streaming`, blocks arrive in batches at `Load` steps.
fn drive(
    blocks: Vec<Block>,
    streaming: bool,
    (w, h): (u16, u16),
    steps: Vec<Step>,
) -> Result<(), TestCaseError> {
    let screen = Rect::new(0, 0, w, h);
    let mut pending: Vec<Vec<Block>> = Vec::new();
    let mut app = if streaming {
        let mut rest = blocks;
        while !rest.is_empty() {
            let tail = rest.split_off(rest.len().min(3));
            pending.push(rest);
            rest = tail;
        }
        pending.reverse();
        App::new(Document::default(), screen)
    } else {
        App::loaded(
            Document {
                blocks,
                ..Document::default()
            },
            screen,
        )
    };
    let mut finished = !streaming;
    frame_and_check(&mut app)?;
    for step in steps {
        match step {
            Step::Key(code, mods) => app.key(KeyEvent::new(code, mods)),
            Step::Paste(text) => app.paste(&text),
            Step::Mouse(kind, column, row) => app.mouse(MouseEvent {
                kind,
                column,
                row,
                modifiers: KeyModifiers::NONE,
            }),
            Step::Resize(w, h) => app.resize(w, h),
            Step::Load => match pending.pop() {
                Some(batch) => app.load_event(LoadEvent::Blocks(batch)),
                None if !finished => {
                    finished = true;
                    app.load_event(LoadEvent::Done(Vec::new()));
                }
                None => {}
            },
        }
        frame_and_check(&mut app)?;
    }
    Ok(())
}

fn config() -> ProptestConfig {
    ProptestConfig {
        cases: 64,
        max_shrink_iters: 2048,
        // Integration tests have no lib.rs beside them: keep failures next to this file.
        failure_persistence: Some(Box::new(FileFailurePersistence::WithSource(
            "proptest-regressions",
        ))),
        ..ProptestConfig::default()
    }
}

proptest! {
    #![proptest_config(config())]

    /// Arbitrary documents, fully loaded, under random input and sizes.
    #[test]
    fn loaded_documents_survive_random_input(
        bytes in document_bytes(),
        markdown in any::<bool>(),
        w in 0u16..=300,
        h in 0u16..=120,
        steps in prop::collection::vec(step(), 0..40),
    ) {
        drive(load(bytes, markdown), false, (w, h), steps)?;
    }

    /// The same while the document is still arriving in batches.
    #[test]
    fn streamed_documents_survive_random_input(
        bytes in document_bytes(),
        markdown in any::<bool>(),
        w in 0u16..=300,
        h in 0u16..=120,
        steps in prop::collection::vec(step(), 0..40),
    ) {
        drive(load(bytes, markdown), true, (w, h), steps)?;
    }

    /// Small screens, where off-by-one errors in the layout of panels live.
    #[test]
    fn tiny_screens_survive_random_input(
        bytes in document_bytes(),
        markdown in any::<bool>(),
        w in 0u16..=24,
        h in 0u16..=8,
        steps in prop::collection::vec(step(), 0..30),
    ) {
        drive(load(bytes, markdown), false, (w, h), steps)?;
    }
}

/// Found by `streamed_documents_survive_random_input`: typing a search while no block has
/// arrived yet indexed `blocks[0]` of an empty document in `search::find_from`.
#[test]
fn incremental_search_before_any_block_arrives() {
    let mut app = App::new(Document::default(), Rect::new(0, 0, 80, 24));
    app.prepare();
    for c in ['/', 'j'] {
        app.key(KeyEvent::new(KeyCode::Char(c), KeyModifiers::NONE));
        app.prepare();
    }
}

/// Found by `loaded_documents_survive_random_input`: a paste drops C0/C1 controls but keeps bidi
/// controls, and the contents filter shows them raw in the side panel.
#[test]
fn pasted_bidi_controls_never_reach_the_screen() {
    for keys in [&[KeyCode::Tab][..], &[KeyCode::Char('/')][..]] {
        let mut app = App::loaded(Document::default(), Rect::new(0, 0, 60, 5));
        for &k in keys {
            app.key(KeyEvent::new(k, KeyModifiers::NONE));
        }
        app.paste("\u{202A}\u{202E}test\u{2066}");
        frame_and_check(&mut app).expect("clean screen");
        app.key(KeyEvent::new(KeyCode::Char('\u{202E}'), KeyModifiers::NONE));
        frame_and_check(&mut app).expect("clean screen");
    }
}
