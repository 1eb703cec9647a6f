//! # C301 unknown-docnumber：发文字号在档案中未见
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C301",
    name: "unknown-docnumber",
    summary: "发文字号在档案中未见",
    summary_en: "doc number unknown to the archive",
    default_severity: Severity::Info,
    needs_archive: true,
    fix: "none",
    source: include_str!("c301_unknown_docnumber.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
