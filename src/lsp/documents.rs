//! The documents open in the editor, kept in ropes (the only module that knows ropey).
//!
//! Lines end at `\n`, `\r\n` and `\r` exactly as LSP and the core's `LineIndex` count them
//! (ropey is built with `cr_lines` and without `unicode_lines`, so U+2028 is no line break).
//! Columns are in the negotiated [`PositionEncoding`]; positions out of range clamp to the
//! end of their line or of the document, never panic.

use std::collections::HashMap;
use std::path::PathBuf;

use ropey::Rope;

/// How columns are counted on the wire.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum PositionEncoding {
    Utf8,
    #[default]
    Utf16,
    Utf32,
}

/// A line and a column in the negotiated encoding.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct TextPos {
    pub line: u32,
    pub character: u32,
}

impl TextPos {
    pub fn new(line: u32, character: u32) -> TextPos {
        TextPos { line, character }
    }
}

/// One edit of a `didChange`: a range (none for the whole text) and its new text.
#[derive(Clone, Debug)]
pub struct Change {
    pub range: Option<(TextPos, TextPos)>,
    pub text: String,
}

/// An open document.
#[derive(Clone, Debug)]
struct Entry {
    rope: Rope,
    version: i32,
    generation: u64,
    language_id: String,
    /// The file's canonical path, when the URI names a file.
    path: Option<PathBuf>,
}

/// The open documents, by URI string.
#[derive(Debug, Default)]
pub struct Documents {
    entries: HashMap<String, Entry>,
    /// Bumped on every open and change, so that "has this document moved on?" is one
    /// comparison even when a client reuses version numbers after a reopen.
    next_generation: u64,
}

/// Why a change was not applied.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ChangeError {
    NotOpen,
    /// The change's version is not newer than the document's.
    Stale {
        have: i32,
        got: i32,
    },
}

impl Documents {
    pub fn open(
        &mut self,
        uri: &str,
        text: &str,
        version: i32,
        language_id: &str,
        path: Option<PathBuf>,
    ) -> DocSnapshot {
        self.next_generation += 1;
        let entry = Entry {
            rope: Rope::from_str(text),
            version,
            generation: self.next_generation,
            language_id: language_id.to_string(),
            path,
        };
        let snapshot = DocSnapshot::of(uri, &entry);
        self.entries.insert(uri.to_string(), entry);
        snapshot
    }

    /// Applies the changes of one `didChange` in order (each range is in the text as left
    /// by the changes before it).
    pub fn change(
        &mut self,
        uri: &str,
        version: i32,
        changes: &[Change],
        encoding: PositionEncoding,
    ) -> Result<DocSnapshot, ChangeError> {
        let entry = self.entries.get_mut(uri).ok_or(ChangeError::NotOpen)?;
        if version <= entry.version {
            return Err(ChangeError::Stale {
                have: entry.version,
                got: version,
            });
        }
        for change in changes {
            match change.range {
                None => entry.rope = Rope::from_str(&change.text),
                Some((start, end)) => {
                    let start = char_of(&entry.rope, start, encoding);
                    let end = char_of(&entry.rope, end, encoding).max(start);
                    entry.rope.remove(start..end);
                    entry.rope.insert(start, &change.text);
                }
            }
        }
        entry.version = version;
        self.next_generation += 1;
        entry.generation = self.next_generation;
        Ok(DocSnapshot::of(uri, entry))
    }

    pub fn close(&mut self, uri: &str) -> bool {
        self.entries.remove(uri).is_some()
    }

    pub fn get(&self, uri: &str) -> Option<DocSnapshot> {
        self.entries
            .get(uri)
            .map(|entry| DocSnapshot::of(uri, entry))
    }

    /// The current generation of a document, `None` when it is closed.
    pub fn generation(&self, uri: &str) -> Option<u64> {
        self.entries.get(uri).map(|entry| entry.generation)
    }

    pub fn all(&self) -> Vec<DocSnapshot> {
        self.entries
            .iter()
            .map(|(uri, entry)| DocSnapshot::of(uri, entry))
            .collect()
    }
}

