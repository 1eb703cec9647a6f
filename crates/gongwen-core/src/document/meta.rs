//! Metadata: title, 文号, issuer, date and kind, each with where it was found.
//!
//! Sources, strongest first: YAML front matter; `〖BT/标题〗` tags; the 版头 of a proper
//! 公文 (发文字号 line, title lines, 主送机关, 落款 and 成文日期) or the info block of a law
//! (`# title`, `…令第706号公布`); a news wrapper (headline, timestamp, 电头,
//! `通知全文如下`); the first meaningful line. Kind and issuer can also be read off the title.

use std::sync::LazyLock;

use regex::Regex;

use crate::date::{CHINESE_DATE, Date, date_from_caps};
use crate::doc_number::{DocNumber, find_doc_numbers};
use crate::document::heading::parse_token;
use crate::document::{Document, LineClass};
use crate::kind::DocKind;
use crate::normalize::{self, Shadow};
use crate::text::is_ideograph;

/// Where a metadata value was found, strongest first.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Source {
    FrontMatter,
    Tag,
    Header,
    NewsWrapper,
    FirstLine,
    /// Read off the title (its 文种 ending, the issuer before `关于`).
    Title,
}

impl Source {
    pub fn name(self) -> &'static str {
        match self {
            Source::FrontMatter => "front-matter",
            Source::Tag => "tag",
            Source::Header => "header",
            Source::NewsWrapper => "news",
            Source::FirstLine => "first-line",
            Source::Title => "title",
        }
    }
}

/// A metadata value and where it came from.
#[derive(Clone, Debug, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Field<T> {
    pub value: T,
    pub source: Source,
    /// 0-based line it was found on.
    pub line: usize,
}

#[derive(Clone, Debug, Default, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Metadata {
    pub title: Option<Field<String>>,
    pub doc_number: Option<Field<DocNumber>>,
    /// 发文机关.
    pub issuer: Option<Field<String>>,
    /// 成文日期, else the publication date.
    pub date: Option<Field<Date>>,
    pub kind: Option<Field<DocKind>>,
    /// 主送机关.
    pub addressee: Option<Field<String>>,
    /// The paper or agency that carried a news item (`湖南日报`).
    pub publisher: Option<Field<String>>,
    /// The directive whose text a news item carries (`…发出《关于…的通知》`).
    pub carried_title: Option<Field<String>>,
    /// The line of the title in the text (the 版头 title, else where the title was found).
    pub title_line: Option<usize>,
    /// First line of the text proper, after the 版头.
    pub text_start: usize,
}

fn set<T>(slot: &mut Option<Field<T>>, value: T, source: Source, line: usize) {
    if slot.as_ref().is_none_or(|f| source < f.source) {
        *slot = Some(Field {
            value,
            source,
            line,
        });
    }
}

pub(crate) fn extract(doc: &Document) -> Metadata {
    let mut meta = Metadata::default();
    front_matter(doc, &mut meta);
    tags(doc, &mut meta);
    let body: Vec<usize> = (0..doc.classes.len())
        .filter(|&l| doc.classes[l].is_text())
        .collect();
    let lines: Vec<String> = body
        .iter()
        .take(40)
        .map(|&l| simplified(doc.line_text(l)).trim().to_string())
        .collect();
    header(doc, &body, &lines, &mut meta);
    signature(doc, &body, &mut meta);
    news(doc, &body, &lines, &mut meta);
    first_line(doc, &body, &lines, &mut meta);
    from_title(&mut meta);
    if meta.title_line.is_none() {
        meta.title_line = meta.title.as_ref().map(|t| t.line);
    }
    meta
}

fn simplified(s: &str) -> String {
    Shadow::new(s).text(s).to_string()
}

