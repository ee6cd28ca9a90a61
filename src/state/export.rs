//! Export of a document's highlights as Markdown (with YAML front matter) or as JSON.
//!
//! Each highlight is re-anchored in the document as it is now, so its section name and its
//! position (§ section ordinal, ¶ paragraph number) are current; its text is the passage as it
//! was highlighted. Everything taken from the state file is sanitized again, since the file may
//! have been edited by hand.

use std::fmt::Write as _;

use serde_json::{Value, json};
use time::OffsetDateTime;

use super::{DocState, Highlight};
use crate::document::Document;
use crate::document::sanitize::{normalize, sanitize_inline};
use crate::outline::{NodeKind, Outline};

/// Blocks searched for `Title:` / `Author:` lines (a Project Gutenberg header, a memo).
const HEADER_BLOCKS: usize = 60;

/// What the export says about its source, beside the document itself.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ExportMeta {
    /// The document's source as shown to the reader: its path, `stdin` or `built-in article`.
    pub source: String,
    /// When the export is made (Unix seconds).
    pub exported: u64,
}

/// One highlight, placed in the document as it is now.
struct Placed<'a> {
    highlight: &'a Highlight,
    section: String,
    section_number: Option<usize>,
    paragraph: Option<usize>,
}

/// The UTC time of Unix seconds (the epoch for times out of range).
fn utc(secs: u64) -> OffsetDateTime {
    i64::try_from(secs)
        .ok()
        .and_then(|s| OffsetDateTime::from_unix_timestamp(s).ok())
        .unwrap_or(OffsetDateTime::UNIX_EPOCH)
}

/// A `YYYY-MM-DD` date (UTC) of Unix seconds.
#[must_use]
pub fn date(secs: u64) -> String {
    let t = utc(secs);
    format!("{:04}-{:02}-{:02}", t.year(), u8::from(t.month()), t.day())
}

/// A `YYYY-MM-DD HH:MM UTC` time of Unix seconds.
#[must_use]
pub fn date_time(secs: u64) -> String {
    let t = utc(secs);
    format!("{} {:02}:{:02} UTC", date(secs), t.hour(), t.minute())
}

/// The value of a `Field: value` line among the first blocks (`Author: Herman Melville`).
fn header_field(doc: &Document, field: &str) -> Option<String> {
    doc.blocks.iter().take(HEADER_BLOCKS).find_map(|b| {
        let rest = b.text.strip_prefix(field)?.strip_prefix(':')?.trim();
        (!rest.is_empty() && rest.len() < 200).then(|| rest.to_owned())
    })
}

/// The title to export: a `Title:` line near the top (a Project Gutenberg header names the
/// book better than its file name), else the document's own, else the source.
#[must_use]
pub fn title(doc: &Document, meta: &ExportMeta) -> String {
    header_field(doc, "Title")
        .or_else(|| (!doc.title.is_empty()).then(|| doc.title.clone()))
        .unwrap_or_else(|| meta.source.clone())
}

/// The author when the document names one (`Author:` line, or a short `By …` line).
#[must_use]
pub fn author(doc: &Document) -> Option<String> {
    header_field(doc, "Author").or_else(|| {
        doc.blocks.iter().take(HEADER_BLOCKS).find_map(|b| {
            let name = b.text.strip_prefix("By ")?.trim();
            (name.len() < 60 && name.split_whitespace().count() <= 5).then(|| name.to_owned())
        })
    })
}

/// Place every highlight: its current section and paragraph.
fn place<'a>(doc: &Document, outline: &Outline, state: &'a DocState) -> Vec<Placed<'a>> {
    let sections: Vec<usize> = (0..outline.nodes.len())
        .filter(|&i| !matches!(outline.nodes[i].kind, NodeKind::Paragraph { .. }))
        .collect();
    state
        .highlights
        .iter()
        .map(|h| {
            let (pos, _) = h.start.resolve(doc);
            // The deepest heading around the passage names it (a chapter, not a derived
            // sub-section of it); a document without headings uses its derived sections.
            let around = |k: &usize| {
                let n = &outline.nodes[sections[*k]];
                n.block() <= pos.block && pos.block < n.end_block()
            };
            let heading = (0..sections.len())
                .rev()
                .filter(around)
                .find(|&k| outline.nodes[sections[k]].kind == NodeKind::Heading);
            let node = heading
                .or_else(|| (0..sections.len()).rev().find(around))
                .map(|k| (k, &outline.nodes[sections[k]]));
            let paragraph = outline.paragraphs.partition_point(|&b| b <= pos.block);
            Placed {
                highlight: h,
                section: node.map(|(_, n)| n.label.to_string()).unwrap_or_default(),
                section_number: node.map(|(k, _)| k + 1),
                paragraph: (paragraph > 0).then_some(paragraph),
            }
        })
        .collect()
}

