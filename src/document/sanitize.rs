//! Decoding bytes to text and sanitizing it: nothing from the input reaches the terminal raw.
//!
//! Two steps run once, at load time:
//!
//! 1. [`Decoder`] turns bytes into text incrementally, replacing each malformed UTF-8 sequence
//!    by one U+FFFD exactly like [`String::from_utf8_lossy`] (whatever the chunking), and strips
//!    a leading byte order mark.
//! 2. [`sanitize_line`] (and [`sanitize_inline`], [`normalize`]) expands tabs to 8-column tab
//!    stops and replaces every character that could drive the terminal, hide text or reorder
//!    it by a *visible* placeholder: C0 controls by the Control Pictures (`␀`…`␟`, ESC is `␛`),
//!    DEL by `␡`, and C1 controls, bidi controls and invisible format characters by text such as
//!    `<U+202E>`. Only the control character itself is replaced: an escape sequence such as
//!    `ESC[2J` shows as `␛[2J`, so nothing after a control is ever swallowed.
//!
//! [`sanitize_styled_line`] is the same second step for plain text read as a pager reads it:
//! SGR colour sequences and overstrike become styles on the text (through [`super::sgr`]) and
//! every other sequence becomes a placeholder as above.
//!
//! Sanitizing is idempotent: every placeholder is made of ordinary visible characters.

use std::ops::Range;

use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

use super::StyleRun;
pub use super::sgr::Pen;

/// Distance between tab stops, in display columns.
pub const TAB_WIDTH: usize = 8;

const BOM: char = '\u{FEFF}';

/// Incremental lossy UTF-8 decoder.
///
/// Feeding the bytes in any chunking gives the same text as [`String::from_utf8_lossy`] on the
/// whole input (minus a leading BOM): an incomplete sequence at the end of a chunk is carried
/// over to the next one.
#[derive(Debug, Default)]
pub struct Decoder {
    carry: Vec<u8>,
    started: bool,
    invalid: bool,
}

impl Decoder {
    /// A decoder at the start of a stream.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Decode a chunk; an incomplete sequence at its end is kept for the next chunk.
    pub fn push(&mut self, bytes: &[u8]) -> String {
        let joined;
        let input: &[u8] = if self.carry.is_empty() {
            bytes
        } else {
            let mut buf = std::mem::take(&mut self.carry);
            buf.extend_from_slice(bytes);
            joined = buf;
            &joined
        };
        let mut text = String::with_capacity(input.len());
        let mut chunks = input.utf8_chunks().peekable();
        while let Some(chunk) = chunks.next() {
            text.push_str(chunk.valid());
            let bad = chunk.invalid();
            if bad.is_empty() {
                continue;
            }
            let is_last = chunks.peek().is_none();
            // An invalid part at the very end that is a *prefix* of a valid sequence may be
            // completed by the next chunk.
            if is_last && is_incomplete_prefix(bad) {
                self.carry.extend_from_slice(bad);
            } else {
                self.invalid = true;
                text.push(char::REPLACEMENT_CHARACTER);
            }
        }
        self.start(text)
    }

    /// Decode whatever is left at the end of the stream.
    pub fn finish(&mut self) -> String {
        if self.carry.is_empty() {
            return String::new();
        }
        self.carry.clear();
        self.invalid = true;
        self.start(char::REPLACEMENT_CHARACTER.to_string())
    }

    /// True once any invalid byte sequence was replaced by U+FFFD.
    #[must_use]
    pub fn had_invalid(&self) -> bool {
        self.invalid
    }

    /// Strip the BOM from the first text of the stream.
    fn start(&mut self, text: String) -> String {
        if self.started || text.is_empty() {
            return text;
        }
        self.started = true;
        match text.strip_prefix(BOM) {
            Some(rest) => rest.to_string(),
            None => text,
        }
    }
}

/// True when `bytes` (at most 3) could begin a valid UTF-8 sequence that is merely cut short.
fn is_incomplete_prefix(bytes: &[u8]) -> bool {
    bytes.len() < 4 && matches!(std::str::from_utf8(bytes), Err(e) if e.error_len().is_none())
}

