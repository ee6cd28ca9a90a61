//! Shared harness for the end-to-end tests: the real `lectern` binary in a pseudo-terminal.
//!
//! A reader thread drains the PTY master into a `vt100::Parser` and keeps a copy of every raw
//! byte, so tests can wait for what a user would see and inspect exactly what lectern wrote.

#![allow(dead_code, clippy::unwrap_used, clippy::expect_used)]

use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::{Arc, Mutex};
use std::thread::{self, JoinHandle};
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

/// The binary under test.
pub const BIN: &str = env!("CARGO_BIN_EXE_lectern");

/// The default time to wait for a screen condition (CI shares two cores).
pub const TIMEOUT: Duration = Duration::from_secs(10);

/// Words from the built-in article's title line.
pub const TITLE_TEXT: &str = "Building community with shared future";
/// The start of the built-in article's first body paragraph.
pub const FIRST_PARAGRAPH: &str = "The Communist Party of China (CPC) has remained true";
/// The start of the built-in article's last paragraph.
pub const LAST_PARAGRAPH: &str = "China has established various forms";

struct Shared {
    parser: Mutex<vt100::Parser>,
    raw: Mutex<Vec<u8>>,
    eof: AtomicBool,
    stop: AtomicBool,
}

/// A running child in a pseudo-terminal; killed (with its process group) on drop.
pub struct Pty {
    master: Option<Box<dyn MasterPty + Send>>,
    writer: Option<Box<dyn Write + Send>>,
    child: Box<dyn Child + Send + Sync>,
    shared: Arc<Shared>,
    reader: Option<JoinHandle<()>>,
    pid: u32,
    status: Option<u32>,
}

/// Spawn lectern with `args` in a `cols`×`rows` terminal. Saved state is off
/// (`LECTERN_NO_STATE=1`), so no test reads or writes the user's state or another test's.
pub fn spawn(args: &[&str], cols: u16, rows: u16) -> Pty {
    Pty::spawn(BIN, args, cols, rows)
}

/// Spawn lectern with saved state on, kept under `state_home` (as `XDG_STATE_HOME`).
pub fn spawn_with_state(args: &[&str], cols: u16, rows: u16, state_home: &Path) -> Pty {
    let home = state_home.to_str().expect("utf-8 state dir");
    Pty::spawn_env(
        BIN,
        args,
        cols,
        rows,
        &[("XDG_STATE_HOME", Some(home)), ("LECTERN_NO_STATE", None)],
    )
}

/// Spawn `sh -c SCRIPT lectern ARGS…` in a terminal: inside the script `$0` is the lectern binary.
pub fn spawn_sh(script: &str, args: &[&str], cols: u16, rows: u16) -> Pty {
    let mut all = vec!["-c", script, BIN];
    all.extend_from_slice(args);
    Pty::spawn("sh", &all, cols, rows)
}

fn pty_size(cols: u16, rows: u16) -> PtySize {
    PtySize {
        rows,
        cols,
        pixel_width: 0,
        pixel_height: 0,
    }
}

impl Pty {
    /// Spawn `program` with `args` in a `cols`×`rows` pseudo-terminal with `TERM=xterm-256color`.
    pub fn spawn(program: &str, args: &[&str], cols: u16, rows: u16) -> Self {
        Self::spawn_env(program, args, cols, rows, &[])
    }

