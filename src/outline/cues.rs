//! Discourse cues at the opening of a paragraph: signposts that announce a new topic and
//! connectives that continue the last one (docs/outline.md, "Discourse cues").

use super::text::norm;

/// What a paragraph's opening says about the gap before it.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub(crate) enum Cue {
    /// Nothing either way.
    #[default]
    None,
    /// A signpost: "Let us now …", "I come now to …", "Passing from …", "In conclusion, …".
    Signpost,
    /// An enumerator: "First, …", "Secondly, …", "Finally, …" (a boundary when it opens a new
    /// item after several paragraphs, a continuation right after another enumerated paragraph).
    Enumerator,
    /// A weak continuation: a demonstrative or conjunction opening ("These …", "But …").
    Weak,
    /// A strong continuation: "Again, …", "Moreover, …", "In the first place, …".
    Continuation,
}

/// Signpost openings, as normalized words; sorted.
const SIGNPOSTS: &[&[&str]] = &[
    &["a", "concise", "enumeration"],
    &["a", "matter", "of"],
    &["a", "word", "on"],
    &["another", "matter"],
    &["another", "question"],
    &["as", "regards"],
    &["as", "to"],
    &["but", "it", "is", "at"],
    &["enough"],
    &["from", "this", "view"],
    &["having", "thus"],
    &["i", "ask", "the", "attention"],
    &["i", "come", "now"],
    &["i", "have", "too", "long"],
    &["i", "now", "come"],
    &["i", "now", "pass"],
    &["i", "now", "turn"],
    &["i", "pass", "now"],
    &["i", "pass", "to"],
    &["i", "shall", "now"],
    &["i", "turn", "now"],
    &["in", "closing"],
    &["in", "conclusion"],
    &["in", "regard", "to"],
    &["it", "may", "be", "proper"],
    &["let", "me", "now"],
    &["let", "us", "consider"],
    &["let", "us", "examine"],
    &["let", "us", "now"],
    &["let", "us", "turn"],
    &["next", "in", "importance"],
    &["nor", "must", "i", "forget"],
    &["now", "let", "us"],
    &["on", "the", "question"],
    &["one", "other", "matter"],
    &["passing", "from"],
    &["passing", "now"],
    &["there", "is", "another"],
    &["there", "is", "one", "other"],
    &["to", "conclude"],
    &["to", "return"],
    &["turning", "now"],
    &["turning", "to"],
    &["upon", "the", "question"],
    &["we", "come", "now"],
    &["we", "now", "come"],
    &["we", "now", "turn"],
    &["with", "regard", "to"],
    &["with", "respect", "to"],
];

/// Strong continuation openings; sorted.
const CONTINUATIONS: &[&[&str]] = &[
    &["accordingly"],
    &["again"],
    &["also"],
    &["besides"],
    &["consequently"],
    &["for", "example"],
    &["for", "instance"],
    &["furthermore"],
    &["hence"],
    &["in", "addition"],
    &["in", "fact"],
    &["in", "the", "first", "place"],
    &["in", "the", "next", "place"],
    &["in", "the", "second", "place"],
    &["in", "the", "third", "place"],
    &["indeed"],
    &["likewise"],
    &["moreover"],
    &["on", "the", "other", "hand"],
    &["similarly"],
    &["then", "too"],
    &["therefore"],
    &["thus"],
];

/// Weak continuation openings (one word); sorted.
const WEAK: &[&str] = &[
    "and", "but", "for", "here", "nor", "or", "so", "such", "that", "then", "these", "they",
    "this", "those", "yet",
];

/// Enumerating openers; sorted.
const ENUMERATORS: &[&str] = &[
    "eighth", "fifth", "finally", "first", "firstly", "fourth", "lastly", "second", "secondly",
    "seventh", "sixth", "third", "thirdly",
];

fn starts_with(words: &[String], phrase: &[&str]) -> bool {
    words.len() >= phrase.len() && words.iter().zip(phrase).all(|(w, p)| w == p)
}

/// A paragraph opening that defines a term: "By a faction, I understand …", "… by which I
/// mean …" within the first clause.
fn defines_term(words: &[String]) -> bool {
    words.first().is_some_and(|w| w == "by")
        && words
            .windows(2)
            .take(10)
            .any(|p| p[0] == "i" && (p[1] == "understand" || p[1] == "mean"))
}

