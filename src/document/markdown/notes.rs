//! Footnotes and anchors: footnote numbers in order of first reference, the notes collected at
//! the end of the document (linked both ways), and GitHub-style heading slugs.

use std::collections::HashMap;

use crate::document::{Block, BlockKind, Inline, Link, ListItem, StyleRun};

/// Footnote references and definitions met while parsing.
#[derive(Default)]
pub(super) struct Notes {
    /// Label → number, in order of first reference.
    numbers: HashMap<String, usize>,
    /// Definitions in source order: label and its blocks.
    defs: Vec<(String, Vec<Block>)>,
}

/// The anchor a footnote reference links to.
pub(super) fn note_anchor(label: &str) -> String {
    format!("fn-{}", slug(label))
}

/// The anchor of the block holding a footnote's (first) reference.
pub(super) fn ref_anchor(label: &str) -> String {
    format!("fnref-{}", slug(label))
}

/// A number as superscript digits (`12` → `¹²`).
pub(super) fn superscript(n: usize) -> String {
    const DIGITS: [char; 10] = ['⁰', '¹', '²', '³', '⁴', '⁵', '⁶', '⁷', '⁸', '⁹'];
    n.to_string()
        .bytes()
        .map(|b| DIGITS[usize::from(b - b'0')])
        .collect()
}

impl Notes {
    /// The number of the note `label`, assigned on its first reference; and whether this is the
    /// first reference.
    pub(super) fn reference(&mut self, label: &str) -> (usize, bool) {
        let next = self.numbers.len() + 1;
        let mut first = false;
        let n = *self.numbers.entry(label.to_string()).or_insert_with(|| {
            first = true;
            next
        });
        (n, first)
    }

    /// Keep the blocks of one definition for the end of the document.
    pub(super) fn define(&mut self, label: String, blocks: Vec<Block>) {
        self.defs.push((label, blocks));
    }

    /// Append the notes after a rule: referenced ones by number, then the others in source
    /// order. Each note is a list item whose marker is its number; its last paragraph ends with
    /// `↩`, a link back to the reference.
    pub(super) fn finish(mut self, out: &mut Vec<Block>) {
        if self.defs.is_empty() {
            return;
        }
        let unnumbered = usize::MAX;
        self.defs
            .sort_by_key(|(label, _)| self.numbers.get(label).copied().unwrap_or(unnumbered));
        out.push(Block::new(BlockKind::Rule, ""));
        for (k, (label, mut blocks)) in self.defs.into_iter().enumerate() {
            let number = self.numbers.get(&label).copied();
            if blocks.is_empty() {
                blocks.push(Block::new(BlockKind::Paragraph, ""));
            }
            for (i, block) in blocks.iter_mut().enumerate() {
                if let Some(item) = block.list_mut() {
                    item.depth = item.depth.saturating_add(1);
                } else {
                    let marker = match (i, number) {
                        (0, Some(n)) => format!("{n}."),
                        (0, None) => "•".to_string(),
                        _ => String::new(),
                    };
                    block.set_list(Some(ListItem {
                        depth: 0,
                        first: i == 0 && k == 0,
                        marker,
                        loose: false,
                    }));
                }
            }
            blocks[0].extras_mut().anchors.push(note_anchor(&label));
            if number.is_some()
                && let Some(last) = blocks
                    .iter_mut()
                    .rev()
                    .find(|b| b.kind == BlockKind::Paragraph)
            {
                back_link(last, &label);
            }
            out.extend(blocks);
        }
    }
}

/// Append ` ↩`, linked to the reference, to a note's paragraph.
fn back_link(block: &mut Block, label: &str) {
    let mut text = String::from(std::mem::take(&mut block.text));
    if !text.is_empty() {
        text.push(' ');
    }
    let start = text.len();
    text.push('↩');
    let range = start..text.len();
    block.text = text.into();
    let mut runs = block.runs().to_vec();
    runs.push(StyleRun::new(range.clone(), Inline::LINK));
    block.set_runs(runs);
    block.extras_mut().links.push(Link {
        byte_range: range,
        target: format!("#{}", ref_anchor(label)),
    });
}

/// GitHub's heading anchor: lower case, punctuation dropped (but `-` and `_`), spaces become `-`.
pub(super) fn slug(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .filter_map(|c| match c {
            ' ' => Some('-'),
            c if c.is_alphanumeric() || c == '-' || c == '_' => Some(c),
            _ => None,
        })
        .collect()
}

/// Unique heading slugs: a repeated one gets `-1`, `-2`, … as on GitHub.
#[derive(Default)]
pub(super) struct Slugs {
    seen: HashMap<String, usize>,
}

impl Slugs {
    /// The anchor for a heading with this plain text.
    pub(super) fn anchor(&mut self, text: &str) -> String {
        let base = slug(text);
        let mut candidate = base.clone();
        loop {
            let count = self.seen.entry(base.clone()).or_insert(0);
            if *count > 0 {
                candidate = format!("{base}-{count}");
            }
            *count += 1;
            if candidate == base || !self.seen.contains_key(&candidate) {
                self.seen.entry(candidate.clone()).or_insert(1);
                return candidate;
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn slugs_like_github() {
        let mut s = Slugs::default();
        assert_eq!(s.anchor("Hello, World!"), "hello-world");
        assert_eq!(s.anchor("Hello World"), "hello-world-1");
        assert_eq!(s.anchor("Hello World"), "hello-world-2");
        assert_eq!(s.anchor("2.7.1 - 2025-10-13"), "271---2025-10-13");
        assert_eq!(s.anchor("Über `code`_x"), "über-code_x");
    }

    #[test]
    fn superscript_digits() {
        assert_eq!(superscript(1), "¹");
        assert_eq!(superscript(120), "¹²⁰");
    }
}
