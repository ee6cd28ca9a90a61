//! lectern's command line: arguments, opening the input, and choosing plain output or the reader.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{ArgGroup, Parser, ValueEnum};

use lectern::document::Document;
use lectern::document::Format;
use lectern::document::sanitize::sanitize_inline;
use lectern::loader::{self, FILE_CAP, STREAM_CAP, Source};
use lectern::run::{self, StartOptions};
use lectern::search::Query;
use lectern::state::export::{self, ExportMeta};
use lectern::state::session::StateSetup;
use lectern::state::store::{DocKey, Store};
use lectern::state::{SourceKind, now_secs};
use lectern::{outline, plain_output};

/// Input format names for `--format`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// Plain text (and the `date YYYY-MM-DD Title` article format).
    Text,
    /// Markdown (`CommonMark` with tables).
    Markdown,
    /// A web page (the article; with --full-page the whole page).
    Html,
    /// An EPUB book.
    Epub,
}

/// A terminal reader for long-form articles.
///
/// With no FILE, lectern opens its built-in article (or reads a pipe on stdin). When stdout is
/// not a terminal, it prints the document as wrapped plain text.
#[derive(Debug, Parser)]
#[allow(clippy::struct_excessive_bools)] // command-line flags
#[command(version, about, long_about = None)]
#[command(group(ArgGroup::new("json_for").args(["toc", "highlights"]).multiple(true)))]
struct Cli {
    /// The file to read: text, Markdown, HTML or EPUB (by extension, else by its first bytes);
    /// `-` reads stdin.
    file: Option<PathBuf>,
    /// Read the input as this format instead of guessing from the extension.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
    /// HTML: show the whole page instead of the article that lectern finds in it.
    #[arg(long)]
    full_page: bool,
    /// Wrap width for plain output when stdout is not a terminal.
    #[arg(long, default_value_t = 80, value_parser = clap::value_parser!(u16).range(1..))]
    width: u16,
    /// Open at the first match of PATTERN with matches highlighted (also `+/PATTERN`). When
    /// stdout is not a terminal, print only the matching paragraphs; exit 1 if none match.
    #[arg(long, short = 's', value_name = "PATTERN")]
    search: Option<String>,
    /// Treat the --search pattern as a regular expression.
    #[arg(long)]
    regex: bool,
    /// Print the table of contents as an indented tree and exit.
    #[arg(long)]
    toc: bool,
    /// With --toc or --highlights: print JSON.
    #[arg(long, requires = "json_for")]
    json: bool,
    /// Print the highlights kept for the document as Markdown (YAML front matter, each passage
    /// under its section with its colour, note, date and position) and exit.
    #[arg(long, conflicts_with_all = ["toc", "search", "no_state"])]
    highlights: bool,
    /// Read without reading or writing any saved state (also `LECTERN_NO_STATE=1`).
    #[arg(long)]
    no_state: bool,
    /// Drop everything kept about the document (position, marks, highlights, notes) and exit.
    #[arg(long, conflicts_with_all = ["toc", "search", "no_state", "highlights"])]
    forget: bool,
}

/// Where the document comes from, for its identity in the state store.
#[derive(Clone, Debug)]
enum Origin {
    /// A file as named on the command line.
    File(PathBuf),
    /// Standard input.
    Stdin,
    /// The built-in article.
    Builtin,
}

impl Origin {
    /// The source as the export names it.
    fn shown(&self) -> String {
        match self {
            Self::File(path) => sanitize_inline(
                &std::fs::canonicalize(path)
                    .unwrap_or_else(|_| path.clone())
                    .display()
                    .to_string(),
            ),
            Self::Stdin => "stdin".into(),
            Self::Builtin => "built-in article".into(),
        }
    }

    /// The document's key in the state store: files by path, the rest by content.
    fn key(&self, doc: &Document) -> Result<DocKey> {
        match self {
            Self::File(path) => DocKey::for_file(path).with_context(|| {
                format!(
                    "cannot open {}",
                    sanitize_inline(&path.display().to_string())
                )
            }),
            Self::Stdin => Ok(DocKey::for_document(SourceKind::Stdin, doc)),
            Self::Builtin => Ok(DocKey::for_document(SourceKind::Builtin, doc)),
        }
    }
}

