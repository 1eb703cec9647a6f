//! Indexing throughput and memory: indexes all of `../shared/corpus` and prints files/s,
//! MB/s and peak RSS. Each run happens in a fresh child process so that its peak RSS is its
//! own. Run with `cargo bench --bench index`.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark reports on the terminal.

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use gongwen::disk::{WalkOptions, load_archive};

const RUNS: usize = 3;

fn main() {
    if let Some(root) = std::env::var_os("GONGWEN_BENCH_CHILD") {
        child(PathBuf::from(root));
        return;
    }
    let shared = std::env::var_os("GONGWEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../shared"));
    let corpus = shared.join("corpus");
    if !corpus.is_dir() {
        eprintln!("index benchmark skipped: {} not found", corpus.display());
        return;
    }
    let exe = std::env::current_exe().expect("own path");
    let mut runs: Vec<(f64, u64, usize, u64)> = Vec::new();
    for _ in 0..RUNS {
        let out = Command::new(&exe)
            .env("GONGWEN_BENCH_CHILD", &corpus)
            .output()
            .expect("child");
        let line = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<f64> = line
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        if let [seconds, bytes, files, rss] = fields[..] {
            runs.push((seconds, bytes as u64, files as usize, rss as u64));
        } else {
            panic!(
                "child said: {line} {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (seconds, bytes, files, rss) = runs[RUNS / 2];
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!(
        "index benchmark: {} ({} files, {:.1} MB), median of {RUNS} runs, {threads} threads",
        corpus.display(),
        files,
        bytes as f64 / 1e6
    );
    println!("  time        {seconds:.3} s");
    println!(
        "  throughput  {:.1} MB/s, {:.0} files/s",
        bytes as f64 / 1e6 / seconds,
        files as f64 / seconds
    );
    println!(
        "  peak RSS    {:.1} MB ({:.2}× the archive's bytes)",
        rss as f64 / 1e6,
        rss as f64 / bytes as f64
    );
    println!("  goals       ≥ 40 MB/s; peak RSS < 2× archive bytes");
}

fn child(root: PathBuf) {
    let started = Instant::now();
    let loaded = load_archive(&[root], &WalkOptions::default(), &|_, _| {}).expect("load");
    let seconds = started.elapsed().as_secs_f64();
    let stats = loaded.archive.stats();
    println!(
        "{seconds} {} {} {}",
        stats.bytes,
        stats.documents,
        peak_rss()
    );
}

/// Peak resident set size in bytes (VmHWM), 0 where /proc is not available.
fn peak_rss() -> u64 {
    let status = std::fs::read_to_string("/proc/self/status").unwrap_or_default();
    status
        .lines()
        .find_map(|l| l.strip_prefix("VmHWM:"))
        .and_then(|v| v.trim().trim_end_matches("kB").trim().parse::<u64>().ok())
        .map_or(0, |kb| kb * 1024)
}
