//! Tests of the outline against OUTLINE.md §5.

use super::*;
use crate::document::plain;

fn article() -> Document {
    plain::parse(crate::BUILTIN_ARTICLE, true)
}

#[test]
fn outline_debug_print() {
    let doc = article();
    let o = build(&doc);
    println!("{}", to_text(&o, &doc));
    for n in &o.nodes {
        println!("{:?}", n);
    }
}
