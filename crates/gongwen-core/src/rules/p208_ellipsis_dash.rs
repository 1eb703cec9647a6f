//! # P208 ellipsis-dash：省略号或破折号写法不规范
//!
//! ## 检查内容
//!
//! 省略号、破折号没有用规范形式：
//!
//! - 省略号写成三至六个英文句点 `...`、三个以上句号 `。。。`、三至六个间隔号 `···` `・・・`
//!   或全角句点 `．．．`，或只写了一个 `…`（应为两个，即六个点 `……`）；
//! - 破折号写成两个连字符 `--`、两个全角连字符 `－－` 或两个制表线 `──`（应为 `——`）。
//!
//! 只在中文语境中报告：记号的前一个或后一个字符是汉字或全角标点。下列写法不报告：
//!
//! - 单个一字线 `—`：它是连接号，标示时间、地域等的起止（`3日—10日`、`北京—上海`），用法正确；
//! - 规范的 `……`（含十二个点的 `…………`）和 `——`；
//! - 英文里的省略号（前面紧挨英文字母，如 `etc...`、`wait…`），数字或字母之间的 `--`
//!   （`2019--2025`、命令行参数 `--fix`），`<!--` `-->` 注释标记，Markdown 分隔线 `---`
//!   和表格分隔行 `|---|`，以及七个点以上的目录引导线 `总则..........1`。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》4.11：省略号的形式为“……”，六个小圆点，占两个字的位置；
//! 4.10：破折号的形式为“——”，占两个字的位置；4.13：连接号的一字线“—”占一个字的位置，
//! 标示时间、地域等的起止。5.1：破折号和省略号都占两个字的位置，中间不能断开。
//!
//! ## 示例
//!
//! ```text
//! 问题主要集中在三类场所--餐饮门店、农贸市场和城中村出租屋。
//! 违规存放气瓶...屡查屡犯现象较为突出。
//! 疏散指示缺失。。。凡是发现的问题都要立即整改。
//! 他沉默了片刻…又继续说下去。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 问题主要集中在三类场所——餐饮门店、农贸市场和城中村出租屋。
//! 违规存放气瓶……屡查屡犯现象较为突出。
//! 疏散指示缺失……凡是发现的问题都要立即整改。
//! 他沉默了片刻……又继续说下去。
//! ```
//!
//! ## 修复
//!
//! 安全修复：把整串记号换成 `……` 或 `——`，其余字符不动；修复后不再报告。`。。。` 同时是
//! P206（标点重复）的对象，此时只报告本规则。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P208",
    name: "ellipsis-dash",
    summary: "省略号或破折号写法不规范",
    summary_en: "wrong ellipsis or dash",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p208_ellipsis_dash.rs"),
    check,
};

/// The marks this rule looks at.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Mark {
    /// `.`
    Dot,
    /// `．` U+FF0E
    FullwidthDot,
    /// `。`
    Stop,
    /// `·` U+00B7
    MiddleDot,
    /// `・` U+30FB
    KatakanaDot,
    /// `…` U+2026
    Ellipsis,
    /// `-`
    Hyphen,
    /// `－` U+FF0D
    FullwidthHyphen,
    /// `─` U+2500
    BoxDash,
}

/// The mark whose UTF-8 encoding starts at `bytes[i]`, with its length.
fn mark_at(bytes: &[u8], i: usize) -> Option<(Mark, usize)> {
    let next = |k: usize| bytes.get(i + k).copied();
    let mark = match *bytes.get(i)? {
        b'.' => return Some((Mark::Dot, 1)),
        b'-' => return Some((Mark::Hyphen, 1)),
        0xC2 if next(1) == Some(0xB7) => return Some((Mark::MiddleDot, 2)),
        0xE2 => match (next(1), next(2)) {
            (Some(0x80), Some(0xA6)) => Mark::Ellipsis,
            (Some(0x94), Some(0x80)) => Mark::BoxDash,
            _ => return None,
        },
        0xE3 => match (next(1), next(2)) {
            (Some(0x80), Some(0x82)) => Mark::Stop,
            (Some(0x83), Some(0xBB)) => Mark::KatakanaDot,
            _ => return None,
        },
        0xEF => match (next(1), next(2)) {
            (Some(0xBC), Some(0x8D)) => Mark::FullwidthHyphen,
            (Some(0xBC), Some(0x8E)) => Mark::FullwidthDot,
            _ => return None,
        },
        _ => return None,
    };
    Some((mark, 3))
}

/// What a run of marks should be, if it is a wrong ellipsis or dash.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Wrong {
    Ellipsis,
    Dash,
}

