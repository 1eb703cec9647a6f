//! Requests: each reads a snapshot, calls the core under [`guard`] and converts the result.
//! Cheap queries run on the async thread; those that may take a while on a long document
//! (checking, fixing, references over every open document) run in `spawn_blocking`.

use std::sync::Arc;

use gongwen_core::archive::{Archive, DocId};
use gongwen_core::completion::CompletionOptions;
use gongwen_core::ide;
use gongwen_core::ide::references::{OpenDoc, Reference};
use serde_json::Value;
use tower_lsp_server::jsonrpc::{self, Result};
use tower_lsp_server::ls_types::{
    ApplyWorkspaceEditParams, CodeAction, CodeActionKind, CodeActionOrCommand, CodeActionParams,
    CompletionParams, CompletionResponse, DocumentFormattingParams, DocumentLink,
    DocumentLinkParams, DocumentSymbolParams, DocumentSymbolResponse, ExecuteCommandParams,
    FoldingRange, FoldingRangeParams, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverParams, InlayHint, InlayHintParams, Location, MessageType, ReferenceParams, TextEdit, Uri,
    WorkspaceEdit, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};

use crate::lsp::convert;
use crate::lsp::index::{self, CLIENT_TIMEOUT};
use crate::lsp::state::{Analysis, Shared, Snapshot, format_of, guard, lock};

pub const FIX_ALL_KIND: CodeActionKind = CodeActionKind::new("source.fixAll.gongwen");
pub const RENUMBER_KIND: CodeActionKind = CodeActionKind::new("refactor.rewrite.renumber");
pub const COMMAND_REINDEX: &str = "gongwen.reindex";
pub const COMMAND_FIX_ALL: &str = "gongwen.fixAll";

/// Runs core work off the async threads, a panic becoming an error response.
async fn blocking<T: Send + 'static>(
    what: &'static str,
    f: impl FnOnce() -> T + Send + 'static,
) -> Result<T> {
    tokio::task::spawn_blocking(move || guard(what, f))
        .await
        .map_err(|_| jsonrpc::Error::internal_error())?
}

/// The archive for queries: `None` while the first index is being built (cards say so).
fn archive_for_hover(snap: &Snapshot) -> Option<Arc<Archive>> {
    match &snap.index.archive {
        Some(archive) => Some(archive.clone()),
        None if !snap.settings.archive_roots.is_empty() => None,
        None => Some(Arc::default()),
    }
}

/// Completion: titles, 文号, headings, skeletons and phrasings (see
/// `gongwen_core::completion`). Off the async threads: it segments the typed tail, and an
/// archive file's own phrasings are found once per text.
pub async fn completion(
    shared: &Shared,
    params: CompletionParams,
) -> Result<Option<CompletionResponse>> {
    let at = params.text_document_position;
    let Some(analysis) = shared.analysis(at.text_document.uri.as_str()).await? else {
        return Ok(None);
    };
    let snap = shared.snapshot();
    let snippets = shared.session().caps.snippets;
    blocking("completion", move || {
        let offset = convert::offset(&analysis.snapshot, at.position, snap.encoding);
        let exclude_doc = snap.index.entry(analysis.snapshot.path.as_deref());
        let phrases = snap.index.phrases.clone();
        let contribution = match (&phrases, exclude_doc) {
            (Some(phrases), Some(_)) => Some(analysis.contribution(phrases)),
            _ => None,
        };
        let config = snap.settings.config_for(analysis.snapshot.path.as_deref());
        let options = CompletionOptions {
            english: snap.settings.english,
            exclude_doc,
            exclude_phrases: contribution.as_deref(),
            third_level: config.third_level,
            ..CompletionOptions::default()
        };
        let list = gongwen_core::completion::complete(
            &analysis.doc,
            offset,
            snap.index.archive.as_deref(),
            phrases.as_deref(),
            &options,
        );
        Some(CompletionResponse::List(convert::completion_list(
            &analysis.snapshot,
            &list,
            snap.encoding,
            snippets,
        )))
    })
    .await
}

/// What a request on an open document asks of the archive with: the document's analysis,
/// the snapshot, the archive, and the document's own archive entry (never evidence about
/// itself).
struct ArchiveQuery {
    analysis: Arc<Analysis>,
    snap: Snapshot,
    archive: Arc<Archive>,
    exclude: Option<DocId>,
}

/// `None` when the document is not open or there is no archive (yet).
async fn archive_query(shared: &Shared, uri: &Uri) -> Result<Option<ArchiveQuery>> {
    let Some(analysis) = shared.analysis(uri.as_str()).await? else {
        return Ok(None);
    };
    let snap = shared.snapshot();
    let Some(archive) = snap.index.archive.clone() else {
        return Ok(None);
    };
    let exclude = snap.index.entry(analysis.snapshot.path.as_deref());
    Ok(Some(ArchiveQuery {
        analysis,
        snap,
        archive,
        exclude,
    }))
}

