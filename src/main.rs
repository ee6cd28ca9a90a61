//! lectern's command line: arguments, opening the input, and choosing plain output or the reader.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};

use lectern::document::Format;
use lectern::document::sanitize::sanitize_inline;
use lectern::loader::{self, FILE_CAP, STREAM_CAP, Source};
use lectern::run::{self, StartOptions};
use lectern::search::Query;
use lectern::{config, outline, plain_output};

/// Input format names for `--format`.
#[derive(Clone, Copy, Debug, ValueEnum)]
enum FormatArg {
    /// Plain text (and the `date YYYY-MM-DD Title` article format).
    Text,
    /// Markdown (`CommonMark` with tables).
    Markdown,
}

/// A terminal reader for long-form articles.
///
/// With no FILE, lectern opens its built-in article (or reads a pipe on stdin). When stdout is
/// not a terminal, it prints the document as wrapped plain text.
#[derive(Debug, Parser)]
#[command(version, about, long_about = None)]
struct Cli {
    /// The file to read: text or Markdown (by extension); `-` reads stdin.
    file: Option<PathBuf>,
    /// Read the input as this format instead of guessing from the extension.
    #[arg(long, value_enum)]
    format: Option<FormatArg>,
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
    /// With --toc: print the table of contents as JSON.
    #[arg(long, requires = "toc")]
    json: bool,
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

/// Turn the less-style `+/PATTERN` into `--search=PATTERN`.
fn rewrite_args(args: impl Iterator<Item = std::ffi::OsString>) -> Vec<std::ffi::OsString> {
    args.map(|a| match a.to_str().and_then(|s| s.strip_prefix("+/")) {
        Some(pattern) => format!("--search={pattern}").into(),
        None => a,
    })
    .collect()
}

/// Open the input named on the command line; errors name the path and the reason.
fn open_source(cli: &Cli) -> Result<(Source, String)> {
    let format_override = cli.format.map(|f| match f {
        FormatArg::Text => Format::Text,
        FormatArg::Markdown => Format::Markdown,
    });
    let stdin_source = |format: Format| Source {
        reader: Box::new(io::stdin()),
        size: None,
        cap: STREAM_CAP,
        format,
        name: None,
    };
    match &cli.file {
        Some(path) if path.as_os_str() == "-" => {
            if io::stdin().is_terminal() {
                bail!(
                    "`-` reads the document from stdin, but stdin is a terminal: pipe a file in (cat FILE | lectern -) or name the file"
                );
            }
            Ok((
                stdin_source(format_override.unwrap_or_default()),
                "stdin".into(),
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
                },
                name,
            ))
        }
        None if stdin_is_piped() => Ok((
            stdin_source(format_override.unwrap_or_default()),
            "stdin".into(),
        )),
        None => {
            let mut source = Source::builtin();
            if let Some(f) = format_override {
                source.format = f;
            }
            Ok((source, "lectern".into()))
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

fn run(cli: &Cli) -> Result<u8> {
    if cli.print_config {
        return print_config(cli);
    }
    let (source, name) = open_source(cli)?;
    let interactive = io::stdout().is_terminal() && !cli.toc;
    if interactive {
        let (cfg, errors) = load_config(cli);
        // Before the input thread starts: the background query reads the terminal's answer.
        let env = config::terminal::ColorEnv::from_process();
        let theme = lectern::theme::Theme::from_config(&cfg, &env, || {
            config::terminal::query_background(config::terminal::BACKGROUND_QUERY_TIMEOUT)
        });
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
        };
        let code = run::run(name, source, options)?;
        return Ok(u8::try_from(code).unwrap_or(1));
    }
    let (doc, notices) = loader::load_all(source);
    for notice in &notices {
        warn(notice);
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
