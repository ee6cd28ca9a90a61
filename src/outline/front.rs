//! Front matter at the top of a document (title, subtitle, author line, byline, date line,
//! bracketed note, salutation): it names the document, so it is neither a section nor a heading.

use crate::document::Document;

/// At most this many leading blocks are read as front matter.
const MAX_FRONT_BLOCKS: usize = 8;

/// What one leading block is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Front {
    /// `To the People of …`, `Fellow-Citizens:`, `Dear Sir,`: the body follows.
    Salutation,
    /// `[Delivered in person at the Capitol]`.
    Note,
    /// `By …`, `by Dr. Jonathan Swift`: the lines above it are title and subtitle.
    Byline,
    /// `1729`, `March 4, 1865`: likewise.
    Date,
    /// A short line that may be a title, subtitle or author line.
    Short,
    /// A short sentence: a subtitle right under a title, else body.
    Sentence,
    /// Body text.
    Body,
}

const MONTHS: &[&str] = &[
    "april",
    "august",
    "december",
    "february",
    "january",
    "july",
    "june",
    "march",
    "may",
    "november",
    "october",
    "september",
];

fn is_year(w: &str) -> bool {
    let d = w.trim_matches(|c: char| !c.is_ascii_digit());
    d.len() == 4
        && d.chars().all(|c| c.is_ascii_digit())
        && (d.starts_with('1') || d.starts_with("20"))
}

fn classify(text: &str) -> Front {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    let n = words.len();
    let first = words.first().map(|w| w.to_lowercase()).unwrap_or_default();
    if n == 0 {
        return Front::Body;
    }
    if (t.starts_with('[') && t.ends_with(']'))
        || (t.starts_with('(') && t.ends_with(')') && n <= 12)
    {
        return Front::Note;
    }
    // An address ends in `:` and is a few words or mostly names and titles ("Mr. Speaker, Mr.
    // Chief Justice, fellow citizens:"), not a sentence that introduces a list.
    let capitalised = words
        .iter()
        .filter(|w| w.chars().next().is_some_and(char::is_uppercase))
        .count();
    if (t.ends_with(':') && (n <= 4 || (n <= 25 && capitalised * 2 >= n)))
        || (t.ends_with(',')
            && n <= 6
            && matches!(first.as_str(), "dear" | "my" | "sir," | "madam,"))
        || (first == "to"
            && words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("the"))
            && n <= 12
            && !t.ends_with('.'))
    {
        return Front::Salutation;
    }
    let capital_next = words
        .get(1)
        .and_then(|w| w.chars().next())
        .is_some_and(char::is_uppercase);
    if first == "by" && n <= 8 && capital_next {
        return Front::Byline;
    }
    let dateish = words.iter().all(|w| {
        let l = w
            .trim_matches(|c: char| !c.is_alphanumeric())
            .to_lowercase();
        l.is_empty()
            || is_year(&l)
            || MONTHS.binary_search(&l.as_str()).is_ok()
            || (l.len() <= 4 && l.chars().next().is_some_and(|c| c.is_ascii_digit()))
    });
    if n <= 6 && dateish && words.iter().any(|w| is_year(w)) {
        return Front::Date;
    }
    let sentence = t
        .trim_end_matches(['”', '"', '’', '\'', ')'])
        .ends_with(['.', '!', '?']);
    if n <= 30 && t.chars().count() <= 240 {
        return if sentence && n > 8 {
            Front::Sentence
        } else {
            Front::Short
        };
    }
    Front::Body
}

