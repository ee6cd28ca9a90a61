//! Term vectors of every paragraph, packed in byte chunks, tokenized in two halves side by side
//! for a long text, with each paragraph's opening words and discourse cue.

use super::Params;
use super::cues;
use super::packed::{self, Terms};
use super::text::{self, FxMap};
use super::tiling::{self, Segmentation};

/// Term vectors of every paragraph, packed (`packed`) one after another in chunks of a few
/// megabytes (few allocations: a 20 MB text has tens of thousands of paragraphs; and the second
/// half of a long text is rewritten chunk by chunk, each freed once read), with what else the
/// segmenter needs of each paragraph and their openings interned.
pub(crate) struct Store {
    /// Packed term vectors of every unit, one after another; a vector is never split.
    pub(crate) chunks: Vec<Vec<u8>>,
    /// Per unit: where its term vector starts, its word count, its opening and its cue.
    pub(crate) units: Vec<UnitInfo>,
    /// Opening words by id.
    pub(crate) openings: Vec<String>,
    /// Terms by id.
    pub(crate) terms: Vec<String>,
    pub(crate) vocab: usize,
}

/// What the segmenter needs to know about one paragraph (24 bytes: a long text has millions).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct UnitInfo {
    /// Where its term vector starts: its chunk above [`OFFSET_BITS`], its offset in the chunk
    /// below (it ends where the next one starts, or at the end of the chunk).
    pub(crate) start: u64,
    /// Whitespace words.
    pub(crate) words: u32,
    /// Opening word ids: the first two normalized words of its first sentence.
    pub(crate) opening: [u32; 2],
    /// The discourse cue of its opening.
    pub(crate) cue: cues::Cue,
}

/// A chunk is closed once it holds this many bytes (a kilobyte in tests, so that their texts
/// cross chunks).
const CHUNK: usize = if cfg!(test) { 1 << 10 } else { 1 << 22 };
/// A unit's start: the chunk in the bits above these, the offset in the chunk below.
const OFFSET_BITS: u32 = 40;

/// A start's chunk and offset.
fn split_start(start: u64) -> (usize, usize) {
    let chunk = usize::try_from(start >> OFFSET_BITS).unwrap_or(usize::MAX);
    let offset = usize::try_from(start & ((1 << OFFSET_BITS) - 1)).unwrap_or(usize::MAX);
    (chunk, offset)
}

/// The start of a vector about to be written to the last chunk (a new one when the last is
/// full, the full one cut to size).
fn begin_vector(chunks: &mut Vec<Vec<u8>>) -> u64 {
    if chunks.last().is_none_or(|c| c.len() >= CHUNK) {
        if let Some(full) = chunks.last_mut() {
            full.shrink_to_fit();
        }
        chunks.push(Vec::with_capacity(CHUNK + CHUNK / 8));
    }
    let chunk = chunks.len() - 1;
    let offset = chunks[chunk].len();
    ((chunk as u64) << OFFSET_BITS) | offset as u64
}

impl Store {
    /// Append the units of `other` (the paragraphs after these), mapping its term and opening
    /// ids into this store's. Its vectors are rewritten after these chunk by chunk, each of its
    /// chunks freed once rewritten: the second half never exists twice.
    pub(crate) fn merge(mut self, other: Self) -> Self {
        let term_map = append_names(&mut self.terms, other.terms);
        let opening_map = append_names(&mut self.openings, other.openings);
        let map = |id: u32| opening_map.get(id as usize).copied().unwrap_or(id);
        let mut scratch = Vec::new();
        self.units.reserve_exact(other.units.len());
        let mut units = other.units.iter().peekable();
        for (c, chunk) in other.chunks.into_iter().enumerate() {
            while let Some(u) = units.next_if(|u| split_start(u.start).0 <= c) {
                let from = split_start(u.start).1;
                let to = match units.peek().map(|n| split_start(n.start)) {
                    Some((nc, offset)) if nc == c => offset,
                    _ => chunk.len(),
                };
                let start = begin_vector(&mut self.chunks);
                let terms = Terms(chunk.get(from..to).unwrap_or_default());
                if let Some(out) = self.chunks.last_mut() {
                    packed::remap_into(out, terms, &term_map, &mut scratch);
                }
                self.units.push(UnitInfo {
                    start,
                    opening: u.opening.map(map),
                    ..*u
                });
            }
        }
        for u in units {
            let start = begin_vector(&mut self.chunks);
            self.units.push(UnitInfo {
                start,
                opening: u.opening.map(map),
                ..*u
            });
        }
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
        self.vocab = self.terms.len();
        self
    }

