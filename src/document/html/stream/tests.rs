//! Unit tests of the streaming renderer: on the same page it gives the same blocks as the tree
//! renderer, construct by construct, however the markup is broken.

use encoding_rs::UTF_8;

use super::super::{Block, BlockKind, parse_dom, render_dom, streamed_page};
use super::render_page;
use crate::document::html::render::Context;

fn page_target(href: &str) -> Option<String> {
    super::super::page_target(href)
}

/// The blocks of `body` (a page's body markup) rendered from a tree and from tokens.
fn both(body: &str) -> (Vec<Block>, Vec<Block>) {
    let page = format!("<!DOCTYPE html><html><head><title>T</title></head><body>{body}");
    let dom = parse_dom(&page);
    let root = dom.body().unwrap_or_else(|| dom.root());
    let tree = render_dom(&root).blocks;
    let cx = Context {
        anchor_prefix: "",
        resolve: &page_target,
    };
    let (streamed, title, _) = render_page(page.as_bytes(), UTF_8, &cx);
    assert_eq!(title.as_deref(), Some("T"));
    (tree, streamed.blocks)
}

/// Asserts the same blocks both ways (and that there are some); returns them.
fn same(body: &str) -> Vec<Block> {
    let (tree, streamed) = both(body);
    assert!(!tree.is_empty(), "nothing rendered from {body}");
    assert_eq!(tree, streamed, "rendering {body}");
    tree
}

fn texts(blocks: &[Block]) -> Vec<&str> {
    blocks.iter().map(|b| b.text.as_str()).collect()
}

#[test]
fn paragraphs_headings_styles_and_links() {
    let bs = same(
        "<h1 id=top>Title  <em>here</em></h1>\n<p>One &amp; two <b>bold <i>both</i></b> \
         <a href=\"https://example.com/\">a <code>link</code></a> <a href=\"javascript:x\">no</a>\
         H<sub>2</sub>O <mark>m</mark> <q>quoted</q> <span>plain</span></p>\
         <h2>Second</h2><div>a div<div>inside</div>after</div><h3>Third</h3>\
         <p><a href=\"/x\">Art &amp; design</a> Discover <!-- c -->Medium &lt;p&gt;</p>",
    );
    assert_eq!(bs[0].kind, BlockKind::Heading(1));
    assert_eq!(bs[1].links().len(), 1);
}

#[test]
fn paragraphs_that_are_never_closed() {
    same("<p>one<p>two <b>bold<p>still bold</b> plain<p>three<div>four</div>five<h2>h</h2>six");
    same("text</p>more</p><p>x</div>y</span>z");
}

#[test]
fn lists_with_implied_ends_and_nesting() {
    let bs = same(
        "<ul><li>one<li>two<ul><li>inner<li>inner two</ul><li>three<p>para</p></ul>\
         <ol start=4><li>four<li value=9>nine<li>ten</ol>\
         <dl><dt>Term<dd>Meaning<dt>Other<dd>Second meaning</dl>\
         <ul><li><p>a<li>b</ul><li>stray item",
    );
    assert!(texts(&bs).contains(&"inner two"));
}

#[test]
fn preformatted_text_keeps_its_lines() {
    same("<pre>\n  fn main() {\n\t<b>x</b>();<br>  }\n</pre><p>after</p><pre>a<pre>b</pre>c</pre>");
    same("<xmp><b>raw</b></xmp><listing>\nlisted</listing>");
}

#[test]
fn tables_with_implied_cells_and_rows() {
    let bs = same(
        "<table><caption>Cap</caption><thead><tr><th>Name<th>Qty</thead>\
         <tr><td>apple<td>3<tr><td>kiwi <b>fruit</b><td>12</table>\
         <table><td>no row<td>given</table><table><th>H<th>I<tr><td>1<td>2</table>",
    );
    assert!(bs.iter().any(|b| b.kind == BlockKind::Table));
    // Layout tables: a heading, a long cell, a nested table.
    same("<table><tr><td><h2>Col</h2><td><div>Two</div></table>");
    same(&format!(
        "<table><tr><td>{}</td></tr></table>",
        "long text ".repeat(60)
    ));
    same("<table><tr><td>outer<table><tr><td>inner</table>after</td></tr></table>");
    same("<table></table><table><tr></tr></table><p>after</p>");
}

