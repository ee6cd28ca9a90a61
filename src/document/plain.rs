//! Plain text and the article format: paragraphs at blank lines, hard-wrapped lines joined.
//!
//! Rules, applied line by line so the parser can stream:
//!
//! - Lines end at `\n`, `\r\n` or a lone `\r` (a lone CR is a line break). Every line goes
//!   through [`sanitize_line`] first (tabs expand to 8-column stops, controls become visible).
//! - A blank (empty or whitespace-only) line ends a paragraph. The lines of a paragraph are
//!   trimmed and joined with one space.
//! - A line indented by 4 or more columns (a tab counts as up to 8) that starts a block (at the
//!   start of the text or after a blank line) starts a preformatted run: it and the following
//!   indented lines form a [`BlockKind::Code`] block, with blank lines between them kept and the
//!   common indentation removed.
//! - A paragraph whose lines are laid out by hand — a run of 3+ spaces inside a line, box
//!   drawing characters, a later line indented 2+ columns deeper than the first (verse,
//!   tables, diagrams), or indented verse (every line indented and capitalised, short, or
//!   long lines each ending in punctuation) — keeps its lines as a [`BlockKind::Verbatim`]
//!   block instead of being reflowed (`shape`).
//! - Article format: when the first non-blank line is `date YYYY-MM-DD Title`, it gives a
//!   [`BlockKind::Title`] block followed by a [`BlockKind::Meta`] block holding the date.
//! - A paragraph longer than [`MAX_BLOCK_BYTES`] is split into several blocks (at whitespace when
//!   possible); the later pieces have `continues` set. Code runs are split at line boundaries
//!   (and a single overlong line at a char boundary).

mod shape;

use super::git::GitParser;
use super::man::ManParser;
use super::sanitize::{Pen, StyledLine, sanitize_line, sanitize_styled_line};
use super::{Block, BlockKind, Document, MAX_BLOCK_BYTES, cut_point, line_pieces};
use shape::{is_log_line, is_verbatim};

/// Columns of indentation that make a line preformatted.
const CODE_INDENT: usize = 4;

/// A structure recognised from the first non-blank line, which then reads every line.
#[derive(Debug, Default)]
enum Mode {
    /// Plain text and the article format.
    #[default]
    Text,
    /// git's output (see [`super::git`]).
    Git(GitParser),
    /// A manual page (see [`super::man`]).
    Man(ManParser),
}

/// Streaming parser for plain text: feed decoded text in chunks of any size.
///
/// The blocks returned by all the [`push`](Self::push) calls followed by
/// [`finish`](Self::finish) do not depend on how the text was chunked.
#[derive(Debug, Default)]
pub struct PlainParser {
    article: bool,
    /// Show SGR sequences and overstrike as placeholders instead of styles.
    show_escapes: bool,
    /// The SGR state carried from line to line.
    pen: Pen,
    /// git output or a man page, once recognised.
    mode: Mode,
    /// A non-blank line has been seen (the article header can only be the first one).
    seen_content: bool,
    /// The start of a line whose end has not arrived yet.
    pending: String,
    /// The last chunk ended with `\r`: a `\n` at the start of the next one belongs to it.
    skip_lf: bool,
    /// The line being read (its allocation kept from line to line).
    scratch: StyledLine,
    /// Paragraph text collected so far (sanitized, joined).
    para: StyledLine,
    /// The current paragraph's lines as written (sanitized, trailing spaces trimmed), kept to
    /// decide whether it is verbatim; cleared once the paragraph is split.
    para_raw: Vec<StyledLine>,
    /// Source lines in `para` not yet accounted to an emitted piece.
    para_lines: u32,
    /// A piece of the current paragraph has been emitted already.
    para_split: bool,
    /// The last line given to `line` was the head of an overlong line that goes on; `true` when
    /// it was cut at whitespace (the rest joins with a space).
    line_cut: Option<bool>,
    /// Inside a preformatted run.
    in_code: bool,
    /// Sanitized lines of the current code piece, indentation still in place.
    code: Vec<StyledLine>,
    code_bytes: usize,
    /// Blank lines seen in a code run that are kept only if another indented line follows.
    code_blanks: u32,
    /// Indentation removed from every line, fixed once the first piece of a long run is out.
    code_indent: Option<usize>,
    /// A piece of the current code run has been emitted already.
    code_split: bool,
    /// The last line was a time-stamped log line (the next one continues the run, no gap).
    log_run: bool,
    out: Vec<Block>,
}

