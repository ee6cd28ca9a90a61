//! Heading detection in plain text (docs/outline.md), and Markdown headings as they are.

use crate::document::{BlockKind, Document};
use crate::outline::text::ends_sentence;
use std::collections::HashMap;

mod lines;
pub(crate) use lines::is_furniture;
#[allow(clippy::wildcard_imports)]
use lines::*;

/// A heading found in the document.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct Detected {
    /// First block of the heading.
    pub block: usize,
    /// Last block of the heading (the title line of a `CHAPTER` pair), inclusive.
    pub last: usize,
    /// Level 1..=6.
    pub level: u8,
    /// Label text.
    pub label: String,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Style {
    Atx,
    Setext,
    Numbered,
    Chapter(u8),
    Roman,
    Letter,
    Numeral,
    Caps,
    TitleCase,
    SentenceCase,
}

impl Style {
    fn markup(self) -> bool {
        matches!(self, Self::Atx | Self::Setext)
    }
}

#[derive(Clone, Debug)]
struct Cand {
    first: usize,
    last: usize,
    label: String,
    style: Style,
    level: Option<u8>,
    /// The unit it heads, without its title (`chapter ii`), for a unit line: read once.
    unit: Option<String>,
}

#[derive(Clone, Debug)]
enum Ev {
    Cand(Cand),
    Body,
}

/// Book units and plain-text styles: with three or more unit headings (`CHAPTER …`), a standalone
/// `Epilogue` line is a unit too, and capitalised lines inside chapters (a letter's signature, a
/// date line) are not headings; a unit that names no level takes the level of the top units.
fn settle_units(cands: &mut Vec<Cand>) {
    let units = cands
        .iter()
        .filter(|c| matches!(c.style, Style::Chapter(_)))
        .count();
    if units >= 3 {
        // An unknown word numbered in a series of two or more (`Letter 1` … `Letter 4` before
        // `Chapter 1`) heads units too.
        let mut series: HashMap<&str, usize> = HashMap::new();
        for c in cands.iter() {
            if let Some(word) = unknown_unit(&c.label) {
                *series.entry(word).or_default() += 1;
            }
        }
        let numbered_units: Vec<bool> = cands
            .iter()
            .map(|c| {
                !c.style.markup()
                    && unknown_unit(&c.label)
                        .is_some_and(|w| series.get(w).is_some_and(|&n| n >= 2))
            })
            .collect();
        for (c, unit) in cands.iter_mut().zip(numbered_units) {
            if unit {
                c.style = Style::Chapter(TOP_UNIT);
            }
        }
        for c in cands.iter_mut() {
            if !c.style.markup()
                && !matches!(c.style, Style::Chapter(_) | Style::Numbered)
                && unit_keyword(&c.label)
            {
                c.style = Style::Chapter(TOP_UNIT);
            }
        }
        // Units above chapters alone (`Book the First`) have their chapters numbered otherwise
        // (`I. The Period`): those are kept.
        let chapters = cands
            .iter()
            .any(|c| c.style == Style::Chapter(CHAPTER_RANK));
        cands.retain(|c| {
            c.style.markup()
                || matches!(c.style, Style::Chapter(_) | Style::Numbered)
                || (!chapters && matches!(c.style, Style::Roman | Style::Numeral))
        });
    } else if let Some(numeral) = cands
        .iter()
        .find(|c| matches!(c.style, Style::Numeral | Style::Roman))
        .map(|c| c.style)
        .filter(|&n| cands.iter().filter(|c| c.style == n).count() >= 3)
    {
        // Chapters numbered without a unit word (The Time Machine's `I`, `II` …): a standalone
        // `Epilogue` is one of them.
        for c in cands.iter_mut() {
            if !c.style.markup() && unit_keyword(&c.label) {
                c.style = numeral;
            }
        }
    }
    let top = cands
        .iter()
        .filter_map(|c| match c.style {
            Style::Chapter(k) if k != TOP_UNIT => Some(k),
            _ => None,
        })
        .min()
        .unwrap_or(CHAPTER_RANK);
    for c in cands.iter_mut() {
        if c.style == Style::Chapter(TOP_UNIT) {
            c.style = Style::Chapter(top);
        }
    }
}

