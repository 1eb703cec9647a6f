//! The archive cache: what loading an archive learnt, kept on disk so that the next load
//! reads only the files that changed.
//!
//! One file per archive (its roots as given, and the working folder when a root is
//! relative), under `$GONGWEN_CACHE_DIR`, else `$XDG_CACHE_HOME/gongwen`, else
//! `~/.cache/gongwen`; `GONGWEN_NO_CACHE=1` turns it off. It holds, per file, the size and
//! modification time it was read at and the document's summary (or that it was binary or
//! undecodable), and the mined phrasings when they were counted over exactly those files.
//!
//! Invariants:
//! - A file whose size or modification time differs is read again; a file modified in the
//!   two seconds before a load is not stored (its time may not yet tell a later change).
//! - The phrasings are reused only when every file of the archive was reused, with the
//!   same `phrases.min-documents`.
//! - A cache written by another build of gongwen is never read (the key holds the binary's
//!   size and modification time); a damaged one (checksum, truncation, decoding) is removed
//!   and rebuilt. Writes go to a temporary file renamed into place, so readers see the old
//!   cache or the new one.
//! - At most [`KEEP`] caches are kept, the least recently used are removed.

use std::hash::Hasher;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use gongwen_core::archive::DocSummary;
use gongwen_core::phrases::PhraseIndex;
use rustc_hash::FxHasher;
use serde::{Deserialize, Serialize};

/// Version of the layout below; bump it with any change to the cached types.
const FORMAT: u32 = 1;
const MAGIC: &[u8; 8] = b"GWCACHE\0";
const HEADER: usize = 8 + 4 + 8;
/// Caches kept in the folder.
pub const KEEP: usize = 32;
/// Files modified this recently are not stored.
const SETTLE: Duration = Duration::from_secs(2);

/// The cache folder from the environment, `None` when caching is off.
pub fn default_dir() -> Option<PathBuf> {
    if std::env::var_os("GONGWEN_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
        return None;
    }
    if let Some(dir) = std::env::var_os("GONGWEN_CACHE_DIR").filter(|v| !v.is_empty()) {
        return Some(PathBuf::from(dir));
    }
    if let Some(dir) = std::env::var_os("XDG_CACHE_HOME")
        .map(PathBuf::from)
        .filter(|p| p.is_absolute())
    {
        return Some(dir.join("gongwen"));
    }
    std::env::var_os("HOME")
        .filter(|v| !v.is_empty())
        .map(|home| PathBuf::from(home).join(".cache").join("gongwen"))
}

/// When a file was last modified, and its size: a file with the same stamp is taken to be
/// unchanged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Stamp {
    pub size: u64,
    /// Nanoseconds since the Unix epoch.
    pub modified: u128,
}

impl Stamp {
    pub fn of(metadata: &std::fs::Metadata) -> Option<Stamp> {
        let modified = metadata.modified().ok()?.duration_since(UNIX_EPOCH).ok()?;
        Some(Stamp {
            size: metadata.len(),
            modified: modified.as_nanos(),
        })
    }

    /// Whether the file changed too recently (or claims a future time) for the stamp to be
    /// trusted later: a write in the same clock tick would leave it as it is.
    pub fn is_settled(&self, now: SystemTime) -> bool {
        let now = now
            .duration_since(UNIX_EPOCH)
            .unwrap_or_default()
            .as_nanos();
        self.modified + SETTLE.as_nanos() < now
    }
}

/// What is cached of one file.
#[derive(Clone, Debug, Deserialize)]
pub enum Content {
    Doc(Box<DocSummary>),
    Binary,
    Undecodable,
}

#[derive(Clone, Debug, Deserialize)]
pub struct Entry {
    pub path: String,
    pub stamp: Stamp,
    pub content: Content,
}

/// [`Content`] borrowed, to write (same encoding).
#[derive(Clone, Copy, Debug, Serialize)]
pub enum ContentRef<'a> {
    Doc(&'a DocSummary),
    Binary,
    Undecodable,
}

/// [`Entry`] borrowed, to write (same encoding).
#[derive(Clone, Copy, Debug, Serialize)]
pub struct EntryRef<'a> {
    pub path: &'a str,
    pub stamp: Stamp,
    pub content: ContentRef<'a>,
}

/// A cache as read: the entries, and the phrasings still encoded (decoded only when they
/// are wanted and valid).
#[derive(Debug, Default)]
pub struct Stored {
    pub files: Vec<Entry>,
    phrases: Vec<u8>,
}

impl Stored {
    /// The phrasings stored with the entries, if any.
    pub fn phrases(&self) -> Result<Option<PhraseIndex>, String> {
        if self.phrases.is_empty() {
            return Ok(None);
        }
        match postcard::take_from_bytes::<Option<PhraseIndex>>(&self.phrases) {
            Ok((phrases, [])) => Ok(phrases),
            Ok(_) => Err("trailing bytes".to_string()),
            Err(err) => Err(err.to_string()),
        }
    }
}

/// The entries of a cache to write, encoded; the phrasings are appended when they are
/// known (postcard encodes a struct as its fields one after the other).
#[derive(Clone, Debug)]
pub struct Encoded {
    files: Vec<u8>,
}

