//! Words, light stemming and the stoplist used by the outline.

use std::hash::{BuildHasherDefault, Hasher};

/// True for a function word (lowercase input, `’` written as `'`).
pub(crate) fn is_stopword(word: &str) -> bool {
    crate::stopwords::is_function_word(word)
}

/// True when `text` ends a sentence: `.`, `!` or `?`, closing quotes, brackets and an
/// italic's `_` after it allowed (`hand.”`, `_Moby Dick._`).
pub(crate) fn ends_sentence(text: &str) -> bool {
    text.trim_end()
        .trim_end_matches(['”', '"', '’', '\'', ')', ']', '»', '_'])
        .ends_with(['.', '!', '?'])
}

/// A word's comparison form: lowercase, surrounding punctuation stripped, `’` as `'`.
pub(crate) fn norm(word: &str) -> String {
    word.trim_matches(|c: char| !c.is_alphanumeric())
        .chars()
        .flat_map(char::to_lowercase)
        .map(|c| if c == '’' { '\'' } else { c })
        .collect()
}

/// True when a normalized word is a content word (letters, not a stopword, 3+ long).
pub(crate) fn is_content(normed: &str) -> bool {
    normed.chars().filter(|c| c.is_alphabetic()).count() >= 3 && !is_stopword(normed)
}

/// Light stemming in place of a lowercase ASCII word (see docs/outline.md).
pub(crate) fn stem(w: &mut String) {
    if w.ends_with("'s") {
        w.truncate(w.len() - 2);
    } else if w.ends_with('\'') {
        w.truncate(w.len() - 1);
    }
    let n = w.len();
    if n > 4 && w.ends_with("ies") {
        w.truncate(n - 3);
        w.push('y');
    } else if w.ends_with("sses") {
        w.truncate(n - 2);
    } else if w.ends_with('s') && !(w.ends_with("ss") || w.ends_with("us") || w.ends_with("is")) {
        w.truncate(n - 1);
    }
    let n = w.len();
    let mut cut = false;
    if n > 5 && w.ends_with("ing") {
        w.truncate(n - 3);
        cut = true;
    } else if n > 4 && w.ends_with("ed") && !w.ends_with("eed") {
        w.truncate(n - 2);
        cut = true;
    }
    if cut {
        let b = w.as_bytes();
        let n = b.len();
        if n >= 2
            && b[n - 1] == b[n - 2]
            && !matches!(
                b[n - 1],
                b'a' | b'e' | b'i' | b'o' | b'u' | b'l' | b's' | b'z'
            )
        {
            w.truncate(n - 1);
        }
    }
}

/// Calls `f` with every candidate word of `text`: lowercase ASCII `[a-z][a-z'-]*[a-z]` runs
/// (`’` written as `'`), before the length, stopword and stemming rules. A word the text
/// already writes so is passed as it stands; another is rewritten in `buf` (scratch space).
/// Returns the number of whitespace-separated words (ASCII whitespace).
pub(crate) fn for_each_word(text: &str, buf: &mut String, mut f: impl FnMut(&str)) -> usize {
    let bytes = text.as_bytes();
    let n = bytes.len();
    let is_apos = |i: usize| bytes[i] == 0xE2 && bytes.get(i + 1..i + 3) == Some(&[0x80, 0x99]);
    let mut count = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < n {
        let b = bytes[i];
        if !b.is_ascii_alphabetic() {
            let space = b.is_ascii_whitespace();
            count += usize::from(!space && !in_word);
            in_word = !space;
            i += 1;
            continue;
        }
        count += usize::from(!in_word);
        in_word = true;
        // A word: letters, with inner apostrophes and hyphens.
        let start = i;
        let mut end = i;
        let mut curly = false;
        let mut upper = false;
        while i < n {
            let c = bytes[i];
            if c.is_ascii_alphabetic() {
                upper |= c.is_ascii_uppercase();
                i += 1;
                end = i;
            } else if c == b'\'' || c == b'-' {
                i += 1;
            } else if is_apos(i) {
                curly = true;
                i += 3;
            } else {
                break;
            }
        }
        let word = &text[start..end];
        if !curly && !upper {
            f(word);
            continue;
        }
        buf.clear();
        if curly {
            buf.extend(word.chars().map(|c| if c == '’' { '\'' } else { c }));
        } else {
            buf.push_str(word);
        }
        buf.make_ascii_lowercase();
        f(buf);
    }
    count
}

/// The term of a candidate word (see [`for_each_word`]): `None` when too short or a stopword.
pub(crate) fn term_of(word: &mut String, stemming: bool) -> Option<&str> {
    if word.len() < 3 || is_stopword(word) {
        return None;
    }
    if stemming {
        stem(word);
    }
    Some(word)
}

/// Calls `f` with every term of `text`: lowercase words `[a-z][a-z'’-]*[a-z]`, 3+ long,
/// not stopwords, stemmed when `stemming`. `buf` is scratch space.
pub(crate) fn for_each_term(text: &str, stemming: bool, buf: &mut String, mut f: impl FnMut(&str)) {
    let mut word = String::new();
    for_each_word(text, buf, |w| {
        w.clone_into(&mut word);
        if let Some(t) = term_of(&mut word, stemming) {
            f(t);
        }
    });
}

