//! # P206 repeated-punctuation：标点重复或冲突
//!
//! ## 检查内容
//!
//! 点号（`，、；：。？！`）连用：同一个点号重复（`，，` `。。` `、、` `？？` `！！`），或两个
//! 不同的点号挤在一起（`，。` `。，` `、，` `；，` `：，`）。连续的一串点号报告一次，范围
//! 覆盖整串。
//!
//! 不报告：
//!
//! - 标号与点号或标号与标号相连，如 `”，` `）。` `））` `”》` `。”`，这是正确用法；
//! - `……` 和 `——`（省略号、破折号的写法由 P208 负责）；
//! - 问号后加叹号 `？！`：GB/T 15834-2011 4.3 允许句子兼有强烈的疑问和感叹语气时在问号后
//!   再加叹号（问号、叹号各一）。顺序颠倒的 `！？` 和叠用的 `？？` `！！！` 报告：公文没有
//!   “异常强烈的情感表达”，不宜叠用。
//!
//! 三个及以上连续句号 `。。。` 多半是想写省略号，由 P208 报告（P208 优先）；P208 关闭时本规则
//! 报告它，只给建议修复。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》4.1–4.7：句号、问号、叹号标在句末，逗号、顿号、分号、冒号
//! 标在句内的停顿处，一处停顿只用一个点号。附录 B.1（逗号、顿号、分号的区分）。
//!
//! ## 示例
//!
//! ```text
//! 同比分别下降11.5%和9.5%，，但较大事故仍未杜绝。
//! 责令停业整顿21家，罚款186.5万元，。
//! 包括燃气、、建筑施工等领域。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 同比分别下降11.5%和9.5%，但较大事故仍未杜绝。
//! 责令停业整顿21家，罚款186.5万元。
//! 包括燃气、建筑施工等领域。
//! ```
//!
//! ## 修复
//!
//! 安全修复：整串换成一个点号。同一点号重复时保留一个；不同点号冲突时保留较强的一个，
//! 强弱次序为 `？` `！` > `。` > `；` > `：` > `，` > `、`（句末点号优先于句内点号；问号、叹号
//! 表达语气，优先于句号）。串里同时有 `？` 和 `！` 时改为 `？！`。
//! `。。。` 只给建议：改为省略号 `……`，或保留一个 `。`。与 P208（`。。。`）和 D403（乱码）
//! 重叠时只报告那些规则。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P206",
    name: "repeated-punctuation",
    summary: "标点重复或冲突",
    summary_en: "repeated or clashing punctuation",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p206_repeated_punctuation.rs"),
    check,
};

/// Strength of a pause or end mark; `None` for other characters.
fn strength(c: char) -> Option<u8> {
    Some(match c {
        '？' | '！' => 6,
        '。' => 5,
        '；' => 4,
        '：' => 3,
        '，' => 2,
        '、' => 1,
        _ => return None,
    })
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, line) in linted_lines(doc) {
        let bytes = line.as_bytes();
        // Every mark here is U+3001, U+3002 (E3 80 ..) or U+FF01–FF1F (EF BC ..).
        let mut next_free = 0;
        for at in memchr::memchr2_iter(0xE3, 0xEF, bytes) {
            if at < next_free {
                continue;
            }
            let run_len: usize = line[at..]
                .chars()
                .take_while(|&c| strength(c).is_some())
                .map(char::len_utf8)
                .sum();
            if run_len == 0 {
                continue;
            }
            next_free = at + run_len;
            let run = &line[at..at + run_len];
            if run.chars().count() < 2 {
                continue;
            }
            let range = TextRange::new(content.start() + at, content.start() + at + run_len);
            if doc.in_verbatim(range) {
                continue;
            }
            if let Some(diagnostic) = finding(run, range) {
                out.push(diagnostic);
            }
        }
    }
}

/// The finding for a run of two or more marks, if it is wrong.
fn finding(run: &str, range: TextRange) -> Option<Diagnostic> {
    let chars: Vec<char> = run.chars().collect();
    // `？！`: a strong question that is also an exclamation (GB/T 15834 4.3).
    if run == "？！" {
        return None;
    }
    if chars.len() >= 3 && chars.iter().all(|&c| c == '。') {
        return Some(
            Diagnostic::new(
                RULE.code,
                range,
                Message::new(
                    format!("句号连用「{run}」：如为省略号应写作“……”，否则只用一个句号"),
                    format!("repeated full stops “{run}”: write an ellipsis “……” or one “。”"),
                ),
            )
            .with_fix(Fix::suggestion(
                Message::new("改为省略号……", "Use an ellipsis ……"),
                vec![Edit::new(range, "……")],
            ))
            .with_fix(Fix::suggestion(
                Message::new("只保留一个句号", "Keep one full stop"),
                vec![Edit::new(range, "。")],
            )),
        );
    }
    let keep = keep(&chars);
    let (zh, en) = if chars.iter().all(|&c| c == chars[0]) {
        ("标点重复", "repeated punctuation")
    } else {
        ("标点连用冲突", "clashing punctuation")
    };
    Some(
        Diagnostic::new(
            RULE.code,
            range,
            Message::new(
                format!("{zh}：「{run}」→「{keep}」"),
                format!("{en}: “{run}” → “{keep}”"),
            ),
        )
        .with_fix(Fix::safe(
            if keep.chars().count() == 1 {
                Message::new(format!("只保留「{keep}」"), format!("Keep “{keep}”"))
            } else {
                Message::new(format!("改为「{keep}」"), format!("Write “{keep}”"))
            },
            vec![Edit::new(range, keep)],
        )),
    )
}

/// What a run becomes: the strongest mark, or `？！` when both `？` and `！` occur.
fn keep(chars: &[char]) -> String {
    match (chars.contains(&'？'), chars.contains(&'！')) {
        (true, true) => "？！".to_string(),
        _ => {
            let best = chars
                .iter()
                .copied()
                .max_by_key(|&c| strength(c).unwrap_or(0))
                .unwrap_or('。');
            best.to_string()
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keeps_the_strongest_mark() {
        let k = |s: &str| keep(&s.chars().collect::<Vec<_>>());
        assert_eq!(k("，，"), "，");
        assert_eq!(k("，。"), "。");
        assert_eq!(k("。，"), "。");
        assert_eq!(k("、，"), "，");
        assert_eq!(k("；，"), "；");
        assert_eq!(k("：，"), "：");
        assert_eq!(k("？。"), "？");
        assert_eq!(k("。！"), "！");
        assert_eq!(k("？？！"), "？！");
        assert_eq!(k("！！？？"), "？！");
        assert_eq!(k("！？"), "？！");
    }
}
