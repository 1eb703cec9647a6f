//! 发文字号 (`DocNumber`): `国办发〔2019〕5号` and order numbers such as `国务院令第706号`.
//!
//! [`find_doc_numbers`] finds every occurrence in a text, in any bracket style and with the
//! form errors drafters make (`［2024］`, `(2016)`, `〔05〕`, `〔2016〕第5号`, spaces), and keeps
//! the position of each part so that rules can point at the wrong one. It runs on the
//! shadow text (see `normalize`), so Traditional characters, full-width digits and pinyin
//! residue are already out of the way.

use std::fmt;
use std::sync::LazyLock;

use regex::Regex;

use crate::normalize::parse_number;
use crate::text::{TextRange, is_ideograph};

/// A 发文字号 in canonical form.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct DocNumber {
    /// 机关代字, simplified, without leading running text (`根据国办发` → `国办发`). Orders
    /// keep their `令` and drop `中华人民共和国`; `国务院令` is written `国令`.
    pub code: String,
    /// Full year of a `〔year〕` number; `None` for an order number.
    pub year: Option<u16>,
    pub serial: u32,
}

impl DocNumber {
    pub fn is_order(&self) -> bool {
        self.year.is_none()
    }

    /// The canonical text, which is also the matching key.
    pub fn key(&self) -> String {
        self.to_string()
    }

    /// Parses a string that is one doc number (a lookup query, a front-matter value).
    /// Surrounding brackets, `文件` and whitespace are tolerated.
    pub fn parse(s: &str) -> Option<DocNumber> {
        let shadow = crate::normalize::Shadow::new(s);
        let text = shadow.text(s);
        let found = find_doc_numbers(text);
        let first = found.first()?;
        let rest: String = text[..first.range.start()]
            .chars()
            .chain(text[first.range.end()..].chars())
            .filter(|c| !c.is_whitespace() && !"()（）[]〔〕【】《》".contains(*c))
            .collect();
        let rest = rest.trim_end_matches("文件");
        let rest = rest.trim_start_matches("中华人民共和国");
        (rest.chars().count() <= 2).then(|| first.number.clone())
    }

    /// True when two numbers name the same document: same year and serial, and one code is
    /// the other with an issuer name or running text before it (`最高人民法院法释` ~ `法释`).
    pub fn same_document(&self, other: &DocNumber) -> bool {
        self.year == other.year
            && self.serial == other.serial
            && codes_compatible(&self.code, &other.code)
    }
}

/// One code ends with the other, and the shorter has at least two characters.
pub fn codes_compatible(a: &str, b: &str) -> bool {
    let (short, long) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    long.ends_with(short) && (short.chars().count() >= 2 || short == long)
}

impl fmt::Display for DocNumber {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.year {
            Some(year) => write!(f, "{}〔{}〕{}号", self.code, year, self.serial),
            None => write!(f, "{}第{}号", self.code, self.serial),
        }
    }
}

/// An occurrence of a doc number in a text, with the position of each part.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct DocNumberMatch {
    pub number: DocNumber,
    /// From the first character of the code to `号`.
    pub range: TextRange,
    /// The code as trimmed (running text before it is outside).
    pub code: TextRange,
    /// Opening and closing year brackets (none for orders).
    pub open: Option<TextRange>,
    pub close: Option<TextRange>,
    pub year: Option<TextRange>,
    /// A `第` before the serial.
    pub di: Option<TextRange>,
    pub serial: TextRange,
    /// `号` or `號`.
    pub hao: TextRange,
}

impl DocNumberMatch {
    /// Maps every range through `f` (shadow → original offsets).
    pub fn map_ranges(&mut self, f: impl Fn(TextRange) -> TextRange) {
        self.range = f(self.range);
        self.code = f(self.code);
        self.open = self.open.map(&f);
        self.close = self.close.map(&f);
        self.year = self.year.map(&f);
        self.di = self.di.map(&f);
        self.serial = f(self.serial);
        self.hao = f(self.hao);
    }
}

const SPACE: &str = r"[ \t\u{3000}\u{a0}]*";

static BRACKETED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"([〔\[［【(（]){SPACE}(\d{{4}}|\d{{2}}){SPACE}([〕\]］】)）]){SPACE}(第)?{SPACE}(\d{{1,5}}){SPACE}(号|號)"
    ))
    .expect("valid regex")
});

static ORDER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"令{SPACE}(第){SPACE}([0-9]{{1,5}}|[零〇○一二三四五六七八九十百千]{{1,8}}){SPACE}(号|號)"
    ))
    .expect("valid regex")
});

