//! SGR colour sequences and nroff overstrike in the input become styles on the text.
//!
//! The first pass of the styled sanitizer ([`super::sanitize::sanitize_styled_line`]): it
//! removes the SGR sequences (`ESC[…m`) and the erase-in-line `ESC[K` that `grep` and `git`
//! emit after them, resolves overstrike (`c\bc` bold, `_\bc` underline), and returns the text
//! left with the styles as runs over it. Every other escape sequence is left in the text
//! untouched, so that the second pass turns its `ESC` into the visible `␛` exactly as for
//! unstyled text. Sequences are recognised by `anstyle-parse` (the VT state machine of
//! `anstream`, already a dependency through `clap`), fed one byte at a time from each `ESC`, so
//! a sequence ends exactly where the terminal's own parser would end it.

use std::borrow::Cow;
use std::ops::Range;

use anstyle_parse::{Params, Parser, Perform};

use super::{Inline, RunColor};

/// The longest escape sequence looked at: anything longer is not SGR and stays visible.
const MAX_SEQUENCE: usize = 256;

/// The style the input has switched on (SGR state); it carries over from line to line.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Hash)]
pub struct Pen {
    /// Attribute flags (bold, dim, italic, underline, reverse, strikethrough).
    pub style: Inline,
    /// Foreground colour.
    pub fg: Option<RunColor>,
    /// Background colour.
    pub bg: Option<RunColor>,
}

impl Pen {
    /// True when the pen draws plain text.
    #[must_use]
    pub fn is_plain(&self) -> bool {
        *self == Self::default()
    }

    fn with(mut self, extra: Inline) -> Self {
        self.style = self.style.union(extra);
        self
    }
}

/// What the bytes from one `ESC` turned out to be.
#[derive(Debug, PartialEq, Eq)]
enum Outcome {
    /// Not finished yet.
    Pending,
    /// An SGR sequence (applied to the probe's pen).
    Sgr,
    /// `ESC[K` / `ESC[0K`: erase to the end of the line, meaningless in a document.
    EraseLine,
    /// Any other sequence or control: stays visible.
    Other,
}

/// A [`Perform`] that records what the first complete action of the parser was.
struct Probe {
    pen: Pen,
    outcome: Outcome,
}

impl Perform for Probe {
    fn print(&mut self, _c: char) {
        self.outcome = Outcome::Other;
    }
    fn execute(&mut self, _byte: u8) {
        self.outcome = Outcome::Other;
    }
    fn hook(&mut self, _params: &Params, _intermediates: &[u8], _ignore: bool, _action: u8) {
        self.outcome = Outcome::Other;
    }
    fn osc_dispatch(&mut self, _params: &[&[u8]], _bell_terminated: bool) {
        self.outcome = Outcome::Other;
    }
    fn esc_dispatch(&mut self, _intermediates: &[u8], _ignore: bool, _byte: u8) {
        self.outcome = Outcome::Other;
    }
    fn csi_dispatch(&mut self, params: &Params, intermediates: &[u8], ignore: bool, action: u8) {
        self.outcome = match action {
            b'm' if intermediates.is_empty() && !ignore => {
                apply_sgr(&mut self.pen, params);
                Outcome::Sgr
            }
            b'K' if intermediates.is_empty()
                && !ignore
                && params.iter().all(|p| p.iter().all(|&v| v == 0)) =>
            {
                Outcome::EraseLine
            }
            _ => Outcome::Other,
        };
    }
}

/// If `text` (which starts with `ESC`) starts with an SGR or erase-line sequence, its length
/// and the pen after it.
fn probe(text: &str, pen: Pen) -> Option<(usize, Pen)> {
    let mut parser = Parser::<anstyle_parse::DefaultCharAccumulator>::new();
    let mut probe = Probe {
        pen,
        outcome: Outcome::Pending,
    };
    for (i, &b) in text.as_bytes().iter().take(MAX_SEQUENCE).enumerate() {
        parser.advance(&mut probe, b);
        match probe.outcome {
            Outcome::Pending => {}
            Outcome::Sgr => return Some((i + 1, probe.pen)),
            Outcome::EraseLine => return Some((i + 1, pen)),
            Outcome::Other => return None,
        }
    }
    None
}

