//! The reader's state: `App` routes keys, mouse, resizes and loader messages to its parts and
//! returns effects; it does no I/O and touches no terminal.
//!
//! The parts: [`content`] (the document, loading, the outline), [`viewport`] (where the view
//! is, scrolling and jumps), [`side`] (contents and key terms), [`search`] (prompt, active
//! search, `n`/`N`), [`view`] (what the next frame shows). Keys go through the one key table
//! ([`crate::keymap`]) in the mode the reader is in.

mod arrival;
pub mod content;
pub mod editor;
pub mod help;
mod input;
pub mod links;
pub mod memory;
pub mod modes;
pub mod pace;
pub mod places;
pub mod reading;
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
use crate::document::Document;
use crate::keymap::Mode;
use crate::loader::LoadEvent;
use crate::outline::Outline;
use crate::search::Term;
use crate::theme::Theme;

pub use content::{Content, LoadState};
pub use help::HelpOverlay;
pub use links::HintMode;
pub use memory::Memory;
pub use modes::{Modes, Parts};
pub use pace::Pacing;
pub use places::Pending;
pub use search::{ActiveSearch, Prompt, SearchState};
pub use select::{NoteEdit, Selection};
pub use side::{Focus, Opened, SidePanel, SideView};
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
    /// The reader's pace and auto-scroll.
    pub pacing: Pacing,
    /// Side panel side and width, margins.
    layout_prefs: crate::geometry::Prefs,
    /// The reader's saved place, marks, jump list and highlights.
    pub memory: Memory,
    /// The reader's own modes: mark letters, selection, note, link hints.
    pub modes: Modes,
}

impl App {
    /// A reader for `doc` (more blocks may arrive from the loader) on a `screen`.
    #[must_use]
    pub fn new(mut doc: Document, screen: Rect) -> Self {
        let blocks = std::mem::take(&mut doc.blocks);
        let content = Content {
            doc: Arc::new(doc),
            ..Content::default()
        };
        let mut app = Self {
            content,
            screen,
            ..Self::default()
        };
        app.arrival().add_blocks(blocks);
        app
    }

