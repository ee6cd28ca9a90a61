//! Tests of the outline against docs/outline.md.

use super::*;
use crate::document::plain;
use proptest::prelude::*;
use std::fmt::Write as _;

fn article() -> Document {
    plain::parse(crate::BUILTIN_ARTICLE, true)
}

/// Section start paragraph numbers (1-based) of a derived outline.
fn starts(o: &Outline) -> Vec<usize> {
    o.nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Section { .. }))
        .map(|n| {
            o.paragraph_range(n.block(), n.end_block())
                .map_or(0, |r| r.0)
        })
        .collect()
}

fn section_labels(o: &Outline) -> Vec<&str> {
    o.nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Section { .. }))
        .map(|n| n.label.as_str())
        .collect()
}

fn heading_nodes(o: &Outline) -> Vec<(String, u8)> {
    o.nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|n| (n.label.to_string(), n.depth + 1))
        .collect()
}

fn headings_of(text: &str) -> Vec<(String, u8)> {
    let doc = plain::parse(text, false);
    let o = build(&doc);
    o.nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|n| {
            let lvl = o
                .headings
                .iter()
                .find(|h| h.0 == n.block())
                .map_or(0, |h| h.1);
            (n.label.to_string(), lvl)
        })
        .collect()
}

/// The headings' labels of `text`, in order.
fn heading_labels(text: &str) -> Vec<String> {
    headings_of(text).into_iter().map(|h| h.0).collect()
}

const BODY: &str = "The committee met on Tuesday to discuss the budget, and the members agreed\nto return with revised figures next month after consulting their staff.";

#[test]
fn outline_article_title_counts() {
    let doc = article();
    let o = build(&doc);
    assert_eq!(
        o.title,
        "Building community with shared future for mankind: A glorious banner leading progress of times"
    );
    assert_eq!(o.paragraphs.len(), 19);
    assert!(o.headings.is_empty());
    assert!(o.derived);
    let words: usize = o
        .paragraphs
        .iter()
        .map(|&b| doc.blocks[b].text.split_whitespace().count())
        .sum();
    assert_eq!(words, 1026);
}

#[test]
fn outline_article_run_is_one_section() {
    let doc = article();
    let texts: Vec<&str> = build(&doc)
        .paragraphs
        .iter()
        .map(|&b| doc.blocks[b].text.as_str())
        .collect();
    let openings: Vec<String> = texts.iter().flat_map(|t| tiling::opening(t)).collect();
    let info: Vec<UnitInfo> = (0..texts.len())
        .map(|i| UnitInfo {
            opening: [2 * i, 2 * i + 1].map(|k| u32::try_from(k).expect("a few paragraphs")),
            ..UnitInfo::default()
        })
        .collect();
    let units = Units {
        info: &info,
        openings: &openings,
        ..Units::default()
    };
    assert_eq!(tiling::runs(units), vec![(6, 10)]);
    let s = starts(&build(&doc));
    assert!(s.contains(&7) && s.contains(&12));
    assert!(!(8..=11).any(|p| s.contains(&p)));
}

#[test]
fn paragraph_entries_are_named_from_their_paragraph_when_asked() {
    let doc = article();
    let o = build(&doc);
    let entry = |number: u32| {
        o.nodes
            .iter()
            .position(|n| n.kind == NodeKind::Paragraph { number })
            .expect("entry")
    };
    // Nothing is kept per paragraph: the label comes from the paragraph's lead words.
    let third = entry(3);
    assert!(o.nodes[third].label.is_empty());
    assert_eq!(
        o.label(&doc, third),
        "It reflects the Chinese Communists' worldview, perception…"
    );
    // An entry of a run keeps its label (the run's shared words elided); a section its own.
    let run_entry = entry(8);
    assert_eq!(o.label(&doc, run_entry), o.nodes[run_entry].label.as_str());
    assert!(o.nodes[run_entry].label.starts_with("… "));
    let section = o.nodes[third].parent().expect("in a section");
    assert_eq!(o.label(&doc, section), o.nodes[section].label.as_str());
    assert_eq!(o.label(&doc, o.nodes.len()), "");
}

#[test]
fn a_node_takes_32_bytes_and_an_empty_label_nothing() {
    // One per paragraph: two million nodes for a 1 GB text.
    assert_eq!(std::mem::size_of::<Node>(), 32);
    let label = Label::from("Contents".to_owned());
    assert_eq!(label, "Contents");
    assert_eq!(String::from(label.clone()), label.to_string());
    assert_eq!(Label::from(String::new()), Label::default());
    assert_eq!(Label::default().as_str(), "");
    let node = Node::new(label, 1, NodeKind::Heading, (7, 9), Some(3));
    assert_eq!(
        (node.block(), node.end_block(), node.parent()),
        (7, 9, Some(3))
    );
}

#[test]
fn grouping_makes_runs_that_restart_at_each_break() {
    let each = Grouping::new(10, 10, &[0, 5]);
    assert!(each.is_each());
    assert_eq!(
        (each.len(), each.unit_of(4), each.paragraphs(4)),
        (10, 4, 4..5)
    );
    // At most four units of ten paragraphs: runs of three, cut at paragraph 5.
    let g = Grouping::new(10, 4, &[0, 5]);
    let runs: Vec<_> = (0..g.len()).map(|u| g.paragraphs(u)).collect();
    assert_eq!(runs, vec![0..3, 3..5, 5..8, 8..10]);
    assert_eq!(
        (0..=10).map(|p| g.unit_of(p)).collect::<Vec<_>>(),
        vec![0, 0, 0, 1, 1, 2, 2, 2, 3, 3, 4]
    );
    assert_eq!(g.first(g.len()), 10);
}

