//! What a single line (or a `CHAPTER` line and its title) looks like as a heading: its style and level.

#[allow(clippy::wildcard_imports)]
use super::*;
use crate::outline::text::{ends_sentence, is_stopword, norm};

pub(super) fn key(s: &str) -> String {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect::<Vec<_>>()
        .join(" ")
}

pub(super) fn is_roman(s: &str) -> bool {
    !s.is_empty()
        && s.chars().all(|c| {
            matches!(
                c.to_ascii_uppercase(),
                'I' | 'V' | 'X' | 'L' | 'C' | 'D' | 'M'
            )
        })
}

pub(super) const NUMBER_WORDS: &[&str] = &[
    "eight",
    "eighteen",
    "eighth",
    "eleven",
    "eleventh",
    "fifteen",
    "fifth",
    "first",
    "five",
    "four",
    "fourteen",
    "fourth",
    "last",
    "nine",
    "nineteen",
    "ninth",
    "one",
    "second",
    "seven",
    "seventeen",
    "seventh",
    "six",
    "sixteen",
    "sixth",
    "ten",
    "tenth",
    "third",
    "thirteen",
    "three",
    "twelfth",
    "twelve",
    "twenty",
    "two",
];

/// Rank of a unit that names no known level (`EPILOGUE`, `PROLOGUE`, an unseen word): it takes
/// the level of the document's top units.
pub(super) const TOP_UNIT: u8 = u8::MAX;

/// Rank of the lowest known unit, `CHAPTER`.
pub(super) const CHAPTER_RANK: u8 = 3;

/// Words that open a numbered unit heading (`VOLUME II`, `PART ONE`, `EPILOGUE 2`), by rank.
pub(super) fn chapter_word(w: &str) -> Option<u8> {
    let cased = w.chars().next().is_some_and(char::is_uppercase)
        && w.chars().skip(1).all(char::is_lowercase)
        || !w.chars().any(char::is_lowercase);
    if !cased {
        return None;
    }
    match w.to_ascii_uppercase().as_str() {
        "VOLUME" => Some(0),
        "PART" => Some(1),
        "BOOK" => Some(2),
        "CHAPTER" => Some(CHAPTER_RANK),
        "EPILOGUE" | "PROLOGUE" | "APPENDIX" | "INTERLUDE" => Some(TOP_UNIT),
        _ => None,
    }
}

/// Standalone words that head a part of a book when formatted like its units (`Epilogue`).
pub(super) fn unit_keyword(text: &str) -> bool {
    let w = text.trim().trim_end_matches('.');
    matches!(
        w.to_ascii_uppercase().as_str(),
        "EPILOGUE"
            | "PROLOGUE"
            | "PREFACE"
            | "INTRODUCTION"
            | "APPENDIX"
            | "CONCLUSION"
            | "AFTERWORD"
            | "FOREWORD"
            | "POSTSCRIPT"
    ) && (w.chars().skip(1).all(char::is_lowercase) || !w.chars().any(char::is_lowercase))
}

/// `FIRST EPILOGUE: 1813 - 20`, `Second Part`: an ordinal and a capitalised word.
pub(super) fn ordinal_unit(text: &str) -> Option<(u8, bool, &str)> {
    let mut it = text.splitn(3, char::is_whitespace);
    let ord = it.next()?.to_lowercase();
    let word = it.next()?;
    let bare = word.trim_end_matches([':', '.', ',']);
    let is_ordinal = matches!(
        ord.as_str(),
        "first"
            | "second"
            | "third"
            | "fourth"
            | "fifth"
            | "sixth"
            | "seventh"
            | "eighth"
            | "ninth"
            | "tenth"
            | "last"
            | "final"
    );
    let capital = bare.chars().next().is_some_and(char::is_uppercase)
        && bare.chars().filter(|c| c.is_alphabetic()).count() >= 3;
    let kind = chapter_word(bare);
    if !is_ordinal || !capital || (kind.is_none() && text.chars().any(char::is_lowercase)) {
        return None;
    }
    let kind = kind.unwrap_or(TOP_UNIT);
    Some((
        kind,
        bare.len() != word.len(),
        it.next().unwrap_or("").trim(),
    ))
}

