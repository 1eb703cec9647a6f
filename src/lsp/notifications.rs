//! Lifecycle and notifications: what the client tells the server. Each handler applies its
//! change synchronously; anything that waits on the client is spawned, with a timeout, so
//! that the stdio reader never waits on a handler that waits on the reader.

use std::path::PathBuf;
use std::sync::Arc;

use serde_json::{Value, json};
use tower_lsp_server::ls_types::{
    ConfigurationItem, DidChangeConfigurationParams, DidChangeTextDocumentParams,
    DidChangeWatchedFilesParams, DidCloseTextDocumentParams, DidOpenTextDocumentParams,
    FileChangeType, InitializeParams, MessageType, Registration, Uri,
};

use crate::config;
use crate::lsp::convert;
use crate::lsp::diagnostics::{self, DEBOUNCE};
use crate::lsp::documents::{Change, ChangeError};
use crate::lsp::index::{self, CLIENT_TIMEOUT, FileChange};
use crate::lsp::settings::Settings;
use crate::lsp::state::{ClientCaps, Session, Shared, canonical, lock, read, write};

/// Reads what `initialize` tells: encoding, workspace folders, client capabilities and
/// `initializationOptions`; the settings they give until the client's own are pulled.
pub fn initialize(shared: &Shared, params: &InitializeParams) {
    let caps = &params.capabilities;
    let general = caps.general.as_ref();
    let encoding = convert::negotiate(general.and_then(|g| g.position_encodings.as_deref()));
    let workspace = caps.workspace.as_ref();
    let watched = workspace.and_then(|w| w.did_change_watched_files.as_ref());
    let session = Session {
        encoding,
        workspace_folders: workspace_folders(params),
        caps: ClientCaps {
            configuration: workspace.and_then(|w| w.configuration).unwrap_or(false),
            did_change_configuration_dynamic: workspace
                .and_then(|w| w.did_change_configuration.as_ref())
                .and_then(|d| d.dynamic_registration)
                .unwrap_or(false),
            work_done_progress: caps
                .window
                .as_ref()
                .and_then(|w| w.work_done_progress)
                .unwrap_or(false),
            watched_files_dynamic: watched
                .and_then(|w| w.dynamic_registration)
                .unwrap_or(false),
            relative_patterns: watched
                .and_then(|w| w.relative_pattern_support)
                .unwrap_or(false),
            apply_edit: workspace.and_then(|w| w.apply_edit).unwrap_or(false),
            snippets: caps
                .text_document
                .as_ref()
                .and_then(|t| t.completion.as_ref())
                .and_then(|c| c.completion_item.as_ref())
                .and_then(|i| i.snippet_support)
                .unwrap_or(false),
        },
    };
    {
        let mut carriers = lock(&shared.carriers);
        carriers.init = params.initialization_options.clone();
        carriers.toml = read_toml(&session.workspace_folders);
    }
    write(&shared.session, session);
    resolve_settings(shared);
}

fn workspace_folders(params: &InitializeParams) -> Vec<PathBuf> {
    let mut folders: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)]
    if folders.is_empty()
        && let Some(root) = params.root_uri.as_ref().and_then(|u| u.to_file_path())
    {
        folders.push(root.into_owned());
    }
    folders
}

/// The `gongwen.toml` of the first workspace folder (or its nearest parent).
fn read_toml(folders: &[PathBuf]) -> Option<(PathBuf, String)> {
    let path = config::find_config(folders.first()?)?;
    let text = std::fs::read_to_string(&path).ok()?;
    Some((path, text))
}

/// Resolves the carriers into settings; true when what the index holds changed.
fn resolve_settings(shared: &Shared) -> bool {
    let folders = shared.session().workspace_folders;
    let settings = Settings::resolve(&lock(&shared.carriers), &folders);
    let old = read(&shared.settings);
    let reindex = old.archive_roots != settings.archive_roots
        || old.walk.include != settings.walk.include
        || old.walk.exclude != settings.walk.exclude
        || old.walk.max_file_size != settings.walk.max_file_size
        || old.min_documents() != settings.min_documents();
    write(&shared.settings, Arc::new(settings));
    reindex
}

/// After `initialized`: pull the client's settings, show configuration errors, watch the
/// archive, build the index. All spawned.
pub fn initialized(shared: &Arc<Shared>) {
    let shared = shared.clone();
    tokio::spawn(async move {
        pull_configuration(&shared).await;
        resolve_settings(&shared);
        show_errors(&shared).await;
        register(&shared).await;
        index::reindex(&shared, index::Reread::Changed);
    });
}

/// `workspace/configuration` for section `gongwen`, when the client has it.
async fn pull_configuration(shared: &Shared) {
    if !shared.session().caps.configuration {
        return;
    }
    let items = vec![ConfigurationItem {
        scope_uri: None,
        section: Some("gongwen".to_string()),
    }];
    match tokio::time::timeout(CLIENT_TIMEOUT, shared.client.configuration(items)).await {
        Ok(Ok(values)) => {
            let value = values.into_iter().next().filter(|v| !v.is_null());
            lock(&shared.carriers).client = value;
        }
        Ok(Err(err)) => shared.log(
            MessageType::WARNING,
            format!("gongwen: workspace/configuration failed: {}", err.message),
        ),
        Err(_) => shared.log(
            MessageType::WARNING,
            "gongwen: workspace/configuration timed out",
        ),
    }
}

/// Shows configuration errors not shown before (`window/showMessage`).
async fn show_errors(shared: &Shared) {
    let errors = read(&shared.settings).errors.clone();
    let new: Vec<String> = {
        let mut shown = lock(&shared.shown_errors);
        let new = errors
            .iter()
            .filter(|e| !shown.contains(e))
            .cloned()
            .collect();
        *shown = errors;
        new
    };
    for error in new {
        shared
            .client
            .show_message(
                MessageType::ERROR,
                format!("gongwen 配置错误（该项按默认值处理）：{error}"),
            )
            .await;
    }
}

