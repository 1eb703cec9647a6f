//! # C303 docnumber-near-miss：发文字号与档案中的已知文号只差一处
//!
//! ## 检查内容
//!
//! 正文中引用的发文字号档案中不认识，而档案中有一个只差一处的已知文号：
//!
//! - 机关代字和顺序号相同、年份不同（`中发〔2024〕20号` 与已知的 `中发〔2004〕20号`）；
//! - 机关代字和年份相同、顺序号位数相同且只差一位数字（`国办发〔2019〕15号` 与 `国办发〔2019〕16号`）。
//!
//! 档案较大时，几乎每个文号都有相近的已知文号，所以还要有证据表明草稿确实想引那一个：
//!
//! - 写在 `《标题》（文号）` 里的：档案把这个标题配给的文号正是相近文号时，报告并只建议它；
//!   标题配给了别的文号，由 C302 报告；档案不认识这个标题时，相近文号的文件必须就是这个标题；
//! - 单独写出的文号：只有一个相近的已知文号时才报告（有几个就无从判断，按 C301 提示）；
//! - 文件只能引用在它之前的文件：相近文号的年份晚于被检查文件的日期时不算。
//!
//! 命令号（`国务院令第706号`）是连续编号，相邻的号都是真实的命令，不按相近文号处理。被检查的
//! 文件本身在档案中时，它自己的引用不算证据。
//!
//! ## 依据
//!
//! 《党政机关公文处理工作条例》第九条：公文由发文字号、标题等部分组成，（五）发文字号由发文
//! 机关代字、年份、发文顺序号组成，（七）标题由发文机关名称、事由和文种组成。引用公文应当先引
//! 标题、后引发文字号（原《国家行政机关公文处理办法》第二十五条，现行通行做法），所引标题和文号
//! 都必须与原件一致。
//! GB/T 9704-2012 7.2.5：年份应标全称。
//!
//! ## 示例
//!
//! ```text
//! 各级党组织要根据党章、中发〔2024〕20号文件的要求，……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 各级党组织要根据党章、中发〔2004〕20号文件的要求，……
//! ```
//!
//! ## 修复
//!
//! 建议修复：换成档案中的已知文号，有几个相近文号就给几个选项，不自动应用。需要配置档案才
//! 运行。与 C302、C301 重叠时只报告本规则。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C303",
    name: "docnumber-near-miss",
    summary: "发文字号与档案中的已知文号只差一处",
    summary_en: "doc number one typo away from a known one",
    default_severity: Severity::Warning,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c303_docnumber_near_miss.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(archive) = ctx.archive else { return };
    let doc = ctx.doc;
    for mention in &doc.doc_numbers {
        if is_own_number(doc, mention) {
            continue;
        }
        let variants = likely_variants(archive, doc, mention, ctx.exclude);
        if variants.is_empty() {
            continue;
        }
        let written = &doc.text[mention.found.range.range()];
        let shown: Vec<String> = variants
            .iter()
            .map(|v| match title_of(archive, v, ctx.exclude) {
                Some(title) => format!("{v}（《{title}》）"),
                None => v.to_string(),
            })
            .collect();
        let mut diagnostic = Diagnostic::new(
            RULE.code,
            mention.found.range,
            Message::new(
                format!(
                    "档案中没有「{written}」，但有相近的文号 {}，请核对",
                    shown.join("、")
                ),
                format!(
                    "the archive does not know `{written}` but knows {}: check it",
                    shown.join(", ")
                ),
            ),
        );
        for variant in &variants {
            diagnostic = diagnostic.with_fix(Fix::suggestion(
                Message::new(format!("改为 {variant}"), format!("Change to {variant}")),
                vec![Edit::new(mention.found.range, variant.to_string())],
            ));
        }
        out.push(diagnostic);
    }
}

/// The best-supported title the archive gives a 文号, if any.
fn title_of(
    archive: &crate::archive::Archive,
    number: &crate::doc_number::DocNumber,
    exclude: Option<crate::archive::DocId>,
) -> Option<String> {
    archive
        .titles_for_number(number, exclude)
        .into_iter()
        .max_by_key(|(_, _, count)| *count)
        .map(|(_, entry, _)| title_for_marks(&entry.display))
}
