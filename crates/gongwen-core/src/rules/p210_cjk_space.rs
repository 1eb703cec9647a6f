//! # P210 cjk-space：汉字或全角标点之间有多余空格
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P210",
    name: "cjk-space",
    summary: "汉字或全角标点之间有多余空格",
    summary_en: "space between Chinese characters",
    default_severity: Severity::Hint,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p210_cjk_space.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
