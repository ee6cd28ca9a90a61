//! Unit tests of the HTML renderer and page parsing.

use super::*;
use crate::document::{BlockKind, Inline};

fn blocks(html: &str) -> Vec<Block> {
    render_fragment(html).blocks
}

fn texts(html: &str) -> Vec<(BlockKind, String)> {
    blocks(html)
        .into_iter()
        .map(|b| (b.kind, b.text.to_string()))
        .collect()
}

#[test]
fn paragraphs_headings_and_whitespace() {
    let got = texts("<h2>Title  here</h2>\n<p>One\n  two <b>three</b></p><div>four</div>");
    assert_eq!(
        got,
        [
            (BlockKind::Heading(2), "Title here".into()),
            (BlockKind::Paragraph, "One two three".into()),
            (BlockKind::Paragraph, "four".into())
        ]
    );
}

#[test]
fn inline_tags_become_styles_and_links() {
    let b = &blocks(
        "<p><b>bold</b> <em>it</em> <del>gone</del> <code>x()</code> <kbd>Ctrl</kbd> \
         H<sub>2</sub>O E=mc<sup>2</sup> <mark>hi</mark> <u>un</u> \
         <a href=\"https://example.com/\">link</a> <a href=\"javascript:evil()\">js</a></p>",
    )[0];
    assert_eq!(b.text, "bold it gone x() Ctrl H2O E=mc2 hi un link js");
    assert_eq!(b.styled(Inline::STRONG), ["bold"]);
    assert_eq!(b.styled(Inline::EMPHASIS), ["it"]);
    assert_eq!(b.styled(Inline::STRIKE), ["gone"]);
    assert_eq!(b.styled(Inline::CODE), ["x()"]);
    assert_eq!(b.styled(Inline::KBD), ["Ctrl"]);
    assert_eq!(b.styled(Inline::SUBSCRIPT), ["2"]);
    assert_eq!(b.styled(Inline::SUPERSCRIPT), ["2"]);
    assert_eq!(b.styled(Inline::MARK), ["hi"]);
    assert_eq!(b.styled(Inline::UNDERLINE), ["un"]);
    assert_eq!(b.styled(Inline::LINK), ["link"]);
    assert_eq!(b.links().len(), 1);
    assert_eq!(b.links()[0].target, "https://example.com/");
    assert_eq!(&b.text[b.links()[0].byte_range.clone()], "link");
}

#[test]
fn scripts_styles_comments_forms_and_hidden_elements_are_not_shown() {
    let got = texts(
        "<p>a<!-- secret --><script>alert(1)</script><style>p{}</style>b</p>\
         <form><input value=x><button>Go</button><select><option>o</select></form>\
         <div hidden>hidden</div><div style=\"display: none\">none</div><template>t</template>\
         <noscript>enable js</noscript><svg><title>icon</title></svg><p>end</p>",
    );
    assert_eq!(
        got,
        [
            (BlockKind::Paragraph, "ab".into()),
            (BlockKind::Paragraph, "end".into())
        ]
    );
}

#[test]
#[allow(clippy::type_complexity)]
fn lists_quotes_code_and_rules() {
    let bs = blocks(
        "<ul><li>one<ul><li>inner</li></ul></li><li><p>two</p><p>more</p></li></ul>\
         <ol start=3><li>three</li></ol><blockquote><p>q1</p><p>q2</p></blockquote><hr>\
         <pre>\n  fn main() {\n\tx();\n  }\n</pre>",
    );
    let show: Vec<(String, Option<(u8, String)>, u8)> = bs
        .iter()
        .map(|b| {
            (
                b.text.to_string(),
                b.list().map(|l| (l.depth, l.marker.clone())),
                b.quote_depth,
            )
        })
        .collect();
    let item = |d: u8, m: &str| Some((d, m.to_string()));
    assert_eq!(
        show,
        [
            ("one".into(), item(0, "•"), 0),
            ("inner".into(), item(1, "◦"), 0),
            ("two".into(), item(0, "•"), 0),
            ("more".into(), item(0, ""), 0),
            ("three".into(), item(0, "3."), 0),
            ("q1".into(), None, 1),
            ("q2".into(), None, 1),
            (String::new(), None, 0),
            ("  fn main() {\n        x();\n  }".into(), None, 0),
        ]
    );
    assert_eq!(bs[7].kind, BlockKind::Rule);
    assert_eq!(bs[8].kind, BlockKind::Code);
}

#[test]
fn line_breaks_continue_the_paragraph_without_a_gap() {
    let bs = blocks("<p>Roses are red,<br>violets are blue.<br/><br>Sugar.</p>");
    let got: Vec<(&str, bool)> = bs.iter().map(|b| (b.text.as_str(), b.continues)).collect();
    assert_eq!(
        got,
        [
            ("Roses are red,", false),
            ("violets are blue.", true),
            ("Sugar.", true)
        ]
    );
}

