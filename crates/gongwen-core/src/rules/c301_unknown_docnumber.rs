//! # C301 unknown-docnumber：发文字号在档案中未见
//!
//! ## 检查内容
//!
//! 正文中引用的发文字号（单独写出的 `中发〔2004〕20号`，或 `《标题》（文号）` 里的）以及命令
//! 号（`国务院令第706号`），档案中既没有哪份文件带着这个文号，也没有哪处引用把它和标题配成对，
//! 而且它也不像是档案中某个已知文号的笔误（那种情况由 C303 报告，条件见 C303）。
//!
//! 这只是提醒：档案不全时，真实存在的文件也会查不到，请核对文号是否写对。下列情况不报告：
//!
//! - 档案中有别的文件单独提到过这个文号（“见过”）：它不能算“已知”，但已有独立的佐证说明
//!   文号存在，再报告只会增加噪音；
//! - 文件自己的发文字号（版头中的文号行）和法规信息块中的公布令号；
//! - 被检查的文件本身在档案中时，它自己的引用不算证据（其他文件里的才算）。
//!
//! ## 依据
//!
//! 《党政机关公文处理工作条例》第九条：公文由发文字号、标题等部分组成，（五）发文字号由发文
//! 机关代字、年份、发文顺序号组成，（七）标题由发文机关名称、事由和文种组成。引用公文应当先引
//! 标题、后引发文字号（原《国家行政机关公文处理办法》第二十五条，现行通行做法），所引标题和文号
//! 都必须与原件一致。
//!
//! ## 示例
//!
//! ```text
//! 按照《关于做好学习动员阶段工作的通知》（先组发〔2024〕3号）要求，……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 按照《关于做好学习动员阶段工作的通知》（先组发〔2005〕3号）要求，……
//! ```
//!
//! （核对原件后改正文号。文号无误、只是档案中没有所引文件时，可忽略本提示，或把所引文件
//! 加入档案。）
//!
//! ## 修复
//!
//! 无修复：档案不知道正确的文号。需要配置档案才运行。与 C302、C303 重叠时只报告它们。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C301",
    name: "unknown-docnumber",
    summary: "发文字号在档案中未见",
    summary_en: "doc number unknown to the archive",
    default_severity: Severity::Info,
    needs_archive: true,
    fix: "none",
    source: include_str!("c301_unknown_docnumber.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(archive) = ctx.archive else { return };
    let doc = ctx.doc;
    for mention in &doc.doc_numbers {
        if is_own_number(doc, mention) {
            continue;
        }
        let number = &mention.found.number;
        if archive.number_knowledge(number, ctx.exclude) != crate::archive::Knowledge::Unknown {
            continue;
        }
        // A likely slip for a known 文号 is C303's.
        if !likely_variants(archive, doc, mention, ctx.exclude).is_empty() {
            continue;
        }
        let written = &doc.text[mention.found.range.range()];
        let (zh, en) = if number.is_order() {
            ("命令号", "order number")
        } else {
            ("发文字号", "doc number")
        };
        out.push(Diagnostic::new(
            RULE.code,
            mention.found.range,
            Message::new(
                format!("档案中没有{zh}「{written}」，请核对是否写对"),
                format!("the archive does not know the {en} `{written}`: check it"),
            ),
        ));
    }
}
