//! Justified and indented paragraphs: lines filled to the column width by widening the spaces
//! between words, long words broken at English dictionary hyphenation points, and a first-line
//! indent. Only prose paragraphs come here, never code, tables or verbatim text.

// Widths are terminal columns, far below f64's 52-bit mantissa.
#![allow(clippy::cast_precision_loss)]

use std::ops::Range;

use super::{Piece, display_width, fit_lines, pieces};

/// How prose paragraphs are laid out.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct TextStyle {
    /// Fill every line but a paragraph's last to the full width.
    pub justify: bool,
    /// With `justify`, break long words at dictionary hyphenation points.
    pub hyphenate: bool,
    /// Indent the first line of a paragraph that follows another by this many columns, with
    /// no blank line between them; 0 keeps blank lines between paragraphs.
    pub indent: usize,
}

/// How one laid-out line is drawn beyond its text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Fill {
    /// Columns of indent before the line (a paragraph's first-line indent).
    pub lead: usize,
    /// Columns added to the spaces between its words (see [`segments`]).
    pub extra: usize,
    /// The line ends inside a word: a hyphen is drawn after it.
    pub hyphen: bool,
}

/// The English (US) hyphenation patterns, embedded in the binary and loaded on first use.
#[cfg(feature = "hyphenation")]
fn dictionary() -> Option<&'static hyphenation::Standard> {
    use hyphenation::{Language, Load, Standard};
    static DICT: std::sync::OnceLock<Option<Standard>> = std::sync::OnceLock::new();
    DICT.get_or_init(|| Standard::from_embedded(Language::EnglishUS).ok())
        .as_ref()
}

/// Dictionary break points of a lower-case ASCII word (none without the feature).
#[cfg(feature = "hyphenation")]
fn dictionary_breaks(word: &str) -> Vec<usize> {
    use hyphenation::Hyphenator;
    dictionary().map_or_else(Vec::new, |dict| dict.hyphenate(word).breaks)
}

/// Dictionary break points of a lower-case ASCII word (none without the feature).
#[cfg(not(feature = "hyphenation"))]
fn dictionary_breaks(_word: &str) -> Vec<usize> {
    Vec::new()
}

/// Byte offsets inside `word` where the English dictionary allows a break. Only words of
/// ASCII letters (with leading or trailing punctuation) are hyphenated: never numbers, URLs,
/// identifiers or words of other scripts.
#[must_use]
pub fn hyphenation_points(word: &str) -> Vec<usize> {
    let lead = word.len()
        - word
            .trim_start_matches(|c: char| !c.is_alphanumeric())
            .len();
    let core = word[lead..].trim_end_matches(|c: char| !c.is_alphanumeric());
    if core.len() < 5 || !core.bytes().all(|b| b.is_ascii_alphabetic()) {
        return Vec::new();
    }
    dictionary_breaks(&core.to_ascii_lowercase())
        .into_iter()
        .map(|b| lead + b)
        .collect()
}

/// Split each word fragment at its hyphenation points; the parts but the last end in a hyphen.
fn hyphenate(text: &str, pieces: Vec<Piece>) -> Vec<Piece> {
    let mut out = Vec::with_capacity(pieces.len());
    for piece in pieces {
        let points = hyphenation_points(&text[piece.start..piece.end]);
        if points.is_empty() {
            out.push(piece);
            continue;
        }
        let mut start = piece.start;
        for point in points {
            let end = piece.start + point;
            out.push(Piece {
                start,
                end,
                next: end,
                width: display_width(&text[start..end]) as f64,
                space: 0.0,
                hyphen: true,
            });
            start = end;
        }
        out.push(Piece {
            start,
            width: display_width(&text[start..piece.end]) as f64,
            ..piece
        });
    }
    out
}

