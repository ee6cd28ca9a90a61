//! The one analysis job: the body found once, then the outline and the key terms with the
//! same settings in the program, the tests and the benchmarks.

use crate::document::Document;
use crate::outline::{self, Outline, Params};
use crate::search::{Term, terms};

/// How many key terms the side panel lists.
pub const KEY_TERMS: usize = 60;

/// The outline and key terms of a document.
#[derive(Clone, Debug, Default)]
pub struct Analysis {
    /// The contents.
    pub outline: Outline,
    /// The key terms, best first.
    pub terms: Vec<Term>,
}

/// Analyse a document, handing over the outline as soon as it is ready (the key terms take
/// longer); `outline_ready` returns false to stop early. Returns the terms, or `None` when
/// stopped.
pub fn run(doc: &Document, mut outline_ready: impl FnMut(Outline) -> bool) -> Option<Vec<Term>> {
    let body = outline::body(doc);
    let skip = body.skip.clone();
    if !outline_ready(outline::build_from(doc, &Params::default(), body)) {
        return None;
    }
    Some(terms::key_terms_in(doc, &skip, KEY_TERMS))
}

/// Analyse a document at once.
#[must_use]
pub fn analyze(doc: &Document) -> Analysis {
    let mut out = Analysis::default();
    out.terms = run(doc, |o| {
        out.outline = o;
        true
    })
    .unwrap_or_default();
    out
}
