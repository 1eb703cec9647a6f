//! Byte ranges and line arithmetic.
//!
//! Everything inside the core speaks byte offsets into a `&str`. Lines end at `\n`, `\r\n`
//! or `\r`, exactly as LSP counts them (U+2028 and friends are not line breaks).

use std::ops::Range;

/// A half-open byte range `start..end` into a document's text.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct TextRange {
    pub start: u32,
    pub end: u32,
}

impl TextRange {
    pub fn new(start: usize, end: usize) -> TextRange {
        debug_assert!(start <= end, "inverted range {start}..{end}");
        TextRange {
            start: start as u32,
            end: end as u32,
        }
    }

    pub fn empty(at: usize) -> TextRange {
        TextRange::new(at, at)
    }

    pub fn start(self) -> usize {
        self.start as usize
    }

    pub fn end(self) -> usize {
        self.end as usize
    }

    pub fn len(self) -> usize {
        (self.end - self.start) as usize
    }

    pub fn is_empty(self) -> bool {
        self.start == self.end
    }

    pub fn range(self) -> Range<usize> {
        self.start()..self.end()
    }

    /// The range shifted right by `by` bytes.
    pub fn shift(self, by: usize) -> TextRange {
        TextRange::new(self.start() + by, self.end() + by)
    }

    pub fn contains(self, offset: usize) -> bool {
        self.start() <= offset && offset < self.end()
    }

    /// Like `contains`, but also true at the end offset (a cursor right after the range).
    pub fn touches(self, offset: usize) -> bool {
        self.start() <= offset && offset <= self.end()
    }

    pub fn contains_range(self, other: TextRange) -> bool {
        self.start <= other.start && other.end <= self.end
    }

    pub fn intersects(self, other: TextRange) -> bool {
        self.start < other.end && other.start < self.end
    }

    pub fn cover(self, other: TextRange) -> TextRange {
        TextRange {
            start: self.start.min(other.start),
            end: self.end.max(other.end),
        }
    }
}

impl From<Range<usize>> for TextRange {
    fn from(range: Range<usize>) -> TextRange {
        TextRange::new(range.start, range.end)
    }
}

/// One line: where it starts, where its content ends and where its line break ends.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Line {
    /// The line's text without the line break.
    pub content: TextRange,
    /// The line break (`\n`, `\r\n`, `\r`), empty on the last line.
    pub eol: TextRange,
}

/// Line starts of a text, for offset ↔ line/column conversion.
#[derive(Clone, Debug, Default)]
pub struct LineIndex {
    lines: Vec<Line>,
}

impl LineIndex {
    pub fn new(text: &str) -> LineIndex {
        let bytes = text.as_bytes();
        let mut lines = Vec::with_capacity(bytes.len() / 40 + 1);
        let mut start = 0;
        for pos in memchr::memchr2_iter(b'\n', b'\r', bytes) {
            if pos < start {
                // The `\n` of a `\r\n` pair, already consumed.
                continue;
            }
            let eol_end = if bytes[pos] == b'\r' && bytes.get(pos + 1) == Some(&b'\n') {
                pos + 2
            } else {
                pos + 1
            };
            lines.push(Line {
                content: TextRange::new(start, pos),
                eol: TextRange::new(pos, eol_end),
            });
            start = eol_end;
        }
        lines.push(Line {
            content: TextRange::new(start, bytes.len()),
            eol: TextRange::empty(bytes.len()),
        });
        LineIndex { lines }
    }

    /// Number of lines; a text ending in a line break has an empty last line.
    pub fn len(&self) -> usize {
        self.lines.len()
    }

    pub fn is_empty(&self) -> bool {
        self.lines.is_empty()
    }

    pub fn lines(&self) -> &[Line] {
        &self.lines
    }

    pub fn line(&self, line: usize) -> Line {
        self.lines[line.min(self.lines.len() - 1)]
    }

    /// The 0-based line holding `offset` (a line break belongs to its line).
    pub fn line_of(&self, offset: usize) -> usize {
        let offset = offset as u32;
        self.lines
            .partition_point(|line| line.eol.end <= offset)
            .min(self.lines.len() - 1)
    }

    /// 0-based line and 0-based column in Unicode scalar values.
    pub fn line_col(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.lines[line].content.start();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        (line, text[start..offset.max(start)].chars().count())
    }

