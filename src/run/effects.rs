//! Carrying out what the app asks for (`Effect`s): suspend, analysis, saving, copying,
//! notes and export.

use std::io::{self, Write};
use std::sync::mpsc::Sender;
use std::thread;

use anyhow::{Context as _, Result};

use super::Msg;
use super::terminal::{MOUSE, Term_, init_terminal, restore_terminal, suspend, terminal_size};
use crate::analysis;
use crate::app::{App, Effect};
use crate::document::Document;
use crate::state::session::Session;

/// Do what the app asked for: suspend, background analysis, saving, copying, notes, export.
pub(super) fn run_effects(
    term: &mut Term_,
    app: &mut App,
    session: &Session,
    tx: &Sender<Msg>,
) -> Result<()> {
    for effect in std::mem::take(&mut app.effects) {
        match effect {
            Effect::Suspend => {
                session.save_and_wait(app);
                suspend(term)?;
                let size = terminal_size(term);
                app.resize(size.width, size.height);
            }
            Effect::Analyze(doc) => spawn_analysis(doc, tx.clone()),
            Effect::Save(state) => session.save(*state),
            Effect::Copy(text) => {
                let (seq, cut) = crate::nav::clipboard::osc52(&text);
                let mut out = io::stdout();
                let _ = out.write_all(seq.as_bytes()).and_then(|()| out.flush());
                if cut {
                    app.flash("copied the first 64 KiB (the terminal takes no more)");
                }
            }
            Effect::Export(state) => match session.export(app, &state) {
                Ok(path) => app.flash(crate::document::sanitize::sanitize_inline(&format!(
                    "highlights written to {}",
                    path.display()
                ))),
                Err(e) => app.flash(crate::document::sanitize::sanitize_inline(&e)),
            },
            Effect::EditNote { index, text } => {
                match edit_in_editor(session, &text) {
                    Ok(Some(note)) => {
                        app.memory.set_note(index, &note);
                        app.flash("note saved");
                    }
                    Ok(None) => app.flash("note unchanged"),
                    Err(e) => app.flash(crate::document::sanitize::sanitize_inline(&format!(
                        "{e:#}"
                    ))),
                }
                init_terminal(MOUSE.load(std::sync::atomic::Ordering::Relaxed))?;
                let area = terminal_size(term);
                term.resize(area)
                    .context("cannot redraw after the editor")?;
                app.resize(area.width, area.height);
            }
        }
    }
    Ok(())
}

/// Edit `text` in `$VISUAL` / `$EDITOR` (default `vi`) with the terminal restored; `None` when
/// the editor failed or the text did not change.
fn edit_in_editor(session: &Session, text: &str) -> Result<Option<String>> {
    let path = session
        .note_file()
        .context("saving is off: notes cannot be kept")?;
    std::fs::write(&path, text).context("cannot write the note file")?;
    restore_terminal();
    let editor = std::env::var("VISUAL")
        .or_else(|_| std::env::var("EDITOR"))
        .unwrap_or_else(|_| "vi".into());
    let mut words = editor.split_whitespace();
    let program = words.next().unwrap_or("vi");
    let status = std::process::Command::new(program)
        .args(words)
        .arg(&path)
        .status();
    let edited = std::fs::read_to_string(&path);
    let _ = std::fs::remove_file(&path);
    let status = status.with_context(|| format!("cannot run the editor {program}"))?;
    let edited = edited.context("cannot read the note back")?;
    Ok((status.success() && edited != text).then_some(edited))
}

/// How much nicer than the reader's thread the analysis runs: on two cores busy building the
/// contents of a large file, a key still gets a core at once.
const ANALYSIS_NICE: i32 = 10;

fn spawn_analysis(doc: std::sync::Arc<Document>, tx: Sender<Msg>) {
    let _ = thread::Builder::new()
        .name("analysis".into())
        .spawn(move || {
            // Linux keeps a nice value per thread; the outline's helper threads inherit it.
            // Where it cannot be set, the analysis runs at the reader's priority.
            let _ = rustix::process::nice(ANALYSIS_NICE);
            let terms = analysis::run(&doc, |outline| {
                tx.send(Msg::Outline(Box::new(outline))).is_ok()
            });
            drop(doc);
            if let Some(terms) = terms {
                let _ = tx.send(Msg::Terms(terms));
            }
        });
}