pub async fn hover(shared: &Shared, params: HoverParams) -> Result<Option<Hover>> {
    let at = params.text_document_position_params;
    let Some(analysis) = shared.analysis(at.text_document.uri.as_str()).await? else {
        return Ok(None);
    };
    let snap = shared.snapshot();
    let offset = convert::offset(&analysis.snapshot, at.position, snap.encoding);
    let archive = archive_for_hover(&snap);
    let exclude = snap.index.entry(analysis.snapshot.path.as_deref());
    guard("hover", || {
        ide::hover::hover(&analysis.doc, archive.as_deref(), exclude, offset).map(|found| {
            convert::hover(
                &analysis.snapshot,
                &found,
                snap.encoding,
                snap.settings.english,
            )
        })
    })
}

pub async fn definition(
    shared: &Shared,
    params: GotoDefinitionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let at = params.text_document_position_params;
    let Some(q) = archive_query(shared, &at.text_document.uri).await? else {
        return Ok(None);
    };
    let offset = convert::offset(&q.analysis.snapshot, at.position, q.snap.encoding);
    guard("definition", || {
        let found = ide::definition::definition(&q.analysis.doc, &q.archive, q.exclude, offset)?;
        let locations: Vec<Location> = found
            .targets
            .iter()
            .filter_map(|t| convert::location(t, q.snap.encoding))
            .collect();
        Some(GotoDefinitionResponse::Array(locations))
    })
}

pub async fn references(shared: &Shared, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
    let at = params.text_document_position;
    let uri = at.text_document.uri.as_str().to_string();
    let Some(current) = shared.analysis(&uri).await? else {
        return Ok(None);
    };
    // Every open document, parsed.
    let uris: Vec<String> = lock(&shared.docs)
        .all()
        .into_iter()
        .map(|d| d.uri)
        .collect();
    let mut open: Vec<Arc<Analysis>> = vec![current];
    for other in uris.iter().filter(|u| **u != uri) {
        if let Some(analysis) = shared.analysis(other).await? {
            open.push(analysis);
        }
    }
    let snap = shared.snapshot();
    let archive = snap.index.archive_or_empty();
    let include_declaration = params.context.include_declaration;
    blocking("references", move || {
        let offset = convert::offset(&open[0].snapshot, at.position, snap.encoding);
        let docs: Vec<OpenDoc<'_>> = open
            .iter()
            .map(|a| OpenDoc {
                doc: &a.doc,
                archive_entry: snap.index.entry(a.snapshot.path.as_deref()),
            })
            .collect();
        let found = ide::references::references(&archive, &docs, 0, offset, include_declaration);
        let locations: Vec<Location> = found
            .iter()
            .filter_map(|r| match r {
                Reference::Archive(target) => convert::location(target, snap.encoding),
                Reference::Open { doc, range } => {
                    let snapshot = &open[*doc].snapshot;
                    Some(Location::new(
                        snapshot.uri.parse().ok()?,
                        convert::range(snapshot, *range, snap.encoding),
                    ))
                }
            })
            .collect();
        Some(locations)
    })
    .await
}

pub async fn symbol(
    shared: &Shared,
    params: WorkspaceSymbolParams,
) -> Result<Option<WorkspaceSymbolResponse>> {
    let snap = shared.snapshot();
    let Some(archive) = snap.index.archive.clone() else {
        return Ok(None);
    };
    guard("workspace/symbol", || {
        let found = ide::symbols::workspace_symbols(&archive, &params.query, 100);
        let symbols = found
            .iter()
            .filter_map(|s| convert::workspace_symbol(s, snap.encoding))
            .collect();
        Some(WorkspaceSymbolResponse::Nested(symbols))
    })
}

pub async fn document_link(
    shared: &Shared,
    params: DocumentLinkParams,
) -> Result<Option<Vec<DocumentLink>>> {
    let Some(q) = archive_query(shared, &params.text_document.uri).await? else {
        return Ok(None);
    };
    guard("documentLink", || {
        let found = ide::links::links(&q.analysis.doc, &q.archive, q.exclude);
        Some(
            found
                .iter()
                .filter_map(|l| convert::document_link(&q.analysis.snapshot, l, q.snap.encoding))
                .collect(),
        )
    })
}

pub async fn inlay_hint(
    shared: &Shared,
    params: InlayHintParams,
) -> Result<Option<Vec<InlayHint>>> {
    let Some(q) = archive_query(shared, &params.text_document.uri).await? else {
        return Ok(None);
    };
    let range = convert::text_range(&q.analysis.snapshot, params.range, q.snap.encoding);
    guard("inlayHint", || {
        let found = ide::inlay::inlay_hints(&q.analysis.doc, &q.archive, q.exclude, range);
        Some(
            found
                .iter()
                .map(|h| convert::inlay_hint(&q.analysis.snapshot, h, q.snap.encoding))
                .collect(),
        )
    })
}

