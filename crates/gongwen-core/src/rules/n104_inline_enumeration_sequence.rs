//! # N104 inline-enumeration-sequence：段内序列词顺序错乱
//!
//! ## 检查内容
//!
//! 同一段落内用序列词列举时，序数应依次递增。本规则检查三种序列：`一是` `二是`……、
//! `一要` `二要`……、`第一，` `第二，`……，报告跳号（`一是…二是…四是`）、重复（两个 `二是`）
//! 和倒退；同一段内再次出现 `一是` 视为另起一组列举，不报告。
//!
//! 段落首个序列词不是“一”时，通常是上一段的延续，不报告；但若段内前文已用另一种序列词起头
//! （`首先…二是…三是`、`其一…二是`、`第一，…二是`），说明序列词混用、缺少“一是”，报告在第一个
//! 接续的序列词上。
//!
//! 只认独立的序列词：前面是段首、标点或空格。`统一要求`、`第一要务`、`原因之一是`、`安全第一，`
//! `第一次`、`第一批`、`第一书记`、`三要素`、`一是一，二是二` 都不是序列词。段落在纯文本中是一行，
//! 在 Markdown 中是空行之间的一块。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》附录 B.2 列出序次语的各个系列（`一` `二`、`第一` `第二`、
//! `首先` `其次` 等）及其后的标点。同一组列举用同一系列、依次递增，不混用（`首先……其次……第三`
//! 是常见的语病）属写作规范，标准没有逐字规定，故本规则只是提示（info）。
//!
//! ## 示例
//!
//! ```text
//! 主要存在以下问题：一是报警装置安装不规范；二是管网隐患整改进度偏慢；四是“黑气瓶”仍未根除。
//! 首先市委领导班子作好表率，带头参加学习。……二是突出重点，抓好重点活动。……三是采取各种灵活措施。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 主要存在以下问题：一是报警装置安装不规范；二是管网隐患整改进度偏慢；三是“黑气瓶”仍未根除。
//! 一是市委领导班子作好表率，带头参加学习。……二是突出重点，抓好重点活动。……三是采取各种灵活措施。
//! ```
//!
//! ## 修复
//!
//! 不提供自动修复：可能是序数写错，也可能是漏了一项，需由起草人判断。

use crate::normalize::{chinese_numeral, parse_number};
use std::sync::LazyLock;

use memchr::memmem::Finder;

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "N104",
    name: "inline-enumeration-sequence",
    summary: "段内序列词顺序错乱",
    summary_en: "inline enumeration out of order",
    default_severity: Severity::Info,
    needs_archive: false,
    fix: "none",
    source: include_str!("n104_inline_enumeration_sequence.rs"),
    check,
};

/// The series of an inline ordinal.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Series {
    /// `一是` `二是`
    Shi,
    /// `一要` `二要`
    Yao,
    /// `第一，` `第二，`
    Di,
}