#[test]
fn line_breaks_and_rules() {
    same("<p>Roses are red,<br>violets are blue.<br/><br>Sugar.</br>end</p><hr><p>x<hr>y</p>");
}

#[test]
fn hidden_and_skipped_elements_show_nothing() {
    let bs = same(
        "<p>a<!-- secret <p>no --><script>if (a</div>b) {document.write('<p>')}</script>\
         <style>p{}</style>b</p><form><input value=x><button>Go</button>\
         <select><option>o<option>p</select><textarea>t<p>t</textarea></form>\
         <div hidden>hidden<p>deep</div><div style=\"display: none\">none</div>\
         <template><p>t</p></template><noscript>enable js</noscript>\
         <svg><title>icon</title><path d=x /><style>.a{}</style></svg><iframe><p>frame</iframe>\
         <p>end</p>",
    );
    assert_eq!(texts(&bs), ["ab", "end"]);
}

#[test]
fn figures_images_and_details() {
    same(
        "<figure><img src=a.png alt=\"A  cat\"></figure>\
         <figure><img alt=dup><figcaption>Fig. 1</figcaption></figure>\
         <figure><figcaption>Before</figcaption><div><img alt=\"dup two\"></div></figure>\
         <p><a href=\"https://ci\"><img alt=build></a> <image alt=old></p>\
         <details><summary>More</summary><p>Hidden detail.</p></details>",
    );
}

#[test]
fn misnested_formatting_and_links() {
    same("<p><b>bold <i>both</b> italic</i> plain</p><p><a href=\"#a\">one<a href=\"#b\">two</a>");
    same("<p><a href=\"https://x\">link<div>block in link</div>after</a> out</p>");
    same("<div><b>x</div>y<p>z</b>w</p><em>e<li>item</em>f");
    same("<table><tr><td><b>cell</td><td>next</td></tr></table>after");
}

#[test]
fn text_between_table_rows_comes_before_the_table() {
    same("<table><tr><td>1</td></tr>stray<tr><td>2</td></tr></table>");
}

#[test]
fn anchors_and_the_first_heading() {
    let bs = same("<a name=top></a><h1 id=t>Real</h1><p id=p1>x</p><span id=end></span>");
    assert_eq!(bs[0].anchors(), ["top", "t"]);
}

#[test]
fn a_page_nested_100000_deep_streams_without_overflow() {
    let mut body = String::new();
    for i in 0..100_000 {
        body.push_str(if i % 2 == 0 { "<div>" } else { "<span>" });
    }
    body.push_str("deep text");
    for i in (0..100_000).rev() {
        body.push_str(if i % 2 == 0 { "</div>" } else { "</span>" });
    }
    body.push_str("<p>after</p>");
    assert_eq!(texts(&same(&body)), ["deep text", "after"]);
    let figures = "<figure>".repeat(100_000) + "<img alt=x>";
    same(&figures);
}

#[test]
fn pages_in_other_or_unknown_encodings() {
    let page =
        b"<!doctype html><meta charset=\"windows-1252\"><title>Caf\xe9</title><p>caf\xe9 \x93q\x94";
    let (doc, notices) = streamed_page(page);
    assert_eq!(doc.title, "Café");
    assert_eq!(doc.blocks[1].text, "café “q”");
    assert!(notices.is_empty(), "{notices:?}");
    let page = b"<!doctype html><meta charset=klingon><p>caf\xe9 ok</p>";
    let (doc, notices) = streamed_page(page);
    assert_eq!(doc.blocks[0].text, "caf\u{fffd} ok");
    assert_eq!(notices.len(), 2, "{notices:?}");
    assert!(notices[0].contains("klingon") && notices[1].contains("invalid UTF-8"));
}

#[test]
fn the_title_is_the_pages_title_else_its_first_heading() {
    let (doc, _) = streamed_page(b"<title> A \n title </title><h1>Head</h1><p>x");
    assert_eq!(doc.title, "A title");
    let (doc, _) = streamed_page(b"<body><svg><title>icon</title></svg><h1>Head</h1><p>x");
    assert_eq!(doc.title, "Head");
}
