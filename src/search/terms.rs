//! Key terms: recurring multi-word phrases found from a document's own text.
//!
//! Word n-grams (2 to 8 words) are counted over paragraphs and headings, lowercased, never
//! crossing sentence punctuation (`.!?;:`) or blocks. Counting is apriori style: an n-gram is
//! counted only where both of its (n-1)-word parts occur at least twice, with interned word ids
//! and n-gram ids, so a 20 MB document takes well under a second. Output order never depends on
//! hash map iteration: ids are assigned in order of first occurrence.

use std::collections::HashMap;
use std::hash::{BuildHasherDefault, Hasher};

use super::Query;
use crate::document::{BlockKind, Document};

/// A recurring phrase of the document.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Term {
    /// The phrase in its most common surface form (original case, whitespace as single spaces).
    pub phrase: String,
    /// How many times the phrase (case and punctuation between its words aside) occurs.
    pub count: usize,
}

/// The search that highlights a term's occurrences: literal and lowercase, so case-insensitive.
#[must_use]
pub fn term_query(term: &Term) -> Query {
    Query {
        text: term.phrase.to_lowercase(),
        regex: false,
    }
}

/// Shortest and longest phrase, in words.
const MIN_WORDS: usize = 2;
const MAX_WORDS: usize = 8;
/// Sentinel for a sentence or block boundary in the word stream, and for "no n-gram here".
const BREAK: u32 = u32::MAX;

/// Recurring multi-word phrases of `doc`, best first, at most `max`.
///
/// A term has 2 to 8 words, content words (not [`crate::stopwords::is_term_stopword`]) at both ends, and occurs at least
/// twice (three times for two words). A term contained in a longer term that occurs about as
/// often (same count, within 1 for counts 4 to 7, within 25% above) is dropped. Ranked by
/// count × words, ties by first occurrence; then, best first, a term is kept only if enough of
/// its occurrences (the minimum count) do not overlap those of a better kept term (other than
/// one containing it), so a list never shows the same passage twice under different cuts.
/// Deterministic.
#[must_use]
pub fn key_terms(doc: &Document, max: usize) -> Vec<Term> {
    key_terms_in(doc, &crate::outline::body(doc).skip, max)
}

/// [`key_terms`] of the blocks not flagged in `skip` (the document's body).
#[must_use]
pub fn key_terms_in(doc: &Document, skip: &[bool], max: usize) -> Vec<Term> {
    // Walked twice rather than gathered: a long text has millions of blocks.
    let body = || {
        doc.blocks
            .iter()
            .zip(skip.iter().chain(std::iter::repeat(&false)))
            .filter(|(_, s)| !**s)
            .map(|(b, _)| b)
    };
    let total: usize = body().map(|b| b.text.len()).sum();
    // A long document: find the terms in whole blocks taken evenly through it (n-gram counting
    // needs memory in proportion to the text).
    let step = total.div_ceil(SAMPLE_BYTES).max(1);
    let sample = Document {
        title: String::new(),
        date: None,
        blocks: body().step_by(step).cloned().collect(),
        ..Document::default()
    };
    let mut terms = key_terms_of(&sample, max);
    drop(sample);
    count_terms(doc, &mut terms);
    terms.retain(|t| t.count >= 2);
    terms.sort_by_key(|t| std::cmp::Reverse(t.count * t.phrase.split_whitespace().count()));
    terms
}

