//! How much of an input lectern reads: a regular file as much as the machine's free memory
//! holds, a pipe or device up to a fixed cap.
//!
//! A regular file too large for the memory that is available is refused with one line before
//! anything is read, instead of being read until the kernel kills the process.

/// Most bytes read from a pipe or device (`yes |`, `/dev/zero`): a pipe's size is not known
/// in advance, and an endless one must stop long before memory runs out.
pub const STREAM_CAP: u64 = 128 << 20;

/// Memory a text file costs per byte of its text, in thousandths: the text is held once (packed
/// per batch), plus the allocator's and the layout's share (issue 11: 1.21× of a 1 GB file of
/// 476-byte paragraphs is 1.0× text and 0.2× the records below).
pub const TEXT_PER_BYTE_MILLI: u64 = 1_050;

/// Memory a text file costs per paragraph: the block's record (32 bytes) and byte offset (8), the
/// contents entry (32) and the paragraph index (8), the segmenter's transient share, and the
/// allocator's rounding. Measured: about 80 bytes on a text of 42-byte paragraphs (issue 11:
/// 167 MiB peak for 47.7 MiB); this keeps a margin for a sample that misjudges the paragraphs.
pub const PER_PARAGRAPH: u64 = 120;

/// Memory the reader holds whatever the document (code, terminal buffers, caches).
pub const BASE_MEMORY: u64 = 32 << 20;

/// Memory per byte of an HTML page or EPUB book, read whole into a tree (README: a 50 MB page
/// within three times its size).
pub const MARKUP_PER_BYTE: u64 = 3;

/// Bytes of a file's start read to estimate its paragraphs and format.
pub const SAMPLE_BYTES: usize = 64 << 10;

/// The cap when the available memory cannot be read (not Linux, no `/proc`).
pub const FALLBACK_FILE_CAP: u64 = 16 << 30;

/// Bytes of memory available to this process now: `MemAvailable` of `/proc/meminfo`, lowered
/// to what the process's cgroup (v2) still allows when it has a limit. `None` when unknown.
#[must_use]
pub fn available_memory() -> Option<u64> {
    let meminfo = std::fs::read_to_string("/proc/meminfo").ok()?;
    let available = mem_available(&meminfo)?;
    let read = |name: &str| std::fs::read_to_string(format!("/sys/fs/cgroup/{name}")).ok();
    let cgroup = match (read("memory.max"), read("memory.current")) {
        (Some(max), Some(current)) => cgroup_room(&max, &current),
        _ => None,
    };
    Some(cgroup.map_or(available, |room| room.min(available)))
}

/// `MemAvailable` in bytes, from the text of `/proc/meminfo`.
fn mem_available(meminfo: &str) -> Option<u64> {
    let line = meminfo
        .lines()
        .find_map(|l| l.strip_prefix("MemAvailable:"))?;
    let kib: u64 = line.trim().trim_end_matches("kB").trim().parse().ok()?;
    Some(kib.saturating_mul(1024))
}

/// What a cgroup v2 limit leaves (`memory.max` less `memory.current`); `None` without a limit.
fn cgroup_room(max: &str, current: &str) -> Option<u64> {
    let max: u64 = max.trim().parse().ok()?;
    let current: u64 = current.trim().parse().ok()?;
    Some(max.saturating_sub(current))
}

/// What the memory a regular file needs depends on: its size, its paragraphs (estimated from
/// its first bytes) and whether it is read whole into a tree (HTML, EPUB).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct FileShape {
    /// The file's size in bytes.
    pub size: u64,
    /// Paragraphs expected in the whole file.
    pub paragraphs: u64,
    /// True for HTML and EPUB.
    pub markup: bool,
}

impl FileShape {
    /// The shape of a file of `size` bytes whose first bytes are `sample`.
    #[must_use]
    pub fn estimate(size: u64, sample: &[u8], markup: bool) -> Self {
        let breaks = paragraph_breaks(sample) + 1;
        let read = (sample.len() as u64).max(1);
        let paragraphs = if size <= read {
            breaks
        } else {
            let scaled = u128::from(breaks) * u128::from(size) / u128::from(read);
            u64::try_from(scaled).unwrap_or(u64::MAX)
        };
        Self {
            size,
            paragraphs,
            markup,
        }
    }

    /// Memory per byte of this file, in thousandths.
    fn per_byte_milli(&self) -> u64 {
        if self.markup {
            return MARKUP_PER_BYTE * 1000;
        }
        let per_para = u128::from(self.paragraphs) * u128::from(PER_PARAGRAPH) * 1000
            / u128::from(self.size.max(1));
        TEXT_PER_BYTE_MILLI.saturating_add(u64::try_from(per_para).unwrap_or(u64::MAX))
    }

    /// Bytes of memory needed to read and analyse the whole file.
    #[must_use]
    pub fn memory_needed(&self) -> u64 {
        let text = u128::from(self.size) * u128::from(self.per_byte_milli()) / 1000;
        u64::try_from(text)
            .unwrap_or(u64::MAX)
            .saturating_add(BASE_MEMORY)
    }

