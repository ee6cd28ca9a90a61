//! Search as the reader drives it: the prompt (a line editor with history), the active search
//! counted in slices by [`Scan`], and `n`/`N` from the reading position as `less` does.

use std::time::Duration;

use super::editor::LineEditor;
use super::status::Messages;
use super::viewport::Viewport;
use crate::action::Action;
use crate::document::Document;
use crate::layout::Pos;
use crate::search::{self, Match, Matcher, Query, Scan, Term, term_query};

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
    Kept(Option<ActiveSearch>),
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
}

impl ActiveSearch {
    fn new(query: Query, label: String, matcher: Matcher) -> Self {
        Self {
            query,
            label,
            scan: Scan::new(matcher),
            current: None,
        }
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

    /// True while counting matches still has blocks to scan.
    #[must_use]
    pub fn has_work(&self, blocks: usize) -> bool {
        self.active
            .as_ref()
            .is_some_and(|s| s.scan.next_block < blocks)
    }

    /// Count matches for about `budget`.
    pub fn work(&mut self, doc: &Document, budget: Duration) {
        if let Some(s) = &mut self.active {
            s.scan.step(&doc.blocks, budget);
        }
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
        let mut active = ActiveSearch::new(query, label, matcher);
        let found = search::find_from(active.matcher(), &doc.blocks, from.block, from.byte);
        let message = found.and_then(|(m, wrapped)| {
            view.show(doc, start_of(&m), end_of(&m));
            active.current = Some(m);
            wrapped.then(|| "search wrapped to the top".to_string())
        });
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
    fn prompt_changed(&mut self, doc: &Document, view: &mut Viewport) {
        let Some(prompt) = self.prompt.as_mut() else {
            return;
        };
        if matches!(prompt.saved, Saved::Untouched) {
            prompt.saved = Saved::Kept(self.active.take());
        }
        let query = Query {
            text: prompt.editor.text().to_string(),
            regex: prompt.regex,
        };
        let origin = prompt.origin;
        self.active = None;
        if query.text.trim().is_empty() {
            prompt.error = None;
            view.jump(doc, origin);
            return;
        }
        match Matcher::new(&query) {
            Ok(_) => {
                prompt.error = None;
                view.jump(doc, origin);
                let label = label_of(&query);
                self.start(query, label, doc, view, origin);
            }
            Err(e) => prompt.error = Some(e),
        }
    }

    /// Close the prompt: the view back where it was, the previous search as it was.
    fn cancel(&mut self, doc: &Document, view: &mut Viewport) -> Option<String> {
        let prompt = self.prompt.take()?;
        if let Saved::Kept(saved) = prompt.saved {
            self.active = saved;
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
                self.active = saved;
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
        s.current
            .is_none()
            .then(|| format!("pattern not found: {}", s.label))
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
        let complete = s.complete(doc.blocks.len(), loading);
        let found = if forward && !complete {
            search::find_from(s.matcher(), &doc.blocks, from.block, from.byte)
        } else {
            let pick = if forward {
                search::next_match(s.matches(), from.block, from.byte)
            } else {
                search::prev_match(s.matches(), from.block, from.byte)
            };
            pick.and_then(|(i, wrapped)| s.matches().get(i).cloned().map(|m| (m, wrapped)))
        };
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