/// A string as a YAML double-quoted scalar (JSON strings are valid YAML).
fn yaml_string(s: &str) -> String {
    serde_json::to_string(s).unwrap_or_else(|_| "\"\"".into())
}

/// The position as `§3 ¶41`.
fn position_label(p: &Placed<'_>) -> String {
    let mut parts = Vec::new();
    if let Some(s) = p.section_number {
        parts.push(format!("§{s}"));
    }
    if let Some(k) = p.paragraph {
        parts.push(format!("¶{k}"));
    }
    parts.join(" ")
}

/// The highlights as Markdown: YAML front matter, then each passage as a block quote under its
/// section's name with its colour, note, date and position.
#[must_use]
pub fn markdown(doc: &Document, outline: &Outline, state: &DocState, meta: &ExportMeta) -> String {
    let title = sanitize_inline(&title(doc, meta));
    let mut out = String::from("---\n");
    let _ = writeln!(out, "title: {}", yaml_string(&title));
    if let Some(a) = author(doc) {
        let _ = writeln!(out, "author: {}", yaml_string(&sanitize_inline(&a)));
    }
    let _ = writeln!(out, "source: {}", yaml_string(&meta.source));
    let _ = writeln!(out, "exported: {}", date(meta.exported));
    let _ = writeln!(out, "highlights: {}", state.highlights.len());
    out.push_str("---\n\n");
    let _ = writeln!(out, "# {title}");
    let mut current: Option<String> = None;
    for p in place(doc, outline, state) {
        if current.as_deref() != Some(p.section.as_str()) {
            let name = if p.section.is_empty() {
                "(before the first section)"
            } else {
                &p.section
            };
            let _ = writeln!(out, "\n## {}", sanitize_inline(name));
            current = Some(p.section.clone());
        }
        out.push('\n');
        for line in normalize(&p.highlight.text).lines() {
            if line.is_empty() {
                out.push_str(">\n");
            } else {
                let _ = writeln!(out, "> {line}");
            }
        }
        out.push('\n');
        let _ = writeln!(out, "- colour: {}", p.highlight.colour.name());
        let note = normalize(p.highlight.note.trim());
        if !note.is_empty() {
            let mut lines = note.lines();
            let _ = writeln!(out, "- note: {}", lines.next().unwrap_or_default());
            for line in lines {
                let _ = writeln!(out, "  {line}");
            }
        }
        let _ = writeln!(out, "- made: {}", date_time(p.highlight.created));
        let label = position_label(&p);
        if !label.is_empty() {
            let _ = writeln!(out, "- position: {label}");
        }
    }
    out
}

