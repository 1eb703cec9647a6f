//! Word segmentation for phrasings: jieba over the shadow text (Traditional characters
//! already simplified, character for character), with 文号, `《titles》`, numbers and dates
//! recognised first and kept whole. None of those is part of a phrasing, so each is a break.

use std::sync::LazyLock;

use jieba_rs::Jieba;

use crate::doc_number::find_doc_numbers;
use crate::document::Document;
use crate::text::{LineIndex, TextRange, is_ideograph};

/// jieba with its default dictionary, loaded once (100–150 ms) on first use and shared.
pub(crate) static JIEBA: LazyLock<Jieba> = LazyLock::new(|| {
    let mut jieba = Jieba::new();
    for word in EXTRA_WORDS {
        jieba.add_word(word, Some(2000), Some("n"));
    }
    jieba
});

/// 公文 words the default dictionary splits. Each stays one token, so that phrasings start
/// and end where a drafter would.
const EXTRA_WORDS: &[&str] = &[
    "各地区",
    "各部门",
    "各单位",
    "各有关部门",
    "各有关单位",
    "各直属机构",
    "特此通知",
    "特此报告",
    "特此批复",
    "特此函告",
    "特此函复",
    "特此通告",
    "特此公告",
    "特此通报",
    "特此请示",
    "妥否",
    "当否",
    "收悉",
    "函复",
    "函告",
    "批示",
    "此复",
];

/// What a piece of text is to phrase mining.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum PieceClass {
    /// A word, or a single character jieba left alone.
    Word,
    /// `，` or `、`: allowed inside a phrasing, never at its ends.
    Soft,
    /// Punctuation that ends a clause (`。` `：` `；` `！` `？`), remembered so that a phrasing
    /// that ends a clause completes with it.
    Mark(char),
    /// Anything that breaks a phrasing: numbers, dates, 文号, titles in `《》`, other
    /// punctuation, spaces.
    Break,
}

/// One token: a byte range of the text segmented (the shadow) and its class.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) struct Piece {
    pub range: TextRange,
    pub class: PieceClass,
}

/// The text a document's phrasings are read from: its shadow, split into the same lines as
/// the original (folding and residue removal never touch line breaks).
pub(crate) struct ShadowLines<'a> {
    pub text: &'a str,
    pub lines: std::borrow::Cow<'a, LineIndex>,
    /// 文号 in the shadow, in text order.
    pub numbers: Vec<TextRange>,
}