    /// The segmenter's view of every unit.
    pub(crate) fn view(&self) -> Units<'_> {
        Units {
            info: &self.units,
            chunks: &self.chunks,
            next: None,
            openings: &self.openings,
        }
    }
}

/// Paragraphs as the segmenter sees them: a run of a [`Store`]'s units.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Units<'a> {
    pub(crate) info: &'a [UnitInfo],
    pub(crate) chunks: &'a [Vec<u8>],
    /// The start of the unit after these, if any (where the last one's vector may end).
    pub(crate) next: Option<u64>,
    /// Opening words by id.
    pub(crate) openings: &'a [String],
}

impl<'a> Units<'a> {
    /// How many units.
    pub(crate) fn len(self) -> usize {
        self.info.len()
    }

    /// Unit `i`'s term vector (empty once the vectors are freed).
    pub(crate) fn terms(self, i: usize) -> Terms<'a> {
        let (c, from) = split_start(self.info[i].start);
        let Some(chunk) = self.chunks.get(c) else {
            return Terms::default();
        };
        let next = self.info.get(i + 1).map(|u| u.start).or(self.next);
        let to = match next.map(split_start) {
            Some((nc, offset)) if nc == c => offset,
            _ => chunk.len(),
        };
        Terms(chunk.get(from..to).unwrap_or_default())
    }

    /// Unit `i`'s word count.
    pub(crate) fn words(self, i: usize) -> usize {
        self.info[i].words as usize
    }

    /// Unit `i`'s discourse cue.
    pub(crate) fn cue(self, i: usize) -> cues::Cue {
        self.info[i].cue
    }

    /// Unit `i`'s opening words.
    pub(crate) fn opening(self, i: usize) -> [&'a str; 2] {
        let word = |id: u32| self.openings.get(id as usize).map_or("", String::as_str);
        self.info[i].opening.map(word)
    }

    /// Units `a..z`.
    pub(crate) fn slice(self, a: usize, z: usize) -> Self {
        Units {
            info: &self.info[a..z],
            next: self.info.get(z).map(|u| u.start).or(self.next),
            ..self
        }
    }
}

