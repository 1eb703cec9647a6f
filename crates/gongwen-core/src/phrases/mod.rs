//! 规范用语 (phrasings): formulae that recur across an archive's documents, such as
//! `现将有关事项通知如下：`, `特此通知。` or `各地区各部门各单位`, with how often, where and in
//! which kinds of document they are used; merged with a built-in table of formulae.
//!
//! - `segment`: jieba word segmentation of the shadow text (Traditional characters already
//!   simplified), with 文号, titles in `《》`, numbers and dates kept whole;
//! - `place`: where in a document a clause stands (opening, transition, body, closing);
//! - `mine`: the per-document extraction (run in the archive's parallel parse pass) and the
//!   exact, level-wise count of recurring word sequences;
//! - `index`: the resulting [`PhraseIndex`], searched by prefix for completion;
//! - `formulae`: the built-in table `data/formulae.tsv`.
//!
//! ```
//! use gongwen_core::document::{Document, Format};
//! use gongwen_core::phrases::PhraseIndex;
//!
//! let docs: Vec<Document> = ["甲", "乙", "丙"]
//!     .iter()
//!     .map(|who| {
//!         let text = format!("{who}单位：\n　　为做好{who}项工作，现就有关事项通知如下：\n　　一、提高认识。\n　　特此通知。\n");
//!         Document::parse(text, Format::Plain)
//!     })
//!     .collect();
//! let index = PhraseIndex::mine(&docs, 3);
//! let phrase = index.get("现就有关事项通知如下").unwrap();
//! assert_eq!(phrase.documents, 3);
//! assert_eq!(phrase.follow, Some('：'));
//! ```

mod formulae;
mod index;
mod mine;
mod place;
pub(crate) mod segment;

pub use formulae::{FORMULAE, Formula};
pub use index::{Contribution, KINDS, Phrase, PhraseIndex};
pub(crate) use index::{kind_code, kind_of_code};
pub use mine::{DocTokens, MAX_CHARS, MAX_PHRASES, MAX_WORDS, MIN_CHARS, PhraseMiner};
pub use place::Place;

#[cfg(test)]
mod tests;
