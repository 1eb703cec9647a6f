//! # N102 numbering-separator：层次序号写法不规范
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "N102",
    name: "numbering-separator",
    summary: "层次序号写法不规范",
    summary_en: "wrong form of a heading number",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("n102_numbering_separator.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
