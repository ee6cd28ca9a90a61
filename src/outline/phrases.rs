//! Section labels from distinctive phrases: the words a section uses much more than the rest of
//! the text, in the text's own casing (docs/outline.md, "Labels").

use super::text::{FxMap, f64_of, is_content, norm, stem_of};
use super::words::{ADVERBS, DETERMINERS, NOT_TOPICAL, NUMBER_WORDS, VERB_MARKERS, is_generic};

/// At most this many words of a section are read for its phrases (a long text stays fast).
const SECTION_SAMPLE_WORDS: usize = 1500;

/// How a content word's stem was used in the text: after a determiner, after a verb marker.
const AFTER_DETERMINER: u8 = 1;
const AFTER_VERB_MARKER: u8 = 2;

/// A candidate phrase of one section.
#[derive(Clone, Debug, Default)]
struct Cand {
    /// Occurrences in the section.
    tf: usize,
    /// Paragraphs of the section holding it.
    df_in: usize,
    /// Surface forms seen, with counts (the most frequent lowercase one wins).
    surface: Vec<(String, usize)>,
    /// Paragraph index of the last count, so a paragraph counts once in `df_in`.
    last_para: usize,
    /// First occurrence order (ties).
    order: usize,
    /// Number of words.
    len: usize,
}

/// A phrase's key: the stem ids of its content words (`X of (the) Y` keeps X and Y's words),
/// so that a phrase is counted without building its text.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
struct Key {
    /// Stem ids, the unused ones [`NONE`].
    ids: [u32; 3],
    /// True for `X of (the) Y`.
    of: bool,
}

/// No stem: a function word, or an unused slot of a [`Key`].
const NONE: u32 = u32::MAX;

/// What a word is to the phrases, decided once per distinct surface form.
#[derive(Clone, Copy, Debug)]
struct Word {
    /// Its stem id when a content word, else [`NONE`].
    stem: u32,
    /// A content word of time, amount or manner ([`GENERIC_WORDS`]).
    generic: bool,
    /// The function word `of`.
    of: bool,
    /// The function word `the`.
    the: bool,
    /// One of [`DETERMINERS`].
    determiner: bool,
    /// One of [`VERB_MARKERS`].
    verb_marker: bool,
    /// Written with a lowercase first letter.
    lowercase: bool,
}

/// Words by surface form and stems by id, shared by every section of a text.
#[derive(Default)]
struct Lexicon<'a> {
    words: FxMap<&'a str, Word>,
    stem_ids: FxMap<String, u32>,
    stems: Vec<String>,
    /// Per stem id: [`AFTER_DETERMINER`] and [`AFTER_VERB_MARKER`] as seen so far.
    uses: Vec<u8>,
}

impl<'a> Lexicon<'a> {
    /// What `surface` (a word with its surrounding punctuation trimmed) is.
    fn word(&mut self, surface: &'a str) -> Word {
        if let Some(&w) = self.words.get(surface) {
            return w;
        }
        let n = norm(surface);
        // Content words, without the usual shapes of adverbs and past participles (a
        // capitalised `United` stays).
        let capital = surface.chars().next().is_some_and(char::is_uppercase);
        let content = is_content(&n)
            && NUMBER_WORDS.binary_search(&n.as_str()).is_err()
            && n.chars()
                .all(|c| c.is_alphabetic() || c == '-' || c == '\'')
            && !n.ends_with("ly")
            && (capital || !n.ends_with("ed"))
            && ADVERBS.binary_search(&n.as_str()).is_err();
        let stem = if content {
            let stem = stem_of(&n, true);
            let next = u32::try_from(self.stems.len()).unwrap_or(NONE - 1);
            *self.stem_ids.entry(stem).or_insert_with_key(|stem| {
                self.stems.push(stem.clone());
                self.uses.push(0);
                next
            })
        } else {
            NONE
        };
        let w = Word {
            stem,
            generic: content && is_generic(&n),
            of: n == "of",
            the: n == "the",
            determiner: DETERMINERS.binary_search(&n.as_str()).is_ok(),
            verb_marker: VERB_MARKERS.binary_search(&n.as_str()).is_ok(),
            lowercase: !capital,
        };
        self.words.insert(surface, w);
        w
    }

    /// Notes how `word` is used after `before` (the word before it, with no punctuation
    /// between).
    fn note_use(&mut self, before: Word, word: Word) {
        let flag = if before.determiner {
            AFTER_DETERMINER
        } else if before.verb_marker && word.lowercase {
            AFTER_VERB_MARKER
        } else {
            return;
        };
        if let Some(u) = self.uses.get_mut(word.stem as usize) {
            *u |= flag;
        }
    }