/// How a character is replaced by the sanitizer.
enum Repl {
    /// Keep the character.
    Keep,
    /// Replace by this visible character.
    Char(char),
    /// Replace by `<U+XXXX>`.
    Code,
    /// Keep, on a dotted circle: a combining mark with nothing to combine with (at the start
    /// of a line or after a space) would land on whatever cell the terminal drew last.
    Based,
    /// Leave out: a soft hyphen only marks where a word may break; drawn, terminals and
    /// ratatui disagree on its width and it leaves stale cells behind.
    Drop,
}

/// Is `c` a tag character that is part of an emoji tag sequence (a subdivision flag such as
/// 🏴󠁧󠁢󠁥󠁮󠁧󠁿)? `prev` is the previous character kept in the output.
fn is_emoji_tag(c: char, prev: Option<char>) -> bool {
    matches!(c, '\u{E0020}'..='\u{E007F}')
        && matches!(prev, Some('\u{1F3F4}' | '\u{E0020}'..='\u{E007E}'))
}

/// A combining mark: drawn on the character before it (joiners and selectors aside).
fn is_mark(c: char) -> bool {
    !c.is_ascii()
        && c.width() == Some(0)
        && !matches!(c, '\u{200C}' | '\u{200D}' | '\u{FE00}'..='\u{FE0F}' | '\u{E0000}'..)
}

/// Roughly Unicode's `Extended_Pictographic`: the characters emoji sequences join.
fn is_pictograph(c: char) -> bool {
    matches!(c,
        '\u{A9}' | '\u{AE}' | '\u{203C}' | '\u{2049}' | '\u{2122}' | '\u{2139}'
        | '\u{2194}'..='\u{21AA}'
        | '\u{2300}'..='\u{23FF}'
        | '\u{25A0}'..='\u{27BF}'
        | '\u{2B00}'..='\u{2BFF}'
        | '\u{3030}' | '\u{303D}' | '\u{3297}' | '\u{3299}'
        | '\u{1F000}'..='\u{1FAFF}')
}

/// Classify one character (tabs, `\n` and `\r` are handled by the callers).
fn classify(c: char, prev: Option<char>) -> Repl {
    match c {
        // C0 controls: the Control Pictures block has one for each (ESC → ␛).
        '\0'..='\u{1F}' => Repl::Char(char::from_u32(0x2400 + c as u32).unwrap_or('\u{FFFD}')),
        '\u{7F}' => Repl::Char('\u{2421}'),
        '\u{AD}' => Repl::Drop,
        // Emoji joined or modified into one picture: terminals that draw each part on its own
        // (most of them, and every one that counts cells per code point) draw them wider
        // than one picture, past the cells the screen was told about. The parts are shown
        // side by side instead: the joiner, skin-tone modifiers and the emoji selector go.
        '\u{200D}' if prev.is_some_and(is_pictograph) => Repl::Drop,
        '\u{1F3FB}'..='\u{1F3FF}' | '\u{FE0F}' => Repl::Drop,
        // Flags: terminals draw a regional-indicator pair in one, two or four cells; their
        // letters read the same everywhere (🇺🇸 → US).
        '\u{1F1E6}'..='\u{1F1FF}' => {
            Repl::Char(char::from_u32(u32::from(b'A') + (c as u32 - 0x1F1E6)).unwrap_or('?'))
        }
        // C1 controls (8-bit CSI, OSC, DCS, …).
        '\u{80}'..='\u{9F}'
        // Bidi embeddings, overrides, isolates and marks.
        | '\u{202A}'..='\u{202E}'
        | '\u{2066}'..='\u{2069}'
        | '\u{200E}'
        | '\u{200F}'
        | '\u{061C}'
        // Invisible format characters that can hide text or split words unseen.
        | '\u{200B}'
        | '\u{2028}'
        | '\u{2029}'
        | '\u{2060}'..='\u{2064}'
        | '\u{206A}'..='\u{206F}'
        | '\u{FEFF}'
        | '\u{FFF9}'..='\u{FFFB}'
        | '\u{180E}'
        | '\u{115F}'
        | '\u{3164}'
        | '\u{FFA0}'
        | '\u{1BCA0}'..='\u{1BCA3}'
        | '\u{1D173}'..='\u{1D17A}'
        // Prepended concatenation marks and other format characters terminals draw in a
        // width of their own choosing.
        | '\u{600}'..='\u{605}'
        | '\u{6DD}'
        | '\u{70F}'
        | '\u{890}'..='\u{891}'
        | '\u{8E2}'
        | '\u{110BD}'
        | '\u{110CD}'
        | '\u{13430}'..='\u{1343F}' => Repl::Code,
        // Tag characters hide ASCII text ("ASCII smuggling") unless they spell an emoji flag.
        '\u{E0000}'..='\u{E007F}' if !is_emoji_tag(c, prev) => Repl::Code,
        _ if is_mark(c)
            && prev.is_none_or(|p| p.is_whitespace() || matches!(p, '\u{200C}' | '\u{200D}')) =>
        {
            Repl::Based
        }
        _ => Repl::Keep,
    }
}

