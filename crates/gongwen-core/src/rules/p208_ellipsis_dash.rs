//! # P208 ellipsis-dash：省略号或破折号写法不规范
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P208",
    name: "ellipsis-dash",
    summary: "省略号或破折号写法不规范",
    summary_en: "wrong ellipsis or dash",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p208_ellipsis_dash.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