/// A colour from the parameters after 38, 48 or 58: `5;n` / `2;r;g;b` (the following
/// parameters) or `5:n` / `2::r:g:b` / `2:r:g:b` (sub-parameters of `first`).
fn color<'a>(first: &[u16], rest: &mut impl Iterator<Item = &'a [u16]>) -> Option<RunColor> {
    let byte = |v: u16| u8::try_from(v).ok();
    if first.len() > 1 {
        return match (first[1], &first[2..]) {
            (5, [n, ..]) => byte(*n).map(RunColor::Indexed),
            (2, [_, r, g, b, ..] | [r, g, b]) => {
                Some(RunColor::Rgb(byte(*r)?, byte(*g)?, byte(*b)?))
            }
            _ => None,
        };
    }
    let mut next = || rest.next().and_then(|p| p.first().copied());
    match next()? {
        5 => byte(next()?).map(RunColor::Indexed),
        2 => {
            let (r, g, b) = (next()?, next()?, next()?);
            Some(RunColor::Rgb(byte(r)?, byte(g)?, byte(b)?))
        }
        _ => None,
    }
}

/// One of the 16 basic colours (`n` is below 16).
fn indexed(n: u16) -> Option<RunColor> {
    u8::try_from(n).ok().map(RunColor::Indexed)
}

/// Apply one SGR sequence's parameters to the pen.
fn apply_sgr(pen: &mut Pen, params: &Params) {
    if params.is_empty() {
        *pen = Pen::default();
        return;
    }
    let mut iter = params.iter();
    while let Some(param) = iter.next() {
        let code = param.first().copied().unwrap_or(0);
        let set = |pen: &mut Pen, flag: Inline, on: bool| {
            pen.style = if on {
                pen.style.union(flag)
            } else {
                Inline(pen.style.0 & !flag.0)
            };
        };
        match code {
            0 => *pen = Pen::default(),
            1 => set(pen, Inline::STRONG, true),
            2 => set(pen, Inline::DIM, true),
            3 => set(pen, Inline::EMPHASIS, true),
            4 => set(pen, Inline::UNDERLINE, param.get(1) != Some(&0)),
            7 => set(pen, Inline::REVERSE, true),
            9 => set(pen, Inline::STRIKE, true),
            21 => set(pen, Inline::UNDERLINE, true),
            22 => set(pen, Inline::STRONG.union(Inline::DIM), false),
            23 => set(pen, Inline::EMPHASIS, false),
            24 => set(pen, Inline::UNDERLINE, false),
            27 => set(pen, Inline::REVERSE, false),
            29 => set(pen, Inline::STRIKE, false),
            30..=37 => pen.fg = indexed(code - 30),
            90..=97 => pen.fg = indexed(code - 90 + 8),
            40..=47 => pen.bg = indexed(code - 40),
            100..=107 => pen.bg = indexed(code - 100 + 8),
            38 => pen.fg = color(param, &mut iter).or(pen.fg),
            48 => pen.bg = color(param, &mut iter).or(pen.bg),
            // The underline colour is not drawn, but its arguments must not be read as codes.
            58 => {
                let _ = color(param, &mut iter);
            }
            39 => pen.fg = None,
            49 => pen.bg = None,
            // Blink, hidden (hidden text is shown: nothing in a document is hidden), fonts…
            _ => {}
        }
    }
}

/// Text with SGR sequences removed and overstrike resolved, and its styles as runs.
#[derive(Debug, Default)]
pub(super) struct Stripped<'a> {
    /// The text left (other escape sequences and controls still raw).
    pub text: Cow<'a, str>,
    /// Styled byte ranges of `text`, in order, not overlapping; plain text has none.
    pub runs: Vec<(Range<usize>, Pen)>,
}

