//! The shape of a plain text's lines: lines laid out by hand (verse, tables, diagrams) that keep
//! their breaks, and log or `git log --oneline` lines that are kept one a line.

use super::leading_spaces;
use crate::document::sanitize::StyledLine;

/// True when a paragraph's lines were laid out by hand: a run of three spaces inside a line,
/// box drawing or block characters, or a later line indented two or more columns deeper than
/// the first (uniformly indented text, as in RFCs, is still prose).
pub(super) fn is_verbatim(lines: &[StyledLine]) -> bool {
    // Box drawing and block characters (U+2500–U+259F) all start with the byte E2.
    let boxy = |t: &str| {
        memchr::memchr(0xe2, t.as_bytes()).is_some()
            && t.chars().any(|c| ('\u{2500}'..='\u{259f}').contains(&c))
    };
    let first_indent = lines.first().map_or(0, |l| leading_spaces(&l.text));
    lines
        .iter()
        .map(|l| l.text.as_str())
        .enumerate()
        .any(|(i, l)| {
            let inner = l.trim();
            memchr::memmem::find(inner.as_bytes(), b"   ").is_some()
                || boxy(inner)
                || (i > 0 && leading_spaces(l) >= first_indent + 2)
        })
        || is_indented_verse(lines)
}

/// Longest line of indented verse, in characters: prose is wrapped at 60–75.
const VERSE_LINE_CHARS: usize = 50;
/// Longest line of long-lined verse (Tennyson's fourteeners), kept as verse when a stanza of
/// three lines or more ends every line in punctuation, as wrapped prose does not.
const LONG_VERSE_LINE_CHARS: usize = 80;

/// True for verse set in from the margin: two lines or more, every one indented, short and
/// opening with a capital (a quotation mark before it allowed), as a stanza is printed in an
/// epigraph or a quotation; or three lines or more up to [`LONG_VERSE_LINE_CHARS`] long, each
/// capitalised and ending in punctuation. Prose indented as a block runs its lines to the wrap
/// width and continues them in lowercase.
fn is_indented_verse(lines: &[StyledLine]) -> bool {
    lines.len() >= 2
        && lines.iter().all(|l| {
            let text = l.text.as_str();
            let inner = text.trim();
            let chars = inner.chars().count();
            let short = chars <= VERSE_LINE_CHARS;
            let long_line = lines.len() >= 3
                && chars <= LONG_VERSE_LINE_CHARS
                && inner
                    .trim_end_matches(['"', '”', '’', '\'', ')'])
                    .ends_with([',', ';', ':', '.', '!', '?', '—', '-']);
            leading_spaces(text) >= 2
                && (short || long_line)
                && inner
                    .trim_start_matches(['"', '“', '‘', '\'', '(', '_'])
                    .starts_with(char::is_uppercase)
        })
}

/// True when a line starts with a time stamp, as log lines do: `2026-11-29 …`, `12:00:01 …`,
/// `[2026-11-29T…`, `[ 12.345678]` (dmesg), or syslog's `Nov 29 12:00:01 …`.
pub(super) fn is_log_line(line: &str) -> bool {
    let text = line.trim_start().trim_start_matches('[').trim_start();
    let b = text.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|s| s.iter().all(u8::is_ascii_digit));
    let date = digits(0..4) && b.get(4) == Some(&b'-') && digits(5..7) && b.get(7) == Some(&b'-');
    let time = digits(0..2) && b.get(2) == Some(&b':') && digits(3..5) && b.get(5) == Some(&b':');
    let dmesg = line.trim_start().starts_with('[')
        && text.find(']').is_some_and(|end| {
            let inner = &text[..end];
            inner.contains('.') && inner.bytes().all(|c| c.is_ascii_digit() || c == b'.')
        });
    let months = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    let syslog = months.iter().any(|m| text.starts_with(m))
        && b.get(3) == Some(&b' ')
        && text.get(4..).is_some_and(|rest| {
            let rest = rest.trim_start();
            let t = rest.find(' ').map_or("", |i| &rest[i + 1..]);
            t.len() > 8 && t.as_bytes()[2] == b':' && t.as_bytes()[5] == b':'
        });
    date || time || dmesg || syslog || is_oneline_commit(line)
}

/// `git log --oneline` (and `--graph`): a short hash with both digits and letters, a space.
fn is_oneline_commit(line: &str) -> bool {
    let text = line.trim_start_matches(['*', '|', '/', '\\', ' ']);
    let hash = text.split(' ').next().unwrap_or("");
    (7..=40).contains(&hash.len())
        && text.len() > hash.len()
        && hash
            .bytes()
            .all(|b| b.is_ascii_hexdigit() && !b.is_ascii_uppercase())
        && hash.bytes().any(|b| b.is_ascii_digit())
        && hash.bytes().any(|b| b.is_ascii_alphabetic())
}
