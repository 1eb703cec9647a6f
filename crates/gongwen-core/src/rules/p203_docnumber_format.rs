//! # P203 docnumber-format：发文字号格式不规范
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

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

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