/// The stem of one normalized word (same rules as [`for_each_term`]).
pub(crate) fn stem_of(normed: &str, stemming: bool) -> String {
    let mut s = String::new();
    for_each_term(normed, stemming, &mut String::new(), |t| {
        if s.is_empty() {
            t.clone_into(&mut s);
        }
    });
    s
}

/// A direct-mapped cache of short words' ids, in front of a word table: most of a text's words
/// are a few hundred short ones seen again and again, and a slot is found and compared in a few
/// instructions where a hash map's lookup costs a hundred.
pub(crate) struct WordCache {
    /// Per slot: the word's bytes, zero-padded to sixteen (no word has a zero byte, so all zero
    /// is an empty slot), and its id.
    slots: Vec<([u64; 2], u32)>,
}

/// Slots of a [`WordCache`] (192 KB: it stays in the core's cache).
const CACHE_SLOTS_BITS: u32 = 13;

impl WordCache {
    pub(crate) fn new() -> Self {
        Self {
            slots: vec![([0; 2], 0); 1 << CACHE_SLOTS_BITS],
        }
    }

    /// A word of at most sixteen bytes as two zero-padded words, and its slot.
    fn key(word: &str) -> Option<([u64; 2], usize)> {
        let bytes = word.as_bytes();
        if bytes.is_empty() || bytes.len() > 16 {
            return None;
        }
        let mut a = [0u8; 16];
        a[..bytes.len()].copy_from_slice(bytes);
        let (lo, hi) = a.split_at(8);
        let pack = |h: &[u8]| {
            let mut w = [0u8; 8];
            w.copy_from_slice(h);
            u64::from_le_bytes(w)
        };
        let key = [pack(lo), pack(hi)];
        let h = (key[0] ^ key[1].rotate_left(29)).wrapping_mul(0x9e37_79b9_7f4a_7c15);
        let slot = usize::try_from(h >> (64 - CACHE_SLOTS_BITS)).unwrap_or(0);
        Some((key, slot))
    }

    /// The id cached for `word`, if any.
    pub(crate) fn get(&self, word: &str) -> Option<u32> {
        let (key, slot) = Self::key(word)?;
        let (k, id) = self.slots[slot];
        (k == key).then_some(id)
    }

    /// Cache `word`'s id (in place of the word in its slot).
    pub(crate) fn put(&mut self, word: &str, id: u32) {
        if let Some((key, slot)) = Self::key(word) {
            self.slots[slot] = (key, id);
        }
    }
}

/// A count as a float (exact below 2^32, saturating above).
pub(crate) fn f64_of(n: usize) -> f64 {
    u32::try_from(n).map_or(f64::from(u32::MAX), f64::from)
}

/// A small, fast, deterministic hasher for interning (`FxHash`); never iterated for output.
#[derive(Default, Clone, Copy)]
pub(crate) struct Fx(u64);

impl Hasher for Fx {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x51_7c_c1_b7_27_22_0a_95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut a = [0u8; 8];
            a.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
        }
        // The last bytes (most words are shorter than eight) in one round, not one each.
        let rest = chunks.remainder();
        if !rest.is_empty() {
            let mut a = [0u8; 8];
            a[..rest.len()].copy_from_slice(rest);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(a)).wrapping_mul(K);
        }
    }
    fn finish(&self) -> u64 {
        self.0
    }
}

/// A hash map with the [`Fx`] hasher (lookups only; output never depends on its order).
pub(crate) type FxMap<K, V> = std::collections::HashMap<K, V, BuildHasherDefault<Fx>>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn outline_stems() {
        let s = |w: &str| {
            let mut x = w.to_owned();
            stem(&mut x);
            x
        };
        assert_eq!(s("countries"), "country");
        assert_eq!(s("classes"), "class");
        assert_eq!(s("focus"), "focus");
        assert_eq!(s("building"), "build");
        assert_eq!(s("running"), "run");
        assert_eq!(s("agreed"), "agreed");
        assert_eq!(s("planned"), "plan");
        assert_eq!(s("china's"), "china");
        assert_eq!(s("falling"), "fall");
    }

    #[test]
    fn the_word_cache_returns_what_was_put_and_nothing_else() {
        let mut c = WordCache::new();
        assert_eq!(c.get("river"), None);
        c.put("river", 7);
        c.put("sixteen-letters!", 9);
        c.put("a-word-of-seventeen", 3);
        assert_eq!(c.get("river"), Some(7));
        assert_eq!(c.get("rivers"), None);
        assert_eq!(c.get("rive"), None);
        assert_eq!(c.get("sixteen-letters!"), Some(9));
        assert_eq!(
            c.get("a-word-of-seventeen"),
            None,
            "longer words are not cached"
        );
        assert_eq!(c.get(""), None);
    }

    #[test]
    fn outline_terms() {
        let mut v = Vec::new();
        for_each_term(
            "The win-win Nations’ goals, of it all",
            true,
            &mut String::new(),
            |t| {
                v.push(t.to_owned());
            },
        );
        assert_eq!(v, ["win-win", "nation", "goal"]);
    }
}
