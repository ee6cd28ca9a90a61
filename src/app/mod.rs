//! The reader's state: `App` routes keys, mouse, resizes and loader messages to its parts and
//! returns effects; it does no I/O and touches no terminal.
//!
//! The parts: [`content`] (the document, loading, the outline), [`viewport`] (where the view
//! is, scrolling and jumps), [`side`] (contents and key terms), [`search`] (prompt, active
//! search, `n`/`N`), [`view`] (what the next frame shows). Keys go through the one key table
//! ([`crate::keymap`]) in the mode the reader is in.

pub mod content;
pub mod editor;
pub mod search;
pub mod side;
pub mod view;
pub mod viewport;

use std::sync::Arc;
use std::time::{Duration, Instant};

use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyEventKind, MouseEvent, MouseEventKind};
use ratatui::layout::{Position, Rect};

use crate::action::Action;
use crate::analysis;
use crate::document::{Block, Document};
use crate::geometry::{DEFAULT_COLUMN, help_area, screen_areas};
use crate::keymap::{self, Mode};
use crate::layout::Pos;
use crate::outline::Outline;
use crate::search::{Term, term_query};

pub use content::{Content, LoadState};
pub use search::{ActiveSearch, Prompt, SearchState};
pub use side::{SidePanel, SideView};
pub use view::View;
pub use viewport::Viewport;

/// Which panel receives keys.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Focus {
    /// The article text.
    Article,
    /// The side panel (contents or terms).
    Side,
}

/// Something the event loop must do on the app's behalf.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Stop the process until `fg` (restore the terminal first).
    Suspend,
    /// Compute the outline and key terms of this document in the background.
    Analyze(Arc<Document>),
}

/// The help overlay.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct HelpOverlay {
    /// Shown.
    pub open: bool,
    /// First line shown.
    pub scroll: usize,
}

/// How long a transient message stays (it hides the section label meanwhile).
const MESSAGE_TIME: Duration = Duration::from_secs(2);

/// The whole state of the reader.
#[derive(Debug)]
pub struct App {
    /// The document, loading progress and outline.
    pub content: Content,
    /// Where the article view is.
    pub viewport: Viewport,
    /// The side panel.
    pub side: SidePanel,
    /// Search.
    pub search: SearchState,
    /// Which panel has the keys.
    pub focus: Focus,
    /// The help overlay.
    pub help: HelpOverlay,
    /// Pending count typed before a command.
    pub count: Option<usize>,
    /// Transient message and when it was set.
    pub message: Option<(String, Instant)>,
    /// Notices shown once loading ends (invalid UTF-8, capped input…).
    notices: Vec<String>,
    /// What names the input when the document has no title (a file name, `stdin`).
    pub source_name: String,
    /// Terminal size.
    pub screen: Rect,
    /// Set when the reader asked to quit.
    pub quit: bool,
    /// Work for the event loop.
    pub effects: Vec<Effect>,
    /// The prepared frame.
    pub view: View,
    /// Something changed since the last frame.
    pub dirty: bool,
}

impl App {
    /// A reader for `doc` (more blocks may arrive from the loader) on a `screen`.
    #[must_use]
    pub fn new(doc: Document, screen: Rect) -> Self {
        let Document {
            title,
            date,
            blocks,
        } = doc;
        let mut app = Self {
            content: Content::new(title, date),
            viewport: Viewport::default(),
            side: SidePanel::default(),
            search: SearchState::default(),
            focus: Focus::Article,
            help: HelpOverlay::default(),
            count: None,
            message: None,
            notices: Vec::new(),
            source_name: String::new(),
            screen,
            quit: false,
            effects: Vec::new(),
            view: View::default(),
            dirty: true,
        };
        app.add_blocks(blocks);
        app
    }

    /// A reader for a fully loaded document, analysed at once as the program does it in the
    /// background.
    #[must_use]
    pub fn loaded(doc: Document, screen: Rect) -> Self {
        let mut app = Self::new(doc, screen);
        app.content.load.done = true;
        let analysis = analysis::analyze(&app.content.doc);
        app.set_outline(analysis.outline);
        app.set_terms(analysis.terms);
        app.prepare();
        app
    }

    /// The document.
    #[must_use]
    pub fn doc(&self) -> &Document {
        &self.content.doc
    }

    // ----- loading ---------------------------------------------------------------------------