    /// The most bytes of a file of this kind that `available` bytes of memory hold.
    #[must_use]
    pub fn cap(&self, available: Option<u64>) -> u64 {
        let Some(bytes) = available else {
            return FALLBACK_FILE_CAP;
        };
        let room = u128::from(bytes.saturating_sub(BASE_MEMORY)) * 1000;
        u64::try_from(room / u128::from(self.per_byte_milli().max(1))).unwrap_or(u64::MAX)
    }
}

/// Paragraph breaks in `sample`: blank lines (only spaces or tabs) that follow a line of text.
#[must_use]
pub fn paragraph_breaks(sample: &[u8]) -> u64 {
    let mut breaks = 0;
    let mut after_text = false;
    for line in sample.split(|&b| b == b'\n') {
        let blank = line.iter().all(u8::is_ascii_whitespace);
        if blank && after_text {
            breaks += 1;
        }
        after_text = !blank;
    }
    breaks
}

/// Check a regular file of shape `shape` against the memory `available`; the error says the
/// size, what is available, and why, in one line. `Ok` carries the cap to read the file with.
pub fn check_file(shape: FileShape, available: Option<u64>) -> Result<u64, String> {
    let cap = shape.cap(available);
    if shape.size <= cap {
        return Ok(cap);
    }
    Err(match available {
        Some(bytes) => format!(
            "it is {}, more than this machine's free memory holds ({} available; lectern needs \
             about {} for it)",
            human(shape.size),
            human(bytes),
            human(shape.memory_needed())
        ),
        None => format!(
            "it is {}, more than lectern reads ({})",
            human(shape.size),
            human(FALLBACK_FILE_CAP)
        ),
    })
}

/// A size in MiB or GiB, one decimal.
fn human(bytes: u64) -> String {
    let mib = bytes as f64 / f64::from(1u32 << 20);
    if mib >= 1024.0 {
        format!("{:.1} GiB", mib / 1024.0)
    } else {
        format!("{mib:.1} MiB")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn meminfo_gives_the_available_bytes() {
        let meminfo = "MemTotal:       24731708 kB\nMemFree:         1000 kB\n\
                       MemAvailable:   23000008 kB\nBuffers:  1 kB\n";
        assert_eq!(mem_available(meminfo), Some(23_000_008 * 1024));
        assert_eq!(mem_available("MemTotal: 5 kB\n"), None);
    }

    #[test]
    fn a_cgroup_limit_counts_only_when_set() {
        assert_eq!(cgroup_room("max\n", "1000\n"), None);
        assert_eq!(cgroup_room("4096\n", "1000\n"), Some(3096));
        assert_eq!(cgroup_room("1000\n", "4096\n"), Some(0));
    }

    const GIB: u64 = 1 << 30;

    fn text(size: u64, paragraphs: u64) -> FileShape {
        FileShape {
            size,
            paragraphs,
            markup: false,
        }
    }

    #[test]
    fn a_file_larger_than_memory_holds_is_refused_in_one_line() {
        // 476-byte paragraphs (the scale bench's text): about 1.3× the file.
        let long = |size: u64| text(size, size / 476);
        let cap = check_file(long(GIB), Some(12 * GIB)).expect("1 GiB in 12 GiB");
        assert!((9 * GIB..10 * GIB).contains(&cap), "{cap}");
        let err = check_file(long(10 * GIB), Some(12 * GIB)).expect_err("10 GiB in 12 GiB");
        assert_eq!(
            err,
            "it is 10.0 GiB, more than this machine's free memory holds (12.0 GiB available; \
             lectern needs about 13.1 GiB for it)"
        );
        assert!(!err.contains('\n'));
        assert!(check_file(long(20 * GIB), None).is_err());
        assert_eq!(check_file(long(GIB), None), Ok(FALLBACK_FILE_CAP));
    }

    #[test]
    fn short_paragraphs_and_markup_need_more_memory_than_long_paragraphs() {
        let long = text(GIB, GIB / 476).memory_needed();
        let short = text(GIB, GIB / 42).memory_needed();
        let page = FileShape {
            markup: true,
            ..text(GIB, 0)
        }
        .memory_needed();
        assert!(long < GIB * 3 / 2, "{long}");
        assert!(short > GIB * 7 / 2, "{short}");
        assert_eq!(page, 3 * GIB + BASE_MEMORY);
        assert!(check_file(text(GIB, GIB / 42), Some(3 * GIB)).is_err());
        assert!(check_file(text(GIB, GIB / 476), Some(3 * GIB)).is_ok());
    }

    #[test]
    fn paragraphs_are_estimated_from_the_sample_scaled_to_the_file() {
        assert_eq!(paragraph_breaks(b"one\n\ntwo\n  \n\nthree\n\nfour"), 3);
        assert_eq!(paragraph_breaks(b"\n\n\n"), 0);
        assert_eq!(paragraph_breaks(b"a\r\n\r\nb"), 1);
        let sample = b"para one\n\npara two\n\n";
        let shape = FileShape::estimate(sample.len() as u64 * 10, sample, false);
        assert_eq!(shape.paragraphs, 30);
        assert_eq!(FileShape::estimate(5, b"short", false).paragraphs, 1);
    }
}
