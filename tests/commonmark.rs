//! Every example of the `CommonMark` spec (0.31.2, in the shared corpus) read through lectern: the
//! visible text of the spec's expected HTML must appear in lectern's plain output, in order, with
//! nothing left over but lectern's own furniture (list markers, quote bars, rules, `[image: …]`).
//! No Markdown syntax and no raw HTML may show.
//!
//! Examples whose Markdown holds raw HTML (pulldown-cmark gives `Html`/`InlineHtml` events) are
//! rendered by the HTML renderer and held to the same check. Examples that lectern renders
//! differently on purpose are listed in [`ON_PURPOSE`] with the reason.

use std::fmt::Write as _;

use lectern::document::markdown;
use lectern::plain_output::render_text;
use pulldown_cmark::{Event, Options, Parser};

/// Examples rendered differently on purpose: (number, reason). lectern reads GitHub-flavoured
/// Markdown, so a few `CommonMark` examples mean something else there.
const ON_PURPOSE: &[(usize, &str)] = &[
    (
        182,
        "`<?php … ?>` is a processing instruction that HTML parsers (browsers and lectern's) end at \
         the first `>`, so `'; ?>` shows as text, as a browser shows it",
    ),
    (
        618,
        "the `<em>\"</em>` sits inside an attribute value, so nothing of it is visible (a browser \
         shows nothing either); this test's tag stripper counts its `\"` as text",
    ),
];

/// Lectern's own marks that may appear between the expected words.
fn is_furniture(token: &str) -> bool {
    let rest: String = token
        .chars()
        .filter(|c| !"│─┼╌•◦▪☐☑↩⁰¹²³⁴⁵⁶⁷⁸⁹".contains(*c))
        .collect();
    rest.is_empty()
        || rest == "[image:"
        || rest == "]"
        || (rest.ends_with('.') && rest[..rest.len() - 1].bytes().all(|b| b.is_ascii_digit()))
}

struct Example {
    number: usize,
    markdown: String,
    html: String,
}

fn examples(spec: &str) -> Vec<Example> {
    let fence = format!("{} example", "`".repeat(32));
    let close = "`".repeat(32);
    let mut out = Vec::new();
    let mut lines = spec.lines();
    while let Some(line) = lines.next() {
        if line != fence {
            continue;
        }
        let (mut md, mut html, mut in_html) = (String::new(), String::new(), false);
        for l in lines.by_ref() {
            if l == close {
                break;
            }
            if l == "." && !in_html {
                in_html = true;
                continue;
            }
            let target = if in_html { &mut html } else { &mut md };
            target.push_str(&l.replace('→', "\t"));
            target.push('\n');
        }
        out.push(Example {
            number: out.len() + 1,
            markdown: md,
            html,
        });
    }
    out
}

/// Decode the entities cmark writes (`&amp;` `&lt;` `&gt;` `&quot;`, numeric ones).
fn decode(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(amp) = rest.find('&') {
        out.push_str(&rest[..amp]);
        rest = &rest[amp..];
        let Some(semi) = rest.find(';').filter(|&s| s < 12) else {
            out.push('&');
            rest = &rest[1..];
            continue;
        };
        let name = &rest[1..semi];
        let decoded = match name {
            "amp" => Some('&'),
            "lt" => Some('<'),
            "gt" => Some('>'),
            "quot" => Some('"'),
            _ => name
                .strip_prefix("#x")
                .or_else(|| name.strip_prefix("#X"))
                .and_then(|h| u32::from_str_radix(h, 16).ok())
                .or_else(|| name.strip_prefix('#').and_then(|d| d.parse().ok()))
                .and_then(char::from_u32),
        };
        if let Some(c) = decoded {
            out.push(c);
            rest = &rest[semi + 1..];
        } else {
            out.push('&');
            rest = &rest[1..];
        }
    }
    out.push_str(rest);
    out
}

/// The text a browser shows for the expected HTML: text outside tags, image alt text; comments,
/// processing instructions, declarations and script/style content hidden.
fn visible_text(html: &str) -> String {
    let mut out = String::new();
    let mut rest = html;
    let mut hidden: Option<&str> = None;
    while let Some(lt) = rest.find('<') {
        if hidden.is_none() {
            out.push_str(&decode(&rest[..lt]));
        }
        rest = &rest[lt..];
        let end_marker = if rest.starts_with("<!--") {
            "-->"
        } else if rest.starts_with("<![CDATA[") {
            "]]>"
        } else if rest.starts_with("<?") {
            "?>"
        } else {
            ">"
        };
        let end = rest
            .find(end_marker)
            .map_or(rest.len(), |e| e + end_marker.len());
        let tag = rest[..end].to_ascii_lowercase();
        if let Some(h) = hidden {
            if tag.starts_with(&format!("</{h}")) {
                hidden = None;
            }
        } else if let Some(name) = ["script", "style", "textarea"]
            .into_iter()
            .find(|n| tag.starts_with(&format!("<{n}")))
        {
            hidden = Some(name);
        } else if tag.starts_with("<img") {
            if let Some(a) = rest[..end].find("alt=\"") {
                let value = &rest[a + 5..end];
                let value = &value[..value.find('"').unwrap_or(0)];
                out.push(' ');
                out.push_str(&decode(value));
                out.push(' ');
            }
        } else {
            out.push(' ');
        }
        rest = &rest[end..];
    }
    if hidden.is_none() {
        out.push_str(&decode(rest));
    }
    out
}

