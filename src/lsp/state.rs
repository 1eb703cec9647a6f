//! The server's state and how handlers read it.
//!
//! tower-lsp runs handlers concurrently, so: handlers mutate state synchronously, before
//! their first `.await`, under short `std::sync` locks that are never held across an
//! `.await`; everything else reads a snapshot (`Arc` clones of the index, the settings and a
//! document's rope). Core calls run under [`guard`], so that a panic becomes an error
//! response and the server goes on.

use std::collections::HashMap;
use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::{Path, PathBuf};
use std::sync::atomic::AtomicU64;
use std::sync::{Arc, Mutex, MutexGuard, RwLock};

use gongwen_core::archive::{Archive, DocId};
use gongwen_core::diagnostic::Diagnostic;
use gongwen_core::document::{Document, Format};
use gongwen_core::phrases::{Contribution, PhraseIndex};
use tower_lsp_server::Client;
use tower_lsp_server::jsonrpc;
use tower_lsp_server::ls_types::MessageType;

use crate::lsp::documents::{DocSnapshot, Documents, PositionEncoding};
use crate::lsp::settings::{Carriers, Settings};

/// What the client can do, read once from `initialize`.
#[derive(Clone, Debug, Default)]
pub struct ClientCaps {
    pub configuration: bool,
    pub did_change_configuration_dynamic: bool,
    pub work_done_progress: bool,
    pub watched_files_dynamic: bool,
    pub relative_patterns: bool,
    pub apply_edit: bool,
    /// `textDocument.completion.completionItem.snippetSupport`.
    pub snippets: bool,
}

/// Fixed at `initialize`.
#[derive(Clone, Debug, Default)]
pub struct Session {
    pub encoding: PositionEncoding,
    pub workspace_folders: Vec<PathBuf>,
    pub caps: ClientCaps,
}

/// The archive index as handlers see it.
#[derive(Clone, Debug, Default)]
pub struct IndexState {
    /// `None` until the first index is built.
    pub archive: Option<Arc<Archive>>,
    /// Canonical path → archive document, to find an open file's own entry.
    pub entries: HashMap<PathBuf, DocId>,
    pub roots: Vec<PathBuf>,
    pub indexing: bool,
    pub skipped: usize,
    /// The phrasings mined with the last full build (a single changed file does not mine
    /// again; `gongwen.reindex` does).
    pub phrases: Option<Arc<PhraseIndex>>,
}

impl IndexState {
    /// The archive entry of a file (by canonical path).
    pub fn entry(&self, path: Option<&Path>) -> Option<DocId> {
        self.entries.get(path?).copied()
    }

    /// The archive, or an empty one while the first index is being built.
    pub fn archive_or_empty(&self) -> Arc<Archive> {
        self.archive.clone().unwrap_or_default()
    }
}

/// A parsed open document, and its findings once computed.
#[derive(Debug)]
pub struct Analysis {
    pub snapshot: DocSnapshot,
    pub doc: Arc<Document>,
    /// Findings and the index and settings they were computed with.
    pub diagnostics: Mutex<Option<Findings>>,
    /// The phrasings this text uses, per phrase index, when the document is an archive
    /// file (its own uses are left out of its completions).
    pub contribution: Mutex<Option<(Arc<PhraseIndex>, Arc<Contribution>)>>,
}

#[derive(Clone, Debug)]
pub struct Findings {
    pub index: Arc<IndexState>,
    pub settings: Arc<Settings>,
    pub diagnostics: Arc<Vec<Diagnostic>>,
}

/// Everything the handlers share.
pub struct Shared {
    pub client: Client,
    pub session: RwLock<Session>,
    pub docs: Mutex<Documents>,
    pub analyses: Mutex<HashMap<String, Arc<Analysis>>>,
    pub index: RwLock<Arc<IndexState>>,
    pub settings: RwLock<Arc<Settings>>,
    pub carriers: Mutex<Carriers>,
    /// Configuration errors already shown, so that a re-read does not show them again.
    pub shown_errors: Mutex<Vec<String>>,
    /// One diagnostics computation at a time: the others wait, and drop out when their
    /// document has moved on meanwhile.
    pub diagnostics_gate: tokio::sync::Semaphore,
    /// Serialises changes to the index (full builds and single-file updates).
    pub index_lock: tokio::sync::Mutex<()>,
    /// Bumped by each full build; a build that is not the latest is thrown away.
    pub index_generation: AtomicU64,
    pub watcher: Mutex<Option<notify::RecommendedWatcher>>,
    /// Hidden requests for tests (`gongwen/debug/panic`).
    pub debug: bool,
    /// The archive cache's folder, `None` for none.
    pub cache_dir: Option<PathBuf>,
}

/// What a request reads: immutable, cheap to take.
#[derive(Clone)]
pub struct Snapshot {
    pub index: Arc<IndexState>,
    pub settings: Arc<Settings>,
    pub encoding: PositionEncoding,
}

/// A lock that a panicking thread may have poisoned: the data is still consistent (state is
/// only replaced whole), so take it.
pub fn lock<T>(mutex: &Mutex<T>) -> MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub fn read<T: Clone>(lock: &RwLock<T>) -> T {
    lock.read()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
        .clone()
}

pub fn write<T>(lock: &RwLock<T>, value: T) {
    *lock
        .write()
        .unwrap_or_else(|poisoned| poisoned.into_inner()) = value;
}

/// Runs a synchronous core call; a panic becomes an internal error naming the request.
pub fn guard<T>(what: &str, f: impl FnOnce() -> T) -> jsonrpc::Result<T> {
    catch_unwind(AssertUnwindSafe(f)).map_err(|payload| {
        let reason = panic_message(payload.as_ref());
        jsonrpc::Error {
            code: jsonrpc::ErrorCode::InternalError,
            message: format!("gongwen: {what} failed: {reason}").into(),
            data: None,
        }
    })
}

