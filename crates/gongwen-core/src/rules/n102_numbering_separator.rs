//! # N102 numbering-separator：层次序号写法不规范
//!
//! ## 检查内容
//!
//! 行首结构层次序数的写法不规范：
//!
//! - 第一层 `一、`：写成 `一.` `一．` `一，` `一:` `一：` 或 `一 `（空格）；
//! - 第二层 `（一）`：用了半角括号 `(一)`，或括号后又加标点 `（一）、` `（一）.`；
//! - 第三层 `1.`：写成 `1、` `1，` `1:` `1：`；配置 `numbering.third-level = "halfwidth"` 时
//!   `1．`（全角点）也算错，`"fullwidth"` 时 `1.` 算错，默认两者都对；
//! - 第四层 `（1）`：写成 `(1)` `1)` `1）`，或括号后又加标点 `（1）、`。
//!
//! 只检查标题的序号：行首（可有缩进空格、全角空格和误留的 `×`）的序号，其后接标题文字
//! （`（三）` 单独成行、标题在下一行的也算）。以下不是标题，不报告：
//!
//! - 序号后紧接数字：`3、4月份`、`1.5万元`、`9:30`；中文序数后接下一个数：`三、四月份`、
//!   `一、二级响应`（但 `九、1997年7月1日以后…` 是标题）；
//! - 阿拉伯数字序号后不是中文：英文列表 `1. Scope`、`1) Scope`；
//! - 对项的引用：`（一）至（三）项所列人员`、`（四）、（五）项`；
//! - 附件说明（`附件：1.…` 及其下对齐的 `2.…`）和注释（`注：1、…` 及其下的 `2、…`）；
//! - 跨段落引文中的行（修正案引用的新条文）。
//!
//! ## 依据
//!
//! GB/T 9704-2012《党政机关公文格式》7.3.3：文中结构层次序数依次可以用“一、”“（一）”
//! “1.”“（1）”标注。GB/T 15834-2011《标点符号用法》附录 B.2：序次语“一”“二”之后用顿号；
//! 加括号的序次语之后不再加标点；阿拉伯数字序次语之后用下脚点“.”。
//!
//! ## 示例
//!
//! ```text
//! （一）、落实责任人。
//! (二)开展培训演练。
//! 1、组织防汛责任人专题培训；
//! 2)每个乡镇至少开展1次演练；
//! ```
//!
//! ## 应改为
//!
//! ```text
//! （一）落实责任人。
//! （二）开展培训演练。
//! 1.组织防汛责任人专题培训；
//! （2）每个乡镇至少开展1次演练；
//! ```
//!
//! ## 修复
//!
//! 安全修复：把序号换成该层次的规范写法（序数本身不变），并去掉错误写法后多余的空格。
//! 第三层默认用 `1.`，配置为 `fullwidth` 时用 `1．`。与 P201（半角标点）、P210（`一 总体要求`
//! 中的空格）重叠时只报告本规则。
//! 序号是否连续见 N101。

use crate::config::ThirdLevel;
use crate::document::{Heading, HeadingToken, canonical_token};
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

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    let third = ctx.config.third_level;
    for heading in &doc.headings {
        let wrong = match heading.form {
            HeadingToken::Wrong => true,
            HeadingToken::FullwidthDot => third == ThirdLevel::Halfwidth,
            HeadingToken::Canonical => heading.level == 3 && third == ThirdLevel::Fullwidth,
        };
        if !wrong {
            continue;
        }
        let written = &doc.text[heading.token.range()];
        let want = canonical_token(
            heading.level,
            heading.number,
            third == ThirdLevel::Fullwidth,
        );
        let message = if heading.form == HeadingToken::Wrong {
            Message::new(
                format!(
                    "层次序号写法不规范：“{written}”应为“{want}”（层次序数依次为“一、”“（一）”“1.”“（1）”）"
                ),
                format!(
                    "wrong form of a heading number: “{written}” → “{want}” (levels: 一、 （一） 1. （1）)"
                ),
            )
        } else {
            let (zh, en) = if third == ThirdLevel::Halfwidth {
                ("半角下脚点", "a half-width dot")
            } else {
                ("全角点", "a full-width dot")
            };
            Message::new(
                format!("按配置，第三层序号用{zh}：“{written}”应为“{want}”"),
                format!(
                    "the configuration asks third-level numbers with {en}: “{written}” → “{want}”"
                ),
            )
        };
        out.push(
            Diagnostic::new(RULE.code, heading.token, message).with_fix(Fix::safe(
                Message::new(format!("改为“{want}”"), format!("Write “{want}”")),
                vec![Edit::new(fix_range(ctx, heading), want)],
            )),
        );
    }
}

/// The token, and the spaces after a wrong form (`一. 总体要求` → `一、总体要求`).
fn fix_range(ctx: &Ctx<'_>, heading: &Heading) -> TextRange {
    if heading.form != HeadingToken::Wrong {
        return heading.token;
    }
    let rest = &ctx.doc.text[heading.token.end()..];
    let line_end = rest.find(['\n', '\r']).unwrap_or(rest.len());
    let spaces = rest[..line_end].len() - rest[..line_end].trim_start_matches([' ', '\t']).len();
    TextRange::new(heading.token.start(), heading.token.end() + spaces)
}