    /// Append blocks sent by the loader.
    pub fn add_blocks(&mut self, blocks: Vec<Block>) {
        if blocks.is_empty() {
            return;
        }
        if let Some(last) = self.content.doc.blocks.len().checked_sub(1) {
            self.viewport.invalidate(last);
        }
        if !self.content.load.done {
            self.viewport.follow_if_at_end(&self.content.doc);
        }
        self.content.add_blocks(blocks);
        self.dirty = true;
    }

    /// The loader settled the document's title and date.
    pub fn set_title(&mut self, title: String, date: Option<String>) {
        self.content.set_title(title, date);
        self.dirty = true;
    }

    /// The loader read `bytes` of `total`.
    pub fn set_progress(&mut self, bytes: u64, total: Option<u64>) {
        self.content.load.bytes = bytes;
        self.content.load.total = total;
        self.dirty = true;
    }

    /// The loader finished; `notices` are shown once (invalid UTF-8, capped input, errors).
    pub fn load_finished(&mut self, notices: Vec<String>) {
        self.content.load.done = true;
        self.viewport.follow_end = false;
        if self.content.doc.blocks.is_empty() {
            self.notices.push("the document is empty".into());
        }
        self.notices.extend(notices);
        if !self.notices.is_empty() {
            self.flash(self.notices.join(" · "));
        }
        self.effects
            .push(Effect::Analyze(Arc::clone(&self.content.doc)));
        self.dirty = true;
    }

    /// Install the outline computed for the document.
    pub fn set_outline(&mut self, outline: Outline) {
        self.side.set_outline(&outline);
        self.content.outline = outline;
        self.content.outline_ready = true;
        self.dirty = true;
    }

    /// Install the key terms.
    pub fn set_terms(&mut self, terms: Vec<Term>) {
        self.side.set_terms(terms);
        self.content.terms_ready = true;
        self.dirty = true;
    }

    // ----- events ----------------------------------------------------------------------------

    /// Show a transient message in the status bar.
    pub fn flash(&mut self, text: impl Into<String>) {
        self.message = Some((text.into(), Instant::now()));
        self.dirty = true;
    }

    fn flash_opt(&mut self, text: Option<String>) {
        if let Some(t) = text {
            self.flash(t);
        }
    }

    /// When a timed state (a transient message) needs a wake-up.
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

    /// The mode the keys are read in.
    #[must_use]
    pub fn mode(&self) -> Mode {
        if self.search.prompt.is_some() {
            Mode::Prompt
        } else if self.help.open {
            Mode::Help
        } else if self.focus == Focus::Side {
            Mode::List {
                contents: self.side.view == SideView::Contents,
                filtering: self.side.filter.is_some(),
            }
        } else {
            Mode::Article
        }
    }

    /// A key press: looked up in the key table for the current mode.
    pub fn key(&mut self, key: KeyEvent) {
        if key.kind == KeyEventKind::Release {
            return;
        }
        self.dirty = true;
        let typed = match key.code {
            KeyCode::Char(c) => Some(c),
            _ => None,
        };
        match keymap::lookup(&key, self.mode(), self.count.is_some()) {
            Some(Action::CountDigit) => {
                if let Some(d) = typed.and_then(|c| c.to_digit(10)) {
                    self.count = Some(keymap::push_digit(self.count, d));
                }
            }
            Some(action) => {
                let count = self.count.take();
                self.apply_typed(action, count, typed);
            }
            None => self.count = None,
        }
    }

    /// A mouse event: the wheel scrolls the panel under the pointer, a click selects.
    pub fn mouse(&mut self, event: MouseEvent) {
        let at = Position::new(event.column, event.row);
        let areas = self.view.areas;
        let side = areas.side.filter(|r| r.contains(at));
        let delta: isize = match event.kind {
            MouseEventKind::ScrollDown => 3,
            MouseEventKind::ScrollUp => -3,
            MouseEventKind::Down(_) => 0,
            _ => return,
        };
        self.dirty = true;
        match (side, delta) {
            (Some(r), 0) => {
                let row = usize::from(at.y.saturating_sub(r.y + 1));
                if let Some(entry) = self.side.entry_at(row) {
                    self.side.select(entry);
                    self.open_entry();
                }
            }
            (Some(r), d) => self.side.wheel(d, usize::from(r.height.saturating_sub(2))),
            (None, 0) if areas.article.contains(at) => self.focus = Focus::Article,
            (None, d) if areas.article.contains(at) => {
                self.viewport.scroll_by(&self.content.doc, d);
            }
            _ => {}
        }
    }