/// A document as it was at one moment: cheap to take (the rope is shared), safe to read
/// from any thread while the editor goes on typing.
#[derive(Clone, Debug)]
pub struct DocSnapshot {
    pub uri: String,
    pub version: i32,
    pub generation: u64,
    pub language_id: String,
    pub path: Option<PathBuf>,
    rope: Rope,
}

impl DocSnapshot {
    fn of(uri: &str, entry: &Entry) -> DocSnapshot {
        DocSnapshot {
            uri: uri.to_string(),
            version: entry.version,
            generation: entry.generation,
            language_id: entry.language_id.clone(),
            path: entry.path.clone(),
            rope: entry.rope.clone(),
        }
    }

    pub fn text(&self) -> String {
        self.rope.to_string()
    }

    pub fn len_bytes(&self) -> usize {
        self.rope.len_bytes()
    }

    /// The byte offset of a position, clamped: a column past the line's end is its end, a
    /// line past the last is the end of the text, a column inside a character is its start.
    pub fn offset(&self, pos: TextPos, encoding: PositionEncoding) -> usize {
        self.rope.char_to_byte(char_of(&self.rope, pos, encoding))
    }

    /// The position of a byte offset (clamped to the text; inside a character means its
    /// start).
    pub fn position(&self, offset: usize, encoding: PositionEncoding) -> TextPos {
        let rope = &self.rope;
        let offset = offset.min(rope.len_bytes());
        let char_idx = rope.byte_to_char(offset);
        let line = rope.char_to_line(char_idx);
        let line_start = rope.line_to_char(line);
        let character = match encoding {
            PositionEncoding::Utf8 => rope.char_to_byte(char_idx) - rope.line_to_byte(line),
            PositionEncoding::Utf16 => {
                rope.char_to_utf16_cu(char_idx) - rope.char_to_utf16_cu(line_start)
            }
            PositionEncoding::Utf32 => char_idx - line_start,
        };
        TextPos::new(line as u32, character as u32)
    }

    /// The positions of many byte offsets, as [`position`](Self::position) gives them, in
    /// one pass over the text (a check can report a thousand findings).
    pub fn positions(&self, offsets: &[usize], encoding: PositionEncoding) -> Vec<TextPos> {
        let len = self.rope.len_bytes();
        let mut order: Vec<usize> = (0..offsets.len()).collect();
        order.sort_unstable_by_key(|&i| offsets[i]);
        let mut out = vec![TextPos::default(); offsets.len()];
        let mut next = order.iter().peekable();
        let (mut line, mut column) = (0u32, 0u32);
        let mut after_cr = false;
        let mut base = 0;
        for chunk in self.rope.chunks() {
            for (at, c) in chunk.char_indices() {
                if next.peek().is_none() {
                    return out;
                }
                // A CR not followed by LF ends its line (CR LF ends after the LF).
                if after_cr && c != '\n' {
                    line += 1;
                    column = 0;
                }
                after_cr = c == '\r';
                let end = base + at + c.len_utf8();
                while let Some(&&i) = next.peek() {
                    if offsets[i].min(len) >= end {
                        break;
                    }
                    out[i] = TextPos::new(line, column);
                    next.next();
                }
                if c == '\n' {
                    line += 1;
                    column = 0;
                } else {
                    column += match encoding {
                        PositionEncoding::Utf8 => c.len_utf8(),
                        PositionEncoding::Utf16 => c.len_utf16(),
                        PositionEncoding::Utf32 => 1,
                    } as u32;
                }
            }
            base += chunk.len();
        }
        if after_cr {
            line += 1;
            column = 0;
        }
        for &i in next {
            out[i] = TextPos::new(line, column);
        }
        out
    }

    /// The position after the last character.
    pub fn end(&self, encoding: PositionEncoding) -> TextPos {
        self.position(self.rope.len_bytes(), encoding)
    }
}

/// The char index of a position, clamped.
fn char_of(rope: &Rope, pos: TextPos, encoding: PositionEncoding) -> usize {
    let line = pos.line as usize;
    if line >= rope.len_lines() {
        return rope.len_chars();
    }
    let start = rope.line_to_char(line);
    let end = content_end(rope, line);
    let column = pos.character as usize;
    match encoding {
        PositionEncoding::Utf32 => (start + column).min(end),
        PositionEncoding::Utf16 => {
            let base = rope.char_to_utf16_cu(start);
            let limit = rope.char_to_utf16_cu(end);
            rope.utf16_cu_to_char((base + column).min(limit))
        }
        PositionEncoding::Utf8 => {
            let base = rope.line_to_byte(line);
            let limit = rope.char_to_byte(end);
            rope.byte_to_char((base + column).min(limit))
        }
    }
}

