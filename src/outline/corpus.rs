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
    /// Append the units of `other` (the paragraphs after these), whose records are
    /// `units[half..]` (already in place, written by the other half's thread), mapping
    /// its term and opening ids into this store's. Its vectors are rewritten after these chunk
    /// by chunk, each of its chunks freed once rewritten: the second half never exists twice.
    fn merge(mut self, other: Self, mut units: Vec<UnitInfo>, half: usize) -> Self {
        let term_map = append_names(&mut self.terms, other.terms);
        let opening_map = append_names(&mut self.openings, other.openings);
        let map = |id: u32| opening_map.get(id as usize).copied().unwrap_or(id);
        let mut scratch = Vec::new();
        let tail = units.get_mut(half..).unwrap_or_default();
        let mut k = 0;
        for (c, chunk) in other.chunks.into_iter().enumerate() {
            while k < tail.len() && split_start(tail[k].start).0 <= c {
                let from = split_start(tail[k].start).1;
                let to = match tail.get(k + 1).map(|n| split_start(n.start)) {
                    Some((nc, offset)) if nc == c => offset,
                    _ => chunk.len(),
                };
                let start = begin_vector(&mut self.chunks);
                let terms = Terms(chunk.get(from..to).unwrap_or_default());
                if let Some(out) = self.chunks.last_mut() {
                    packed::remap_into(out, terms, &term_map, &mut scratch);
                }
                tail[k].start = start;
                tail[k].opening = tail[k].opening.map(map);
                k += 1;
            }
        }
        for u in tail.iter_mut().skip(k) {
            u.start = begin_vector(&mut self.chunks);
            u.opening = u.opening.map(map);
        }
        if let Some(last) = self.chunks.last_mut() {
            last.shrink_to_fit();
        }
        self.units = units;
        self
    }

    /// How many distinct terms the vectors use (term ids are below it).
    pub(crate) fn vocab(&self) -> usize {
        self.terms.len()
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
    /// sub-sections (`None` for the others), or of the whole text when there are no headings,
    /// in paragraphs (the store's units are `grouping`'s). The term vectors are freed as soon as
    /// they are read: before the boundaries of a long text are chosen.
    pub(crate) fn segmentations(
        mut self,
        grouping: &Grouping,
        own_ranges: &[(usize, usize, usize)],
        use_headings: bool,
        params: &Params,
    ) -> Vec<Option<Segmentation>> {
        let vocab = self.vocab();
        // Paragraph ranges, and the unit ranges they are.
        let ranges: Vec<Option<(usize, usize)>> = if use_headings {
            let view = self.view();
            own_ranges
                .iter()
                .map(|&(a, z, _)| {
                    // Sub-sections only for prose: a heading over a list of one-liners (a
                    // contents block, an index) keeps plain entries.
                    let (ua, uz) = (grouping.unit_of(a), grouping.unit_of(z));
                    let words: usize = (ua..uz).map(|i| view.words(i)).sum();
                    let prose = words >= MIN_PROSE_WORDS_PER_PARAGRAPH * (z - a);
                    (z - a >= params.subsection_paragraphs && prose).then_some((a, z))
                })
                .collect()
        } else {
            vec![Some((0, grouping.first(grouping.len())))]
        };
        let unit_range = |(a, z): (usize, usize)| (grouping.unit_of(a), grouping.unit_of(z));
        let mut out: Vec<Option<Segmentation>> = vec![None; ranges.len()];
        let mut depths: Vec<Option<Vec<f64>>> = vec![None; ranges.len()];
        {
            let view = self.view();
            for (k, &range) in ranges
                .iter()
                .enumerate()
                .filter_map(|(k, r)| Some((k, r.as_ref()?)))
            {
                let (ua, uz) = unit_range(range);
                let units = view.slice(ua, uz);
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
            if let (Some(depth), Some(range)) = (depth, ranges[k]) {
                let (ua, uz) = unit_range(range);
                out[k] = Some(tiling::segment_with(
                    view.slice(ua, uz),
                    vocab,
                    params,
                    Some(depth),
                ));
            }
        }
        if !grouping.is_each() {
            for (seg, range) in out.iter_mut().zip(&ranges) {
                if let (Some(seg), Some(range)) = (seg.as_mut(), *range) {
                    seg.map_to_paragraphs(grouping, range.0, unit_range(range).0);
                }
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

/// Which paragraphs make each of the segmenter's units: one each, or in a very long text runs
/// of a few (`Params::max_units`): a 1 GB text's 2 million paragraphs then cost the term
/// vectors, records and gap scores of about 124,000 runs of 17, and its few dozen sections
/// (thousands of paragraphs each) start at a run's first paragraph. A run never crosses a break (the
/// first paragraph of each heading's own paragraphs).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Grouping {
    /// Paragraphs in all.
    paragraphs: usize,
    /// Each unit's first paragraph, when units are runs (empty: a unit per paragraph).
    starts: Vec<u32>,
}

impl Grouping {
    /// A unit per paragraph.
    pub(crate) fn each(paragraphs: usize) -> Self {
        Self {
            paragraphs,
            starts: Vec::new(),
        }
    }

    /// Units for `paragraphs` paragraphs, at most about `max_units` of them (runs of a few
    /// paragraphs when there are more), with a unit starting at each of `breaks` (sorted).
    pub(crate) fn new(paragraphs: usize, max_units: usize, breaks: &[usize]) -> Self {
        let size = paragraphs.div_ceil(max_units.max(1));
        let Ok(size32) = u32::try_from(size) else {
            return Self::each(paragraphs);
        };
        if size <= 1 || u32::try_from(paragraphs).is_err() {
            return Self::each(paragraphs);
        }
        let mut starts = Vec::with_capacity(paragraphs / size + breaks.len() + 1);
        let ends = breaks.iter().copied().filter(|&b| b > 0 && b < paragraphs);
        let mut from = 0u32;
        for end in ends.chain([paragraphs]) {
            let end = u32::try_from(end).unwrap_or(u32::MAX);
            while from < end {
                starts.push(from);
                from = from.saturating_add(size32).min(end);
            }
        }
        starts.shrink_to_fit();
        Self { paragraphs, starts }
    }

    /// How many units.
    pub(crate) fn len(&self) -> usize {
        if self.starts.is_empty() {
            self.paragraphs
        } else {
            self.starts.len()
        }
    }

    /// True when each unit is one paragraph.
    pub(crate) fn is_each(&self) -> bool {
        self.starts.is_empty()
    }

    /// The first paragraph of unit `u` (the paragraph count for `u` = [`len`](Self::len)).
    pub(crate) fn first(&self, u: usize) -> usize {
        if self.starts.is_empty() {
            u.min(self.paragraphs)
        } else {
            self.starts.get(u).map_or(self.paragraphs, |&p| p as usize)
        }
    }

    /// The paragraphs of unit `u`.
    pub(crate) fn paragraphs(&self, u: usize) -> std::ops::Range<usize> {
        self.first(u)..self.first(u + 1)
    }

    /// The unit holding paragraph `p` (the unit count for `p` past the end).
    pub(crate) fn unit_of(&self, p: usize) -> usize {
        if self.starts.is_empty() {
            p.min(self.paragraphs)
        } else if p >= self.paragraphs {
            self.starts.len()
        } else {
            self.starts.partition_point(|&s| s as usize <= p) - 1
        }
    }
}

/// Term vectors of the `n` paragraphs `text` gives, a unit each.
pub(crate) fn corpus(n: usize, text: TextOf, params: &Params) -> Store {
    corpus_of(&Grouping::each(n), text, params)
}

/// Term vectors of the units of `grouping` over the paragraphs `text` gives; a long text is
/// tokenized in two halves side by side, each writing its units' records in place in one array.
pub(crate) fn corpus_of(grouping: &Grouping, text: TextOf, params: &Params) -> Store {
    let n = grouping.len();
    if n < PARALLEL_UNITS {
        return corpus_part(0..n, grouping, text, params);
    }
    let half = n / 2;
    let mut units = vec![UnitInfo::default(); n];
    let (head, tail) = units.split_at_mut(half);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(move || part_into(half..n, grouping, text, params, tail));
        (
            part_into(0..half, grouping, text, params, head),
            second.join(),
        )
    });
    match second {
        Ok(second) => first.merge(second, units, half),
        Err(_) => corpus_part(0..n, grouping, text, params),
    }
}

/// Term vectors of units `range`, in one part.
pub(crate) fn corpus_part(
    range: std::ops::Range<usize>,
    grouping: &Grouping,
    text: TextOf,
    params: &Params,
) -> Store {
    let mut units = vec![UnitInfo::default(); range.len()];
    let mut store = part_into(range, grouping, text, params, &mut units);
    store.units = units;
    store
}

/// Term vectors of units `range`, their records written to `units` (one per unit); the store
/// returned has no records of its own.
fn part_into(
    range: std::ops::Range<usize>,
    grouping: &Grouping,
    text: TextOf,
    params: &Params,
    units: &mut [UnitInfo],
) -> Store {
    // Raw word -> term id (u32::MAX for stopwords and short words); the stoplist and the
    // stemmer run once per distinct word.
    let mut words: FxMap<String, u32> = FxMap::default();
    let mut cache = text::WordCache::new();
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut opening_ids: FxMap<String, u32> = FxMap::default();
    let mut openings: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut chunks: Vec<Vec<u8>> = Vec::new();
    let mut terms: Vec<u32> = Vec::new();
    for (u, unit) in range.zip(units.iter_mut()) {
        terms.clear();
        let paragraphs = grouping.paragraphs(u);
        let t = text(paragraphs.start);
        let mut n_words = 0;
        for p in paragraphs {
            n_words += text::for_each_word(text(p), &mut buf, |w| {
                let id = if let Some(id) = cache.get(w) {
                    id
                } else if let Some(&id) = words.get(w) {
                    cache.put(w, id);
                    id
                } else {
                    let raw = w.to_owned();
                    let mut w = raw.clone();
                    let id = match text::term_of(&mut w, params.stemming) {
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
                    cache.put(&raw, id);
                    words.insert(raw, id);
                    id
                };
                if id != u32::MAX {
                    terms.push(id);
                }
            });
        }
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
        *unit = UnitInfo {
            start,
            words: u32::try_from(n_words).unwrap_or(u32::MAX),
            opening,
            cue: cues::cue(t),
        };
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
        units: Vec::new(),
        openings,
        terms,
    }
}