/// Running text that may stand right before a code: `根据国办发〔…〕`, `按照中发〔…〕`.
const LEADING_WORDS: &[&str] = &[
    "按照", "根据", "依据", "依照", "参照", "对照", "遵照", "贯彻", "落实", "执行", "印发", "转发",
    "下发", "批转", "发布", "关于", "精神", "要求", "规定", "通知", "意见", "文件", "的", "和",
    "及", "与", "或", "即", "经", "按", "照", "据", "依", "见", "将", "把", "对", "由", "以", "为",
    "于", "在", "是", "了", "同", "等", "要", "请", "并", "向", "从", "自", "至", "到", "其", "该",
    "如", "若", "凡", "后", "前", "原", "附", "第", "号",
];

/// Finds every doc number in `text`, in text order.
pub fn find_doc_numbers(text: &str) -> Vec<DocNumberMatch> {
    let mut found = Vec::new();
    let bytes = text.as_bytes();
    // Cheap test first: every doc number ends in 号/號 and has a digit or numeral.
    if memchr::memmem::find(bytes, "号".as_bytes()).is_none()
        && memchr::memmem::find(bytes, "號".as_bytes()).is_none()
    {
        return found;
    }
    for caps in BRACKETED.captures_iter(text) {
        let whole = caps.get(0).expect("match");
        let Some(code) = code_before(text, whole.start(), false) else {
            continue;
        };
        let year_text = caps.get(2).expect("year");
        let year_digits: u16 = year_text.as_str().parse().unwrap_or(0);
        let year = if year_text.len() == 2 {
            if year_digits < 50 {
                2000 + year_digits
            } else {
                1900 + year_digits
            }
        } else {
            year_digits
        };
        let serial = caps.get(5).expect("serial");
        found.push(DocNumberMatch {
            number: DocNumber {
                code: normalize_code(&text[code.range()], false),
                year: Some(year),
                serial: serial.as_str().parse().unwrap_or(0),
            },
            range: TextRange::new(code.start(), whole.end()),
            code,
            open: caps.get(1).map(|m| m.range().into()),
            close: caps.get(3).map(|m| m.range().into()),
            year: Some(year_text.range().into()),
            di: caps.get(4).map(|m| m.range().into()),
            serial: serial.range().into(),
            hao: caps.get(6).expect("hao").range().into(),
        });
    }
    if memchr::memmem::find(bytes, "令".as_bytes()).is_some() {
        for caps in ORDER.captures_iter(text) {
            let whole = caps.get(0).expect("match");
            let ling_end = whole.start() + '令'.len_utf8();
            let Some(code) = code_before(text, ling_end, true) else {
                continue;
            };
            let serial = caps.get(2).expect("serial");
            let Some(serial_number) = parse_number(serial.as_str()) else {
                continue;
            };
            found.push(DocNumberMatch {
                number: DocNumber {
                    code: normalize_code(&text[code.range()], true),
                    year: None,
                    serial: serial_number,
                },
                range: TextRange::new(code.start(), whole.end()),
                code,
                open: None,
                close: None,
                year: None,
                di: caps.get(1).map(|m| m.range().into()),
                serial: serial.range().into(),
                hao: caps.get(3).expect("hao").range().into(),
            });
        }
        found.sort_by_key(|m| m.range.start);
    }
    found
}

/// The code ending at `end` (exclusive): up to 10 ideographs (20 for orders, whose codes
/// carry the issuer's name), minus running text before it. Whitespace between the code and
/// the bracket is allowed.
fn code_before(text: &str, end: usize, order: bool) -> Option<TextRange> {
    let before = &text[..end];
    let trimmed_end = if order {
        end
    } else {
        before
            .trim_end_matches([' ', '\t', '\u{3000}', '\u{a0}'])
            .len()
    };
    let max = if order { 20 } else { 10 };
    let mut start = trimmed_end;
    for (count, (at, c)) in text[..trimmed_end].char_indices().rev().enumerate() {
        if count >= max || !is_ideograph(c) {
            break;
        }
        start = at;
    }
    let min_len = if order { '令'.len_utf8() * 2 } else { 1 };
    if trimmed_end - start < min_len {
        return None;
    }
    let mut code = &text[start..trimmed_end];
    // The unit of a date right before the code (`1985年12月26日市人民政府京政发〔…〕`).
    if text[..start].ends_with(|c: char| c.is_ascii_digit())
        && let Some(rest) = code.strip_prefix(['年', '月', '日'])
    {
        code = rest;
    }
    if order && let Some(at) = code.find("中华人民共和国") {
        code = &code[at + "中华人民共和国".len()..];
    }
    let code = trim_leading_words(code);
    Some(TextRange::new(trimmed_end - code.len(), trimmed_end))
}

