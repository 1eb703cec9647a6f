//! # P211 straight-quotes：中文语境中使用了直引号
//!
//! ## 检查内容
//!
//! 中文语境里用英文直引号 `"` `'` 作引号：`一些企业"重检查、轻整改"`、`严查"两客一危"车辆`。
//! 引号前后有一边是汉字或全角标点即为中文语境。
//!
//! 每个自然段（纯文本为一行，Markdown 为空行之间的一段）内的直引号按先后两两配对。双引号改为
//! `“”`；单引号作一般引号时也改为 `“”`；引号套在另一层 `“”` 引号里面时改为 `‘’`（第三层再回到
//! `“”`）。下列不报告：
//!
//! - 英文里的引号：配对的引号外侧紧挨着的不是中文（`He said "yes".`、`(2019, "feat: 新增")`）；
//! - 英文单词里的撇号：`don't`、`China's`；
//! - 数字后的英寸、英尺、角分符号：`5"`、`34°23'`、`5'30"`；
//! - 属性值、链接标题等标记语法：`<span title="说明">`、`{width='50%'}`、`[文字](url "标题")`；
//! - 网址、电子邮件地址和代码里的引号。
//!
//! ## 依据
//!
//! GB/T 15834-2011《标点符号用法》4.8：引号的形式有双引号“ ”和单引号‘ ’两种，
//! 引号里面还要用引号时，外面一层用双引号，里面一层用单引号；5.1：横排文字使用全角标点，
//! 英文直引号不是中文标点。
//!
//! ## 示例
//!
//! ```text
//! 但一些企业"重检查、轻整改"，问题反弹回潮现象比较突出。
//! 要严查"两客一危"车辆超速、疲劳驾驶等违法行为。
//! 会议强调“要坚持"两不误"的原则”。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 但一些企业“重检查、轻整改”，问题反弹回潮现象比较突出。
//! 要严查“两客一危”车辆超速、疲劳驾驶等违法行为。
//! 会议强调“要坚持‘两不误’的原则”。
//! ```
//!
//! ## 修复
//!
//! 段内配对没有歧义时（直引号个数为偶数，且按先后排列恰好是一开一合），安全修复把一对引号
//! 一起换成中文引号，两个位置各报告一次，修复相同。配对有歧义时（个数为奇数，或开合次序
//! 不对），每个中文语境里的直引号只报告，附两个建议修复（改为左引号或右引号），由作者选择。

use std::ops::Range;

use crate::document::{Document, Format};
use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P211",
    name: "straight-quotes",
    summary: "中文语境中使用了直引号",
    summary_en: "straight quotes in Chinese text",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe/suggestion",
    source: include_str!("p211_straight_quotes.rs"),
    check,
};

/// The characters without which a line holds nothing to report.
static TRIGGERS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::new(&['“', '”', '‘', '’']));

/// One straight quote with its neighbours on its line.
#[derive(Clone, Copy, Debug)]
struct Quote {
    /// Byte offset into the document.
    at: usize,
    prev: Option<char>,
    next: Option<char>,
    /// Inside a Markdown link destination (`[文字](url "标题")`).
    link_title: bool,
}

impl Quote {
    fn cjk(&self) -> bool {
        self.prev.is_some_and(is_cjk) || self.next.is_some_and(is_cjk)
    }

    fn range(&self) -> TextRange {
        TextRange::new(self.at, self.at + 1)
    }

    /// An opening quote hugs what follows.
    fn can_open(&self) -> bool {
        self.next
            .is_some_and(|c| !c.is_whitespace() && !"，。、；：？！）》”’".contains(c))
    }

    /// A closing quote hugs what precedes.
    fn can_close(&self) -> bool {
        self.prev
            .is_some_and(|c| !c.is_whitespace() && !"（《“‘".contains(c))
    }
}

/// True when a pair quotes inside Chinese text: Chinese right outside it, or nothing but
/// whitespace outside it and Chinese right inside (`所谓"大数据"是指`, `"两客一危"车辆`,
/// a quoted phrase alone on its line). `(2025-04-19, "feat: 地方法规")` is English text.
fn chinese_pair(open: &Quote, close: &Quote) -> bool {
    let blank = |c: Option<char>| c.is_none_or(char::is_whitespace);
    open.prev.is_some_and(is_cjk)
        || close.next.is_some_and(is_cjk)
        || (blank(open.prev)
            && blank(close.next)
            && open.next.is_some_and(is_cjk)
            && close.prev.is_some_and(is_cjk))
}

