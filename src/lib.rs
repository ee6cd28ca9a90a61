//! lectern: a terminal reader for long-form articles.
//!
//! The library holds everything but argument parsing, so tests and benchmarks can drive it.
//! `docs/architecture.md` tells the whole story; in short, the data path is
//!
//! ```text
//! bytes ─ loader (thread): decode, sanitize, parse per format ─▶ blocks in batches, title
//!       ─ analysis (thread): outline and key terms ─▶ contents, terms
//!       ─ app: key table → actions → parts (content, viewport, side, search) → view
//!       ─ ui: widgets that only read the app ─▶ terminal (run)
//! ```
//!
//! Modules, one job each:
//! - [`document`]: the document model, the sanitizer, and the parsers (plain text, Markdown).
//! - [`loader`]: reads a file, pipe or the built-in article on its own thread, settles the title.
//! - [`limits`]: how much of a file (by free memory) or a pipe lectern reads.
//! - [`outline`]: the contents: headings, or sections derived from the paragraphs.
//! - [`analysis`]: the one background job that builds the outline and the key terms.
//! - [`search`]: queries, matches in text coordinates, key terms.
//! - [`layout`]: wrapping blocks to a width, cached per block.
//! - [`action`], [`keymap`], [`help`]: intents, the one key table for every mode, the help.
//! - [`app`]: the reader's state in parts; no I/O.
//! - [`geometry`]: where each panel goes, shared by updates and drawing.
//! - [`ui`]: one borrowing widget per panel.
//! - [`run`]: the terminal, threads, signals and the event loop.
//! - [`plain_output`]: the document as wrapped text when stdout is not a terminal.
//! - [`trace`]: start-up timestamps for `LECTERN_TRACE=FILE`.

pub mod action;
pub mod analysis;
pub mod app;
pub mod config;
pub mod document;
pub mod geometry;
pub mod help;
pub mod keymap;
pub mod layout;
pub mod limits;
pub mod loader;
pub mod nav;
pub mod outline;
pub mod pace;
pub mod pager;
pub mod plain_output;
pub mod run;
pub mod search;
pub mod state;
pub mod stopwords;
pub mod theme;
pub mod trace;
pub mod ui;
pub mod user_keys;

/// The built-in article, embedded at compile time.
pub const BUILTIN_ARTICLE: &str = include_str!("../assets/article.txt");

/// A file of the shared test corpus (`../shared/corpus/NAME` beside the repository). Absent,
/// it is `None` with a note so a developer without the corpus can run the rest; under CI
/// (`CI` set) a missing corpus fails the test instead of skipping it.
#[cfg(test)]
pub(crate) fn test_corpus(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    let bytes = std::fs::read(&path).ok();
    if bytes.is_none() {
        assert!(
            std::env::var_os("CI").is_none(),
            "{path} is missing under CI"
        );
        eprintln!("skipped: {path} is missing");
    }
    bytes
}
