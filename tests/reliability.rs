//! Reliability tests (hostile input, fragile terminals) that need the real binary in a pseudo-terminal:
//! terminal injection, other sinks, suspend, signals, hang-up, resize storms and odd inputs.

mod common;

use std::time::{Duration, Instant};

use common::{
    ENTER_ALT, FIRST_PARAGRAPH, LEAVE_ALT, SHOW_CURSOR, TIMEOUT, TempFile, assert_restored,
    contains, count, proc_state, rfind, run_plain, screen_rows, spawn, spawn_sh, status_bar,
    temp_path, wait_proc_state,
};

// ---------------------------------------------------------------------------------------------
// Rows 13–15, 17: terminal injection

/// Escape and control payloads, each after a visible tag so the screen can be checked.
fn control_payload() -> Vec<u8> {
    let mut b: Vec<u8> = Vec::new();
    b.extend_from_slice(b"Injection test document\n\n");
    b.extend_from_slice(b"First line VISIBLE-BEFORE the payloads.\n\n");
    // Row 13: CSI.
    b.extend_from_slice(
        b"zzcsi clear \x1b[2J hidden \x1b[8mSECRET\x1b[0m reset \x1bc alt \x1b[?1049l end\n\n",
    );
    // Row 14: OSC 0, 2, 8, 52 with BEL and ST; DCS; APC.
    b.extend_from_slice(b"zzosc title \x1b]0;pwned-title\x07 and \x1b]2;pwned2\x1b\\ done\n\n");
    b.extend_from_slice(b"zzlink \x1b]8;;https://evil.example/\x07click\x1b]8;;\x07 here\n\n");
    b.extend_from_slice(b"zzclip \x1b]52;c;cHduZWQ=\x07 and \x1b]52;c;cHduZWQ=\x1b\\ copied\n\n");
    b.extend_from_slice(
        b"zzdcs \x1bP1$r0m\x1b\\ apc \x1b_hidden-apc\x1b\\ pm \x1b^pm\x1b\\ done\n\n",
    );
    // Row 15: queries.
    b.extend_from_slice(
        b"zzquery dsr \x1b[6n da \x1b[c xtversion \x1b[>0q title \x1b[21t done\n\n",
    );
    // Row 14: C1 controls as UTF-8 and a raw 0x9B byte.
    b.extend_from_slice("zzc1 csi \u{9b}2J osc \u{9d}0;c1title\u{7} ".as_bytes());
    b.extend_from_slice(b"raw \x9b6n done\n\n");
    // Other C0 controls and DEL.
    b.extend_from_slice(b"zzc0 bell \x07 bs \x08 vt \x0b ff \x0c so \x0e del \x7f done\n\n");
    // Row 14: an unterminated OSC must not swallow the text after it.
    b.extend_from_slice(b"zzopen \x1b]0;never-terminated VISIBLE-AFTER the open OSC\n\n");
    b.extend_from_slice(b"Last line of the injection document.\n");
    b
}

/// Bidi controls (row 8, Trojan Source).
fn bidi_payload() -> Vec<u8> {
    let mut b: Vec<u8> = Vec::new();
    b.extend_from_slice(b"Bidi test document\n\n");
    for (i, c) in [
        '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}',
    ]
    .iter()
    .chain(&['\u{2067}', '\u{2068}', '\u{2069}'])
    .enumerate()
    {
        b.extend_from_slice(format!("zzbidi{i} before {c}desrever after\n\n").as_bytes());
    }
    b.extend_from_slice(b"Last line VISIBLE-AFTER the bidi controls.\n");
    b
}

/// Sequences that appear in the payloads and that lectern itself never writes.
const FORBIDDEN: &[(&str, &[u8])] = &[
    ("OSC", b"\x1b]"),
    ("DCS", b"\x1bP"),
    ("APC", b"\x1b_"),
    ("PM", b"\x1b^"),
    ("ST", b"\x1b\\"),
    ("RIS", b"\x1bc"),
    ("hidden SGR", b"\x1b[8m"),
    ("cursor position query", b"\x1b[6n"),
    ("device attributes query", b"\x1b[c"),
    ("XTVERSION query", b"\x1b[>0q"),
    ("title report query", b"\x1b[21t"),
    ("BEL", b"\x07"),
    ("backspace", b"\x08"),
    ("vertical tab", b"\x0b"),
    ("form feed", b"\x0c"),
    ("shift out", b"\x0e"),
    ("DEL", b"\x7f"),
    ("payload title", b"pwned-title\x07"),
];

