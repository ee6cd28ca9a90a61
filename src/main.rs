//! lectern's command line: arguments, opening the input, and choosing plain output or the reader.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{ArgGroup, Parser, ValueEnum};

use lectern::document::Document;
use lectern::document::Format;
use lectern::document::sanitize::sanitize_inline;
use lectern::loader::LoadOptions;
use lectern::loader::{self, STREAM_CAP, Source};
use lectern::pager::{self, ReadAhead};
use lectern::run::{self, StartOptions};
use lectern::search::Query;
use lectern::state::export::{self, ExportMeta};
use lectern::state::session::StateSetup;
use lectern::state::store::{DocKey, Store};
use lectern::state::{SourceKind, now_secs};
use lectern::{config, outline, plain_output};

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
// The doc comments are the `--help` text: backticks would show there as they are.
#[allow(clippy::doc_markdown)]
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
    /// Print the document and exit when it fits on one screen (as `less -F`; also an `F` in
    /// the `LESS` variable when lectern reads a pipe, as git sets it for its pager).
    #[arg(short = 'F', long)]
    quit_if_one_screen: bool,
    /// Show the input's escape sequences and overstrike as visible placeholders instead of
    /// reading colours, bold and underline from them.
    #[arg(long)]
    show_escapes: bool,
    /// Accepted for `less` habits: colours in the input are always read as styles.
    #[arg(short = 'R', long = "RAW-CONTROL-CHARS", visible_short_alias = 'r')]
    raw_control_chars: bool,
    /// Accepted for `less` habits (git passes `-X` in `LESS`): no effect.
    #[arg(short = 'X', long = "no-init")]
    no_init: bool,
    /// Open at the end of the document (also `+G`).
    #[arg(long)]
    at_end: bool,
    /// Open at line N of the input (also `+N`).
    #[arg(long, value_name = "N")]
    line: Option<usize>,
    /// Follow a growing input at the bottom, as `less +F` (also `+F`).
    #[arg(long)]
    follow: bool,
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
    /// Read the configuration from FILE (default: $LECTERN_CONFIG, else
    /// $XDG_CONFIG_HOME/lectern/config.toml).
    #[arg(long, value_name = "FILE")]
    config: Option<PathBuf>,
    /// Print the effective configuration, every setting with its value and a comment, and exit.
    #[arg(long)]
    print_config: bool,
    /// Colour theme (overrides the config file).
    #[arg(long, value_enum)]
    theme: Option<config::ThemeName>,
    /// Colour output: never emits no colour at all, as NO_COLOR does.
    #[arg(long, value_enum, value_name = "WHEN")]
    color: Option<config::ColorMode>,
    /// Leave the mouse to the terminal (select text normally); same as mouse = false.
    #[arg(long)]
    no_mouse: bool,
}

/// The configuration: the file (see `config::locate`), then the command line over it.
fn load_config(cli: &Cli) -> (config::Config, Vec<config::ConfigError>) {
    let env = std::env::var_os("LECTERN_CONFIG");
    let path = config::locate(cli.config.as_deref(), env.as_deref());
    let shown = path
        .as_ref()
        .map(|(p, _)| p.display().to_string())
        .unwrap_or_default();
    let (mut cfg, mut errors) = config::load(path);
    errors.extend(lectern::user_keys::install_from_config(&mut cfg, &shown));
    if let Some(theme) = cli.theme {
        cfg.theme = theme;
    }
    if let Some(color) = cli.color {
        cfg.color = color;
    }
    if cli.no_mouse {
        cfg.mouse = false;
    }
    (cfg, errors)
}