/// Add the names of `more` to `names` (a name already there keeps its id); returns the new id
/// of each of `more`'s ids.
pub(crate) fn append_names(names: &mut Vec<String>, more: Vec<String>) -> Vec<u32> {
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

impl Store {
    /// The segmentation of each heading's own paragraphs `(a, z, _)` that gets derived
    /// sub-sections (`None` for the others), or of the whole text when there are no headings.
    /// The term vectors are freed as soon as they are read: before the boundaries of a long
    /// text are chosen.
    pub(crate) fn segmentations(
        mut self,
        own_ranges: &[(usize, usize, usize)],
        use_headings: bool,
        params: &Params,
    ) -> Vec<Option<Segmentation>> {
        let vocab = self.vocab;
        let ranges: Vec<Option<(usize, usize)>> = if use_headings {
            let view = self.view();
            own_ranges
                .iter()
                .map(|&(a, z, _)| {
                    // Sub-sections only for prose: a heading over a list of one-liners (a
                    // contents block, an index) keeps plain entries.
                    let words: usize = (a..z).map(|i| view.words(i)).sum();
                    let prose = words >= MIN_PROSE_WORDS_PER_PARAGRAPH * (z - a);
                    (z - a >= params.subsection_paragraphs && prose).then_some((a, z))
                })
                .collect()
        } else {
            vec![Some((0, self.units.len()))]
        };
        let mut out: Vec<Option<Segmentation>> = vec![None; ranges.len()];
        let mut depths: Vec<Option<Vec<f64>>> = vec![None; ranges.len()];
        {
            let view = self.view();
            for (k, &(a, z)) in ranges
                .iter()
                .enumerate()
                .filter_map(|(k, r)| Some((k, r.as_ref()?)))
            {
                let units = view.slice(a, z);
                if tiling::needs_depths(units, params) {
                    depths[k] = Some(tiling::depths(units, vocab, params));
                } else {
                    out[k] = Some(tiling::segment(units, vocab, params));
                }
            }
        }
        self.chunks = Vec::new();
        let view = self.view();
        for (k, depth) in depths.into_iter().enumerate() {
            if let (Some(depth), Some((a, z))) = (depth, ranges[k]) {
                out[k] = Some(tiling::segment_with(
                    view.slice(a, z),
                    vocab,
                    params,
                    Some(depth),
                ));
            }
        }
        out
    }
}

/// Average words per paragraph below which a heading section is a list, not prose.
const MIN_PROSE_WORDS_PER_PARAGRAPH: usize = 12;

/// Paragraphs from which tokenizing is split across two threads.
pub(crate) const PARALLEL_UNITS: usize = 4096;

/// The text of paragraph `i` (the paragraphs are read where they are, not gathered first).
pub(crate) type TextOf<'t, 'a> = &'t (dyn Fn(usize) -> &'a str + Sync);

/// Term vectors of the `n` paragraphs `text` gives; a long text is tokenized in two halves
/// side by side.
pub(crate) fn corpus(n: usize, text: TextOf, params: &Params) -> Store {
    if n < PARALLEL_UNITS {
        return corpus_part(0..n, text, params);
    }
    let (head, tail) = (0..n / 2, n / 2..n);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| corpus_part(tail, text, params));
        (corpus_part(head, text, params), second.join())
    });
    match second {
        Ok(second) => first.merge(second),
        Err(_) => corpus_part(0..n, text, params),
    }
}

/// Term vectors of paragraphs `range`, in one part.
pub(crate) fn corpus_part(range: std::ops::Range<usize>, text: TextOf, params: &Params) -> Store {
    // Raw word -> term id (u32::MAX for stopwords and short words); the stoplist and the
    // stemmer run once per distinct word.
    let mut words: FxMap<String, u32> = FxMap::default();
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut opening_ids: FxMap<String, u32> = FxMap::default();
    let mut openings: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut units = Vec::with_capacity(range.len());
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut terms: Vec<u32> = Vec::new();
    for t in range.map(text) {
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
        let start = begin_vector(&mut chunks);
        if let Some(pairs) = chunks.last_mut() {
            packed::push_vector(
                pairs,
                terms
                    .chunk_by(|a, b| a == b)
                    .map(|run| (run[0], u32::try_from(run.len()).unwrap_or(u32::MAX))),
            );
        }
        let opening = tiling::opening(t).map(|w| {
            *opening_ids.entry(w).or_insert_with_key(|w| {
                openings.push(w.clone());
                u32::try_from(openings.len() - 1).unwrap_or(u32::MAX)
            })
        });
        units.push(UnitInfo {
            start,
            words: u32::try_from(n_words).unwrap_or(u32::MAX),
            opening,
            cue: cues::cue(t),
        });
    }
    let mut terms = vec![String::new(); ids.len()];
    for (term, id) in ids {
        if let Some(slot) = terms.get_mut(id as usize) {
            *slot = term;
        }
    }
    if let Some(last) = chunks.last_mut() {
        last.shrink_to_fit();
    }
    Store {
        chunks,
        units,
        openings,
        vocab: terms.len(),
        terms,
    }
}
