//! The only code that touches the terminal: init and restore, the input and signal threads,
//! suspend, and the event loop that redraws only when something changed.

use std::io::{self, BufWriter, Stdout, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    self, DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
    Event,
};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGSTOP, SIGTERM, SIGTSTP};

use crate::action::Action;
use crate::analysis;
use crate::app::{App, Effect};
use crate::document::Document;
use crate::loader::{self, LoadEvent, LoadOptions, Source};
use crate::outline::Outline;
use crate::search::Term;
use crate::state::session::{Session, StateSetup};
use crate::state::writer::Outcome;
use crate::ui;

/// Everything the event loop receives, on one channel.
#[derive(Debug)]
pub enum Msg {
    /// A terminal event from the input thread.
    Term(Event),
    /// The terminal can no longer be read (hang-up).
    InputClosed,
    /// Progress from the loader thread.
    Load(LoadEvent),
    /// A signal caught by the signal thread.
    Signal(i32),
    /// The outline, computed in the background.
    Outline(Box<Outline>),
    /// The key terms, computed in the background after the outline.
    Terms(Vec<Term>),
    /// A save of the reader's state finished: what is on disk now, or why it failed.
    Saved(Result<Box<crate::state::DocState>, String>),
}

/// What the reader asked for on the command line, applied once loading is done.
#[derive(Debug, Default)]
pub struct StartOptions {
    /// Open at the first match of this search.
    pub search: Option<String>,
    /// The search is a regex.
    pub regex: bool,
    /// The styles to draw with, resolved on a thread of its own (asking the terminal for its
    /// background takes a round trip) and joined just before the terminal is set up; default:
    /// from the environment.
    pub theme: Option<thread::JoinHandle<crate::theme::Theme>>,
    /// Leave the mouse to the terminal.
    pub no_mouse: bool,
    /// The user's configuration.
    pub config: crate::config::Config,
    /// Problems found in the config, shown in the status bar at start.
    pub notices: Vec<String>,
    /// Open at the end (`+G`), following it while the input grows.
    pub at_end: bool,
    /// Follow the end of the input (`+F`).
    pub follow: bool,
    /// Open at this line of the input (`+N`), once it is loaded.
    pub line: Option<usize>,
    /// How the loader reads the input (`--show-escapes`).
    pub load: LoadOptions,
    /// Where the reader's state is kept; `None` with `--no-state`.
    pub state: Option<StateSetup>,
}

/// Where the reader asked to start, applied once loading is done.
enum Start {
    /// The first match of a search (pattern, regex).
    Search(String, bool),
    /// A line of the input (`+N`).
    Line(usize),
}

/// The terminal, written through one buffer so that a frame leaves in one write.
type Term_ = Terminal<CrosstermBackend<BufWriter<Stdout>>>;

/// How long the first frame waits for the first text before drawing a loading screen.
const FIRST_TEXT_WAIT: Duration = Duration::from_millis(40);

/// Leave raw mode and the alternate screen, show the cursor; safe to call more than once.
pub fn restore_terminal() {
    let _ = terminal::disable_raw_mode();
    let mut out = io::stdout();
    let _ = execute!(
        out,
        DisableMouseCapture,
        DisableBracketedPaste,
        LeaveAlternateScreen,
        cursor::Show
    );
    let _ = out.flush();
}

/// Whether lectern captures the mouse (set once at start, kept for resuming after a suspend).
static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

fn init_terminal(mouse: bool) -> Result<()> {
    MOUSE.store(mouse, std::sync::atomic::Ordering::Relaxed);
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = io::stdout();
    execute!(
        out,
        EnterAlternateScreen,
        EnableBracketedPaste,
        cursor::Hide
    )
    .context("cannot set up the terminal")?;
    if mouse {
        execute!(out, EnableMouseCapture).context("cannot set up the terminal")?;
    }
    Ok(())
}

/// Install a panic hook that restores the terminal before the panic message prints.
fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

