//! The reader's state and `update`: keys, mouse, resizes and loader batches change it here.
//!
//! No I/O and no terminal: what the event loop must do (suspend, start background work) comes
//! back as [`Effect`]s. [`App::prepare`] computes what the next frame shows, so rendering only
//! reads.

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{
    KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseEvent, MouseEventKind,
};
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::document::{Block, BlockKind, Document};
use crate::keymap::{self, Context};
use crate::layout::{LayoutCache, Pos, ScreenLine};
use crate::outline::{self, NodeKind, Outline};
use crate::search::terms::{self, Term};
use crate::search::{self, Match, Matcher, Query};
use crate::ui::areas::{Areas, DEFAULT_COLUMN, screen_areas};

/// Which panel receives keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The article text.
    Article,
    /// The side panel (contents or terms).
    Side,
}

/// What the side panel shows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SideView {
    /// The contents tree.
    Contents,
    /// The document's key terms.
    Terms,
}

/// Something the event loop must do on the app's behalf.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Stop the process until `fg` (restore the terminal first).
    Suspend,
    /// Compute the outline and key terms of this document in the background.
    Analyze(Arc<Document>),
}

/// Loading progress.
#[derive(Clone, Debug, Default)]
pub struct LoadState {
    /// True once the loader has sent everything.
    pub done: bool,
    /// Bytes read so far.
    pub bytes: u64,
    /// Total size when known (regular files).
    pub total: Option<u64>,
}

/// The search prompt being edited.
#[derive(Clone, Debug, Default)]
pub struct Prompt {
    /// The text typed so far.
    pub text: String,
    /// Cursor position in chars.
    pub cursor: usize,
    /// Regex mode (Ctrl-r toggles).
    pub regex: bool,
    /// Where the view was when the prompt opened (Esc returns there).
    pub origin: Pos,
    /// Position in the history while walking it with Up/Down.
    pub history_pos: Option<usize>,
    /// The pattern error, shown in the prompt.
    pub error: Option<String>,
}

/// A search whose matches are highlighted.
#[derive(Debug)]
pub struct ActiveSearch {
    /// The query.
    pub query: Query,
    /// What the status bar calls it (the query, or `term: …`).
    pub label: String,
    /// Compiled query.
    pub matcher: Matcher,
    /// Every match found so far, in document order.
    pub matches: Vec<Match>,
    /// Next block the background count scans.
    pub scanned: usize,
    /// The current match.
    pub current: Option<Match>,
}

impl ActiveSearch {
    /// True once every block was scanned.
    #[must_use]
    pub fn complete(&self, blocks: usize, loading: bool) -> bool {
        !loading && self.scanned >= blocks
    }

    /// 1-based index of the current match in the full list, when counted.
    #[must_use]
    pub fn current_index(&self) -> Option<usize> {
        let cur = self.current.as_ref()?;
        let i = self
            .matches
            .partition_point(|m| (m.block, m.byte_range.start) < (cur.block, cur.byte_range.start));
        (self.matches.get(i) == Some(cur)).then_some(i + 1)
    }
}

/// The contents panel's state.
#[derive(Clone, Debug, Default)]
pub struct TocState {
    /// Selected node (index into the outline's nodes).
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
    /// Per node: `Some(true)` unfolded, `Some(false)` folded, `None` automatic.
    pub fold: Vec<Option<bool>>,
    /// Per node: one past the last node of its subtree.
    pub subtree_end: Vec<usize>,
    /// Type-to-filter text.
    pub filter: String,
    /// Visible rows: node indices.
    pub rows: Vec<usize>,
    /// What `rows` was computed from: filter, entry being read, folds changed count.
    rows_for: Option<(String, Option<usize>, u64)>,
    /// Bumped whenever a fold changes.
    folds_changed: u64,
}

/// The key terms view's state.
#[derive(Clone, Debug, Default)]
pub struct TermsState {
    /// The terms, most telling first.
    pub terms: Vec<Term>,
    /// Selected row.
    pub selected: usize,
    /// First visible row.
    pub offset: usize,
}

/// What the next frame shows, computed by [`App::prepare`].
#[derive(Clone, Debug, Default)]
pub struct View {
    /// Panel rectangles.
    pub areas: Areas,
    /// The article's screen lines.
    pub lines: Vec<ScreenLine>,
    /// Search matches in the visible blocks.
    pub highlights: Vec<Match>,
    /// The node being read (scroll-spy).
    pub current_node: Option<usize>,
    /// The section being read (deepest non-paragraph node).
    pub current_section: Option<usize>,
    /// Percent read through the bottom of the screen.
    pub percent: usize,
    /// Minutes of reading left at 230 words a minute.
    pub minutes_left: usize,
    /// Scrollbar: rows marked because a search match lies there.
    pub match_marks: Vec<bool>,
    /// Scrollbar thumb: first row and length.
    pub thumb: (usize, usize),
    /// What `match_marks` was computed for: (matches, rows, document bytes).
    pub marks_key: Option<(usize, usize, usize)>,
}

