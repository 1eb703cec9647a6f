//! 层次序数: headings numbered `一、` `（一）` `1.` `（1）` (GB/T 9704-2012 §7.3.3), their wrong
//! forms, and the places where numbering starts afresh.

use crate::document::{Document, LineClass};
use crate::normalize::{chinese_numeral, parse_number};
use crate::text::{TextRange, is_ideograph};

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
    /// `附件`, `附件1`, `附件：` on a line of its own, or a numbered attachment with its
    /// title (`附件三：在香港特别行政区实施的全国性法律`).
    Attachment,
    /// `第X章`, `第X节`, `第X条` (law style: items restart under each 条).
    Article,
    /// A Markdown `#` heading.
    MarkdownHeading,
    /// A decimal-numbered section title of a plan or standard (`3　预警监测`,
    /// `3.1　市场监测`): the numbered headings inside restart under it.
    Section,
}

pub(crate) fn find(doc: &Document) -> (Vec<Heading>, Vec<OutlineBreak>) {
    let mut headings = Vec::new();
    let mut breaks = Vec::new();
    // Inside a labelled list (`附件：1.…`, `注：1、…`): its `2.…` lines are no headings.
    let mut in_list = false;
    // Inside a quotation that runs over several paragraphs (an amendment quoting new text
    // `“人民法院受理下列案件：` `1.…` `2.…”`): its numbering belongs to the quoted text.
    let mut in_quote = false;
    for (line, class) in doc.classes.iter().enumerate() {
        let content = doc.lines.line(line).content;
        let text = &doc.text[content.range()];
        match class {
            LineClass::MarkdownHeading => {
                breaks.push(OutlineBreak {
                    line,
                    kind: OutlineBreakKind::MarkdownHeading,
                });
                in_list = false;
                in_quote = false;
                continue;
            }
            LineClass::Body => {}
            // A list goes on across blank lines (Markdown separates its lines by them).
            LineClass::Blank => continue,
            _ => {
                in_list = false;
                in_quote = false;
                continue;
            }
        }
        let indent = text.len()
            - text
                .trim_start_matches(['\u{3000}', ' ', '\t', '\u{a0}'])
                .len();
        let rest = &text[indent..];
        // A first-level heading is never part of a quotation: a quote left open by a
        // missing `”` ends there.
        let quoted = in_quote && parse_token(rest).is_none_or(|(level, ..)| level != 1);
        in_quote = quotation_goes_on(rest, quoted);
        if quoted {
            continue;
        }
        if let Some(kind) = break_kind(rest) {
            breaks.push(OutlineBreak { line, kind });
        }
        // 附件说明 (`附件：1.…` and the aligned `2.…` lines under it, GB/T 9704 §7.3.4) and
        // notes (`注：1、…`) are lists, not headings.
        if let Some(list) = labelled_list(rest) {
            in_list = list;
            continue;
        }
        if in_list && rest.starts_with(|c: char| is_digit(c)) {
            continue;
        }
        in_list = false;
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
            let token = TextRange::new(start, start + len);
            if doc.in_verbatim(token) {
                continue;
            }
            headings.push(Heading {
                line,
                level,
                number,
                token,
                form,
                marker,
            });
        }
    }
    section_titles_over_articles(doc, &mut headings, &mut breaks);
    (headings, breaks)
}

/// Whether a quotation is still open after a line (`rest`, without indentation). Only a
/// quoted paragraph (one that starts with `“`) carries a quotation over to the next line,
/// and each following paragraph of the quotation starts with `“` again; a quote left open
/// in the middle of a line is a typo (P204), not a quotation of paragraphs.
fn quotation_goes_on(rest: &str, open: bool) -> bool {
    let mut depth = i32::from(open);
    let mut chars = rest.chars();
    if open && rest.starts_with('“') {
        chars.next();
    }
    for c in chars {
        match c {
            '“' => depth += 1,
            '”' => depth = (depth - 1).max(0),
            _ => {}
        }
    }
    depth > 0 && (open || rest.starts_with('“'))
}

