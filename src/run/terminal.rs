//! The terminal itself: set-up (screen, then input), restore, the panic hook, suspend.

use std::fs::File;
use std::io::{self, BufWriter, Write};
use std::os::fd::AsFd;

use anyhow::{Context as _, Result};
use ratatui::Terminal;
use ratatui::backend::CrosstermBackend;
use ratatui::crossterm::event::{
    DisableBracketedPaste, DisableMouseCapture, EnableBracketedPaste, EnableMouseCapture,
};
use ratatui::crossterm::terminal::{self, EnterAlternateScreen, LeaveAlternateScreen};
use ratatui::crossterm::{cursor, execute};
use ratatui::layout::Rect;
use signal_hook::consts::signal::SIGSTOP;

/// The terminal, written through one buffer so that a frame leaves in one write.
pub(super) type Term_ = Terminal<CrosstermBackend<BufWriter<File>>>;

/// Standard output as a file of its own. Frames go through it, not through `io::stdout()`:
/// the background query locks `io::stdout()` until the terminal answers, and the first frame
/// need not wait for that.
pub(super) fn screen_writer() -> Result<File> {
    let fd = io::stdout()
        .as_fd()
        .try_clone_to_owned()
        .context("cannot open the terminal")?;
    Ok(File::from(fd))
}

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
pub(super) static MOUSE: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(true);

/// Set the terminal up: the alternate screen, then its input.
pub(super) fn init_terminal(mouse: bool) -> Result<()> {
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    enter_screen(&mut io::stdout())?;
    take_input(mouse)
}

/// The alternate screen, cursor hidden: enough to draw.
pub(super) fn enter_screen(out: &mut impl Write) -> Result<()> {
    execute!(out, EnterAlternateScreen, cursor::Hide).context("cannot set up the terminal")
}

/// Raw mode, bracketed paste and the mouse: what reading keys needs.
pub(super) fn take_input(mouse: bool) -> Result<()> {
    MOUSE.store(mouse, std::sync::atomic::Ordering::Relaxed);
    terminal::enable_raw_mode().context("cannot switch the terminal to raw mode")?;
    let mut out = io::stdout();
    execute!(out, EnableBracketedPaste).context("cannot set up the terminal")?;
    if mouse {
        execute!(out, EnableMouseCapture).context("cannot set up the terminal")?;
    }
    Ok(())
}

/// Install a panic hook that restores the terminal before the panic message prints.
pub(super) fn install_panic_hook() {
    let previous = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        restore_terminal();
        previous(info);
    }));
}

/// True when the controlling terminal can no longer be written to.
pub(super) fn terminal_gone() -> bool {
    let mut out = io::stdout();
    out.write_all(b"").and_then(|()| out.flush()).is_err() || terminal::size().is_err()
}

pub(super) fn terminal_size(term: &Term_) -> Rect {
    term.size()
        .map(|s| Rect::new(0, 0, s.width, s.height))
        .unwrap_or_default()
}

/// Restore the terminal, stop the process, and set the terminal up again on `fg`.
pub(super) fn suspend(term: &mut Term_) -> Result<()> {
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
