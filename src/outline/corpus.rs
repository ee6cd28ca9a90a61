//! Term vectors of every paragraph, packed in one byte buffer, tokenized in two halves side by
//! side for a long text, with each paragraph's opening words and discourse cue.

use super::Params;
use super::cues;
use super::packed::{self, Terms};
use super::text::{self, FxMap};
use super::tiling::{self, Segmentation};

/// Term vectors of every paragraph, packed (`packed`) one after another in one byte buffer (one
/// large allocation: a 20 MB text has tens of thousands of paragraphs), with what else the
/// segmenter needs of each paragraph and their openings interned.
pub(crate) struct Store {
    /// Packed term vectors of every unit, one after another.
    pub(crate) buf: Vec<u8>,
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
    /// Where its term vector starts in the store's buffer (it ends where the next one starts).
    pub(crate) start: usize,
    /// Whitespace words.
    pub(crate) words: u32,
    /// Opening word ids: the first two normalized words of its first sentence.
    pub(crate) opening: [u32; 2],
    /// The discourse cue of its opening.
    pub(crate) cue: cues::Cue,
}

impl Store {
    /// Append the units of `other` (the paragraphs after these), mapping its term and opening
    /// ids into this store's. Its vectors are rewritten one by one after these.
    pub(crate) fn merge(mut self, other: Self) -> Self {
        let term_map = append_names(&mut self.terms, other.terms);
        let opening_map = append_names(&mut self.openings, other.openings);
        let map = |id: u32| opening_map.get(id as usize).copied().unwrap_or(id);
        let view = Units {
            info: &other.units,
            buf: &other.buf,
            end: other.buf.len(),
            openings: &[],
        };
        let mut scratch = Vec::new();
        self.units.reserve_exact(other.units.len());
        for (i, u) in other.units.iter().enumerate() {
            let start = self.buf.len();
            packed::remap_into(&mut self.buf, view.terms(i), &term_map, &mut scratch);
            self.units.push(UnitInfo {
                start,
                opening: u.opening.map(map),
                ..*u
            });
        }
        self.buf.shrink_to_fit();
        self.vocab = self.terms.len();
        self
    }

    /// The segmenter's view of every unit.
    pub(crate) fn view(&self) -> Units<'_> {
        Units {
            info: &self.units,
            buf: &self.buf,
            end: self.buf.len(),
            openings: &self.openings,
        }
    }
}

/// Paragraphs as the segmenter sees them: a run of a [`Store`]'s units.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Units<'a> {
    pub(crate) info: &'a [UnitInfo],
    pub(crate) buf: &'a [u8],
    /// Where the last unit's term vector ends.
    pub(crate) end: usize,
    /// Opening words by id.
    pub(crate) openings: &'a [String],
}

impl<'a> Units<'a> {
    /// How many units.
    pub(crate) fn len(self) -> usize {
        self.info.len()
    }

    /// Unit `i`'s term vector.
    pub(crate) fn terms(self, i: usize) -> Terms<'a> {
        let end = self.info.get(i + 1).map_or(self.end, |u| u.start);
        Terms(self.buf.get(self.info[i].start..end).unwrap_or_default())
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
            end: self.info.get(z).map_or(self.end, |u| u.start),
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

impl Units<'_> {
    /// The segmentation of each heading's own paragraphs `(a, z, _)` that gets derived
    /// sub-sections (`None` for the others), or of the whole text when there are no headings.
    pub(crate) fn segmentations(
        self,
        vocab: usize,
        own_ranges: &[(usize, usize, usize)],
        use_headings: bool,
        params: &Params,
    ) -> Vec<Option<Segmentation>> {
        if !use_headings {
            return vec![Some(tiling::segment(self, vocab, params))];
        }
        own_ranges
            .iter()
            .map(|&(a, z, _)| {
                // Sub-sections only for prose: a heading over a list of one-liners (a contents
                // block, an index) keeps plain entries.
                let words: usize = (a..z).map(|i| self.words(i)).sum();
                let prose = words >= MIN_PROSE_WORDS_PER_PARAGRAPH * (z - a);
                (z - a >= params.subsection_paragraphs && prose)
                    .then(|| tiling::segment(self.slice(a, z), vocab, params))
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
    // Every term has at least 3 letters and a separator and nearly every pair packs in one or
    // two bytes, so this seldom reallocates; pages that stay unused are never touched, so the
    // reservation costs no resident memory (and the buffer is cut to size at the end).
    let mut pairs: Vec<u8> = Vec::with_capacity(texts.iter().map(|t| t.len() / 2 + 1).sum());
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
        packed::push_vector(
            &mut pairs,
            terms
                .chunk_by(|a, b| a == b)
                .map(|run| (run[0], u32::try_from(run.len()).unwrap_or(u32::MAX))),
        );
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
    pairs.shrink_to_fit();
    Store {
        buf: pairs,
        units,
        openings,
        vocab: terms.len(),
        terms,
    }
}
