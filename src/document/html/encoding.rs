//! The character encoding of an HTML or XHTML file: a byte order mark, else the charset that
//! `<meta charset>`, `<meta http-equiv=content-type>` or the XML declaration names, else UTF-8;
//! decoded with `encoding_rs`.

use std::borrow::Cow;

use encoding_rs::{Encoding, UTF_8};

use crate::document::sanitize::sanitize_inline;

/// Bytes looked at for a charset declaration.
const PRESCAN: usize = 4096;

/// Decode `bytes`; the notice says when the declared charset was unknown or bytes were invalid.
#[must_use]
pub fn decode(bytes: &[u8]) -> (Cow<'_, str>, Vec<String>) {
    let (encoding, mut notices) = detect(bytes);
    let (text, _, had_errors) = encoding.decode(bytes);
    if had_errors {
        notices.push(invalid_notice(encoding));
    }
    (text, notices)
}

/// The page's encoding (see the module); the notice says when the declared charset was unknown.
#[must_use]
pub fn detect(bytes: &[u8]) -> (&'static Encoding, Vec<String>) {
    let mut notices = Vec::new();
    let encoding = match Encoding::for_bom(bytes) {
        Some((enc, _)) => enc,
        None => match declared(bytes) {
            Some(label) => match Encoding::for_label(label.as_bytes()) {
                // A page cannot really be UTF-16 when its declaration was readable as ASCII.
                Some(enc) if enc == encoding_rs::UTF_16LE || enc == encoding_rs::UTF_16BE => UTF_8,
                Some(enc) => enc,
                None => {
                    notices.push(format!(
                        "unknown charset “{}”: read as UTF-8",
                        sanitize_inline(&label)
                    ));
                    UTF_8
                }
            },
            None => UTF_8,
        },
    };
    (encoding, notices)
}

/// The notice for bytes that are invalid in `encoding`.
#[must_use]
pub fn invalid_notice(encoding: &'static Encoding) -> String {
    format!("invalid {} replaced by �", encoding.name())
}

/// The charset label declared in the first [`PRESCAN`] bytes.
fn declared(bytes: &[u8]) -> Option<String> {
    let head = &bytes[..bytes.len().min(PRESCAN)];
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    if lower.starts_with(b"<?xml") {
        let end = find(&lower, b"?>", 0).unwrap_or(lower.len());
        if let Some(at) = find(&lower[..end], b"encoding", 0) {
            return value_after(&lower[..end], at + b"encoding".len());
        }
    }
    let mut from = 0;
    while let Some(at) = find(&lower, b"<meta", from) {
        let end = find(&lower, b">", at).unwrap_or(lower.len());
        let tag = &lower[at..end];
        if let Some(c) = find(tag, b"charset", 0) {
            if let Some(label) = value_after(tag, c + b"charset".len()) {
                return Some(label);
            }
        }
        from = end;
    }
    None
}

/// The value after `name` at `at`: `= "value"`, `='value'` or `=value`.
fn value_after(tag: &[u8], at: usize) -> Option<String> {
    let rest = tag.get(at..)?;
    let rest = trim_start(rest);
    let rest = trim_start(rest.strip_prefix(b"=")?);
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let end = rest
        .iter()
        .position(|b| matches!(b, b'"' | b'\'' | b' ' | b';' | b'>' | b'/' | b'\t' | b'\n'))
        .unwrap_or(rest.len());
    let label = String::from_utf8_lossy(&rest[..end]).trim().to_string();
    (!label.is_empty()).then_some(label)
}

fn trim_start(mut s: &[u8]) -> &[u8] {
    while let [first, rest @ ..] = s {
        if !first.is_ascii_whitespace() {
            break;
        }
        s = rest;
    }
    s
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meta_charset_is_decoded() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><body>caf\xe9</body>";
        let (text, notices) = decode(page);
        assert!(text.contains("café"), "{text}");
        assert!(notices.is_empty());
    }

    #[test]
    fn http_equiv_and_xml_declarations_are_read() {
        let page = b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-7'>\xe1";
        assert!(decode(page).0.ends_with('α'));
        let xml = b"<?xml version='1.0' encoding='koi8-r'?><p>\xc1</p>";
        assert!(decode(xml).0.contains('а'));
    }

    #[test]
    fn unknown_charset_reads_as_utf8_with_a_notice() {
        let (text, notices) = decode("<meta charset=klingon>ok ✓".as_bytes());
        assert!(text.contains('✓'));
        assert_eq!(notices.len(), 1, "{notices:?}");
        assert!(notices[0].contains("klingon"));
    }

    #[test]
    fn a_bom_wins_over_the_declaration() {
        let mut page = vec![0xFF, 0xFE];
        for unit in "<meta charset=latin1>é".encode_utf16() {
            page.extend_from_slice(&unit.to_le_bytes());
        }
        let (text, _) = decode(&page);
        assert!(text.ends_with('é'), "{text}");
    }
}
