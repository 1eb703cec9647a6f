//! gongwen-core: the text model, document parsing, archive index and rules of gongwen.
//!
//! Pure: no file I/O, no printing, no async runtime. Offsets are bytes into `&str`; the
//! language server converts to UTF-16 (or the negotiated encoding) at its border.
//!
//! ```
//! use gongwen_core::document::{Document, Format};
//!
//! let doc = Document::parse("根据《关于做好学习培训工作的通知》（先组发［2024］3号）要求。".to_string(), Format::Plain);
//! let citation = &doc.citations[0];
//! assert_eq!(citation.title, "关于做好学习培训工作的通知");
//! let number = &doc.doc_numbers[citation.doc_number.unwrap()].found.number;
//! assert_eq!(number.to_string(), "先组发〔2024〕3号");
//! ```

#![deny(clippy::print_stdout, clippy::print_stderr)]

pub mod archive;
pub mod completion;
pub mod config;
pub mod date;
pub mod diagnostic;
pub mod doc_number;
pub mod document;
pub mod ide;
pub mod kind;
pub mod normalize;
pub mod outline;
pub mod phrases;
pub mod rules;
pub mod text;
