//! A program in a pseudo-terminal for the benches: its screen mirrored by a `vt100::Parser`,
//! conditions on the screen timed from the chunk that made them true, the queries a real
//! terminal answers (background colour, device attributes) answered.
#![allow(dead_code)]

use std::io::{Read, Write};
use std::sync::{Arc, Condvar, Mutex, MutexGuard};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use portable_pty::{Child, CommandBuilder, MasterPty, PtySize, native_pty_system};

pub const ROWS: u16 = 40;
pub const COLS: u16 = 120;
pub const SMALL_ROWS: u16 = 30;
pub const SMALL_COLS: u16 = 100;
/// The longest any condition is waited for.
pub const TIMEOUT: Duration = Duration::from_secs(60);
/// No output for this long counts as settled.
pub const QUIET: Duration = Duration::from_millis(400);

pub type Cond = Box<dyn FnMut(&vt100::Screen) -> bool + Send>;

struct Watch {
    cond: Cond,
    hit: Option<Instant>,
}

struct State {
    parser: vt100::Parser,
    watches: Vec<Watch>,
    last_output: Instant,
    eof: bool,
}

struct Shared {
    state: Mutex<State>,
    cv: Condvar,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().expect("state lock")
    }
}

/// A program running in a pseudo-terminal, its screen mirrored by a `vt100::Parser`.
pub struct Term {
    shared: Arc<Shared>,
    master: Box<dyn MasterPty + Send>,
    writer: Arc<Mutex<Box<dyn Write + Send>>>,
    child: Box<dyn Child + Send + Sync>,
    reader: Option<JoinHandle<()>>,
}

/// Answer the terminal queries a real terminal answers: the background colour (OSC 11, as a
/// dark terminal) and the device attributes (DA1), so lectern's `auto` theme is timed as on a
/// real terminal, not as on one that never answers.
fn answer_queries(bytes: &[u8], writer: &Mutex<Box<dyn Write + Send>>) {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    let mut reply = Vec::new();
    if has(b"\x1b]11;?") {
        reply.extend_from_slice(b"\x1b]11;rgb:0000/0000/0000\x1b\\");
    }
    if has(b"\x1b[c") {
        reply.extend_from_slice(b"\x1b[?62;22c");
    }
    if !reply.is_empty() {
        let mut w = writer.lock().expect("writer lock");
        let _ = w.write_all(&reply);
        let _ = w.flush();
    }
}

fn reader_loop(
    mut reader: Box<dyn Read + Send>,
    shared: &Shared,
    writer: &Mutex<Box<dyn Write + Send>>,
) {
    let mut buf = vec![0u8; 1 << 16];
    loop {
        let n = match reader.read(&mut buf) {
            Ok(0) | Err(_) => break,
            Ok(n) => n,
        };
        answer_queries(&buf[..n], writer);
        let t = Instant::now();
        let mut st = shared.lock();
        st.parser.process(&buf[..n]);
        st.last_output = t;
        let State {
            parser, watches, ..
        } = &mut *st;
        for w in watches.iter_mut().filter(|w| w.hit.is_none()) {
            if (w.cond)(parser.screen()) {
                w.hit = Some(t);
            }
        }
        drop(st);
        shared.cv.notify_all();
    }
    shared.lock().eof = true;
    shared.cv.notify_all();
}

