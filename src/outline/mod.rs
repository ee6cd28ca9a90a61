//! The table of contents: explicit headings, or sections derived from the paragraphs.
//!
//! Implements `OUTLINE.md`: heading detection ([`headings`]), TextTiling-style sections over
//! paragraphs ([`tiling`]) and labels taken from the text ([`labels`]).

mod headings;
mod labels;
mod nav;
mod print;
#[cfg(test)]
mod tests;
mod text;
mod tiling;

pub use print::{to_json, to_text};

use crate::document::Document;
use labels::Topic;
use text::FxMap;
use tiling::UnitInfo;

/// What a contents node stands for.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A heading found in the document (Markdown or detected in plain text).
    Heading,
    /// A section derived from the paragraphs; `number` is its 1-based ordinal (`§3`).
    Section {
        /// 1-based ordinal among the derived sections of the same parent.
        number: usize,
    },
    /// A paragraph entry (`¶7`); `number` counts body paragraphs from 1.
    Paragraph {
        /// 1-based paragraph number.
        number: usize,
    },
    /// Text before the first heading.
    Opening,
}

/// One entry of the contents tree, in pre-order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Node {
    /// Text shown in the contents panel (sanitized, taken from the document).
    pub label: String,
    /// Tree depth, 0 at the top.
    pub depth: u8,
    /// The block the entry jumps to.
    pub block: usize,
    /// One past the last block the entry covers.
    pub end_block: usize,
    /// What the entry is.
    pub kind: NodeKind,
    /// Index of the parent node in [`Outline::nodes`].
    pub parent: Option<usize>,
}

/// The contents of a document.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Outline {
    /// Every node in pre-order; `block` never decreases along the list.
    pub nodes: Vec<Node>,
    /// Headings detected in plain text: (block index, level 1..=6). A `CHAPTER` line with its
    /// title on the next block lists both blocks. For Markdown, the Heading blocks.
    pub headings: Vec<(usize, u8)>,
    /// True when the sections were derived from the text rather than from headings.
    pub derived: bool,
    /// The document title (its own, or from a `date YYYY-MM-DD Title` first paragraph).
    pub title: String,
    /// Block index of every body paragraph: `paragraphs[k - 1]` is ¶k.
    pub paragraphs: Vec<usize>,
}

impl Outline {
    /// Paragraph numbers (1-based, inclusive) covered by a block range, if any.
    #[must_use]
    pub fn paragraph_range(&self, block: usize, end_block: usize) -> Option<(usize, usize)> {
        let a = self.paragraphs.partition_point(|&b| b < block);
        let b = self.paragraphs.partition_point(|&b| b < end_block);
        (a < b).then_some((a + 1, b))
    }
}

/// Tunable parameters of the outline (the defaults implement OUTLINE.md).
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
    /// Upper bound of the section cap.
    pub max_sections: usize,
    /// Section label length in words.
    pub label_words: usize,
    /// Paragraph entry label length in words.
    pub entry_words: usize,
    /// A heading section with at least this many paragraphs gets derived sub-sections.
    pub subsection_paragraphs: usize,
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
            max_sections: 12,
            label_words: 9,
            entry_words: 8,
            subsection_paragraphs: 8,
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
    /// The document title (its own, or from a `date YYYY-MM-DD Title` first paragraph).
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
            && t.contains("GUTENBERG")
    };
    if let Some(start) = (0..doc.blocks.len().min(200)).find(|&i| marker(i, "START OF")) {
        for s in &mut skip[..=start] {
            *s = true;
        }
        if let Some(end) = (start..doc.blocks.len()).find(|&i| marker(i, "END OF")) {
            for s in &mut skip[end..] {
                *s = true;
            }
        }
    }
    for (i, b) in doc.blocks.iter().enumerate() {
        if b.is_paragraph() && !skip[i] && b.text.len() < 400 && headings::is_furniture(&b.text) {
            skip[i] = true;
        }
    }
    (skip, title)
}

