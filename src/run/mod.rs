//! The only code that touches the terminal: the input and signal threads, the start (first
//! text, theme, first frame), and the event loop that redraws only when something changed.
//! `terminal` sets the terminal up and restores it; `effects` carries out what the app asks.

use std::io::{self, BufWriter, Write};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError, Sender, TryRecvError};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::{Context as _, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{self, Event};
use ratatui::layout::Rect;
use signal_hook::consts::signal::{SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGTSTP};
use signal_hook::iterator::Signals;

use crate::action::Action;
use crate::app::{App, Effect};
use crate::document::Document;
use crate::loader::{self, LoadEvent, LoadOptions, Source};
use crate::outline::Outline;
use crate::search::Term;
use crate::state::session::{Session, StateSetup};
use crate::state::writer::Outcome;
use crate::ui;

mod effects;
mod terminal;

use effects::run_effects;
pub use terminal::restore_terminal;
use terminal::{
    Term_, enter_screen, init_terminal, install_panic_hook, screen_writer, take_input,
    terminal_gone, terminal_size,
};

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
    /// The styles to draw with, resolved on a thread of its own that sends them here (asking
    /// the terminal for its background takes a round trip; see [`THEME_WAIT`]); default: from
    /// the environment.
    pub theme: Option<Receiver<crate::theme::Theme>>,
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

/// How long the first frame waits for the first text before drawing a loading screen.
const FIRST_TEXT_WAIT: Duration = Duration::from_millis(40);

/// How long the first frame waits for the theme once the first text is there. A terminal
/// answers the background query within a millisecond or two; a slower answer is not waited
/// for: the first frame is drawn in the environment's theme, and redrawn if the answer differs.
/// Keys are read only once the query is over (it reads the terminal), at most 100 ms later.
pub const THEME_WAIT: Duration = Duration::from_millis(2);

/// Catch the signals lectern handles; until [`spawn_signals`] runs, they wait in the handle.
fn catch_signals() -> Result<Signals> {
    Signals::new([SIGTERM, SIGINT, SIGHUP, SIGQUIT, SIGTSTP])
        .context("cannot install signal handlers")
}

/// Turn caught signals into messages, on a thread of their own.
fn spawn_signals(mut signals: Signals, tx: Sender<Msg>) -> Result<()> {
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

/// How nice the loader is: a key or a frame gets a core at once while a large file loads.
const LOADER_NICE: i32 = 5;

/// The longest the loader waits, after its first blocks, for the first frame to be drawn.
const FIRST_FRAME_WAIT: Duration = Duration::from_millis(20);

/// Start the loader. After its first blocks it waits until `drawn` is dropped (the first frame
/// is on the screen) or for [`FIRST_FRAME_WAIT`]: the first frame does not share the cores with
/// the rest of the load.
fn spawn_loader(
    source: Source,
    options: LoadOptions,
    resume: Option<loader::Resume>,
    tx: Sender<Msg>,
    drawn: Receiver<()>,
) -> Result<()> {
    thread::Builder::new()
        .name("loader".into())
        .spawn(move || {
            crate::trace::mark("loader started");
            // Linux keeps a nice value per thread; where it cannot be set, it stays as it is.
            let _ = rustix::process::nice(LOADER_NICE);
            let mut first = true;
            loader::load_resuming(source, options, resume.as_ref(), |ev| {
                let gate = first && matches!(ev, LoadEvent::Blocks(_));
                let sent = tx.send(Msg::Load(ev)).is_ok();
                if gate {
                    first = false;
                    crate::trace::mark("first blocks sent");
                    let _ = drawn.recv_timeout(FIRST_FRAME_WAIT);
                }
                sent
            });
        })?;
    Ok(())
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
    // Caught from here on; the thread that turns them into messages starts after the first
    // frame (until then there is no terminal to restore).
    let signals = catch_signals()?;
    let (drawn, drawn_rx) = mpsc::channel();
    spawn_loader(
        source,
        options.load,
        session.resume(&app),
        tx.clone(),
        drawn_rx,
    )?;
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
        let late_theme = take_theme(&mut app, &mut options);
        crate::trace::mark("theme taken");
        let start = Started {
            pending,
            mouse: !options.no_mouse,
            late_theme,
            drawn,
            signals,
        };
        in_terminal(&rx, &tx, &mut app, &mut session, start)
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

/// Take the theme resolved on its thread, waiting at most [`THEME_WAIT`]; when it is late, the
/// app gets the configured theme as it is without the terminal's answer, and the receiver to
/// take the answer from once the first frame is drawn.
fn take_theme(app: &mut App, options: &mut StartOptions) -> Option<Receiver<crate::theme::Theme>> {
    match options
        .theme
        .take()
        .map(|t| (t.recv_timeout(THEME_WAIT), t))
    {
        Some((Ok(theme), _)) => {
            app.theme = theme;
            None
        }
        Some((Err(RecvTimeoutError::Timeout), theme)) => {
            let env = crate::config::terminal::ColorEnv::from_process();
            app.theme = crate::theme::Theme::from_config(&options.config, &env, || None);
            Some(theme)
        }
        Some((Err(RecvTimeoutError::Disconnected), _)) | None => {
            app.theme = crate::theme::Theme::from_env();
            None
        }
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

/// How the reader starts once the first text is there.
struct Started {
    /// Where the command line asked to start, once loading is done.
    pending: Option<Start>,
    /// Capture the mouse.
    mouse: bool,
    /// The theme, when the terminal has not answered the background query yet.
    late_theme: Option<Receiver<crate::theme::Theme>>,
    /// Dropped once the first frame is drawn: the loader goes on.
    drawn: Sender<()>,
    /// The signals caught so far, forwarded once the first frame is drawn.
    signals: Signals,
}

/// Set the terminal up, draw the first frame, start reading keys, and run the event loop until
/// the reader quits. While the background query is still out (`late_theme`), the first frame is
/// drawn before raw mode: the query holds the terminal's input until it ends, and restores the
/// mode it found.
fn in_terminal(
    rx: &Receiver<Msg>,
    tx: &Sender<Msg>,
    app: &mut App,
    session: &mut Session,
    start: Started,
) -> Result<i32> {
    let mut out = screen_writer()?;
    if start.late_theme.is_some() {
        enter_screen(&mut out)?;
    } else {
        init_terminal(start.mouse)?;
    }
    crate::trace::mark("terminal set up");
    // Never dropped: ratatui's `Drop` prints to stderr when it cannot show the cursor, and
    // printing to a terminal that hung up panics. `restore_terminal` shows it instead.
    let mut term = std::mem::ManuallyDrop::new(
        Terminal::new(CrosstermBackend::new(BufWriter::with_capacity(
            1 << 16,
            out,
        )))
        .context("cannot open the terminal")?,
    );
    let area = terminal_size(&term);
    app.resize(area.width, area.height);
    // What the messages handled before the terminal was set up asked for (the analysis of a
    // document loaded whole by then).
    run_effects(&mut term, app, session, tx)?;
    draw(&mut term, app)?;
    crate::trace::mark("first frame flushed");
    drop(start.drawn);
    if let Some(late) = start.late_theme {
        // The query ends within its timeout; its answer may change the colours.
        if let Ok(theme) = late.recv()
            && theme != app.theme
        {
            app.theme = theme;
            app.dirty = true;
        }
        crate::trace::mark("late theme taken");
        take_input(start.mouse)?;
    }
    spawn_signals(start.signals, tx.clone())?;
    spawn_input(tx.clone())?;
    event_loop(&mut term, rx, tx, app, session, start.pending)
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
            app.load_event(LoadEvent::Done(notices));
            session.loaded(app);
            match pending_search.take() {
                Some(Start::Search(pattern, regex)) => {
                    let (doc, view) = (&app.content.doc, &mut app.viewport);
                    if let Err(e) = app.search.search_for(&pattern, regex, doc, view) {
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