impl Term {
    /// Spawn `cmd` with `conds` already watched; returns the term and the spawn instant.
    pub fn spawn(cmd: CommandBuilder, conds: Vec<Cond>) -> (Self, Instant) {
        let pair = native_pty_system()
            .openpty(PtySize {
                rows: ROWS,
                cols: COLS,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("openpty");
        let shared = Arc::new(Shared {
            state: Mutex::new(State {
                parser: vt100::Parser::new(ROWS, COLS, 0),
                watches: conds
                    .into_iter()
                    .map(|cond| Watch { cond, hit: None })
                    .collect(),
                last_output: Instant::now(),
                eof: false,
            }),
            cv: Condvar::new(),
        });
        let reader = pair.master.try_clone_reader().expect("pty reader");
        let writer = Arc::new(Mutex::new(pair.master.take_writer().expect("pty writer")));
        let sh = Arc::clone(&shared);
        let wr = Arc::clone(&writer);
        let handle = std::thread::spawn(move || reader_loop(reader, &sh, &wr));
        let t0 = Instant::now();
        let child = pair.slave.spawn_command(cmd).expect("spawn");
        drop(pair.slave);
        (
            Self {
                shared,
                master: pair.master,
                writer,
                child,
                reader: Some(handle),
            },
            t0,
        )
    }

    /// Wait until every watch has hit (or `TIMEOUT`, or the program ended); the hit instants.
    pub fn wait_watches(&self) -> Vec<Option<Instant>> {
        let deadline = Instant::now() + TIMEOUT;
        let mut st = self.shared.lock();
        loop {
            let now = Instant::now();
            if st.eof || now >= deadline || st.watches.iter().all(|w| w.hit.is_some()) {
                break;
            }
            st = self
                .shared
                .cv
                .wait_timeout(st, deadline - now)
                .expect("state lock")
                .0;
        }
        let hits = st.watches.iter().map(|w| w.hit).collect();
        st.watches.clear();
        hits
    }

    /// Watch `conds`, do `act`, and return how long after it each condition became true.
    pub fn measure(
        &mut self,
        conds: Vec<Cond>,
        act: impl FnOnce(&mut Self),
    ) -> Vec<Option<Duration>> {
        {
            let mut st = self.shared.lock();
            let State {
                parser, watches, ..
            } = &mut *st;
            *watches = conds
                .into_iter()
                .map(|cond| Watch { cond, hit: None })
                .collect();
            // A condition already true before the action counts as immediate.
            let now = Instant::now();
            for w in watches.iter_mut() {
                if (w.cond)(parser.screen()) {
                    w.hit = Some(now);
                }
            }
        }
        let t0 = Instant::now();
        act(self);
        self.wait_watches()
            .into_iter()
            .map(|h| h.map(|t| t.saturating_duration_since(t0)))
            .collect()
    }

    /// Wait for `cond` without timing it.
    pub fn wait_for(&mut self, cond: Cond) -> bool {
        self.measure(vec![cond], |_| {})[0].is_some()
    }

    pub fn send(&mut self, bytes: &[u8]) {
        let mut w = self.writer.lock().expect("writer lock");
        w.write_all(bytes).expect("write to pty");
        w.flush().expect("flush pty");
    }

    pub fn resize(&mut self, rows: u16, cols: u16) {
        let mut st = self.shared.lock();
        st.parser.screen_mut().set_size(rows, cols);
        self.master
            .resize(PtySize {
                rows,
                cols,
                pixel_width: 0,
                pixel_height: 0,
            })
            .expect("resize pty");
        drop(st);
    }

    /// Wait until nothing was written for `QUIET` since the call or the last output, whichever
    /// is later (at most `TIMEOUT`).
    pub fn settle(&self) {
        let start = Instant::now();
        let deadline = start + TIMEOUT;
        loop {
            let since = self.shared.lock().last_output.max(start).elapsed();
            if since >= QUIET || Instant::now() >= deadline {
                return;
            }
            std::thread::sleep(QUIET.saturating_sub(since));
        }
    }

    /// Whether `cond` holds on the screen now.
    pub fn holds(&self, cond: &mut Cond) -> bool {
        cond(self.shared.lock().parser.screen())
    }

    /// Read the screen now.
    pub fn with_screen<T>(&self, f: impl FnOnce(&vt100::Screen) -> T) -> T {
        f(self.shared.lock().parser.screen())
    }

    pub fn contents(&self) -> String {
        self.shared.lock().parser.screen().contents()
    }

    /// `(VmRSS, VmHWM)` in KiB.
    pub fn memory(&self) -> Option<(u64, u64)> {
        let pid = self.child.process_id()?;
        let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
        let field = |name: &str| {
            status
                .lines()
                .find_map(|l| l.strip_prefix(name))
                .and_then(|v| v.trim().trim_end_matches("kB").trim().parse().ok())
        };
        Some((field("VmRSS:")?, field("VmHWM:")?))
    }

    /// Send `key` and wait for the program to exit: how long it took (`None`: it did not
    /// exit within 2 s and was killed).
    pub fn quit(mut self, key: &[u8]) -> Option<Duration> {
        let t0 = Instant::now();
        if let Ok(mut w) = self.writer.lock() {
            let _ = w.write_all(key);
            let _ = w.flush();
        }
        let deadline = t0 + Duration::from_secs(2);
        let mut exited = None;
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                exited = Some(t0.elapsed());
                break;
            }
            std::thread::sleep(Duration::from_micros(500));
        }
        if exited.is_none() {
            let _ = self.child.kill();
        }
        let _ = self.child.wait();
        drop(self.writer);
        drop(self.master);
        if let Some(h) = self.reader.take() {
            let _ = h.join();
        }
        exited
    }
}