/// True when saved state is off for this run (`--no-state` or `LECTERN_NO_STATE` set to
/// anything but empty or `0`).
fn state_disabled(cli: &Cli) -> bool {
    cli.no_state || std::env::var_os("LECTERN_NO_STATE").is_some_and(|v| !v.is_empty() && v != "0")
}

/// Where the TUI keeps this document's state, or `None` when state is off (or no state
/// directory is known, or the file cannot be named).
fn state_setup(cli: &Cli, origin: &Origin) -> Option<StateSetup> {
    if state_disabled(cli) {
        return None;
    }
    let store = Store::from_env()?;
    let (key, kind) = match origin {
        Origin::File(path) => (Some(DocKey::for_file(path).ok()?), SourceKind::File),
        Origin::Stdin => (None, SourceKind::Stdin),
        Origin::Builtin => (None, SourceKind::Builtin),
    };
    Some(StateSetup {
        store,
        key,
        kind,
        source: origin.shown(),
        restore: cli.search.is_none(),
    })
}

/// The state store, or an error saying why there is none.
fn store() -> Result<Store> {
    Store::from_env().context("no state directory: neither XDG_STATE_HOME nor HOME is set")
}

/// Turn the less-style `+/PATTERN` into `--search=PATTERN`.
fn rewrite_args(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    args.map(|a| match a.to_str().and_then(|s| s.strip_prefix("+/")) {
        Some(pattern) => format!("--search={pattern}").into(),
        None => a,
    })
    .collect()
}

/// Open the input named on the command line; errors name the path and the reason.
fn open_source(cli: &Cli) -> Result<(Source, String, Origin)> {
    let format_override = cli.format.map(|f| match f {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
        FormatArg::Html => Format::Html,
        FormatArg::Epub => Format::Epub,
    });
    let stdin_source = |format: Format| Source {
        reader: Box::new(io::stdin()),
        size: None,
        cap: STREAM_CAP,
        format,
        name: None,
        full_page: cli.full_page,
    };
    match &cli.file {
        Some(path) if path.as_os_str() == "-" => {
            if io::stdin().is_terminal() {
                bail!(
                    "`-` reads the document from stdin, but stdin is a terminal: pipe a file in (cat FILE | lectern -) or name the file"
                );
            }
            Ok((
                stdin_source(format_override.unwrap_or(Format::Auto)),
                "stdin".into(),
                Origin::Stdin,
            ))
        }
        Some(path) => {
            let shown = sanitize_inline(&path.display().to_string());
            let meta = std::fs::metadata(path).with_context(|| format!("cannot open {shown}"))?;
            if meta.is_dir() {
                bail!("cannot open {shown}: it is a directory");
            }
            let file = File::open(path).with_context(|| format!("cannot open {shown}"))?;
            let regular = meta.is_file();
            let name = path
                .file_name()
                .map_or_else(|| shown.clone(), |n| sanitize_inline(&n.to_string_lossy()));
            Ok((
                Source {
                    reader: Box::new(file),
                    size: regular.then_some(meta.len()),
                    cap: if regular { FILE_CAP } else { STREAM_CAP },
                    format: format_override.unwrap_or_else(|| Format::from_path(path)),
                    name: Some(name.clone()),
                    full_page: cli.full_page,
                },
                name,
                Origin::File(path.clone()),
            ))
        }
        None if stdin_is_piped() => Ok((
            stdin_source(format_override.unwrap_or(Format::Auto)),
            "stdin".into(),
            Origin::Stdin,
        )),
        None => {
            let mut source = Source::builtin();
            if let Some(f) = format_override {
                source.format = f;
            }
            Ok((source, "lectern".into(), Origin::Builtin))
        }
    }
}

/// True when stdin is a pipe or a redirected file (not a terminal, not `/dev/null`).
fn stdin_is_piped() -> bool {
    use std::os::unix::fs::FileTypeExt;
    if io::stdin().is_terminal() {
        return false;
    }
    std::fs::metadata("/dev/stdin").is_ok_and(|m| {
        m.file_type().is_fifo() || m.file_type().is_file() || m.file_type().is_socket()
    })
}

