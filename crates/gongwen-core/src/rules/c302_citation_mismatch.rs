//! # C302 citation-mismatch：引用的标题与发文字号不一致
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C302",
    name: "citation-mismatch",
    summary: "引用的标题与发文字号不一致",
    summary_en: "cited title and doc number disagree",
    default_severity: Severity::Error,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c302_citation_mismatch.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