/// A wh-cleft that puts a new topic in focus: "What people long for is …".
fn wh_cleft(words: &[String]) -> bool {
    words.first().is_some_and(|w| w == "what")
        && words.get(1).is_some_and(|w| w != "a" && w != "an")
        && words
            .iter()
            .take(9)
            .skip(2)
            .any(|w| matches!(w.as_str(), "is" | "are" | "was" | "were"))
}

/// An address to a new audience inside the text: a short capitalised paragraph that ends in
/// `:` ("Gentlemen of the House of Representatives:"). A message turns to a new subject there.
fn address(text: &str) -> bool {
    const VERBS: &[&str] = &[
        "are", "be", "can", "did", "do", "does", "had", "has", "have", "is", "may", "must",
        "shall", "was", "were", "will",
    ];
    let t = text.trim();
    t.ends_with(':')
        && t.chars().next().is_some_and(char::is_uppercase)
        && t.split_whitespace().count() <= 12
        && !t
            .split_whitespace()
            .any(|w| VERBS.binary_search(&norm(w).as_str()).is_ok())
}

/// The cue of a paragraph, from its first words.
pub(crate) fn cue(text: &str) -> Cue {
    if address(text) {
        return Cue::Signpost;
    }
    // Most paragraphs open with a word no table starts with: one word decides, no more is read.
    let first = text.split_whitespace().next().map(norm).unwrap_or_default();
    let opens_any = SIGNPOSTS.iter().chain(CONTINUATIONS).any(|p| p[0] == first)
        || WEAK.binary_search(&first.as_str()).is_ok()
        || ENUMERATORS.binary_search(&first.as_str()).is_ok()
        || first == "by"
        || first == "what";
    if !opens_any {
        return Cue::None;
    }
    let words: Vec<String> = text
        .split_whitespace()
        .take(12)
        .map(norm)
        .filter(|w| !w.is_empty())
        .collect();
    let Some(first) = words.first() else {
        return Cue::None;
    };
    if SIGNPOSTS.iter().any(|p| starts_with(&words, p)) || defines_term(&words) || wh_cleft(&words)
    {
        return Cue::Signpost;
    }
    if ENUMERATORS.binary_search(&first.as_str()).is_ok() {
        return Cue::Enumerator;
    }
    if CONTINUATIONS.iter().any(|p| starts_with(&words, p)) {
        return Cue::Continuation;
    }
    if WEAK.binary_search(&first.as_str()).is_ok() {
        return Cue::Weak;
    }
    Cue::None
}

/// The word tables (for the sortedness test).
#[cfg(test)]
pub(crate) fn tables() -> Vec<Vec<String>> {
    let join = |t: &[&[&str]]| t.iter().map(|p| p.join(" ")).collect::<Vec<_>>();
    vec![
        join(SIGNPOSTS),
        join(CONTINUATIONS),
        WEAK.iter().map(|w| (*w).to_owned()).collect(),
        ENUMERATORS.iter().map(|w| (*w).to_owned()).collect(),
    ]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cue_tables_sorted() {
        for t in tables() {
            let mut s = t.clone();
            s.sort();
            assert_eq!(s, t);
        }
    }

    #[test]
    fn cues_of_openings() {
        assert_eq!(
            cue("Nor must I forget to say a word on the weather."),
            Cue::Signpost
        );
        assert_eq!(cue("Let us now examine the second point."), Cue::Signpost);
        assert_eq!(
            cue("But it is at night that the city wakes."),
            Cue::Signpost
        );
        assert_eq!(
            cue("From this view of the subject it may be concluded"),
            Cue::Signpost
        );
        assert_eq!(
            cue("By a faction, I understand a number of citizens"),
            Cue::Signpost
        );
        assert_eq!(
            cue("What people in many countries long for is peace."),
            Cue::Signpost
        );
        assert_eq!(cue("What? No."), Cue::None);
        assert_eq!(cue("What a happy conception was it"), Cue::None);
        assert_eq!(cue("Again, the rule holds."), Cue::Continuation);
        assert_eq!(
            cue("In the first place, it is to be remarked"),
            Cue::Continuation
        );
        assert_eq!(cue("Secondly, The poorer tenants"), Cue::Enumerator);
        assert_eq!(cue("These results have not occurred by chance."), Cue::Weak);
        assert_eq!(cue("The committee met."), Cue::None);
        assert_eq!(
            cue("Gentlemen of the House of Representatives:"),
            Cue::Signpost
        );
        assert_eq!(
            cue("Enough, you will say, of inanimate nature"),
            Cue::Signpost
        );
        assert_eq!(cue("The ingredients are these:"), Cue::None);
        assert_eq!(cue(""), Cue::None);
    }
}
