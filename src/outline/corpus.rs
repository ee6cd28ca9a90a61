//! Term vectors of every paragraph, packed in flat buffers, tokenized in two halves side by side for
//! a long text, with each paragraph's opening words and discourse cue.

use super::Params;
use super::cues;
use super::packed::{self, Terms};
use super::text::{self, FxMap};
use super::tiling::{self, Segmentation, UnitInfo};

/// Term vectors of every paragraph, packed (`packed`) in one flat buffer per part of the text
/// tokenized on its own (few, large allocations: a 20 MB text has tens of thousands of
/// paragraphs), and their openings interned.
pub(crate) struct Store {
    /// Packed term vectors of every unit, one after another, per part.
    pub(crate) parts: Vec<Vec<u32>>,
    /// Per unit: where its term vector is, its word count, its opening word ids and its cue.
    pub(crate) units: Vec<Unit>,
    /// Opening words by id.
    pub(crate) openings: Vec<String>,
    /// Terms by id.
    pub(crate) terms: Vec<String>,
    pub(crate) vocab: usize,
}

/// One paragraph of a [`Store`].
pub(crate) struct Unit {
    /// The part whose buffer holds its term vector.
    pub(crate) part: usize,
    /// The term vector's range in that buffer.
    pub(crate) range: std::ops::Range<usize>,
    /// Whitespace words.
    pub(crate) words: usize,
    /// Opening word ids.
    pub(crate) opening: [u32; 2],
    /// The discourse cue of its opening.
    pub(crate) cue: cues::Cue,
}

impl Store {
    /// Append the units of `other` (the paragraphs after these), mapping its term and opening
    /// ids into this store's. Its buffers are rewritten in place and kept, not copied: the
    /// second half of a long text's vectors never exists twice.
    pub(crate) fn merge(mut self, other: Self) -> Self {
        let term_map = append_names(&mut self.terms, other.terms);
        let opening_map = append_names(&mut self.openings, other.openings);
        let base = self.parts.len();
        let mut units = other.units;
        for (p, buf) in other.parts.into_iter().enumerate() {
            let ranges = units
                .iter_mut()
                .filter(|u| u.part == p)
                .map(|u| &mut u.range);
            self.parts.push(packed::remap(buf, ranges, &term_map));
        }
        let map = |id: u32| opening_map.get(id as usize).copied().unwrap_or(id);
        self.units.extend(units.into_iter().map(|u| Unit {
            part: base + u.part,
            opening: u.opening.map(map),
            ..u
        }));
        self.vocab = self.terms.len();
        self
    }

    /// The units taken out of the store (they go into the view, which `Store::view` makes).
    pub(crate) fn take_units(&mut self) -> Vec<Unit> {
        std::mem::take(&mut self.units)
    }

    /// The segmenter's view of `units` (taken out of this store: consumed here, so they do not
    /// stay beside the view while the text is segmented).
    pub(crate) fn view(&self, units: Vec<Unit>) -> Corpus<'_> {
        let word = |id: u32| self.openings.get(id as usize).map_or("", String::as_str);
        Corpus {
            units: units
                .into_iter()
                .map(|u| UnitInfo {
                    terms: Terms(&self.parts[u.part][u.range]),
                    words: u.words,
                    opening: u.opening.map(word),
                    cue: u.cue,
                })
                .collect(),
            vocab: self.vocab,
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

/// Per-paragraph term vectors, borrowed from a [`Store`].
pub(crate) struct Corpus<'a> {
    pub(crate) units: Vec<UnitInfo<'a>>,
    pub(crate) vocab: usize,
}

impl Corpus<'_> {
    /// The segmentation of each heading's own paragraphs `(a, z, _)` that gets derived
    /// sub-sections (`None` for the others), or of the whole text when there are no headings.
    pub(crate) fn segmentations(
        &self,
        own_ranges: &[(usize, usize, usize)],
        use_headings: bool,
        params: &Params,
    ) -> Vec<Option<Segmentation>> {
        if !use_headings {
            return vec![Some(tiling::segment(&self.units, self.vocab, params))];
        }
        own_ranges
            .iter()
            .map(|&(a, z, _)| {
                // Sub-sections only for prose: a heading over a list of one-liners (a contents
                // block, an index) keeps plain entries.
                let words: usize = self.units[a..z].iter().map(|u| u.words).sum();
                let prose = words >= MIN_PROSE_WORDS_PER_PARAGRAPH * (z - a);
                (z - a >= params.subsection_paragraphs && prose)
                    .then(|| tiling::segment(&self.units[a..z], self.vocab, params))
            })
            .collect()
    }
}

/// Average words per paragraph below which a heading section is a list, not prose.
const MIN_PROSE_WORDS_PER_PARAGRAPH: usize = 12;

/// Paragraphs from which tokenizing is split across two threads.
pub(crate) const PARALLEL_UNITS: usize = 4096;

/// Term vectors of every paragraph; a long text is tokenized in two halves side by side.
pub(crate) fn corpus(texts: &[&str], params: &Params) -> Store {
    if texts.len() < PARALLEL_UNITS {
        return corpus_part(texts, params);
    }
    let (head, tail) = texts.split_at(texts.len() / 2);
    let (first, second) = std::thread::scope(|scope| {
        let second = scope.spawn(|| corpus_part(tail, params));
        (corpus_part(head, params), second.join())
    });
    match second {
        Ok(second) => first.merge(second),
        Err(_) => corpus_part(texts, params),
    }
}

/// Term vectors of `texts`, in one part.
pub(crate) fn corpus_part(texts: &[&str], params: &Params) -> Store {
    // Raw word -> term id (u32::MAX for stopwords and short words); the stoplist and the
    // stemmer run once per distinct word.
    let mut words: FxMap<String, u32> = FxMap::default();
    let mut ids: FxMap<String, u32> = FxMap::default();
    let mut opening_ids: FxMap<String, u32> = FxMap::default();
    let mut openings: Vec<String> = Vec::new();
    let mut buf = String::new();
    let mut units = Vec::with_capacity(texts.len());
    // Every term has at least 3 letters and a separator and nearly every pair packs in one
    // word, so this does not reallocate; pages that stay unused are never touched, so the
    // reservation costs no resident memory.
    let mut pairs: Vec<u32> = Vec::with_capacity(texts.iter().map(|t| t.len() / 4 + 1).sum());
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
        for run in terms.chunk_by(|a, b| a == b) {
            packed::push(
                &mut pairs,
                run[0],
                u32::try_from(run.len()).unwrap_or(u32::MAX),
            );
        }
        let opening = tiling::opening(t).map(|w| {
            *opening_ids.entry(w).or_insert_with_key(|w| {
                openings.push(w.clone());
                u32::try_from(openings.len() - 1).unwrap_or(u32::MAX)
            })
        });
        units.push(Unit {
            part: 0,
            range: start..pairs.len(),
            words: n_words,
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
    Store {
        parts: vec![pairs],
        units,
        openings,
        vocab: terms.len(),
        terms,
    }
}