impl PlainParser {
    /// A parser; `article` enables the `date YYYY-MM-DD Title` first line.
    #[must_use]
    pub fn new(article: bool) -> Self {
        Self {
            article,
            ..Self::default()
        }
    }

    /// A parser that shows SGR sequences and overstrike as placeholders (`--show-escapes`)
    /// instead of reading them as styles.
    #[must_use]
    pub fn showing_escapes(mut self) -> Self {
        self.show_escapes = true;
        self
    }

    /// Feed decoded text (it may end anywhere, even between `\r` and `\n`); returns the blocks
    /// completed by it.
    pub fn push(&mut self, text: &str) -> Vec<Block> {
        let mut rest = text;
        if self.skip_lf && !rest.is_empty() {
            self.skip_lf = false;
            if let Some(after) = rest.strip_prefix('\n') {
                rest = after;
            }
        }
        while let Some(pos) = memchr::memchr2(b'\r', b'\n', rest.as_bytes()) {
            let is_cr = rest.as_bytes().get(pos) == Some(&b'\r');
            if self.pending.is_empty() {
                self.line(&rest[..pos]);
            } else {
                self.pending.push_str(&rest[..pos]);
                let line = std::mem::take(&mut self.pending);
                self.line(&line);
            }
            rest = &rest[pos + 1..];
            if is_cr {
                if let Some(after) = rest.strip_prefix('\n') {
                    rest = after;
                } else if rest.is_empty() {
                    self.skip_lf = true;
                }
            }
        }
        self.pending.push_str(rest);
        // A line longer than a block (a 5 MB line, 10 MB of NUL bytes) is taken in pieces as it
        // arrives, so that it shows before it ends.
        while self.pending.len() > MAX_BLOCK_BYTES {
            let (mut end, mut next) =
                cut_point(&self.pending, MAX_BLOCK_BYTES, char::is_whitespace);
            if end == next {
                // A cut inside a word must not split an escape sequence in two.
                let from = end.saturating_sub(64);
                if let Some(esc) = self.pending.get(from..end).and_then(|t| t.rfind('\x1b'))
                    && from + esc > 0
                {
                    (end, next) = (from + esc, from + esc);
                }
            }
            let head = self.pending[..end].to_string();
            self.pending.drain(..next);
            self.line(&head);
            self.line_cut = Some(next > end);
        }
        std::mem::take(&mut self.out)
    }

    /// The input paused (a slow pipe): emit the paragraph or code read so far so that it shows at
    /// once. Lines that continue it later arrive as blocks with `continues` set.
    pub fn flush_partial(&mut self) -> Vec<Block> {
        match &mut self.mode {
            Mode::Git(git) => git.flush_partial(&mut self.out),
            Mode::Man(man) => man.flush_partial(&mut self.out),
            Mode::Text => {}
        }
        if self.in_code {
            self.emit_code();
        } else if !self.para.text.is_empty() {
            self.para_raw.clear();
            let text = std::mem::take(&mut self.para);
            self.emit_para(&text, 0..text.text.len());
        }
        std::mem::take(&mut self.out)
    }

    /// End of input: returns the last blocks.
    pub fn finish(&mut self) -> Vec<Block> {
        if !self.pending.is_empty() {
            let line = std::mem::take(&mut self.pending);
            self.line(&line);
        }
        self.skip_lf = false;
        match &mut self.mode {
            Mode::Git(git) => git.finish(&mut self.out),
            Mode::Man(man) => man.finish(&mut self.out),
            Mode::Text => {}
        }
        self.flush_code();
        self.flush_para();
        std::mem::take(&mut self.out)
    }

