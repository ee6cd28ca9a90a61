//! Sentence steps for the selection: where the sentence at a position starts, and where the
//! selection's end goes when it grows or shrinks by one sentence (UAX #29 sentence bounds).

use unicode_segmentation::UnicodeSegmentation;

use crate::document::Document;
use crate::layout::Pos;
use crate::state::anchor::floor_boundary;

/// Byte ranges of the sentences of `text`, trailing whitespace trimmed off each.
fn sentences(text: &str) -> impl Iterator<Item = (usize, usize)> + '_ {
    text.split_sentence_bound_indices()
        .map(|(i, s)| (i, i + s.trim_end().len()))
        .filter(|(a, b)| b > a)
}

/// The start of the sentence that contains `byte` (or the last one starting before it).
#[must_use]
pub fn sentence_start(text: &str, byte: usize) -> usize {
    sentences(text)
        .take_while(|&(start, _)| start <= byte)
        .last()
        .map_or(0, |(start, _)| start)
}

/// The selection's end one sentence further than `end` (exclusive), crossing into the next
/// block when this one is used up. Stays put at the end of the document.
#[must_use]
pub fn grow(doc: &Document, end: Pos) -> Pos {
    let mut block = end.block;
    let mut byte = end.byte;
    while let Some(b) = doc.blocks.get(block) {
        if let Some((_, e)) = sentences(&b.text).find(|&(_, e)| e > byte) {
            return Pos { block, byte: e };
        }
        block += 1;
        byte = 0;
    }
    end
}

/// The selection's end one sentence back from `end`, never before `start` plus one sentence.
#[must_use]
pub fn shrink(doc: &Document, start: Pos, end: Pos) -> Pos {
    let first = grow(doc, start);
    let mut block = end.block;
    let mut limit = end.byte;
    loop {
        let Some(b) = doc.blocks.get(block) else {
            return first;
        };
        if let Some((_, e)) = sentences(&b.text).filter(|&(_, e)| e < limit).last() {
            let pos = Pos { block, byte: e };
            return pos.max(first);
        }
        if block == 0 || block <= start.block {
            return first;
        }
        block -= 1;
        limit = usize::MAX;
    }
}

/// The text between two positions: the blocks' text joined by a blank line.
#[must_use]
pub fn text_between(doc: &Document, start: Pos, end: Pos) -> String {
    let mut parts = Vec::new();
    for block in start.block..=end.block.min(doc.blocks.len().saturating_sub(1)) {
        let text = &doc.blocks[block].text;
        let from = if block == start.block { start.byte } else { 0 };
        let to = if block == end.block {
            end.byte
        } else {
            text.len()
        };
        let from = floor_boundary(text, from);
        let to = floor_boundary(text, to);
        if from < to {
            parts.push(text[from..to].trim());
        }
    }
    parts.join("\n\n")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::{Block, BlockKind};

    fn doc() -> Document {
        Document {
            blocks: vec![
                Block::new(BlockKind::Paragraph, "One fish. Two fish! Red fish?"),
                Block::new(BlockKind::Paragraph, "Blue fish. The end."),
            ],
            ..Document::default()
        }
    }

    #[test]
    fn the_sentence_at_a_position_starts_at_its_first_word() {
        let d = doc();
        assert_eq!(sentence_start(&d.blocks[0].text, 0), 0);
        assert_eq!(sentence_start(&d.blocks[0].text, 13), 10);
        assert_eq!(sentence_start(&d.blocks[0].text, 27), 20);
    }

    #[test]
    fn growing_walks_sentence_ends_across_blocks() {
        let d = doc();
        let s = Pos::block_start(0);
        let e1 = grow(&d, s);
        assert_eq!(text_between(&d, s, e1), "One fish.");
        let e3 = grow(&d, grow(&d, e1));
        assert_eq!(text_between(&d, s, e3), "One fish. Two fish! Red fish?");
        let e4 = grow(&d, e3);
        assert_eq!(e4, Pos { block: 1, byte: 10 });
        assert_eq!(
            text_between(&d, s, e4),
            "One fish. Two fish! Red fish?\n\nBlue fish."
        );
        let end = grow(&d, grow(&d, e4));
        assert_eq!(grow(&d, end), end);
    }

    #[test]
    fn shrinking_steps_back_but_keeps_one_sentence() {
        let d = doc();
        let s = Pos { block: 0, byte: 10 };
        let e = grow(&d, grow(&d, grow(&d, s)));
        assert_eq!(e, Pos { block: 1, byte: 10 });
        let back = shrink(&d, s, e);
        assert_eq!(back, Pos { block: 0, byte: 29 });
        let back2 = shrink(&d, s, back);
        assert_eq!(back2, Pos { block: 0, byte: 19 });
        assert_eq!(shrink(&d, s, back2), back2);
    }
}
