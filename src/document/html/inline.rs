//! Single HTML tags met inside Markdown paragraphs (`<del>`, `<br>`, `<kbd>`, `<a name>`,
//! comments …): each becomes a style, a line break, dim alt text or nothing; tags are never
//! shown as source.

use crate::document::Inline;
use crate::document::sanitize::sanitize_inline;

/// What one inline tag does to the running text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TagAction {
    /// Nothing visible (a style was opened or closed, a comment, an anchor, an unknown tag).
    Nothing,
    /// A line break (`<br>`).
    Break,
    /// Text to show dimmed (an image's alt text), sanitized.
    Alt(String),
}

/// The inline tags open in the current paragraph.
#[derive(Clone, Debug, Default)]
pub struct InlineHtml {
    open: Vec<(String, Inline)>,
}

/// The style an inline element gives its content (links are styled as links).
fn style_of(name: &str) -> Option<Inline> {
    Some(match name {
        "b" | "strong" => Inline::STRONG,
        "i" | "em" | "cite" | "dfn" | "var" => Inline::EMPHASIS,
        "u" | "ins" => Inline::UNDERLINE,
        "s" | "strike" | "del" => Inline::STRIKE,
        "code" | "tt" | "samp" => Inline::CODE,
        "kbd" => Inline::KBD,
        "sup" => Inline::SUPERSCRIPT,
        "sub" => Inline::SUBSCRIPT,
        "mark" => Inline::MARK,
        "a" => Inline::LINK,
        "small" | "span" | "font" | "abbr" => Inline::PLAIN,
        _ => return None,
    })
}

/// The value of attribute `name` in a raw tag (`name="v"`, `name='v'` or `name=v`).
fn attr(tag: &str, name: &str) -> Option<String> {
    let lower = tag.to_ascii_lowercase();
    let mut from = 0;
    while let Some(pos) = lower[from..].find(name).map(|p| p + from) {
        from = pos + name.len();
        let before_ok = lower[..pos].ends_with(|c: char| c.is_ascii_whitespace());
        let rest = lower[from..].trim_start();
        if !before_ok || !rest.starts_with('=') {
            continue;
        }
        let start = tag.len() - rest.len() + 1;
        let value = tag[start..].trim_start();
        let (value, end) = match value.chars().next() {
            Some(q @ ('"' | '\'')) => {
                let inner = &value[1..];
                (inner, inner.find(q).unwrap_or(inner.len()))
            }
            _ => (
                value,
                value
                    .find(|c: char| c.is_ascii_whitespace() || c == '>' || c == '/')
                    .unwrap_or(value.len()),
            ),
        };
        return Some(value[..end].to_string());
    }
    None
}

impl InlineHtml {
    /// The style of the text at this point (the union of the open tags' styles).
    #[must_use]
    pub fn style(&self) -> Inline {
        self.open
            .iter()
            .fold(Inline::PLAIN, |acc, (_, s)| acc.union(*s))
    }

    /// Forget every open tag (at the end of a paragraph).
    pub fn reset(&mut self) {
        self.open.clear();
    }

    /// Take one raw inline tag (or comment) and say what it does.
    pub fn tag(&mut self, raw: &str) -> TagAction {
        let raw = raw.trim();
        if !raw.starts_with('<') || raw.starts_with("<!") || raw.starts_with("<?") {
            return TagAction::Nothing;
        }
        let closing = raw.starts_with("</");
        let name: String = raw[if closing { 2 } else { 1 }..]
            .chars()
            .take_while(char::is_ascii_alphanumeric)
            .collect::<String>()
            .to_ascii_lowercase();
        match name.as_str() {
            "br" => return TagAction::Break,
            "img" if !closing => {
                let alt = attr(raw, "alt").unwrap_or_default();
                let alt = alt.split_whitespace().collect::<Vec<_>>().join(" ");
                return if alt.is_empty() {
                    TagAction::Nothing
                } else {
                    TagAction::Alt(sanitize_inline(&alt))
                };
            }
            _ => {}
        }
        let Some(style) = style_of(&name) else {
            return TagAction::Nothing;
        };
        let self_closing = raw.ends_with("/>");
        if closing {
            if let Some(at) = self.open.iter().rposition(|(n, _)| *n == name) {
                self.open.truncate(at);
            }
        } else if !self_closing {
            // `<a name=…>` and `<a id=…>` without a target are invisible anchors, not links.
            let style = if name == "a" && attr(raw, "href").is_none() {
                Inline::PLAIN
            } else {
                style
            };
            self.open.push((name, style));
        }
        TagAction::Nothing
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn styles_open_and_close() {
        let mut h = InlineHtml::default();
        assert_eq!(h.tag("<del>"), TagAction::Nothing);
        assert_eq!(h.style(), Inline::STRIKE);
        h.tag("<KBD>");
        assert_eq!(h.style(), Inline::STRIKE.union(Inline::KBD));
        h.tag("</kbd>");
        h.tag("</del>");
        assert_eq!(h.style(), Inline::PLAIN);
    }

    #[test]
    fn breaks_images_comments_and_anchors() {
        let mut h = InlineHtml::default();
        assert_eq!(h.tag("<br/>"), TagAction::Break);
        assert_eq!(h.tag("<!-- hidden -->"), TagAction::Nothing);
        assert_eq!(
            h.tag("<img src=x.png alt='build passing'>"),
            TagAction::Alt("build passing".into())
        );
        assert_eq!(h.tag("<img src=\"x.png\">"), TagAction::Nothing);
        h.tag("<a name=\"2.7.1\">");
        assert_eq!(h.style(), Inline::PLAIN);
        h.tag("</a>");
        h.tag("<a href=\"https://x\">");
        assert_eq!(h.style(), Inline::LINK);
        assert_eq!(h.tag("<foo bar>"), TagAction::Nothing);
    }
}
