//! Labels taken from the text: lead clauses, run labels and the topic phrase (docs/outline.md).

use super::text::{FxMap, ends_sentence, is_content, is_stopword, norm, stem_of};

/// Openers dropped from the start of a lead (matched case-folded, the last word ends in `,`).
const OPENERS: &[&[&str]] = &[
    &["above", "all"],
    &["additionally"],
    &["also"],
    &["besides"],
    &["consequently"],
    &["finally"],
    &["first"],
    &["firstly"],
    &["for", "example"],
    &["for", "instance"],
    &["furthermore"],
    &["however"],
    &["in", "addition"],
    &["in", "conclusion"],
    &["in", "fact"],
    &["in", "other", "words"],
    &["in", "short"],
    &["in", "summary"],
    &["indeed"],
    &["last", "but", "not", "least"],
    &["lastly"],
    &["likewise"],
    &["meanwhile"],
    &["moreover"],
    &["nevertheless"],
    &["next"],
    &["of", "course"],
    &["on", "the", "other", "hand"],
    &["overall"],
    &["second"],
    &["secondly"],
    &["similarly"],
    &["then"],
    &["therefore"],
    &["third"],
    &["thirdly"],
    &["thus"],
    &["to", "sum", "up"],
];

/// Words that, after a comma, start a new clause (a place to stop a label).
const CLAUSE_STARTS: &[&str] = &[
    "although",
    "and",
    "as",
    "because",
    "but",
    "especially",
    "including",
    "it",
    "nor",
    "or",
    "since",
    "so",
    "that",
    "though",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "whose",
];

/// Words that open an introductory clause (prepositions, subordinators).
const INTRO_WORDS: &[&str] = &[
    "after",
    "against",
    "along",
    "amid",
    "among",
    "as",
    "at",
    "before",
    "beyond",
    "by",
    "concerning",
    "despite",
    "during",
    "following",
    "for",
    "from",
    "given",
    "if",
    "in",
    "on",
    "regarding",
    "since",
    "through",
    "to",
    "under",
    "when",
    "while",
    "with",
    "within",
];

/// First words of enumerated paragraphs ("First, …", "Finally, …").
const ENUMERATORS: &[&str] = &[
    "eighth", "fifth", "finally", "first", "firstly", "fourth", "lastly", "ninth", "second",
    "secondly", "seventh", "sixth", "tenth", "third", "thirdly",
];

/// True for a normalized word that enumerates (First/Second/…/Finally).
pub(crate) fn is_enumerator(normed: &str) -> bool {
    ENUMERATORS.binary_search(&normed).is_ok()
}

fn opens_sentence(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '«'))
}

/// The words of the first sentence of `text`, with the next one appended when it is under
/// 4 words; at most 80 words.
pub(crate) fn lead_words(text: &str) -> Vec<&str> {
    lead_words_upto(text, 80)
}

/// [`lead_words`], stopping after `limit` words.
fn lead_words_upto(text: &str, limit: usize) -> Vec<&str> {
    let mut out = Vec::new();
    let mut it = text.split_whitespace().peekable();
    while let Some(w) = it.next() {
        out.push(w);
        if out.len() >= limit {
            break;
        }
        if ends_sentence(w) && it.peek().is_some_and(|n| opens_sentence(n)) && out.len() >= 4 {
            break;
        }
    }
    out
}

/// A phrase repeated across the text that shares stems with the title (docs/outline.mdstep 3).
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Topic {
    /// Normalized words of the phrase.
    pub words: Vec<String>,
}

/// At most this many paragraphs (evenly spaced) are searched for the topic phrase, so that a
/// book-length text stays fast; shorter texts are searched in full.
const TOPIC_SAMPLE: usize = 400;