/// A bare numbered title right above a `第X条` (`（二）不动产抵押` in a judicial
/// interpretation) heads a group of articles: it is a section of the law, not an item, and
/// the items under the articles must not count on from it.
fn section_titles_over_articles(
    doc: &Document,
    headings: &mut Vec<Heading>,
    breaks: &mut Vec<OutlineBreak>,
) {
    if !breaks.iter().any(|b| b.kind == OutlineBreakKind::Article) {
        return;
    }
    let mut added = Vec::new();
    headings.retain(|h| {
        let title = doc.text[h.token.end()..doc.lines.line(h.line).content.end()].trim();
        let bare = title.chars().count() <= 20
            && !title.contains(|c: char| "。，；：、！？,;:!?".contains(c));
        let next = (h.line + 1..doc.classes.len()).find(|&l| doc.classes[l] != LineClass::Blank);
        let heads_article = next.is_some_and(|n| {
            let i = breaks.partition_point(|b| b.line < n);
            breaks
                .get(i)
                .is_some_and(|b| b.line == n && b.kind == OutlineBreakKind::Article)
        });
        if bare && heads_article {
            added.push(OutlineBreak {
                line: h.line,
                kind: OutlineBreakKind::Article,
            });
        }
        !(bare && heads_article)
    });
    if !added.is_empty() {
        breaks.append(&mut added);
        breaks.sort_by_key(|b| b.line);
    }
}

/// A line that starts with a list label: `附件：…`, `附件1.…`, `注：…`, `备注：…`, `说明：…`.
/// `Some(true)` when a numbered list starts on it (`附件：1.…`, `注：1、…`), whose next
/// lines `2.…` `3.…` go on with it.
fn labelled_list(rest: &str) -> Option<bool> {
    let label = ["附件", "附注", "备注", "说明", "注"]
        .into_iter()
        .find(|l| rest.starts_with(l))?;
    let after = rest[label.len()..].trim_start_matches([' ', '\u{3000}']);
    if let Some(items) = after.strip_prefix(['：', ':']) {
        let items = items.trim_start_matches([' ', '\u{3000}']);
        return Some(items.starts_with(|c: char| is_digit(c)));
    }
    // `附件1.深圳湾口岸…` with `2.…` on the next line.
    if label == "附件" {
        let digits = leading_len(after, |c| c.is_ascii_digit());
        let numbered = digits > 0
            && after[digits..].starts_with(['.', '．', '、'])
            && after[digits..]
                .chars()
                .nth(1)
                .is_some_and(|c| !is_digit(c) && !c.is_whitespace());
        return numbered.then_some(true);
    }
    None
}

