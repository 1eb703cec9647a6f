//! What the archive keeps of one document: metadata, an excerpt, a lead for content search
//! and its citations. The text itself is dropped after parsing.

use crate::doc_number::DocNumber;
use crate::document::{Document, Metadata};
use crate::normalize::key;
use crate::text::{TextRange, is_ideograph};

/// One archive document, reduced to what the index needs.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DocSummary {
    /// The path as the caller names it (a root given on the command line joined with the
    /// file's path under it).
    pub path: String,
    pub bytes: u64,
    pub meta: Metadata,
    /// First lines of the text proper, for hover cards.
    pub excerpt: String,
    /// Matching key of the title and the start of the text, for content search.
    pub lead: String,
    pub citations: Vec<CiteSummary>,
}

/// One citing place in an archive document.
#[derive(Clone, Debug)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct CiteSummary {
    pub position: Position,
    /// The cited title (for a back-reference, the full title it stands for).
    pub title: Option<String>,
    pub number: Option<DocNumber>,
    /// The sentence around the citation.
    pub snippet: String,
}

/// Where something sits in a file: 0-based line, columns in characters, in UTF-16 units and
/// in UTF-8 bytes (an editor may speak any of the three; the text is gone by then).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Position {
    pub line: u32,
    pub start_char: u32,
    pub end_char: u32,
    pub start_utf16: u32,
    pub end_utf16: u32,
    pub start_byte: u32,
    pub end_byte: u32,
}

impl Position {
    /// The start of a line (an archive document's title line, for instance).
    pub fn line_start(line: usize) -> Position {
        Position {
            line: line as u32,
            ..Position::default()
        }
    }

    pub fn of(doc: &Document, range: TextRange) -> Position {
        let (line, start_char) = doc.lines.line_col(&doc.text, range.start());
        let (_, start_utf16) = doc.lines.line_col_utf16(&doc.text, range.start());
        // A range that runs over a line break ends at the end of its first line.
        let line_end = doc.lines.line(line).content.end();
        let end = range.end().min(line_end);
        let (_, end_char) = doc.lines.line_col(&doc.text, end);
        let (_, end_utf16) = doc.lines.line_col_utf16(&doc.text, end);
        let line_start = doc.lines.line(line).content.start();
        Position {
            line: line as u32,
            start_char: start_char as u32,
            end_char: end_char as u32,
            start_utf16: start_utf16 as u32,
            end_utf16: end_utf16 as u32,
            start_byte: (range.start().max(line_start) - line_start) as u32,
            end_byte: (end.max(line_start) - line_start) as u32,
        }
    }
}

const EXCERPT_CHARS: usize = 160;
const LEAD_CHARS: usize = 400;
const SNIPPET_CHARS: usize = 60;

impl DocSummary {
    pub fn new(path: String, doc: &Document) -> DocSummary {
        let text_lines: Vec<usize> = (doc.meta.text_start..doc.lines.len())
            .filter(|&l| doc.classes[l].is_text())
            .collect();
        let mut excerpt = String::new();
        for &line in &text_lines {
            if excerpt.chars().count() >= EXCERPT_CHARS {
                break;
            }
            let text = doc.line_text(line).trim();
            if text.chars().filter(|c| is_ideograph(*c)).count() < 2 {
                continue;
            }
            if !excerpt.is_empty() {
                excerpt.push('\n');
            }
            excerpt.push_str(text);
        }
        if excerpt.chars().count() > EXCERPT_CHARS {
            excerpt = excerpt.chars().take(EXCERPT_CHARS).collect::<String>() + "…";
        }

        let mut lead = doc
            .meta
            .title
            .as_ref()
            .map(|t| key(&t.value))
            .unwrap_or_default();
        if let Some(carried) = &doc.meta.carried_title {
            lead.push_str(&key(&carried.value));
        }
        // The lead is the document's own words: what it cites is left out, or every
        // document citing a title would look like its text.
        let mut lead_chars = 0;
        let mut cited = doc.citations.iter().peekable();
        for &line in &text_lines {
            if lead_chars >= LEAD_CHARS {
                break;
            }
            let content = doc.lines.line(line).content;
            let mut own = String::new();
            let mut at = content.start();
            while let Some(c) = cited.peek() {
                if c.range.start() >= content.end() {
                    break;
                }
                if c.range.start() >= at {
                    own.push_str(&doc.text[at..c.range.start()]);
                }
                at = at.max(c.range.end());
                cited.next();
            }
            own.push_str(&doc.text[at.min(content.end())..content.end()]);
            let line_key = key(&own);
            lead_chars += line_key.chars().count();
            lead.push_str(&line_key);
        }

        DocSummary {
            path,
            bytes: doc.text.len() as u64,
            meta: doc.meta.clone(),
            excerpt,
            lead,
            citations: citations(doc),
        }
    }
}

/// Citations and bare 文号 of the text proper. The document's own 文号 line and the 版头
/// are not citations.
fn citations(doc: &Document) -> Vec<CiteSummary> {
    let in_text = |range: TextRange| doc.lines.line_of(range.start()) >= doc.meta.text_start;
    // A news item's lead (`…印发《关于…的通知》（江安委〔2023〕14号）`) may stand above the
    // 版头 of the directive it carries: its citation still counts.
    let carried_line = doc.meta.carried_title.as_ref().map(|f| f.line);
    let mut out = Vec::new();
    for citation in &doc.citations {
        let line = doc.lines.line_of(citation.range.start());
        if !in_text(citation.range) && Some(line) != carried_line {
            continue;
        }
        if citation.resolved_key(&doc.citations).is_none() {
            continue;
        }
        let title = match citation.refers_to {
            Some(i) if citation.is_back_reference => doc.citations[i].title.clone(),
            _ => citation.title.clone(),
        };
        let title = crate::normalize::to_simplified(&title);
        let number = citation
            .doc_number
            .map(|n| doc.doc_numbers[n].found.number.clone());
        out.push(CiteSummary {
            position: Position::of(doc, citation.range),
            title: Some(title),
            number,
            snippet: snippet(doc, citation.range),
        });
    }
    for mention in &doc.doc_numbers {
        if mention.citation.is_some() || !in_text(mention.found.range) {
            continue;
        }
        out.push(CiteSummary {
            position: Position::of(doc, mention.found.range),
            title: None,
            number: Some(mention.found.number.clone()),
            snippet: snippet(doc, mention.found.range),
        });
    }
    out.sort_by_key(|c| c.position);
    out
}

/// The sentence around `range`, cut to a readable length.
pub fn snippet(doc: &Document, range: TextRange) -> String {
    let line = doc.lines.line(doc.lines.line_of(range.start())).content;
    let text = &doc.text[line.range()];
    let start = range.start() - line.start();
    let end = range.end().min(line.end()) - line.start();
    let is_stop = |c: char| matches!(c, '。' | '！' | '？' | '；');
    let before: Vec<char> = text[..start].chars().collect();
    let mut from = before.len();
    while from > 0 && !is_stop(before[from - 1]) && before.len() - from < SNIPPET_CHARS {
        from -= 1;
    }
    let after: Vec<char> = text[end..].chars().collect();
    let mut to = 0;
    while to < after.len() && to < SNIPPET_CHARS {
        to += 1;
        if is_stop(after[to - 1]) {
            break;
        }
    }
    let mut out = String::new();
    if from > 0 && !is_stop(before[from - 1]) {
        out.push('…');
    }
    out.extend(&before[from..]);
    out.push_str(&text[start..end]);
    out.extend(&after[..to]);
    if to < after.len() && !is_stop(after[to - 1]) {
        out.push('…');
    }
    out.trim().to_string()
}
