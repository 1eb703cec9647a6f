//! # N103 numbering-level-skip：层次序号越级
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "N103",
    name: "numbering-level-skip",
    summary: "层次序号越级",
    summary_en: "heading level skipped",
    default_severity: Severity::Info,
    needs_archive: false,
    fix: "none",
    source: include_str!("n103_numbering_level_skip.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
