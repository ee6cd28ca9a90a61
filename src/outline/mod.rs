//! The table of contents: explicit headings, or sections derived from the paragraphs.
//!
//! Implements `docs/outline.md`: heading detection (`headings`), TextTiling-style sections over
//! paragraphs (`tiling`) and labels taken from the text (`labels`).

mod corpus;
mod cues;
mod front;
mod headings;
mod labels;
pub mod learned;
mod nav;
mod node;
mod optimal;
mod packed;
mod phrases;
mod print;
#[cfg(test)]
mod tests;
mod text;
mod tiling;
mod words;

pub use node::{Label, Node, NodeKind};
pub use print::{to_json, to_text};

use crate::document::{BlockKind, Document};
use corpus::{Grouping, corpus_of};
#[cfg(test)]
use corpus::{PARALLEL_UNITS, Store, UnitInfo, Units, corpus, corpus_part};
use labels::Topic;
use node::number32;
use std::borrow::Cow;

/// The contents of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Every node in pre-order; `block` never decreases along the list.
    pub nodes: Vec<Node>,
    /// Headings detected in plain text: (block index, level 1..=6). A `CHAPTER` line with its
    /// title on the next block lists both blocks. Heading blocks (Markdown, git, man) are not
    /// listed: their kind holds their level.
    pub headings: Vec<(usize, u8)>,
    /// True when the sections were derived from the text rather than from headings.
    pub derived: bool,
    /// The document title: its own, or from a `date YYYY-MM-DD Title` first paragraph, or its
    /// front matter's title line when the document's title is only its source's name.
    pub title: String,
    /// Block index of every body paragraph: `paragraphs[k - 1]` is ¶k.
    pub paragraphs: Vec<usize>,
    /// How the paragraph entries without a stored label are named.
    entry_names: EntryNames,
    /// Per node: one past the last node of its subtree (32 bits: there is one per paragraph).
    subtree_ends: Vec<u32>,
}

/// What names a paragraph entry on demand: its lead words, the topic phrase skipped.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct EntryNames {
    /// The text's topic phrase (an introductory clause holding it is skipped).
    topic: Option<Topic>,
    /// Label length in words.
    words: usize,
}

impl Outline {
    /// One past the last node of node `i`'s subtree (`None` past the end): its descendants are
    /// the nodes `i + 1..end`.
    #[must_use]
    pub fn subtree_end(&self, i: usize) -> Option<usize> {
        self.subtree_ends.get(i).map(|&e| e as usize)
    }

    /// The outline with its subtree ends found (where it is built: in the background, not when
    /// the contents panel installs it).
    fn with_subtree_ends(mut self) -> Self {
        let n = self.nodes.len();
        let mut ends = vec![0u32; n];
        for i in (0..n).rev() {
            let depth = self.nodes[i].depth;
            let mut end = i + 1;
            while end < n && self.nodes[end].depth > depth {
                end = ends[end] as usize;
            }
            ends[i] = u32::try_from(end).unwrap_or(u32::MAX);
        }
        self.subtree_ends = ends;
        self
    }

    /// The label of node `i`: the one it stores, or for a paragraph entry named on demand the
    /// lead words of its paragraph in `doc` (a long text has millions of entries; only those
    /// shown are named). Empty past the end.
    #[must_use]
    pub fn label(&self, doc: &Document, i: usize) -> Cow<'_, str> {
        let Some(node) = self.nodes.get(i) else {
            return Cow::Borrowed("");
        };
        match (&node.kind, doc.blocks.get(node.block())) {
            (NodeKind::Paragraph { .. }, Some(block)) if node.label.is_empty() => {
                Cow::Owned(labels::lead(
                    &block.text,
                    self.entry_names.words,
                    self.entry_names.topic.as_ref(),
                ))
            }
            _ => Cow::Borrowed(&node.label),
        }
    }

    /// Paragraph numbers (1-based, inclusive) covered by a block range, if any.
    #[must_use]
    pub fn paragraph_range(&self, block: usize, end_block: usize) -> Option<(usize, usize)> {
        let a = self.paragraphs.partition_point(|&b| b < block);
        let b = self.paragraphs.partition_point(|&b| b < end_block);
        (a < b).then_some((a + 1, b))
    }
}