    fn line(&mut self, raw: &str) {
        // The scratch line's room is reused from line to line; git and man output keep theirs.
        let mut line = std::mem::take(&mut self.scratch);
        line.clear();
        if self.show_escapes {
            line.text.reserve(raw.len());
            sanitize_line(raw, &mut line.text);
        } else {
            sanitize_styled_line(raw, &mut self.pen, &mut line);
        }
        let cut = self.line_cut.take();
        match &mut self.mode {
            Mode::Git(git) => return git.line(line, &mut self.out),
            Mode::Man(man) => {
                man.line(&line, &mut self.out);
                self.scratch = line;
                return;
            }
            Mode::Text => {}
        }
        if let Some(spaced) = cut
            && self.continue_line(&line, spaced)
        {
            self.scratch = line;
            return;
        }
        let blank = line.text.trim().is_empty();

        if !blank && !self.seen_content {
            self.seen_content = true;
            let Some(line) = self.first_line(line) else {
                return;
            };
            self.body_line(&line, blank);
            return;
        }
        self.body_line(&line, blank);
        self.scratch = line;
    }

    /// The document's first non-blank line: it may start git output, a man page or the
    /// built-in article's `date YYYY-MM-DD Title` line. Returns the line when it is text.
    fn first_line(&mut self, line: StyledLine) -> Option<StyledLine> {
        if super::git::detect(&line.text) {
            let mut git = GitParser::new();
            git.line(line, &mut self.out);
            self.mode = Mode::Git(git);
            return None;
        }
        if let Some(man) = ManParser::detect(&line, &mut self.out) {
            self.mode = Mode::Man(man);
            return None;
        }
        if self.article
            && let Some((date, title)) = parse_date_line(&line.text)
        {
            self.out.push(Block::new(BlockKind::Title, title));
            self.out.push(Block::new(BlockKind::Meta, date));
            return None;
        }
        Some(line)
    }

    /// A line of plain text: code runs, paragraphs, log lines.
    fn body_line(&mut self, line: &StyledLine, blank: bool) {
        let indent = leading_spaces(&line.text);
        if self.in_code {
            if blank {
                self.code_blanks = self.code_blanks.saturating_add(1);
                return;
            }
            if indent >= CODE_INDENT {
                for _ in 0..std::mem::take(&mut self.code_blanks) {
                    self.code.push(StyledLine::default());
                    self.code_bytes += 1;
                }
                self.push_code_line(line);
                return;
            }
            self.flush_code();
        }

        if blank {
            self.flush_para();
            self.log_run = false;
            return;
        }
        if indent < CODE_INDENT && is_log_line(&line.text) {
            // A log (`tail -f`): each time-stamped line is a line of its own, not prose.
            self.flush_para();
            let mut block = styled_block(
                BlockKind::Verbatim,
                &line.slice(0..line.text.trim_end().len()),
            );
            block.continues = self.log_run;
            self.log_run = true;
            self.out.push(block);
            return;
        }
        self.log_run = false;
        if indent >= CODE_INDENT && self.para.text.is_empty() && !self.para_split {
            self.in_code = true;
            self.push_code_line(line);
            return;
        }

        if !self.para_split {
            self.para_raw
                .push(line.slice(0..line.text.trim_end().len()));
        }
        if !self.para.text.is_empty() {
            self.para.push_str(" ");
        }
        self.para.push_slice(line, trimmed(&line.text));
        self.para_lines = self.para_lines.saturating_add(1);
        if self.para.text.len() > MAX_BLOCK_BYTES {
            self.split_para();
        }
    }

    /// The rest of an overlong line whose head went to the paragraph or code run; false when
    /// there is nothing to continue (the head was blank).
    fn continue_line(&mut self, line: &StyledLine, spaced: bool) -> bool {
        let end = line.text.trim_end().len();
        if self.in_code {
            let Some(last) = self.code.last_mut() else {
                return false;
            };
            if spaced {
                last.push_str(" ");
            }
            last.push_slice(line, 0..end);
            self.code_bytes += line.text.len() + 1;
            if self.code_bytes > MAX_BLOCK_BYTES {
                self.emit_code();
            }
            return true;
        }
        if self.para.text.is_empty() && !self.para_split {
            return false;
        }
        self.para_raw.clear();
        let range = if spaced { trimmed(&line.text) } else { 0..end };
        if spaced && !self.para.text.is_empty() {
            self.para.push_str(" ");
        }
        self.para.push_slice(line, range);
        if self.para.text.len() > MAX_BLOCK_BYTES {
            self.split_para();
        }
        true
    }