/// The char index where a line's content ends (before its line break).
fn content_end(rope: &Rope, line: usize) -> usize {
    let next = if line + 1 < rope.len_lines() {
        rope.line_to_char(line + 1)
    } else {
        rope.len_chars()
    };
    let mut end = next;
    if end > rope.line_to_char(line) && rope.char(end - 1) == '\n' {
        end -= 1;
    }
    if end > rope.line_to_char(line) && rope.char(end - 1) == '\r' {
        end -= 1;
    }
    end
}

#[cfg(test)]
mod tests {
    use super::*;

    const UTF16: PositionEncoding = PositionEncoding::Utf16;

    fn open(text: &str) -> (Documents, DocSnapshot) {
        let mut docs = Documents::default();
        let snapshot = docs.open("file:///t/a.txt", text, 1, "gongwen", None);
        (docs, snapshot)
    }

    fn change(docs: &mut Documents, version: i32, changes: &[Change]) -> String {
        docs.change("file:///t/a.txt", version, changes, UTF16)
            .unwrap()
            .text()
    }

    fn edit(start: (u32, u32), end: (u32, u32), text: &str) -> Change {
        Change {
            range: Some((TextPos::new(start.0, start.1), TextPos::new(end.0, end.1))),
            text: text.to_string(),
        }
    }

    #[test]
    fn positions_in_one_pass_equal_positions_one_by_one() {
        let texts = [
            "",
            "一",
            "第一行\n𠀀，，好\r\n第三行\r第四行\r\r\n\n末尾\r",
            "a\u{2028}b\r\n\r\nc😀d\n",
            "\r",
            "\r\n",
            "《关于…的通知》（国发〔2016〕5号）\n1、甲\r\n2.乙",
        ];
        for text in texts {
            let (_, doc) = open(text);
            // Every byte offset, inside characters and past the end too, in a scrambled order.
            let mut offsets: Vec<usize> = (0..=text.len() + 2).collect();
            offsets.reverse();
            let third = offsets.len() / 3;
            offsets.rotate_left(third);
            for encoding in [
                PositionEncoding::Utf8,
                PositionEncoding::Utf16,
                PositionEncoding::Utf32,
            ] {
                let one_by_one: Vec<TextPos> =
                    offsets.iter().map(|&o| doc.position(o, encoding)).collect();
                assert_eq!(
                    doc.positions(&offsets, encoding),
                    one_by_one,
                    "{text:?} {encoding:?}"
                );
            }
        }
        // A text of many chunks.
        let long = "第一段，有逗号,\r\n𠀀第二段\r".repeat(3000);
        let (_, doc) = open(&long);
        let offsets: Vec<usize> = (0..long.len()).step_by(7).collect();
        let one_by_one: Vec<TextPos> = offsets.iter().map(|&o| doc.position(o, UTF16)).collect();
        assert_eq!(doc.positions(&offsets, UTF16), one_by_one);
    }

    #[test]
    fn astral_characters_are_two_utf16_units_one_char_four_bytes() {
        let (_, doc) = open("第一行\n𠀀，，好");
        let comma = "第一行\n𠀀".len();
        assert_eq!(doc.position(comma, UTF16), TextPos::new(1, 2));
        assert_eq!(
            doc.position(comma, PositionEncoding::Utf32),
            TextPos::new(1, 1)
        );
        assert_eq!(
            doc.position(comma, PositionEncoding::Utf8),
            TextPos::new(1, 4)
        );
        assert_eq!(doc.offset(TextPos::new(1, 2), UTF16), comma);
        assert_eq!(
            doc.offset(TextPos::new(1, 1), PositionEncoding::Utf32),
            comma
        );
        assert_eq!(
            doc.offset(TextPos::new(1, 4), PositionEncoding::Utf8),
            comma
        );
        // Inside the surrogate pair or inside the UTF-8 bytes: the character's start.
        assert_eq!(doc.offset(TextPos::new(1, 1), UTF16), "第一行\n".len());
        assert_eq!(
            doc.offset(TextPos::new(1, 2), PositionEncoding::Utf8),
            "第一行\n".len()
        );
    }

