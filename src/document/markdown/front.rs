//! Front matter at the very start of a Markdown text: YAML between `---` lines (closed by `---`
//! or `...`) or TOML between `+++` lines, recognised only when its lines look like keys, so that
//! `---\nFoo\n---\nBar` stays a rule, a heading and a paragraph as `CommonMark` says.

use crate::document::sanitize::sanitize_inline;

/// What the front matter gave, and the Markdown after it.
#[derive(Debug, Default, PartialEq, Eq)]
pub(super) struct FrontMatter<'a> {
    /// The `title` value, sanitized.
    pub title: Option<String>,
    /// The `date` value when it starts with `YYYY-MM-DD`.
    pub date: Option<String>,
    /// The text after the closing line.
    pub rest: &'a str,
}

/// Split the front matter off `text`, when `text` starts with one that looks like keys.
pub(super) fn split(text: &str) -> Option<FrontMatter<'_>> {
    let (first, _) = text.split_once('\n')?;
    let open = first.trim_end();
    let (sep, toml) = match open {
        "---" => (':', false),
        "+++" => ('=', true),
        _ => return None,
    };
    let mut offset = first.len() + 1;
    let mut body = Vec::new();
    let mut end = None;
    for line in text[offset..].split_inclusive('\n') {
        let content = line.trim_end();
        offset += line.len();
        if content == open || (!toml && content == "...") {
            end = Some(offset);
            break;
        }
        body.push(line.trim_end_matches(['\n', '\r']));
    }
    let rest = &text[end?..];
    if !looks_like_keys(&body, sep) {
        return None;
    }
    let mut front = FrontMatter {
        rest,
        ..FrontMatter::default()
    };
    for line in &body {
        let Some((key, value)) = key_value(line, sep) else {
            continue;
        };
        let value = unquote(value);
        if value.is_empty() || value.starts_with(['|', '>', '[', '{']) {
            continue;
        }
        match key {
            "title" if front.title.is_none() => front.title = Some(sanitize_inline(value)),
            "date" if front.date.is_none() => front.date = iso_date(value),
            _ => {}
        }
    }
    Some(front)
}

/// True when the first non-blank line is a `key: value` (`key = value`) line and every other
/// line is one too, a continuation (indented or a `- ` item), a comment or a TOML `[table]`.
fn looks_like_keys(lines: &[&str], sep: char) -> bool {
    let mut keys = 0;
    for line in lines {
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        if key_value(line, sep).is_some() {
            keys += 1;
            continue;
        }
        let continuation = line.starts_with([' ', '\t']) || trimmed.starts_with("- ");
        let table = sep == '=' && trimmed.starts_with('[') && trimmed.ends_with(']');
        if keys == 0 || !(continuation || table) {
            return false;
        }
    }
    keys > 0
}

/// `key: value` (or `key = value`) with a bare or quoted identifier as the key.
fn key_value(line: &str, sep: char) -> Option<(&str, &str)> {
    if line.starts_with([' ', '\t']) {
        return None;
    }
    let (key, value) = line.split_once(sep)?;
    let key = unquote(key.trim());
    let ok = !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_alphanumeric() || matches!(c, '_' | '-' | '.'));
    // YAML needs a space (or the end of the line) after the colon.
    let spaced = sep != ':' || value.is_empty() || value.starts_with([' ', '\t']);
    (ok && spaced).then_some((key, value.trim()))
}

fn unquote(value: &str) -> &str {
    value
        .strip_prefix('"')
        .and_then(|v| v.strip_suffix('"'))
        .or_else(|| value.strip_prefix('\'').and_then(|v| v.strip_suffix('\'')))
        .unwrap_or(value)
        .trim()
}

/// The `YYYY-MM-DD` a value starts with.
fn iso_date(value: &str) -> Option<String> {
    value
        .get(..10)
        .filter(|d| crate::document::is_iso_date(d))
        .map(str::to_string)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn yaml_and_toml_front_matter() {
        let f = split("---\ntitle: \"A: B\"\ndate: 2024-02-03T10:00\ntags:\n  - x\n---\n# H\n");
        let f = f.expect("front matter");
        assert_eq!(f.title.as_deref(), Some("A: B"));
        assert_eq!(f.date.as_deref(), Some("2024-02-03"));
        assert_eq!(f.rest, "# H\n");
        let f = split("+++\ntitle = 'T'\n[extra]\nx = 1\n+++\nbody").expect("toml");
        assert_eq!(f.title.as_deref(), Some("T"));
        assert_eq!(f.rest, "body");
        let f = split("---\nlayout: post\n...\nbody").expect("closed by dots");
        assert_eq!(f.title, None);
        assert_eq!(f.rest, "body");
    }

    #[test]
    fn rules_and_headings_are_not_front_matter() {
        // CommonMark example 96: a rule, a setext heading and a paragraph.
        assert_eq!(split("---\nFoo\n---\nBar\n---\nBaz\n"), None);
        assert_eq!(split("---\n\n---\n"), None);
        assert_eq!(split("---\nkey: v\n"), None, "never closed");
        assert_eq!(split("---\nhttp://x.y: z\n---\n"), None);
        assert_eq!(split("--- \nSome text: with a colon\n---\n"), None);
    }
}
