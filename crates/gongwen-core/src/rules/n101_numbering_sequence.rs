//! # N101 numbering-sequence：层次序号跳号或重号
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "N101",
    name: "numbering-sequence",
    summary: "层次序号跳号或重号",
    summary_en: "heading number skipped or repeated",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("n101_numbering_sequence.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
