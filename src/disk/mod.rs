//! Everything that touches files: walking roots, reading and decoding text, loading an
//! archive into the core's index.

pub mod encoding;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use gongwen_core::archive::{Archive, DocSummary};
use gongwen_core::document::{Document, Format};
use rayon::prelude::*;

pub use encoding::{DecodeError, Decoded, TextEncoding, decode, encode};
pub use walk::{FoundFile, GlobError, SkipReason, Skipped, WalkOptions, walk};

/// A text file read from disk.
#[derive(Clone, Debug)]
pub struct TextFile {
    pub path: PathBuf,
    pub decoded: Decoded,
}

/// Reads and decodes one file.
pub fn read_text(path: &Path) -> Result<TextFile, SkipReason> {
    let bytes = std::fs::read(path).map_err(|err| match err.kind() {
        std::io::ErrorKind::NotFound => SkipReason::NotFound,
        _ => SkipReason::Unreadable(err.to_string()),
    })?;
    let decoded = decode(&bytes).map_err(|err| match err {
        DecodeError::Binary => SkipReason::Binary,
        DecodeError::Undecodable => SkipReason::Undecodable,
    })?;
    Ok(TextFile {
        path: path.to_path_buf(),
        decoded,
    })
}

/// A path as shown to the user: `/`-separated, as given.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// An archive loaded from disk.
#[derive(Debug)]
pub struct LoadedArchive {
    pub archive: Archive,
    pub skipped: Vec<Skipped>,
    pub elapsed: Duration,
}

/// Loads every file under the roots into an index. `progress` is called with (files done,
/// files total) from worker threads.
pub fn load_archive(
    roots: &[PathBuf],
    options: &WalkOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<LoadedArchive, GlobError> {
    let started = Instant::now();
    let (files, mut skipped) = walk(roots, options)?;
    let total = files.len();
    let done = AtomicUsize::new(0);
    let results: Vec<Result<DocSummary, Skipped>> = files
        .par_iter()
        .map(|file| {
            let result = read_text(&file.path)
                .map(|text| {
                    let path = display_path(&file.path);
                    let format = Format::from_path(&path);
                    let doc = Document::parse(text.decoded.text, format);
                    DocSummary::new(path, &doc)
                })
                .map_err(|reason| Skipped {
                    path: file.path.clone(),
                    reason,
                });
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            result
        })
        .collect();
    let mut summaries = Vec::with_capacity(results.len());
    for result in results {
        match result {
            Ok(summary) => summaries.push(summary),
            Err(skip) => skipped.push(skip),
        }
    }
    let archive = Archive::build(summaries);
    Ok(LoadedArchive {
        archive,
        skipped,
        elapsed: started.elapsed(),
    })
}
