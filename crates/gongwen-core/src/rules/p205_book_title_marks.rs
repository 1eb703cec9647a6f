//! # P205 book-title-marks：书名号写法不规范
//!
//! ## 检查内容
//!
//! 书名号写错了形式：
//!
//! - 用两个单书名号 `〈〈…〉〉`、两个小于号大于号 `<<…>>` 或全角的 `＜＜…＞＞` 代替双书名号
//!   `《…》`；
//! - 书名号里直接再用双书名号：`《国务院关于《…条例》的决定》`，内层应当用单书名号
//!   `〈…〉`（第三层再用双书名号，`《…〈…《…》…〉…》` 是对的）；
//! - 书名号重复：`《《…》》`。
//!
//! 有的文本用 `<…>` 或 `＜…＞` 代替单书名号（`《关于修改<…实施《…法》办法>的决定》`），
//! 其中的 `《》` 按第三层看待，不报告。
//! 书名号的前后两半分别报告（范围只覆盖书名号本身），修复时一起替换。书名里须有汉字、
//! 不含句内句末点号，紧挨着标记处不能是空格；代码、网址和 Markdown 代码段中的 `<<` `>>`
//! 不报告。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》4.15（书名号）：书名号的形式有双书名号“《》”和单书名号
//! “〈〉”；书名号里边还要用书名号时，外面一层用双书名号，里边一层用单书名号。
//!
//! ## 示例
//!
//! ```text
//! 分别作〈〈经受考验、磨练意志、树立形象〉〉和<<披肝沥胆为百姓>>的先进事迹报告。
//! 认真学习《国务院关于修改《信访条例》的决定》。
//! 组织学习《《中国共产党章程》》。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 分别作《经受考验、磨练意志、树立形象》和《披肝沥胆为百姓》的先进事迹报告。
//! 认真学习《国务院关于修改〈信访条例〉的决定》。
//! 组织学习《中国共产党章程》。
//! ```
//!
//! ## 修复
//!
//! 安全修复：`〈〈` `<<` `＜＜` 换成 `《`，`〉〉` `>>` `＞＞` 换成 `》`；直接嵌套的内层
//! `《》` 换成 `〈〉`；重复的内层 `《》` 删去。书名本身不动。

use crate::document::{Citation, Document, TitleMarks};
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

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for citation in &doc.citations {
        if citation.marks == TitleMarks::Standard {
            nested(doc, citation, out);
            continue;
        }
        if !looks_like_title(doc, citation) {
            continue;
        }
        let (open, close) = (citation.open, citation.close);
        let written_open = &doc.text[open.range()];
        let written_close = &doc.text[close.range()];
        let title = &citation.title;
        let message = Message::new(
            format!("书名号应写作《》：{written_open}{title}{written_close} → 《{title}》"),
            format!("book titles go in 《》: {written_open}{title}{written_close} → 《{title}》"),
        );
        let fix = Fix::safe(
            Message::new("改为书名号《》", "Use 《》"),
            vec![Edit::new(open, "《"), Edit::new(close, "》")],
        );
        for range in [open, close] {
            out.push(Diagnostic::new(RULE.code, range, message.clone()).with_fix(fix.clone()));
        }
    }
}

/// `<<` and `>>` also shift bits and compare (`若x<<y，则y>>x`): a title in look-alike marks
/// has no sentence punctuation and no space right inside the marks.
fn looks_like_title(doc: &Document, citation: &Citation) -> bool {
    let inner = &doc.text[citation.title_range.range()];
    !inner.contains(['，', '。', '；', '？', '！', ',', ';', '?', '!'])
        && !inner.starts_with(char::is_whitespace)
        && !inner.ends_with(char::is_whitespace)
}

/// `《` directly inside `《》`: the inner level takes `〈〉`; `《《…》》` is a doubled mark.
fn nested(doc: &Document, citation: &Citation, out: &mut Vec<Diagnostic>) {
    let title = citation.title_range;
    let text = &doc.text[title.range()];
    if !text.contains('《') {
        return;
    }
    // Open levels: (is double 《, offset of a wrongly nested 《).
    let mut stack: Vec<(bool, Option<usize>)> = vec![(true, None)];
    for (at, c) in text.char_indices() {
        let abs = title.start() + at;
        match c {
            '《' => {
                let wrong = stack.last().is_some_and(|&(double, _)| double);
                // A wrongly nested 《 is a 〈 level once fixed.
                stack.push((!wrong, wrong.then_some(abs)));
            }
            // `<` and `＜` stand in for 〈 in some texts (`《关于修改<…《…》…>的决定》`).
            '〈' | '<' | '＜' => stack.push((false, None)),
            '>' | '＞' if stack.last().is_none_or(|&(double, _)| double) => {}
            '》' | '〉' | '>' | '＞' => {
                if stack.len() < 2 {
                    return;
                }
                let Some((_, Some(open_at))) = stack.pop() else {
                    continue;
                };
                if c != '》' {
                    continue;
                }
                let open = TextRange::new(open_at, open_at + '《'.len_utf8());
                let close = TextRange::new(abs, abs + c.len_utf8());
                report_nested(doc, citation, open, close, out);
            }
            _ => {}
        }
    }
}

fn report_nested(
    doc: &Document,
    citation: &Citation,
    open: TextRange,
    close: TextRange,
    out: &mut Vec<Diagnostic>,
) {
    let inner = &doc.text[open.end()..close.start()];
    let title = citation.title_range;
    let doubled = open.start() == title.start() && close.end() == title.end();
    let (message, fix) = if doubled {
        (
            Message::new(
                format!("书名号重复：《《{inner}》》 → 《{inner}》"),
                format!("doubled book title marks: 《《{inner}》》 → 《{inner}》"),
            ),
            Fix::safe(
                Message::new("删除重复的书名号", "Remove the doubled marks"),
                vec![Edit::delete(open), Edit::delete(close)],
            ),
        )
    } else {
        (
            Message::new(
                format!("书名号内再用书名号时，内层应用单书名号〈〉：《{inner}》 → 〈{inner}〉"),
                format!("a title inside a title takes 〈〉: 《{inner}》 → 〈{inner}〉"),
            ),
            Fix::safe(
                Message::new("内层改为单书名号〈〉", "Use 〈〉 for the inner title"),
                vec![Edit::new(open, "〈"), Edit::new(close, "〉")],
            ),
        )
    };
    for range in [open, close] {
        out.push(Diagnostic::new(RULE.code, range, message.clone()).with_fix(fix.clone()));
    }
}
