//! # P205 book-title-marks：书名号写法不规范
//!
//! TODO: document this rule (检查内容, 依据, 示例, 应改为, 修复).

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P205",
    name: "book-title-marks",
    summary: "书名号写法不规范",
    summary_en: "wrong book title marks",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p205_book_title_marks.rs"),
    check,
};

fn check(_ctx: &Ctx<'_>, _out: &mut Vec<Diagnostic>) {}
