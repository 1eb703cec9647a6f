//! # D401 placeholder：未填写的占位符
//!
//! ## 检查内容
//!
//! 起草时留下、印发前应当填上的占位符：
//!
//! - `×` `××` `×××`：代替名称、日期、数字（`×月`、`×市`、`××同志`、`和谐×××`），以及行首或
//!   汉字之间误留的 `×` 标记（`×第一,`、`有序进行×根据`）；
//! - `XX` `xx`（含全角 `ＸＸ`）：两个以上连写且不挨着其他字母或数字；单个 `X` 只在
//!   `X月` `X日` `X市` `第X条` 这类位置报告（`X射线`、`1+X证书`、`XXL` 不报告）；
//! - `○○` `〇〇`：两个以上连写，且前后都不是中文数字（`二○○五年` 不报告）；
//! - `□□`：两个以上连写（单个 `□` 是表格里的勾选框）；
//! - `某某`：前面不是姓氏时（`某某同志`、`某某单位` 报告；案例中匿名化的 `张某某` 不报告）。
//!
//! 乘号不报告：`×` 挨着数字或字母（`3×4`、`1920×1080`、`（公里）×n`），在含等号的
//! 计算式里（`金额＝收入×费率`），在 `长×宽×高` 这类量之间，或在括号里的复合单位中
//! （`（用户×小时）`）；格式说明里带编号的 `××××3` 也不报告。法律文书格式样本里的
//! `×××人民法院` 同样是占位符，会被报告；整份模板可在配置中关闭本规则。
//!
//! ## 依据
//!
//! 《党政机关公文处理工作条例》第九条：公文由份号、发文机关标志、发文字号、标题、主送机关、
//! 正文、发文机关署名、成文日期等部分组成。留有 `×`、`XX` 的名称、日期、数字，这些组成部分就
//! 不完整，文稿不能签发印发。
//!
//! ## 示例
//!
//! ```text
//! ×月日召开的省委工作会议，对全省工作进行了总结。
//! ×第一,要明确工作任务。
//! ××同志在会上作了重要讲话。
//! ```
//!
//! ## 应改为
//!
//! ```text
//! 6月28日召开的省委工作会议，对全省工作进行了总结。
//! 第一，要明确工作任务。
//! 宋法棠同志在会上作了重要讲话。
//! ```
//!
//! ## 修复
//!
//! 无修复：占位符该填什么只有起草者知道。`×月日` 这样日期缺数字的，本规则报告 `×`，D402
//! 另报告缺少的数字。

use crate::rules::util::*;

pub(crate) const RULE: Rule = Rule {
    code: "D401",
    name: "placeholder",
    summary: "未填写的占位符（×、XX、○○、□□、某某）",
    summary_en: "unfilled placeholder (×, XX, ○○, □□, 某某)",
    default_severity: Severity::Warning,
    needs_archive: false,
    fix: "none",
    source: include_str!("d401_placeholder.rs"),
    check,
};

/// The characters without which a line holds nothing to report.
static TRIGGERS: std::sync::LazyLock<CharSet> =
    std::sync::LazyLock::new(|| CharSet::new(&['×', 'X', 'x', 'Ｘ', 'ｘ', '○', '〇', '□', '某']));