/// Tunable parameters of the outline (the defaults implement docs/outline.md).
#[derive(Clone, Debug, PartialEq)]
pub struct Params {
    /// A window grows until it holds this many terms (`TextTiling` block size).
    pub block_terms: usize,
    /// … or this many paragraphs.
    pub window_paragraphs: usize,
    /// Weight terms by inverse document frequency.
    pub idf: bool,
    /// Light-stem terms.
    pub stemming: bool,
    /// Fewer paragraphs than this: no sections.
    pub min_paragraphs: usize,
    /// Fewer words than this: no sections.
    pub min_words: usize,
    /// Sanity bound on the number of sections (not a target: the text decides).
    pub max_sections: usize,
    /// A gap is a boundary when its score exceeds mean + `threshold_sd` × standard deviation.
    pub threshold_sd: f64,
    /// How much a signpost raises (a continuation lowers) the score of the gap before it.
    pub cue_weight: f64,
    /// Every derived section but the first has at least this many words.
    pub min_section_words: usize,
    /// Price of a section boundary in the optimal split, in units of ln(words).
    pub prior_weight: f64,
    /// How much a deep cohesion dip (`TextTiling` depth, relative to the deepest) lowers the
    /// price of a boundary in the optimal split.
    pub depth_weight: f64,
    /// Section label length in words.
    pub label_words: usize,
    /// Paragraph entry label length in words.
    pub entry_words: usize,
    /// A heading section with at least this many paragraphs gets derived sub-sections.
    pub subsection_paragraphs: usize,
    /// Paragraphs the segmenter reads one by one; a longer text is read in runs of a few
    /// paragraphs, so that about this many units are read (a 1 GB text's term vectors and gap
    /// scores then fit its memory budget).
    pub max_units: usize,
    /// A learned boundary scorer for texts up to 600 paragraphs (docs/outline.md §3, "A learned
    /// scorer"); `None` (the default: it did not carry over to the held-out texts) keeps the
    /// optimal split priced by `prior_weight`, `depth_weight` and `cue_weight`.
    pub model: Option<learned::BoundaryModel>,
}

impl Default for Params {
    fn default() -> Self {
        Self {
            block_terms: 40,
            window_paragraphs: 3,
            idf: true,
            stemming: true,
            min_paragraphs: 6,
            min_words: 400,
            max_sections: 40,
            threshold_sd: 0.0,
            cue_weight: 0.6,
            min_section_words: 150,
            prior_weight: 4.0,
            depth_weight: 0.8,
            label_words: 9,
            entry_words: 8,
            subsection_paragraphs: 8,
            max_units: 1 << 17,
            model: None,
        }
    }
}

/// Build the outline of a document with the default parameters.
#[must_use]
pub fn build(doc: &Document) -> Outline {
    if let Some(toc) = doc.toc.as_deref().filter(|t| !t.is_empty()) {
        return nav::build(doc, toc);
    }
    build_with(doc, &Params::default())
}

/// `date YYYY-MM-DD rest` → `rest`.
fn date_line_title(text: &str) -> Option<&str> {
    crate::document::plain::parse_date_line(text).map(|(_, title)| title)
}

/// What of a document is its body, found once for the outline and the key terms.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Body {
    /// Per block: true for text that is not the body (a `date` line, a Project Gutenberg
    /// header and licence, page furniture).
    pub skip: Vec<bool>,
    /// The document title: its own, or from a `date YYYY-MM-DD Title` first paragraph, or its
    /// front matter's title line when the document's title is only its source's name.
    pub title: String,
}

/// Find the body of a document.
#[must_use]
pub fn body(doc: &Document) -> Body {
    let (skip, title) = body_parts(doc);
    Body { skip, title }
}

