//! Text helpers of the Markdown parser: sanitizing inline and multi-line text, slicing styled
//! text with its runs and links, which link targets may be shown, and capping quote nesting.

use std::borrow::Cow;

use super::{MAX_SOURCE_QUOTES, sanitize_line};
use crate::document::{Link, StyleRun};

/// Drop `>` markers beyond [`MAX_SOURCE_QUOTES`] at the start of each line (a pathological
/// `>`×5000 line otherwise makes the parser build thousands of nested containers).
pub(super) fn cap_quote_nesting(text: &str) -> Cow<'_, str> {
    let deep = |line: &str| {
        let mut count = 0;
        for b in line.bytes() {
            match b {
                b'>' => count += 1,
                b' ' | b'\t' => {}
                _ => break,
            }
        }
        count > MAX_SOURCE_QUOTES
    };
    if !text.split('\n').any(deep) {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    for (i, line) in text.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        if !deep(line) {
            out.push_str(line);
            continue;
        }
        let mut kept = 0;
        let mut end = 0;
        for (pos, b) in line.bytes().enumerate() {
            match b {
                b'>' if kept < MAX_SOURCE_QUOTES => kept += 1,
                b'>' | b' ' | b'\t' => {}
                _ => {
                    end = pos;
                    break;
                }
            }
            end = pos + 1;
        }
        out.push_str(&">".repeat(kept));
        out.push(' ');
        out.push_str(&line[end..]);
    }
    Cow::Owned(out)
}

/// True when a link target may be shown: `http`, `https`, `mailto` or no scheme at all.
pub(super) fn allowed_target(url: &str) -> bool {
    let scheme_end = url.find(':');
    let path_start = url.find(['/', '?', '#']);
    match (scheme_end, path_start) {
        (None, _) => true,
        (Some(c), Some(p)) if p < c => true,
        (Some(c), _) => {
            let scheme = &url[..c];
            ["http", "https", "mailto"]
                .iter()
                .any(|s| scheme.eq_ignore_ascii_case(s))
        }
    }
}

/// Sanitize text that may contain line breaks (they become spaces).
pub(super) fn sanitize_text(raw: &str, out: &mut String) {
    for (i, piece) in raw.split(['\r', '\n']).enumerate() {
        if i > 0 {
            out.push(' ');
        }
        sanitize_line(piece, out);
    }
}

/// Sanitize a multi-line text keeping its lines (code and HTML blocks); no trailing newline.
pub(super) fn sanitize_lines(raw: &str) -> String {
    let raw = raw.strip_suffix('\n').unwrap_or(raw);
    let raw = raw.strip_suffix('\r').unwrap_or(raw);
    crate::document::sanitize::normalize(raw)
}

/// The text and runs of `range` of a styled text, with the runs clipped and shifted.
pub(super) fn slice_runs(
    text: &str,
    runs: &[StyleRun],
    range: std::ops::Range<usize>,
) -> (String, Vec<StyleRun>) {
    let sliced = text[range.clone()].to_string();
    let runs = runs
        .iter()
        .filter_map(|r| {
            let start = r.range().start.max(range.start);
            let end = r.range().end.min(range.end);
            (start < end).then(|| r.with_range(start - range.start..end - range.start))
        })
        .collect();
    (sliced, runs)
}

/// The links of `range` of a text, clipped and shifted like [`slice_runs`].
pub(super) fn slice_links(links: &[Link], range: &std::ops::Range<usize>) -> Vec<Link> {
    links
        .iter()
        .filter_map(|l| {
            let start = l.byte_range.start.max(range.start);
            let end = l.byte_range.end.min(range.end);
            (start < end).then(|| Link {
                byte_range: start - range.start..end - range.start,
                target: l.target.clone(),
            })
        })
        .collect()
}
