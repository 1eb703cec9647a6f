//! # P203 docnumber-format：发文字号格式不规范
//!
//! ## 检查内容
//!
//! 发文字号（机关代字、年份、发文顺序号）的写法错误：
//!
//! - 发文顺序号编了虚位（前导零）：`〔2016〕05号`；
//! - 发文顺序号前加了“第”：`国发〔2016〕第5号`；
//! - 年份只写两位：`〔05〕`；
//! - 文号内部有空格：`国发 〔2016〕 5 号`。
//!
//! 每处错误单独报告，范围只覆盖出错的字符（多余的 `0`、`第`、两位年份、空格）。命令（令）号
//! 按 GB/T 9704-2012 10.2 使用“第”（`国务院令第706号`、`中华人民共和国国务院令 第706号`），
//! 不在此列。年份括号的写法（`[2016]`、`(2016)`）由 P202 报告，同一文号可以同时有 P202 和
//! P203 的发现，但二者不落在同一组字符上。
//!
//! ## 依据
//!
//! GB/T 9704-2012《党政机关公文格式》7.2.5：发文字号由发文机关代字、年份、发文顺序号组成；
//! 年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入；发文顺序号不加
//! “第”字，不编虚位（即1不编为01），在阿拉伯数字后加“号”字。
//!
//! ## 示例
//!
//! ```text
//! 根据国发〔2016〕05号文件精神，……
//! 按照《关于做好2023年全面推进乡村振兴重点工作的意见》（江政发〔2023〕第5号）要求，……
//! 中发〔05〕13号文件已经印发。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 根据国发〔2016〕5号文件精神，……
//! 按照《关于做好2023年全面推进乡村振兴重点工作的意见》（江政发〔2023〕5号）要求，……
//! 中发〔2005〕13号文件已经印发。
//! ```
//!
//! ## 修复
//!
//! 前导零、“第”和空格：安全修复，删除这些字符，其余不动。两位年份：建议修复（不自动应用），
//! 补成四位年份（`05` → `2005`，`98` → `1998`），需要人工确认。与 P201（半角标点）重叠时
//! 只报告本规则；与 P202 各报各的问题。

use crate::doc_number::DocNumberMatch;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P203",
    name: "docnumber-format",
    summary: "发文字号格式不规范",
    summary_en: "malformed doc number",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe/suggestion",
    source: include_str!("p203_docnumber_format.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for mention in &doc.doc_numbers {
        let found = &mention.found;
        let Some(year) = found.number.year else {
            // Order numbers (`国务院令第706号`) take 第 by design.
            continue;
        };
        let written = &doc.text[found.range.range()];
        let canonical = found.number.to_string();
        let mut push = |range: TextRange, zh: &str, en: &str, fix: Fix| {
            out.push(
                Diagnostic::new(
                    RULE.code,
                    range,
                    Message::new(
                        format!("{zh}：{written} → {canonical}"),
                        format!("{en}: {written} → {canonical}"),
                    ),
                )
                .with_fix(fix),
            );
        };

        if let Some(year_range) = found.year
            && doc.text[year_range.range()].chars().count() == 2
        {
            push(
                year_range,
                "发文字号的年份应标全称",
                "the year of a doc number is written in full",
                Fix::suggestion(
                    Message::new(format!("年份改为{year}"), format!("Write the year {year}")),
                    vec![Edit::new(year_range, year.to_string())],
                ),
            );
        }
        if let Some(di) = found.di {
            push(
                di,
                "发文字号的发文顺序号前不加“第”",
                "no 第 before the serial of a doc number",
                Fix::safe(
                    Message::new("删除“第”", "Remove 第"),
                    vec![Edit::delete(di)],
                ),
            );
        }
        if let Some(zeros) = leading_zeros(&doc.text, found.serial) {
            push(
                zeros,
                "发文字号的发文顺序号不编虚位（不加前导零）",
                "no leading zero in the serial of a doc number",
                Fix::safe(
                    Message::new("删除前导零", "Remove the leading zero"),
                    vec![Edit::delete(zeros)],
                ),
            );
        }
        for space in inner_spaces(&doc.text, found) {
            push(
                space,
                "发文字号内不应有空格",
                "no spaces inside a doc number",
                Fix::safe(
                    Message::new("删除空格", "Remove the space"),
                    vec![Edit::delete(space)],
                ),
            );
        }
    }
}

/// The leading zeros (`0` or `０`) of a serial that has other digits.
fn leading_zeros(text: &str, serial: TextRange) -> Option<TextRange> {
    let digits = &text[serial.range()];
    let rest = digits.trim_start_matches(['0', '０']);
    let zeros = digits.len() - rest.len();
    (zeros > 0 && !rest.is_empty()).then(|| TextRange::new(serial.start(), serial.start() + zeros))
}

/// Runs of whitespace between the code and `号`.
fn inner_spaces(text: &str, found: &DocNumberMatch) -> Vec<TextRange> {
    let start = found.code.end();
    let end = found.hao.start();
    let mut spaces = Vec::new();
    let mut run: Option<usize> = None;
    for (at, c) in text[start..end].char_indices() {
        let at = start + at;
        if matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}') {
            run.get_or_insert(at);
        } else if let Some(s) = run.take() {
            spaces.push(TextRange::new(s, at));
        }
    }
    if let Some(s) = run {
        spaces.push(TextRange::new(s, end));
    }
    spaces
}
