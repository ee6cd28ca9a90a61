//! The open elements of a page read as a stream of tokens, kept as an HTML parser keeps them
//! (without building the tree): void elements, end tags left out (`p`, `li`, `dt`, `dd`, cells
//! and rows …), stray end tags, formatting elements carried over blocks, the head, and skipped
//! elements whose content is dropped up to their end. Every element opened and closed goes to
//! the one [`Renderer`], in document order, as a tree walk would give it.

use std::borrow::Cow;
use std::collections::HashMap;

use html5ever::LocalName;
use html5ever::tokenizer::{StartTag, Tag};

use super::super::depth::{MAX_SOURCE_DEPTH, is_void};
use super::super::element::{Element, FIGURE_LEVELS};
use super::super::render::{Frame, Renderer};
use super::rules::{
    Scope, closes_p, is_boundary, is_formatting, is_head_content, is_heading, is_integration,
    is_marker, is_special, is_table_part, leaves_foreign, reconstructs,
};

/// Most bytes of a `<title>` kept.
const MAX_TITLE: usize = 4096;
/// Most formatting elements waiting to be reopened.
const MAX_ACTIVE: usize = 64;

/// A start tag as an [`Element`], with the answers looked ahead for it.
struct TagRef<'a> {
    tag: &'a Tag,
    caption: bool,
    layout: bool,
}

impl Element for TagRef<'_> {
    fn name(&self) -> Option<Cow<'_, str>> {
        Some(Cow::Borrowed(&self.tag.name))
    }

    fn attr(&self, key: &str) -> Option<Cow<'_, str>> {
        self.tag
            .attrs
            .iter()
            .find(|a| &*a.name.local == key)
            .map(|a| Cow::Borrowed(&*a.value))
    }

    fn has_caption(&self) -> bool {
        self.caption
    }

    fn is_layout_table(&self) -> bool {
        self.layout
    }
}

/// An open element.
struct Open {
    name: LocalName,
    /// What the renderer opened (`None` when it skipped the element or inside a skipped one).
    frame: Option<Frame>,
    /// This element starts a skipped region.
    skip: bool,
    /// An SVG or `MathML` element.
    foreign: bool,
    /// For a figure: it has a caption.
    caption: bool,
    /// For a formatting element: its tag, to reopen it in the next block.
    tag: Option<Tag>,
    /// An HTML special element (see [`is_special`]).
    special: bool,
    /// The scopes it bounds, as bits (see [`scope_bit`]).
    scope: u8,
}

const DEFAULT: u8 = 1;
const LIST_ITEM: u8 = 2;
const BUTTON: u8 = 4;
const TABLE: u8 = 8;
const HEADINGS: [&str; 6] = ["h1", "h2", "h3", "h4", "h5", "h6"];

fn scope_bit(scope: Scope) -> u8 {
    match scope {
        Scope::Default => DEFAULT,
        Scope::ListItem => LIST_ITEM,
        Scope::Button => BUTTON,
        Scope::Table => TABLE,
    }
}

/// The scopes that an element of this name bounds.
fn scopes(name: &str) -> u8 {
    [Scope::Default, Scope::ListItem, Scope::Button, Scope::Table]
        .into_iter()
        .filter(|s| is_boundary(*s, name))
        .map(scope_bit)
        .fold(0, |a, b| a | b)
}

/// The open elements and the renderer they feed.
pub struct Tree<'c, 'r> {
    r: Renderer<'c, 'r>,
    stack: Vec<Open>,
    /// Open elements that start a skipped region.
    skipping: usize,
    /// Formatting elements closed by a block's end, reopened before the next text (`None` marks
    /// a cell's start: those outside it are not reopened inside).
    active: Vec<Option<Tag>>,
    /// How many elements of each name are open.
    open_names: HashMap<LocalName, usize>,
    /// Start tags dropped beyond the nesting cap, by name, waiting for their end tags.
    dropped: HashMap<LocalName, usize>,
    in_head: bool,
    title: Option<String>,
    in_title: bool,
}

impl<'c, 'r> Tree<'c, 'r> {
    /// An empty page, rendered by `r`.
    pub fn new(r: Renderer<'c, 'r>) -> Self {
        Tree {
            r,
            stack: Vec::new(),
            skipping: 0,
            active: Vec::new(),
            open_names: HashMap::new(),
            dropped: HashMap::new(),
            in_head: true,
            title: None,
            in_title: false,
        }
    }

    /// True inside an element whose content is not shown.
    pub fn skipping(&self) -> bool {
        self.skipping > 0
    }

