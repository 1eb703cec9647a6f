//! # N101 numbering-sequence：层次序号跳号或重号
//!
//! ## 检查内容
//!
//! 同一上级标题之下、同一层次的序号（`一、` `（一）` `1.` `（1）`）应从 1 起依次递增。本规则报告
//! 跳号（`一、` `二、` `四、`，缺 `三、`）、重号（两个 `二、`）和倒退（`三、` 之后又出现 `一、`，
//! 常见于断行位置错误，如“解决一、两个问题”在“一、”前断了行）。
//!
//! - 出现较高层次的标题时，较低层次重新计数；附件（`附件`、`附件1`、`附件：` 单独成行）、
//!   `第X章`、`第X节`、`第X条`（法规体例，各条之下的 `（一）` 重新起算）和 Markdown 标题之后全部重新计数。
//! - 出错后按实际写出的序号继续计数：`一、` `二、` `四、` `五、` 只报告 `四、`。
//! - 上一行以冒号结尾（引出清单）或是一个标题行（简短、无句末标点，如印发通知后未写“附件”
//!   而直接附上的方案标题）时，其后的 `一、` `（一）` `1.` `（1）` 另起一组编号，不算重号。
//! - 上级标题下的第一个序号应为 1，或接续前一节同级序号（国务院文件常见的连续编号：
//!   `一、` 下为 `（一）`…`（五）`，`二、` 下接 `（六）`…）；文档（或附件）开头的第一个标题
//!   不从 1 起算时不报告（可能是节选）。
//! - `3　预警监测`、`3.1　市场监测`、`4.2.2　…` 这类小数编号的章节或条款之下也重新计数；
//!   法规中紧接在 `第X条` 之上的 `（二）不动产抵押` 一类节标题不算条下的项。
//! - 跨段落的引文（修正案“修改为：”之后以 `“` 开头的引文段落）中的序号属于引文，不参与计数。
//! - 什么算标题见 N102：`3、4月份`、`三、四月份`、`（一）至（三）项所列人员` 不是标题。
//!
//! ## 依据
//!
//! GB/T 9704-2012《党政机关公文格式》7.3.3：文中结构层次序数依次可以用“一、”“（一）”
//! “1.”“（1）”标注。序数的本义是同一层次依次递增，跳号、重号会使文中“第三项”之类的
//! 指称对不上号。
//!
//! ## 示例
//!
//! ```text
//! 一、压实防汛责任
//! 二、排查整治隐患
//! 四、做好转移避险
//! 五、严格值班值守
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 一、压实防汛责任
//! 二、排查整治隐患
//! 三、做好转移避险
//! 四、严格值班值守
//! ```
//!
//! ## 修复
//!
//! 不提供自动修复：是漏写了一节、多删了一节还是序号写错，只有起草人知道。编辑器提供
//! “重新编排本节序号”（renumber section）代码操作，把同一组序号从 1 起（接续前一节编号的
//! 一组从接续的序号起）依次重排，并改用规范写法。
//! 与 P201（半角标点）重叠时只报告本规则。

use crate::config::ThirdLevel;
use crate::document::{Heading, HeadingToken, canonical_token};
use crate::outline::links;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "N101",
    name: "numbering-sequence",
    summary: "层次序号跳号或重号",
    summary_en: "heading number skipped or repeated",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("n101_numbering_sequence.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let headings = &doc.headings;
    for (heading, link) in headings.iter().zip(links(doc)) {
        let written = &doc.text[heading.token.range()];
        let message = if let Some(prev) = link.prev {
            let previous = headings[prev].number;
            if heading.number == previous + 1 {
                continue;
            }
            let want = expected_token(ctx, heading, previous + 1);
            let before = &doc.text[headings[prev].token.range()];
            if heading.number == previous {
                Message::new(
                    format!("序号重复：上一个同级序号也是“{before}”，此处应为“{want}”"),
                    format!("repeated heading number: “{before}” again, expected “{want}”"),
                )
            } else if heading.number < previous {
                Message::new(
                    format!(
                        "序号倒退：上一个同级序号是“{before}”，此处应为“{want}”，实为“{written}”"
                    ),
                    format!(
                        "heading number goes back: after “{before}” expected “{want}”, found “{written}”"
                    ),
                )
            } else {
                Message::new(
                    format!(
                        "序号不连续：上一个同级序号是“{before}”，此处应为“{want}”，实为“{written}”"
                    ),
                    format!(
                        "heading number skipped: after “{before}” expected “{want}”, found “{written}”"
                    ),
                )
            }
        } else if let Some(cont) = link.continues {
            // The first under a new parent: from 1, or running on from the section before.
            let carried = headings[cont].number + 1;
            if heading.number == 1 || heading.number == carried {
                continue;
            }
            let one = expected_token(ctx, heading, 1);
            let on = expected_token(ctx, heading, carried);
            Message::new(
                format!("序号不连续：此处应为“{one}”（或接续前一节编号的“{on}”），实为“{written}”"),
                format!(
                    "heading number skipped: expected “{one}” (or “{on}” running on from the section before), found “{written}”"
                ),
            )
        } else if link.parent.is_some() && heading.number != 1 {
            // The first under a parent starts at 1; a document or an attachment may begin
            // anywhere (an excerpt), so a first heading without a parent is not checked.
            let one = expected_token(ctx, heading, 1);
            Message::new(
                format!("序号不连续：上级标题下的第一个序号应为“{one}”，实为“{written}”"),
                format!(
                    "heading number skipped: the first under its parent should be “{one}”, found “{written}”"
                ),
            )
        } else {
            continue;
        };
        out.push(Diagnostic::new(RULE.code, heading.token, message));
    }
}

/// The token the heading should have, in the dot style configured or, by default, written.
fn expected_token(ctx: &Ctx<'_>, heading: &Heading, number: u32) -> String {
    let fullwidth = match ctx.config.third_level {
        ThirdLevel::Fullwidth => true,
        ThirdLevel::Halfwidth => false,
        ThirdLevel::Either => heading.form == HeadingToken::FullwidthDot,
    };
    canonical_token(heading.level, number, fullwidth)
}
