//! The archive index in the background: full builds with `$/progress` and `gongwen/status`,
//! and single-file updates when archive files change on disk (reported by the client's
//! `workspace/didChangeWatchedFiles`, or by our own watcher when the client has none).

use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::Ordering;
use std::time::Duration;

use gongwen_core::archive::{Archive, DocSummary};
use gongwen_core::document::{Document, Format};
use serde::{Deserialize, Serialize};
use tokio::sync::mpsc;
use tower_lsp_server::ls_types::notification::Notification;
use tower_lsp_server::ls_types::{MessageType, NumberOrString};
use tower_lsp_server::{Bounded, NotCancellable, OngoingProgress};

use crate::disk::{self, WalkOptions};
use crate::lsp::diagnostics;
use crate::lsp::state::{IndexState, Shared, canonical, lock, read, write};

/// `gongwen/status`: sent after each change of the index, for status items.
#[derive(Debug)]
pub enum StatusNotification {}

#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StatusParams {
    pub indexing: bool,
    pub documents: usize,
    pub directives: usize,
    pub skipped: usize,
}

impl Notification for StatusNotification {
    type Params = StatusParams;
    const METHOD: &'static str = "gongwen/status";
}

/// How long file events are gathered before the index is updated.
const WATCH_BATCH: Duration = Duration::from_millis(100);
/// How long a request to the client may take before it is given up.
pub const CLIENT_TIMEOUT: Duration = Duration::from_secs(10);

pub async fn send_status(shared: &Shared) {
    let index = read(&shared.index);
    let (documents, directives) = index
        .archive
        .as_ref()
        .map_or((0, 0), |a| (a.docs.len(), a.directives.len()));
    shared
        .client
        .send_notification::<StatusNotification>(StatusParams {
            indexing: index.indexing,
            documents,
            directives,
            skipped: index.skipped,
        })
        .await;
}

/// How a rebuild treats the archive cache.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Reread {
    /// Files unchanged since the cache was written come from it.
    Changed,
    /// Every file is read again (`gongwen.reindex`); the cache is written anew.
    All,
}

/// Rebuilds the whole index in the background (spawned; returns at once).
pub fn reindex(shared: &Arc<Shared>, reread: Reread) {
    let shared = shared.clone();
    tokio::spawn(async move { rebuild(&shared, reread).await });
}

