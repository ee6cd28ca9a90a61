//! Front matter at the top of a document (title, subtitle, author line, byline, date line,
//! bracketed note, salutation): it names the document, so it is neither a section nor a heading.

use super::text::ends_sentence;
use crate::document::{BlockKind, Document};

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
    // A web page's dateline or credit: `Last updated September 14, 2016`, `Posted by Andrew
    // Hayden, Software Engineer on Google Play`, `Published: March 4, 2019`.
    if let Some(rest) = stamped(t) {
        let kind = classify(rest);
        if matches!(kind, Front::Byline | Front::Date) {
            return kind;
        }
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
    // A long address names people and titles between commas ("Mr. Chairman, Mr. Vice
    // President, Mr. Chief Justice, Mr. Speaker, members of my family and friends, my
    // countrymen, …:"): a third of its words capitalised, three commas or more, no full stop
    // but after a title's abbreviation.
    let commas = t.matches(',').count();
    let stops_only_after_titles = words.iter().filter(|w| w.ends_with('.')).all(|w| {
        matches!(
            *w,
            "Mr." | "Mrs." | "Ms." | "Dr." | "Messrs." | "Hon." | "Rev."
        )
    });
    let long_address = n <= 40 && commas >= 3 && capitalised * 3 >= n && stops_only_after_titles;
    if (t.ends_with(':') && (n <= 4 || (n <= 25 && capitalised * 2 >= n) || long_address))
        || (t.ends_with(',')
            && n <= 6
            && matches!(first.as_str(), "dear" | "my" | "sir," | "madam,"))
        || (first == "to"
            && words.get(1).is_some_and(|w| w.eq_ignore_ascii_case("the"))
            && n <= 12
            // A full stop ends a sentence ("To the end of his life he …"), unless the words
            // are a title's, mostly capitalised ("To the People of the State of New York.").
            && (!t.ends_with('.') || capitalised * 2 >= n))
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
    let sentence = ends_sentence(t);
    // A line that opens with its year and is no sentence: `1849, original title: …`.
    if n <= 12 && !sentence && words.first().is_some_and(|w| is_year(w)) {
        return Front::Date;
    }
    if n <= 30 && t.chars().count() <= 240 {
        return if sentence && n > 8 {
            Front::Sentence
        } else {
            Front::Short
        };
    }
    Front::Body
}

/// The rest of a line that opens with a web page's stamp (`Posted`, `Last updated:`,
/// `Published on`), when it does.
fn stamped(t: &str) -> Option<&str> {
    const STAMPS: &[&str] = &[
        "last updated",
        "updated",
        "originally published",
        "first published",
        "published",
        "posted",
    ];
    let stamp = STAMPS.iter().find(|s| {
        t.get(..s.len())
            .is_some_and(|head| head.eq_ignore_ascii_case(s))
    })?;
    let rest = t[stamp.len()..]
        .strip_prefix([' ', ':'])?
        .trim_start_matches(':')
        .trim_start();
    let rest = rest
        .strip_prefix("on ")
        .or_else(|| rest.strip_prefix("On "))
        .unwrap_or(rest)
        .trim_start();
    (!rest.is_empty()).then_some(rest)
}

/// Lines a quotation may have: an epigraph is a stanza or two, not a poem.
const MAX_QUOTATION_LINES: u32 = 16;

/// True when block `i` reads as a quotation set apart: verse (several short lines) or a short
/// passage in quotation marks.
fn is_quotation(doc: &Document, i: usize) -> bool {
    let b = &doc.blocks[i];
    let t = b.text.trim();
    let words = t.split_whitespace().count();
    // A stanza kept as verse holds its lines; a reflowed one counts its source lines.
    let lines = if b.kind == BlockKind::Verbatim {
        u32::try_from(t.lines().count()).unwrap_or(u32::MAX)
    } else {
        b.source_lines
    }
    .max(1);
    // Prose lines run to 60–75 characters; verse lines to half that.
    // A list of titles has short lines too, but not a verse's words and punctuation.
    let verse = (2..=MAX_QUOTATION_LINES).contains(&lines)
        && t.len() <= 45 * lines as usize
        && words >= 10
        && t.contains([',', ';', '!', '?']);
    let quoted = t.starts_with(['"', '“', '‘']) && words <= 60;
    verse || quoted
}

/// True for an epigraph's attribution: a name in capitals (`SWINBURNE.`), or a few words
/// after a dash (`—Mahomet`, `-- Milton, Areopagitica`).
fn is_attribution(text: &str) -> bool {
    let t = text.trim();
    let words: Vec<&str> = t.split_whitespace().collect();
    if let Some(rest) = t
        .strip_prefix(['—', '―'])
        .or_else(|| t.strip_prefix("--"))
        .map(str::trim_start)
    {
        return words.len() <= 8 && rest.starts_with(char::is_uppercase);
    }
    (1..=4).contains(&words.len())
        && t.chars().any(char::is_alphabetic)
        && t.chars().all(|c| !c.is_lowercase())
        && !t.contains(':')
        && unit_word(t).is_none()
        && !t.starts_with("LETTER")
        && !t.starts_with(|c: char| c.is_ascii_digit())
}

