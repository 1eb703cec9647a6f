//! The one place where core data and LSP types meet: byte ranges ↔ LSP ranges in the
//! negotiated encoding, archive positions → locations, findings → diagnostics, and so on.

use std::collections::HashMap;
use std::path::Path;
use std::str::FromStr;

use gongwen_core::archive::Position as ArchivePosition;
use gongwen_core::completion::{
    Completion as CoreCompletion, CompletionKind as CoreCompletionKind,
    CompletionList as CoreCompletionList, snippet_to_text,
};
use gongwen_core::diagnostic::{Diagnostic as CoreDiagnostic, Edit, Severity};
use gongwen_core::ide::ArchiveLocation;
use gongwen_core::ide::hover::Hover as CoreHover;
use gongwen_core::ide::inlay::InlayHint as CoreInlayHint;
use gongwen_core::ide::links::Link;
use gongwen_core::ide::symbols::{ArchiveSymbol, DocSymbol};
use gongwen_core::text::TextRange;
use serde_json::json;
use tower_lsp_server::ls_types::{
    CompletionItem, CompletionItemKind, CompletionList, CompletionTextEdit, Diagnostic,
    DiagnosticSeverity, DocumentLink, DocumentSymbol, Documentation, FoldingRange,
    FoldingRangeKind, Hover, HoverContents, InlayHint, InlayHintLabel, InlayHintTooltip,
    InsertTextFormat, Location, MarkupContent, MarkupKind, NumberOrString, OneOf, Position,
    PositionEncodingKind, Range, SymbolKind, TextEdit, Uri, WorkspaceEdit, WorkspaceSymbol,
};

use crate::lsp::documents::{DocSnapshot, PositionEncoding, TextPos};

/// The encoding to use, from what the client offers: UTF-8, else UTF-32, else UTF-16.
pub fn negotiate(offered: Option<&[PositionEncodingKind]>) -> PositionEncoding {
    let offered = offered.unwrap_or_default();
    if offered.contains(&PositionEncodingKind::UTF8) {
        PositionEncoding::Utf8
    } else if offered.contains(&PositionEncodingKind::UTF32) {
        PositionEncoding::Utf32
    } else {
        PositionEncoding::Utf16
    }
}

pub fn encoding_kind(encoding: PositionEncoding) -> PositionEncodingKind {
    match encoding {
        PositionEncoding::Utf8 => PositionEncodingKind::UTF8,
        PositionEncoding::Utf16 => PositionEncodingKind::UTF16,
        PositionEncoding::Utf32 => PositionEncodingKind::UTF32,
    }
}

pub fn text_pos(position: Position) -> TextPos {
    TextPos::new(position.line, position.character)
}

pub fn position(pos: TextPos) -> Position {
    Position::new(pos.line, pos.character)
}

pub fn offset(doc: &DocSnapshot, position: Position, encoding: PositionEncoding) -> usize {
    doc.offset(text_pos(position), encoding)
}

/// An LSP range as a byte range (clamped; an inverted range is made empty at its start).
pub fn text_range(doc: &DocSnapshot, range: Range, encoding: PositionEncoding) -> TextRange {
    let start = offset(doc, range.start, encoding);
    let end = offset(doc, range.end, encoding).max(start);
    TextRange::new(start, end)
}

pub fn range(doc: &DocSnapshot, range: TextRange, encoding: PositionEncoding) -> Range {
    Range::new(
        position(doc.position(range.start(), encoding)),
        position(doc.position(range.end(), encoding)),
    )
}

/// A range in an archive file, from the columns the index kept.
pub fn archive_range(pos: &ArchivePosition, encoding: PositionEncoding) -> Range {
    let (start, end) = match encoding {
        PositionEncoding::Utf8 => (pos.start_byte, pos.end_byte),
        PositionEncoding::Utf16 => (pos.start_utf16, pos.end_utf16),
        PositionEncoding::Utf32 => (pos.start_char, pos.end_char),
    };
    Range::new(Position::new(pos.line, start), Position::new(pos.line, end))
}

/// The `file://` URI of a path.
pub fn file_uri(path: &str) -> Option<Uri> {
    Uri::from_file_path(Path::new(path))
}

pub fn location(target: &ArchiveLocation, encoding: PositionEncoding) -> Option<Location> {
    Some(Location::new(
        file_uri(&target.path)?,
        archive_range(&target.position, encoding),
    ))
}

pub fn severity(severity: Severity) -> DiagnosticSeverity {
    match severity {
        Severity::Error => DiagnosticSeverity::ERROR,
        Severity::Warning => DiagnosticSeverity::WARNING,
        Severity::Info => DiagnosticSeverity::INFORMATION,
        Severity::Hint => DiagnosticSeverity::HINT,
    }
}

/// A finding as an LSP diagnostic: code, source `gongwen`, the rule's name in `data`.
pub fn diagnostic(
    doc: &DocSnapshot,
    finding: &CoreDiagnostic,
    encoding: PositionEncoding,
    english: bool,
) -> Diagnostic {
    diagnostic_at(finding, range(doc, finding.range, encoding), english)
}

