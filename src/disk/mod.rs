//! Everything that touches files: walking roots, reading and decoding text, loading an
//! archive into the core's index.

pub mod cache;
pub mod encoding;
pub mod walk;

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant, SystemTime};

use gongwen_core::archive::{Archive, DocSummary};
use gongwen_core::document::{Document, Format};
use gongwen_core::phrases::{DocTokens, PhraseIndex, PhraseMiner};
use rayon::prelude::*;

use cache::{ArchiveCache, Content, ContentRef, Encoded, Entry, EntryRef, Stamp, Stored};
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
    /// How the cache served, when there is one ([`LoadOptions::cache`]).
    pub cache: Option<CacheReport>,
}

/// What loading does besides indexing.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LoadOptions {
    /// Mine the phrasings that recur in at least this many documents
    /// (`phrases.min-documents`) while each file is parsed. Off for `check`, `index` and
    /// `lookup`; the language server and the benchmarks turn it on.
    pub phrases: Option<u32>,
    /// Leave the aggregation of the phrasings to the caller
    /// ([`LoadedArchive::pending_phrases`]), so that the archive is ready sooner.
    pub defer_phrases: bool,
    /// The cache folder (see [`cache`]); `None` reads every file.
    pub cache: Option<PathBuf>,
    /// Read every file even when the cache has it, and write the cache anew.
    pub refresh: bool,
}

impl LoadOptions {
    /// Options with the cache folder from the environment ([`cache::default_dir`]).
    pub fn cached() -> LoadOptions {
        LoadOptions {
            cache: cache::default_dir(),
            ..LoadOptions::default()
        }
    }
}

/// How the cache served one load.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CacheReport {
    pub path: PathBuf,
    /// Files taken from the cache, and files read.
    pub reused: usize,
    pub read: usize,
    /// Whether the phrasings came from the cache.
    pub phrases_reused: bool,
    /// Why the cache found was unusable (it was removed, and written anew).
    pub damaged: Option<String>,
    /// Why the cache could not be written.
    pub write_error: Option<String>,
}

/// Phrasings extracted from every file, not yet counted.
pub struct PendingPhrases {
    miner: PhraseMiner,
    tokens: Vec<DocTokens>,
    /// Where to keep the result, with the files it was counted over.
    cache: Option<(ArchiveCache, Encoded)>,
}

impl PendingPhrases {
    /// Counts and selects the phrasings (seconds on a large archive: run it off the way),
    /// and caches them. A cache that cannot be written is reported, the phrasings are
    /// returned all the same.
    pub fn build(self) -> (PhraseIndex, Option<String>) {
        let phrases = self.miner.build(self.tokens);
        let problem = self
            .cache
            .and_then(|(cache, files)| cache.write(&files, Some(&phrases)).err());
        (phrases, problem)
    }
}

impl std::fmt::Debug for PendingPhrases {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PendingPhrases")
            .field("documents", &self.tokens.len())
            .finish()
    }
}