impl Encoded {
    pub fn new(entries: &[EntryRef<'_>]) -> Result<Encoded, String> {
        postcard::to_stdvec(entries)
            .map(|files| Encoded { files })
            .map_err(|err| err.to_string())
    }
}

/// One archive's cache file.
#[derive(Clone, Debug)]
pub struct ArchiveCache {
    pub path: PathBuf,
}

impl ArchiveCache {
    /// The cache of the archive with these roots, in `dir`.
    pub fn new(dir: &Path, roots: &[PathBuf]) -> ArchiveCache {
        let mut hasher = FxHasher::default();
        hasher.write_u32(FORMAT);
        hasher.write(env!("CARGO_PKG_VERSION").as_bytes());
        if let Some(stamp) = std::env::current_exe()
            .and_then(std::fs::metadata)
            .ok()
            .as_ref()
            .and_then(Stamp::of)
        {
            hasher.write_u64(stamp.size);
            hasher.write_u128(stamp.modified);
        }
        if roots.iter().any(|r| r.is_relative()) {
            let cwd = std::env::current_dir().unwrap_or_default();
            hasher.write(cwd.as_os_str().as_encoded_bytes());
        }
        for root in roots {
            hasher.write_u8(0xff);
            hasher.write(root.as_os_str().as_encoded_bytes());
        }
        ArchiveCache {
            path: dir.join(format!("archive-{:016x}.bin", hasher.finish())),
        }
    }

    /// The cache, `Ok(None)` when there is none, `Err` when it was damaged (it is then
    /// removed).
    pub fn read(&self) -> Result<Option<Stored>, String> {
        let bytes = match std::fs::read(&self.path) {
            Ok(bytes) => bytes,
            Err(err) if err.kind() == std::io::ErrorKind::NotFound => return Ok(None),
            Err(err) => return Err(err.to_string()),
        };
        match decode(&bytes) {
            Ok(stored) => {
                // Mark it used, for the least-recently-used clean-up.
                if let Ok(file) = std::fs::File::options().append(true).open(&self.path) {
                    let _ = file.set_modified(SystemTime::now());
                }
                Ok(Some(stored))
            }
            Err(err) => {
                let _ = std::fs::remove_file(&self.path);
                Err(err)
            }
        }
    }

    /// Writes the entries, with the phrasings counted over exactly them if given.
    pub fn write(&self, files: &Encoded, phrases: Option<&PhraseIndex>) -> Result<(), String> {
        let mut payload = files.files.clone();
        let tail = postcard::to_stdvec(&phrases).map_err(|err| err.to_string())?;
        payload.extend_from_slice(&tail);
        let mut bytes = Vec::with_capacity(HEADER + payload.len());
        bytes.extend_from_slice(MAGIC);
        bytes.extend_from_slice(&FORMAT.to_le_bytes());
        bytes.extend_from_slice(&checksum(&payload).to_le_bytes());
        bytes.extend_from_slice(&payload);
        let dir = self.path.parent().unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir).map_err(|err| format!("{}: {err}", dir.display()))?;
        write_new(&self.path, &bytes).map_err(|err| format!("{}: {err}", self.path.display()))?;
        prune(dir, &self.path);
        Ok(())
    }
}

fn checksum(bytes: &[u8]) -> u64 {
    let mut hasher = FxHasher::default();
    hasher.write(bytes);
    hasher.write_usize(bytes.len());
    hasher.finish()
}

fn decode(bytes: &[u8]) -> Result<Stored, String> {
    if bytes.len() < HEADER || &bytes[..8] != MAGIC {
        return Err("not a gongwen cache".to_string());
    }
    let format = u32::from_le_bytes(bytes[8..12].try_into().expect("4 bytes"));
    if format != FORMAT {
        return Err(format!("cache format {format}, expected {FORMAT}"));
    }
    let sum = u64::from_le_bytes(bytes[12..20].try_into().expect("8 bytes"));
    let payload = &bytes[HEADER..];
    if checksum(payload) != sum {
        return Err("checksum mismatch".to_string());
    }
    let (files, rest) =
        postcard::take_from_bytes::<Vec<Entry>>(payload).map_err(|err| err.to_string())?;
    Ok(Stored {
        files,
        phrases: rest.to_vec(),
    })
}

/// Writes a file through a temporary one renamed into place.
fn write_new(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map_or_else(|| "cache".into(), |n| n.to_string_lossy());
    // Unique per process and per write: a server may write from two threads at once.
    static WRITES: std::sync::atomic::AtomicU64 = std::sync::atomic::AtomicU64::new(0);
    let n = WRITES.fetch_add(1, std::sync::atomic::Ordering::Relaxed);
    let temp = dir.join(format!(".{name}.{}-{n}.tmp", std::process::id()));
    let written = std::fs::File::create(&temp)
        .and_then(|mut file| file.write_all(bytes).and_then(|()| file.sync_all()))
        .and_then(|()| std::fs::rename(&temp, path));
    if written.is_err() {
        let _ = std::fs::remove_file(&temp);
    }
    written
}

/// Removes the least recently used caches beyond [`KEEP`] (never `current`).
fn prune(dir: &Path, current: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut caches: Vec<(SystemTime, PathBuf)> = entries
        .filter_map(Result::ok)
        .filter(|e| {
            let name = e.file_name();
            let name = name.to_string_lossy();
            name.starts_with("archive-") && name.ends_with(".bin")
        })
        .filter_map(|e| Some((e.metadata().ok()?.modified().ok()?, e.path())))
        .filter(|(_, path)| path != current)
        .collect();
    if caches.len() < KEEP {
        return;
    }
    caches.sort();
    let excess = caches.len() + 1 - KEEP;
    for (_, path) in caches.into_iter().take(excess) {
        let _ = std::fs::remove_file(path);
    }
}
