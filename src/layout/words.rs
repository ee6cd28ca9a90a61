//! Splitting a line into the words the wrap may break between, with URLs kept readable.
//!
//! Prose breaks where Unicode line breaking allows (UAX #14, through textwrap), preformatted
//! text only at spaces. In both, a URL (`scheme://…` or `www.…`) is one word when it fits on
//! a line by itself; a longer one breaks only after its host: after a `/`, or before a `?`,
//! `&` or `#`, and never inside the `//` after the scheme.

use std::ops::Range;

use textwrap::WordSeparator;

use super::display_width;

/// One word: its text is `start..end`, the whitespace after it `end..next`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Word {
    /// First byte of the word.
    pub start: usize,
    /// End of the word's text.
    pub end: usize,
    /// End of the whitespace after it (the next word's start).
    pub next: usize,
}

/// Byte ranges of the URLs in `text`: from a scheme (`https://`, `ftp://`, `file://`) or
/// `www.` to the next whitespace, without trailing sentence punctuation.
#[must_use]
pub fn find_urls(text: &str) -> Vec<Range<usize>> {
    let mut urls = Vec::new();
    let mut from = 0;
    while let Some(found) = text[from..].find("://").map(|i| from + i) {
        let scheme_start = text[..found]
            .char_indices()
            .rev()
            .find(|&(_, c)| !(c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.')))
            .map_or(0, |(i, c)| i + c.len_utf8());
        let end = text[found..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| found + i);
        let end = scheme_start + trim_punctuation(&text[scheme_start..end]);
        if found > scheme_start && end > found + 3 {
            urls.push(scheme_start..end);
        }
        from = end.max(found + 3);
    }
    let mut from = 0;
    while let Some(found) = text[from..].find("www.").map(|i| from + i) {
        let at_word_start = text[..found]
            .chars()
            .next_back()
            .is_none_or(|c| c.is_whitespace() || matches!(c, '(' | '<' | '"' | '\''));
        let end = text[found..]
            .find(char::is_whitespace)
            .map_or(text.len(), |i| found + i);
        let end = found + trim_punctuation(&text[found..end]);
        if at_word_start && !urls.iter().any(|u| u.contains(&found)) && end > found + 4 {
            urls.push(found..end);
        }
        from = end.max(found + 4);
    }
    urls.sort_by_key(|u| u.start);
    urls
}

/// Length of `url` without the punctuation that ends a sentence or a bracket around it.
fn trim_punctuation(url: &str) -> usize {
    url.trim_end_matches(['.', ',', ';', ':', '!', '?', ')', ']', '>', '"', '\''])
        .len()
}

/// Offsets inside `url` where it may break: after the host, after each `/` and before each
/// `?`, `&` and `#` (never inside the scheme's `//`).
#[must_use]
pub fn url_breaks(url: &str) -> Vec<usize> {
    let host_start = url.find("://").map_or(0, |i| i + 3);
    let Some(host_end) = url[host_start..]
        .find(['/', '?', '#'])
        .map(|i| host_start + i)
    else {
        return Vec::new();
    };
    let mut breaks = Vec::new();
    for (i, c) in url[host_end..].char_indices() {
        let at = host_end + i;
        match c {
            '/' if at + 1 < url.len() => breaks.push(at + 1),
            '?' | '&' | '#' if at > host_end => breaks.push(at),
            _ => {}
        }
    }
    breaks.dedup();
    breaks
}

/// The words of `text` for a wrap to `width` columns: at Unicode line-break opportunities
/// (`spaces_only`: at spaces only), with every URL one word, or cut at its break points when
/// it is wider than `width`.
#[must_use]
pub fn split(text: &str, width: usize, spaces_only: bool) -> Vec<Word> {
    let raw: Vec<Word> = if spaces_only {
        space_words(text)
    } else {
        WordSeparator::UnicodeBreakProperties
            .find_words(text)
            .map(|w| {
                let start = offset_in(text, w.word);
                let end = start + w.word.len();
                Word {
                    start,
                    end,
                    next: end + w.whitespace.len(),
                }
            })
            .collect()
    };
    let urls = if text.contains("://") || text.contains("www.") {
        find_urls(text)
    } else {
        Vec::new()
    };
    if urls.is_empty() {
        return raw;
    }
    merge_urls(text, &raw, &urls, width)
}

/// Replace the words that overlap a URL by the URL's own pieces.
fn merge_urls(text: &str, raw: &[Word], urls: &[Range<usize>], width: usize) -> Vec<Word> {
    let mut out = Vec::with_capacity(raw.len());
    let mut urls = urls.iter().peekable();
    let mut i = 0;
    while i < raw.len() {
        let word = raw[i];
        let Some(url) = urls.peek().copied().filter(|u| u.start < word.next) else {
            out.push(word);
            i += 1;
            continue;
        };
        urls.next();
        // The words up to the URL's end are replaced; text before the URL in the first one
        // (`(https://…`) stays glued to it.
        let mut last = i;
        while last + 1 < raw.len() && raw[last + 1].start < url.end {
            last += 1;
        }
        let (start, next) = (word.start.min(url.start), raw[last].next.max(url.end));
        let end = raw[last].end.max(url.end);
        let whole = display_width(&text[start..end]) <= width;
        let mut cuts: Vec<usize> = if whole {
            Vec::new()
        } else {
            url_breaks(&text[url.clone()])
                .into_iter()
                .map(|b| url.start + b)
                .collect()
        };
        cuts.retain(|&c| c > start && c < end);
        let mut at = start;
        for cut in cuts {
            out.push(Word {
                start: at,
                end: cut,
                next: cut,
            });
            at = cut;
        }
        out.push(Word {
            start: at,
            end,
            next,
        });
        i = last + 1;
    }
    out
}

/// Words separated by spaces (the whitespace of preformatted text after tab expansion).
fn space_words(text: &str) -> Vec<Word> {
    let mut words = Vec::new();
    let mut at = 0;
    while at < text.len() {
        let end = text[at..].find(' ').map_or(text.len(), |i| at + i);
        let next = text[end..]
            .find(|c| c != ' ')
            .map_or(text.len(), |i| end + i);
        words.push(Word {
            start: at,
            end,
            next,
        });
        at = next;
    }
    words
}

/// Byte offset of `part` inside `whole`, where `part` is a sub-slice of `whole`.
pub(super) fn offset_in(whole: &str, part: &str) -> usize {
    let offset = (part.as_ptr() as usize).wrapping_sub(whole.as_ptr() as usize);
    offset.min(whole.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(text: &str, width: usize, spaces_only: bool) -> Vec<&str> {
        split(text, width, spaces_only)
            .iter()
            .map(|w| &text[w.start..w.end])
            .collect()
    }

    #[test]
    fn urls_are_found_without_their_punctuation() {
        let text = "see http://pglaf.org/donate. Or (www.gutenberg.org), or ftp://x.y/z?a=1&b=2#c!";
        let urls: Vec<&str> = find_urls(text).into_iter().map(|r| &text[r]).collect();
        assert_eq!(
            urls,
            [
                "http://pglaf.org/donate",
                "www.gutenberg.org",
                "ftp://x.y/z?a=1&b=2#c"
            ]
        );
        assert!(find_urls("a :// b and awww.x").is_empty());
        assert_eq!(find_urls("«http://x.y/z»").len(), 1);
        assert_eq!(find_urls("中://x").len(), 0);
    }

    #[test]
    fn urls_break_only_after_the_host() {
        let url = "https://example.org/a/b?x=1&y=2#top";
        let pieces: Vec<&str> = {
            let mut at = 0;
            let mut v: Vec<&str> = url_breaks(url)
                .into_iter()
                .map(|b| {
                    let p = &url[at..b];
                    at = b;
                    p
                })
                .collect();
            v.push(&url[at..]);
            v
        };
        assert_eq!(
            pieces,
            ["https://example.org/", "a/", "b", "?x=1", "&y=2", "#top"]
        );
        assert!(url_breaks("https://example.org").is_empty());
    }

    #[test]
    fn a_url_that_fits_is_one_word() {
        let text = "donate at http://pglaf.org/donate today";
        assert_eq!(
            texts(text, 30, false),
            ["donate ", "at ", "http://pglaf.org/donate", "today"].map(str::trim_end)
        );
        // Too long for the width: pieces after the host, none after `//`.
        assert_eq!(
            texts(text, 12, false),
            ["donate", "at", "http://pglaf.org/", "donate", "today"]
        );
        assert_eq!(texts("(https://a.b/c/d)", 80, true), ["(https://a.b/c/d)"]);
    }

    #[test]
    fn spaces_only_keeps_hyphens_and_paths_together() {
        assert_eq!(
            texts("  src/layout/mod.rs  well-known", 80, true),
            ["", "src/layout/mod.rs", "well-known"]
        );
        assert!(texts("a/b well-known", 80, false).len() > 2);
    }
}
