//! # P207 enumeration-comma-as-decimal：顿号误作小数点
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

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

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
