//! Plain text and the article format: paragraphs at blank lines, hard-wrapped lines joined.

use super::{Block, BlockKind, Document};

/// Streaming parser (stub).
#[derive(Debug, Default)]
pub struct PlainParser {
    pending: String,
    para: Vec<String>,
}

impl PlainParser {
    /// A parser; `article` enables the `date YYYY-MM-DD Title` first line.
    #[must_use]
    pub fn new(_article: bool) -> Self {
        Self::default()
    }

    /// Feed decoded text; returns the blocks completed by it.
    pub fn push(&mut self, text: &str) -> Vec<Block> {
        self.pending.push_str(text);
        let mut out = Vec::new();
        while let Some(nl) = self.pending.find('\n') {
            let line: String = self.pending.drain(..=nl).collect();
            self.line(line.trim_end(), &mut out);
        }
        out
    }

    fn line(&mut self, line: &str, out: &mut Vec<Block>) {
        if line.trim().is_empty() {
            self.flush(out);
        } else {
            let mut s = String::new();
            super::sanitize::sanitize_line(line.trim(), &mut s);
            self.para.push(s);
        }
    }

    fn flush(&mut self, out: &mut Vec<Block>) {
        if !self.para.is_empty() {
            let mut b = Block::new(BlockKind::Paragraph, self.para.join(" "));
            b.source_lines = u32::try_from(self.para.len()).unwrap_or(u32::MAX);
            out.push(b);
            self.para.clear();
        }
    }

    /// End of input: returns the last blocks.
    pub fn finish(&mut self) -> Vec<Block> {
        let rest = std::mem::take(&mut self.pending);
        let mut out = Vec::new();
        self.line(rest.trim_end(), &mut out);
        self.flush(&mut out);
        out
    }
}

/// Parse a whole text at once.
#[must_use]
pub fn parse(text: &str, article: bool) -> Document {
    let mut p = PlainParser::new(article);
    let mut blocks = p.push(text);
    blocks.extend(p.finish());
    Document {
        title: String::new(),
        date: None,
        blocks,
    }
}
