//! Scale: lectern beside `less` on one very large plain-text file, in a 120×40 pty.
//!
//! `cargo build --release`, then `cargo bench --bench scale -- [MB] [RUNS]` (default 1000 MB,
//! 3 runs; `--quick`: 50 MB, 1 run, what CI runs to keep the bench working). The file is
//! written to the temp dir as copies of a generated 20 MB document (as the issue that asked
//! for this measured it), the needle word only in the last copy's last paragraphs, so a search
//! from the top finds its first match near the end. Each program runs once to record the
//! screens the keys settle on, then RUNS times, alternating; per run, in one process:
//!
//! - first frame: spawn until the first words show;
//! - `G` sent at once after the first frame: until the file's last line shows (lectern keeps
//!   following the end while it loads);
//! - lectern: loaded with its contents (from spawn), and the slowest key while it loads and
//!   analyses (`k`/`j` every 150 ms, each until the screen changed);
//! - then, with everything read: `G` and `PageDown` (each from the top) and a resize to
//!   100×30, each until the screen equals the recorded one;
//! - a search typed in one write from the top (`/word⏎`): until the match shows, and (lectern)
//!   until the status bar shows the full count;
//! - peak memory (`VmHWM`) at the end, then `q`: until the terminal is restored (the alternate
//!   screen left) and until the process has exited.
#![allow(clippy::cast_precision_loss)]

#[allow(dead_code)]
mod docgen;
mod harness;

use std::io::Write as _;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use harness::{Cond, Term};
use portable_pty::CommandBuilder;

/// The programs compared.
#[derive(Clone, Copy, PartialEq, Eq)]
enum Prog {
    Lectern,
    Less,
}

impl Prog {
    fn name(self) -> &'static str {
        match self {
            Self::Lectern => "lectern",
            Self::Less => "less",
        }
    }

    fn command(self, root: &Path, file: &Path, state: &Path) -> CommandBuilder {
        let bin = match self {
            Self::Lectern => harness::lectern_bin(root),
            Self::Less => PathBuf::from("/usr/bin/less"),
        };
        let mut cmd = harness::command(bin, root);
        cmd.arg(file);
        cmd.env("LECTERN_CONFIG", root.join("benches/pty-config.toml"));
        // A fresh state directory: no saved place to restore, as `less` has none.
        cmd.env("XDG_STATE_HOME", state);
        cmd.env_remove("COLORFGBG");
        cmd
    }
}

/// The generated file and what a reader looks for in it.
struct Big {
    path: PathBuf,
    bytes: u64,
    first_words: String,
    last_line: String,
    needles: usize,
}

/// Write `mb` MB as copies of a 20 MB document; the needle only in the last copy.
fn big_file(mb: usize) -> Big {
    let chunk = docgen::generate(20_000_000.min(mb * 1_000_000), 20);
    let plain = chunk.text.replace(docgen::NEEDLE, "quixotic");
    let copies = (mb * 1_000_000).div_ceil(chunk.text.len()).max(1);
    let path = std::env::temp_dir().join(format!("lectern-bench-scale-{mb}mb.txt"));
    let bytes = (copies * chunk.text.len()) as u64;
    if std::fs::metadata(&path).map(|m| m.len()).ok() != Some(bytes) {
        let mut out = std::io::BufWriter::new(std::fs::File::create(&path).expect("create"));
        for _ in 1..copies {
            out.write_all(plain.as_bytes()).expect("write");
        }
        out.write_all(chunk.text.as_bytes()).expect("write");
        out.flush().expect("flush");
    }
    let last_line = chunk.text.lines().rev().find(|l| !l.trim().is_empty());
    Big {
        path,
        bytes,
        first_words: chunk.first_words.clone(),
        last_line: last_line.unwrap_or_default().trim().to_owned(),
        needles: chunk.needle_count,
    }
}

/// Screens recorded by the first run, compared against in the timed runs.
#[derive(Default)]
struct Expected {
    end: String,
    page_down: String,
    resize: String,
}

/// One measurement: a figure per run for each program (`None`: timed out).
struct Row {
    name: String,
    unit: &'static str,
    target: String,
    values: [Vec<Option<f64>>; 2],
}

impl Row {
    fn cell(&self, prog: Prog) -> String {
        let values = &self.values[prog as usize];
        let mut ok: Vec<f64> = values.iter().flatten().copied().collect();
        ok.sort_by(f64::total_cmp);
        let failed = values.len() - ok.len();
        let unit = self.unit;
        let shown = match (ok.first(), ok.last()) {
            (Some(min), Some(max)) => {
                format!("{min:.1} / {:.1} / {max:.1} {unit}", ok[ok.len() / 2])
            }
            _ if failed > 0 => return "timeout".to_owned(),
            _ => return "–".to_owned(),
        };
        if failed > 0 {
            format!("{shown} ({failed} timeout)")
        } else {
            shown
        }
    }
}