fn push_code(c: char, out: &mut String) {
    use std::fmt::Write as _;
    let _ = write!(out, "<U+{:04X}>", c as u32);
}

/// Shared body of [`sanitize_line`] and [`sanitize_inline`]; `line_start` is where the line
/// begins in `out` (tab stops count from there).
fn sanitize_into(text: &str, out: &mut String, expand_tabs: bool, line_start: usize) {
    // Fast path: printable ASCII needs no change.
    if text.bytes().all(|b| (0x20..0x7f).contains(&b)) {
        out.push_str(text);
        return;
    }
    out.reserve(text.len());
    // Display column at `seg_start`, the byte after the last expanded tab.
    let mut seg_col = 0usize;
    let mut seg_start = line_start.min(out.len());
    let mut prev: Option<char> = None;
    let mut clean_from = 0usize; // start of the pending run of kept characters in `text`
    for (i, c) in text.char_indices() {
        let repl = if c == '\t' && expand_tabs {
            None
        } else {
            match classify(c, prev) {
                Repl::Keep => {
                    prev = Some(c);
                    continue;
                }
                r => Some(r),
            }
        };
        out.push_str(&text[clean_from..i]);
        clean_from = i + c.len_utf8();
        if !matches!(repl, Some(Repl::Drop)) {
            prev = None;
        }
        match repl {
            None => {
                let col = seg_col + out[seg_start..].width();
                let next = (col / TAB_WIDTH + 1) * TAB_WIDTH;
                out.extend(std::iter::repeat_n(' ', next - col));
                seg_col = next;
                seg_start = out.len();
            }
            Some(Repl::Char(p)) => out.push(p),
            Some(Repl::Drop) => {}
            Some(Repl::Based) => {
                out.push('\u{25CC}');
                out.push(c);
                prev = Some(c);
            }
            Some(_) => push_code(c, out),
        }
    }
    out.push_str(&text[clean_from..]);
    debug_assert!(out.len() >= line_start);
}

/// Sanitize one line (no `\n` or `\r` in it) into `out`: tabs expand, controls become placeholders.
///
/// Tabs expand to the next multiple of [`TAB_WIDTH`] display columns, counted from the start of
/// `line` (wide characters count 2). A stray `\n` or `\r` becomes `␊` or `␍`.
pub fn sanitize_line(line: &str, out: &mut String) {
    let start = out.len();
    sanitize_into(line, out, true, start);
}

/// A line of sanitized text with the styles its input gave it (SGR colours, overstrike).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StyledLine {
    /// Sanitized text.
    pub text: String,
    /// Styled runs over `text`, sorted, not overlapping.
    pub runs: Vec<StyleRun>,
}

impl StyledLine {
    /// Append `range` of `other`, its runs shifted (neighbouring equal runs merge).
    pub fn push_slice(&mut self, other: &Self, range: Range<usize>) {
        let base = self.text.len();
        self.text.push_str(&other.text[range.clone()]);
        let first = other.runs.partition_point(|r| r.range().end <= range.start);
        for run in other.runs[first..]
            .iter()
            .take_while(|r| r.range().start < range.end)
        {
            let start = run.range().start.max(range.start) - range.start + base;
            let end = run.range().end.min(range.end) - range.start + base;
            self.push_run(run.with_range(start..end));
        }
    }

    /// Append all of `other`.
    pub fn push_line(&mut self, other: &Self) {
        self.push_slice(other, 0..other.text.len());
    }

    /// Append unstyled text.
    pub fn push_str(&mut self, text: &str) {
        self.text.push_str(text);
    }

