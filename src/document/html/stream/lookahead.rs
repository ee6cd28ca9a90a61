//! The two questions the renderer asks about what follows an element, answered for a token
//! stream by holding the element's tokens back until the answer is known: is a table a page
//! layout (as [`crate::document::html::table::is_layout`] decides on a tree), and does a figure
//! have a caption. The tokens held are bounded (by the same node counts the tree answers use, and
//! by bytes), so memory stays small whatever the page.

use html5ever::LocalName;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::Tag;

use super::super::element::FIGURE_SCAN;
use super::super::table::{MAX_CELL_TEXT, MAX_SCAN, marks_layout};

/// Most bytes of text and attributes held back; a table holding more is drawn as content.
const MAX_HELD_BYTES: usize = 1 << 20;

/// A token of the page, kept for the tree.
#[derive(Debug)]
pub enum Tok {
    /// A start tag, with the answer for a table (layout) or figure (caption) once known.
    Start(Tag, Option<bool>),
    /// An end tag.
    End(LocalName),
    /// Text (character references resolved).
    Text(StrTendril),
    /// A comment (not shown, but it separates the text around it, as in a tree).
    Comment,
}

/// What is being asked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Question {
    /// Is this table a page layout?
    Layout,
    /// Does this figure have a caption?
    Caption,
}

/// The tokens of one table or figure, held until its question is answered.
#[derive(Debug)]
pub struct Scan {
    question: Question,
    held: Vec<Tok>,
    nodes: usize,
    bytes: usize,
    cells: usize,
    /// Bytes of text in the open cell.
    cell_text: Option<usize>,
    /// Figures open inside the figure.
    depth: usize,
}

impl Scan {
    /// A scan for this start tag when it asks a question (`table`, `figure`).
    pub fn start(tag: Tag) -> Result<Self, Tag> {
        let question = match &*tag.name {
            "table" => Question::Layout,
            "figure" => Question::Caption,
            _ => return Err(tag),
        };
        Ok(Scan {
            question,
            held: vec![Tok::Start(tag, None)],
            nodes: 0,
            bytes: 0,
            cells: 0,
            cell_text: None,
            depth: 0,
        })
    }

    /// Hold the next token; the answer once it is known.
    pub fn push(&mut self, tok: Tok) -> Option<bool> {
        let answer = match self.question {
            Question::Layout => self.layout(&tok),
            Question::Caption => self.caption(&tok),
        };
        self.held.push(tok);
        answer
    }

    /// The answer at the end of the page.
    pub fn at_end(&self) -> bool {
        match self.question {
            Question::Layout => self.cells == 0,
            Question::Caption => false,
        }
    }

    /// The tokens held, the first one (the table or figure) carrying the answer.
    pub fn into_tokens(mut self, answer: bool) -> Vec<Tok> {
        if let Some(Tok::Start(_, slot)) = self.held.first_mut() {
            *slot = Some(answer);
        }
        self.held
    }

    /// Counts a node; true when too much is held to go on asking.
    fn count(&mut self, bytes: usize) -> bool {
        self.nodes += 1;
        self.bytes = self.bytes.saturating_add(bytes);
        self.bytes > MAX_HELD_BYTES
    }

    fn layout(&mut self, tok: &Tok) -> Option<bool> {
        match tok {
            Tok::Start(tag, _) => {
                if self.count(attr_bytes(tag)) || self.nodes > MAX_SCAN || marks_layout(&tag.name) {
                    return Some(true);
                }
                match &*tag.name {
                    "td" | "th" => {
                        self.cells += 1;
                        self.cell_text = Some(0);
                    }
                    "tr" => self.cell_text = None,
                    _ => {}
                }
            }
            Tok::End(name) => match &**name {
                "table" => return Some(self.cells == 0),
                "td" | "th" | "tr" => self.cell_text = None,
                _ => {}
            },
            Tok::Comment => {
                if self.count(0) || self.nodes > MAX_SCAN {
                    return Some(true);
                }
            }
            Tok::Text(text) => {
                if self.count(text.len()) || self.nodes > MAX_SCAN {
                    return Some(true);
                }
                if let Some(n) = self.cell_text.as_mut() {
                    *n += text.len();
                    if *n > MAX_CELL_TEXT {
                        return Some(true);
                    }
                }
            }
        }
        None
    }

    fn caption(&mut self, tok: &Tok) -> Option<bool> {
        let bytes = match tok {
            Tok::Start(tag, _) => attr_bytes(tag),
            Tok::Text(text) => text.len(),
            Tok::End(_) | Tok::Comment => 0,
        };
        if !matches!(tok, Tok::End(_)) && (self.count(bytes) || self.nodes > FIGURE_SCAN) {
            return Some(false);
        }
        match tok {
            Tok::Start(tag, _) if &*tag.name == "figcaption" => return Some(true),
            Tok::Start(tag, _) if &*tag.name == "figure" => self.depth += 1,
            Tok::End(name) if &**name == "figure" => {
                if self.depth == 0 {
                    return Some(false);
                }
                self.depth -= 1;
            }
            _ => {}
        }
        None
    }
}

fn attr_bytes(tag: &Tag) -> usize {
    tag.attrs.iter().map(|a| a.value.len()).sum()
}