fn spawn_signals(tx: Sender<Msg>) -> Result<()> {
    let mut signals =
        signal_hook::iterator::Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP])
            .context("cannot install signal handlers")?;
    thread::Builder::new()
        .name("signals".into())
        .spawn(move || {
            for signal in signals.forever() {
                if tx.send(Msg::Signal(signal)).is_err() {
                    break;
                }
            }
        })?;
    Ok(())
}

fn spawn_input(tx: Sender<Msg>) -> Result<()> {
    thread::Builder::new().name("input".into()).spawn(move || {
        loop {
            if let Ok(ev) = event::read() {
                if tx.send(Msg::Term(ev)).is_err() {
                    break;
                }
            } else {
                let _ = tx.send(Msg::InputClosed);
                break;
            }
        }
    })?;
    Ok(())
}

fn spawn_loader(source: Source, options: LoadOptions, tx: Sender<Msg>) -> Result<()> {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            crate::trace::mark("loader started");
            let mut first = true;
            loader::load_with(source, options, |ev| {
                if first && matches!(ev, LoadEvent::Blocks(_)) {
                    first = false;
                    crate::trace::mark("first blocks sent");
                }
                tx.send(Msg::Load(ev)).is_ok()
            });
        })?;
    Ok(())
}

fn spawn_analysis(doc: std::sync::Arc<Document>, tx: Sender<Msg>) {
    let _ = thread::Builder::new()
        .name("analysis".into())
        .spawn(move || {
            let terms = analysis::run(&doc, |outline| {
                tx.send(Msg::Outline(Box::new(outline))).is_ok()
            });
            drop(doc);
            if let Some(terms) = terms {
                let _ = tx.send(Msg::Terms(terms));
            }
        });
}

/// Exit code when the terminal went away (128 + SIGHUP), as shells report a hang-up.
pub const HANGUP_EXIT: i32 = 129;

/// Run the reader full-screen until the reader quits. Returns the process exit code.
/// `name` names the input while the document has no title (`stdin`, a file name).
///
/// # Errors
/// When the terminal cannot be set up or drawn to; the terminal is restored first.
pub fn run(name: String, source: Source, mut options: StartOptions) -> Result<i32> {
    let (tx, rx) = mpsc::channel();
    let mut session = Session::new(options.state.take(), saved_notifier(tx.clone()));
    // Never dropped: freeing a large document block by block at quit takes longer than the
    // process exit that frees it at once.
    let mut app = std::mem::ManuallyDrop::new(App::new(Document::default(), Rect::default()));
    app.source_name = name;
    app.configure(&options.config);
    for notice in &options.notices {
        app.messages.notice(notice.clone());
    }
    let pace_file = options
        .state
        .is_some()
        .then(crate::pace::store::default_path)
        .flatten();
    if let Some(path) = &pace_file {
        app.pacing.meter = crate::pace::PaceMeter::new(crate::pace::store::load(path));
    }
    session.start(&mut app);
    crate::trace::mark("state read");
    if options.follow {
        app.apply(Action::Follow, None);
    } else if options.at_end {
        app.apply(Action::Bottom, None);
    }
    install_panic_hook();
    spawn_signals(tx.clone())?;
    spawn_loader(source, options.load, tx.clone())?;
    crate::trace::mark("threads started");
    let mut pending = match (options.search.take(), options.line) {
        (Some(s), _) => Some(Start::Search(s, options.regex)),
        (None, Some(n)) => Some(Start::Line(n)),
        _ => None,
    };
    let result = if let Some(code) = wait_for_first_text(&rx, &mut app, &mut session, &mut pending)
    {
        Ok(code)
    } else {
        app.theme = options
            .theme
            .take()
            .and_then(|query| query.join().ok())
            .unwrap_or_else(crate::theme::Theme::from_env);
        in_terminal(&rx, &tx, &mut app, &mut session, pending, !options.no_mouse)
    };
    restore_terminal();
    crate::trace::mark("terminal restored");
    // The measured pace is kept for next time; failing to save it only loses the measurement.
    // It is written beside the state, not after it: each waits for its disk sync.
    let pace = pace_file
        .filter(|_| app.pacing.meter.session().seconds > 0.0)
        .map(|path| {
            let total = app.pacing.meter.total();
            thread::spawn(move || crate::pace::store::save(&path, total))
        });
    if let Some(why) = session.finish(&mut app) {
        // Not eprintln: it panics when the terminal hung up.
        let why = crate::document::sanitize::sanitize_inline(&why);
        let _ = writeln!(io::stderr(), "lectern: {why}");
    }
    if let Some(pace) = pace {
        let _ = pace.join();
    }
    crate::trace::mark("state saved");
    match result {
        // Drawing failed because the terminal is gone (hang-up): report it as a hang-up.
        Err(_) if terminal_gone() => Ok(HANGUP_EXIT),
        other => other,
    }
}