    fn push_run(&mut self, run: StyleRun) {
        if run.range().is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some(last)
                if last.range().end == run.range().start
                    && (last.style, last.fg, last.bg) == (run.style, run.fg, run.bg) =>
            {
                last.set_end(run.range().end);
            }
            _ => self.runs.push(run),
        }
    }

    /// A copy of `range` of this line.
    #[must_use]
    pub fn slice(&self, range: Range<usize>) -> Self {
        let mut out = Self::default();
        out.push_slice(self, range);
        out
    }

    /// Shorten the text to `len` bytes (a char boundary), clipping the runs.
    pub fn truncate(&mut self, len: usize) {
        self.text.truncate(len);
        self.runs.retain_mut(|r| {
            r.set_end(r.range().end.min(len));
            !r.range().is_empty()
        });
    }

    /// Empty the line, keeping its allocations.
    pub fn clear(&mut self) {
        self.text.clear();
        self.runs.clear();
    }
}

/// Sanitize one line like [`sanitize_line`], but SGR colour sequences and overstrike (`c\bc`,
/// `_\bc`) become styles instead of placeholders (see [`super::sgr`]); `pen` is the SGR state
/// at the start of the line and is left at its end. Every other control and escape sequence
/// becomes a placeholder exactly as in [`sanitize_line`]. Appends to `out`.
pub fn sanitize_styled_line(line: &str, pen: &mut Pen, out: &mut StyledLine) {
    let stripped = super::sgr::strip(line, pen);
    let text = stripped.text.as_ref();
    let line_start = out.text.len();
    let mut at = 0;
    for (range, run_pen) in &stripped.runs {
        sanitize_into(&text[at..range.start], &mut out.text, true, line_start);
        let start = out.text.len();
        sanitize_into(&text[range.clone()], &mut out.text, true, line_start);
        out.push_run(StyleRun {
            fg: run_pen.fg,
            bg: run_pen.bg,
            ..StyleRun::new(start..out.text.len(), run_pen.style)
        });
        at = range.end;
    }
    sanitize_into(&text[at..], &mut out.text, true, line_start);
}

/// Sanitize a one-line string such as a file name or an error message: every control,
/// including newlines, carriage returns and tabs, becomes a visible placeholder.
#[must_use]
pub fn sanitize_inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    sanitize_into(text, &mut out, false, 0);
    out
}

/// True when [`sanitize_line`] would leave `text` unchanged, treating `\n` as a line separator
/// (so the text of code blocks and tables can be checked too). Tabs and `\r` make it unclean.
#[must_use]
pub fn is_clean(text: &str) -> bool {
    let mut prev = None;
    for c in text.chars() {
        if c == '\n' {
            prev = None;
            continue;
        }
        match classify(c, prev) {
            Repl::Keep => prev = Some(c),
            _ => return false,
        }
    }
    true
}