/// Panics when `out` (bytes lectern wrote) carries any control from the payload.
fn assert_clean_output(out: &[u8], what: &str) {
    for (name, seq) in FORBIDDEN {
        assert!(
            !contains(out, seq),
            "{what}: the output contains a {name} sequence {seq:?}"
        );
    }
    let text = match std::str::from_utf8(out) {
        Ok(t) => t,
        Err(e) => panic!("{what}: the output is not UTF-8 (a raw C1 byte?): {e}"),
    };
    let c1: Vec<char> = text
        .chars()
        .filter(|c| ('\u{80}'..='\u{9f}').contains(c))
        .collect();
    assert!(c1.is_empty(), "{what}: C1 controls in the output: {c1:?}");
}

/// Panics when `out` carries a bidi control.
fn assert_no_bidi(out: &[u8], what: &str) {
    let text = String::from_utf8_lossy(out);
    let bidi: Vec<String> = text
        .chars()
        .filter(|c| matches!(c, '\u{202A}'..='\u{202E}' | '\u{2066}'..='\u{2069}' | '\u{200E}' | '\u{200F}' | '\u{061C}'))
        .map(|c| format!("U+{:04X}", u32::from(c)))
        .collect();
    assert!(
        bidi.is_empty(),
        "{what}: bidi controls in the output: {bidi:?}"
    );
}

/// Open `file` in a tall terminal, wait for `visible`, quit with `q`, return every byte.
fn run_and_capture(file: &str, visible: &[&str]) -> (Vec<u8>, String) {
    let mut pty = spawn(&[file], 140, 60);
    pty.wait_settled("the document", TIMEOUT, |s| {
        let text = s.contents();
        text.contains("? help") && visible.iter().all(|v| text.contains(v))
    });
    let screen = pty.contents();
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    (pty.raw(), screen)
}

/// The screen shows `[2J` with a placeholder glyph where the ESC was.
/// (U+FFFD does not count: terminals and vt100 treat it as "invalid input" and it is the same
/// mark as a bad UTF-8 byte, so it tells the reader nothing; the sanitizer shows `␛`.)
fn assert_placeholder_before(screen: &str, visible: &str) {
    let at = screen
        .find(visible)
        .unwrap_or_else(|| panic!("{visible:?} is not on screen:\n{screen}"));
    let before = screen[..at].chars().next_back();
    assert!(
        before.is_some_and(|c| !c.is_whitespace()),
        "no visible placeholder (such as ␛) before {visible:?} (got {before:?}):\n{screen}"
    );
}

#[test]
fn injected_escape_sequences_never_reach_the_terminal() {
    let file = TempFile::new("inject.txt", &control_payload());
    let (raw, screen) = run_and_capture(
        file.as_str(),
        &["VISIBLE-BEFORE", "VISIBLE-AFTER", "zzquery", "Last line"],
    );
    assert_clean_output(&raw, "TUI");
    // lectern leaves the alternate screen once, at exit; the payload's copy never arrives.
    assert_eq!(count(&raw, LEAVE_ALT), 1, "extra leave-alternate-screen");
    assert_restored(&raw);
    // The payload is shown, defanged, with a placeholder where ESC was.
    assert_placeholder_before(&screen, "[2J");
    assert_placeholder_before(&screen, "[6n");
    assert!(screen.contains("VISIBLE-AFTER"));
}

#[test]
fn bidi_controls_never_reach_the_terminal() {
    let file = TempFile::new("bidi.txt", &bidi_payload());
    let (raw, _) = run_and_capture(file.as_str(), &["VISIBLE-AFTER", "zzbidi8"]);
    assert_no_bidi(&raw, "TUI");
}

#[test]
fn a_file_name_with_escapes_is_shown_sanitized() {
    let dir = temp_path("evil-dir");
    std::fs::create_dir_all(&dir).expect("temp dir");
    let path = dir.join("evil\x1b]0;pwned\x07.txt");
    std::fs::write(
        &path,
        b"A harmless body paragraph for the evil name test.\n",
    )
    .expect("write");
    let name = path.to_str().expect("utf-8").to_string();
    let result = std::panic::catch_unwind(|| {
        let (raw, screen) = run_and_capture(&name, &["harmless body"]);
        assert_clean_output(&raw, "TUI with an evil file name");
        assert!(screen.contains("pwned"), "the name is not shown:\n{screen}");
    });
    let _ = std::fs::remove_dir_all(&dir);
    if let Err(e) = result {
        std::panic::resume_unwind(e);
    }
}

