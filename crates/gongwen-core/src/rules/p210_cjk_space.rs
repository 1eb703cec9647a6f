//! # P210 cjk-space：汉字或全角标点之间有多余空格
//!
//! ## 检查内容
//!
//! 两个字符之间有半角空格，而这两个字符都是汉字或全角标点：`如下： 当前`、`成效。 各地区`、
//! `先进性 把学习培训工作引向深入`。这类空格多是从网页、排版稿复制时带进来的，或是两段被误合成
//! 一段（`成效。 各地区` 处应当换行分段）。汉字与数字、字母之间的空格不在此列。
//!
//! 下列空格是惯例或版式，不报告：
//!
//! - 行首缩进（全角空格缩进是正确的；半角空格缩进不归本规则管）；
//! - 新闻电头后的空格：`新华社北京6月27日电 经中央批准`、`本报北京3月5日讯（记者 张三） `。
//!   电头与正文之间空开是新闻稿的惯例，删掉反而会把电头和正文连在一起；
//! - 行首日期后的空格（大事记、立法沿革里日期和事项之间）：`2018年8月31日 第十三届全国人民代表大会……`；
//! - 法规条文序号后的空格：`第一条 为了……`、`第三章 法律责任`、`第一百二十条之二 有下列情形`；
//! - 联合发文机关之间的空格：`中共中央 国务院关于……`、`中共中央办公厅 国务院办公厅`；
//! - 字间加空格的标题或表头（`土 地 使 用 期 限 的 批 复`、`说 明`、`召 集 人：`）：这是有意的
//!   排版，空格两边至少有一边是单独的一个字；
//! - 表单式字段之间的空格：`联系人：张三 电话：12345678`（去掉空格会把两个字段连在一起）；
//! - 表格行（以 `|` 开头的行）里的空格，以及和全角空格 U+3000 相邻的空格（对齐用）。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》5.1：横排文字中标点符号各占一个字（破折号、省略号占两个字）
//! 的位置，本身已含间距，汉字与全角标点之间不再另加空格；GB/T 9704-2012《党政机关公文格式》
//! 7.3.3：正文每个自然段左空二字、回行顶格，段与段之间靠换行分开，而不是靠空格。
//!
//! ## 示例
//!
//! ```text
//! 通知全文如下： 当前，参加第一批先进性教育活动的大多数单位已对活动进行了动员部署。
//! 使他们不断看到先进性教育活动的成效。 各地区各部门各单位先进性教育活动领导小组……
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 通知全文如下：当前，参加第一批先进性教育活动的大多数单位已对活动进行了动员部署。
//! 使他们不断看到先进性教育活动的成效。各地区各部门各单位先进性教育活动领导小组……
//! ```
//!
//! ## 修复
//!
//! 安全修复：删除这些空格。两段误合成一段时（空格前是 `。` `！` `？`），提示信息建议改为换行，
//! 但修复只删除空格，不替作者分段。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P210",
    name: "cjk-space",
    summary: "汉字或全角标点之间有多余空格",
    summary_en: "space between Chinese characters",
    default_severity: Severity::Hint,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p210_cjk_space.rs"),
    check,
};

/// A character that makes a space around it Chinese-in-Chinese: an ideograph or a
/// full-width mark, but not the ideographic space U+3000 (that is alignment).
fn is_cjk_neighbour(c: char) -> bool {
    c != '\u{3000}' && is_cjk(c)
}

fn is_numeral(c: char) -> bool {
    c.is_ascii_digit() || "〇零一二三四五六七八九十百千两０１２３４５６７８９".contains(c)
}

/// `新华社北京6月27日电`, `本报北京3月5日讯`, optionally with `（记者 ×××）` after it: the
/// dateline of a news report, which a space conventionally follows.
fn ends_with_dateline(before: &str) -> bool {
    let mut rest = before;
    // Inside or right after the reporter's bracket: `…电（记者 张三）`.
    if let Some(open) = rest.rfind('（') {
        let inner = &rest[open + '（'.len_utf8()..];
        if !inner.contains('）') || inner.find('）') == Some(inner.len() - '）'.len_utf8()) {
            rest = &rest[..open];
        }
    }
    let Some(rest) = ["电", "電", "讯", "訊"]
        .iter()
        .find_map(|end| rest.strip_suffix(end))
    else {
        return false;
    };
    rest.strip_suffix('日')
        .and_then(|r| r.chars().next_back())
        .is_some_and(is_numeral)
}

/// `第一条`, `第3章`, `第一百二十条之二`: the number of an article, chapter, section or part,
/// which law texts separate from what follows with a space.
fn ends_with_article_number(before: &str) -> bool {
    let mut rest = before;
    // 之二 after an article number.
    if let Some(r) = rest.trim_end_matches(is_numeral).strip_suffix('之')
        && r.len() + '之'.len_utf8() < rest.len()
    {
        rest = r;
    }
    let Some(r) = ["条", "章", "节", "编", "部分", "款"]
        .iter()
        .find_map(|unit| rest.strip_suffix(unit))
    else {
        return false;
    };
    let numerals = r.trim_end_matches(is_numeral);
    numerals.len() < r.len() && numerals.ends_with('第')
}