/// Count each term in the whole document as its search counts it, so the list and the search
/// agree: one pass of a set of all the terms finds the blocks that hold any (the terms of a
/// 1 GB text are counted in about 13 s instead of 31 s of one pass per term), and only there
/// each term found is counted.
fn count_terms(doc: &Document, terms: &mut [Term]) {
    let matchers: Vec<Option<super::Matcher>> = terms
        .iter()
        .map(|t| super::Matcher::new(&term_query(t)).ok())
        .collect();
    // A term that does not compile (it always does) is never found.
    let patterns = matchers.iter().map(|m| {
        m.as_ref()
            .map_or_else(|| r"[^\s\S]".to_owned(), super::Matcher::set_pattern)
    });
    let counts: Vec<usize> = match regex::RegexSet::new(patterns) {
        Ok(set) => {
            let mut counts = vec![0; terms.len()];
            for b in &doc.blocks {
                for i in &set.matches(&b.text) {
                    counts[i] += matchers[i].as_ref().map_or(0, |m| m.count_in(&b.text));
                }
            }
            counts
        }
        Err(_) => matchers
            .iter()
            .map(|m| m.as_ref().map_or(0, |m| super::find_all(m, doc).len()))
            .collect(),
    };
    for (term, count) in terms.iter_mut().zip(counts) {
        term.count = count;
    }
}

/// Text the n-gram counter reads at most; longer documents are sampled.
const SAMPLE_BYTES: usize = 256 << 10;

/// Key terms of a document of at most [`SAMPLE_BYTES`] or so.
fn key_terms_of(doc: &Document, max: usize) -> Vec<Term> {
    if max == 0 {
        return Vec::new();
    }
    let stream = Stream::build(doc);
    let mut cands = count_ngrams(&stream);
    // Subsumption and selection only look at the best candidates (a term that subsumes another
    // occurs about as often with more words, so it ranks near or above it).
    let head = max.saturating_mul(32).saturating_add(64);
    if cands.len() > head {
        cands.select_nth_unstable_by(head, by_rank);
        cands.truncate(head);
    }
    let mut ranked = drop_subsumed(&stream.words, cands);
    ranked.sort_by(by_rank);
    ranked.truncate(max.saturating_mul(4).saturating_add(16));
    let occs = occurrences(&stream.words, &ranked);
    let chosen = select(&stream.words, &ranked, &occs, max);
    chosen
        .into_iter()
        .map(|i| Term {
            phrase: surface_form(doc, &stream, ranked[i].len, &occs[i]),
            count: ranked[i].count as usize,
        })
        .collect()
}

/// Rank order: count × words, then first occurrence, then longer first (a total order).
fn by_rank(a: &Cand, b: &Cand) -> std::cmp::Ordering {
    let score = |c: &Cand| u64::from(c.count) * c.len as u64;
    score(b)
        .cmp(&score(a))
        .then(a.first.cmp(&b.first))
        .then(b.len.cmp(&a.len))
}

fn min_count(len: usize) -> u32 {
    if len == 2 { 3 } else { 2 }
}

/// A small, fast, deterministic hasher (multiply-fold) for the interning and n-gram maps.
#[derive(Default, Clone, Copy)]
struct FoldHasher(u64);

const K1: u64 = 0x9E37_79B9_7F4A_7C15;
const K2: u64 = 0xD6E8_FEB8_6659_FD93;

fn fold(a: u64, b: u64) -> u64 {
    let p = u128::from(a) * u128::from(b);
    (p as u64) ^ ((p >> 64) as u64)
}

impl Hasher for FoldHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in chunks.by_ref() {
            let mut w = [0u8; 8];
            w.copy_from_slice(c);
            self.0 = fold(self.0 ^ u64::from_le_bytes(w), K1);
        }
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut w = [0u8; 8];
            w[..rest.len()].copy_from_slice(rest);
            self.0 = fold(
                self.0 ^ u64::from_le_bytes(w) ^ ((rest.len() as u64) << 59),
                K1,
            );
        }
    }

    fn write_u32(&mut self, n: u32) {
        self.0 = fold(self.0 ^ u64::from(n), K1);
    }

    fn write_u64(&mut self, n: u64) {
        self.0 = fold(self.0 ^ n, K1);
    }

    fn write_usize(&mut self, n: usize) {
        self.0 = fold(self.0 ^ n as u64, K1);
    }

    fn finish(&self) -> u64 {
        fold(self.0, K2)
    }
}