/// Builder of the stripped text.
struct Strip {
    text: String,
    runs: Vec<(Range<usize>, Pen)>,
}

impl Strip {
    fn push(&mut self, s: &str, pen: Pen) {
        let start = self.text.len();
        self.text.push_str(s);
        if pen.is_plain() || s.is_empty() {
            return;
        }
        match self.runs.last_mut() {
            Some((range, last)) if range.end == start && *last == pen => {
                range.end = self.text.len();
            }
            _ => self.runs.push((start..self.text.len(), pen)),
        }
    }

    /// Remove the last character (at `at`) and return the pen it was drawn with.
    fn pop_char(&mut self, at: usize) -> Pen {
        self.text.truncate(at);
        let mut pen = Pen::default();
        if let Some((range, last)) = self.runs.last_mut()
            && range.end > at
        {
            pen = *last;
            range.end = at;
            if range.start >= range.end {
                self.runs.pop();
            }
        }
        pen
    }
}

/// The character that an overstrike `prev \b next` shows, and the attribute it adds.
fn overstrike(prev: char, next: char) -> (char, Inline) {
    if prev == next {
        (next, Inline::STRONG)
    } else if prev == '_' {
        (next, Inline::UNDERLINE)
    } else if next == '_' {
        (prev, Inline::UNDERLINE)
    } else {
        // `+\bo` (nroff's bullet) and other overprints: the last character wins, as in less.
        (next, Inline::PLAIN)
    }
}