/// How long a transient message stays.
const MESSAGE_TIME: Duration = Duration::from_secs(3);
/// Reading speed used for "min left".
const WORDS_PER_MINUTE: usize = 230;
/// Average bytes per word, for the time estimate.
const BYTES_PER_WORD: usize = 6;

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// The document (shared with background analysis once loaded).
    pub doc: Arc<Document>,
    /// `cum_bytes[i]` = bytes of text before block `i`; one entry more than blocks.
    pub cum_bytes: Vec<usize>,
    /// The contents.
    pub outline: Outline,
    /// True once the outline was computed.
    pub outline_ready: bool,
    /// True once the key terms were computed.
    pub terms_ready: bool,
    /// Wrapped lines per block.
    pub layout: LayoutCache,
    /// The first text position on screen.
    pub top: Pos,
    /// Where the reader put the top: a resize snaps from here, so repeated resizes never drift.
    pub anchor: Pos,
    /// `top` as the last frame showed it.
    shown_top: Pos,
    /// Terminal size.
    pub screen: Rect,
    /// Which panel has the keys.
    pub focus: Focus,
    /// User wants the side panel.
    pub side_wanted: bool,
    /// What the side panel shows.
    pub side_view: SideView,
    /// Help overlay shown.
    pub help: bool,
    /// First help line shown (the help scrolls on small terminals).
    pub help_scroll: usize,
    /// Preferred reading column width.
    pub column: usize,
    /// Pending count typed before a command.
    pub count: Option<usize>,
    /// Transient message and when it was set.
    pub message: Option<(String, Instant)>,
    /// Notices shown once loading ends (invalid UTF-8, capped input…).
    pub notices: Vec<String>,
    /// Loading progress.
    pub load: LoadState,
    /// Keep the view at the end while loading (after `G`).
    pub follow_end: bool,
    /// Set when the reader asked to quit.
    pub quit: bool,
    /// Contents panel state.
    pub toc: TocState,
    /// Terms panel state.
    pub terms: TermsState,
    /// Search prompt, when open.
    pub prompt: Option<Prompt>,
    /// The highlighted search.
    pub search: Option<ActiveSearch>,
    /// Queries entered this session, oldest first.
    pub history: Vec<String>,
    /// Work for the event loop.
    pub effects: Vec<Effect>,
    /// Prepared frame.
    pub view: View,
    /// Something changed since the last frame.
    pub dirty: bool,
}

impl App {
    /// A reader for `doc` (more blocks may arrive from the loader) on a `screen`.
    #[must_use]
    pub fn new(doc: Document, screen: Rect) -> Self {
        let mut app = Self {
            doc: Arc::new(Document::default()),
            cum_bytes: vec![0],
            outline: Outline::default(),
            outline_ready: false,
            terms_ready: false,
            layout: LayoutCache::new(DEFAULT_COLUMN),
            top: Pos::default(),
            anchor: Pos::default(),
            shown_top: Pos::default(),
            screen,
            focus: Focus::Article,
            side_wanted: true,
            side_view: SideView::Contents,
            help: false,
            help_scroll: 0,
            column: DEFAULT_COLUMN,
            count: None,
            message: None,
            notices: Vec::new(),
            load: LoadState::default(),
            follow_end: false,
            quit: false,
            toc: TocState::default(),
            terms: TermsState::default(),
            prompt: None,
            search: None,
            history: Vec::new(),
            effects: Vec::new(),
            view: View::default(),
            dirty: true,
        };
        let Document {
            title,
            date,
            byline,
            site,
            blocks,
            toc,
        } = doc;
        if let Some(d) = Arc::get_mut(&mut app.doc) {
            d.title = title;
            d.date = date;
            d.byline = byline;
            d.site = site;
            d.toc = toc;
        }
        app.add_blocks(blocks);
        app
    }

    /// A reader for a fully loaded document: the outline and terms are computed at once.
    #[must_use]
    pub fn loaded(doc: Document, screen: Rect) -> Self {
        let mut app = Self::new(doc, screen);
        app.load.done = true;
        let outline = outline::build(&app.doc);
        let terms = terms::key_terms(&app.doc, 40);
        app.set_analysis(outline, terms);
        app.prepare();
        app
    }

    // ----- loading -------------------------------------------------------------------------

    /// Append blocks sent by the loader.
    pub fn add_blocks(&mut self, blocks: Vec<Block>) {
        if blocks.is_empty() {
            return;
        }
        if let Some(last) = self.doc.blocks.len().checked_sub(1) {
            self.layout.invalidate(last);
        }
        let doc = Arc::make_mut(&mut self.doc);
        for block in blocks {
            match block.kind {
                BlockKind::Title if doc.title.is_empty() || doc.date.is_none() => {
                    doc.title.clone_from(&block.text);
                }
                BlockKind::Meta if doc.date.is_none() => doc.date = Some(block.text.clone()),
                _ => {}
            }
            let end = self.cum_bytes.last().copied().unwrap_or(0) + block.text.len();
            self.cum_bytes.push(end);
            doc.blocks.push(block);
        }
        self.dirty = true;
    }

    /// The loader found the document's title (Markdown); it replaces the file name.
    pub fn set_title(&mut self, title: String) {
        Arc::make_mut(&mut self.doc).title = title;
        self.dirty = true;
    }

    /// The loader found the document's own table of contents (EPUB); the outline uses it.
    pub fn set_toc(&mut self, toc: Vec<crate::document::TocEntry>) {
        Arc::make_mut(&mut self.doc).toc = Some(toc);
        self.dirty = true;
    }

    /// The loader read `bytes` of `total`.
    pub fn set_progress(&mut self, bytes: u64, total: Option<u64>) {
        self.load.bytes = bytes;
        self.load.total = total;
        self.dirty = true;
    }

    /// The loader finished; `notices` are shown once (invalid UTF-8, capped input, errors).
    pub fn load_finished(&mut self, notices: Vec<String>) {
        self.load.done = true;
        self.follow_end = false;
        if self.doc.blocks.is_empty() {
            self.notices.push("the document is empty".into());
        }
        self.notices.extend(notices);
        if !self.notices.is_empty() {
            self.flash(self.notices.join(" · "));
        }
        self.effects.push(Effect::Analyze(Arc::clone(&self.doc)));
        self.dirty = true;
    }

    /// Install the outline and key terms computed for the document.
    pub fn set_analysis(&mut self, outline: Outline, terms: Vec<Term>) {
        self.set_outline(outline);
        self.set_terms(terms);
    }

    /// Install the key terms.
    pub fn set_terms(&mut self, terms: Vec<Term>) {
        self.terms = TermsState {
            terms,
            ..TermsState::default()
        };
        self.terms_ready = true;
        self.dirty = true;
    }

