//! Search as the reader drives it: the prompt (a line editor with history), the active search
//! counted in slices by [`Scan`], its first match looked for in slices by [`Seek`] (typing
//! never waits for a long document), and `n`/`N` from the reading position as `less` does.

use std::time::{Duration, Instant};

use super::editor::LineEditor;
use super::status::Messages;
use super::viewport::Viewport;
use crate::action::Action;
use crate::document::Document;
use crate::layout::Pos;
use crate::search::{self, Match, Matcher, Query, Scan, Seek, Sought, Term, term_query};

/// How long a key waits for the first match before the view moves on without it (the search
/// goes on between keys and the view jumps when it is found).
const SEEK_BUDGET: Duration = Duration::from_millis(15);
/// How often the count is redrawn while it grows.
const COUNT_REDRAW: Duration = Duration::from_millis(50);

/// The search prompt being edited.
#[derive(Debug, Default)]
pub struct Prompt {
    /// The line being typed.
    pub editor: LineEditor,
    /// Regex mode (Ctrl-r toggles).
    pub regex: bool,
    /// The pattern error, shown in the prompt.
    pub error: Option<String>,
    /// Where the view was when the prompt opened (cancel returns there).
    origin: Pos,
    /// The search active before typing began (cancel restores it), once typing began.
    saved: Saved,
    /// Position in the history while walking it with Up/Down.
    history_pos: Option<usize>,
}

/// What the prompt keeps of the search that was active when it opened.
#[derive(Debug, Default)]
enum Saved {
    /// Nothing typed yet: the active search is still the old one.
    #[default]
    Untouched,
    /// Typing replaced the active search; this was it.
    Kept(Option<Box<ActiveSearch>>),
}

/// A search whose matches are highlighted.
#[derive(Debug)]
pub struct ActiveSearch {
    /// The query.
    pub query: Query,
    /// What the status bar calls it (the query, `/regex/`, or `term: …`).
    pub label: String,
    /// The matcher and every match counted so far.
    scan: Scan,
    /// The current match.
    pub current: Option<Match>,
    /// The match being looked for, while it is (the view jumps when it is found).
    seek: Option<Seek>,
    /// When the count on screen was last brought up to date.
    shown: Option<Instant>,
}

impl ActiveSearch {
    fn new(query: Query, label: String, matcher: Matcher) -> Self {
        Self {
            query,
            label,
            scan: Scan::new(matcher),
            current: None,
            seek: None,
            shown: None,
        }
    }

    /// Look for the first match of `seek` for about `budget`; when found, it becomes the
    /// current match and the view shows it. Returns a message to show (wrapped, not found).
    fn advance(&mut self, doc: &Document, view: &mut Viewport, budget: Duration) -> Option<String> {
        let seek = self.seek.as_mut()?;
        match seek.step(&self.scan.matcher, &doc.blocks, budget) {
            Sought::Going => None,
            Sought::Nowhere => {
                self.seek = None;
                Some(format!("pattern not found: {}", self.label))
            }
            Sought::Found(m, wrapped) => {
                self.seek = None;
                view.show(doc, start_of(&m), end_of(&m));
                self.current = Some(m);
                wrapped.then(|| "search wrapped to the top".to_string())
            }
        }
    }

    /// Still looking for the first match.
    #[must_use]
    pub fn seeking(&self) -> bool {
        self.seek.is_some()
    }

    /// The compiled query.
    #[must_use]
    pub fn matcher(&self) -> &Matcher {
        &self.scan.matcher
    }

    /// Every match counted so far, in document order.
    #[must_use]
    pub fn matches(&self) -> &[Match] {
        &self.scan.matches
    }

    /// True once every block was scanned.
    #[must_use]
    pub fn complete(&self, blocks: usize, loading: bool) -> bool {
        !loading && self.scan.next_block >= blocks
    }

    /// 1-based index of the current match in the full list, when counted.
    #[must_use]
    pub fn current_index(&self) -> Option<usize> {
        let cur = self.current.as_ref()?;
        let m = self.matches();
        let i = m
            .partition_point(|x| (x.block, x.byte_range.start) < (cur.block, cur.byte_range.start));
        (m.get(i) == Some(cur)).then_some(i + 1)
    }

