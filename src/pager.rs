//! Pager conventions: `less`-style arguments (`+G`, `+N`, `+/pattern`), the `F` flag that git
//! passes in `LESS`, and the input read ahead to decide whether a document fits on one screen.

use std::ffi::OsString;
use std::io::{self, Read};
use std::sync::mpsc::{self, Receiver, RecvTimeoutError};
use std::thread;
use std::time::{Duration, Instant};

/// Turn less-style `+` arguments into options: `+/PATTERN` → `--search=PATTERN`, `+G` →
/// `--at-end`, `+N` → `--line=N`, `+F` → `--follow`. Anything after `--` is left alone.
pub fn rewrite_args(args: impl Iterator<Item = OsString>) -> Vec<OsString> {
    let mut after_dashes = false;
    args.map(|a| {
        if after_dashes {
            return a;
        }
        if a == "--" {
            after_dashes = true;
            return a;
        }
        let Some(rest) = a.to_str().and_then(|s| s.strip_prefix('+')) else {
            return a;
        };
        if let Some(pattern) = rest.strip_prefix('/') {
            format!("--search={pattern}").into()
        } else if rest == "G" {
            "--at-end".into()
        } else if rest == "F" {
            "--follow".into()
        } else if !rest.is_empty() && rest.bytes().all(|b| b.is_ascii_digit()) {
            format!("--line={rest}").into()
        } else {
            a
        }
    })
    .collect()
}

/// True when a `LESS` value asks for quit-if-one-screen: an `F` in a cluster of short flags
/// (`FRX`, `-FRX`, `-R -F`) or `--quit-if-one-screen`. git sets `LESS=FRX` for its pager when
/// `LESS` is unset; the other letters mean nothing to lectern.
#[must_use]
pub fn less_wants_quit_if_one_screen(less: &str) -> bool {
    less.split_whitespace().any(|token| {
        if token == "--quit-if-one-screen" {
            return true;
        }
        if token.starts_with("--") {
            return false;
        }
        let cluster = token.strip_prefix('-').unwrap_or(token);
        cluster
            .chars()
            .take_while(char::is_ascii_alphabetic)
            .any(|c| c == 'F')
    })
}

/// What reading ahead found.
pub enum ReadAhead {
    /// The whole input (it ended within the limits).
    Whole(Vec<u8>),
    /// The start of a longer or slower input, and a reader that gives it again from its start.
    Partial(Box<dyn Read + Send>),
}

/// Read `reader` until it ends, `max_bytes` have come, or `wait` has passed.
///
/// # Errors
/// Spawning the reading thread can fail.
pub fn read_ahead(
    mut reader: Box<dyn Read + Send>,
    max_bytes: usize,
    wait: Duration,
) -> io::Result<ReadAhead> {
    let (tx, rx) = mpsc::sync_channel::<io::Result<Vec<u8>>>(4);
    thread::Builder::new()
        .name("read-ahead".into())
        .spawn(move || {
            let mut buf = vec![0u8; 64 * 1024];
            loop {
                let msg = match reader.read(&mut buf) {
                    Ok(0) => break,
                    Ok(n) => Ok(buf[..n].to_vec()),
                    Err(e) if e.kind() == io::ErrorKind::Interrupted => continue,
                    Err(e) => Err(e),
                };
                let failed = msg.is_err();
                if tx.send(msg).is_err() || failed {
                    break;
                }
            }
        })?;
    let deadline = Instant::now() + wait;
    let mut head = Vec::new();
    let mut error = None;
    loop {
        match rx.recv_timeout(deadline.saturating_duration_since(Instant::now())) {
            Ok(Ok(data)) => {
                head.extend_from_slice(&data);
                if head.len() > max_bytes {
                    break;
                }
            }
            Ok(Err(e)) => {
                error = Some(e);
                break;
            }
            Err(RecvTimeoutError::Disconnected) => return Ok(ReadAhead::Whole(head)),
            Err(RecvTimeoutError::Timeout) => break,
        }
    }
    Ok(ReadAhead::Partial(Box::new(Replay {
        head: io::Cursor::new(head),
        error,
        rest: rx,
    })))
}

/// The bytes read ahead, then the rest of the input as it comes.
struct Replay {
    head: io::Cursor<Vec<u8>>,
    error: Option<io::Error>,
    rest: Receiver<io::Result<Vec<u8>>>,
}

impl Read for Replay {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        loop {
            let n = self.head.read(buf)?;
            if n > 0 || buf.is_empty() {
                return Ok(n);
            }
            if let Some(e) = self.error.take() {
                return Err(e);
            }
            match self.rest.recv() {
                Ok(Ok(data)) => self.head = io::Cursor::new(data),
                Ok(Err(e)) => return Err(e),
                Err(_) => return Ok(0),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(args: &[&str]) -> Vec<String> {
        rewrite_args(args.iter().map(OsString::from))
            .into_iter()
            .map(|a| a.to_string_lossy().into_owned())
            .collect()
    }

    #[test]
    fn plus_arguments() {
        assert_eq!(
            strings(&["lectern", "+G", "+42", "+/whale", "+F", "+x", "file"]),
            [
                "lectern",
                "--at-end",
                "--line=42",
                "--search=whale",
                "--follow",
                "+x",
                "file"
            ]
        );
        assert_eq!(strings(&["lectern", "--", "+G"]), ["lectern", "--", "+G"]);
    }

    #[test]
    fn the_less_variable() {
        for yes in ["FRX", "-FRX", "-R -F", "--quit-if-one-screen", "-iFj5"] {
            assert!(less_wants_quit_if_one_screen(yes), "{yes}");
        }
        for no in ["", "-R", "RX", "--RAW-CONTROL-CHARS", "-j5F", "--Follow"] {
            assert!(!less_wants_quit_if_one_screen(no), "{no}");
        }
    }

    #[test]
    fn read_ahead_gives_everything_back() {
        let data: Vec<u8> = (0..200_000u32).map(|i| (i % 251) as u8).collect();
        let ahead = read_ahead(
            Box::new(io::Cursor::new(data.clone())),
            1000,
            Duration::from_secs(5),
        );
        let Ok(ReadAhead::Partial(mut reader)) = ahead else {
            panic!("a long input is partial");
        };
        let mut all = Vec::new();
        reader.read_to_end(&mut all).expect("read");
        assert_eq!(all, data);
        let ahead = read_ahead(Box::new(&b"short"[..]), 1000, Duration::from_secs(5));
        assert!(matches!(ahead, Ok(ReadAhead::Whole(d)) if d == b"short"));
    }
}