async fn rebuild(shared: &Arc<Shared>, reread: Reread) {
    let generation = shared.index_generation.fetch_add(1, Ordering::SeqCst) + 1;
    let _lock = shared.index_lock.lock().await;
    if shared.index_generation.load(Ordering::SeqCst) != generation {
        // A newer build was asked for while this one waited.
        return;
    }
    let settings = read(&shared.settings);
    let roots = settings.archive_roots.clone();
    if roots.is_empty() {
        write(&shared.index, Arc::new(IndexState::default()));
        send_status(shared).await;
        return;
    }
    {
        let current = read(&shared.index);
        write(
            &shared.index,
            Arc::new(IndexState {
                indexing: true,
                ..(*current).clone()
            }),
        );
    }
    send_status(shared).await;
    let progress = Progress::begin(shared).await;

    let (tx, mut rx) = mpsc::unbounded_channel::<(usize, usize)>();
    let walk = settings.walk.clone();
    let build_roots = roots.clone();
    // Completion's phrasings are extracted in the same pass, and counted once the archive
    // is in use.
    let load_options = disk::LoadOptions {
        phrases: Some(settings.min_documents()),
        defer_phrases: true,
        cache: shared.cache_dir.clone(),
        refresh: reread == Reread::All,
    };
    let mut task = tokio::task::spawn_blocking(move || {
        // Leave a core to the server: requests on open drafts go on while this runs.
        let threads =
            std::thread::available_parallelism().map_or(1, |n| n.get().saturating_sub(1).max(1));
        let pool = rayon::ThreadPoolBuilder::new().num_threads(threads).build();
        let load = || {
            disk::load_archive_with(&build_roots, &walk, load_options, &|done, total| {
                let _ = tx.send((done, total));
            })
        };
        match pool {
            Ok(pool) => pool.install(load),
            Err(_) => load(),
        }
    });
    // Counts arrive per file; report the latest at most every 100 ms.
    let mut ticks = tokio::time::interval(Duration::from_millis(100));
    let mut latest: Option<(usize, usize)> = None;
    let result = loop {
        tokio::select! {
            result = &mut task => break result,
            _ = ticks.tick() => {
                while let Ok(counts) = rx.try_recv() {
                    latest = Some(counts);
                }
                if let Some((done, total)) = latest.take() {
                    progress.report(done, total).await;
                }
            }
        }
    };
    let mut pending_phrases = None;
    let loaded = match result {
        Ok(Ok(mut loaded)) => {
            pending_phrases = loaded.pending_phrases.take();
            Some(loaded)
        }
        Ok(Err(err)) => {
            shared.log(
                MessageType::ERROR,
                format!("gongwen: indexing failed: {err}"),
            );
            None
        }
        Err(err) => {
            shared.log(
                MessageType::ERROR,
                format!("gongwen: indexing failed: {err}"),
            );
            None
        }
    };
    if shared.index_generation.load(Ordering::SeqCst) == generation {
        let current = read(&shared.index);
        let state = match loaded {
            Some(loaded) => {
                shared.log(
                    MessageType::INFO,
                    format!(
                        "gongwen: indexed {} documents ({} skipped) in {:.2} s",
                        loaded.archive.docs.len(),
                        loaded.skipped.len(),
                        loaded.elapsed.as_secs_f64()
                    ),
                );
                if let Some(cache) = &loaded.cache {
                    shared.log(
                        MessageType::INFO,
                        format!(
                            "gongwen: cache {}: {} files reused, {} read{}",
                            cache.path.display(),
                            cache.reused,
                            cache.read,
                            if cache.phrases_reused {
                                ", phrasings reused"
                            } else {
                                ""
                            }
                        ),
                    );
                    if let Some(reason) = &cache.damaged {
                        shared.log(
                            MessageType::WARNING,
                            format!("gongwen: damaged cache rebuilt ({reason})"),
                        );
                    }
                    if let Some(err) = &cache.write_error {
                        shared.log(
                            MessageType::WARNING,
                            format!("gongwen: cache not written: {err}"),
                        );
                    }
                }
                for skip in loaded.skipped.iter().take(20) {
                    shared.log(
                        MessageType::INFO,
                        format!("gongwen: skipped {}: {}", skip.path.display(), skip.reason),
                    );
                }
                let archive = Arc::new(loaded.archive);
                IndexState {
                    entries: entries(&archive),
                    archive: Some(archive),
                    roots,
                    indexing: false,
                    skipped: loaded.skipped.len(),
                    phrases: loaded.phrases.map(Arc::new),
                }
            }
            None => IndexState {
                archive: current.archive.clone().or_else(|| Some(Arc::default())),
                roots,
                indexing: false,
                ..(*current).clone()
            },
        };
        write(&shared.index, Arc::new(state));
        send_status(shared).await;
        diagnostics::schedule_all(shared);
    }
    let documents = read(&shared.index)
        .archive
        .as_ref()
        .map_or(0, |a| a.docs.len());
    progress.end(documents).await;
    if let Some(pending) = pending_phrases {
        count_phrases(shared, generation, pending).await;
    }
}

/// Counts the phrasings of a build after its archive is in use; completion offers the
/// built-in formulae (and the previous build's phrasings) meanwhile.
async fn count_phrases(shared: &Arc<Shared>, generation: u64, pending: disk::PendingPhrases) {
    let Ok((phrases, problem)) = tokio::task::spawn_blocking(move || pending.build()).await else {
        shared.log(MessageType::ERROR, "gongwen: mining phrasings failed");
        return;
    };
    if let Some(problem) = problem {
        shared.log(
            MessageType::WARNING,
            format!("gongwen: cache not written: {problem}"),
        );
    }
    if shared.index_generation.load(Ordering::SeqCst) != generation {
        return;
    }
    shared.log(
        MessageType::INFO,
        format!("gongwen: {} phrasings mined", phrases.len()),
    );
    let current = read(&shared.index);
    write(
        &shared.index,
        Arc::new(IndexState {
            phrases: Some(Arc::new(phrases)),
            ..(*current).clone()
        }),
    );
}