/// What the state writer calls when a save finished: a message for the event loop.
fn saved_notifier(tx: Sender<Msg>) -> crate::state::session::Report {
    Box::new(move |outcome: &Outcome| {
        let msg = match outcome {
            Outcome::Saved(state) => Ok(state.clone()),
            Outcome::Failed(e) => Err(e.0.clone()),
        };
        let _ = tx.send(Msg::Saved(msg));
    })
}

/// Before the terminal is set up: wait (at most `FIRST_TEXT_WAIT`) for the first text, so that
/// the first frame has words on it rather than an empty "loading" frame a moment before.
/// Returns an exit code when the process must end (a signal).
fn wait_for_first_text(
    rx: &Receiver<Msg>,
    app: &mut App,
    session: &mut Session,
    pending: &mut Option<Start>,
) -> Option<i32> {
    let wait_until = Instant::now() + FIRST_TEXT_WAIT;
    while app.doc().blocks.is_empty() && !app.content.load.done {
        let Ok(msg) = rx.recv_timeout(wait_until.saturating_duration_since(Instant::now())) else {
            break;
        };
        if let Some(code) = handle(app, session, msg, pending) {
            return Some(code);
        }
    }
    crate::trace::mark("first text");
    None
}

/// Set the terminal up, start reading it, and run the event loop until the reader quits.
fn in_terminal(
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    app: &mut App,
    session: &mut Session,
    pending: Option<Start>,
    mouse: bool,
) -> Result<i32> {
    init_terminal(mouse)?;
    crate::trace::mark("terminal set up");
    // Never dropped: ratatui's `Drop` prints to stderr when it cannot show the cursor, and
    // printing to a terminal that hung up panics. `restore_terminal` shows it instead.
    let mut term = std::mem::ManuallyDrop::new(
        Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
            1 << 16,
            io::stdout(),
        )))
        .context("cannot open the terminal")?,
    );
    spawn_input(tx.clone())?;
    let area = terminal_size(&term);
    app.resize(area.width, area.height);
    // What the messages handled before the terminal was set up asked for (the analysis of a
    // document loaded whole by then).
    run_effects(&mut term, app, session, tx)?;
    event_loop(&mut term, rx, tx, app, session, pending)
}

/// True when the controlling terminal can no longer be written to.
fn terminal_gone() -> bool {
    let mut out = io::stdout();
    out.write_all(b"").and_then(|()| out.flush()).is_err() || terminal::size().is_err()
}

fn terminal_size(term: &Term_) -> Rect {
    term.size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default()
}

