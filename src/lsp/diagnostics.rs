//! Diagnostics: debounced, computed off the async threads, versioned, and dropped when the
//! document moved on while they were computed.

use std::sync::Arc;
use std::time::Duration;

use tower_lsp_server::ls_types::{MessageType, Uri};

use crate::lsp::convert;
use crate::lsp::state::{Analysis, Shared, guard, lock};

/// How long a document must stay unchanged before it is checked.
pub const DEBOUNCE: Duration = Duration::from_millis(200);

/// Documents up to this size are checked ahead, during the second half of the debounce.
const AHEAD_UP_TO: usize = 1 << 20;

/// Checks a document after `delay` if it has not changed by then, and publishes the
/// findings with the version they are for. Up to [`AHEAD_UP_TO`] bytes the check starts
/// halfway through the delay, so that the findings are ready when it ends (a keystroke in
/// the second half wastes one check); larger documents are checked after the whole delay.
/// One check runs at a time (`diagnostics_gate`).
pub fn schedule(shared: &Arc<Shared>, uri: &str, delay: Duration) {
    let Some(document) = shared.document(uri) else {
        return;
    };
    let generation = document.generation;
    let early = if document.len_bytes() <= AHEAD_UP_TO {
        delay / 2
    } else {
        delay
    };
    let shared = shared.clone();
    let uri = uri.to_string();
    tokio::spawn(async move {
        let current = || lock(&shared.docs).generation(&uri) == Some(generation);
        let started = tokio::time::Instant::now();
        tokio::time::sleep_until(started + early).await;
        if !current() {
            return;
        }
        let check = tokio::spawn(check(shared.clone(), uri.clone(), generation));
        tokio::time::sleep_until(started + delay).await;
        if !current() {
            return;
        }
        if let Ok(Some((analysis, diagnostics))) = check.await {
            publish(&shared, &uri, generation, analysis, diagnostics).await;
        }
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

/// The findings of one version of a document, as LSP diagnostics; `None` when the document
/// moved on before they were computed.
async fn check(
    shared: Arc<Shared>,
    uri: String,
    generation: u64,
) -> Option<(Arc<Analysis>, Vec<tower_lsp_server::ls_types::Diagnostic>)> {
    let current = || lock(&shared.docs).generation(&uri) == Some(generation);
    let _permit = shared.diagnostics_gate.acquire().await.ok()?;
    let document = shared.document(&uri)?;
    if document.generation != generation || !current() {
        return None;
    }
    let snapshot = shared.snapshot();
    let cached = lock(&shared.analyses)
        .get(&uri)
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
    match computed {
        Ok(Ok(result)) => Some(result),
        Ok(Err(err)) => {
            shared.log(MessageType::ERROR, err.message.to_string());
            None
        }
        Err(err) => {
            shared.log(
                MessageType::ERROR,
                format!("gongwen: diagnostics task failed: {err}"),
            );
            None
        }
    }
}

/// Sends the diagnostics of a version that is still the document's.
async fn publish(
    shared: &Arc<Shared>,
    uri: &str,
    generation: u64,
    analysis: Arc<Analysis>,
    diagnostics: Vec<tower_lsp_server::ls_types::Diagnostic>,
) {
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
