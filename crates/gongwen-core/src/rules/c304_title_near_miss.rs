//! # C304 title-near-miss：引用的标题与档案中的已知标题只差一处
//!
//! ## 检查内容
//!
//! `《标题》` 在档案中查不到（繁简、全半角、空格、引号和 `中华人民共和国` 前缀的差别都已
//! 忽略，省去 `关于` 前发文机关的写法也算查到），但有一个已知标题与它只差一处：
//!
//! - 错一个字：`《中国共产党纪律处分条列》`（条例）；
//! - 多一个或少一个字：`《中国共产党纪律处条例》`；相邻两字颠倒：`《中国共产党纪律分处条例》`。
//!
//! 真实的法规、文件标题之间常常也只差一个字（`审计法`/`统计法`、`刑事诉讼法`/`民事诉讼法`、
//! `济南市……条例`/`济宁市……条例`、`刑法修正案（七）`/`（八）`、`2018年`/`2019年`），档案不全时
//! 草稿引用的完全可能是档案里没有的另一份文件。因此只在下列条件都满足时报告：
//!
//! - 已知标题至少 6 个字，差异不在前两个字（地名、机关名；`中华人民共和国` 不算在内，
//!   `《行政许可发》` 与 `中华人民共和国行政许可法` 比较的是 `行政许可法`）；
//! - 改动的字是汉字，不是数字、中文数字、字母或括号；
//! - 改动造成的相邻字组合在档案的全部标题中从未出现过（`条列` 不是标题用语，`统计` `民事`
//!   `林地` 是），或是同一个字误打两遍（`组组织`）；
//! - 已知标题有文件或 `《标题》（文号）` 引用为证，或至少两份文件引用过它。
//!
//! `《通知》` 这类简称（回指前文）不检查。
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
//! 对违纪党员，要按照《中国共产党纪律处分条列》的规定给予纪律处分。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 对违纪党员，要按照《中国共产党纪律处分条例》的规定给予纪律处分。
//! ```
//!
//! ## 修复
//!
//! 建议修复：把书名号内的标题换成已知标题（草稿省去了发文机关时，只换 `关于` 以后的部分），
//! 有几个候选就给几个选项，不自动应用。需要配置档案才运行。

use crate::archive::{Archive, DocId, Knowledge, TitleEntry};
use crate::normalize::title_core;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "C304",
    name: "title-near-miss",
    summary: "引用的标题与档案中的已知标题只差一处",
    summary_en: "cited title one slip away from a known title",
    default_severity: Severity::Warning,
    needs_archive: true,
    fix: "suggestion",
    source: include_str!("c304_title_near_miss.rs"),
    check,
};

/// Shortest known title a near miss is reported against, in characters.
const MIN_CHARS: usize = 6;
/// Edits in the first characters change a place or issuer name.
const PROTECTED_PREFIX: usize = 2;

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let Some(archive) = ctx.archive else { return };
    let doc = ctx.doc;
    for citation in &doc.citations {
        if citation.is_back_reference {
            continue;
        }
        let key = &citation.key;
        if key.chars().count() + 1 < MIN_CHARS || is_known_title(archive, key, ctx.exclude) {
            continue;
        }
        let issuerless = key.starts_with("关于");
        let mut suggestions: Vec<String> = Vec::new();
        for (_, entry) in archive.similar_titles(key, 30) {
            if !established(archive, entry, ctx.exclude) {
                continue;
            }
            let suggestion = if let Some(display) = near_miss_by_state_name(archive, key, entry) {
                display
            } else if issuerless
                && title_core(&entry.key) != entry.key
                && title_core(&entry.key).chars().count() >= MIN_CHARS
                && near_miss(archive, key, title_core(&entry.key))
            {
                match entry.display.find("关于") {
                    Some(at) => entry.display[at..].to_string(),
                    None => continue,
                }
            } else {
                continue;
            };
            let suggestion = title_for_marks(&suggestion);
            if !suggestions.contains(&suggestion) {
                suggestions.push(suggestion);
            }
            if suggestions.len() == 3 {
                break;
            }
        }
        if suggestions.is_empty() {
            continue;
        }
        let range = citation.open.cover(citation.close);
        let shown: Vec<String> = suggestions.iter().map(|s| format!("《{s}》")).collect();
        let mut diagnostic = Diagnostic::new(
            RULE.code,
            range,
            Message::new(
                format!(
                    "档案中没有《{}》，只有只差一处的{}，请核对标题",
                    citation.title,
                    shown.join("、")
                ),
                format!(
                    "the archive does not know 《{}》 but knows {}: check the title",
                    citation.title,
                    shown.join(", ")
                ),
            ),
        );
        for suggestion in suggestions {
            diagnostic = diagnostic.with_fix(Fix::suggestion(
                Message::new(
                    format!("改为《{suggestion}》"),
                    format!("Change to 《{suggestion}》"),
                ),
                vec![Edit::new(citation.title_range, suggestion)],
            ));
        }
        out.push(diagnostic);
    }
}

const STATE: &str = "中华人民共和国";

/// The known title when the draft is it with one slip, `中华人民共和国` aside (a law is cited
/// with or without it): the suggestion keeps the draft's choice.
fn near_miss_by_state_name(archive: &Archive, key: &str, entry: &TitleEntry) -> Option<String> {
    if entry.key.chars().count() < MIN_CHARS {
        return None;
    }
    let draft = key.strip_prefix(STATE).unwrap_or(key);
    let known = entry.key.strip_prefix(STATE).unwrap_or(&entry.key);
    if !near_miss(archive, draft, known) {
        return None;
    }
    let display = entry.display.trim_start_matches(STATE);
    Some(if key.starts_with(STATE) {
        format!("{STATE}{display}")
    } else {
        display.to_string()
    })
}

