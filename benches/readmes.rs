//! Report, not a timing: how 30 real crate READMEs and CHANGELOGs read in lectern at 80 columns.
//!
//! `cargo bench --bench readmes` picks the documents from the local cargo registry
//! (`~/.cargo/registry/src/*/*/README.md` and `CHANGELOG.md`; none is copied into the
//! repository): every one that has a table, then the largest of the rest, 30 in all, in a fixed
//! order. `LECTERN_READMES=a.md:b.md` names the documents instead. For each it prints, and then
//! sums:
//!
//! - words lost: words of the Markdown's text (pulldown-cmark's text and code events) that
//!   lectern's plain output does not show;
//! - tables, how many fit 80 columns (every line at most 80 columns wide and no word cut but
//!   one longer than 16 columns), how many are stacked;
//! - URLs written into the running text (outside the `Links:` lists; autolinks and bare URLs
//!   whose text is the URL count too), and links listed under sections;
//! - lines of the running text wider than 80 columns;
//! - contents labels holding a URL, HTML or an image's alt text; documents without a title.

use std::path::{Path, PathBuf};

use lectern::document::{Block, BlockKind, markdown};
use lectern::layout::{display_width, layout_block, table};
use lectern::outline;
use lectern::plain_output::render_text;
use pulldown_cmark::{Event, Options, Parser};

const WIDTH: usize = 80;
const COUNT: usize = 30;

#[derive(Default)]
struct Figures {
    words: usize,
    lost: usize,
    tables: usize,
    fit: usize,
    stacked: usize,
    inline_urls: usize,
    listed: usize,
    wide_lines: usize,
    bad_labels: usize,
    untitled: usize,
}

impl Figures {
    fn add(&mut self, o: &Self) {
        self.words += o.words;
        self.lost += o.lost;
        self.tables += o.tables;
        self.fit += o.fit;
        self.stacked += o.stacked;
        self.inline_urls += o.inline_urls;
        self.listed += o.listed;
        self.wide_lines += o.wide_lines;
        self.bad_labels += o.bad_labels;
        self.untitled += o.untitled;
    }
}

fn documents() -> Vec<PathBuf> {
    if let Ok(list) = std::env::var("LECTERN_READMES") {
        return list.split(':').map(PathBuf::from).collect();
    }
    let home = std::env::var("CARGO_HOME").map_or_else(
        |_| PathBuf::from(std::env::var("HOME").unwrap_or_default()).join(".cargo"),
        PathBuf::from,
    );
    let mut all = Vec::new();
    for index in std::fs::read_dir(home.join("registry/src"))
        .into_iter()
        .flatten()
        .flatten()
    {
        for krate in std::fs::read_dir(index.path())
            .into_iter()
            .flatten()
            .flatten()
        {
            for name in ["README.md", "CHANGELOG.md"] {
                let path = krate.path().join(name);
                if let Ok(text) = std::fs::read_to_string(&path) {
                    all.push((path, text));
                }
            }
        }
    }
    all.sort_by(|a, b| a.0.cmp(&b.0));
    let has_table = |t: &str| {
        t.lines()
            .any(|l| l.trim_start().starts_with('|') && l.contains("---"))
    };
    let (mut picked, mut rest): (Vec<_>, Vec<_>) = all.into_iter().partition(|(_, t)| has_table(t));
    rest.sort_by_key(|(p, t)| (std::cmp::Reverse(t.len()), p.clone()));
    picked.extend(rest);
    picked.into_iter().take(COUNT).map(|(p, _)| p).collect()
}

/// Words of the Markdown's text, as pulldown-cmark reads them.
fn source_words(text: &str) -> Vec<String> {
    let mut words = Vec::new();
    for event in Parser::new_ext(text, Options::ENABLE_TABLES | Options::ENABLE_FOOTNOTES) {
        if let Event::Text(t) | Event::Code(t) = event {
            words.extend(t.split_whitespace().map(str::to_string));
        }
    }
    words
}