#[test]
fn plain_output_search_output_and_errors_are_clean() {
    let file = TempFile::new("inject-plain.txt", &control_payload());
    let out = run_plain(&[file.as_str()]);
    assert!(out.status.success(), "{out:?}");
    assert_clean_output(&out.stdout, "plain output");
    assert_clean_output(&out.stderr, "plain output stderr");
    assert!(String::from_utf8_lossy(&out.stdout).contains("VISIBLE-AFTER"));

    let out = run_plain(&["--search", "zz", file.as_str()]);
    assert!(out.status.success(), "{out:?}");
    assert_clean_output(&out.stdout, "--search output");
    let text = String::from_utf8_lossy(&out.stdout);
    assert!(
        text.contains("zzquery") && text.contains("zzopen"),
        "{text}"
    );

    let out = run_plain(&["--toc", file.as_str()]);
    assert_clean_output(&out.stdout, "--toc output");

    // A search pattern with escapes, in an error message.
    let out = run_plain(&["--regex", "--search", "\x1b]0;pwned\x07(", file.as_str()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert_clean_output(&out.stderr, "invalid pattern error");

    // A missing file whose name holds escapes.
    let missing = "/nonexistent/evil\x1b]0;pwned\x07\x1b[6n.txt";
    let out = run_plain(&[missing]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    assert!(
        !out.stderr.contains(&0x1b),
        "ESC in stderr: {:?}",
        out.stderr
    );
    assert_clean_output(&out.stderr, "missing file error");
    assert!(String::from_utf8_lossy(&out.stderr).contains("pwned"));
}

#[test]
fn plain_and_search_output_have_no_bidi_controls() {
    let file = TempFile::new("bidi-plain.txt", &bidi_payload());
    let out = run_plain(&[file.as_str()]);
    assert!(out.status.success(), "{out:?}");
    assert_no_bidi(&out.stdout, "plain output");
    let out = run_plain(&["--search", "zzbidi", file.as_str()]);
    assert_no_bidi(&out.stdout, "--search output");
    let out = run_plain(&["/nonexistent/evil\u{202E}txt.exe"]);
    assert_no_bidi(&out.stderr, "missing file error");
}

// ---------------------------------------------------------------------------------------------
// Row 21: suspend

fn suspend_and_resume(stop: impl FnOnce(&mut common::Pty)) {
    let mut pty = spawn(&[], 100, 30);
    pty.wait_first_frame();
    let pid = pty.pid();
    let mark = pty.raw_len();
    stop(&mut pty);
    wait_proc_state(pid, TIMEOUT, |s| s == Some('T'));
    // Everything lectern wrote before it stopped reaches the reader.
    pty.wait_for_raw("the restore before the stop", TIMEOUT, |raw| {
        let after = &raw[mark..];
        contains(after, LEAVE_ALT) && contains(after, SHOW_CURSOR)
    });
    let after = pty.raw_since(mark);
    let leave = rfind(&after, LEAVE_ALT).expect("leave");
    assert!(
        rfind(&after, ENTER_ALT).is_none_or(|enter| enter < leave),
        "re-entered the alternate screen while stopped"
    );
    for mode in [&b"\x1b[?1000l"[..], b"\x1b[?2004l"] {
        assert!(
            contains(&after, mode),
            "mode {mode:?} not reset before the stop"
        );
    }
    assert!(
        !pty.with_screen(vt100::Screen::alternate_screen),
        "still on the alternate screen"
    );
    let mark = pty.raw_len();
    pty.signal("CONT");
    wait_proc_state(pid, TIMEOUT, |s| s != Some('T'));
    pty.wait_for("the redraw after SIGCONT", TIMEOUT, |s| {
        s.alternate_screen() && s.contents().contains(common::TITLE_TEXT)
    });
    assert!(contains(&pty.raw_since(mark), ENTER_ALT));
    // Still responsive after the resume.
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    assert_restored(&pty.raw());
}

#[test]
fn ctrl_z_restores_the_terminal_stops_and_redraws_on_cont() {
    suspend_and_resume(|pty| pty.send([0x1a]));
}

#[test]
fn sigtstp_restores_the_terminal_stops_and_redraws_on_cont() {
    suspend_and_resume(|pty| pty.signal("TSTP"));
}

// ---------------------------------------------------------------------------------------------
// Row 22: signals

fn signal_exits_restored(name: &str, number: u32) {
    let mut pty = spawn(&[], 100, 30);
    pty.wait_first_frame();
    pty.signal(name);
    assert_eq!(pty.expect_exit(TIMEOUT), 128 + number, "SIG{name}");
    assert_restored(&pty.raw());
}

#[test]
fn sigterm_exits_143_with_the_terminal_restored() {
    signal_exits_restored("TERM", 15);
}

#[test]
fn sigint_exits_130_with_the_terminal_restored() {
    signal_exits_restored("INT", 2);
}

#[test]
fn sighup_exits_129_with_the_terminal_restored() {
    signal_exits_restored("HUP", 1);
}

#[test]
fn sigquit_exits_131_with_the_terminal_restored() {
    signal_exits_restored("QUIT", 3);
}

// ---------------------------------------------------------------------------------------------
// Row 23: hang-up

/// CPU time (user + system, in clock ticks) of `pid`.
fn cpu_ticks(pid: u32) -> Option<u64> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    let fields: Vec<&str> = stat[stat.rfind(')')? + 2..].split(' ').collect();
    Some(fields.get(11)?.parse::<u64>().ok()? + fields.get(12)?.parse::<u64>().ok()?)
}

fn hang_up_exits(pty: &mut common::Pty) {
    let pid = pty.pid();
    pty.hang_up(b"j");
    let started = Instant::now();
    let mut exited = false;
    while started.elapsed() < Duration::from_secs(1) {
        if pty.try_exit_code().is_some() {
            exited = true;
            break;
        }
        std::thread::sleep(Duration::from_millis(10));
    }
    let ticks = cpu_ticks(pid);
    assert!(
        exited,
        "lectern still runs 1 s after the hang-up (state {:?}, cpu ticks {ticks:?})",
        proc_state(pid)
    );
}

#[test]
fn closing_the_terminal_ends_lectern_within_a_second() {
    let mut pty = spawn(&[], 100, 30);
    pty.wait_first_frame();
    hang_up_exits(&mut pty);
}

#[test]
fn closing_the_terminal_ends_a_piped_lectern_within_a_second() {
    // lectern is not the session leader here, so it depends on the hang-up reaching it.
    let file = TempFile::new("hangup.txt", b"Hang-up test body paragraph.\n");
    let mut pty = spawn_sh("cat \"$1\" | \"$0\"", &[file.as_str()], 100, 30);
    pty.wait_settled("the document", TIMEOUT, |s| {
        s.contents().contains("Hang-up test body") && status_bar(s).contains("? help")
    });
    hang_up_exits(&mut pty);
}

// ---------------------------------------------------------------------------------------------
// Row 19: resize storm

/// The screen's rows with their formatting, to compare two terminals cell for cell.
/// What a reader sees: every row's text and every cell's colours and attributes.
type CellLook = (vt100::Color, vt100::Color, bool, bool, bool);

fn screen_state(screen: &vt100::Screen) -> (Vec<String>, Vec<CellLook>) {
    let (rows, cols) = screen.size();
    let mut looks = Vec::new();
    for r in 0..rows {
        for c in 0..cols {
            if let Some(cell) = screen.cell(r, c) {
                looks.push((
                    cell.fgcolor(),
                    cell.bgcolor(),
                    cell.bold(),
                    cell.inverse(),
                    cell.underline(),
                ));
            }
        }
    }
    (screen_rows(screen), looks)
}

/// The article panel's rows and the status bar, as text.
fn article_and_status(screen: &vt100::Screen) -> (Vec<String>, String) {
    (common::article_rows(screen), status_bar(screen))
}

#[test]
fn resize_storm_ends_with_the_same_screen_as_a_fresh_start() {
    const PRESSES: usize = 9;
    // The scroll happens at 80x24 in both terminals: `j` moves one wrapped line at the current
    // width, so scrolling during the storm could not be reproduced by the fresh instance.
    let mut fresh = spawn(&[], 80, 24);
    let mut storm = spawn(&[], 80, 24);
    for pty in [&mut fresh, &mut storm] {
        pty.wait_first_frame();
        for _ in 0..PRESSES {
            pty.send("j");
        }
    }
    fresh.wait_settled("the fresh instance to scroll", TIMEOUT, |s| {
        !s.contents().contains(FIRST_PARAGRAPH) || s.contents().contains("? help")
    });
    let want = fresh.with_screen(screen_state);
    storm.wait_settled("the storm instance to scroll", TIMEOUT, |s| {
        screen_state(s) == want
    });

    let mut seed: u64 = 0x5eed_1ec7_e2e0_0019;
    let mut next = move || {
        seed = seed
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        seed >> 33
    };
    for i in 0..200 {
        let cols = 1 + u16::try_from(next() % 220).expect("small");
        let rows = 1 + u16::try_from(next() % 70).expect("small");
        storm.resize(cols, rows);
        // Resizes only: under heavy CPU load a key sent in the middle of the storm was seen,
        // rarely, not to take effect (not yet explained), which would make this test flaky.
        // The keys' own handling is covered by the app-state and end-to-end tests.
        if i % 8 == 0 {
            std::thread::sleep(Duration::from_millis(5));
        }
    }
    storm.resize(80, 24);
    // First the reading position and stale cells: the article panel and the status bar.
    let want_article = fresh.with_screen(article_and_status);
    let result = storm.try_wait_for(TIMEOUT, |s| article_and_status(s) == want_article);
    if let Some(code) = storm.try_exit_code() {
        panic!(
            "lectern exited with {code} during the storm:\n{}",
            String::from_utf8_lossy(&storm.raw()[storm.raw().len().saturating_sub(3000)..])
        );
    }
    if let Err(screen) = result {
        panic!(
            "after the storm the article differs from a fresh start.\nstorm:\n{screen}\nfresh:\n{}",
            want.0.join("\n")
        );
    }
    // Then every cell, the contents panel included.
    if let Err(screen) = storm.try_wait_for(Duration::from_secs(2), |s| screen_state(s) == want) {
        panic!(
            "after the storm the screen differs from a fresh start (contents panel scroll?).\n\
             storm:\n{screen}\nfresh:\n{}",
            want.0.join("\n")
        );
    }
    storm.send("q");
    assert_eq!(storm.expect_exit(TIMEOUT), 0);
}

// ---------------------------------------------------------------------------------------------
// Rows 30, 32: special paths and difficult stdin

#[test]
fn empty_stdin_shows_a_clear_message() {
    let mut pty = spawn_sh("exec \"$0\" - </dev/null", &[], 100, 30);
    // The status bar says so (a frame can be polled half drawn: wait for it there).
    pty.wait_for(
        "an empty-document message in the status bar",
        TIMEOUT,
        |s| status_bar(s).contains("empty"),
    );
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

#[test]
fn endless_yes_pipe_shows_a_screen_quickly_and_quits() {
    let mut pty = spawn_sh("yes | \"$0\"", &[], 100, 30);
    // `yes` is one endless paragraph, so the loading view is what a first frame can show.
    pty.wait_for("the first frame of `yes`", TIMEOUT, |s| {
        let bar = status_bar(s);
        bar.contains("? help") && (bar.contains("loading") || bar.contains('%'))
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    assert_restored(&pty.raw());
}

#[test]
fn a_file_larger_than_memory_holds_is_refused_before_it_is_read() {
    // A sparse file: 1 TiB long, nothing on disk. No machine running the tests holds three
    // times that, so lectern must refuse it at once instead of reading until memory runs out.
    let file = TempFile::new("huge-sparse.txt", b"");
    std::fs::File::options()
        .write(true)
        .open(file.path())
        .and_then(|f| f.set_len(1 << 40))
        .expect("make a sparse file");
    let out = run_plain(&[file.as_str()]);
    assert_eq!(out.status.code(), Some(1), "{out:?}");
    let err = String::from_utf8_lossy(&out.stderr);
    assert_eq!(err.lines().count(), 1, "{err}");
    assert!(
        err.contains("huge-sparse.txt") && err.contains("1024.0 GiB") && err.contains("memory"),
        "{err}"
    );
    assert!(out.stdout.is_empty());
}

#[test]
fn dev_zero_opens_and_quits() {
    let mut pty = spawn(&["/dev/zero"], 100, 30);
    pty.wait_for("the first frame of /dev/zero", TIMEOUT, |s| {
        status_bar(s).contains("? help")
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    assert_restored(&pty.raw());
}
