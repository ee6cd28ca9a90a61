//! The document being read and what is known about it: its blocks as they arrive, loading
//! progress, and the outline once computed (sections, headings, the section at a block).

use std::sync::Arc;

use crate::document::{Block, BlockKind, Document};
use crate::layout::Pos;
use crate::outline::{self, NodeKind, Outline};

/// Loading progress.
#[derive(Clone, Debug, Default)]
pub struct LoadState {
    /// True once the loader has sent everything.
    pub done: bool,
    /// Bytes read so far.
    pub bytes: u64,
    /// Total size when known (regular files).
    pub total: Option<u64>,
}

/// Blocks sent ahead of the rest (a saved place far into the file): they sit at their index
/// behind empty places that the blocks in front of them fill as they arrive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Ahead {
    /// The index of the first block sent ahead.
    pub at: usize,
    /// Places in front of them filled so far.
    pub filled: usize,
    /// One past the last block sent ahead.
    pub end: usize,
    /// The byte of the source the loader sought to for them.
    pub seek: u64,
}

/// The document, its byte offsets and its outline.
#[derive(Debug)]
pub struct Content {
    /// The document (shared with background analysis once loaded).
    pub doc: Arc<Document>,
    /// `cum_bytes[i]` = bytes of text before block `i`; one entry more than blocks.
    pub cum_bytes: Vec<usize>,
    /// The contents.
    pub outline: Outline,
    /// True once the outline was computed.
    pub outline_ready: bool,
    /// True once the key terms were computed.
    pub terms_ready: bool,
    /// Loading progress.
    pub load: LoadState,
    /// Blocks sent ahead, until the ones in front of them have all arrived.
    pub ahead: Option<Ahead>,
    /// The blocks that were sent ahead, once joined: a place among them is sought as it was
    /// (the reads there were not checkpointed).
    pub(super) sent_ahead: Option<Ahead>,
    /// After each read of the source: (blocks loaded from the start, bytes read). Every block
    /// from the first count + 1 on starts at or after that byte: where to seek next time.
    pub(super) checkpoints: Vec<(usize, u64)>,
}

impl Default for Content {
    fn default() -> Self {
        Self::new(String::new(), None)
    }
}

impl Content {
    /// Content with a title (the file name until the loader finds the document's own) and no
    /// blocks yet.
    #[must_use]
    pub fn new(title: String, date: Option<String>) -> Self {
        Self {
            doc: Arc::new(Document {
                title,
                date,
                ..Document::default()
            }),
            cum_bytes: vec![0],
            outline: Outline::default(),
            outline_ready: false,
            terms_ready: false,
            load: LoadState::default(),
            ahead: None,
            sent_ahead: None,
            checkpoints: Vec::new(),
        }
    }

    /// Append blocks sent by the loader; while blocks sent ahead wait, fill the places in
    /// front of them first.
    pub fn add_blocks(&mut self, blocks: Vec<Block>) {
        let doc = Arc::make_mut(&mut self.doc);
        let mut blocks = blocks.into_iter();
        if let Some(ahead) = self.ahead.as_mut() {
            for block in blocks.by_ref().take(ahead.at - ahead.filled) {
                doc.blocks[ahead.filled] = block;
                ahead.filled += 1;
            }
        }
        for block in blocks {
            let end = self.cum_bytes.last().copied().unwrap_or(0) + block.text.len();
            self.cum_bytes.push(end);
            doc.blocks.push(block);
        }
    }