type FastMap<K, V> = HashMap<K, V, BuildHasherDefault<FoldHasher>>;

/// One token of a block's text: a word (byte range of its core, edge punctuation stripped) or
/// a sentence break.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Tok {
    Word(usize, usize),
    Break,
}

fn is_sentence_punct(c: char) -> bool {
    matches!(
        c,
        '.' | '!' | '?' | ';' | ':' | '…' | '。' | '！' | '？' | '；' | '：'
    )
}

/// Tokenize one block: words split at whitespace, punctuation stripped at word edges, a break
/// after sentence punctuation and at punctuation-only tokens. Breaks are never repeated and the
/// block always ends with one (it is assumed to start after one).
fn tokenize(text: &str, mut emit: impl FnMut(Tok)) {
    fn brk(emit: &mut impl FnMut(Tok), last_break: &mut bool) {
        if !*last_break {
            emit(Tok::Break);
            *last_break = true;
        }
    }
    let mut last_break = true;
    let mut rest = text;
    let mut offset = 0;
    while !rest.is_empty() {
        let trimmed = rest.trim_start();
        offset += rest.len() - trimmed.len();
        let piece_len = trimmed.find(char::is_whitespace).unwrap_or(trimmed.len());
        let piece = &trimmed[..piece_len];
        rest = &trimmed[piece_len..];
        if piece.is_empty() {
            break;
        }
        let lead_len = piece.len()
            - piece
                .trim_start_matches(|c: char| !c.is_alphanumeric())
                .len();
        let core = piece[lead_len..].trim_end_matches(|c: char| !c.is_alphanumeric());
        if core.is_empty() {
            brk(&mut emit, &mut last_break);
        } else {
            if piece[..lead_len].contains(is_sentence_punct) {
                brk(&mut emit, &mut last_break);
            }
            let start = offset + lead_len;
            emit(Tok::Word(start, start + core.len()));
            last_break = false;
            if piece[lead_len + core.len()..].contains(is_sentence_punct) {
                brk(&mut emit, &mut last_break);
            }
        }
        offset += piece_len;
    }
    brk(&mut emit, &mut last_break);
}

fn counts_for_terms(kind: BlockKind) -> bool {
    matches!(kind, BlockKind::Paragraph | BlockKind::Heading(_))
}

/// The document as one stream of interned, lowercased word ids with [`BREAK`] between sentences.
struct Stream {
    /// Word id per position, or [`BREAK`]; starts with a [`BREAK`].
    words: Vec<u32>,
    /// Per counted block: (block index, position of its first token).
    block_starts: Vec<(usize, usize)>,
    /// Per word id: may start or end a term.
    edge_ok: Vec<bool>,
}

impl Stream {
    fn build(doc: &Document) -> Self {
        let mut by_surface: FastMap<&str, u32> = FastMap::default();
        let mut by_lower: FastMap<String, u32> = FastMap::default();
        let mut edge_ok = Vec::new();
        let mut words = vec![BREAK];
        let mut block_starts = Vec::new();
        for (bi, block) in doc.blocks.iter().enumerate() {
            if !counts_for_terms(block.kind) {
                continue;
            }
            let text = block.text.as_str();
            block_starts.push((bi, words.len()));
            tokenize(text, |t| match t {
                Tok::Break => words.push(BREAK),
                Tok::Word(s, e) => {
                    let surface = &text[s..e];
                    let id = *by_surface.entry(surface).or_insert_with(|| {
                        let lower = surface.to_lowercase();
                        let next = u32::try_from(by_lower.len()).unwrap_or(BREAK - 1);
                        *by_lower.entry(lower).or_insert_with_key(|lower| {
                            edge_ok.push(
                                !crate::stopwords::is_term_stopword(lower)
                                    && lower.chars().any(char::is_alphabetic),
                            );
                            next
                        })
                    });
                    words.push(id);
                }
            });
        }
        Self {
            words,
            block_starts,
            edge_ok,
        }
    }
}

