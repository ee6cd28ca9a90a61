//! Text and JSON renderings of an outline (`lectern FILE --toc`).

use super::{NodeKind, Outline};
use crate::document::Document;
use serde_json::{Value, json};

fn range_text(outline: &Outline, block: usize, end: usize) -> String {
    match outline.paragraph_range(block, end) {
        Some((a, b)) if a == b => format!("  (¶{a})"),
        Some((a, b)) => format!("  (¶{a}–{b})"),
        None => String::new(),
    }
}

fn title_of(outline: &Outline, doc: &Document) -> String {
    let t = if outline.title.is_empty() {
        doc.title.trim()
    } else {
        outline.title.as_str()
    };
    if t.is_empty() {
        "(untitled)".to_owned()
    } else {
        t.to_owned()
    }
}

/// The indented text tree: the title, then one line per section or heading with its
/// paragraph range (`1. Label  (¶1–4)`), and under a run of parallel paragraphs the part of
/// each that differs. A text without sections lists its paragraph entries (`¶3 Label`).
#[must_use]
pub fn to_text(outline: &Outline, doc: &Document) -> String {
    let mut out = title_of(outline, doc);
    out.push('\n');
    for (i, n) in outline.nodes.iter().enumerate() {
        let indent = "  ".repeat(usize::from(n.depth));
        let line = match n.kind {
            NodeKind::Section { number } => {
                format!(
                    "{indent}{number}. {}{}",
                    n.label,
                    range_text(outline, n.block(), n.end_block())
                )
            }
            NodeKind::Heading | NodeKind::Opening => {
                format!(
                    "{indent}{}{}",
                    n.label,
                    range_text(outline, n.block(), n.end_block())
                )
            }
            NodeKind::Paragraph { number } => {
                let label = outline.label(doc, i);
                if n.parent().is_none() {
                    format!("¶{number} {label}")
                } else if label.starts_with("… ") {
                    format!("{indent}   {label}")
                } else {
                    continue;
                }
            }
        };
        out.push_str(&line);
        out.push('\n');
    }
    out
}

fn node_json(outline: &Outline, doc: &Document, i: usize, children: &[Vec<usize>]) -> Value {
    let n = &outline.nodes[i];
    let kind = match n.kind {
        NodeKind::Heading => "heading",
        NodeKind::Section { .. } => "section",
        NodeKind::Paragraph { .. } => "paragraph",
        NodeKind::Opening => "opening",
    };
    let paragraphs = outline
        .paragraph_range(n.block(), n.end_block())
        .map_or(Value::Null, |(a, b)| json!([a, b]));
    json!({
        "label": outline.label(doc, i),
        "kind": kind,
        "level": usize::from(n.depth) + 1,
        "paragraphs": paragraphs,
        "block": n.block(),
        "children": children[i].iter().map(|&c| node_json(outline, doc, c, children)).collect::<Vec<_>>(),
    })
}

/// The outline as JSON: `{ "title", "sections": [ { "label", "kind", "level",
/// "paragraphs": [first, last], "block", "children": [...] } ] }`.
#[must_use]
pub fn to_json(outline: &Outline, doc: &Document) -> Value {
    let mut children = vec![Vec::new(); outline.nodes.len()];
    let mut roots = Vec::new();
    for (i, n) in outline.nodes.iter().enumerate() {
        match n.parent() {
            Some(p) => children[p].push(i),
            None => roots.push(i),
        }
    }
    json!({
        "title": title_of(outline, doc),
        "sections": roots.iter().map(|&r| node_json(outline, doc, r, &children)).collect::<Vec<_>>(),
    })
}