    /// Blocks sent ahead: `blocks` holds `at` empty places, then the blocks of the place, read
    /// from byte `seek` of the source (the places' offsets are spread up to `seek`, an
    /// estimate until they are filled). Ignored once blocks are there.
    pub fn add_ahead(&mut self, at: usize, blocks: Vec<Block>, seek: u64) {
        if !self.doc.blocks.is_empty() || blocks.len() < at {
            return;
        }
        let estimate = usize::try_from(seek).unwrap_or(usize::MAX);
        self.cum_bytes = Vec::with_capacity(blocks.capacity() + 1);
        self.cum_bytes
            .extend((0..=at).map(|i| estimate.saturating_mul(i).checked_div(at).unwrap_or(0)));
        let mut end = self.cum_bytes.last().copied().unwrap_or(0);
        for b in &blocks[at..] {
            end += b.text.len();
            self.cum_bytes.push(end);
        }
        self.ahead = Some(Ahead {
            at,
            filled: 0,
            end: blocks.len(),
            seek,
        });
        Arc::make_mut(&mut self.doc).blocks = blocks;
    }

    /// The blocks in front of those sent ahead have all arrived: offsets are exact again.
    pub fn join_ahead(&mut self) {
        self.sent_ahead = self.ahead.take();
        self.recount();
    }

    /// Drop every block from `from` on (the blocks sent ahead were wrong).
    pub fn discard_from(&mut self, from: usize) {
        self.ahead = None;
        self.sent_ahead = None;
        Arc::make_mut(&mut self.doc).blocks.truncate(from);
        self.checkpoints.retain(|&(n, _)| n <= from);
        self.recount();
    }

    /// Byte offsets computed again from the blocks.
    fn recount(&mut self) {
        self.cum_bytes.clear();
        self.cum_bytes.push(0);
        let mut end = 0;
        for b in &self.doc.blocks {
            end += b.text.len();
            self.cum_bytes.push(end);
        }
    }

    /// Blocks there from the start on, with no gap.
    #[must_use]
    pub fn head(&self) -> usize {
        self.ahead.map_or(self.doc.blocks.len(), |a| a.filled)
    }

    /// The loader read `bytes` of `total`: progress, and a checkpoint for seeking.
    pub fn progress(&mut self, bytes: u64, total: Option<u64>) {
        self.load.bytes = bytes;
        self.load.total = total;
        let head = self.head();
        match self.checkpoints.last_mut() {
            Some(last) if last.0 == head => last.1 = bytes,
            Some(last) if last.0 > head || last.1 > bytes => {}
            _ => self.checkpoints.push((head, bytes)),
        }
    }

    /// A byte offset of the source at or before the start of `block`, a chunk or two early
    /// (where a parse started there finds the block); `None` when no read is known to have
    /// ended before it.
    #[must_use]
    pub fn seek_for(&self, block: usize) -> Option<u64> {
        if let Some(ahead) = self
            .ahead
            .or(self.sent_ahead)
            .filter(|a| (a.at..a.end).contains(&block))
        {
            return Some(ahead.seek);
        }
        let k = self.checkpoints.partition_point(|&(n, _)| n < block);
        let (_, bytes) = self.checkpoints.get(k.checked_sub(2)?)?;
        Some(*bytes)
    }

    /// The loader settled the document's title and date (`is_name`: the title is the source's
    /// name).
    pub fn set_title(&mut self, title: String, date: Option<String>, is_name: bool) {
        let doc = Arc::make_mut(&mut self.doc);
        doc.title = title;
        doc.title_is_name = is_name;
        if date.is_some() {
            doc.date = date;
        }
    }

    /// The title to show: the document's own, else (when its title is only the file's name)
    /// the title its front matter gives, once the outline has found it.
    #[must_use]
    pub fn title(&self) -> &str {
        if self.doc.title_is_name && self.outline_ready && !self.outline.title.is_empty() {
            &self.outline.title
        } else {
            &self.doc.title
        }
    }

    /// Total bytes of text.
    #[must_use]
    pub fn total_bytes(&self) -> usize {
        self.cum_bytes.last().copied().unwrap_or(0)
    }

    /// Bytes of text before a position.
    #[must_use]
    pub fn offset_of(&self, block: usize, byte: usize) -> usize {
        let len = self.doc.blocks.get(block).map_or(0, |b| b.text.len());
        self.cum_bytes.get(block).copied().unwrap_or(0) + byte.min(len)
    }

