//! # P201 halfwidth-punctuation：中文语境中使用了半角标点
//!
//! ## 检查内容
//!
//! 中文语境中使用了半角（ASCII）标点 `, : ; ? ! ( )`：标点前或后紧挨着汉字或全角标点，
//! 或者标点位于汉字之后、行末之前。半角句点 `.` 紧跟在汉字之后、其后是行末、空格、汉字或
//! 全角的后引号、后括号、后书名号时，也按误用的句号报告。
//!
//! 括号成对处理：`县(市、区)` 的两个括号一起报告、一起修复；一半全角一半半角的括号对
//! （`（市、区)`）只报告半角的那一半。
//!
//! 不报告：时间 `9:30`、比例 `1:2`、小数 `3.5`、千位分隔 `1,000`、英文句子
//! （`Version 2.0, released.`）、网址和电子邮件地址、Markdown 代码和链接 `[附件](a.pdf)`、
//! HTML 字符实体（`&nbsp;`）、行首的字母列项 `a)`（标准文本的列项写法）、表情符号
//! （`:)` `(^_^)`）、拼音残留 `產(chǎn)` 的括号（D403）、发文字号内的括号（P202、P203）、
//! 层次序数 `(一)` `1)` `一.` 的标点（N102）。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》5.1（横排文稿）：句号、问号、叹号、逗号、顿号、分号、冒号
//! 和括号等标点在中文文本中各占一个汉字的位置，即使用全角形式。GB/T 9704-2012
//! 《党政机关公文格式》第9章：公文中的标点符号按 GB/T 15834 执行；7.3.2 主送机关后标全角冒号，
//! 7.3.6 附注加圆括号“（）”。
//!
//! ## 示例
//!
//! ```text
//! 同志们:
//! ×月日召开的工作会议,对开展第二批先进性教育活动进行了全面动员;县(市、区)派驻乡镇的基层单位
//! 是否已经落实?要认真总结.
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 同志们：
//! ×月日召开的工作会议，对开展第二批先进性教育活动进行了全面动员；县（市、区）派驻乡镇的基层单位
//! 是否已经落实？要认真总结。
//! ```
//!
//! ## 修复
//!
//! 安全修复：把半角标点换成对应的全角标点 `，：；？！（）。`，括号成对替换，其余字符
//! （包括标点后的空格，由 P210 处理）不动。与 N101–N103（层次序数）、P202/P203（发文字号）
//! 和 D403（拼音残留、乱码）重叠时只报告那些规则。

use crate::document::Document;
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P201",
    name: "halfwidth-punctuation",
    summary: "中文语境中使用了半角标点",
    summary_en: "half-width punctuation in Chinese text",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p201_halfwidth_punctuation.rs"),
    check,
};

/// The full-width mark for a half-width one, with its Chinese name.
fn fullwidth(b: u8) -> Option<(&'static str, &'static str, &'static str)> {
    Some(match b {
        b',' => ("，", "逗号", "comma"),
        b':' => ("：", "冒号", "colon"),
        b';' => ("；", "分号", "semicolon"),
        b'?' => ("？", "问号", "question mark"),
        b'!' => ("！", "叹号", "exclamation mark"),
        b'(' => ("（", "括号", "parenthesis"),
        b')' => ("）", "括号", "parenthesis"),
        b'.' => ("。", "句号", "full stop"),
        _ => return None,
    })
}