/// Cuts running text off the front of a code: after the right-most leading word that
/// leaves at least two characters.
fn trim_leading_words(code: &str) -> &str {
    let mut best = code;
    for (at, _) in code.char_indices().skip(1) {
        let rest = &code[at..];
        if rest.chars().count() < 2 {
            break;
        }
        let head = &code[..at];
        if LEADING_WORDS.iter().any(|w| head.ends_with(w)) {
            best = rest;
        }
    }
    best
}

fn normalize_code(code: &str, order: bool) -> String {
    let code = crate::normalize::to_simplified(code);
    let code = code.trim_start_matches("中华人民共和国");
    if order && code == "国务院令" {
        "国令".to_string()
    } else {
        code.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn numbers(text: &str) -> Vec<String> {
        find_doc_numbers(text)
            .into_iter()
            .map(|m| format!("{} @{}", m.number, &text[m.range.range()]))
            .collect()
    }

    #[test]
    fn finds_every_bracket_style() {
        let text = "按照中发[2004]20号文件、先组发［2024］3号、国发【2016】5号和国发(2016)5号以及国办发〔2019〕5号。";
        assert_eq!(
            numbers(text),
            [
                "中发〔2004〕20号 @中发[2004]20号",
                "先组发〔2024〕3号 @先组发［2024］3号",
                "国发〔2016〕5号 @国发【2016】5号",
                "国发〔2016〕5号 @国发(2016)5号",
                "国办发〔2019〕5号 @国办发〔2019〕5号",
            ]
        );
    }

    #[test]
    fn keeps_form_errors_visible() {
        let text = "国发〔2016〕第5号 国发〔05〕3号 国发 〔 2016 〕 05 号";
        let found = find_doc_numbers(text);
        assert_eq!(found.len(), 3);
        assert!(found[0].di.is_some());
        assert_eq!(found[1].number.year, Some(2005));
        assert_eq!(&text[found[2].serial.range()], "05");
        assert_eq!(found[2].number.serial, 5);
    }

    #[test]
    fn order_numbers_drop_the_state_name_and_alias_the_state_council() {
        let text = "2018年11月6日 中华人民共和国国务院令第706号公布；根据国令第707号；中华人民共和国主席令第九十一号";
        assert_eq!(
            numbers(text),
            [
                "国令第706号 @国务院令第706号",
                "国令第707号 @国令第707号",
                "主席令第91号 @主席令第九十一号"
            ]
        );
    }

    #[test]
    fn a_date_before_the_code_is_not_part_of_it() {
        assert_eq!(
            numbers(
                "1991年3月4日中华人民共和国国务院令第76号发布，1985年12月26日市人民政府京政发〔1985〕167号"
            ),
            [
                "国令第76号 @国务院令第76号",
                "市人民政府京政发〔1985〕167号 @市人民政府京政发〔1985〕167号"
            ]
        );
    }

    #[test]
    fn ignores_times_ranges_and_case_numbers() {
        assert!(numbers("（2016）京0105民初12345号 9:30 3、4月份 5号楼 第3号").is_empty());
    }

    #[test]
    fn parses_queries_with_noise() {
        assert_eq!(
            DocNumber::parse("中發(fā)[2004]20號文件")
                .unwrap()
                .to_string(),
            "中发〔2004〕20号"
        );
        assert_eq!(
            DocNumber::parse(" （国办发〔2019〕5号） ")
                .unwrap()
                .to_string(),
            "国办发〔2019〕5号"
        );
        assert_eq!(
            DocNumber::parse("国务院令第706号").unwrap().to_string(),
            "国令第706号"
        );
        assert!(DocNumber::parse("关于国办发〔2019〕5号文件的落实情况").is_none());
    }

    #[test]
    fn issuer_name_before_the_code_is_the_same_document() {
        let a = DocNumber::parse("最高人民法院法释〔1998〕11号").unwrap();
        let b = DocNumber::parse("法释〔1998〕11号").unwrap();
        assert!(a.same_document(&b));
        assert!(!a.same_document(&DocNumber::parse("法释〔1999〕11号").unwrap()));
    }
}