/// Loads every file under the roots into an index, without cache. `progress` is called
/// with (files done, files total) from worker threads.
pub fn load_archive(
    roots: &[PathBuf],
    options: &WalkOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<LoadedArchive, GlobError> {
    load_archive_with(roots, options, LoadOptions::default(), progress)
}

/// One file's part in a load.
enum Outcome {
    Reused(DocSummary),
    Read(DocSummary, Option<DocTokens>),
    /// Skipped, and whether that was known from the cache.
    Skipped(Skipped, bool),
}

/// [`load_archive`], with phrase mining when `load.phrases` asks for it (the text of each
/// file is segmented in the same parallel pass that parses it, the text is dropped after,
/// and the counts are aggregated once every file is read), and with the cache when
/// `load.cache` names its folder: unchanged files are taken from it, and the phrasings too
/// when no file changed.
pub fn load_archive_with(
    roots: &[PathBuf],
    options: &WalkOptions,
    load: LoadOptions,
    progress: &(dyn Fn(usize, usize) + Sync),
) -> Result<LoadedArchive, GlobError> {
    let started = Instant::now();
    let now = SystemTime::now();
    let (files, mut skipped) = walk(roots, options)?;
    let total = files.len();

    let cache = load
        .cache
        .as_deref()
        .map(|dir| ArchiveCache::new(dir, roots));
    let mut report = cache.as_ref().map(|c| CacheReport {
        path: c.path.clone(),
        ..CacheReport::default()
    });
    let mut stored = match cache
        .as_ref()
        .filter(|_| !load.refresh)
        .map(ArchiveCache::read)
    {
        Some(Ok(Some(stored))) => stored,
        Some(Err(reason)) => {
            if let Some(report) = report.as_mut() {
                report.damaged = Some(reason);
            }
            Stored::default()
        }
        _ => Stored::default(),
    };
    let stored_files = stored.files.len();
    let mut cached: HashMap<String, Entry> = std::mem::take(&mut stored.files)
        .into_iter()
        .map(|e| (e.path.clone(), e))
        .collect();
    let paths: Vec<String> = files.iter().map(|f| display_path(&f.path)).collect();
    let stamps: Vec<Option<Stamp>> = files
        .par_iter()
        .map(|f| std::fs::metadata(&f.path).ok().as_ref().and_then(Stamp::of))
        .collect();
    let hits: Vec<bool> = (0..total)
        .map(|i| {
            stamps[i].is_some()
                && cached
                    .get(&paths[i])
                    .is_some_and(|e| Some(e.stamp) == stamps[i])
        })
        .collect();
    let all_hit = stored_files == total && hits.iter().all(|&h| h);
    let miner = load.phrases.map(PhraseMiner::new);
    let cached_phrases = match &miner {
        Some(miner) if all_hit => match stored.phrases() {
            Ok(Some(phrases)) if phrases.min_documents() == miner.min_documents() => Some(phrases),
            Ok(_) => None,
            Err(reason) => {
                if let Some(report) = report.as_mut() {
                    report.damaged = Some(reason);
                }
                None
            }
        },
        _ => None,
    };
    drop(stored);
    // Mining reads every file; else unchanged files come from the cache.
    let miner = miner.filter(|_| cached_phrases.is_none());
    let reuse: Vec<Option<Entry>> = (0..total)
        .map(|i| {
            (miner.is_none() && hits[i])
                .then(|| cached.remove(&paths[i]))
                .flatten()
        })
        .collect();

    let done = AtomicUsize::new(0);
    let outcomes: Vec<Outcome> = files
        .par_iter()
        .zip(reuse)
        .zip(&paths)
        .map(|((file, reused), path)| {
            let outcome = outcome_of(file, path, reused, miner.as_ref());
            progress(done.fetch_add(1, Ordering::Relaxed) + 1, total);
            outcome
        })
        .collect();

    let (entries, read) = cache_entries(&outcomes, &paths, &stamps, now);
    let complete = entries.len() == total;
    let mut encoded = None;
    if let (Some(cache), Some(report)) = (&cache, report.as_mut()) {
        report.reused = total - read;
        report.read = read;
        report.phrases_reused = cached_phrases.is_some();
        match Encoded::new(&entries) {
            Ok(files) => {
                // Written now even when phrasings follow: a server stopped before they are
                // counted still finds its files cached.
                if (read > 0 || entries.len() != stored_files)
                    && let Err(err) = cache.write(&files, None)
                {
                    report.write_error = Some(err);
                }
                encoded = Some((cache.clone(), files));
            }
            Err(err) => report.write_error = Some(err),
        }
    }
    drop(entries);

    let mut summaries = Vec::with_capacity(outcomes.len());
    let mut tokens = Vec::new();
    for outcome in outcomes {
        match outcome {
            Outcome::Reused(summary) => summaries.push(summary),
            Outcome::Read(summary, doc_tokens) => {
                summaries.push(summary);
                tokens.extend(doc_tokens);
            }
            Outcome::Skipped(skip, _) => skipped.push(skip),
        }
    }
    let archive = Archive::build(summaries);
    let encoded = encoded.filter(|_| complete);
    let (phrases, pending_phrases) = match miner {
        Some(miner) => {
            let pending = PendingPhrases {
                miner,
                tokens,
                cache: encoded,
            };
            if load.defer_phrases {
                (None, Some(pending))
            } else {
                let (phrases, problem) = pending.build();
                if let Some((problem, report)) = problem.zip(report.as_mut()) {
                    report.write_error = Some(problem);
                }
                (Some(phrases), None)
            }
        }
        None => (cached_phrases, None),
    };
    Ok(LoadedArchive {
        archive,
        phrases,
        pending_phrases,
        skipped,
        elapsed: started.elapsed(),
        cache: report,
    })
}

/// One file's part: taken from its cache entry, or read, parsed (and its phrasings
/// extracted when mining).
fn outcome_of(
    file: &FoundFile,
    path: &str,
    reused: Option<Entry>,
    miner: Option<&PhraseMiner>,
) -> Outcome {
    let skipped = |reason, reused| {
        Outcome::Skipped(
            Skipped {
                path: file.path.clone(),
                reason,
            },
            reused,
        )
    };
    match reused.map(|e| e.content) {
        Some(Content::Doc(summary)) => Outcome::Reused(*summary),
        Some(Content::Binary) => skipped(SkipReason::Binary, true),
        Some(Content::Undecodable) => skipped(SkipReason::Undecodable, true),
        None => match read_text(&file.path) {
            Ok(text) => {
                let doc = Document::parse(text.decoded.text, Format::from_path(path));
                let tokens = miner.map(|m| m.extract(&doc));
                Outcome::Read(DocSummary::new(path.to_string(), &doc), tokens)
            }
            Err(reason) => skipped(reason, false),
        },
    }
}

/// What the cache keeps of a load: every file with a settled stamp, read or reused (a
/// binary or undecodable file too). Also returns how many files were read.
fn cache_entries<'a>(
    outcomes: &'a [Outcome],
    paths: &'a [String],
    stamps: &[Option<Stamp>],
    now: SystemTime,
) -> (Vec<EntryRef<'a>>, usize) {
    let mut read = 0;
    let mut entries = Vec::with_capacity(outcomes.len());
    for ((outcome, path), stamp) in outcomes.iter().zip(paths).zip(stamps) {
        let content = match outcome {
            Outcome::Reused(summary) => ContentRef::Doc(summary),
            Outcome::Read(summary, _) => {
                read += 1;
                ContentRef::Doc(summary)
            }
            Outcome::Skipped(skip, reused) => {
                read += usize::from(!reused);
                match skip.reason {
                    SkipReason::Binary => ContentRef::Binary,
                    SkipReason::Undecodable => ContentRef::Undecodable,
                    _ => continue,
                }
            }
        };
        if let Some(stamp) = stamp.filter(|s| s.is_settled(now)) {
            entries.push(EntryRef {
                path,
                stamp,
                content,
            });
        }
    }
    (entries, read)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The example archive copied into `dir/archive`, its files dated an hour back (a
    /// file changed in the last seconds is not cached).
    fn archive_copy(dir: &Path) -> PathBuf {
        let root = dir.join("archive");
        std::fs::create_dir_all(&root).unwrap();
        let examples = Path::new(env!("CARGO_MANIFEST_DIR")).join("examples/archive");
        for entry in std::fs::read_dir(examples).unwrap() {
            let path = entry.unwrap().path();
            let copy = root.join(path.file_name().unwrap());
            std::fs::copy(&path, &copy).unwrap();
            age(&copy);
        }
        root
    }

    fn age(path: &Path) {
        let hour_ago = SystemTime::now() - Duration::from_secs(3600);
        std::fs::File::options()
            .append(true)
            .open(path)
            .unwrap()
            .set_modified(hour_ago)
            .unwrap();
    }

    fn load(root: &Path, cache: &Path, phrases: Option<u32>) -> LoadedArchive {
        let load = LoadOptions {
            phrases,
            defer_phrases: false,
            cache: Some(cache.to_path_buf()),
            refresh: false,
        };
        load_archive_with(
            &[root.to_path_buf()],
            &WalkOptions::default(),
            load,
            &|_, _| {},
        )
        .unwrap()
    }

    fn uncached(root: &Path) -> LoadedArchive {
        load_archive(&[root.to_path_buf()], &WalkOptions::default(), &|_, _| {}).unwrap()
    }

    fn summaries(loaded: &LoadedArchive) -> String {
        format!("{:#?}", loaded.archive.summaries())
    }

    fn cache_file(cache: &Path) -> PathBuf {
        let files: Vec<PathBuf> = std::fs::read_dir(cache)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        assert_eq!(files.len(), 1, "one cache file: {files:?}");
        files.into_iter().next().unwrap()
    }

    #[test]
    fn a_warm_cache_gives_the_same_archive_without_reading_files() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        let cache = dir.path().join("cache");
        let fresh = uncached(&root);
        assert!(fresh.cache.is_none());

        let first = load(&root, &cache, None);
        let report = first.cache.as_ref().unwrap();
        assert_eq!((report.reused, report.read), (0, 18));
        assert!(report.damaged.is_none() && report.write_error.is_none());
        let second = load(&root, &cache, None);
        let report = second.cache.as_ref().unwrap();
        assert_eq!((report.reused, report.read), (18, 0));
        assert_eq!(summaries(&second), summaries(&fresh));
        assert_eq!(second.archive.stats(), fresh.archive.stats());

        // Refreshing reads everything again, and leaves a cache as good as before.
        let refresh = LoadOptions {
            cache: Some(cache.clone()),
            refresh: true,
            ..LoadOptions::default()
        };
        let roots = [root.clone()];
        let refreshed =
            load_archive_with(&roots, &WalkOptions::default(), refresh, &|_, _| {}).unwrap();
        assert_eq!(refreshed.cache.as_ref().unwrap().read, 18);
        assert_eq!(summaries(&refreshed), summaries(&fresh));
        assert_eq!(load(&root, &cache, None).cache.unwrap().reused, 18);
    }

    #[test]
    fn changed_added_and_removed_files_are_seen() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        let cache = dir.path().join("cache");
        load(&root, &cache, None);

        let changed = root.join("jiangzhengfa-2023-5-rural-revitalisation.txt");
        let text = std::fs::read_to_string(&changed).unwrap();
        let text = text.replacen("江政发〔2023〕5号", "江政发〔2023〕55号", 1);
        std::fs::write(&changed, text).unwrap();
        age(&changed);
        std::fs::remove_file(root.join("jiangzhengfa-2023-9-rural-living-environment.txt"))
            .unwrap();
        std::fs::write(
            root.join("new.txt"),
            "国务院关于某事项的通知\n国发〔2016〕5号\n",
        )
        .unwrap();
        age(&root.join("new.txt"));

        let loaded = load(&root, &cache, None);
        let report = loaded.cache.as_ref().unwrap();
        assert_eq!((report.reused, report.read), (16, 2));
        let fresh = uncached(&root);
        assert_eq!(summaries(&loaded), summaries(&fresh));
        assert!(summaries(&loaded).contains("serial: 55"));
        assert!(!summaries(&loaded).contains("rural-living-environment.txt\""));
    }

    #[test]
    fn a_file_changed_in_the_last_seconds_is_read_again_next_time() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        let cache = dir.path().join("cache");
        // Just written: its time cannot yet tell a change in the same tick from none.
        std::fs::write(root.join("fresh.txt"), "关于某事项的通知\n").unwrap();
        load(&root, &cache, None);
        let again = load(&root, &cache, None);
        let report = again.cache.as_ref().unwrap();
        assert_eq!((report.reused, report.read), (18, 1));
    }

    #[test]
    fn a_damaged_cache_is_removed_and_rebuilt() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        let cache = dir.path().join("cache");
        let fresh = uncached(&root);
        load(&root, &cache, Some(3));
        let file = cache_file(&cache);
        let good = std::fs::read(&file).unwrap();

        let mut flipped = good.clone();
        let middle = flipped.len() / 2;
        flipped[middle] ^= 0x55;
        let truncated = good[..good.len() / 3].to_vec();
        for (what, bytes) in [
            ("a flipped byte", flipped),
            ("truncation", truncated),
            ("garbage", b"not a cache at all".to_vec()),
            ("nothing", Vec::new()),
        ] {
            std::fs::write(&file, &bytes).unwrap();
            let loaded = load(&root, &cache, Some(3));
            let report = loaded.cache.as_ref().unwrap();
            assert!(report.damaged.is_some(), "{what}: {report:?}");
            assert_eq!((report.reused, report.read), (0, 18), "{what}");
            assert_eq!(summaries(&loaded), summaries(&fresh), "{what}");
            assert!(loaded.phrases.is_some_and(|p| !p.is_empty()), "{what}");
            // Rebuilt: the next load takes everything from it again.
            let next = load(&root, &cache, Some(3));
            let report = next.cache.as_ref().unwrap();
            assert!(report.damaged.is_none(), "{what}");
            assert!(report.phrases_reused, "{what}");
        }
    }

    #[test]
    fn phrasings_are_reused_only_when_nothing_changed() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        let cache = dir.path().join("cache");
        let first = load(&root, &cache, Some(3));
        assert!(!first.cache.as_ref().unwrap().phrases_reused);
        let mined = first.phrases.unwrap();
        assert!(mined.get("特此通知").is_some());

        let second = load(&root, &cache, Some(3));
        assert!(second.cache.as_ref().unwrap().phrases_reused);
        assert_eq!(second.phrases.unwrap().phrases(), mined.phrases());

        // Another minimum counts anew.
        let other = load(&root, &cache, Some(2));
        assert!(!other.cache.as_ref().unwrap().phrases_reused);
        assert!(other.phrases.unwrap().len() > mined.len());

        // A changed file too.
        let changed = root.join("jiangzhengbanfa-2023-12-digital-government.txt");
        let text = std::fs::read_to_string(&changed).unwrap() + "\n特此通知。\n";
        std::fs::write(&changed, text).unwrap();
        age(&changed);
        let after = load(&root, &cache, Some(2));
        let report = after.cache.as_ref().unwrap();
        assert!(!report.phrases_reused);
        assert_eq!(report.read, 18);
        assert!(load(&root, &cache, Some(2)).cache.unwrap().phrases_reused);
    }

    #[test]
    fn deferred_phrasings_are_cached_when_counted() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        let cache = dir.path().join("cache");
        let options = LoadOptions {
            phrases: Some(3),
            defer_phrases: true,
            cache: Some(cache.clone()),
            refresh: false,
        };
        let roots = [root.clone()];
        let first = load_archive_with(&roots, &WalkOptions::default(), options.clone(), &|_, _| {})
            .unwrap();
        assert!(first.phrases.is_none());
        // The files are cached before the phrasings are counted.
        let files_only = load(&root, &cache, None);
        assert_eq!(files_only.cache.as_ref().unwrap().reused, 18);
        let (mined, problem) = first.pending_phrases.unwrap().build();
        assert_eq!(problem, None);
        let second =
            load_archive_with(&roots, &WalkOptions::default(), options, &|_, _| {}).unwrap();
        assert!(second.cache.as_ref().unwrap().phrases_reused);
        assert!(second.pending_phrases.is_none());
        assert_eq!(second.phrases.unwrap().phrases(), mined.phrases());
    }

    #[test]
    fn binary_files_are_remembered_and_an_unwritable_cache_is_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = archive_copy(dir.path());
        std::fs::write(root.join("image.txt"), [0u8, 1, 2, 0, 0xff, 0xfe, 0, 0]).unwrap();
        age(&root.join("image.txt"));
        let cache = dir.path().join("cache");
        load(&root, &cache, None);
        let again = load(&root, &cache, None);
        assert_eq!(again.cache.as_ref().unwrap().read, 0);
        assert_eq!(again.skipped.len(), 1);
        assert_eq!(again.skipped[0].reason, SkipReason::Binary);

        // A cache folder that is a file: the archive loads, the failure is said.
        let blocked = dir.path().join("blocked");
        std::fs::write(&blocked, "").unwrap();
        let loaded = load(&root, &blocked.join("cache"), None);
        assert_eq!(loaded.archive.docs.len(), 18);
        assert!(loaded.cache.unwrap().write_error.is_some());
    }

    #[test]
    fn old_caches_beyond_the_limit_are_removed() {
        let dir = tempfile::tempdir().unwrap();
        let cache = dir.path().join("cache");
        std::fs::create_dir_all(&cache).unwrap();
        for i in 0..cache::KEEP + 5 {
            let path = cache.join(format!("archive-{i:016x}.bin"));
            std::fs::write(&path, "old").unwrap();
            age(&path);
        }
        std::fs::write(cache.join("unrelated.txt"), "keep").unwrap();
        let root = archive_copy(dir.path());
        load(&root, &cache, None);
        let names: Vec<String> = std::fs::read_dir(&cache)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        let caches = names.iter().filter(|n| n.starts_with("archive-")).count();
        assert_eq!(caches, cache::KEEP);
        assert!(names.contains(&"unrelated.txt".to_string()));
    }

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