fn check(ctx: &Ctx<'_>, out: &mut Vec<Diagnostic>) {
    let doc = ctx.doc;
    for (_, content, text) in linted_lines(doc) {
        if !TRIGGERS.any_in(text) {
            continue;
        }
        for (start, end) in placeholders(text) {
            let range = TextRange::new(content.start() + start, content.start() + end);
            if doc.in_verbatim(range) {
                continue;
            }
            let written = &text[start..end];
            out.push(Diagnostic::new(
                RULE.code,
                range,
                Message::new(
                    format!("未填写的占位符「{written}」，印发前应填上实际内容或删除"),
                    format!("unfilled placeholder `{written}`: fill it in or remove it"),
                ),
            ));
        }
    }
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum Class {
    Times,
    Letter,
    Circle,
    Square,
    Mou,
}

fn class(c: char) -> Option<Class> {
    match c {
        '×' => Some(Class::Times),
        'X' | 'x' | 'Ｘ' | 'ｘ' => Some(Class::Letter),
        '○' | '〇' => Some(Class::Circle),
        '□' => Some(Class::Square),
        '某' => Some(Class::Mou),
        _ => None,
    }
}

/// Byte ranges (relative to `line`) of the placeholders in a line.
fn placeholders(line: &str) -> Vec<(usize, usize)> {
    let chars: Vec<(usize, char)> = line.char_indices().collect();
    let formula = line.contains(['=', '＝', '÷']);
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(kind) = class(chars[i].1) else {
            i += 1;
            continue;
        };
        let mut j = i + 1;
        while j < chars.len() && class(chars[j].1) == Some(kind) {
            // A run of letters keeps one width (`XX`, `xx`, `ＸＸ`).
            if kind == Class::Letter && !same_letter(chars[i].1, chars[j].1) {
                break;
            }
            j += 1;
        }
        let before = i.checked_sub(1).map(|k| chars[k].1);
        let after = chars.get(j).map(|&(_, c)| c);
        let run: Vec<char> = chars[i..j].iter().map(|&(_, c)| c).collect();
        let fires = match kind {
            Class::Times => times_fires(&chars, i, j, formula),
            Class::Letter => letter_fires(&run, before, after, &chars[j..]),
            Class::Circle => {
                run.len() >= 2 && !before.is_some_and(is_numeral) && !after.is_some_and(is_numeral)
            }
            Class::Square => run.len() >= 2,
            Class::Mou => run.len() >= 2 && !before.is_some_and(is_surname),
        };
        if fires {
            let end = chars.get(j).map_or(line.len(), |&(e, _)| e);
            out.push((chars[i].0, end));
        }
        i = j;
    }
    out
}

fn same_letter(a: char, b: char) -> bool {
    a.is_ascii() == b.is_ascii()
}

/// Chinese numerals that form numbers with ○/〇 (`二○○五`).
fn is_numeral(c: char) -> bool {
    "零〇○一二三四五六七八九十百千万两".contains(c)
}

/// A `×` run is a multiplication sign when a digit, a Latin letter, a closing bracket, a
/// prime or a unit stands next to a single `×`, in a formula line, or between quantities.
fn times_fires(chars: &[(usize, char)], i: usize, j: usize, formula: bool) -> bool {
    // `××××3为首次注册年份`: an indexed symbol in the description of a number's format.
    if chars.get(j).is_some_and(|&(_, c)| c.is_ascii_digit()) && j - i >= 2 {
        return false;
    }
    if j - i >= 2 {
        return true;
    }
    if unit_product(chars, i) {
        return false;
    }
    let near = |k: Option<usize>| k.map(|k| chars[k].1);
    // The nearest characters, over ASCII spaces (`3 × 4`).
    let mut b = i.checked_sub(1);
    while let Some(k) = b
        && chars[k].1 == ' '
    {
        b = k.checked_sub(1);
    }
    let mut a = Some(j).filter(|&k| k < chars.len());
    while let Some(k) = a
        && chars[k].1 == ' '
    {
        a = Some(k + 1).filter(|&k| k < chars.len());
    }
    let (before, after) = (near(b), near(a));
    let operand = |c: char| {
        c.is_ascii_alphanumeric()
            || c.is_alphanumeric() && !is_cjk(c) && !c.is_whitespace()
            || matches!(c, ')' | '(' | '′' | '″' | '%' | '％' | '²' | '³' | '℃')
    };
    if before.is_some_and(operand) || after.is_some_and(operand) {
        return false;
    }
    if formula {
        return false;
    }
    let quantity = |c: char| "长宽高厚深径".contains(c);
    if before.is_some_and(quantity) && after.is_some_and(quantity) {
        return false;
    }
    // A placeholder stands in Chinese text (or alone at a line's start or end).
    before.is_none_or(is_cjk) && after.is_none_or(is_cjk) && (before.is_some() || after.is_some())
}

