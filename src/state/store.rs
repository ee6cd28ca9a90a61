//! The state directory: one JSON file per document, read with care and written atomically under
//! an advisory lock, merging what another lectern process saved meanwhile.
//!
//! Files live in `$XDG_STATE_HOME/lectern/` (through the `directories` crate), named by a hash of
//! the document's identity ([`DocKey`]). A save takes an exclusive `flock` on `ID.lock`, reads
//! the current file, merges ([`DocState::merged_with`]), writes `ID.json.tmp-PID`, `fsync`s it,
//! renames it over `ID.json` and `fsync`s the directory: a crash at any moment leaves either the
//! old or the new file. A file that cannot be parsed, or comes from a newer format, is moved
//! aside to `ID.json.corrupt` (never deleted) with a one-line notice.

use std::fs::{self, File, OpenOptions};
use std::io::{self, ErrorKind, Write};
use std::os::unix::ffi::OsStrExt;
use std::os::unix::fs::{DirBuilderExt, OpenOptionsExt};
use std::path::{Path, PathBuf};

use sha2::{Digest, Sha256};

use super::{DocInfo, DocState, FORMAT_VERSION, SourceKind, hex, now_secs};
use crate::document::sanitize::sanitize_inline;

/// The identity of a document: the name of its state file and what the file says about it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocKey {
    /// The file name stem: 32 hex digits of a SHA-256.
    pub id: String,
    /// What is recorded about the document in its state file.
    pub info: DocInfo,
}

impl DocKey {
    /// A file, known by its canonical path (so that edits keep its state: anchors find the
    /// passages again).
    ///
    /// # Errors
    /// When the path cannot be canonicalized (it does not exist).
    pub fn for_file(path: &Path) -> io::Result<Self> {
        let canonical = fs::canonicalize(path)?;
        let mut hasher = Sha256::new();
        hasher.update(b"file\0");
        hasher.update(canonical.as_os_str().as_bytes());
        Ok(Self {
            id: hex(&hasher.finalize()[..16]),
            info: DocInfo {
                kind: SourceKind::File,
                path: Some(canonical.to_string_lossy().into_owned()),
                content_sha256: None,
                title: String::new(),
            },
        })
    }

    /// Standard input or the built-in article, known by its parsed text (the blocks' text, so
    /// the key does not depend on how the bytes arrived).
    #[must_use]
    pub fn for_document(kind: SourceKind, doc: &crate::document::Document) -> Self {
        let mut hasher = Sha256::new();
        for block in &doc.blocks {
            hasher.update(block.text.as_bytes());
            hasher.update(b"\n\n");
        }
        Self::from_digest(kind, &hasher.finalize())
    }

    /// Content known by its bytes.
    #[must_use]
    pub fn for_content(kind: SourceKind, content: &[u8]) -> Self {
        Self::from_digest(kind, &Sha256::digest(content))
    }

    /// A content key from a SHA-256 digest.
    fn from_digest(kind: SourceKind, digest: &[u8]) -> Self {
        Self {
            id: hex(&digest[..16]),
            info: DocInfo {
                kind,
                path: None,
                content_sha256: Some(hex(digest)),
                title: String::new(),
            },
        }
    }
}

/// What reading a state file gave.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The state, if there was a readable one.
    pub state: Option<DocState>,
    /// A one-line notice for the status bar (a file moved aside, an unreadable file).
    pub notice: Option<String>,
    /// False when an existing file could neither be read nor moved aside: saving would
    /// overwrite it, so this session must not save.
    pub may_save: bool,
}

/// Why a save failed, as a one-line notice.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SaveError(pub String);

impl std::fmt::Display for SaveError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for SaveError {}

/// The state directory.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Store {
    dir: PathBuf,
}

/// Why a file on disk is not usable.
enum Unusable {
    Corrupt(String),
    Future(u32),
}

impl Store {
    /// The store at `$XDG_STATE_HOME/lectern` (default `~/.local/state/lectern`), or `None`
    /// when no home directory is known.
    #[must_use]
    pub fn from_env() -> Option<Self> {
        let dirs = directories::ProjectDirs::from("", "", "lectern")?;
        let dir = dirs
            .state_dir()
            .map_or_else(|| dirs.data_local_dir().to_path_buf(), Path::to_path_buf);
        Some(Self { dir })
    }

