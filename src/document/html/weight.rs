//! How much of a page would become a tree: the bytes outside scripts, styles and comments,
//! measured before parsing to choose between the tree (with article extraction) and the
//! streaming renderer. A parsed tree costs about eleven times its markup in memory, while a
//! script or style is one text node, about its own size.

/// The bytes of `page` outside `<script>`, `<style>` and comments (an estimate: tags are
/// found by their names, without parsing attributes).
#[must_use]
pub fn markup_bytes(page: &[u8]) -> usize {
    let mut skipped = 0;
    let mut i = 0;
    while let Some(lt) = find_byte(page, b'<', i) {
        let rest = &page[lt..];
        let end = if rest.starts_with(b"<!--") {
            find(page, b"-->", lt + 4).map_or(page.len(), |e| e + 3)
        } else if let Some(name) = raw_element(rest) {
            find_end_tag(page, name, lt + 1 + name.len()).unwrap_or(page.len())
        } else {
            i = lt + 1;
            continue;
        };
        skipped += end - lt;
        i = end;
    }
    page.len() - skipped
}

/// The name of the raw-text element (`script`, `style`) that `tag` starts, if it does.
fn raw_element(tag: &[u8]) -> Option<&'static [u8]> {
    [b"script".as_slice(), b"style".as_slice()]
        .into_iter()
        .find(|name| {
            tag.len() > name.len() + 1
                && tag[1..=name.len()].eq_ignore_ascii_case(name)
                && matches!(
                    tag[name.len() + 1],
                    b'>' | b'/' | b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'
                )
        })
}

/// One past the `</name …>` that ends a raw-text element, searched from `from`.
fn find_end_tag(page: &[u8], name: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(lt) = find(page, b"</", i) {
        let after = lt + 2 + name.len();
        if page
            .get(lt + 2..after)
            .is_some_and(|n| n.eq_ignore_ascii_case(name))
        {
            return Some(find_byte(page, b'>', after).map_or(page.len(), |e| e + 1));
        }
        i = lt + 2;
    }
    None
}

fn find_byte(hay: &[u8], needle: u8, from: usize) -> Option<usize> {
    hay.get(from..)?
        .iter()
        .position(|&b| b == needle)
        .map(|p| p + from)
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    let mut i = from;
    while let Some(at) = find_byte(hay, needle[0], i) {
        if hay[at..].starts_with(needle) {
            return Some(at);
        }
        i = at + 1;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn scripts_styles_and_comments_are_not_markup() {
        let page = b"<p>ab</p><script type=x>if (a</b) {}</SCRIPT ><!-- c --><style>p{}</style>";
        assert_eq!(markup_bytes(page), "<p>ab</p>".len());
        assert_eq!(markup_bytes(b"<scripts>x</scripts>"), 20);
        assert_eq!(markup_bytes(b"<p>x<script>never closed"), 4);
        assert_eq!(markup_bytes(b"<!-- never closed"), 0);
    }
}