/// Wrap a prose paragraph to `width` columns in `style`: its lines (byte ranges into `text`)
/// and how each is drawn. `lead` indents the first line.
#[must_use]
pub fn wrap_paragraph(
    text: &str,
    width: usize,
    style: &TextStyle,
    lead: usize,
) -> (Vec<Range<usize>>, Vec<Fill>) {
    let width = width.max(1);
    let lead = if lead + 8 > width { 0 } else { lead };
    let mut frags = pieces(text, width);
    if style.justify && style.hyphenate {
        frags = hyphenate(text, frags);
    }
    let widths = [(width - lead) as f64, width as f64];
    let lines = fit_lines(&frags, &widths);
    let count = lines.len();
    let mut ranges = Vec::with_capacity(count);
    let mut fills = Vec::with_capacity(count);
    for (i, line) in lines.into_iter().enumerate() {
        let (Some(first), Some(last)) = (line.first(), line.last()) else {
            continue;
        };
        let range = first.start..last.end;
        let line_lead = if i == 0 { lead } else { 0 };
        let natural = line_lead + display_width(&text[range.clone()]) + usize::from(last.hyphen);
        let has_gap = gaps(&text[range.clone()]) > 0;
        let extra = if style.justify && i + 1 < count && has_gap {
            width.saturating_sub(natural)
        } else {
            0
        };
        ranges.push(range);
        fills.push(Fill {
            lead: line_lead,
            extra,
            hyphen: last.hyphen,
        });
    }
    if ranges.is_empty() {
        ranges.push(0..0);
        fills.push(Fill::default());
    }
    (ranges, fills)
}

/// Number of whitespace runs between words in a line.
fn gaps(line: &str) -> usize {
    segments(line, 0, 0).len().saturating_sub(1)
}

/// A word of a justified line and the space drawn after it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Segment {
    /// Byte range of the word (with any leading whitespace of the line) in the line.
    pub word: Range<usize>,
    /// Byte range of the whitespace after it in the line (empty after the last word).
    pub gap: Range<usize>,
    /// Columns to draw for that whitespace: its own width plus its share of the extra.
    pub gap_width: usize,
}

