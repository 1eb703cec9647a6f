//! # C305 citation-without-docnumber：首次引用公文未标注发文字号
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C305",
    name: "citation-without-docnumber",
    summary: "首次引用公文未标注发文字号",
    summary_en: "first citation without its doc number",
    default_severity: Severity::Hint,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c305_citation_without_docnumber.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