    /// Emit all but the last (at most [`MAX_BLOCK_BYTES`]) bytes of an overlong paragraph.
    fn split_para(&mut self) {
        self.para_raw.clear();
        let text = std::mem::take(&mut self.para);
        let mut start = 0;
        while text.text.len() - start > MAX_BLOCK_BYTES {
            let (end, next) = cut_point(&text.text[start..], MAX_BLOCK_BYTES, char::is_whitespace);
            let piece_end = start + text.text[start..start + end].trim_end().len();
            self.emit_para(&text, start..piece_end);
            start += next;
        }
        let rest = start + (text.text.len() - start - text.text[start..].trim_start().len());
        self.para = text.slice(rest..text.text.len());
    }

    fn emit_para(&mut self, text: &StyledLine, range: std::ops::Range<usize>) {
        if range.is_empty() {
            return;
        }
        let block = styled_block(BlockKind::Paragraph, &text.slice(range));
        let mut block = block;
        block.source_lines = std::mem::take(&mut self.para_lines);
        block.continues = self.para_split;
        self.para_split = true;
        self.out.push(block);
    }

    fn flush_para(&mut self) {
        // Taken and given back emptied: the buffers keep their room for the next paragraph.
        let mut text = std::mem::take(&mut self.para);
        let mut raw = std::mem::take(&mut self.para_raw);
        if !self.para_split && is_verbatim(&raw) {
            let mut block = styled_block(BlockKind::Verbatim, &join_dedented(&raw));
            block.source_lines = std::mem::take(&mut self.para_lines);
            self.out.push(block);
        } else {
            self.emit_para(&text, 0..text.text.len());
            self.para_lines = 0;
        }
        self.para_split = false;
        text.clear();
        raw.clear();
        (self.para, self.para_raw) = (text, raw);
    }

    fn push_code_line(&mut self, line: &StyledLine) {
        let line = line.slice(0..line.text.trim_end().len());
        self.code_bytes += line.text.len() + 1;
        self.code.push(line);
        if self.code_bytes > MAX_BLOCK_BYTES {
            self.emit_code();
        }
    }

    /// Emit the buffered code lines as one or more pieces.
    fn emit_code(&mut self) {
        let lines = std::mem::take(&mut self.code);
        self.code_bytes = 0;
        if lines.is_empty() {
            return;
        }
        let indent = *self
            .code_indent
            .get_or_insert_with(|| common_indent(&lines));
        let source_lines = u32::try_from(lines.len()).unwrap_or(u32::MAX);
        let text = join_lines(&lines, indent);
        let base = text.text.as_ptr() as usize;
        for (i, piece) in line_pieces(&text.text).into_iter().enumerate() {
            let start = (piece.as_ptr() as usize).saturating_sub(base);
            let range = start..start + piece.len();
            let mut block = styled_block(BlockKind::Code, &text.slice(range));
            block.source_lines = if i == 0 { source_lines } else { 0 };
            block.continues = self.code_split;
            self.code_split = true;
            self.out.push(block);
        }
    }

    fn flush_code(&mut self) {
        if self.in_code {
            self.emit_code();
        }
        self.in_code = false;
        self.code_blanks = 0;
        self.code_indent = None;
        self.code_split = false;
    }
}

/// A block of `kind` holding a styled text.
pub(crate) fn styled_block(kind: BlockKind, line: &StyledLine) -> Block {
    // A clone has the exact capacity (`clone_from` into an empty vector reserves at least
    // four runs): a git log has tens of thousands of one-run blocks.
    Block::with_runs(kind, line.text.clone(), line.runs.clone())
}

/// The byte range of `text` without its leading and trailing whitespace.
pub(crate) fn trimmed(text: &str) -> std::ops::Range<usize> {
    let start = text.len() - text.trim_start().len();
    start..start.max(text.trim_end().len())
}

/// The smallest indentation of the non-empty lines.
fn common_indent(lines: &[StyledLine]) -> usize {
    lines
        .iter()
        .filter(|l| !l.text.is_empty())
        .map(|l| leading_spaces(&l.text))
        .min()
        .unwrap_or(0)
}

/// Lines joined with `\n`, each with up to `indent` leading spaces removed.
fn join_lines(lines: &[StyledLine], indent: usize) -> StyledLine {
    let mut text = StyledLine::default();
    text.text
        .reserve(lines.iter().map(|l| l.text.len() + 1).sum());
    for (i, l) in lines.iter().enumerate() {
        if i > 0 {
            text.push_str("\n");
        }
        text.push_slice(l, leading_spaces(&l.text).min(indent)..l.text.len());
    }
    text
}

