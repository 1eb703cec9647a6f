//! # P204 unpaired-mark：成对标点不配对
//!
//! ## 检查内容
//!
//! 书名号 `《》`、引号 `“”` `‘’`、括号 `（）` `〔〕` `【】` 的前一半或后一半在同一段落里找不到
//! 另一半。段落：纯文本中是一行，Markdown 中是空行之间的一块。成对标点按嵌套关系配对：
//! `“……‘……’……”`、`（……〔……〕……）` 都是配好的；`“……（……”` 中的 `（` 没有配对。
//!
//! 引文或书名在两行之间被换行断开（`学习实践“三个代表` / `”重要思想`）时，两半都报告，
//! 并在提示中指出另一半在相邻行。例外只有版面上本来就要回行的短行：公文标题（GB/T 9704-2012
//! 7.3.1 允许标题回行）以及不超过30字、不含点号的标题、副标题、题注短行，回行后合起来配对。
//!
//! 不报告：
//!
//! - 英文中的撇号（`China’s`、`users’`）；
//! - 发文字号的年份括号（由 P202 负责），拼音残留的括号（D403）；
//! - 层次序数和列项序号的半边括号（`1）` `a）`，由 N102 负责）；
//! - 与半角括号配成对的全角括号（`（市、区)` 中的 `)` 由 P201 报告）；
//! - 多段引文：引文跨几段时每段开头只用前引号、只在最后一段末尾用后引号，下一段以前引号
//!   开头时，本段末尾未闭合的前引号不报告。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》4.8（引号）、4.9（括号）、4.15（书名号）：引号、括号、
//! 书名号是标号，成对使用，标明引用、注释和书名的起止；引号、括号里再用引号、括号时，
//! 内外层配对使用；引文有多段时，每段开头用前引号，只在最后一段末尾用后引号。5.1：
//! 标号的前一半不出现在一行之末，后一半不出现在一行之首。
//!
//! ## 示例
//!
//! ```text
//! 要坚持以学习实践“三个代表
//! ”重要思想为主线。
//! 各县（市、区）要对照问题隐患清单（见附件1逐项销号，确保11月底前整改到位。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 要坚持以学习实践“三个代表”重要思想为主线。
//! 各县（市、区）要对照问题隐患清单（见附件1）逐项销号，确保11月底前整改到位。
//! ```
//!
//! ## 修复
//!
//! 不提供修复：缺少的另一半应补在哪里只有起草人知道。与 D403（乱码）重叠时只报告 D403。

use crate::document::{Document, LineClass};
use crate::normalize::key;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P204",
    name: "unpaired-mark",
    summary: "成对标点不配对",
    summary_en: "unpaired bracket or quote",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("p204_unpaired_mark.rs"),
    check,
};

/// The paired marks: (opening, closing, Chinese name, English name).
const PAIRS: [(char, char, &str, &str); 6] = [
    ('《', '》', "书名号", "book title mark"),
    ('“', '”', "引号", "quotation mark"),
    ('‘', '’', "引号", "quotation mark"),
    ('（', '）', "括号", "bracket"),
    ('〔', '〕', "括号", "bracket"),
    ('【', '】', "括号", "bracket"),
];

/// (kind index into `PAIRS`, is opening).
fn classify(c: char) -> Option<(usize, bool)> {
    PAIRS
        .iter()
        .enumerate()
        .find_map(|(i, &(open, close, _, _))| {
            if c == open {
                Some((i, true))
            } else if c == close {
                Some((i, false))
            } else {
                None
            }
        })
}

/// A mark left without partner.
#[derive(Clone, Copy)]
struct Unpaired {
    at: usize,
    kind: usize,
    open: bool,
    /// `(` or `)`: pairs, but is P201's to report.
    ascii: bool,
    /// 0-based line.
    line: usize,
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let title = title_block(doc);
    // Brackets of 文号 years belong to P202.
    let mut owned: Vec<usize> = doc
        .doc_numbers
        .iter()
        .flat_map(|m| [m.found.open, m.found.close])
        .flatten()
        .map(TextRange::start)
        .collect();
    owned.sort_unstable();