    #[test]
    fn crlf_cr_and_lf_break_lines_but_u2028_does_not() {
        let text = "甲\r\n乙\r丙\n丁\u{2028}戊";
        let (_, doc) = open(text);
        let wu = text.find('戊').unwrap();
        assert_eq!(doc.position(wu, UTF16), TextPos::new(3, 2));
        assert_eq!(doc.offset(TextPos::new(3, 2), UTF16), wu);
        assert_eq!(
            doc.offset(TextPos::new(1, 0), UTF16),
            text.find('乙').unwrap()
        );
        // A column past the end of a CRLF line stops before the line break.
        assert_eq!(doc.offset(TextPos::new(0, 9), UTF16), "甲".len());
        assert_eq!(doc.end(UTF16), TextPos::new(3, 3));
    }

    #[test]
    fn out_of_range_positions_clamp() {
        let (_, doc) = open("一二\n三");
        assert_eq!(doc.offset(TextPos::new(0, 99), UTF16), "一二".len());
        assert_eq!(doc.offset(TextPos::new(7, 0), UTF16), "一二\n三".len());
        assert_eq!(doc.position(999, UTF16), TextPos::new(1, 1));
        let (_, empty) = open("");
        assert_eq!(empty.offset(TextPos::new(3, 3), UTF16), 0);
        assert_eq!(empty.position(0, UTF16), TextPos::new(0, 0));
    }

    #[test]
    fn several_changes_in_one_notification_apply_in_order() {
        let (mut docs, _) = open("𠀀甲乙丙\r\n丁戊");
        // As VS Code sends them for a multi-cursor edit: last position first.
        let text = change(
            &mut docs,
            2,
            &[
                edit((1, 1), (1, 2), "己"),
                edit((0, 4), (0, 5), "庚"),
                edit((0, 0), (0, 2), ""),
            ],
        );
        assert_eq!(text, "甲乙庚\r\n丁己");
        // Inserting a line break, then typing on the new line.
        let text = change(
            &mut docs,
            3,
            &[edit((0, 1), (0, 1), "\r\n"), edit((1, 0), (1, 0), "新")],
        );
        assert_eq!(text, "甲\r\n新乙庚\r\n丁己");
        // A whole-text change.
        let text = change(
            &mut docs,
            4,
            &[Change {
                range: None,
                text: "全文".to_string(),
            }],
        );
        assert_eq!(text, "全文");
    }

    #[test]
    fn undo_and_redo_restore_the_text() {
        let (mut docs, _) = open("一、总体要求\n（一）指导思想");
        let original = docs.get("file:///t/a.txt").unwrap().text();
        change(&mut docs, 2, &[edit((1, 0), (1, 3), "(一)")]);
        let undone = change(&mut docs, 3, &[edit((1, 0), (1, 3), "（一）")]);
        assert_eq!(undone, original);
        let redone = change(&mut docs, 4, &[edit((1, 0), (1, 3), "(一)")]);
        assert_eq!(redone, "一、总体要求\n(一)指导思想");
    }

    #[test]
    fn stale_and_unknown_changes_are_refused() {
        let (mut docs, _) = open("甲");
        let changes = [edit((0, 0), (0, 0), "乙")];
        assert_eq!(
            docs.change("file:///t/a.txt", 1, &changes, UTF16)
                .unwrap_err(),
            ChangeError::Stale { have: 1, got: 1 }
        );
        assert_eq!(
            docs.change("file:///t/b.txt", 5, &changes, UTF16)
                .unwrap_err(),
            ChangeError::NotOpen
        );
        let before = docs.generation("file:///t/a.txt").unwrap();
        change(&mut docs, 2, &changes);
        assert!(docs.generation("file:///t/a.txt").unwrap() > before);
    }

    #[test]
    fn an_inverted_range_deletes_nothing() {
        let (mut docs, _) = open("甲乙丙");
        assert_eq!(
            change(&mut docs, 2, &[edit((0, 2), (0, 1), "丁")]),
            "甲乙丁丙"
        );
    }
}
