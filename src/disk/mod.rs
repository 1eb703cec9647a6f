//! Everything that touches files: walking roots, reading and decoding text, loading an
//! archive into the core's index.

pub mod encoding;
pub mod walk;

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use gongwen_core::archive::{Archive, DocSummary};
use gongwen_core::document::{Document, Format};
use gongwen_core::phrases::{DocTokens, PhraseIndex, PhraseMiner};
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
    let decoded = decode(bytes).map_err(|err| match err {
        DecodeError::Binary => SkipReason::Binary,
        DecodeError::Undecodable => SkipReason::Undecodable,
    })?;
    Ok(TextFile {
        path: path.to_path_buf(),
        decoded,
    })
}

/// Replaces a file's contents atomically: the bytes go to a new file in the same folder,
/// which takes the old file's permissions and is then renamed over it. A symbolic link is
/// followed, so the link stays a link.
pub fn write_atomically(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    use std::io::Write;

    let target = path.canonicalize()?;
    let permissions = std::fs::metadata(&target)?.permissions();
    let folder = target.parent().unwrap_or(Path::new("."));
    let name = target
        .file_name()
        .map_or_else(|| "file".into(), |n| n.to_string_lossy());
    let mut attempt = 0;
    let (temp, mut file) = loop {
        let temp = folder.join(format!(
            ".{name}.gongwen-{}-{attempt}.tmp",
            std::process::id()
        ));
        match std::fs::OpenOptions::new()
            .write(true)
            .create_new(true)
            .open(&temp)
        {
            Ok(file) => break (temp, file),
            Err(err) if err.kind() == std::io::ErrorKind::AlreadyExists && attempt < 100 => {
                attempt += 1;
            }
            Err(err) => return Err(err),
        }
    };
    let written = file
        .write_all(bytes)
        .and_then(|()| file.set_permissions(permissions))
        .and_then(|()| file.sync_all())
        .and_then(|()| {
            drop(file);
            std::fs::rename(&temp, &target)
        });
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// A path as shown to the user: `/`-separated, as given.
pub fn display_path(path: &Path) -> String {
    path.to_string_lossy().into_owned()
}

/// An archive loaded from disk.
#[derive(Debug)]
pub struct LoadedArchive {
    pub archive: Archive,
    /// The phrasings mined from it, when asked for ([`LoadOptions::phrases`]).
    pub phrases: Option<PhraseIndex>,
    /// With [`LoadOptions::defer_phrases`]: what was extracted, to be aggregated by the
    /// caller once it has put the archive to use.
    pub pending_phrases: Option<PendingPhrases>,
    pub skipped: Vec<Skipped>,
    pub elapsed: Duration,
}

/// What loading does besides indexing.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Mine the phrasings that recur in at least this many documents
    /// (`phrases.min-documents`) while each file is parsed. Off for `check`, `index` and
    /// `lookup`; the language server and the benchmarks turn it on.
    pub phrases: Option<u32>,
    /// Leave the aggregation of the phrasings to the caller
    /// ([`LoadedArchive::pending_phrases`]), so that the archive is ready sooner.
    pub defer_phrases: bool,
}

/// Phrasings extracted from every file, not yet counted.
pub struct PendingPhrases {
    miner: PhraseMiner,
    tokens: Vec<DocTokens>,
}

impl PendingPhrases {
    /// Counts and selects the phrasings (seconds on a large archive: run it off the way).
    pub fn build(self) -> PhraseIndex {
        self.miner.build(self.tokens)
    }
}

impl std::fmt::Debug for PendingPhrases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingPhrases")
            .field("documents", &self.tokens.len())
            .finish()
    }
}

/// Loads every file under the roots into an index. `progress` is called with (files done,
/// files total) from worker threads.
pub fn load_archive(
    roots: &[PathBuf],
    options: &WalkOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<LoadedArchive, GlobError> {
    load_archive_with(roots, options, LoadOptions::default(), progress)
}

/// [`load_archive`], with phrase mining when `load.phrases` asks for it: the text of each
/// file is segmented in the same parallel pass that parses it (the text is dropped after),
/// and the counts are aggregated once every file is read.
pub fn load_archive_with(
    roots: &[PathBuf],
    options: &WalkOptions,
    load: LoadOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<LoadedArchive, GlobError> {
    let started = Instant::now();
    let (files, mut skipped) = walk(roots, options)?;
    let total = files.len();
    let done = AtomicUsize::new(0);
    let miner = load.phrases.map(PhraseMiner::new);
    type Loaded = (DocSummary, Option<DocTokens>);
    let results: Vec<Result<Loaded, Skipped>> = files
        .par_iter()
        .map(|file| {
            let result = read_text(&file.path)
                .map(|text| {
                    let path = display_path(&file.path);
                    let format = Format::from_path(&path);
                    let doc = Document::parse(text.decoded.text, format);
                    let tokens = miner.as_ref().map(|m| m.extract(&doc));
                    (DocSummary::new(path, &doc), tokens)
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
    let mut tokens = Vec::new();
    for result in results {
        match result {
            Ok((summary, doc_tokens)) => {
                summaries.push(summary);
                tokens.extend(doc_tokens);
            }
            Err(skip) => skipped.push(skip),
        }
    }
    let archive = Archive::build(summaries);
    let (phrases, pending_phrases) = match miner {
        Some(miner) if load.defer_phrases => (None, Some(PendingPhrases { miner, tokens })),
        Some(miner) => (Some(miner.build(tokens)), None),
        None => (None, None),
    };
    Ok(LoadedArchive {
        archive,
        phrases,
        pending_phrases,
        skipped,
        elapsed: started.elapsed(),
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn atomic_writes_keep_permissions_and_links() {
        use std::os::unix::fs::PermissionsExt;

        let dir = tempfile::tempdir().unwrap();
        let file = dir.path().join("稿.txt");
        std::fs::write(&file, "旧").unwrap();
        std::fs::set_permissions(&file, std::fs::Permissions::from_mode(0o640)).unwrap();
        let link = dir.path().join("link.txt");
        std::os::unix::fs::symlink(&file, &link).unwrap();

        write_atomically(&link, "新".as_bytes()).unwrap();
        assert_eq!(std::fs::read_to_string(&file).unwrap(), "新");
        assert!(link.symlink_metadata().unwrap().file_type().is_symlink());
        let mode = std::fs::metadata(&file).unwrap().permissions().mode();
        assert_eq!(mode & 0o777, 0o640);
        let names: Vec<_> = std::fs::read_dir(dir.path()).unwrap().collect();
        assert_eq!(names.len(), 2, "no temporary file is left behind");
    }
}
