//! 层次序数: headings numbered `一、` `（一）` `1.` `（1）` (GB/T 9704-2012 §7.3.3), their wrong
//! forms, and the places where numbering starts afresh.

use crate::document::{Document, LineClass};
use crate::normalize::{chinese_numeral, parse_number};
use crate::text::TextRange;

/// A numbered heading (or list item) at the start of a line.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Heading {
    /// 0-based line.
    pub line: usize,
    /// 1 = `一、`, 2 = `（一）`, 3 = `1.`, 4 = `（1）`.
    pub level: u8,
    pub number: u32,
    /// The numbering token as written, separator included (`一、`, `(一)`, `1、`, `1)`).
    pub token: TextRange,
    pub form: HeadingToken,
    /// A stray `×` before the token.
    pub marker: Option<TextRange>,
}

/// The shape of a heading token.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HeadingToken {
    /// `一、` `（一）` `（1）`, or `1.` with a half-width dot.
    Canonical,
    /// `1．` with a full-width dot: right unless configuration requires `1.`.
    FullwidthDot,
    /// A wrong form of the level's token.
    Wrong,
}

/// The canonical token of a level (`一、`, `（一）`, `1.` or `1．`, `（1）`).
pub fn canonical_token(level: u8, number: u32, fullwidth_dot: bool) -> String {
    match level {
        1 => format!("{}、", chinese_numeral(number)),
        2 => format!("（{}）", chinese_numeral(number)),
        3 if fullwidth_dot => format!("{number}．"),
        3 => format!("{number}."),
        _ => format!("（{number}）"),
    }
}

/// A place where heading numbering starts afresh.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct OutlineBreak {
    pub line: usize,
    pub kind: OutlineBreakKind,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum OutlineBreakKind {
    /// `附件`, `附件1`, `附件：` on a line of its own.
    Attachment,
    /// `第X章`, `第X节`, `第X条` (law style: items restart under each 条).
    Article,
    /// A Markdown `#` heading.
    MarkdownHeading,
}

pub(crate) fn find(doc: &Document) -> (Vec<Heading>, Vec<OutlineBreak>) {
    let mut headings = Vec::new();
    let mut breaks = Vec::new();
    let mut in_attachment_list = false;
    for (line, class) in doc.classes.iter().enumerate() {
        let content = doc.lines.line(line).content;
        let text = &doc.text[content.range()];
        match class {
            LineClass::MarkdownHeading => {
                breaks.push(OutlineBreak {
                    line,
                    kind: OutlineBreakKind::MarkdownHeading,
                });
                in_attachment_list = false;
                continue;
            }
            LineClass::Body => {}
            LineClass::Blank => {
                in_attachment_list = false;
                continue;
            }
            _ => continue,
        }
        let indent = text.len()
            - text
                .trim_start_matches(['\u{3000}', ' ', '\t', '\u{a0}'])
                .len();
        let rest = &text[indent..];
        if let Some(kind) = break_kind(rest) {
            breaks.push(OutlineBreak { line, kind });
        }
        // 附件说明: `附件：1.…` and the aligned `2.…` lines under it are not headings.
        let after_label = rest
            .strip_prefix("附件")
            .map(|r| r.trim_start_matches([' ', '\u{3000}']));
        if let Some(after) = after_label.and_then(|r| r.strip_prefix(['：', ':'])) {
            in_attachment_list = after
                .trim_start()
                .starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c));
            continue;
        }
        if in_attachment_list && rest.starts_with(|c: char| c.is_ascii_digit()) {
            continue;
        }
        in_attachment_list = false;
        let (marker, rest, offset) = match rest.strip_prefix('×') {
            Some(after) => (
                Some(TextRange::new(
                    content.start() + indent,
                    content.start() + indent + '×'.len_utf8(),
                )),
                after,
                indent + '×'.len_utf8(),
            ),
            None => (None, rest, indent),
        };
        if let Some((level, number, len, form)) = parse_token(rest) {
            let start = content.start() + offset;
            headings.push(Heading {
                line,
                level,
                number,
                token: TextRange::new(start, start + len),
                form,
                marker,
            });
        }
    }
    (headings, breaks)
}

fn break_kind(rest: &str) -> Option<OutlineBreakKind> {
    let trimmed = rest.trim_end();
    if let Some(after) = trimmed.strip_prefix("附件") {
        let after = after.trim_start_matches(|c: char| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || c == ' ' || c == '\u{3000}'
        });
        if after.is_empty() || after == "：" || after == ":" {
            return Some(OutlineBreakKind::Attachment);
        }
    }
    let after_di = rest.strip_prefix('第')?;
    let numeral_len: usize = after_di
        .chars()
        .take_while(|c| "零〇一二三四五六七八九十百千".contains(*c) || c.is_ascii_digit())
        .map(char::len_utf8)
        .sum();
    if numeral_len == 0 {
        return None;
    }
    let unit = after_di[numeral_len..].chars().next()?;
    let next = after_di[numeral_len + unit.len_utf8()..].chars().next();
    let separated = next.is_none_or(|c| matches!(c, ' ' | '\u{3000}' | '\t'));
    (matches!(unit, '章' | '节' | '条' | '编' | '部') && separated)
        .then_some(OutlineBreakKind::Article)
}