    /// Matches in the blocks `[start, end)`.
    #[must_use]
    pub fn count_in(&self, start: usize, end: usize) -> usize {
        let m = self.matches();
        m.partition_point(|x| x.block < end) - m.partition_point(|x| x.block < start)
    }
}

/// The label of a query in the status bar.
fn label_of(query: &Query) -> String {
    if query.regex {
        format!("/{}/", query.text)
    } else {
        query.text.clone()
    }
}

/// True when `query` is `earlier` typed further: both literal, its text the earlier one's
/// followed by more.
fn extends(query: &Query, earlier: &Query) -> bool {
    !query.regex && !earlier.regex && query.text.starts_with(&earlier.text)
}

fn start_of(m: &Match) -> Pos {
    Pos {
        block: m.block,
        byte: m.byte_range.start,
    }
}

fn end_of(m: &Match) -> Pos {
    Pos {
        block: m.block,
        byte: m.byte_range.end,
    }
}

/// The prompt, the active search and the history of queries.
#[derive(Debug, Default)]
pub struct SearchState {
    /// The prompt, when open.
    pub prompt: Option<Prompt>,
    /// The highlighted search.
    pub active: Option<ActiveSearch>,
    /// Queries entered this session, oldest first.
    pub history: Vec<String>,
}

impl SearchState {
    /// Open the prompt at the reading position.
    pub fn open(&mut self, origin: Pos) {
        self.prompt = Some(Prompt {
            origin,
            ..Prompt::default()
        });
    }

    /// `/` opens the prompt at the reading position; `n`/`N` go `n` matches on (a message
    /// in `messages` says when the search wrapped or found nothing). False when `action` is
    /// not one of these.
    pub fn command(
        &mut self,
        action: Action,
        n: usize,
        content: &super::Content,
        view: &mut Viewport,
        messages: &mut Messages,
    ) -> bool {
        let (doc, loading) = (&content.doc, !content.load.done);
        match action {
            Action::Search => {
                messages.clear();
                self.open(view.top());
            }
            Action::NextMatch | Action::PrevMatch => {
                let forward = action == Action::NextMatch;
                let message = (0..n)
                    .map(|_| self.step(forward, doc, view, loading))
                    .last()
                    .flatten();
                if let Some(m) = message {
                    messages.flash(m);
                }
            }
            _ => return false,
        }
        true
    }

    /// Where the view was when the prompt opened, while it is open.
    #[must_use]
    pub fn origin(&self) -> Option<Pos> {
        self.prompt.as_ref().map(|p| p.origin)
    }

    /// True while the first match is looked for or counting has blocks to scan.
    #[must_use]
    pub fn has_work(&self, blocks: usize) -> bool {
        self.active
            .as_ref()
            .is_some_and(|s| s.seek.is_some() || s.scan.next_block < blocks)
    }

    /// Look for the first match, then count matches, for about `budget`. Returns whether the
    /// screen is worth redrawing (the match found, the count done or due for an update) and a
    /// message to show.
    pub fn work(
        &mut self,
        doc: &Document,
        view: &mut Viewport,
        budget: Duration,
    ) -> (bool, Option<String>) {
        let Some(s) = &mut self.active else {
            return (false, None);
        };
        let start = Instant::now();
        let was_seeking = s.seek.is_some();
        let message = s.advance(doc, view, budget);
        let found = was_seeking && s.seek.is_none();
        let left = budget.saturating_sub(start.elapsed());
        let mut counted = false;
        if s.seek.is_none() && !left.is_zero() && s.scan.next_block < doc.blocks.len() {
            counted = s.scan.step(&doc.blocks, left);
        }
        let due = s.shown.is_none_or(|t| t.elapsed() >= COUNT_REDRAW);
        if found || counted || due {
            s.shown = Some(Instant::now());
        }
        (found || counted || due || message.is_some(), message)
    }

    /// Start a search and go to its first match from `from`. Returns a message to show.
    pub fn start(
        &mut self,
        query: Query,
        label: String,
        doc: &Document,
        view: &mut Viewport,
        from: Pos,
    ) -> Option<String> {
        let matcher = match Matcher::new(&query) {
            Ok(m) => m,
            Err(e) => return Some(e),
        };
        self.start_seek(
            query,
            label,
            matcher,
            Seek::new(from.block, from.byte),
            doc,
            view,
        )
    }