/// Canonical path → document, for finding an open file's own entry.
fn entries(archive: &Archive) -> HashMap<PathBuf, u32> {
    archive
        .docs
        .iter()
        .enumerate()
        .map(|(id, doc)| (canonical(Path::new(&doc.path)), id as u32))
        .collect()
}

/// Work-done progress, when the client supports it.
struct Progress {
    ongoing: Option<OngoingProgress<Bounded, NotCancellable>>,
}

impl Progress {
    async fn begin(shared: &Arc<Shared>) -> Progress {
        if !shared.session().caps.work_done_progress {
            return Progress { ongoing: None };
        }
        let token = NumberOrString::String(format!(
            "gongwen/index/{}",
            shared.index_generation.load(Ordering::SeqCst)
        ));
        let created = tokio::time::timeout(
            CLIENT_TIMEOUT,
            shared.client.create_work_done_progress(token.clone()),
        )
        .await;
        if !matches!(created, Ok(Ok(()))) {
            return Progress { ongoing: None };
        }
        let title = if read(&shared.settings).english {
            "Indexing the archive"
        } else {
            "正在索引档案"
        };
        let ongoing = shared
            .client
            .progress(token, title)
            .with_percentage(0)
            .begin()
            .await;
        Progress {
            ongoing: Some(ongoing),
        }
    }

    /// Reports `done/total` files.
    async fn report(&self, done: usize, total: usize) {
        if let Some(ongoing) = &self.ongoing {
            let percentage = (done * 100).checked_div(total).unwrap_or(0) as u32;
            ongoing
                .report_with_message(format!("{done}/{total}"), percentage)
                .await;
        }
    }

    async fn end(self, documents: usize) {
        if let Some(ongoing) = self.ongoing {
            ongoing.finish_with_message(format!("{documents}")).await;
        }
    }
}

/// What happened to a file on disk.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FileChange {
    Changed,
    Deleted,
}

/// Updates the index for changed archive files: each is read again (or dropped), the other
/// summaries are kept, and the index is rebuilt from them. A `gongwen.toml` change reloads
/// the settings (and the whole index when they change what it holds).
pub async fn files_changed(shared: &Arc<Shared>, changes: Vec<(PathBuf, FileChange)>) {
    let (config, files): (Vec<_>, Vec<_>) = changes.into_iter().partition(|(path, _)| {
        path.file_name()
            .is_some_and(|n| n == crate::config::FILE_NAME)
    });
    if !config.is_empty() {
        crate::lsp::notifications::reload_settings(shared, None).await;
    }
    if files.is_empty() {
        return;
    }
    let _lock = shared.index_lock.lock().await;
    let index = read(&shared.index);
    let Some(archive) = index.archive.clone() else {
        // The first build is still running; it will read the files as they are now.
        return;
    };
    let settings = read(&shared.settings);
    let roots = index.roots.clone();
    let walk = settings.walk.clone();
    let updated =
        tokio::task::spawn_blocking(move || update(&archive, &roots, &walk, &files)).await;
    let Ok(Some((archive, changed))) = updated else {
        return;
    };
    shared.log(
        MessageType::INFO,
        format!(
            "gongwen: archive files changed, index updated: {}",
            changed.join(", ")
        ),
    );
    let archive = Arc::new(archive);
    write(
        &shared.index,
        Arc::new(IndexState {
            entries: entries(&archive),
            archive: Some(archive),
            ..(*index).clone()
        }),
    );
    send_status(shared).await;
    diagnostics::schedule_all(shared);
}

