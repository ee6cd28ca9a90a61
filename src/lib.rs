//! lectern: a terminal reader for long-form articles.
//!
//! The library holds everything but argument parsing, so tests and benchmarks can drive it.

pub mod action;
pub mod app;
pub mod document;
pub mod keymap;
pub mod layout;
pub mod loader;
pub mod outline;
pub mod pager;
pub mod plain_output;
pub mod run;
pub mod search;
pub mod stopwords;
pub mod ui;

/// The built-in article, embedded at compile time.
pub const BUILTIN_ARTICLE: &str = include_str!("../assets/article.txt");

/// A file of the shared test corpus (`../shared/corpus/NAME` beside the repository), or `None`
/// with a note when it is absent, so tests that need it skip instead of failing.
#[cfg(test)]
pub(crate) fn test_corpus(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).ok();
    if bytes.is_none() {
        eprintln!("skipped: {path} is missing");
    }
    bytes
}