/// Parses a numbering token at the start of `s`: (level, number, byte length, form).
pub(crate) fn parse_token(s: &str) -> Option<(u8, u32, usize, HeadingToken)> {
    let first = s.chars().next()?;
    if first == '（' || first == '(' {
        let inner = &s[first.len_utf8()..];
        let numeral_len = leading_len(inner, is_chinese_digit);
        let (level, numeral_len) = if numeral_len > 0 {
            (2, numeral_len)
        } else {
            (4, leading_len(inner, |c| c.is_ascii_digit()))
        };
        if numeral_len == 0 || numeral_len > 9 || (level == 4 && numeral_len > 3) {
            return None;
        }
        let number = parse_number(&inner[..numeral_len])?;
        let after = &inner[numeral_len..];
        let close = after.chars().next().filter(|c| *c == '）' || *c == ')')?;
        let mut len = first.len_utf8() + numeral_len + close.len_utf8();
        let mut wrong = first != '（' || close != '）';
        // `（一）、` and `（一）.`: a separator after brackets is wrong.
        if let Some(sep) = s[len..]
            .chars()
            .next()
            .filter(|c| matches!(c, '、' | '.' | '．' | ',' | '，'))
        {
            len += sep.len_utf8();
            wrong = true;
        }
        if s[len..].starts_with(|c: char| c.is_ascii_digit()) {
            return None;
        }
        let form = if wrong {
            HeadingToken::Wrong
        } else {
            HeadingToken::Canonical
        };
        return (number > 0).then_some((level, number, len, form));
    }
    if is_chinese_digit(first) {
        let numeral_len = leading_len(s, is_chinese_digit);
        let number = parse_number(&s[..numeral_len]).filter(|n| (1..=99).contains(n))?;
        let sep = s[numeral_len..].chars().next()?;
        let form = match sep {
            '、' => HeadingToken::Canonical,
            '.' | '．' | '，' | ',' | ':' | '：' | ' ' | '\u{3000}' => HeadingToken::Wrong,
            _ => return None,
        };
        let len = numeral_len + sep.len_utf8();
        if s[len..].trim_start().is_empty() && form == HeadingToken::Wrong {
            return None;
        }
        if s[len..].starts_with(|c: char| c.is_ascii_digit() || is_chinese_digit(c)) {
            return None;
        }
        return Some((1, number, len, form));
    }
    if first.is_ascii_digit() {
        let digits = leading_len(s, |c| c.is_ascii_digit());
        if digits > 3 {
            return None;
        }
        let number: u32 = s[..digits].parse().ok()?;
        let after = &s[digits..];
        if let Some(close) = after.chars().next().filter(|c| *c == ')' || *c == '）') {
            let len = digits + close.len_utf8();
            if s[len..].starts_with(|c: char| c.is_ascii_digit()) || number == 0 {
                return None;
            }
            return Some((4, number, len, HeadingToken::Wrong));
        }
        let sep = after.chars().next()?;
        let form = match sep {
            '.' => HeadingToken::Canonical,
            '．' => HeadingToken::FullwidthDot,
            '、' | '，' | ',' | ':' | '：' => HeadingToken::Wrong,
            _ => return None,
        };
        let len = digits + sep.len_utf8();
        let next = s[len..].chars().next();
        // `3、4月份`, `1.5万`, `9:30`: a digit after the separator means no heading;
        // `1.` at a line's end is no heading either.
        if next.is_none_or(|c| c.is_ascii_digit() || ('０'..='９').contains(&c)) || number == 0 {
            return None;
        }
        return Some((3, number, len, form));
    }
    None
}

fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

fn leading_len(s: &str, pred: impl Fn(char) -> bool) -> usize {
    s.chars().take_while(|&c| pred(c)).map(char::len_utf8).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn token(s: &str) -> Option<(u8, u32, &str, HeadingToken)> {
        parse_token(s).map(|(level, number, len, form)| (level, number, &s[..len], form))
    }

    #[test]
    fn recognises_each_level_and_its_wrong_forms() {
        use HeadingToken::*;
        assert_eq!(token("一、总体要求"), Some((1, 1, "一、", Canonical)));
        assert_eq!(token("二十一、其他"), Some((1, 21, "二十一、", Canonical)));
        assert_eq!(token("三.工作"), Some((1, 3, "三.", Wrong)));
        assert_eq!(token("（一）指导思想。"), Some((2, 1, "（一）", Canonical)));
        assert_eq!(token("(二)基本原则"), Some((2, 2, "(二)", Wrong)));
        assert_eq!(token("（三）、主要任务"), Some((2, 3, "（三）、", Wrong)));
        assert_eq!(token("1.问题导向"), Some((3, 1, "1.", Canonical)));
        assert_eq!(token("2．统筹推进"), Some((3, 2, "2．", FullwidthDot)));
        assert_eq!(token("3、坚持"), Some((3, 3, "3、", Wrong)));
        assert_eq!(token("（1）具体"), Some((4, 1, "（1）", Canonical)));
        assert_eq!(token("(2)具体"), Some((4, 2, "(2)", Wrong)));
        assert_eq!(token("3）具体"), Some((4, 3, "3）", Wrong)));
    }

    #[test]
    fn digits_after_the_separator_are_no_heading() {
        assert_eq!(token("3、4月份"), None);
        assert_eq!(token("1.5万元"), None);
        assert_eq!(token("9:30召开"), None);
        assert_eq!(token("十分重要"), None);
        assert_eq!(token("一是"), None);
        assert_eq!(token("2019年"), None);
        assert_eq!(token("（2019）年"), None);
    }

    #[test]
    fn breaks() {
        assert_eq!(break_kind("附件1"), Some(OutlineBreakKind::Attachment));
        assert_eq!(break_kind("附件："), Some(OutlineBreakKind::Attachment));
        assert_eq!(break_kind("附件：政府网站集约化试点工作方案"), None);
        assert_eq!(
            break_kind("第一条　为了规范"),
            Some(OutlineBreakKind::Article)
        );
        assert_eq!(break_kind("第一章 总则"), Some(OutlineBreakKind::Article));
        assert_eq!(break_kind("第一批先进性教育活动"), None);
    }
}