/// Four topics of twelve paragraphs each, each from its own words.
fn four_topics() -> String {
    let topics = [
        "river bridge valley water flood bank ferry current stream mill",
        "engine piston boiler steam railway track locomotive furnace coal gauge",
        "violin orchestra concert melody chorus singer opera rehearsal tempo score",
        "harvest wheat barley plough furrow orchard cattle meadow barn hay",
    ];
    let mut text = String::new();
    for (t, words) in topics.iter().enumerate() {
        let words: Vec<&str> = words.split(' ').collect();
        for p in 0..12 {
            let sentence: Vec<&str> = (0..40)
                .map(|i| words[(i * 7 + p * 3 + t) % words.len()])
                .collect();
            let _ = write!(
                text,
                "The {} ran on. {}.\n\n",
                words[p % words.len()],
                sentence.join(" ")
            );
        }
    }
    text
}

#[test]
fn a_text_read_in_runs_of_paragraphs_keeps_its_turns() {
    let doc = plain::parse(&four_topics(), false);
    let whole = build(&doc);
    assert_eq!(starts(&whole), vec![1, 13, 25, 37]);
    // Read as 24 units of two paragraphs: the turns fall at the start of a run and are kept,
    // in paragraphs, and the entries still cover every paragraph once.
    let params = Params {
        max_units: 24,
        ..Params::default()
    };
    let grouped = build_with(&doc, &params);
    assert_eq!(starts(&grouped), vec![1, 13, 25, 37]);
    let entries = grouped
        .nodes
        .iter()
        .filter(|n| matches!(n.kind, NodeKind::Paragraph { .. }))
        .count();
    assert_eq!(entries, 48);
}

#[test]
fn subtree_ends_close_each_section_before_the_next() {
    let doc = article();
    let o = build(&doc);
    let sections: Vec<usize> = (0..o.nodes.len())
        .filter(|&i| o.nodes[i].depth == 0)
        .collect();
    assert_eq!(sections.len(), 5);
    for (k, &s) in sections.iter().enumerate() {
        let next = sections.get(k + 1).copied().unwrap_or(o.nodes.len());
        assert_eq!(o.subtree_end(s), Some(next), "section {k}");
        assert_eq!(o.subtree_end(s + 1), Some(s + 2), "an entry is a leaf");
    }
    assert_eq!(o.subtree_end(o.nodes.len()), None);
}

#[test]
fn outline_article_run_labels() {
    let doc = article();
    let o = build(&doc);
    let sec = o
        .nodes
        .iter()
        .position(|n| n.label == "Countries should build a world of …");
    let sec = sec.expect("run section");
    let entries: Vec<&str> = o
        .nodes
        .iter()
        .filter(|n| n.parent() == Some(sec))
        .map(|n| n.label.as_str())
        .collect();
    let want = [
        "… lasting peace",
        "… common security",
        "… common prosperity",
        "… an open and inclusive world",
        "… make the world clean and beautiful",
    ];
    assert_eq!(entries.len(), 5);
    for (e, w) in entries.iter().zip(want) {
        assert!(e.starts_with(w), "{e:?} should start with {w:?}");
    }
}

#[test]
fn outline_article_starts() {
    assert_eq!(starts(&build(&article())), vec![1, 5, 7, 12, 17]);
}

#[test]
fn outline_article_robust_to_parameters() {
    let doc = article();
    let mut variants = Vec::new();
    for block_terms in [20, 60, 100] {
        variants.push(Params {
            block_terms,
            ..Params::default()
        });
    }
    variants.push(Params {
        idf: false,
        ..Params::default()
    });
    variants.push(Params {
        stemming: false,
        ..Params::default()
    });
    for p in variants {
        let s = starts(&build_with(&doc, &p));
        assert!(s.contains(&7) && s.contains(&12), "{p:?}: {s:?}");
    }
}

#[test]
fn outline_article_topic_clause_dropped() {
    let o = build(&article());
    let l = section_labels(&o)[1];
    assert!(!l.starts_with("In building a community"), "{l}");
    assert_eq!(l, "The goal is to build an open, inclusive, clean…");
}

#[test]
fn outline_article_expected_text() {
    let doc = article();
    let text = to_text(&build(&doc), &doc);
    let body: Vec<&str> = text.lines().skip(1).collect();
    let want = "\
1. The Communist Party of China (CPC) has remained true…  (¶1–4)
2. The goal is to build an open, inclusive, clean…  (¶5–6)
3. Countries should build a world of …  (¶7–11)
     … lasting peace through dialogue and consultation
     … common security for all through joint efforts
     … common prosperity through win-win cooperation
     … an open and inclusive world through exchanges…
     … make the world clean and beautiful by pursuing…
4. The vision of building a community with a shared…  (¶12–16)
5. What people in various countries long…  (¶17–19)";
    assert_eq!(body.join("\n"), want);
}

#[test]
fn outline_snapshot_text() {
    let doc = article();
    insta::assert_snapshot!(to_text(&build(&doc), &doc));
}

#[test]
fn outline_json_shape() {
    let doc = article();
    let v = to_json(&build(&doc), &doc);
    assert_eq!(v["sections"].as_array().map(Vec::len), Some(5));
    assert_eq!(v["sections"][2]["paragraphs"], serde_json::json!([7, 11]));
    assert_eq!(v["sections"][2]["level"], 1);
    assert_eq!(
        v["sections"][2]["children"].as_array().map(Vec::len),
        Some(5)
    );
    assert!(
        v["title"]
            .as_str()
            .is_some_and(|t| t.starts_with("Building community"))
    );
}