/// Detect headings. `skip[i]` marks blocks the outline ignores (date line, furniture).
pub(crate) fn detect(doc: &Document, skip: &[bool]) -> Vec<Detected> {
    let blocks = &doc.blocks;
    if blocks
        .iter()
        .any(|b| matches!(b.kind, BlockKind::Heading(_)))
    {
        let mut out: Vec<Detected> = blocks
            .iter()
            .enumerate()
            .filter_map(|(i, b)| match b.kind {
                BlockKind::Heading(l) => Some(Detected {
                    block: i,
                    last: i,
                    level: l.clamp(1, 6),
                    label: b.text.to_string(),
                }),
                _ => None,
            })
            .collect();
        let min = out.iter().map(|d| d.level).min().unwrap_or(1);
        for d in &mut out {
            d.level = d.level - min + 1;
        }
        return out;
    }
    let mut evs = events(doc, skip);
    guard(&mut evs);
    let mut cands: Vec<Cand> = evs
        .into_iter()
        .filter_map(|e| match e {
            Ev::Cand(c) => Some(c),
            Ev::Body => None,
        })
        .collect();
    drop_contents_entries(doc, &mut cands);
    // A plain text's own `CONTENTS` line heads its list of what follows, not a part of the
    // book (The Time Machine's would hold all twelve chapters): it stays in the opening.
    cands.retain(|c| {
        c.style.markup() || !matches!(key(&c.label).as_str(), "contents" | "table of contents")
    });
    // 4. Sentence-case lines only beside at least 2 other headings.
    if cands
        .iter()
        .filter(|c| c.style != Style::SentenceCase)
        .count()
        < 2
    {
        cands.retain(|c| c.style != Style::SentenceCase);
    }
    levels(cands)
}

/// A contents block's entries: a unit (`CHAPTER II`, `Book the First`) that stands again later
/// in the text, with nothing but a line or two of titles and page numbers before the next unit
/// (no sentence, under 150 words), lists the unit; the later one heads it.
fn drop_contents_entries(doc: &Document, cands: &mut Vec<Cand>) {
    let ids: Vec<Option<&str>> = cands.iter().map(|c| c.unit.as_deref()).collect();
    // Per candidate: where its unit stands last, and the next unit's first block (one pass
    // each way: a long book has thousands of units).
    let mut last: HashMap<&str, usize> = HashMap::new();
    for (i, id) in ids.iter().enumerate() {
        if let Some(id) = id {
            last.insert(id, i);
        }
    }
    let mut next_unit = vec![doc.blocks.len(); cands.len()];
    let mut after = doc.blocks.len();
    for i in (0..cands.len()).rev() {
        next_unit[i] = after;
        if ids[i].is_some() {
            after = cands[i].first;
        }
    }
    let listed: Vec<bool> = (0..cands.len())
        .map(|i| {
            let Some(id) = &ids[i] else { return false };
            let next = next_unit[i];
            let between = &doc.blocks[(cands[i].last + 1).min(next)..next];
            let words: usize = between
                .iter()
                .map(|b| b.text.split_whitespace().count())
                .sum();
            last.get(id).is_some_and(|&l| l > i)
                && between.len() <= 2
                && words < 150
                && between.iter().all(|b| !ends_sentence(&b.text))
        })
        .collect();
    let mut listed = listed.into_iter();
    cands.retain(|_| !listed.next().unwrap_or(false));
}