/// `--print-config`: the effective configuration on stdout, its errors on stderr.
fn print_config(cli: &Cli) -> Result<u8> {
    let (cfg, errors) = load_config(cli);
    for e in &errors {
        eprintln!("lectern: {e}");
    }
    let env = config::terminal::ColorEnv::from_process();
    let theme = config::terminal::resolve_theme(cfg.theme, &env, || {
        config::terminal::query_background(config::terminal::BACKGROUND_QUERY_TIMEOUT)
    });
    let palette = config::Palette::builtin(theme, env.depth());
    print(&config::print(
        &cfg,
        &palette,
        &lectern::user_keys::key_docs(),
    ))?;
    Ok(u8::from(!errors.is_empty()))
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
            let regular = meta.is_file();
            let mut file = File::open(path).with_context(|| format!("cannot open {shown}"))?;
            let format = format_override.unwrap_or_else(|| Format::from_path(path));
            let cap = if regular {
                let shape = file_shape(&mut file, meta.len(), format)
                    .with_context(|| format!("cannot read {shown}"))?;
                lectern::limits::check_file(shape, lectern::limits::available_memory())
                    .map_err(|why| anyhow::anyhow!("cannot open {shown}: {why}"))?
            } else {
                STREAM_CAP
            };
            let name = path
                .file_name()
                .map_or_else(|| shown.clone(), |n| sanitize_inline(&n.to_string_lossy()));
            Ok((
                Source {
                    reader: Box::new(file),
                    size: regular.then_some(meta.len()),
                    cap,
                    format,
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

/// With `-F`: when the whole input arrives soon and fits on the screen, print it (styled) and
/// return `None`; otherwise the source to read, from its start.
fn print_if_one_screen(mut source: Source, options: LoadOptions) -> Result<Option<Source>> {
    let Ok((cols, rows)) = ratatui::crossterm::terminal::size() else {
        return Ok(Some(source));
    };
    let (cols, rows) = (usize::from(cols), usize::from(rows));
    // A screenful of text is a few KiB; wider text cannot fit.
    let limit = cols * rows * 4 + 4096;
    if source.size.is_some_and(|size| size > limit as u64) {
        return Ok(Some(source));
    }
    let reader = std::mem::replace(&mut source.reader, Box::new(io::empty()));
    let whole = match pager::read_ahead(reader, limit, Duration::from_millis(500))
        .context("cannot read the input")?
    {
        ReadAhead::Whole(bytes) => bytes,
        ReadAhead::Partial(reader) => {
            source.reader = reader;
            return Ok(Some(source));
        }
    };
    let first = Source {
        cap: source.cap,
        name: source.name.clone(),
        full_page: source.full_page,
        ..Source::bytes(whole.clone(), source.format)
    };
    let (doc, _) = loader::load_all_with(first, options);
    let colours = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = plain_output::render_styled(&doc, cols.max(1), colours);
    if text.lines().count() < rows.max(2) {
        print(&text)?;
        return Ok(None);
    }
    source.size = Some(whole.len() as u64);
    source.reader = Box::new(io::Cursor::new(whole));
    Ok(Some(source))
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
    if cli.print_config {
        return print_config(cli);
    }
    let (source, name, origin) = open_source(cli)?;
    if cli.forget {
        return forget(&origin, source);
    }
    let interactive = io::stdout().is_terminal() && !cli.toc && !cli.highlights;
    let load_options = LoadOptions {
        show_escapes: cli.show_escapes,
    };
    if !interactive {
        return print_document(cli, &origin, source, load_options);
    }
    let quit_if_one_screen = cli.quit_if_one_screen
        || (stdin_is_piped()
            && cli.file.as_ref().is_none_or(|f| f.as_os_str() == "-")
            && std::env::var("LESS").is_ok_and(|v| pager::less_wants_quit_if_one_screen(&v)));
    let mut source = source;
    if quit_if_one_screen && cli.search.is_none() {
        match print_if_one_screen(source, load_options)? {
            Some(rest) => source = rest,
            None => return Ok(0),
        }
    }
    read_in_terminal(cli, name, source, &origin, load_options)
}

/// The reader, full-screen. The theme is resolved on a thread of its own while the state is
/// read and loading starts: asking the terminal for its background takes a round trip.
fn read_in_terminal(
    cli: &Cli,
    name: String,
    source: Source,
    origin: &Origin,
    load: LoadOptions,
) -> Result<u8> {
    let (cfg, errors) = load_config(cli);
    lectern::trace::mark("config read");
    let env = config::terminal::ColorEnv::from_process();
    let theme_cfg = cfg.clone();
    let (theme_tx, theme) = std::sync::mpsc::channel();
    std::thread::Builder::new()
        .name("theme".into())
        .spawn(move || {
            let theme = lectern::theme::Theme::from_config(&theme_cfg, &env, || {
                config::terminal::query_background(config::terminal::BACKGROUND_QUERY_TIMEOUT)
            });
            lectern::trace::mark("theme resolved");
            let _ = theme_tx.send(theme);
        })
        .context("cannot start a thread")?;
    let notices = match errors.as_slice() {
        [] => Vec::new(),
        [one] => vec![format!("config: {one}")],
        [first, rest @ ..] => vec![format!(
            "config: {first} (+{} more: lectern --print-config lists them)",
            rest.len()
        )],
    };
    let options = StartOptions {
        search: cli.search.clone(),
        regex: cli.regex,
        theme: Some(theme),
        no_mouse: !cfg.mouse,
        config: cfg,
        notices,
        at_end: cli.at_end,
        follow: cli.follow,
        line: cli.line,
        load,
        state: state_setup(cli, origin),
    };
    let code = run::run(name, source, options)?;
    Ok(u8::try_from(code).unwrap_or(1))
}

/// Without a terminal (or with `--toc`, `--highlights`): the document, its contents, its
/// highlights or its matching paragraphs on stdout.
fn print_document(cli: &Cli, origin: &Origin, source: Source, load: LoadOptions) -> Result<u8> {
    let (doc, notices) = loader::load_all_with(source, load);
    for notice in &notices {
        warn(notice);
    }
    if cli.highlights {
        return print_highlights(cli, origin, &doc);
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

/// What the memory a regular file needs depends on, from its first bytes; the file is left at
/// its start.
fn file_shape(
    file: &mut File,
    size: u64,
    format: Format,
) -> io::Result<lectern::limits::FileShape> {
    use std::io::{Read, Seek};
    let mut sample = Vec::with_capacity(lectern::limits::SAMPLE_BYTES);
    Read::take(&mut *file, lectern::limits::SAMPLE_BYTES as u64).read_to_end(&mut sample)?;
    file.rewind()?;
    let markup = match format {
        Format::Html | Format::Epub => true,
        Format::Auto => lectern::document::sniff(&sample).is_some(),
        Format::Text | Format::Markdown => false,
    };
    Ok(lectern::limits::FileShape::estimate(size, &sample, markup))
}

/// One line on stderr; a closed or dead stderr (the terminal hung up) is not an error.
fn warn(message: &str) {
    let _ = writeln!(io::stderr(), "lectern: {}", sanitize_inline(message));
}

fn main() -> ExitCode {
    lectern::trace::start();
    let cli = Cli::parse_from(pager::rewrite_args(std::env::args_os()));
    lectern::trace::mark("arguments parsed");
    let result = run(&cli);
    lectern::trace::mark("exit");
    match result {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            warn(&format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}