/// Pairs the quotes in order, first with second, third with fourth: `None` unless every pair
/// opens and closes where it should.
fn pair(quotes: &[Quote]) -> Option<Vec<(Quote, Quote)>> {
    if !quotes.len().is_multiple_of(2) {
        return None;
    }
    quotes
        .chunks(2)
        .map(|p| {
            (p[1].at > p[0].at + 1 && p[0].can_open() && p[1].can_close()).then_some((p[0], p[1]))
        })
        .collect()
}

/// The quotes of one kind in a paragraph, paired when that is unambiguous: `Ok(pairs)` or
/// `Err(quotes that stay unpaired)`.
fn resolve(
    mut quotes: Vec<Quote>,
    weak: impl Fn(&Quote) -> bool,
) -> Result<Vec<(Quote, Quote)>, Vec<Quote>> {
    if let Some(pairs) = pair(&quotes) {
        return Ok(pairs);
    }
    // Retry without the marks that may be something else (an inch mark after a number, an
    // apostrophe after an English word).
    quotes.retain(|q| !weak(q));
    pair(&quotes).ok_or(quotes)
}

/// The straight quotes `ch` on the paragraph's linted lines, outside verbatim text.
fn collect(doc: &Document, lines: &Range<usize>, ch: u8) -> Vec<Quote> {
    let mut quotes = Vec::new();
    for i in lines.clone() {
        if !doc.is_linted_line(i) {
            continue;
        }
        let content = doc.lines.line(i).content;
        let line = &doc.text[content.range()];
        for at in memchr::memchr_iter(ch, line.as_bytes()) {
            let range = TextRange::new(at, at + 1).shift(content.start());
            if doc.in_verbatim(range) {
                continue;
            }
            let link_title = doc.format == Format::Markdown
                && line[..at]
                    .rfind("](")
                    .is_some_and(|open| !line[open..at].contains(')'));
            quotes.push(Quote {
                at: range.start(),
                prev: char_before(line, at),
                next: char_at(line, at + 1),
                link_title,
            });
        }
    }
    quotes
}

/// Spans of the paragraph's Chinese quotes `“…”` and `‘…’` (each kind paired by nesting).
fn chinese_quote_spans(doc: &Document, lines: &Range<usize>) -> Vec<(usize, usize)> {
    let mut spans = Vec::new();
    let mut open_double = Vec::new();
    let mut open_single = Vec::new();
    for i in lines.clone() {
        if !doc.is_linted_line(i) {
            continue;
        }
        let content = doc.lines.line(i).content;
        let line = &doc.text[content.range()];
        if !TRIGGERS.any_in(line) {
            continue;
        }
        for (at, c) in line.char_indices() {
            let at = content.start() + at;
            match c {
                '“' => open_double.push(at),
                '‘' => open_single.push(at),
                '”' => spans.extend(open_double.pop().map(|s| (s, at))),
                '’' => spans.extend(open_single.pop().map(|s| (s, at))),
                _ => {}
            }
        }
    }
    spans
}

