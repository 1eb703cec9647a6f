//! The document model: one text parsed once into lines, metadata, headings, 文号 and
//! citations. Parsing never fails; a document that makes no sense has empty parts.

mod citation;
mod heading;
mod lines;
mod meta;

pub use citation::{Citation, TitleMarks};
pub(crate) use heading::parse_token as heading_token;
pub use heading::{Heading, HeadingToken, OutlineBreak, OutlineBreakKind, canonical_token};
pub use lines::LineClass;
pub use meta::{Field, Metadata, Source};

use crate::doc_number::{DocNumberMatch, find_doc_numbers};
use crate::normalize::Shadow;
use crate::text::{LineIndex, TextRange};

/// How the text is marked up.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Format {
    #[default]
    Plain,
    Markdown,
}

impl Format {
    /// The format a file name implies (`.md`, `.markdown` → Markdown).
    pub fn from_path(path: &str) -> Format {
        let lower = path.to_ascii_lowercase();
        if lower.ends_with(".md") || lower.ends_with(".markdown") {
            Format::Markdown
        } else {
            Format::Plain
        }
    }
}

/// A parsed document. Every range is a byte range into `text`.
#[derive(Clone, Debug)]
pub struct Document {
    pub text: String,
    pub format: Format,
    pub lines: LineIndex,
    /// One class per line of `lines`.
    pub classes: Vec<LineClass>,
    /// Normalised twin of `text` (see `normalize::Shadow`).
    pub shadow: Shadow,
    pub meta: Metadata,
    pub headings: Vec<Heading>,
    /// Where heading numbering starts afresh (attachments, 第X条, Markdown headings).
    pub breaks: Vec<OutlineBreak>,
    /// Every 文号 in linted lines, in text order.
    pub doc_numbers: Vec<DocNumberMention>,
    /// Every `《title》`, with an attached 文号 where there is one, in text order.
    pub citations: Vec<Citation>,
    /// URLs, e-mail addresses, code spans and HTML comments: never linted.
    pub verbatim: Vec<TextRange>,
}

/// A 文号 found in the text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumberMention {
    pub found: DocNumberMatch,
    /// The citation it is attached to, as in `《title》（文号）`.
    pub citation: Option<usize>,
}

impl Document {
    pub fn parse(text: String, format: Format) -> Document {
        let lines = LineIndex::new(&text);
        let classes = lines::classify(&text, &lines, format);
        let shadow = Shadow::new(&text);
        let verbatim = verbatim_ranges(&text);
        let mut doc = Document {
            text,
            format,
            lines,
            classes,
            shadow,
            meta: Metadata::default(),
            headings: Vec::new(),
            breaks: Vec::new(),
            doc_numbers: Vec::new(),
            citations: Vec::new(),
            verbatim,
        };
        doc.doc_numbers = doc.find_numbers();
        doc.citations = citation::find(&doc);
        for (i, citation) in doc.citations.iter().enumerate() {
            if let Some(n) = citation.doc_number {
                doc.doc_numbers[n].citation = Some(i);
            }
        }
        let (headings, breaks) = heading::find(&doc);
        doc.headings = headings;
        doc.breaks = breaks;
        doc.meta = meta::extract(&doc);
        doc
    }

    /// The shadow (normalised) text.
    pub fn shadow_text(&self) -> &str {
        self.shadow.text(&self.text)
    }

    pub fn line_text(&self, line: usize) -> &str {
        &self.text[self.lines.line(line).content.range()]
    }

    /// True when the line's content is linted (body text, Markdown headings).
    pub fn is_linted_line(&self, line: usize) -> bool {
        self.classes.get(line).is_some_and(|c| c.is_linted())
    }

    /// True when `range` overlaps a URL, e-mail address, code span or comment.
    pub fn in_verbatim(&self, range: TextRange) -> bool {
        let i = self.verbatim.partition_point(|v| v.end <= range.start);
        self.verbatim
            .get(i)
            .is_some_and(|v| v.intersects(range) || (range.is_empty() && v.contains(range.start())))
    }

    /// Lines of the paragraph holding `line`: the line itself in plain text, the block
    /// between blank lines in Markdown.
    pub fn paragraph_of(&self, line: usize) -> std::ops::Range<usize> {
        if self.format == Format::Plain {
            return line..line + 1;
        }
        let is_break = |l: usize| !matches!(self.classes[l], LineClass::Body);
        if is_break(line) {
            return line..line + 1;
        }
        let mut start = line;
        while start > 0 && !is_break(start - 1) {
            start -= 1;
        }
        let mut end = line + 1;
        while end < self.classes.len() && !is_break(end) {
            end += 1;
        }
        start..end
    }

