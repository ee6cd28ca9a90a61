//! git's output (`git log`, `git log -p`, `git show`, `git diff`) as a document: commits, files
//! and hunks become headings, every other line is kept as written.
//!
//! Detected from the text alone (no `git` call): the input starts with `commit <hash>` or
//! `diff --git`. A commit becomes a level-1 heading `<short hash> <subject>` followed by its
//! header lines (`commit …`, `Author:`, `Date:`) and its message without the subject; a file
//! (`diff --git a/x b/x`) a level-2 heading naming it, followed by the `diff --git` line and
//! git's extended header; a hunk (`@@ … @@`) a level-3 heading followed by its lines, verbatim
//! (a context line holding one space stays a line of the hunk).

use super::sanitize::StyledLine;
use super::{Block, BlockKind, line_pieces};
use crate::document::plain::{join_dedented, leading_spaces, styled_block};

/// True when a text whose first non-blank line is `line` is git output.
#[must_use]
pub fn detect(line: &str) -> bool {
    commit_hash(line).is_some() || line.starts_with("diff --git ") || line.starts_with("diff --cc ")
}

/// True when `doc` was read as git output (its first block is a commit or file heading).
#[must_use]
pub fn is_git_output(doc: &super::Document) -> bool {
    matches!(
        (doc.blocks.first(), doc.blocks.get(1)),
        (Some(h), Some(next)) if matches!(h.kind, BlockKind::Heading(1 | 2))
            && next.kind == BlockKind::Verbatim
            && (next.text.starts_with("commit ") || next.text.starts_with("diff --"))
    )
}

/// The hash of a `commit <hash>` line.
fn commit_hash(line: &str) -> Option<&str> {
    let rest = line.strip_prefix("commit ")?;
    let hash = rest.split(' ').next()?;
    (hash.len() >= 7 && hash.bytes().all(|b| b.is_ascii_hexdigit())).then_some(hash)
}

/// Where the parser is.
#[derive(Debug, Default, PartialEq, Eq)]
enum State {
    /// Lines that belong to no commit, file or hunk.
    #[default]
    Other,
    /// The header lines of a commit (`commit`, `Author:`, `Date:`).
    Header,
    /// A commit's message (indented by four columns).
    Message,
    /// A file's extended header (`index`, `---`, `+++`, …).
    FileHeader,
    /// The lines of a hunk.
    Hunk,
}

/// Streaming parser for git output; fed one sanitized line at a time.
#[derive(Debug, Default)]
pub struct GitParser {
    state: State,
    /// Lines of the group being collected (header, message paragraph, hunk, …).
    group: Vec<StyledLine>,
    /// Blank lines seen inside a hunk, kept only if the hunk goes on.
    blanks: usize,
    /// The subject of the current commit has been seen.
    subject_seen: bool,
    /// The current group has had a piece emitted already (it continues).
    split: bool,
}

/// Most bytes of one group before a piece of it is emitted (a huge hunk shows as it arrives).
const GROUP_BYTES: usize = super::MAX_BLOCK_BYTES;

impl GitParser {
    /// A parser at the start of the output.
    #[must_use]
    pub fn new() -> Self {
        Self::default()
    }

    /// Take one line (sanitized, no `\n`); completed blocks go to `out`.
    pub fn line(&mut self, line: StyledLine, out: &mut Vec<Block>) {
        let text = line.text.as_str();
        if commit_hash(text).is_some() {
            self.flush(out);
            self.state = State::Header;
            self.subject_seen = false;
            self.group.push(line);
            return;
        }
        if text.starts_with("diff --git ") || text.starts_with("diff --cc ") {
            self.flush(out);
            let mut heading = StyledLine::default();
            heading.push_str(&file_name(text));
            out.push(styled_block(BlockKind::Heading(2), &heading));
            self.state = State::FileHeader;
            self.group.push(line);
            return;
        }
        if text.starts_with("@@") && matches!(self.state, State::FileHeader | State::Hunk) {
            self.flush(out);
            let end = line.text.trim_end().len();
            out.push(styled_block(BlockKind::Heading(3), &line.slice(0..end)));
            self.state = State::Hunk;
            return;
        }
        match self.state {
            State::Header if text.trim().is_empty() => {
                self.state = State::Message;
            }
            State::Message => self.message_line(line, out),
            State::Hunk => self.hunk_line(line, out),
            _ if text.trim().is_empty() => {
                if self.state != State::Header {
                    self.flush(out);
                }
            }
            _ => self.push(line, out),
        }
    }

    fn message_line(&mut self, line: StyledLine, out: &mut Vec<Block>) {
        let text = line.text.as_str();
        if text.trim().is_empty() {
            if self.subject_seen {
                self.flush_group(out);
            }
            return;
        }
        if leading_spaces(text) < 4 {
            // The message is over: `--stat` lines, a `Notes:` block, the next command's output.
            self.flush(out);
            self.state = State::Other;
            self.push(line, out);
            return;
        }
        if !self.subject_seen {
            self.subject_seen = true;
            self.emit_commit(&line, out);
            return;
        }
        self.push(line, out);
    }