/// The Chinese quotes for a pair nested `depth` quotes deep: `“”`, then `‘’`, then `“”`.
fn marks_for(depth: usize) -> (&'static str, &'static str) {
    if depth.is_multiple_of(2) {
        ("“", "”")
    } else {
        ("‘", "’")
    }
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    if memchr::memchr2(b'"', b'\'', doc.text.as_bytes()).is_none() {
        return;
    }
    for lines in linted_paragraphs(doc) {
        let double = collect(doc, &lines, b'"');
        let single = collect(doc, &lines, b'\'');
        if double.is_empty() && single.is_empty() {
            continue;
        }
        let digit_before = |q: &Quote| q.prev.is_some_and(|c| c.is_ascii_digit() || c == '°');
        // 5" and 34°23' are inch, foot and angle marks; don't and China's are apostrophes.
        let measure = |q: &Quote| digit_before(q) && !q.next.is_some_and(is_cjk);
        let double: Vec<Quote> = double.into_iter().filter(|q| !measure(q)).collect();
        let single: Vec<Quote> = single
            .into_iter()
            .filter(|q| {
                let in_word = q.prev.is_some_and(|c| c.is_ascii_alphanumeric())
                    && q.next.is_some_and(|c| c.is_ascii_alphanumeric());
                !in_word && !measure(q)
            })
            .collect();
        let double = resolve(double, digit_before);
        let single = resolve(single, |q| {
            digit_before(q)
                || (q.prev.is_some_and(|c| c.is_ascii_alphabetic()) && !q.next.is_some_and(is_cjk))
        });

        // Pairs to convert: in Chinese context, not markup.
        let markup = |o: &Quote| o.prev == Some('=') || o.link_title;
        let mut pairs: Vec<(Quote, Quote)> = Vec::new();
        for found in [&double, &single].into_iter().flatten() {
            pairs.extend(
                found
                    .iter()
                    .filter(|(o, c)| !markup(o) && chinese_pair(o, c))
                    .copied(),
            );
        }
        if !pairs.is_empty() {
            let mut spans = chinese_quote_spans(doc, &lines);
            spans.extend(pairs.iter().map(|(o, c)| (o.at, c.at)));
            for (open, close) in &pairs {
                let depth = spans
                    .iter()
                    .filter(|&&(s, e)| s < open.at && close.at < e)
                    .count();
                let (left, right) = marks_for(depth);
                let fix = Fix::safe(
                    Message::new(
                        format!("改用中文引号{left}{right}"),
                        format!("Use {left}{right}"),
                    ),
                    vec![
                        Edit::new(open.range(), left),
                        Edit::new(close.range(), right),
                    ],
                );
                let straight = &doc.text[open.range().range()];
                for (quote, mark, zh_side, en_side) in [
                    (open, left, "左", "opening"),
                    (close, right, "右", "closing"),
                ] {
                    out.push(
                        Diagnostic::new(
                            RULE.code,
                            quote.range(),
                            Message::new(
                                format!("中文里的引号应使用中文{zh_side}引号：{straight} → {mark}"),
                                format!(
                                    "Chinese text takes Chinese quotation marks ({en_side}): {straight} → {mark}"
                                ),
                            ),
                        )
                        .with_fix(fix.clone()),
                    );
                }
            }
        }

        for (resolved, left, right) in [(&double, "“", "”"), (&single, "‘", "’")] {
            let Err(unpaired) = resolved else { continue };
            for quote in unpaired.iter().filter(|q| q.cjk() && !markup(q)) {
                let straight = &doc.text[quote.range().range()];
                out.push(
                    Diagnostic::new(
                        RULE.code,
                        quote.range(),
                        Message::new(
                            format!(
                                "中文里的引号应使用中文引号（{left}或{right}）：{straight}；本段直引号无法自动配对"
                            ),
                            format!(
                                "Chinese text takes Chinese quotation marks ({left} or {right}): {straight}; the straight quotes of this paragraph do not pair up"
                            ),
                        ),
                    )
                    .with_fix(Fix::suggestion(
                        Message::new(format!("改为左引号{left}"), format!("Use {left}")),
                        vec![Edit::new(quote.range(), left)],
                    ))
                    .with_fix(Fix::suggestion(
                        Message::new(format!("改为右引号{right}"), format!("Use {right}")),
                        vec![Edit::new(quote.range(), right)],
                    )),
                );
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn quotes(line: &str, ch: char) -> Vec<Quote> {
        line.char_indices()
            .filter(|&(_, c)| c == ch)
            .map(|(at, _)| Quote {
                at,
                prev: char_before(line, at),
                next: char_at(line, at + 1),
                link_title: false,
            })
            .collect()
    }

    #[test]
    fn pairs_must_open_then_close() {
        assert!(pair(&quotes(r#"一些企业"重检查"，要严查"两客一危"车辆"#, '"')).is_some());
        assert!(pair(&quotes(r#"一些企业" 重检查"#, '"')).is_none());
        assert!(pair(&quotes(r#"企业"重检查"，"#, '"')).is_some());
        assert!(pair(&quotes(r#"企业"重检查""#, '"')).is_some());
        assert!(pair(&quotes(r#"企业""重检查"#, '"')).is_none());
    }

    #[test]
    fn markdown_paragraphs_pair_across_lines_and_leave_link_titles() {
        use crate::config::Config;
        let text = "要严查\"两客\n一危\"车辆。\n\n见[说明](https://example.com \"说明\")和\"放管服\"改革。\n\n他说\"好\n\n的\"。\n";
        let config = Config::only("P211");
        let (fixed, _) = crate::rules::fix(text, Format::Markdown, &config);
        assert_eq!(
            fixed,
            "要严查“两客\n一危”车辆。\n\n见[说明](https://example.com \"说明\")和“放管服”改革。\n\n他说\"好\n\n的\"。\n"
        );
        // Two paragraphs with one quote each: reported, but no safe fix.
        let doc = Document::parse(fixed, Format::Markdown);
        let found = crate::rules::check(&doc, None, None, &config);
        assert_eq!(found.len(), 2);
        assert!(
            found
                .iter()
                .all(|d| d.safe_fix().is_none() && d.fixes.len() == 2)
        );
    }

    #[test]
    fn inch_marks_give_way_when_pairing_fails() {
        let line = r#"屏幕为15.6"的笔记本，所谓"轻薄本"是指"#;
        let resolved = resolve(quotes(line, '"'), |q| {
            q.prev.is_some_and(|c| c.is_ascii_digit())
        });
        assert_eq!(resolved.map(|p| p.len()).ok(), Some(1));
    }
}