/// The measurements, in the order first seen.
#[derive(Default)]
struct Table {
    rows: Vec<Row>,
}

impl Table {
    fn push(&mut self, name: &str, unit: &'static str, target: &str, prog: Prog, v: Option<f64>) {
        let i = self
            .rows
            .iter()
            .position(|r| r.name == name)
            .unwrap_or_else(|| {
                self.rows.push(Row {
                    name: name.to_owned(),
                    unit,
                    target: target.to_owned(),
                    values: Default::default(),
                });
                self.rows.len() - 1
            });
        self.rows[i].values[prog as usize].push(v);
    }

    fn time(&mut self, name: &str, target: &str, prog: Prog, d: Option<Duration>) {
        self.push(name, "ms", target, prog, d.map(|d| d.as_secs_f64() * 1e3));
    }

    fn print(&self) {
        println!("| measurement | lectern min / median / max | less min / median / max | target |");
        println!("|---|---|---|---|");
        for row in &self.rows {
            let (lectern, less) = (row.cell(Prog::Lectern), row.cell(Prog::Less));
            println!("| {} | {lectern} | {less} | {} |", row.name, row.target);
        }
    }
}

/// The article's text rows (inside the border, right of the side panel, left of the
/// scrollbar): what a scroll changes and loading progress, the contents arriving and the
/// status bar do not.
fn article_rows(screen: &vt100::Screen) -> Vec<String> {
    let rows = harness::rows_of(screen);
    let last = rows.len().saturating_sub(2);
    rows[1.min(last)..last]
        .iter()
        .map(|r| r.chars().skip(35).take(70).collect())
        .collect()
}

/// The file's end is on screen: `less` shows its last line; lectern re-flows paragraphs, so
/// its last word and 100% in the status bar.
fn at_the_end(prog: Prog, big: &Big) -> Cond {
    if prog == Prog::Less {
        return harness::in_text_rows(&big.last_line);
    }
    let word = big
        .last_line
        .rsplit(' ')
        .next()
        .unwrap_or_default()
        .to_owned();
    let mut shown = harness::in_text_rows(&word);
    let mut full = harness::in_last_row("100%");
    Box::new(move |s| shown(s) && full(s))
}

/// The terminal left the alternate screen (the program restored it).
fn restored() -> Cond {
    Box::new(|s| !s.alternate_screen())
}

/// Send `k` and `j` in turn every 150 ms until `ready` holds; each key's time until the
/// article's text moved (`None`: it did not).
fn keys_while_loading(term: &mut Term, ready: &mut Cond) -> Vec<Option<Duration>> {
    let mut times = Vec::new();
    for i in 0..400 {
        if term.holds(ready) {
            break;
        }
        let before = term.with_screen(article_rows);
        let moved: Cond = Box::new(move |s| article_rows(s) != before);
        let key: &[u8] = if i % 2 == 0 { b"k" } else { b"j" };
        let d = term.measure(vec![moved], |t| t.send(key))[0];
        times.push(d);
        std::thread::sleep(Duration::from_millis(150));
    }
    times
}