    /// The citation whose range holds `offset`.
    pub fn citation_at(&self, offset: usize) -> Option<&Citation> {
        self.citations.iter().find(|c| c.range.touches(offset))
    }

    /// The 文号 whose range holds `offset`.
    pub fn doc_number_at(&self, offset: usize) -> Option<&DocNumberMention> {
        self.doc_numbers
            .iter()
            .find(|n| n.found.range.touches(offset))
    }

    fn find_numbers(&self) -> Vec<DocNumberMention> {
        let shadow = self.shadow_text();
        find_doc_numbers(shadow)
            .into_iter()
            .filter_map(|mut found| {
                found.map_ranges(|r| self.shadow.range_to_original(r));
                let line = self.lines.line_of(found.range.start());
                (self.is_linted_line(line) && !self.in_verbatim(found.range)).then_some(
                    DocNumberMention {
                        found,
                        citation: None,
                    },
                )
            })
            .collect()
    }
}

/// URLs, e-mail addresses, Markdown code spans and HTML comments, in text order. Scanned by
/// hand from their fixed marks (`://`, `www.`, `@`, `` ` ``, `<!--`): a regex with word
/// boundaries costs more than the rest of parsing together.
fn verbatim_ranges(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let url_char = |b: u8| b.is_ascii_alphanumeric() || b"-._~:/?#[]@!$&*+,;=%".contains(&b);
    let forward = |mut i: usize, ok: &dyn Fn(u8) -> bool| {
        while i < bytes.len() && ok(bytes[i]) {
            i += 1;
        }
        i
    };
    for at in memchr::memmem::find_iter(bytes, b"://") {
        let mut start = at;
        while start > 0 && bytes[start - 1].is_ascii_alphabetic() {
            start -= 1;
        }
        if start < at {
            let end = trim_url_end(bytes, forward(at + 3, &url_char));
            out.push(TextRange::new(start, end));
        }
    }
    for at in memchr::memmem::find_iter(bytes, b"www.") {
        if at > 0
            && (bytes[at - 1].is_ascii_alphanumeric()
                || bytes[at - 1] == b'/'
                || bytes[at - 1] == b'.')
        {
            continue;
        }
        let end = trim_url_end(bytes, forward(at + 4, &url_char));
        if end > at + 5 {
            out.push(TextRange::new(at, end));
        }
    }
    let local = |b: u8| b.is_ascii_alphanumeric() || b"._%+-".contains(&b);
    let domain = |b: u8| b.is_ascii_alphanumeric() || b == b'.' || b == b'-';
    for at in memchr::memchr_iter(b'@', bytes) {
        let mut start = at;
        while start > 0 && local(bytes[start - 1]) {
            start -= 1;
        }
        let end = trim_url_end(bytes, forward(at + 1, &domain));
        let host = &text[at + 1..end];
        if start < at
            && host.contains('.')
            && host
                .rsplit('.')
                .next()
                .is_some_and(|tld| tld.len() >= 2 && tld.bytes().all(|b| b.is_ascii_alphabetic()))
        {
            out.push(TextRange::new(start, end));
        }
    }
    let mut ticks = memchr::memchr_iter(b'`', bytes).peekable();
    while let Some(open) = ticks.next() {
        let Some(&close) = ticks.peek() else { break };
        if !text[open..close].contains(['\n', '\r']) && close > open + 1 {
            out.push(TextRange::new(open, close + 1));
            ticks.next();
        }
    }
    for at in memchr::memmem::find_iter(bytes, b"<!--") {
        if let Some(len) = memchr::memmem::find(&bytes[at..], b"-->") {
            out.push(TextRange::new(at, at + len + 3));
        }
    }
    out.sort();
    out.dedup_by(|b, a| {
        if b.start < a.end {
            a.end = a.end.max(b.end);
            true
        } else {
            false
        }
    });
    out
}

/// Trailing sentence punctuation is not part of a URL.
fn trim_url_end(bytes: &[u8], mut end: usize) -> usize {
    while end > 0 && b".,;:!?)]".contains(&bytes[end - 1]) {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests;
