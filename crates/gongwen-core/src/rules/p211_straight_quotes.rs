//! # P211 straight-quotes：中文语境中使用了直引号
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P211",
    name: "straight-quotes",
    summary: "中文语境中使用了直引号",
    summary_en: "straight quotes in Chinese text",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p211_straight_quotes.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