/// The highlights as JSON, for scripts: the same fields as the Markdown.
#[must_use]
pub fn to_json(doc: &Document, outline: &Outline, state: &DocState, meta: &ExportMeta) -> Value {
    let highlights: Vec<Value> = place(doc, outline, state)
        .iter()
        .map(|p| {
            let note = normalize(p.highlight.note.trim());
            json!({
                "id": sanitize_inline(&p.highlight.id),
                "text": normalize(&p.highlight.text),
                "colour": p.highlight.colour.name(),
                "note": (!note.is_empty()).then_some(note),
                "created": date_time(p.highlight.created),
                "section": sanitize_inline(&p.section),
                "section_number": p.section_number,
                "paragraph": p.paragraph,
            })
        })
        .collect();
    json!({
        "title": sanitize_inline(&title(doc, meta)),
        "author": author(doc).map(|a| sanitize_inline(&a)),
        "source": meta.source,
        "exported": date(meta.exported),
        "count": highlights.len(),
        "highlights": highlights,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind};
    use crate::layout::Pos;
    use crate::state::{Anchor, Colour, DocInfo};

    fn sample() -> (Document, Outline, DocState) {
        let text = "Title: A Book\n\nAuthor: Jane Doe\n\nCHAPTER 1. Loomings.\n\nCall me Ishmael. Some years ago.\n\nIt is a way I have.\n\nCHAPTER 2. The Carpet-Bag.\n\nI stuffed a shirt or two into my old carpet-bag.\n";
        let doc = crate::document::parse(text, crate::document::Format::Text);
        let outline = crate::outline::build(&doc);
        let mut state = DocState::new(DocInfo::default());
        let find = |needle: &str| {
            let block = doc
                .blocks
                .iter()
                .position(|b| b.text.contains(needle))
                .expect("test setup");
            let byte = doc.blocks[block].text.find(needle).expect("test setup");
            Pos { block, byte }
        };
        for (i, (passage, note, colour)) in [
            (
                "Call me Ishmael.",
                "the opening\nsecond line",
                Colour::Yellow,
            ),
            ("a shirt or two", "", Colour::Blue),
        ]
        .into_iter()
        .enumerate()
        {
            let start = find(passage);
            state.highlights.push(Highlight {
                id: format!("h{i}"),
                start: Anchor::capture(&doc, start),
                end: Anchor::capture(
                    &doc,
                    Pos {
                        byte: start.byte + passage.len(),
                        ..start
                    },
                ),
                text: passage.into(),
                colour,
                note: note.into(),
                created: 1_764_428_400,
                modified: 1_764_428_400,
            });
        }
        (doc, outline, state)
    }

    fn meta() -> ExportMeta {
        ExportMeta {
            source: "/books/a.txt".into(),
            exported: 1_764_500_000,
        }
    }

    #[test]
    fn markdown_has_front_matter_and_each_passage_under_its_section() {
        let (doc, outline, state) = sample();
        let md = markdown(&doc, &outline, &state, &meta());
        let expected_head = "---\ntitle: \"A Book\"\nauthor: \"Jane Doe\"\nsource: \"/books/a.txt\"\nexported: 2025-11-30\nhighlights: 2\n---\n";
        assert!(md.starts_with(expected_head), "{md}");
        let one = md.find("## CHAPTER 1. Loomings.").expect("test setup");
        let two = md
            .find("## CHAPTER 2. The Carpet-Bag.")
            .expect("test setup");
        let q1 = md.find("> Call me Ishmael.").expect("test setup");
        let q2 = md.find("> a shirt or two").expect("test setup");
        assert!(one < q1 && q1 < two && two < q2, "{md}");
        assert!(md.contains("- colour: yellow\n- note: the opening\n  second line\n- made: 2025-11-29 15:00 UTC\n- position: §"));
        assert!(md.contains("- colour: blue\n- made:"));
        assert!(md.contains(" ¶"));
    }

    #[test]
    fn json_has_the_same_fields() {
        let (doc, outline, state) = sample();
        let v = to_json(&doc, &outline, &state, &meta());
        assert_eq!(v["title"], "A Book");
        assert_eq!(v["author"], "Jane Doe");
        assert_eq!(v["count"], 2);
        assert_eq!(v["highlights"][0]["note"], "the opening\nsecond line");
        assert_eq!(v["highlights"][1]["note"], Value::Null);
        assert_eq!(v["highlights"][1]["section"], "CHAPTER 2. The Carpet-Bag.");
        assert!(
            v["highlights"][1]["paragraph"]
                .as_u64()
                .expect("test setup")
                > 0
        );
    }

    #[test]
    fn hostile_text_in_the_state_file_is_sanitized() {
        let (doc, outline, mut state) = sample();
        state.highlights[0].text = "evil \u{1b}[2J text".into();
        state.highlights[0].note = "note \u{1b}]52;c;AAAA\u{7}".into();
        let md = markdown(&doc, &outline, &state, &meta());
        assert!(!md.contains('\u{1b}'), "{md}");
        assert!(!md.contains('\u{7}'));
        let doc_only = Document {
            blocks: vec![Block::new(BlockKind::Paragraph, "no header here")],
            ..Document::default()
        };
        assert_eq!(author(&doc_only), None);
        assert_eq!(title(&doc_only, &meta()), "/books/a.txt");
    }
}