/// The body paragraphs of a document: per-block skip flags and the title.
fn body_parts(doc: &Document) -> (Vec<bool>, String) {
    let mut skip = vec![false; doc.blocks.len()];
    let mut title = doc.title.trim().to_owned();
    if let Some(i) = doc
        .blocks
        .iter()
        .position(crate::document::Block::is_paragraph)
        && let Some(t) = date_line_title(&doc.blocks[i].text)
    {
        skip[i] = true;
        if title.is_empty() {
            t.clone_into(&mut title);
        }
    }
    // Project Gutenberg header and licence.
    let marker = |i: usize, m: &str| {
        let t = doc.blocks[i].text.trim_start_matches(['*', ' ']);
        doc.blocks[i].is_paragraph()
            && t.get(..m.len()).is_some_and(|p| p.eq_ignore_ascii_case(m))
            && t.to_ascii_uppercase().contains("GUTENBERG")
    };
    let mut header_title = None;
    if let Some(start) = (0..doc.blocks.len().min(200)).find(|&i| marker(i, "START OF")) {
        for s in &mut skip[..=start] {
            *s = true;
        }
        // The header's `Title:` line names the book better than the lines under the marker
        // (a producer's credit comes first there).
        header_title = doc.blocks[..start].iter().find_map(|b| {
            let rest = b.text.trim().strip_prefix("Title:")?;
            let name = rest.split(" Author:").next().unwrap_or(rest).trim();
            (!name.is_empty() && name.len() <= 200).then(|| name.to_owned())
        });
        if let Some(end) = (start..doc.blocks.len()).find(|&i| marker(i, "END OF")) {
            for s in &mut skip[end..] {
                *s = true;
            }
        }
    }
    let front = front::front_matter(doc, &skip);
    for &i in &front {
        skip[i] = true;
    }
    // A text that names itself only in its front matter is called by that name, not its file's.
    if (doc.title_is_name || title.is_empty())
        && let Some(name) = header_title.or_else(|| front::title(doc, &front))
    {
        title = name;
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.is_paragraph() && !skip[i] && b.text.len() < 400 && headings::is_furniture(&b.text) {
            skip[i] = true;
        }
    }
    (skip, title)
}

struct Builder<'a> {
    doc: &'a Document,
    params: &'a Params,
    topic: Option<Topic>,
    nodes: Vec<Node>,
}