/// Find the topic phrase: a 3–8-word n-gram with content words at both ends, in at least
/// max(3, n/4) of the paragraphs, sharing at least 2 stems with the title.
pub(crate) fn topic_phrase<'a>(
    n: usize,
    text: impl Fn(usize) -> &'a str,
    title: &str,
    stemming: bool,
) -> Option<Topic> {
    let step = n.div_ceil(TOPIC_SAMPLE).max(1);
    let sample: Vec<&str> = (0..n).step_by(step).map(text).collect();
    let paras = &sample[..];
    let mut title_stems: Vec<String> = title
        .split_whitespace()
        .map(norm)
        .filter(|w| is_content(w))
        .map(|w| stem_of(&w, stemming))
        .filter(|s| !s.is_empty())
        .collect();
    title_stems.sort();
    title_stems.dedup();
    title_stems.truncate(64);
    if title_stems.len() < 2 || paras.is_empty() {
        return None;
    }
    let need = (paras.len() / 4).max(3);
    // key -> (paragraph count, last paragraph seen, first occurrence order)
    let mut counts: FxMap<String, (usize, usize, usize)> = FxMap::default();
    let mut order = 0usize;
    let mut words: Vec<(String, bool, u64)> = Vec::new();
    for (pi, p) in paras.iter().enumerate() {
        words.clear();
        let mut mask_all = 0u64;
        for w in p.split_whitespace() {
            let n = norm(w);
            let content = is_content(&n);
            let bit = if content {
                let s = stem_of(&n, stemming);
                title_stems.binary_search(&s).map_or(0, |i| 1u64 << i)
            } else {
                0
            };
            mask_all |= bit;
            words.push((n, content, bit));
        }
        if mask_all.count_ones() < 2 {
            continue;
        }
        for i in 0..words.len() {
            if !words[i].1 {
                continue;
            }
            let mut mask = words[i].2;
            for j in i + 1..(i + 8).min(words.len()) {
                mask |= words[j].2;
                if j - i + 1 >= 3 && words[j].1 && mask.count_ones() >= 2 {
                    let key = words[i..=j]
                        .iter()
                        .map(|w| w.0.as_str())
                        .collect::<Vec<_>>()
                        .join(" ");
                    let e = counts.entry(key).or_insert((0, usize::MAX, order));
                    order += 1;
                    if e.1 != pi {
                        e.0 += 1;
                        e.1 = pi;
                    }
                }
            }
        }
    }
    // Most paragraphs, then longest, then first seen: independent of hash order.
    let best = counts
        .into_iter()
        .filter(|(_, (c, _, _))| *c >= need)
        .max_by(|a, b| {
            let wa = a.0.split(' ').count();
            let wb = b.0.split(' ').count();
            (a.1.0, wa, std::cmp::Reverse(a.1.2)).cmp(&(b.1.0, wb, std::cmp::Reverse(b.1.2)))
        })?;
    Some(Topic {
        words: best.0.split(' ').map(str::to_owned).collect(),
    })
}

fn contains_phrase(words: &[&str], phrase: &[String]) -> bool {
    if phrase.is_empty() || words.len() < phrase.len() {
        return false;
    }
    let normed: Vec<String> = words.iter().map(|w| norm(w)).collect();
    normed.windows(phrase.len()).any(|w| w == phrase)
}

/// `lead(paragraph)`: the lead clause of the first sentence, at most `max` words (docs/outline.md).
pub(crate) fn lead(text: &str, max: usize, topic: Option<&Topic>) -> String {
    // A label keeps at most `max` words after an opener and an introductory clause: the words
    // far past that never change it, so they are not split out.
    let words = lead_words_upto(text, (max + 32).min(80));
    let mut start = 0;
    // Step 2: openers.
    let first = words.first().map(|w| norm(w)).unwrap_or_default();
    for op in OPENERS.iter().filter(|op| op[0] == first) {
        if words.len() > op.len() + 1
            && words[op.len() - 1].ends_with(',')
            && words[..op.len()]
                .iter()
                .zip(op.iter())
                .all(|(w, o)| norm(w) == *o)
        {
            start = op.len();
            break;
        }
    }
    // Step 3: an introductory clause holding the topic phrase.
    if let Some(t) = topic {
        let rest = &words[start..];
        if let Some(comma) = rest.iter().position(|w| w.ends_with(',')) {
            let clause = &rest[..=comma];
            if rest.len() - comma > 4
                && INTRO_WORDS.binary_search(&norm(clause[0]).as_str()).is_ok()
                && contains_phrase(clause, &t.words)
            {
                start += comma + 1;
            }
        }
    }
    let mut s = clip(&words[start..], max);
    capitalise(&mut s);
    s
}

