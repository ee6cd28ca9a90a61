//! Raw HTML inside Markdown: HTML blocks drawn by the one HTML renderer, inline tags turned
//! into styles, line breaks, dim alt text or nothing.

use pulldown_cmark::Event;

use super::{Builder, MAX_NESTING};
use crate::document::Inline;
use crate::document::html::inline::TagAction;

impl Builder {
    /// One inline HTML tag: a style, a line break, an image's alt text, or nothing visible.
    pub(super) fn inline_html(&mut self, raw: &str) {
        match self.html_inline.tag(raw) {
            TagAction::Nothing => {}
            TagAction::Break => self.event(Event::HardBreak),
            TagAction::Alt(alt) => self.push_clean(&alt, Inline::DIM),
        }
    }

    /// An HTML block, drawn by the HTML renderer; its blocks nest inside the current quote and
    /// list, and its first `<h1>` may name the document.
    pub(super) fn html_block(&mut self, raw: &str) {
        self.flush_inline();
        let rendered = crate::document::html::render_fragment(raw);
        if self.first_h1.is_none() {
            self.first_h1 = rendered.first_h1;
        }
        for mut block in rendered.blocks {
            let quote = block.quote_depth;
            let list = block.take_list();
            let mut block = self.place(block);
            block.quote_depth = block.quote_depth.saturating_add(quote).min(MAX_NESTING);
            if block.list().is_none() {
                block.set_list(list);
            }
            block.add_anchors(&mut self.anchors);
            self.blocks.push(block);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::super::parse;
    use crate::document::{BlockKind, Inline};

    #[test]
    fn raw_html_in_markdown_goes_through_the_html_renderer() {
        let src = "<h1 align=\"center\">lectern</h1>\n\n<p align=center><a href=\"https://ci\"><img alt=\"build\" src=\"b.svg\"></a></p>\n\n\
            <!-- a comment -->\n\nSay <kbd>q</kbd> to <del>leave</del> quit,<br>then <a name=\"x\"></a>go.\n\n\
            <script>alert(1)</script>\n\n<details>\n<summary>More</summary>\n\nInside.\n\n</details>\n";
        let doc = parse(src);
        assert_eq!(doc.title, "lectern");
        let texts: Vec<&str> = doc.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(texts.iter().all(|t| !t.contains('<')), "{texts:?}");
        assert_eq!(texts[0], "lectern");
        assert_eq!(doc.blocks[0].kind, BlockKind::Heading(1));
        assert_eq!(texts[1], "build");
        assert!(
            texts.contains(&"▸ More") && texts.contains(&"Inside."),
            "{texts:?}"
        );
        assert!(
            !texts
                .iter()
                .any(|t| t.contains("alert") || t.contains("comment"))
        );
        let para = doc
            .blocks
            .iter()
            .find(|b| b.text.starts_with("Say"))
            .expect("paragraph");
        assert_eq!(para.styled(Inline::KBD), ["q"]);
        assert_eq!(para.styled(Inline::STRIKE), ["leave"]);
        assert!(para.text.contains("quit,\nthen"), "{:?}", para.text);
    }
}