/// Many findings as LSP diagnostics, their positions found in one pass over the text.
pub fn diagnostics(
    doc: &DocSnapshot,
    findings: &[CoreDiagnostic],
    encoding: PositionEncoding,
    english: bool,
) -> Vec<Diagnostic> {
    let offsets: Vec<usize> = findings
        .iter()
        .flat_map(|f| [f.range.start(), f.range.end()])
        .collect();
    let positions = doc.positions(&offsets, encoding);
    findings
        .iter()
        .zip(positions.chunks_exact(2))
        .map(|(finding, at)| {
            let range = Range::new(position(at[0]), position(at[1]));
            diagnostic_at(finding, range, english)
        })
        .collect()
}

fn diagnostic_at(finding: &CoreDiagnostic, range: Range, english: bool) -> Diagnostic {
    let name = gongwen_core::rules::rule(finding.code).map_or("", |r| r.name);
    Diagnostic {
        range,
        severity: Some(severity(finding.severity)),
        code: Some(NumberOrString::String(finding.code.to_string())),
        code_description: None,
        source: Some("gongwen".to_string()),
        message: finding.message.get(english).to_string(),
        related_information: None,
        tags: None,
        data: Some(json!({ "name": name })),
    }
}

/// The core's completion items as LSP items: explicit text edits (Chinese has no word
/// boundaries a client could guess) and filter texts that start with the replaced text.
/// Snippets become their plain text for a client without snippet support.
pub fn completion_list(
    doc: &DocSnapshot,
    list: &CoreCompletionList,
    encoding: PositionEncoding,
    snippets: bool,
) -> CompletionList {
    CompletionList {
        is_incomplete: list.is_incomplete,
        items: list
            .items
            .iter()
            .map(|item| completion_item(doc, item, encoding, snippets))
            .collect(),
    }
}

pub fn completion_item(
    doc: &DocSnapshot,
    item: &CoreCompletion,
    encoding: PositionEncoding,
    snippets: bool,
) -> CompletionItem {
    let snippet = item.snippet && snippets;
    let new_text = if item.snippet && !snippets {
        snippet_to_text(&item.edit.text)
    } else {
        item.edit.text.clone()
    };
    CompletionItem {
        label: item.label.clone(),
        kind: Some(match item.kind {
            CoreCompletionKind::Title => CompletionItemKind::REFERENCE,
            CoreCompletionKind::DocNumber => CompletionItemKind::CONSTANT,
            CoreCompletionKind::Heading => CompletionItemKind::ENUM_MEMBER,
            CoreCompletionKind::Phrase => CompletionItemKind::TEXT,
            CoreCompletionKind::Skeleton => CompletionItemKind::SNIPPET,
        }),
        detail: Some(item.detail.clone()),
        documentation: item.documentation.as_ref().map(|d| {
            Documentation::MarkupContent(MarkupContent {
                kind: MarkupKind::PlainText,
                value: d.clone(),
            })
        }),
        sort_text: Some(item.sort_text.clone()),
        filter_text: Some(item.filter_text.clone()),
        insert_text_format: Some(if snippet {
            InsertTextFormat::SNIPPET
        } else {
            InsertTextFormat::PLAIN_TEXT
        }),
        text_edit: Some(CompletionTextEdit::Edit(TextEdit::new(
            range(doc, item.edit.range, encoding),
            new_text,
        ))),
        additional_text_edits: (!item.additional_edits.is_empty()).then(|| {
            item.additional_edits
                .iter()
                .map(|e| text_edit(doc, e, encoding))
                .collect()
        }),
        ..CompletionItem::default()
    }
}

pub fn text_edit(doc: &DocSnapshot, edit: &Edit, encoding: PositionEncoding) -> TextEdit {
    TextEdit::new(range(doc, edit.range, encoding), edit.text.clone())
}

pub fn workspace_edit(uri: &Uri, edits: Vec<TextEdit>) -> WorkspaceEdit {
    WorkspaceEdit {
        changes: Some(HashMap::from([(uri.clone(), edits)])),
        ..WorkspaceEdit::default()
    }
}

pub fn hover(
    doc: &DocSnapshot,
    found: &CoreHover,
    encoding: PositionEncoding,
    english: bool,
) -> Hover {
    Hover {
        contents: HoverContents::Markup(MarkupContent {
            kind: MarkupKind::Markdown,
            value: found.markdown(english),
        }),
        range: Some(range(doc, found.range, encoding)),
    }
}

pub fn workspace_symbol(
    symbol: &ArchiveSymbol,
    encoding: PositionEncoding,
) -> Option<WorkspaceSymbol> {
    Some(WorkspaceSymbol {
        name: match &symbol.number {
            Some(number) => format!("{}（{}）", symbol.title, number),
            None => symbol.title.clone(),
        },
        kind: if symbol.cited_only {
            SymbolKind::OBJECT
        } else {
            SymbolKind::FILE
        },
        tags: None,
        container_name: Some(symbol.location.path.clone()),
        location: OneOf::Left(location(&symbol.location, encoding)?),
        data: None,
    })
}

