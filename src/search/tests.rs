//! Unit tests of the search engine and key terms.

use std::time::Duration;

use proptest::prelude::*;

use super::*;
use crate::document::{Block, BlockKind, plain};

fn lit(text: &str) -> Matcher {
    Matcher::new(&Query {
        text: text.into(),
        regex: false,
    })
    .expect("valid literal")
}

fn re(text: &str) -> Matcher {
    Matcher::new(&Query {
        text: text.into(),
        regex: true,
    })
    .expect("valid regex")
}

fn doc(texts: &[&str]) -> Document {
    Document {
        title: String::new(),
        date: None,
        blocks: texts
            .iter()
            .map(|t| Block::new(BlockKind::Paragraph, *t))
            .collect(),
        ..Document::default()
    }
}

fn ranges(m: &Matcher, text: &str) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    m.find_in_block(0, text, &mut out);
    out.into_iter().map(|m| m.byte_range).collect()
}

#[test]
fn smart_case_lowercase_is_insensitive() {
    let m = lit("future");
    assert!(!m.case_sensitive());
    assert_eq!(
        ranges(&m, "Future FUTURE future"),
        vec![0..6, 7..13, 14..20]
    );
}

#[test]
fn smart_case_capital_is_sensitive() {
    let m = lit("Future");
    assert!(m.case_sensitive());
    assert_eq!(ranges(&m, "Future FUTURE future"), vec![0..6]);
}

#[test]
fn smart_case_regex_ignores_escapes() {
    assert!(!re(r"\S+ing\W").case_sensitive());
    assert!(!re(r"\p{Lu}x\x4F\u{1F600}\B").case_sensitive());
    assert!(!re(r"(?P<Name>abc)").case_sensitive());
    assert!(re(r"\sChina").case_sensitive());
    assert_eq!(ranges(&re(r"b\w+"), "Bidding bids"), vec![0..7, 8..12]);
    assert_eq!(ranges(&re(r"B\w+"), "Bidding bids"), vec![0..7]);
}

#[test]
fn whitespace_runs_match_any_whitespace() {
    let m = lit("shared future");
    assert_eq!(ranges(&m, "a shared\n   future x"), vec![2..18]);
    assert_eq!(ranges(&m, "shared\tfuture"), vec![0..13]);
    assert!(ranges(&m, "sharedfuture").is_empty());
    // Several spaces in the query are one run.
    assert_eq!(
        ranges(&lit("shared   future"), "shared future"),
        vec![0..13]
    );
    // Regex metacharacters in a literal are literal.
    assert_eq!(ranges(&lit("a.b (c)"), "axb (c) a.b  (c)"), vec![8..16]);
}

#[test]
fn empty_query_is_an_error() {
    for text in ["", "   ", "\n\t"] {
        for regex in [false, true] {
            let e = Matcher::new(&Query {
                text: text.into(),
                regex,
            })
            .expect_err("empty");
            assert_eq!(e, "empty query");
        }
    }
}

#[test]
fn regex_mode() {
    let m = re(r"fare\w+|win+er");
    assert_eq!(ranges(&m, "farewell to the winner"), vec![0..8, 16..22]);
    // Empty matches are skipped.
    assert_eq!(ranges(&re("x*"), "ab xx c"), vec![3..5]);
}

#[test]
fn invalid_patterns_are_one_line_errors() {
    for p in [
        "(",
        "[z-a]",
        "a{100000}{100000}",
        r"\p{Nope}",
        "x{2,1}",
        "*",
    ] {
        let e = Matcher::new(&Query {
            text: p.into(),
            regex: true,
        })
        .expect_err(p);
        assert!(!e.is_empty() && !e.contains('\n'), "{p:?}: {e:?}");
    }
    let e = Matcher::new(&Query {
        text: "(".into(),
        regex: true,
    })
    .expect_err("(");
    assert!(e.contains("unclosed group"), "{e}");
    // The same text is fine as a literal.
    assert_eq!(ranges(&lit("("), "a(b"), vec![1..2]);
}

#[test]
fn cjk_and_emoji_ranges_on_char_boundaries() {
    let text = "人类命运共同体 👨‍👩‍👧 e\u{301}cole 共同 😀😀";
    for (q, n) in [
        ("共同", 2),
        ("😀", 2),
        ("\u{301}", 1),
        ("e\u{301}cole", 1),
        ("👩", 1),
    ] {
        let r = ranges(&lit(q), text);
        assert_eq!(r.len(), n, "{q}");
        for r in r {
            assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
            assert_eq!(&text[r], q);
        }
    }
    let r = ranges(&re(r"\w+"), text);
    for r in r {
        assert!(text.is_char_boundary(r.start) && text.is_char_boundary(r.end));
    }
    assert_eq!(ranges(&lit("É"), "Éa é"), vec![0..2]);
    assert_eq!(ranges(&lit("é"), "Éa é"), vec![0..2, 4..6]);
}