/// Term vectors of every paragraph in one flat buffer (few, large allocations: a 20 MB text
/// has tens of thousands of paragraphs), and their openings interned.
struct Store {
    /// Sorted `(term id, frequency)` pairs of every unit, one after another.
    pairs: Vec<(u32, u32)>,
    /// Per unit: its range in `pairs`, its word count and its opening word ids.
    units: Vec<(std::ops::Range<usize>, usize, [u32; 2])>,
    /// Opening words by id.
    openings: Vec<String>,
    /// Terms by id.
    terms: Vec<String>,
    vocab: usize,
}

impl Store {
    /// Append the units of `other` (the paragraphs after these), mapping its term and opening
    /// ids into this store's.
    fn merge(mut self, other: Self) -> Self {
        let term_map = append_names(&mut self.terms, other.terms);
        let opening_map = append_names(&mut self.openings, other.openings);
        self.pairs.reserve(other.pairs.len());
        for (range, words, [a, b]) in other.units {
            let start = self.pairs.len();
            self.pairs.extend(
                other.pairs[range]
                    .iter()
                    .map(|&(t, tf)| (term_map.get(t as usize).copied().unwrap_or(t), tf)),
            );
            // Term vectors stay sorted by id for the cosine merge.
            self.pairs[start..].sort_unstable_by_key(|p| p.0);
            let map = |id: u32| opening_map.get(id as usize).copied().unwrap_or(id);
            self.units
                .push((start..self.pairs.len(), words, [map(a), map(b)]));
        }
        self.vocab = self.terms.len();
        self
    }

    fn view(&self) -> Corpus<'_> {
        let word = |id: u32| self.openings.get(id as usize).map_or("", String::as_str);
        Corpus {
            units: self
                .units
                .iter()
                .map(|(range, words, [a, b])| UnitInfo {
                    terms: &self.pairs[range.clone()],
                    words: *words,
                    opening: [word(*a), word(*b)],
                })
                .collect(),
            vocab: self.vocab,
        }
    }
}

/// Add the names of `more` to `names` (a name already there keeps its id); returns the new id
/// of each of `more`'s ids.
fn append_names(names: &mut Vec<String>, more: Vec<String>) -> Vec<u32> {
    let mut ids: FxMap<String, u32> = FxMap::default();
    for (id, name) in names.iter().enumerate() {
        ids.insert(name.clone(), u32::try_from(id).unwrap_or(u32::MAX));
    }
    more.into_iter()
        .map(|name| {
            let next = u32::try_from(names.len()).unwrap_or(u32::MAX);
            *ids.entry(name).or_insert_with_key(|name| {
                names.push(name.clone());
                next
            })
        })
        .collect()
}

/// Per-paragraph term vectors, borrowed from a [`Store`].
struct Corpus<'a> {
    units: Vec<UnitInfo<'a>>,
    vocab: usize,
}

/// Average words per paragraph below which a heading section is a list, not prose.
const MIN_PROSE_WORDS_PER_PARAGRAPH: usize = 12;

/// Paragraphs from which tokenizing is split across two threads.
const PARALLEL_UNITS: usize = 4096;

/// Term vectors of every paragraph; a long text is tokenized in two halves side by side.
fn corpus(texts: &[&str], params: &Params) -> Store {
    if texts.len() < PARALLEL_UNITS {
        return corpus_part(texts, params, texts);
    }
    let (head, tail) = texts.split_at(texts.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| corpus_part(tail, params, tail));
        // The first half's buffer is reserved for the whole text, so merging never copies it.
        (corpus_part(head, params, texts), second.join())
    });
    match second {
        Ok(second) => first.merge(second),
        Err(_) => corpus_part(texts, params, texts),
    }
}

