//! # C303 docnumber-near-miss：发文字号疑似写错
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C303",
    name: "docnumber-near-miss",
    summary: "发文字号疑似写错",
    summary_en: "doc number close to a known one",
    default_severity: Severity::Warning,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c303_docnumber_near_miss.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