    fn hunk_line(&mut self, line: StyledLine, out: &mut Vec<Block>) {
        let first = line.text.chars().next();
        match first {
            None => self.blanks += 1,
            Some(' ' | '+' | '-' | '\\') => {
                for _ in 0..std::mem::take(&mut self.blanks) {
                    self.push(StyledLine::default(), out);
                }
                self.push(line, out);
            }
            Some(_) => {
                self.flush(out);
                self.state = State::Other;
                self.push(line, out);
            }
        }
    }

    /// The commit heading (`<short hash> <subject>`), then its header lines.
    fn emit_commit(&mut self, subject: &StyledLine, out: &mut Vec<Block>) {
        let mut heading = StyledLine::default();
        if let Some(first) = self.group.first() {
            let hash_at = "commit ".len();
            let hash_len = commit_hash(&first.text).map_or(0, |h| h.len().min(7));
            heading.push_slice(first, hash_at..hash_at + hash_len);
            heading.push_str(" ");
        }
        let start = leading_spaces(&subject.text);
        heading.push_slice(subject, start..subject.text.trim_end().len());
        out.push(styled_block(BlockKind::Heading(1), &heading));
        let mut header = self.take_group();
        if let Some(last) = header.last_mut() {
            last.text.truncate(last.text.trim_end().len());
        }
        self.emit_lines(&header, out);
    }

    fn push(&mut self, line: StyledLine, out: &mut Vec<Block>) {
        // Trailing spaces of a hunk line are part of the change; elsewhere they go.
        let line = if self.state == State::Hunk {
            line
        } else {
            line.slice(0..line.text.trim_end().len())
        };
        self.group.push(line);
        let bytes: usize = self.group.iter().map(|l| l.text.len() + 1).sum();
        if bytes > GROUP_BYTES {
            self.flush_group(out);
            self.split = true;
        }
    }

    fn take_group(&mut self) -> Vec<StyledLine> {
        std::mem::take(&mut self.group)
    }

    /// Emit the lines collected so far as a verbatim block; the state goes on.
    fn flush_group(&mut self, out: &mut Vec<Block>) {
        let lines = self.take_group();
        if lines.is_empty() {
            return;
        }
        if self.state == State::Header {
            // A commit whose subject has not arrived yet: show its header lines as they are.
            self.subject_seen = true;
        }
        let first = out.len();
        self.emit_lines(&lines, out);
        if self.split
            && let Some(block) = out.get_mut(first)
        {
            block.continues = true;
        }
    }

    /// Lines as verbatim blocks: a hunk keeps its lines exactly, other groups lose their common
    /// indentation (a commit message's four columns).
    fn emit_lines(&self, lines: &[StyledLine], out: &mut Vec<Block>) {
        let text = if self.state == State::Hunk {
            let mut text = StyledLine::default();
            for (i, l) in lines.iter().enumerate() {
                if i > 0 {
                    text.push_str("\n");
                }
                text.push_line(l);
            }
            text
        } else {
            join_dedented(lines)
        };
        let base = text.text.as_ptr() as usize;
        for (i, piece) in line_pieces(&text.text).into_iter().enumerate() {
            let start = (piece.as_ptr() as usize).saturating_sub(base);
            let mut block =
                styled_block(BlockKind::Verbatim, &text.slice(start..start + piece.len()));
            block.source_lines = u32::try_from(piece.lines().count()).unwrap_or(u32::MAX);
            block.continues = i > 0;
            out.push(block);
        }
    }

    /// End the current group and state.
    fn flush(&mut self, out: &mut Vec<Block>) {
        self.flush_group(out);
        self.split = false;
        self.blanks = 0;
    }

    /// The input paused: show what was collected (later lines continue it).
    pub fn flush_partial(&mut self, out: &mut Vec<Block>) {
        if self.state == State::Header {
            return;
        }
        let had = !self.group.is_empty();
        self.flush_group(out);
        self.split |= had;
    }

    /// End of input.
    pub fn finish(&mut self, out: &mut Vec<Block>) {
        self.flush(out);
    }
}

