//! The streaming renderer for pages too large for a tree: html5ever's tokenizer reads the page
//! in decoded chunks and its tokens drive the one [`Renderer`] directly, through a stack of open
//! elements ([`tree`]) that follows the HTML parsing rules a renderer can see. No tree is built:
//! memory stays near the size of the text shown.
//!
//! What a tree walk looks at beyond the element itself (a table's cells, a figure's caption) is
//! found by holding that element's tokens back a little ([`lookahead`]).

mod lookahead;
mod rules;
mod tree;

use std::cell::{Cell, RefCell};
use std::collections::VecDeque;

use encoding_rs::{CoderResult, Encoding};
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::states::RawKind;
use html5ever::tokenizer::{
    BufferQueue, EndTag, StartTag, Tag, Token, TokenSink, TokenSinkResult, Tokenizer, TokenizerOpts,
};

use super::render::{Context, Rendered, Renderer};
use lookahead::{Scan, Tok};
use rules::leaves_foreign;
use tree::Tree;

/// Bytes of the page decoded and tokenized at a time.
const CHUNK: usize = 64 << 10;

/// Most bytes of text joined before it goes to the tree.
const MAX_TEXT: usize = 64 << 10;

/// Tokens that scans may hold beyond four times the tokens read (see [`Reader::held`]).
const MAX_EXTRA_HELD: usize = 100_000;

/// Render a whole page given as bytes in `encoding`, without building a tree. Returns what
/// was rendered, the `<title>` (white space not yet collapsed), and whether bytes were invalid.
pub fn render_page(
    bytes: &[u8],
    encoding: &'static Encoding,
    cx: &Context<'_>,
) -> (Rendered, Option<String>, bool) {
    let sink = Sink {
        reader: RefCell::new(Reader {
            tree: Tree::new(Renderer::new(cx)),
            scan: None,
            queue: VecDeque::new(),
            read: 0,
            text: String::new(),
            held: 0,
        }),
        foreign: Cell::new(0),
    };
    let tokenizer = Tokenizer::new(sink, TokenizerOpts::default());
    let queue = BufferQueue::default();
    let mut decoder = encoding.new_decoder_with_bom_removal();
    let mut text = String::with_capacity(CHUNK * 3 + 16);
    let mut invalid = false;
    let mut chunks = bytes.chunks(CHUNK).peekable();
    while let Some(chunk) = chunks.next() {
        let last = chunks.peek().is_none();
        let mut input = chunk;
        loop {
            text.clear();
            let (result, read, replaced) = decoder.decode_to_string(input, &mut text, last);
            invalid |= replaced;
            input = &input[read..];
            if !text.is_empty() {
                queue.push_back(StrTendril::from_slice(&text));
                let _ = tokenizer.feed(&queue);
            }
            if result == CoderResult::InputEmpty {
                break;
            }
        }
    }
    tokenizer.end();
    let reader = tokenizer.sink.reader.into_inner();
    let (renderer, title) = reader.finish();
    (renderer.finish(), title, invalid)
}

/// Tokens on their way to the tree: held back while a table or figure is looked ahead into.
struct Reader<'c, 'r> {
    tree: Tree<'c, 'r>,
    scan: Option<Scan>,
    queue: VecDeque<Tok>,
    /// Tokens read from the page.
    read: usize,
    /// Text read and not yet given to the tree: a parser joins the text between two tags into
    /// one node (character references come as tokens of their own), and so does this.
    text: String,
    /// Tokens held back by every scan so far: nested figures and tables can hold the same
    /// tokens again, so this is kept within a few times `read` (past that, elements are drawn
    /// without looking ahead: tables as content, figures without a caption).
    held: usize,
}

impl<'c, 'r> Reader<'c, 'r> {
    fn feed(&mut self, tok: Tok) {
        self.read += 1;
        self.queue.push_back(tok);
        self.drain();
    }

