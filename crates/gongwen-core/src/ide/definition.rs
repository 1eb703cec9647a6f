//! Go to definition: an archive document opens at its title line; a directive the archive
//! only cites leads to the places that cite it.

use crate::archive::{Archive, DocId};
use crate::document::Document;
use crate::ide::{ArchiveLocation, resolve, subject_at_cursor};
use crate::text::TextRange;

/// Where a citation or 文号 leads.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Definition {
    /// The citation or 文号 the cursor is on.
    pub origin: TextRange,
    pub targets: Vec<ArchiveLocation>,
}

/// The definition of the citation or 文号 at `offset`; `None` when there is nothing there or
/// the archive does not know it.
pub fn definition(
    doc: &Document,
    archive: &Archive,
    exclude: Option<DocId>,
    offset: usize,
) -> Option<Definition> {
    let subject = subject_at_cursor(doc, offset)?;
    let d = resolve(archive, &subject, exclude)?;
    let directive = archive.directive(d);
    let mut targets: Vec<ArchiveLocation> = directive
        .docs
        .iter()
        .filter(|&&doc| Some(doc) != exclude)
        .map(|&doc| ArchiveLocation::title_of(archive, doc))
        .collect();
    if targets.is_empty() {
        targets = directive
            .cites
            .iter()
            .filter(|&&c| Some(archive.cite(c).doc) != exclude)
            .map(|&c| ArchiveLocation::cite(archive, c))
            .collect();
    }
    (!targets.is_empty()).then_some(Definition {
        origin: subject.range,
        targets,
    })
}
