//! `gongwen check` throughput and memory against autocorrect's CLI on the same inputs:
//! all of `../shared/corpus`, and one 10 MB file of seed and State Council text. Also the
//! rules alone on one core (in process), and `check` with the corpus as archive (indexing
//! included). Prints figures; run with `cargo bench --bench check`.
//!
//! autocorrect comes from the npm package autocorrect-node 2.14.0 (its `autocorrect` CLI is
//! the same Rust engine as the crate's CLI, which is not on crates.io). The benchmark uses
//! `GONGWEN_AUTOCORRECT` if set, else installs the package under `target/bench-tools` with npm.

#![allow(clippy::print_stdout, clippy::print_stderr)] // A benchmark reports on the terminal.

mod common;

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::Instant;

use gongwen::disk::{WalkOptions, read_text, walk};
use gongwen_core::config::Config;
use gongwen_core::document::{Document, Format};

const RUNS: usize = 3;

fn main() {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    let Some((shared, corpus)) = common::shared_corpus("check") else {
        return;
    };
    // Outside the repository: autocorrect honours .gitignore and would skip target/.
    let data = std::env::temp_dir().join("gongwen-bench");
    std::fs::create_dir_all(&data).unwrap();
    let big = data.join("big10mb.txt");
    make_big(&shared, &big);
    let gongwen = PathBuf::from(env!("CARGO_BIN_EXE_gongwen"));
    let autocorrect = autocorrect(&root);
    let corpus_bytes = dir_bytes(&corpus);
    let big_bytes = std::fs::metadata(&big).unwrap().len();
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("check benchmark, median of {RUNS} runs, {threads} threads");

    for (name, input, bytes) in [
        ("corpus", corpus.as_path(), corpus_bytes),
        ("10 MB file", big.as_path(), big_bytes),
    ] {
        let input = input.to_str().unwrap();
        println!("\n{name}: {input} ({:.1} MB)", bytes as f64 / 1e6);
        let ours = measure(Command::new(&gongwen).args(["check", input, "--format", "json"]));
        report("gongwen check", ours, bytes);
        match &autocorrect {
            Some(ac) => {
                let theirs = measure(Command::new(ac).args(["--lint", "--format", "json", input]));
                report("autocorrect --lint", theirs, bytes);
                println!(
                    "  ratio               gongwen takes {:.2}× autocorrect's time (goal ≤ 0.20)",
                    ours.0 / theirs.0
                );
            }
            None => println!(
                "  autocorrect         not available (set GONGWEN_AUTOCORRECT or install npm)"
            ),
        }
    }

    let govcn = corpus.join("govcn-statecouncil-2019");
    let with_archive = |cache: Option<&std::path::Path>| {
        let mut command = Command::new(&gongwen);
        command.args([
            "check",
            govcn.to_str().unwrap(),
            "--archive",
            corpus.to_str().unwrap(),
            "--format",
            "json",
        ]);
        match cache {
            Some(cache) => command.env("GONGWEN_CACHE_DIR", cache),
            None => command.arg("--no-cache"),
        };
        measure(&mut command)
    };
    println!(
        "\nwith the corpus as archive (indexing 58 MB included, no cache), checking govcn-statecouncil-2019:"
    );
    report("gongwen check", with_archive(None), corpus_bytes);
    // The first run writes the cache, the measured ones read it.
    let cache =
        std::env::temp_dir().join(format!("gongwen-check-bench-cache-{}", std::process::id()));
    with_archive(Some(&cache));
    println!("the same from a warm archive cache:");
    report("gongwen check", with_archive(Some(&cache)), corpus_bytes);
    let _ = std::fs::remove_dir_all(&cache);
    let whole = measure(Command::new(&gongwen).args([
        "check",
        corpus.to_str().unwrap(),
        "--archive",
        corpus.to_str().unwrap(),
        "--no-cache",
        "--format",
        "json",
    ]));
    println!("checking all of the corpus with itself as archive (no cache):");
    report("gongwen check", whole, corpus_bytes);

    rules_on_one_core(&corpus, corpus_bytes);
}