    /// True when the open elements are at the nesting cap (deeper start tags are dropped).
    pub fn full(&self) -> bool {
        self.stack.len() >= MAX_SOURCE_DEPTH
    }

    /// The end of the page: every open element closes. Returns the renderer and the title.
    pub fn finish(mut self) -> (Renderer<'c, 'r>, Option<String>) {
        self.pop_to(0);
        (self.r, self.title)
    }

    /// A start tag, with the answer looked ahead for a table or figure.
    pub fn start(&mut self, mut tag: Tag, answer: Option<bool>) {
        match &*tag.name {
            "html" | "head" => return,
            "body" | "frameset" => self.in_head = false,
            name if self.in_head && !is_head_content(name) => self.in_head = false,
            _ => {}
        }
        if &*tag.name == "body" {
            return;
        }
        let foreign = self.in_foreign() && !leaves_foreign(&tag.name);
        if self.in_foreign() && !foreign {
            self.leave_foreign();
        }
        if !foreign && &*tag.name == "image" {
            tag.name = LocalName::from("img");
        }
        if !foreign {
            if !self.close_before(&tag.name) {
                return;
            }
            if reconstructs(&tag.name) {
                self.reconstruct();
            }
        }
        let void = is_void(&tag.name) || (foreign && tag.self_closing);
        if self.stack.len() >= MAX_SOURCE_DEPTH && !void {
            *self.dropped.entry(tag.name).or_default() += 1;
            return;
        }
        self.open(tag, answer);
    }

    /// An end tag.
    pub fn end(&mut self, name: &LocalName) {
        if let Some(n) = self.dropped.get_mut(name).filter(|n| **n > 0) {
            *n -= 1;
            return;
        }
        let found = match &**name {
            "html" | "head" | "body" => return,
            "br" => {
                self.reconstruct();
                self.open(synthetic("br"), None);
                return;
            }
            "p" => {
                let found = self.in_scope(Scope::Button, &["p"]);
                if found.is_none() {
                    // A stray `</p>` is an empty paragraph: it ends the running text.
                    self.open(synthetic("p"), None);
                    self.pop_to(self.stack.len() - 1);
                    return;
                }
                found
            }
            n if is_formatting(n) => return self.close_formatting(name),
            "li" => self.in_scope(Scope::ListItem, &["li"]),
            n if is_heading(n) => self.in_scope(Scope::Default, &HEADINGS),
            n if is_table_part(n) || n == "table" => self.in_scope(Scope::Table, &[n]),
            n if is_special(n) => self.in_scope(Scope::Default, &[n]),
            _ if !self.is_open(name) => None,
            n => self
                .stack
                .iter()
                .rposition(|e| e.name == *name || e.special)
                .filter(|&i| &*self.stack[i].name == n),
        };
        if let Some(i) = found {
            self.pop_to(i);
        }
    }

    /// Text.
    pub fn text(&mut self, text: &str) {
        if self.in_title {
            if let Some(title) = self.title.as_mut() {
                let room = MAX_TITLE.saturating_sub(title.len());
                let mut cut = room.min(text.len());
                while !text.is_char_boundary(cut) {
                    cut -= 1;
                }
                title.push_str(&text[..cut]);
            }
        }
        if self.skipping() {
            return;
        }
        let blank = text
            .chars()
            .all(|c| matches!(c, ' ' | '\t' | '\n' | '\r' | '\u{c}'));
        if self.in_head {
            if blank {
                return;
            }
            self.in_head = false;
        }
        self.reconstruct();
        self.r.on_text(text);
        let in_table = self
            .stack
            .last()
            .is_some_and(|e| matches!(&*e.name, "table" | "tbody" | "thead" | "tfoot" | "tr"));
        if in_table && !blank {
            // Text between a table's rows is shown before the table (a parser moves it there).
            self.r.boundary();
        }
    }

    fn in_foreign(&self) -> bool {
        self.stack
            .last()
            .is_some_and(|e| e.foreign && !is_integration(&e.name))
    }

    /// An HTML element inside SVG or `MathML` closes the foreign elements.
    fn leave_foreign(&mut self) {
        let at = self
            .stack
            .iter()
            .rposition(|e| !e.foreign || is_integration(&e.name))
            .map_or(0, |i| i + 1);
        self.pop_to(at);
    }