/// A command for `program` in `root` with the environment every bench gives it: an xterm,
/// `less` without options or history, a UTF-8 locale.
pub fn command(program: impl AsRef<std::ffi::OsStr>, root: &std::path::Path) -> CommandBuilder {
    let mut cmd = CommandBuilder::new(program);
    cmd.cwd(root);
    cmd.env("TERM", "xterm-256color");
    cmd.env("LESS", "");
    cmd.env("LESSHISTFILE", "-");
    cmd.env("LC_ALL", "C.UTF-8");
    cmd
}

/// The lectern binary: `$LECTERN_BIN`, else `target/release/lectern` under `root`.
pub fn lectern_bin(root: &std::path::Path) -> std::path::PathBuf {
    std::env::var_os("LECTERN_BIN").map_or_else(|| root.join("target/release/lectern"), Into::into)
}

// ----- conditions --------------------------------------------------------------------------

pub fn rows_of(screen: &vt100::Screen) -> Vec<String> {
    let cols = screen.size().1;
    screen.rows(0, cols).collect()
}

/// `text` is on screen.
pub fn shows(text: &str) -> Cond {
    let text = text.to_string();
    Box::new(move |s| s.contents().contains(&text))
}

/// `text` is in a row above the last (the text, not a prompt or status bar).
pub fn in_text_rows(text: &str) -> Cond {
    let text = text.to_string();
    Box::new(move |s| {
        let rows = rows_of(s);
        rows[..rows.len().saturating_sub(1)]
            .iter()
            .any(|r| r.contains(&text))
    })
}

/// `text` is in the last row.
pub fn in_last_row(text: &str) -> Cond {
    let text = text.to_string();
    Box::new(move |s| rows_of(s).last().is_some_and(|r| r.contains(&text)))
}

/// The screen is exactly `expected`.
pub fn screen_is(expected: &str) -> Cond {
    let expected = expected.to_string();
    Box::new(move |s| s.contents() == expected)
}

/// lectern finished loading and building its contents.
pub fn lectern_ready() -> Cond {
    Box::new(|s| {
        let c = s.contents();
        !c.contains("loading")
            && !c.contains("building contents")
            && rows_of(s).last().is_some_and(|r| r.contains("? help"))
    })
}

/// lectern's status bar shows `word k/N` with the full count.
pub fn full_count(word: &str, n: usize) -> Cond {
    let re = regex::Regex::new(&format!(r"{} \d+/{n}(\s|$)", regex::escape(word))).expect("regex");
    Box::new(move |s| rows_of(s).last().is_some_and(|r| re.is_match(r)))
}