    /// [`Pty::spawn`] with environment changes: `Some` sets a variable, `None` removes it.
    pub fn spawn_env(
        program: &str,
        args: &[&str],
        cols: u16,
        rows: u16,
        env: &[(&str, Option<&str>)],
    ) -> Self {
        let pair = native_pty_system()
            .openpty(pty_size(cols, rows))
            .expect("openpty");
        let mut cmd = CommandBuilder::new(program);
        cmd.args(args);
        cmd.env("TERM", "xterm-256color");
        cmd.env_remove("NO_COLOR");
        // Never the developer's own config or pace file; a dark background without asking the
        // terminal (the test terminal does not answer the OSC 11 query).
        cmd.env("LECTERN_CONFIG", "/dev/null");
        cmd.env("COLORFGBG", "15;0");
        cmd.env(
            "XDG_STATE_HOME",
            std::env::temp_dir().join("lectern-e2e-state"),
        );
        cmd.env("LECTERN_NO_STATE", "1");
        for (name, value) in env {
            match value {
                Some(v) => cmd.env(name, v),
                None => cmd.env_remove(name),
            }
        }
        cmd.cwd(std::env::temp_dir());
        let child = pair.slave.spawn_command(cmd).expect("spawn in pty");
        drop(pair.slave);
        let pid = child.process_id().expect("child pid");
        let shared = Arc::new(Shared {
            parser: Mutex::new(vt100::Parser::new(rows, cols, 0)),
            raw: Mutex::new(Vec::new()),
            eof: AtomicBool::new(false),
            stop: AtomicBool::new(false),
        });
        let mut reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = pair.master.take_writer().expect("pty writer");
        let thread_shared = Arc::clone(&shared);
        let reader = thread::Builder::new()
            .name("pty-reader".into())
            .spawn(move || {
                let mut buf = [0u8; 8192];
                loop {
                    match reader.read(&mut buf) {
                        Ok(0) => break,
                        Ok(n) => {
                            thread_shared
                                .raw
                                .lock()
                                .unwrap()
                                .extend_from_slice(&buf[..n]);
                            thread_shared.parser.lock().unwrap().process(&buf[..n]);
                        }
                        Err(e) if e.kind() == std::io::ErrorKind::Interrupted => {}
                        Err(_) => break,
                    }
                    if thread_shared.stop.load(Ordering::SeqCst) {
                        break;
                    }
                }
                thread_shared.eof.store(true, Ordering::SeqCst);
            })
            .expect("reader thread");
        Self {
            master: Some(pair.master),
            writer: Some(writer),
            child,
            shared,
            reader: Some(reader),
            pid,
            status: None,
        }
    }

    /// The child's process id.
    pub fn pid(&self) -> u32 {
        self.pid
    }

    /// Write bytes to the terminal, as if typed.
    pub fn send(&mut self, bytes: impl AsRef<[u8]>) {
        let w = self.writer.as_mut().expect("writer still open");
        w.write_all(bytes.as_ref()).expect("write to pty");
        w.flush().expect("flush pty");
    }

    /// Resize the terminal (the emulated screen first, then the PTY, which sends SIGWINCH).
    pub fn resize(&mut self, cols: u16, rows: u16) {
        self.shared
            .parser
            .lock()
            .unwrap()
            .screen_mut()
            .set_size(rows, cols);
        self.master
            .as_ref()
            .expect("master still open")
            .resize(pty_size(cols, rows))
            .expect("resize pty");
    }