    /// The open elements a start tag closes (end tags left out). False when the tag is ignored.
    fn close_before(&mut self, name: &str) -> bool {
        match name {
            "li" => self.close_item(&["li"]),
            "dd" | "dt" => self.close_item(&["dd", "dt"]),
            _ => {}
        }
        if closes_p(name) {
            if let Some(i) = self.in_scope(Scope::Button, &["p"]) {
                self.pop_to(i);
            }
        }
        let top = self.stack.last().map(|e| e.name.clone());
        let top = top.as_deref().unwrap_or_default();
        match name {
            _ if is_heading(name) && is_heading(top) => self.pop_to(self.stack.len() - 1),
            "a" => {
                let open = self.in_scope(Scope::Default, &["a"]);
                if let Some(i) = open {
                    let e = self.remove(i);
                    self.leave(&e);
                }
                let from = self.marker();
                if let Some(j) = self.active[from..]
                    .iter()
                    .rposition(|t| t.as_ref().is_some_and(|t| &*t.name == "a"))
                {
                    self.active.remove(from + j);
                }
            }
            "option" | "optgroup" if top == "option" => self.pop_to(self.stack.len() - 1),
            "optgroup" if top == "optgroup" => self.pop_to(self.stack.len() - 1),
            "rb" | "rtc" | "rt" | "rp" => {
                let ends: &[&str] = if matches!(name, "rb" | "rtc") {
                    &["rb", "rt", "rp", "rtc"]
                } else {
                    &["rb", "rt", "rp"]
                };
                while self.stack.last().is_some_and(|e| ends.contains(&&*e.name)) {
                    self.pop_to(self.stack.len() - 1);
                }
            }
            _ if is_table_part(name) => return self.close_in_table(name),
            _ => {}
        }
        true
    }

    /// A new list item closes the open one (`li`, or `dd`/`dt`).
    fn close_item(&mut self, names: &[&str]) {
        if !names.iter().any(|n| self.is_open(n)) {
            return;
        }
        for i in (0..self.stack.len()).rev() {
            let e = &self.stack[i];
            if names.contains(&&*e.name) {
                self.pop_to(i);
                return;
            }
            if e.special && !matches!(&*e.name, "address" | "div" | "p") {
                return;
            }
        }
    }

    /// Table parts close what is open inside the table up to their place; a cell outside a row
    /// opens one. Outside any table they are ignored.
    fn close_in_table(&mut self, name: &str) -> bool {
        let parents: &[&str] = match name {
            "tr" => &["tbody", "thead", "tfoot", "table"],
            "td" | "th" => &["tr", "tbody", "thead", "tfoot", "table"],
            _ => &["table"],
        };
        if !self.is_open("table") {
            return false;
        }
        let Some(i) = self
            .stack
            .iter()
            .rposition(|e| parents.contains(&&*e.name) || e.scope & TABLE != 0)
            .filter(|&i| parents.contains(&&*self.stack[i].name))
        else {
            return false;
        };
        self.pop_to(i + 1);
        if matches!(name, "td" | "th") && &*self.stack[i].name != "tr" {
            self.open(synthetic("tr"), None);
        }
        true
    }

    /// The index of the nearest open element `is` accepts, unless a boundary of `scope` is
    /// nearer.
    fn in_scope(&self, scope: Scope, names: &[&str]) -> Option<usize> {
        if !names.iter().any(|n| self.is_open(n)) {
            return None;
        }
        let bit = scope_bit(scope);
        for (i, e) in self.stack.iter().enumerate().rev() {
            if names.contains(&&*e.name) {
                return Some(i);
            }
            if e.scope & bit != 0 {
                return None;
            }
        }
        None
    }

    /// True when an element of this name is open.
    fn is_open(&self, name: &str) -> bool {
        self.open_names
            .get(&LocalName::from(name))
            .is_some_and(|n| *n > 0)
    }

    /// Take the open element at `i` off the stack.
    fn remove(&mut self, i: usize) -> Open {
        let e = self.stack.remove(i);
        self.forget(&e.name);
        e
    }

    fn forget(&mut self, name: &LocalName) {
        if let Some(n) = self.open_names.get_mut(name) {
            *n = n.saturating_sub(1);
        }
    }

    /// An end tag of a formatting element: closes it, and with it what opened inside it unless
    /// a block did (then the formatting element alone ends, the block goes on).
    fn close_formatting(&mut self, name: &LocalName) {
        let Some(i) = self.in_scope(Scope::Default, &[name]) else {
            let from = self.marker();
            if let Some(j) = self.active[from..]
                .iter()
                .rposition(|t| t.as_ref().is_some_and(|t| t.name == *name))
            {
                self.active.remove(from + j);
            }
            return;
        };
        if self.stack[i + 1..].iter().any(|e| e.special) {
            let e = self.remove(i);
            self.leave(&e);
        } else {
            self.pop_to(i);
        }
    }

