//! Editor queries: hover, definition, references, symbols, folding, links and inlay hints.
//!
//! Pure functions over a parsed [`Document`] and the [`Archive`]. Results are plain data:
//! byte ranges into the document, [`ArchiveLocation`]s (path and `archive::Position`, which
//! carries character, UTF-16 and byte columns) into archive files. The language server only
//! converts them; the tests here use small in-memory archives.
//!
//! Every query takes `exclude`, the queried document's own entry in the archive (when the
//! document is an archive file too): what the document says is never evidence about itself.

pub mod definition;
pub mod hover;
pub mod inlay;
pub mod links;
pub mod references;
pub mod symbols;

#[cfg(test)]
mod tests;

use crate::archive::{Archive, DirId, DocId, Position};
use crate::doc_number::DocNumber;
use crate::document::Document;
use crate::normalize::key;
use crate::text::TextRange;

/// A place in an archive file.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct ArchiveLocation {
    pub doc: DocId,
    pub path: String,
    pub position: Position,
}

impl ArchiveLocation {
    /// The title line of an archive document (its first line when no title was found).
    pub fn title_of(archive: &Archive, doc: DocId) -> ArchiveLocation {
        let archive_doc = archive.doc(doc);
        ArchiveLocation {
            doc,
            path: archive_doc.path.clone(),
            position: Position::line_start(archive_doc.meta.title_line.unwrap_or(0)),
        }
    }

    /// A citing place in the archive.
    pub fn cite(archive: &Archive, cite: crate::archive::CiteId) -> ArchiveLocation {
        let cite = archive.cite(cite);
        ArchiveLocation {
            doc: cite.doc,
            path: archive.doc(cite.doc).path.clone(),
            position: cite.position,
        }
    }
}

/// What a citation or a 文号 in a document names.
#[derive(Clone, Debug, PartialEq)]
pub struct Subject {
    /// The citation or 文号 as it sits in the document.
    pub range: TextRange,
    /// The full title (for a back-reference, the title it stands for), as written.
    pub title: Option<String>,
    pub title_key: Option<String>,
    pub number: Option<DocNumber>,
    /// The short form as written, for a back-reference that refers to nothing.
    pub unresolved_short: Option<String>,
    /// True when the cursor is on the 文号 part (hover and definition then follow the 文号).
    pub on_number: bool,
}

impl Subject {
    /// The text to look up when the archive does not know the subject.
    pub fn query(&self) -> String {
        match (&self.number, &self.title) {
            (Some(number), _) if self.on_number || self.title.is_none() => number.to_string(),
            (_, Some(title)) => title.clone(),
            (Some(number), None) => number.to_string(),
            (None, None) => self.unresolved_short.clone().unwrap_or_default(),
        }
    }

    /// How the subject is written in a card: `《title》（文号）`, `《title》` or the 文号.
    pub fn label(&self) -> String {
        match (&self.title, &self.number) {
            (Some(title), Some(number)) => format!("《{title}》（{number}）"),
            (Some(title), None) => format!("《{title}》"),
            (None, Some(number)) => number.to_string(),
            (None, None) => format!("《{}》", self.unresolved_short.as_deref().unwrap_or("")),
        }
    }
}

/// The citation or 文号 at `offset`: the innermost thing an editor's cursor can be on.
pub fn subject_at(doc: &Document, offset: usize) -> Option<Subject> {
    if let Some(citation) = doc.citation_at(offset) {
        let index = doc
            .citations
            .iter()
            .position(|c| std::ptr::eq(c, citation))
            .expect("a citation of the document");
        return Some(subject_of_citation(doc, index));
    }
    let mention = doc.doc_number_at(offset)?;
    Some(Subject {
        range: mention.found.range,
        title: None,
        title_key: None,
        number: Some(mention.found.number.clone()),
        unresolved_short: None,
        on_number: true,
    })
}

/// The subject of the document's `index`-th citation.
pub fn subject_of_citation(doc: &Document, index: usize) -> Subject {
    let citation = &doc.citations[index];
    let target = match (citation.is_back_reference, citation.refers_to) {
        (true, Some(i)) => Some(&doc.citations[i]),
        (true, None) => None,
        (false, _) => Some(citation),
    };
    // A back-reference stands for the earlier citation, 文号 included.
    let number = citation
        .doc_number
        .or_else(|| target.and_then(|t| t.doc_number))
        .map(|n| doc.doc_numbers[n].found.number.clone());
    Subject {
        range: citation.range,
        title: target.map(|t| t.title.clone()),
        title_key: target.map(|t| t.key.clone()),
        number,
        unresolved_short: target.is_none().then(|| citation.title.clone()),
        on_number: false,
    }
}