/// Display form of a value: Simplified characters, pinyin residue removed, inner whitespace
/// runs made one space.
fn display(s: &str) -> String {
    let s = &normalize::to_simplified(s);
    let mut out = String::new();
    let mut iter = s.char_indices().peekable();
    let mut prev_ideograph = false;
    while let Some((at, c)) = iter.next() {
        if prev_ideograph
            && (c == '(' || c == '（')
            && let Some(len) = normalize::pinyin_residue_len(&s[at..])
        {
            while iter.peek().is_some_and(|&(n, _)| n < at + len) {
                iter.next();
            }
            continue;
        }
        prev_ideograph = is_ideograph(c);
        if c.is_whitespace() {
            if !out.ends_with(' ') && !out.is_empty() {
                out.push(' ');
            }
        } else {
            out.push(c);
        }
    }
    let out = out.trim_end();
    // Letter-spaced titles (`的 批 复`): the spaces are layout, not words.
    let chars: Vec<char> = out.chars().collect();
    let spaced = chars
        .windows(3)
        .filter(|w| is_ideograph(w[0]) && w[1] == ' ' && is_ideograph(w[2]))
        .count();
    if spaced >= 3 {
        return chars
            .iter()
            .enumerate()
            .filter(|&(i, &c)| {
                c != ' '
                    || !(i > 0
                        && is_ideograph(chars[i - 1])
                        && chars.get(i + 1).is_some_and(|&n| is_ideograph(n)))
            })
            .map(|(_, &c)| c)
            .collect();
    }
    out.to_string()
}

fn front_matter(doc: &Document, meta: &mut Metadata) {
    let mut published: Option<(Date, usize)> = None;
    for (line, class) in doc.classes.iter().enumerate() {
        if *class != LineClass::FrontMatter {
            if line > 0 {
                break;
            }
            continue;
        }
        let Some((key, value)) = doc.line_text(line).split_once(':') else {
            continue;
        };
        let value = value.trim().trim_matches(['"', '\'']).trim();
        if value.is_empty() {
            continue;
        }
        let source = Source::FrontMatter;
        match key.trim() {
            "title" | "标题" => set(&mut meta.title, display(value), source, line),
            "doc_number" | "docnumber" | "文号" | "发文字号" => {
                if let Some(number) = DocNumber::parse(value) {
                    set(&mut meta.doc_number, number, source, line);
                }
            }
            "issuer" | "发文机关" => set(&mut meta.issuer, display(value), source, line),
            "written_date" | "date" | "成文日期" | "日期" => {
                if let Some(date) = Date::parse(value) {
                    set(&mut meta.date, date, source, line);
                }
            }
            "published_date" | "发布日期" => published = Date::parse(value).map(|d| (d, line)),
            "kind" | "文种" => {
                if let Some(kind) = DocKind::from_name(value) {
                    set(&mut meta.kind, kind, source, line);
                }
            }
            _ => {}
        }
    }
    if let Some((date, line)) = published {
        set(&mut meta.date, date, Source::FrontMatter, line);
    }
}

/// `〖BT/标题〗…〖-BT/标题〗` lines (the typeset archive form).
fn tags(doc: &Document, meta: &mut Metadata) {
    for (line, class) in doc.classes.iter().enumerate() {
        if *class != LineClass::Tag {
            continue;
        }
        let text = doc.line_text(line).trim();
        let Some(rest) = text.strip_prefix('〖') else {
            continue;
        };
        let Some((tag, rest)) = rest.split_once('〗') else {
            continue;
        };
        let Some((code, _)) = tag.split_once('/') else {
            continue;
        };
        let Some(value) = rest.split_once('〖').map(|(v, _)| v.trim()) else {
            continue;
        };
        if value.is_empty() {
            continue;
        }
        match code {
            "BT" => set(&mut meta.title, display(value), Source::Tag, line),
            "RQ" => {
                if let Some(date) = Date::parse(value) {
                    set(&mut meta.date, date, Source::Tag, line);
                }
            }
            "TC" => {
                let kind = DocKind::from_name(value)
                    .or(matches!(value, "通讯" | "新闻").then_some(DocKind::News));
                if let Some(kind) = kind {
                    set(&mut meta.kind, kind, Source::Tag, line);
                }
            }
            "WH" | "FWZH" => {
                if let Some(number) = DocNumber::parse(value) {
                    set(&mut meta.doc_number, number, Source::Tag, line);
                }
            }
            _ => {}
        }
    }
}

static ISSUER_AND_DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\p{Han}{2,30}?)[ \t\u{3000}]{2,}(\d{4}年\d{1,2}月\d{1,2}日)$")
        .expect("valid regex")
});
static PROMULGATION: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{4})年(\d{1,2})月(\d{1,2})日").expect("valid regex"));

