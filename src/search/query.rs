//! Compiling a user query (literal with flexible whitespace, or a regex) into a [`Matcher`].

use regex::{Regex, RegexBuilder};

use super::Match;

/// Compiled-program size limit for a user's regex: a hostile pattern fails to compile instead of
/// eating memory.
const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Lazy DFA cache limit for a user's regex.
const REGEX_DFA_LIMIT: usize = 2 << 20;
/// Literal queries may be long pasted phrases; they get a larger (still bounded) limit.
const LITERAL_SIZE_LIMIT: usize = 8 << 20;

/// What the user typed in the search prompt.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Query {
    /// The query text.
    pub text: String,
    /// True to read `text` as a regular expression (the `regex` crate's syntax); false for
    /// literal text in which every run of whitespace matches any run of whitespace.
    pub regex: bool,
}

/// A compiled query.
#[derive(Clone, Debug)]
pub struct Matcher {
    re: Regex,
    case_sensitive: bool,
    /// A byte every match of a literal query holds (in either case when case is ignored).
    needle: Option<Needle>,
}

/// One ASCII byte a match must contain, as it may appear: both cases of a letter when the
/// search ignores case. A text without it is passed over with `memchr`, which on long texts
/// is several times faster than starting the regex on every block.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Needle(u8, u8);

impl Needle {
    /// The rarest usable byte of a literal query. Non-ASCII characters, and `k` and `s` when
    /// case is ignored, are never chosen: Unicode case folding matches them with other bytes
    /// (`K` Kelvin sign, `ſ` long s).
    fn of_literal(text: &str, case_sensitive: bool) -> Option<Self> {
        text.bytes()
            .filter(u8::is_ascii_graphic)
            .filter(|b| case_sensitive || !matches!(b.to_ascii_lowercase(), b'k' | b's'))
            .min_by_key(|&b| commonness(b))
            .map(|b| {
                if case_sensitive || !b.is_ascii_alphabetic() {
                    Self(b, b)
                } else {
                    Self(b.to_ascii_lowercase(), b.to_ascii_uppercase())
                }
            })
    }

    fn is_in(self, text: &str) -> bool {
        memchr::memchr2(self.0, self.1, text.as_bytes()).is_some()
    }
}

/// How common an ASCII byte is in prose (lower is rarer), after English letter frequencies.
fn commonness(b: u8) -> usize {
    const LETTERS: &[u8] = b"zqxjkvbpygfwmucldrhsnioate";
    match b {
        _ if b.is_ascii_alphabetic() => {
            let rank = LETTERS
                .iter()
                .position(|&l| l == b.to_ascii_lowercase())
                .unwrap_or(0);
            // Capitals are rarer than small letters.
            rank + if b.is_ascii_uppercase() { 0 } else { 4 }
        }
        b',' | b'.' | b'\'' | b'"' | b'-' => 24,
        _ => 2,
    }
}

impl Matcher {
    /// Compile a query.
    ///
    /// Smart case: a query with no uppercase letter is case-insensitive, otherwise it is
    /// case-sensitive (in regex mode escapes such as `\S`, `\W`, `\p{Lu}` do not count).
    ///
    /// # Errors
    ///
    /// A one-line, human message: `"empty query"` when the query is empty or only whitespace
    /// (such a query never becomes a matcher), or the regex error (its `error:` line) for an
    /// invalid pattern or one that exceeds the size limit.
    pub fn new(query: &Query) -> Result<Self, String> {
        if query.text.trim().is_empty() {
            return Err("empty query".to_string());
        }
        let (pattern, case_sensitive, limit) = if query.regex {
            (
                query.text.clone(),
                regex_has_uppercase(&query.text),
                REGEX_SIZE_LIMIT,
            )
        } else {
            (
                literal_pattern(&query.text),
                query.text.chars().any(char::is_uppercase),
                LITERAL_SIZE_LIMIT.max(query.text.len().saturating_mul(64)),
            )
        };
        let re = RegexBuilder::new(&pattern)
            .case_insensitive(!case_sensitive)
            .size_limit(limit)
            .dfa_size_limit(REGEX_DFA_LIMIT)
            .build()
            .map_err(|e| one_line_error(&e))?;
        let needle = (!query.regex)
            .then(|| Needle::of_literal(&query.text, case_sensitive))
            .flatten();
        Ok(Self {
            re,
            case_sensitive,
            needle,
        })
    }

    /// The same matcher without its needle byte (to check the needle skips nothing).
    #[cfg(test)]
    pub(crate) fn without_needle(&self) -> Self {
        Self {
            needle: None,
            ..self.clone()
        }
    }

