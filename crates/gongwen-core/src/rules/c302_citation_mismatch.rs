//! # C302 citation-mismatch：引用的标题与发文字号不相符
//!
//! ## 检查内容
//!
//! `《标题》（文号）` 形式的引用，档案把这个文号配给了另一个标题，或把这个标题配给了另一个
//! 文号，而档案中没有任何文件或引用像草稿这样配对。档案的证据来自带着文号的文件本身，以及
//! 其他文件中 `《标题》（文号）` 形式的引用；被检查的文件本身在档案中时，它自己的引用不算证据。
//!
//! 下列写法视为相符，不报告：
//!
//! - 文号前多写了发文机关名称：`最高人民法院法释〔1998〕11号` 与 `法释〔1998〕11号`；
//! - 繁简、全半角、括号样式、`中华人民共和国` 前缀的差别；
//! - 标题省去 `关于` 前的发文机关：`《关于……的通知》（国办发〔…〕）` 对应档案中的
//!   `国务院办公厅关于……的通知`（这种只按“关于”以后部分对上的标题，还要求机关代字相同，
//!   因为不同机关常有同名的 `关于……的通知`）；
//! - 引用的是印发、转发的文件本身：`《国家地震应急预案》（国办函〔2012〕150号）` 对应档案中的
//!   `国务院办公厅关于印发国家地震应急预案的通知`；
//! - 标题只差一两个字（由 C304 报告标题的问题）；
//! - 档案把这个标题配给了另一年份的文号，而草稿的文号档案中并未配给别的标题：法规、司法解释
//!   修订后常以同一标题重新发布，草稿引用的可能是另一个版本（只有同一年份的不同文号才算冲突）；
//!   命令号也是如此（`《专利代理条例》（国务院令第76号）` 是修订前的版本）。
//!
//! 草稿的文号档案中不认识、但与档案配给该标题的文号只差一处时，由 C303 报告。
//!
//! ## 依据
//!
//! 《党政机关公文处理工作条例》第九条：公文由发文字号、标题等部分组成，（五）发文字号由发文
//! 机关代字、年份、发文顺序号组成，（七）标题由发文机关名称、事由和文种组成。引用公文应当先引
//! 标题、后引发文字号（原《国家行政机关公文处理办法》第二十五条，现行通行做法），所引标题和文号
//! 都必须与原件一致。
//! 标题与文号张冠李戴，引用的依据就无法查证。
//!
//! ## 示例
//!
//! ```text
//! 根据《国务院关于加强数字政府建设的指导意见》（国发〔2022〕41号）要求，……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 根据《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，……
//! ```
//!
//! ## 修复
//!
//! 建议修复，每种相符的配对一个选项：把文号换成档案配给该标题的文号，或把标题换成档案配给
//! 该文号的标题。不自动应用。需要配置档案才运行。与 C305、C301 重叠时只报告本规则；与 C303
//! 重叠时只报告 C303。

use crate::archive::{Archive, TitleEntry};
use crate::doc_number::DocNumber;
use crate::document::Citation;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C302",
    name: "citation-mismatch",
    summary: "引用的标题与发文字号不相符",
    summary_en: "cited title and doc number do not match",
    default_severity: Severity::Error,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c302_citation_mismatch.rs"),
    check,
};

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(archive) = ctx.archive else { return };
    let doc = ctx.doc;
    for citation in &doc.citations {
        let Some(n) = citation.doc_number else {
            continue;
        };
        if citation.is_back_reference || !in_text_proper(doc, citation.range.start()) {
            continue;
        }
        let mention = &doc.doc_numbers[n];
        if let Some(diagnostic) = mismatch(ctx, archive, citation, mention) {
            out.push(diagnostic);
        }
    }
}

fn mismatch(
    ctx: &Ctx<'_>,
    archive: &Archive,
    citation: &Citation,
    mention: &crate::document::DocNumberMention,
) -> Option<Diagnostic> {
    let doc = ctx.doc;
    let number = &mention.found.number;
    let key = &citation.key;
    let titles = archive.titles_for_number(number, ctx.exclude);
    if titles
        .iter()
        .any(|(_, entry, _)| titles_agree(key, &entry.key))
    {
        return None;
    }
    let numbers: Vec<TiedNumber> = numbers_for_citation(archive, key, ctx.exclude)
        .into_iter()
        .filter(|t| tied_applies(t, number))
        .collect();
    if numbers
        .iter()
        .any(|t| t.number == *number || t.number.same_document(number))
    {
        return None;
    }
    // A title tied to another 文号 of another year may be another version of the document
    // (a revised 司法解释, a re-issued regulation): only the same year is a conflict.
    let title_conflict = !number.is_order()
        && numbers
            .iter()
            .any(|t| !t.number.is_order() && t.number.year == number.year);
    if titles.is_empty() && !title_conflict {
        return None;
    }
    // An unknown 文号 one slip away from the title's is C303's.
    if !likely_variants(archive, doc, mention, ctx.exclude).is_empty() {
        return None;
    }

    let written = &doc.text[mention.found.range.range()];
    let other_titles = distinct_titles(titles);
    let mut zh = Vec::new();
    let mut en = Vec::new();
    if let Some((entry, _)) = other_titles.first() {
        let title = title_for_marks(&entry.display);
        zh.push(format!("档案中 {number} 是《{title}》"));
        en.push(format!("the archive gives {number} to 《{title}》"));
    }
    if let Some(tied) = numbers.first() {
        let title = title_for_marks(&citation.title);
        zh.push(format!("《{title}》的文号是 {}", tied.number));
        en.push(format!("《{title}》 is {}", tied.number));
    }
    let mut diagnostic = Diagnostic::new(
        RULE.code,
        citation.range,
        Message::new(
            format!("引用的标题与文号「{written}」不相符：{}", zh.join("；")),
            format!(
                "the cited title and `{written}` do not match: {}",
                en.join("; ")
            ),
        ),
    );
    for tied in &numbers {
        let text = keep_issuer(number, &tied.number);
        diagnostic = diagnostic.with_fix(Fix::suggestion(
            Message::new(
                format!("文号改为 {text}"),
                format!("Change the number to {text}"),
            ),
            vec![Edit::new(mention.found.range, text)],
        ));
    }
    for (entry, _) in &other_titles {
        let title = title_for_marks(&entry.display);
        diagnostic = diagnostic.with_fix(Fix::suggestion(
            Message::new(
                format!("标题改为《{title}》"),
                format!("Change the title to 《{title}》"),
            ),
            vec![Edit::new(citation.title_range, title)],
        ));
    }
    Some(diagnostic)
}

/// Each title once (by key), best supported first.
fn distinct_titles(titles: Vec<(u32, &TitleEntry, usize)>) -> Vec<(&TitleEntry, usize)> {
    let mut out: Vec<(&TitleEntry, usize)> = Vec::new();
    for (_, entry, count) in titles {
        match out
            .iter_mut()
            .find(|(e, _)| crate::archive::same_title(&e.key, &entry.key))
        {
            Some(slot) => slot.1 += count,
            None => out.push((entry, count)),
        }
    }
    out.sort_by_key(|&(_, count)| std::cmp::Reverse(count));
    out
}

/// The replacement 文号, keeping an issuer name the draft wrote before the code
/// (`最高人民法院法释〔…〕`).
fn keep_issuer(written_number: &DocNumber, replacement: &DocNumber) -> String {
    if written_number.code != replacement.code && written_number.code.ends_with(&replacement.code) {
        let prefix = &written_number.code[..written_number.code.len() - replacement.code.len()];
        return format!("{prefix}{replacement}");
    }
    replacement.to_string()
}