/// Blocks of front matter at the top of `doc` (indices; `skip[i]` blocks are passed over).
pub(crate) fn front_matter(doc: &Document, skip: &[bool]) -> Vec<usize> {
    let mut out = Vec::new();
    let mut pending: Vec<usize> = Vec::new();
    let leading: Vec<usize> = doc
        .blocks
        .iter()
        .enumerate()
        .filter(|&(i, b)| {
            !skip.get(i).copied().unwrap_or(false)
                && (b.is_paragraph() || b.kind == BlockKind::Verbatim)
        })
        .map(|(i, _)| i)
        .take(MAX_FRONT_BLOCKS + 1)
        .collect();
    let mut k = 0;
    while let Some(&i) = leading.get(k).filter(|_| k < MAX_FRONT_BLOCKS) {
        k += 1;
        // An epigraph: a quotation (verse, or a short quoted passage) with its author's name
        // on the next line, under the title (`O thou that sea-walls sever …` `SWINBURNE.`).
        if let Some(&by) = leading.get(k)
            && is_quotation(doc, i)
            && is_attribution(&doc.blocks[by].text)
        {
            out.append(&mut pending);
            out.extend([i, by]);
            k += 1;
            continue;
        }
        let b = &doc.blocks[i];
        if b.kind == BlockKind::Verbatim {
            // Lines laid out by hand that no attribution follows: the body has begun.
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
            // `by` on a line of its own, the author on the next (`SIR ARTHUR CONAN DOYLE`).
            _ if b.text.trim().eq_ignore_ascii_case("by")
                && pending.len() <= 3
                && leading
                    .get(k)
                    .is_some_and(|&n| classify(&doc.blocks[n].text) == Front::Short) =>
            {
                out.append(&mut pending);
                out.push(i);
                if let Some(&n) = leading.get(k) {
                    out.push(n);
                }
                k += 1;
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
        classify(t) == Front::Short
            && unit_word(t).is_none()
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
    // … or a chapter line above the body of a text that has no other: one chapter printed
    // alone (`CHAPTER X--CARRYING THE BANNER`) is its title, not a heading over it.
    if let Some(&first) = pending.first()
        && out.is_empty()
        && leading.first() == Some(&first)
        && is_lone_unit_line(doc, skip, first)
    {
        out.push(first);
    }
    out.sort_unstable();
    out
}

/// The document's name in its front matter `front` (sorted block indices), if it has one: its
/// first short line that is not a note, salutation, byline or date (`A MODEST PROPOSAL`,
/// `On the Duty of Civil Disobedience`, `CHAPTER X--CARRYING THE BANNER`). A number line
/// takes the title under it: `FEDERALIST No. 70: The Executive Department Further Considered`.
pub(crate) fn title(doc: &Document, front: &[usize]) -> Option<String> {
    let short = |i: usize| {
        let b = &doc.blocks[i];
        (b.kind != BlockKind::Verbatim && classify(&b.text) == Front::Short)
            .then(|| b.text.split_whitespace().collect::<Vec<_>>().join(" "))
    };
    let (k, first) = front
        .iter()
        .enumerate()
        .find_map(|(k, &i)| short(i).map(|t| (k, t)))?;
    let numbered = first
        .split_whitespace()
        .last()
        .is_some_and(|w| w.trim_end_matches('.').chars().all(|c| c.is_ascii_digit()));
    // Under a number line the title is the name, as long as a title runs (`The Insufficiency of
    // the Present Confederation to Preserve the Union`).
    let under = front
        .get(k + 1)
        .and_then(|&i| short(i))
        .filter(|t| t.split_whitespace().count() <= 12 && !is_attribution(t));
    // A line in display capitals ends without its printer's full stop (`PRUDENCE.`).
    let first = if first.chars().any(char::is_lowercase) {
        first
    } else {
        first.trim_end_matches('.').to_owned()
    };
    Some(match under {
        Some(sub) if numbered => format!("{first}: {sub}"),
        _ => first,
    })
}

/// Words that open a book's unit lines (`CHAPTER XII`, `Act I.`): such a line heads a part of
/// the text; it names the text only when it is the text's one unit line.
const UNIT_WORDS: &[&str] = &["ACT", "BOOK", "CHAPTER", "PART", "SECTION", "VOLUME"];

/// The unit word `text` opens with, in capitals, if any.
fn unit_word(text: &str) -> Option<&'static str> {
    let first = text
        .trim_start()
        .split(|c: char| !c.is_alphabetic())
        .next()?
        .to_ascii_uppercase();
    UNIT_WORDS.iter().copied().find(|w| *w == first)
}

/// True when block `i` is a unit line in capitals (`CHAPTER XII--CORONATION DAY`) and no other
/// paragraph of `doc` opens with its word.
fn is_lone_unit_line(doc: &Document, skip: &[bool], i: usize) -> bool {
    let text = doc.blocks[i].text.trim();
    let Some(word) = unit_word(text) else {
        return false;
    };
    text.split_whitespace().count() <= 12
        && text.chars().all(|c| !c.is_lowercase())
        && !doc.blocks.iter().enumerate().any(|(j, b)| {
            j != i
                && !skip.get(j).copied().unwrap_or(false)
                && b.text.trim_start().starts_with(word)
        })
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

    /// `text` parsed, and the indices of its front matter.
    fn parsed(text: &str) -> (Document, Vec<usize>) {
        let doc = plain::parse(text, true);
        let front = front_matter(&doc, &vec![false; doc.blocks.len()]);
        (doc, front)
    }

    fn front(text: &str) -> Vec<String> {
        let (doc, front) = parsed(text);
        front
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
    fn a_web_page_stamp_is_a_byline_or_a_date() {
        for stamp in [
            "Last updated September 14, 2016",
            "Posted by Andrew Hayden, Software Engineer on Google Play",
            "Published: March 4, 2019",
            "Updated on 12 March 2019",
        ] {
            let t = format!("{stamp}\n\n{BODY}");
            assert_eq!(front(&t), [stamp]);
        }
        for body in [
            "Updated figures show the streets crowded with beggars.",
            "Posted guards stood at every gate of the town.",
            "Postedness is no word.",
        ] {
            assert!(front(&format!("{body}\n\n{BODY}")).is_empty(), "{body}");
        }
    }

    #[test]
    fn by_on_its_own_line_and_the_author_under_it() {
        // A producer's credit above the title, as Project Gutenberg's books have.
        let t = format!(
            "Produced by an anonymous volunteer and Jose Menendez\n\nTHE ADVENTURES OF SHERLOCK \
             HOLMES\n\nby\n\nSIR ARTHUR CONAN DOYLE\n\n{BODY}"
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
        let t = format!("To the People of the State of New York.\n\n{BODY}");
        assert_eq!(front(&t), ["To the People of the State of New York."]);
        let t = format!("To the end of his life he was poor.\n\n{BODY}");
        assert!(front(&t).is_empty(), "a sentence is body");
    }

    #[test]
    fn a_sentence_before_a_list_is_body() {
        let t = format!("The following changes were made in this release:\n\n{BODY}");
        assert!(front(&t).is_empty());
        let t = format!("Mr. Vice President, Mr. Chief Justice, fellow citizens:\n\n{BODY}");
        assert_eq!(front(&t).len(), 1);
        let t = format!(
            "Mr. Chairman, Mr. Vice President, Mr. Chief Justice, Mr. Speaker, members of my family and friends, my countrymen, and the friends of my country wherever they may be:\n\n{BODY}"
        );
        assert_eq!(front(&t).len(), 1, "a long address");
        let t = format!(
            "In this release we fixed bugs, made search faster, cut memory, and added these options:\n\n{BODY}"
        );
        assert!(
            front(&t).is_empty(),
            "a sentence with commas before a list is body"
        );
    }

    #[test]
    fn title_block_above_a_salutation() {
        let t = format!(
            "FEDERALIST No. 70\n\nThe Executive Department Further Considered\n\nFrom The Independent Journal. Saturday, March 15, 1788.\n\nHAMILTON\n\nTo the People of the State of New York:\n\n{BODY} {BODY}"
        );
        assert_eq!(front(&t).len(), 5);
        // No. 15 ends its dateline and its salutation with full stops.
        let t = format!(
            "FEDERALIST No. 15\n\nThe Insufficiency of the Present Confederation to Preserve the Union\n\nFor the Independent Journal. Saturday, December 1, 1787\n\nHAMILTON\n\nTo the People of the State of New York.\n\n{BODY} {BODY}"
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
    fn an_epigraph_with_its_author_under_the_chapter_line() {
        let verse = "   O thou that sea-walls sever\n   From lands unwalled by seas!\n   Wilt thou endure forever,\n   O Milton's England, these?";
        let t = format!(
            "CHAPTER XII--CORONATION DAY\n\n\n{verse}\n\n   SWINBURNE.\n\n{BODY}\n\n{BODY}"
        );
        let f = front(&t);
        assert_eq!(f.len(), 3, "{f:?}");
        assert_eq!(f[2], "SWINBURNE.");
        let quoted = format!("\"Paradise is under the shadow of swords.\"\n\n— Mahomet\n\n{BODY}");
        assert_eq!(front(&quoted).len(), 2);
        // A paragraph of prose above a heading in capitals is body, and the heading stays.
        let prose = format!(
            "{BODY}\nAnd the second line of it runs on as prose lines do here.\n\nPREFACE.\n\n{BODY}"
        );
        assert!(front(&prose).is_empty());
        // Short lines above a heading: a contents list is not verse with an author.
        let list = format!("Contents\n\nChapter one\nChapter two\n\nCHAPTER I.\n\n{BODY}");
        assert!(!front(&list).contains(&"CHAPTER I.".to_owned()));
    }

    #[test]
    fn a_lone_chapter_line_and_a_year_note_name_the_text() {
        let t = format!("CHAPTER X--CARRYING THE BANNER\n\n\n{BODY}\n\n{BODY}");
        assert_eq!(front(&t), ["CHAPTER X--CARRYING THE BANNER"]);
        // A book's chapter lines stay headings.
        let book = format!("CHAPTER I\n\n{BODY}\n\nCHAPTER II\n\n{BODY}");
        assert!(front(&book).is_empty());
        let t = format!(
            "On the Duty of Civil Disobedience\n\nby Henry David Thoreau\n\n1849, original title: Resistance to Civil Government\n\n{BODY}"
        );
        assert_eq!(front(&t).len(), 3);
        assert!(front(&format!("1914 was the year it all began.\n\n{BODY}")).is_empty());
    }

    fn title_of(text: &str) -> Option<String> {
        let (doc, front) = parsed(text);
        title(&doc, &front)
    }

    #[test]
    fn the_front_matter_names_the_text() {
        let swift = format!(
            "A MODEST PROPOSAL\n\nFor preventing the children of poor people from being a burden.\n\nby Dr. Jonathan Swift\n\n1729\n\n{BODY}"
        );
        assert_eq!(title_of(&swift).as_deref(), Some("A MODEST PROPOSAL"));
        let thoreau = format!(
            "On the Duty of Civil Disobedience\n\nby Henry David Thoreau\n\n1849, original title: Resistance to Civil Government\n\n{BODY}"
        );
        assert_eq!(
            title_of(&thoreau).as_deref(),
            Some("On the Duty of Civil Disobedience")
        );
        let federalist = format!(
            "FEDERALIST No. 70\n\nThe Executive Department Further Considered\n\nFrom The Independent Journal. Saturday, March 15, 1788.\n\nHAMILTON\n\nTo the People of the State of New York:\n\n{BODY} {BODY}"
        );
        assert_eq!(
            title_of(&federalist).as_deref(),
            Some("FEDERALIST No. 70: The Executive Department Further Considered")
        );
        let federalist = format!(
            "FEDERALIST No. 15\n\nThe Insufficiency of the Present Confederation to Preserve the Union\n\nFor the Independent Journal. Saturday, December 1, 1787\n\nHAMILTON\n\nTo the People of the State of New York.\n\n{BODY} {BODY}"
        );
        assert_eq!(
            title_of(&federalist).as_deref(),
            Some(
                "FEDERALIST No. 15: The Insufficiency of the Present Confederation to Preserve the Union"
            )
        );
        assert_eq!(
            title_of(&format!("PRUDENCE.\n\n{BODY} {BODY}\n\n{BODY}")).as_deref(),
            Some("PRUDENCE")
        );
        // An epigraph and its author are not the title; the chapter line above them is.
        let verse = "   O thou that sea-walls sever\n   From lands unwalled by seas!\n   Wilt thou endure forever,\n   O Milton's England, these?";
        let london = format!(
            "CHAPTER XII--CORONATION DAY\n\n\n{verse}\n\n   SWINBURNE.\n\n{BODY}\n\n{BODY}"
        );
        assert_eq!(
            title_of(&london).as_deref(),
            Some("CHAPTER XII--CORONATION DAY")
        );
        // A salutation or a bracketed note names nothing.
        let address = format!("[Delivered in person at the Capitol]\n\nMy countrymen:\n\n{BODY}");
        assert_eq!(title_of(&address), None);
        assert_eq!(title_of(&format!("{BODY}\n\n{BODY}")), None);
    }

    #[test]
    fn body_first_is_no_front_matter() {
        let t = format!("On each day of Inauguration since 1789, the people renewed it.\n\n{BODY}");
        assert!(front(&t).is_empty());
        assert!(front(&format!("{BODY}\n\nBy the way, this is body.")).is_empty());
        assert!(front(&format!("CHAPTER I\n\n{BODY}\n\nCHAPTER II\n\n{BODY}")).is_empty());
    }
}
