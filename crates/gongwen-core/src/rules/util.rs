//! Helpers shared by rules.

pub use crate::diagnostic::{Diagnostic, Edit, Fix, Message, Severity};
pub use crate::rules::{Ctx, Rule};
pub use crate::text::{TextRange, is_cjk, is_fullwidth_mark, is_ideograph};

use crate::document::Document;

/// Lines rules look at: (0-based line, content range, content).
pub fn linted_lines(doc: &Document) -> impl Iterator<Item = (usize, TextRange, &str)> {
    doc.lines
        .lines()
        .iter()
        .enumerate()
        .filter(|(i, _)| doc.is_linted_line(*i))
        .map(|(i, line)| (i, line.content, &doc.text[line.content.range()]))
}

/// The character before `offset`, if any.
pub fn char_before(text: &str, offset: usize) -> Option<char> {
    text[..offset].chars().next_back()
}

/// The character at `offset`, if any.
pub fn char_at(text: &str, offset: usize) -> Option<char> {
    text[offset..].chars().next()
}

/// "CJK context" for a mark at `range` inside `line` (the line's own text, offsets relative
/// to it): the character before or after is an ideograph or a full-width mark, or the mark
/// sits between CJK text and the line's end.
pub fn in_cjk_context(line: &str, start: usize, end: usize) -> bool {
    let before = char_before(line, start);
    let after = char_at(line, end);
    before.is_some_and(is_cjk)
        || after.is_some_and(is_cjk)
        || (after.is_none() && before.is_some_and(is_cjk))
}

/// True when the range must not be reported: inside a URL, e-mail address, code span or
/// comment.
pub fn is_verbatim(doc: &Document, range: TextRange) -> bool {
    doc.in_verbatim(range)
}

/// Byte length of a line's indentation: ASCII spaces, tabs, U+3000, no-break spaces and a
/// byte order mark.
pub fn indent_len(line: &str) -> usize {
    line.char_indices()
        .find(|&(_, c)| !(crate::text::is_indent(c) || c == '\u{feff}'))
        .map_or(line.len(), |(at, _)| at)
}

/// True for a table row drawn with pipes (`| 名称 | 数量 |`, `|---|---|`), as Markdown
/// writes tables.
pub fn is_table_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// The value of an ASCII or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Paragraphs made of linted lines, as 0-based line ranges: each line in plain text, each
/// block between blank lines in Markdown (see `Document::paragraph_of`).
pub fn linted_paragraphs(doc: &Document) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut line = 0;
    std::iter::from_fn(move || {
        while line < doc.lines.len() {
            if !doc.is_linted_line(line) {
                line += 1;
                continue;
            }
            let paragraph = doc.paragraph_of(line);
            line = paragraph.end.max(line + 1);
            return Some(paragraph);
        }
        None
    })
}

/// True when `offset` lies inside one of `ranges` (sorted by start, not overlapping).
pub fn in_sorted_ranges(ranges: &[TextRange], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end() <= offset);
    ranges.get(i).is_some_and(|r| r.contains(offset))
}

/// The character at `offset`, skipping ASCII spaces and tabs.
pub fn char_after_spaces(text: &str, offset: usize) -> Option<char> {
    text[offset..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .next()
}

/// True when `abs` lies inside the numbering token of a heading on `line` (`(一)`, `1）`):
/// N102 owns those characters.
pub fn in_heading_token(doc: &Document, line: usize, abs: usize) -> bool {
    let h = doc.headings.partition_point(|h| h.line < line);
    doc.headings[h..]
        .iter()
        .take_while(|h| h.line == line)
        .any(|h| h.token.contains(abs))
}
