//! # P209 fullwidth-alphanumeric：使用了全角数字或字母
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P209",
    name: "fullwidth-alphanumeric",
    summary: "使用了全角数字或字母",
    summary_en: "full-width digits or letters",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p209_fullwidth_alphanumeric.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