/// Labels have ≤ 9 words plus `…`, and a cut one (`…`) never ends in a stopword; a label
/// without `…` is a whole sentence and keeps its words (run labels end in ` …`).
fn check_labels(o: &Outline) {
    for n in &o.nodes {
        assert!(!n.label.contains('\n'));
        let l = n.label.trim_start_matches("… ");
        let max = if matches!(n.kind, NodeKind::Paragraph { .. }) {
            8
        } else {
            9
        };
        if matches!(n.kind, NodeKind::Heading | NodeKind::Opening) {
            continue;
        }
        let words: Vec<&str> = l.trim_end_matches(" …").split_whitespace().collect();
        assert!(words.len() <= max, "{:?}", n.label);
        if !n.label.ends_with(" …")
            && n.label.ends_with('…')
            && let Some(last) = words.last()
        {
            let w = text::norm(last.trim_end_matches('…'));
            assert!(
                w.is_empty() || !text::is_stopword(&w) || words.len() == 1,
                "{:?}",
                n.label
            );
        }
    }
}

#[test]
fn outline_article_label_rules() {
    check_labels(&build(&article()));
}

#[test]
fn outline_deterministic() {
    let doc = article();
    let a = build(&doc);
    for _ in 0..5 {
        assert_eq!(build(&doc), a);
    }
}

