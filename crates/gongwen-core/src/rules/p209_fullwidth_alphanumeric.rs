//! # P209 fullwidth-alphanumeric：使用了全角数字或字母
//!
//! ## 检查内容
//!
//! 全角阿拉伯数字 `０`—`９` 和全角拉丁字母 `Ａ`—`Ｚ` `ａ`—`ｚ`，如 `２０２４年` `ＡＢＣ`。
//! 连续的一串全角字母数字报告一次（不是每个字符一次）；两个全角数字之间的全角句点 `．`
//! 或半角句点 `.` 是小数点，算在同一串里，改为 `.`（`１．５` `１.５` → `1.5`）。用在汉字数字中间代替 `〇` 的全角字母 `Ｏ`
//! （`二ＯＯ五年`）改为 `〇`。
//!
//! 发文字号里的全角数字（`国办发［２０１９］５号`）也报告：括号由 P202 报告，两者是不同的问题，
//! 各报各的。
//!
//! ## 依据
//!
//! GB/T 15835-2011《出版物上数字用法》：阿拉伯数字用半角形式；GB/T 9704-2012《党政机关公文格式》
//! 7.2.5、7.3.5：发文字号的年份和序号、成文日期用阿拉伯数字，7.5：页码用半角阿拉伯数字；
//! GB/T 15834-2011《标点符号用法》5.1：占一个字位置的全角形式是标点符号的形式，数字和外文字母
//! 仍用半角。
//!
//! ## 示例
//!
//! ```text
//! 清河市农业农村局关于２０２３年高标准农田建设工作情况的报告
//! 项目区亩均粮食产能提高约８０公斤，ＡＢＣ类项目占１．５％。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 清河市农业农村局关于2023年高标准农田建设工作情况的报告
//! 项目区亩均粮食产能提高约80公斤，ABC类项目占1.5％。
//! ```
//!
//! ## 修复
//!
//! 安全修复：把这串字符换成对应的半角数字和字母（小数点换成 `.`，汉字数字中的 `Ｏ` 换成 `〇`），
//! 其余字符不动。与 P202 在发文字号处重叠时两者都报告，修复互不冲突。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "P209",
    name: "fullwidth-alphanumeric",
    summary: "使用了全角数字或字母",
    summary_en: "full-width digits or letters",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "safe",
    source: include_str!("p209_fullwidth_alphanumeric.rs"),
    check,
};

fn is_fullwidth_digit(c: char) -> bool {
    ('０'..='９').contains(&c)
}

fn is_fullwidth_letter(c: char) -> bool {
    ('Ａ'..='Ｚ').contains(&c) || ('ａ'..='ｚ').contains(&c)
}

fn is_fullwidth_alnum(c: char) -> bool {
    is_fullwidth_digit(c) || is_fullwidth_letter(c)
}

/// The half-width twin of a full-width ASCII character.
fn halfwidth(c: char) -> char {
    char::from_u32(c as u32 - 0xFEE0).unwrap_or(c)
}

fn is_chinese_numeral(c: char) -> bool {
    "〇零一二三四五六七八九十○".contains(c)
}

/// The end of the run of full-width letters and digits starting at `start` (a `．` or `.`
/// between two full-width digits belongs to the run).
fn run_end(line: &str, start: usize) -> usize {
    let mut end = start;
    let mut prev_digit = false;
    let mut chars = line[start..].char_indices().peekable();
    while let Some((at, c)) = chars.next() {
        let decimal_point = matches!(c, '．' | '.')
            && prev_digit
            && chars
                .peek()
                .is_some_and(|&(_, next)| is_fullwidth_digit(next));
        if !(is_fullwidth_alnum(c) || decimal_point) {
            break;
        }
        prev_digit = is_fullwidth_digit(c);
        end = start + at + c.len_utf8();
    }
    end
}

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, line) in linted_lines(doc) {
        let bytes = line.as_bytes();
        // Every full-width letter or digit is encoded EF BC 90..99 / A1..BA or EF BD 81..9A.
        let mut from = 0;
        while let Some(found) = memchr::memchr(0xEF, &bytes[from..]) {
            let at = from + found;
            from = at + 1;
            let Some(c) = line.get(at..).and_then(|rest| rest.chars().next()) else {
                continue;
            };
            if !is_fullwidth_alnum(c) {
                continue;
            }
            let end = run_end(line, at);
            from = end;
            let range = TextRange::new(at, end).shift(content.start());
            if doc.in_verbatim(range) {
                continue;
            }
            let written = &line[at..end];
            // 二ＯＯ五年: a letter O standing for the numeral 〇.
            let numeral_zero = written.chars().all(|c| matches!(c, 'Ｏ' | 'ｏ'))
                && (char_before(line, at).is_some_and(is_chinese_numeral)
                    || char_at(line, end).is_some_and(is_chinese_numeral));
            let corrected: String = if numeral_zero {
                written.chars().map(|_| '〇').collect()
            } else {
                written
                    .chars()
                    .map(|c| {
                        if matches!(c, '．' | '.') {
                            '.'
                        } else {
                            halfwidth(c)
                        }
                    })
                    .collect()
            };
            let what = if written.chars().any(is_fullwidth_letter) {
                if written.chars().any(is_fullwidth_digit) {
                    ("全角字母和数字", "full-width letters and digits")
                } else {
                    ("全角字母", "full-width letters")
                }
            } else {
                ("全角数字", "full-width digits")
            };
            let message = if numeral_zero {
                Message::new(
                    format!("汉字数字中的零应为“〇”，不用全角字母：{written} → {corrected}"),
                    format!(
                        "zero in Chinese numerals is “〇”, not a letter: {written} → {corrected}"
                    ),
                )
            } else {
                Message::new(
                    format!("{}应使用半角：{written} → {corrected}", what.0),
                    format!("{} should be half-width: {written} → {corrected}", what.1),
                )
            };
            out.push(
                Diagnostic::new(RULE.code, range, message).with_fix(Fix::safe(
                    Message::new(
                        format!("改为“{corrected}”"),
                        format!("Replace with “{corrected}”"),
                    ),
                    vec![Edit::new(range, corrected)],
                )),
            );
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn runs_take_decimal_points_between_digits_only() {
        let line = "占１．５％，第１．总则，ＡＢＣ１２，１.５％";
        let start = line.find('１').unwrap();
        assert_eq!(&line[start..run_end(line, start)], "１．５");
        let start = line.find("第").unwrap() + "第".len();
        assert_eq!(&line[start..run_end(line, start)], "１");
        let start = line.find('Ａ').unwrap();
        assert_eq!(&line[start..run_end(line, start)], "ＡＢＣ１２");
        let start = line.rfind('１').unwrap();
        assert_eq!(&line[start..run_end(line, start)], "１.５");
        assert_eq!(halfwidth('Ｚ'), 'Z');
        assert_eq!(halfwidth('９'), '9');
    }
}
