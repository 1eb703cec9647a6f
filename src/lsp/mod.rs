//! `gongwen lsp`: the language server, over stdio.
//!
//! The routing table is the `LanguageServer` impl below: each method hands over to
//! `notifications` (the client tells) or `requests` (the client asks). State and the
//! handler model are in `state`; documents (ropey) in `documents`; every conversion between
//! core data and LSP types in `convert`; the index in the background in `index`; checking in
//! `diagnostics`; configuration in `settings`.

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod convert;
pub mod diagnostics;
pub mod documents;
pub mod index;
pub mod notifications;
pub mod requests;
pub mod settings;
pub mod state;
#[doc(hidden)]
pub mod testing;

use std::sync::Arc;

use serde_json::Value;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::ls_types::{
    CodeActionKind, CodeActionOptions, CodeActionParams, CodeActionProviderCapability,
    CodeActionResponse, CompletionOptions, CompletionParams, CompletionResponse,
    DidChangeConfigurationParams, DidChangeTextDocumentParams, DidChangeWatchedFilesParams,
    DidCloseTextDocumentParams, DidOpenTextDocumentParams, DocumentFormattingParams, DocumentLink,
    DocumentLinkOptions, DocumentLinkParams, DocumentSymbolParams, DocumentSymbolResponse,
    ExecuteCommandOptions, ExecuteCommandParams, FoldingRange, FoldingRangeParams,
    FoldingRangeProviderCapability, GotoDefinitionParams, GotoDefinitionResponse, Hover,
    HoverParams, HoverProviderCapability, InitializeParams, InitializeResult, InitializedParams,
    InlayHint, InlayHintParams, Location, OneOf, ReferenceParams, ServerCapabilities, ServerInfo,
    TextDocumentSyncCapability, TextDocumentSyncKind, TextDocumentSyncOptions, TextEdit,
    WorkDoneProgressOptions, WorkspaceSymbolParams, WorkspaceSymbolResponse,
};
use tower_lsp_server::{Client, ClientSocket, LanguageServer, LspService};

use crate::lsp::state::Shared;

/// How many messages tower-lsp handles at once. Its default (4) lets a few handlers that
/// wait on the client fill the queue and stop the stdio reader.
pub const CONCURRENCY: usize = 32;

/// The server: the routing table over the shared state.
pub struct Server {
    shared: Arc<Shared>,
}

/// Builds the service (for `run` and for in-process tests). `debug` adds hidden requests
/// for tests (`gongwen/debug/panic`).
pub fn service(debug: bool) -> (LspService<Server>, ClientSocket) {
    service_with(debug, crate::disk::cache::default_dir())
}

/// [`service`] with the archive cache in `cache` (`None`: no cache).
pub fn service_with(
    debug: bool,
    cache: Option<std::path::PathBuf>,
) -> (LspService<Server>, ClientSocket) {
    let builder = LspService::build(move |client: Client| Server {
        shared: Arc::new(Shared::new(client, debug, cache.clone())),
    });
    let builder = if debug {
        builder.custom_method("gongwen/debug/panic", Server::debug_panic)
    } else {
        builder
    };
    builder.finish()
}

/// Serves LSP on stdin/stdout until the client says `exit`.
pub fn run() -> std::process::ExitCode {
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(runtime) => runtime,
        Err(err) => {
            crate::cli::error(format!("cannot start the server: {err}"));
            return std::process::ExitCode::from(2);
        }
    };
    let debug = std::env::var("GONGWEN_LSP_DEBUG").is_ok_and(|v| v == "1");
    runtime.block_on(async {
        let (service, socket) = service(debug);
        tower_lsp_server::Server::new(tokio::io::stdin(), tokio::io::stdout(), socket)
            .concurrency_level(CONCURRENCY)
            .serve(service)
            .await;
    });
    // Blocking tasks (an index build) must not keep the process alive after `exit`.
    runtime.shutdown_background();
    std::process::ExitCode::SUCCESS
}

impl Server {
    async fn debug_panic(&self, params: Value) -> Result<Value> {
        requests::debug_panic(params).await
    }

    fn capabilities(&self) -> ServerCapabilities {
        let encoding = self.shared.session().encoding;
        ServerCapabilities {
            position_encoding: Some(convert::encoding_kind(encoding)),
            text_document_sync: Some(TextDocumentSyncCapability::Options(
                TextDocumentSyncOptions {
                    open_close: Some(true),
                    change: Some(TextDocumentSyncKind::INCREMENTAL),
                    ..TextDocumentSyncOptions::default()
                },
            )),
            hover_provider: Some(HoverProviderCapability::Simple(true)),
            definition_provider: Some(OneOf::Left(true)),
            references_provider: Some(OneOf::Left(true)),
            workspace_symbol_provider: Some(OneOf::Left(true)),
            document_symbol_provider: Some(OneOf::Left(true)),
            folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
            document_link_provider: Some(DocumentLinkOptions {
                resolve_provider: Some(false),
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            inlay_hint_provider: Some(OneOf::Left(true)),
            code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
                code_action_kinds: Some(vec![CodeActionKind::QUICKFIX, requests::FIX_ALL_KIND]),
                ..CodeActionOptions::default()
            })),
            document_formatting_provider: Some(OneOf::Left(true)),
            execute_command_provider: Some(ExecuteCommandOptions {
                commands: vec![
                    requests::COMMAND_REINDEX.to_string(),
                    requests::COMMAND_FIX_ALL.to_string(),
                ],
                work_done_progress_options: WorkDoneProgressOptions::default(),
            }),
            completion_provider: Some(CompletionOptions {
                trigger_characters: Some(
                    gongwen_core::completion::TRIGGER_CHARACTERS
                        .iter()
                        .map(|c| c.to_string())
                        .collect(),
                ),
                resolve_provider: Some(false),
                ..CompletionOptions::default()
            }),
            ..ServerCapabilities::default()
        }
    }
}

impl LanguageServer for Server {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        notifications::initialize(&self.shared, &params);
        Ok(InitializeResult {
            capabilities: self.capabilities(),
            server_info: Some(ServerInfo {
                name: "gongwen".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
            offset_encoding: None,
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        notifications::initialized(&self.shared);
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        notifications::did_open(&self.shared, params);
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        notifications::did_change(&self.shared, params);
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        notifications::did_close(&self.shared, params);
    }

    async fn did_change_configuration(&self, params: DidChangeConfigurationParams) {
        notifications::did_change_configuration(&self.shared, params);
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        notifications::did_change_watched_files(&self.shared, params);
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        requests::completion(&self.shared, params).await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        requests::hover(&self.shared, params).await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        requests::definition(&self.shared, params).await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        requests::references(&self.shared, params).await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<WorkspaceSymbolResponse>> {
        requests::symbol(&self.shared, params).await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        requests::document_symbol(&self.shared, params).await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        requests::folding_range(&self.shared, params).await
    }

    async fn document_link(&self, params: DocumentLinkParams) -> Result<Option<Vec<DocumentLink>>> {
        requests::document_link(&self.shared, params).await
    }

    async fn inlay_hint(&self, params: InlayHintParams) -> Result<Option<Vec<InlayHint>>> {
        requests::inlay_hint(&self.shared, params).await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        requests::code_action(&self.shared, params).await
    }

    async fn formatting(&self, params: DocumentFormattingParams) -> Result<Option<Vec<TextEdit>>> {
        requests::formatting(&self.shared, params).await
    }

    async fn execute_command(&self, params: ExecuteCommandParams) -> Result<Option<Value>> {
        requests::execute_command(&self.shared, params).await
    }
}