    /// The needle byte in its two forms.
    #[cfg(test)]
    pub(crate) fn needle_bytes(&self) -> Option<(u8, u8)> {
        self.needle.map(|n| (n.0, n.1))
    }

    /// False when `text` cannot hold a match (it lacks the query's needle byte).
    fn may_match(&self, text: &str) -> bool {
        self.needle.is_none_or(|n| n.is_in(text))
    }

    /// Append every match in one block's text to `out`: non-overlapping, in order, empty matches
    /// skipped. Ranges are byte ranges of `text` on char boundaries.
    pub fn find_in_block(&self, block: usize, text: &str, out: &mut Vec<Match>) {
        if !self.may_match(text) {
            return;
        }
        out.extend(
            self.re
                .find_iter(text)
                .filter(|m| !m.is_empty())
                .map(|m| Match {
                    block,
                    byte_range: m.range(),
                }),
        );
    }

    /// The first non-empty match in `text` starting at or after byte `from`, consistent with
    /// [`Matcher::find_in_block`] (same non-overlapping sequence).
    pub(crate) fn first_from(&self, text: &str, from: usize) -> Option<std::ops::Range<usize>> {
        if !self.may_match(text) {
            return None;
        }
        if from == 0 {
            // Fast path: the first non-empty match of the sequence.
            return self
                .re
                .find_iter(text)
                .find(|m| !m.is_empty())
                .map(|m| m.range());
        }
        self.re
            .find_iter(text)
            .find(|m| !m.is_empty() && m.start() >= from)
            .map(|m| m.range())
    }

    /// How many matches `text` holds (as [`Matcher::find_in_block`] lists them).
    #[must_use]
    pub fn count_in(&self, text: &str) -> usize {
        if !self.may_match(text) {
            return 0;
        }
        self.re.find_iter(text).filter(|m| !m.is_empty()).count()
    }

    /// The pattern with its case flag inline, for a [`regex::RegexSet`] that finds the blocks
    /// where it matches.
    #[must_use]
    pub fn set_pattern(&self) -> String {
        let flag = if self.case_sensitive { "" } else { "i" };
        format!("(?{flag}:{})", self.re.as_str())
    }

    /// True if the query is case-sensitive (smart case found a capital).
    #[must_use]
    pub fn case_sensitive(&self) -> bool {
        self.case_sensitive
    }
}

/// The regex for a literal query: literal pieces escaped, whitespace runs as `\s+`.
fn literal_pattern(text: &str) -> String {
    let mut pattern = String::with_capacity(text.len() + 8);
    let mut piece_start = None;
    let mut in_space = false;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(start) = piece_start.take() {
                pattern.push_str(&regex::escape(&text[start..i]));
            }
            if !in_space {
                pattern.push_str(r"\s+");
                in_space = true;
            }
        } else {
            in_space = false;
            piece_start.get_or_insert(i);
        }
    }
    if let Some(start) = piece_start {
        pattern.push_str(&regex::escape(&text[start..]));
    }
    pattern
}

/// Smart case for a pattern: an uppercase letter outside escapes (`\S`, `\W`, `\p{Lu}`,
/// `\x4F`, …) and group names (`(?P<Name>…)`).
fn regex_has_uppercase(pattern: &str) -> bool {
    let mut chars = pattern.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                let Some(kind) = chars.next() else { break };
                let short_len = match kind {
                    'p' | 'P' => 1,
                    'x' => 2,
                    'u' => 4,
                    'U' => 8,
                    _ => continue,
                };
                if chars.peek() == Some(&'{') {
                    for d in chars.by_ref() {
                        if d == '}' {
                            break;
                        }
                    }
                } else {
                    // `\pL` or hex digits `\x4F`: skip the class letter / the digits.
                    for _ in 0..short_len {
                        if chars.peek().is_some_and(char::is_ascii_alphanumeric) {
                            chars.next();
                        }
                    }
                }
            }
            '(' if chars.peek() == Some(&'?') => {
                chars.next();
                if chars.peek() == Some(&'P') {
                    chars.next();
                }
                if chars.peek() == Some(&'<') {
                    for d in chars.by_ref() {
                        if d == '>' {
                            break;
                        }
                    }
                }
            }
            c if c.is_uppercase() => return true,
            _ => {}
        }
    }
    false
}

/// One readable line from a regex error: the `error: …` line of a syntax error, or the first
/// line otherwise.
fn one_line_error(e: &regex::Error) -> String {
    let text = e.to_string();
    if let Some(msg) = text.lines().find_map(|l| l.trim().strip_prefix("error: ")) {
        return format!("invalid regex: {msg}");
    }
    text.lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("invalid regex")
        .to_string()
}