/// The 版头 of a 公文, or the info block of a law in Markdown.
fn header(doc: &Document, body: &[usize], lines: &[String], meta: &mut Metadata) {
    let Some(&first) = body.first() else { return };
    let source = Source::Header;
    if doc.classes[first] == LineClass::MarkdownHeading {
        let title = lines[0].trim_start_matches('#').trim();
        set(&mut meta.title, display(title), source, first);
        meta.title_line = Some(first);
        let info_end = law_info(doc, first, meta);
        meta.text_start = info_end + 1;
        // A judicial interpretation repeats its 版头 after the info block (`法释〔2023〕7号`).
        let k = body.partition_point(|&l| l <= info_end);
        if k < lines.len() {
            official_header(doc, &body[k..], &lines[k..], meta, true);
        }
        return;
    }
    official_header(doc, body, lines, meta, false);
}

/// The 版头 of a 公文. With `number_only`, just its 发文字号 line (a law's info block has
/// given the rest).
fn official_header(
    doc: &Document,
    body: &[usize],
    lines: &[String],
    meta: &mut Metadata,
    number_only: bool,
) {
    let source = Source::Header;

    let window = lines.len().min(30);
    let is_red_head = |s: &str| {
        let n = s.chars().count();
        n <= 30
            && !s.contains("关于")
            && (s.ends_with("文件") || (s.ends_with('令') && !s.contains('第')))
    };
    let is_preamble = |s: &str| {
        s.chars().all(|c| c.is_ascii_digit())
            || s.starts_with("绝密")
            || s.starts_with("机密")
            || s.starts_with("秘密")
            || matches!(s, "特急" | "加急" | "平急")
    };

    // 发文字号 line: a 文号 nearly alone (or with 签发人), or `第706号` under an order's head.
    let mut number_at: Option<usize> = None;
    for i in 0..window.min(15) {
        let s = &lines[i];
        if let Some(found) = find_doc_numbers(s).into_iter().next() {
            let extra = s.chars().count() - s[found.range.range()].chars().count();
            if extra <= 8 || s.contains("签发人") {
                set(&mut meta.doc_number, found.number, source, body[i]);
                number_at = Some(i);
                break;
            }
        }
        if i > 0
            && let Some(serial) = s.strip_prefix('第').and_then(|r| r.strip_suffix('号'))
            && let Some(code) = lines[i - 1].strip_suffix('令')
            && let Some(number) = DocNumber::parse(&format!("{code}令第{serial}号"))
        {
            set(&mut meta.doc_number, number, source, body[i]);
            number_at = Some(i);
            break;
        }
    }

    if number_only {
        return;
    }

    // 主送机关: a short line ending in a colon.
    let addressee_at = (number_at.map_or(0, |n| n + 1)..window.min(20)).find(|&i| {
        let s = &lines[i];
        (s.ends_with('：') || s.ends_with(':'))
            && s.chars().count() <= 100
            && !s.contains("如下")
            && !s.contains('。')
            && !s.starts_with("附件")
            && !s.starts_with(|c: char| c == '（' || c == '(' || c.is_ascii_digit())
            && !starts_with_heading(s)
    });
    if let Some(a) = addressee_at {
        let value = lines[a].trim_end_matches(['：', ':']);
        set(&mut meta.addressee, display(value), source, body[a]);
        if value.starts_with("同志们") || value.starts_with("各位") || value.contains("女士们")
        {
            set(&mut meta.kind, DocKind::Speech, source, body[a]);
        }
    }
    if number_at.is_none() && addressee_at.is_none() {
        return;
    }

    for (i, s) in lines.iter().enumerate().take(4) {
        if is_red_head(s) && Some(i) != number_at {
            let issuer = s.trim_end_matches("文件").trim_end_matches('令');
            let issuer = issuer.trim_start_matches("中华人民共和国");
            let issuer = if issuer.is_empty() {
                "国务院"
            } else {
                issuer
            };
            set(&mut meta.issuer, display(issuer), source, body[i]);
            if s.ends_with('令') {
                set(&mut meta.kind, DocKind::Order, source, body[i]);
            }
        }
    }

    // `江川省人民政府办公厅　　2023年4月21日` under the 文号 of a 纪要 or 函: issuer and date.
    let mut dated_lines = Vec::new();
    for i in number_at.map_or(0, |n| n + 1)..window.min(number_at.map_or(0, |n| n + 3)) {
        if let Some(caps) = ISSUER_AND_DATE.captures(&lines[i])
            && let Some(date) = Date::parse(&caps[2])
        {
            set(&mut meta.issuer, display(&caps[1]), source, body[i]);
            set(&mut meta.date, date, source, body[i]);
            dated_lines.push(i);
        }
    }
    let usable = |i: &usize| {
        !is_red_head(&lines[*i])
            && !is_preamble(&lines[*i])
            && !lines[*i].contains("签发人")
            && !dated_lines.contains(i)
    };

    // Title lines: between the 文号 and the 主送 line (proper layout), else before the 文号
    // (as gov.cn lays it out), else before the 主送 line.
    let after: Vec<usize> = match (number_at, addressee_at) {
        (Some(n), Some(a)) => (n + 1..a).filter(usable).collect(),
        (Some(n), None) => (n + 1..window.min(n + 6))
            .filter(usable)
            .take_while(|&i| !ends_sentence(&lines[i]))
            .collect(),
        _ => Vec::new(),
    };
    let before: Vec<usize> = match (number_at, addressee_at) {
        (Some(n), _) => (0..n).filter(usable).collect(),
        (None, Some(a)) => (0..a).filter(usable).collect(),
        (None, None) => Vec::new(),
    };
    let (title, candidates) = match assemble_title(&after, lines, true) {
        Some(found) => (Some(found), after),
        None => (assemble_title(&before, lines, false), before),
    };
    if let Some((title, start)) = title {
        set(&mut meta.title, display(&title), source, body[start]);
        meta.title_line = Some(body[start]);
    } else if meta
        .kind
        .as_ref()
        .is_some_and(|k| k.value == DocKind::Order)
    {
        // An order promulgates what it names: `《江川省政务数据管理办法》已经…通过，现予公布`.
        let number_line = number_at.map_or(0, |n| body[n]);
        if let Some(citation) = doc
            .citations
            .iter()
            .find(|c| doc.lines.line_of(c.range.start()) > number_line)
        {
            let line = doc.lines.line_of(citation.range.start());
            set(&mut meta.title, display(&citation.title), source, line);
        }
    }
    let last = [number_at, addressee_at, candidates.last().copied()]
        .into_iter()
        .flatten()
        .max()
        .unwrap_or(0);
    meta.text_start = body.get(last + 1).copied().unwrap_or(doc.classes.len());
}