fn event_loop(
    term: &mut Term_,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    app: &mut App,
    session: &mut Session,
    mut pending: Option<Start>,
) -> Result<i32> {
    let mut resized = false;
    let mut first_frame = true;
    loop {
        if std::mem::take(&mut resized) {
            // After a resize, repaint every cell: the terminal may have reflowed or kept cells
            // the diff against the last frame does not know about.
            let area = terminal_size(term);
            term.resize(area).context("cannot redraw after a resize")?;
            app.dirty = true;
        }
        if app.dirty {
            draw(term, app)?;
            if std::mem::take(&mut first_frame) {
                crate::trace::mark("first frame flushed");
            }
        }
        let msg = match next_message(app, rx) {
            Ok(msg) => msg,
            Err(Closed) => return Ok(0),
        };
        let Some(first) = msg else {
            app.tick(Instant::now());
            run_effects(term, app, session, tx)?;
            if app.has_work() {
                app.work(Duration::from_millis(8));
            }
            continue;
        };
        match drain(first, term, rx, tx, app, session, &mut pending)? {
            Drained::Exit(code) => return Ok(code),
            Drained::Resized(r) => resized |= r,
        }
    }
}

/// Draw one frame of the app.
fn draw(term: &mut Term_, app: &mut App) -> Result<()> {
    term.draw(|frame| {
        // The frame has the size the terminal has now; a Resize event may carry an older one
        // during a resize storm, and areas larger than the buffer panic in render.
        let area = frame.area();
        if app.screen != area {
            app.resize(area.width, area.height);
        }
        app.prepare();
        ui::render(app, frame);
    })
    .context("cannot draw")?;
    Ok(())
}

/// What handling a run of queued messages ended with.
enum Drained {
    /// The process must end with this code.
    Exit(i32),
    /// Go on; true when a resize was among the messages.
    Resized(bool),
}

/// Handle `first` and what is queued behind it (coalescing resizes and loader batches), within
/// a frame budget; stop early at the first text so that it is drawn at once.
fn drain(
    first: Msg,
    term: &mut Term_,
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    app: &mut App,
    session: &mut Session,
    pending: &mut Option<Start>,
) -> Result<Drained> {
    let started = Instant::now();
    let had_text = !app.doc().blocks.is_empty();
    let mut resized = false;
    let mut next = Some(first);
    while let Some(m) = next.take() {
        resized |= matches!(m, Msg::Term(Event::Resize(..)));
        if let Some(code) = handle(app, session, m, pending) {
            return Ok(Drained::Exit(code));
        }
        if app.quit {
            return Ok(Drained::Exit(0));
        }
        run_effects(term, app, session, tx)?;
        let first_text = !had_text && !app.doc().blocks.is_empty();
        if first_text || started.elapsed() > Duration::from_millis(12) {
            break;
        }
        next = rx.try_recv().ok();
    }
    Ok(Drained::Resized(resized))
}

/// Every sender of the channel is gone.
struct Closed;

/// Wait for the next message: none while counting matches (work goes on between keys), until
/// the message expires while one is shown, else as long as it takes.
fn next_message(app: &App, rx: &Receiver<Msg>) -> Result<Option<Msg>, Closed> {
    if app.has_work() {
        match rx.try_recv() {
            Ok(m) => Ok(Some(m)),
            Err(TryRecvError::Empty) => Ok(None),
            Err(TryRecvError::Disconnected) => Err(Closed),
        }
    } else if let Some(deadline) = app.next_deadline() {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(m) => Ok(Some(m)),
            Err(RecvTimeoutError::Timeout) => Ok(None),
            Err(RecvTimeoutError::Disconnected) => Err(Closed),
        }
    } else {
        rx.recv().map(Some).map_err(|_| Closed)
    }
}