    /// True for a stem the text uses after `to` or a modal and never after a determiner: a verb
    /// (`to solve problems`), which opens no noun phrase.
    fn is_verb(&self, stem: u32) -> bool {
        self.uses.get(stem as usize) == Some(&AFTER_VERB_MARKER)
    }

    /// The text of a key: its stems, with `of` after the first in `X of Y`.
    fn key_text(&self, key: Key) -> String {
        let mut out = String::new();
        for (i, &id) in key.ids.iter().take_while(|&&id| id != NONE).enumerate() {
            if i > 0 {
                out.push(' ');
            }
            if i == 1 && key.of {
                out.push_str("of ");
            }
            out.push_str(self.stems.get(id as usize).map_or("", String::as_str));
        }
        out
    }
}

/// One token of a paragraph: its word, its surface form, and whether a phrase may continue
/// past it (no clause punctuation after it).
struct Tok<'a> {
    word: Word,
    surface: &'a str,
    joins: bool,
}

impl Tok<'_> {
    fn content(&self) -> bool {
        self.word.stem != NONE
    }
}

fn tokens<'a>(text: &'a str, lexicon: &mut Lexicon<'a>, out: &mut Vec<Tok<'a>>) {
    out.clear();
    let mut before: Option<Word> = None;
    out.extend(text.split_whitespace().map(|raw| {
        let surface = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let joins = !raw.ends_with(|c: char| {
            matches!(c, ',' | ';' | ':' | '.' | '!' | '?' | '—' | ')' | '"' | '”')
        }) && !raw.contains("--");
        let word = lexicon.word(surface);
        if let Some(b) = before
            && word.stem != NONE
        {
            lexicon.note_use(b, word);
        }
        before = joins.then_some(word);
        Tok {
            word,
            surface,
            joins,
        }
    }));
}

/// Phrases of a token list: runs of 1–3 content words, and `X of Y` / `X of the Y`; `f` gets
/// each one's key, surface (in `surface`, which is scratch space) and length in words.
fn phrases(toks: &[Tok], surface: &mut String, mut f: impl FnMut(Key, &str, usize)) {
    for i in 0..toks.len() {
        if !toks[i].content() {
            continue;
        }
        let mut key = Key {
            ids: [toks[i].word.stem, NONE, NONE],
            of: false,
        };
        surface.clear();
        surface.push_str(toks[i].surface);
        if !toks[i].word.generic {
            f(key, surface, 1);
        }
        let mut j = i;
        while j + 1 < toks.len() && j - i < 2 && toks[j].joins && toks[j + 1].content() {
            j += 1;
            key.ids[j - i] = toks[j].word.stem;
            surface.push(' ');
            surface.push_str(toks[j].surface);
            if !toks[j].word.generic {
                f(key, surface, j - i + 1);
            }
        }
        // `X of (the) Y`
        if toks[i].joins
            && !toks[i].word.generic
            && toks.get(i + 1).is_some_and(|t| t.word.of && t.joins)
        {
            let mut k = i + 2;
            if toks.get(k).is_some_and(|t| t.word.the && t.joins) {
                k += 1;
            }
            if toks.get(k).is_some_and(Tok::content) {
                // Y is the whole run of content words (at most two): `Constitution of the
                // United States`, not `… of the United`.
                let mut end = k;
                while end < k + 1 && toks[end].joins && toks.get(end + 1).is_some_and(Tok::content)
                {
                    end += 1;
                }
                let run_ends = !(toks[end].joins && toks.get(end + 1).is_some_and(Tok::content));
                // `… of the popular will`: `will` after an adjective is its noun, and the
                // phrase without it ends in the adjective.
                let cut = toks[end].joins
                    && toks
                        .get(end + 1)
                        .is_some_and(|t| matches!(t.surface, "will" | "might"));
                if run_ends && !cut {
                    let mut key = Key {
                        ids: [toks[i].word.stem, NONE, NONE],
                        of: true,
                    };
                    for (slot, t) in key.ids[1..].iter_mut().zip(&toks[k..=end]) {
                        *slot = t.word.stem;
                    }
                    surface.clear();
                    for (n, t) in toks[i..=end].iter().enumerate() {
                        if n > 0 {
                            surface.push(' ');
                        }
                        surface.push_str(t.surface);
                    }
                    f(key, surface, 2);
                }
            }
        }
    }
}

