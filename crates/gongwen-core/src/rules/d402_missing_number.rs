//! # D402 missing-number：日期或数量缺少数字
//!
//! ## 检查内容
//!
//! 起草时空着、后来忘了填的数字：
//!
//! - 日期：`年月日`、`从年月上旬开始`、`×月日`、`2005年月日`，以及同一句里紧接着的
//!   `到月基本结束`；
//! - 时长和数量：`不少于个月`、`为个月左右`、`提高个百分点`、`用天时间`、`为期天`、
//!   `只有-人`、`增长%`。
//!
//! 只在这些固定搭配里报告，以免误报：`年` 前面是数字、占位符、标点、行首或介词（`从` `于`
//! `在` `自` `至` `到`…）时才算缺数字，`每年月底`、`出生年月日`、`战争年月`、`全年月平均`
//! 是词语，不报告；`2019年月度考核`、`2019年月均` 的 `月度` `月均` 也是词语；`个月` 前面是数字、
//! `几` `数` `半` `每` `这` `整` `首` 等时不报告；
//! `用天然气` 不是 `用天时间`；`十月日内瓦`、`5月日均` 不报告。`年　月　日` 这样中间留有空格
//! 的是供手写的表格栏目，不报告。
//!
//! ## 依据
//!
//! 《党政机关公文处理工作条例》第九条（十二）：成文日期署会议通过或者发文机关负责人签发的
//! 日期；GB/T 9704-2012 7.3.5：成文日期用阿拉伯数字将年、月、日标全；GB/T 15835-2011：
//! 计量和计数的数值用阿拉伯数字书写。正文中缺少数字的日期和数量同样使公文内容不完整，
//! 签发前必须补全。
//!
//! ## 示例
//!
//! ```text
//! 第二批先进性教育活动从年月上旬开始到月基本结束。
//! 集中学习教育的时间一般不少于个月。
//! 全市只有-人未参加学习。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 第二批先进性教育活动从2005年7月上旬开始到12月基本结束。
//! 集中学习教育的时间一般不少于3个月。
//! 全市只有5人未参加学习。
//! ```
//!
//! ## 修复
//!
//! 无修复：缺的数字只有起草者知道。`×月日` 中的 `×` 另由 D401 报告。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "D402",
    name: "missing-number",
    summary: "日期或数量缺少数字",
    summary_en: "date or quantity without its number",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("d402_missing_number.rs"),
    check,
};

/// The characters without which a line holds nothing to report.
static TRIGGERS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::new(&['月', '个', '天', '%', '％', '-', '－', '—', '–']));

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, text) in linted_lines(doc) {
        if !TRIGGERS.any_in(text) {
            continue;
        }
        for gap in gaps(text) {
            let range = TextRange::new(content.start() + gap.start, content.start() + gap.end);
            if doc.in_verbatim(range) {
                continue;
            }
            let written = &text[gap.start..gap.end];
            let message = if gap.date {
                Message::new(
                    format!("日期缺少数字：「{written}」，请补全年、月、日"),
                    format!("date without its numbers: `{written}`"),
                )
            } else {
                Message::new(
                    format!("数量缺少数字：「{written}」，请补上数字"),
                    format!("quantity without its number: `{written}`"),
                )
            };
            out.push(Diagnostic::new(RULE.code, range, message));
        }
    }
}

#[derive(Debug, PartialEq, Eq)]
struct Gap {
    start: usize,
    end: usize,
    date: bool,
}

/// A digit, a Chinese numeral or a placeholder standing for a number.
fn is_number_char(c: char) -> bool {
    c.is_ascii_digit()
        || ('０'..='９').contains(&c)
        || "零〇○一二三四五六七八九十×XxＸｘ".contains(c)
}

/// Words after which a bare `年` needs its number (`从年月上旬`, `于年月日`).
fn is_preposition(c: char) -> bool {
    "从于在自至到止为是即和或及与截".contains(c)
}

/// What may stand before `个月` without a number missing.
fn counts_without_digits(c: char) -> bool {
    is_number_char(c) || "百千万两俩几数多余半每整这那哪各上下本该某头首单逐好同前个".contains(c)
}

/// Words beginning with `日` that follow a month (`十月日内瓦`, `5月日均`).
const RI_WORDS: &[&str] = &[
    "日内瓦",
    "日本",
    "日均",
    "日常",
    "日报",
    "日益",
    "日趋",
    "日夜",
    "日用",
    "日产",
    "日照",
    "日喀则",
    "日元",
    "日语",
    "日文",
    "日化",
    "日历",
    "日记",
    "日程",
    "日志",
    "日光",
    "日落",
    "日出",
    "日韩",
    "日方",
    "日军",
    "日寇",
    "日间",
];

/// Words `月` begins after a year (`2019年月度考核`, `2019年月均`): no number is missing.
const YUE_WORDS: &[&str] = &[
    "度", "报", "刊", "均", "平均", "薪", "票", "饼", "光", "球", "亮", "嫂", "子", "季", "历",
    "租", "供", "结", "息", "卡", "费", "工资", "收入", "销",
];

/// Time and count units a `个` classifies (`不少于个月`).
const GE_UNITS: &[&str] = &[
    "个月",
    "个工作日",
    "个自然日",
    "个小时",
    "个星期",
    "个季度",
    "个百分点",
];

/// After a bare `天`: `用天时间`, `为期天左右`.
const TIAN_AFTER: &[&str] = &[
    "时间",
    "的时间",
    "左右",
    "内",
    "以内",
    "之内",
    "以上",
    "以下",
];