/// `CHAPTER 12.`, `BOOK IV`, `Part One:` → (kind, number word has punctuation, rest of text).
pub(super) fn chapter_line(text: &str) -> Option<(u8, bool, &str)> {
    if let Some(u) = ordinal_unit(text) {
        return Some(u);
    }
    let mut it = text.splitn(3, char::is_whitespace);
    let kind = chapter_word(it.next()?)?;
    let num = it.next()?;
    // `Book the First--Recalled to Life`, `PART THE SECOND`.
    if num.eq_ignore_ascii_case("the") {
        let rest = it.next()?;
        let ord_len = rest
            .find(|c: char| !c.is_alphabetic())
            .unwrap_or(rest.len());
        let ord = rest[..ord_len].to_ascii_lowercase();
        let ordinal =
            ord == "final" || ord != "one" && NUMBER_WORDS.binary_search(&ord.as_str()).is_ok();
        let after = rest[ord_len..]
            .trim_start_matches(['-', '—', '–', ':', '.', ','])
            .trim();
        return ordinal.then_some((kind, ord_len < rest.len(), after));
    }
    // `CHAPTER XXXVIII--CONCLUSION`: the number joined to its title by a dash.
    let (num, titled) = match num.split_once("--").or_else(|| num.split_once(['—', '–'])) {
        Some((n, t)) if !n.is_empty() => (n, Some(t)),
        _ => (num, None),
    };
    // A footnote mark may follow the number: `CHAPTER XVIII(*) -- …`.
    let bare = num.trim_end_matches(['.', ':', ',', '*', '(', ')', '†']);
    let lower = bare.to_lowercase();
    let is_num = bare.chars().all(|c| c.is_ascii_digit()) && !bare.is_empty()
        || is_roman(bare)
        || NUMBER_WORDS.binary_search(&lower.as_str()).is_ok();
    if !is_num {
        return None;
    }
    let rest = match titled {
        // The title starts after the dash, in the same word (`XXXVIII--CONCLUSION`).
        Some(_) => text
            .split_once("--")
            .or_else(|| text.split_once(['—', '–']))
            .map_or("", |(_, r)| r)
            .trim(),
        None => it.next().unwrap_or("").trim(),
    };
    Some((kind, bare.len() != num.len() || titled.is_some(), rest))
}

/// The number a heading opens with, in its own words or after one word: `ADVENTURE VI. THE
/// MAN WITH THE TWISTED LIP` → 6, `VII. THE ADVENTURE OF THE BLUE CARBUNCLE` → 7.
pub(super) fn lead_number(label: &str) -> Option<u32> {
    let mut words = label.split_whitespace();
    let first = words.next()?;
    let value = |w: &str| {
        let w = w.trim_end_matches(['.', ':', ',']);
        if !w.is_empty() && w.len() <= 4 && w.chars().all(|c| c.is_ascii_digit()) {
            w.parse().ok()
        } else if is_roman(w) && w.chars().all(|c| c.is_ascii_uppercase()) {
            roman_value(w)
        } else {
            None
        }
    };
    value(first).or_else(|| words.next().and_then(value))
}

/// The value of an upper-case roman numeral (`XIV` → 14).
fn roman_value(s: &str) -> Option<u32> {
    let digit = |c: char| match c {
        'I' => 1,
        'V' => 5,
        'X' => 10,
        'L' => 50,
        'C' => 100,
        'D' => 500,
        'M' => 1000,
        _ => 0,
    };
    let v: Vec<u32> = s.chars().map(digit).collect();
    if v.contains(&0) {
        return None;
    }
    let mut total = 0;
    for (i, &d) in v.iter().enumerate() {
        if v.get(i + 1).is_some_and(|&n| n > d) {
            total -= i64::from(d);
        } else {
            total += i64::from(d);
        }
    }
    u32::try_from(total).ok().filter(|&t| t > 0)
}

/// A numeral alone on its line (`II.`, `3`): a part's number inside a chapter or story.
pub(super) fn bare_numeral(t: &str) -> bool {
    let w = t.trim_end_matches('.');
    !w.is_empty()
        && !w.contains(char::is_whitespace)
        && (w.len() <= 3 && w.chars().all(|c| c.is_ascii_digit())
            || is_roman(w) && w.chars().all(|c| c.is_ascii_uppercase()))
}

pub(super) fn numbered(text: &str) -> Option<u8> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let rest = rest.trim_start();
    let trailing = first.ends_with('.');
    let parts: Vec<&str> = first.trim_end_matches('.').split('.').collect();
    if parts
        .iter()
        .any(|p| p.is_empty() || p.len() > 3 || !p.chars().all(|c| c.is_ascii_digit()))
        || parts.len() > 6
        || (parts.len() == 1 && !trailing)
        || !rest.chars().next().is_some_and(char::is_uppercase)
        || text.split_whitespace().count() > 12
        || text.ends_with('.')
    {
        return None;
    }
    u8::try_from(parts.len()).ok()
}

