//! # D403 garbled-text：存在乱码或拼音残留
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "D403",
    name: "garbled-text",
    summary: "存在乱码或拼音残留",
    summary_en: "garbled text or pinyin residue",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("d403_garbled_text.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