    /// Start a search that looks for its first match with `seek`.
    fn start_seek(
        &mut self,
        query: Query,
        label: String,
        matcher: Matcher,
        seek: Seek,
        doc: &Document,
        view: &mut Viewport,
    ) -> Option<String> {
        let mut active = ActiveSearch::new(query, label, matcher);
        active.seek = Some(seek);
        let message = active.advance(doc, view, SEEK_BUDGET);
        self.active = Some(active);
        message
    }

    /// Highlight a key term, from the reading position.
    pub fn start_term(
        &mut self,
        term: &Term,
        doc: &Document,
        view: &mut Viewport,
    ) -> Option<String> {
        let label = format!("term: {}", term.phrase);
        let from = view.top();
        self.start(term_query(term), label, doc, view, from)
    }

    /// Search for `text` from the top of the document (`--search`), adding it to the history.
    ///
    /// # Errors
    /// The pattern's error message when it does not compile.
    pub fn search_for(
        &mut self,
        text: &str,
        regex: bool,
        doc: &Document,
        view: &mut Viewport,
    ) -> Result<(), String> {
        let query = Query {
            text: text.to_string(),
            regex,
        };
        Matcher::new(&query)?;
        self.history.push(text.to_string());
        let label = label_of(&query);
        self.start(query, label, doc, view, Pos::default());
        Ok(())
    }

    /// A key of the prompt; the status bar shows what it led to. The prompt closes on accept
    /// and cancel.
    pub fn prompt_key(
        &mut self,
        action: Action,
        typed: Option<char>,
        doc: &Document,
        view: &mut Viewport,
        messages: &mut Messages,
    ) {
        messages.clear();
        messages.say(self.prompt_action(action, typed, doc, view));
    }

    /// A key of the prompt; returns a message to show.
    fn prompt_action(
        &mut self,
        action: Action,
        typed: Option<char>,
        doc: &Document,
        view: &mut Viewport,
    ) -> Option<String> {
        let prompt = self.prompt.as_mut()?;
        let changed = match action {
            Action::Type => typed.is_some_and(|c| prompt.editor.insert(c.encode_utf8(&mut [0; 4]))),
            Action::Backspace if prompt.editor.is_empty() => return self.cancel(doc, view),
            Action::PromptCancel => return self.cancel(doc, view),
            Action::PromptAccept => return self.accept(doc, view),
            Action::ToggleRegex => {
                prompt.regex = !prompt.regex;
                true
            }
            Action::HistoryPrev | Action::HistoryNext => {
                if self.history.is_empty() {
                    return None;
                }
                let last = self.history.len() - 1;
                let pos = match (prompt.history_pos, action) {
                    (None, Action::HistoryPrev) => Some(last),
                    (None, _) => None,
                    (Some(p), Action::HistoryPrev) => Some(p.saturating_sub(1)),
                    (Some(p), _) => (p < last).then_some(p + 1),
                };
                prompt.history_pos = pos;
                let text = pos
                    .and_then(|p| self.history.get(p))
                    .map_or("", String::as_str);
                prompt.editor = LineEditor::with_text(text);
                true
            }
            other => prompt.editor.edit(other),
        };
        if changed {
            self.prompt_changed(doc, view);
        }
        None
    }