#[test]
fn next_and_prev_wrap() {
    let ms: Vec<Match> = [(0, 5), (2, 0), (2, 10), (4, 3)]
        .iter()
        .map(|&(b, s)| Match {
            block: b,
            byte_range: s..s + 2,
        })
        .collect();
    assert_eq!(next_match(&ms, 0, 0), Some((0, false)));
    assert_eq!(next_match(&ms, 0, 5), Some((0, false)));
    assert_eq!(next_match(&ms, 0, 6), Some((1, false)));
    assert_eq!(next_match(&ms, 2, 1), Some((2, false)));
    assert_eq!(next_match(&ms, 4, 4), Some((0, true)));
    assert_eq!(next_match(&ms, 9, 0), Some((0, true)));
    assert_eq!(prev_match(&ms, 0, 5), Some((3, true)));
    assert_eq!(prev_match(&ms, 0, 0), Some((3, true)));
    assert_eq!(prev_match(&ms, 0, 6), Some((0, false)));
    assert_eq!(prev_match(&ms, 2, 10), Some((1, false)));
    assert_eq!(prev_match(&ms, 9, 0), Some((3, false)));
    assert_eq!(next_match(&[], 0, 0), None);
    assert_eq!(prev_match(&[], 0, 0), None);
}

#[test]
fn find_from_moves_and_wraps() {
    let d = doc(&["one needle", "nothing", "needle and needle", "end"]);
    let m = lit("needle");
    let at = |b, s| Match {
        block: b,
        byte_range: s..s + 6,
    };
    assert_eq!(find_from(&m, &d.blocks, 0, 0), Some((at(0, 4), false)));
    assert_eq!(find_from(&m, &d.blocks, 0, 4), Some((at(0, 4), false)));
    assert_eq!(find_from(&m, &d.blocks, 0, 5), Some((at(2, 0), false)));
    assert_eq!(find_from(&m, &d.blocks, 2, 1), Some((at(2, 11), false)));
    assert_eq!(find_from(&m, &d.blocks, 2, 12), Some((at(0, 4), true)));
    assert_eq!(find_from(&m, &d.blocks, 3, 0), Some((at(0, 4), true)));
    assert_eq!(find_from(&m, &d.blocks, 99, 0), Some((at(0, 4), true)));
    assert_eq!(find_from(&lit("absent"), &d.blocks, 1, 0), None);
    assert_eq!(find_from(&m, &[], 0, 0), None);
    // Wrapping back into the start block finds its earlier match.
    let d = doc(&["x needle y needle"]);
    assert_eq!(find_from(&m, &d.blocks, 0, 12), Some((at(0, 2), true)));
    // Every match of find_all is reachable, in order.
    let d = doc(&["aaaa", "a a", "", "aa"]);
    let m = lit("aa");
    let all = find_all(&m, &d);
    for w in all.windows(2) {
        let next = find_from(&m, &d.blocks, w[0].block, w[0].byte_range.start + 1);
        assert_eq!(next, Some((w[1].clone(), false)));
    }
}

#[test]
fn scan_with_tiny_budgets_equals_find_all() {
    let texts: Vec<String> = (0..200)
        .map(|i| format!("block {i} has {} needle needle", "x".repeat(i % 7)))
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let d = doc(&refs);
    let m = lit("needle");
    let expected = find_all(&m, &d);
    assert_eq!(expected.len(), 400);
    for budget in [
        Duration::ZERO,
        Duration::from_nanos(1),
        Duration::from_micros(5),
    ] {
        let mut scan = Scan::new(m.clone());
        let mut steps = 0;
        while !scan.step(&d.blocks, budget) {
            steps += 1;
            assert!(steps < 10_000);
        }
        assert_eq!(scan.matches, expected);
        assert_eq!(scan.next_block, d.blocks.len());
        assert!(scan.step(&d.blocks, budget));
    }
    let mut scan = Scan::new(m);
    assert!(scan.step(&[], Duration::ZERO));
}

