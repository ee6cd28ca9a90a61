//! Manual pages as `man` and `nroff` print them: the title from the header line, sections and
//! sub-sections as headings, and paragraphs re-flowed from the width man formatted for.
//!
//! Detected from the first line, `LS(1)   User Commands   LS(1)`: its width is the width
//! the page was filled to. Lines at column 0 are section headings (`NAME`, `OPTIONS`), lines
//! indented less than the body are sub-section headings. A body paragraph (up to a blank line)
//! becomes one verbatim block whose lines are the page's *logical* lines: a physical line whose
//! first word would not have fitted on the line before (nroff filled it) continues that line,
//! with the justification spaces and hyphenation undone; every logical line keeps its
//! indentation relative to the body, so that the layout wraps it with a hanging indent (an
//! option's description under its `-l`, a tagged paragraph `0      if OK,` at its text).
//! The repeated header and the footer are not kept as text: the footer becomes a line of
//! metadata.

use super::sanitize::StyledLine;
use super::{Block, BlockKind};
use crate::document::plain::{leading_spaces, styled_block};
use crate::layout::display_width;

/// nroff's hyphenation hyphen (U+2010), dropped where a filled line is joined.
const HYPHEN: char = '\u{2010}';

/// True when `doc` was read as a manual page (its title block is a `NAME(section)`).
#[must_use]
pub fn is_man_page(doc: &super::Document) -> bool {
    doc.blocks.first().is_some_and(|b| {
        b.kind == BlockKind::Title
            && b.text.ends_with(')')
            && b.text.contains('(')
            && !b.text.contains(' ')
    }) && doc
        .blocks
        .iter()
        .take(4)
        .any(|b| b.kind == BlockKind::Heading(1))
}

/// One logical line of a paragraph.
#[derive(Debug)]
struct Logical {
    /// The text, with its indentation relative to the body as spaces.
    line: StyledLine,
    /// Column of the first physical line.
    indent: usize,
    /// Column of the text after a tag (`-c     with …`), when the line has one.
    tag_col: Option<usize>,
    /// Column where the last physical line ended.
    end_col: usize,
    /// Indentation of continuation lines, once one was joined.
    cont_col: Option<usize>,
}

/// Streaming parser for a manual page; fed one sanitized line at a time.
#[derive(Debug)]
pub struct ManParser {
    /// `LS(1)`.
    title: String,
    /// The header line's text, so that a repeated header is recognised.
    header: String,
    /// Width the page was filled to (the header's width).
    width: usize,
    /// Indentation of body text (the first body line's).
    body_indent: Option<usize>,
    /// The paragraph being collected.
    para: Vec<Logical>,
    /// A piece of the current paragraph was emitted already (a paused pipe).
    split: bool,
}

impl ManParser {
    /// A parser when `line` is a manual page's header line; its title blocks go to `out`.
    pub fn detect(line: &StyledLine, out: &mut Vec<Block>) -> Option<Self> {
        let text = line.text.trim();
        let (title, rest) = text.split_once(' ')?;
        let open = title.find('(')?;
        let ok = open > 0
            && title.ends_with(')')
            && title.len() > open + 2
            && title[open + 1..title.len() - 1]
                .bytes()
                .all(|b| b.is_ascii_alphanumeric());
        if !ok || !rest.ends_with(title) || !rest.starts_with("  ") {
            return None;
        }
        let middle = rest[..rest.len() - title.len()].trim();
        out.push(Block::new(BlockKind::Title, title));
        if !middle.is_empty() {
            out.push(Block::new(BlockKind::Meta, middle));
        }
        Some(Self {
            title: title.to_string(),
            header: text.to_string(),
            width: display_width(line.text.trim_end()),
            body_indent: None,
            para: Vec::new(),
            split: false,
        })
    }