    /// A store in a given directory (tests).
    #[must_use]
    pub fn at(dir: impl Into<PathBuf>) -> Self {
        Self { dir: dir.into() }
    }

    /// The directory.
    #[must_use]
    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The state file of a document.
    #[must_use]
    pub fn path_of(&self, key: &DocKey) -> PathBuf {
        self.dir.join(format!("{}.json", key.id))
    }

    /// Read a document's state. A missing file is no state; a corrupt or future-version file is
    /// moved aside with a notice; nothing here fails.
    #[must_use]
    pub fn load(&self, key: &DocKey) -> Loaded {
        let path = self.path_of(key);
        let bytes = match fs::read(&path) {
            Ok(b) => b,
            // No file, or no directory to hold one yet (a save will say what is wrong).
            Err(e) if matches!(e.kind(), ErrorKind::NotFound | ErrorKind::NotADirectory) => {
                return Loaded {
                    may_save: true,
                    ..Loaded::default()
                };
            }
            Err(e) => {
                return Loaded {
                    state: None,
                    notice: Some(format!(
                        "cannot read the saved reading state ({}); nothing will be saved",
                        reason(&e)
                    )),
                    may_save: false,
                };
            }
        };
        match parse(&bytes) {
            Ok(state) => Loaded {
                state: Some(state),
                notice: None,
                may_save: true,
            },
            Err(why) => Self::set_aside(&path, &why),
        }
    }

    /// Read a document's state without changing anything on disk (for `--highlights`).
    ///
    /// # Errors
    /// A one-line reason when the file exists but cannot be read or parsed.
    pub fn peek(&self, key: &DocKey) -> Result<Option<DocState>, String> {
        match fs::read(self.path_of(key)) {
            Ok(bytes) => parse(&bytes).map(Some).map_err(|why| match why {
                Unusable::Corrupt(e) => format!("the saved reading state is unreadable ({e})"),
                Unusable::Future(v) => {
                    format!("the saved reading state is from a newer lectern (format {v})")
                }
            }),
            Err(e) if e.kind() == ErrorKind::NotFound => Ok(None),
            Err(e) => Err(format!(
                "cannot read the saved reading state ({})",
                reason(&e)
            )),
        }
    }

    /// Move an unusable file aside and say so.
    fn set_aside(path: &Path, why: &Unusable) -> Loaded {
        let what = match why {
            Unusable::Corrupt(e) => format!("was unreadable ({e})"),
            Unusable::Future(v) => format!("is from a newer lectern (format {v})"),
        };
        match move_aside(path) {
            Ok(to) => Loaded {
                state: None,
                notice: Some(sanitize_inline(&format!(
                    "the saved reading state {what}; it was moved to {}",
                    to.display()
                ))),
                may_save: true,
            },
            Err(e) => Loaded {
                state: None,
                notice: Some(sanitize_inline(&format!(
                    "the saved reading state {what} and cannot be moved aside ({}); nothing will be saved",
                    reason(&e)
                ))),
                may_save: false,
            },
        }
    }

    /// Save `state` for `key`: under the lock, merge with what is on disk, write atomically.
    /// Returns the merged state that is now on disk.
    ///
    /// # Errors
    /// A one-line reason when the directory or file cannot be written (read-only, full disk).
    pub fn save(&self, key: &DocKey, state: &DocState) -> Result<DocState, SaveError> {
        let fail = |what: &str, e: &io::Error| {
            SaveError(sanitize_inline(&format!(
                "cannot save the reading state: {what} {} ({})",
                self.dir.display(),
                reason(e)
            )))
        };
        fs::DirBuilder::new()
            .recursive(true)
            .mode(0o700)
            .create(&self.dir)
            .map_err(|e| fail("cannot create", &e))?;
        let lock = OpenOptions::new()
            .create(true)
            .truncate(false)
            .write(true)
            .mode(0o600)
            .open(self.dir.join(format!("{}.lock", key.id)))
            .map_err(|e| fail("cannot write in", &e))?;
        fs4::FileExt::lock(&lock).map_err(|e| fail("cannot lock a file in", &e))?;
        let result = self.save_locked(key, state);
        // Closing the file releases the lock too; unlocking first is just explicit.
        let _ = fs4::FileExt::unlock(&lock);
        result.map_err(|e| fail("cannot write in", &e))
    }

