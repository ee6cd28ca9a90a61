//! Reading files out of an EPUB's zip archive safely: names are resolved inside the archive
//! only (a path that climbs out of it with `..` is refused), inflated sizes are bounded per
//! entry and for the whole book (a zip bomb stops with an error), and nothing touches the file
//! system.

use std::io::{Cursor, Read};

use zip::ZipArchive;

/// Most entries an archive may list.
const MAX_ENTRIES: usize = 20_000;
/// An entry may inflate to this many times its compressed size (plus [`SMALL_ENTRY`]).
const MAX_RATIO: u64 = 100;
/// Entries up to this size are always allowed, whatever their ratio.
const SMALL_ENTRY: u64 = 1 << 20;
/// Inflated bytes allowed for the whole book, beyond [`BOOK_FACTOR`] times its size.
const BOOK_BASE: u64 = 16 << 20;
/// The whole book may inflate to this many times the archive's size (plus [`BOOK_BASE`]).
const BOOK_FACTOR: u64 = 20;

/// Why a file could not be read.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ReadError {
    /// The path leaves the archive or is empty.
    Outside(String),
    /// No such entry.
    Missing(String),
    /// The entry inflates beyond the limits.
    TooLarge(String),
    /// The entry is corrupt or uses an unsupported compression.
    Broken(String),
}

impl std::fmt::Display for ReadError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Self::Outside(p) => write!(f, "path outside the book refused: {p}"),
            Self::Missing(p) => write!(f, "missing file in the book: {p}"),
            Self::TooLarge(p) => write!(f, "file inflates too much (zip bomb?): {p}"),
            Self::Broken(p) => write!(f, "unreadable file in the book: {p}"),
        }
    }
}

/// An EPUB's zip archive held in memory.
pub struct Archive<'a> {
    zip: ZipArchive<Cursor<&'a [u8]>>,
    /// Inflated bytes still allowed.
    budget: u64,
}

impl std::fmt::Debug for Archive<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Archive")
            .field("entries", &self.zip.len())
            .field("budget", &self.budget)
            .finish()
    }
}

/// `path` with `.` and `..` segments resolved, or `None` when it climbs out of the root.
/// Backslashes and a leading `/` are taken as in a zip name.
#[must_use]
pub fn normalize(path: &str) -> Option<String> {
    let mut parts: Vec<&str> = Vec::new();
    for seg in path.split(['/', '\\']) {
        match seg {
            "" | "." => {}
            ".." => {
                parts.pop()?;
            }
            s => parts.push(s),
        }
    }
    (!parts.is_empty()).then(|| parts.join("/"))
}

/// Resolve `href` (percent-encoded, maybe with a `#fragment`) relative to the file `base`:
/// the archive path and the fragment. `None` for external or escaping targets.
#[must_use]
pub fn resolve(base: &str, href: &str) -> Option<(String, Option<String>)> {
    let (path, frag) = match href.split_once('#') {
        Some((p, f)) => (p, Some(f.to_string())),
        None => (href, None),
    };
    if path.contains(':') {
        return None;
    }
    let path = percent_decode(path);
    if path.is_empty() {
        return Some((base.to_string(), frag));
    }
    let dir = base.rsplit_once('/').map_or("", |(d, _)| d);
    let joined = if path.starts_with('/') || dir.is_empty() {
        path
    } else {
        format!("{dir}/{path}")
    };
    normalize(&joined).map(|p| (p, frag))
}

/// Decode `%xx` escapes (invalid escapes stay as they are).
fn percent_decode(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] == b'%' {
            let hex = s
                .get(i + 1..i + 3)
                .and_then(|h| u8::from_str_radix(h, 16).ok());
            if let Some(b) = hex {
                out.push(b);
                i += 3;
                continue;
            }
        }
        out.push(bytes[i]);
        i += 1;
    }
    String::from_utf8_lossy(&out).into_owned()
}

impl<'a> Archive<'a> {
    /// Open an archive.
    ///
    /// # Errors
    /// When the bytes are not a zip archive or list too many entries.
    pub fn open(bytes: &'a [u8]) -> Result<Self, String> {
        let zip = ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("not a zip: {e}"))?;
        if zip.len() > MAX_ENTRIES {
            return Err(format!("too many files in the book ({})", zip.len()));
        }
        let size = u64::try_from(bytes.len()).unwrap_or(u64::MAX);
        Ok(Self {
            zip,
            budget: BOOK_BASE.saturating_add(size.saturating_mul(BOOK_FACTOR)),
        })
    }

    /// Read the entry at `path` (already normalized).
    ///
    /// # Errors
    /// When the path is outside the archive, missing, too large or unreadable.
    pub fn read(&mut self, path: &str) -> Result<Vec<u8>, ReadError> {
        let Some(name) = normalize(path) else {
            return Err(ReadError::Outside(path.to_string()));
        };
        let index = self
            .zip
            .index_for_name(&name)
            .ok_or_else(|| ReadError::Missing(name.clone()))?;
        let mut entry = self
            .zip
            .by_index(index)
            .map_err(|_| ReadError::Broken(name.clone()))?;
        let allowed = entry
            .compressed_size()
            .saturating_mul(MAX_RATIO)
            .saturating_add(SMALL_ENTRY)
            .min(self.budget);
        let mut out = Vec::new();
        let read = (&mut entry)
            .take(allowed.saturating_add(1))
            .read_to_end(&mut out)
            .map_err(|_| ReadError::Broken(name.clone()))?;
        let read = u64::try_from(read).unwrap_or(u64::MAX);
        if read > allowed {
            return Err(ReadError::TooLarge(name));
        }
        self.budget = self.budget.saturating_sub(read);
        Ok(out)
    }

    /// Read an entry as text (UTF-8 or its declared encoding).
    ///
    /// # Errors
    /// As [`Archive::read`].
    pub fn read_text(&mut self, path: &str) -> Result<String, ReadError> {
        let bytes = self.read(path)?;
        Ok(crate::document::html::encoding::decode(&bytes)
            .0
            .into_owned())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn paths_never_leave_the_archive() {
        assert_eq!(
            normalize("OEBPS/./a/../b.xhtml").as_deref(),
            Some("OEBPS/b.xhtml")
        );
        assert_eq!(normalize("../../etc/passwd"), None);
        assert_eq!(normalize("a/../../b"), None);
        assert_eq!(normalize("/abs/x").as_deref(), Some("abs/x"));
        assert_eq!(
            resolve("OEBPS/text/ch1.xhtml", "../notes.xhtml#n1"),
            Some(("OEBPS/notes.xhtml".into(), Some("n1".into())))
        );
        assert_eq!(
            resolve("OEBPS/ch1.xhtml", "#x"),
            Some(("OEBPS/ch1.xhtml".into(), Some("x".into())))
        );
        assert_eq!(resolve("OEBPS/ch1.xhtml", "https://example.com/"), None);
        assert_eq!(resolve("ch1.xhtml", "../../../etc/passwd"), None);
        assert_eq!(
            resolve("a/b.xhtml", "my%20file.xhtml")
                .map(|r| r.0)
                .as_deref(),
            Some("a/my file.xhtml")
        );
    }
}