impl Series {
    fn word(self, number: u32) -> String {
        let numeral = chinese_numeral(number);
        match self {
            Series::Shi => format!("{numeral}是"),
            Series::Yao => format!("{numeral}要"),
            Series::Di => format!("第{numeral}"),
        }
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Marker {
    series: Series,
    number: u32,
    /// The ordinal's characters (`四是`, `第三`).
    range: TextRange,
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let mut markers = Vec::new();
    let mut line = 0;
    while line < doc.lines.len() {
        if !doc.is_linted_line(line) {
            line += 1;
            continue;
        }
        let paragraph = doc.paragraph_of(line);
        markers.clear();
        let mut openers = Vec::new();
        let mut previous_end: Option<char> = None;
        for l in paragraph.clone() {
            if !doc.is_linted_line(l) {
                previous_end = None;
                continue;
            }
            let content = doc.lines.line(l).content;
            let text = &doc.text[content.range()];
            // A line that continues a Markdown paragraph starts at a boundary unless the
            // line before ends inside a word.
            let starts_free = previous_end.is_none_or(|c| !is_ideograph(c));
            scan(
                text,
                content.start(),
                starts_free,
                &mut markers,
                &mut openers,
            );
            previous_end = text.chars().next_back();
        }
        markers.retain(|m| !doc.in_verbatim(m.range));
        markers.sort_by_key(|m| m.range.start);
        for series in [Series::Shi, Series::Yao, Series::Di] {
            check_series(doc, series, &markers, &openers, out);
        }
        line = paragraph.end.max(line + 1);
    }
}

/// Reports the markers of one series that break its order.
fn check_series(
    doc: &crate::document::Document,
    series: Series,
    markers: &[Marker],
    openers: &[(TextRange, &'static str)],
    out: &mut Vec<Diagnostic>,
) {
    let mut previous: Option<u32> = None;
    for marker in markers.iter().filter(|m| m.series == series) {
        let written = &doc.text[marker.range.range()];
        let message = match previous {
            None if marker.number != 1 => {
                // A first ordinal other than 1 continues the paragraph before, unless another
                // series opened this one (`首先…二是`).
                let opener = openers
                    .iter()
                    .filter(|(r, _)| r.end <= marker.range.start)
                    .map(|(r, word)| (r.start, word.to_string()))
                    .chain(
                        markers
                            .iter()
                            .filter(|m| {
                                m.series != series
                                    && m.number == 1
                                    && m.range.end <= marker.range.start
                            })
                            .map(|m| (m.range.start, doc.text[m.range.range()].to_string())),
                    )
                    .min_by_key(|(start, _)| *start);
                opener.map(|(_, word)| {
                    let first = series.word(1);
                    Message::new(
                        format!("序列词混用：前文以“{word}”起头，此处接“{written}”，缺少“{first}”；同一组列举应统一用一种序列词"),
                        format!("mixed ordinals: the list opens with “{word}” and goes on with “{written}”, without “{first}”; use one series"),
                    )
                })
            }
            None => None,
            // `一是` again: a new list in the same paragraph.
            Some(_) if marker.number == 1 => None,
            Some(p) if marker.number == p + 1 => None,
            Some(p) => {
                let want = series.word(p + 1);
                Some(if marker.number == p {
                    Message::new(
                        format!("段内序列词重复：“{written}”出现两次，此处应为“{want}”"),
                        format!("inline ordinal repeated: “{written}” twice, expected “{want}”"),
                    )
                } else if marker.number < p {
                    Message::new(
                        format!(
                            "段内序列词倒退：前文已到“{}”，此处应为“{want}”，实为“{written}”",
                            series.word(p)
                        ),
                        format!(
                            "inline ordinal goes back: after “{}” expected “{want}”, found “{written}”",
                            series.word(p)
                        ),
                    )
                } else {
                    Message::new(
                        format!("段内序列词不连续：此处应为“{want}”，实为“{written}”"),
                        format!("inline ordinal skipped: expected “{want}”, found “{written}”"),
                    )
                })
            }
        };
        if let Some(message) = message {
            out.push(Diagnostic::new(RULE.code, marker.range, message));
        }
        previous = Some(marker.number);
    }
}

/// Substring searchers built once: building one per line costs more than the search.
struct Finders {
    shi: Finder<'static>,
    yao: Finder<'static>,
    di: Finder<'static>,
    shouxian: Finder<'static>,
    qiyi: Finder<'static>,
}

static FINDERS: LazyLock<Finders> = LazyLock::new(|| Finders {
    shi: Finder::new("是"),
    yao: Finder::new("要"),
    di: Finder::new("第"),
    shouxian: Finder::new("首先"),
    qiyi: Finder::new("其一"),
});

/// Finds the ordinals of one line (`base` is its offset in the text): `X是`, `X要`, `第X，`,
/// and the openers `首先` `其一`.
fn scan(
    text: &str,
    base: usize,
    starts_free: bool,
    markers: &mut Vec<Marker>,
    openers: &mut Vec<(TextRange, &'static str)>,
) {
    let bytes = text.as_bytes();
    let free_before = |at: usize| -> bool {
        match char_before(text, at) {
            None => starts_free,
            Some(c) => !is_ideograph(c) && !c.is_alphanumeric() && !matches!(c, '第' | '之'),
        }
    };
    for (finder, word, series) in [
        (&FINDERS.shi, "是", Series::Shi),
        (&FINDERS.yao, "要", Series::Yao),
    ] {
        for at in finder.find_iter(bytes) {
            let numeral_len = trailing_numeral_len(&text[..at]);
            if numeral_len == 0 {
                continue;
            }
            let start = at - numeral_len;
            let Some(number) = ordinal_number(&text[start..at]) else {
                continue;
            };
            if !free_before(start) {
                continue;
            }
            let after = &text[at + word.len()..];
            // `一是一，二是二`, `三要素`, `一是否`: no ordinals.
            if after.starts_with(&text[start..at]) || after.starts_with(['素', '否']) {
                continue;
            }
            markers.push(Marker {
                series,
                number,
                range: TextRange::new(base + start, base + at + word.len()),
            });
        }
    }
    for at in FINDERS.di.find_iter(bytes) {
        let after = &text[at + '第'.len_utf8()..];
        let numeral_len: usize = after
            .chars()
            .take_while(|&c| is_chinese_digit(c))
            .map(char::len_utf8)
            .sum();
        if numeral_len == 0 || !after[numeral_len..].starts_with(['，', ',', '、', '：', ':']) {
            continue;
        }
        let Some(number) = ordinal_number(&after[..numeral_len]) else {
            continue;
        };
        if !free_before(at) {
            continue;
        }
        let end = at + '第'.len_utf8() + numeral_len;
        markers.push(Marker {
            series: Series::Di,
            number,
            range: TextRange::new(base + at, base + end),
        });
    }
    for (finder, word) in [(&FINDERS.shouxian, "首先"), (&FINDERS.qiyi, "其一")] {
        for at in finder.find_iter(bytes) {
            if free_before(at) {
                openers.push((TextRange::new(base + at, base + at + word.len()), word));
            }
        }
    }
}

/// An ordinal in Chinese numerals written the usual way (`三`, `十一`), 1 to 99.
fn ordinal_number(numeral: &str) -> Option<u32> {
    let number = parse_number(numeral).filter(|n| (1..=99).contains(n))?;
    (chinese_numeral(number) == numeral).then_some(number)
}

/// Byte length of the run of Chinese numerals that ends `s`.
fn trailing_numeral_len(s: &str) -> usize {
    s.chars()
        .rev()
        .take_while(|&c| is_chinese_digit(c))
        .map(char::len_utf8)
        .sum()
}

fn is_chinese_digit(c: char) -> bool {
    matches!(
        c,
        '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn markers(text: &str) -> Vec<(Series, u32, &str)> {
        let mut found = Vec::new();
        let mut openers = Vec::new();
        scan(text, 0, true, &mut found, &mut openers);
        found.sort_by_key(|m| m.range.start);
        found
            .iter()
            .map(|m| (m.series, m.number, &text[m.range.range()]))
            .collect()
    }

    #[test]
    fn finds_free_standing_ordinals_only() {
        use Series::*;
        assert_eq!(
            markers("问题：一是甲；二是乙。一要丙，第三，丁"),
            [
                (Shi, 1, "一是"),
                (Shi, 2, "二是"),
                (Yao, 1, "一要"),
                (Di, 3, "第三")
            ]
        );
        assert_eq!(
            markers("十一是其他；二十是最后"),
            [(Shi, 11, "十一是"), (Shi, 20, "二十是")]
        );
        for quiet in [
            "统一要求",
            "第一要务",
            "原因之一是",
            "安全第一，预防为主",
            "第一次会议，第一批单位",
            "第一书记",
            "，三要素齐全",
            "一是一，二是二",
            "，一一是",
            "坚持一是一、二是二的原则",
        ] {
            assert_eq!(markers(quiet), [], "{quiet}");
        }
    }

    fn findings(text: &str, format: crate::document::Format) -> Vec<String> {
        let doc = crate::document::Document::parse(text.to_string(), format);
        let config = crate::config::Config::only("N104");
        crate::rules::check(&doc, None, None, &config)
            .iter()
            .map(|d| doc.text[d.range.range()].to_string())
            .collect()
    }

    #[test]
    fn a_markdown_paragraph_runs_over_its_lines() {
        use crate::document::Format;
        let text = "问题有：一是甲；\n二是乙；\n四是丙。\n\n四是另一段。";
        assert_eq!(findings(text, Format::Markdown), ["四是"]);
        // In plain text each line is a paragraph: `四是` may go on from the line before.
        assert_eq!(findings(text, Format::Plain), Vec::<String>::new());
        // A line break inside a word does not make an ordinal: `统\n一要求`.
        assert_eq!(
            findings("一要甲；二要乙；统\n一要求丙。", Format::Markdown),
            Vec::<String>::new()
        );
    }
}
