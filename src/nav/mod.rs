//! Ways back to a place: the jump list (`Ctrl-o` and forward, `''`), link-hint labels, sentence
//! steps for the selection, and the OSC 52 clipboard sequence. Pure data, no I/O.

pub mod clipboard;
pub mod hints;
pub mod jumps;
pub mod sentences;