    // Unpaired marks of each paragraph, paragraph by paragraph: (paragraph lines, marks).
    let mut paragraphs: Vec<(std::ops::Range<usize>, Vec<Unpaired>)> = Vec::new();
    let mut line = 0;
    while line < doc.classes.len() {
        if !doc.is_linted_line(line) {
            line += 1;
            continue;
        }
        let mut lines = doc.paragraph_of(line);
        if let Some(t) = &title
            && lines.start < t.end
            && t.start < lines.end
        {
            lines = lines.start.min(t.start)..lines.end.max(t.end);
        }
        let mut unpaired = unpaired_in(doc, lines.clone(), &owned);
        // A display line (title, subtitle, 题注) wrapped over several short lines: pair over
        // the whole block.
        let mut wrapped = 0;
        while wrapped < 3
            && unpaired.iter().any(|m| m.open)
            && is_display_line(doc, lines.end - 1)
            && let Some(next) = (lines.end..doc.classes.len()).find(|&l| doc.classes[l].is_text())
            && doc.paragraph_of(next) == (next..next + 1)
            && is_display_line(doc, next)
            && (lines.end..next).all(|l| doc.classes[l] == LineClass::Blank)
        {
            let candidate = lines.start..next + 1;
            let joined = unpaired_in(doc, candidate.clone(), &owned);
            if joined.len() >= unpaired.len() {
                break;
            }
            lines = candidate;
            unpaired = joined;
            wrapped += 1;
        }
        line = lines.end.max(line + 1);
        paragraphs.push((lines, unpaired));
    }

    // Halves of pairs broken over two neighbouring lines.
    let mut broken: Vec<usize> = Vec::new();
    for pair in paragraphs.windows(2) {
        let ((_, marks), (_, next_marks)) = (&pair[0], &pair[1]);
        for kind in 0..PAIRS.len() {
            let open = marks
                .iter()
                .rev()
                .find(|m| m.kind == kind)
                .filter(|m| m.open);
            let close = next_marks
                .iter()
                .find(|m| m.kind == kind)
                .filter(|m| !m.open);
            if let (Some(open), Some(close)) = (open, close)
                && is_broken_pair(doc, open, close)
            {
                broken.extend([open.at, close.at]);
            }
        }
    }
    broken.sort_unstable();

    for (_, marks) in &paragraphs {
        for mark in marks {
            let (open_c, close_c, zh, en) = PAIRS[mark.kind];
            let (this, other) = if mark.open {
                (open_c, close_c)
            } else {
                (close_c, open_c)
            };
            let broken = broken.binary_search(&mark.at).is_ok();
            let message = match (broken, mark.open) {
                (true, true) => Message::new(
                    format!("{zh}不配对：「{this}」的另一半「{other}」被换行断到了下一行"),
                    format!("unpaired {en} “{this}”: its “{other}” was broken onto the next line"),
                ),
                (true, false) => Message::new(
                    format!("{zh}不配对：「{this}」的另一半「{other}」被换行断在了上一行"),
                    format!("unpaired {en} “{this}”: its “{other}” was left on the previous line"),
                ),
                (false, true) => Message::new(
                    format!("{zh}不配对：「{this}」在本段中缺少对应的「{other}」"),
                    format!("unpaired {en} “{this}”: no “{other}” in the paragraph"),
                ),
                (false, false) => Message::new(
                    format!("{zh}不配对：「{this}」在本段中缺少对应的「{other}」"),
                    format!("unpaired {en} “{this}”: no “{other}” before it in the paragraph"),
                ),
            };
            let range = TextRange::new(mark.at, mark.at + this.len_utf8());
            out.push(Diagnostic::new(RULE.code, range, message));
        }
    }
}

/// True when `open` ends its line's text and `close` starts the next line's: no sentence
/// ends between them, so one pair was broken by the line break.
fn is_broken_pair(doc: &Document, open: &Unpaired, close: &Unpaired) -> bool {
    let ends = ['。', '？', '！', '；'];
    close.line == open.line + 1
        && !doc.text[open.at..doc.lines.line(open.line).content.end()].contains(ends)
        && !doc.text[doc.lines.line(close.line).content.start()..close.at].contains(ends)
}

