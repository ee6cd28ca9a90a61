//! Wrapping a line of text to a width: words and URL-aware pieces, fitted greedily into lines.

use super::{
    Fragment, Penalties, Range, UnicodeSegmentation, display_width, grapheme_width, words,
    wrap_first_fit, wrap_optimal_fit,
};

/// One wrapping fragment: a word (or a piece of an overlong word) and the whitespace after it.
#[derive(Clone, Debug)]
pub(crate) struct Piece {
    /// Byte offset of its first byte.
    pub start: usize,
    /// Byte offset after its last non-space byte.
    pub end: usize,
    /// Byte offset of the next fragment (after the whitespace).
    pub next: usize,
    /// Display width of the word part.
    pub width: f64,
    /// Display width of the whitespace after it.
    pub space: f64,
    /// A hyphen is drawn when a line ends here (a break inside a word).
    pub hyphen: bool,
}

impl Fragment for Piece {
    fn width(&self) -> f64 {
        self.width
    }
    fn whitespace_width(&self) -> f64 {
        self.space
    }
    fn penalty_width(&self) -> f64 {
        if self.hyphen { 1.0 } else { 0.0 }
    }
}

/// Split `text[start..end]` into pieces of at most `width` columns, by grapheme.
pub(crate) fn split_long(text: &str, start: usize, end: usize, width: usize, out: &mut Vec<Piece>) {
    let mut piece_start = start;
    let mut piece_width = 0;
    for (i, g) in text[start..end].grapheme_indices(true) {
        let w = grapheme_width(g);
        if piece_width + w > width && piece_width > 0 {
            out.push(Piece {
                start: piece_start,
                end: start + i,
                next: start + i,
                width: piece_width as f64,
                space: 0.0,
                hyphen: false,
            });
            piece_start = start + i;
            piece_width = 0;
        }
        piece_width += w;
    }
    out.push(Piece {
        start: piece_start,
        end,
        next: end,
        width: piece_width as f64,
        space: 0.0,
        hyphen: false,
    });
}

/// Columns of the widest piece `wrap_text` never breaks (a word, a URL), so a column at least
/// this wide wraps `text` without cutting a word.
pub(crate) fn longest_word(text: &str) -> usize {
    words::split(text, usize::MAX, false)
        .iter()
        .map(|w| display_width(&text[w.start..w.end]))
        .max()
        .unwrap_or(0)
}

/// The wrapping fragments of `text`: its words, with words wider than `width` split by grapheme.
pub(crate) fn pieces(text: &str, width: usize) -> Vec<Piece> {
    let mut pieces: Vec<Piece> = Vec::new();
    for words::Word { start, end, next } in words::split(text, width, false) {
        let w = display_width(&text[start..end]);
        let space = display_width(&text[end..next]) as f64;
        if w > width {
            split_long(text, start, end, width, &mut pieces);
            if let Some(last) = pieces.last_mut() {
                last.next = next;
                last.space = space;
            }
        } else {
            pieces.push(Piece {
                start,
                end,
                next,
                width: w as f64,
                space,
                hyphen: false,
            });
        }
    }
    pieces
}

/// Columns a line of fragments takes: the words and the spaces between them, plus the hyphen
/// when it ends inside a word.
pub(crate) fn line_width(line: &[Piece]) -> f64 {
    let used: f64 = line.iter().map(|p| p.width + p.space).sum();
    line.last()
        .map_or(0.0, |p| used - p.space + if p.hyphen { 1.0 } else { 0.0 })
}

/// Break fragments into lines of at most `widths[i]` columns (the last width repeats): optimal
/// fit (even right edges), never a column over; first fit for very long paragraphs.
pub(crate) fn fit_lines<'a>(pieces: &'a [Piece], widths: &[f64]) -> Vec<&'a [Piece]> {
    // textwrap's default penalties let optimal fit overflow a line by one column when that saves
    // a long gap; a column past the width is never acceptable here. With this penalty (far above
    // any gap cost, `width²`) it does not happen, and a check falls back to first fit anyway.
    let penalties = Penalties {
        overflow_penalty: usize::try_from(1u64 << 40).unwrap_or(usize::MAX),
        ..Penalties::new()
    };
    let width_of = |i: usize| widths.get(i).or(widths.last()).copied().unwrap_or(1.0);
    let fits = |(i, line): (usize, &&[Piece])| line.len() < 2 || line_width(line) <= width_of(i);
    if pieces.len() < 2000 {
        if let Ok(lines) = wrap_optimal_fit(pieces, widths, &penalties) {
            if lines.iter().enumerate().all(fits) {
                return lines;
            }
        }
    }
    wrap_first_fit(pieces, widths)
}

/// Reflow one line of text to `width` columns; returns byte ranges relative to `text`.
#[must_use]
pub fn wrap_text(text: &str, width: usize) -> Vec<Range<usize>> {
    let width = width.max(1);
    if text.is_empty() {
        return vec![0..0];
    }
    let pieces = pieces(text, width);
    let lines = fit_lines(&pieces, &[width as f64]);
    let mut out = Vec::with_capacity(lines.len());
    for line in lines {
        if let (Some(first), Some(last)) = (line.first(), line.last()) {
            out.push(first.start..last.end);
        }
    }
    if out.is_empty() {
        out.push(0..0);
    }
    out
}

/// Reflow a paragraph whose `\n`s are hard line breaks: each line wraps on its own.
pub(super) fn wrap_lines(text: &str, width: usize) -> Vec<Range<usize>> {
    if !text.contains('\n') {
        return wrap_text(text, width);
    }
    let mut out = Vec::new();
    let mut base = 0;
    for line in text.split('\n') {
        out.extend(
            wrap_text(line, width)
                .into_iter()
                .map(|r| base + r.start..base + r.end),
        );
        base += line.len() + 1;
    }
    out
}

/// Break a preformatted line at `width` columns by grapheme, without reflowing.
pub(super) fn wrap_hard(text: &str, base: usize, width: usize, out: &mut Vec<Range<usize>>) {
    let width = width.max(1);
    let mut start = 0;
    let mut cols = 0;
    for (i, g) in text.grapheme_indices(true) {
        let w = grapheme_width(g);
        if cols + w > width && cols > 0 {
            out.push(base + start..base + i);
            start = i;
            cols = 0;
        }
        cols += w;
    }
    out.push(base + start..base + text.len());
}
