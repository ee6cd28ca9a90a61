//! The word lists the section labels read: numbers, words of time and amount, adverbs,
//! determiners, verb markers, and openings that name no topic (docs/outline.md, "Labels").

/// Number words: a count is not a topic (`twenty thousand`). Sorted (binary search).
pub(super) const NUMBER_WORDS: &[&str] = &[
    "eight", "eighty", "eleven", "fifty", "five", "forty", "four", "hundred", "million", "nine",
    "ninety", "one", "seven", "seventy", "six", "sixty", "ten", "thirty", "thousand", "three",
    "twelve", "twenty", "two",
];

/// Words that say how much, how long or in what way, not what about: a phrase that ends in one
/// (`Minutes later`, `Recent years`, `Higher degree`, `Years old`) or opens `X of Y` with one
/// (`Manner of the king`, `Millions of men`) names no topic. Sorted (binary search).
pub(super) const GENERIC_WORDS: &[&str] = &[
    "ago",
    "case",
    "cases",
    "day",
    "days",
    "degree",
    "degrees",
    "dozen",
    "dozens",
    "extent",
    "fact",
    "facts",
    "hour",
    "hours",
    "hundreds",
    "kind",
    "kinds",
    "later",
    "lot",
    "manner",
    "matter",
    "matters",
    "means",
    "millions",
    "minute",
    "minutes",
    "moment",
    "moments",
    "month",
    "months",
    "number",
    "numbers",
    "old",
    "part",
    "parts",
    "point",
    "points",
    "sort",
    "sorts",
    "thing",
    "things",
    "thousands",
    "time",
    "times",
    "way",
    "ways",
    "week",
    "weeks",
    "year",
    "years",
];

/// Adverbs that say where, how or when, never what: a phrase holding one is no noun phrase
/// (`Stand together`, `Beyond doubt`). They still count as content words for the sections
/// themselves. Sorted (binary search).
pub(super) const ADVERBS: &[&str] = &[
    "abroad",
    "afresh",
    "ahead",
    "alike",
    "alone",
    "apart",
    "aside",
    "away",
    "besides",
    "beyond",
    "forth",
    "forward",
    "henceforth",
    "hereafter",
    "heretofore",
    "hitherto",
    "indeed",
    "likewise",
    "meanwhile",
    "moreover",
    "nevertheless",
    "perhaps",
    "thence",
    "thereby",
    "therein",
    "together",
    "whence",
];

/// Words after which a noun phrase starts (articles, demonstratives, possessives): a word seen
/// after one is a noun or an adjective somewhere in the text. Sorted (binary search).
pub(super) const DETERMINERS: &[&str] = &[
    "a", "an", "any", "each", "every", "her", "his", "its", "my", "no", "our", "some", "that",
    "the", "their", "these", "this", "those", "whose", "your",
];

/// Words after which a verb follows (`to solve`, `can stand`). Sorted (binary search).
pub(super) const VERB_MARKERS: &[&str] = &[
    "can", "cannot", "could", "may", "might", "must", "shall", "should", "to", "will", "would",
];

/// First words after which a lead clause does not name a topic ("I do not forget …", "Yet there
/// is …", "It is seventy-two years …", "In the pursuit of these aims …"); sorted.
pub(super) const NOT_TOPICAL: &[&str] = &[
    "after", "again", "although", "and", "as", "at", "before", "being", "but", "by", "for", "from",
    "having", "he", "here", "i", "if", "in", "it", "let", "my", "nor", "now", "on", "or", "she",
    "since", "so", "such", "that", "then", "there", "these", "they", "this", "those", "though",
    "to", "upon", "we", "when", "while", "with", "yet", "you",
];

/// True when `normed` (a word as [`norm`] gives it) is one of [`GENERIC_WORDS`].
pub(super) fn is_generic(normed: &str) -> bool {
    GENERIC_WORDS.binary_search(&normed).is_ok()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn word_tables_are_sorted() {
        for table in [
            NUMBER_WORDS,
            GENERIC_WORDS,
            ADVERBS,
            DETERMINERS,
            VERB_MARKERS,
            NOT_TOPICAL,
        ] {
            assert!(table.windows(2).all(|w| w[0] < w[1]), "{table:?}");
        }
    }
}