/// Do what the app asked for: suspend, background analysis, saving, copying, notes, export.
fn run_effects(term: &mut Term_, app: &mut App, session: &Session, tx: &Sender<Msg>) -> Result<()> {
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            Effect::Suspend => {
                session.save_and_wait(app);
                suspend(term)?;
                let size = terminal_size(term);
                app.resize(size.width, size.height);
            }
            Effect::Analyze(doc) => spawn_analysis(doc, tx.clone()),
            Effect::Save(state) => session.save(*state),
            Effect::Copy(text) => {
                let (seq, cut) = crate::nav::clipboard::osc52(&text);
                let mut out = io::stdout();
                let _ = out.write_all(seq.as_bytes()).and_then(|()| out.flush());
                if cut {
                    app.flash("copied the first 64 KiB (the terminal takes no more)");
                }
            }
            Effect::Export(state) => match session.export(app, &state) {
                Ok(path) => app.flash(crate::document::sanitize::sanitize_inline(&format!(
                    "highlights written to {}",
                    path.display()
                ))),
                Err(e) => app.flash(crate::document::sanitize::sanitize_inline(&e)),
            },
            Effect::EditNote { index, text } => {
                match edit_in_editor(session, &text) {
                    Ok(Some(note)) => app.note_edited(index, &note),
                    Ok(None) => app.flash("note unchanged"),
                    Err(e) => app.flash(crate::document::sanitize::sanitize_inline(&format!(
                        "{e:#}"
                    ))),
                }
                init_terminal(MOUSE.load(std::sync::atomic::Ordering::Relaxed))?;
                let area = terminal_size(term);
                term.resize(area)
                    .context("cannot redraw after the editor")?;
                app.resize(area.width, area.height);
            }
        }
    }
    Ok(())
}

/// Edit `text` in `$VISUAL` / `$EDITOR` (default `vi`) with the terminal restored; `None` when
/// the editor failed or the text did not change.
fn edit_in_editor(session: &Session, text: &str) -> Result<Option<String>> {
    let path = session
        .note_file()
        .context("saving is off: notes cannot be kept")?;
    std::fs::write(&path, text).context("cannot write the note file")?;
    restore_terminal();
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .status();
    let edited = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    let status = status.with_context(|| format!("cannot run the editor {program}"))?;
    let edited = edited.context("cannot read the note back")?;
    Ok((status.success() && edited != text).then_some(edited))
}

/// Apply one message; returns an exit code when the process must end.
fn handle(
    app: &mut App,
    session: &mut Session,
    msg: Msg,
    pending_search: &mut Option<Start>,
) -> Option<i32> {
    match msg {
        Msg::Term(Event::Key(key)) => app.key(key),
        Msg::Term(Event::Mouse(mouse)) => app.mouse(mouse),
        Msg::Term(Event::Resize(w, h)) => app.resize(w, h),
        Msg::Term(Event::Paste(text)) => app.paste(&text),
        Msg::Term(_) => {}
        Msg::InputClosed => return Some(HANGUP_EXIT),
        Msg::Load(LoadEvent::Done(notices)) => {
            app.load_finished(notices);
            session.loaded(app);
            match pending_search.take() {
                Some(Start::Search(pattern, regex)) => {
                    if let Err(e) = app.search_for(&pattern, regex) {
                        app.flash(format!("search: {e}"));
                    }
                }
                Some(Start::Line(n)) => app.viewport.goto_input_line(&app.content.doc, n),
                None => {}
            }
        }
        Msg::Load(event) => app.load_event(event),
        Msg::Outline(outline) => app.set_outline(*outline),
        Msg::Terms(terms) => app.set_terms(terms),
        Msg::Saved(result) => app.saved(result.as_deref().map_err(String::as_str)),
        Msg::Signal(SIGTSTP) => app.effects.push(Effect::Suspend),
        Msg::Signal(n) => return Some(128 + n),
    }
    None
}

/// Restore the terminal, stop the process, and set the terminal up again on `fg`.
fn suspend(term: &mut Term_) -> Result<()> {
    restore_terminal();
    // SIGSTOP, not SIGTSTP: the kernel drops a SIGTSTP an orphaned process group sends itself.
    let _ = signal_hook::low_level::raise(SIGSTOP);
    init_terminal(MOUSE.load(std::sync::atomic::Ordering::Relaxed))?;
    // Not `term.clear()`: it asks the terminal for the cursor position (`ESC[6n`), and the input
    // thread holds crossterm's event reader, so the reply times out and lectern exits after
    // `fg`. Resizing to the current size clears the screen and forces a full redraw instead.
    let area = terminal_size(term);
    term.resize(area).context("cannot redraw after resume")?;
    Ok(())
}