fn is_candidate(b: u8) -> bool {
    matches!(b, b',' | b':' | b';' | b'?' | b'!' | b'(' | b')' | b'.')
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (line_no, content, line) in linted_lines(doc) {
        let bytes = line.as_bytes();
        if !bytes.iter().copied().any(is_candidate) {
            continue;
        }
        let base = content.start();
        let skip = |at: usize| owned_elsewhere(doc, line_no, base + at);
        let mut found: Vec<Found> = Vec::new();

        let parens = if memchr::memchr2(b'(', b')', bytes).is_some() {
            match_parens(line, &skip)
        } else {
            Vec::new()
        };
        let paren_partner = |at: usize| parens.iter().find(|p| p.at == at).and_then(|p| p.partner);
        for paren in parens.iter().filter(|p| p.ascii) {
            let own = in_cjk_context(line, paren.at, paren.at + 1);
            let b = bytes[paren.at];
            match paren.partner {
                Some(partner) => {
                    let partner_ascii = bytes[partner] == b'(' || bytes[partner] == b')';
                    let (open, close) = if paren.open {
                        (paren.at, partner)
                    } else {
                        (partner, paren.at)
                    };
                    if partner_ascii {
                        if is_link_target(line, open)
                            || is_kaomoji(line, open, close)
                            || continues_url(doc, line, base, open, close)
                        {
                            continue;
                        }
                        let pair_cjk = own || in_cjk_context(line, partner, partner + 1);
                        if pair_cjk {
                            found.push(Found {
                                at: paren.at,
                                mark: b,
                                edits: vec![(open, "（"), (close, "）")],
                            });
                        }
                    } else {
                        // The other half is already full-width: this is Chinese text.
                        let text = if paren.open { "（" } else { "）" };
                        found.push(Found {
                            at: paren.at,
                            mark: b,
                            edits: vec![(paren.at, text)],
                        });
                    }
                }
                None => {
                    if own && !is_emoticon_paren(line, paren.at) && !is_letter_label(line, paren.at)
                    {
                        let text = if paren.open { "（" } else { "）" };
                        found.push(Found {
                            at: paren.at,
                            mark: b,
                            edits: vec![(paren.at, text)],
                        });
                    }
                }
            }
        }

        for (at, &b) in bytes.iter().enumerate() {
            if !is_candidate(b) || b == b'(' || b == b')' {
                continue;
            }
            let report = match b {
                b'.' => is_sentence_dot(line, at),
                b':' | b';' if is_emoticon(line, at, &paren_partner) => false,
                b';' if is_html_entity_end(line, at) => false,
                b'!' if bytes.get(at + 1) == Some(&b'[') => false,
                _ => in_cjk_context(line, at, at + 1),
            };
            if report && !skip(at) {
                let (text, _, _) = fullwidth(b).expect("candidate");
                found.push(Found {
                    at,
                    mark: b,
                    edits: vec![(at, text)],
                });
            }
        }

        found.sort_by_key(|f| f.at);
        for Found { at, mark, edits } in found {
            let (text, zh, en) = fullwidth(mark).expect("candidate");
            let half = mark as char;
            let range = TextRange::new(base + at, base + at + 1);
            let edits = edits
                .into_iter()
                .map(|(e, t)| Edit::new(TextRange::new(base + e, base + e + 1), t))
                .collect();
            out.push(
                Diagnostic::new(
                    RULE.code,
                    range,
                    Message::new(
                        format!("中文语境中应使用全角{zh}：「{half}」→「{text}」"),
                        format!("half-width {en} in Chinese text: “{half}” → “{text}”"),
                    ),
                )
                .with_fix(Fix::safe(
                    Message::new("改为全角标点", "Use the full-width mark"),
                    edits,
                )),
            );
        }
    }
}