/// The name a `diff --git a/x b/y` line gives its file: `y`, or `x → y` for a rename.
fn file_name(line: &str) -> String {
    let rest = line
        .strip_prefix("diff --git ")
        .or_else(|| line.strip_prefix("diff --cc "))
        .unwrap_or(line)
        .trim_end();
    // `a/x b/x` with the same path on both sides: split in the middle.
    if let Some(a) = rest.strip_prefix("a/") {
        let half = a.len().saturating_sub(2) / 2;
        if let Some(b) = a.get(half + 1..).and_then(|t| t.strip_prefix("b/"))
            && a.get(..half) == Some(b)
        {
            return b.to_string();
        }
        if let Some((x, y)) = a.split_once(" b/") {
            return format!("{x} → {y}");
        }
    }
    rest.to_string()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::fmt::Write as _;

    fn parse(text: &str) -> Vec<Block> {
        crate::document::plain::parse(text, true).blocks
    }

    const LOG: &str = "\x1b[33mcommit 90b63d45c0ffee\x1b[m\x1b[33m (\x1b[m\x1b[1;36mHEAD -> \x1b[m\x1b[1;32mmain\x1b[m\x1b[33m)\x1b[m
Author: A U Thor <a@example.org>
Date:   Sun Nov 29 15:11:27 2026 +0000

    Status bar position: no clamp
    
    Found by the property test.

\x1b[1mdiff --git a/src/x.rs b/src/x.rs\x1b[m
\x1b[1mindex e89b9a2..9f291a6 100644\x1b[m
\x1b[1m--- a/src/x.rs\x1b[m
\x1b[1m+++ b/src/x.rs\x1b[m
\x1b[36m@@ -1,4 +1,4 @@\x1b[m \x1b[mfn main() {\x1b[m
 fn main() {\x1b[m
 \x1b[m
\x1b[31m-    old();\x1b[m
\x1b[32m+\x1b[m\x1b[32m    new();\x1b[m
 }\x1b[m

commit 1234567abcdef
Author: B <b@example.org>
Date:   Sat Nov 28 10:00:00 2026 +0000

    Second subject
";

    #[test]
    fn commits_files_and_hunks_become_headings() {
        let blocks = parse(LOG);
        let kinds: Vec<(BlockKind, &str)> =
            blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (
                    BlockKind::Heading(1),
                    "90b63d4 Status bar position: no clamp"
                ),
                (
                    BlockKind::Verbatim,
                    "commit 90b63d45c0ffee (HEAD -> main)\nAuthor: A U Thor <a@example.org>\nDate:   Sun Nov 29 15:11:27 2026 +0000"
                ),
                (BlockKind::Verbatim, "Found by the property test."),
                (BlockKind::Heading(2), "src/x.rs"),
                (
                    BlockKind::Verbatim,
                    "diff --git a/src/x.rs b/src/x.rs\nindex e89b9a2..9f291a6 100644\n--- a/src/x.rs\n+++ b/src/x.rs"
                ),
                (BlockKind::Heading(3), "@@ -1,4 +1,4 @@ fn main() {"),
                (
                    BlockKind::Verbatim,
                    " fn main() {\n \n-    old();\n+    new();\n }"
                ),
                (BlockKind::Heading(1), "1234567 Second subject"),
                (
                    BlockKind::Verbatim,
                    "commit 1234567abcdef\nAuthor: B <b@example.org>\nDate:   Sat Nov 28 10:00:00 2026 +0000"
                ),
            ]
        );
        // The hash keeps git's colour in the heading; removed and added lines keep theirs.
        let yellow = Some(crate::document::RunColor::Indexed(3));
        assert_eq!(blocks[0].runs()[0].range(), 0..7);
        assert_eq!(blocks[0].runs()[0].fg, yellow);
        let hunk = &blocks[6];
        let red = hunk
            .runs()
            .iter()
            .find(|r| r.fg == Some(crate::document::RunColor::Indexed(1)));
        assert_eq!(red.map(|r| &hunk.text[r.range()]), Some("-    old();"));
    }

    #[test]
    fn a_diff_alone_and_renames() {
        let blocks = parse(
            "diff --git a/old name b/new name\nsimilarity index 90%\nrename from old name\nrename to new name\n@@ -1 +1 @@\n-a\n+b\n",
        );
        assert_eq!(blocks[0].kind, BlockKind::Heading(2));
        assert_eq!(blocks[0].text, "old name → new name");
        assert_eq!(blocks.last().map(|b| b.text.as_str()), Some("-a\n+b"));
        assert_eq!(file_name("diff --git a/a b/c b/a b/c"), "a b/c");
    }

    #[test]
    fn plain_text_that_mentions_commit_is_not_git() {
        assert!(!detect("commit to the plan"));
        assert!(!detect("commit 12345"));
        assert!(detect("commit 1234567"));
        assert!(detect("diff --git a/x b/x"));
        let blocks = parse("We commit to it.\n\ndiff --git a/x b/x\n");
        assert_eq!(blocks[0].kind, BlockKind::Paragraph);
    }

    #[test]
    fn a_huge_hunk_is_split_into_continuing_blocks() {
        let mut text = String::from("diff --git a/x b/x\n@@ -1 +1 @@\n");
        for i in 0..20_000 {
            let _ = writeln!(text, "+line {i}");
        }
        let blocks = parse(&text);
        let hunk: Vec<&Block> = blocks.iter().skip(4).collect();
        assert!(hunk.len() > 2);
        assert!(
            hunk.iter()
                .all(|b| b.continues && b.text.len() <= super::super::MAX_BLOCK_BYTES)
        );
        let lines: usize = blocks.iter().skip(3).map(|b| b.text.lines().count()).sum();
        assert_eq!(lines, 20_000);
    }
}
