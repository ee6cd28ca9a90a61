//! A block of the document: its kind, its sanitized text with styled runs, and what fewer
//! blocks have (links, anchors, list item, table, callout, language) kept aside in `Extras`.

use std::ops::Range;

use super::{Inline, StyleRun, Text};

/// A link inside a block: the byte range of its text and where it points.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    /// Byte range of the link text in [`Block::text`].
    pub byte_range: Range<usize>,
    /// The target as written (`#anchor`, `chapter2.xhtml#note1`, `https://…`), sanitized.
    pub target: String,
}

/// A list item marker and nesting depth.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ListItem {
    /// Nesting depth, 0 for a top-level list.
    pub depth: u8,
    /// The marker shown before the first line: `•`, `1.`, `☐`, `☑` …; empty on the later
    /// blocks of an item (they are indented under the item's text).
    pub marker: String,
    /// True for the items of a loose list (a blank line between its items in the source):
    /// its items are spaced apart like paragraphs. Tight lists are drawn without gaps.
    pub loose: bool,
    /// True on the first block of a list's first item: a new list, set apart from a list just
    /// before it.
    pub first: bool,
}

/// The kind of a GitHub alert (`> [!NOTE]` …): a block quote drawn as a titled callout.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Callout {
    /// `[!NOTE]`
    Note,
    /// `[!TIP]`
    Tip,
    /// `[!IMPORTANT]`
    Important,
    /// `[!WARNING]`
    Warning,
    /// `[!CAUTION]`
    Caution,
}

impl Callout {
    /// The title shown on the callout's first line.
    #[must_use]
    pub const fn title(self) -> &'static str {
        match self {
            Self::Note => "Note",
            Self::Tip => "Tip",
            Self::Important => "Important",
            Self::Warning => "Warning",
            Self::Caution => "Caution",
        }
    }
}

/// Horizontal alignment of a table column.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Align {
    /// Left (the default).
    #[default]
    Left,
    /// Centred.
    Center,
    /// Right.
    Right,
}

/// The cells of a [`BlockKind::Table`] block. The block's text holds every cell's text in
/// reading order, each cell followed by `\n` (so search finds words in cells and every cell has
/// a byte of its own); the layout (`layout::table`) arranges them at the reading width.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Table {
    /// Alignment of each column; a row may have fewer cells than columns.
    pub aligns: Vec<Align>,
    /// Byte ranges of the cells' text in [`Block::text`], row by row (terminator excluded).
    pub rows: Vec<Vec<Range<usize>>>,
    /// How many of the first rows are header rows (0 or 1 for Markdown).
    pub header_rows: usize,
}

impl Table {
    /// Number of columns: the widest row or the alignment row, whichever is wider.
    #[must_use]
    pub fn columns(&self) -> usize {
        self.rows
            .iter()
            .map(Vec::len)
            .max()
            .unwrap_or(0)
            .max(self.aligns.len())
    }
}

/// What kind of block this is; decides how it is laid out and styled.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum BlockKind {
    /// The document title (from the article `date` line, a Markdown front matter or the file name).
    Title,
    /// A line of metadata under the title, such as the date.
    Meta,
    /// A body paragraph (reflowed to the width).
    Paragraph,
    /// A heading of level 1 (largest) to 6.
    Heading(u8),
    /// Preformatted text: its lines are kept, never reflowed (long lines break at the width).
    Code,
    /// Plain text whose line layout matters (aligned columns, box drawings, verse): its lines
    /// are kept like code but drawn as body text.
    Verbatim,
    /// A table: its cells are in [`Block::table`], laid out at the reading width.
    Table,
    /// A thematic break (horizontal rule); its text is empty.
    Rule,
}

/// One block of the document: a paragraph, heading, code block, …
///
/// A long log or diff makes a block every few lines, so the record is kept small: what most
/// blocks lack (links, anchors, a list item, table cells, a callout, a code language) lives in
/// one boxed [`Extras`], read through the accessors ([`Block::links`], …) and written through
/// [`Block::extras_mut`].
#[derive(Clone, Debug)]
pub struct Block {
    /// Sanitized text. Code uses `\n` between lines, tables after every cell (see [`Table`]);
    /// in paragraphs and headings a `\n` is a hard line break. A range of a chunk shared with
    /// the other blocks of its batch (see [`super::text`]).
    pub text: Text,
    /// Styled runs and extras; `None` for a plain block (most paragraphs of a plain text).
    styling: Option<Box<Styling>>,
    /// Number of source lines the block came from (plain text heading detection uses it).
    pub source_lines: u32,
    /// How to lay it out.
    pub kind: BlockKind,
    /// Block-quote depth (0 outside quotes).
    pub quote_depth: u8,
    /// True when this block continues the previous one (an overlong paragraph split for speed):
    /// no gap line is drawn between them.
    pub continues: bool,
}