    fn drain(&mut self) {
        while let Some(tok) = self.queue.pop_front() {
            if let Some(scan) = self.scan.as_mut() {
                self.held += 1;
                if let Some(answer) = scan.push(tok) {
                    self.replay(answer);
                }
                continue;
            }
            if let Tok::Text(text) = &tok {
                self.text.push_str(text);
                if self.text.len() < MAX_TEXT {
                    continue;
                }
            }
            self.flush_text();
            match tok {
                Tok::Start(tag, None) if self.may_look_ahead() => match Scan::start(tag) {
                    Ok(scan) => self.scan = Some(scan),
                    Err(tag) => self.tree.start(tag, None),
                },
                Tok::Start(tag, answer) => self.tree.start(tag, answer),
                Tok::End(name) => self.tree.end(&name),
                Tok::Text(_) | Tok::Comment => {}
            }
        }
    }

    /// The text joined so far goes to the tree.
    fn flush_text(&mut self) {
        if !self.text.is_empty() {
            self.tree.text(&self.text);
            self.text.clear();
        }
    }

    /// True when the next table or figure may be looked ahead into.
    fn may_look_ahead(&self) -> bool {
        !self.tree.skipping() && !self.tree.full() && self.held <= self.read * 4 + MAX_EXTRA_HELD
    }

    /// The scan is answered: its tokens go through again, the first one with the answer.
    fn replay(&mut self, answer: bool) {
        if let Some(scan) = self.scan.take() {
            for tok in scan.into_tokens(answer).into_iter().rev() {
                self.queue.push_front(tok);
            }
        }
    }

    fn finish(mut self) -> (Renderer<'c, 'r>, Option<String>) {
        while let Some(answer) = self.scan.as_ref().map(Scan::at_end) {
            self.replay(answer);
            self.drain();
        }
        self.flush_text();
        self.tree.finish()
    }
}

/// Receives the tokenizer's tokens; tells it which elements hold raw text.
struct Sink<'c, 'r> {
    reader: RefCell<Reader<'c, 'r>>,
    /// Open SVG and `MathML` elements (their `<style>` or `<title>` is not raw text).
    foreign: Cell<usize>,
}

impl Sink<'_, '_> {
    /// The tokenizer's state after this tag, as an HTML parser sets it.
    fn state_after(&self, tag: &Tag) -> TokenSinkResult<()> {
        let name = &*tag.name;
        if tag.kind == EndTag {
            if matches!(name, "svg" | "math") {
                self.foreign.set(self.foreign.get().saturating_sub(1));
            }
            return TokenSinkResult::Continue;
        }
        if matches!(name, "svg" | "math") {
            if !tag.self_closing {
                self.foreign.set(self.foreign.get() + 1);
            }
            return TokenSinkResult::Continue;
        }
        if self.foreign.get() > 0 {
            if !leaves_foreign(name) {
                return TokenSinkResult::Continue;
            }
            self.foreign.set(0);
        }
        match name {
            "script" => TokenSinkResult::RawData(RawKind::ScriptData),
            "style" | "xmp" | "iframe" | "noembed" | "noframes" => {
                TokenSinkResult::RawData(RawKind::Rawtext)
            }
            "title" | "textarea" => TokenSinkResult::RawData(RawKind::Rcdata),
            "plaintext" => TokenSinkResult::Plaintext,
            _ => TokenSinkResult::Continue,
        }
    }
}

impl TokenSink for Sink<'_, '_> {
    type Handle = ();

    fn process_token(&self, token: Token, _line: u64) -> TokenSinkResult<()> {
        let (tok, result) = match token {
            Token::TagToken(tag) => {
                let result = self.state_after(&tag);
                let tok = match tag.kind {
                    StartTag => Tok::Start(tag, None),
                    EndTag => Tok::End(tag.name),
                };
                (tok, result)
            }
            Token::CharacterTokens(text) => (Tok::Text(text), TokenSinkResult::Continue),
            Token::CommentToken(_) => (Tok::Comment, TokenSinkResult::Continue),
            _ => return TokenSinkResult::Continue,
        };
        self.reader.borrow_mut().feed(tok);
        result
    }

    fn adjusted_current_node_present_but_not_in_html_namespace(&self) -> bool {
        self.foreign.get() > 0
    }
}

#[cfg(test)]
mod tests;
