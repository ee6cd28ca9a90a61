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
pub mod plain_output;
pub mod run;
pub mod search;
pub mod stopwords;
pub mod ui;

/// The built-in article, embedded at compile time.
pub const BUILTIN_ARTICLE: &str = include_str!("../assets/article.txt");
