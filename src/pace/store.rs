//! The measured pace on disk: `pace.toml` in the state store's directory
//! (`$XDG_STATE_HOME/lectern/`, default `~/.local/state/lectern/`), two numbers, written atomically (a temporary file renamed over
//! the old one, so a crash never leaves half a file).

use std::io::Write as _;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

use super::Sample;

/// The file's contents.
#[derive(Debug, Serialize, Deserialize)]
struct PaceFile {
    /// Words read in the remembered reading time.
    words: f64,
    /// Seconds of reading remembered.
    seconds: f64,
}

/// Where the pace file is, or `None` when no home directory is known.
#[must_use]
pub fn default_path() -> Option<PathBuf> {
    // The state store's directory: one place for everything lectern keeps.
    crate::state::store::Store::from_env().map(|store| store.dir().join("pace.toml"))
}

/// The stored sample; empty when the file is missing or unreadable (the pace is then simply
/// learnt again).
#[must_use]
pub fn load(path: &Path) -> Sample {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Sample::default();
    };
    match toml::from_str::<PaceFile>(&text) {
        Ok(f)
            if f.words.is_finite()
                && f.seconds.is_finite()
                && f.words >= 0.0
                && f.seconds >= 0.0 =>
        {
            Sample {
                words: f.words,
                seconds: f.seconds,
            }
        }
        _ => Sample::default(),
    }
}

/// Write the sample atomically, creating the directory.
///
/// # Errors
/// The I/O error, with the path, when the directory or file cannot be written.
pub fn save(path: &Path, sample: Sample) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or_else(|| Path::new("."));
    std::fs::create_dir_all(dir)?;
    let text = toml::to_string(&PaceFile {
        words: sample.words,
        seconds: sample.seconds,
    })
    .map_err(std::io::Error::other)?;
    let tmp = dir.join(format!(".pace.toml.{}.tmp", std::process::id()));
    let result = (|| {
        let mut file = std::fs::File::create(&tmp)?;
        file.write_all(b"# lectern's measured reading speed (words and seconds read).\n")?;
        file.write_all(text.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, path)
    })();
    if result.is_err() {
        let _ = std::fs::remove_file(&tmp);
    }
    result.map_err(|e| std::io::Error::new(e.kind(), format!("{}: {e}", path.display())))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_saved_pace_loads_back_and_bad_files_load_empty() {
        let dir = std::env::temp_dir().join(format!("lectern-pace-{}", std::process::id()));
        let path = dir.join("nested").join("pace.toml");
        let sample = Sample {
            words: 12_345.5,
            seconds: 2_960.25,
        };
        save(&path, sample).expect("save");
        assert_eq!(load(&path), sample);
        let left: Vec<_> = std::fs::read_dir(path.parent().expect("dir"))
            .expect("list")
            .collect();
        assert_eq!(left.len(), 1, "no temporary file left behind");
        std::fs::write(&path, "words = \"many\"\n").expect("write");
        assert_eq!(load(&path), Sample::default());
        std::fs::write(&path, "words = -5.0\nseconds = 1.0\n").expect("write");
        assert_eq!(load(&path), Sample::default());
        assert_eq!(load(&dir.join("missing.toml")), Sample::default());
        let _ = std::fs::remove_dir_all(&dir);
        assert!(default_path().is_some_and(|p| p.ends_with("lectern/pace.toml")));
    }
}
