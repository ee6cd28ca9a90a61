//! lectern as a pager, end to end in a pseudo-terminal: coloured `git log -p` of a repository
//! made here, `git diff` with one-space context lines, a man page, a growing pipe, `-F`.

mod common;

use std::path::PathBuf;
use std::process::Command;

use common::{TIMEOUT, TempFile, article_rows, contains, screen_rows, spawn_sh, temp_path};

/// A git repository in the temp directory, removed on drop.
struct Repo(PathBuf);

impl Repo {
    /// Two commits: the first adds `src/demo.rs` (with blank lines inside a function), the
    /// second changes lines around them.
    fn new() -> Self {
        let dir = temp_path("repo");
        std::fs::create_dir_all(dir.join("src")).expect("repo dir");
        let repo = Self(dir);
        repo.git(&["init", "-q", "-b", "main"]);
        let first =
            "fn demo() {\n    let a = 1;\n\n    let b = 2;\n\n    println!(\"{a} {b}\");\n}\n";
        repo.commit(
            first,
            "First subject line\n\nA body paragraph for the first commit.",
        );
        let second = first.replace("let b = 2;", "let b = 3; // changed in the second commit");
        repo.commit(&second, "Second subject line");
        repo
    }

    fn git(&self, args: &[&str]) -> String {
        let out = Command::new("git")
            .args(["-c", "user.name=T Ester", "-c", "user.email=t@example.org"])
            .args(["-c", "commit.gpgsign=false", "-c", "core.pager=cat"])
            .args(args)
            .current_dir(&self.0)
            .output()
            .expect("git is installed");
        assert!(out.status.success(), "git {args:?}: {out:?}");
        String::from_utf8_lossy(&out.stdout).into_owned()
    }

    fn commit(&self, text: &str, message: &str) {
        std::fs::write(self.0.join("src/demo.rs"), text).expect("write file");
        self.git(&["add", "."]);
        self.git(&["commit", "-q", "-m", message]);
    }

    fn as_str(&self) -> &str {
        self.0.to_str().expect("utf-8 temp path")
    }
}

impl Drop for Repo {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.0);
    }
}

/// The screen row holding `text`, and the column where it starts.
fn find_cell(screen: &vt100::Screen, text: &str) -> Option<(u16, u16)> {
    screen_rows(screen)
        .iter()
        .enumerate()
        .find_map(|(row, line)| {
            let at = line.find(text)?;
            let col = line[..at].chars().count();
            Some((u16::try_from(row).ok()?, u16::try_from(col).ok()?))
        })
}

/// The article panel's rows with their indentation kept (the text after the contents panel
/// and the border, without the scrollbar).
fn article_lines(screen: &vt100::Screen) -> Vec<String> {
    screen_rows(screen)
        .iter()
        .skip(1)
        .map(|row| {
            let inner = row.split_once("││").map_or(row.as_str(), |(_, r)| r);
            let inner = inner.strip_prefix('│').unwrap_or(inner);
            inner.trim_end_matches(['█', '│', '▐', ' ']).to_string()
        })
        .collect()
}

/// The input's own SGR forms (git writes `ESC[32m` and `ESC[m`; lectern draws through ratatui,
/// which writes `ESC[38;5;2m` and `ESC[0m`): none may reach the terminal.
fn assert_no_input_sequences(raw: &[u8]) {
    for seq in [
        &b"\x1b[m"[..],
        b"\x1b[32m",
        b"\x1b[31m",
        b"\x1b[33m",
        b"\x1b[36m",
    ] {
        assert!(
            !contains(raw, seq),
            "the input's {seq:?} reached the terminal"
        );
    }
}