/// The lead of a section whose first paragraphs are `texts`: of the first that is not page
/// furniture, among the first three.
pub(crate) fn section_lead<'a>(
    texts: impl Iterator<Item = &'a str> + Clone,
    max: usize,
    topic: Option<&Topic>,
) -> String {
    let first = texts.clone().next().unwrap_or_default();
    let text = texts.take(3).find(|t| !is_furniture(t)).unwrap_or(first);
    lead(text, max, topic)
}

/// A web page's furniture at a section's top, which names nothing: a counter (`1 / 5`), a
/// bracketed or credited caption (`(Artist: Elearia)`, `Credit Harry Campbell`), a button or
/// media word alone (`Photo`, `Save`).
fn is_furniture(text: &str) -> bool {
    const ALONE: &[&str] = &[
        "advertisement",
        "audio",
        "comments",
        "email",
        "gallery",
        "image",
        "photo",
        "photograph",
        "print",
        "save",
        "share",
        "tweet",
        "video",
    ];
    let t = text.trim();
    let words = t.split_whitespace().count();
    let no_word = !t
        .split_whitespace()
        .any(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2);
    let bracketed =
        (t.starts_with('(') && t.ends_with(')')) || (t.starts_with('[') && t.ends_with(']'));
    let first = t.split_whitespace().next().map(norm).unwrap_or_default();
    let credit = matches!(first.as_str(), "credit" | "credits") && words <= 6;
    no_word || (bracketed && words <= 12) || credit || ALONE.contains(&norm(t).as_str())
}

/// The entry label of a paragraph inside a run: the words shared with the run label elided.
pub(crate) fn run_entry(text: &str, label_words: &[String], max: usize) -> Option<String> {
    let words = lead_words(text);
    let skip = words
        .iter()
        .zip(label_words)
        .take_while(|(w, l)| norm(w) == **l)
        .count();
    if skip == 0 || skip >= words.len() {
        return None;
    }
    Some(format!("… {}", clip(&words[skip..], max)))
}

/// Steps 4 and 5: keep up to `max` words, stop early at clause punctuation, trim trailing
/// stopwords and punctuation, mark a cut with `…`.
fn clip(words: &[&str], max: usize) -> String {
    let mut kept: Vec<&str> = Vec::new();
    for (i, w) in words.iter().enumerate() {
        kept.push(w);
        let n = kept.len();
        if n >= max {
            break;
        }
        if n >= 5 {
            if w.ends_with([';', ':', '—']) {
                break;
            }
            if w.ends_with(',')
                && words
                    .get(i + 1)
                    .is_some_and(|nx| CLAUSE_STARTS.binary_search(&norm(nx).as_str()).is_ok())
            {
                break;
            }
        }
    }
    let cut = kept.len() < words.len();
    let strip = |w: &str| -> String {
        w.trim_end_matches([',', ';', ':', '—', '–', '-', '.'])
            .to_owned()
    };
    // A whole sentence stays whole (`“What’s it all about?`); a cut one loses its trailing
    // function words (`… the position of` → `… the position`).
    let whole = kept.last().is_some_and(|w| {
        ends_sentence(w)
            && !w.contains("..")
            && !w.contains('…')
            && w.chars().any(char::is_alphanumeric)
    });
    while kept.len() > 1 && !whole {
        let last = strip(kept[kept.len() - 1]);
        let n = norm(&last);
        if n.is_empty() || is_stopword(&n) {
            kept.pop();
        } else {
            break;
        }
    }
    let mut out: Vec<String> = kept.iter().map(|w| (*w).to_owned()).collect();
    if let Some(last) = out.last_mut() {
        let t = strip(last);
        if !t.is_empty() {
            *last = t;
        }
    }
    let mut s = out.join(" ");
    if cut {
        s.push('…');
    }
    s
}