/// The unpaired marks of the paragraph made of `lines` (linted lines only).
fn unpaired_in(doc: &Document, lines: std::ops::Range<usize>, owned: &[usize]) -> Vec<Unpaired> {
    // Open marks waiting for a partner, and marks found unpaired.
    let mut stack: Vec<Unpaired> = Vec::new();
    let mut unpaired: Vec<Unpaired> = Vec::new();
    for line in lines.clone() {
        if !doc.is_linted_line(line) {
            continue;
        }
        let content = doc.lines.line(line).content;
        let text = &doc.text[content.range()];
        let bytes = text.as_bytes();
        // Every mark is E2 80 .., E3 80 .. or EF BC ..; ASCII brackets pair with full-width
        // ones (`（市、区)`: P201 reports the `)`), but are never reported here.
        let starts = bytes
            .iter()
            .enumerate()
            .filter(|&(_, &b)| matches!(b, 0xE2 | 0xE3 | 0xEF | b'(' | b')'))
            .map(|(at, _)| at);
        for at in starts {
            let Some(c) = text[at..].chars().next() else {
                continue;
            };
            let (kind, open, ascii) = match c {
                '(' => (3, true, true),
                ')' => (3, false, true),
                _ => match classify(c) {
                    Some((kind, open)) => (kind, open, false),
                    None => continue,
                },
            };
            let abs = content.start() + at;
            let quote_open = stack.iter().any(|m| m.kind == 2);
            if is_apostrophe(text, at, c, quote_open)
                || owned.binary_search(&abs).is_ok()
                || in_sorted_ranges(&doc.shadow.residues, abs)
                || doc.in_verbatim(TextRange::new(abs, abs + c.len_utf8()))
                || in_heading_token(doc, line, abs)
            {
                continue;
            }
            let mark = Unpaired {
                at: abs,
                kind,
                open,
                ascii,
                line,
            };
            if open {
                stack.push(mark);
                continue;
            }
            match stack.iter().rposition(|m| m.kind == kind) {
                Some(i) => {
                    // Openers above the partner were never closed.
                    unpaired.extend(stack.drain(i..).skip(1));
                }
                None => {
                    if !(c == '）' && is_enumeration_label(text, at)) {
                        unpaired.push(mark);
                    }
                }
            }
        }
    }
    // A quotation over several paragraphs opens each paragraph with `“` and closes only the
    // last: a quote still open at the paragraph's end is excused when the next paragraph
    // starts with `“`.
    if let Some(last) = stack.iter().rposition(|m| m.kind == 1)
        && next_paragraph_starts_with_quote(doc, lines.end)
    {
        stack.remove(last);
    }
    unpaired.extend(stack);
    unpaired.retain(|m| !m.ascii);
    unpaired.sort_by_key(|m| m.at);
    unpaired
}

/// `China’s`, `don’t`, `the users’ rights`: a right single quote after a Latin letter,
/// before another one, or before Latin text when no `‘` is open.
fn is_apostrophe(text: &str, at: usize, c: char, quote_open: bool) -> bool {
    c == '’'
        && char_before(text, at).is_some_and(|b| b.is_ascii_alphabetic())
        && match char_at(text, at + c.len_utf8()) {
            Some(a) if a.is_ascii_alphabetic() => true,
            Some(a) => !quote_open && a.is_ascii(),
            None => !quote_open,
        }
}

/// `1）` `a）` `十）` after the start of the line, a space or a pause mark: a list label
/// written with a closing bracket only (N102 reports it at a line's start).
fn is_enumeration_label(text: &str, at: usize) -> bool {
    let before = &text[..at];
    let label =
        before.trim_end_matches(|c: char| c.is_ascii_digit() || "一二三四五六七八九十".contains(c));
    let label_len = before.len() - label.len();
    let (label, label_len) = if label_len == 0 {
        match label.chars().next_back() {
            Some(c) if c.is_ascii_alphabetic() => (&label[..label.len() - 1], 1),
            _ => return false,
        }
    } else {
        (label, label_len)
    };
    label_len <= 9
        && label.chars().next_back().is_none_or(|c| {
            matches!(
                c,
                ' ' | '\t' | '\u{3000}' | '：' | '；' | '，' | '。' | '、' | ':' | ';' | ','
            )
        })
}