impl<'a> ShadowLines<'a> {
    pub fn new(doc: &'a Document) -> ShadowLines<'a> {
        if doc.shadow.is_identity() {
            ShadowLines {
                text: &doc.text,
                lines: std::borrow::Cow::Borrowed(&doc.lines),
                numbers: doc.doc_numbers.iter().map(|n| n.found.range).collect(),
            }
        } else {
            let text = doc.shadow_text();
            let lines = LineIndex::new(text);
            debug_assert_eq!(lines.len(), doc.lines.len());
            ShadowLines {
                text,
                lines: std::borrow::Cow::Owned(lines),
                numbers: find_doc_numbers(text)
                    .into_iter()
                    .map(|n| n.range)
                    .collect(),
            }
        }
    }

    /// The shadow range of a line's content (the line count is the original's).
    pub fn line(&self, line: usize) -> TextRange {
        self.lines.line(line).content
    }
}

/// Segments `text[range]` (one line, or the part of a line before the cursor), appending
/// its pieces to `out`. `numbers` are the 文号 ranges of the text, sorted.
pub(crate) fn segment(text: &str, range: TextRange, numbers: &[TextRange], out: &mut Vec<Piece>) {
    let first = out.len();
    let line = &text[range.range()];
    let mut at = range.start();
    // Indentation, then a heading number (`一、`, `（一）`, `1.`) at the line's start.
    let indent = line.len() - line.trim_start_matches(crate::text::is_indent).len();
    if indent > 0 {
        out.push(Piece {
            range: TextRange::new(at, at + indent),
            class: PieceClass::Break,
        });
        at += indent;
    }
    if let Some((_, _, len, _)) = crate::document::heading_token(&text[at..range.end()]) {
        out.push(Piece {
            range: TextRange::new(at, at + len),
            class: PieceClass::Break,
        });
        at += len;
    }
    let mut numbers = numbers[numbers.partition_point(|n| n.end() <= at)..]
        .iter()
        .filter(|n| n.start() < range.end())
        .peekable();
    while at < range.end() {
        // The next atom: a 文号 or a title in 《》.
        let title = text[at..range.end()].find('《').map(|i| at + i);
        let number = numbers.peek().map(|n| n.start().max(at));
        let atom_start = match (title, number) {
            (Some(t), Some(n)) => t.min(n),
            (Some(t), None) => t,
            (None, Some(n)) => n,
            (None, None) => range.end(),
        };
        if atom_start > at {
            cut(text, TextRange::new(at, atom_start), out);
        }
        if atom_start >= range.end() {
            break;
        }
        let atom_end = if number == Some(atom_start) {
            let n = numbers.next().expect("peeked");
            n.end().min(range.end())
        } else {
            title_end(text, atom_start, range.end())
        };
        out.push(Piece {
            range: TextRange::new(atom_start, atom_end),
            class: PieceClass::Break,
        });
        at = atom_end;
    }
    mark_numbers(text, &mut out[first..]);
}

/// The end of a title opened at `open`: after its matching `》`, or the end of the line.
fn title_end(text: &str, open: usize, end: usize) -> usize {
    let mut depth = 0;
    for (i, c) in text[open..end].char_indices() {
        match c {
            '《' => depth += 1,
            '》' => {
                depth -= 1;
                if depth == 0 {
                    return open + i + c.len_utf8();
                }
            }
            _ => {}
        }
    }
    end
}

/// jieba's words of `text[range]`, classified.
fn cut(text: &str, range: TextRange, out: &mut Vec<Piece>) {
    let slice = &text[range.range()];
    for token in JIEBA.cut(slice, false) {
        let piece_range = TextRange::new(
            range.start() + token.byte_start,
            range.start() + token.byte_end,
        );
        out.push(Piece {
            range: piece_range,
            class: classify(token.word),
        });
    }
}

fn classify(word: &str) -> PieceClass {
    let mut chars = word.chars();
    let first = chars.next().unwrap_or(' ');
    if chars.next().is_none() {
        match first {
            '，' | '、' => return PieceClass::Soft,
            '。' | '：' | '；' | '！' | '？' => return PieceClass::Mark(first),
            ':' => return PieceClass::Mark('：'),
            ';' => return PieceClass::Mark('；'),
            '!' => return PieceClass::Mark('！'),
            '?' => return PieceClass::Mark('？'),
            _ => {}
        }
    }
    if word
        .chars()
        .all(|c| is_ideograph(c) && c != '〇' || c.is_ascii_alphabetic())
    {
        PieceClass::Word
    } else {
        PieceClass::Break
    }
}

const NUMERALS: &str = "零〇○一二三四五六七八九十百千万亿两";
/// Units a number takes (`5月`, `第十二条`, `三个`, `4300余条`).
const UNITS: &str = "年月日号时分秒条款项章节编次个家人万亿千百元岁天周批届期名位件种类级倍余多%％";
/// Units that make a word such as `三月` or `一次` a number on its own (not `分`: `十分重要`).
const WORD_UNITS: &str = "年月日号条款项章节编次个批届";

fn is_numeral_word(word: &str) -> bool {
    !word.is_empty() && word.chars().all(|c| NUMERALS.contains(c))
}

/// `三月`, `十二条`, `第三条`: a number with its unit in one word.
fn is_number_word(word: &str) -> bool {
    let word = word.strip_prefix('第').unwrap_or(word);
    let mut chars = word.chars();
    let Some(last) = chars.next_back() else {
        return false;
    };
    let rest = chars.as_str();
    WORD_UNITS.contains(last) && is_numeral_word(rest)
}

fn is_digit_break(text: &str, piece: &Piece) -> bool {
    piece.class == PieceClass::Break
        && text[piece.range.range()]
            .chars()
            .any(|c| c.is_ascii_digit())
}

/// Numbers and dates are breaks: Chinese numerals of two or more characters (`二〇二三`,
/// `十二`), a numeral after `第` or before a unit, and the `第` and units around any number.
fn mark_numbers(text: &str, pieces: &mut [Piece]) {
    let word = |p: &Piece| &text[p.range.range()];
    let mut numeric = vec![false; pieces.len()];
    for i in 0..pieces.len() {
        let p = pieces[i];
        let w = word(&p);
        // `第四十五` is one jieba word; `第一` alone is an ordinary word (`第一责任人`).
        let bare = w.strip_prefix('第').unwrap_or(w);
        let next_is_unit = pieces.get(i + 1).is_some_and(|n| {
            let n = word(n);
            n.chars().count() == 1 && UNITS.contains(n) || is_numeral_word(n)
        });
        numeric[i] = is_digit_break(text, &p)
            || (p.class == PieceClass::Word
                && (is_number_word(w)
                    || is_numeral_word(bare)
                        && (bare.chars().count() >= 2
                            || next_is_unit
                            || (bare.len() == w.len()
                                && i > 0
                                && (word(&pieces[i - 1]) == "第"
                                    || is_numeral_word(word(&pieces[i - 1])))))));
    }
    for i in 0..pieces.len() {
        if !numeric[i] {
            continue;
        }
        pieces[i].class = PieceClass::Break;
        if i > 0 && word(&pieces[i - 1]) == "第" {
            pieces[i - 1].class = PieceClass::Break;
        }
        let mut j = i + 1;
        while j < pieces.len() {
            let w = word(&pieces[j]);
            // A unit, or a word jieba glued to one (`8日前`, `3年来`).
            let unit =
                w.chars().next().is_some_and(|c| UNITS.contains(c)) && w.chars().count() <= 2;
            if pieces[j].class == PieceClass::Word && unit {
                pieces[j].class = PieceClass::Break;
                j += 1;
            } else {
                break;
            }
        }
    }
}

/// The pieces of a whole document's text lines (from the text proper on), with the line
/// of each piece: the same segmentation mining and completion use.
#[cfg(test)]
pub(crate) fn segment_str(text: &str) -> Vec<(String, PieceClass)> {
    let mut out = Vec::new();
    let numbers: Vec<TextRange> = find_doc_numbers(text)
        .into_iter()
        .map(|n| n.range)
        .collect();
    let lines = LineIndex::new(text);
    for line in lines.lines() {
        segment(text, line.content, &numbers, &mut out);
    }
    out.into_iter()
        .map(|p| (text[p.range.range()].to_string(), p.class))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(text: &str) -> String {
        segment_str(text)
            .into_iter()
            .map(|(w, class)| match class {
                PieceClass::Word => w,
                PieceClass::Soft => format!("~{w}"),
                PieceClass::Mark(c) => format!("[{c}]"),
                PieceClass::Break => format!("<{w}>"),
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn doc_numbers_titles_and_dates_are_breaks() {
        let text =
            "根据《国务院关于加强安全生产工作的通知》（国发〔2022〕5号）要求，2023年5月8日前报送。";
        let out = words(text);
        assert!(
            out.contains("<《国务院关于加强安全生产工作的通知》>"),
            "{out}"
        );
        assert!(out.contains("<国发〔2022〕5号>"), "{out}");
        assert!(out.contains("<2023> <年> <5> <月> <8>"), "{out}");
        assert!(out.starts_with("根据 "), "{out}");
        assert!(out.ends_with("[。]"), "{out}");
    }

    #[test]
    fn chinese_numbers_and_articles_are_breaks_but_words_with_numerals_stay() {
        let out = words("第十二条　进一步加强统一管理，一是要落实责任。");
        assert!(
            out.starts_with("<第> <十二> <条>") || out.starts_with("<第十二条>"),
            "{out}"
        );
        assert!(out.contains("进一步"), "{out}");
        assert!(out.contains("统一"), "{out}");
        assert!(out.contains(" 一 是 "), "{out}");
        let out = words("依照本法第四十五条规定，落实第一责任人责任");
        assert!(out.contains("<第四十五> <条>"), "{out}");
        assert!(out.contains("第一 责任人"), "{out}");
    }

    #[test]
    fn headings_and_indentation_are_breaks() {
        let out = words("　　一、总体要求");
        assert!(out.starts_with("<　　> <一、>"), "{out}");
        let out = words("（二）现就有关事项通知如下：");
        assert!(
            out.starts_with("<（二）> 现 就") || out.starts_with("<（二）> 现就"),
            "{out}"
        );
        assert!(out.ends_with("[：]"), "{out}");
    }

    #[test]
    fn formulae_segment_into_their_words() {
        assert_eq!(words("特此通知。"), "特此通知 [。]");
        assert_eq!(words("各地区、各部门"), "各地区 ~、 各部门");
    }
}