/// Print to stdout, treating a closed pipe (`| head`) as success.
fn print(text: &str) -> Result<()> {
    let mut out = io::stdout().lock();
    match out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        Err(e) if e.kind() != io::ErrorKind::BrokenPipe => Err(e).context("cannot write to stdout"),
        _ => Ok(()),
    }
}

/// `--forget`: drop the document's state file.
fn forget(origin: &Origin, source: Source) -> Result<u8> {
    let doc = match origin {
        Origin::File(_) => Document::default(),
        _ => loader::load_all(source).0,
    };
    let key = origin.key(&doc)?;
    let store = store()?;
    let what = origin.shown();
    let removed = store
        .forget(&key)
        .with_context(|| format!("cannot remove {}", store.path_of(&key).display()))?;
    if removed {
        eprintln!("lectern: forgot the position, marks and highlights of {what}");
    } else {
        eprintln!("lectern: nothing was kept about {what}");
    }
    Ok(0)
}

/// `--highlights [--json]`: print the document's highlights.
fn print_highlights(cli: &Cli, origin: &Origin, doc: &Document) -> Result<u8> {
    let key = origin.key(doc)?;
    let state = store()?
        .peek(&key)
        .map_err(|e| anyhow::anyhow!(e))?
        .unwrap_or_else(|| lectern::state::DocState::new(key.info.clone()));
    let outline = outline::build(doc);
    let meta = ExportMeta {
        source: origin.shown(),
        // Reproducible exports (and tests) take the date from SOURCE_DATE_EPOCH when set.
        exported: std::env::var("SOURCE_DATE_EPOCH")
            .ok()
            .and_then(|s| s.parse().ok())
            .unwrap_or_else(now_secs),
    };
    if cli.json {
        let json = export::to_json(doc, &outline, &state, &meta);
        let text = serde_json::to_string_pretty(&json).context("cannot write JSON")?;
        print(&format!("{text}\n"))?;
    } else {
        print(&export::markdown(doc, &outline, &state, &meta))?;
    }
    Ok(0)
}

fn run(cli: &Cli) -> Result<u8> {
    let (source, name, origin) = open_source(cli)?;
    if cli.forget {
        return forget(&origin, source);
    }
    let interactive = io::stdout().is_terminal() && !cli.toc && !cli.highlights;
    if interactive {
        let options = StartOptions {
            search: cli.search.clone(),
            regex: cli.regex,
            state: state_setup(cli, &origin),
        };
        let code = run::run(name, source, options)?;
        return Ok(u8::try_from(code).unwrap_or(1));
    }
    let (doc, notices) = loader::load_all(source);
    for notice in &notices {
        warn(notice);
    }
    if cli.highlights {
        return print_highlights(cli, &origin, &doc);
    }
    let width = usize::from(cli.width);
    if doc.blocks.is_empty() {
        warn("the document is empty");
        return Ok(0);
    }
    if cli.toc {
        let outline = outline::build(&doc);
        if cli.json {
            let json = outline::to_json(&outline, &doc);
            print(&format!(
                "{}\n",
                serde_json::to_string_pretty(&json).context("cannot write JSON")?
            ))?;
        } else {
            print(&outline::to_text(&outline, &doc))?;
        }
        return Ok(0);
    }
    if let Some(pattern) = &cli.search {
        let query = Query {
            text: pattern.clone(),
            regex: cli.regex,
        };
        return match plain_output::render_search(&doc, &query, width) {
            Ok(Some(text)) => print(&text).map(|()| 0),
            Ok(None) => Ok(1),
            Err(e) => bail!("invalid search pattern: {}", sanitize_inline(&e)),
        };
    }
    print(&plain_output::render_text(&doc, width))?;
    Ok(0)
}

/// One line on stderr; a closed or dead stderr (the terminal hung up) is not an error.
fn warn(message: &str) {
    let _ = writeln!(io::stderr(), "lectern: {}", sanitize_inline(message));
}

fn main() -> ExitCode {
    let cli = Cli::parse_from(rewrite_args(std::env::args_os()));
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            warn(&format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}
