//! # N103 numbering-level-skip：层次序号越级
//!
//! ## 检查内容
//!
//! 标题比它所在的上级标题低两个或更多层次，中间的层次没有出现：`一、` 之下直接用 `1.`
//! （缺 `（一）`），`（一）` 之下直接用 `（1）`（缺 `1.`）。每个上级标题的一节只在第一个越级的标题上
//! 报告一次。文档（或附件、`第X条`）直接从较低层次开始（法规条文下的 `（一）`、只有 `1.` `2.`
//! 的短文）不算越级。层次较少的文件也有省略中间层次的习惯，所以本规则只是提示（info）。
//!
//! ## 依据
//!
//! GB/T 9704-2012《党政机关公文格式》7.3.3：文中结构层次序数依次可以用“一、”“（一）”
//! “1.”“（1）”标注。“依次”即逐级使用；标准用的是“可以”，所以越级不算违反标准，只提示。
//!
//! ## 示例
//!
//! ```text
//! 二、认真贯彻中央的总体部署和要求
//! 1.坚持学习实践“三个代表”重要思想这条主线。
//! 2.坚持在取得实效上下功夫。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 二、认真贯彻中央的总体部署和要求
//! （一）坚持学习实践“三个代表”重要思想这条主线。
//! （二）坚持在取得实效上下功夫。
//! ```
//!
//! ## 修复
//!
//! 不提供自动修复：补上中间层次还是改用上一层次的序号，要由起草人决定。
//! 与 P201（半角标点）重叠时只报告本规则；与 N102（写法不规范）同在一个序号上时两者都报告。

use crate::document::canonical_token;
use crate::outline::links;
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

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let headings = &doc.headings;
    let mut reported: Option<usize> = None;
    for (heading, link) in headings.iter().zip(links(doc)) {
        let Some(parent) = link.parent else {
            continue;
        };
        let upper = &headings[parent];
        if heading.level < upper.level + 2 || reported == Some(parent) {
            continue;
        }
        reported = Some(parent);
        let written = &doc.text[heading.token.range()];
        let above = &doc.text[upper.token.range()];
        let missing: Vec<String> = (upper.level + 1..heading.level)
            .map(|level| format!("“{}”", canonical_token(level, 1, false)))
            .collect();
        let missing = missing.join("");
        out.push(Diagnostic::new(
            RULE.code,
            heading.token,
            Message::new(
                format!("层次越级：“{written}”直接位于“{above}”之下，缺少{missing}层次"),
                format!("heading level skipped: “{written}” sits right under “{above}” without the {missing} level"),
            ),
        ));
    }
}