/// Lines joined with `\n` with their common indentation removed.
pub(crate) fn join_dedented(lines: &[StyledLine]) -> StyledLine {
    join_lines(lines, common_indent(lines))
}

/// Number of leading spaces (tabs are already expanded).
pub(crate) fn leading_spaces(line: &str) -> usize {
    line.len() - line.trim_start_matches(' ').len()
}

/// Match `^\s*date\s+(\d{4}-\d{2}-\d{2})\s+(.+)$`; returns the date and the trimmed title.
pub(crate) fn parse_date_line(line: &str) -> Option<(&str, &str)> {
    let rest = line.trim_start().strip_prefix("date")?;
    let after_space = rest.trim_start();
    if after_space.len() == rest.len() {
        return None;
    }
    let date = after_space.get(..10).filter(|d| super::is_iso_date(d))?;
    let tail = &after_space[10..];
    let title = tail.trim();
    if title.is_empty() || tail.trim_start().len() == tail.len() {
        return None;
    }
    Some((date, title))
}

/// Parse a whole text at once (a leading BOM is ignored); `article` enables the `date YYYY-MM-DD Title` first line, whose
/// title and date also go to [`Document::title`] and [`Document::date`].
#[must_use]
pub fn parse(text: &str, article: bool) -> Document {
    let text = text.strip_prefix('\u{FEFF}').unwrap_or(text);
    let mut p = PlainParser::new(article);
    let mut blocks = p.push(text);
    blocks.extend(p.finish());
    let (title, date) = super::title_of(&blocks[..blocks.len().min(2)]).unwrap_or_default();
    Document {
        title,
        date,
        blocks,
        ..Document::default()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::sanitize::is_clean;
    use std::fmt::Write as _;

    fn stream(text: &str, chunk: usize, article: bool) -> Vec<Block> {
        let mut p = PlainParser::new(article);
        let mut blocks = Vec::new();
        let mut start = 0;
        while start < text.len() {
            let mut end = (start + chunk).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            blocks.extend(p.push(&text[start..end]));
            start = end;
        }
        blocks.extend(p.finish());
        blocks
    }

    fn texts(doc: &Document) -> Vec<(BlockKind, &str)> {
        doc.blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect()
    }

    #[test]
    fn builtin_article() {
        let doc = parse(crate::BUILTIN_ARTICLE, true);
        assert_eq!(
            doc.title,
            "Building community with shared future for mankind: A glorious banner leading \
             progress of times"
        );
        assert_eq!(doc.date.as_deref(), Some("2024-01-11"));
        assert_eq!(doc.blocks[0].kind, BlockKind::Title);
        assert_eq!(doc.blocks[1].kind, BlockKind::Meta);
        assert_eq!(doc.blocks[1].text, "2024-01-11");
        let paras = doc
            .blocks
            .iter()
            .filter(|b| b.kind == BlockKind::Paragraph)
            .count();
        assert_eq!(paras, 19);
        assert_eq!(doc.blocks.len(), 21);
        assert!(doc.blocks.iter().all(|b| is_clean(&b.text) && !b.continues));
        // Not an article: the date line is a paragraph.
        let doc = parse(crate::BUILTIN_ARTICLE, false);
        assert_eq!(doc.title, "");
        assert_eq!(doc.blocks.len(), 20);
    }

    #[test]
    fn streaming_equals_one_shot() {
        let long_line = format!("{}\n\n", "word ".repeat(30_000));
        let inputs = [
            crate::BUILTIN_ARTICLE.to_string(),
            crate::BUILTIN_ARTICLE.replace('\n', "\r\n"),
            crate::BUILTIN_ARTICLE.replace('\n', "\r"),
            "a\r\nb\r\rc\n\n    code\r\n\r\n      more\r\nd\té".to_string(),
            long_line,
            "\x1b[33mcommit 1234abc\x1b[m\n\x1b[1;31m-red\x1b[m\n\x1b[32m+gr\neen\x1b[0m\n\nN\x08NA\x08AM\x08ME\x08E _\x08x\n".to_string(),
            format!("{}\n", "ab\x1b[1mcd\x1b[0m".repeat(20_000)),
        ];
        for text in &inputs {
            let one = parse(text, true).blocks;
            for chunk in [1, 7, 4096] {
                assert_eq!(stream(text, chunk, true), one, "chunk {chunk}");
            }
        }
    }

    #[test]
    fn paragraphs_and_line_endings() {
        let doc = parse("  one\ntwo  \n \t \nthree\r\nfour\rfive\r\n\r\nsix", false);
        assert_eq!(
            texts(&doc),
            [
                (BlockKind::Paragraph, "one two"),
                (BlockKind::Paragraph, "three four five"),
                (BlockKind::Paragraph, "six")
            ]
        );
        assert_eq!(doc.blocks[0].source_lines, 2);
        assert_eq!(doc.blocks[1].source_lines, 3);
        // A lone CR is a line break, so nothing is lost.
        let doc = parse("50%\r100%\n", false);
        assert_eq!(texts(&doc), [(BlockKind::Paragraph, "50% 100%")]);
        assert!(!doc.blocks[0].text.contains('\r'));
    }

    #[test]
    fn hand_laid_out_paragraphs_keep_their_lines() {
        let text = "Name      Age\nAlice     30\nBob       4\n\n  Roses are red,\n    violets are blue\n\n┌──┐\n│ab│\n└──┘\n\nplain prose that\nwraps normally\n";
        let doc = parse(text, false);
        let kinds: Vec<(BlockKind, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            vec![
                (
                    BlockKind::Verbatim,
                    "Name      Age\nAlice     30\nBob       4"
                ),
                (BlockKind::Verbatim, "Roses are red,\n  violets are blue"),
                (BlockKind::Verbatim, "┌──┐\n│ab│\n└──┘"),
                (BlockKind::Paragraph, "plain prose that wraps normally"),
            ]
        );
    }

    #[test]
    fn indented_verse_keeps_its_lines_and_indented_prose_is_reflowed() {
        let text = "   O thou that sea-walls sever\n   From lands unwalled by seas!\n   Wilt thou endure forever?\n\n   SWINBURNE.\n\n  An indented paragraph of prose runs its lines out to the width\n  and goes on in lowercase where a line of verse would not.\n\n  Short Lines\n  in lowercase\n";
        let doc = parse(text, false);
        assert_eq!(
            texts(&doc),
            [
                (
                    BlockKind::Verbatim,
                    "O thou that sea-walls sever\nFrom lands unwalled by seas!\nWilt thou endure forever?"
                ),
                (BlockKind::Paragraph, "SWINBURNE."),
                (
                    BlockKind::Paragraph,
                    "An indented paragraph of prose runs its lines out to the width and goes on in lowercase where a line of verse would not."
                ),
                (BlockKind::Paragraph, "Short Lines in lowercase"),
            ]
        );
    }

    #[test]
    fn long_lined_verse_keeps_its_lines() {
        let text = "   Is it well that while we range with Science, glorying in the time,\n   City children soak and blacken soul and sense in city slime?\n   There among the gloomy alleys Progress halts on palsied feet;\n\n   An indented paragraph of prose runs its lines out to the width,\n   Breaking where the margin falls and not where a clause would end\n   Whatever the words are.\n";
        let doc = parse(text, false);
        assert_eq!(doc.blocks[0].kind, BlockKind::Verbatim);
        assert_eq!(doc.blocks[0].text.lines().count(), 3);
        assert_eq!(
            doc.blocks[1].kind,
            BlockKind::Paragraph,
            "a line that ends mid-clause is prose"
        );
    }

    #[test]
    fn an_overlong_line_shows_before_it_ends() {
        let words = "word ".repeat(60_000); // 300 KB, one line, no newline yet
        let mut p = PlainParser::new(false);
        let mut early = Vec::new();
        for chunk in words.as_bytes().chunks(4096) {
            early.extend(p.push(std::str::from_utf8(chunk).unwrap_or_default()));
        }
        assert!(!early.is_empty(), "no block before the line ended");
        let mut all = early;
        all.extend(p.push("end\n"));
        all.extend(p.finish());
        let joined: Vec<&str> = all.iter().flat_map(|b| b.text.split_whitespace()).collect();
        assert_eq!(joined.len(), 60_001);
        assert!(joined.iter().take(60_000).all(|w| *w == "word"));
        assert!(all.iter().all(|b| b.text.len() <= MAX_BLOCK_BYTES));
        assert!(all.iter().skip(1).all(|b| b.continues));
        // A line without any space is cut at char boundaries and loses nothing.
        let mut p = PlainParser::new(false);
        let nuls = "\0".repeat(200_000);
        let mut blocks = p.push(&nuls);
        assert!(!blocks.is_empty());
        blocks.extend(p.finish());
        assert_eq!(
            blocks.iter().map(|b| b.text.chars().count()).sum::<usize>(),
            200_000
        );
    }

    #[test]
    fn a_paused_stream_shows_its_partial_paragraph_and_continues_it() {
        let mut p = PlainParser::new(false);
        assert!(p.push("first line of a para\n").is_empty());
        let early = p.flush_partial();
        assert_eq!(early.len(), 1);
        assert_eq!(early[0].text, "first line of a para");
        let mut rest = p.push("second line\n\nnext para\n");
        rest.extend(p.finish());
        assert_eq!(rest[0].text, "second line");
        assert!(rest[0].continues);
        assert_eq!(rest[1].text, "next para");
        assert!(!rest[1].continues);
    }

    #[test]
    fn degenerate_inputs() {
        assert!(parse("", true).blocks.is_empty());
        assert!(parse("\n\n\n", true).blocks.is_empty());
        assert!(parse("\r\n\r\n  \t\n", true).blocks.is_empty());
        assert_eq!(
            texts(&parse("no newline", true)),
            [(BlockKind::Paragraph, "no newline")]
        );
        let doc = parse("date 2024-01-11 Only a title", true);
        assert_eq!(doc.title, "Only a title");
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn article_header_rules() {
        let doc = parse("\n\n  date\t2023-05-06   A  title  \nbody", true);
        assert_eq!(doc.title, "A  title");
        assert_eq!(doc.date.as_deref(), Some("2023-05-06"));
        for not_header in [
            "date 2023-5-06 x",
            "date 2023-05-06",
            "dates 2023-05-06 x",
            "x\ndate 2023-05-06 t",
        ] {
            let doc = parse(not_header, true);
            assert_eq!(doc.title, "", "{not_header:?}");
            assert!(doc.blocks.iter().all(|b| b.kind == BlockKind::Paragraph));
        }
    }

    #[test]
    fn log_lines_stay_lines_in_one_run() {
        let text = "2026-11-29 12:00:01 INFO started\n2026-11-29 12:00:02 WARN slow disk\n\
                    Nov 29 12:00:03 host sshd[1]: accepted\n[    1.234567] usb 1-1: new device\n\n\
                    Plain prose\nthat wraps.\n";
        let doc = parse(text, false);
        let kinds: Vec<(BlockKind, bool, &str)> = doc
            .blocks
            .iter()
            .map(|b| (b.kind, b.continues, b.text.as_str()))
            .collect();
        assert_eq!(
            kinds,
            [
                (
                    BlockKind::Verbatim,
                    false,
                    "2026-11-29 12:00:01 INFO started"
                ),
                (
                    BlockKind::Verbatim,
                    true,
                    "2026-11-29 12:00:02 WARN slow disk"
                ),
                (
                    BlockKind::Verbatim,
                    true,
                    "Nov 29 12:00:03 host sshd[1]: accepted"
                ),
                (
                    BlockKind::Verbatim,
                    true,
                    "[    1.234567] usb 1-1: new device"
                ),
                (BlockKind::Paragraph, false, "Plain prose that wraps."),
            ]
        );
        let oneline = parse(
            "013561d rustfmt\n* 65c7b0f +N opens\n| * 2325cb5 Merge main\n",
            false,
        );
        assert!(oneline.blocks.iter().all(|b| b.kind == BlockKind::Verbatim));
        assert_eq!(oneline.blocks.len(), 3);
        for not_log in [
            "defaced the wall",
            "1234567 people",
            "2026 was a year",
            "12:00 noon",
            "[citation needed]",
            "Nov 29 was cold",
        ] {
            assert!(!is_log_line(not_log), "{not_log}");
        }
    }

    #[test]
    fn controls_are_sanitized() {
        let input = "red \x1b[31mtext\x1b[0m\u{202E}\nnext\x07\x1b[2J";
        let doc = parse(input, false);
        assert_eq!(doc.blocks[0].text, "red text<U+202E> next␇␛[2J");
        assert_eq!(doc.blocks[0].runs().len(), 1);
        assert_eq!(doc.blocks[0].runs()[0].range(), 4..8);
        let mut p = PlainParser::new(false).showing_escapes();
        let mut blocks = p.push(input);
        blocks.extend(p.finish());
        assert_eq!(blocks[0].text, "red ␛[31mtext␛[0m<U+202E> next␇␛[2J");
        assert!(blocks[0].runs().is_empty());
        let doc = parse("date 2024-01-01 T\x1b]0;pwn\x07itle", true);
        assert_eq!(doc.title, "T␛]0;pwn␇itle");
    }

    #[test]
    fn preformatted_runs() {
        let text = "Intro line\n    not code: continues the paragraph\n\n    fn main() {\n\t    body();\n\n    }\n  back to prose\n\n\tafter tab\n";
        let doc = parse(text, false);
        assert_eq!(
            texts(&doc),
            [
                (
                    // An indented later line is hand layout: the lines are kept, not code.
                    BlockKind::Verbatim,
                    "Intro line\n    not code: continues the paragraph"
                ),
                (BlockKind::Code, "fn main() {\n        body();\n\n}"),
                (BlockKind::Paragraph, "back to prose"),
                (BlockKind::Code, "after tab"),
            ]
        );
        assert_eq!(doc.blocks[1].source_lines, 4);
        // At the very start of the text too.
        let doc = parse("    a\n      b", true);
        assert_eq!(texts(&doc), [(BlockKind::Code, "a\n  b")]);
    }

    #[test]
    fn long_paragraph_is_split() {
        let words = "lorem ipsum ".repeat(20_000); // 240 000 bytes
        let doc = parse(&words, false);
        assert!(doc.blocks.len() >= 4);
        assert!(!doc.blocks[0].continues);
        assert!(
            doc.blocks[1..]
                .iter()
                .all(|b| b.continues && b.kind == BlockKind::Paragraph)
        );
        assert!(doc.blocks.iter().all(|b| b.text.len() <= MAX_BLOCK_BYTES));
        let joined: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(joined.join(" "), words.trim_end());
        assert_eq!(doc.blocks.iter().filter(|b| b.is_paragraph()).count(), 1);

        // No whitespace at all: cut at char boundaries.
        let wide = "中".repeat(50_000);
        let doc = parse(&wide, false);
        assert!(doc.blocks.len() >= 3);
        let joined: String = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(joined, wide);

        // Code runs split at line boundaries.
        let code: String = (0..20_000).fold(String::new(), |mut s, i| {
            let _ = writeln!(s, "    line {i}");
            s
        });
        let doc = parse(&code, false);
        assert!(doc.blocks.len() >= 3);
        assert!(
            doc.blocks
                .iter()
                .all(|b| b.kind == BlockKind::Code && b.text.len() <= MAX_BLOCK_BYTES)
        );
        assert!(doc.blocks[1..].iter().all(|b| b.continues));
        assert!(doc.blocks[0].text.starts_with("line 0\nline 1\n"));
        let lines: usize = doc.blocks.iter().map(|b| b.text.lines().count()).sum();
        assert_eq!(lines, 20_000);
    }

    #[test]
    fn huge_inputs_are_linear() {
        let nul = "\0".repeat(10 << 20);
        let blocks = stream(&nul, 1 << 16, true);
        assert!(blocks.len() > 100);
        assert!(
            blocks
                .iter()
                .all(|b| b.text.len() <= MAX_BLOCK_BYTES && is_clean(&b.text))
        );
        let total: usize = blocks.iter().map(|b| b.text.chars().count()).sum();
        assert_eq!(total, 10 << 20);
        let line = "x".repeat(5 << 20);
        let doc = parse(&line, true);
        assert_eq!(doc.blocks.len(), (5 << 20) / MAX_BLOCK_BYTES);
    }

    #[test]
    fn moby_dick_bom_crlf() {
        let Some(bytes) = crate::test_corpus("moby-dick-2701-0.txt") else {
            return;
        };
        let mut d = crate::document::sanitize::Decoder::new();
        let text = d.push(&bytes) + &d.finish();
        let doc = parse(&text, true);
        assert!(doc.blocks.len() > 1000);
        assert!(doc.blocks.iter().all(|b| is_clean(&b.text)));
        assert!(!doc.blocks[0].text.starts_with('\u{FEFF}'));
    }
}
