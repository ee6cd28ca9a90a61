//! Rendered screens of HTML input on ratatui's `TestBackend`: the first screen of a web article
//! (title, byline, headings in the contents, inline styles, a list, a table).

use lectern::app::App;
use lectern::document::{Format, html};
use lectern::ui;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Rect;

const PAGE: &str = r#"<!DOCTYPE html><html><head><title>Lighthouses of the North</title>
<meta property="og:site_name" content="Coastal Review">
<meta name="author" content="Ingrid Holm"></head>
<body><nav><a href="/">Home</a> <a href="/shop">Shop</a></nav><article>
<h1>Lighthouses of the North</h1>
<p>For centuries the <em>lighthouses</em> of the northern coast kept sailors from the rocks,
and their keepers lived lonely lives on the edge of the sea, tending the lamp every night.</p>
<h2>The keepers</h2>
<p>Each keeper wrote a log of the <b>weather</b>, the ships that passed and the oil that burned;
many logs survive<sup>1</sup> in the <a href="https://example.org/archive">archives</a>.</p>
<ul><li>Fish oil until 1850</li><li>Paraffin until 1920</li></ul>
<h2>The lamps</h2>
<table><tr><th>Station</th><th>Lit</th></tr><tr><td>Skagen</td><td>1561</td></tr></table>
<p>The first lamps burned fish oil; later came paraffin, and at last electricity, which made
the keepers themselves unnecessary, one station after another.</p>
</article><footer>Copyright Example News</footer></body></html>"#;

fn text(app: &mut App) -> String {
    app.prepare();
    let mut term =
        Terminal::new(TestBackend::new(app.screen.width, app.screen.height)).expect("backend");
    term.draw(|f| ui::render(app, f)).expect("draw");
    let buf = term.backend().buffer().clone();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut line = String::new();
        for x in 0..buf.area.width {
            line.push_str(buf[(x, y)].symbol());
        }
        out.push_str(line.trim_end());
        out.push('\n');
    }
    out
}

#[test]
fn html_article_first_screen_80x24() {
    let (doc, notices) = html::parse_page(PAGE.as_bytes(), false);
    assert!(notices.is_empty(), "{notices:?}");
    let mut app = App::loaded(doc, Rect::new(0, 0, 80, 24));
    let screen = text(&mut app);
    assert!(
        !screen.contains("Shop") && !screen.contains("Copyright"),
        "{screen}"
    );
    insta::assert_snapshot!(screen);
}

#[test]
fn html_format_is_parsed_by_the_document_dispatcher() {
    let doc = lectern::document::parse(PAGE, Format::Html);
    assert_eq!(doc.title, "Lighthouses of the North");
}