/// Step 1: candidates and body text, in order.
fn events(doc: &Document, skip: &[bool]) -> Vec<Ev> {
    let blocks = &doc.blocks;
    // 1. Events: candidates and body.
    let mut evs: Vec<Ev> = Vec::new();
    let mut i = 0;
    while i < blocks.len() {
        let b = &blocks[i];
        if skip.get(i).copied().unwrap_or(false)
            || matches!(b.kind, BlockKind::Title | BlockKind::Meta | BlockKind::Rule)
            || b.continues
        {
            i += 1;
            continue;
        }
        let cand = if b.kind != BlockKind::Paragraph || b.list().is_some() || b.quote_depth > 0 {
            None
        } else if b.source_lines <= 1 {
            one_line(&b.text)
        } else if b.source_lines == 2 {
            two_lines(&b.text)
        } else {
            None
        };
        let Some((style, level, label)) = cand else {
            // Body text only separates candidates: a run of it is one event (a long text
            // would otherwise hold an event per paragraph).
            if !matches!(evs.last(), Some(Ev::Body)) {
                evs.push(Ev::Body);
            }
            i += 1;
            continue;
        };
        let mut c = Cand {
            first: i,
            last: i,
            label,
            style,
            level,
            unit: None,
        };
        // `CHAPTER I` alone, with its title on the next one-line block.
        // A numeral alone takes its title likewise (Treasure Island: `1`, then `The Old Sea-dog
        // at the Admiral Benbow`).
        let alone = match style {
            Style::Chapter(_) => {
                chapter_line(b.text.trim()).is_some_and(|(_, _, rest)| rest.is_empty())
            }
            Style::Numeral => true,
            _ => false,
        };
        if alone
            && b.source_lines <= 1
            && let Some(nb) = blocks.get(i + 1)
            && nb.kind == BlockKind::Paragraph
            && nb.source_lines <= 1
            && nb.list().is_none()
            && !skip.get(i + 1).copied().unwrap_or(false)
            && chapter_line(nb.text.trim()).is_none()
            && unknown_unit(nb.text.trim()).is_none()
            && nb.text.split_whitespace().count() <= 12
            && !nb.text.trim().ends_with(':')
            && is_title_line(nb.text.trim())
        {
            c.label = format!(
                "{} — {}",
                b.text.trim().trim_end_matches(['.', ':']),
                nb.text.trim()
            );
            c.last = i + 1;
        }
        c.unit = unit_id(&c.label);
        i = c.last + 1;
        evs.push(Ev::Cand(c));
    }
    evs
}

/// Steps 2 and 3: lists and contents blocks, and candidates not followed by body text.
fn guard(evs: &mut [Ev]) {
    // 2. Lists and contents blocks: 3+ consecutive non-markup candidates.
    let mut last_unit: HashMap<String, usize> = HashMap::new();
    for (i, e) in evs.iter().enumerate() {
        if let Ev::Cand(c) = e
            && let Some(id) = c.unit.as_deref()
        {
            last_unit.insert(id.to_owned(), i);
        }
    }
    let mut k = 0;
    while k < evs.len() {
        let is_nm = |e: &Ev| matches!(e, Ev::Cand(c) if !c.style.markup());
        if !is_nm(&evs[k]) {
            k += 1;
            continue;
        }
        let mut j = k;
        while j + 1 < evs.len() && is_nm(&evs[j + 1]) {
            j += 1;
        }
        // Headings of different styles one above the other are a stack, not a list (`TREASURE
        // ISLAND`, `PART ONE--The Old Buccaneer`, `1` and its title): a list repeats a style.
        let styles: Vec<Style> = evs[k..=j]
            .iter()
            .filter_map(|e| match e {
                Ev::Cand(c) => Some(c.style),
                Ev::Body => None,
            })
            .collect();
        let stack = styles
            .iter()
            .enumerate()
            .all(|(i, s)| !styles[..i].contains(s));
        if j - k + 1 >= 3 && !stack {
            let keys: Vec<String> = evs[k..=j]
                .iter()
                .map(|e| match e {
                    Ev::Cand(c) => key(&c.label),
                    Ev::Body => String::new(),
                })
                .collect();
            let last = &keys[keys.len() - 1];
            let repeats = keys[..keys.len() - 1].iter().any(|e| e == last);
            // The title lines of a book run into its first chapter (`Lewis Carroll`, `THE
            // MILLENNIUM FULCRUM EDITION 3.0`, `CHAPTER I. Down the Rabbit-Hole`): a unit that
            // ends the run and stands nowhere later is that chapter, not a contents entry.
            let first_unit = match &evs[j] {
                Ev::Cand(c) if matches!(c.style, Style::Chapter(_)) => c
                    .unit
                    .as_deref()
                    .is_some_and(|id| last_unit.get(id).is_none_or(|&l| l <= j)),
                _ => false,
            };
            let end = if repeats || first_unit { j } else { j + 1 };
            for e in &mut evs[k..end] {
                *e = Ev::Body;
            }
        }
        k = j + 1;
    }
    // 3. A non-markup candidate must be followed by body text.
    for k in 0..evs.len() {
        let Ev::Cand(c) = &evs[k] else { continue };
        if c.style.markup() {
            continue;
        }
        let ok = match evs.get(k + 1) {
            Some(Ev::Body) => true,
            // A `CHAPTER` line may carry a sub-heading or an epigraph line; any heading its
            // first part's number (`ADVENTURE I. A SCANDAL IN BOHEMIA`, then `I.`).
            Some(Ev::Cand(n)) => matches!(c.style, Style::Chapter(_)) || n.style == Style::Numeral,
            None => false,
        };
        if !ok {
            evs[k] = Ev::Body;
        }
    }
}

