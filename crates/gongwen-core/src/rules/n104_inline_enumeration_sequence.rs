//! # N104 inline-enumeration-sequence：段内序列词顺序错乱
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

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

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
