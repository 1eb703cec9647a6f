//! Helpers shared by the integration tests.

#![allow(dead_code, clippy::print_stderr)]

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// `../shared` beside the repository (seeds and corpus), or `GONGWEN_SHARED`. When it is
/// absent the calling test prints why it is skipped and returns; in CI (`CI=true`) it must
/// be there.
pub fn shared(test: &str) -> Option<PathBuf> {
    let dir = std::env::var_os("GONGWEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    if dir.join("seeds").is_dir() {
        return Some(dir);
    }
    if std::env::var("CI").is_ok_and(|v| v == "true") {
        panic!(
            "{test}: {} is missing, and CI must run the corpus tests",
            dir.display()
        );
    }
    eprintln!(
        "skipped {test}: {} not found (seeds and corpus live beside the repository; set GONGWEN_SHARED to point elsewhere)",
        dir.display()
    );
    None
}

/// A cache folder for the binaries the tests run, kept out of the user's own.
pub fn cache_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("gongwen-cache")
}

/// Runs the real binary.
pub fn gongwen(args: &[&str], cwd: &Path) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_CACHE_DIR", cache_dir())
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gongwen")
}

/// The seed file whose name starts with `prefix` (`"000"`).
pub fn seed(shared: &Path, prefix: &str) -> PathBuf {
    std::fs::read_dir(shared.join("seeds"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.file_name().unwrap().to_string_lossy().starts_with(prefix))
        .unwrap_or_else(|| panic!("no seed {prefix}"))
}