/// Term vectors of `texts`, with room reserved for the term vectors of `room_for`.
fn corpus_part(texts: &[&str], params: &Params, room_for: &[&str]) -> Store {
    // Raw word -> term id (u32::MAX for stopwords and short words); the stoplist and the
    // stemmer run once per distinct word.
    let mut words: FxMap<String, u32> = FxMap::default();
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut opening_ids: FxMap<String, u32> = FxMap::default();
    let mut openings: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut units = Vec::with_capacity(texts.len());
    // Every term has at least 3 letters and a separator, so this never reallocates; pages that
    // stay unused are never touched, so the reservation costs no resident memory.
    let mut pairs: Vec<(u32, u32)> =
        Vec::with_capacity(room_for.iter().map(|t| t.len() / 4 + 1).sum());
    let mut terms: Vec<u32> = Vec::new();
    for t in texts {
        terms.clear();
        let n_words = text::for_each_word(t, &mut buf, |w| {
            let id = if let Some(&id) = words.get(w.as_str()) {
                id
            } else {
                let raw = w.clone();
                let id = match text::term_of(w, params.stemming) {
                    None => u32::MAX,
                    Some(term) => {
                        if let Some(&id) = ids.get(term) {
                            id
                        } else {
                            let id = u32::try_from(ids.len()).unwrap_or(u32::MAX - 1);
                            ids.insert(term.to_owned(), id);
                            id
                        }
                    }
                };
                words.insert(raw, id);
                id
            };
            if id != u32::MAX {
                terms.push(id);
            }
        });
        terms.sort_unstable();
        let start = pairs.len();
        for &id in &terms {
            match pairs[start..].last_mut() {
                Some(last) if last.0 == id => last.1 += 1,
                _ => pairs.push((id, 1)),
            }
        }
        let opening = tiling::opening(t).map(|w| {
            *opening_ids.entry(w).or_insert_with_key(|w| {
                openings.push(w.clone());
                u32::try_from(openings.len() - 1).unwrap_or(u32::MAX)
            })
        });
        units.push((start..pairs.len(), n_words, opening));
    }
    let mut terms = vec![String::new(); ids.len()];
    for (term, id) in ids {
        if let Some(slot) = terms.get_mut(id as usize) {
            *slot = term;
        }
    }
    Store {
        pairs,
        units,
        openings,
        vocab: terms.len(),
        terms,
    }
}