/// The archive knows the title as written (or seen it cited), also without its issuer.
fn is_known_title(archive: &Archive, key: &str, exclude: Option<DocId>) -> bool {
    if archive.title_knowledge(key, exclude) != Knowledge::Unknown {
        return true;
    }
    let core = title_core(key);
    if core != key && archive.title_knowledge(core, exclude) != Knowledge::Unknown {
        return true;
    }
    core == key
        && key.starts_with("关于")
        && archive.find_title_core(key).into_iter().any(|d| {
            archive
                .directive(d)
                .titles
                .iter()
                .any(|t| title_core(&t.key) == key && t.seen_count(archive, exclude) > 0)
        })
}

/// A title worth correcting towards: a document or a `《title》（文号）` pair gives it, or at
/// least two documents cite it.
fn established(archive: &Archive, entry: &TitleEntry, exclude: Option<DocId>) -> bool {
    if entry.known_count(archive, exclude) > 0 {
        return true;
    }
    let mut docs: Vec<DocId> = entry
        .bare
        .iter()
        .map(|&c| archive.cite(c).doc)
        .filter(|&d| Some(d) != exclude)
        .collect();
    docs.sort_unstable();
    docs.dedup();
    docs.len() >= 2
}

/// True when `draft` is `known` with one slip: a character replaced, added or dropped, or
/// two neighbours swapped, where the slip makes a pair of characters no archive title has
/// (or doubles a character), away from the first characters, and on ideographs only.
fn near_miss(archive: &Archive, draft: &str, known: &str) -> bool {
    let a: Vec<char> = draft.chars().collect();
    let b: Vec<char> = known.chars().collect();
    if a == b {
        return false;
    }
    let mut p = 0;
    while p < a.len() && p < b.len() && a[p] == b[p] {
        p += 1;
    }
    let mut s = 0;
    while s < a.len() - p && s < b.len() - p && a[a.len() - 1 - s] == b[b.len() - 1 - s] {
        s += 1;
    }
    let da = &a[p..a.len() - s];
    let db = &b[p..b.len() - s];
    if p < PROTECTED_PREFIX || !da.iter().chain(db).all(|&c| plain_ideograph(c)) {
        return false;
    }
    // Pairs the slip makes in the draft, each of which must be new to the archive's titles.
    let unseen = |pairs: &[(char, char)]| {
        !pairs.is_empty() && pairs.iter().all(|&(x, y)| !archive.title_has_pair(x, y))
    };
    let before = a.get(p.wrapping_sub(1)).copied();
    let after = a.get(a.len() - s).copied();
    let around = |inner: &[char]| {
        let mut chars: Vec<char> = Vec::new();
        chars.extend(before);
        chars.extend_from_slice(inner);
        chars.extend(after);
        chars.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    match (da.len(), db.len()) {
        // A character replaced, or one added to the draft.
        (1, 1) | (1, 0) => {
            let doubled =
                da.len() == 1 && db.is_empty() && (before == Some(da[0]) || after == Some(da[0]));
            doubled || unseen(&around(da))
        }
        // A character dropped: its neighbours meet.
        (0, 1) => unseen(&around(da)),
        // Two neighbours swapped.
        (2, 2) => da[0] == db[1] && da[1] == db[0] && unseen(&around(da)),
        _ => false,
    }
}

/// An ideograph that is not a numeral (a changed numeral names another document:
/// `修正案（七）`/`（八）`).
fn plain_ideograph(c: char) -> bool {
    is_ideograph(c) && !"零〇○一二三四五六七八九十百千万两".contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::archive::DocSummary;
    use crate::document::{Document, Format};

    fn archive(titles: &[&str]) -> Archive {
        Archive::build(
            titles
                .iter()
                .enumerate()
                .map(|(i, t)| {
                    let text = format!("---\ntitle: {t}\n---\n正文。\n");
                    DocSummary::new(
                        format!("a/{i}.md"),
                        &Document::parse(text, Format::Markdown),
                    )
                })
                .collect(),
        )
    }

    #[test]
    fn slips_that_make_unseen_pairs() {
        let a = archive(&["中国共产党纪律处分条例", "中华人民共和国民事诉讼法"]);
        assert!(near_miss(
            &a,
            "中国共产党纪律处分条列",
            "中国共产党纪律处分条例"
        ));
        assert!(near_miss(
            &a,
            "中国共产党纪律处条例",
            "中国共产党纪律处分条例"
        ));
        assert!(near_miss(
            &a,
            "中国共产党纪律分处条例",
            "中国共产党纪律处分条例"
        ));
        assert!(near_miss(
            &a,
            "中国共产党纪律处分分条例",
            "中国共产党纪律处分条例"
        ));
        // The first characters, numerals and pairs other titles use are left alone.
        assert!(!near_miss(
            &a,
            "中国共产党纪律处分条例",
            "中国共产党纪律处分条例"
        ));
        assert!(!near_miss(
            &a,
            "华国共产党纪律处分条例",
            "中国共产党纪律处分条例"
        ));
        let b = archive(&["中华人民共和国民事诉讼法", "最高人民法院关于刑事案件的规定"]);
        assert!(!near_miss(
            &b,
            "中华人民共和国刑事诉讼法",
            "中华人民共和国民事诉讼法"
        ));
        assert!(!near_miss(&b, "刑法修正案（八）", "刑法修正案（七）"));
        let entry = &b.directive(0).titles[0];
        assert_eq!(
            near_miss_by_state_name(&b, "民事诉讼发", entry).as_deref(),
            Some("民事诉讼法")
        );
        assert_eq!(
            near_miss_by_state_name(&b, "中华人民共和国民事诉讼发", entry).as_deref(),
            Some("中华人民共和国民事诉讼法")
        );
    }
}