pub fn panic_message(payload: &(dyn std::any::Any + Send)) -> String {
    payload
        .downcast_ref::<&str>()
        .map(|s| s.to_string())
        .or_else(|| payload.downcast_ref::<String>().cloned())
        .unwrap_or_else(|| "panic".to_string())
}

impl Shared {
    pub fn new(client: Client, debug: bool, cache_dir: Option<PathBuf>) -> Shared {
        Shared {
            client,
            session: RwLock::new(Session::default()),
            docs: Mutex::new(Documents::default()),
            analyses: Mutex::new(HashMap::new()),
            index: RwLock::new(Arc::new(IndexState::default())),
            settings: RwLock::new(Arc::new(Settings::default())),
            carriers: Mutex::new(Carriers::default()),
            shown_errors: Mutex::new(Vec::new()),
            diagnostics_gate: tokio::sync::Semaphore::new(1),
            index_lock: tokio::sync::Mutex::new(()),
            index_generation: AtomicU64::new(0),
            watcher: Mutex::new(None),
            debug,
            cache_dir,
        }
    }

    pub fn snapshot(&self) -> Snapshot {
        Snapshot {
            index: read(&self.index),
            settings: read(&self.settings),
            encoding: self.session().encoding,
        }
    }

    pub fn session(&self) -> Session {
        read(&self.session)
    }

    pub fn document(&self, uri: &str) -> Option<DocSnapshot> {
        lock(&self.docs).get(uri)
    }

    /// The parsed document as it is now: from the cache when the text has not changed
    /// since, else parsed off the async threads.
    pub async fn analysis(&self, uri: &str) -> jsonrpc::Result<Option<Arc<Analysis>>> {
        let Some(snapshot) = self.document(uri) else {
            return Ok(None);
        };
        if let Some(cached) = lock(&self.analyses).get(uri)
            && cached.snapshot.generation == snapshot.generation
        {
            return Ok(Some(cached.clone()));
        }
        let analysis = tokio::task::spawn_blocking(move || {
            guard("parse", || Arc::new(Analysis::parse(snapshot)))
        })
        .await
        .map_err(|_| jsonrpc::Error::internal_error())??;
        self.store_analysis(&analysis);
        Ok(Some(analysis))
    }

    /// Keeps an analysis unless the document moved on meanwhile.
    pub fn store_analysis(&self, analysis: &Arc<Analysis>) {
        let uri = &analysis.snapshot.uri;
        if lock(&self.docs).generation(uri) != Some(analysis.snapshot.generation) {
            return;
        }
        let mut analyses = lock(&self.analyses);
        let newer = analyses
            .get(uri)
            .is_some_and(|a| a.snapshot.generation > analysis.snapshot.generation);
        if !newer {
            analyses.insert(uri.clone(), analysis.clone());
        }
    }

    /// Logs to the client (`window/logMessage`) without waiting.
    pub fn log(&self, typ: MessageType, message: impl Into<String>) {
        let client = self.client.clone();
        let message = message.into();
        if tokio::runtime::Handle::try_current().is_ok() {
            tokio::spawn(async move { client.log_message(typ, message).await });
        }
    }
}

impl Analysis {
    pub fn parse(snapshot: DocSnapshot) -> Analysis {
        let format = format_of(&snapshot);
        let doc = Document::parse(snapshot.text(), format);
        Analysis {
            snapshot,
            doc: Arc::new(doc),
            diagnostics: Mutex::new(None),
            contribution: Mutex::new(None),
        }
    }

    /// What this text contributes to `phrases` (computed once per text and index).
    pub fn contribution(&self, phrases: &Arc<PhraseIndex>) -> Arc<Contribution> {
        if let Some((index, contribution)) = lock(&self.contribution).as_ref()
            && Arc::ptr_eq(index, phrases)
        {
            return contribution.clone();
        }
        let contribution = Arc::new(phrases.contribution(&self.doc));
        *lock(&self.contribution) = Some((phrases.clone(), contribution.clone()));
        contribution
    }

    /// The findings for this text under `snapshot`'s index and settings, computed now if
    /// the cached ones were made with others.
    pub fn findings(&self, snapshot: &Snapshot) -> Arc<Vec<Diagnostic>> {
        if let Some(findings) = lock(&self.diagnostics).as_ref()
            && Arc::ptr_eq(&findings.index, &snapshot.index)
            && Arc::ptr_eq(&findings.settings, &snapshot.settings)
        {
            return findings.diagnostics.clone();
        }
        let index = &snapshot.index;
        let config = snapshot.settings.config_for(self.snapshot.path.as_deref());
        let exclude = index.entry(self.snapshot.path.as_deref());
        let diagnostics = Arc::new(gongwen_core::rules::check(
            &self.doc,
            index.archive.as_deref(),
            exclude,
            &config,
        ));
        *lock(&self.diagnostics) = Some(Findings {
            index: snapshot.index.clone(),
            settings: snapshot.settings.clone(),
            diagnostics: diagnostics.clone(),
        });
        diagnostics
    }
}

/// Markdown by language id or file name, else plain text.
pub fn format_of(snapshot: &DocSnapshot) -> Format {
    if snapshot.language_id == "markdown" {
        return Format::Markdown;
    }
    Format::from_path(&snapshot.uri)
}

/// A file's canonical path (or its path as given when it does not exist).
pub fn canonical(path: &Path) -> PathBuf {
    path.canonicalize().unwrap_or_else(|_| {
        match (
            path.parent().and_then(|p| p.canonicalize().ok()),
            path.file_name(),
        ) {
            (Some(parent), Some(name)) => parent.join(name),
            _ => path.to_path_buf(),
        }
    })
}