impl Builder<'_> {
    fn push(&mut self, node: Node) -> usize {
        self.nodes.push(node);
        self.nodes.len() - 1
    }

    fn text(&self, block: usize) -> &str {
        &self.doc.blocks[block].text
    }

    /// Paragraph entries for units `range` (global indices), ending at `end`.
    fn entries(
        &mut self,
        paras: &[usize],
        range: std::ops::Range<usize>,
        end: usize,
        depth: u8,
        parent: Option<usize>,
        run: Option<&[String]>,
    ) {
        for k in range.clone() {
            let block = paras[k];
            // An entry inside a run keeps its label (the run's shared words elided); the others
            // are named on demand (`Outline::label`).
            let label = run
                .and_then(|w| labels::run_entry(self.text(block), w, self.params.entry_words))
                .unwrap_or_default();
            let end_block = if k + 1 < range.end { paras[k + 1] } else { end };
            self.push(Node::new(
                label.into(),
                depth,
                NodeKind::Paragraph {
                    number: number32(k + 1),
                },
                (block, end_block),
                parent,
            ));
        }
    }

    /// Derived sections (or bare entries for a short text) over units `range`, as `seg`
    /// (of those units) splits them.
    fn derive(
        &mut self,
        seg: &tiling::Segmentation,
        paras: &[usize],
        range: std::ops::Range<usize>,
        end: usize,
        depth: u8,
        parent: Option<usize>,
    ) -> bool {
        if seg.starts.len() < 2 {
            self.entries(paras, range, end, depth, parent, None);
            return false;
        }
        let bounds: Vec<(usize, usize)> = seg
            .starts
            .iter()
            .enumerate()
            .map(|(si, &s)| {
                let b = seg
                    .starts
                    .get(si + 1)
                    .map_or(range.end, |&e| range.start + e);
                (range.start + s, b)
            })
            .collect();
        let mut runs_words: Vec<Option<Vec<String>>> = Vec::with_capacity(bounds.len());
        let mut fixed: Vec<Option<String>> = Vec::with_capacity(bounds.len());
        for &s in &seg.starts {
            let run = seg.runs.iter().find(|r| r.0 == s).and_then(|&(ra, rb)| {
                let texts: Vec<&str> = (ra..=rb)
                    .map(|k| self.text(paras[range.start + k]))
                    .collect();
                labels::run_label(&texts, self.params.label_words)
            });
            let (l, w) = run.map_or((None, None), |(l, w)| (Some(l), Some(w)));
            fixed.push(l);
            runs_words.push(w);
        }
        let leads: Vec<String> = bounds
            .iter()
            .map(|&(a, b)| {
                labels::section_lead(
                    (a..b).map(|k| self.text(paras[k])),
                    self.params.label_words,
                    self.topic.as_ref(),
                )
            })
            .collect();
        // Distinctive phrases name the sections of a headingless text; sub-sections under a
        // heading (a novel's chapters) keep their lead clauses, which read well in narrative
        // and keep a book's outline as fast as before.
        let section_labels = if parent.is_none() {
            // Only the paragraphs the phrases are read from (a section of a long text has
            // hundreds of thousands).
            let section_texts: Vec<Vec<&str>> = bounds
                .iter()
                .map(|&(a, b)| phrases::sampled((a..b).map(|k| self.text(paras[k]))))
                .collect();
            phrases::labels(&section_texts, &leads, &fixed)
        } else {
            leads
                .into_iter()
                .zip(fixed)
                .map(|(lead, run)| run.unwrap_or(lead))
                .collect()
        };
        for (si, (&(a, b), label)) in bounds.iter().zip(section_labels).enumerate() {
            let sec_end = if b < range.end { paras[b] } else { end };
            let run_words = runs_words[si].take();
            let id = self.push(Node::new(
                label.into(),
                depth,
                NodeKind::Section {
                    number: number32(si + 1),
                },
                (paras[a], sec_end),
                parent,
            ));
            if b - a >= 2 {
                // Entries inside a run elide the run's shared words.
                let in_run = |k: usize| {
                    seg.runs
                        .iter()
                        .any(|r| range.start + r.0 <= k && k <= range.start + r.1)
                };
                for k in a..b {
                    let rw = if in_run(k) {
                        run_words.as_deref()
                    } else {
                        None
                    };
                    self.entries(
                        paras,
                        k..k + 1,
                        if k + 1 < b { paras[k + 1] } else { sec_end },
                        depth + 1,
                        Some(id),
                        rw,
                    );
                }
            }
        }
        true
    }

    /// The nodes of a text with headings: each heading, with its own paragraphs as entries or
    /// as derived sub-sections (`segs`, taken); returns whether any were derived and the
    /// heading blocks with their levels.
    fn heading_nodes(
        &mut self,
        detected: &mut [headings::Detected],
        own_ranges: &[(usize, usize, usize)],
        segs: &mut [Option<tiling::Segmentation>],
        paras: &[usize],
    ) -> (bool, Vec<(usize, u8)>) {
        let (doc, n_blocks) = (self.doc, self.doc.blocks.len());
        let mut derived = false;
        let mut heads = Vec::new();
        let first_head = detected[0].block;
        let opening = paras.partition_point(|&p| p < first_head);
        if opening > 0 {
            let id = self.push(Node::new(
                "(opening)".into(),
                0,
                NodeKind::Opening,
                (paras[0], first_head),
                None,
            ));
            self.entries(paras, 0..opening, first_head, 1, Some(id), None);
        }
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for hi in 0..detected.len() {
            let label = collapse_spaces(std::mem::take(&mut detected[hi].label));
            let d = &detected[hi];
            while stack.last().is_some_and(|&(l, _)| l >= d.level) {
                stack.pop();
            }
            let end_block = detected[hi + 1..]
                .iter()
                .find(|n| n.level <= d.level)
                .map_or(n_blocks, |n| n.block);
            let depth = u8::try_from(stack.len()).unwrap_or(u8::MAX);
            let parent = stack.last().map(|&(_, id)| id);
            let id = self.push(Node::new(
                label.into(),
                depth,
                NodeKind::Heading,
                (d.block, end_block),
                parent,
            ));
            stack.push((d.level, id));
            // The heading's own paragraphs, up to the next heading.
            let (a, z, own_end) = own_ranges[hi];
            if let Some(seg) = segs.get_mut(hi).and_then(Option::take) {
                derived |= self.derive(&seg, paras, a..z, own_end, depth + 1, Some(id));
            } else {
                self.entries(paras, a..z, own_end, depth + 1, Some(id), None);
            }
            for blk in (d.block..=d.last).filter(|&b| !is_heading_block(doc, b)) {
                heads.push((blk, d.level));
            }
        }
        (derived, heads)
    }
}