/// A mark to report.
struct Found {
    /// Offset in the line.
    at: usize,
    mark: u8,
    /// The fix: (offset in the line, replacement); both halves of a bracket pair.
    edits: Vec<(usize, &'static str)>,
}

/// True when another rule owns the character at `abs`, or it is not prose: pinyin residue
/// (D403), a 文号 (P202/P203), a heading token (N102), a URL, e-mail or code span.
fn owned_elsewhere(doc: &Document, line: usize, abs: usize) -> bool {
    if in_sorted_ranges(&doc.shadow.residues, abs) || doc.in_verbatim(TextRange::new(abs, abs + 1))
    {
        return true;
    }
    let n = doc
        .doc_numbers
        .partition_point(|m| m.found.range.start() <= abs);
    if n > 0 && doc.doc_numbers[n - 1].found.range.contains(abs) {
        return true;
    }
    in_heading_token(doc, line, abs)
}

struct Paren {
    at: usize,
    open: bool,
    ascii: bool,
    partner: Option<usize>,
}

/// Every bracket `( ) （ ）` of the line that is prose, matched innermost first.
fn match_parens(line: &str, skip: &dyn Fn(usize) -> bool) -> Vec<Paren> {
    let mut parens: Vec<Paren> = Vec::new();
    let mut stack: Vec<usize> = Vec::new();
    for (at, c) in line.char_indices() {
        let (open, ascii) = match c {
            '(' => (true, true),
            ')' => (false, true),
            '（' => (true, false),
            '）' => (false, false),
            _ => continue,
        };
        if skip(at) {
            continue;
        }
        let i = parens.len();
        parens.push(Paren {
            at,
            open,
            ascii,
            partner: None,
        });
        if open {
            stack.push(i);
        } else if let Some(j) = stack.pop() {
            parens[i].partner = Some(parens[j].at);
            parens[j].partner = Some(at);
        }
    }
    parens
}

/// `[附件](a.pdf)`: the brackets of a Markdown link target.
fn is_link_target(line: &str, open: usize) -> bool {
    line[..open].ends_with(']')
}

/// `https://…/Foo_(bar)`: ASCII brackets right after a URL are part of it.
fn continues_url(doc: &Document, line: &str, base: usize, open: usize, close: usize) -> bool {
    open > 0
        && doc.in_verbatim(TextRange::new(base + open - 1, base + open))
        && !line[open..close].chars().any(is_cjk)
}

/// `(^_^)` `(>_<)`: brackets around symbols only.
fn is_kaomoji(line: &str, open: usize, close: usize) -> bool {
    let inner = &line[open + 1..close];
    !inner.is_empty()
        && inner.len() <= 12
        && inner.chars().all(|c| !c.is_alphanumeric() && !is_cjk(c))
        && inner.contains(['^', '_', '*', '>', '<', '~', '='])
}

/// `:)` `;-)` `:-(`: the colon or semicolon of a smiley.
fn is_emoticon(line: &str, at: usize, partner: &dyn Fn(usize) -> Option<usize>) -> bool {
    let rest = &line.as_bytes()[at + 1..];
    let (face, face_at) = match rest {
        [b'-', c, ..] => (*c, at + 2),
        [c, ..] => (*c, at + 1),
        [] => return false,
    };
    // A bracket with a partner is prose: `如下:(一)…`.
    matches!(face, b')' | b'(') && (face_at > at + 1 || partner(face_at).is_none())
}

/// The bracket of a smiley such as `:)` or `:-(`.
fn is_emoticon_paren(line: &str, at: usize) -> bool {
    let before = &line[..at];
    before.ends_with(':')
        || before.ends_with(';')
        || before.ends_with(":-")
        || before.ends_with(";-")
}

/// `a)` at a line's start: a list label in the style of GB/T 1.1 standards.
fn is_letter_label(line: &str, at: usize) -> bool {
    let label = line[..at].trim_start_matches([' ', '\t', '\u{3000}']);
    label.len() == 1 && label.as_bytes()[0].is_ascii_alphabetic() && line.as_bytes()[at] == b')'
}

/// `&nbsp;` `&#12288;`: the semicolon that ends an HTML character reference.
fn is_html_entity_end(line: &str, at: usize) -> bool {
    let before = &line.as_bytes()[..at];
    let name = before
        .iter()
        .rev()
        .take_while(|b| b.is_ascii_alphanumeric() || **b == b'#')
        .count();
    (2..=10).contains(&name) && before.len() > name && before[before.len() - name - 1] == b'&'
}

/// A `.` used as a full stop: right after an ideograph, before a line end, a space, an
/// ideograph or a closing mark (`”` `）` `》`).
fn is_sentence_dot(line: &str, at: usize) -> bool {
    if !char_before(line, at).is_some_and(is_ideograph) {
        return false;
    }
    match char_at(line, at + 1) {
        None => true,
        Some(' ' | '\t') => char_after_spaces(line, at + 1).is_none_or(is_cjk),
        Some(c) => {
            is_ideograph(c)
                || matches!(
                    c,
                    '”' | '’' | '）' | '》' | '〉' | '」' | '』' | '】' | '〕'
                )
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn html_entities_and_smileys() {
        assert!(is_html_entity_end("&nbsp;", 5));
        assert!(is_html_entity_end("前&#12288;后", 10));
        assert!(!is_html_entity_end("工作;", 6));
        let none = |_| None;
        assert!(is_emoticon("好:)", 3, &none));
        assert!(is_emoticon("好;-)", 3, &none));
        assert!(!is_emoticon("如下:(一)", 6, &|_| Some(10)));
        assert!(!is_emoticon("如下:", 6, &none));
    }

    #[test]
    fn sentence_dots() {
        assert!(is_sentence_dot("认真总结.", 12));
        assert!(is_sentence_dot("认真总结. 下一步", 12));
        assert!(is_sentence_dot("总结.下一步", 6));
        assert!(!is_sentence_dot("版本2.0", 7));
        assert!(!is_sentence_dot("文件.docx", 6));
        assert!(!is_sentence_dot("总结. Next", 6));
        assert!(!is_sentence_dot("总结...", 6));
    }
}