    /// Pasted text: goes into the search prompt or the filter when one is open.
    pub fn paste(&mut self, text: &str) {
        if self.search.prompt.is_some() {
            self.search.paste(text, &self.content.doc, &mut self.viewport);
        } else if self.focus == Focus::Side {
            self.side.paste(text);
        }
        self.dirty = true;
    }

    /// Apply an action `count` times (or with `count` as its argument).
    pub fn apply(&mut self, action: Action, count: Option<usize>) {
        self.apply_typed(action, count, None);
    }

    fn apply_typed(&mut self, action: Action, count: Option<usize>, typed: Option<char>) {
        self.dirty = true;
        if action == Action::Follow {
            let loading = !self.content.load.done;
            let msg = self.viewport.toggle_follow(&self.content.doc, loading);
            self.flash(msg);
            return;
        }
        if action != Action::Bottom {
            self.viewport.follow_end = false;
        }
        match self.mode() {
            Mode::Prompt => {
                let doc = &self.content.doc;
                let msg = self
                    .search
                    .prompt_action(action, typed, doc, &mut self.viewport);
                self.message = None;
                self.flash_opt(msg);
            }
            Mode::List {
                filtering: true, ..
            } if matches!(action, Action::Type | Action::Backspace | Action::CloseFilter) => {
                if action == Action::CloseFilter {
                    self.side.close_filter();
                } else {
                    self.side.filter_action(action, typed);
                }
            }
            _ => self.apply_command(action, count),
        }
    }

    fn apply_command(&mut self, action: Action, count: Option<usize>) {
        let n = count.unwrap_or(1).max(1);
        match action {
            Action::Search => {
                self.message = None;
                self.search.open(self.viewport.top());
            }
            Action::NextMatch | Action::PrevMatch => {
                for _ in 0..n {
                    let doc = &self.content.doc;
                    let loading = !self.content.load.done;
                    let msg = self.search.step(
                        action == Action::NextMatch,
                        doc,
                        &mut self.viewport,
                        loading,
                    );
                    self.flash_opt(msg);
                }
            }
            Action::ClearSearch => self.clear(),
            Action::Help => self.help.open = !self.help.open,
            Action::CloseHelp => self.help = HelpOverlay::default(),
            Action::HelpDown | Action::HelpUp | Action::HelpPageDown | Action::HelpPageUp => {
                let page = self.screen.height.saturating_sub(4).max(1);
                self.help.scroll = match action {
                    Action::HelpDown => self.help.scroll + 1,
                    Action::HelpUp => self.help.scroll.saturating_sub(1),
                    Action::HelpPageDown => self.help.scroll + usize::from(page),
                    _ => self.help.scroll.saturating_sub(usize::from(page)),
                };
            }
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::ToggleFocus | Action::ToggleContents | Action::ToggleTerms | Action::Unfocus => {
                self.toggle(action);
            }
            Action::Narrower | Action::Wider | Action::ResetWidth => self.column(action, n),
            Action::EntryDown | Action::EntryUp | Action::EntryFirst | Action::EntryLast => {
                self.side.move_by(action, n);
            }
            Action::EntryOpen => self.open_entry(),
            Action::EntryFold | Action::EntryUnfold => {
                let current = self.view.current_node;
                self.side
                    .fold(action == Action::EntryUnfold, &self.content.outline, current);
            }
            Action::OpenFilter => self.side.open_filter(),
            Action::CloseFilter => self.side.close_filter(),
            other => self.movement(other, count),
        }
    }

    /// Esc in the article: clear the search highlight, else a pending count or message.
    fn clear(&mut self) {
        if self.search.active.is_some() {
            self.search.active = None;
            self.flash("search cleared");
        } else {
            self.count = None;
            self.message = None;
        }
    }

    /// Movement in the article.
    fn movement(&mut self, action: Action, count: Option<usize>) {
        let n = count.unwrap_or(1).max(1);
        let signed = isize::try_from(n).unwrap_or(isize::MAX);
        let doc = &self.content.doc;
        let vp = &mut self.viewport;
        match action {
            Action::LineDown => vp.scroll_by(doc, signed),
            Action::LineUp => vp.scroll_by(doc, -signed),
            Action::PageDown => vp.page(doc, signed, false),
            Action::PageUp => vp.page(doc, -signed, false),
            Action::HalfPageDown => vp.page(doc, signed, true),
            Action::HalfPageUp => vp.page(doc, -signed, true),
            Action::Top => match count {
                Some(p) => self.goto_percent(p),
                None => vp.top_of_document(),
            },
            Action::Percent => self.goto_percent(count.unwrap_or(0)),
            Action::Bottom => {
                vp.bottom(doc);
                if !self.content.load.done {
                    vp.follow_end = true;
                    self.flash("still loading: following the end");
                }
            }
            Action::NextParagraph => (0..n).for_each(|_| vp.next_paragraph(doc)),
            Action::PrevParagraph => (0..n).for_each(|_| vp.prev_paragraph(doc)),
            Action::NextSection | Action::PrevSection => {
                for _ in 0..n {
                    self.section_jump(action == Action::NextSection);
                }
            }
            _ => {}
        }
    }