    /// Recompile the prompt's query and show its first match from where the prompt opened.
    /// A literal typed further goes on from the previous one's match (or from as far as it
    /// had looked): each match of the longer text starts where the shorter one matches.
    fn prompt_changed(&mut self, doc: &Document, view: &mut Viewport) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        if matches!(prompt.saved, Saved::Untouched) {
            prompt.saved = Saved::Kept(self.active.take().map(Box::new));
        }
        let query = Query {
            text: prompt.editor.text().to_string(),
            regex: prompt.regex,
        };
        let origin = prompt.origin;
        let previous = self.active.take();
        if query.text.trim().is_empty() {
            prompt.error = None;
            view.jump(doc, origin);
            return;
        }
        match Matcher::new(&query) {
            Ok(matcher) => {
                prompt.error = None;
                view.jump(doc, origin);
                let seek = Seek::new(origin.block, origin.byte);
                let seek = match previous.filter(|p| extends(&query, &p.query)) {
                    Some(p) if p.seek.is_some() || p.current.is_some() => {
                        Seek::resume(p.seek.unwrap_or(seek), p.current.as_ref())
                    }
                    _ => seek,
                };
                let label = label_of(&query);
                self.start_seek(query, label, matcher, seek, doc, view);
            }
            Err(e) => prompt.error = Some(e),
        }
    }

    /// Close the prompt: the view back where it was, the previous search as it was.
    fn cancel(&mut self, doc: &Document, view: &mut Viewport) -> Option<String> {
        let prompt = self.prompt.take()?;
        if let Saved::Kept(saved) = prompt.saved {
            self.active = saved.map(|s| *s);
        }
        view.jump(doc, prompt.origin);
        None
    }

    /// Keep the search. An invalid pattern keeps the prompt open; an empty prompt repeats the
    /// last search from the reading position.
    fn accept(&mut self, doc: &Document, view: &mut Viewport) -> Option<String> {
        let prompt = self.prompt.as_ref()?;
        if prompt.error.is_some() {
            return None;
        }
        let text = prompt.editor.text().to_string();
        let prompt = self.prompt.take()?;
        if text.trim().is_empty() {
            if let Saved::Kept(saved) = prompt.saved {
                self.active = saved.map(|s| *s);
            }
            let last = self.history.last()?.clone();
            let query = Query {
                text: last,
                regex: prompt.regex,
            };
            let label = label_of(&query);
            let from = view.top();
            return self
                .start(query, label, doc, view, from)
                .or_else(|| self.not_found());
        }
        self.history.retain(|h| h != &text);
        self.history.push(text);
        self.not_found()
    }

    fn not_found(&self) -> Option<String> {
        let s = self.active.as_ref()?;
        (s.current.is_none() && !s.seeking()).then(|| format!("pattern not found: {}", s.label))
    }

    /// `n` / `N`: the next match below the top of the screen (or after the current match when
    /// it is on screen), the previous one above the bottom (or before the current match).
    pub fn step(
        &mut self,
        forward: bool,
        doc: &Document,
        view: &mut Viewport,
        loading: bool,
    ) -> Option<String> {
        let Some(s) = self.active.as_mut() else {
            let Some(last) = self.history.last().cloned() else {
                return Some("no search yet: press / to search".into());
            };
            return self
                .search_for(&last, false, doc, view)
                .err()
                .or_else(|| self.not_found());
        };
        let (first, end) = view.screen_span(doc);
        let on_screen = s
            .current
            .as_ref()
            .filter(|m| start_of(m) >= first && start_of(m) < end);
        let from = match (on_screen, forward) {
            (Some(m), true) => Pos {
                block: m.block,
                byte: m.byte_range.start + 1,
            },
            (Some(m), false) => start_of(m),
            (None, true) => first,
            (None, false) => end,
        };
        if forward && !s.complete(doc.blocks.len(), loading) {
            // Not all counted yet: look from here (in slices on a long document).
            s.seek = Some(Seek::new(from.block, from.byte));
            return s.advance(doc, view, SEEK_BUDGET);
        }
        let pick = if forward {
            search::next_match(s.matches(), from.block, from.byte)
        } else {
            search::prev_match(s.matches(), from.block, from.byte)
        };
        let found = pick.and_then(|(i, wrapped)| s.matches().get(i).cloned().map(|m| (m, wrapped)));
        let Some((m, wrapped)) = found else {
            return Some(format!("pattern not found: {}", s.label));
        };
        view.show(doc, start_of(&m), end_of(&m));
        s.current = Some(m);
        wrapped.then(|| {
            if forward {
                "search wrapped to the top".to_string()
            } else {
                "search wrapped to the bottom".to_string()
            }
        })
    }

    /// Paste into the prompt.
    pub fn paste(&mut self, text: &str, doc: &Document, view: &mut Viewport) {
        if let Some(p) = self.prompt.as_mut()
            && p.editor.insert(text)
        {
            self.prompt_changed(doc, view);
        }
    }
}