    /// Install the outline computed for the document.
    pub fn set_outline(&mut self, outline: Outline) {
        let n = outline.nodes.len();
        let mut subtree_end = vec![0; n];
        for i in (0..n).rev() {
            let depth = outline.nodes[i].depth;
            let mut end = i + 1;
            while end < n && outline.nodes[end].depth > depth {
                end = subtree_end[end];
            }
            subtree_end[i] = end;
        }
        self.toc = TocState {
            fold: vec![None; n],
            subtree_end,
            ..TocState::default()
        };
        self.outline = outline;
        self.outline_ready = true;
        self.dirty = true;
    }

    /// The effective kind of a block: plain-text headings found by the outline count as headings.
    #[must_use]
    pub fn heading_level(&self, block: usize) -> Option<u8> {
        match self.doc.blocks.get(block).map(|b| b.kind) {
            Some(BlockKind::Heading(level)) => Some(level),
            _ => self
                .outline
                .headings
                .binary_search_by_key(&block, |&(b, _)| b)
                .ok()
                .and_then(|i| self.outline.headings.get(i))
                .map(|&(_, level)| level),
        }
    }

    // ----- events ----------------------------------------------------------------------------

    /// Show a transient message in the status bar.
    pub fn flash(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Instant::now()));
        self.dirty = true;
    }

    /// True while a timed feature (a transient message) needs a wake-up.
    #[must_use]
    pub fn next_deadline(&self) -> Option<Instant> {
        self.message.as_ref().map(|(_, at)| *at + MESSAGE_TIME)
    }

    /// Expire timed state; call when a deadline passed.
    pub fn tick(&mut self, now: Instant) {
        if self
            .message
            .as_ref()
            .is_some_and(|(_, at)| now >= *at + MESSAGE_TIME)
        {
            self.message = None;
            self.dirty = true;
        }
    }

    /// The terminal changed size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.screen = Rect::new(0, 0, width, height);
        self.dirty = true;
    }

    /// A key press.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.dirty = true;
        if self.prompt.is_some() {
            self.prompt_key(key);
            return;
        }
        if self.help {
            match key.code {
                KeyCode::Char('j') | KeyCode::Down => self.help_scroll += 1,
                KeyCode::Char('k') | KeyCode::Up => {
                    self.help_scroll = self.help_scroll.saturating_sub(1)
                }
                KeyCode::Char(' ' | 'f') | KeyCode::PageDown => self.help_scroll += 10,
                KeyCode::Char('b') | KeyCode::PageUp => {
                    self.help_scroll = self.help_scroll.saturating_sub(10)
                }
                KeyCode::Char('c') if key.modifiers.contains(KeyModifiers::CONTROL) => {
                    self.quit = true
                }
                _ => {
                    self.help = false;
                    self.help_scroll = 0;
                }
            }
            return;
        }
        let context = match self.focus {
            Focus::Article => Context::Article,
            Focus::Side => Context::Contents,
        };
        if self.focus == Focus::Side && self.side_view == SideView::Contents && self.filter_key(key)
        {
            return;
        }
        if self.focus == Focus::Article
            && let KeyCode::Char(c) = key.code
            && !key.modifiers.contains(KeyModifiers::CONTROL)
        {
            if let Some(d) = c.to_digit(10)
                && (d > 0 || self.count.is_some())
            {
                let count = self
                    .count
                    .unwrap_or(0)
                    .saturating_mul(10)
                    .saturating_add(d as usize);
                self.count = Some(count.min(1_000_000));
                return;
            }
            if c == '%' {
                let percent = self.count.take().unwrap_or(0).min(100);
                self.goto_percent(percent);
                return;
            }
        }
        match keymap::lookup(&key, context) {
            Some(action) => {
                let count = self.count.take();
                self.apply(action, count);
            }
            None => self.count = None,
        }
    }

    /// A mouse event: the wheel scrolls the panel under the pointer, a click selects.
    pub fn mouse(&mut self, event: MouseEvent) {
        let at = Position::new(event.column, event.row);
        let areas = self.view.areas;
        let in_side = areas.side.is_some_and(|r| r.contains(at));
        match event.kind {
            MouseEventKind::ScrollDown | MouseEventKind::ScrollUp => {
                let delta: isize = if event.kind == MouseEventKind::ScrollDown {
                    3
                } else {
                    -3
                };
                if in_side {
                    let rows = self.side_len();
                    self.side_offset_scroll(delta, rows);
                } else if areas.article.contains(at) {
                    self.scroll_by(delta);
                }
                self.dirty = true;
            }
            MouseEventKind::Down(_) => {
                if let Some(side) = areas.side.filter(|r| r.contains(at)) {
                    let row = usize::from(at.y.saturating_sub(side.y + 1));
                    match self.side_view {
                        SideView::Contents => {
                            if let Some(&node) = self.toc.rows.get(self.toc.offset + row) {
                                self.toc.selected = node;
                                self.open_node(node);
                            }
                        }
                        SideView::Terms => {
                            let idx = self.terms.offset + row;
                            if idx < self.terms.terms.len() {
                                self.terms.selected = idx;
                                self.open_term(idx);
                            }
                        }
                    }
                } else if areas.article.contains(at) {
                    self.focus = Focus::Article;
                }
                self.dirty = true;
            }
            _ => {}
        }
    }

    /// Pasted text: goes into the search prompt or the contents filter when one is open.
    pub fn paste(&mut self, text: &str) {
        let clean: String = text.chars().filter(|&c| typeable(c)).take(200).collect();
        if let Some(p) = &mut self.prompt {
            let at = byte_at(&p.text, p.cursor);
            p.text.insert_str(at, &clean);
            p.cursor += clean.chars().count();
            self.prompt_changed();
        } else if self.focus == Focus::Side && self.side_view == SideView::Contents {
            self.toc.filter.push_str(&clean);
            self.toc.offset = 0;
        }
        self.dirty = true;
    }

    /// Apply an action `count` times (or with `count` as its argument).
    #[allow(clippy::too_many_lines)]
    pub fn apply(&mut self, action: Action, count: Option<usize>) {
        let n = count.unwrap_or(1).max(1);
        let n_signed = isize::try_from(n).unwrap_or(isize::MAX);
        let page = isize::try_from(self.page_height()).unwrap_or(1);
        self.dirty = true;
        if !matches!(action, Action::Bottom) {
            self.follow_end = false;
        }
        match action {
            Action::LineDown => self.scroll_by(n_signed),
            Action::LineUp => self.scroll_by(-n_signed),
            Action::PageDown => {
                self.scroll_by(n_signed.saturating_mul(page.saturating_sub(2).max(1)))
            }
            Action::PageUp => {
                self.scroll_by(-n_signed.saturating_mul(page.saturating_sub(2).max(1)))
            }
            Action::HalfPageDown => self.scroll_by(n_signed.saturating_mul((page / 2).max(1))),
            Action::HalfPageUp => self.scroll_by(-n_signed.saturating_mul((page / 2).max(1))),
            Action::Top => match count {
                Some(p) => self.goto_percent(p.min(100)),
                None => self.top = Pos::default(),
            },
            Action::Bottom => {
                self.top = self.last_top();
                if !self.load.done {
                    self.follow_end = true;
                    self.flash("still loading: following the end");
                }
            }
            Action::NextParagraph => {
                for _ in 0..n {
                    self.next_paragraph();
                }
            }
            Action::PrevParagraph => {
                for _ in 0..n {
                    self.prev_paragraph();
                }
            }
            Action::NextSection => {
                for _ in 0..n {
                    self.section_jump(true);
                }
            }
            Action::PrevSection => {
                for _ in 0..n {
                    self.section_jump(false);
                }
            }
            Action::ToggleFocus => {
                self.focus = match self.focus {
                    Focus::Article if self.view.areas.side.is_some() => Focus::Side,
                    Focus::Article if !self.side_wanted => {
                        self.side_wanted = true;
                        Focus::Side
                    }
                    Focus::Article => {
                        self.flash("the terminal is too narrow for the side panel");
                        Focus::Article
                    }
                    Focus::Side => Focus::Article,
                };
                if self.focus == Focus::Side
                    && let Some(node) = self.view.current_node
                {
                    self.toc.selected = node;
                }
            }
            Action::ToggleContents => {
                self.side_wanted = !self.side_wanted;
                if !self.side_wanted {
                    self.focus = Focus::Article;
                }
            }
            Action::ToggleTerms => {
                self.side_view = match self.side_view {
                    SideView::Contents => SideView::Terms,
                    SideView::Terms => SideView::Contents,
                };
                self.side_wanted = true;
                if self.side_view == SideView::Terms && self.terms.terms.is_empty() {
                    self.flash(if self.terms_ready {
                        "no recurring terms in this document"
                    } else {
                        "key terms are still being computed"
                    });
                }
            }
            Action::Narrower => {
                let current = self.layout.width().min(self.column);
                self.column = current.saturating_sub(4 * n).max(20);
                self.flash(format!("column width {}", self.column));
            }
            Action::Wider => {
                let inner = usize::from(self.view.areas.article.width.saturating_sub(4));
                self.column = self
                    .column
                    .min(inner.max(20))
                    .saturating_add(4 * n)
                    .min(400);
                self.flash(format!("column width {}", self.column.min(inner.max(1))));
            }
            Action::ResetWidth => {
                self.column = DEFAULT_COLUMN;
                self.flash(format!("column width reset to {DEFAULT_COLUMN}"));
            }
            Action::Search => self.open_prompt(),
            Action::NextMatch => {
                for _ in 0..n {
                    self.step_match(true);
                }
            }
            Action::PrevMatch => {
                for _ in 0..n {
                    self.step_match(false);
                }
            }
            Action::Escape => self.escape(),
            Action::Help => self.help = !self.help,
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::EntryDown => self.side_move(n_signed),
            Action::EntryUp => self.side_move(-n_signed),
            Action::EntryFirst => self.side_move(isize::MIN / 2),
            Action::EntryLast => self.side_move(isize::MAX / 2),
            Action::EntryOpen => match self.side_view {
                SideView::Contents => {
                    if self.toc.rows.contains(&self.toc.selected) {
                        self.open_node(self.toc.selected);
                        self.focus = Focus::Article;
                    }
                }
                SideView::Terms => self.open_term(self.terms.selected),
            },
            Action::EntryFold => self.fold(false),
            Action::EntryUnfold => self.fold(true),
        }
    }

    fn escape(&mut self) {
        if self.focus == Focus::Side && !self.toc.filter.is_empty() {
            self.toc.filter.clear();
        } else if self.search.is_some() {
            self.search = None;
            self.flash("search cleared");
        } else if self.count.is_some() || self.message.is_some() {
            self.count = None;
            self.message = None;
        } else if self.focus == Focus::Side {
            self.focus = Focus::Article;
        }
    }

    // ----- movement --------------------------------------------------------------------------

    fn page_height(&self) -> usize {
        usize::from(self.view.areas.text.height).max(1)
    }

    fn last_top(&mut self) -> Pos {
        let height = self.page_height();
        self.layout.last_top(&self.doc, height)
    }

    /// Scroll the article by `delta` lines.
    pub fn scroll_by(&mut self, delta: isize) {
        self.top = self.layout.scroll(&self.doc, self.top, delta);
        let last = self.last_top();
        if self.top > last {
            self.top = last;
        }
        self.dirty = true;
    }

    /// Put the text at `percent` of the document at the top.
    pub fn goto_percent(&mut self, percent: usize) {
        let total = self.cum_bytes.last().copied().unwrap_or(0);
        let target = total.saturating_mul(percent) / 100;
        let block = self
            .cum_bytes
            .partition_point(|&c| c <= target)
            .saturating_sub(1);
        let block = block.min(self.doc.blocks.len().saturating_sub(1));
        let byte = target.saturating_sub(self.cum_bytes.get(block).copied().unwrap_or(0));
        self.top = self.layout.snap(&self.doc, Pos { block, byte });
        if percent >= 100 {
            self.top = self.last_top();
        }
        self.dirty = true;
    }

    fn next_paragraph(&mut self) {
        let mut block = self.top.block + 1;
        while self.doc.blocks.get(block).is_some_and(|b| b.continues) {
            block += 1;
        }
        if block < self.doc.blocks.len() {
            self.top = Pos::block_start(block);
        } else {
            self.top = self.last_top();
        }
    }

    fn prev_paragraph(&mut self) {
        let mut block = if self.top.byte > 0 {
            self.top.block
        } else {
            self.top.block.saturating_sub(1)
        };
        while block > 0 && self.doc.blocks.get(block).is_some_and(|b| b.continues) {
            block -= 1;
        }
        self.top = Pos::block_start(block);
    }

    fn is_section(&self, node: usize) -> bool {
        self.outline
            .nodes
            .get(node)
            .is_some_and(|n| !matches!(n.kind, NodeKind::Paragraph { .. }))
    }

    fn section_jump(&mut self, forward: bool) {
        let nodes = &self.outline.nodes;
        let has_sections = (0..nodes.len()).any(|i| self.is_section(i));
        if !has_sections {
            if forward {
                self.next_paragraph()
            } else {
                self.prev_paragraph()
            }
            return;
        }
        let current = self
            .view
            .current_section
            .or_else(|| self.section_at(self.top.block));
        let depth = current.map_or(u8::MAX, |c| nodes[c].depth);
        let top_block = self.top.block;
        let target = if forward {
            (0..nodes.len()).find(|&i| {
                self.is_section(i) && nodes[i].block > top_block && nodes[i].depth <= depth
            })
        } else {
            match current {
                Some(c) if Pos::block_start(nodes[c].block) < self.top => Some(c),
                _ => {
                    let start = current.map_or(top_block, |c| nodes[c].block);
                    (0..nodes.len()).rev().find(|&i| {
                        self.is_section(i) && nodes[i].block < start && nodes[i].depth <= depth
                    })
                }
            }
        };
        match target {
            Some(i) => {
                self.top = Pos::block_start(nodes[i].block);
                self.view.current_section = Some(i);
                let last = self.last_top();
                if self.top > last {
                    self.top = last;
                }
            }
            None => self.flash(if forward {
                "no next section"
            } else {
                "no previous section"
            }),
        }
    }

    /// The deepest section node containing `block`.
    fn section_at(&self, block: usize) -> Option<usize> {
        let node = outline::current_node(&self.outline, block)?;
        let mut cur = Some(node);
        while let Some(i) = cur {
            if self.is_section(i) {
                return Some(i);
            }
            cur = self.outline.nodes[i].parent;
        }
        None
    }

    fn open_node(&mut self, node: usize) {
        if let Some(n) = self.outline.nodes.get(node) {
            self.top = Pos::block_start(n.block);
            self.follow_end = false;
            let last = self.last_top();
            if self.top > last {
                self.top = last;
            }
        }
    }

    // ----- side panel ------------------------------------------------------------------------

    fn side_len(&self) -> usize {
        match self.side_view {
            SideView::Contents => self.toc.rows.len(),
            SideView::Terms => self.terms.terms.len(),
        }
    }

    fn side_offset_scroll(&mut self, delta: isize, rows: usize) {
        let height = self
            .view
            .areas
            .side
            .map_or(1, |r| usize::from(r.height.saturating_sub(2)));
        let max = rows.saturating_sub(height);
        let offset = match self.side_view {
            SideView::Contents => &mut self.toc.offset,
            SideView::Terms => &mut self.terms.offset,
        };
        *offset = offset.saturating_add_signed(delta).min(max);
    }

    fn side_move(&mut self, delta: isize) {
        match self.side_view {
            SideView::Contents => {
                if self.toc.rows.is_empty() {
                    return;
                }
                let row = self
                    .toc
                    .rows
                    .iter()
                    .position(|&n| n == self.toc.selected)
                    .unwrap_or(0);
                let row = row
                    .saturating_add_signed(delta)
                    .min(self.toc.rows.len() - 1);
                self.toc.selected = self.toc.rows[row];
            }
            SideView::Terms => {
                let len = self.terms.terms.len();
                if len > 0 {
                    self.terms.selected = self
                        .terms
                        .selected
                        .saturating_add_signed(delta)
                        .min(len - 1);
                }
            }
        }
    }

    fn fold(&mut self, open: bool) {
        if self.side_view != SideView::Contents {
            return;
        }
        let sel = self.toc.selected;
        let has_children = self
            .toc
            .subtree_end
            .get(sel)
            .is_some_and(|&end| end > sel + 1);
        if has_children && self.node_expanded(sel) != open {
            self.toc.fold[sel] = Some(open);
            self.toc.folds_changed += 1;
        } else if !open {
            // Fold from a child: go to the parent and fold it.
            if let Some(parent) = self.outline.nodes.get(sel).and_then(|n| n.parent) {
                self.toc.fold[parent] = Some(false);
                self.toc.folds_changed += 1;
                self.toc.selected = parent;
            }
        } else if has_children {
            self.side_move(1);
        }
    }

    fn node_expanded(&self, node: usize) -> bool {
        match self.toc.fold.get(node).copied().flatten() {
            Some(open) => open,
            None => self.contains_current(node),
        }
    }

    fn contains_current(&self, node: usize) -> bool {
        let end = self.toc.subtree_end.get(node).copied().unwrap_or(node);
        self.view.current_node.is_some_and(|c| c >= node && c < end)
    }

    /// Type-to-filter in the contents panel; true when the key was used.
    fn filter_key(&mut self, key: KeyEvent) -> bool {
        if key
            .modifiers
            .intersects(KeyModifiers::CONTROL | KeyModifiers::ALT)
        {
            return false;
        }
        match key.code {
            KeyCode::Backspace if !self.toc.filter.is_empty() => {
                self.toc.filter.pop();
                true
            }
            KeyCode::Char(c) if typeable(c) => {
                let bound = keymap::lookup(&key, Context::Contents).is_some();
                if self.toc.filter.is_empty() && (bound || c == ' ') {
                    return false;
                }
                self.toc.filter.push(c);
                self.toc.offset = 0;
                true
            }
            _ => false,
        }
    }

    /// The visible contents rows; recomputed only when the filter, the entry being read or a
    /// fold changed (with a filter typed it reads every label).
    fn compute_toc_rows(&mut self) {
        let key = (
            self.toc.filter.clone(),
            self.view.current_node,
            self.toc.folds_changed,
        );
        if self.toc.rows_for.as_ref() == Some(&key) {
            return;
        }
        self.toc.rows_for = Some(key);
        let nodes = &self.outline.nodes;
        let mut rows = Vec::new();
        if self.toc.filter.is_empty() {
            let mut i = 0;
            while i < nodes.len() {
                rows.push(i);
                i = if self.node_expanded(i) {
                    i + 1
                } else {
                    self.toc.subtree_end[i]
                };
            }
        } else {
            let needle = self.toc.filter.to_lowercase();
            let mut shown = vec![false; nodes.len()];
            for (i, node) in nodes.iter().enumerate() {
                if node.label.to_lowercase().contains(&needle) {
                    shown[i] = true;
                    let mut p = node.parent;
                    while let Some(a) = p {
                        shown[a] = true;
                        p = nodes[a].parent;
                    }
                }
            }
            rows.extend((0..nodes.len()).filter(|&i| shown[i]));
        }
        self.toc.rows = rows;
    }

    fn open_term(&mut self, idx: usize) {
        let Some(term) = self.terms.terms.get(idx).cloned() else {
            return;
        };
        let query = terms::term_query(&term);
        match Matcher::new(&query) {
            Ok(matcher) => {
                let here = self.top;
                self.start_search(query, format!("term: {}", term.phrase), matcher);
                self.jump_first_match(here);
            }
            Err(e) => self.flash(e),
        }
    }

    // ----- search ----------------------------------------------------------------------------

    fn open_prompt(&mut self) {
        self.prompt = Some(Prompt {
            origin: self.top,
            ..Prompt::default()
        });
    }

    fn prompt_key(&mut self, key: KeyEvent) {
        let Some(p) = self.prompt.as_mut() else {
            return;
        };
        let ctrl = key.modifiers.contains(KeyModifiers::CONTROL);
        let mut changed = false;
        match key.code {
            KeyCode::Esc | KeyCode::Char('c') if key.code == KeyCode::Esc || ctrl => {
                self.cancel_prompt();
                return;
            }
            KeyCode::Enter => {
                let text = p.text.clone();
                self.prompt = None;
                if text.is_empty() {
                    // Enter on an empty prompt repeats the last search, as in less and vim.
                    if let Some(last) = self.history.last().cloned() {
                        self.prompt = Some(Prompt {
                            text: last.clone(),
                            cursor: last.chars().count(),
                            ..Prompt::default()
                        });
                        self.prompt_changed();
                        self.prompt = None;
                    }
                } else {
                    self.history.retain(|h| h != &text);
                    self.history.push(text);
                }
                if let Some(s) = &self.search
                    && s.current.is_none()
                {
                    self.flash(format!("pattern not found: {}", s.label));
                }
                return;
            }
            KeyCode::Char('r') if ctrl => {
                p.regex = !p.regex;
                changed = true;
            }
            KeyCode::Char('u') if ctrl => {
                let at = byte_at(&p.text, p.cursor);
                p.text.replace_range(..at, "");
                p.cursor = 0;
                changed = true;
            }
            KeyCode::Char('a') if ctrl => p.cursor = 0,
            KeyCode::Char('e') if ctrl => p.cursor = p.text.chars().count(),
            KeyCode::Char(c) if !ctrl && typeable(c) => {
                let at = byte_at(&p.text, p.cursor);
                p.text.insert(at, c);
                p.cursor += 1;
                changed = true;
            }
            KeyCode::Backspace => {
                if p.cursor > 0 {
                    let at = byte_at(&p.text, p.cursor - 1);
                    p.text.remove(at);
                    p.cursor -= 1;
                    changed = true;
                } else if p.text.is_empty() {
                    self.cancel_prompt();
                    return;
                }
            }
            KeyCode::Delete if p.cursor < p.text.chars().count() => {
                let at = byte_at(&p.text, p.cursor);
                p.text.remove(at);
                changed = true;
            }
            KeyCode::Left => p.cursor = p.cursor.saturating_sub(1),
            KeyCode::Right => p.cursor = (p.cursor + 1).min(p.text.chars().count()),
            KeyCode::Home => p.cursor = 0,
            KeyCode::End => p.cursor = p.text.chars().count(),
            KeyCode::Up | KeyCode::Down => {
                if self.history.is_empty() {
                    return;
                }
                let last = self.history.len() - 1;
                let pos = match (key.code, p.history_pos) {
                    (KeyCode::Up, None) => Some(last),
                    (KeyCode::Up, Some(i)) => Some(i.saturating_sub(1)),
                    (KeyCode::Down, Some(i)) if i < last => Some(i + 1),
                    _ => None,
                };
                p.history_pos = pos;
                p.text = pos
                    .and_then(|i| self.history.get(i).cloned())
                    .unwrap_or_default();
                p.cursor = p.text.chars().count();
                changed = true;
            }
            _ => {}
        }
        if changed {
            self.prompt_changed();
        }
    }

    /// Close the prompt without searching: no highlight, and the view back where it was.
    fn cancel_prompt(&mut self) {
        if let Some(p) = self.prompt.take() {
            self.search = None;
            self.top = p.origin;
        }
    }

    /// Recompile the prompt's query and move the view to the first match from where it opened.
    fn prompt_changed(&mut self) {
        let Some(p) = self.prompt.as_mut() else {
            return;
        };
        let query = Query {
            text: p.text.clone(),
            regex: p.regex,
        };
        let origin = p.origin;
        if query.text.is_empty() {
            p.error = None;
            self.search = None;
            self.top = origin;
            return;
        }
        match Matcher::new(&query) {
            Ok(matcher) => {
                p.error = None;
                let label = if query.regex {
                    format!("/{}/", query.text)
                } else {
                    query.text.clone()
                };
                self.start_search(query, label, matcher);
                self.jump_first_match(origin);
            }
            Err(e) => {
                p.error = Some(e);
                self.search = None;
            }
        }
    }

    fn start_search(&mut self, query: Query, label: String, matcher: Matcher) {
        self.search = Some(ActiveSearch {
            query,
            label,
            matcher,
            matches: Vec::new(),
            scanned: 0,
            current: None,
        });
        self.dirty = true;
    }

    /// Start a search from the command line (`--search`) and go to its first match.
    ///
    /// # Errors
    /// The pattern's error message when it does not compile.
    pub fn search_for(&mut self, text: &str, regex: bool) -> Result<(), String> {
        let query = Query {
            text: text.to_string(),
            regex,
        };
        let matcher = Matcher::new(&query)?;
        self.history.push(text.to_string());
        let label = if regex {
            format!("/{text}/")
        } else {
            text.to_string()
        };
        self.start_search(query, label, matcher);
        self.jump_first_match(Pos::default());
        Ok(())
    }

    fn jump_first_match(&mut self, from: Pos) {
        let Some(s) = self.search.as_mut() else {
            return;
        };
        match search::find_from(&s.matcher, &self.doc.blocks, from.block, from.byte) {
            Some((m, wrapped)) => {
                s.current = Some(m.clone());
                self.show_match(&m);
                if wrapped {
                    self.flash("search wrapped to the top");
                }
            }
            None => {
                s.current = None;
                self.top = from;
            }
        }
    }

    /// Scroll so that a match is on screen, away from the top and bottom edges (unless the view
    /// is already at an end of the document).
    fn show_match(&mut self, m: &Match) {
        let height = self.page_height();
        let margin = (height / 4).min(5);
        let pos = self.layout.snap(
            &self.doc,
            Pos {
                block: m.block,
                byte: m.byte_range.start,
            },
        );
        let last = self.last_top();
        let lines = |n: usize| isize::try_from(n).unwrap_or(isize::MAX);
        let lo = if self.top == Pos::default() {
            self.top
        } else {
            self.layout.scroll(&self.doc, self.top, lines(margin))
        };
        let bottom_margin = if self.top >= last { 0 } else { margin };
        let hi = self.layout.scroll(
            &self.doc,
            self.top,
            lines(height.saturating_sub(bottom_margin + 1)),
        );
        if pos < lo || pos > hi {
            self.top = self.layout.scroll(&self.doc, pos, -lines(height / 3));
            if self.top > last {
                self.top = last;
            }
        }
        self.dirty = true;
    }

    fn step_match(&mut self, forward: bool) {
        let Some(s) = self.search.as_mut() else {
            if let Some(last) = self.history.last().cloned() {
                let _ = self.search_for(&last, false);
            } else {
                self.flash("no search yet: press / to search");
            }
            return;
        };
        let from = s.current.as_ref().map_or(
            Pos {
                block: self.top.block,
                byte: self.top.byte,
            },
            |m| Pos {
                block: m.block,
                byte: m.byte_range.start,
            },
        );
        let complete = s.complete(self.doc.blocks.len(), !self.load.done);
        let found = if complete {
            let pick = if forward {
                search::next_match(&s.matches, from.block, from.byte + 1)
            } else {
                search::prev_match(&s.matches, from.block, from.byte)
            };
            pick.and_then(|(i, wrapped)| s.matches.get(i).cloned().map(|m| (m, wrapped)))
        } else if forward {
            search::find_from(&s.matcher, &self.doc.blocks, from.block, from.byte + 1)
        } else {
            // Backward before the count completes: walk the matches found so far.
            search::prev_match(&s.matches, from.block, from.byte)
                .and_then(|(i, wrapped)| s.matches.get(i).cloned().map(|m| (m, wrapped)))
        };
        match found {
            Some((m, wrapped)) => {
                s.current = Some(m.clone());
                self.show_match(&m);
                if wrapped {
                    self.flash(if forward {
                        "search wrapped to the top"
                    } else {
                        "search wrapped to the bottom"
                    });
                }
            }
            None => {
                let label = s.label.clone();
                self.flash(format!("pattern not found: {label}"));
            }
        }
    }

    /// True while counting matches still has blocks to scan.
    #[must_use]
    pub fn has_work(&self) -> bool {
        self.search
            .as_ref()
            .is_some_and(|s| s.scanned < self.doc.blocks.len())
    }

    /// Count matches for at most `budget`.
    pub fn work(&mut self, budget: Duration) {
        let start = Instant::now();
        let Some(s) = self.search.as_mut() else {
            return;
        };
        let blocks = &self.doc.blocks;
        while s.scanned < blocks.len() {
            let i = s.scanned;
            s.matcher.find_in_block(i, &blocks[i].text, &mut s.matches);
            s.scanned += 1;
            if s.scanned % 64 == 0 && start.elapsed() >= budget {
                break;
            }
        }
        self.dirty = true;
    }

    // ----- frame -----------------------------------------------------------------------------

    /// Compute what the next frame shows. Call after updates, before drawing.
    pub fn prepare(&mut self) {
        let areas = screen_areas(self.screen, self.side_wanted, self.column);
        self.view.areas = areas;
        let help_rows = usize::from(self.screen.height.saturating_sub(2));
        self.help_scroll = self.help_scroll.min(
            crate::ui::help::help_lines()
                .len()
                .saturating_sub(help_rows),
        );
        if areas.side.is_none() && self.focus == Focus::Side {
            self.focus = Focus::Article;
        }
        if areas.too_small {
            self.view.lines.clear();
            return;
        }
        let width = usize::from(areas.text.width);
        if width == self.layout.width() {
            if self.top != self.shown_top {
                self.anchor = self.top;
            }
        } else {
            self.layout.set_width(width);
            self.top = self.anchor;
        }
        let height = usize::from(areas.text.height);
        self.top = self.layout.snap(&self.doc, self.top);
        let last = self.layout.last_top(&self.doc, height);
        if self.top > last || (self.follow_end && !self.load.done) {
            self.top = last;
        }
        self.shown_top = self.top;
        self.view.lines = self.layout.visible(&self.doc, self.top, height);

        // Progress through the bottom of the screen.
        let total = self.cum_bytes.last().copied().unwrap_or(0);
        let seen = self.view.lines.last().map_or(0, |l| {
            let base = self.cum_bytes.get(l.block).copied().unwrap_or(0);
            if l.gap {
                base + self.doc.blocks[l.block].text.len()
            } else {
                base + l.byte_range.end
            }
        });
        let at_end = self.top >= last;
        self.view.percent = if total == 0 || (at_end && self.load.done) {
            100
        } else {
            (seen * 100 / total).min(100)
        };
        self.view.minutes_left = total.saturating_sub(seen) / BYTES_PER_WORD / WORDS_PER_MINUTE;
        let top_byte = self.cum_bytes.get(self.top.block).copied().unwrap_or(0)
            + self.top.byte.min(
                self.doc
                    .blocks
                    .get(self.top.block)
                    .map_or(0, |b| b.text.len()),
            );
        let bar = usize::from(areas.scrollbar.height).max(1);
        self.view.thumb = match (top_byte * bar).checked_div(total) {
            Some(start) => {
                let len = (seen.saturating_sub(top_byte) * bar).div_ceil(total).max(1);
                (start.min(bar - 1), len.min(bar))
            }
            None => (0, bar),
        };

        // Scroll-spy.
        // Above the first entry (the title and date), the first entry on screen is current.
        self.view.current_node = if self.outline_ready {
            outline::current_node(&self.outline, self.top.block).or_else(|| {
                self.view
                    .lines
                    .iter()
                    .find_map(|l| outline::current_node(&self.outline, l.block))
            })
        } else {
            None
        };
        self.view.current_section = self
            .view
            .current_node
            .and_then(|n| self.section_at(self.outline.nodes[n].block));

        // Search highlights for the visible blocks.
        self.view.highlights.clear();
        if let Some(s) = &self.search
            && let (Some(first), Some(last_line)) =
                (self.view.lines.first(), self.view.lines.last())
        {
            for b in first.block..=last_line.block {
                if let Some(block) = self.doc.blocks.get(b) {
                    s.matcher
                        .find_in_block(b, &block.text, &mut self.view.highlights);
                }
            }
        }
        let marks_key = self.search.as_ref().map(|s| (s.matches.len(), bar, total));
        if marks_key != self.view.marks_key {
            self.view.marks_key = marks_key;
            self.view.match_marks.clear();
        }
        if let Some(s) = &self.search
            && total > 0
            && self.view.match_marks.is_empty()
            && !s.matches.is_empty()
        {
            let mut marks = vec![false; bar];
            for m in &s.matches {
                let at = self.cum_bytes.get(m.block).copied().unwrap_or(0) + m.byte_range.start;
                marks[(at * bar / total).min(bar - 1)] = true;
            }
            self.view.match_marks = marks;
        }

        // Contents rows and selection.
        if self.outline_ready {
            self.compute_toc_rows();
            if self.focus == Focus::Article
                && let Some(cur) = self.view.current_node
            {
                // The selection follows the reading position: the current entry or its
                // nearest visible ancestor.
                let mut node = Some(cur);
                while let Some(n) = node {
                    if self.toc.rows.binary_search(&n).is_ok() {
                        self.toc.selected = n;
                        break;
                    }
                    node = self.outline.nodes[n].parent;
                }
            }
            let side_height = areas
                .side
                .map_or(1, |r| usize::from(r.height.saturating_sub(2)).max(1));
            if let Some(row) = self.toc.rows.iter().position(|&n| n == self.toc.selected) {
                if row < self.toc.offset {
                    self.toc.offset = row;
                } else if row >= self.toc.offset + side_height {
                    self.toc.offset = row + 1 - side_height;
                }
            }
            self.toc.offset = self
                .toc
                .offset
                .min(self.toc.rows.len().saturating_sub(side_height));
            let sel = self.terms.selected;
            if sel < self.terms.offset {
                self.terms.offset = sel;
            } else if sel >= self.terms.offset + side_height {
                self.terms.offset = sel + 1 - side_height;
            }
        }
        self.dirty = false;
    }

    /// Paragraph position within the current section: (1-based index, count).
    #[must_use]
    pub fn paragraph_in_section(&self) -> Option<(usize, usize)> {
        let section = self.view.current_section?;
        let node = self.outline.nodes.get(section)?;
        // The outline's paragraph list is sorted by block: two binary searches, not a walk.
        let paras = &self.outline.paragraphs;
        let first = paras.partition_point(|&b| b < node.block);
        let count = paras.partition_point(|&b| b < node.end_block) - first;
        let top = self.top.block.min(node.end_block.saturating_sub(1));
        let upto = paras.partition_point(|&b| b <= top).saturating_sub(first);
        (count > 0).then(|| (upto.clamp(1, count), count))
    }

    /// Matches inside a node's block range (for the contents panel while searching).
    #[must_use]
    pub fn matches_in_node(&self, node: usize) -> Option<usize> {
        let s = self.search.as_ref()?;
        let n = self.outline.nodes.get(node)?;
        let lo = s.matches.partition_point(|m| m.block < n.block);
        let hi = s.matches.partition_point(|m| m.block < n.end_block);
        Some(hi - lo)
    }
}

/// True for a character that may be typed or pasted into the prompt or the filter: nothing
/// that sanitizing would replace (controls, bidi and invisible format characters).
fn typeable(c: char) -> bool {
    crate::document::sanitize::is_clean(c.encode_utf8(&mut [0; 4])) && c != '\n'
}

/// Byte index of the `chars`-th char of `text`.
fn byte_at(text: &str, chars: usize) -> usize {
    text.char_indices()
        .nth(chars)
        .map_or(text.len(), |(i, _)| i)
}