/// Does a table fit: every line within the width, and every word of its cells whole on a line
/// (a word wider than the width aside)?
fn table_fits(block: &Block, width: usize) -> (bool, bool) {
    let laid = layout_block(block, width, false);
    let lines: Vec<String> = laid
        .segments
        .iter()
        .map(|s| table::line_text(block, s))
        .collect();
    let narrow = lines
        .iter()
        .all(|l| display_width(l) + laid.indent <= width);
    let joined = lines.join("\n");
    // A word longer than a grid column may give up (16 columns, `layout::table`) may break.
    let whole = block
        .text
        .split_whitespace()
        .all(|w| display_width(w) > 16 || joined.contains(w));
    let stacked = laid
        .segments
        .iter()
        .flatten()
        .any(|s| matches!(s, table::Segment::Rule(r) if r == ": "));
    (narrow && whole, stacked)
}

fn measure(text: &str) -> Figures {
    let doc = markdown::parse(text);
    let out = render_text(&doc, WIDTH);
    let mut f = Figures::default();
    let mut body = String::new();
    let mut in_links = false;
    for line in out.lines() {
        if line == "Links:" {
            in_links = true;
            continue;
        }
        if in_links && line.starts_with("  ") {
            f.listed += 1;
            continue;
        }
        in_links = false;
        f.inline_urls += line.matches("http://").count() + line.matches("https://").count();
        f.wide_lines += usize::from(display_width(line) > WIDTH);
        body.push_str(line);
        body.push('\n');
    }
    // Order is the CommonMark test's job (tables interleave their cells' lines): here a word
    // is lost when it shows nowhere, even unwrapped (a word cut by wrapping is not lost).
    let unwrapped = render_text(&doc, 100_000);
    for word in source_words(text) {
        f.words += 1;
        f.lost += usize::from(!unwrapped.contains(word.as_str()));
    }
    for block in doc.blocks.iter().filter(|b| b.kind == BlockKind::Table) {
        f.tables += 1;
        let (fits, stacked) = table_fits(block, WIDTH);
        f.fit += usize::from(fits);
        f.stacked += usize::from(stacked);
    }
    let tree = outline::build(&doc);
    f.bad_labels = tree
        .nodes
        .iter()
        .filter(|n| n.kind == outline::NodeKind::Heading)
        .filter(|n| n.label.contains("://") || n.label.contains('<') || n.label.contains("[image"))
        .count();
    f.untitled = usize::from(doc.title.is_empty());
    f
}

fn short(path: &Path) -> String {
    let mut parts: Vec<_> = path
        .iter()
        .rev()
        .take(2)
        .map(|p| p.to_string_lossy())
        .collect();
    parts.reverse();
    parts.join("/")
}

fn main() {
    let docs = documents();
    let mut total = Figures::default();
    println!(
        "{:<48} {:>6} {:>4} {:>7} {:>5} {:>6} {:>6} {:>4} {:>5}",
        "document", "words", "lost", "tables", "fit", "urls", "listed", "wide", "label"
    );
    for path in &docs {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let f = measure(&text);
        println!(
            "{:<48} {:>6} {:>4} {:>7} {:>5} {:>6} {:>6} {:>4} {:>5}",
            short(path),
            f.words,
            f.lost,
            f.tables,
            f.fit,
            f.inline_urls,
            f.listed,
            f.wide_lines,
            f.bad_labels
        );
        total.add(&f);
    }
    println!(
        "\n{} documents: {} of {} words lost; {} tables, {} fit {WIDTH} columns ({} stacked); \
         {} URLs in the running text, {} links listed under sections; {} lines wider than \
         {WIDTH}; {} contents labels with a URL, HTML or alt text; {} documents without a title",
        docs.len(),
        total.lost,
        total.words,
        total.tables,
        total.fit,
        total.stacked,
        total.inline_urls,
        total.listed,
        total.wide_lines,
        total.bad_labels,
        total.untitled
    );
}
