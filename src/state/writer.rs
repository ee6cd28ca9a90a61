//! The background writer: saves run on their own thread so that a keystroke never waits for the
//! disk. Saves queued while one runs are coalesced: only the newest state is written.

use std::sync::mpsc::{self, Receiver, Sender};
use std::thread::{self, JoinHandle};

use super::DocState;
use super::store::{DocKey, SaveError, Store};

/// The result of one save, reported to the caller's callback.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// Saved; the state now on disk (merged with what another process saved).
    Saved(Box<DocState>),
    /// Not saved, with a one-line reason.
    Failed(SaveError),
}

/// What the writer thread is asked to do.
enum Job {
    Save(Box<DocState>),
    Flush(Sender<()>),
}

/// A handle on the writer thread. Dropping it without [`Writer::finish`] still lets the thread
/// write what was queued.
#[derive(Debug)]
pub struct Writer {
    tx: Option<Sender<Job>>,
    handle: Option<JoinHandle<Option<Outcome>>>,
}

impl Writer {
    /// Start a writer for one document; `report` is called on the writer thread after each
    /// save.
    ///
    /// # Errors
    /// When the thread cannot be started.
    pub fn spawn(
        store: Store,
        key: DocKey,
        report: impl FnMut(&Outcome) + Send + 'static,
    ) -> std::io::Result<Self> {
        let (tx, rx) = mpsc::channel();
        let handle = thread::Builder::new()
            .name("state-writer".into())
            .spawn(move || write_loop(&store, &key, &rx, report))?;
        Ok(Self {
            tx: Some(tx),
            handle: Some(handle),
        })
    }

    /// Queue a save; returns at once.
    pub fn save(&self, state: DocState) {
        if let Some(tx) = &self.tx {
            let _ = tx.send(Job::Save(Box::new(state)));
        }
    }

    /// Wait until everything queued so far is written (tests, suspend).
    pub fn flush(&self) {
        let (done_tx, done_rx) = mpsc::channel();
        if let Some(tx) = &self.tx
            && tx.send(Job::Flush(done_tx)).is_ok()
        {
            let _ = done_rx.recv();
        }
    }

    /// Write what is queued, stop the thread and return the last save's outcome.
    #[must_use]
    pub fn finish(mut self) -> Option<Outcome> {
        self.tx = None;
        self.handle.take().and_then(|h| h.join().ok()).flatten()
    }
}

/// The writer thread: take the newest queued state, save it, report.
fn write_loop(
    store: &Store,
    key: &DocKey,
    rx: &Receiver<Job>,
    mut report: impl FnMut(&Outcome),
) -> Option<Outcome> {
    let mut last = None;
    while let Ok(first) = rx.recv() {
        let mut pending = None;
        let mut waiters = Vec::new();
        for job in std::iter::once(first).chain(rx.try_iter()) {
            match job {
                Job::Save(state) => pending = Some(state),
                Job::Flush(done) => waiters.push(done),
            }
        }
        if let Some(state) = pending {
            let outcome = match store.save(key, &state) {
                Ok(merged) => Outcome::Saved(Box::new(merged)),
                Err(e) => Outcome::Failed(e),
            };
            report(&outcome);
            last = Some(outcome);
        }
        for done in waiters {
            let _ = done.send(());
        }
    }
    last
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::state::SourceKind;
    use std::sync::{Arc, Mutex};

    #[test]
    fn queued_saves_are_written_and_the_last_one_wins() {
        let dir = tempfile::tempdir().expect("test setup");
        let store = Store::at(dir.path());
        let key = DocKey::for_content(SourceKind::Builtin, b"x");
        let reports = Arc::new(Mutex::new(Vec::new()));
        let seen = Arc::clone(&reports);
        let writer = Writer::spawn(store.clone(), key.clone(), move |o| {
            seen.lock().expect("test setup").push(o.clone());
        })
        .expect("test setup");
        for title in ["one", "two", "three"] {
            let mut s = DocState::new(key.info.clone());
            s.document.title = title.into();
            writer.save(s);
        }
        writer.flush();
        assert!(!reports.lock().expect("test setup").is_empty());
        let last = writer.finish();
        assert!(matches!(last, Some(Outcome::Saved(s)) if s.document.title == "three"));
        assert_eq!(
            store.load(&key).state.expect("test setup").document.title,
            "three"
        );
    }

    #[test]
    fn a_failed_save_is_reported_not_fatal() {
        let dir = tempfile::tempdir().expect("test setup");
        let file = dir.path().join("file");
        std::fs::write(&file, b"").expect("test setup");
        let key = DocKey::for_content(SourceKind::Builtin, b"x");
        let writer =
            Writer::spawn(Store::at(file.join("sub")), key.clone(), |_| {}).expect("test setup");
        writer.save(DocState::new(key.info.clone()));
        assert!(matches!(writer.finish(), Some(Outcome::Failed(_))));
    }
}
