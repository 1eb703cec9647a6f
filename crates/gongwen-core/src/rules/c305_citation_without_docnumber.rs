//! # C305 citation-without-docnumber：首次引用公文未注明发文字号
//!
//! ## 检查内容
//!
//! 文中第一次引用某份公文时只写了标题 `《……》`，没有在后面用括号注明发文字号，而档案知道它的
//! 文号（有文件带着这个文号，或有 `《标题》（文号）` 形式的引用）。同一标题只检查第一次引用；
//! 第一次已注明文号的，后面再只写标题是正常的。
//!
//! 下列情况不报告：
//!
//! - `《通知》`、`《意见》` 这类简称（回指前文）；
//! - 法律、行政法规等以命令号公布的文件：档案中它的号是 `国务院令第706号` 这样的命令号时，
//!   按惯例只引标题（`《专利代理条例》`）；司法解释（`法释〔…〕`、`高检发释字〔…〕`）与法律
//!   一样按惯例只引标题；
//! - 文件的版头和标题里的书名号；
//! - 档案知道的文号正是被检查文件自己的文号（`现将《……方案》印发给你们`）；
//! - 省去发文机关的标题（`《关于……的通知》`）在档案中对应多个文号时。
//!
//! ## 依据
//!
//! 引用公文应当先引标题，后引发文字号（原《国家行政机关公文处理办法》第二十五条，现行公文
//! 写作通行做法：`《国务院办公厅关于……的通知》（国办发〔2018〕1号）`）；《党政机关公文处理工作
//! 条例》第九条（五）规定了发文字号的组成。
//!
//! ## 示例
//!
//! ```text
//! 根据《中共中央关于保持共产党员先进性教育活动的意见》要求，……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 根据《中共中央关于保持共产党员先进性教育活动的意见》（中发〔2004〕20号）要求，……
//! ```
//!
//! ## 修复
//!
//! 建议修复：在书名号后插入 `（文号）`；档案中该标题对应几个文号就给几个选项，不自动应用。
//! 需要配置档案才运行。与 C302 重叠时只报告 C302。

use crate::archive::{Archive, DocId};
use crate::document::Document;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C305",
    name: "citation-without-docnumber",
    summary: "首次引用公文只有标题，未注明发文字号",
    summary_en: "first citation of a document without its doc number",
    default_severity: Severity::Hint,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c305_citation_without_docnumber.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(archive) = ctx.archive else { return };
    let doc = ctx.doc;
    let mut cited: Vec<&str> = Vec::new();
    for citation in &doc.citations {
        if citation.is_back_reference || !in_text_proper(doc, citation.range.start()) {
            continue;
        }
        let key = citation.key.as_str();
        // One document, however its title is written (with or without its issuer or
        // `中华人民共和国`).
        let plain = key.strip_prefix("中华人民共和国").unwrap_or(key);
        let plain = crate::normalize::title_core(plain);
        if cited.contains(&plain) {
            continue;
        }
        cited.push(plain);
        if citation.doc_number.is_some() {
            continue;
        }
        let numbers = numbers_to_add(archive, doc, key, ctx.exclude);
        if numbers.is_empty() {
            continue;
        }
        let shown: Vec<String> = numbers.iter().map(ToString::to_string).collect();
        let mut diagnostic = Diagnostic::new(
            RULE.code,
            citation.range,
            Message::new(
                format!(
                    "首次引用《{}》应先引标题、后引发文字号，档案中它的文号是 {}",
                    citation.title,
                    shown.join("、")
                ),
                format!(
                    "give the doc number after the title when first citing it; the archive has {}",
                    shown.join(", ")
                ),
            ),
        );
        for number in shown {
            diagnostic = diagnostic.with_fix(Fix::suggestion(
                Message::new(format!("插入（{number}）"), format!("Insert （{number}）")),
                vec![Edit::new(
                    TextRange::empty(citation.close.end()),
                    format!("（{number}）"),
                )],
            ));
        }
        out.push(diagnostic);
    }
}

/// The 文号 to suggest after a title: what the archive ties to it, unless any is an order
/// number or the document's own; a title without its issuer only when it names one 文号.
fn numbers_to_add(
    archive: &Archive,
    doc: &Document,
    key: &str,
    exclude: Option<DocId>,
) -> Vec<crate::doc_number::DocNumber> {
    let tied = numbers_for_citation(archive, key, exclude);
    let same: Vec<&TiedNumber> = tied
        .iter()
        .filter(|t| t.relation == TitleMatch::Same)
        .collect();
    let chosen: Vec<&TiedNumber> = if !same.is_empty() {
        same
    } else if tied.len() == 1 {
        tied.iter().collect()
    } else {
        Vec::new()
    };
    let own = doc.meta.doc_number.as_ref().map(|f| &f.value);
    if chosen.iter().any(|t| {
        t.number.is_order()
            || is_judicial_interpretation(&t.number)
            || own.is_some_and(|own| own == &t.number || own.same_document(&t.number))
    }) {
        return Vec::new();
    }
    chosen.into_iter().map(|t| t.number.clone()).collect()
}

/// 司法解释 (`法释〔2015〕5号`, `高检发释字〔2012〕2号`) are cited by title like laws.
fn is_judicial_interpretation(number: &crate::doc_number::DocNumber) -> bool {
    number.code.ends_with("法释") || number.code.ends_with("释字")
}
