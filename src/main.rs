//! lectern's command line: arguments, opening the input, and choosing plain output or the reader.

use std::fs::File;
use std::io::{self, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::{Context, Result, bail};
use clap::{Parser, ValueEnum};

use lectern::document::Format;
use lectern::document::sanitize::sanitize_inline;
use lectern::loader::LoadOptions;
use lectern::loader::{self, FILE_CAP, STREAM_CAP, Source};
use lectern::pager::{self, ReadAhead};
use lectern::run::{self, StartOptions};
use lectern::search::Query;
use lectern::{outline, plain_output};

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

/// With `-F`: when the whole input arrives soon and fits on the screen, print it (styled) and
/// return `None`; otherwise the source to read, from its start.
fn print_if_one_screen(source: Source, options: LoadOptions) -> Result<Option<Source>> {
    let Ok((cols, rows)) = ratatui::crossterm::terminal::size() else {
        return Ok(Some(source));
    };
    let (cols, rows) = (usize::from(cols), usize::from(rows));
    // A screenful of text is a few KiB; wider text cannot fit.
    let limit = cols * rows * 4 + 4096;
    if source.size.is_some_and(|size| size > limit as u64) {
        return Ok(Some(source));
    }
    let Source {
        reader,
        size,
        cap,
        format,
        name,
    } = source;
    let whole = match pager::read_ahead(reader, limit, Duration::from_millis(500))
        .context("cannot read the input")?
    {
        ReadAhead::Whole(bytes) => bytes,
        ReadAhead::Partial(reader) => {
            return Ok(Some(Source {
                reader,
                size,
                cap,
                format,
                name,
            }));
        }
    };
    let reread = |bytes: Vec<u8>| Source {
        size: Some(bytes.len() as u64),
        reader: Box::new(io::Cursor::new(bytes)),
        cap,
        format,
        name: name.clone(),
    };
    let (doc, _) = loader::load_all_with(reread(whole.clone()), options);
    let colours = std::env::var_os("NO_COLOR").is_none_or(|v| v.is_empty());
    let text = plain_output::render_styled(&doc, cols.max(1), colours);
    if text.lines().count() < rows.max(2) {
        print(&text)?;
        return Ok(None);
    }
    Ok(Some(reread(whole)))
}

fn run(cli: &Cli) -> Result<u8> {
    let (mut source, name) = open_source(cli)?;
    let load_options = LoadOptions {
        show_escapes: cli.show_escapes,
    };
    let interactive = io::stdout().is_terminal() && !cli.toc;
    let quit_if_one_screen = cli.quit_if_one_screen
        || (stdin_is_piped()
            && cli.file.as_ref().is_none_or(|f| f.as_os_str() == "-")
            && std::env::var("LESS").is_ok_and(|v| pager::less_wants_quit_if_one_screen(&v)));
    if interactive && quit_if_one_screen && cli.search.is_none() {
        match print_if_one_screen(source, load_options)? {
            Some(rest) => source = rest,
            None => return Ok(0),
        }
    }
    if interactive {
        let options = StartOptions {
            search: cli.search.clone(),
            regex: cli.regex,
            at_end: cli.at_end,
            follow: cli.follow,
            line: cli.line,
            load: load_options,
        };
        let code = run::run(name, source, options)?;
        return Ok(u8::try_from(code).unwrap_or(1));
    }
    let (doc, notices) = loader::load_all_with(source, load_options);
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
    let cli = Cli::parse_from(pager::rewrite_args(std::env::args_os()));
    match run(&cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            warn(&format!("{e:#}"));
            ExitCode::from(1)
        }
    }
}
