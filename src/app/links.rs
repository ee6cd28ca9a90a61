//! Links on screen: `l` / `L` select the next / previous link among the visible lines, the
//! status bar shows the selected link's target, `o` follows an in-document link (`#anchor`, a
//! footnote and its `↩`). lectern opens nothing outside the document.

use crate::document::{Document, Link};
use crate::layout::{Pos, ScreenLine, Segment};
use crate::nav::hints::{self, Typed};

/// The selected link: a block and the index of the link in [`crate::document::Block::links`].
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LinkCursor {
    /// `(block, link index)` of the selected link, if any.
    pub selected: Option<(usize, usize)>,
}

/// Does a screen line show any of `range`?
fn shows(line: &ScreenLine, range: &std::ops::Range<usize>) -> bool {
    let overlaps = |r: &std::ops::Range<usize>| r.start < range.end && range.start < r.end;
    if line.segments.is_empty() {
        overlaps(&line.byte_range)
    } else {
        line.segments
            .iter()
            .any(|s| matches!(s, Segment::Text { byte_range, .. } if overlaps(byte_range)))
    }
}

/// The links shown on `lines`, in reading order, each once.
#[must_use]
pub fn visible(doc: &Document, lines: &[ScreenLine]) -> Vec<(usize, usize)> {
    let mut out: Vec<(usize, usize)> = Vec::new();
    for line in lines.iter().filter(|l| !l.gap) {
        let Some(block) = doc.blocks.get(line.block) else {
            continue;
        };
        for (i, link) in block.links().iter().enumerate() {
            if shows(line, &link.byte_range) && !out.contains(&(line.block, i)) {
                out.push((line.block, i));
            }
        }
    }
    out
}

impl LinkCursor {
    /// Select the next (or previous) link on screen, wrapping around; false when none shows.
    pub fn step(&mut self, doc: &Document, lines: &[ScreenLine], forward: bool) -> bool {
        let shown = visible(doc, lines);
        if shown.is_empty() {
            self.selected = None;
            return false;
        }
        let at = self
            .selected
            .and_then(|s| shown.iter().position(|&l| l == s));
        let next = match (at, forward) {
            (None, true) => 0,
            (None, false) => shown.len() - 1,
            (Some(i), true) => (i + 1) % shown.len(),
            (Some(i), false) => (i + shown.len() - 1) % shown.len(),
        };
        self.selected = Some(shown[next]);
        true
    }

    /// Take the selected link's target (the selection ends).
    pub fn selected_target(&mut self, doc: &Document) -> Option<String> {
        let target = self.link(doc).map(|l| l.target.clone());
        self.selected = None;
        target
    }

    /// Forget the selection when its link is no longer on screen.
    pub fn keep_visible(&mut self, doc: &Document, lines: &[ScreenLine]) {
        if let Some(s) = self.selected
            && !visible(doc, lines).contains(&s)
        {
            self.selected = None;
        }
    }

    /// The selected link.
    #[must_use]
    pub fn link<'a>(&self, doc: &'a Document) -> Option<&'a Link> {
        let (block, index) = self.selected?;
        doc.blocks.get(block)?.links().get(index)
    }
}

/// The block that defines anchor `name` (a heading slug, a footnote, an HTML id).
#[must_use]
pub fn anchor_block(doc: &Document, name: &str) -> Option<usize> {
    doc.blocks
        .iter()
        .position(|b| b.anchors().iter().any(|a| a == name))
}

/// Link-hint mode (`o` with no link selected): the links on screen and their labels.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct HintMode {
    /// Labels, one per target.
    pub labels: Vec<String>,
    /// Per label: where it is drawn (the link text's start) and the link's target.
    pub targets: Vec<(Pos, String)>,
    /// Letters typed so far.
    pub typed: String,
}

impl HintMode {
    /// Label the links shown on `lines`; `None` when no link shows.
    #[must_use]
    pub fn on_screen(doc: &Document, lines: &[ScreenLine]) -> Option<Self> {
        let targets: Vec<(Pos, String)> = visible(doc, lines)
            .into_iter()
            .filter_map(|(block, i)| {
                let link = doc.blocks.get(block)?.links().get(i)?;
                // The label goes where the link's text shows first on screen.
                let at = link.byte_range.start;
                let line = lines.iter().find(|l| {
                    let r = &l.byte_range;
                    l.block == block && !l.gap && at < r.end.max(r.start + 1)
                });
                let byte = line.map_or(at, |l| at.max(l.byte_range.start));
                Some((Pos { block, byte }, link.target.clone()))
            })
            .collect();
        (!targets.is_empty()).then(|| Self {
            labels: hints::labels(targets.len()),
            targets,
            typed: String::new(),
        })
    }

    /// A letter typed: the target chosen, or `Err(true)` to wait for more letters, or
    /// `Err(false)` when no label starts with what was typed.
    pub fn type_letter(&mut self, c: char) -> Result<String, bool> {
        self.typed.push(c.to_ascii_lowercase());
        match hints::resolve(&self.labels, &self.typed) {
            Typed::Chosen(i) => Ok(self.targets[i].1.clone()),
            Typed::Partial => Err(true),
            Typed::NoMatch => Err(false),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::markdown;
    use crate::layout::LayoutCache;

    #[test]
    fn links_on_screen_are_walked_and_anchors_found() {
        let doc = markdown::parse(
            "# Top\n\nSee [a](https://a.example) and [b](#usage) and a note[^1].\n\n## Usage\n\n[^1]: Note.\n",
        );
        let mut cache = LayoutCache::new(80);
        let lines = cache.visible(&doc, crate::layout::Pos::default(), 20);
        let mut cursor = LinkCursor::default();
        let mut targets = Vec::new();
        for _ in 0..5 {
            assert!(cursor.step(&doc, &lines, true));
            targets.push(
                cursor
                    .link(&doc)
                    .map(|l| l.target.clone())
                    .unwrap_or_default(),
            );
        }
        assert_eq!(
            targets,
            [
                "https://a.example",
                "#usage",
                "#fn-1",
                "#fnref-1",
                "https://a.example"
            ]
        );
        assert!(cursor.step(&doc, &lines, false));
        assert_eq!(
            cursor.link(&doc).map(|l| l.target.as_str()),
            Some("#fnref-1")
        );
        assert_eq!(anchor_block(&doc, "usage"), Some(2));
        assert_eq!(
            doc.blocks[anchor_block(&doc, "fn-1").unwrap_or(0)].text,
            "Note. ↩"
        );
        // Off screen, the selection goes.
        cursor.keep_visible(&doc, &lines[..1]);
        assert_eq!(cursor.selected, None);
        assert!(!cursor.step(&doc, &lines[..1], true));
    }
}
