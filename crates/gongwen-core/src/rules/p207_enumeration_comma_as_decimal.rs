//! # P207 enumeration-comma-as-decimal：顿号误作小数点
//!
//! ## 检查内容
//!
//! 两个阿拉伯数字之间的顿号 `、` 疑为小数点：顿号后的数字紧跟着 `%` `‰` `分` `元` `万` `亿`
//! `倍` 之一，如 `98、8%` `99、5分` `98、85%` `2、5倍`。这多是输入法把小数点打成了顿号。
//!
//! 下列情形是列举，不报告：
//!
//! - 后面是别的量词或单位：`3、4月` `7、8个`；
//! - 连续列举：`1、2、3%`、`110、119、120`；
//! - 相邻的两个一位数，表示约数或并列：`3、4万元` `7、8倍`；
//! - 两个位数相同、后大于前的整数，多为并列：`10、20万元`；
//! - 行首的数字加顿号是层次序号（`1、5%以上的企业……`，交给 N102）；
//! - 前一个数已带小数点（`1.5、2%`），或前面有 `第`（`第3、4分册`）；`分钟` 不算 `分`。
//!
//! ## 依据
//!
//! GB/T 15835-2011《出版物上数字用法》：小数点用下脚点“.”；GB/T 15834-2011《标点符号用法》
//! 4.5：顿号用于并列词语之间，不能代替小数点。
//!
//! ## 示例
//!
//! ```text
//! 参考率达100%，答卷回收率达98、8%，平均成绩99、5分。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 参考率达100%，答卷回收率达98.8%，平均成绩99.5分。
//! ```
//!
//! ## 修复
//!
//! 报告的范围是整个数（`98、8`）。建议修复（不自动应用）：只把顿号换成小数点 `.`。顿号也可能确是列举（“得1、5分”），
//! 所以只作提示（info），由作者确认。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P207",
    name: "enumeration-comma-as-decimal",
    summary: "顿号误作小数点",
    summary_en: "enumeration comma used as a decimal point",
    default_severity: Severity::Info,
    needs_archive: false,
    fix: "suggestion",
    source: include_str!("p207_enumeration_comma_as_decimal.rs"),
    check,
};

const COMMA: &str = "、";

/// The value of a short run of digits (`None` when it is too long to matter).
fn number(digits: &str) -> Option<u64> {
    if digits.chars().count() > 12 {
        return None;
    }
    Some(
        digits
            .chars()
            .filter_map(digit_value)
            .fold(0, |n, d| n * 10 + u64::from(d)),
    )
}

/// Where the unit after the digits makes a decimal likely: `%`, `‰`, `分` (not `分钟`), `元`,
/// `万`, `亿`, `倍`.
fn decimal_unit(rest: &str) -> bool {
    let mut chars = rest.chars();
    match chars.next() {
        Some('%' | '％' | '‰' | '元' | '万' | '亿' | '倍') => true,
        Some('分') => chars.next() != Some('钟'),
        _ => false,
    }
}

/// True when `before、after` followed by a unit reads as a list or an approximation rather
/// than a mistyped decimal.
fn reads_as_list(before: &str, after: &str) -> bool {
    let (Some(a), Some(b)) = (number(before), number(after)) else {
        return true;
    };
    let (la, lb) = (before.chars().count(), after.chars().count());
    // 3、4万 7、8倍: neighbouring one-digit numbers.
    if la == 1 && lb == 1 && b == a + 1 {
        return true;
    }
    // 10、20万: two integers of the same length, rising.
    la == lb && la > 1 && b > a && !after.starts_with(['0', '０'])
}

/// The start of the run of digits that ends at `end`.
fn digits_start(line: &str, end: usize) -> usize {
    line[..end]
        .char_indices()
        .rev()
        .take_while(|&(_, c)| digit_value(c).is_some())
        .last()
        .map_or(end, |(at, _)| at)
}

/// The end of the run of digits that starts at `start`.
fn digits_end(line: &str, start: usize) -> usize {
    line[start..]
        .char_indices()
        .find(|&(_, c)| digit_value(c).is_none())
        .map_or(line.len(), |(at, _)| start + at)
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let finder = memchr::memmem::Finder::new(COMMA.as_bytes());
    for (_, content, line) in linted_lines(doc) {
        for at in finder.find_iter(line.as_bytes()) {
            let after_start = at + COMMA.len();
            let before_start = digits_start(line, at);
            let after_end = digits_end(line, after_start);
            if before_start == at || after_end == after_start {
                continue;
            }
            if !decimal_unit(&line[after_end..]) {
                continue;
            }
            let before = &line[before_start..at];
            let after = &line[after_start..after_end];
            if reads_as_list(before, after) {
                continue;
            }
            // A numbering token at the line's start, a list, a decimal already, or 第.
            if before_start <= indent_len(line) {
                continue;
            }
            if matches!(
                char_before(line, before_start),
                Some('、' | '.' | '．' | '第' | ',' | '，')
            ) {
                continue;
            }
            // The finding covers the number (`98、5`); the fix changes only the comma.
            let range = TextRange::new(before_start, after_end).shift(content.start());
            let comma = TextRange::new(at, after_start).shift(content.start());
            if doc.in_verbatim(range) {
                continue;
            }
            let unit_end = after_end + line[after_end..].chars().next().map_or(0, char::len_utf8);
            let written = &line[before_start..unit_end];
            let corrected = format!("{before}.{}", &line[after_start..unit_end]);
            out.push(
                Diagnostic::new(
                    RULE.code,
                    range,
                    Message::new(
                        format!("顿号疑为小数点：{written} → {corrected}"),
                        format!(
                            "the enumeration comma looks like a decimal point: {written} → {corrected}"
                        ),
                    ),
                )
                .with_fix(Fix::suggestion(
                    Message::new("改为小数点“.”", "Use a decimal point “.”"),
                    vec![Edit::new(comma, ".")],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lists_and_approximations_are_told_from_decimals() {
        assert!(!reads_as_list("98", "8"));
        assert!(!reads_as_list("99", "5"));
        assert!(!reads_as_list("98", "85"));
        assert!(!reads_as_list("2", "5"));
        assert!(!reads_as_list("0", "5"));
        assert!(reads_as_list("3", "4"));
        assert!(reads_as_list("10", "20"));
        assert!(!reads_as_list("12", "05"));
        assert!(decimal_unit("%的"));
        assert!(decimal_unit("分。"));
        assert!(!decimal_unit("分钟"));
        assert!(!decimal_unit("月"));
    }
}