/// A candidate term: `len` words starting at stream position `first` (its first occurrence).
#[derive(Clone, Copy, Debug)]
struct Cand {
    len: usize,
    first: usize,
    count: u32,
}

/// Count n-grams of 2..=8 words apriori style; return those that qualify as terms, by length
/// then first occurrence.
fn count_ngrams(stream: &Stream) -> Vec<Cand> {
    let words = &stream.words;
    let mut unigram = vec![0u32; stream.edge_ok.len()];
    for &w in words {
        if w != BREAK {
            unigram[w as usize] += 1;
        }
    }
    // cur[i]: id of the current-length n-gram at position i if it occurs at least twice, else
    // BREAK. `active` lists the positions where cur[i] != BREAK, ascending.
    let mut cur: Vec<u32> = words
        .iter()
        .map(|&w| {
            if w != BREAK && unigram[w as usize] >= 2 {
                w
            } else {
                BREAK
            }
        })
        .collect();
    let mut active: Vec<u32> = (0..words.len())
        .filter(|&i| cur[i] != BREAK)
        .map(|i| u32::try_from(i).unwrap_or(u32::MAX))
        .collect();
    let mut out = Vec::new();
    for len in MIN_WORDS..=MAX_WORDS {
        let mut ids: FastMap<u64, u32> = FastMap::default();
        ids.reserve(active.len());
        let mut counts: Vec<u32> = Vec::new();
        let mut firsts: Vec<usize> = Vec::new();
        for &i in &active {
            let i = i as usize;
            // The (len-1)-gram at i+1 must be frequent too; it also guarantees that the new
            // last word exists and is no break.
            let suffix = cur.get(i + 1).copied().unwrap_or(BREAK);
            if suffix == BREAK {
                cur[i] = BREAK;
                continue;
            }
            let key = (u64::from(cur[i]) << 32) | u64::from(words[i + len - 1]);
            let next = u32::try_from(counts.len()).unwrap_or(BREAK - 1);
            let id = *ids.entry(key).or_insert_with(|| {
                counts.push(0);
                firsts.push(i);
                next
            });
            counts[id as usize] += 1;
            cur[i] = id;
        }
        active.retain(|&i| {
            let i = i as usize;
            let keep = cur[i] != BREAK && counts[cur[i] as usize] >= 2;
            if !keep {
                cur[i] = BREAK;
            }
            keep
        });
        for (&count, &first) in counts.iter().zip(&firsts) {
            if count >= min_count(len)
                && stream.edge_ok[words[first] as usize]
                && stream.edge_ok[words[first + len - 1] as usize]
            {
                out.push(Cand { len, first, count });
            }
        }
        if active.is_empty() {
            break;
        }
    }
    out
}

/// How far below a shorter term's count a longer term's count may be for it to still subsume
/// the shorter one: 0 up to 3, 1 up to 7, then 25%.
fn tolerance(count: u32) -> u32 {
    count / 4
}

/// Drop every term contained in a longer kept term that occurs about as often.
fn drop_subsumed(words: &[u32], mut cands: Vec<Cand>) -> Vec<Cand> {
    // Longest first; stable, so first-occurrence order within a length.
    cands.sort_by_key(|c| std::cmp::Reverse(c.len));
    let index: FastMap<&[u32], usize> = cands
        .iter()
        .enumerate()
        .map(|(i, c)| (&words[c.first..c.first + c.len], i))
        .collect();
    let mut kept = vec![true; cands.len()];
    for (ci, c) in cands.iter().enumerate() {
        if !kept[ci] {
            continue;
        }
        let seq = &words[c.first..c.first + c.len];
        for sub_len in MIN_WORDS..c.len {
            for sub in seq.windows(sub_len) {
                if let Some(&t) = index.get(sub) {
                    let shorter = cands[t].count;
                    if c.count.saturating_add(tolerance(shorter)) >= shorter {
                        kept[t] = false;
                    }
                }
            }
        }
    }
    cands
        .into_iter()
        .zip(kept)
        .filter_map(|(c, k)| k.then_some(c))
        .collect()
}