// A long plain text holds a block per paragraph: keep the record at 32 bytes.
const _: () = assert!(std::mem::size_of::<Block>() == 32);

/// What a styled block has beyond its text, boxed apart so that a plain block stays 32 bytes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
struct Styling {
    /// Styled runs, sorted by start, non-overlapping; text outside every run is plain. Boxed
    /// (no spare capacity): runs are set whole, once.
    runs: Box<[StyleRun]>,
    /// What few blocks have; `None` when it would be empty.
    extras: Option<Box<Extras>>,
}

/// The parts of a [`Block`] that most blocks lack, boxed apart from the block.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Extras {
    /// Set when the block is (the first block of) a list item.
    pub list: Option<ListItem>,
    /// Links in this block, sorted by start.
    pub links: Vec<Link>,
    /// Anchor names defined at this block (HTML `id`s, Markdown heading slugs, footnote
    /// definitions): an in-document link `#name` lands here.
    pub anchors: Vec<String>,
    /// The cells of a [`BlockKind::Table`] block.
    pub table: Option<Table>,
    /// Set on every block of a GitHub alert (the first one is its title).
    pub callout: Option<Callout>,
    /// The language of a fenced code block (its info string's first word), sanitized.
    pub language: Option<String>,
}

/// The extras of a block that has none.
static NO_EXTRAS: Extras = Extras {
    list: None,
    links: Vec::new(),
    anchors: Vec::new(),
    table: None,
    callout: None,
    language: None,
};

impl PartialEq for Block {
    /// Blocks are equal when everything a reader sees of them is: a block without extras equals
    /// one whose extras are all empty.
    fn eq(&self, other: &Self) -> bool {
        self.kind == other.kind
            && self.quote_depth == other.quote_depth
            && self.continues == other.continues
            && self.source_lines == other.source_lines
            && self.text == other.text
            && self.runs() == other.runs()
            && self.extras() == other.extras()
    }
}

impl Eq for Block {}

/// `blocks` with their texts gathered into one shared chunk (see [`super::text::pack`]): the
/// loader packs each batch it sends.
#[must_use]
pub fn packed(mut blocks: Vec<Block>) -> Vec<Block> {
    super::text::pack(&mut blocks, |b| &mut b.text);
    blocks
}

impl Block {
    /// The texts of the runs that carry `style`, in order (what a reader sees in that style).
    #[cfg(test)]
    pub(crate) fn styled(&self, style: Inline) -> Vec<&str> {
        self.runs()
            .iter()
            .filter(|r| r.style.contains(style))
            .filter_map(|r| self.text.get(r.range()))
            .collect()
    }

    /// A plain block of the given kind with no styling.
    #[must_use]
    pub fn new(kind: BlockKind, text: impl Into<String>) -> Self {
        Self::with_runs(kind, text.into(), Vec::new())
    }

    /// A block of the given kind with its styled runs and nothing else.
    #[must_use]
    pub fn with_runs(kind: BlockKind, text: impl Into<Text>, runs: Vec<StyleRun>) -> Self {
        let mut block = Self {
            kind,
            quote_depth: 0,
            continues: false,
            source_lines: 1,
            text: text.into(),
            styling: None,
        };
        block.set_runs(runs);
        block
    }

    /// The styled runs, sorted by start, non-overlapping; text outside every run is plain.
    #[must_use]
    pub fn runs(&self) -> &[StyleRun] {
        self.styling.as_ref().map_or(&[], |s| &s.runs)
    }

    /// Replace the styled runs.
    pub fn set_runs(&mut self, runs: impl Into<Box<[StyleRun]>>) {
        let runs = runs.into();
        if runs.is_empty() && self.styling.is_none() {
            return;
        }
        self.styling.get_or_insert_with(Box::default).runs = runs;
        self.drop_empty_styling();
    }

