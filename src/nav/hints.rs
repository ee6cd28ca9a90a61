//! Link-hint labels: one or two letters per link on screen, typed to follow it (as qutebrowser
//! and vimium do). Home-row letters come first; labels never are a prefix of one another.

/// Letters used for labels, the easiest to type first.
const LETTERS: &[u8] = b"asdfghjklqwertyuiopzxcvbnm";

/// `count` distinct labels. Up to 26 links get one letter each; more get two letters each
/// (676 at most; links beyond that get no label), so no label is a prefix of another.
#[must_use]
pub fn labels(count: usize) -> Vec<String> {
    let n = LETTERS.len();
    if count <= n {
        return LETTERS[..count]
            .iter()
            .map(|&c| char::from(c).to_string())
            .collect();
    }
    LETTERS
        .iter()
        .flat_map(|&a| {
            LETTERS
                .iter()
                .map(move |&b| format!("{}{}", char::from(a), char::from(b)))
        })
        .take(count.min(n * n))
        .collect()
}

/// What typing `typed` means among `labels`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Typed {
    /// The label at this index is complete.
    Chosen(usize),
    /// Some labels start with it: wait for more.
    Partial,
    /// No label starts with it.
    NoMatch,
}

/// Match what was typed so far against the labels.
#[must_use]
pub fn resolve(labels: &[String], typed: &str) -> Typed {
    if let Some(i) = labels.iter().position(|l| l == typed) {
        return Typed::Chosen(i);
    }
    if labels.iter().any(|l| l.starts_with(typed)) {
        Typed::Partial
    } else {
        Typed::NoMatch
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn few_links_get_single_home_row_letters() {
        assert_eq!(labels(3), ["a", "s", "d"]);
        assert!(labels(0).is_empty());
        assert_eq!(labels(26).len(), 26);
    }

    #[test]
    fn many_links_get_two_letters_and_no_prefix_clashes() {
        let l = labels(30);
        assert_eq!(l.len(), 30);
        assert!(l.iter().all(|s| s.len() == 2));
        for a in &l {
            for b in &l {
                assert!(a == b || !b.starts_with(a.as_str()));
            }
        }
        assert_eq!(labels(10_000).len(), 676);
    }

    #[test]
    fn typing_chooses_waits_or_fails() {
        let l = labels(30);
        assert_eq!(resolve(&l, "a"), Typed::Partial);
        assert_eq!(resolve(&l, "as"), Typed::Chosen(1));
        assert_eq!(resolve(&l, "z"), Typed::NoMatch);
    }
}