/// `（用户×小时）`: a compound unit in brackets, the `×` between two words.
fn unit_product(chars: &[(usize, char)], i: usize) -> bool {
    let ideograph = |k: usize| chars.get(k).is_some_and(|&(_, c)| is_ideograph(c));
    if i == 0 || !ideograph(i - 1) || !ideograph(i + 1) {
        return false;
    }
    let open = chars[..i]
        .iter()
        .rev()
        .take(8)
        .take_while(|&&(_, c)| is_ideograph(c) || c == '（' || c == '(')
        .any(|&(_, c)| c == '（' || c == '(');
    let close = chars[i + 1..]
        .iter()
        .take(8)
        .take_while(|&&(_, c)| is_ideograph(c) || c == '）' || c == ')')
        .any(|&(_, c)| c == '）' || c == ')');
    open && close
}

/// Words a single `X` stands in for a number or name before.
const LETTER_TARGETS: &[&str] = &[
    "年", "月", "日", "号", "市", "县", "区", "省", "乡", "镇", "村", "同志", "单位", "公司",
    "部门", "局", "厅", "委", "条", "款", "项", "章", "节", "名", "个", "次", "天", "届", "期",
    "元", "万", "人",
];

fn letter_fires(
    run: &[char],
    before: Option<char>,
    after: Option<char>,
    rest: &[(usize, char)],
) -> bool {
    // Part of an English word, a model number or a code (`XXL`, `1+X`).
    let word = |c: char| {
        c.is_ascii_alphanumeric() || "+-_/.&".contains(c) || c.is_alphabetic() && !is_cjk(c)
    };
    if before.is_some_and(word) || after.is_some_and(word) {
        return false;
    }
    let cjk_context = before.is_some_and(is_cjk) || after.is_some_and(is_cjk);
    if !cjk_context {
        return false;
    }
    if run.len() >= 2 {
        return true;
    }
    let following: String = rest.iter().take(2).map(|&(_, c)| c).collect();
    let target = LETTER_TARGETS.iter().any(|t| following.starts_with(t));
    // `第X条`, `X月X日`: a number slot; `X射线`, `X代表`: a real letter.
    target || before == Some('第')
}

/// Common surnames: `张某某` is an anonymised name, not a placeholder. Characters that are
/// more often words (`于` `和` `向` `由`…) are left out.
fn is_surname(c: char) -> bool {
    "王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵钱严覃武戴莫孔汤温康施牛樊葛邢齐乔伍庞颜倪庄聂章鲁岳翟殷詹欧耿兰焦俞左柳甘祝包宁尚符舒阮柯纪梅童凌毕季裴霍涂苗谷盛曲翁冉骆蓝游辛靳管柴蒙鲍喻祁蒲房滕饶牟艾尤穆卓缪简车连芦麦褚娄窦戚岑景宫费卜冷晏席卫米柏宗瞿桂佟臧闵苟邬卞姬栾隋刁巫寇桑郎甄丛仲虞敖巩佘池麻苑迟邝谈匡鞠荆冀郁胥栗燕楚鄢谌奚粟冼蔺"
        .contains(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn found(line: &str) -> Vec<&str> {
        placeholders(line)
            .into_iter()
            .map(|(s, e)| &line[s..e])
            .collect()
    }

    #[test]
    fn placeholders_and_multiplication_signs() {
        assert_eq!(found("×月日召开，和谐×××，××同志"), ["×", "×××", "××"]);
        assert_eq!(found("×第一,要明确"), ["×"]);
        assert_eq!(found("有序进行×根据中央"), ["×"]);
        assert!(found("3×4 1920×1080 3 × 4 （公里）×n 1′×1′").is_empty());
        assert!(found("金额＝销售收入×费率×系数").is_empty());
        assert!(found("长×宽×高").is_empty());
        assert!(found("影响范围五万（用户×小时）以上，××××3为首次注册年份").is_empty());
        assert_eq!(found("（×市）"), ["×"]);
    }

    #[test]
    fn letters_circles_squares_and_mou() {
        assert_eq!(found("XX市xx县第X条，X月X日"), ["XX", "xx", "X", "X", "X"]);
        assert!(found("X射线、1+X证书、XXL号、Xbox、X代表消防").is_empty());
        assert_eq!(found("○○市二○○五年〇〇同志"), ["○○", "〇〇"]);
        assert_eq!(found("□□市，□是□否"), ["□□"]);
        assert_eq!(found("某某同志、张某某、某市"), ["某某"]);
    }
}