#[test]
fn coloured_git_log_p_reads_as_commits_files_and_hunks() {
    let repo = Repo::new();
    let short = repo
        .git(&["rev-parse", "--short=7", "HEAD"])
        .trim()
        .to_string();
    let mut pty = spawn_sh(
        "cd \"$1\" && git -c color.ui=always log -p | \"$0\"",
        &[repo.as_str()],
        120,
        40,
    );
    pty.wait_settled("the log", TIMEOUT, |s| {
        let text = s.contents();
        text.contains("Second subject line") && text.contains("? help") && text.contains("@@")
    });
    let heading = format!("{short} Second subject line");
    pty.with_screen(|s| {
        let rows = screen_rows(s);
        let text = rows.join("\n");
        // The contents list both commits and the file.
        let panel: Vec<&str> = rows
            .iter()
            .map(|r| r.split("││").next().unwrap_or(""))
            .collect();
        assert!(panel.iter().any(|r| r.contains(&short)), "{text}");
        assert!(panel.iter().any(|r| r.contains("First subject")), "{text}");
        assert!(panel.iter().any(|r| r.contains("src/demo.rs")), "{text}");
        // The commit heading, git's header lines, and the diff verbatim with colours.
        assert!(text.contains(&heading), "{text}");
        assert!(text.contains("Author: T Ester <t@example.org>"), "{text}");
        assert!(
            !text.contains('␛'),
            "escape placeholders on screen:\n{text}"
        );
        let (row, col) = find_cell(s, "+    let b = 3;").expect("the added line");
        let cell = s.cell(row, col).expect("cell");
        assert_eq!(
            cell.fgcolor(),
            vt100::Color::Idx(2),
            "added lines are git's green"
        );
        let (row, col) = find_cell(s, "-    let b = 2;").expect("the removed line");
        assert_eq!(
            s.cell(row, col).expect("cell").fgcolor(),
            vt100::Color::Idx(1)
        );
        // The context line of one space inside the hunk did not split it: the next line keeps
        // its indentation right under it.
        let articles = article_lines(s);
        let removed = articles
            .iter()
            .position(|r| r.contains("-    let b = 2;"))
            .expect("row");
        assert!(articles[removed - 1].trim().is_empty());
        let indent = |r: &str| r.len() - r.trim_start().len();
        assert!(
            articles[removed - 2].ends_with(" let a = 1;"),
            "{articles:#?}"
        );
        assert_eq!(
            indent(&articles[removed - 2]),
            indent(&articles[removed]) + 5,
            "{articles:#?}"
        );
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    let raw = pty.raw();
    assert_no_input_sequences(&raw);
    common::assert_restored(&raw);
    // In a short terminal, `]` goes to the next commit, whose heading is then pinned while
    // its body scrolls.
    let mut pty = spawn_sh(
        "cd \"$1\" && git -c color.ui=always log -p | \"$0\"",
        &[repo.as_str()],
        120,
        14,
    );
    pty.wait_settled("the log", TIMEOUT, |s| {
        s.contents().contains("Second subject line")
    });
    pty.send("]");
    pty.wait_for("the first commit at the top", TIMEOUT, |s| {
        article_rows(s)
            .first()
            .is_some_and(|r| r.contains("First subject line"))
    });
    pty.send("jjj");
    pty.wait_settled("the pinned heading", TIMEOUT, |s| {
        let rows = article_rows(s);
        // The pinned row holds the heading alone (nothing of the line under it shows).
        rows.first()
            .is_some_and(|r| r.ends_with("First subject line"))
            && !rows.iter().any(|r| r.starts_with("commit "))
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

#[test]
fn git_diff_with_one_space_context_lines_keeps_one_hunk() {
    let repo = Repo::new();
    let diff = repo.git(&["-c", "color.ui=always", "diff", "HEAD~1"]);
    assert!(
        diff.contains("\n \x1b[m\n") || diff.contains("\n \n"),
        "{diff:?}"
    );
    let file = TempFile::new("diff.txt", diff.as_bytes());
    let mut pty = spawn_sh("\"$0\" < \"$1\"", &[file.as_str()], 100, 30);
    pty.wait_settled("the diff", TIMEOUT, |s| s.contents().contains("let b = 3;"));
    pty.with_screen(|s| {
        let rows = article_lines(s);
        let hunk = rows
            .iter()
            .position(|r| r.contains("@@ -1,7 +1,7 @@"))
            .expect("hunk");
        let body: Vec<&str> = rows[hunk + 1..]
            .iter()
            .map(|r| r.trim_end())
            .skip_while(|r| r.trim().is_empty())
            .take(8)
            .collect();
        // One block: the lines of the hunk follow each other without a gap line but the one
        // the file itself has, and keep their one-column marker.
        assert_eq!(body[0].trim_start(), "fn demo() {", "{body:#?}");
        assert!(body[1].ends_with(" let a = 1;"), "{body:#?}");
        assert_eq!(body[2].trim(), "", "{body:#?}");
        assert!(
            body[3].trim_start().starts_with("-    let b = 2;"),
            "{body:#?}"
        );
        assert!(
            body[4].trim_start().starts_with("+    let b = 3;"),
            "{body:#?}"
        );
        let indent = |r: &str| r.len() - r.trim_start().len();
        assert_eq!(indent(body[1]), indent(body[3]) + 5, "{body:#?}");
        assert_eq!(indent(body[0]), indent(body[3]) + 1, "{body:#?}");
        // The file is a heading in the contents.
        assert!(
            screen_rows(s)
                .iter()
                .any(|r| r.starts_with("│") && r.contains("src/demo.rs"))
        );
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    assert_no_input_sequences(&pty.raw());
}

/// The man page fixture: `tests/fixtures/lectern.1`, formatted by `man` when it is installed,
/// else the copy of its output captured with `MAN_KEEP_FORMATTING=1 MANWIDTH=100 man -l`.
fn fixture(name: &str) -> String {
    format!("{}/tests/fixtures/{name}", env!("CARGO_MANIFEST_DIR"))
}

fn have_man() -> bool {
    Command::new("man")
        .arg("-w")
        .arg("man")
        .output()
        .is_ok_and(|o| o.status.success())
}

#[test]
fn a_man_page_has_its_title_sections_styles_and_reflowed_options() {
    let script = if have_man() {
        "MANPAGER=\"$0\" MANWIDTH=100 man -l \"$1\""
    } else {
        "\"$0\" < \"$2\""
    };
    let mut pty = spawn_sh(
        script,
        &[&fixture("lectern.1"), &fixture("lectern.1.txt")],
        110,
        40,
    );
    pty.wait_settled("the man page", TIMEOUT, |s| {
        let text = s.contents();
        text.contains("LECTERN(1)")
            && text.contains("--quit-if-one-screen")
            && text.contains("? help")
    });
    pty.with_screen(|s| {
        let rows = screen_rows(s);
        let text = rows.join("\n");
        let panel: Vec<&str> = rows
            .iter()
            .map(|r| r.split("││").next().unwrap_or(""))
            .collect();
        for section in [
            "NAME",
            "SYNOPSIS",
            "DESCRIPTION",
            "OPTIONS",
            "EXIT STATUS",
            "SEE ALSO",
        ] {
            assert!(
                panel.iter().any(|r| r.contains(section)),
                "{section} missing:\n{text}"
            );
        }
        assert!(!text.contains('␈') && !text.contains("N\u{8}N"), "{text}");
        // Overstrike bold: the option tag is bold.
        let (row, col) = find_cell(s, "-F, --quit-if-one-screen").expect("the option");
        assert!(
            s.cell(row, col).expect("cell").bold(),
            "the option tag is bold"
        );
        // Formatted for 100 columns, re-flowed to the reading column: the description goes
        // on under its hanging indent, the hyphenated `arti‐cle` is whole again.
        let articles = article_lines(s);
        let tag = articles
            .iter()
            .position(|r| r.contains("-F, --quit-if"))
            .expect("tag");
        let desc = &articles[tag + 1];
        let tag_indent = articles[tag].len() - articles[tag].trim_start().len();
        assert!(
            desc.trim_start().starts_with("Print the document"),
            "{articles:#?}"
        );
        assert_eq!(
            desc.len() - desc.trim_start().len(),
            tag_indent + 7,
            "{articles:#?}"
        );
        assert!(text.contains("article column"), "{text}");
        // The header is the title, not repeated text; the footer's parts are metadata.
        assert_eq!(text.matches("User Commands").count(), 1, "{text}");
    });
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

#[test]
fn a_growing_pipe_shows_new_text_and_f_follows_it() {
    let go = temp_path("go");
    let stop = temp_path("stop");
    let script = "(i=1; while [ $i -le 120 ]; do printf 'line number %s\\n\\n' $i; i=$((i+1)); done; \
                  while [ ! -e \"$1\" ]; do sleep 0.05; done; printf 'late arrival\\n\\n'; \
                  while [ ! -e \"$2\" ]; do sleep 0.05; done) | \"$0\"";
    let paths = [go.to_str().expect("utf-8"), stop.to_str().expect("utf-8")];
    let mut pty = spawn_sh(script, &paths, 100, 30);
    pty.wait_settled("the first lines", TIMEOUT, |s| {
        s.contents().contains("line number 1")
    });
    pty.send("F");
    pty.wait_for("the end, followed", TIMEOUT, |s| {
        s.contents().contains("line number 120") && s.contents().contains("following")
    });
    std::fs::write(&go, b"").expect("signal the writer");
    pty.wait_for("the late line at the bottom", TIMEOUT, |s| {
        article_rows(s)
            .iter()
            .rev()
            .find(|r| !r.trim().is_empty())
            .is_some_and(|r| r.contains("late arrival"))
    });
    std::fs::write(&stop, b"").expect("stop the writer");
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
    let _ = std::fs::remove_file(&go);
    let _ = std::fs::remove_file(&stop);
}

#[test]
fn quit_if_one_screen_prints_a_short_document_and_exits() {
    let pty = spawn_sh(
        "printf '\\033[1;31mshort\\033[0m document\\n' | LESS=FRX \"$0\"; echo \"exit=$?\"",
        &[],
        80,
        24,
    );
    pty.wait_for_text("exit=0");
    let raw = pty.raw();
    assert!(
        !contains(&raw, common::ENTER_ALT),
        "no full-screen reader for one line"
    );
    pty.with_screen(|s| {
        let (row, col) = find_cell(s, "short document").expect("printed");
        let cell = s.cell(row, col).expect("cell");
        assert!(cell.bold());
        assert_eq!(cell.fgcolor(), vt100::Color::Idx(1));
    });
    // Without F in LESS (and no -F), the reader opens.
    let mut pty = spawn_sh("printf 'short\\n' | LESS=R \"$0\"", &[], 80, 24);
    pty.wait_for_text("? help");
    pty.send("q");
    assert_eq!(pty.expect_exit(TIMEOUT), 0);
}

#[test]
fn quitting_before_the_writer_ends_is_quiet() {
    let mut pty = spawn_sh("seq 1 5000000 | \"$0\"; echo \"exit=$?\"", &[], 80, 24);
    pty.wait_for_text("? help");
    pty.send("q");
    pty.wait_for_text("exit=0");
    let text = pty.contents().to_lowercase();
    assert!(
        !text.contains("broken pipe") && !text.contains("error"),
        "{text}"
    );
}