    /// The heading level of a block: Markdown headings, and plain-text headings the outline
    /// found.
    #[must_use]
    pub fn heading_level(&self, block: usize) -> Option<u8> {
        match self.doc.blocks.get(block).map(|b| b.kind) {
            Some(BlockKind::Heading(level)) => Some(level),
            _ => self
                .outline
                .headings
                .binary_search_by_key(&block, |&(b, _)| b)
                .ok()
                .and_then(|i| self.outline.headings.get(i))
                .map(|&(_, level)| level),
        }
    }

    /// True for a node that is a section (a heading or a derived section), not a paragraph.
    #[must_use]
    pub fn is_section(&self, node: usize) -> bool {
        self.outline
            .nodes
            .get(node)
            .is_some_and(|n| !matches!(n.kind, NodeKind::Paragraph { .. }))
    }

    /// True when the outline has sections (not only paragraph entries).
    #[must_use]
    pub fn has_sections(&self) -> bool {
        (0..self.outline.nodes.len()).any(|i| self.is_section(i))
    }

    /// Where `]` (`forward`) or `[` goes from the section being read with `top` at the top of
    /// the screen: a section at the same depth or above; forward, when none is left, the next
    /// section below (in a page with one title heading over everything, its first section).
    /// At the end of the document every section on screen has been reached, so only a later
    /// one counts.
    #[must_use]
    pub fn section_target(
        &self,
        current: Option<usize>,
        top: Pos,
        forward: bool,
        at_end: bool,
    ) -> Option<usize> {
        let nodes = &self.outline.nodes;
        let current = current.or_else(|| self.section_at(top.block));
        let depth = current.map_or(u8::MAX, |i| nodes[i].depth);
        let fits = |i: usize| self.is_section(i) && nodes[i].depth <= depth;
        if forward {
            let after = match current {
                Some(i) if at_end => nodes[i].block().max(top.block),
                _ => top.block,
            };
            // Nodes are in reading order: the later ones start at the first node past `after`.
            let later = nodes.partition_point(|n| n.block() <= after)..nodes.len();
            return later
                .clone()
                .find(|&i| fits(i))
                .or_else(|| later.into_iter().find(|&i| self.is_section(i)));
        }
        match current {
            Some(i) if Pos::block_start(nodes[i].block()) < top => Some(i),
            _ => {
                let start = current.map_or(top.block, |i| nodes[i].block());
                (0..nodes.partition_point(|n| n.block() < start))
                    .rev()
                    .find(|&i| fits(i))
            }
        }
    }

    /// The deepest section node containing `block`.
    #[must_use]
    pub fn section_at(&self, block: usize) -> Option<usize> {
        let mut cur = outline::current_node(&self.outline, block);
        while let Some(i) = cur {
            if self.is_section(i) {
                return Some(i);
            }
            cur = self.outline.nodes[i].parent();
        }
        None
    }

    /// The nearest real heading at or above a node (itself when it is one).
    #[must_use]
    pub fn heading_above(&self, node: usize) -> Option<usize> {
        let mut cur = Some(node);
        while let Some(i) = cur {
            let n = self.outline.nodes.get(i)?;
            if n.kind == NodeKind::Heading {
                return Some(i);
            }
            cur = n.parent();
        }
        None
    }

    /// Paragraph position within a section: (1-based index of the paragraph at `top_block`,
    /// count). Two binary searches over the outline's sorted paragraph list.
    #[must_use]
    pub fn paragraph_in_section(&self, section: usize, top_block: usize) -> Option<(usize, usize)> {
        let node = self.outline.nodes.get(section)?;
        let paras = &self.outline.paragraphs;
        let first = paras.partition_point(|&b| b < node.block());
        let count = paras.partition_point(|&b| b < node.end_block()) - first;
        let top = top_block.min(node.end_block().saturating_sub(1));
        let upto = paras.partition_point(|&b| b <= top).saturating_sub(first);
        (count > 0).then(|| (upto.clamp(1, count), count))
    }
}