/// The paragraphs of a section that [`labels`] reads: those that start before
/// [`SECTION_SAMPLE_WORDS`] words.
pub(crate) fn sampled<'a>(paras: impl Iterator<Item = &'a str>) -> Vec<&'a str> {
    let mut words = 0usize;
    paras
        .take_while(|p| {
            let read = words < SECTION_SAMPLE_WORDS;
            if read {
                // As many as `tokens` makes, one per whitespace-separated word.
                words += p.split_whitespace().count();
            }
            read
        })
        .collect()
}

/// The candidates of one section (read up to [`SECTION_SAMPLE_WORDS`] words) whose key `keep`
/// accepts; `order` counts every phrase seen, on from section to section.
fn section_candidates<'a>(
    paras: &[&'a str],
    lexicon: &mut Lexicon<'a>,
    order: &mut usize,
    keep: impl Fn(Key) -> bool,
) -> FxMap<Key, Cand> {
    let mut map: FxMap<Key, Cand> = FxMap::default();
    let mut words = 0usize;
    let (mut toks, mut surface) = (Vec::new(), String::new());
    for (pi, p) in paras.iter().enumerate() {
        if words >= SECTION_SAMPLE_WORDS {
            break;
        }
        tokens(p, lexicon, &mut toks);
        words += toks.len();
        phrases(&toks, &mut surface, |key, surface, len| {
            let first = *order;
            *order += 1;
            if !keep(key) {
                return;
            }
            let c = map.entry(key).or_insert_with(|| Cand {
                last_para: usize::MAX,
                order: first,
                len,
                ..Cand::default()
            });
            c.tf += 1;
            if c.last_para != pi {
                c.last_para = pi;
                c.df_in += 1;
            }
            // A surface is copied only when new: most phrases repeat.
            match c.surface.iter_mut().find(|(s, _)| s == surface) {
                Some(e) => e.1 += 1,
                None => c.surface.push((surface.to_owned(), 1)),
            }
        });
    }
    map
}

/// True for a candidate that may name its section: seen at least twice, and a single word
/// only when the text always capitalises it (a name: `Texas`).
fn scorable(c: &Cand) -> bool {
    c.tf >= 2
        && (c.len > 1
            || c.tf >= 3
                && c.surface
                    .iter()
                    .all(|(s, _)| s.chars().next().is_some_and(char::is_uppercase)))
}

/// Per key: in how many sections it occurs, and its paragraph count over all sections.
type Spread = FxMap<Key, (usize, usize)>;

/// The scorable candidates of every section, and for each of their keys in how many sections
/// it occurs and its paragraph count over all sections. Two readings of the sections: the
/// first keeps each section's scorable candidates (most are phrases seen once, dropped section
/// by section), the second counts only the kept keys.
fn candidates<'a>(
    sections: &[Vec<&'a str>],
    lexicon: &mut Lexicon<'a>,
) -> (Vec<Vec<(Key, Cand)>>, Spread) {
    // Each reading tokenizes a paragraph where it reads it: holding every sampled paragraph's
    // tokens for both readings cost 7 MiB of peak memory on a 20 MB text, for 10 ms.
    let mut order = 0usize;
    let kept: Vec<Vec<(Key, Cand)>> = sections
        .iter()
        .map(|paras| {
            section_candidates(paras, lexicon, &mut order, |_| true)
                .into_iter()
                .filter(|(_, c)| scorable(c))
                .collect()
        })
        .collect();
    let mut spread: Spread = kept.iter().flatten().map(|&(k, _)| (k, (0, 0))).collect();
    for paras in sections {
        let seen = section_candidates(paras, lexicon, &mut 0, |k| spread.contains_key(&k));
        for (k, c) in seen {
            if let Some(e) = spread.get_mut(&k) {
                e.0 += 1;
                e.1 += c.df_in;
            }
        }
    }
    (kept, spread)
}

/// The phrase as the text writes it: a lowercase form when the text has one (a capital at a
/// sentence start is not the word's own), else the most frequent form.
fn surface_of(c: &Cand) -> String {
    let lower = c
        .surface
        .iter()
        .filter(|(s, _)| s.chars().next().is_some_and(char::is_lowercase))
        .max_by_key(|(_, n)| *n);
    let best = lower.or_else(|| c.surface.iter().max_by_key(|(_, n)| *n));
    // A label names the thing, not its owner: `highest bidder's` reads `highest bidder`.
    best.map(|(s, _)| {
        s.strip_suffix("'s")
            .or_else(|| s.strip_suffix("’s"))
            .unwrap_or(s)
            .to_owned()
    })
    .unwrap_or_default()
}