#[test]
fn tables_draw_as_grids_and_layout_tables_as_content() {
    let bs = blocks(
        "<table><thead><tr><th>Name</th><th>Qty</th></tr></thead>\
         <tbody><tr><td>apple</td><td>3</td></tr><tr><td>kiwi <b>fruit</b></td><td>12</td></tr></tbody></table>",
    );
    assert_eq!(bs.len(), 1);
    assert_eq!(bs[0].kind, BlockKind::Table);
    let table = bs[0].table().expect("cells");
    let cells: Vec<Vec<&str>> = table
        .rows
        .iter()
        .map(|r| r.iter().map(|c| &bs[0].text[c.clone()]).collect())
        .collect();
    assert_eq!(
        cells,
        [
            vec!["Name", "Qty"],
            vec!["apple", "3"],
            vec!["kiwi fruit", "12"]
        ]
    );
    assert_eq!(table.header_rows, 1);
    let layout =
        texts("<table><tr><td><h2>Column one text.</h2></td><td><div>Two</div></td></tr></table>");
    assert_eq!(
        layout,
        [
            (BlockKind::Heading(2), "Column one text.".into()),
            (BlockKind::Paragraph, "Two".into())
        ]
    );
}

#[test]
fn images_figures_details_and_definitions() {
    let got = texts(
        "<figure><img src=a.png alt=\"A  cat\"></figure><figure><img alt=\"dup\"><figcaption>Fig. 1</figcaption></figure>\
         <p><a href=\"https://ci\"><img alt=\"build\"></a> <a href=\"https://crates\"><img alt=\"crates.io\"></a></p>\
         <details><summary>More</summary><p>Hidden detail.</p></details>\
         <dl><dt>Term</dt><dd>Meaning.</dd></dl><p><img src=\"x.png\"></p>",
    );
    assert_eq!(
        got,
        [
            (BlockKind::Paragraph, "A cat".into()),
            (BlockKind::Paragraph, "Fig. 1".into()),
            (BlockKind::Paragraph, "build crates.io".into()),
            (BlockKind::Paragraph, "▸ More".into()),
            (BlockKind::Paragraph, "Hidden detail.".into()),
            (BlockKind::Paragraph, "Term".into()),
            (BlockKind::Paragraph, "Meaning.".into()),
        ]
    );
    let badge = &blocks("<p><a href=\"https://ci\"><img alt=\"build\"></a></p>")[0];
    assert!(badge.runs().iter().all(|r| r.style.contains(Inline::DIM)));
}

#[test]
fn ids_become_anchors_and_the_first_h1_names_the_document() {
    let r = render_fragment(
        "<a name=\"top\"></a><h1 id=\"t\">Real  Title</h1><p id=\"p1\">x</p><h1>Second</h1><span id=\"end\"></span>",
    );
    assert_eq!(r.first_h1.as_deref(), Some("Real Title"));
    assert_eq!(r.blocks[0].anchors(), ["top", "t"]);
    assert_eq!(r.blocks[1].anchors(), ["p1"]);
    assert_eq!(r.blocks[2].anchors(), ["end"]);
}

#[test]
fn right_to_left_and_cjk_text_keep_their_characters() {
    let got = texts("<p dir=rtl>مرحبا   بالعالم</p><p>日本語の<b>文章</b>です。</p>");
    assert_eq!(got[0].1, "مرحبا بالعالم");
    assert_eq!(got[1].1, "日本語の文章です。");
}

#[test]
fn whole_page_and_article_modes() {
    let page = "<!doctype html><html><head><title>Page title</title></head><body>\
        <nav><a href=\"/\">Home</a> <a href=\"/about\">About</a></nav>\
        <article><h1>Page title</h1><p>Article paragraph one with enough words to be an article, \
        and it goes on for a while so that the readability scorer has something to score.</p>\
        <p>Another paragraph, with commas, clauses, and more words, because a real article has \
        several paragraphs of prose that hang together, one after another.</p></article>\
        <footer>Copyright footer</footer></body></html>";
    let (article, _) = parse_page(page.as_bytes(), false);
    assert_eq!(article.title, "Page title");
    let text: Vec<&str> = article.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(
        !text
            .iter()
            .any(|t| t.contains("Home") || t.contains("Copyright")),
        "{text:?}"
    );
    assert_eq!(
        text.iter().filter(|t| **t == "Page title").count(),
        1,
        "{text:?}"
    );
    let (whole, _) = parse_page(page.as_bytes(), true);
    let text: Vec<&str> = whole.blocks.iter().map(|b| b.text.as_str()).collect();
    assert!(text.iter().any(|t| t.contains("Home")) && text.contains(&"Copyright footer"));
}

#[test]
fn sniffing_recognises_pages_only_at_the_start() {
    use crate::document::{Format, sniff};
    assert_eq!(sniff(b"<!DOCTYPE html><p>"), Some(Format::Html));
    assert_eq!(sniff(b"\xEF\xBB\xBF\n  <html lang=en>"), Some(Format::Html));
    assert_eq!(
        sniff(b"<!-- c --><?xml version='1.0'?>\n<html>"),
        Some(Format::Html)
    );
    assert_eq!(sniff(b"<htmlx>"), None);
    assert_eq!(sniff(b"# Title\n<html>"), None);
    assert_eq!(sniff(b"plain text"), None);
}
