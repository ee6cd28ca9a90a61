//! A forgiving walk over the XML files of an EPUB (container, package, NCX) with `quick-xml`:
//! element names without their namespace prefix, attribute values unescaped when possible,
//! text with the predefined and numeric entities resolved and unknown entities (`&nbsp;` …)
//! kept readable. DTD entities are never expanded. Malformed XML ends the walk early.

use quick_xml::Reader;
use quick_xml::events::{BytesStart, Event};

/// One XML event, simplified.
#[derive(Debug)]
pub enum Node {
    /// An element starts: its local name (lower case) and attributes (local names, lower case).
    Start {
        /// Local name.
        name: String,
        /// Attributes as (local name, value).
        attrs: Vec<(String, String)>,
    },
    /// An element ends (also sent right after the `Start` of an empty element).
    End(String),
    /// Character data.
    Text(String),
}

fn local(name: &[u8]) -> String {
    let name = name
        .iter()
        .rposition(|&b| b == b':')
        .map_or(name, |i| &name[i + 1..]);
    String::from_utf8_lossy(name).to_ascii_lowercase()
}

fn start(e: &BytesStart<'_>) -> Node {
    let attrs = e
        .attributes()
        .with_checks(false)
        .flatten()
        .map(|a| {
            let value = a
                .normalized_value(quick_xml::XmlVersion::Implicit1_0)
                .map_or_else(
                    |_| String::from_utf8_lossy(&a.value).into_owned(),
                    std::borrow::Cow::into_owned,
                );
            (local(a.key.as_ref()), value)
        })
        .collect();
    Node::Start {
        name: local(e.name().as_ref()),
        attrs,
    }
}

/// The character an entity name stands for, for the few that EPUB files use without declaring.
fn named_entity(name: &str) -> Option<&'static str> {
    Some(match name {
        "amp" => "&",
        "lt" => "<",
        "gt" => ">",
        "quot" => "\"",
        "apos" => "'",
        "nbsp" => "\u{a0}",
        "mdash" => "—",
        "ndash" => "–",
        "hellip" => "…",
        "rsquo" => "’",
        "lsquo" => "‘",
        "rdquo" => "”",
        "ldquo" => "“",
        "copy" => "©",
        _ => return None,
    })
}

/// Walk `text`, calling `f` for each node; returns false when the XML was malformed.
pub fn walk(text: &str, mut f: impl FnMut(Node)) -> bool {
    let mut reader = Reader::from_str(text);
    reader.config_mut().check_end_names = false;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => f(start(&e)),
            Ok(Event::Empty(e)) => {
                let node = start(&e);
                let name = match &node {
                    Node::Start { name, .. } => name.clone(),
                    _ => String::new(),
                };
                f(node);
                f(Node::End(name));
            }
            Ok(Event::End(e)) => f(Node::End(local(e.name().as_ref()))),
            Ok(Event::Text(t)) => f(Node::Text(String::from_utf8_lossy(&t).into_owned())),
            Ok(Event::CData(t)) => f(Node::Text(String::from_utf8_lossy(&t).into_owned())),
            Ok(Event::GeneralRef(r)) => {
                let resolved = match r.resolve_char_ref() {
                    Ok(Some(c)) => Some(c.to_string()),
                    _ => named_entity(&String::from_utf8_lossy(&r)).map(str::to_string),
                };
                let text = resolved.unwrap_or_else(|| format!("&{};", String::from_utf8_lossy(&r)));
                f(Node::Text(text));
            }
            Ok(Event::Eof) => return true,
            Ok(_) => {}
            Err(_) => return false,
        }
    }
}

/// The value of attribute `key` in an attribute list.
#[must_use]
pub fn attr<'a>(attrs: &'a [(String, String)], key: &str) -> Option<&'a str> {
    attrs
        .iter()
        .find(|(k, _)| k == key)
        .map(|(_, v)| v.as_str())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn entities_resolve_and_unknown_ones_stay_readable() {
        let mut text = String::new();
        let ok = walk("<a:t x='1'>A&amp;B&#65;&nbsp;&bogus;</a:t>", |n| {
            if let Node::Text(t) = n {
                text.push_str(&t);
            }
        });
        assert!(ok);
        assert_eq!(text, "A&BA\u{a0}&bogus;");
    }

    #[test]
    fn malformed_xml_stops_without_panic() {
        let mut starts = 0;
        let ok = walk("<a><b></a><<<", |n| {
            if matches!(n, Node::Start { .. }) {
                starts += 1;
            }
        });
        assert!(!ok || starts >= 2);
    }
}