proptest! {
    #[test]
    fn count_matches_naive(text in "[abAB \n.]{0,200}", needle in "[ab]{1,3}") {
        let d = doc(&[text.as_str(), "ab AB", text.as_str()]);
        let got = find_all(&lit(&needle), &d).len();
        let naive: usize = d
            .blocks
            .iter()
            .map(|b| b.text.to_ascii_lowercase().match_indices(needle.as_str()).count())
            .sum();
        prop_assert_eq!(got, naive);
    }

    /// The needle byte only skips texts that cannot match: every literal finds what its regex
    /// alone finds, in texts with capitals, digits, punctuation and case-folding letters.
    #[test]
    fn the_needle_skips_only_texts_without_a_match(
        text in "[abkKsSzZ1,. \u{212A}\u{17F}é]{0,60}",
        needle in "[abkKsSzZ1,.é][abkKsSzZ1,. é]{0,3}",
    ) {
        let m = lit(&needle);
        let mut with = Vec::new();
        m.find_in_block(0, &text, &mut with);
        let mut all = Vec::new();
        m.without_needle().find_in_block(0, &text, &mut all);
        let plain: Vec<_> = all.iter().map(|x| x.byte_range.clone()).collect();
        let got: Vec<_> = with.iter().map(|x| x.byte_range.clone()).collect();
        prop_assert_eq!(&got, &plain);
        prop_assert_eq!(m.count_in(&text), plain.len());
        prop_assert_eq!(m.first_from(&text, 0), plain.first().cloned());
    }

    #[test]
    fn never_panics_on_any_pattern(p in ".{0,12}", regex in any::<bool>()) {
        if let Ok(m) = Matcher::new(&Query { text: p, regex }) {
            let mut out = Vec::new();
            m.find_in_block(0, "some text, 共同 😀 and\nmore", &mut out);
            for w in out.windows(2) {
                prop_assert!(w[0].byte_range.end <= w[1].byte_range.start);
            }
        }
    }
}

fn builtin_terms(max: usize) -> Vec<Term> {
    key_terms(&plain::parse(crate::BUILTIN_ARTICLE, true), max)
}

#[test]
fn key_terms_of_the_builtin_article() {
    let terms = builtin_terms(20);
    let phrases: Vec<&str> = terms.iter().map(|t| t.phrase.as_str()).collect();
    for want in [
        "community with a shared future for mankind",
        "bidding farewell",
        "clean and beautiful",
    ] {
        assert!(phrases.contains(&want), "{want:?} missing from {phrases:?}");
    }
    assert!(
        !phrases.contains(&"shared future for mankind"),
        "{phrases:?}"
    );
    let top = &terms[0];
    assert_eq!(top.phrase, "community with a shared future for mankind");
    assert_eq!(top.count, 7);
    // Counts agree with a search for the term.
    let d = plain::parse(crate::BUILTIN_ARTICLE, true);
    for t in &terms {
        let m = Matcher::new(&term_query(t)).expect("term query");
        assert!(!m.case_sensitive());
        let found = find_all(&m, &d).len();
        assert!(found >= 1 && found <= t.count + 1, "{t:?}: {found}");
    }
}

#[test]
fn key_terms_are_deterministic_and_capped() {
    let a = builtin_terms(50);
    assert_eq!(a, builtin_terms(50));
    assert_eq!(builtin_terms(3), a[..3.min(a.len())]);
    assert!(builtin_terms(0).is_empty());
    assert!(key_terms(&Document::default(), 10).is_empty());
}

#[test]
fn key_terms_rules() {
    let d = doc(&[
        "Green tea helps. Green tea is good: green tea! The red apple; the red apple.",
        "Dark matter. Dark matter and dark matter? Of the of the of the.",
        "Lucid waters flow. Lucid waters flow",
        "Lucid waters flow. lucid waters shine",
    ]);
    let terms = key_terms(&d, 10);
    let phrases: Vec<(&str, usize)> = terms.iter().map(|t| (t.phrase.as_str(), t.count)).collect();
    // Most common surface form; bigrams need 3; no stopword edges; "lucid waters" (4) is
    // subsumed by "lucid waters flow" (3, within 1).
    assert_eq!(
        phrases,
        vec![
            ("Lucid waters flow", 3),
            ("Green tea", 3),
            ("Dark matter", 3)
        ]
    );
    // Sentence punctuation breaks n-grams: "tea is" never joins across "helps."
    let d = doc(&["a b. c d. a b. c d. a b. c d.", "x y z", "x y z"]);
    let phrases: Vec<String> = key_terms(&d, 10).into_iter().map(|t| t.phrase).collect();
    assert_eq!(phrases, vec!["c d".to_string(), "x y z".to_string()]);
}

