//! The reader's state: `App` routes keys, mouse, resizes and loader messages to its parts and
//! returns effects; it does no I/O and touches no terminal.
//!
//! The parts: [`content`] (the document, loading, the outline), [`viewport`] (where the view
//! is, scrolling and jumps), [`side`] (contents and key terms), [`search`] (prompt, active
//! search, `n`/`N`), [`view`] (what the next frame shows). Keys go through the one key table
//! ([`crate::keymap`]) in the mode the reader is in.

pub mod content;
pub mod editor;
pub mod help;
mod input;
pub mod links;
pub mod memory;
mod pace;
pub mod reading;
mod restore;
pub mod search;
pub mod select;
pub mod side;
pub mod status;
pub mod view;
pub mod viewport;

use std::sync::Arc;
use std::time::Duration;

use ratatui::layout::Rect;

use crate::action::Action;
use crate::analysis;
use crate::document::{Block, Document};
use crate::keymap::Mode;
use crate::layout::Pos;
use crate::loader::LoadEvent;
use crate::outline::Outline;
use crate::search::Term;
use crate::theme::Theme;

pub use content::{Content, LoadState};
pub use help::HelpOverlay;
pub use memory::Memory;
pub use reading::{HintMode, Pending};
pub use search::{ActiveSearch, Prompt, SearchState};
pub use select::{NoteEdit, Selection};
pub use side::{Focus, SidePanel, SideView};
pub use status::Messages;
pub use view::View;
pub use viewport::Viewport;

/// Something the event loop must do on the app's behalf.
#[derive(Clone, Debug)]
pub enum Effect {
    /// Stop the process until `fg` (restore the terminal first).
    Suspend,
    /// Compute the outline and key terms of this document in the background.
    Analyze(Arc<Document>),
    /// Save the reader's state for this document (off the UI thread).
    Save(Box<crate::state::DocState>),
    /// Copy this (sanitized) text to the clipboard with OSC 52.
    Copy(String),
    /// Edit highlight `index`'s note in `$EDITOR`, starting from `text`.
    EditNote {
        /// The highlight's index.
        index: usize,
        /// The note so far.
        text: String,
    },
    /// Write the highlights as Markdown beside the state and say where.
    Export(Box<crate::state::DocState>),
}

/// The whole state of the reader.
#[derive(Debug, Default)]
pub struct App {
    /// The document, loading progress and outline.
    pub content: Content,
    /// Where the article view is.
    pub viewport: Viewport,
    /// The side panel.
    pub side: SidePanel,
    /// Search.
    pub search: SearchState,
    /// The selected link.
    pub links: links::LinkCursor,
    /// The help overlay.
    pub help: HelpOverlay,
    /// Pending count typed before a command.
    pub count: Option<usize>,
    /// The status bar's message.
    pub messages: Messages,
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
    /// The styles the widgets draw with.
    pub theme: Theme,
    /// A reading speed set in the config (words per minute) instead of the measured one.
    pub fixed_wpm: Option<f64>,
    /// The reader's measured pace.
    pub pace: crate::pace::PaceMeter,
    /// Side panel side and width, margins.
    pub layout_prefs: crate::geometry::Prefs,
    /// Auto-scroll, while it runs.
    pub auto_scroll: Option<crate::pace::auto_scroll::AutoScroll>,
    /// Auto-scroll speed from the config (words per minute; 0: the reading speed).
    pub auto_scroll_wpm: u16,
    /// When this reader started (the pace meter's and auto-scroll's clock).
    pub(crate) started: Option<std::time::Instant>,
    /// The reader's saved place, marks, jump list and highlights.
    pub memory: Memory,
    /// `m` or `'` waits for a letter.
    pub pending: Option<Pending>,
    /// A selection being made (`v`).
    pub selection: Option<Selection>,
    /// A note being written.
    pub note: Option<NoteEdit>,
    /// Link-hint mode (`o`).
    pub hints: Option<HintMode>,
    /// Where the view was when the search prompt opened (the place a search jump leaves).
    search_origin: Pos,
}