pub async fn document_symbol(
    shared: &Shared,
    params: DocumentSymbolParams,
) -> Result<Option<DocumentSymbolResponse>> {
    let Some(analysis) = shared.analysis(params.text_document.uri.as_str()).await? else {
        return Ok(None);
    };
    let encoding = shared.snapshot().encoding;
    guard("documentSymbol", || {
        let symbols = ide::symbols::document_symbols(&analysis.doc);
        Some(DocumentSymbolResponse::Nested(
            symbols
                .iter()
                .map(|s| convert::document_symbol(&analysis.snapshot, s, encoding))
                .collect(),
        ))
    })
}

pub async fn folding_range(
    shared: &Shared,
    params: FoldingRangeParams,
) -> Result<Option<Vec<FoldingRange>>> {
    let Some(analysis) = shared.analysis(params.text_document.uri.as_str()).await? else {
        return Ok(None);
    };
    guard("foldingRange", || {
        Some(
            ide::symbols::folding_ranges(&analysis.doc)
                .into_iter()
                .map(|(start, end)| convert::folding_range(start, end))
                .collect(),
        )
    })
}

/// What `gongwen fix` would make of the document now, as one minimal edit.
fn fix_all_edit(analysis: &Analysis, snap: &Snapshot) -> Option<TextEdit> {
    let config = snap.settings.config_for(analysis.snapshot.path.as_deref());
    let (fixed, _) =
        gongwen_core::rules::fix(&analysis.doc.text, format_of(&analysis.snapshot), &config);
    let edit = convert::minimal_edit(&analysis.doc.text, &fixed)?;
    Some(convert::text_edit(&analysis.snapshot, &edit, snap.encoding))
}

pub async fn formatting(
    shared: &Shared,
    params: DocumentFormattingParams,
) -> Result<Option<Vec<TextEdit>>> {
    let Some(analysis) = shared.analysis(params.text_document.uri.as_str()).await? else {
        return Ok(None);
    };
    let snap = shared.snapshot();
    blocking("formatting", move || {
        Some(fix_all_edit(&analysis, &snap).into_iter().collect())
    })
    .await
}

pub async fn code_action(
    shared: &Shared,
    params: CodeActionParams,
) -> Result<Option<Vec<CodeActionOrCommand>>> {
    let uri = params.text_document.uri.clone();
    let Some(analysis) = shared.analysis(uri.as_str()).await? else {
        return Ok(None);
    };
    let snap = shared.snapshot();
    let only = params.context.only.clone();
    let wants = move |kind: &CodeActionKind| {
        only.as_ref().is_none_or(|only| {
            only.iter().any(|o| {
                kind.as_str() == o.as_str()
                    || kind.as_str().starts_with(&format!("{}.", o.as_str()))
            })
        })
    };
    blocking("codeAction", move || {
        let english = snap.settings.english;
        let encoding = snap.encoding;
        let document = &analysis.snapshot;
        let range = convert::text_range(document, params.range, encoding);
        let mut actions = Vec::new();
        if wants(&CodeActionKind::QUICKFIX) {
            // One "ignore on this line" per code and line, after the fixes.
            let mut ignores: Vec<(usize, &str, tower_lsp_server::ls_types::Diagnostic)> =
                Vec::new();
            let findings = analysis.findings(&snap);
            for finding in findings.iter() {
                let hit = finding.range.intersects(range)
                    || (range.is_empty() && finding.range.touches(range.start()))
                    || (finding.range.is_empty() && range.touches(finding.range.start()));
                if !hit {
                    continue;
                }
                let diagnostic = convert::diagnostic(document, finding, encoding, english);
                let single = finding.fixes.len() == 1;
                for fix in &finding.fixes {
                    let edits = fix
                        .edits
                        .iter()
                        .map(|e| convert::text_edit(document, e, encoding))
                        .collect();
                    actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                        title: format!("{}（{}）", fix.title.get(english), finding.code),
                        kind: Some(CodeActionKind::QUICKFIX),
                        diagnostics: Some(vec![diagnostic.clone()]),
                        edit: Some(convert::workspace_edit(&uri, edits)),
                        is_preferred: Some(fix.safe && single),
                        ..CodeAction::default()
                    }));
                }
                let line = analysis.doc.lines.line_of(finding.range.start());
                if !ignores
                    .iter()
                    .any(|(l, code, _)| *l == line && *code == finding.code)
                {
                    ignores.push((line, finding.code, diagnostic));
                }
            }
            for (line, code, diagnostic) in ignores {
                let edit = gongwen_core::rules::suppression_edit(&analysis.doc, line, code);
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: if english {
                        format!("Ignore {code} on this line")
                    } else {
                        format!("在此行忽略 {code}（插入注释）")
                    },
                    kind: Some(CodeActionKind::QUICKFIX),
                    diagnostics: Some(vec![diagnostic]),
                    edit: Some(convert::workspace_edit(
                        &uri,
                        vec![convert::text_edit(document, &edit, encoding)],
                    )),
                    is_preferred: Some(false),
                    ..CodeAction::default()
                }));
            }
        }
        if wants(&RENUMBER_KIND) {
            let line = analysis.doc.lines.line_of(range.start());
            let edits = gongwen_core::outline::renumber_section(&analysis.doc, line);
            if !edits.is_empty() {
                let edits = edits
                    .iter()
                    .map(|e| convert::text_edit(document, e, encoding))
                    .collect();
                actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                    title: if english {
                        "Renumber this section".to_string()
                    } else {
                        "重新编号本节".to_string()
                    },
                    kind: Some(RENUMBER_KIND),
                    edit: Some(convert::workspace_edit(&uri, edits)),
                    ..CodeAction::default()
                }));
            }
        }
        if wants(&FIX_ALL_KIND)
            && let Some(edit) = fix_all_edit(&analysis, &snap)
        {
            actions.push(CodeActionOrCommand::CodeAction(CodeAction {
                title: if english {
                    "Fix all safe issues in this file".to_string()
                } else {
                    "修复本文件中所有可安全修复的问题".to_string()
                },
                kind: Some(FIX_ALL_KIND),
                edit: Some(convert::workspace_edit(&uri, vec![edit])),
                ..CodeAction::default()
            }));
        }
        Some(actions)
    })
    .await
}