/// Blocks of about 40 bytes, "needle" in those whose index is in `at`.
fn long_doc(blocks: usize, at: &[usize]) -> Document {
    let texts: Vec<String> = (0..blocks)
        .map(|i| {
            let word = if at.contains(&i) { "needle" } else { "straw" };
            format!("block {i} holds some {word} and more")
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    doc(&refs)
}

#[test]
fn a_seek_in_slices_finds_what_find_all_lists_first_from_the_place() {
    let d = long_doc(500, &[40, 41, 300]);
    let m = lit("needle");
    let all = find_all(&m, &d);
    for (block, byte, want, wrapped) in [
        (0, 0, 0, false),
        (40, 30, 1, false),
        (41, 0, 1, false),
        (42, 0, 2, false),
        (301, 0, 0, true),
        (40, 40, 1, false),
    ] {
        let mut seek = Seek::new(block, byte);
        let mut rounds = 0;
        let found = loop {
            rounds += 1;
            match seek.step(&m, &d.blocks, Duration::ZERO) {
                Sought::Going => {}
                other => break other,
            }
        };
        assert_eq!(
            found,
            Sought::Found(all[want].clone(), wrapped),
            "from {block}:{byte}"
        );
        if (block, byte) == (42, 0) {
            assert!(
                rounds > 5,
                "a slice with no time left searches one round: {rounds}"
            );
        }
        assert_eq!(
            find_from(&m, &d.blocks, block, byte),
            Some((all[want].clone(), wrapped))
        );
    }
    let mut none = Seek::new(7, 0);
    let nowhere = loop {
        match none.step(&lit("absent"), &d.blocks, Duration::ZERO) {
            Sought::Going => {}
            other => break other,
        }
    };
    assert_eq!(nowhere, Sought::Nowhere);
}

#[test]
fn a_seek_resumed_for_a_longer_literal_finds_the_same_as_a_fresh_one() {
    let mut texts: Vec<String> = (0..400)
        .map(|i| format!("para {i} quixotic words"))
        .collect();
    texts[350] = "the quixotism is here".into();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let d = doc(&refs);
    let (short, long) = (lit("quixot"), lit("quixotism"));
    for from in [(0, 0), (200, 3), (360, 0)] {
        let mut earlier = Seek::new(from.0, from.1);
        let Sought::Found(first_short, _) = earlier.step(&short, &d.blocks, Duration::MAX) else {
            panic!("quixot is in every paragraph");
        };
        let mut resumed = Seek::resume(Seek::new(from.0, from.1), Some(&first_short));
        let got = resumed.step(&long, &d.blocks, Duration::MAX);
        let want = find_from(&long, &d.blocks, from.0, from.1).expect("a match");
        assert_eq!(got, Sought::Found(want.0, want.1), "from {from:?}");
    }
}

#[test]
fn counting_in_slices_on_two_threads_lists_every_match_in_order() {
    let at: Vec<usize> = (0..500).filter(|i| i % 7 == 3).collect();
    let d = long_doc(500, &at);
    let m = lit("needle");
    let mut scan = Scan::new(m.clone());
    let mut slices = 0;
    while !scan.step(&d.blocks, Duration::ZERO) {
        slices += 1;
    }
    assert!(slices > 10);
    assert_eq!(scan.matches, find_all(&m, &d));
    assert_eq!(scan.matches.len(), at.len());
}

#[test]
fn every_key_term_count_is_the_count_its_search_finds() {
    let text = crate::BUILTIN_ARTICLE.repeat(3);
    let d = plain::parse(&text, true);
    let terms = key_terms(&d, 40);
    assert!(terms.len() >= 10, "{terms:?}");
    for t in &terms {
        let m = Matcher::new(&term_query(t)).expect("term query");
        assert_eq!(find_all(&m, &d).len(), t.count, "{t:?}");
    }
}

#[test]
fn literals_that_case_fold_to_other_bytes_still_match() {
    // `k` matches the Kelvin sign and `s` the long s when case is ignored: neither may be the
    // byte that blocks are skipped by.
    let kelvin = "300 \u{212A}ELVIN";
    let mut out = Vec::new();
    lit("kk").find_in_block(0, "\u{212A}\u{212A}", &mut out);
    assert_eq!(out.len(), 1);
    assert_eq!(lit("kelvin").count_in(kelvin), 1);
    assert_eq!(lit("ss").count_in("cla\u{17F}\u{17F}"), 1);
    // A regex never gets a needle (its text is not what it matches).
    assert_eq!(re("x?y").count_in("yyy"), 3);
}

#[test]
fn a_literal_is_skipped_by_its_rarest_byte() {
    let m = lit("quixotism");
    assert_eq!(m.needle_bytes(), Some((b'q', b'Q')));
    assert_eq!(m.count_in("no such word here, nothing at all"), 0);
    assert_eq!(m.count_in("a QUIXOTISM and a quixotism"), 2);
    assert_eq!(lit("Paris").needle_bytes(), Some((b'P', b'P')));
}
