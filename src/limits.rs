//! How much of an input lectern reads: a regular file as much as the machine's free memory
//! holds, a pipe or device up to a fixed cap.
//!
//! A regular file too large for the memory that is available is refused with one line before
//! anything is read, instead of being read until the kernel kills the process.

/// Most bytes read from a pipe or device (`yes |`, `/dev/zero`): a pipe's size is not known
/// in advance, and an endless one must stop long before memory runs out.
pub const STREAM_CAP: u64 = 128 << 20;

/// Memory the reader holds per byte of a plain-text file while it reads and analyses it: the
/// text, its blocks and their layout (peak `VmHWM` measured at 2.1× the file on 200 MB and on
/// 1 GB, issue 11; 3 keeps room for text with shorter paragraphs). Lower it when the text is
/// stored once.
pub const MEMORY_PER_BYTE: u64 = 3;

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

/// The most bytes of a regular file that `available` bytes of memory hold.
#[must_use]
pub fn file_cap(available: Option<u64>) -> u64 {
    available.map_or(FALLBACK_FILE_CAP, |bytes| bytes / MEMORY_PER_BYTE)
}

/// Check a regular file of `size` bytes against the memory `available`; the error says the
/// size, what is available, and why, in one line. `Ok` carries the cap to read the file with.
pub fn check_file(size: u64, available: Option<u64>) -> Result<u64, String> {
    let cap = file_cap(available);
    if size <= cap {
        return Ok(cap);
    }
    Err(match available {
        Some(bytes) => format!(
            "it is {}, more than this machine's free memory holds ({} available; lectern needs \
             about {MEMORY_PER_BYTE}× a file's size)",
            human(size),
            human(bytes)
        ),
        None => format!(
            "it is {}, more than lectern reads ({})",
            human(size),
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

    #[test]
    fn a_file_larger_than_memory_holds_is_refused_in_one_line() {
        let gib = 1u64 << 30;
        assert_eq!(check_file(gib, Some(12 * gib)), Ok(4 * gib));
        let err = check_file(5 * gib, Some(12 * gib)).expect_err("5 GiB in 12 GiB");
        assert_eq!(
            err,
            "it is 5.0 GiB, more than this machine's free memory holds (12.0 GiB available; \
             lectern needs about 3× a file's size)"
        );
        assert!(!err.contains('\n'));
        assert!(check_file(20 * gib, None).is_err());
        assert_eq!(check_file(gib, None), Ok(FALLBACK_FILE_CAP));
    }
}