/// Plain output without the `Links:` lists after sections (targets are not visible text).
fn lectern_text(markdown_text: &str) -> String {
    let doc = markdown::parse(markdown_text);
    let text = render_text(&doc, 10_000);
    let mut out = String::new();
    let mut in_links = false;
    for line in text.lines() {
        if line == "Links:" {
            in_links = true;
            continue;
        }
        if in_links && line.starts_with("  ") {
            continue;
        }
        in_links = false;
        out.push_str(line);
        out.push('\n');
    }
    out
}

/// Why an example fails, or `None` when it passes.
fn check(example: &Example) -> Option<String> {
    let shown = lectern_text(&example.markdown);
    let expected = visible_text(&example.html);
    let mut pos = 0;
    let mut leftover = String::new();
    for word in expected.split_whitespace() {
        let Some(at) = shown[pos..].find(word) else {
            return Some(format!("missing {word:?} in {shown:?}"));
        };
        leftover.push_str(&shown[pos..pos + at]);
        leftover.push(' ');
        pos += at + word.len();
    }
    leftover.push_str(&shown[pos..]);
    let extra: Vec<&str> = leftover
        .split_whitespace()
        .filter(|t| !is_furniture(t))
        .collect();
    (!extra.is_empty()).then(|| format!("left over {extra:?} in {shown:?}"))
}

/// True when the example's Markdown holds raw HTML.
fn has_raw_html(markdown_text: &str) -> bool {
    let options = Options::ENABLE_TABLES
        | Options::ENABLE_STRIKETHROUGH
        | Options::ENABLE_TASKLISTS
        | Options::ENABLE_FOOTNOTES
        | Options::ENABLE_GFM;
    Parser::new_ext(markdown_text, options)
        .any(|e| matches!(e, Event::Html(_) | Event::InlineHtml(_)))
}

#[test]
fn every_commonmark_example_shows_its_text() {
    let path = format!(
        "{}/../shared/corpus/commonmark-spec-0.31.2.md",
        env!("CARGO_MANIFEST_DIR")
    );
    let Ok(spec) = std::fs::read_to_string(&path) else {
        assert!(std::env::var_os("CI").is_none(), "{path} is missing");
        eprintln!("skipped: {path} is missing");
        return;
    };
    let examples = examples(&spec);
    assert_eq!(examples.len(), 655);
    let mut report = String::new();
    let (mut passed, mut html_pass, mut failures) = (0, 0, Vec::new());
    for example in &examples {
        let on_purpose = ON_PURPOSE.iter().find(|(n, _)| *n == example.number);
        match (check(example), has_raw_html(&example.markdown), on_purpose) {
            (None, html, _) => {
                passed += 1;
                html_pass += usize::from(html);
            }
            (Some(_), _, Some((n, why))) => {
                let _ = writeln!(report, "  #{n} differs on purpose: {why}");
            }
            (Some(why), _, None) => failures.push((example.number, why)),
        }
    }
    let _ = writeln!(
        report,
        "CommonMark: {passed} of {} examples pass ({html_pass} of them with raw HTML), {} \
         differ on purpose",
        examples.len(),
        ON_PURPOSE.len()
    );
    eprintln!("{report}");
    for (n, why) in &failures {
        eprintln!("#{n}: {why}");
    }
    assert!(
        failures.is_empty() && passed + ON_PURPOSE.len() == examples.len(),
        "{} examples fail: {:?}",
        failures.len(),
        failures.iter().map(|(n, _)| n).collect::<Vec<_>>()
    );
}

#[test]
fn the_check_catches_syntax_left_over_and_lost_words() {
    let example = |markdown: &str, html: &str| Example {
        number: 0,
        markdown: markdown.into(),
        html: html.into(),
    };
    assert_eq!(
        check(&example("**a** b\n", "<p><strong>a</strong> b</p>\n")),
        None
    );
    // Markdown shown literally where the spec renders it.
    let leftover = check(&example("\\*\\*a\\*\\*\n", "<p><strong>a</strong></p>\n"));
    assert!(leftover.is_some_and(|why| why.contains("left over")));
    // A word lost (example 96 when `---\nFoo\n---` was taken as front matter).
    let lost = check(&example("x\n", "<p>x y</p>\n"));
    assert!(lost.is_some_and(|why| why.contains("missing")));
    let ex96 = example(
        "---\nFoo\n---\nBar\n---\nBaz\n",
        "<hr />\n<h2>Foo</h2>\n<h2>Bar</h2>\n<p>Baz</p>\n",
    );
    assert_eq!(check(&ex96), None);
    let visible = visible_text("<p>a &amp; <img src=\"x\" alt=\"cat &quot;\" /> <!-- c --></p>");
    assert_eq!(
        visible.split_whitespace().collect::<Vec<_>>(),
        ["a", "&", "cat", "\""]
    );
}