impl App {
    /// A reader for `doc` (more blocks may arrive from the loader) on a `screen`.
    #[must_use]
    pub fn new(doc: Document, screen: Rect) -> Self {
        let Document {
            title,
            date,
            byline,
            site,
            blocks,
            toc,
        } = doc;
        let mut app = Self {
            content: Content::new(title, date),
            screen,
            ..Self::default()
        };
        {
            let doc = Arc::make_mut(&mut app.content.doc);
            doc.byline = byline;
            doc.site = site;
            doc.toc = toc;
        }
        app.add_blocks(blocks);
        app
    }

    /// Apply the user's configuration: column width, text style, contents panel, pace.
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.viewport.column = usize::from(config.reading.column_width);
        self.viewport.default_column = self.viewport.column;
        self.viewport.layout.set_style(config.text_style());
        self.side.wanted = config.contents.show;
        self.layout_prefs = crate::geometry::Prefs {
            side_right: config.contents.side == crate::config::Side::Right,
            side_width: config.contents.width,
            margins: config.reading.margins,
        };
        self.auto_scroll_wpm = config.pace.auto_scroll;
        if config.pace.words_per_minute > 0 {
            self.fixed_wpm = Some(f64::from(config.pace.words_per_minute));
        }
        self.dirty = true;
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
        self.try_restore();
        self.dirty = true;
    }

    /// A message from the loader.
    pub fn load_event(&mut self, event: LoadEvent) {
        match event {
            LoadEvent::Blocks(blocks) if self.content.ahead.is_some() => self.fill_ahead(blocks),
            LoadEvent::Blocks(blocks) => self.add_blocks(blocks),
            LoadEvent::Title { title, date } => self.content.set_title(title, date),
            LoadEvent::Toc(toc) => Arc::make_mut(&mut self.content.doc).toc = Some(toc),
            LoadEvent::Progress(bytes, total) => self.content.progress(bytes, total),
            LoadEvent::Done(notices) => self.load_finished(notices),
            ahead @ (LoadEvent::Ahead { .. } | LoadEvent::Joined | LoadEvent::Discard(_)) => {
                self.ahead_event(ahead);
            }
        }
        self.dirty = true;
    }

    /// The loader finished; `notices` are shown once (invalid UTF-8, capped input, errors).
    pub fn load_finished(&mut self, notices: Vec<String>) {
        self.content.load.done = true;
        if std::mem::take(&mut self.viewport.follow_end) {
            // `G` while loading: the true end, even when the last text came in the same batch.
            self.viewport.bottom(&self.content.doc);
        }
        self.messages
            .loaded(self.content.doc.blocks.is_empty(), notices);
        self.effects
            .push(Effect::Analyze(Arc::clone(&self.content.doc)));
        self.try_restore();
        if self.memory.enabled {
            self.memory.resolve(&self.content.doc);
        }
        self.dirty = true;
    }

    /// Install the outline computed for the document.
    pub fn set_outline(&mut self, outline: Outline) {
        self.side.set_outline(&outline);
        self.content.outline = outline;
        self.content.outline_ready = true;
        self.restored_section_known();
        self.dirty = true;
    }

    /// Install the key terms.
    pub fn set_terms(&mut self, terms: Vec<Term>) {
        self.side.set_terms(terms);
        self.content.terms_ready = true;
        self.dirty = true;
    }

    /// Show a transient message in the status bar.
    pub fn flash(&mut self, text: impl Into<String>) {
        self.messages.flash(text);
        self.dirty = true;
    }

    fn flash_opt(&mut self, text: Option<String>) {
        if let Some(t) = text {
            self.flash(t);
        }
    }

    /// The terminal changed size.
    pub fn resize(&mut self, width: u16, height: u16) {
        self.screen = Rect::new(0, 0, width, height);
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
        let before = self.viewport.top();
        let mode = self.mode();
        if self.reader_mode_action(mode, action, typed) {
            return;
        }
        match mode {
            Mode::Prompt => {
                let doc = &self.content.doc;
                let msg = self
                    .search
                    .prompt_action(action, typed, doc, &mut self.viewport);
                self.messages.clear();
                self.flash_opt(msg);
                if action == Action::PromptAccept && self.search.prompt.is_none() {
                    let to = self.viewport.top();
                    self.memory.jumps.record(self.search_origin, to);
                }
            }
            Mode::List {
                filtering: true, ..
            } if matches!(
                action,
                Action::Type | Action::Backspace | Action::CloseFilter
            ) =>
            {
                if action == Action::CloseFilter {
                    self.side.close_filter();
                } else {
                    self.side.filter_action(action, typed);
                }
            }
            _ => {
                self.apply_command(action, count);
                if reading::is_jump(action) {
                    let to = self.viewport.top();
                    self.memory.jumps.record(before, to);
                }
            }
        }
    }

    fn apply_command(&mut self, action: Action, count: Option<usize>) {
        if self.reader_command(action) {
            return;
        }
        let n = count.unwrap_or(1).max(1);
        match action {
            Action::Search => {
                self.messages.clear();
                self.search_origin = self.viewport.top();
                self.search.open(self.viewport.top());
            }
            Action::NextMatch | Action::PrevMatch => {
                let (doc, loading) = (&self.content.doc, !self.content.load.done);
                let forward = action == Action::NextMatch;
                let mut message = None;
                for _ in 0..n {
                    message = self.search.step(forward, doc, &mut self.viewport, loading);
                }
                self.flash_opt(message);
            }
            Action::ClearSearch => self.clear(),
            Action::NextLink | Action::PrevLink => {
                let (doc, lines) = (&self.content.doc, &self.view.lines);
                if !self.links.step(doc, lines, action == Action::NextLink) {
                    self.flash("no link on screen");
                }
            }
            Action::FollowLink => self.follow_link(),
            Action::Help
            | Action::CloseHelp
            | Action::HelpDown
            | Action::HelpUp
            | Action::HelpPageDown
            | Action::HelpPageUp => self.help.apply(action, self.screen),
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::ToggleFocus
            | Action::ToggleContents
            | Action::ToggleTerms
            | Action::Unfocus => {
                self.toggle(action);
            }
            Action::Narrower | Action::Wider | Action::ResetWidth => self.column(action, n),
            Action::AutoScroll | Action::ScrollFaster | Action::ScrollSlower => {
                self.auto_scroll_command(action);
            }
            Action::EntryOpen => self.open_entry(),
            Action::EntryDown
            | Action::EntryUp
            | Action::EntryFirst
            | Action::EntryLast
            | Action::EntryFold
            | Action::EntryUnfold
            | Action::OpenFilter
            | Action::CloseFilter => {
                let current = self.view.current_node;
                self.side.apply(action, n, &self.content.outline, current);
            }
            other => self.movement(other, count),
        }
    }

    /// `o`: jump to the anchor an in-document link names; say where any other link points.
    /// `o`: follow the link selected with `l`; with none selected, label the links on screen
    /// to pick one (link hints).
    fn follow_link(&mut self) {
        let Some(target) = self.links.link(&self.content.doc).map(|l| l.target.clone()) else {
            self.start_hints();
            return;
        };
        self.links.selected = None;
        self.follow(&target);
    }

    /// Esc in the article: clear the selected link, else the search highlight, else a pending
    /// count or message.
    fn clear(&mut self) {
        if self.links.selected.take().is_some() {
            self.messages.clear();
        } else if self.search.active.is_some() {
            self.search.active = None;
            self.flash("search cleared");
        } else {
            self.count = None;
            self.messages.clear();
        }
    }

    /// Movement in the article.
    fn movement(&mut self, action: Action, count: Option<usize>) {
        let n = count.unwrap_or(1).max(1);
        let doc = &self.content.doc;
        match action {
            Action::Top => match count {
                Some(p) => self.viewport.goto_percent(&self.content, p),
                None => self.viewport.top_of_document(),
            },
            Action::Percent => self
                .viewport
                .goto_percent(&self.content, count.unwrap_or(0)),
            Action::Bottom => {
                self.viewport.bottom(doc);
                if !self.content.load.done {
                    self.viewport.follow_end = true;
                    self.flash("still loading: following the end");
                }
            }
            Action::NextSection | Action::PrevSection => {
                for _ in 0..n {
                    self.section_jump(action == Action::NextSection);
                }
            }
            other => self.viewport.apply(doc, other, n),
        }
    }

    fn section_jump(&mut self, forward: bool) {
        let current = self.view.current_section;
        match self.viewport.section_jump(&self.content, current, forward) {
            Ok(section) => self.view.current_section = section.or(current),
            Err(message) => self.flash(message),
        }
    }

    fn toggle(&mut self, action: Action) {
        let width = self.screen.width;
        let (current, ready) = (self.view.current_node, self.content.terms_ready);
        if let Some(message) = self.side.toggle(action, width, current, ready) {
            self.flash(message);
        }
    }

    fn column(&mut self, action: Action, n: usize) {
        let inner = usize::from(self.view.areas.article.width.saturating_sub(4)).max(20);
        let shown = self.viewport.change_column(action, n, inner);
        self.flash(format!("column width {shown}"));
    }

    /// Enter on the side panel (or a click): jump to the entry, or highlight the key term;
    /// the article gets the keys back.
    fn open_entry(&mut self) {
        let Some(entry) = self.side.selected() else {
            return;
        };
        self.side.close_filter();
        self.side.focus = Focus::Article;
        match self.side.view {
            SideView::Contents => {
                if let Some(node) = self.content.outline.nodes.get(entry) {
                    let pos = Pos::block_start(node.block);
                    self.viewport.jump(&self.content.doc, pos);
                }
            }
            SideView::Highlights => {
                let before = self.viewport.top();
                self.side.marks.selected = entry;
                self.highlight_entry(Action::EntryOpen);
                let to = self.viewport.top();
                self.memory.jumps.record(before, to);
            }
            SideView::Terms => {
                if let Some(term) = self.side.terms.terms.get(entry) {
                    let doc = &self.content.doc;
                    let msg = self.search.start_term(term, doc, &mut self.viewport);
                    self.flash_opt(msg);
                }
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

    /// Compute what the next frame shows. Call after updates, before drawing.
    pub fn prepare(&mut self) {
        self.memory.top_moved(self.viewport.top());
        let areas = crate::geometry::screen_areas_with(
            self.screen,
            self.side.wanted,
            self.viewport.column,
            &self.layout_prefs,
        );
        self.view.areas = areas;
        self.view.wpm = self.words_per_minute();
        if self.help.open {
            self.help.clamp(self.screen);
        }
        if areas.side.is_none() && self.side.focus == Focus::Side {
            self.side.focus = Focus::Article;
        }
        if areas.too_small {
            self.view.lines.clear();
            return;
        }
        let c = &self.content;
        let search = self.search.active.as_ref();
        self.view.compute(c, &mut self.viewport, search);
        self.side.marks.rows = (0..self.memory.highlights().len()).collect();
        self.view.paint = self.paint();
        self.links.keep_visible(&c.doc, &self.view.lines);
        if c.outline_ready {
            let rows = areas
                .side
                .map_or(1, |r| usize::from(r.height.saturating_sub(2)));
            self.side.prepare(&c.outline, self.view.current_node, rows);
        }
        self.dirty = false;
    }
}
