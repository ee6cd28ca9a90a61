//! Restoring the reading position in a large document: time from spawn to the first frame at
//! the saved place, against the first frame at the top of the same document.
//!
//! Drives the release binary (`cargo build --release` first, then `cargo bench --bench
//! restore`) in a 120×40 pseudo-terminal with `XDG_STATE_HOME` in a temp dir. The document is
//! the generated text of the `pty` bench, 20 MB (`RESTORE_MB` sets another size, e.g. 500).
//! The state file is made as the reader makes it: the document is loaded into an `App` through
//! the loader's events, the view set at 10 %, 50 % and 95 % of the text, and the app's own
//! snapshot (position and seek hint) saved through the store. "At the place" means the status
//! bar's `back at` notice and the first words of the saved paragraph are on screen. The top is
//! measured with `LECTERN_NO_STATE=1`, until the document's first words show. Each figure is
//! min / median of 7 runs after one warm-up. `LECTERN_BIN` runs another binary (a baseline).

#[allow(dead_code)]
mod docgen;

use std::io::Read;
use std::path::Path;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use lectern::app::App;
use lectern::document::Format;
use lectern::layout::Pos;
use lectern::loader::{self, Source};
use lectern::state::store::{DocKey, Store};
use portable_pty::{CommandBuilder, PtySize, native_pty_system};
use ratatui::layout::Rect;

const RUNS: usize = 7;

/// Spawn the binary and return the time until `done` holds for the screen.
fn time_until(
    bin: &Path,
    file: &Path,
    env: &[(&str, &str)],
    done: impl Fn(&vt100::Screen) -> bool,
) -> Duration {
    let pair = native_pty_system()
        .openpty(PtySize {
            rows: 40,
            cols: 120,
            pixel_width: 0,
            pixel_height: 0,
        })
        .expect("openpty");
    let mut cmd = CommandBuilder::new(bin);
    cmd.arg(file);
    cmd.env("TERM", "xterm-256color");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let parser = Arc::new(Mutex::new(vt100::Parser::new(40, 120, 0)));
    let mut reader = pair.master.try_clone_reader().expect("reader");
    let p = Arc::clone(&parser);
    std::thread::spawn(move || {
        let mut buf = vec![0u8; 65536];
        while let Ok(n) = reader.read(&mut buf) {
            if n == 0 {
                break;
            }
            p.lock().expect("parser").process(&buf[..n]);
        }
    });
    let t0 = Instant::now();
    let mut child = pair.slave.spawn_command(cmd).expect("spawn");
    let took = loop {
        if done(parser.lock().expect("parser").screen()) {
            break t0.elapsed();
        }
        assert!(t0.elapsed() < Duration::from_secs(60), "timed out");
        std::thread::sleep(Duration::from_micros(500));
    };
    let _ = child.kill();
    let _ = child.wait();
    took
}

fn summary(mut times: Vec<Duration>) -> (Duration, Duration) {
    times.sort();
    (times[0], times[times.len() / 2])
}

/// The first three words of a text.
fn three_words(text: &str) -> String {
    text.split_whitespace()
        .take(3)
        .collect::<Vec<_>>()
        .join(" ")
}

/// The document loaded into a reader as the program loads it (events in order).
fn reader_for(path: &Path) -> App {
    let mut app = App::new(
        lectern::document::Document::default(),
        Rect::new(0, 0, 120, 40),
    );
    loader::load(Source::file(path, Format::Text).expect("open"), |ev| {
        app.load_event(ev);
        true
    });
    app
}

fn main() {
    let bin = Path::new(env!("CARGO_MANIFEST_DIR")).join("target/release/lectern");
    let bin = std::env::var_os("LECTERN_BIN")
        .map(std::path::PathBuf::from)
        .or_else(|| {
            std::env::var_os("CARGO_TARGET_DIR")
                .map(|d| Path::new(&d).join("release/lectern"))
                .filter(|p| p.exists())
        })
        .unwrap_or(bin);
    assert!(
        bin.exists(),
        "build the release binary first: {}",
        bin.display()
    );
    let mb: usize = std::env::var("RESTORE_MB")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(20);
    let generated = docgen::generate(mb * 1_000_000, 20);
    let path = docgen::write_temp(&format!("{mb}mb"), &generated);
    drop(generated);
    let mut app = reader_for(&path);
    let first_words = three_words(&app.doc().blocks[0].text);
    let state_home = tempfile::tempdir().expect("temp dir");
    let home = state_home.path().to_str().expect("utf-8").to_owned();
    let store = Store::at(state_home.path().join("lectern"));
    let key = DocKey::for_file(&path).expect("key");
    app.install_state(None, key.info.clone(), true);

    let top = |_: usize| {
        let fw = first_words.clone();
        time_until(&bin, &path, &[("LECTERN_NO_STATE", "1")], move |s| {
            s.contents().contains(&fw)
        })
    };
    let _ = top(0);
    let (tmin, tmed) = summary((0..RUNS).map(top).collect());
    println!("{}", bin.display());
    println!("{mb} MB document, 120×40, {RUNS} runs (min / median)");
    println!("first frame at the top (no state):      {tmin:>9.1?} / {tmed:>9.1?}");
    for percent in [10usize, 50, 95] {
        let block = app.doc().blocks.len() * percent / 100;
        let words = three_words(&app.doc().blocks[block].text);
        app.viewport
            .set_top(&app.content.doc, Pos { block, byte: 0 });
        let state = app.state_snapshot().expect("state on");
        let _ = store.forget(&key);
        store.save(&key, &state).expect("save");
        let run = |_: usize| {
            time_until(&bin, &path, &[("XDG_STATE_HOME", &home)], |s| {
                let screen = s.contents();
                screen.contains("back at") && screen.contains(&words)
            })
        };
        let _ = run(0);
        let (min, med) = summary((0..RUNS).map(run).collect());
        let ratio = med.as_secs_f64() / tmed.as_secs_f64();
        println!(
            "first frame at the saved place, {percent:>2} %:  {min:>9.1?} / {med:>9.1?}  ({ratio:.1}× the top)"
        );
    }
}
