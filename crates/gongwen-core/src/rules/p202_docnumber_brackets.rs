//! # P202 docnumber-brackets：发文字号年份未用六角括号
//!
//! ## 检查内容
//!
//! 发文字号的年份没有用六角括号〔〕括入，而用了方括号 `[]`、全角方括号 `［］`、
//! 方头括号 `【】` 或圆括号 `()` `（）`。命令（令）号（`国务院令第706号`）没有年份，不在此列。
//! 繁体、全角数字和拼音残留都不影响识别：`中發(fā)[2004]20號` 同样报告。
//!
//! ## 依据
//!
//! GB/T 9704-2012《党政机关公文格式》7.2.5：发文字号由发文机关代字、年份、发文顺序号组成，
//! 年份、发文顺序号用阿拉伯数字标注；年份应标全称，用六角括号“〔〕”括入。
//!
//! ## 示例
//!
//! ```text
//! 根据中发[2004]20号文件要求，……
//! 按照《关于做好学习动员阶段工作的通知》（先组发［2024］3号）要求，……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 根据中发〔2004〕20号文件要求，……
//! 按照《关于做好学习动员阶段工作的通知》（先组发〔2024〕3号）要求，……
//! ```
//!
//! ## 修复
//!
//! 安全修复：把两个括号换成 `〔` `〕`，其余字符不动。与 P201（半角标点）重叠时只报告本规则。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P202",
    name: "docnumber-brackets",
    summary: "发文字号年份未用六角括号〔〕",
    summary_en: "year of a doc number not in 〔〕",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p202_docnumber_brackets.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for mention in &doc.doc_numbers {
        let found = &mention.found;
        let (Some(open), Some(close)) = (found.open, found.close) else {
            continue;
        };
        let open_text = &doc.text[open.range()];
        let close_text = &doc.text[close.range()];
        if open_text == "〔" && close_text == "〕" {
            continue;
        }
        let written = &doc.text[found.range.range()];
        let number = found.number.to_string();
        out.push(
            Diagnostic::new(
                RULE.code,
                found.range,
                Message::new(
                    format!("发文字号年份应使用六角括号〔〕：{written} → {number}"),
                    format!("the year of a doc number goes in 〔〕: {written} → {number}"),
                ),
            )
            .with_fix(Fix::safe(
                Message::new("改用六角括号〔〕", "Use 〔〕"),
                vec![Edit::new(open, "〔"), Edit::new(close, "〕")],
            )),
        );
    }
}