    /// Enter an element (given to the renderer unless inside a skipped one).
    fn open(&mut self, tag: Tag, answer: Option<bool>) {
        let name = tag.name.clone();
        let foreign = matches!(&*name, "svg" | "math") || self.in_foreign();
        let void = is_void(&name) || (foreign && tag.self_closing);
        let frame = if self.skipping() {
            None
        } else {
            let caption = if &*name == "img" {
                self.figure_has_caption()
            } else {
                answer.unwrap_or(false)
            };
            let el = TagRef {
                tag: &tag,
                caption,
                layout: answer.unwrap_or(true),
            };
            self.r.open(&el)
        };
        if void {
            if let Some(frame) = frame {
                self.r.close(frame);
            }
            return;
        }
        if &*name == "title" && self.in_head && self.title.is_none() && !foreign {
            self.title = Some(String::new());
            self.in_title = true;
        }
        let skip = !self.skipping() && frame.is_none();
        self.skipping += usize::from(skip);
        if is_marker(&name) {
            self.active.push(None);
        }
        *self.open_names.entry(name.clone()).or_default() += 1;
        self.stack.push(Open {
            special: is_special(&name) && !foreign,
            scope: scopes(&name),
            frame,
            skip,
            foreign,
            caption: &*name == "figure" && answer == Some(true),
            tag: is_formatting(&name).then_some(tag),
            name,
        });
    }

    /// True when the image about to open sits in a captioned figure a few levels up.
    fn figure_has_caption(&self) -> bool {
        self.stack
            .iter()
            .rev()
            .take(FIGURE_LEVELS)
            .find(|e| &*e.name == "figure")
            .is_some_and(|e| e.caption)
    }

    /// Close the open elements from the top down to index `at` (included). The formatting
    /// elements above `at` are reopened in the next block.
    fn pop_to(&mut self, at: usize) {
        let mut carried = Vec::new();
        while self.stack.len() > at {
            let Some(mut e) = self.stack.pop() else {
                break;
            };
            self.forget(&e.name);
            if is_marker(&e.name) {
                // Formatting elements inside a cell end with it.
                carried.clear();
            }
            if self.stack.len() > at {
                carried.extend(e.tag.take());
            }
            self.leave(&e);
        }
        for tag in carried.into_iter().rev() {
            self.carry(tag);
        }
    }

    /// An element is closed.
    fn leave(&mut self, e: &Open) {
        if let Some(frame) = e.frame {
            self.r.close(frame);
        }
        if e.skip {
            self.skipping -= 1;
        }
        if &*e.name == "title" {
            self.in_title = false;
        }
        if is_marker(&e.name) {
            if let Some(m) = self.active.iter().rposition(Option::is_none) {
                self.active.truncate(m);
            }
        }
    }

    /// Index just after the last cell marker in the formatting elements to reopen.
    fn marker(&self) -> usize {
        self.active
            .iter()
            .rposition(Option::is_none)
            .map_or(0, |m| m + 1)
    }

    /// A formatting element to reopen in the next block (at most three of a name, as parsers do).
    fn carry(&mut self, tag: Tag) {
        let from = self.marker();
        let same: Vec<usize> = (from..self.active.len())
            .filter(|&i| self.active[i].as_ref().is_some_and(|t| t.name == tag.name))
            .collect();
        if same.len() >= 3 {
            self.active.remove(same[0]);
        }
        if self.active.len() >= MAX_ACTIVE {
            if let Some(oldest) = self.active.iter().position(Option::is_some) {
                self.active.remove(oldest);
            }
        }
        self.active.push(Some(tag));
    }

    /// Reopen the formatting elements that a block's end closed.
    fn reconstruct(&mut self) {
        if self.skipping() || self.active.last().is_none_or(Option::is_none) {
            return;
        }
        let from = self.marker();
        let tags: Vec<Tag> = self.active.drain(from..).flatten().collect();
        for tag in tags {
            if self.stack.len() < MAX_SOURCE_DEPTH {
                self.open(tag, None);
            }
        }
    }
}

/// A start tag without attributes, for an element that the markup implies.
fn synthetic(name: &str) -> Tag {
    Tag {
        kind: StartTag,
        name: LocalName::from(name),
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    }
}