/// Distinctive phrases of every section, best first: (score, key, surface).
fn ranked(sections: &[Vec<&str>]) -> Vec<Vec<(f64, String, String)>> {
    let mut lexicon = Lexicon::default();
    let (cands, spread) = candidates(sections, &mut lexicon);
    let n_sections = f64_of(sections.len().max(1));
    cands
        .iter()
        .map(|kept| {
            let mut v: Vec<(f64, usize, Key, &Cand)> = kept
                .iter()
                // A single word names a section only when no other section has it: a name
                // the whole text uses (`Government`, `Nation`, `America`) says nothing of one.
                // Nor does a phrase most sections use (`United States`, `American people`).
                .filter(|(k, _)| !lexicon.is_verb(k.ids[0]))
                .filter(|(k, c)| {
                    spread.get(k).is_none_or(|&(in_sections, _)| {
                        (c.len > 1 || in_sections == 1)
                            && !(sections.len() >= 4 && in_sections * 2 > sections.len())
                    })
                })
                .map(|(k, c)| {
                    let (in_sections, df_all) = spread.get(k).copied().unwrap_or((1, 1));
                    let share = f64_of(c.df_in) / f64_of(df_all.max(1));
                    let idf = (n_sections / f64_of(in_sections)).ln() + 0.1;
                    let len_bonus = match c.len {
                        1 => 1.0,
                        2 => 1.6,
                        _ => 1.8,
                    };
                    let score = f64_of(c.tf).sqrt() * share * share * idf * len_bonus;
                    (score, c.order, *k, c)
                })
                .collect();
            v.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
            v.truncate(12);
            v.into_iter()
                .map(|(s, _, k, c)| (s, lexicon.key_text(k), surface_of(c)))
                .collect()
        })
        .collect()
}

/// True when a lead clause reads as a topic: it opens with its subject, not with a pronoun, a
/// connective or an introductory phrase.
fn topical(lead: &str) -> bool {
    lead.split_whitespace()
        .next()
        .map(norm)
        .is_some_and(|w| NOT_TOPICAL.binary_search(&w.as_str()).is_err())
}

/// True when `phrase` (stem key) is among the first `within` words of `lead`.
fn lead_names(lead: &str, key: &str, within: usize) -> bool {
    let stems: Vec<String> = lead
        .split_whitespace()
        .take(within)
        .map(|w| stem_of(&norm(w), true))
        .collect();
    let k: Vec<&str> = key
        .split(' ')
        .filter(|w| *w != "of" && *w != "the")
        .collect();
    !k.is_empty() && k.iter().all(|w| stems.iter().any(|s| s == w))
}

fn capitalise_first(s: &str) -> String {
    let mut c = s.chars();
    c.next()
        .map(|f| f.to_uppercase().collect::<String>() + c.as_str())
        .unwrap_or_default()
}

