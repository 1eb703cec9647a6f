//! Find references: every place that cites the directive under the cursor, in the archive
//! and in the documents open in the editor.

use crate::archive::{Archive, DocId};
use crate::document::Document;
use crate::ide::{ArchiveLocation, resolve, same_subject, subject_at_cursor, subjects};
use crate::text::TextRange;

/// A document open in the editor, with its own archive entry if it is an archive file.
#[derive(Clone, Copy, Debug)]
pub struct OpenDoc<'a> {
    pub doc: &'a Document,
    pub archive_entry: Option<DocId>,
}

/// A citing place.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Reference {
    /// In an archive file that is not open.
    Archive(ArchiveLocation),
    /// In the `doc`-th open document.
    Open { doc: usize, range: TextRange },
}

/// References of the citation or 文号 at `offset` in `open[current]`. Archive files that are
/// open are read from the editor, not from the index (which may be older). With
/// `include_declaration`, the archive documents that carry the directive come first.
pub fn references(
    archive: &Archive,
    open: &[OpenDoc<'_>],
    current: usize,
    offset: usize,
    include_declaration: bool,
) -> Vec<Reference> {
    let Some(this) = open.get(current) else {
        return Vec::new();
    };
    let Some(subject) = subject_at_cursor(this.doc, offset) else {
        return Vec::new();
    };
    let exclude = this.archive_entry;
    let directive = resolve(archive, &subject, exclude);
    let is_open = |doc: DocId| open.iter().any(|o| o.archive_entry == Some(doc));
    let mut out = Vec::new();
    if let Some(d) = directive {
        let directive = archive.directive(d);
        if include_declaration {
            out.extend(
                directive
                    .docs
                    .iter()
                    .filter(|&&doc| !is_open(doc))
                    .map(|&doc| Reference::Archive(ArchiveLocation::title_of(archive, doc))),
            );
        }
        out.extend(
            directive
                .cites
                .iter()
                .filter(|&&c| !is_open(archive.cite(c).doc))
                .map(|&c| Reference::Archive(ArchiveLocation::cite(archive, c))),
        );
    }
    for (i, open_doc) in open.iter().enumerate() {
        for other in subjects(open_doc.doc) {
            if same_subject(archive, &subject, directive, &other, exclude) {
                out.push(Reference::Open {
                    doc: i,
                    range: other.range,
                });
            }
        }
    }
    out
}