    /// Take one line (sanitized, no `\n`); completed blocks go to `out`.
    pub fn line(&mut self, line: &StyledLine, out: &mut Vec<Block>) {
        let text = line.text.trim_end();
        if text.is_empty() {
            self.flush(out);
            return;
        }
        let indent = leading_spaces(text);
        let content = line.slice(indent..text.len());
        if indent == 0 && text.ends_with(self.title.as_str()) && text.contains("   ") {
            self.flush(out);
            if text != self.header {
                // The footer: its parts (source, date) as one line of metadata.
                let parts: Vec<&str> = text
                    .split("  ")
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .collect();
                let parts = &parts[..parts.len().saturating_sub(1)];
                out.push(Block::new(BlockKind::Meta, parts.join(" · ")));
            }
            return;
        }
        let body = self.body_indent.unwrap_or(5);
        if indent < body {
            self.flush(out);
            let level = if indent == 0 { 1 } else { 2 };
            out.push(styled_block(BlockKind::Heading(level), &content));
            return;
        }
        let body = *self.body_indent.get_or_insert(indent);
        if !self.join(&content, indent) {
            let mut line = StyledLine::default();
            line.push_str(&" ".repeat(indent.saturating_sub(body)));
            line.push_line(&content);
            self.para.push(Logical {
                tag_col: tag_column(&content.text).map(|c| indent + c),
                indent,
                end_col: indent + display_width(&content.text),
                cont_col: None,
                line,
            });
        }
    }

    /// Join a physical line to the last logical line when nroff filled that one.
    fn join(&mut self, content: &StyledLine, indent: usize) -> bool {
        let width = self.width;
        let Some(last) = self.para.last_mut() else {
            return false;
        };
        let first_word = content.text.split(' ').next().map_or(0, display_width);
        let filled = last.end_col + 1 + first_word > width;
        let aligned = match last.cont_col {
            Some(col) => col == indent,
            None => indent == last.indent || Some(indent) == last.tag_col,
        };
        if !filled || !aligned {
            return false;
        }
        if last.cont_col.is_none() {
            // The first line was filled (justified): undo its extra spaces, after the tag.
            let rel = leading_spaces(&last.line.text);
            let keep = if Some(indent) == last.tag_col && indent != last.indent {
                rel + last.line.text[rel..]
                    .find("  ")
                    .map_or(0, |gap| gap + leading_spaces(&last.line.text[rel + gap..]))
            } else {
                rel
            };
            let old = std::mem::take(&mut last.line);
            last.line.push_slice(&old, 0..keep);
            push_words(&mut last.line, &old, keep);
            last.cont_col = Some(indent);
        }
        if last.line.text.ends_with(HYPHEN) && content.text.starts_with(|c: char| c.is_alphabetic())
        {
            let len = last.line.text.len() - HYPHEN.len_utf8();
            last.line.truncate(len);
        } else {
            last.line.push_str(" ");
        }
        push_words(&mut last.line, content, 0);
        last.end_col = indent + display_width(&content.text);
        true
    }

    /// End the paragraph: its logical lines as one verbatim block.
    fn flush(&mut self, out: &mut Vec<Block>) {
        self.flush_partial(out);
        self.split = false;
    }

    /// The input paused: show the paragraph read so far (what follows continues it).
    pub fn flush_partial(&mut self, out: &mut Vec<Block>) {
        let para = std::mem::take(&mut self.para);
        if para.is_empty() {
            return;
        }
        let mut text = StyledLine::default();
        for (i, logical) in para.iter().enumerate() {
            if i > 0 {
                text.push_str("\n");
            }
            text.push_line(&logical.line);
        }
        // A lone paragraph of prose at the body's indentation re-flows as prose; anything with
        // hand layout (an option and its description, a table) keeps its logical lines.
        let prose = para.len() == 1 && !text.text.starts_with(' ') && !text.text.contains("  ");
        let kind = if prose {
            BlockKind::Paragraph
        } else {
            BlockKind::Verbatim
        };
        let mut block = styled_block(kind, &text);
        block.source_lines = u32::try_from(para.len()).unwrap_or(u32::MAX);
        block.continues = self.split;
        self.split = true;
        out.push(block);
    }

    /// End of input.
    pub fn finish(&mut self, out: &mut Vec<Block>) {
        self.flush(out);
    }
}