/// Build the outline of a document.
#[must_use]
pub fn build_with(doc: &Document, params: &Params) -> Outline {
    build_from(doc, params, body(doc))
}

/// Build the outline of a document whose body was already found.
#[must_use]
pub fn build_from(doc: &Document, params: &Params, body: Body) -> Outline {
    let Body { mut skip, title } = body;
    let mut detected = headings::detect(doc, &skip);
    let use_headings = detected.len() >= 2;
    for d in detected.iter().filter(|_| use_headings) {
        if let Some(covered) = skip.get_mut(d.block..=d.last) {
            covered.fill(true);
        }
    }
    let paras: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| b.is_paragraph() && !skip[*i])
        .map(|(i, _)| i)
        .collect();
    let text = |k: usize| doc.blocks[paras[k]].text.as_str();
    let topic = labels::topic_phrase(paras.len(), text, &title, params.stemming);
    let n_blocks = doc.blocks.len();
    let own_ranges: Vec<(usize, usize, usize)> = if use_headings {
        (0..detected.len())
            .map(|hi| {
                let own_end = detected.get(hi + 1).map_or(n_blocks, |n| n.block);
                let a = paras.partition_point(|&p| p < detected[hi].block);
                let z = paras.partition_point(|&p| p < own_end);
                (a, z, own_end)
            })
            .collect()
    } else {
        Vec::new()
    };
    let breaks: Vec<usize> = own_ranges.iter().map(|r| r.0).collect();
    let grouping = Grouping::new(paras.len(), params.max_units, &breaks);
    let store = corpus_of(&grouping, &text, params);
    // Every segmentation first, so the term vectors are freed before the nodes are made.
    let mut segs = store.segmentations(&grouping, &own_ranges, use_headings, params);
    drop(grouping);
    let mut b = Builder {
        doc,
        params,
        topic,
        nodes: Vec::new(),
    };
    let (mut derived, mut heads) = (false, Vec::new());
    if use_headings {
        (derived, heads) = b.heading_nodes(&mut detected, &own_ranges, &mut segs, &paras);
    } else if let Some(seg) = segs.first_mut().and_then(Option::take) {
        derived = b.derive(&seg, &paras, 0..paras.len(), n_blocks, 0, None);
    }
    let (mut nodes, mut paragraphs) = (b.nodes, paras);
    nodes.shrink_to_fit();
    paragraphs.shrink_to_fit();
    Outline {
        nodes,
        headings: heads,
        derived: derived && !use_headings,
        title,
        paragraphs,
        entry_names: EntryNames {
            topic: b.topic,
            words: params.entry_words,
        },
        subtree_ends: Vec::new(),
    }
    .with_subtree_ends()
}

/// True for a block whose kind is a heading: it carries its level itself (a git log has one
/// per hunk), [`Outline::headings`] does not list it.
fn is_heading_block(doc: &Document, block: usize) -> bool {
    matches!(doc.blocks[block].kind, BlockKind::Heading(_))
}

/// `label` with its runs of white space made one space and its ends trimmed (the label
/// itself when it already is so, as most are: no copy).
fn collapse_spaces(label: String) -> String {
    let collapsed = label.split(' ').all(|w| !w.is_empty())
        && !label.contains(|c: char| c.is_whitespace() && c != ' ');
    if collapsed {
        label
    } else {
        label.split_whitespace().collect::<Vec<_>>().join(" ")
    }
}

/// The deepest node whose block range contains `block` (O(log n) plus the tree depth).
#[must_use]
pub fn current_node(outline: &Outline, block: usize) -> Option<usize> {
    let nodes = &outline.nodes;
    let i = nodes.partition_point(|n| n.block() <= block);
    let mut cur = i.checked_sub(1)?;
    loop {
        let n = &nodes[cur];
        if n.block() <= block && block < n.end_block() {
            return Some(cur);
        }
        cur = n.parent()?;
    }
}
