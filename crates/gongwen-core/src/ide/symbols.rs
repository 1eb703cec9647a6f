//! Symbols: the heading tree of a document (document symbols and folding ranges), and the
//! archive searched by title words or 文号 (workspace symbols).

use crate::archive::{Archive, DirId};
use crate::doc_number::DocNumber;
use crate::document::Document;
use crate::ide::{ArchiveLocation, query_key};
use crate::normalize::key;
use crate::outline::{NodeKind, OutlineNode, outline};
use crate::text::TextRange;

/// A heading of the document, with the headings under it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocSymbol {
    /// The heading as written: token and title (`一、总体要求`, `第一章 总则`).
    pub name: String,
    /// 1–4 for numbered headings (`一、` `（一）` `1.` `（1）`); `None` for an outline break
    /// (`附件`, `第X章`, a Markdown heading).
    pub level: Option<u8>,
    /// From the heading's start to the end of its section's last line.
    pub range: TextRange,
    /// The token and title.
    pub selection: TextRange,
    pub children: Vec<DocSymbol>,
}

/// The heading tree as symbols.
pub fn document_symbols(doc: &Document) -> Vec<DocSymbol> {
    outline(doc)
        .iter()
        .map(|node| symbol_of(doc, node))
        .collect()
}

fn symbol_of(doc: &Document, node: &OutlineNode) -> DocSymbol {
    let selection = node.token.cover(node.title);
    let name = doc.text[selection.range()].trim().to_string();
    let name = if name.is_empty() {
        doc.line_text(node.line).trim().to_string()
    } else {
        name
    };
    let end = doc.lines.line(node.end_line.max(node.line)).content.end();
    DocSymbol {
        name,
        level: matches!(node.kind, NodeKind::Heading).then_some(node.level),
        range: TextRange::new(selection.start().min(end), end.max(selection.end())),
        selection,
        children: node.children.iter().map(|c| symbol_of(doc, c)).collect(),
    }
}

/// Sections that can fold: (first line, last line), 0-based, of every heading whose
/// section runs past its own line.
pub fn folding_ranges(doc: &Document) -> Vec<(usize, usize)> {
    fn walk(nodes: &[OutlineNode], out: &mut Vec<(usize, usize)>) {
        for node in nodes {
            if node.end_line > node.line {
                out.push((node.line, node.end_line));
            }
            walk(&node.children, out);
        }
    }
    let mut out = Vec::new();
    walk(&outline(doc), &mut out);
    out.sort();
    out
}

/// One archive directive found by a workspace symbol query.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveSymbol {
    pub title: String,
    pub number: Option<String>,
    /// The document's title line, or the first citing place of a directive known only from
    /// citations.
    pub location: ArchiveLocation,
    pub cited_only: bool,
}

/// Archive directives whose title contains the query's words (after normalisation) or whose
/// 文号 matches it, then fuzzy title matches; at most `limit`. An empty query lists the
/// archive's documents.
pub fn workspace_symbols(archive: &Archive, query: &str, limit: usize) -> Vec<ArchiveSymbol> {
    let query_key = query_key(query);
    let mut found: Vec<DirId> = Vec::new();
    let push = |d: DirId, found: &mut Vec<DirId>| {
        if !found.contains(&d) {
            found.push(d);
        }
    };
    if let Some(number) = DocNumber::parse(query) {
        for (d, _) in archive.find_number(&number, None) {
            push(d, &mut found);
        }
    }
    if query_key.is_empty() {
        for doc in &archive.docs {
            push(doc.directive, &mut found);
            if found.len() >= limit {
                break;
            }
        }
    } else {
        // 文号 written in part (`国办发〔2023`), in any bracket style.
        let number_key = key(query);
        for (d, directive) in archive.directives.iter().enumerate() {
            if found.len() >= limit * 4 {
                break;
            }
            let title_hit = directive.titles.iter().any(|t| t.key.contains(&query_key));
            let number_hit = directive
                .number
                .as_ref()
                .is_some_and(|n| key(&n.to_string()).contains(&number_key));
            if title_hit || number_hit {
                push(d as DirId, &mut found);
            }
        }
        // Titles with most of the query's words come first among the substring hits; fuzzy
        // matches follow.
        if found.len() < limit {
            for m in archive.lookup(query, limit) {
                push(m.directive, &mut found);
            }
        }
    }
    let mut out: Vec<ArchiveSymbol> = found
        .into_iter()
        .filter_map(|d| symbol(archive, d))
        .collect();
    // Documents before directives known only from citations, then shorter titles first.
    out.sort_by_key(|s| (s.cited_only, s.title.chars().count()));
    out.truncate(limit);
    out
}

fn symbol(archive: &Archive, d: DirId) -> Option<ArchiveSymbol> {
    let directive = archive.directive(d);
    let (location, cited_only) = match directive.docs.first() {
        Some(&doc) => (ArchiveLocation::title_of(archive, doc), false),
        None => (
            ArchiveLocation::cite(archive, *directive.cites.first()?),
            true,
        ),
    };
    let title = directive
        .docs
        .first()
        .and_then(|&doc| {
            archive
                .doc(doc)
                .meta
                .title
                .as_ref()
                .map(|t| t.value.clone())
        })
        .or_else(|| archive.display_title(d).map(str::to_string))
        .or_else(|| directive.number.as_ref().map(ToString::to_string))?;
    Some(ArchiveSymbol {
        title,
        number: directive.number.as_ref().map(ToString::to_string),
        location,
        cited_only,
    })
}
