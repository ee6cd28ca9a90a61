//! A cap on element nesting, applied to the source before parsing: the HTML tree builder checks
//! its stack of open elements for every tag, so a page nested 100,000 deep would take quadratic
//! time. Start tags beyond [`MAX_SOURCE_DEPTH`] open elements (and their end tags) are dropped;
//! their text stays. Elements whose end tag may be left out (`p`, `li`, `td` …) and void
//! elements are not counted, so ordinary sloppy pages are never touched.

use std::borrow::Cow;

/// Most nested elements kept.
pub const MAX_SOURCE_DEPTH: usize = 512;

/// Elements that never have content.
pub(super) fn is_void(name: &str) -> bool {
    matches!(
        name,
        "area"
            | "base"
            | "br"
            | "col"
            | "embed"
            | "hr"
            | "img"
            | "input"
            | "link"
            | "meta"
            | "param"
            | "source"
            | "track"
            | "wbr"
            | "keygen"
            | "image"
            | "basefont"
            | "bgsound"
            | "frame"
    )
}

/// Elements whose end tag is optional (the parser closes them implicitly), or that the parser
/// hoists (`html`, `head`, `body`): not counted.
fn is_implied(name: &str) -> bool {
    matches!(
        name,
        "p" | "li"
            | "dt"
            | "dd"
            | "tr"
            | "td"
            | "th"
            | "option"
            | "optgroup"
            | "rb"
            | "rt"
            | "rp"
            | "rtc"
            | "tbody"
            | "thead"
            | "tfoot"
            | "colgroup"
            | "caption"
            | "html"
            | "head"
            | "body"
    )
}

/// Elements whose content is raw text up to their end tag.
fn is_raw(name: &str) -> bool {
    matches!(
        name,
        "script" | "style" | "textarea" | "title" | "xmp" | "iframe" | "noembed" | "noframes"
    )
}

/// The source with start tags beyond [`MAX_SOURCE_DEPTH`] (and their end tags) removed.
#[must_use]
pub fn cap_nesting(text: &str) -> Cow<'_, str> {
    cap_nesting_at(text, MAX_SOURCE_DEPTH)
}

/// [`cap_nesting`] with a given limit.
#[must_use]
pub fn cap_nesting_at(text: &str, max: usize) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    let mut out: Option<String> = None;
    let mut copied = 0;
    let mut depth = 0usize;
    // Dropped start tags not yet matched by an end tag, per name.
    let mut dropped: Vec<String> = Vec::new();
    let mut i = 0;
    while let Some(lt) = memchr(b'<', bytes, i) {
        let rest = &text[lt..];
        if rest.starts_with("<!--") {
            i = rest.find("-->").map_or(bytes.len(), |e| lt + e + 3);
            continue;
        }
        let closing = rest.starts_with("</");
        let name_start = lt + if closing { 2 } else { 1 };
        let name_end = text[name_start..]
            .find(|c: char| !(c.is_ascii_alphanumeric() || c == '-' || c == ':'))
            .map_or(text.len(), |p| p + name_start);
        if name_end == name_start {
            i = lt + 1;
            continue;
        }
        let end = tag_end(bytes, name_end);
        let name = text[name_start..name_end].to_ascii_lowercase();
        let self_closing = end > 1 && bytes[end - 2] == b'/';
        i = end;
        if is_void(&name) || is_implied(&name) {
            continue;
        }
        if closing {
            if let Some(at) = dropped.iter().rposition(|d| *d == name) {
                dropped.remove(at);
                let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
                o.push_str(&text[copied..lt]);
                copied = end;
            } else {
                depth = depth.saturating_sub(1);
            }
            continue;
        }
        if is_raw(&name) {
            let close = format!("</{name}");
            i = find_ci(text, &close, end).unwrap_or(bytes.len());
            continue;
        }
        if self_closing {
            continue;
        }
        if depth >= max {
            let o = out.get_or_insert_with(|| String::with_capacity(text.len()));
            o.push_str(&text[copied..lt]);
            copied = end;
            dropped.push(name);
        } else {
            depth += 1;
        }
    }
    match out {
        Some(mut o) => {
            o.push_str(&text[copied..]);
            Cow::Owned(o)
        }
        None => Cow::Borrowed(text),
    }
}

/// One past the `>` that ends the tag whose name ends at `from`, skipping quoted values.
fn tag_end(bytes: &[u8], from: usize) -> usize {
    let mut quote = None;
    let mut j = from;
    while j < bytes.len() {
        match (quote, bytes[j]) {
            (None, b'"' | b'\'') => quote = Some(bytes[j]),
            (Some(q), b) if b == q => quote = None,
            (None, b'>') => return j + 1,
            _ => {}
        }
        j += 1;
    }
    bytes.len()
}

fn memchr(needle: u8, hay: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

/// Find `needle` (ASCII) case-insensitively from `from`.
fn find_ci(text: &str, needle: &str, from: usize) -> Option<usize> {
    let hay = text.as_bytes().get(from..)?;
    let n = needle.as_bytes();
    hay.windows(n.len())
        .position(|w| w.eq_ignore_ascii_case(n))
        .map(|p| p + from)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shallow_pages_are_untouched() {
        let page = "<div><p>one<p>two<ul><li>a<li>b</ul><script>if (a<b) {}</script></div>";
        assert!(matches!(cap_nesting_at(page, 3), Cow::Borrowed(_)));
    }

    #[test]
    fn deep_tags_are_dropped_with_their_end_tags() {
        let page = "<div><div><div><div>x</div>y</div>z</div>w</div>";
        assert_eq!(cap_nesting_at(page, 2), "<div><div>xyz</div>w</div>",);
        let unclosed = "<b><i><u><s>text";
        assert_eq!(cap_nesting_at(unclosed, 2), "<b><i>text");
    }

    #[test]
    fn comments_and_quoted_brackets_are_skipped() {
        let page = "<div title='a>b'><!-- <div><div> --><div>x</div></div>";
        assert!(matches!(cap_nesting_at(page, 2), Cow::Borrowed(_)));
    }
}
