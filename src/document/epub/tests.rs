//! Unit tests of EPUB reading on small books built here.

use super::*;

#[test]
fn self_closing_tags_are_expanded() {
    assert_eq!(
        expand_self_closing("<p>a<a id=\"x\"/>b<br/><div class='a/>'/></p>"),
        "<p>a<a id=\"x\"></a>b<br/><div class='a/>'></div></p>"
    );
}