/// Stream positions of every occurrence of each candidate, ascending.
fn occurrences(words: &[u32], cands: &[Cand]) -> Vec<Vec<usize>> {
    let mut by_first_word: FastMap<u32, Vec<usize>> = FastMap::default();
    for (ci, c) in cands.iter().enumerate() {
        by_first_word.entry(words[c.first]).or_default().push(ci);
    }
    let mut occs = vec![Vec::new(); cands.len()];
    for (pos, w) in words.iter().enumerate() {
        let Some(list) = by_first_word.get(w) else {
            continue;
        };
        for &ci in list {
            let c = cands[ci];
            if words.get(pos..pos + c.len) == Some(&words[c.first..c.first + c.len]) {
                occs[ci].push(pos);
            }
        }
    }
    occs
}

/// Greedy selection in rank order: keep a candidate when at least its minimum count of
/// occurrences overlap no occurrence of an already kept term (a kept term containing the
/// candidate does not count: [`drop_subsumed`] has judged that pair by counts).
fn select(words: &[u32], cands: &[Cand], occs: &[Vec<usize>], max: usize) -> Vec<usize> {
    let seq = |c: &Cand| &words[c.first..c.first + c.len];
    let mut chosen: Vec<usize> = Vec::new();
    for (ci, c) in cands.iter().enumerate() {
        if chosen.len() >= max {
            break;
        }
        let blockers: Vec<usize> = chosen
            .iter()
            .copied()
            .filter(|&k| !seq(&cands[k]).windows(c.len).any(|w| w == seq(c)))
            .collect();
        let free = occs[ci]
            .iter()
            .filter(|&&p| {
                !blockers.iter().any(|&k| {
                    // An occurrence q of kept term k overlaps [p, p + len) when
                    // p - len_k < q < p + len.
                    let o = &occs[k];
                    let lo = (p + 1).saturating_sub(cands[k].len);
                    let i = o.partition_point(|&q| q < lo);
                    o.get(i).is_some_and(|&q| q < p + c.len)
                })
            })
            .count();
        if u32::try_from(free).unwrap_or(u32::MAX) >= min_count(c.len) {
            chosen.push(ci);
        }
    }
    chosen
}

/// The most common surface form of a term among its occurrences (ties: the earliest), with
/// whitespace as single spaces.
fn surface_form(doc: &Document, stream: &Stream, len: usize, occs: &[usize]) -> String {
    let mut forms: Vec<(String, usize)> = Vec::new();
    let mut offsets: Vec<Tok> = Vec::new();
    let mut loaded = usize::MAX;
    for &pos in occs {
        let bi = stream
            .block_starts
            .partition_point(|&(_, s)| s <= pos)
            .saturating_sub(1);
        let Some(&(block, start)) = stream.block_starts.get(bi) else {
            continue;
        };
        let text = doc.blocks[block].text.as_str();
        if loaded != bi {
            offsets.clear();
            tokenize(text, |t| offsets.push(t));
            loaded = bi;
        }
        let (Some(Tok::Word(s, _)), Some(Tok::Word(_, e))) =
            (offsets.get(pos - start), offsets.get(pos - start + len - 1))
        else {
            continue;
        };
        let form = text[*s..*e]
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        match forms.iter_mut().find(|(f, _)| *f == form) {
            Some((_, n)) => *n += 1,
            None => forms.push((form, 1)),
        }
    }
    // First maximum wins: forms are in order of first sighting.
    let best = forms.iter().map(|(_, n)| *n).max().unwrap_or(0);
    forms
        .into_iter()
        .find(|(_, n)| *n == best)
        .map(|(f, _)| f)
        .unwrap_or_default()
}