#[test]
fn outline_short_text_has_no_sections() {
    let text = (0..5)
        .map(|i| format!("Paragraph {i} talks about things at length."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let o = build(&plain::parse(&text, false));
    assert!(!o.derived);
    assert_eq!(o.nodes.len(), 5);
    assert!(
        o.nodes
            .iter()
            .all(|n| n.depth == 0 && matches!(n.kind, NodeKind::Paragraph { .. }))
    );
}

#[test]
fn outline_current_node() {
    let doc = article();
    let o = build(&doc);
    assert_eq!(current_node(&o, 0), None);
    for (i, n) in o.nodes.iter().enumerate() {
        if matches!(n.kind, NodeKind::Paragraph { .. }) {
            assert_eq!(current_node(&o, n.block()), Some(i));
        }
    }
    assert_eq!(current_node(&o, doc.blocks.len()), None);
}

#[test]
fn outline_sorted_tables() {
    for table in labels::sorted_tables() {
        assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
    }
}

// ---- Heading detection -------------------------------------------------------------------

#[test]
fn outline_markdown_levels() {
    let text = format!(
        "# Alpha\n\n{BODY}\n\n## Beta\n\n{BODY}\n\nGamma\n-----\n\n{BODY}\n\n### Delta\n\n{BODY}\n"
    );
    let got: Vec<u8> = headings_of(&text).into_iter().map(|h| h.1).collect();
    assert_eq!(got, [1, 2, 2, 3]);
    let labels: Vec<String> = headings_of(&text).into_iter().map(|h| h.0).collect();
    assert_eq!(labels, ["Alpha", "Beta", "Gamma", "Delta"]);
    let md = crate::document::markdown::parse(&text);
    if md
        .blocks
        .iter()
        .any(|b| matches!(b.kind, crate::document::BlockKind::Heading(_)))
    {
        let levels: Vec<u8> = heading_nodes(&build(&md))
            .into_iter()
            .map(|h| h.1)
            .collect();
        assert_eq!(levels, [1, 2, 2, 3]);
    }
}

#[test]
fn outline_numbered_levels() {
    let text = format!(
        "1. Scope\n\n{BODY}\n\n1.1 Purpose\n\n{BODY}\n\n2. Design\n\n{BODY}\n\n2.1.3 Details\n\n{BODY}\n"
    );
    let got: Vec<u8> = headings_of(&text).into_iter().map(|h| h.1).collect();
    assert_eq!(got, [1, 2, 1, 3]);
}

const RFC: &str = "   Status of this excerpt: an illustration of the page layout of an RFC,
   with running headers and footers.

1.  Introduction

   The Hypertext Transfer Protocol (HTTP) is a family of stateless,
   application-level, request/response protocols that share a generic
   interface, extensible semantics, and self-descriptive messages.

   HTTP hides the details of how a service is implemented by presenting
   a uniform interface to clients that is independent of the types of
   resources provided.

Fielding, et al.             Standards Track                    [Page 6]
\u{c}
RFC 9110                     HTTP Semantics                    June 2022


2.  Terminology

   This specification uses the terms \"character\", \"character encoding
   scheme\", \"charset\", and \"protocol element\" as they are defined in
   the references.

2.1.  Conventions

   The key words \"MUST\", \"MUST NOT\", \"REQUIRED\", \"SHALL\", \"SHALL NOT\",
   \"SHOULD\", \"SHOULD NOT\", \"RECOMMENDED\", \"NOT RECOMMENDED\", \"MAY\", and
   \"OPTIONAL\" in this document are to be interpreted as described.

Fielding, et al.             Standards Track                    [Page 7]
\u{c}
RFC 9110                     HTTP Semantics                    June 2022


   This specification targets conformance criteria according to the role
   of a participant in HTTP communication.
";

#[test]
fn outline_rfc_headings() {
    let got = headings_of(RFC);
    assert_eq!(
        got,
        [
            ("1. Introduction".to_owned(), 1),
            ("2. Terminology".to_owned(), 1),
            ("2.1. Conventions".to_owned(), 2)
        ]
    );
    let o = build(&plain::parse(RFC, false));
    // Page furniture is not a paragraph.
    assert_eq!(o.paragraphs.len(), 6);
}

const GUTENBERG: &str = "The Project Gutenberg eBook of A Small Example, by Nobody Really
and friends, offered as an example for the tests.

CONTENTS

CHAPTER I. The Old House

CHAPTER II. The Journey

CHAPTER III. The Return

CHAPTER I

The Old House

It was a dark and windy night when the family first came to the old house on
the hill, and nobody among them thought they would stay there very long.

The rooms were cold, the stairs creaked, and the garden had long since gone
wild with brambles and nettles that reached as high as the windows.

CHAPTER II

The Journey

In the spring they set out along the coast road with two carts and a mule,
hoping to reach the city before the summer fairs began.

CHAPTER III

The Return

They came back in the autumn, poorer and wiser, and found the old house
exactly as they had left it, waiting for them at the top of the hill.
";

#[test]
fn outline_gutenberg_contents_block() {
    let got = headings_of(GUTENBERG);
    assert_eq!(
        got,
        [
            ("CHAPTER I — The Old House".to_owned(), 1),
            ("CHAPTER II — The Journey".to_owned(), 1),
            ("CHAPTER III — The Return".to_owned(), 1),
        ]
    );
}

#[test]
fn outline_list_is_not_headings() {
    let text = format!("{BODY}\n\n1. Flour\n\n2. Sugar\n\n3. Butter\n\n{BODY}\n");
    assert!(headings_of(&text).is_empty());
}

#[test]
fn outline_caps_and_sentence_case() {
    let text = format!(
        "BACKGROUND\n\n{BODY}\n\nWHAT HAPPENED NEXT\n\n{BODY}\n\nReaction from residents\n\n{BODY}\n"
    );
    assert_eq!(
        headings_of(&text),
        [
            ("BACKGROUND".to_owned(), 1),
            ("WHAT HAPPENED NEXT".to_owned(), 1),
            ("Reaction from residents".to_owned(), 2)
        ]
    );
}

#[test]
fn outline_signature_and_colon_lines() {
    let text = format!(
        "INTRODUCTION\n\n{BODY}\n\nTHE PLAN\n\n{BODY}\n\nAs follows:\n\n{BODY}\n\nPUBLIUS\n"
    );
    let got = headings_of(&text);
    assert_eq!(
        got,
        [("INTRODUCTION".to_owned(), 1), ("THE PLAN".to_owned(), 1)]
    );
}

#[test]
fn outline_opening_and_subsections() {
    let long: String = (0..12)
        .map(|i| format!("Paragraph {i} about rivers, bridges and the long history of the valley towns, with {i} details.\n\n"))
        .collect();
    let text = format!("{BODY}\n\n# One\n\n{BODY}\n\n# Two\n\n{long}");
    let doc = plain::parse(&text, false);
    let o = build(&doc);
    assert_eq!(o.nodes[0].kind, NodeKind::Opening);
    assert_eq!(o.nodes[0].label, "(opening)");
    for w in o.nodes.windows(2) {
        assert!(w[0].block() <= w[1].block());
    }
    for n in &o.nodes {
        if let Some(p) = n.parent() {
            assert!(o.nodes[p].depth + 1 == n.depth);
            assert!(o.nodes[p].block() <= n.block() && n.end_block() <= o.nodes[p].end_block());
        }
    }
}

#[test]
fn outline_moby_dick_chapters() {
    let Some(bytes) = crate::test_corpus("moby-dick-2701-0.txt") else {
        return;
    };
    let raw = String::from_utf8_lossy(&bytes);
    let text = raw.trim_start_matches('\u{feff}').replace("\r\n", "\n");
    let doc = plain::parse(&text, false);
    let o = build(&doc);
    let heads = heading_nodes(&o);
    let chapters: Vec<&str> = heads
        .iter()
        .map(|h| h.0.as_str())
        .filter(|l| l.starts_with("CHAPTER"))
        .collect();
    assert_eq!(chapters.first().copied(), Some("CHAPTER 1. Loomings."));
    assert_eq!(chapters.len(), 135, "{chapters:?}");
    assert!(
        chapters
            .iter()
            .any(|c| c.starts_with("CHAPTER 73. Stubb and Flask"))
    );
    // The Epilogue is formatted like no chapter, but it is a part of the book at chapter level,
    // and the Gutenberg footer is not its paragraph.
    let depth_of = |label: &str| heads.iter().find(|h| h.0.starts_with(label)).map(|h| h.1);
    assert_eq!(depth_of("Epilogue"), depth_of("CHAPTER 1."));
    let epilogue = o
        .nodes
        .iter()
        .position(|n| n.label == "Epilogue")
        .unwrap_or(0);
    assert!(o.nodes[epilogue..].iter().all(|n| {
        !doc.blocks[n.block()]
            .text
            .starts_with("End of Project Gutenberg")
    }));
    // Nothing from the CONTENTS block near the front.
    let first_body = doc
        .blocks
        .iter()
        .position(|b| b.text.starts_with("Call me Ishmael"))
        .unwrap_or(0);
    let contents_end = doc
        .blocks
        .iter()
        .position(|b| b.text.starts_with("Original Transcriber"))
        .unwrap_or(0);
    let contents = doc
        .blocks
        .iter()
        .position(|b| b.text == "CONTENTS")
        .unwrap_or(0);
    assert!(contents > 0 && contents < contents_end && contents_end < first_body);
    assert!(
        !o.headings
            .iter()
            .any(|&(b, _)| (contents..contents_end).contains(&b))
    );
    // The title, `MOBY-DICK;` / `or, THE WHALE.` / `By Herman Melville`, is front matter.
    assert_eq!(
        o.headings.iter().filter(|&&(b, _)| b < contents).count(),
        0,
        "no heading before CONTENTS"
    );
    check_labels(&o);
}

// ---- Properties over random paragraph lists ------------------------------------------------

const WORDS: &[&str] = &[
    "river", "bridge", "market", "council", "budget", "school", "harbour", "railway", "forest",
    "winter", "farmer", "engine", "music", "garden", "doctor", "letter", "the", "and", "of", "a",
    "with", "under", "people", "city", "road", "water", "storm", "village", "trade", "law",
];

fn para_strategy() -> impl Strategy<Value = String> {
    prop::collection::vec(0..WORDS.len(), 5..80).prop_map(|ix| {
        let mut s = ix.iter().map(|&i| WORDS[i]).collect::<Vec<_>>().join(" ");
        s.push('.');
        s
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]
    #[test]
    fn outline_sections_cover_paragraphs(paras in prop::collection::vec(para_strategy(), 1..40)) {
        let text = paras.join("\n\n");
        let doc = plain::parse(&text, false);
        let o = build(&doc);
        let n = o.paragraphs.len();
        let words: usize = o.paragraphs.iter().map(|&b| doc.blocks[b].text.split_whitespace().count()).sum();
        let secs: Vec<&Node> = o.nodes.iter().filter(|n| matches!(n.kind, NodeKind::Section { .. })).collect();
        if n < 6 || words < 400 {
            prop_assert!(secs.is_empty());
            prop_assert_eq!(o.nodes.len(), n);
        } else if !secs.is_empty() {
            // A text of one topic gets no sections (paragraph entries only).
            prop_assert!(secs.len() <= Params::default().max_sections);
            let mut next = 1;
            for (i, s) in secs.iter().enumerate() {
                let (a, b) = o.paragraph_range(s.block(), s.end_block()).unwrap_or((0, 0));
                prop_assert_eq!(a, next);
                prop_assert!(i == 0 || b - a + 1 >= 2);
                next = b + 1;
            }
            prop_assert_eq!(next, n + 1);
        }
        // Every paragraph has exactly one entry unless its section has one paragraph.
        for w in o.nodes.windows(2) {
            prop_assert!(w[0].block() <= w[1].block());
        }
        check_labels(&o);
        prop_assert_eq!(build(&doc), o);
    }
}

#[test]
fn capitalise_keeps_single_letter_words_and_quotes() {
    for (input, want) in [
        ("“I don’t know; it", "“I don’t know; it"),
        ("A sort of thing", "A sort of thing"),
        ("AMONG the whales", "Among the whales"),
        ("TO WHAT expedient", "To what expedient"),
        ("CPC leaders said", "CPC leaders said"),
        ("lower start", "Lower start"),
    ] {
        let mut s = input.to_string();
        super::labels::capitalise(&mut s);
        assert_eq!(s, want, "{input:?}");
    }
}

#[test]
fn tokenizing_in_two_halves_gives_the_same_term_vectors() {
    let vocab = [
        "whale", "ship", "Captain", "sea", "harpoon", "the", "of", "and", "Ahab", "white", "boat",
        "line", "ocean", "crew", "deck", "mast", "storm", "wind", "sailors", "voyage",
    ];
    let mut seed = 7u64;
    let texts: Vec<String> = (0..super::PARALLEL_UNITS + 900)
        .map(|_| {
            (0..12)
                .map(|_| {
                    seed = seed.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1);
                    vocab[(seed >> 33) as usize % vocab.len()]
                })
                .collect::<Vec<_>>()
                .join(" ")
        })
        .collect();
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let params = Params::default();
    let text = |i: usize| refs[i];
    let split = super::corpus(refs.len(), &text, &params);
    let whole = super::corpus_part(
        0..refs.len(),
        &super::Grouping::each(refs.len()),
        &text,
        &params,
    );
    assert_eq!(split.vocab(), whole.vocab());
    assert_eq!(split.units.len(), whole.units.len());
    let named = |s: &super::Store, u: usize| {
        let unit = &s.units[u];
        let (words, [a, b], cue) = (&unit.words, unit.opening, &unit.cue);
        let vector = s.view().terms(u);
        let mut terms: Vec<(String, u32)> = vector
            .iter()
            .map(|(t, tf)| (s.terms[t as usize].clone(), tf))
            .collect();
        terms.sort_unstable();
        let ids: Vec<u32> = vector.iter().map(|p| p.0).collect();
        assert!(
            ids.windows(2).all(|w| w[0] < w[1]),
            "unit {u}: term ids not sorted"
        );
        (
            terms,
            *words,
            s.openings[a as usize].clone(),
            s.openings[b as usize].clone(),
            *cue,
        )
    };
    for u in 0..whole.units.len() {
        assert_eq!(named(&split, u), named(&whole, u), "unit {u}");
    }
}

#[test]
fn a_heading_over_a_list_of_one_liners_gets_no_sub_sections() {
    use crate::document::{Block, BlockKind, Document};
    let mut blocks = vec![Block::new(BlockKind::Heading(1), "Contents")];
    // 60 lines of 11 words: enough words to segment (≥ 400), too few per paragraph for prose.
    let words = [
        "whale", "ship", "sea", "storm", "harpoon", "captain", "crew", "ocean",
    ];
    blocks.extend((0..60).map(|i| {
        let (a, b, c) = (words[i % 8], words[(i * 3) % 8], words[(i * 5) % 8]);
        let text = format!("Chapter {i}. The {a} of the {b} and the {c} again");
        Block::new(BlockKind::Paragraph, text)
    }));
    blocks.push(Block::new(BlockKind::Heading(1), "Story"));
    let doc = Document {
        blocks,
        ..Document::default()
    };
    let o = build(&doc);
    let contents = o
        .nodes
        .iter()
        .position(|n| n.label == "Contents")
        .expect("heading node");
    assert!(
        o.nodes
            .iter()
            .all(|n| n.parent() != Some(contents) || matches!(n.kind, NodeKind::Paragraph { .. })),
        "{:#?}",
        o.nodes
    );
}

// ---- Book units, front matter and formatting-based levels -----------------------------------

/// A War and Peace layout: books, chapters, a letter inside a chapter, two epilogues formatted
/// like the books, and a chapter whose first paragraph is one quoted line.
fn war_and_peace_like() -> String {
    let chapters = |names: &[&str]| -> String {
        names
            .iter()
            .map(|ch| format!("CHAPTER {ch}\n\n{BODY}\n\n"))
            .collect()
    };
    let mut t = String::from("WAR AND PEACE\n\nBy Leo Tolstoy\n\n");
    for (book, year) in [("ONE", "1805"), ("TWO", "1806")] {
        t += "BOOK ";
        t += book;
        t += ": ";
        t += year;
        t += "\n\n";
        t += &chapters(&["I", "II", "III"]);
    }
    t += "CHAPTER IV\n\n\"He's coming!\" shouted the signaler at that moment.\n\n";
    t += &[BODY, "Moscow, 17th November", BODY, "JULIE", BODY, ""].join("\n\n");
    t += "FIRST EPILOGUE: 1813 - 20\n\n";
    t += &chapters(&["I", "II"]);
    t += "SECOND EPILOGUE\n\n";
    t += &chapters(&["I", "II"]);
    t
}

#[test]
fn outline_books_and_epilogues_share_a_level() {
    let h = headings_of(&war_and_peace_like());
    let level = |l: &str| h.iter().find(|x| x.0.starts_with(l)).map(|x| x.1);
    assert_eq!(level("BOOK ONE"), Some(1));
    assert_eq!(level("FIRST EPILOGUE"), Some(1));
    assert_eq!(level("SECOND EPILOGUE"), Some(1));
    assert_eq!(level("CHAPTER I"), Some(2));
    assert_eq!(h.iter().filter(|x| x.1 == 1).count(), 4, "{h:?}");
    // The quoted first line stays the chapter's paragraph; letter lines are no headings.
    assert!(h.iter().any(|x| x.0 == "CHAPTER IV"), "{h:?}");
    assert!(
        !h.iter().any(|x| x.0.contains("Moscow") || x.0 == "JULIE"),
        "{h:?}"
    );
    // Title and byline are front matter, not headings.
    assert!(
        !h.iter()
            .any(|x| x.0.contains("WAR AND PEACE") || x.0.starts_with("By"))
    );
}

#[test]
fn outline_version_headings_share_a_level() {
    let text = format!(
        "CHANGES FROM 3.3a TO 3.4\n\n{BODY}\n\nCHANGES FROM 3.3 TO 3.3a\n\n{BODY}\n\nCHANGES FROM 3.2 TO 3.3\n\n{BODY}\n"
    );
    let got: Vec<u8> = headings_of(&text).into_iter().map(|h| h.1).collect();
    assert_eq!(got, [1, 1, 1]);
}

#[test]
fn outline_front_matter_is_no_section() {
    let body = (0..8)
        .map(|i| format!("{BODY} Paragraph {i} on the river and the harbour and the bridge."))
        .collect::<Vec<_>>()
        .join("\n\n");
    let text = format!(
        "A MODEST PROPOSAL\n\nFor the good of the public.\n\nBy Dr. Swift\n\n1729\n\nTo the People of the State of New York:\n\n{body}"
    );
    let doc = plain::parse(&text, false);
    let o = build(&doc);
    assert!(o.headings.is_empty());
    let first = o.paragraphs.first().map(|&b| doc.blocks[b].text.as_str());
    assert!(
        first.is_some_and(|t| t.starts_with("The committee")),
        "{first:?}"
    );
    assert!(
        o.nodes
            .iter()
            .all(|n| !n.label.contains("PROPOSAL") && !n.label.starts_with("To the"))
    );
}

#[test]
fn heading_labels_are_collapsed_and_nodes_stay_small() {
    assert_eq!(super::collapse_spaces("a  b\tc ".into()), "a b c");
    assert_eq!(super::collapse_spaces(" x".into()), "x");
    assert_eq!(super::collapse_spaces("one two".into()), "one two");
    assert_eq!(super::collapse_spaces(String::new()), "");
    let md = "# A  wide\theading\n\ntext\n\n## Two\n\nmore text\n";
    let o = build(&crate::document::parse(
        md,
        crate::document::Format::Markdown,
    ));
    let labels: Vec<(&str, Option<usize>)> = o
        .nodes
        .iter()
        .filter(|n| n.kind == NodeKind::Heading)
        .map(|n| (n.label.as_str(), n.parent()))
        .collect();
    assert_eq!(labels, [("A wide heading", None), ("Two", Some(0))]);
    // A git log's contents has a node per hunk.
    assert!(std::mem::size_of::<Node>() <= 56);
}

#[test]
fn a_gutenberg_book_is_named_by_its_header_title_not_its_credits() {
    let body = "Call me Ishmael. Some years ago, never mind how long precisely, having little or no money in my purse, I thought I would sail about a little.";
    let text = format!(
        "The Project Gutenberg EBook of Moby Dick, by Herman Melville\n\nTitle: Moby Dick; or The Whale\n\nAuthor: Herman Melville\n\n*** START OF THIS PROJECT GUTENBERG EBOOK MOBY DICK ***\n\n\n\nProduced by Daniel Lazarus, Jonesey, and David Widger\n\n\n\nMOBY-DICK;\n\nor, THE WHALE.\n\nBy Herman Melville\n\n{body}\n\n{body}\n"
    );
    let mut doc = plain::parse(&text, true);
    doc.title = "moby.txt".to_owned();
    doc.title_is_name = true;
    assert_eq!(build(&doc).title, "Moby Dick; or The Whale");
    // A title of the document's own is kept.
    doc.title_is_name = false;
    assert_eq!(build(&doc).title, "moby.txt");
}

#[test]
fn a_whole_sentence_keeps_its_last_words() {
    // A short sentence is the label whole; only a cut one loses its trailing function words.
    assert_eq!(
        labels::lead(
            "“What’s it all about? Why, the French have crossed.",
            9,
            None
        ),
        "“What’s it all about?"
    );
    assert_eq!(
        labels::lead("The rain is pouring down. We stay in.", 9, None),
        "The rain is pouring down"
    );
    assert_eq!(
        labels::lead(
            "“Nicholas is going away in a week’s time, his... papers... have come",
            9,
            None
        ),
        "“Nicholas is going away in a week’s time…"
    );
}

#[test]
fn page_furniture_names_no_section() {
    let lead = |texts: &[&str]| labels::section_lead(texts.iter().copied(), 9, None);
    let body = "United Nations peacekeepers at a refugee camp in Sudan wait for the rain.";
    for furniture in [
        "Photo",
        "1 / 5",
        "(Artist: Elearia)",
        "Credit Harry Campbell",
        "Save",
    ] {
        assert_eq!(
            lead(&[furniture, body]),
            "United Nations peacekeepers at a refugee camp in Sudan…",
            "{furniture}"
        );
    }
    // A short line that says something still names its section.
    assert_eq!(lead(&["Simple examples", body]), "Simple examples");
    assert_eq!(lead(&["Photo"]), "Photo", "nothing else to name it");
}

#[test]
fn an_unknown_numbered_unit_is_a_unit_beside_the_chapters() {
    // Frankenstein: four letters, then the chapters, all formatted alike.
    let mut t = String::from("Frankenstein\n\n");
    for unit in [
        "Letter 1",
        "Letter 2",
        "Letter 3",
        "Chapter 1",
        "Chapter 2",
        "Chapter 3",
    ] {
        let _ = write!(t, "\n\n{unit}\n\n{BODY}\n\n{BODY}\n");
    }
    assert_eq!(
        heading_labels(&t),
        [
            "Letter 1",
            "Letter 2",
            "Letter 3",
            "Chapter 1",
            "Chapter 2",
            "Chapter 3"
        ]
    );
    let h = headings_of(&t);
    assert!(h.iter().all(|x| x.1 == h[0].1), "{h:?}");
}

#[test]
fn a_line_that_leads_into_the_text_is_no_chapter_title() {
    let mut t = String::new();
    for n in ["6", "7", "8"] {
        let _ = write!(
            t,
            "Chapter {n}\n\nOn my return, I found the following letter from my father:—\n\n{BODY}\n\n"
        );
    }
    let h = headings_of(&t);
    assert_eq!(h.len(), 3, "{h:?}");
    assert!(h.iter().all(|x| !x.0.contains("my return")), "{h:?}");
}

#[test]
fn books_the_first_hold_roman_chapters_and_contents_entries_are_no_headings() {
    // A Tale of Two Cities: a contents block lists the books and their chapters; each book is
    // `Book the First--…`, its chapters `I. The Period`.
    let mut t = String::from("CONTENTS\n\n");
    for book in [
        "First--Recalled to Life",
        "Second--the Golden Thread",
        "Third--the Track of a Storm",
    ] {
        let _ = write!(
            t,
            "     Book the {book}\n\n     Chapter I      The Period\n     Chapter II     The Mail\n\n"
        );
    }
    for book in [
        "First--Recalled to Life",
        "Second--the Golden Thread",
        "Third--the Track of a Storm",
    ] {
        let _ = write!(
            t,
            "\n\nBook the {book}\n\n\n\nI. The Period\n\n{BODY}\n\n\nII. The Mail\n\n{BODY}\n"
        );
    }
    let h = headings_of(&t);
    let books: Vec<&(String, u8)> = h.iter().filter(|x| x.0.starts_with("Book")).collect();
    assert_eq!(books.len(), 3, "{h:?}");
    assert!(books.iter().all(|x| x.1 == 1), "{h:?}");
    let chapters = h
        .iter()
        .filter(|x| x.0.ends_with("The Period") || x.0.ends_with("The Mail"));
    assert_eq!(chapters.clone().count(), 6, "{h:?}");
    assert!(chapters.clone().all(|x| x.1 == 2), "{h:?}");
    assert!(!h.iter().any(|x| x.0 == "CONTENTS"), "{h:?}");
}

#[test]
fn a_contents_block_of_units_with_page_numbers_heads_nothing() {
    // Dracula: `CHAPTER II` and its title with a page number, then the chapters themselves.
    let mut t = String::from("CONTENTS\n\n");
    for (n, title) in [
        ("I", "Jonathan Harker's Journal         1"),
        ("II", "Jonathan Harker's Journal         14"),
        ("III", "Letters--Lucy and Mina         30"),
    ] {
        let _ = write!(t, "CHAPTER {n}\n\n{title}\n\n");
    }
    t += "DRACULA\n\n";
    for (n, title) in [
        ("I", "JONATHAN HARKER'S JOURNAL"),
        ("II", "JONATHAN HARKER'S JOURNAL--continued"),
        ("III", "LETTERS--LUCY AND MINA"),
    ] {
        let _ = write!(t, "\n\nCHAPTER {n}\n\n{title}\n\n{BODY}\n\n{BODY}\n");
    }
    assert_eq!(
        heading_labels(&t),
        [
            "CHAPTER I — JONATHAN HARKER'S JOURNAL",
            "CHAPTER II — JONATHAN HARKER'S JOURNAL--continued",
            "CHAPTER III — LETTERS--LUCY AND MINA"
        ]
    );
}

#[test]
fn one_numbering_in_two_styles_is_one_level() {
    // The Adventures of Sherlock Holmes: `ADVENTURE I. …` to `VI.`, then `VII. THE ADVENTURE
    // OF …`; the first story has parts `I.` to `III.`; a quoted word in capitals is dialogue.
    let mut t = format!("{BODY}\n\n");
    for (n, title) in [
        ("I", "A SCANDAL IN BOHEMIA"),
        ("II", "THE RED-HEADED LEAGUE"),
    ] {
        let _ = write!(
            t,
            "ADVENTURE {n}. {title}\n\nI.\n\n{BODY}\n\nII.\n\n{BODY}\n\n"
        );
    }
    let _ = write!(t, "\"BALLARAT.\"\n\n{BODY}\n\n");
    for (n, title) in [
        ("III", "THE ADVENTURE OF THE BLUE CARBUNCLE"),
        ("IV", "THE ADVENTURE OF THE SPECKLED BAND"),
    ] {
        let _ = write!(t, "{n}. {title}\n\n{BODY}\n\n{BODY}\n\n");
    }
    let h = headings_of(&t);
    let level = |l: &str| h.iter().find(|x| x.0.starts_with(l)).map(|x| x.1);
    assert_eq!(level("ADVENTURE I."), Some(1), "{h:?}");
    assert_eq!(level("III. THE ADVENTURE"), Some(1), "{h:?}");
    assert_eq!(level("IV. THE ADVENTURE"), Some(1), "{h:?}");
    assert_eq!(
        h.iter().filter(|x| x.0 == "I." || x.0 == "II.").count(),
        4,
        "{h:?}"
    );
    assert!(h.iter().filter(|x| x.0 == "I.").all(|x| x.1 == 2), "{h:?}");
    assert!(!h.iter().any(|x| x.0.contains("BALLARAT")), "{h:?}");
}

#[test]
fn a_chapter_number_joined_to_its_title_by_a_dash() {
    // Jane Eyre's last chapter: `CHAPTER XXXVIII--CONCLUSION`.
    let mut t = String::new();
    for n in ["XXXVI", "XXXVII", "XXXVIII--CONCLUSION"] {
        let _ = write!(t, "CHAPTER {n}\n\n{BODY}\n\n{BODY}\n\n");
    }
    let h = headings_of(&t);
    assert_eq!(h.len(), 3, "{h:?}");
    assert_eq!(h[2].0, "CHAPTER XXXVIII--CONCLUSION");
    assert!(h.iter().all(|x| x.1 == 1), "{h:?}");
}

#[test]
fn parts_over_numbered_chapters_with_titles_under_them() {
    // Treasure Island: the title, `PART ONE--The Old Buccaneer`, then `1` over its title line.
    let mut t = format!("{BODY}\n\n");
    let mut n = 0;
    for part in [
        "ONE--The Old Buccaneer",
        "TWO--The Sea-cook",
        "THREE--My Shore Adventure",
    ] {
        if n == 0 {
            t += "TREASURE ISLAND\n\n\n\n";
        }
        let _ = write!(t, "PART {part}\n\n\n\n");
        for title in [
            "The Old Sea-dog at the Admiral Benbow",
            "Black Dog Appears and Disappears",
        ] {
            n += 1;
            let _ = write!(t, "{n}\n\n{title}\n\n\n{BODY}\n\n{BODY}\n\n");
        }
    }
    let h = headings_of(&t);
    let parts: Vec<&(String, u8)> = h.iter().filter(|x| x.0.starts_with("PART")).collect();
    assert_eq!(parts.len(), 3, "{h:?}");
    assert!(parts.iter().all(|x| x.1 == 1), "{h:?}");
    let chapters: Vec<&(String, u8)> = h.iter().filter(|x| x.0.contains(" — ")).collect();
    assert_eq!(chapters.len(), 6, "{h:?}");
    assert_eq!(chapters[0].0, "1 — The Old Sea-dog at the Admiral Benbow");
    assert!(chapters.iter().all(|x| x.1 == 2), "{h:?}");
}

#[test]
fn a_long_title_in_capitals_and_a_footnote_mark_keep_their_chapter() {
    // The Prince: titles in capitals wrapped over two lines; `XVIII(*)` carries a note mark.
    let mut t = String::new();
    for head in [
        "CHAPTER IV -- WHY THE KINGDOM OF DARIUS, CONQUERED BY ALEXANDER, DID NOT\nREBEL AGAINST THE SUCCESSORS OF ALEXANDER AT HIS DEATH",
        "CHAPTER V -- CONCERNING THE WAY TO GOVERN CITIES",
        "CHAPTER XVIII(*) -- CONCERNING THE WAY IN WHICH PRINCES SHOULD KEEP\nFAITH",
    ] {
        let _ = write!(t, "{head}\n\n{BODY}\n\n{BODY}\n\n");
    }
    let h = headings_of(&t);
    assert_eq!(h.len(), 3, "{h:?}");
    assert!(h[0].0.starts_with("CHAPTER IV — WHY THE KINGDOM"), "{h:?}");
    assert!(
        h[2].0.starts_with("CHAPTER XVIII(*) -- CONCERNING"),
        "{h:?}"
    );
}

#[test]
fn a_contents_line_heads_no_part_of_the_book() {
    // The Time Machine: `CONTENTS` over its list, then chapters numbered `I` with titles, and
    // an epilogue at their level.
    let mut t = String::from(
        "CONTENTS\n\n I Introduction\n II The Machine\n III The Time Traveller Returns\n\n",
    );
    for (n, title) in [
        ("I", "Introduction"),
        ("II", "The Machine"),
        ("III", "The Time Traveller Returns"),
    ] {
        let _ = write!(t, "\n\n {n}\n\n\n {title}\n\n{BODY}\n\n{BODY}\n");
    }
    let _ = write!(t, "\n\n Epilogue\n\n{BODY}\n");
    let h = headings_of(&t);
    assert!(!h.iter().any(|x| x.0 == "CONTENTS"), "{h:?}");
    assert_eq!(h.len(), 4, "{h:?}");
    assert!(h.iter().all(|x| x.1 == 1), "{h:?}");
}
