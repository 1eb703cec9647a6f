//! # C304 title-near-miss：引用标题疑似写错
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C304",
    name: "title-near-miss",
    summary: "引用标题疑似写错",
    summary_en: "cited title close to a known one",
    default_severity: Severity::Warning,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c304_title_near_miss.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