/// Joins title lines: a title may wrap over several lines and ends with its 文种; when two
/// complete titles stand there (a placeholder and the real one), the last wins.
fn assemble_title(
    candidates: &[usize],
    lines: &[String],
    complete_only: bool,
) -> Option<(String, usize)> {
    if candidates.is_empty() || candidates.len() > 6 {
        return None;
    }
    let mut best: Option<(String, usize)> = None;
    let mut current = String::new();
    let mut start = candidates[0];
    for &i in candidates {
        if ends_sentence(&lines[i]) {
            return best;
        }
        if current.is_empty() {
            start = i;
        }
        current.push_str(&lines[i]);
        if DocKind::from_title(&current).is_some() {
            best = Some((std::mem::take(&mut current), start));
        }
    }
    if best.is_none() && !complete_only && !current.is_empty() && current.chars().count() <= 100 {
        best = Some((current, start));
    }
    best
}

fn ends_sentence(s: &str) -> bool {
    s.ends_with('。') || s.ends_with('；') || s.chars().count() > 120
}

fn starts_with_heading(s: &str) -> bool {
    parse_token(s).is_some()
}

/// The info block of a law file: `2018年11月6日 中华人民共和国国务院令第706号公布`. Returns
/// its last line.
fn law_info(doc: &Document, title_line: usize, meta: &mut Metadata) -> usize {
    let mut last = title_line;
    let mut version_date: Option<(Date, usize)> = None;
    let mut numbered: Option<(DocNumber, Option<Date>, usize)> = None;
    for line in title_line + 1..doc.classes.len().min(title_line + 16) {
        match doc.classes[line] {
            LineClass::Comment => {
                last = line;
                break;
            }
            LineClass::MarkdownHeading => break,
            LineClass::Body => last = line,
            _ => continue,
        }
        let s = simplified(doc.line_text(line));
        let s = s.trim();
        let date = PROMULGATION
            .captures(s)
            .and_then(|c| Date::new(c[1].parse().ok()?, c[2].parse().ok()?, c[3].parse().ok()?));
        // The latest passage or amendment dates the current version; `施行` is not a version.
        if let Some(date) = date
            && !s.ends_with("施行")
        {
            version_date = Some((date, line));
        }
        if let Some(found) = find_doc_numbers(s).into_iter().next()
            && (date.is_some() || s.chars().count() <= found.range.len() / 3 + 8)
        {
            numbered = Some((found.number, date, line));
        }
    }
    if let Some((number, date, line)) = numbered {
        if number.is_order() {
            let issuer = match number.code.as_str() {
                "国令" => "国务院".to_string(),
                "主席令" => "中华人民共和国主席".to_string(),
                code => code.trim_end_matches('令').to_string(),
            };
            set(&mut meta.issuer, issuer, Source::Header, line);
        }
        set(&mut meta.doc_number, number, Source::Header, line);
        if let Some(date) = date {
            set(&mut meta.date, date, Source::Header, line);
        }
    }
    if let Some((date, line)) = version_date {
        set(&mut meta.date, date, Source::Header, line);
    }
    last
}