    /// The part of [`Store::save`] done under the lock.
    fn save_locked(&self, key: &DocKey, state: &DocState) -> io::Result<DocState> {
        let path = self.path_of(key);
        self.remove_stale_temps(key);
        let mut merged = match fs::read(&path) {
            Ok(bytes) => {
                if let Ok(disk) = parse(&bytes) {
                    state.merged_with(&disk)
                } else {
                    // Someone wrote a bad file since we loaded: keep it, aside.
                    move_aside(&path)?;
                    state.clone()
                }
            }
            Err(e) if e.kind() == ErrorKind::NotFound => state.clone(),
            Err(e) => return Err(e),
        };
        merged.version = FORMAT_VERSION;
        merged.saved = now_secs();
        let json = serde_json::to_vec_pretty(&merged).map_err(io::Error::other)?;
        let tmp = self
            .dir
            .join(format!("{}.json.tmp-{}", key.id, std::process::id()));
        let written = write_synced(&tmp, &json).and_then(|()| fs::rename(&tmp, &path));
        if let Err(e) = written {
            let _ = fs::remove_file(&tmp);
            return Err(e);
        }
        // The rename is durable once the directory is synced; failing that is not fatal.
        if let Ok(dir) = File::open(&self.dir) {
            let _ = dir.sync_all();
        }
        Ok(merged)
    }

    /// Temp files left by a process killed while saving (we hold the lock, so none is live).
    fn remove_stale_temps(&self, key: &DocKey) {
        let prefix = format!("{}.json.tmp-", key.id);
        let Ok(entries) = fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.flatten() {
            if entry.file_name().as_bytes().starts_with(prefix.as_bytes()) {
                let _ = fs::remove_file(entry.path());
            }
        }
    }

    /// Drop everything kept about a document; true if there was something.
    ///
    /// # Errors
    /// When the file exists but cannot be removed.
    pub fn forget(&self, key: &DocKey) -> io::Result<bool> {
        let removed = match fs::remove_file(self.path_of(key)) {
            Ok(()) => true,
            Err(e) if e.kind() == ErrorKind::NotFound => false,
            Err(e) => return Err(e),
        };
        let _ = fs::remove_file(self.dir.join(format!("{}.lock", key.id)));
        Ok(removed)
    }
}

/// Parse a state file, refusing future versions.
fn parse(bytes: &[u8]) -> Result<DocState, Unusable> {
    #[derive(serde::Deserialize)]
    struct VersionOnly {
        version: u32,
    }
    let version = serde_json::from_slice::<VersionOnly>(bytes)
        .map_err(|e| Unusable::Corrupt(first_line(&e.to_string())))?
        .version;
    if version > FORMAT_VERSION {
        return Err(Unusable::Future(version));
    }
    serde_json::from_slice(bytes).map_err(|e| Unusable::Corrupt(first_line(&e.to_string())))
}

/// Write a file and flush it to the disk.
fn write_synced(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let mut file = OpenOptions::new()
        .create(true)
        .truncate(true)
        .write(true)
        .mode(0o600)
        .open(path)?;
    file.write_all(bytes)?;
    file.sync_all()
}

/// Rename `path` to a free `*.corrupt` name beside it and return that name.
fn move_aside(path: &Path) -> io::Result<PathBuf> {
    let name = path.file_name().map(|n| n.to_string_lossy().into_owned());
    let name = name.unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt"));
    let mut n = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.{n}.corrupt"));
        n += 1;
    }
    fs::rename(path, &target)?;
    Ok(target)
}

/// An I/O error's reason in a few words.
fn reason(e: &io::Error) -> String {
    match e.kind() {
        ErrorKind::PermissionDenied => "permission denied".into(),
        ErrorKind::ReadOnlyFilesystem => "read-only file system".into(),
        ErrorKind::StorageFull => "disk full".into(),
        ErrorKind::QuotaExceeded => "disk quota exceeded".into(),
        _ => first_line(&e.to_string()),
    }
}

/// The first line of a message.
fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or_default().to_owned()
}

#[cfg(test)]
mod tests;
