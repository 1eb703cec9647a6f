//! Completion: what to offer at a place in a draft, as plain data the language server turns
//! into `CompletionItem`s.
//!
//! Contexts, tried in this order at the cursor:
//!
//! - an empty document: skeletons of the 15 statutory kinds (`skeletons`);
//! - after `《`: archive titles, most cited first, inserting `title》（文号）` (`titles`);
//! - after an issuer code (`国办发`) or its `〔`: 文号 with their titles (`numbers`);
//! - at the start of a line: the next heading number of the levels in use (`headings`);
//! - while typing Chinese: phrasings whose beginning matches the typed tail (`phrasings`).
//!
//! Chinese has no spaces between words, so an editor cannot tell where the word being
//! completed starts. Every item therefore carries an explicit edit: the byte range it
//! replaces (the typed tail: always ending at the cursor, on the cursor's line, the same
//! range for every item of one context) and the new text. Its filter text starts with the
//! replaced text, so that VS Code's and Neovim's client-side filtering, which compare the
//! replaced text with the filter text, keep the item.

mod headings;
mod numbers;
mod phrasings;
mod skeletons;
mod titles;

use crate::archive::{Archive, DocId};
use crate::config::ThirdLevel;
use crate::diagnostic::Edit;
use crate::document::Document;
use crate::phrases::{Contribution, PhraseIndex};
use crate::text::{TextRange, floor_char_boundary};

pub use skeletons::{SKELETONS, Skeleton, snippet_to_text};

/// What an item completes.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum CompletionKind {
    /// An archive title after `《`.
    Title,
    /// A 文号 after its issuer code.
    DocNumber,
    /// The next heading number.
    Heading,
    /// A 规范用语 mined from the archive or built in.
    Phrase,
    /// A document skeleton (a snippet).
    Skeleton,
}

/// One completion item.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Completion {
    /// What the menu shows.
    pub label: String,
    pub kind: CompletionKind,
    /// The range replaced (ending at the cursor) and the text put there (snippet syntax when
    /// `snippet`).
    pub edit: Edit,
    /// Edits elsewhere on accepting (the `（文号）` after an existing `》`).
    pub additional_edits: Vec<Edit>,
    /// Starts with the replaced text, as clients filter on it.
    pub filter_text: String,
    /// Orders the items as ranked (`0000`, `0001`, …).
    pub sort_text: String,
    /// One line shown beside the label.
    pub detail: String,
    /// More, shown when the item is selected.
    pub documentation: Option<String>,
    /// True when `edit.text` is a snippet with `${1:placeholders}`.
    pub snippet: bool,
}

/// The items for one request.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct CompletionList {
    pub items: Vec<Completion>,
    /// More would match than were returned: the client should ask again as the user types.
    pub is_incomplete: bool,
}

/// Options of a completion request.
#[derive(Clone, Copy, Debug)]
pub struct CompletionOptions<'a> {
    /// Details in English rather than Chinese.
    pub english: bool,
    /// The most items of one context.
    pub max_items: usize,
    /// The archive document that is the draft itself: its titles and citations are no
    /// evidence about itself.
    pub exclude_doc: Option<DocId>,
    /// The draft's own phrasings, when it is an archive document (see
    /// [`PhraseIndex::contribution`]).
    pub exclude_phrases: Option<&'a Contribution>,
    /// `numbering.third-level`: the dot of `1.` headings.
    pub third_level: ThirdLevel,
}

impl Default for CompletionOptions<'_> {
    fn default() -> Self {
        CompletionOptions {
            english: false,
            max_items: 50,
            exclude_doc: None,
            exclude_phrases: None,
            third_level: ThirdLevel::Either,
        }
    }
}

/// Characters that should make a client ask for completion (`《` for titles, `〔` for
/// 文号, `（` for headings); Chinese text itself is typed through an input method, which
/// clients treat as ordinary typing.
pub const TRIGGER_CHARACTERS: &[&str] = &["《", "〔", "［", "[", "（", "("];

/// The completion items at `offset` (a byte offset into `doc.text`).
///
/// `phrases` falls back to the built-in formulae when `None`.
pub fn complete(
    doc: &Document,
    offset: usize,
    archive: Option<&Archive>,
    phrases: Option<&PhraseIndex>,
    options: &CompletionOptions,
) -> CompletionList {
    let offset = floor_char_boundary(&doc.text, offset);
    let cursor = Cursor::new(doc, offset);
    if let Some(list) = skeletons::complete(doc, &cursor, options) {
        return list;
    }
    if let Some(context) = titles::context(&cursor) {
        return match archive {
            Some(archive) => titles::complete(&cursor, context, archive, options),
            None => CompletionList::default(),
        };
    }
    let mut list = CompletionList::default();
    if let Some(archive) = archive {
        numbers::complete(&cursor, archive, options, &mut list);
    }
    if !headings::complete(doc, &cursor, options, &mut list) {
        let phrases = phrases.unwrap_or(PhraseIndex::builtin());
        phrasings::complete(doc, &cursor, phrases, options, &mut list);
    }
    share_one_range(doc, &mut list);
    finish(list)
}

/// Makes every item replace the same range (the earliest start): Neovim uses the items'
/// common start as the start of the completed word, and falls back to its own idea of a
/// word (a whole run of Chinese characters) when they differ. An item that started later
/// gets the text in between in front of its new text and its filter text.
fn share_one_range(doc: &Document, list: &mut CompletionList) {
    let Some(start) = list.items.iter().map(|i| i.edit.range.start()).min() else {
        return;
    };
    for item in &mut list.items {
        let item_start = item.edit.range.start();
        if item_start > start {
            let between = &doc.text[start..item_start];
            item.edit.text = format!("{between}{}", item.edit.text);
            item.filter_text = format!("{between}{}", item.filter_text);
            item.edit.range = TextRange::new(start, item.edit.range.end());
        }
    }
}

/// Numbers the items in order.
fn finish(mut list: CompletionList) -> CompletionList {
    for (i, item) in list.items.iter_mut().enumerate() {
        item.sort_text = format!("{i:04}");
    }
    list
}

/// The cursor and its line.
pub(crate) struct Cursor<'a> {
    pub offset: usize,
    pub line: usize,
    /// Where the cursor's line starts.
    pub line_start: usize,
    /// The line's text before the cursor.
    pub before: &'a str,
    /// The line's text after the cursor.
    pub after: &'a str,
}

impl<'a> Cursor<'a> {
    fn new(doc: &'a Document, offset: usize) -> Cursor<'a> {
        let line = doc.lines.line_of(offset);
        let content = doc.lines.line(line).content;
        let at = offset.clamp(content.start(), content.end());
        Cursor {
            offset: at,
            line,
            line_start: content.start(),
            before: &doc.text[content.start()..at],
            after: &doc.text[at..content.end()],
        }
    }

    /// The range from `start` (a byte offset on the line) to the cursor.
    pub fn range_from(&self, start: usize) -> TextRange {
        TextRange::new(start, self.offset)
    }
}

/// `insert` if it starts with `typed`, else `typed` followed by `insert`: a filter text that
/// starts with what the client sees typed.
pub(crate) fn filter_text(typed: &str, insert: &str) -> String {
    if insert.starts_with(typed) {
        insert.to_string()
    } else {
        format!("{typed}{insert}")
    }
}

#[cfg(test)]
mod tests;