fn break_kind(rest: &str) -> Option<OutlineBreakKind> {
    if is_section_heading(rest) {
        return Some(OutlineBreakKind::Section);
    }
    let trimmed = rest.trim_end();
    if let Some(after) = trimmed.strip_prefix("附件") {
        // `附件`, `附件1`, `附件 2`, `附件一`, `附件：`, `附件1：`.
        let after = after.trim_start_matches(|c: char| {
            c.is_ascii_digit()
                || ('０'..='９').contains(&c)
                || is_chinese_digit(c)
                || c == ' '
                || c == '\u{3000}'
        });
        if after.is_empty() || after == "：" || after == ":" {
            return Some(OutlineBreakKind::Attachment);
        }
        // `附件三：在香港特别行政区实施的全国性法律`, `附件2 统计表`: a numbered attachment
        // with its title on the same line (`附件：1.…` is the 附件说明 instead).
        let label = &trimmed["附件".len()..];
        let numeral = leading_len(label, |c| {
            c.is_ascii_digit() || ('０'..='９').contains(&c) || is_chinese_digit(c)
        });
        if numeral > 0 && label[numeral..].starts_with(['：', ':', ' ', '\u{3000}']) {
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
    let unit_text = &after_di[numeral_len..];
    let unit_len = if unit_text.starts_with("部分") {
        "部分".len()
    } else {
        let unit = unit_text.chars().next()?;
        if !matches!(unit, '章' | '节' | '条' | '编') {
            return None;
        }
        unit.len_utf8()
    };
    let next = unit_text[unit_len..].chars().next();
    next.is_none_or(|c| matches!(c, ' ' | '\u{3000}' | '\t'))
        .then_some(OutlineBreakKind::Article)
}

/// Parses a numbering token at the start of `s`: (level, number, byte length, form).
///
/// A token is a heading when a title follows it, or when it stands alone on its line with
/// the title on the next (`一、`, `（三）`). Not headings: a digit right after the mark
/// (`3、4月份`, `1.5万元`, `9:30`), the next Chinese number after a first-level mark
/// (`三、四月份`, `一、二级`; but `九、1997年…` is a heading), references to items
/// (`（一）至（三）项`), and Arabic numbers before a non-Chinese title (`1. Scope`). Chinese
/// numerals must be written as headings write them (`十一`, `二十`, up to `九十九`); Arabic
/// numbers have one to three digits and no leading zero.
pub(crate) fn parse_token(s: &str) -> Option<(u8, u32, usize, HeadingToken)> {
    let first = s.chars().next()?;
    if first == '（' || first == '(' {
        return parse_bracketed(s, first);
    }
    if is_chinese_digit(first) {
        let numeral_len = leading_len(s, is_chinese_digit);
        let number = chinese_heading_number(&s[..numeral_len])?;
        let sep = s[numeral_len..].chars().next()?;
        let form = match sep {
            '、' => HeadingToken::Canonical,
            '.' | '．' | '，' | ',' | ':' | '：' | ' ' | '\u{3000}' | '\t' => {
                HeadingToken::Wrong
            }
            _ => return None,
        };
        let len = numeral_len + sep.len_utf8();
        let after = &s[len..];
        let title = after.trim_start_matches([' ', '\u{3000}', '\t']);
        // `一、` alone on its line: the title is on the next line.
        let Some(next) = title.chars().next() else {
            return (form == HeadingToken::Canonical).then_some((1, number, len, form));
        };
        if form == HeadingToken::Wrong && !starts_title(next) {
            return None;
        }
        // `三、四月份`, `一、二级`: the next number, so a list of numbers, not a heading.
        // An Arabic number after a Chinese one is a title (`九、1997年7月1日以后…`), but
        // not after a wrong mark (`三.5`, `一，2`).
        if (form == HeadingToken::Wrong && is_digit(next))
            || next_numeral(after) == Some(number + 1)
        {
            return None;
        }
        return Some((1, number, len, form));
    }
    if first.is_ascii_digit() {
        let (number, digits) = arabic_number(s)?;
        let after = &s[digits..];
        let sep = after.chars().next()?;
        let rest = &after[sep.len_utf8()..];
        let title = rest.trim_start_matches([' ', '\u{3000}', '\t']);
        let next = title.chars().next()?;
        // `3、4月份`, `1.5万`, `9:30`: a digit after the separator means no heading.
        if is_digit(next) {
            return None;
        }
        let len = digits + sep.len_utf8();
        let (level, form) = match sep {
            ')' | '）' => (4, HeadingToken::Wrong),
            '.' => (3, HeadingToken::Canonical),
            '．' => (3, HeadingToken::FullwidthDot),
            '、' | '，' | '：' => (3, HeadingToken::Wrong),
            ',' | ':' => (3, HeadingToken::Wrong),
            _ => return None,
        };
        // `1. Scope`, `1, 2 and 3`: English lists are no headings of a Chinese document.
        if !chinese_title(title) {
            return None;
        }
        return Some((level, number, len, form));
    }
    None
}

/// `（一）` `(一)` `（1）` `(1)`, and the wrong `（一）、` `（一）.`.
fn parse_bracketed(s: &str, open: char) -> Option<(u8, u32, usize, HeadingToken)> {
    let inner = &s[open.len_utf8()..];
    let chinese_len = leading_len(inner, is_chinese_digit);
    let (level, number, numeral_len) = if chinese_len > 0 {
        (
            2,
            chinese_heading_number(&inner[..chinese_len])?,
            chinese_len,
        )
    } else {
        let (number, digits) = arabic_number(inner)?;
        (4, number, digits)
    };
    let close = inner[numeral_len..]
        .chars()
        .next()
        .filter(|c| *c == '）' || *c == ')')?;
    let mut len = open.len_utf8() + numeral_len + close.len_utf8();
    let mut wrong = open != '（' || close != '）';
    // `（一）、` and `（一）.`: a separator after brackets is wrong.
    if let Some(sep) = s[len..]
        .chars()
        .next()
        .filter(|c| matches!(c, '、' | '.' | '．' | ',' | '，'))
    {
        len += sep.len_utf8();
        wrong = true;
    }
    // `（一）至（三）项所列人员`, `（四）、（五）项`, `（二）项规定的`: a reference to
    // items, not a heading (but `（三）和平统一`, `（八）项目管理` are headings).
    let after = &s[len..];
    let joined = after
        .strip_prefix(['至', '到', '和', '及', '或'])
        .unwrap_or(after);
    let another = joined.starts_with(['（', '('])
        && joined
            .chars()
            .nth(1)
            .is_some_and(|c| is_chinese_digit(c) || c.is_ascii_digit());
    if another || after.starts_with("项所列") || after.starts_with("项规定") {
        return None;
    }
    // `（三）` alone on its line: the title is on the next line.
    let next = s[len..]
        .trim_start_matches([' ', '\u{3000}', '\t'])
        .chars()
        .next();
    // `(1) The…`: ASCII brackets before English are not a Chinese heading.
    if level == 4 && open == '(' && !(next.is_some() && chinese_title(&s[len..])) {
        return None;
    }
    let form = if wrong {
        HeadingToken::Wrong
    } else {
        HeadingToken::Canonical
    };
    Some((level, number, len, form))
}

/// A number of headings in Chinese numerals, written the canonical way (`十一`, not `一十一`
/// or `一一`), 1 to 99.
fn chinese_heading_number(numeral: &str) -> Option<u32> {
    let number = parse_number(numeral).filter(|n| (1..=99).contains(n))?;
    (chinese_numeral(number) == numeral).then_some(number)
}

/// One to three ASCII digits without a leading zero, not followed by a fourth: (number,
/// byte length).
fn arabic_number(s: &str) -> Option<(u32, usize)> {
    let digits = leading_len(s, |c| c.is_ascii_digit());
    if digits == 0 || digits > 3 || s.starts_with('0') {
        return None;
    }
    Some((s[..digits].parse().ok()?, digits))
}

/// The number a run of Chinese numerals at the start of `s` makes, if any (`二〇一二`
/// makes 2012).
fn next_numeral(s: &str) -> Option<u32> {
    let len = leading_len(s, |c| is_chinese_digit(c) || matches!(c, '〇' | '零' | '○'));
    (len > 0).then(|| parse_number(&s[..len])).flatten()
}

/// A title in Chinese: it starts with an ideograph or an opening mark, or has an ideograph
/// within its first few characters (`GDP增长`, `PPP项目`).
fn chinese_title(title: &str) -> bool {
    let title = title.trim_start_matches([' ', '\u{3000}', '\t']);
    title.chars().next().is_some_and(starts_title) || title.chars().take(8).any(is_ideograph)
}

/// A character a Chinese title can start with: an ideograph or an opening mark.
fn starts_title(c: char) -> bool {
    is_ideograph(c) || matches!(c, '“' | '‘' | '《' | '（' | '〔' | '【' | '「' | '×')
}

/// A decimal-numbered section of a plan or standard: a title `3　预警监测`, `3.1 市场监测`,
/// or a numbered clause `4.2.2　国务院批准启动本预案后，…` (the `（1）` items under it
/// restart, as under a 条).
fn is_section_heading(rest: &str) -> bool {
    let mut s = rest;
    let mut parts = 0;
    for part in 0..4 {
        parts += 1;
        let digits = leading_len(s, |c| c.is_ascii_digit());
        if digits == 0 || digits > 2 {
            return false;
        }
        s = &s[digits..];
        match s.strip_prefix('.') {
            Some(after) if part < 3 && after.starts_with(|c: char| c.is_ascii_digit()) => s = after,
            _ => break,
        }
    }
    let title = s.trim_start_matches([' ', '\u{3000}', '\t']);
    title.len() < s.len()
        && title.starts_with(is_ideograph)
        && (parts > 1
            || (title.chars().count() <= 30
                && !title.contains(|c: char| "。，；：、！？,;:!?".contains(c))))
}

fn is_digit(c: char) -> bool {
    c.is_ascii_digit() || ('０'..='９').contains(&c)
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
        assert_eq!(token("三、四月份"), None);
        assert_eq!(token("一、二级响应"), None);
        assert_eq!(token("1. 5万元"), None);
    }

    #[test]
    fn refinements() {
        use HeadingToken::*;
        // 两 is no numeral of a list: seed 002's misplaced line break makes a heading.
        assert_eq!(token("一、两个群众热盼"), Some((1, 1, "一、", Canonical)));
        assert_eq!(token("一、一体推进"), Some((1, 1, "一、", Canonical)));
        assert_eq!(token("九十九、其他"), Some((1, 99, "九十九、", Canonical)));
        assert_eq!(token("一十一、其他"), None);
        assert_eq!(token("一一、其他"), None);
        assert_eq!(token("一百、其他"), None);
        assert_eq!(token("一：总体要求"), Some((1, 1, "一：", Wrong)));
        assert_eq!(token("一 总体要求"), Some((1, 1, "一 ", Wrong)));
        assert_eq!(token("一 "), None);
        assert_eq!(token("一、"), Some((1, 1, "一、", Canonical)));
        assert_eq!(token("（一）"), Some((2, 1, "（一）", Canonical)));
        assert_eq!(token("(1)"), None);
        assert_eq!(token("1."), None);
        assert_eq!(token("999.其他"), Some((3, 999, "999.", Canonical)));
        assert_eq!(token("1000.其他"), None);
        assert_eq!(token("01.其他"), None);
        assert_eq!(token("1，坚持"), Some((3, 1, "1，", Wrong)));
        assert_eq!(token("1:坚持"), Some((3, 1, "1:", Wrong)));
        assert_eq!(token("1) 具体"), Some((4, 1, "1)", Wrong)));
        assert_eq!(token("（一）.总体"), Some((2, 1, "（一）.", Wrong)));
        assert_eq!(token("（一）2019年以来"), Some((2, 1, "（一）", Canonical)));
        assert_eq!(
            token("九、1997年7月1日以后"),
            Some((1, 9, "九、", Canonical))
        );
        assert_eq!(token("一、二〇一二年选举"), Some((1, 1, "一、", Canonical)));
        assert_eq!(token("三.5倍"), None);
        // References to items are no headings.
        assert_eq!(token("（一）至（三）项所列人员"), None);
        assert_eq!(token("（四）、（五）项所列人员"), None);
        assert_eq!(token("（二）项规定的情形"), None);
        assert_eq!(
            token("（三）和平统一的步骤"),
            Some((2, 3, "（三）", Canonical))
        );
        assert_eq!(
            token("（八）项目管理制度"),
            Some((2, 8, "（八）", Canonical))
        );
        // English lists are no Chinese headings.
        assert_eq!(token("1, 2 and 3 are"), None);
        assert_eq!(token("1) Scope"), None);
        assert_eq!(token("(1) Scope"), None);
        assert_eq!(token("1. Scope of application"), None);
        assert_eq!(token("1.GDP增长"), Some((3, 1, "1.", Canonical)));
    }

    #[test]
    fn breaks() {
        assert_eq!(break_kind("附件1"), Some(OutlineBreakKind::Attachment));
        assert_eq!(break_kind("附件："), Some(OutlineBreakKind::Attachment));
        assert_eq!(break_kind("附件：政府网站集约化试点工作方案"), None);
        assert_eq!(
            break_kind("附件三：在香港特别行政区实施的全国性法律"),
            Some(OutlineBreakKind::Attachment)
        );
        assert_eq!(
            break_kind("附件2 统计表"),
            Some(OutlineBreakKind::Attachment)
        );
        assert_eq!(
            break_kind("第一条　为了规范"),
            Some(OutlineBreakKind::Article)
        );
        assert_eq!(break_kind("第一章 总则"), Some(OutlineBreakKind::Article));
        assert_eq!(break_kind("第一批先进性教育活动"), None);
        assert_eq!(break_kind("附件一"), Some(OutlineBreakKind::Attachment));
        assert_eq!(break_kind("附件2："), Some(OutlineBreakKind::Attachment));
        assert_eq!(
            break_kind("第一部分 总体要求"),
            Some(OutlineBreakKind::Article)
        );
        assert_eq!(break_kind("第三条规定的情形"), None);
        assert_eq!(break_kind("3　预警监测"), Some(OutlineBreakKind::Section));
        assert_eq!(break_kind("3.1 市场监测"), Some(OutlineBreakKind::Section));
        assert_eq!(break_kind("1.2.3　数据"), Some(OutlineBreakKind::Section));
        assert_eq!(break_kind("3.1市场监测"), None);
        assert_eq!(
            break_kind("4.2.2　国务院批准启动本预案后，国家粮食应急工作指挥部："),
            Some(OutlineBreakKind::Section)
        );
        assert_eq!(break_kind("1. 总体要求"), None);
        assert_eq!(break_kind("3 个工作日内，完成审核"), None);
        assert_eq!(break_kind("2019　年度"), None);
    }

    fn lines_of(text: &str) -> Vec<(usize, String)> {
        let doc = Document::parse(text.to_string(), crate::document::Format::Markdown);
        doc.headings
            .iter()
            .map(|h| (h.line, doc.text[h.token.range()].to_string()))
            .collect()
    }

    #[test]
    fn lists_quotations_and_section_titles_are_no_items() {
        // 附件说明 and notes, also with blank lines between their lines.
        assert_eq!(
            lines_of("附件：1.甲方案\n\n2.乙方案\n\n注：1、坐标系统\n2、单位为米\n3.其他"),
            []
        );
        assert_eq!(lines_of("附件1.深圳湾坐标\n\n2.桥面坐标"), []);
        assert_eq!(lines_of("附件：甲方案\n1.正文"), [(1, "1.".to_string())]);
        // An amendment quoting numbered text.
        let text = "1.将第一条修改为：\n\n“人民法院受理下列案件：\n\n1.专利案件；\n\n2.商标案件。”\n\n2.删除第二条。";
        assert_eq!(
            lines_of(text),
            [(0, "1.".to_string()), (8, "2.".to_string())]
        );
        // A quote left open mid-line does not swallow the headings after it.
        assert_eq!(
            lines_of("一、要坚持“三个代表\n二、其他"),
            [(0, "一、".to_string()), (1, "二、".to_string())]
        );
        // A bare title over articles is a section of the law.
        let text = "## 三、关于担保物权\n\n（一）担保合同的效力\n\n第三十七条 下列情形：\n\n（一）甲；\n\n（二）乙。\n\n（二）不动产抵押\n\n第四十六条 正文。";
        let doc = Document::parse(text.to_string(), crate::document::Format::Markdown);
        let items: Vec<usize> = doc.headings.iter().map(|h| h.line).collect();
        assert_eq!(items, [6, 8]);
        assert_eq!(doc.breaks.len(), 5);
    }
}