/// `2018年8月31日` (or `2018年8月`) as the whole head of a line: a dated entry of a
/// chronology or a legislative history, where the space separates the date column.
fn is_date_label(head: &str) -> bool {
    let mut rest = head;
    for (unit, required) in [("年", true), ("月", true), ("日", false)] {
        let digits = rest.trim_start_matches(|c| digit_value(c).is_some());
        if digits.len() == rest.len() {
            return !required && rest.is_empty();
        }
        let Some(r) = digits.strip_prefix(unit) else {
            return false;
        };
        rest = r;
    }
    rest.is_empty()
}

/// `电话：…`, `联系人：…` right after the space: the space separates two fields of a form-like
/// line (`联系人：张三 电话：12345678`); taking it out would run the fields together.
fn starts_with_field_label(tail: &str) -> bool {
    for (i, c) in tail.chars().take(7).enumerate() {
        if c == '：' || c == ':' {
            return i > 0;
        }
        if !is_ideograph(c) {
            return false;
        }
    }
    false
}

/// Organ names that end one issuer of a jointly issued document (`中共中央 国务院`).
const ISSUER_ENDINGS: &[&str] = &[
    "中央",
    "办公厅",
    "办公室",
    "委员会",
    "政府",
    "部",
    "厅",
    "局",
    "委",
    "署",
    "院",
];

/// True when the space separates two letter-spaced characters (`土 地 使 用`, `说 明`,
/// `召 集 人：`): the word on one side is one character standing alone.
fn letter_spaced(line: &str, start: usize, end: usize) -> bool {
    let is_gap = |c: char| c == ' ' || c == '\u{3000}';
    let mut back = line[..start].chars().rev();
    let left_alone = back.next().is_some() && back.next().is_none_or(is_gap);
    let mut ahead = line[end..].chars();
    let right_alone = ahead.next().is_some() && ahead.next().is_none_or(is_gap);
    left_alone || right_alone
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, line) in linted_lines(doc) {
        if is_table_row(line) {
            continue;
        }
        let bytes = line.as_bytes();
        let indent = indent_len(line);
        let mut from = indent;
        while let Some(found) = memchr::memchr(b' ', &bytes[from..]) {
            let start = from + found;
            let end = start + bytes[start..].iter().take_while(|&&b| b == b' ').count();
            from = end;
            let (Some(before), Some(after)) = (char_before(line, start), char_at(line, end)) else {
                continue;
            };
            if !is_cjk_neighbour(before) || !is_cjk_neighbour(after) {
                continue;
            }
            let head = &line[..start];
            if ends_with_dateline(head)
                || is_date_label(&head[indent..])
                || starts_with_field_label(&line[end..])
                || ends_with_article_number(head)
                || ISSUER_ENDINGS.iter().any(|e| head.ends_with(e))
                || letter_spaced(line, start, end)
            {
                continue;
            }
            let range = TextRange::new(start, end).shift(content.start());
            if doc.in_verbatim(range) {
                continue;
            }
            let message = if matches!(before, '。' | '！' | '？') {
                Message::new(
                    "句末标点后有多余空格；如果这里是两段，应换行分段",
                    "stray space after the end of a sentence; if two paragraphs were merged here, break the line",
                )
            } else {
                Message::new(
                    "汉字或全角标点之间有多余空格",
                    "stray space between Chinese characters",
                )
            };
            out.push(
                Diagnostic::new(RULE.code, range, message).with_fix(Fix::safe(
                    Message::new("删除空格", "Remove the space"),
                    vec![Edit::delete(range)],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn conventional_spaces_are_recognised() {
        assert!(ends_with_dateline("新华社北京6月27日电"));
        assert!(ends_with_dateline("新華社北京7月15日電"));
        assert!(ends_with_dateline("本报北京3月5日讯"));
        assert!(ends_with_dateline("新华社北京6月27日电（记者"));
        assert!(ends_with_dateline("新华社北京6月27日电（记者 张三"));
        assert!(!ends_with_dateline("（记者）通知"));
        assert!(ends_with_dateline("新华社北京6月27日电（记者张三）"));
        assert!(!ends_with_dateline("通过电话和电"));
        assert!(ends_with_article_number("第一条"));
        assert!(ends_with_article_number("“第一百二十条之二"));
        assert!(ends_with_article_number("## 第3章"));
        assert!(!ends_with_article_number("第条"));
        assert!(!ends_with_article_number("本条"));
        assert!(is_date_label("2018年8月31日"));
        assert!(is_date_label("２０１８年８月"));
        assert!(!is_date_label("2018年8月31日起"));
        assert!(!is_date_label("8月31日"));
        assert!(!is_date_label("2018年"));
        assert!(starts_with_field_label("电话：12345678"));
        assert!(starts_with_field_label("联系人：张三"));
        assert!(!starts_with_field_label("当前，参加"));
        assert!(!starts_with_field_label("：当前"));
        let line = "土 地 使 用 期 限";
        assert!(letter_spaced(line, 3, 4));
        let line = "召 集 人：孙春兰";
        assert!(letter_spaced(line, 7, 8));
        let line = "先进性 把学习";
        assert!(!letter_spaced(line, 9, 10));
    }
}
