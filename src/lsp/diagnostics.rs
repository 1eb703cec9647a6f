//! Diagnostics: debounced, computed off the async threads, versioned, and dropped when the
//! document moved on while they were computed.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{MessageType, Uri};

use crate::lsp::convert;
use crate::lsp::state::{Analysis, Shared, guard, lock};

/// How long a document must stay unchanged before it is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Checks a document after `delay` if it has not changed by then, and publishes the
/// findings with the version they are for.
pub fn schedule(shared: &Arc<Shared>, uri: &str, delay: Duration) {
    let Some(generation) = lock(&shared.docs).generation(uri) else {
        return;
    };
    let shared = shared.clone();
    let uri = uri.to_string();
    tokio::spawn(async move {
        if !delay.is_zero() {
            tokio::time::sleep(delay).await;
        }
        let current = || lock(&shared.docs).generation(&uri) == Some(generation);
        if !current() {
            return;
        }
        let Ok(_permit) = shared.diagnostics_gate.acquire().await else {
            return;
        };
        if !current() {
            return;
        }
        publish(&shared, &uri, generation).await;
    });
}

/// Re-checks every open document now (the index or the settings changed).
pub fn schedule_all(shared: &Arc<Shared>) {
    let uris: Vec<String> = lock(&shared.docs)
        .all()
        .into_iter()
        .map(|d| d.uri)
        .collect();
    for uri in uris {
        schedule(shared, &uri, Duration::ZERO);
    }
}

async fn publish(shared: &Arc<Shared>, uri: &str, generation: u64) {
    let Some(document) = shared.document(uri) else {
        return;
    };
    if document.generation != generation {
        return;
    }
    let snapshot = shared.snapshot();
    let cached = lock(&shared.analyses)
        .get(uri)
        .filter(|a| a.snapshot.generation == generation)
        .cloned();
    let computed = tokio::task::spawn_blocking(move || {
        guard("diagnostics", || {
            let analysis = cached.unwrap_or_else(|| Arc::new(Analysis::parse(document)));
            let findings = analysis.findings(&snapshot);
            let english = snapshot.settings.english;
            let diagnostics =
                convert::diagnostics(&analysis.snapshot, &findings, snapshot.encoding, english);
            (analysis, diagnostics)
        })
    })
    .await;
    let (analysis, diagnostics) = match computed {
        Ok(Ok(result)) => result,
        Ok(Err(err)) => {
            shared.log(MessageType::ERROR, err.message.to_string());
            return;
        }
        Err(err) => {
            shared.log(
                MessageType::ERROR,
                format!("gongwen: diagnostics task failed: {err}"),
            );
            return;
        }
    };
    // A result for an older text is dropped: the newer text has its own run scheduled.
    if lock(&shared.docs).generation(uri) != Some(generation) {
        return;
    }
    shared.store_analysis(&analysis);
    let Ok(uri) = uri.parse::<Uri>() else {
        return;
    };
    shared
        .client
        .publish_diagnostics(uri, diagnostics, Some(analysis.snapshot.version))
        .await;
}
