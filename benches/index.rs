//! Indexing throughput and memory: indexes all of `../shared/corpus` and prints files/s,
//! MB/s and peak RSS; then the same with completion's phrase mining switched on (as the
//! language server loads an archive), on a line of its own; then both again from a warm
//! cache (nothing changed since the cache was written), with the cache's size. Each run
//! happens in a fresh child process so that its peak RSS is its own. Run with
//! `cargo bench --bench index`.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark reports on the terminal.

mod common;

use std::path::PathBuf;
use std::process::Command;
use std::time::Instant;

use gongwen::disk::{LoadOptions, WalkOptions, load_archive_with};

const RUNS: usize = 3;
/// `phrases.min-documents` for the mining runs.
const MIN_DOCUMENTS: u32 = 3;

fn main() {
    if let Some(root) = std::env::var_os("GONGWEN_BENCH_CHILD") {
        child(PathBuf::from(root));
        return;
    }
    let Some((_, corpus)) = common::shared_corpus("index") else {
        return;
    };
    let exe = std::env::current_exe().expect("own path");
    let (seconds, bytes, files, rss, _) = median(&exe, &corpus, false, None);
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

    let (mined_seconds, _, _, mined_rss, phrasings) = median(&exe, &corpus, true, None);
    println!(
        "index with phrase mining (phrases.min-documents = {MIN_DOCUMENTS}, as the language server loads): {phrasings} phrasings, median of {RUNS} runs"
    );
    println!(
        "  time        {mined_seconds:.3} s (mining adds {:.3} s)",
        mined_seconds - seconds
    );
    println!(
        "  throughput  {:.1} MB/s",
        bytes as f64 / 1e6 / mined_seconds
    );
    println!(
        "  peak RSS    {:.1} MB ({:.2}× the archive's bytes; mining adds {:.1} MB)",
        mined_rss as f64 / 1e6,
        mined_rss as f64 / bytes as f64,
        (mined_rss as f64 - rss as f64) / 1e6
    );

    let cache = std::env::temp_dir().join(format!("gongwen-bench-cache-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&cache);
    // One run each to write the cache, then the measured ones read it.
    median(&exe, &corpus, true, Some(&cache));
    let cache_bytes: u64 = std::fs::read_dir(&cache)
        .map(|d| {
            d.filter_map(|e| e.ok()?.metadata().ok())
                .map(|m| m.len())
                .sum()
        })
        .unwrap_or(0);
    let (warm, _, _, warm_rss, _) = median(&exe, &corpus, false, Some(&cache));
    let (warm_mined, _, _, warm_mined_rss, warm_phrasings) =
        median(&exe, &corpus, true, Some(&cache));
    println!(
        "index from a warm cache ({:.1} MB on disk, nothing changed), median of {RUNS} runs",
        cache_bytes as f64 / 1e6
    );
    println!(
        "  time        {warm:.3} s ({:.1}× faster), peak RSS {:.1} MB",
        seconds / warm,
        warm_rss as f64 / 1e6
    );
    println!(
        "  with phrasings {warm_mined:.3} s ({:.1}× faster, {warm_phrasings} phrasings), peak RSS {:.1} MB",
        mined_seconds / warm_mined,
        warm_mined_rss as f64 / 1e6
    );
    let _ = std::fs::remove_dir_all(&cache);
}

/// The median run (by time) of RUNS children: seconds, bytes, files, peak RSS, phrasings.
fn median(
    exe: &std::path::Path,
    corpus: &std::path::Path,
    mine: bool,
    cache: Option<&std::path::Path>,
) -> (f64, u64, usize, u64, usize) {
    let mut runs: Vec<(f64, u64, usize, u64, usize)> = Vec::new();
    for _ in 0..RUNS {
        let mut command = Command::new(exe);
        command.env("GONGWEN_BENCH_CHILD", corpus);
        if mine {
            command.env("GONGWEN_BENCH_MINE", "1");
        }
        if let Some(cache) = cache {
            command.env("GONGWEN_BENCH_CACHE", cache);
        }
        let out = command.output().expect("child");
        let line = String::from_utf8_lossy(&out.stdout);
        let fields: Vec<f64> = line
            .split_whitespace()
            .filter_map(|f| f.parse().ok())
            .collect();
        if let [seconds, bytes, files, rss, phrasings] = fields[..] {
            runs.push((
                seconds,
                bytes as u64,
                files as usize,
                rss as u64,
                phrasings as usize,
            ));
        } else {
            panic!(
                "child said: {line} {}",
                String::from_utf8_lossy(&out.stderr)
            );
        }
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    runs[RUNS / 2]
}

fn child(root: PathBuf) {
    let mine = std::env::var_os("GONGWEN_BENCH_MINE").is_some();
    let load = LoadOptions {
        phrases: mine.then_some(MIN_DOCUMENTS),
        cache: std::env::var_os("GONGWEN_BENCH_CACHE").map(PathBuf::from),
        ..LoadOptions::default()
    };
    let started = Instant::now();
    let loaded =
        load_archive_with(&[root], &WalkOptions::default(), load, &|_, _| {}).expect("load");
    let seconds = started.elapsed().as_secs_f64();
    let stats = loaded.archive.stats();
    println!(
        "{seconds} {} {} {} {}",
        stats.bytes,
        stats.documents,
        common::peak_rss(),
        loaded.phrases.map_or(0, |p| p.len())
    );
}