/// 落款 and 成文日期: the first line holding only a full date, under a short line that
/// names the issuer.
fn signature(doc: &Document, body: &[usize], meta: &mut Metadata) {
    let start = body.partition_point(|&l| l < meta.text_start);
    for k in start..body.len() {
        let line = body[k];
        let s = simplified(doc.line_text(line));
        let s = s.trim();
        if s.chars().count() > 16 {
            continue;
        }
        let Some(caps) = CHINESE_DATE.captures(s) else {
            continue;
        };
        if caps.get(0).map(|m| m.len()) != Some(s.len()) || caps.get(3).is_none() {
            continue;
        }
        let Some(date) = date_from_caps(&caps) else {
            continue;
        };
        set(&mut meta.date, date, Source::Header, line);
        if k > 0 {
            let prev = simplified(doc.line_text(body[k - 1]));
            let prev = prev.trim();
            let plausible = (2..=40).contains(&prev.chars().count())
                && !prev.contains([' ', '\u{3000}', '\t'])
                && !prev.ends_with(|c: char| "。，；：！？”）".contains(c))
                && !starts_with_heading(prev);
            if plausible {
                set(&mut meta.issuer, display(prev), Source::Header, body[k - 1]);
            }
        }
        return;
    }
}

static DIANTOU: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?:新华社|中新社|新华网|人民网|央视网|本报|[\p{Han}]{2,8}?(?:日报|晚报|时报|电视台|广播电台|通讯社|网))[\p{Han}]{0,6}?(\d{1,2})月(\d{1,2})日(?:电|讯)",
    )
    .expect("valid regex")
});
static TIMESTAMP: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(\d{4})-(\d{1,2})-(\d{1,2})(?:[ T]\d{1,2}:\d{2}(?::\d{2})?)?")
        .expect("valid regex")
});
static NEWS_ISSUER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^\s*(?:经[^，,。]{1,12}[，,]\s*)?([\p{Han}（）()、]{2,40}?)(?:\d{1,2}日|近日|日前|今天|今日|最近|昨天|当天)?(?:向[^，,。]{1,24}?)?(?:发出|印发|下发|发布|召开|作出)",
    )
    .expect("valid regex")
});
static FULL_TEXT_FOLLOWS: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"([\p{Han}]{1,4})全文如下").expect("valid regex"));

