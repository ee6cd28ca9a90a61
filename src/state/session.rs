//! One reading session's link to the state store: load the document's state into the app when
//! its identity is known, save through the background writer, export, and the final save.
//! The event loop owns it; the app never does I/O.

use std::path::PathBuf;

use super::export::{self, ExportMeta};
use super::store::{DocKey, Store};
use super::writer::{Outcome, Writer};
use super::{SourceKind, now_secs};
use crate::app::App;

/// How the event loop hears about finished saves.
pub type Report = Box<dyn Fn(&Outcome) + Send + 'static>;

/// What the command line decided about state for this run.
#[derive(Clone, Debug)]
pub struct StateSetup {
    /// The store.
    pub store: Store,
    /// The document's key when known before loading (files); `None`: by content once loaded.
    pub key: Option<DocKey>,
    /// What kind of source it is (for a content key).
    pub kind: SourceKind,
    /// How the export names the source (a path, `stdin`).
    pub source: String,
    /// Restore the saved place (false with `--search`).
    pub restore: bool,
}

/// The state side of a running reader.
pub struct Session {
    setup: Option<StateSetup>,
    key: Option<DocKey>,
    writer: Option<Writer>,
    report: Option<Report>,
}

impl std::fmt::Debug for Session {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Session")
            .field("setup", &self.setup)
            .field("key", &self.key)
            .finish_non_exhaustive()
    }
}

impl Session {
    /// A session; `setup` is `None` when state is off.
    #[must_use]
    pub fn new(setup: Option<StateSetup>, report: Report) -> Self {
        Self {
            setup,
            key: None,
            writer: None,
            report: Some(report),
        }
    }

    /// True when [`Session::start`] reads a saved state (a file's), which the loader may use
    /// to open at the saved place first.
    #[must_use]
    pub fn reads_state_first(&self) -> bool {
        self.setup.as_ref().is_some_and(|s| s.key.is_some())
    }

    /// Before loading: a file's state is read at once so the place can be restored as soon as
    /// its text arrives.
    pub fn start(&mut self, app: &mut App) {
        if let Some(key) = self.setup.as_ref().and_then(|s| s.key.clone()) {
            self.open(app, key);
        }
    }

    /// Loading finished: stdin and the built-in article are known by their text now.
    pub fn loaded(&mut self, app: &mut App) {
        if self.key.is_some() {
            return;
        }
        if let Some(kind) = self.setup.as_ref().map(|s| s.kind.clone()) {
            if app.doc().blocks.is_empty() {
                return;
            }
            let key = DocKey::for_document(kind, app.doc());
            self.open(app, key);
        }
    }

    /// Read the state for `key`, give it to the app, start the writer.
    fn open(&mut self, app: &mut App, key: DocKey) {
        let Some(setup) = &self.setup else { return };
        let loaded = setup.store.load(&key);
        if let Some(notice) = &loaded.notice {
            app.flash(notice.clone());
        }
        if !loaded.may_save {
            return;
        }
        app.install_state(loaded.state, key.info.clone(), setup.restore);
        if let Some(report) = self.report.take() {
            match Writer::spawn(setup.store.clone(), key.clone(), report) {
                Ok(w) => self.writer = Some(w),
                Err(e) => app.flash(format!("cannot start saving: {e}")),
            }
        }
        self.key = Some(key);
    }

    /// Where the loader may open the file at the saved place first (see
    /// [`crate::loader::Resume`]): a file whose state has a pending place with a seek hint.
    #[must_use]
    pub fn resume(&self, app: &App) -> Option<crate::loader::Resume> {
        let path = self.key.as_ref()?.info.path.as_ref()?;
        app.memory.resume_hint(std::path::Path::new(path))
    }

    /// Queue a save of the app's state.
    pub fn save(&self, state: super::DocState) {
        if let Some(w) = &self.writer {
            w.save(state);
        }
    }

    /// Save now and wait (before suspending: the process may never come back).
    pub fn save_and_wait(&self, app: &mut App) {
        if let (Some(w), Some(state)) = (&self.writer, app.state_snapshot()) {
            w.save(state);
            w.flush();
        }
    }

    /// A file for a note edited in `$EDITOR`, inside the state directory (created when
    /// missing; nothing about a document is written elsewhere).
    #[must_use]
    pub fn note_file(&self) -> Option<PathBuf> {
        use std::os::unix::fs::DirBuilderExt;
        let (setup, key) = (self.setup.as_ref()?, self.key.as_ref()?);
        let dir = setup.store.dir();
        let _ = std::fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(dir);
        Some(dir.join(format!("{}.note.txt", key.id)))
    }

    /// Write the highlights as Markdown beside the state file; returns the path.
    ///
    /// # Errors
    /// A one-line reason when the file cannot be written or saving is off.
    pub fn export(&self, app: &App, state: &super::DocState) -> Result<PathBuf, String> {
        let (Some(setup), Some(key)) = (&self.setup, &self.key) else {
            return Err("saving is off: nothing to export".into());
        };
        let meta = ExportMeta {
            source: setup.source.clone(),
            exported: now_secs(),
        };
        let md = export::markdown(app.doc(), &app.content.outline, state, &meta);
        let path = setup.store.dir().join(format!("{}.highlights.md", key.id));
        std::fs::create_dir_all(setup.store.dir())
            .and_then(|()| std::fs::write(&path, md))
            .map_err(|e| format!("cannot write {}: {e}", path.display()))?;
        Ok(path)
    }

    /// The last save, on the way out: returns a one-line reason when it failed.
    pub fn finish(&mut self, app: &mut App) -> Option<String> {
        let writer = self.writer.take()?;
        if let Some(state) = app.state_snapshot() {
            writer.save(state);
        }
        match writer.finish() {
            Some(Outcome::Failed(e)) => Some(e.0),
            _ => None,
        }
    }
}