    /// 0-based line and 0-based column in UTF-16 code units.
    pub fn line_col_utf16(&self, text: &str, offset: usize) -> (usize, usize) {
        let line = self.line_of(offset);
        let start = self.lines[line].content.start();
        let offset = floor_char_boundary(text, offset.min(text.len()));
        (
            line,
            text[start..offset.max(start)]
                .chars()
                .map(char::len_utf16)
                .sum(),
        )
    }

    /// Byte offset of a 0-based line and character column, clamped to the line's content.
    pub fn offset_of_char_col(&self, text: &str, line: usize, col: usize) -> usize {
        if line >= self.lines.len() {
            return text.len();
        }
        let content = self.lines[line].content;
        let slice = &text[content.range()];
        match slice.char_indices().nth(col) {
            Some((at, _)) => content.start() + at,
            None => content.end(),
        }
    }
}

/// The greatest char boundary at or below `offset`.
pub fn floor_char_boundary(text: &str, mut offset: usize) -> usize {
    if offset >= text.len() {
        return text.len();
    }
    while !text.is_char_boundary(offset) {
        offset -= 1;
    }
    offset
}

/// True for CJK ideographs (the Unified blocks and their extensions, and compatibility forms).
pub fn is_ideograph(c: char) -> bool {
    matches!(c as u32,
        0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0x20000..=0x2A6DF
        | 0x2A700..=0x2EBEF
        | 0x2EBF0..=0x2EE5F
        | 0x2F800..=0x2FA1F
        | 0x30000..=0x3134F
        | 0x31350..=0x323AF
    ) || c == '〇'
}

/// True for full-width punctuation of Chinese text (CJK Symbols and Punctuation, full-width
/// forms, general punctuation used as Chinese marks).
pub fn is_fullwidth_mark(c: char) -> bool {
    matches!(c as u32, 0x3000..=0x303F | 0xFF01..=0xFF0F | 0xFF1A..=0xFF20 | 0xFF3B..=0xFF40 | 0xFF5B..=0xFF65)
        || matches!(
            c,
            '“' | '”' | '‘' | '’' | '…' | '—' | '·' | '《' | '》' | '〈' | '〉'
        )
}

/// True when `c` belongs to Chinese text: an ideograph or a full-width mark.
pub fn is_cjk(c: char) -> bool {
    is_ideograph(c) || is_fullwidth_mark(c)
}

/// True for the whitespace that may indent a line: ASCII space, tab, U+3000.
pub fn is_indent(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn splits_on_lf_crlf_and_cr_but_not_u2028() {
        let text = "甲\r\n乙\r丙\n丁\u{2028}戊";
        let index = LineIndex::new(text);
        let contents: Vec<&str> = index
            .lines()
            .iter()
            .map(|l| &text[l.content.range()])
            .collect();
        assert_eq!(contents, ["甲", "乙", "丙", "丁\u{2028}戊"]);
        assert_eq!(index.line(0).eol.len(), 2);
        assert_eq!(index.line(1).eol.len(), 1);
    }

    #[test]
    fn trailing_line_break_makes_an_empty_last_line() {
        let index = LineIndex::new("一\n");
        assert_eq!(index.len(), 2);
        assert!(index.line(1).content.is_empty());
    }

    #[test]
    fn columns_count_chars_and_utf16_units() {
        let text = "第一行\n𠀀，，好";
        let index = LineIndex::new(text);
        let comma = text.find("，，").unwrap();
        assert_eq!(index.line_col(text, comma), (1, 1));
        assert_eq!(index.line_col_utf16(text, comma), (1, 2));
        assert_eq!(index.offset_of_char_col(text, 1, 1), comma);
        // A column past the end clamps to the line's end.
        assert_eq!(index.offset_of_char_col(text, 1, 99), text.len());
    }

    #[test]
    fn line_of_puts_line_breaks_on_their_line() {
        let text = "ab\r\ncd";
        let index = LineIndex::new(text);
        assert_eq!(index.line_of(2), 0);
        assert_eq!(index.line_of(3), 0);
        assert_eq!(index.line_of(4), 1);
        assert_eq!(index.line_of(99), 1);
    }
}