/// Units after a dash standing where a number should be (`只有-人`).
const DASH_UNITS: &[&str] = &[
    "人", "名", "个", "次", "天", "家", "项", "件", "所", "户", "元", "万", "岁", "周", "小时",
    "分钟", "年", "月", "日",
];

/// Missing numbers in one line, as byte ranges relative to it.
fn gaps(line: &str) -> Vec<Gap> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let at = |k: usize| chars.get(k).map(|&(_, c)| c);
    let offset = |k: usize| chars.get(k).map_or(line.len(), |&(o, _)| o);
    let rest = |k: usize| &line[offset(k)..];
    let mut out: Vec<Gap> = Vec::new();
    let mut last_date_end: Option<usize> = None;
    let mut k = 0;
    while k < chars.len() {
        let c = chars[k].1;
        match c {
            '月' => {
                let prev = k.checked_sub(1).and_then(at);
                let mut start = None;
                if prev == Some('年') && !YUE_WORDS.iter().any(|w| rest(k + 1).starts_with(w)) {
                    let before = k.checked_sub(2).and_then(at);
                    match before {
                        Some(b) if is_number_char(b) => {
                            start = Some(number_start(&chars, k - 2));
                        }
                        Some(b) if is_ideograph(b) && !is_preposition(b) => {}
                        _ => start = Some(k - 1),
                    }
                } else if prev.is_some_and(is_number_char)
                    && at(k + 1) == Some('日')
                    && !RI_WORDS.iter().any(|w| rest(k + 1).starts_with(w))
                {
                    start = Some(number_start(&chars, k - 1));
                } else if matches!(prev, Some('到' | '至'))
                    && last_date_end.is_some_and(|e| k - e <= 20)
                {
                    start = Some(k);
                }
                if let Some(start) = start {
                    let mut end = k + 1;
                    if at(end) == Some('日') && !RI_WORDS.iter().any(|w| rest(end).starts_with(w))
                    {
                        end += 1;
                    } else if ["上旬", "中旬", "下旬"]
                        .iter()
                        .any(|w| rest(end).starts_with(w))
                    {
                        end += 2;
                    }
                    out.push(Gap {
                        start: offset(start),
                        end: offset(end),
                        date: true,
                    });
                    last_date_end = Some(end);
                    k = end;
                    continue;
                }
            }
            '个' => {
                let prev = k.checked_sub(1).and_then(at);
                if let Some(unit) = GE_UNITS.iter().find(|u| rest(k).starts_with(*u))
                    && prev.is_some_and(|p| is_ideograph(p) && !counts_without_digits(p))
                {
                    let end = offset(k) + unit.len();
                    out.push(Gap {
                        start: offset(k),
                        end,
                        date: false,
                    });
                    k += unit.chars().count();
                    continue;
                }
            }
            '天' => {
                let prev = k.checked_sub(1).and_then(at);
                let framed = prev.is_some_and(|p| "用期于过足需花约".contains(p))
                    && TIAN_AFTER.iter().any(|w| rest(k + 1).starts_with(w));
                let term = prev == Some('期') && k >= 2 && at(k - 2) == Some('为');
                if framed || term {
                    out.push(Gap {
                        start: offset(k),
                        end: offset(k + 1),
                        date: false,
                    });
                }
            }
            '%' | '％' if k.checked_sub(1).and_then(at).is_some_and(is_ideograph) => {
                out.push(Gap {
                    start: offset(k),
                    end: offset(k + 1),
                    date: false,
                });
            }
            '-' | '－' | '—' | '–' => {
                let prev = k.checked_sub(1).and_then(at);
                if prev.is_some_and(|p| "有为约近达共计至到于过足用需每各".contains(p))
                    && let Some(unit) = DASH_UNITS.iter().find(|u| rest(k + 1).starts_with(*u))
                {
                    out.push(Gap {
                        start: offset(k),
                        end: offset(k + 1) + unit.len(),
                        date: false,
                    });
                }
            }
            _ => {}
        }
        k += 1;
    }
    out
}

/// The first character of the number run ending at `k`.
fn number_start(chars: &[(usize, char)], mut k: usize) -> usize {
    while k > 0 && is_number_char(chars[k - 1].1) {
        k -= 1;
    }
    k
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Vec<&str> {
        gaps(line)
            .into_iter()
            .map(|g| &line[g.start..g.end])
            .collect()
    }

    #[test]
    fn dates_missing_their_numbers() {
        assert_eq!(found("×月日召开的会议"), ["×月日"]);
        assert_eq!(found("从年月上旬开始到月基本结束"), ["年月上旬", "月"]);
        assert_eq!(found("于2005年月日前报送"), ["2005年月日"]);
        assert!(
            found("每年月底，出生年月日，战争年月，全年月平均，十月日内瓦，5月日均，到月底")
                .is_empty()
        );
        assert!(found("年　月　日").is_empty());
    }

    #[test]
    fn quantities_missing_their_numbers() {
        assert_eq!(found("不得少于个月，原则上为个月左右"), ["个月", "个月"]);
        assert_eq!(found("用天时间，用天的时间，为期天"), ["天", "天", "天"]);
        assert_eq!(found("只有-人，增长%"), ["-人", "%"]);
        assert!(
            found("三个月，几个月，每个月，这个月，用天然气，5-10人，N个月，增长5%").is_empty()
        );
    }
}