/// The index with the given files read again; `None` when none of them is an archive file.
fn update(
    archive: &Archive,
    roots: &[PathBuf],
    walk: &WalkOptions,
    files: &[(PathBuf, FileChange)],
) -> Option<(Archive, Vec<String>)> {
    let include = disk::walk::glob_set(&walk.include).ok()?;
    let exclude = disk::walk::glob_set(&walk.exclude).ok()?;
    let mut summaries = archive.summaries();
    let mut changed = Vec::new();
    for (path, change) in files {
        // The path as the index names it: the root as given joined with the path under it.
        let Some((root, relative)) = roots.iter().find_map(|root| {
            let relative = path
                .strip_prefix(root)
                .ok()
                .map(Path::to_path_buf)
                .or_else(|| {
                    canonical(path)
                        .strip_prefix(canonical(root))
                        .ok()
                        .map(Path::to_path_buf)
                })?;
            Some((root, relative))
        }) else {
            continue;
        };
        let name = disk::display_path(&root.join(&relative));
        let before = summaries.len();
        summaries.retain(|s| s.path != name);
        let known = summaries.len() != before;
        let wanted = include.is_match(&relative)
            && !exclude.is_match(&relative)
            && !disk::walk::is_ignored(root, &root.join(&relative));
        if *change == FileChange::Changed && wanted && path.is_file() {
            let size = std::fs::metadata(path).map(|m| m.len()).unwrap_or(0);
            if size <= walk.max_file_size
                && let Ok(text) = disk::read_text(path)
            {
                let doc = Document::parse(text.decoded.text, Format::from_path(&name));
                summaries.push(DocSummary::new(name.clone(), &doc));
                changed.push(name);
                continue;
            }
        }
        if known {
            changed.push(name);
        }
    }
    if changed.is_empty() {
        return None;
    }
    // By path, as the walk orders them within a root: the same archive gives the same ids.
    summaries.sort_by(|a, b| a.path.cmp(&b.path));
    Some((Archive::build(summaries), changed))
}

/// Watches the archive roots ourselves (the client cannot): events are gathered for a
/// moment, then the index is updated.
pub fn watch(shared: &Arc<Shared>) {
    use notify::{EventKind, RecursiveMode, Watcher};
    let roots = read(&shared.index).roots.clone();
    let mut roots = if roots.is_empty() {
        read(&shared.settings).archive_roots.clone()
    } else {
        roots
    };
    roots.extend(shared.session().workspace_folders);
    roots.sort();
    roots.dedup();
    let (tx, mut rx) = mpsc::unbounded_channel::<(PathBuf, FileChange)>();
    let watcher = notify::recommended_watcher(move |event: notify::Result<notify::Event>| {
        let Ok(event) = event else { return };
        let change = match event.kind {
            EventKind::Remove(_) => FileChange::Deleted,
            EventKind::Create(_) | EventKind::Modify(_) => FileChange::Changed,
            _ => return,
        };
        for path in event.paths {
            let change = if change == FileChange::Changed && !path.exists() {
                FileChange::Deleted
            } else {
                change
            };
            let _ = tx.send((path, change));
        }
    });
    let mut watcher = match watcher {
        Ok(watcher) => watcher,
        Err(err) => {
            shared.log(
                MessageType::WARNING,
                format!("gongwen: cannot watch the archive: {err}"),
            );
            return;
        }
    };
    for root in &roots {
        if let Err(err) = watcher.watch(root, RecursiveMode::Recursive) {
            shared.log(
                MessageType::WARNING,
                format!("gongwen: cannot watch {}: {err}", root.display()),
            );
        }
    }
    *lock(&shared.watcher) = Some(watcher);
    let shared = shared.clone();
    tokio::spawn(async move {
        while let Some(first) = rx.recv().await {
            let mut batch = vec![first];
            tokio::time::sleep(WATCH_BATCH).await;
            while let Ok(next) = rx.try_recv() {
                batch.push(next);
            }
            // The last event for a path wins.
            let mut last: Vec<(PathBuf, FileChange)> = Vec::new();
            for (path, change) in batch {
                last.retain(|(p, _)| p != &path);
                last.push((path, change));
            }
            files_changed(&shared, last).await;
        }
    });
}