/// A news item around a directive: headline, timestamp, publisher, 电头, `通知全文如下`.
fn news(doc: &Document, body: &[usize], lines: &[String], meta: &mut Metadata) {
    let source = Source::NewsWrapper;
    let Some((k, dian)) = lines
        .iter()
        .take(3)
        .enumerate()
        .find_map(|(k, s)| DIANTOU.find(s).map(|m| (k, m)))
    else {
        return;
    };
    let s = &lines[k];
    let stamp = TIMESTAMP.captures(&s[..dian.start()]);
    let headline = match &stamp {
        Some(caps) => s[..caps.get(0).expect("match").start()].trim().to_string(),
        None if k > 0 && lines[0].chars().count() <= 90 => lines[0].clone(),
        None => s[..dian.start()].trim().to_string(),
    };
    let headline_line = if stamp.is_none() && k > 0 {
        body[0]
    } else {
        body[k]
    };
    if headline.chars().filter(|c| is_ideograph(*c)).count() >= 4 {
        set(&mut meta.title, display(&headline), source, headline_line);
    }
    if let Some(caps) = &stamp {
        let date = Date::new(
            caps[1].parse().unwrap_or(0),
            caps[2].parse().unwrap_or(0),
            caps[3].parse().unwrap_or(0),
        );
        if let Some(date) = date {
            set(&mut meta.date, date, source, body[k]);
        }
        let between = s[caps.get(0).expect("match").end()..dian.start()].trim();
        let publisher_len = between.chars().count();
        if (2..=12).contains(&publisher_len) && between.chars().all(is_ideograph) {
            set(&mut meta.publisher, between.to_string(), source, body[k]);
        }
    }
    let after = &s[dian.end()..];
    if let Some(caps) = NEWS_ISSUER.captures(after) {
        let issuer = caps[1].trim_start_matches(['，', ',']);
        if issuer.chars().count() >= 2 {
            set(&mut meta.issuer, display(issuer), source, body[k]);
        }
    }
    let head_text: String = lines
        .iter()
        .take(k + 3)
        .cloned()
        .collect::<Vec<_>>()
        .join("");
    if let Some(caps) = FULL_TEXT_FOLLOWS.captures(&head_text) {
        let word = &caps[1];
        let kind = (0..word.len())
            .filter(|&i| word.is_char_boundary(i))
            .find_map(|i| DocKind::from_name(&word[i..]));
        if let Some(kind) = kind {
            set(&mut meta.kind, kind, source, body[k]);
        }
    }
    // `发出《关于…的通知》`: the title of the directive the item carries.
    let dian_original = doc.lines.line(body[k]).content.start();
    for citation in doc
        .citations
        .iter()
        .filter(|c| c.range.start() >= dian_original)
        .take(3)
    {
        let before = &doc.text[doc
            .lines
            .line(doc.lines.line_of(citation.range.start()))
            .content
            .start()..citation.range.start()];
        let before = simplified(before);
        if ["发出", "印发", "下发", "发布"]
            .iter()
            .any(|w| before.ends_with(w))
            && !citation.is_back_reference
        {
            let line = doc.lines.line_of(citation.range.start());
            set(
                &mut meta.carried_title,
                display(&citation.title),
                source,
                line,
            );
            if let Some(kind) = DocKind::from_title(&citation.title) {
                set(&mut meta.kind, kind, source, line);
            }
            break;
        }
    }
    if meta.kind.is_none() {
        set(&mut meta.kind, DocKind::News, source, body[k]);
    }
}

/// The first meaningful line, when nothing better named the document.
fn first_line(doc: &Document, body: &[usize], lines: &[String], meta: &mut Metadata) {
    if meta.title.is_some() {
        return;
    }
    for (k, s) in lines.iter().enumerate() {
        let s = s.trim_start_matches('#').trim();
        let salutation = (s.ends_with('：') || s.ends_with(':')) && s.chars().count() <= 20;
        if salutation {
            if s.starts_with("同志们") || s.starts_with("各位") {
                set(&mut meta.kind, DocKind::Speech, Source::FirstLine, body[k]);
            }
            continue;
        }
        if s.chars().filter(|c| is_ideograph(*c)).count() < 2 {
            continue;
        }
        let original = doc.line_text(body[k]).trim();
        let mut title = display(original.trim_start_matches('#').trim());
        if title.chars().count() > 60 {
            let cut: String = title.chars().take(60).collect();
            title = match cut.find(['。', '！', '？']) {
                Some(end) => cut[..end].to_string(),
                None => format!("{}…", cut.chars().take(40).collect::<String>()),
            };
        }
        set(&mut meta.title, title, Source::FirstLine, body[k]);
        return;
    }
}

/// Kind from the title's ending; issuer from the name before `关于`.
fn from_title(meta: &mut Metadata) {
    let Some(title) = meta.title.clone() else {
        return;
    };
    let simplified_title = normalize::to_simplified(&title.value);
    let compact: String = simplified_title
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    if let Some(kind) = DocKind::from_title(&compact) {
        set(&mut meta.kind, kind, Source::Title, title.line);
    }
    let issuer_end = ["转发", "批转", "印发", "关于"]
        .iter()
        .filter_map(|w| simplified_title.find(w))
        .min();
    if let Some(at) = issuer_end {
        let issuer = simplified_title[..at].trim();
        let n = issuer.chars().count();
        if (2..=40).contains(&n) && !issuer.contains(['《', '“']) {
            let original: String = title.value.chars().take(n).collect();
            set(
                &mut meta.issuer,
                original.trim().to_string(),
                Source::Title,
                title.line,
            );
        }
    }
}