/// Column (from the start of `text`) of the text after a short tag and a gap of two or more
/// spaces: `-c     with -lt: sort …` gives 7.
fn tag_column(text: &str) -> Option<usize> {
    let gap = text.find("  ")?;
    let after = gap + leading_spaces(&text[gap..]);
    (gap > 0 && after < text.len()).then(|| display_width(&text[..after]))
}

/// Append the words of `from[start..]` to `to`, one space between them.
fn push_words(to: &mut StyledLine, from: &StyledLine, start: usize) {
    let base = from.text.as_ptr() as usize;
    let mut first = true;
    for word in from.text[start..].split(' ').filter(|w| !w.is_empty()) {
        if !first {
            to.push_str(" ");
        }
        first = false;
        let at = (word.as_ptr() as usize).saturating_sub(base);
        to.push_slice(from, at..at + word.len());
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(text: &str) -> Vec<Block> {
        crate::document::plain::parse(text, true).blocks
    }

    fn bold(s: &str) -> String {
        s.chars().flat_map(|c| [c, '\x08', c]).collect()
    }

    const PAGE: &str =
        "LS(1)                            User Commands                           LS(1)

NAME
       ls - list directory contents

DESCRIPTION
       List  information  about  the FILEs (the current directory by default).
       Sort entries alphabetically if none of -cftuvSUX nor --sort is  speci‐
       fied.

       -a, --all
              do not ignore entries starting with .

       --block-size=SIZE
              with -l, scale sizes by SIZE when printing them;  e.g.,
              '--block-size=M'; see SIZE format below

       -c     with -lt: sort by, and show, ctime (time of last modification of
              file status information)

   Exit status:
       0      if OK,

       Format  Meaning
       %a      weekday

GNU coreutils 9.1                September 2022                        LS(1)
";

    #[test]
    fn a_man_page_reads_as_a_document() {
        let page = PAGE
            .replace("NAME", &bold("NAME"))
            .replace("-a, --all", &bold("-a, --all"));
        let blocks = parse(&page);
        let kinds: Vec<(BlockKind, &str)> =
            blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Title, "LS(1)"),
                (BlockKind::Meta, "User Commands"),
                (BlockKind::Heading(1), "NAME"),
                (BlockKind::Paragraph, "ls - list directory contents"),
                (BlockKind::Heading(1), "DESCRIPTION"),
                (
                    BlockKind::Paragraph,
                    "List information about the FILEs (the current directory by default). Sort entries alphabetically if none of -cftuvSUX nor --sort is specified."
                ),
                (
                    BlockKind::Verbatim,
                    "-a, --all\n       do not ignore entries starting with ."
                ),
                (
                    BlockKind::Verbatim,
                    "--block-size=SIZE\n       with -l, scale sizes by SIZE when printing them; e.g., '--block-size=M'; see SIZE format below"
                ),
                (
                    BlockKind::Verbatim,
                    "-c     with -lt: sort by, and show, ctime (time of last modification of file status information)"
                ),
                (BlockKind::Heading(2), "Exit status:"),
                (BlockKind::Verbatim, "0      if OK,"),
                (BlockKind::Verbatim, "Format  Meaning\n%a      weekday"),
                (BlockKind::Meta, "GNU coreutils 9.1 · September 2022"),
            ]
        );
        assert_eq!(
            blocks[2].runs().len(),
            1,
            "the bold heading keeps its style"
        );
        let entry = &blocks[6];
        assert_eq!(entry.runs()[0].range(), 0..9);
        assert_eq!(entry.runs()[0].style, crate::document::Inline::STRONG);
    }

    #[test]
    fn headers_that_are_not_man_pages() {
        for first in [
            "LS(1)",
            "LS(1) x LS(1)",
            "(1)   x   (1)",
            "LS(1)   x   LS(2)",
            "L(S)   x   L(S)x",
        ] {
            let blocks = parse(&format!("{first}\n\nbody\n"));
            assert!(blocks.iter().all(|b| b.kind != BlockKind::Title), "{first}");
        }
        let blocks = parse("GIT-LOG(1)   Git Manual   GIT-LOG(1)\n");
        assert_eq!(blocks[0].text, "GIT-LOG(1)");
    }
}
