//! # P212 line-start-punctuation：标点出现在行首
//!
//! ## 检查内容
//!
//! 一行（除去行首缩进）以点号 `，。、；：？！` 或标号的后一半 `）》”’〉〕】」』` 开头。这些标点
//! 只能紧跟在前面的文字后面，出现在行首说明换行的位置错了：多是引文或句子被从中间断开，
//! 比如前一行在引号里面结束、这一行以 `”` 开头。
//!
//! Markdown 的列表符号、引用符号开头的行，表格行，以及代码块里的行都不归本规则管。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》5.1（横排文字中标点符号的位置）：句号、问号、叹号、逗号、顿号、
//! 分号和冒号不出现在一行之首；引号、括号、书名号等标号的前一半不出现在一行之末，后一半不出现在
//! 一行之首。
//!
//! ## 示例
//!
//! ```text
//! 第三，精心组织学习培训，切实提高党员素质。要坚持以学习实践“三个代表
//! ”重要思想为主线，采取有效措施……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 第三，精心组织学习培训，切实提高党员素质。要坚持以学习实践“三个代表”重要思想为主线，
//! 采取有效措施……
//! ```
//!
//! ## 修复
//!
//! 不提供修复：该把行首标点并到上一行末尾，还是两行本该是一段而应当合并，要由作者判断。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P212",
    name: "line-start-punctuation",
    summary: "标点出现在行首",
    summary_en: "punctuation at the start of a line",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("p212_line_start_punctuation.rs"),
    check,
};

/// Marks that never start a line: pause and end marks, and the closing half of paired marks.
const NEVER_FIRST: &str = "，。、；：？！）》”’〉〕】」』";

/// The mark's name in Chinese and English.
fn mark_name(mark: char) -> (&'static str, &'static str) {
    match mark {
        '，' => ("逗号", "a comma"),
        '。' => ("句号", "a full stop"),
        '、' => ("顿号", "an enumeration comma"),
        '；' => ("分号", "a semicolon"),
        '：' => ("冒号", "a colon"),
        '？' => ("问号", "a question mark"),
        '！' => ("叹号", "an exclamation mark"),
        '）' => ("后括号", "a closing bracket"),
        '〕' | '】' => ("后括号", "a closing bracket"),
        '》' | '〉' => ("后书名号", "a closing title mark"),
        '”' | '’' | '」' | '』' => ("后引号", "a closing quotation mark"),
        _ => ("这个标点", "this mark"),
    }
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, line) in linted_lines(doc) {
        let indent = indent_len(line);
        let Some(mark) = line[indent..].chars().next() else {
            continue;
        };
        if !NEVER_FIRST.contains(mark) {
            continue;
        }
        let range = TextRange::new(indent, indent + mark.len_utf8()).shift(content.start());
        if doc.in_verbatim(range) {
            continue;
        }
        let (zh, en) = mark_name(mark);
        out.push(Diagnostic::new(
            RULE.code,
            range,
            Message::new(
                format!("{zh}不能出现在行首：换行位置有误，{zh}应接在上一行末尾"),
                format!(
                    "a line cannot start with {en} ({mark}): the line break is misplaced, the mark belongs at the end of the previous line"
                ),
            ),
        ));
    }
}
