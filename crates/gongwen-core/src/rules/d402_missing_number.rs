//! # D402 missing-number：日期或数量缺少数字
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "D402",
    name: "missing-number",
    summary: "日期或数量缺少数字",
    summary_en: "date or quantity missing its number",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("d402_missing_number.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