/// The subject at `offset`, knowing whether the cursor sits on an attached 文号.
pub fn subject_at_cursor(doc: &Document, offset: usize) -> Option<Subject> {
    let mut subject = subject_at(doc, offset)?;
    if subject.title.is_some()
        && let Some(citation) = doc.citation_at(offset)
        && let Some(n) = citation.doc_number
    {
        let number_range = doc.doc_numbers[n].found.range;
        let brackets = citation
            .number_brackets
            .map_or(number_range, |(open, close)| open.cover(close));
        subject.on_number = offset >= brackets.start().min(number_range.start());
    }
    Some(subject)
}

/// True when the archive has evidence for a directive other than `exclude`'s.
pub fn has_evidence(archive: &Archive, d: DirId, exclude: Option<DocId>) -> bool {
    let directive = archive.directive(d);
    directive.docs.iter().any(|&doc| Some(doc) != exclude)
        || directive
            .cites
            .iter()
            .any(|&c| Some(archive.cite(c).doc) != exclude)
}

/// The directive a subject names, if the archive knows it (evidence from `exclude` aside).
/// The cursor decides between title and 文号 when they disagree.
pub fn resolve(archive: &Archive, subject: &Subject, exclude: Option<DocId>) -> Option<DirId> {
    let by_number = || {
        subject.number.as_ref().and_then(|number| {
            archive
                .find_number(number, exclude)
                .into_iter()
                .map(|(d, _)| d)
                .find(|&d| has_evidence(archive, d, exclude))
        })
    };
    let by_title = || {
        subject.title_key.as_deref().and_then(|title_key| {
            let mut found: Vec<DirId> = archive
                .find_title_exact(title_key)
                .into_iter()
                .filter(|&d| has_evidence(archive, d, exclude))
                .collect();
            // Directives with a text first, then the best supported.
            found.sort_by_key(|&d| {
                let directive = archive.directive(d);
                (
                    directive.docs.is_empty(),
                    std::cmp::Reverse(directive.cites.len()),
                )
            });
            found.first().copied()
        })
    };
    if subject.on_number || subject.title_key.is_none() {
        by_number().or_else(by_title)
    } else {
        by_title().or_else(by_number)
    }
}

/// True when a subject in an open document names the same thing as `target` (resolved to
/// `directive`, if known).
pub(crate) fn same_subject(
    archive: &Archive,
    target: &Subject,
    directive: Option<DirId>,
    other: &Subject,
    exclude: Option<DocId>,
) -> bool {
    if let Some(d) = directive {
        let mut by_number = other.clone();
        by_number.on_number = true;
        let mut by_title = other.clone();
        by_title.on_number = false;
        if resolve(archive, &by_number, exclude) == Some(d)
            || resolve(archive, &by_title, exclude) == Some(d)
        {
            return true;
        }
    }
    let numbers = match (&target.number, &other.number) {
        (Some(a), Some(b)) => a == b || a.same_document(b),
        _ => false,
    };
    let titles = match (&target.title_key, &other.title_key) {
        (Some(a), Some(b)) => crate::archive::same_title(a, b),
        _ => false,
    };
    numbers || titles
}

/// Every subject of a document: its citations and its bare 文号, in text order.
pub fn subjects(doc: &Document) -> Vec<Subject> {
    let mut out: Vec<Subject> = (0..doc.citations.len())
        .map(|i| subject_of_citation(doc, i))
        .collect();
    for mention in doc.doc_numbers.iter().filter(|m| m.citation.is_none()) {
        out.push(Subject {
            range: mention.found.range,
            title: None,
            title_key: None,
            number: Some(mention.found.number.clone()),
            unresolved_short: None,
            on_number: true,
        });
    }
    out.sort_by_key(|s| (s.range.start, s.range.end));
    out
}

/// A title to show in little space: without the issuer before `关于`, cut at `max` chars.
pub fn short_title(title: &str, max: usize) -> String {
    let core = match title.find("关于") {
        Some(at) if at > 0 && title[..at].chars().count() <= 20 => &title[at..],
        _ => title,
    };
    if core.chars().count() <= max {
        return core.to_string();
    }
    let mut out: String = core.chars().take(max.saturating_sub(1)).collect();
    out.push('…');
    out
}

/// The key a user's query is matched with.
pub(crate) fn query_key(query: &str) -> String {
    key(query.trim().trim_start_matches('《').trim_end_matches('》'))
}
