//! # P204 unpaired-mark：成对标点不配对
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P204",
    name: "unpaired-mark",
    summary: "成对标点不配对",
    summary_en: "unpaired bracket or quote",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("p204_unpaired_mark.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