    /// Put the text at `percent` of the document at the top.
    pub fn goto_percent(&mut self, percent: usize) {
        let percent = percent.min(100);
        let doc = &self.content.doc;
        if percent >= 100 {
            self.viewport.bottom(doc);
            return;
        }
        let offset = self.content.total_bytes().saturating_mul(percent) / 100;
        self.viewport.goto_offset(doc, &self.content.cum_bytes, offset);
    }

    fn section_jump(&mut self, forward: bool) {
        let c = &self.content;
        let nodes = &c.outline.nodes;
        if !(0..nodes.len()).any(|i| c.is_section(i)) {
            if forward {
                self.viewport.next_paragraph(&c.doc);
            } else {
                self.viewport.prev_paragraph(&c.doc);
            }
            return;
        }
        let top = self.viewport.top();
        let current = self.view.current_section.or_else(|| c.section_at(top.block));
        let depth = current.map_or(u8::MAX, |i| nodes[i].depth);
        let target = if forward {
            (0..nodes.len()).find(|&i| {
                c.is_section(i) && nodes[i].block > top.block && nodes[i].depth <= depth
            })
        } else {
            match current {
                Some(i) if Pos::block_start(nodes[i].block) < top => Some(i),
                _ => {
                    let start = current.map_or(top.block, |i| nodes[i].block);
                    (0..nodes.len()).rev().find(|&i| {
                        c.is_section(i) && nodes[i].block < start && nodes[i].depth <= depth
                    })
                }
            }
        };
        match target {
            Some(i) => {
                let block = nodes[i].block;
                self.viewport.jump(&self.content.doc, Pos::block_start(block));
                self.view.current_section = Some(i);
            }
            None => self.flash(if forward {
                "no next section"
            } else {
                "no previous section"
            }),
        }
    }

    fn toggle(&mut self, action: Action) {
        match action {
            Action::ToggleFocus if self.focus == Focus::Side => self.focus = Focus::Article,
            Action::ToggleFocus => {
                self.side.wanted = true;
                if crate::geometry::side_width(self.screen.width) == 0 {
                    self.flash("the terminal is too narrow for the side panel");
                } else {
                    self.focus = Focus::Side;
                    if let Some(node) = self.view.current_node
                        && self.side.view == SideView::Contents
                    {
                        self.side.select(node);
                    }
                }
            }
            Action::ToggleContents => {
                self.side.wanted = !self.side.wanted;
                if !self.side.wanted {
                    self.focus = Focus::Article;
                }
            }
            Action::ToggleTerms => {
                self.side.view = match self.side.view {
                    SideView::Contents => SideView::Terms,
                    SideView::Terms => SideView::Contents,
                };
                self.side.wanted = true;
                self.side.close_filter();
                if self.side.view == SideView::Terms && self.side.terms.terms.is_empty() {
                    self.flash(if self.content.terms_ready {
                        "no recurring terms in this document"
                    } else {
                        "key terms are still being computed"
                    });
                }
            }
            _ => self.focus = Focus::Article,
        }
    }

    fn column(&mut self, action: Action, n: usize) {
        let vp = &mut self.viewport;
        let inner = usize::from(self.view.areas.article.width.saturating_sub(4)).max(20);
        vp.column = match action {
            Action::Narrower => vp.text_width().min(vp.column).saturating_sub(4 * n).max(20),
            Action::Wider => vp.column.min(inner).saturating_add(4 * n).min(400),
            _ => DEFAULT_COLUMN,
        };
        let shown = vp.column.min(inner);
        self.flash(format!("column width {shown}"));
    }