/// Labels of sections: the lead clause when its first words name the section's most
/// distinctive phrase, else that phrase (with a second one when it is nearly as distinctive).
/// `fixed[i]` is a label decided elsewhere (a run's shared opening). No two labels are equal.
pub(crate) fn labels(
    sections: &[Vec<&str>],
    leads: &[String],
    fixed: &[Option<String>],
) -> Vec<String> {
    let ranked = ranked(sections);
    let mut used: Vec<String> = fixed.iter().flatten().map(|l| l.to_lowercase()).collect();
    let mut used_keys: Vec<String> = Vec::new();
    let mut out = Vec::with_capacity(sections.len());
    for (i, cands) in ranked.iter().enumerate() {
        if let Some(Some(l)) = fixed.get(i) {
            out.push(l.clone());
            continue;
        }
        let lead = leads.get(i).cloned().unwrap_or_default();
        // A phrase another section already has (by its stems: `years old`, `year old`) is
        // not fresh.
        let fresh: Vec<&(f64, String, String)> = cands
            .iter()
            .filter(|(_, k, s)| {
                !used_keys.contains(k) && !used.contains(&capitalise_first(s).to_lowercase())
            })
            .collect();
        let label = match fresh.first() {
            _ if topical(&lead) && !used.contains(&lead.to_lowercase()) => lead.clone(),
            Some((_, key, _)) if lead_names(&lead, key, 6) => lead.clone(),
            Some((_, key, surface)) => {
                used_keys.push(key.clone());
                capitalise_first(surface)
            }
            None => lead.clone(),
        };
        let label = if used.contains(&label.to_lowercase()) {
            format!("{label} ({})", i + 1)
        } else {
            label
        };
        used.push(label.to_lowercase());
        out.push(label);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinctive_phrases_name_sections() {
        let a = vec![
            "The civil service needs reform. Appointments in the civil service follow patronage.",
            "Reform of the civil service was promised by both parties.",
        ];
        let b = vec![
            "The protective tariff must be revised. A lower protective tariff helps the farmer.",
            "Revenue from the protective tariff pays the debt.",
        ];
        let leads = vec![
            "The civil service needs reform".to_owned(),
            "It is time".to_owned(),
        ];
        let l = labels(&[a, b], &leads, &[None, None]);
        assert_eq!(l[0], "The civil service needs reform");
        assert_eq!(l[1], "Protective tariff", "{l:?}");
        assert_ne!(l[0], l[1]);
    }

    #[test]
    fn a_name_every_section_uses_names_none() {
        let a = vec![
            "The Government must keep faith. The Government owes its creditors. The Government pays.",
            "Texas asks to join. Texas has a constitution. Texas is ready.",
        ];
        let b = vec![
            "The Government spends too much. The Government must save.",
            "Economy in the Government is demanded by all the people.",
        ];
        let leads = vec!["In the first place".to_owned(), "It is time".to_owned()];
        let l = labels(&[a, b], &leads, &[None, None]);
        // `Government` is in both sections: the lead clause says more; `Texas` is only here.
        assert_eq!(l, ["Texas", "It is time"], "{l:?}");
    }

    #[test]
    fn a_phrase_most_sections_use_names_none() {
        let sections = [
            vec!["The United States keep faith. The United States pay their debts."],
            vec![
                "The United States need ships. A naval force guards the coast. The naval force grows.",
            ],
            vec![
                "The United States need schools. A military academy trains officers. The military academy opens.",
            ],
            vec!["Trade with the Indians is fair. The Indian trade grows. The Indian trade pays."],
        ];
        let leads: Vec<String> = [
            "I turn to our affairs",
            "We need ships",
            "We need schools",
            "It is fair",
        ]
        .map(str::to_owned)
        .to_vec();
        let l = labels(&sections, &leads, &[None, None, None, None]);
        // `United States` is in three of four sections: the lead clause names the first.
        assert_eq!(l[0], "I turn to our affairs", "{l:?}");
        assert_eq!(l[1], "Naval force", "{l:?}");
        assert_eq!(l[2], "Military academy", "{l:?}");
    }

    #[test]
    fn a_phrase_of_time_or_amount_names_no_topic() {
        let mut seen = Vec::new();
        let text = "Minutes later the night watch came. Recent years brought the manner of the king \
                    and millions of men to the coronation of the king, children years old.";
        let (mut lexicon, mut toks) = (Lexicon::default(), Vec::new());
        tokens(text, &mut lexicon, &mut toks);
        phrases(&toks, &mut String::new(), |_, surface, _| {
            seen.push(surface.to_owned());
        });
        for generic in [
            "Minutes later",
            "Recent years",
            "manner of the king",
            "millions of men",
            "years old",
        ] {
            assert!(!seen.iter().any(|s| s == generic), "{generic} in {seen:?}");
        }
        for topical in ["night watch", "coronation of the king", "king"] {
            assert!(
                seen.iter().any(|s| s == topical),
                "{topical} not in {seen:?}"
            );
        }
    }

    #[test]
    fn a_verb_or_an_adverb_opens_no_label() {
        // `to solve problems` and `stand together` say what is done, not what about; `the
        // popular will` must not lose its noun; a label names the thing, not its owner.
        let a = vec![
            "We meet to solve problems. We failed to solve problems. Men hope to solve problems \
             and we must solve problems. The farm debt is heavy; the farm debt grows.",
        ];
        let b = vec![
            "It is the expression of the popular will. The expression of the popular will is \
             clear, and the expression of the popular will is law. The war debt is paid; the \
             war debt is gone.",
        ];
        let c = vec![
            "We can stand together. We must stand together, and we will stand together. The \
             highest bidder's offer won; the highest bidder's agent smiled.",
        ];
        let leads = ["It is time", "There is more", "So it goes"].map(str::to_owned);
        let l = labels(&[a, b, c], &leads, &[None, None, None]);
        assert_eq!(l, ["Farm debt", "War debt", "Highest bidder"], "{l:?}");
    }

    #[test]
    fn labels_are_unique() {
        let s = vec!["Budget talks. The budget again.", "More budget budget."];
        let leads = vec!["Budget talks".to_owned(), "Budget talks".to_owned()];
        let l = labels(&[s.clone(), s], &leads, &[None, None]);
        assert_ne!(l[0].to_lowercase(), l[1].to_lowercase());
    }
}