pub async fn execute_command(
    shared: &Arc<Shared>,
    params: ExecuteCommandParams,
) -> Result<Option<Value>> {
    match params.command.as_str() {
        COMMAND_REINDEX => {
            index::reindex(shared, index::Reread::All);
            Ok(None)
        }
        COMMAND_FIX_ALL => {
            let uri = params
                .arguments
                .first()
                .and_then(|a| match a {
                    Value::String(s) => Some(s.clone()),
                    Value::Object(o) => o.get("uri").and_then(Value::as_str).map(str::to_string),
                    _ => None,
                })
                .and_then(|s| s.parse::<Uri>().ok())
                .ok_or_else(|| {
                    jsonrpc::Error::invalid_params("gongwen.fixAll takes a document URI")
                })?;
            let Some(analysis) = shared.analysis(uri.as_str()).await? else {
                return Err(jsonrpc::Error::invalid_params(format!(
                    "{} is not open",
                    uri.as_str()
                )));
            };
            let snap = shared.snapshot();
            let version = analysis.snapshot.version;
            let edit = blocking("gongwen.fixAll", move || fix_all_edit(&analysis, &snap)).await?;
            let Some(edit) = edit else {
                return Ok(None);
            };
            let shared = shared.clone();
            // Applied by the client, which answers on the stdio reader: never awaited here.
            tokio::spawn(async move {
                let params = ApplyWorkspaceEditParams {
                    label: Some("gongwen: fix all".to_string()),
                    edit: WorkspaceEdit {
                        document_changes: Some(tower_lsp_server::ls_types::DocumentChanges::Edits(vec![
                            tower_lsp_server::ls_types::TextDocumentEdit {
                                text_document:
                                    tower_lsp_server::ls_types::OptionalVersionedTextDocumentIdentifier {
                                        uri,
                                        version: Some(version),
                                    },
                                edits: vec![tower_lsp_server::ls_types::OneOf::Left(edit)],
                            },
                        ])),
                        ..WorkspaceEdit::default()
                    },
                };
                let applied = tokio::time::timeout(
                    CLIENT_TIMEOUT,
                    shared
                        .client
                        .send_request::<tower_lsp_server::ls_types::request::ApplyWorkspaceEdit>(
                            params,
                        ),
                )
                .await;
                if !matches!(applied, Ok(Ok(ref r)) if r.applied) {
                    shared.log(
                        MessageType::WARNING,
                        "gongwen: the client did not apply the fixes",
                    );
                }
            });
            Ok(None)
        }
        other => Err(jsonrpc::Error::invalid_params(format!(
            "unknown command `{other}`"
        ))),
    }
}

/// `gongwen/debug/panic` (only with `GONGWEN_LSP_DEBUG=1` or in tests): a core call that
/// panics, to show that a panic becomes an error response.
pub async fn debug_panic(_params: Value) -> Result<Value> {
    guard("gongwen/debug/panic", || -> Value {
        panic!("requested by gongwen/debug/panic")
    })
}