    /// Enter on the side panel (or a click): jump to the entry, or highlight the key term;
    /// the article gets the keys back.
    fn open_entry(&mut self) {
        let Some(entry) = self.side.selected() else {
            return;
        };
        self.side.close_filter();
        self.focus = Focus::Article;
        match self.side.view {
            SideView::Contents => {
                if let Some(node) = self.content.outline.nodes.get(entry) {
                    let pos = Pos::block_start(node.block);
                    self.viewport.jump(&self.content.doc, pos);
                }
            }
            SideView::Terms => {
                let Some(term) = self.side.terms.terms.get(entry) else {
                    return;
                };
                let (query, label) = (term_query(term), format!("term: {}", term.phrase));
                let from = self.viewport.top();
                let doc = &self.content.doc;
                let msg = self.search.start(query, label, doc, &mut self.viewport, from);
                self.flash_opt(msg);
            }
        }
    }

    /// Start a search from the command line (`--search`) and go to its first match.
    ///
    /// # Errors
    /// The pattern's error message when it does not compile.
    pub fn search_for(&mut self, text: &str, regex: bool) -> Result<(), String> {
        let doc = &self.content.doc;
        self.search.search_for(text, regex, doc, &mut self.viewport)
    }

    /// True while counting matches still has blocks to scan.
    #[must_use]
    pub fn has_work(&self) -> bool {
        self.search.has_work(self.content.doc.blocks.len())
    }

    /// Count matches for about `budget`.
    pub fn work(&mut self, budget: Duration) {
        self.search.work(&self.content.doc, budget);
        self.dirty = true;
    }

    // ----- frame -----------------------------------------------------------------------------

    /// Compute what the next frame shows. Call after updates, before drawing.
    pub fn prepare(&mut self) {
        let areas = screen_areas(self.screen, self.side.wanted, self.viewport.column);
        self.view.areas = areas;
        let help_width = usize::from(help_area(self.screen, 0).0.width.saturating_sub(2));
        let help_lines = crate::help::lines(help_width).len();
        let help_rows = help_area(self.screen, help_lines).1;
        self.help.scroll = self.help.scroll.min(help_lines.saturating_sub(help_rows));
        if areas.side.is_none() && self.focus == Focus::Side {
            self.focus = Focus::Article;
        }
        if areas.too_small {
            self.view.lines.clear();
            return;
        }
        let c = &self.content;
        let follow = self.viewport.follow_end && !c.load.done;
        let (width, height) = (areas.text.width, areas.text.height);
        self.view.lines = self
            .viewport
            .fit(&c.doc, usize::from(width), usize::from(height), follow);
        let at_end = self.viewport.at_end(&c.doc);
        let lines = &self.view.lines;
        let seen = view::seen_bytes(c, lines);
        self.view.percent = view::percent(c, seen, at_end);
        self.view.minutes_left = view::minutes_left(c, seen);
        let top = self.viewport.top();
        let top_byte = c.offset_of(top.block, top.byte);
        let bar = usize::from(areas.scrollbar.height);
        self.view.thumb = view::thumb(c.total_bytes(), top_byte, seen, bar);
        self.view.current_node = view::current_node(c, lines, at_end);
        self.view.current_section = self
            .view
            .current_node
            .and_then(|n| c.section_at(c.outline.nodes[n].block));
        self.view.pinned = view::pinned_heading(c, top);
        self.view.highlights = view::highlights(c, lines, self.search.active.as_ref());
        self.view.update_marks(c, self.search.active.as_ref());
        if c.outline_ready {
            self.side.update_rows(&c.outline, self.view.current_node);
            if self.focus == Focus::Article {
                self.side.follow(&c.outline, self.view.current_node);
            }
            let side_height = areas.side.map_or(1, |r| usize::from(r.height.saturating_sub(2)));
            self.side.clamp(side_height);
        }
        self.dirty = false;
    }

    /// Paragraph position within the current section: (1-based index, count).
    #[must_use]
    pub fn paragraph_in_section(&self) -> Option<(usize, usize)> {
        let section = self.view.current_section?;
        let top = self.viewport.top().block;
        let top = if self.view.current_node.is_some_and(|n| {
            self.content.outline.nodes.get(n).is_some_and(|x| x.block > top)
        }) {
            self.view.lines.last().map_or(top, |l| l.block)
        } else {
            top
        };
        self.content.paragraph_in_section(section, top)
    }

    /// Matches inside a node's block range (for the contents panel while searching).
    #[must_use]
    pub fn matches_in_node(&self, node: usize) -> Option<usize> {
        let s = self.search.active.as_ref()?;
        let n = self.content.outline.nodes.get(node)?;
        Some(s.count_in(n.block, n.end_block))
    }
}