/// A link to an archive file, at the title's line (`#L12`, as VS Code opens it).
pub fn document_link(
    doc: &DocSnapshot,
    link: &Link,
    encoding: PositionEncoding,
) -> Option<DocumentLink> {
    let file = file_uri(&link.target.path)?;
    let target = Uri::from_str(&format!(
        "{}#L{}",
        file.as_str(),
        link.target.position.line + 1
    ))
    .ok()
    .unwrap_or(file);
    Some(DocumentLink {
        range: range(doc, link.range, encoding),
        target: Some(target),
        tooltip: link.title.clone(),
        data: None,
    })
}

pub fn inlay_hint(
    doc: &DocSnapshot,
    hint: &CoreInlayHint,
    encoding: PositionEncoding,
) -> InlayHint {
    InlayHint {
        position: position(doc.position(hint.offset, encoding)),
        label: InlayHintLabel::String(hint.label.clone()),
        kind: None,
        text_edits: None,
        tooltip: Some(InlayHintTooltip::String(hint.title.clone())),
        padding_left: Some(false),
        padding_right: Some(false),
        data: None,
    }
}

/// A heading and its children as a document symbol.
pub fn document_symbol(
    doc: &DocSnapshot,
    symbol: &DocSymbol,
    encoding: PositionEncoding,
) -> DocumentSymbol {
    let (kind, detail) = match symbol.level {
        None => (SymbolKind::MODULE, None),
        Some(level) => (
            match level {
                1 => SymbolKind::NAMESPACE,
                2 => SymbolKind::PACKAGE,
                3 => SymbolKind::CLASS,
                _ => SymbolKind::FIELD,
            },
            Some(["一级", "二级", "三级", "四级"][(level.clamp(1, 4) - 1) as usize].to_string()),
        ),
    };
    #[allow(deprecated)]
    DocumentSymbol {
        name: symbol.name.clone(),
        detail,
        kind,
        tags: None,
        deprecated: None,
        range: range(doc, symbol.range, encoding),
        selection_range: range(doc, symbol.selection, encoding),
        children: Some(
            symbol
                .children
                .iter()
                .map(|c| document_symbol(doc, c, encoding))
                .collect(),
        ),
    }
}

pub fn folding_range(start_line: usize, end_line: usize) -> FoldingRange {
    FoldingRange {
        start_line: start_line as u32,
        start_character: None,
        end_line: end_line as u32,
        end_character: None,
        kind: Some(FoldingRangeKind::Region),
        collapsed_text: None,
    }
}

/// The smallest edit turning `old` into `new`: one replacement between their common prefix
/// and common suffix (never splitting a character or a `\r\n`).
pub fn minimal_edit(old: &str, new: &str) -> Option<Edit> {
    if old == new {
        return None;
    }
    let (a, b) = (old.as_bytes(), new.as_bytes());
    let mut prefix = a.iter().zip(b).take_while(|(x, y)| x == y).count();
    while !old.is_char_boundary(prefix)
        || (prefix > 0 && a[prefix - 1] == b'\r' && a.get(prefix) == Some(&b'\n'))
    {
        prefix -= 1;
    }
    let max_suffix = a.len().min(b.len()) - prefix;
    let mut suffix = a
        .iter()
        .rev()
        .zip(b.iter().rev())
        .take(max_suffix)
        .take_while(|(x, y)| x == y)
        .count();
    while suffix > 0
        && (!old.is_char_boundary(a.len() - suffix)
            || !new.is_char_boundary(b.len() - suffix)
            || (a[a.len() - suffix] == b'\n'
                && a.len() > suffix
                && a[a.len() - suffix - 1] == b'\r'))
    {
        suffix -= 1;
    }
    Some(Edit::new(
        TextRange::new(prefix, a.len() - suffix),
        &new[prefix..b.len() - suffix],
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use gongwen_core::diagnostic::apply_edits;

    #[test]
    fn negotiation_prefers_utf8_then_utf32_else_utf16() {
        use PositionEncodingKind as K;
        assert_eq!(
            negotiate(Some(&[K::UTF16, K::UTF32, K::UTF8])),
            PositionEncoding::Utf8
        );
        assert_eq!(
            negotiate(Some(&[K::UTF16, K::UTF32])),
            PositionEncoding::Utf32
        );
        assert_eq!(negotiate(Some(&[K::UTF16])), PositionEncoding::Utf16);
        assert_eq!(negotiate(None), PositionEncoding::Utf16);
    }

    #[test]
    fn minimal_edits_reproduce_the_new_text() {
        for (old, new) in [
            ("同志们:大家好,今天", "同志们：大家好，今天"),
            ("甲\r\n乙", "甲\n乙"),
            ("甲\r\n乙", "甲\r\n\r\n乙"),
            ("", "全"),
            ("全", ""),
            ("𠀀，，好", "𠀀，好"),
            ("中发[2004]20号", "中发〔2004〕20号"),
        ] {
            let edit = minimal_edit(old, new).unwrap();
            assert_eq!(apply_edits(old, &[edit]).0, new, "{old:?} → {new:?}");
        }
        assert_eq!(minimal_edit("同", "同"), None);
    }
}
