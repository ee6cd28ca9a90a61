//! Preformatted lines wider than the column: a soft wrap at spaces with a hanging indent.
//!
//! A line that fits is kept as it is. A wider one breaks at spaces (mid-word only where a word
//! alone is wider than the room), and its continuation lines start at the line's own
//! indentation, or at the text after a short tag (`-l     use a long listing format`,
//! `  --width N   wrap width`), at least two columns in, where the reader draws a dim `↪`
//! (see [`CONTINUATION`]). A diff line's `+` or `-` counts as indentation, so code in a diff
//! keeps its shape.

use std::ops::Range;

use textwrap::wrap_algorithms::wrap_first_fit;

use super::words::{self, Word};
use super::{Piece, display_width, split_long};

/// The marker drawn before a continuation line, in the two columns left of its text.
pub const CONTINUATION: &str = "↪";

/// Columns of a continuation line's text at the least (room for the marker and a space).
const MIN_HANG: usize = 2;

/// Columns a continuation line is indented by: the line's indentation (a leading `+` or `-`
/// included), or the column of the text after a tag and a gap of two or more spaces; at least
/// `MIN_HANG`, and at most half of `width` so that the continuation keeps room.
#[must_use]
pub fn hang(line: &str, width: usize) -> usize {
    let marker = usize::from(line.starts_with(['+', '-']));
    let rest = &line[marker..];
    let indent = marker + rest.len() - rest.trim_start_matches(' ').len();
    let body = &line[indent..];
    let tag = body
        .find("  ")
        .filter(|&gap| gap > 0 && gap <= 24)
        .and_then(|gap| {
            let after = gap + body[gap..].len() - body[gap..].trim_start_matches(' ').len();
            (after < body.len()).then(|| indent + display_width(&body[..after]))
        });
    let cols = tag.filter(|&t| t <= width / 2).unwrap_or(indent);
    cols.clamp(MIN_HANG, (width / 2).max(MIN_HANG))
}

// Column counts are far below 2^52: the casts to textwrap's f64 widths are exact.
#[allow(clippy::cast_precision_loss)]
/// Wrap one preformatted line (`text`, which starts at byte `base` of the block) to `width`
/// columns; pushes the line ranges to `out` and, for each continuation line, its index in
/// `out` and its hang to `hangs`.
pub fn wrap_line(
    text: &str,
    base: usize,
    width: usize,
    out: &mut Vec<Range<usize>>,
    hangs: &mut Vec<(usize, usize)>,
) {
    let width = width.max(1);
    if display_width(text) <= width {
        out.push(base..base + text.len());
        return;
    }
    let hang = hang(text, width);
    let rest_width = width.saturating_sub(hang).max(1);
    let mut pieces: Vec<Piece> = Vec::new();
    for (i, Word { start, end, next }) in
        words::split(text, rest_width, true).into_iter().enumerate()
    {
        // The first line keeps its indentation as part of its first word.
        let start = if i == 0 { 0 } else { start };
        let room = if i == 0 { width } else { rest_width };
        let w = display_width(&text[start..end]);
        if w > room {
            split_long(text, start, end, rest_width.min(room), &mut pieces);
            if let Some(last) = pieces.last_mut() {
                last.next = next;
                last.space = display_width(&text[end..next]) as f64;
            }
        } else {
            pieces.push(Piece {
                start,
                end,
                next,
                width: w as f64,
                space: display_width(&text[end..next]) as f64,
                hyphen: false,
            });
        }
    }
    let widths = [width as f64, rest_width as f64];
    for (i, line) in wrap_first_fit(&pieces, &widths).into_iter().enumerate() {
        if let (Some(first), Some(last)) = (line.first(), line.last()) {
            if i > 0 {
                hangs.push((out.len(), hang));
            }
            out.push(base + first.start..base + last.end);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn wrap(text: &str, width: usize) -> Vec<(String, usize)> {
        let mut out = Vec::new();
        let mut hangs = Vec::new();
        wrap_line(text, 0, width, &mut out, &mut hangs);
        out.iter()
            .enumerate()
            .map(|(i, r)| {
                let hang = hangs.iter().find(|h| h.0 == i).map_or(0, |h| h.1);
                (text[r.clone()].to_string(), hang)
            })
            .collect()
    }

    #[test]
    fn a_line_that_fits_is_kept_whole() {
        assert_eq!(
            wrap("    indented  a  b", 40),
            [("    indented  a  b".into(), 0)]
        );
    }

    #[test]
    fn wide_lines_wrap_at_spaces_under_their_own_indentation() {
        let line = "       do not ignore entries starting with a dot";
        let lines = wrap(line, 30);
        assert_eq!(lines[0], ("       do not ignore entries".into(), 0));
        assert!(lines[1..].iter().all(|(_, h)| *h == 7), "{lines:?}");
        for (text, hang) in &lines {
            assert!(display_width(text) + hang <= 30, "{lines:?}");
        }
        let joined: Vec<&str> = lines
            .iter()
            .flat_map(|(t, _)| t.split_whitespace())
            .collect();
        assert_eq!(joined, line.split_whitespace().collect::<Vec<_>>());
    }

    #[test]
    fn tags_diffs_and_unindented_lines() {
        // A tagged line hangs at its text; a diff line after its marker and indentation.
        let lines = wrap("-c     with -lt: sort by, and show, ctime", 24);
        assert!(lines[1..].iter().all(|(_, h)| *h == 7), "{lines:?}");
        let lines = wrap("+        let value = compute(first, second);", 24);
        assert!(lines[1..].iter().all(|(_, h)| *h == 9), "{lines:?}");
        let lines = wrap("no indentation at all in this line", 12);
        assert!(lines[1..].iter().all(|(_, h)| *h == 2), "{lines:?}");
        assert_eq!(hang("x", 1), 2);
    }

    #[test]
    fn mid_word_only_when_a_word_is_wider_than_the_room() {
        let line = format!("    {}", "x".repeat(50));
        let lines = wrap(&line, 20);
        assert!(lines.len() >= 3);
        let total: usize = lines.iter().map(|(t, _)| t.trim().len()).sum();
        assert_eq!(total, 50);
        for (text, hang) in &lines {
            assert!(display_width(text) + hang <= 20, "{lines:?}");
        }
    }

    #[test]
    fn urls_break_after_the_host_or_move_whole() {
        // Wider than the room: broken after the host, never after `//`.
        let line = "  see https://example.org/some/long/path for more";
        let lines = wrap(line, 28);
        assert_eq!(lines[0].0, "  see https://example.org/", "{lines:?}");
        assert!(lines.iter().all(|(t, _)| !t.ends_with("//")), "{lines:?}");
        // It fits on a line of its own: moved there whole.
        let lines = wrap(line, 38);
        assert_eq!(
            lines[1].0, "https://example.org/some/long/path",
            "{lines:?}"
        );
        assert!(lines.iter().all(|(t, _)| !t.ends_with("//")), "{lines:?}");
    }
}
