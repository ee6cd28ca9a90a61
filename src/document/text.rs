//! A block's text as a range of a shared, immutable chunk: the loader packs each batch of
//! blocks into one chunk, so a long text is stored once, in a few large pieces, instead of one
//! heap string per paragraph.

use std::fmt;
use std::sync::Arc;

/// The `&str`-like impls of a string type with an `as_str` method: it derefs to and prints as
/// its text, compares equal to strings, and gives back a `String`.
macro_rules! str_like {
    ($t:ty) => {
        impl std::ops::Deref for $t {
            type Target = str;

            fn deref(&self) -> &str {
                self.as_str()
            }
        }

        impl std::fmt::Display for $t {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                std::fmt::Display::fmt(self.as_str(), f)
            }
        }

        impl PartialEq<str> for $t {
            fn eq(&self, other: &str) -> bool {
                self.as_str() == other
            }
        }

        impl PartialEq<&str> for $t {
            fn eq(&self, other: &&str) -> bool {
                self.as_str() == *other
            }
        }

        impl PartialEq<String> for $t {
            fn eq(&self, other: &String) -> bool {
                self.as_str() == other.as_str()
            }
        }

        impl From<$t> for String {
            fn from(t: $t) -> Self {
                t.as_str().to_owned()
            }
        }
    };
}
pub(crate) use str_like;

/// Sanitized text of one block, read as a `&str` (it derefs to one).
///
/// Sixteen bytes in the block: a thin pointer to the chunk and the range in it. A block made on
/// its own ([`Text::from`] a `String`) has a chunk of its own until [`pack`] gathers its batch.
#[derive(Clone, Default)]
pub struct Text {
    chunk: Arc<String>,
    start: u32,
    len: u32,
}

/// The largest text one block holds; a longer string is cut at a char boundary below it. The
/// parsers split paragraphs far below this (`MAX_BLOCK_BYTES`), so only the chunk's own limit
/// (u32 offsets) is guarded here.
const MAX_TEXT: usize = u32::MAX as usize;

impl Text {
    /// The text as a string slice.
    #[must_use]
    pub fn as_str(&self) -> &str {
        let start = self.start as usize;
        self.chunk
            .get(start..start + self.len as usize)
            .unwrap_or("")
    }

    /// True when this text shares its chunk with `other`.
    #[cfg(test)]
    fn shares_chunk(&self, other: &Self) -> bool {
        Arc::ptr_eq(&self.chunk, &other.chunk)
    }
}

/// `s` cut to at most [`MAX_TEXT`] bytes, at a char boundary.
fn capped(mut s: String) -> String {
    if s.len() > MAX_TEXT {
        let mut end = MAX_TEXT;
        while !s.is_char_boundary(end) {
            end -= 1;
        }
        s.truncate(end);
    }
    s
}

impl From<String> for Text {
    fn from(s: String) -> Self {
        let s = capped(s);
        let len = s.len() as u32;
        Self {
            chunk: Arc::new(s),
            start: 0,
            len,
        }
    }
}

impl From<&str> for Text {
    fn from(s: &str) -> Self {
        Self::from(s.to_owned())
    }
}

str_like!(Text);

impl AsRef<str> for Text {
    fn as_ref(&self) -> &str {
        self.as_str()
    }
}

impl std::borrow::Borrow<str> for Text {
    fn borrow(&self) -> &str {
        self.as_str()
    }
}

impl PartialEq for Text {
    fn eq(&self, other: &Self) -> bool {
        self.as_str() == other.as_str()
    }
}

impl Eq for Text {}

impl fmt::Debug for Text {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        fmt::Debug::fmt(self.as_str(), f)
    }
}

/// Gather the texts of `items` into shared chunks (one per call, a new one past 4 GiB), so that
/// each is stored once in a large piece instead of in a string of its own.
pub fn pack<T>(items: &mut [T], text: impl Fn(&mut T) -> &mut Text) {
    let total: usize = items.iter_mut().map(|i| text(i).len()).sum();
    let mut buf = String::with_capacity(total.min(MAX_TEXT));
    let mut from = 0;
    for i in 0..items.len() {
        let t = text(&mut items[i]);
        if buf.len() + t.len() > MAX_TEXT {
            seal(&mut items[from..i], &text, std::mem::take(&mut buf));
            from = i;
        }
        let t = text(&mut items[i]);
        let start = buf.len() as u32;
        buf.push_str(t.as_str());
        t.start = start;
    }
    seal(&mut items[from..], &text, buf);
}

/// Point the text of every item (whose `start` is already its offset in `buf`) at `buf`.
fn seal<T>(items: &mut [T], text: &impl Fn(&mut T) -> &mut Text, buf: String) {
    let chunk = Arc::new(buf);
    for item in items {
        text(item).chunk = Arc::clone(&chunk);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_as_the_string_it_was_made_from() {
        let t = Text::from("héllo wörld".to_string());
        assert_eq!(&*t, "héllo wörld");
        assert_eq!(t.len(), "héllo wörld".len());
        assert_eq!(t, "héllo wörld");
        assert_eq!(format!("{t}|{t:?}"), "héllo wörld|\"héllo wörld\"");
        assert!(Text::default().is_empty());
    }

    #[test]
    fn packing_keeps_every_text_and_shares_one_chunk() {
        let words = ["one", "", "twö", "three\nlines"];
        let mut texts: Vec<Text> = words.iter().map(|w| Text::from(*w)).collect();
        assert!(!texts[0].shares_chunk(&texts[2]));
        pack(&mut texts, |t| t);
        for (t, w) in texts.iter().zip(words) {
            assert_eq!(t.as_str(), w);
        }
        assert!(texts[0].shares_chunk(&texts[3]));
        assert_eq!(texts[0].chunk.len(), "onetwöthree\nlines".len());
    }

    #[test]
    fn a_clone_reads_the_same_and_outlives_the_others() {
        let mut texts = vec![Text::from("alpha"), Text::from("beta")];
        pack(&mut texts, |t| t);
        let kept = texts[1].clone();
        drop(texts);
        assert_eq!(kept, "beta");
    }
}