/// Normalise and sanitize a whole text: CRLF and lone CR become `\n` (a lone CR is a line
/// break), and each line goes through [`sanitize_line`].
#[must_use]
pub fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(pos) = memchr::memchr2(b'\r', b'\n', rest.as_bytes()) {
        sanitize_line(&rest[..pos], &mut out);
        out.push('\n');
        let skip = if rest[pos..].starts_with("\r\n") {
            2
        } else {
            1
        };
        rest = &rest[pos + skip..];
    }
    sanitize_line(rest, &mut out);
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Inline;

    fn line(s: &str) -> String {
        let mut out = String::new();
        sanitize_line(s, &mut out);
        out
    }

    fn decode_chunked(bytes: &[u8], size: usize) -> (String, bool) {
        let mut d = Decoder::new();
        let mut text = String::new();
        for chunk in bytes.chunks(size) {
            text.push_str(&d.push(chunk));
        }
        text.push_str(&d.finish());
        (text, d.had_invalid())
    }

    #[test]
    fn every_c0_control_is_a_control_picture() {
        for b in 0u8..0x20 {
            if b == b'\t' || b == b'\n' || b == b'\r' {
                continue;
            }
            let s = format!("a{}b", char::from(b));
            let expected = format!(
                "a{}b",
                char::from_u32(0x2400 + u32::from(b)).expect("picture")
            );
            assert_eq!(line(&s), expected, "byte {b:#x}");
            assert!(is_clean(&line(&s)));
            assert!(!is_clean(&s));
        }
        assert_eq!(line("\u{1b}"), "␛");
        assert_eq!(line("\0"), "␀");
        assert_eq!(line("\u{7f}"), "␡");
        assert_eq!(line("x\ny\rz"), "x␊y␍z");
    }

    #[test]
    fn every_c1_control_is_a_code() {
        for cp in 0x80u32..0xA0 {
            let c = char::from_u32(cp).expect("valid code point");
            let out = line(&format!("a{c}b"));
            assert_eq!(out, format!("a<U+{cp:04X}>b"));
            assert!(is_clean(&out));
        }
        assert_eq!(line("\u{9b}31m"), "<U+009B>31m");
        assert_eq!(line("\u{9d}0;t\u{9c}"), "<U+009D>0;t<U+009C>");
    }

    #[test]
    fn escape_sequences_show_and_keep_following_text() {
        let cases = [
            ("\x1b[2J", "␛[2J"),
            ("\x1b[8mhidden\x1b[0m", "␛[8mhidden␛[0m"),
            ("\x1bc", "␛c"),
            ("\x1b[?1049l", "␛[?1049l"),
            ("\x1b]0;title\x07after", "␛]0;title␇after"),
            ("\x1b]2;title\x1b\\after", "␛]2;title␛\\after"),
            (
                "\x1b]8;;http://evil\x1b\\link\x1b]8;;\x1b\\",
                "␛]8;;http://evil␛\\link␛]8;;␛\\",
            ),
            ("\x1b]52;c;ZXZpbA==\x07", "␛]52;c;ZXZpbA==␇"),
            ("\x1bPq#0;2;0;0;0\x1b\\", "␛Pq#0;2;0;0;0␛\\"),
            ("\x1b_apc body\x1b\\", "␛_apc body␛\\"),
            (
                "\x1b]0;unterminated and the text survives",
                "␛]0;unterminated and the text survives",
            ),
            ("\x1b[6n", "␛[6n"),
            ("\x1b[c", "␛[c"),
            ("\x1b[>0q", "␛[>0q"),
            ("\x1b[21t", "␛[21t"),
        ];
        for (input, expected) in cases {
            let out = line(input);
            assert_eq!(out, expected);
            assert!(!out.contains('\x1b'));
            assert!(is_clean(&out));
            assert_eq!(sanitize_inline(input), expected);
        }
    }

    #[test]
    fn raw_0x9b_byte_decodes_to_replacement() {
        let mut d = Decoder::new();
        let text = d.push(b"a\x9b31mb") + &d.finish();
        assert_eq!(text, "a\u{FFFD}31mb");
        assert!(d.had_invalid());
        assert_eq!(line(&text), "a\u{FFFD}31mb");
        // An encoded U+009B (C2 9B) decodes, then sanitizes to a placeholder.
        let mut d = Decoder::new();
        let text = d.push(b"a\xc2\x9b31m");
        assert!(!d.had_invalid());
        assert_eq!(line(&text), "a<U+009B>31m");
    }

    #[test]
    fn bidi_and_invisible_controls() {
        let codes = [
            0x202A, 0x202B, 0x202C, 0x202D, 0x202E, 0x2066, 0x2067, 0x2068, 0x2069, 0x200E, 0x200F,
            0x061C, 0x200B, 0x2060, 0xFEFF, 0x2028, 0x2029, 0xFFF9, 0xFFFA, 0xFFFB,
        ];
        for cp in codes {
            let c = char::from_u32(cp).expect("valid code point");
            assert_eq!(line(&format!("x{c}y")), format!("x<U+{cp:04X}>y"));
            assert_eq!(sanitize_inline(&format!("{c}")), format!("<U+{cp:04X}>"));
        }
        // Trojan Source style line.
        let out = line("access\u{202E}\u{2066}// admin\u{2069}\u{2066}");
        assert_eq!(out, "access<U+202E><U+2066>// admin<U+2069><U+2066>");
        // Hidden ASCII in tag characters.
        assert_eq!(line("a\u{E0041}"), "a<U+E0041>");
    }

    #[test]
    fn emoji_sequences_become_their_parts_and_other_joiners_stay() {
        assert_eq!(line("👩\u{200D}👩\u{200D}👧"), "👩👩👧");
        assert_eq!(line("👍\u{1F3FD}"), "👍");
        assert_eq!(line("❤\u{FE0F}"), "❤");
        assert_eq!(line("👩\u{200D}🔬"), "👩🔬");
        assert_eq!(line("🇺🇸🇷"), "USR");
        // Joiners in scripts (a Devanagari half form) are kept.
        assert_eq!(line("क्\u{200D}ष"), "क्\u{200D}ष");
    }

    #[test]
    fn combining_marks_without_a_base_get_a_dotted_circle() {
        assert_eq!(line("\u{301}a"), "\u{25CC}\u{301}a");
        assert_eq!(line("a \u{316}\u{318}t"), "a \u{25CC}\u{316}\u{318}t");
        assert_eq!(line("e\u{301}"), "e\u{301}");
    }

    #[test]
    fn soft_hyphens_are_left_out() {
        assert_eq!(line("co\u{AD}operate"), "cooperate");
        assert!(!is_clean("co\u{AD}operate"));
    }

    #[test]
    fn joiners_selectors_and_marks_are_kept() {
        for s in [
            "e\u{301}",
            "Z\u{36B}\u{343}\u{36A}a\u{316}\u{318}",
            "می\u{200C}خواهم",
            "🏴\u{E0067}\u{E0062}\u{E0065}\u{E006E}\u{E0067}\u{E007F}",
            "葛\u{E0100}",
        ] {
            assert_eq!(line(s), s);
            assert!(is_clean(s));
        }
    }

    #[test]
    fn tabs_expand_to_display_columns() {
        assert_eq!(line("\tx"), "        x");
        assert_eq!(line("a\tb"), "a       b");
        assert_eq!(line("abcdefg\tb"), "abcdefg b");
        assert_eq!(line("abcdefgh\tb"), "abcdefgh        b");
        assert_eq!(line("a\t\tb"), "a               b");
        // CJK characters are two columns wide.
        assert_eq!(line("中文\tx"), "中文    x");
        assert_eq!(line("中文字\tx"), "中文字  x");
        assert_eq!(line("中文字中\tx"), "中文字中        x");
        // A placeholder counts with its own width.
        assert_eq!(line("\x1b\tx"), "␛       x");
        assert_eq!(line("\u{202E}\tx"), "<U+202E>        x");
        assert!(!line("a\tb").contains('\t'));
        assert_eq!(sanitize_inline("a\tb\nc\rd"), "a␉b␊c␍d");
    }

    #[test]
    fn normalize_line_endings() {
        assert_eq!(normalize("a\r\nb\rc\nd"), "a\nb\nc\nd");
        assert_eq!(normalize("50%\r100%\n"), "50%\n100%\n");
        assert_eq!(normalize("\r\r\n"), "\n\n");
        assert_eq!(normalize("x\t\x1b[2J"), "x       ␛[2J");
        assert_eq!(normalize(""), "");
    }

    #[test]
    fn idempotent() {
        let inputs = [
            "plain",
            "\x1b[31mred\x1b[0m\t\u{202E}x\u{9b}\u{7f}\0",
            "中\t文\t\u{200B}",
            "<U+202E> already ␛",
            "🏴\u{E0067}\u{E007F}\u{E0041}",
        ];
        for s in inputs {
            let once = line(s);
            assert_eq!(line(&once), once, "{s:?}");
            assert!(is_clean(&once));
            let inl = sanitize_inline(s);
            assert_eq!(sanitize_inline(&inl), inl);
            let n = normalize(s);
            assert_eq!(normalize(&n), n);
        }
    }

    #[test]
    fn bom_is_stripped_once() {
        let mut d = Decoder::new();
        assert_eq!(
            d.push(b"\xef\xbb\xbf# Title\xef\xbb\xbf"),
            "# Title\u{FEFF}"
        );
        // A BOM split across chunks.
        let mut d = Decoder::new();
        assert_eq!(d.push(b"\xef\xbb"), "");
        assert_eq!(d.push(b"\xbfhi"), "hi");
        assert!(!d.had_invalid());
        // Only the first one.
        let mut d = Decoder::new();
        assert_eq!(d.push(b"a"), "a");
        assert_eq!(d.push(b"\xef\xbb\xbf"), "\u{FEFF}");
    }

    #[test]
    fn incomplete_sequences_carry_over() {
        let bytes = "é中😀".as_bytes();
        for size in 1..=8 {
            let (text, bad) = decode_chunked(bytes, size);
            assert_eq!(text, "é中😀");
            assert!(!bad);
        }
        let (text, bad) = decode_chunked(b"ok\xf0\x9f", 1);
        assert_eq!(text, "ok\u{FFFD}");
        assert!(bad);
    }

    #[test]
    fn decoder_matches_lossy_on_malformed_input() {
        let samples: [&[u8]; 6] = [
            b"\xff\xfe\x80abc",
            b"\xed\xa0\x80\xed\xbf\xbf",
            b"\xc0\xaf\xe0\x80\xaf",
            b"\xf8\x88\x80\x80\x80",
            b"\xe2\x82\xe2\x82\xac",
            b"\xf4\x90\x80\x80\xf0\x9f\x98",
        ];
        for s in samples {
            let one = String::from_utf8_lossy(s).into_owned();
            for size in 1..=8 {
                assert_eq!(decode_chunked(s, size).0, one, "{s:?} / {size}");
            }
        }
    }

    #[test]
    fn utf8_test_corpus() {
        let Some(bytes) = crate::test_corpus("UTF-8-test.txt") else {
            eprintln!("corpus UTF-8-test.txt absent: skipped");
            return;
        };
        let (text, bad) = decode_chunked(&bytes, bytes.len().max(1));
        assert!(bad);
        assert_eq!(text.matches('\u{FFFD}').count(), 379);
        assert_eq!(text, String::from_utf8_lossy(&bytes));
        for size in 1..=8 {
            assert_eq!(decode_chunked(&bytes, size).0, text, "chunk size {size}");
        }
        let clean = normalize(&text);
        assert!(is_clean(&clean));
        assert!(clean.contains('␀') && clean.contains('␡'));
        assert!(clean.contains("THE END"));
        assert_eq!(normalize(&clean), clean);
    }

    #[test]
    fn blns_corpus_is_clean_after_sanitizing() {
        let Some(bytes) = crate::test_corpus("blns.txt") else {
            return;
        };
        let text = decode_chunked(&bytes, 4096).0;
        let clean = normalize(&text);
        assert!(is_clean(&clean));
        assert_eq!(normalize(&clean), clean);
        assert!(clean.contains("␛[0;31mred␛[0m"));
    }

    fn styled(line: &str) -> StyledLine {
        let mut out = StyledLine::default();
        sanitize_styled_line(line, &mut Pen::default(), &mut out);
        out
    }

    #[test]
    fn styled_lines_keep_other_escapes_visible_and_map_runs() {
        let out = styled("\x1b[31mred\x1b[0m\t\x1b[2Jx\x1b[1m\u{202E}b\x1b]0;t\x07");
        assert_eq!(out.text, "red     ␛[2Jx<U+202E>b␛]0;t␇");
        assert!(is_clean(&out.text));
        let shown: Vec<&str> = out.runs.iter().map(|r| &out.text[r.range()]).collect();
        assert_eq!(shown, ["red", "<U+202E>b␛]0;t␇"]);
        assert_eq!(out.runs[1].style, Inline::STRONG);
        // Tab stops count the text without the sequences.
        assert_eq!(styled("\x1b[1mab\x1b[m\tc").text, "ab      c");
        // Without any sequence the text is exactly what sanitize_line gives.
        for s in ["plain", "a\tb\x07", "\u{9b}31m", "\x1b[6n"] {
            let mut plain = String::new();
            sanitize_line(s, &mut plain);
            assert_eq!(styled(s).text, plain);
        }
    }

    #[test]
    fn styled_lines_join_and_slice() {
        let a = styled("\x1b[1mbold\x1b[m plain");
        let mut joined = StyledLine::default();
        joined.push_slice(&a, 2..7);
        joined.push_str(" ");
        joined.push_line(&a);
        assert_eq!(joined.text, "ld pl bold plain");
        let shown: Vec<&str> = joined
            .runs
            .iter()
            .map(|r| &joined.text[r.range()])
            .collect();
        assert_eq!(shown, ["ld", "bold"]);
    }

    #[test]
    fn ten_megabytes_of_nul_become_one_placeholder_each() {
        // Its speed is measured in the benches, not asserted here.
        let text = "\0".repeat(10 << 20);
        let out = normalize(&text);
        assert_eq!(out.chars().count(), 10 << 20);
        assert!(out.chars().all(|c| c == '␀'));
    }
}