    fn drop_empty_styling(&mut self) {
        if self
            .styling
            .as_ref()
            .is_some_and(|s| s.runs.is_empty() && s.extras.is_none())
        {
            self.styling = None;
        }
    }

    /// The block's extras (empty ones when it has none).
    #[must_use]
    pub fn extras(&self) -> &Extras {
        self.styling
            .as_ref()
            .and_then(|s| s.extras.as_deref())
            .unwrap_or(&NO_EXTRAS)
    }

    /// The block's extras to change, made when it has none yet (use it when something is set).
    pub fn extras_mut(&mut self) -> &mut Extras {
        self.styling
            .get_or_insert_with(Box::default)
            .extras
            .get_or_insert_with(Box::default)
    }

    /// The list item this block is (the first block of), if any.
    #[must_use]
    pub fn list(&self) -> Option<&ListItem> {
        self.extras().list.as_ref()
    }

    /// Links in this block, sorted by start.
    #[must_use]
    pub fn links(&self) -> &[Link] {
        &self.extras().links
    }

    /// Anchor names defined at this block.
    #[must_use]
    pub fn anchors(&self) -> &[String] {
        &self.extras().anchors
    }

    /// The cells of a [`BlockKind::Table`] block.
    #[must_use]
    pub fn table(&self) -> Option<&Table> {
        self.extras().table.as_ref()
    }

    /// The GitHub alert this block belongs to, if any.
    #[must_use]
    pub fn callout(&self) -> Option<Callout> {
        self.extras().callout
    }

    /// The language of a fenced code block, if it names one.
    #[must_use]
    pub fn language(&self) -> Option<&str> {
        self.extras().language.as_deref()
    }

    fn has_extras(&self) -> bool {
        self.styling.as_ref().is_some_and(|s| s.extras.is_some())
    }

    fn extras_opt(&mut self) -> Option<&mut Extras> {
        self.styling.as_mut().and_then(|s| s.extras.as_deref_mut())
    }

    /// Set the list item (no extras are made for `None`).
    pub fn set_list(&mut self, list: Option<ListItem>) {
        if list.is_some() || self.has_extras() {
            self.extras_mut().list = list;
        }
    }

    /// The list item to change, if the block has one.
    pub fn list_mut(&mut self) -> Option<&mut ListItem> {
        self.extras_opt().and_then(|e| e.list.as_mut())
    }

    /// Take the list item away.
    pub fn take_list(&mut self) -> Option<ListItem> {
        self.extras_opt().and_then(|e| e.list.take())
    }

    /// Set the links (no extras are made for none).
    pub fn set_links(&mut self, links: Vec<Link>) {
        if !links.is_empty() || self.has_extras() {
            self.extras_mut().links = links;
        }
    }

    /// Set the callout (no extras are made for `None`).
    pub fn set_callout(&mut self, callout: Option<Callout>) {
        if callout.is_some() || self.has_extras() {
            self.extras_mut().callout = callout;
        }
    }

    /// Set the code language (no extras are made for `None`).
    pub fn set_language(&mut self, language: Option<String>) {
        if language.is_some() || self.has_extras() {
            self.extras_mut().language = language;
        }
    }

    /// Set the table cells.
    pub fn set_table(&mut self, table: Table) {
        self.extras_mut().table = Some(table);
    }

    /// Take the anchors away.
    pub fn take_anchors(&mut self) -> Vec<String> {
        self.extras_opt()
            .map(|e| std::mem::take(&mut e.anchors))
            .unwrap_or_default()
    }

    /// Add anchors at this block (no extras are made for none).
    pub fn add_anchors(&mut self, anchors: &mut Vec<String>) {
        if !anchors.is_empty() {
            self.extras_mut().anchors.append(anchors);
        }
    }

    /// True for body paragraphs (the units of the outline); a callout's title is not one.
    #[must_use]
    pub fn is_paragraph(&self) -> bool {
        self.kind == BlockKind::Paragraph && !self.continues && !self.is_callout_title()
    }

    /// True for the first block of a GitHub alert: its title (`Note`, `Warning` …), all strong.
    #[must_use]
    pub fn is_callout_title(&self) -> bool {
        self.callout().is_some_and(|kind| {
            self.kind == BlockKind::Paragraph
                && self.text == kind.title()
                && self.runs().len() == 1
                && self.runs()[0].style == Inline::STRONG
        })
    }
}