/// One numbering in two styles is one level: when every heading of a style carries the numbers
/// that follow another style's `1…m` in order (The Adventures of Sherlock Holmes: `ADVENTURE I.
/// A SCANDAL IN BOHEMIA` … `ADVENTURE VI. …`, then `VII. THE ADVENTURE OF THE BLUE CARBUNCLE`
/// … `XII. …`), it takes that style.
fn continue_numbering(cands: &mut [Cand]) {
    let mut styles: Vec<Style> = Vec::new();
    for c in cands.iter() {
        if !c.style.markup() && !matches!(c.style, Style::Chapter(_)) && !styles.contains(&c.style)
        {
            styles.push(c.style);
        }
    }
    let counts =
        |nums: &[(usize, u32)], from: u32| nums.iter().zip(from..).all(|(&(_, n), want)| n == want);
    for &a in &styles {
        let (na, _) = style_numbers(cands, a);
        if na.len() < 2 || !counts(&na, 1) {
            continue;
        }
        let (m, last_a) = (na[na.len() - 1].1, na[na.len() - 1].0);
        for &b in styles.iter().filter(|&&b| b != a) {
            let (nb, all) = style_numbers(cands, b);
            if all && !nb.is_empty() && nb[0].0 > last_a && counts(&nb, m + 1) {
                for c in cands.iter_mut().filter(|c| c.style == b) {
                    c.style = a;
                }
            }
        }
    }
}

/// The numbers the headings of `style` open with (candidate index, number), in order, and
/// whether every heading of that style has one.
fn style_numbers(cands: &[Cand], style: Style) -> (Vec<(usize, u32)>, bool) {
    let of = cands.iter().filter(|c| c.style == style).count();
    let nums: Vec<(usize, u32)> = cands
        .iter()
        .enumerate()
        .filter(|(_, c)| c.style == style)
        .filter_map(|(i, c)| lead_number(&c.label).map(|n| (i, n)))
        .collect();
    let all = nums.len() == of;
    (nums, all)
}

/// Step 5: levels from styles, shifted so the smallest is 1.
fn levels(mut cands: Vec<Cand>) -> Vec<Detected> {
    continue_numbering(&mut cands);
    // 5. Levels: carried, or ranked by first appearance (PART, BOOK, CHAPTER lines first, so
    // front matter in capitals does not swallow the chapters); then shifted so the smallest is 1.
    settle_units(&mut cands);
    let mut seen: Vec<Style> = Vec::new();
    for k in 0..=CHAPTER_RANK {
        if cands.iter().any(|c| c.style == Style::Chapter(k)) {
            seen.push(Style::Chapter(k));
        }
    }
    let mut out: Vec<Detected> = cands
        .into_iter()
        .map(|c| {
            let level = c.level.unwrap_or_else(|| {
                let r = seen.iter().position(|s| *s == c.style).unwrap_or_else(|| {
                    seen.push(c.style);
                    seen.len() - 1
                });
                u8::try_from(r + 1).unwrap_or(6)
            });
            Detected {
                block: c.first,
                last: c.last,
                level,
                label: c.label,
            }
        })
        .collect();
    let min = out.iter().map(|d| d.level).min().unwrap_or(1);
    for d in &mut out {
        d.level = (d.level - min + 1).min(6);
    }
    out
}

/// The number words table (for a test).
#[cfg(test)]
pub(crate) fn number_words() -> Vec<&'static str> {
    NUMBER_WORDS.to_vec()
}
