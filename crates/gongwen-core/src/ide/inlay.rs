//! Inlay hints: after a bare 文号 (one not attached to a `《title》`), the short title the
//! archive gives it.

use crate::archive::{Archive, DocId};
use crate::document::Document;
use crate::ide::hover::directive_card;
use crate::ide::{Subject, resolve, short_title};
use crate::text::TextRange;

/// Longest short title shown, in characters.
pub const SHORT_TITLE_CHARS: usize = 24;

/// A hint placed at `offset`.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct InlayHint {
    /// Where the hint sits: right after the 文号.
    pub offset: usize,
    /// `《short title》`.
    pub label: String,
    /// The full title, for a tooltip.
    pub title: String,
}

/// Hints for the bare 文号 within `range`.
pub fn inlay_hints(
    doc: &Document,
    archive: &Archive,
    exclude: Option<DocId>,
    range: TextRange,
) -> Vec<InlayHint> {
    let mut out = Vec::new();
    for mention in &doc.doc_numbers {
        let found = &mention.found;
        if mention.citation.is_some() || !range.touches(found.range.end()) {
            continue;
        }
        let subject = Subject {
            range: found.range,
            title: None,
            title_key: None,
            number: Some(found.number.clone()),
            unresolved_short: None,
            on_number: true,
        };
        let Some(d) = resolve(archive, &subject, exclude) else {
            continue;
        };
        let Some(title) = directive_card(archive, d, exclude).title else {
            continue;
        };
        // `中发〔2004〕20号文件`: the hint goes after the 文号 itself.
        out.push(InlayHint {
            offset: found.range.end(),
            label: format!("《{}》", short_title(&title, SHORT_TITLE_CHARS)),
            title,
        });
    }
    out
}
