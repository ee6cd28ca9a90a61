//! The help's content, generated from the key table: sections per context, wrapped to a width.
//! The overlay draws these lines; the app uses their count to bound scrolling.

use std::fmt::Write as _;

use crate::keymap::{Context, MOUSE_HELP, help_rows};

/// Columns of the keys column.
pub const KEYS_WIDTH: usize = 20;

/// One line of the help.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum HelpLine {
    /// A section title.
    Title(&'static str),
    /// Keys and (a piece of) their description; `keys` is empty on continuation lines.
    Entry {
        /// The keys, as written in the help.
        keys: String,
        /// The description, or the part of it on this line.
        text: String,
    },
    /// Space between sections.
    Blank,
}

/// The help's sections: a title and the context whose bindings it lists.
pub const SECTIONS: &[(&str, Context)] = &[
    ("Reading", Context::Article),
    ("Side panel: contents and key terms (Tab)", Context::List),
    ("Contents", Context::Contents),
    ("Filter (/ in the side panel)", Context::Filter),
    ("Search prompt (/)", Context::Prompt),
    ("Marks (m, ')", Context::Letter),
    ("Selection (v)", Context::Select),
    ("Note editor", Context::Note),
    ("Link hints (o)", Context::Hints),
    ("Highlights panel (H)", Context::Highlights),
    ("Anywhere", Context::Global),
    ("This help", Context::Help),
];

/// Every (keys, description) row of one section, mouse rows included at the end.
fn entries() -> Vec<(&'static str, Vec<(String, String)>)> {
    let mut out: Vec<(&'static str, Vec<(String, String)>)> = SECTIONS
        .iter()
        .map(|&(title, ctx)| {
            let rows = help_rows(ctx)
                .into_iter()
                .map(|(k, h)| (k, h.to_string()))
                .collect();
            (title, rows)
        })
        .collect();
    out.push((
        "Mouse",
        MOUSE_HELP
            .iter()
            .map(|&(k, h)| (k.to_string(), h.to_string()))
            .collect(),
    ));
    out
}

/// The help as lines for a box `width` columns wide: descriptions wrap under themselves.
#[must_use]
pub fn lines(width: usize) -> Vec<HelpLine> {
    let text_width = width.saturating_sub(KEYS_WIDTH + 2).max(10);
    let mut out = Vec::new();
    for (title, rows) in entries() {
        if !out.is_empty() {
            out.push(HelpLine::Blank);
        }
        out.push(HelpLine::Title(title));
        for (keys, text) in rows {
            // Keys too long for their column get a line of their own.
            let mut keys = Some(keys);
            if keys
                .as_ref()
                .is_some_and(|k| k.chars().count() >= KEYS_WIDTH)
            {
                out.push(HelpLine::Entry {
                    keys: keys.take().unwrap_or_default(),
                    text: String::new(),
                });
            }
            for piece in textwrap::wrap(&text, text_width) {
                out.push(HelpLine::Entry {
                    keys: keys.take().unwrap_or_default(),
                    text: piece.into_owned(),
                });
            }
        }
    }
    out
}

/// The key table as Markdown, one table per section (the README's key section is this text).
#[must_use]
pub fn markdown() -> String {
    let mut out = String::new();
    for (title, rows) in entries() {
        let _ = write!(out, "**{title}**\n\n| keys | action |\n|---|---|\n");
        for (keys, text) in rows {
            let keys: Vec<String> = keys
                .split(' ')
                .filter(|k| !k.is_empty())
                .map(|k| format!("`{}`", k.replace('|', "\\|")))
                .collect();
            let _ = writeln!(out, "| {} | {text} |", keys.join(" "));
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::keymap::{BINDINGS, key_name};

    #[test]
    fn every_key_of_the_table_is_in_the_help_of_its_context() {
        let all = lines(100);
        for b in BINDINGS {
            let title = SECTIONS
                .iter()
                .find(|(_, c)| *c == b.context)
                .map(|(t, _)| *t);
            let start = all
                .iter()
                .position(|l| Some(l) == title.map(HelpLine::Title).as_ref())
                .expect("every context has a help section");
            let section = all[start + 1..]
                .iter()
                .take_while(|l| !matches!(l, HelpLine::Title(_)));
            let keys: String = section
                .filter_map(|l| match l {
                    HelpLine::Entry { keys, .. } => Some(keys.as_str()),
                    _ => None,
                })
                .collect::<Vec<_>>()
                .join(" ");
            for k in b.keys {
                assert!(
                    keys.contains(&key_name(k)),
                    "{k:?} of {:?} missing from the help",
                    b.action
                );
            }
        }
    }

    #[test]
    fn the_readme_key_table_is_the_generated_one() {
        let readme = include_str!("../README.md");
        let start = readme.find("<!-- keys:start -->\n").expect("start marker") + 20;
        let end = readme.find("<!-- keys:end -->").expect("end marker");
        assert_eq!(
            readme[start..end].trim(),
            markdown().trim(),
            "README.md's key table is stale: paste `help::markdown()` between the markers"
        );
    }

    #[test]
    fn descriptions_wrap_instead_of_being_cut() {
        let narrow = lines(40);
        let longest = "jump to the entry; on a key term: highlight it (n N walk it)";
        let text: String = narrow
            .iter()
            .filter_map(|l| match l {
                HelpLine::Entry { text, .. } => Some(text.as_str()),
                _ => None,
            })
            .collect::<Vec<_>>()
            .join(" ");
        assert!(text.contains(longest), "the whole description is kept");
        for l in &narrow {
            if let HelpLine::Entry { text, .. } = l {
                assert!(text.chars().count() <= 40 - KEYS_WIDTH - 2 || text.chars().count() <= 10);
            }
        }
    }
}