pub(super) fn enumerator(text: &str) -> Option<Style> {
    let (first, rest) = text.split_once(char::is_whitespace)?;
    let bare = first.strip_suffix(['.', ')'])?;
    if !rest
        .trim_start()
        .chars()
        .next()
        .is_some_and(char::is_uppercase)
        || text.split_whitespace().count() > 11
    {
        return None;
    }
    if is_roman(bare) && bare.chars().all(|c| c.is_ascii_uppercase()) {
        Some(Style::Roman)
    } else if bare.len() == 1 && bare.chars().all(|c| c.is_ascii_uppercase()) {
        Some(Style::Letter)
    } else {
        None
    }
}

pub(super) fn ends_punct(text: &str) -> bool {
    text.trim_end_matches(['”', '"', '’', '\'', ')', ']', '_', '*'])
        .ends_with(['.', '!', '?', ',', ';', ':'])
}

pub(super) fn cap_first(w: &str) -> bool {
    w.chars()
        .find(|c| c.is_alphanumeric())
        .is_some_and(|c| c.is_uppercase() || c.is_numeric())
}

/// Classify a one-line block.
pub(super) fn one_line(text: &str) -> Option<(Style, Option<u8>, String)> {
    let t = text.trim();
    let hashes = t.bytes().take_while(|&b| b == b'#').count();
    if (1..=6).contains(&hashes) && (t.len() == hashes || t.as_bytes()[hashes] == b' ') {
        let label = t[hashes..].trim().trim_end_matches('#').trim().to_owned();
        if !label.is_empty() {
            return Some((Style::Atx, u8::try_from(hashes).ok(), label));
        }
    }
    if t.ends_with(':')
        || t.split_whitespace()
            .next()
            .is_some_and(|w| w.ends_with(':'))
        || t.chars().count() > 100
    {
        return None;
    }
    if let Some((kind, _, _)) = chapter_line(t) {
        return Some((Style::Chapter(kind), None, t.to_owned()));
    }
    if let Some(level) = numbered(t) {
        return Some((
            Style::Numbered,
            Some(level),
            t.split_whitespace().collect::<Vec<_>>().join(" "),
        ));
    }
    if let Some(style) = enumerator(t).filter(|_| !ends_punct(t)) {
        return Some((style, None, t.to_owned()));
    }
    if bare_numeral(t) {
        return Some((Style::Numeral, None, t.to_owned()));
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let letters = t.chars().filter(|c| c.is_alphabetic()).count();
    // A version token (`3.3a`) keeps its lowercase letters without making the line mixed-case.
    let lower = words
        .iter()
        .filter(|w| !w.chars().any(|c| c.is_ascii_digit()))
        .any(|w| w.chars().any(char::is_lowercase));
    // A quoted word in capitals (`"BALLARAT."`) is dialogue, not a heading.
    if letters >= 3 && words.len() <= 10 && !lower && !t.starts_with(['"', '“', '‘', '\'']) {
        return Some((Style::Caps, None, t.to_owned()));
    }
    if ends_punct(t)
        || t.starts_with(['(', '[', '_', '*', '“', '"', '‘', '\'', '—', '-'])
        || !words.first().is_some_and(|w| cap_first(w))
    {
        return None;
    }
    // `Character set encoding: UTF-8`, `Title: …`: a field, not a heading.
    if t.split_once(": ")
        .is_some_and(|(k, _)| k.split_whitespace().count() <= 3)
    {
        return None;
    }
    if (2..=10).contains(&words.len()) && t.chars().count() <= 70 {
        let content: Vec<&&str> = words
            .iter()
            .filter(|w| {
                let n = norm(w);
                !n.is_empty() && !is_stopword(&n) && n.chars().any(char::is_alphabetic)
            })
            .collect();
        let capped = content.iter().filter(|w| cap_first(w)).count();
        if !content.is_empty() && capped * 10 >= content.len() * 6 {
            return Some((Style::TitleCase, None, t.to_owned()));
        }
    }
    if words.len() <= 8 {
        return Some((Style::SentenceCase, None, t.to_owned()));
    }
    None
}

/// Classify a two-line block (setext pair or `CHAPTER …` with its title).
pub(super) fn two_lines(text: &str) -> Option<(Style, Option<u8>, String)> {
    let t = text.trim();
    for (ch, level) in [('=', 1u8), ('-', 2u8)] {
        let body = t.trim_end_matches(ch);
        if body.len() < t.len()
            && body.ends_with(' ')
            && !body.trim().is_empty()
            && !body.trim().ends_with(ch)
        {
            return Some((Style::Setext, Some(level), body.trim().to_owned()));
        }
    }
    let (kind, punct, rest) = chapter_line(t)?;
    // A long title is one in capitals, wrapped (The Prince's `CHAPTER IV -- WHY THE KINGDOM OF
    // DARIUS, …`); mixed case past 20 words is the chapter's first sentence.
    let words = t.split_whitespace().count();
    if words > 40 || (words > 20 && t.chars().any(char::is_lowercase)) {
        return None;
    }
    let title = rest.trim_start_matches(['-', '—', '–']).trim_start();
    let label = if punct || title.is_empty() {
        t.to_owned()
    } else {
        let head_len = t.len() - rest.len();
        format!("{} — {}", t[..head_len].trim_end(), title)
    };
    Some((Style::Chapter(kind), None, label))
}

/// Blocks that are page furniture (RFC page headers and footers, form feeds).
pub(crate) fn is_furniture(text: &str) -> bool {
    let t = text.trim();
    if t.chars()
        .all(|c| c == '\u{FFFD}' || c == '\u{c}' || c.is_whitespace())
    {
        return !t.is_empty();
    }
    if let Some(i) = t.find("[Page ") {
        let rest = &t[i + 6..];
        let digits = rest.chars().take_while(char::is_ascii_digit).count();
        if digits > 0 && rest[digits..].starts_with(']') {
            return true;
        }
    }
    // A line laid out in columns (two gaps of 3+ spaces), as running headers are.
    t.matches("   ").count() >= 2 && t.split("   ").filter(|p| !p.trim().is_empty()).count() >= 3
}

/// A line that reads as a chapter's title, not as its first sentence: it opens with a capital
/// (not a quote), does not lead into what follows (`… the following letter from my father:—`)
/// and, past four words, does not end a sentence.
pub(super) fn is_title_line(t: &str) -> bool {
    let end = t.trim_end_matches(['”', '"', '’', '\'', ')']);
    let sentence = ends_sentence(t);
    let leads_on = end
        .trim_end_matches(['—', '–', '-'])
        .ends_with([',', ';', ':'])
        || end.ends_with(['—', '–']);
    t.chars().next().is_some_and(char::is_uppercase)
        && !leads_on
        && !(sentence && t.split_whitespace().count() > 4)
}

/// A unit heading's unit, without its title: `chapter ii` for `CHAPTER II — JONATHAN HARKER'S
/// JOURNAL`, `book the first` for `Book the First--Recalled to Life`.
pub(super) fn unit_id(label: &str) -> Option<String> {
    chapter_line(label)?;
    let words: Vec<String> = label
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .take(3)
        .map(str::to_lowercase)
        .collect();
    let n = if words.get(1).is_some_and(|w| w == "the") {
        3
    } else {
        2
    };
    Some(words.into_iter().take(n).collect::<Vec<_>>().join(" "))
}

/// `Letter 1`, `Stave III`: a capitalised word that is no known unit, and a number. Captions
/// (`Figure 2`, `Table 3`) and steps are not units.
pub(super) fn unknown_unit(t: &str) -> Option<&str> {
    let mut it = t.split_whitespace();
    let (word, num, rest) = (it.next()?, it.next()?, it.next());
    let bare = num.trim_end_matches(['.', ':']);
    let is_num = (!bare.is_empty() && bare.chars().all(|c| c.is_ascii_digit()))
        || (is_roman(bare) && bare.chars().all(|c| c.is_ascii_uppercase()));
    let cased = word.chars().next().is_some_and(char::is_uppercase)
        && word.chars().skip(1).all(char::is_alphabetic)
        && word.len() >= 3;
    let caption = matches!(
        word.to_ascii_uppercase().as_str(),
        "FIGURE"
            | "FIG"
            | "TABLE"
            | "PLATE"
            | "EXHIBIT"
            | "ILLUSTRATION"
            | "NOTE"
            | "FOOTNOTE"
            | "EXAMPLE"
            | "EQUATION"
            | "LISTING"
            | "PAGE"
            | "STEP"
            | "ROOM"
    );
    (rest.is_none() && is_num && cased && !caption && chapter_word(word).is_none()).then_some(word)
}