/// Blocks of front matter at the top of `doc` (indices; `skip[i]` blocks are passed over).
pub(crate) fn front_matter(doc: &Document, skip: &[bool]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let mut seen = 0;
    for (i, b) in doc.blocks.iter().enumerate() {
        if skip.get(i).copied().unwrap_or(false) || !b.is_paragraph() {
            continue;
        }
        seen += 1;
        if seen > MAX_FRONT_BLOCKS {
            break;
        }
        match classify(&b.text) {
            Front::Note => out.push(i),
            Front::Salutation => {
                // Short lines above a salutation name the document: a number, a title, a
                // dateline, an author (`FEDERALIST No. 70` … `HAMILTON` … `To the People …:`).
                if pending.len() <= 4 {
                    out.append(&mut pending);
                }
                out.push(i);
                break;
            }
            Front::Byline | Front::Date if pending.len() <= 3 => {
                out.append(&mut pending);
                out.push(i);
            }
            Front::Short => pending.push(i),
            Front::Sentence if pending.len() == 1 => pending.push(i),
            Front::Byline | Front::Date | Front::Sentence | Front::Body => break,
        }
    }
    // A title with an author line (or a subtitle) and no byline: two or more short lines that
    // open the document, the first of them in capitals.
    let title_like = |i: &usize| {
        let t = &doc.blocks[*i].text;
        let first = t
            .split_whitespace()
            .next()
            .unwrap_or("")
            .to_ascii_uppercase();
        classify(t) == Front::Short
            && !matches!(
                first.as_str(),
                "CHAPTER" | "BOOK" | "PART" | "VOLUME" | "ACT" | "SECTION"
            )
            && !t.starts_with(|c: char| c.is_ascii_digit())
    };
    // … or one short line in capitals alone above the body (`LETTER VIII.`, `HEROISM`).
    let lone_title = pending.len() == 1
        && doc.blocks[pending[0]].text.split_whitespace().count() <= 6
        && doc.blocks[pending[0]].text.chars().any(char::is_alphabetic);
    if (lone_title || (2..=3).contains(&pending.len()))
        && out.is_empty()
        && pending.iter().all(title_like)
        && doc.blocks[pending[0]]
            .text
            .chars()
            .all(|c| !c.is_lowercase())
    {
        out.append(&mut pending);
    }
    out.sort_unstable();
    out
}

/// The month table (for the sortedness test).
#[cfg(test)]
pub(crate) fn months() -> Vec<&'static str> {
    MONTHS.to_vec()
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::plain;

    fn front(text: &str) -> Vec<String> {
        let doc = plain::parse(text, true);
        let skip = vec![false; doc.blocks.len()];
        front_matter(&doc, &skip)
            .into_iter()
            .map(|i| doc.blocks[i].text.to_string())
            .collect()
    }

    const BODY: &str = "It is a melancholy object to those who walk through this great town, or travel in the country, when they see the streets crowded with beggars.";

    #[test]
    fn month_table_sorted() {
        assert!(months().windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn title_subtitle_byline_date() {
        let t = format!(
            "A MODEST PROPOSAL\n\nFor preventing the children of poor people from being a burden.\n\nby Dr. Jonathan Swift\n\n1729\n\n{BODY}"
        );
        assert_eq!(front(&t).len(), 4);
    }

    #[test]
    fn salutations_and_notes() {
        let t = format!("[Delivered in person at the Capitol]\n\nMy countrymen:\n\n{BODY}");
        assert_eq!(
            front(&t),
            ["[Delivered in person at the Capitol]", "My countrymen:"]
        );
        let t = format!("To the People of the State of New York\n\n{BODY}");
        assert_eq!(front(&t), ["To the People of the State of New York"]);
    }

    #[test]
    fn a_sentence_before_a_list_is_body() {
        let t = format!("The following changes were made in this release:\n\n{BODY}");
        assert!(front(&t).is_empty());
        let t = format!("Mr. Vice President, Mr. Chief Justice, fellow citizens:\n\n{BODY}");
        assert_eq!(front(&t).len(), 1);
    }

    #[test]
    fn title_block_above_a_salutation() {
        let t = format!(
            "FEDERALIST No. 70\n\nThe Executive Department Further Considered\n\nFrom The Independent Journal. Saturday, March 15, 1788.\n\nHAMILTON\n\nTo the People of the State of New York:\n\n{BODY} {BODY}"
        );
        assert_eq!(front(&t).len(), 5);
    }

    #[test]
    fn author_line_in_capitals() {
        let t = format!("SELF-RELIANCE\n\nRALPH WALDO EMERSON\n\n{BODY}\n\n{BODY}");
        assert_eq!(front(&t), ["SELF-RELIANCE", "RALPH WALDO EMERSON"]);
        let t = format!("LETTER VIII.\n\n{BODY} {BODY}\n\n{BODY}\n\nYours truly.");
        assert_eq!(front(&t), ["LETTER VIII."]);
        assert!(front(&format!("Letter VIII\n\n{BODY} {BODY}")).is_empty());
    }

    #[test]
    fn body_first_is_no_front_matter() {
        let t = format!("On each day of Inauguration since 1789, the people renewed it.\n\n{BODY}");
        assert!(front(&t).is_empty());
        assert!(front(&format!("{BODY}\n\nBy the way, this is body.")).is_empty());
        assert!(front(&format!("CHAPTER I\n\n{BODY}")).is_empty());
    }
}
