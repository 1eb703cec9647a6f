//! Document links: each citation or 文号 that resolves to an archive file links to it.

use crate::archive::{Archive, DocId};
use crate::document::Document;
use crate::ide::{ArchiveLocation, resolve, subjects};
use crate::text::TextRange;

/// A link from a citation to the archive document it names.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Link {
    pub range: TextRange,
    pub target: ArchiveLocation,
    /// The target's title, for a tooltip.
    pub title: Option<String>,
}

/// The links of a document. Citations of directives the archive holds no text of do not
/// link (definition shows where they are cited).
pub fn links(doc: &Document, archive: &Archive, exclude: Option<DocId>) -> Vec<Link> {
    let mut out = Vec::new();
    for subject in subjects(doc) {
        let Some(d) = resolve(archive, &subject, exclude) else {
            continue;
        };
        let Some(&target) = archive
            .directive(d)
            .docs
            .iter()
            .find(|&&doc| Some(doc) != exclude)
        else {
            continue;
        };
        out.push(Link {
            range: subject.range,
            target: ArchiveLocation::title_of(archive, target),
            title: archive
                .doc(target)
                .meta
                .title
                .as_ref()
                .map(|t| t.value.clone()),
        });
    }
    out
}