/// Capitalise the first letter; a small-caps opening (`AMONG the`, `TO WHAT expedient`)
/// becomes `Among the`, `To what`; acronyms stay.
pub(crate) fn capitalise(s: &mut String) {
    let words: Vec<&str> = s.split(' ').collect();
    // Capitals only, and at least two letters: `I` and `A` are words, not small caps.
    let caps = |w: &str| {
        w.chars().filter(|c| c.is_alphabetic()).count() >= 2 && !w.chars().any(char::is_lowercase)
    };
    let run = words.iter().take_while(|w| caps(w)).count();
    let followed_by_lower = words
        .get(run)
        .is_some_and(|w| w.chars().next().is_some_and(char::is_lowercase));
    let small_caps = run > 0 && followed_by_lower && (run >= 2 || is_stopword(&norm(words[0])));
    if small_caps {
        let mut out = String::with_capacity(s.len());
        for (i, w) in words.iter().enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if i < run {
                let lower = w.to_lowercase();
                if i == 0 {
                    let mut cs = lower.chars();
                    if let Some(c) = cs.next() {
                        out.extend(c.to_uppercase());
                        out.push_str(cs.as_str());
                    }
                } else {
                    out.push_str(&lower);
                }
            } else {
                out.push_str(w);
            }
        }
        *s = out;
        return;
    }
    if let Some(c) = s.chars().next()
        && c.is_lowercase()
    {
        let rest = s[c.len_utf8()..].to_owned();
        *s = c.to_uppercase().collect::<String>() + &rest;
    }
}

/// The label of a run: the longest first-sentence word prefix shared by a strict majority of
/// its paragraphs, then ` …`; with the prefix's normalized words. `None` without such a prefix.
pub(crate) fn run_label(texts: &[&str], max: usize) -> Option<(String, Vec<String>)> {
    let firsts: Vec<Vec<&str>> = texts.iter().map(|t| lead_words(t)).collect();
    let normed: Vec<Vec<String>> = firsts
        .iter()
        .map(|f| f.iter().map(|w| norm(w)).collect())
        .collect();
    let m = normed.len();
    let mut best: Option<(usize, usize)> = None; // (length, paragraph holding it)
    for k in 1..=max {
        let mut found = None;
        for i in 0..m {
            if normed[i].len() < k {
                continue;
            }
            let c = normed
                .iter()
                .filter(|o| o.len() >= k && o[..k] == normed[i][..k])
                .count();
            if 2 * c > m {
                found = Some(i);
                break;
            }
        }
        match found {
            Some(i) => best = Some((k, i)),
            None => break,
        }
    }
    let (k, i) = best?;
    let mut words: Vec<String> = firsts[i][..k].iter().map(|w| (*w).to_owned()).collect();
    if let Some(last) = words.last_mut() {
        let t = last
            .trim_end_matches([',', ';', ':', '—', '–', '.'])
            .to_owned();
        if !t.is_empty() {
            *last = t;
        }
    }
    let mut label = words.join(" ");
    capitalise(&mut label);
    label.push_str(" …");
    Some((label, normed[i][..k].to_vec()))
}

/// The sorted word tables (for a test).
#[cfg(test)]
pub(crate) fn sorted_tables() -> Vec<Vec<&'static str>> {
    vec![
        CLAUSE_STARTS.to_vec(),
        INTRO_WORDS.to_vec(),
        ENUMERATORS.to_vec(),
        super::headings::number_words(),
    ]
}