    /// Apply the user's configuration: column width, text style, contents panel, pace.
    pub fn configure(&mut self, config: &crate::config::Config) {
        self.viewport.configure(config);
        self.side.wanted = config.contents.show;
        self.layout_prefs = crate::geometry::Prefs::from_config(config);
        self.pacing.configure(&config.pace);
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

    /// The reader's modes and the parts their keys act on, for one key.
    fn modes_and_parts(&mut self) -> (&mut Modes, Parts<'_>) {
        let parts = Parts {
            doc: &self.content.doc,
            lines: &self.view.lines,
            viewport: &mut self.viewport,
            memory: &mut self.memory,
            side: &mut self.side,
            links: &mut self.links,
            messages: &mut self.messages,
            effects: &mut self.effects,
            current_match: self.search.active.as_ref().and_then(|s| s.current.as_ref()),
            width: self.screen.width,
        };
        (&mut self.modes, parts)
    }

    /// The document.
    #[must_use]
    pub fn doc(&self) -> &Document {
        &self.content.doc
    }

    /// A message from the loader.
    pub fn load_event(&mut self, event: LoadEvent) {
        self.arrival().load_event(event);
        self.dirty = true;
    }

    /// Install the outline computed for the document.
    pub fn set_outline(&mut self, outline: Outline) {
        self.side.set_outline();
        (self.content.outline, self.content.outline_ready) = (outline, true);
        self.arrival().restored_section_known();
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
        if !matches!(action, Action::Bottom | Action::Follow) {
            self.viewport.follow_end = false;
        }
        // The place a jump leaves: for a search typed at the prompt, where the prompt opened.
        let from = self.search.origin().unwrap_or(self.viewport.top());
        let mode = self.mode();
        let (modes, mut parts) = self.modes_and_parts();
        if modes.key(mode, action, typed, &mut parts) {
            return;
        }
        match mode {
            Mode::Prompt => {
                let (doc, view) = (&self.content.doc, &mut self.viewport);
                let messages = &mut self.messages;
                self.search.prompt_key(action, typed, doc, view, messages);
            }
            Mode::List {
                filtering: true, ..
            } if self.side.filter_key(action, typed) => {}
            _ => self.apply_command(action, count),
        }
        let searched = action == Action::PromptAccept && self.search.prompt.is_none();
        if reading::is_jump(action) || searched {
            self.memory.jumps.record(from, self.viewport.top());
        }
    }

    fn apply_command(&mut self, action: Action, count: Option<usize>) {
        let (modes, mut parts) = self.modes_and_parts();
        if modes.command(action, &mut parts) || self.help.apply(action, self.screen) {
            return;
        }
        let (n, c, messages) = (count.unwrap_or(1).max(1), &self.content, &mut self.messages);
        let (node, width) = (self.view.current_node, self.screen.width);
        if self
            .search
            .command(action, n, c, &mut self.viewport, messages)
            || self.side.command(action, n, c, node, width, messages)
        {
            return;
        }
        match action {
            Action::ClearSearch => self.clear(),
            Action::Quit => self.quit = true,
            Action::Suspend => self.effects.push(Effect::Suspend),
            Action::ExportHighlights => match self.state_snapshot() {
                Some(state) => self.effects.push(Effect::Export(Box::new(state))),
                None => self.flash("saving is off (--no-state): nothing to export"),
            },
            Action::AutoScroll | Action::ScrollFaster | Action::ScrollSlower => {
                let message = self.pacing.command(action, &c.doc, &self.view.lines);
                self.flash(message);
            }
            Action::EntryOpen => self.open_entry(),
            other => {
                let section = self.view.current_section;
                let message = self.viewport.go(c, other, count, section);
                self.messages.say(message);
            }
        }
    }

    /// Esc in the article: clear the selected link, else the search highlight, else a pending
    /// count or message.
    fn clear(&mut self) {
        if self.links.selected.take().is_some() {
            self.messages.clear();
        } else if self.search.active.take().is_some() {
            self.flash("search cleared");
        } else {
            self.count = None;
            self.messages.clear();
        }
    }

    /// Enter on the side panel (or a click): jump to the entry, or highlight the key term;
    /// the article gets the keys back.
    fn open_entry(&mut self) {
        let doc = &self.content.doc;
        match self.side.open(&self.content.outline) {
            Some(Opened::Place(pos)) => self.viewport.jump(doc, pos),
            Some(Opened::Term(term)) => {
                let message = self.search.start_term(term, doc, &mut self.viewport);
                self.messages.say(message);
            }
            Some(Opened::Highlight) => {
                let (modes, mut parts) = self.modes_and_parts();
                modes.highlight_entry(Action::EntryOpen, &mut parts);
            }
            None => {}
        }
    }

    /// True while there is work between keys: the search's first match to find or matches to
    /// count, or a long text's contents filter naming its entries.
    #[must_use]
    pub fn has_work(&self) -> bool {
        self.search.has_work(self.content.doc.blocks.len()) || self.side.filter_pending()
    }

    /// Do that work for about `budget`: the search first.
    pub fn work(&mut self, budget: Duration) {
        if self.search.has_work(self.content.doc.blocks.len()) {
            let (doc, view) = (&self.content.doc, &mut self.viewport);
            let (redraw, message) = self.search.work(doc, view, budget);
            self.messages.say(message);
            self.dirty |= redraw;
        } else if self.side.filter_pending() {
            self.dirty |= self.side.filter_work(&self.content, budget);
        }
    }

    /// Compute what the next frame shows. Call after updates, before drawing.
    pub fn prepare(&mut self) {
        self.memory.top_moved(self.viewport.top());
        let (column, prefs) = (self.viewport.column, &self.layout_prefs);
        let areas =
            crate::geometry::screen_areas_with(self.screen, self.side.wanted, column, prefs);
        self.view.areas = areas;
        self.view.wpm = self.pacing.words_per_minute();
        self.help.clamp(self.screen);
        let c = &self.content;
        if areas.too_small {
            self.view.lines.clear();
        } else {
            self.view
                .compute(c, &mut self.viewport, self.search.active.as_ref());
            let (selection, hints) = (self.modes.selection, self.modes.hints.as_ref());
            self.view.paint = view::paint(&self.view.lines, &self.memory, selection, hints);
            self.links.keep_visible(&c.doc, &self.view.lines);
        }
        let highlights = self.memory.highlights().len();
        self.side
            .prepare(c, self.view.current_node, areas.side, highlights);
        self.dirty = false;
    }
}
