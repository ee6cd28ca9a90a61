//! The Markdown builder's work when an element closes (a list, a link, an image) and for
//! footnote references: what is recorded besides the text.

use pulldown_cmark::BlockQuoteKind;

use super::notes::{note_anchor, ref_anchor, superscript};
use super::text::{allowed_target, sanitize_text};
use super::{Builder, LinkInfo, MAX_NESTING};
use crate::document::sanitize::sanitize_inline;
use crate::document::{Callout, Inline, Link};

impl Builder {
    /// A footnote reference: its number in superscript, linked to the note.
    pub(super) fn footnote_reference(&mut self, label: &str) {
        if self.image_depth > 0 {
            return;
        }
        let (number, first) = self.notes.reference(label);
        let start = self.text.len();
        self.push_clean(
            &superscript(number),
            Inline::SUPERSCRIPT.union(Inline::LINK),
        );
        self.inline_links.push(Link {
            byte_range: start..self.text.len(),
            target: format!("#{}", note_anchor(label)),
        });
        if first {
            self.anchors.push(ref_anchor(label));
        }
    }

    /// A list ends: when it was loose, mark its own items (not those of nested lists).
    pub(super) fn end_list(&mut self) {
        let Some(list) = self.lists.pop() else {
            return;
        };
        if !list.loose {
            return;
        }
        let depth = u8::try_from(self.lists.len())
            .unwrap_or(u8::MAX)
            .min(MAX_NESTING);
        for block in self.blocks.iter_mut().skip(list.first_block) {
            if let Some(item) = block.list_mut()
                && item.depth == depth
            {
                item.loose = true;
            }
        }
    }

    /// After a link's text: record where it points, when its scheme may be shown. The target is
    /// never written into the text.
    pub(super) fn end_link(&mut self, link: &LinkInfo) {
        let url = link.url.trim();
        if url.is_empty() || !allowed_target(url) || self.image_depth > 0 {
            return;
        }
        let range = link.text_start.min(self.text.len())..self.text.len();
        if range.is_empty() {
            return;
        }
        self.inline_links.push(Link {
            byte_range: range,
            target: sanitize_inline(url),
        });
        self.inline_links.sort_by_key(|l| l.byte_range.start);
    }

    /// An image shows as its alt text: `[image: alt]` in running text, the bare alt text as the
    /// content of a link (a badge), nothing in a heading that has text of its own.
    pub(super) fn end_image(&mut self) {
        self.image_depth = self.image_depth.saturating_sub(1);
        if self.image_depth > 0 {
            return;
        }
        let alt = std::mem::take(&mut self.alt);
        let alt = alt.trim();
        if self.heading.is_some() {
            if !self.heading_alt.is_empty() {
                self.heading_alt.push(' ');
            }
            self.heading_alt.push_str(alt);
            return;
        }
        let mut clean = String::new();
        if self.links.is_empty() {
            clean.push_str("[image: ");
            sanitize_text(alt, &mut clean);
            clean.push(']');
        } else {
            sanitize_text(alt, &mut clean);
        }
        self.push_clean(&clean, Inline::DIM);
    }
}

pub(super) fn callout(kind: BlockQuoteKind) -> Callout {
    match kind {
        BlockQuoteKind::Note => Callout::Note,
        BlockQuoteKind::Tip => Callout::Tip,
        BlockQuoteKind::Important => Callout::Important,
        BlockQuoteKind::Warning => Callout::Warning,
        BlockQuoteKind::Caution => Callout::Caution,
    }
}