/// The N, P and D rules in process on one thread: parse + check per document.
fn rules_on_one_core(corpus: &Path, bytes: u64) {
    let (files, _) = walk(&[corpus.to_path_buf()], &WalkOptions::default()).unwrap();
    let texts: Vec<(String, Format)> = files
        .iter()
        .filter_map(|f| {
            read_text(&f.path)
                .ok()
                .map(|t| (t.decoded.text, Format::from_path(&f.path.to_string_lossy())))
        })
        .collect();
    let config = Config::default();
    let mut times = Vec::new();
    let mut findings = 0;
    for _ in 0..RUNS {
        let started = Instant::now();
        findings = 0;
        for (text, format) in &texts {
            let doc = Document::parse(text.clone(), *format);
            findings += gongwen_core::rules::check(&doc, None, None, &config).len();
        }
        times.push(started.elapsed().as_secs_f64());
    }
    times.sort_by(f64::total_cmp);
    let seconds = times[RUNS / 2];
    println!("\nN, P and D rules in process, one thread, parse included ({findings} findings):");
    println!(
        "  {:.1} MB/s ({seconds:.2} s for {:.1} MB; goal ≥ 50 MB/s)",
        bytes as f64 / 1e6 / seconds,
        bytes as f64 / 1e6
    );
}

fn report(label: &str, (seconds, rss): (f64, u64), bytes: u64) {
    println!(
        "  {label:<19} {seconds:>6.2} s  {:>6.1} MB/s  peak RSS {:.1} MB",
        bytes as f64 / 1e6 / seconds,
        rss as f64 / 1e6
    );
}

/// Median wall time and the peak RSS of a command (output discarded).
#[allow(clippy::zombie_processes)] // wait_rss reaps the child with wait4.
fn measure(command: &mut Command) -> (f64, u64) {
    let mut runs = Vec::new();
    for _ in 0..RUNS {
        let started = Instant::now();
        let child = command
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let rss = wait_rss(child.id() as i32);
        runs.push((started.elapsed().as_secs_f64(), rss));
    }
    runs.sort_by(|a, b| a.0.total_cmp(&b.0));
    runs[RUNS / 2]
}

/// Waits for a child and returns its peak resident set size in bytes.
fn wait_rss(pid: i32) -> u64 {
    let mut status = 0;
    // SAFETY: wait4 writes into the two locals we pass; pid is our own child.
    let mut usage: libc::rusage = unsafe { std::mem::zeroed() };
    let waited = unsafe { libc::wait4(pid, &mut status, 0, &mut usage) };
    assert_eq!(waited, pid, "wait4");
    usage.ru_maxrss as u64 * 1024
}

fn dir_bytes(dir: &Path) -> u64 {
    walk(&[dir.to_path_buf()], &WalkOptions::default())
        .unwrap()
        .0
        .iter()
        .map(|f| f.size)
        .sum()
}

/// One 10 MB file of seed and State Council text.
fn make_big(shared: &Path, out: &Path) {
    if out.exists() {
        return;
    }
    let mut unit = String::new();
    for dir in [
        shared.join("seeds"),
        shared.join("corpus/govcn-statecouncil-2019"),
    ] {
        let (files, _) = walk(&[dir], &WalkOptions::default()).unwrap();
        for file in files {
            unit.push_str(read_text(&file.path).unwrap().decoded.text.trim_end());
            unit.push('\n');
        }
    }
    let mut text = String::with_capacity(10_500_000);
    while text.len() < 10_000_000 {
        text.push_str(&unit);
    }
    std::fs::write(out, text).unwrap();
}

/// autocorrect's CLI: `GONGWEN_AUTOCORRECT`, or autocorrect-node 2.14.0 installed with npm.
fn autocorrect(root: &Path) -> Option<PathBuf> {
    if let Some(path) = std::env::var_os("GONGWEN_AUTOCORRECT") {
        return Some(PathBuf::from(path));
    }
    let tools = root.join("target/bench-tools");
    let bin = tools.join("node_modules/.bin/autocorrect");
    if !bin.exists() {
        std::fs::create_dir_all(&tools).ok()?;
        let status = Command::new("npm")
            .args(["install", "--silent", "--no-audit", "--no-fund", "--prefix"])
            .arg(&tools)
            .arg("autocorrect-node@2.14.0")
            .status()
            .ok()?;
        if !status.success() {
            return None;
        }
    }
    bin.exists().then_some(bin)
}