struct Builder<'a> {
    doc: &'a Document,
    params: &'a Params,
    topic: Option<Topic>,
    nodes: Vec<Node>,
    /// The lead label of every paragraph unit, computed up front.
    entry_labels: Vec<String>,
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
            let computed = self
                .entry_labels
                .get_mut(k)
                .map(std::mem::take)
                .filter(|l| !l.is_empty());
            let text = self.text(block);
            let label = run
                .and_then(|w| labels::run_entry(text, w, self.params.entry_words))
                .or(computed)
                .unwrap_or_else(|| {
                    labels::lead(text, self.params.entry_words, self.topic.as_ref())
                });
            let end_block = if k + 1 < range.end { paras[k + 1] } else { end };
            self.push(Node {
                label,
                depth,
                block,
                end_block,
                kind: NodeKind::Paragraph { number: k + 1 },
                parent,
            });
        }
    }

    /// Derived sections (or bare entries for a short text) over units `range`.
    fn derive(
        &mut self,
        corpus: &Corpus<'_>,
        paras: &[usize],
        range: std::ops::Range<usize>,
        end: usize,
        depth: u8,
        parent: Option<usize>,
    ) -> bool {
        let seg = tiling::segment(&corpus.units[range.clone()], corpus.vocab, self.params);
        if seg.starts.len() < 2 {
            self.entries(paras, range, end, depth, parent, None);
            return false;
        }
        for (si, &s) in seg.starts.iter().enumerate() {
            let a = range.start + s;
            let b = seg
                .starts
                .get(si + 1)
                .map_or(range.end, |&e| range.start + e);
            let sec_end = if b < range.end { paras[b] } else { end };
            let run = seg.runs.iter().find(|r| r.0 == s).map(|&(ra, rb)| {
                let texts: Vec<&str> = (ra..=rb)
                    .map(|k| self.text(paras[range.start + k]))
                    .collect();
                labels::run_label(&texts, self.params.label_words)
            });
            let (label, run_words) = match run.flatten() {
                Some((l, w)) => (l, Some(w)),
                None => (
                    labels::lead(
                        self.text(paras[a]),
                        self.params.label_words,
                        self.topic.as_ref(),
                    ),
                    None,
                ),
            };
            let id = self.push(Node {
                label,
                depth,
                block: paras[a],
                end_block: sec_end,
                kind: NodeKind::Section { number: si + 1 },
                parent,
            });
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
    let detected = headings::detect(doc, &skip);
    let use_headings = detected.len() >= 2;
    if use_headings {
        for d in &detected {
            for s in skip.iter_mut().take(d.last + 1).skip(d.block) {
                *s = true;
            }
        }
    }
    let paras: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|(i, b)| b.is_paragraph() && !skip[*i])
        .map(|(i, _)| i)
        .collect();
    let texts: Vec<&str> = paras.iter().map(|&i| doc.blocks[i].text.as_str()).collect();
    let topic = labels::topic_phrase(&texts, &title, params.stemming);
    // The two costly passes are independent: term vectors for the segmentation, and the lead
    // label of every paragraph entry. Run them side by side.
    let (store, entry_labels) = std::thread::scope(|scope| {
        let labels = scope.spawn(|| {
            texts
                .iter()
                .map(|t| labels::lead(t, params.entry_words, topic.as_ref()))
                .collect::<Vec<String>>()
        });
        let store = corpus(&texts, params);
        let labels = labels.join().unwrap_or_default();
        (store, labels)
    });
    let corpus = store.view();
    let mut b = Builder {
        doc,
        params,
        topic,
        nodes: Vec::new(),
        entry_labels,
    };
    let n_blocks = doc.blocks.len();
    let mut derived = false;
    let mut heads = Vec::new();
    if use_headings {
        let first_head = detected[0].block;
        let opening = paras.partition_point(|&p| p < first_head);
        if opening > 0 {
            let id = b.push(Node {
                label: "(opening)".into(),
                depth: 0,
                block: paras[0],
                end_block: first_head,
                kind: NodeKind::Opening,
                parent: None,
            });
            b.entries(&paras, 0..opening, first_head, 1, Some(id), None);
        }
        let mut stack: Vec<(u8, usize)> = Vec::new();
        for (hi, d) in detected.iter().enumerate() {
            while stack.last().is_some_and(|&(l, _)| l >= d.level) {
                stack.pop();
            }
            let end_block = detected[hi + 1..]
                .iter()
                .find(|n| n.level <= d.level)
                .map_or(n_blocks, |n| n.block);
            let depth = u8::try_from(stack.len()).unwrap_or(u8::MAX);
            let parent = stack.last().map(|&(_, id)| id);
            let id = b.push(Node {
                label: d.label.split_whitespace().collect::<Vec<_>>().join(" "),
                depth,
                block: d.block,
                end_block,
                kind: NodeKind::Heading,
                parent,
            });
            stack.push((d.level, id));
            // The heading's own paragraphs, up to the next heading.
            let own_end = detected.get(hi + 1).map_or(n_blocks, |n| n.block);
            let a = paras.partition_point(|&p| p < d.block);
            let z = paras.partition_point(|&p| p < own_end);
            // Sub-sections only for prose: a heading over a list of one-liners (a contents
            // block, an index) keeps plain entries.
            let words: usize = corpus.units[a..z].iter().map(|u| u.words).sum();
            let prose = words >= MIN_PROSE_WORDS_PER_PARAGRAPH * (z - a);
            if z - a >= params.subsection_paragraphs && prose {
                derived |= b.derive(&corpus, &paras, a..z, own_end, depth + 1, Some(id));
            } else {
                b.entries(&paras, a..z, own_end, depth + 1, Some(id), None);
            }
            for blk in d.block..=d.last {
                heads.push((blk, d.level));
            }
        }
    } else {
        derived = b.derive(&corpus, &paras, 0..paras.len(), n_blocks, 0, None);
    }
    Outline {
        nodes: b.nodes,
        headings: heads,
        derived: derived && !use_headings,
        title,
        paragraphs: paras,
    }
}

/// The deepest node whose block range contains `block` (O(log n) plus the tree depth).
#[must_use]
pub fn current_node(outline: &Outline, block: usize) -> Option<usize> {
    let nodes = &outline.nodes;
    let i = nodes.partition_point(|n| n.block <= block);
    let mut cur = i.checked_sub(1)?;
    loop {
        let n = &nodes[cur];
        if n.block <= block && block < n.end_block {
            return Some(cur);
        }
        cur = n.parent?;
    }
}