/// Cut a line into words and the spaces after them, spreading `extra` columns over the spaces
/// (the odd columns go to the right on even lines and to the left on odd ones, so no river of
/// wide gaps runs down the page). With `extra` 0 the segments draw the line as it is.
#[must_use]
pub fn segments(line: &str, extra: usize, line_idx: usize) -> Vec<Segment> {
    // Whitespace runs after the first word; leading whitespace stays with the first word.
    let mut cuts: Vec<Range<usize>> = Vec::new();
    let mut seen_word = false;
    let mut run: Option<usize> = None;
    for (i, c) in line.char_indices() {
        if c.is_whitespace() {
            if seen_word && run.is_none() {
                run = Some(i);
            }
        } else {
            if let Some(start) = run.take() {
                cuts.push(start..i);
            }
            seen_word = true;
        }
    }
    let tail = run.unwrap_or(line.len());
    let mut out = Vec::with_capacity(cuts.len() + 1);
    let mut start = 0;
    for cut in cuts {
        out.push(Segment {
            word: start..cut.start,
            gap_width: display_width(&line[cut.clone()]),
            gap: cut.clone(),
        });
        start = cut.end;
    }
    out.push(Segment {
        word: start..tail,
        gap: tail..line.len(),
        gap_width: display_width(&line[tail..]),
    });
    let inner = out.len().saturating_sub(1);
    if inner > 0 && extra > 0 {
        let base = extra / inner;
        let rem = extra % inner;
        for (k, seg) in out.iter_mut().take(inner).enumerate() {
            let gets_one = if line_idx % 2 == 0 {
                k >= inner - rem
            } else {
                k < rem
            };
            seg.gap_width += base + usize::from(gets_one);
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "The Central Conference on Work Relating to Foreign Affairs was recently \
        held in Beijing. It was pointed out at the conference that building a community with a \
        shared future for mankind is the core tenet of the diplomatic thought, representing \
        extraordinary responsibilities and international considerations of unprecedented \
        proportions.";

    /// What a justified line shows: its segments drawn, a hyphen when it ends inside a word.
    fn drawn(text: &str, range: &Range<usize>, fill: Fill, idx: usize) -> String {
        let line = &text[range.clone()];
        let mut out = " ".repeat(fill.lead);
        for seg in segments(line, fill.extra, idx) {
            out.push_str(&line[seg.word.clone()]);
            out.push_str(&" ".repeat(seg.gap_width));
        }
        let mut out = out.trim_end().to_string();
        if fill.hyphen {
            out.push('-');
        }
        out
    }

    fn justified() -> TextStyle {
        TextStyle {
            justify: true,
            hyphenate: true,
            indent: 0,
        }
    }

    #[test]
    fn every_justified_line_is_the_column_width_but_the_last() {
        for width in 20..=90 {
            let (lines, fills) = wrap_paragraph(TEXT, width, &justified(), 0);
            let last = lines.len() - 1;
            for (i, (r, f)) in lines.iter().zip(&fills).enumerate() {
                let shown = drawn(TEXT, r, *f, i);
                if i < last {
                    assert_eq!(
                        display_width(&shown),
                        width,
                        "width {width} line {i}: {shown:?}"
                    );
                } else {
                    assert!(display_width(&shown) <= width);
                    assert_eq!(f.extra, 0, "the last line is not stretched");
                }
            }
        }
    }

    #[test]
    fn words_break_only_at_dictionary_points() {
        let mut broke = 0;
        for width in 20..=60 {
            let (lines, fills) = wrap_paragraph(TEXT, width, &justified(), 0);
            for (r, f) in lines.iter().zip(&fills) {
                if f.hyphen {
                    broke += 1;
                    let word_start = TEXT[..r.end].rfind(' ').map_or(0, |s| s + 1);
                    let word_end = TEXT[r.end..].find(' ').map_or(TEXT.len(), |e| r.end + e);
                    let word = &TEXT[word_start..word_end];
                    let points = hyphenation_points(word);
                    assert!(
                        points.contains(&(r.end - word_start)),
                        "{word:?} broken at {} not in {points:?}",
                        r.end - word_start
                    );
                }
            }
        }
        assert!(broke > 0, "some line should hyphenate");
        assert!(!hyphenation_points("extraordinary").is_empty());
        assert!(hyphenation_points("x86_64").is_empty());
        assert!(hyphenation_points("https://example.com/proportions").is_empty());
    }

    #[test]
    fn no_text_is_lost_or_reordered() {
        for width in [12, 33, 80] {
            let (lines, _) = wrap_paragraph(TEXT, width, &justified(), 3);
            let joined: String = lines.iter().map(|r| &TEXT[r.clone()]).collect();
            let squash = |s: &str| s.split_whitespace().collect::<String>();
            assert_eq!(squash(&joined), squash(TEXT));
        }
    }

    #[test]
    fn the_first_line_indent_is_part_of_the_width() {
        let style = TextStyle {
            indent: 4,
            ..justified()
        };
        let (lines, fills) = wrap_paragraph(TEXT, 40, &style, 4);
        assert_eq!(fills[0].lead, 4);
        assert_eq!(display_width(&drawn(TEXT, &lines[0], fills[0], 0)), 40);
        assert!(drawn(TEXT, &lines[0], fills[0], 0).starts_with("    The"));
        assert!(fills[1..].iter().all(|f| f.lead == 0));
    }

    #[test]
    fn ragged_paragraphs_keep_their_spaces() {
        let style = TextStyle::default();
        let (lines, fills) = wrap_paragraph(TEXT, 40, &style, 0);
        assert!(fills.iter().all(|f| *f == Fill::default()));
        assert_eq!(lines, super::super::wrap_text(TEXT, 40));
    }

    #[test]
    fn code_tables_and_verbatim_are_never_justified() {
        use crate::document::{Block, BlockKind};
        use crate::layout::{layout_block, layout_block_styled};
        let style = TextStyle {
            indent: 3,
            ..justified()
        };
        for kind in [BlockKind::Code, BlockKind::Table, BlockKind::Verbatim] {
            let block = Block::new(kind, TEXT);
            let styled = layout_block_styled(&block, 40, true, &style, 3);
            assert_eq!(styled, layout_block(&block, 40, true), "{kind:?}");
            assert!(styled.fills.is_empty(), "{kind:?}");
        }
        let para = Block::new(BlockKind::Paragraph, TEXT);
        assert!(
            !layout_block_styled(&para, 40, true, &style, 3)
                .fills
                .is_empty()
        );
    }

    #[test]
    fn spare_columns_are_spread_evenly() {
        let segs = segments("a b c d", 5, 0);
        let widths: Vec<usize> = segs.iter().map(|s| s.gap_width).collect();
        assert_eq!(widths, vec![2, 3, 3, 0]);
        let odd: Vec<usize> = segments("a b c d", 5, 1)
            .iter()
            .map(|s| s.gap_width)
            .collect();
        assert_eq!(odd, vec![3, 3, 2, 0]);
        assert_eq!(segments("word", 3, 0).len(), 1);
        assert_eq!(segments("", 0, 0).len(), 1);
        let lead = segments("  two words", 0, 0);
        assert_eq!(lead[0].word, 0..5);
    }
}