#[allow(clippy::too_many_lines)]
fn run(root: &Path, prog: Prog, big: &Big, exp: &mut Expected, table: Option<&mut Table>) {
    let state = tempdir(prog);
    let mb = big.bytes as f64 / 1e6;
    let cmd = prog.command(root, &big.path, &state);
    let (mut term, t0) = Term::spawn(cmd, vec![harness::shows(&big.first_words)]);
    let first = term.wait_watches()[0].map(|t| t.saturating_duration_since(t0));
    // G at once: the last line, however long the rest takes to load.
    let end = term.measure(vec![at_the_end(prog, big)], |t| t.send(b"G"))[0];
    let (mut loaded, mut key_times) = (None, Vec::new());
    if prog == Prog::Lectern {
        let mut ready = harness::lectern_ready();
        key_times = keys_while_loading(&mut term, &mut ready);
        term.wait_for(harness::lectern_ready());
        loaded = Some(t0.elapsed());
    }
    term.settle();
    let keys: [(&str, &[u8]); 2] = [("G", b"G"), ("PageDown", b"\x1b[6~")];
    let mut times = Vec::new();
    for (name, key) in keys {
        // Each key from the top of the text.
        term.send(b"g");
        term.settle();
        let expected = if name == "G" {
            &mut exp.end
        } else {
            &mut exp.page_down
        };
        if expected.is_empty() {
            term.send(key);
            term.settle();
            *expected = term.contents();
        } else {
            times.push(term.measure(vec![harness::screen_is(expected)], |t| t.send(key))[0]);
            term.settle();
        }
    }
    if exp.resize.is_empty() {
        term.resize(harness::SMALL_ROWS, harness::SMALL_COLS);
        term.settle();
        exp.resize = term.contents();
    } else {
        let expected = exp.resize.clone();
        times.push(
            term.measure(vec![harness::screen_is(&expected)], |t| {
                t.resize(harness::SMALL_ROWS, harness::SMALL_COLS);
            })[0],
        );
        term.settle();
    }
    term.resize(harness::ROWS, harness::COLS);
    term.send(b"g");
    term.settle();
    let needle = docgen::NEEDLE;
    let mut conds = vec![harness::in_text_rows(needle)];
    if prog == Prog::Lectern {
        conds.push(harness::full_count(needle, big.needles));
    }
    let search = term.measure(conds, |t| t.send(format!("/{needle}\r").as_bytes()));
    term.settle();
    let hwm = term.memory().map(|m| m.1 as f64 / 1024.0);
    let (restored_in, exited_in) = quit_timed(term);
    let _ = std::fs::remove_dir_all(&state);
    let Some(table) = table else { return };
    let t = |s: &str| format!("{s}, {mb:.0} MB");
    table.time(&t("first frame"), "≤ 1.5× less", prog, first);
    table.time(
        &t("G at once → last line"),
        "shows the last line",
        prog,
        end,
    );
    if prog == Prog::Lectern {
        let name = t("loaded + contents (from spawn)");
        table.time(&name, "contents ≤ 20 s", prog, loaded);
    }
    if !key_times.is_empty() {
        // The slowest key; a key the screen never answered counts as a timeout.
        let slowest = key_times
            .iter()
            .try_fold(Duration::ZERO, |m, d| d.map(|d| m.max(d)));
        table.time(&t("slowest key while loading"), "< 5 ms", prog, slowest);
    }
    let names = [
        "G from the top (loaded)",
        "PageDown from the top (loaded)",
        "resize 120×40 → 100×30",
    ];
    for (name, d) in names.iter().zip(times) {
        table.time(&t(name), "< 5 ms", prog, d);
    }
    table.time(
        &t("/word⏎ → match near the end"),
        "< 500 ms",
        prog,
        search[0],
    );
    if prog == Prog::Lectern {
        table.time(
            &t("/word⏎ → full count"),
            "< 2 s",
            prog,
            search.get(1).copied().flatten(),
        );
    }
    let mib = big.bytes as f64 / 1_048_576.0;
    let target = format!("≤ {:.0} MiB (1.2× + 30)", 1.2 * mib + 30.0);
    table.push(&t("VmHWM"), "MiB", &target, prog, hwm);
    table.time(&t("q → terminal restored"), "< 50 ms", prog, restored_in);
    table.time(&t("q → process exited"), "< 50 ms", prog, exited_in);
}

/// `q`, timed until the alternate screen is left and until the process exits.
fn quit_timed(mut term: Term) -> (Option<Duration>, Option<Duration>) {
    let t0 = Instant::now();
    let restored_in = term.measure(vec![restored()], |t| t.send(b"q"))[0];
    let exited_in = term.quit(b"").map(|_| t0.elapsed());
    (restored_in, exited_in)
}

fn tempdir(prog: Prog) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("lectern-bench-scale-state-{}", prog.name()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("state dir");
    dir
}

fn main() {
    let args: Vec<String> = std::env::args()
        .skip(1)
        .filter(|a| a != "--bench")
        .collect();
    let quick = args.iter().any(|a| a == "--quick");
    let mut numbers = args.iter().filter_map(|a| a.parse::<usize>().ok());
    let mb = numbers.next().unwrap_or(if quick { 50 } else { 1000 });
    let runs = numbers.next().unwrap_or(if quick { 1 } else { 3 });
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let t = Instant::now();
    let big = big_file(mb);
    eprintln!(
        "{} ({} bytes) in {:.1?}",
        big.path.display(),
        big.bytes,
        t.elapsed()
    );
    let mut progs = vec![Prog::Lectern];
    if Path::new("/usr/bin/less").exists() {
        progs.push(Prog::Less);
    }
    let mut expected: Vec<Expected> = progs.iter().map(|_| Expected::default()).collect();
    for (p, &prog) in progs.iter().enumerate() {
        eprintln!("{}: recording the settled screens", prog.name());
        run(&root, prog, &big, &mut expected[p], None);
    }
    let mut table = Table::default();
    for i in 0..runs {
        for (p, &prog) in progs.iter().enumerate() {
            eprintln!("{}: run {}/{runs}", prog.name(), i + 1);
            run(&root, prog, &big, &mut expected[p], Some(&mut table));
        }
    }
    println!(
        "\nlectern vs less on {:.0} MB of plain text in a {}×{} pty, {runs} runs alternating \
         after one recording run each\n",
        big.bytes as f64 / 1e6,
        harness::COLS,
        harness::ROWS
    );
    table.print();
}