/// Strip one line (no `\n`): SGR sequences change `pen`, overstrike becomes bold/underline.
pub(super) fn strip<'a>(line: &'a str, pen: &mut Pen) -> Stripped<'a> {
    if memchr::memchr2(b'\x1b', b'\x08', line.as_bytes()).is_none() {
        let runs = if pen.is_plain() || line.is_empty() {
            Vec::new()
        } else {
            vec![(0..line.len(), *pen)]
        };
        return Stripped {
            text: Cow::Borrowed(line),
            runs,
        };
    }
    let mut out = Strip {
        text: String::with_capacity(line.len()),
        runs: Vec::new(),
    };
    // The last character pushed and where it starts, while an overstrike may still follow.
    let mut last: Option<(usize, char)> = None;
    let mut chars = line.char_indices().peekable();
    while let Some((i, c)) = chars.next() {
        if c != '\x1b' && c != '\x08' {
            // Everything up to the next escape or backspace goes in one piece.
            let end = memchr::memchr2(b'\x1b', b'\x08', &line.as_bytes()[i..])
                .map_or(line.len(), |n| i + n);
            let piece = &line[i..end];
            let at = out.text.len();
            out.push(piece, *pen);
            last = piece
                .char_indices()
                .next_back()
                .filter(|&(_, c)| !c.is_control())
                .map(|(j, c)| (at + j, c));
            while chars.next_if(|&(j, _)| j < end).is_some() {}
            continue;
        }
        if c == '\x1b'
            && let Some((len, after)) = probe(&line[i..], *pen)
        {
            *pen = after;
            while chars.next_if(|&(j, _)| j < i + len).is_some() {}
            last = None;
            continue;
        }
        if c == '\x08'
            && let Some((at, prev)) = last
            && let Some(&(_, next)) = chars.peek()
            && !next.is_control()
        {
            chars.next();
            let (shown, extra) = overstrike(prev, next);
            let was = out.pop_char(at);
            let mut buf = [0u8; 4];
            out.push(shown.encode_utf8(&mut buf), was.with(extra));
            last = Some((at, shown));
            continue;
        }
        // An escape that is not SGR, or a backspace with nothing to strike over: kept raw (the
        // sanitizer shows it).
        last = None;
        let mut buf = [0u8; 4];
        out.push(c.encode_utf8(&mut buf), *pen);
    }
    Stripped {
        text: Cow::Owned(out.text),
        runs: out.runs,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(line: &str) -> (String, Vec<(String, Pen)>, Pen) {
        let mut pen = Pen::default();
        let s = strip(line, &mut pen);
        let runs = s
            .runs
            .iter()
            .map(|(r, p)| (s.text[r.clone()].to_string(), *p))
            .collect();
        (s.text.into_owned(), runs, pen)
    }

    fn pen(style: Inline, fg: Option<RunColor>, bg: Option<RunColor>) -> Pen {
        Pen { style, fg, bg }
    }

    #[test]
    fn every_attribute_and_its_reset() {
        let cases = [
            (1, 22, Inline::STRONG),
            (2, 22, Inline::DIM),
            (3, 23, Inline::EMPHASIS),
            (4, 24, Inline::UNDERLINE),
            (7, 27, Inline::REVERSE),
            (9, 29, Inline::STRIKE),
            (21, 24, Inline::UNDERLINE),
        ];
        for (on, off, flag) in cases {
            let (text, runs, end) = run(&format!("a\x1b[{on}mb\x1b[{off}mc"));
            assert_eq!(text, "abc", "SGR {on}");
            assert_eq!(runs, vec![("b".into(), pen(flag, None, None))], "SGR {on}");
            assert!(end.is_plain());
        }
        let (_, runs, _) = run("\x1b[4:3mcurly\x1b[4:0m");
        assert_eq!(runs[0].1.style, Inline::UNDERLINE);
        // 22 ends bold and dim together; 0 and an empty SGR end everything.
        let (_, _, end) = run("\x1b[1;2;3;4;7;9;31;42m");
        assert_eq!(end.style.0.count_ones(), 6);
        assert!(run("\x1b[1;2;3;4;7;9;31;42mx\x1b[0m").2.is_plain());
        assert!(run("\x1b[1;31mx\x1b[m").2.is_plain());
    }

    #[test]
    fn colours_16_256_and_24_bit() {
        let idx = |n| Some(RunColor::Indexed(n));
        let cases = [
            ("\x1b[31m", idx(1), None),
            ("\x1b[97m", idx(15), None),
            ("\x1b[44m", None, idx(4)),
            ("\x1b[101m", None, idx(9)),
            ("\x1b[38;5;208m", idx(208), None),
            ("\x1b[48;5;17m", None, idx(17)),
            ("\x1b[38:5:208m", idx(208), None),
            ("\x1b[38;2;10;20;30m", Some(RunColor::Rgb(10, 20, 30)), None),
            (
                "\x1b[38:2::10:20:30m",
                Some(RunColor::Rgb(10, 20, 30)),
                None,
            ),
            ("\x1b[38:2:10:20:30m", Some(RunColor::Rgb(10, 20, 30)), None),
            ("\x1b[48;2;1;2;3m", None, Some(RunColor::Rgb(1, 2, 3))),
            ("\x1b[31;38;5;300m", idx(1), None),
            ("\x1b[58;5;3;1m", None, None),
        ];
        for (seq, fg, bg) in cases {
            let end = run(&format!("{seq}x")).2;
            assert_eq!((end.fg, end.bg), (fg, bg), "{seq:?}");
        }
        let end = run("\x1b[31;44mx\x1b[39m").2;
        assert_eq!((end.fg, end.bg), (None, idx(4)));
        assert!(run("\x1b[31;44mx\x1b[39;49m").2.is_plain());
        // 58's colour arguments are not read as attributes.
        assert_eq!(run("\x1b[58;5;1mx").2.style, Inline::PLAIN);
    }

    #[test]
    fn git_log_line() {
        let (text, runs, end) =
            run("\x1b[33mcommit 90b63d4\x1b[m\x1b[33m (\x1b[m\x1b[1;36mHEAD\x1b[m\x1b[33m)\x1b[m");
        assert_eq!(text, "commit 90b63d4 (HEAD)");
        let yellow = pen(Inline::PLAIN, Some(RunColor::Indexed(3)), None);
        let head = pen(Inline::STRONG, Some(RunColor::Indexed(6)), None);
        assert_eq!(
            runs,
            vec![
                ("commit 90b63d4 (".into(), yellow),
                ("HEAD".into(), head),
                (")".into(), yellow)
            ]
        );
        assert!(end.is_plain());
        // grep's erase-to-end-of-line after a colour is dropped too.
        assert_eq!(
            run("\x1b[01;31m\x1b[Kmatch\x1b[m\x1b[K rest").0,
            "match rest"
        );
    }

    #[test]
    fn other_sequences_stay_and_malformed_ones_are_not_styles() {
        for line in [
            "\x1b[2J",
            "\x1b[20Cx",
            "\x1b[?25l",
            "\x1b]0;title\x07",
            "\x1b]8;;http://x\x1b\\link",
            "\x1bPq#0\x1b\\",
            "\x1b[6n",
            "\x1b[>4;2m",
            "\x1b[31",
            "\x1b[",
            "\x1b",
            "\x1b[3\x071m",
            "\x1b[2K",
            "\u{9b}31m",
        ] {
            let (text, runs, end) = run(line);
            assert_eq!(text, line, "{line:?}");
            assert!(runs.is_empty() && end.is_plain(), "{line:?}");
        }
        // A truncated SGR keeps its text visible and does not style what follows.
        let (text, runs, _) = run("a\x1b[1;3");
        assert_eq!((text.as_str(), runs.len()), ("a\x1b[1;3", 0));
        // An overlong parameter list is not a style either.
        let long = format!("\x1b[{}m", "1;".repeat(200));
        assert_eq!(run(&long).0, long);
    }

    #[test]
    fn overstrike_bold_underline_and_both() {
        let (text, runs, _) = run("N\x08NA\x08AM\x08ME\x08E");
        assert_eq!(text, "NAME");
        assert_eq!(runs, vec![("NAME".into(), pen(Inline::STRONG, None, None))]);
        let (text, runs, _) = run("[_\x08O_\x08P_\x08T]");
        assert_eq!(text, "[OPT]");
        assert_eq!(
            runs,
            vec![("OPT".into(), pen(Inline::UNDERLINE, None, None))]
        );
        let (text, runs, _) = run("_\x08x\x08x");
        assert_eq!(text, "x");
        assert_eq!(
            runs[0].1.style,
            Inline::UNDERLINE.union(Inline::STRONG),
            "{runs:?}"
        );
        // Multi-byte characters, `c\b_`, and nroff's bullet.
        let (text, runs, _) = run("‐\x08‐é\x08_ +\x08o");
        assert_eq!(text, "‐é o");
        assert_eq!(runs.len(), 2);
        // A backspace with nothing to strike over stays a control.
        assert_eq!(run("\x08a").0, "\x08a");
        assert_eq!(run("a\x08").0, "a\x08");
        assert_eq!(run("a\x08\x08b").0, "a\x08\x08b");
    }

    #[test]
    fn pen_carries_across_lines() {
        let mut pen = Pen::default();
        let _ = strip("\x1b[32mgreen starts", &mut pen);
        let s = strip("and goes on", &mut pen);
        assert_eq!(s.runs.len(), 1);
        assert_eq!(s.runs[0].0, 0..11);
        let s = strip("until\x1b[0m here", &mut pen);
        assert_eq!(s.runs[0].0, 0..5);
        assert!(pen.is_plain());
    }

    #[test]
    fn ten_megabytes_of_colours() {
        let unit = "\x1b[31mred\x1b[0m \x1b[1;38;5;208mbold\x1b[m ";
        let line = unit.repeat((10 << 20) / unit.len());
        let mut pen = Pen::default();
        let s = strip(&line, &mut pen);
        let units = line.len() / unit.len();
        assert_eq!(s.text.len(), units * "red bold ".len());
        assert_eq!(s.runs.len(), units * 2);
    }
}
