//! Start-up timestamps for `LECTERN_TRACE=FILE`: where the milliseconds before the first frame go.
//!
//! Off unless the variable names a file; then every [`mark`] appends one line to it:
//! milliseconds since `main` began, the wall clock in microseconds since the Unix epoch (to
//! line up with the time the process was spawned, taken by whoever spawned it), the thread and
//! the step. A run starts with a `start` line.

use std::fs::File;
use std::io::Write;
use std::sync::{Mutex, OnceLock};
use std::time::{Instant, SystemTime, UNIX_EPOCH};

/// The open trace file and the instant `main` began.
struct Trace {
    start: Instant,
    file: Mutex<File>,
}

static TRACE: OnceLock<Option<Trace>> = OnceLock::new();

/// Open the trace file named by `LECTERN_TRACE` (appending), once; call it first in `main`.
pub fn start() {
    let trace = TRACE.get_or_init(|| {
        let path = std::env::var_os("LECTERN_TRACE").filter(|p| !p.is_empty())?;
        let file = File::options().create(true).append(true).open(path).ok()?;
        Some(Trace {
            start: Instant::now(),
            file: Mutex::new(file),
        })
    });
    if trace.is_some() {
        mark("start");
    }
}

/// Note that `step` happened now; nothing when tracing is off.
pub fn mark(step: &str) {
    let Some(Some(trace)) = TRACE.get() else {
        return;
    };
    let since = trace.start.elapsed().as_secs_f64() * 1000.0;
    let wall = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_micros());
    let thread = std::thread::current();
    let line = format!(
        "{since:9.3} ms {wall} {} {step}\n",
        thread.name().unwrap_or("?")
    );
    if let Ok(mut file) = trace.file.lock() {
        let _ = file.write_all(line.as_bytes());
    }
}