/// True when the next text line after `line` (blank lines skipped) starts with `“`.
fn next_paragraph_starts_with_quote(doc: &Document, from: usize) -> bool {
    (from..doc.classes.len())
        .find(|&l| doc.classes[l].is_text())
        .is_some_and(|l| {
            doc.line_text(l)
                .trim_start_matches([' ', '\t', '\u{3000}'])
                .starts_with('“')
        })
}

/// A short line without pause or end marks: a title, subtitle or 题注 line, which may wrap.
fn is_display_line(doc: &Document, line: usize) -> bool {
    let text = doc.line_text(line).trim_matches([' ', '\t', '\u{3000}']);
    text.chars().count() <= 30 && !text.contains(['。', '，', '；', '：', '？', '！'])
}

/// The lines of the document's title when it wraps over several lines (GB/T 9704 7.3.1):
/// they are one unit for pairing.
fn title_block(doc: &Document) -> Option<std::ops::Range<usize>> {
    let start = doc.meta.title_line?;
    let target = key(&doc.meta.title.as_ref()?.value);
    let mut joined = String::new();
    let mut text_lines = 0;
    for line in start..doc.classes.len().min(start + 12) {
        if !doc.classes[line].is_text() {
            continue;
        }
        joined.push_str(&key(doc.line_text(line)));
        text_lines += 1;
        if joined == target {
            return (text_lines > 1).then_some(start..line + 1);
        }
        if text_lines >= 6 || !target.starts_with(joined.as_str()) {
            return None;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use crate::config::Config;
    use crate::document::{Document, Format};
    use crate::rules::check;

    fn unpaired(text: &str, format: Format) -> Vec<String> {
        let doc = Document::parse(text.to_string(), format);
        check(&doc, None, None, &Config::only("P204"))
            .iter()
            .map(|d| {
                let (line, col) = doc.lines.line_col(&doc.text, d.range.start());
                format!("{}:{} {}", line + 1, col + 1, &doc.text[d.range.range()])
            })
            .collect()
    }

    #[test]
    fn a_markdown_paragraph_pairs_over_its_lines() {
        let text = "要坚持以学习实践“三个代表\n”重要思想为主线。\n\n另起一段“未闭合。\n";
        assert_eq!(unpaired(text, Format::Markdown), ["4:5 “"]);
        assert_eq!(unpaired(text, Format::Plain), ["1:9 “", "2:1 ”", "4:5 “"]);
    }

    #[test]
    fn wrapped_titles_and_display_lines_pair_as_one() {
        let text = "---\ntitle: 国务院关于印发《国务院工作规则》的通知\n---\n国务院关于印发《国务院\n\n工作规则》的通知\n\n国发〔2004〕18号\n\n各省、自治区、直辖市人民政府：\n\n现予印发。\n\n（二○○四年六月十六日国务院\n\n第54次常务会议修订通过）\n\n按照《关于认真做好第一批先进性教育活动巩固和扩大整改成果工作的\n\n通知》要求，认真开展工作。\n";
        assert_eq!(unpaired(text, Format::Markdown), ["18:3 《", "20:3 》"]);
    }

    #[test]
    fn crossing_and_nested_pairs() {
        assert!(
            unpaired(
                "他说：“要坚持‘三个代表’（重要思想〔2004〕）。”",
                Format::Plain
            )
            .is_empty()
        );
        assert_eq!(
            unpaired("按照“管行业（管业务”的要求。", Format::Plain),
            ["1:7 （"]
        );
        assert_eq!(
            unpaired("见附件1）和附件2】。", Format::Plain),
            ["1:5 ）", "1:10 】"]
        );
    }
}
