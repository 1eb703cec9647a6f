//! Helpers the benchmarks share: where the corpus is, and the process's peak memory.

#![allow(dead_code, clippy::print_stderr)]

use std::path::PathBuf;

/// `../shared` beside the repository (or `GONGWEN_SHARED`) and its `corpus/`; `None`, with
/// the reason on stderr, when the corpus is absent.
pub fn shared_corpus(bench: &str) -> Option<(PathBuf, PathBuf)> {
    let shared = std::env::var_os("GONGWEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        eprintln!("{bench} benchmark skipped: {} not found", corpus.display());
        return None;
    }
    Some((shared, corpus))
}

/// Peak resident set size in bytes (VmHWM), 0 where /proc is not available.
pub fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