    /// Resize and wait until the program has drawn the new size and gone quiet (a loaded
    /// machine may take longer than the quiet spell of [`Self::wait_settled`] to answer).
    pub fn resize_and_settle(&mut self, cols: u16, rows: u16) {
        let mark = self.raw_len();
        self.resize(cols, rows);
        let deadline = Instant::now() + TIMEOUT;
        while self.raw_len() == mark {
            assert!(
                Instant::now() < deadline,
                "no redraw after resizing to {cols}x{rows}; screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
        self.wait_settled("the resized screen", TIMEOUT, |_| true);
    }

    /// Run `f` on the current screen.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.parser.lock().unwrap().screen())
    }

    /// The screen's text, rows joined by newlines.
    pub fn contents(&self) -> String {
        self.with_screen(vt100::Screen::contents)
    }

    /// The screen rows as strings.
    pub fn rows(&self) -> Vec<String> {
        self.with_screen(screen_rows)
    }

    /// A copy of every byte the child wrote so far.
    pub fn raw(&self) -> Vec<u8> {
        self.shared.raw.lock().unwrap().clone()
    }

    /// How many raw bytes were captured so far (a mark for [`Pty::raw_since`]).
    pub fn raw_len(&self) -> usize {
        self.shared.raw.lock().unwrap().len()
    }

    /// The raw bytes captured after `mark`.
    pub fn raw_since(&self, mark: usize) -> Vec<u8> {
        self.shared.raw.lock().unwrap()[mark..].to_vec()
    }

    /// Poll the screen until `pred` holds; panics with the screen after `timeout`.
    pub fn wait_for(&self, what: &str, timeout: Duration, pred: impl Fn(&vt100::Screen) -> bool) {
        if let Err(screen) = self.try_wait_for(timeout, pred) {
            panic!("timed out after {timeout:?} waiting for {what}; screen:\n{screen}");
        }
    }

    /// Poll the screen until `pred` holds; `Err(screen text)` after `timeout`.
    pub fn try_wait_for(
        &self,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) -> Result<(), String> {
        let deadline = Instant::now() + timeout;
        loop {
            if self.with_screen(&pred) {
                return Ok(());
            }
            if Instant::now() >= deadline {
                return Err(self.contents());
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Poll until `pred` holds and no output arrived for `quiet`, so a frame that is half
    /// written is never taken for the result; panics after `timeout`.
    pub fn wait_settled(
        &self,
        what: &str,
        timeout: Duration,
        pred: impl Fn(&vt100::Screen) -> bool,
    ) {
        let quiet = Duration::from_millis(60);
        let deadline = Instant::now() + timeout;
        let mut seen = (self.raw_len(), Instant::now());
        loop {
            let len = self.raw_len();
            if len != seen.0 {
                seen = (len, Instant::now());
            } else if seen.1.elapsed() >= quiet && self.with_screen(&pred) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {what}; screen:\n{}",
                self.contents()
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait until the screen shows `text`.
    pub fn wait_for_text(&self, text: &str) {
        self.wait_for(&format!("{text:?}"), TIMEOUT, |s| {
            s.contents().contains(text)
        });
    }

    /// Wait for the first complete frame of the built-in article.
    pub fn wait_first_frame(&self) {
        self.wait_settled("the first frame", TIMEOUT, |s| {
            let text = s.contents();
            text.contains(TITLE_TEXT) && text.contains("? help") && text.contains('%')
        });
    }

    /// Poll until the raw output satisfies `pred`; panics after `timeout`.
    pub fn wait_for_raw(&self, what: &str, timeout: Duration, pred: impl Fn(&[u8]) -> bool) {
        let deadline = Instant::now() + timeout;
        loop {
            if pred(&self.shared.raw.lock().unwrap()) {
                return;
            }
            assert!(
                Instant::now() < deadline,
                "timed out after {timeout:?} waiting for {what} in the raw output"
            );
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// The exit code if the child has exited.
    pub fn try_exit_code(&mut self) -> Option<u32> {
        if self.status.is_none() {
            self.status = self
                .child
                .try_wait()
                .expect("try_wait")
                .map(|s| s.exit_code());
        }
        self.status
    }

    /// Wait up to `timeout` for the child to exit, then for its output to be drained; `None`
    /// when it is still running.
    pub fn wait_exit(&mut self, timeout: Duration) -> Option<u32> {
        let deadline = Instant::now() + timeout;
        loop {
            if let Some(code) = self.try_exit_code() {
                // The reader sees EOF once every holder of the slave side is gone.
                while !self.shared.eof.load(Ordering::SeqCst) && Instant::now() < deadline {
                    thread::sleep(Duration::from_millis(5));
                }
                return Some(code);
            }
            if Instant::now() >= deadline {
                return None;
            }
            thread::sleep(Duration::from_millis(10));
        }
    }

    /// Wait for the child to exit; panics with the screen when it does not.
    pub fn expect_exit(&mut self, timeout: Duration) -> u32 {
        match self.wait_exit(timeout) {
            Some(code) => code,
            None => panic!(
                "the child did not exit within {timeout:?}; screen:\n{}",
                self.contents()
            ),
        }
    }

    /// Close every file descriptor of the PTY master (a terminal hang-up). The reader thread is
    /// stopped first: `poke` is written to make the child produce output and wake it.
    pub fn hang_up(&mut self, poke: &[u8]) {
        self.shared.stop.store(true, Ordering::SeqCst);
        let deadline = Instant::now() + TIMEOUT;
        let reader = self.reader.take().expect("reader running");
        while !reader.is_finished() {
            if self.writer.is_some() && !self.shared.eof.load(Ordering::SeqCst) {
                let _ = self.writer.as_mut().map(|w| w.write_all(poke));
            }
            assert!(Instant::now() < deadline, "the reader thread did not stop");
            thread::sleep(Duration::from_millis(20));
        }
        reader.join().expect("reader thread");
        self.writer = None;
        self.master = None;
    }

    /// Send a signal to the child by name (`TERM`, `CONT`, …) with kill(1).
    pub fn signal(&self, name: &str) {
        send_signal(self.pid, name);
    }
}

impl Drop for Pty {
    fn drop(&mut self) {
        if self.try_exit_code().is_none() {
            // The child is a session leader (setsid), so its pid is its process group.
            let _ = std::process::Command::new("kill")
                .args(["-KILL", "--", &format!("-{}", self.pid)])
                .stderr(std::process::Stdio::null())
                .status();
            let _ = self.child.kill();
            let _ = self.child.wait();
        }
    }
}

/// Send signal `name` to `pid` with kill(1).
pub fn send_signal(pid: u32, name: &str) {
    let status = std::process::Command::new("kill")
        .arg(format!("-{name}"))
        .arg(pid.to_string())
        .status()
        .expect("run kill");
    assert!(status.success(), "kill -{name} {pid} failed");
}

/// The process state letter from `/proc/PID/stat` (`R`, `S`, `T`, `Z`…), if it exists.
pub fn proc_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let after = &stat[stat.rfind(')')? + 1..];
    after.trim_start().chars().next()
}

/// Poll until `pid` is in state `want` (or, with `negate`, any other state).
pub fn wait_proc_state(pid: u32, timeout: Duration, accept: impl Fn(Option<char>) -> bool) {
    let deadline = Instant::now() + timeout;
    loop {
        let state = proc_state(pid);
        if accept(state) {
            return;
        }
        assert!(
            Instant::now() < deadline,
            "process {pid} stayed in state {state:?} for {timeout:?}"
        );
        thread::sleep(Duration::from_millis(10));
    }
}

/// The rows of a screen as strings (trailing blanks trimmed).
pub fn screen_rows(screen: &vt100::Screen) -> Vec<String> {
    let (_, cols) = screen.size();
    screen
        .rows(0, cols)
        .map(|r| r.trim_end().to_string())
        .collect()
}

/// The last row of the screen (the status bar).
pub fn status_bar(screen: &vt100::Screen) -> String {
    screen_rows(screen).pop().unwrap_or_default()
}

/// The column range inside the article panel's border: the last box whose top-left corner is
/// on row 0. Falls back to the whole width.
fn article_columns(screen: &vt100::Screen) -> (u16, u16) {
    let (_, cols) = screen.size();
    let mut left = None;
    let mut right = None;
    for col in 0..cols {
        match screen.cell(0, col).map(vt100::Cell::contents) {
            Some("┌" | "╭" | "┏") => left = Some(col),
            Some("┐" | "╮" | "┓") => right = Some(col),
            _ => {}
        }
    }
    match (left, right) {
        (Some(l), Some(r)) if r > l + 1 => (l + 1, r - l - 1),
        _ => (0, cols),
    }
}

/// The text rows of the article panel (inside its border, without the title row, the bottom
/// border and the status bar), with scrollbar and border glyphs removed and blanks trimmed.
pub fn article_rows(screen: &vt100::Screen) -> Vec<String> {
    let (rows, _) = screen.size();
    let (start, width) = article_columns(screen);
    screen
        .rows(start, width)
        .take(usize::from(rows.saturating_sub(2)))
        .skip(1)
        .map(|r| {
            r.chars()
                .filter(|c| !matches!(c, '█' | '▐' | '▌' | '│' | '┃' | '║' | '░' | '▒' | '▓' | '┆'))
                .collect::<String>()
                .trim()
                .to_string()
        })
        .collect()
}

/// The article panel's text as one string of words separated by single spaces, so phrases can
/// be found whatever the wrap width.
pub fn article_words(screen: &vt100::Screen) -> String {
    words(&article_rows(screen).join(" "))
}

/// Collapse all whitespace runs into single spaces.
pub fn words(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A fresh path in the temp directory (not created) whose name ends with `name`.
pub fn temp_path(name: &str) -> PathBuf {
    static COUNTER: AtomicUsize = AtomicUsize::new(0);
    let n = COUNTER.fetch_add(1, Ordering::SeqCst);
    std::env::temp_dir().join(format!("lectern-e2e-{}-{n}-{name}", std::process::id()))
}

/// A file in the temp directory, removed on drop.
pub struct TempFile(pub PathBuf);

impl TempFile {
    /// Write `bytes` to a fresh temp file whose name ends with `name`.
    pub fn new(name: &str, bytes: &[u8]) -> Self {
        let path = temp_path(name);
        std::fs::write(&path, bytes).expect("write temp file");
        Self(path)
    }

    /// The path.
    pub fn path(&self) -> &Path {
        &self.0
    }

    /// The path as a `&str` (the tests only create UTF-8 names).
    pub fn as_str(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for TempFile {
    fn drop(&mut self) {
        let _ = std::fs::remove_file(&self.0);
    }
}

/// Byte offset of the last occurrence of `needle` in `hay`.
pub fn rfind(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).rposition(|w| w == needle)
}

/// True when `needle` occurs in `hay`.
pub fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// How often `needle` occurs in `hay`.
pub fn count(hay: &[u8], needle: &[u8]) -> usize {
    hay.windows(needle.len()).filter(|w| *w == needle).count()
}

/// Enter and leave the alternate screen; show the cursor.
pub const ENTER_ALT: &[u8] = b"\x1b[?1049h";
/// Leave the alternate screen.
pub const LEAVE_ALT: &[u8] = b"\x1b[?1049l";
/// Show the cursor.
pub const SHOW_CURSOR: &[u8] = b"\x1b[?25h";

/// Panics unless the terminal ends restored: a leave-alternate-screen after the last enter, and
/// a show-cursor after the last enter.
pub fn assert_restored(raw: &[u8]) {
    let enter = rfind(raw, ENTER_ALT).expect("lectern entered the alternate screen");
    let leave = rfind(raw, LEAVE_ALT).expect("lectern left the alternate screen");
    assert!(
        leave > enter,
        "the last leave-alternate-screen ({leave}) comes before the last enter ({enter})"
    );
    let show = rfind(raw, SHOW_CURSOR).expect("lectern showed the cursor");
    assert!(show > enter, "the cursor is not shown after the last enter");
}

/// Run lectern with stdout and stderr piped (not a terminal) and stdin empty.
pub fn run_plain(args: &[&str]) -> std::process::Output {
    std::process::Command::new(BIN)
        .args(args)
        .stdin(std::process::Stdio::null())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .output()
        .expect("run lectern")
}

/// A file of the shared corpus (`../shared/corpus/NAME`); `None` (the test skips, saying so)
/// when it is missing, and a failure under CI, where it must be there.
/// A copy of Moby-Dick in a temp dir and a state directory beside it: `(dir, book, state)`
/// (`None` off CI without the shared corpus).
pub fn moby_copy() -> Option<(tempfile::TempDir, PathBuf, PathBuf)> {
    let bytes = corpus("moby-dick-2701-0.txt")?;
    let dir = tempfile::tempdir().expect("temp dir");
    let book = dir.path().join("moby.txt");
    std::fs::write(&book, &bytes).expect("write");
    let state = dir.path().join("state");
    Some((dir, book, state))
}

/// Open `book` (Moby-Dick) with `state`, `cols` × `rows`, and read `lines` lines into
/// chapter 10, past its heading. The first match of the search is the book's own contents
/// list; the second (`n`) is the chapter.
pub fn read_into_chapter_10(book: &Path, state: &Path, cols: u16, rows: u16, lines: usize) -> Pty {
    let mut pty = spawn_with_state(&[book.to_str().expect("utf-8")], cols, rows, state);
    pty.wait_for_text("% ·");
    pty.send("/CHAPTER 10. A Bosom\rn");
    pty.wait_settled("chapter 10", TIMEOUT, |s| {
        article_words(s).contains("CHAPTER 10. A Bosom Friend. Returning to the Spouter-Inn")
    });
    pty.send(format!("{lines}j"));
    pty.wait_settled("scrolled", TIMEOUT, |s| {
        !article_words(s).contains("CHAPTER 10")
    });
    pty
}

pub fn corpus(name: &str) -> Option<Vec<u8>> {
    let path = format!("{}/../shared/corpus/{name}", env!("CARGO_MANIFEST_DIR"));
    match std::fs::read(&path) {
        Ok(bytes) => Some(bytes),
        Err(e) if std::env::var_os("CI").is_some() => panic!("{path}: {e}"),
        Err(_) => {
            eprintln!("skipped: {path} is missing");
            None
        }
    }
}