/// Judges a run of `count` identical marks with the characters around it.
fn judge(mark: Mark, count: usize, before: Option<char>, after: Option<char>) -> Option<Wrong> {
    let cjk_before = before.is_some_and(is_cjk);
    let cjk_after = after.is_some_and(is_cjk);
    let ascii_alnum = |c: Option<char>| c.is_some_and(|c| c.is_ascii_alphanumeric());
    // An ellipsis right after an English word belongs to English text (`etc...`, `wait…”`).
    let english =
        before.is_some_and(|c| c.is_ascii_alphabetic()) && !after.is_some_and(is_ideograph);
    let ellipsis_context = !english && (cjk_before || cjk_after);
    match mark {
        // Seven dots or more are a leader (`总则..........1`), not an ellipsis.
        Mark::Dot | Mark::FullwidthDot | Mark::MiddleDot | Mark::KatakanaDot => {
            ((3..=6).contains(&count) && ellipsis_context).then_some(Wrong::Ellipsis)
        }
        Mark::Stop => (count >= 3).then_some(Wrong::Ellipsis),
        Mark::Ellipsis => (count == 1 && ellipsis_context).then_some(Wrong::Ellipsis),
        Mark::Hyphen => {
            let comment = before.is_some_and(|c| matches!(c, '<' | '!')) || after == Some('>');
            (count == 2
                && !comment
                && !ascii_alnum(before)
                && !ascii_alnum(after)
                && (cjk_before || cjk_after))
                .then_some(Wrong::Dash)
        }
        Mark::FullwidthHyphen => {
            (count == 2 && !ascii_alnum(before) && !ascii_alnum(after) && (cjk_before || cjk_after))
                .then_some(Wrong::Dash)
        }
        // Box-drawing lines sit between other box-drawing characters, never between words.
        Mark::BoxDash => (count == 2 && cjk_before && cjk_after).then_some(Wrong::Dash),
    }
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, line) in linted_lines(doc) {
        let bytes = line.as_bytes();
        let mut i = 0;
        while i < bytes.len() {
            let Some((mark, len)) = mark_at(bytes, i) else {
                // Step over the whole character: its continuation bytes are no marks.
                i += match bytes[i] {
                    0xf0.. => 4,
                    0xe0.. => 3,
                    0xc0.. => 2,
                    _ => 1,
                };
                continue;
            };
            let mut end = i + len;
            let mut count = 1;
            while matches!(mark_at(bytes, end), Some((m, _)) if m == mark) {
                end += len;
                count += 1;
            }
            let start = i;
            i = end;
            let Some(wrong) = judge(mark, count, char_before(line, start), char_at(line, end))
            else {
                continue;
            };
            let range = TextRange::new(start, end).shift(content.start());
            if doc.in_verbatim(range) {
                continue;
            }
            let written = &line[start..end];
            let diagnostic = match wrong {
                Wrong::Ellipsis => Diagnostic::new(
                    RULE.code,
                    range,
                    Message::new(
                        format!("省略号应为六个点“……”：{written} → ……"),
                        format!("an ellipsis is written “……”: {written} → ……"),
                    ),
                )
                .with_fix(Fix::safe(
                    Message::new("改为省略号“……”", "Use “……”"),
                    vec![Edit::new(range, "……")],
                )),
                Wrong::Dash => Diagnostic::new(
                    RULE.code,
                    range,
                    Message::new(
                        format!("破折号应为“——”：{written} → ——"),
                        format!("a dash (破折号) is written “——”: {written} → ——"),
                    ),
                )
                .with_fix(Fix::safe(
                    Message::new("改为破折号“——”", "Use “——”"),
                    vec![Edit::new(range, "——")],
                )),
            };
            out.push(diagnostic);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_are_judged_by_length_and_context() {
        let j = |mark, count, before, after| judge(mark, count, before, after);
        assert_eq!(
            j(Mark::Dot, 3, Some('瓶'), Some('屡')),
            Some(Wrong::Ellipsis)
        );
        assert_eq!(j(Mark::Dot, 3, Some('c'), Some('”')), None);
        assert_eq!(j(Mark::Dot, 10, Some('则'), Some('1')), None);
        assert_eq!(j(Mark::Dot, 2, Some('等'), None), None);
        assert_eq!(
            j(Mark::Stop, 3, Some('失'), Some('凡')),
            Some(Wrong::Ellipsis)
        );
        assert_eq!(
            j(Mark::Ellipsis, 1, Some('刻'), Some('又')),
            Some(Wrong::Ellipsis)
        );
        assert_eq!(j(Mark::Ellipsis, 2, Some('刻'), Some('又')), None);
        assert_eq!(
            j(Mark::Hyphen, 2, Some('所'), Some('餐')),
            Some(Wrong::Dash)
        );
        assert_eq!(j(Mark::Hyphen, 2, Some('用'), Some('f')), None);
        assert_eq!(j(Mark::Hyphen, 2, Some('注'), Some('>')), None);
        assert_eq!(j(Mark::Hyphen, 3, Some('所'), Some('餐')), None);
        assert_eq!(j(Mark::BoxDash, 2, Some('目'), Some('│')), None);
    }
}