/// Registers file watching (and configuration changes) with the client, or watches the
/// archive ourselves when the client cannot.
async fn register(shared: &Arc<Shared>) {
    let session = shared.session();
    let mut registrations = Vec::new();
    if session.caps.watched_files_dynamic {
        let settings = read(&shared.settings);
        let mut folders = settings.archive_roots.clone();
        folders.extend(session.workspace_folders.iter().cloned());
        folders.sort();
        folders.dedup();
        let watchers: Vec<Value> = folders
            .iter()
            .filter_map(|folder| {
                let uri = Uri::from_file_path(folder)?;
                Some(if session.caps.relative_patterns {
                    json!({"globPattern": {"baseUri": uri.as_str(), "pattern": "**/*"}})
                } else {
                    json!({"globPattern": format!("{}/**/*", folder.display())})
                })
            })
            .collect();
        registrations.push(Registration {
            id: "gongwen-watch".to_string(),
            method: "workspace/didChangeWatchedFiles".to_string(),
            register_options: Some(json!({ "watchers": watchers })),
        });
    } else {
        index::watch(shared);
    }
    if session.caps.did_change_configuration_dynamic {
        registrations.push(Registration {
            id: "gongwen-configuration".to_string(),
            method: "workspace/didChangeConfiguration".to_string(),
            register_options: None,
        });
    }
    if registrations.is_empty() {
        return;
    }
    let registered = tokio::time::timeout(
        CLIENT_TIMEOUT,
        shared.client.register_capability(registrations),
    )
    .await;
    if !matches!(registered, Ok(Ok(()))) {
        shared.log(
            MessageType::WARNING,
            "gongwen: the client refused file watching; watching the archive ourselves",
        );
        if session.caps.watched_files_dynamic {
            index::watch(shared);
        }
    }
}

/// Settings changed (the client's, or `gongwen.toml`): read them again; rebuild the index
/// if they change what it holds, else check the open documents again.
pub async fn reload_settings(shared: &Arc<Shared>, pushed: Option<Value>) {
    match pushed {
        Some(value) => lock(&shared.carriers).client = Some(value),
        None => pull_configuration(shared).await,
    }
    let folders = shared.session().workspace_folders;
    lock(&shared.carriers).toml = read_toml(&folders);
    let reindex = resolve_settings(shared);
    show_errors(shared).await;
    if reindex {
        index::reindex(shared, index::Reread::Changed);
    } else {
        diagnostics::schedule_all(shared);
    }
}

pub fn did_change_configuration(shared: &Arc<Shared>, params: DidChangeConfigurationParams) {
    // Clients that can be asked are asked (the pushed value may be partial or empty);
    // others push the settings, under `gongwen` or as the object itself.
    let pushed = if shared.session().caps.configuration {
        None
    } else {
        match params.settings {
            Value::Object(mut object) if object.contains_key("gongwen") => object.remove("gongwen"),
            Value::Null => None,
            other => Some(other),
        }
    };
    let shared = shared.clone();
    tokio::spawn(async move { reload_settings(&shared, pushed).await });
}

pub fn did_change_watched_files(shared: &Arc<Shared>, params: DidChangeWatchedFilesParams) {
    let changes: Vec<(PathBuf, FileChange)> = params
        .changes
        .into_iter()
        .filter_map(|event| {
            let path = event.uri.to_file_path()?.into_owned();
            let change = if event.typ == FileChangeType::DELETED {
                FileChange::Deleted
            } else {
                FileChange::Changed
            };
            Some((path, change))
        })
        .collect();
    let shared = shared.clone();
    tokio::spawn(async move { index::files_changed(&shared, changes).await });
}

pub fn did_open(shared: &Arc<Shared>, params: DidOpenTextDocumentParams) {
    let document = params.text_document;
    let path = document.uri.to_file_path().map(|p| canonical(&p));
    lock(&shared.docs).open(
        document.uri.as_str(),
        &document.text,
        document.version,
        &document.language_id,
        path,
    );
    diagnostics::schedule(shared, document.uri.as_str(), std::time::Duration::ZERO);
}

pub fn did_change(shared: &Arc<Shared>, params: DidChangeTextDocumentParams) {
    let uri = params.text_document.uri.as_str();
    let changes: Vec<Change> = params
        .content_changes
        .into_iter()
        .map(|c| Change {
            range: c
                .range
                .map(|r| (convert::text_pos(r.start), convert::text_pos(r.end))),
            text: c.text,
        })
        .collect();
    let encoding = shared.session().encoding;
    let applied = lock(&shared.docs).change(uri, params.text_document.version, &changes, encoding);
    match applied {
        Ok(_) => diagnostics::schedule(shared, uri, DEBOUNCE),
        Err(ChangeError::NotOpen) => shared.log(
            MessageType::WARNING,
            format!("gongwen: change to a document that is not open: {uri}"),
        ),
        Err(ChangeError::Stale { have, got }) => shared.log(
            MessageType::WARNING,
            format!("gongwen: change version {got} ignored, {uri} is at {have}"),
        ),
    }
}

pub fn did_close(shared: &Arc<Shared>, params: DidCloseTextDocumentParams) {
    let uri = params.text_document.uri;
    lock(&shared.docs).close(uri.as_str());
    lock(&shared.analyses).remove(uri.as_str());
    let shared = shared.clone();
    tokio::spawn(async move {
        shared
            .client
            .publish_diagnostics(uri, Vec::new(), None)
            .await
    });
}
