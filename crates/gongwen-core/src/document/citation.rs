//! Citations: `《title》`, `《title》（文号）`, titles in wrong marks (`〈〈…〉〉`, `<<…>>`) and
//! back-references such as `中央《通知》`.

use crate::document::Document;
use crate::normalize::{self, key};
use crate::text::{TextRange, is_ideograph};

/// A cited title.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Citation {
    /// From the opening mark to the closing mark, or to the closing bracket of an attached
    /// 文号.
    pub range: TextRange,
    /// The title between the marks.
    pub title_range: TextRange,
    pub open: TextRange,
    pub close: TextRange,
    pub marks: TitleMarks,
    /// The title as written, without line breaks and pinyin residue.
    pub title: String,
    /// Matching key of the title (`normalize::key`).
    pub key: String,
    /// Index into `Document::doc_numbers` of the 文号 in brackets right after the title.
    pub doc_number: Option<usize>,
    /// The brackets around that 文号.
    pub number_brackets: Option<(TextRange, TextRange)>,
    /// For a back-reference (`《通知》`), the earlier citation it stands for.
    pub refers_to: Option<usize>,
    /// True for a short form such as `《通知》` (resolved or not).
    pub is_back_reference: bool,
}

impl Citation {
    /// The key of the full title this citation names: its own, or the one it refers back to.
    pub fn resolved_key<'a>(&'a self, citations: &'a [Citation]) -> Option<&'a str> {
        match (self.is_back_reference, self.refers_to) {
            (false, _) => Some(&self.key),
            (true, Some(i)) => Some(&citations[i].key),
            (true, None) => None,
        }
    }
}

/// How the title is marked.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleMarks {
    /// `《…》`, the standard form.
    Standard,
    /// `〈〈…〉〉`.
    DoubleAngle,
    /// `<<…>>`.
    Ascii,
    /// `＜＜…＞＞`.
    FullwidthAscii,
}

impl TitleMarks {
    fn delimiters(self) -> (&'static str, &'static str) {
        match self {
            TitleMarks::Standard => ("《", "》"),
            TitleMarks::DoubleAngle => ("〈〈", "〉〉"),
            TitleMarks::Ascii => ("<<", ">>"),
            TitleMarks::FullwidthAscii => ("＜＜", "＞＞"),
        }
    }
}

/// Short titles that stand for a full title cited earlier.
const BACK_REFERENCE_WORDS: &[&str] = &[
    "通知",
    "意见",
    "决定",
    "决议",
    "办法",
    "方案",
    "规定",
    "条例",
    "报告",
    "请示",
    "批复",
    "函",
    "纲要",
    "规划",
    "解释",
    "细则",
    "公告",
    "通告",
    "通报",
    "纪要",
    "命令",
    "实施意见",
    "实施方案",
    "实施细则",
    "指导意见",
    "工作方案",
    "讲话",
    "法",
    "章程",
    "准则",
    "规则",
    "若干规定",
    "暂行规定",
    "暂行办法",
];

const MAX_TITLE_CHARS: usize = 200;

pub(crate) fn find(doc: &Document) -> Vec<Citation> {
    let shadow = doc.shadow_text();
    let mut citations: Vec<Citation> = Vec::new();
    let opens = opening_marks(shadow);
    let mut at = 0;
    for &(start, marks) in &opens {
        if start < at {
            continue;
        }
        let (open_s, close_s) = marks.delimiters();
        let body_start = start + open_s.len();
        let Some(close_at) = find_close(shadow, body_start, marks) else {
            at = body_start;
            continue;
        };
        let end = close_at + close_s.len();
        let line = doc.lines.line_of(doc.shadow.start_to_original(start));
        let title_shadow = &shadow[body_start..close_at];
        if !doc.is_linted_line(line)
            || !title_shadow.chars().any(is_ideograph)
            || (marks == TitleMarks::Ascii && title_shadow.contains(['<', '>']))
        {
            at = end;
            continue;
        }
        let to_original = |s: usize, e: usize| doc.shadow.range_to_original(TextRange::new(s, e));
        let title_range = to_original(body_start, close_at);
        if doc.in_verbatim(title_range) {
            at = end;
            continue;
        }
        let title = clean_title(&doc.text[title_range.range()]);
        let key = key(&title);
        let mut citation = Citation {
            range: to_original(start, end),
            title_range,
            open: to_original(start, body_start),
            close: to_original(close_at, end),
            marks,
            is_back_reference: BACK_REFERENCE_WORDS.contains(&key.as_str()),
            title,
            key,
            doc_number: None,
            number_brackets: None,
            refers_to: None,
        };
        attach_number(doc, shadow, end, &mut citation);
        if citation.is_back_reference {
            citation.refers_to = citations
                .iter()
                .rposition(|c| !c.is_back_reference && c.key.ends_with(citation.key.as_str()));
        }
        citations.push(citation);
        // Titles nested inside (`《…《…》…》`) are part of this one.
        at = end;
    }
    citations
}

/// Every opening title mark, in text order.
fn opening_marks(shadow: &str) -> Vec<(usize, TitleMarks)> {
    let mut opens = Vec::new();
    for (needle, marks) in [
        ("《", TitleMarks::Standard),
        ("〈〈", TitleMarks::DoubleAngle),
        ("<<", TitleMarks::Ascii),
        ("＜＜", TitleMarks::FullwidthAscii),
    ] {
        opens.extend(
            memchr::memmem::find_iter(shadow.as_bytes(), needle.as_bytes()).map(|i| (i, marks)),
        );
    }
    opens.sort_by_key(|&(i, _)| i);
    opens
}

/// The closing mark matching the opening one before `from`: nested `《》` are counted; the
/// title may run over one line break (a title wrapped in a scraped text), never a blank line.
fn find_close(shadow: &str, from: usize, marks: TitleMarks) -> Option<usize> {
    let (open_s, close_s) = marks.delimiters();
    let mut depth = 0usize;
    let mut chars = 0usize;
    let mut line_breaks = 0;
    let bytes = shadow.as_bytes();
    let mut i = from;
    while i < shadow.len() {
        let rest = &shadow[i..];
        if rest.starts_with(close_s) {
            if depth == 0 {
                return Some(i);
            }
            depth -= 1;
            i += close_s.len();
            continue;
        }
        if rest.starts_with(open_s) {
            depth += 1;
            i += open_s.len();
            continue;
        }
        let c = rest.chars().next()?;
        if c == '\n' || c == '\r' {
            line_breaks += 1;
            if line_breaks > 1 {
                return None;
            }
            if c == '\r' && bytes.get(i + 1) == Some(&b'\n') {
                i += 1;
            }
            // A blank line ends the paragraph.
            let next = shadow[i + 1..].trim_start_matches([' ', '\t', '\u{3000}']);
            if next.starts_with(['\n', '\r']) {
                return None;
            }
        }
        chars += 1;
        if chars > MAX_TITLE_CHARS {
            return None;
        }
        i += c.len_utf8();
    }
    None
}

/// A 文号 in `（…）` or `(…)` right after the title: `《…》（国发〔2016〕5号）`, also with text
/// after it inside the brackets (`（国发〔2016〕5号，以下简称《意见》）`).
fn attach_number(doc: &Document, shadow: &str, end: usize, citation: &mut Citation) {
    let after = &shadow[end..];
    let trimmed = after.trim_start_matches([' ', '\u{3000}']);
    let Some(open_char) = trimmed.chars().next().filter(|c| *c == '（' || *c == '(') else {
        return;
    };
    let open_at = end + (after.len() - trimmed.len());
    let inner_at = open_at + open_char.len_utf8();
    let open_original = doc.shadow.start_to_original(open_at);
    let inner_original = doc.shadow.start_to_original(inner_at);
    let n = doc
        .doc_numbers
        .partition_point(|m| m.found.range.start() < inner_original);
    let Some(mention) = doc.doc_numbers.get(n) else {
        return;
    };
    if !doc.text[inner_original..mention.found.range.start()]
        .trim_matches([' ', '\u{3000}'])
        .is_empty()
    {
        return;
    }
    let number_end = doc.doc_numbers[n].found.range.end();
    let line_end = doc.lines.line(doc.lines.line_of(number_end)).content.end();
    let tail = &doc.text[number_end..line_end];
    let close = tail
        .char_indices()
        .take(40)
        .find(|&(_, c)| c == '）' || c == ')' || c == '（' || c == '(');
    let brackets = match close {
        Some((i, c)) if c == '）' || c == ')' => {
            let close_at = number_end + i;
            Some((
                TextRange::new(open_original, inner_original),
                TextRange::new(close_at, close_at + c.len_utf8()),
            ))
        }
        _ => None,
    };
    citation.doc_number = Some(n);
    if let Some((_, close)) = brackets {
        citation.range = citation.range.cover(close);
    } else {
        citation.range = citation.range.cover(doc.doc_numbers[n].found.range);
    }
    citation.number_brackets = brackets;
}

/// The title as written, without line breaks, surrounding spaces and pinyin residue.
fn clean_title(raw: &str) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut prev_ideograph = false;
    let mut iter = raw.char_indices().peekable();
    while let Some((at, c)) = iter.next() {
        if prev_ideograph
            && (c == '(' || c == '（')
            && let Some(len) = normalize::pinyin_residue_len(&raw[at..])
        {
            while iter.peek().is_some_and(|&(next, _)| next < at + len) {
                iter.next();
            }
            continue;
        }
        prev_ideograph = is_ideograph(c);
        if c == '\n' || c == '\r' {
            // Drop the line break and the indentation after it.
            while iter
                .peek()
                .is_some_and(|&(_, n)| matches!(n, ' ' | '\t' | '\u{3000}'))
            {
                iter.next();
            }
            continue;
        }
        out.push(c);
    }
    out.trim().to_string()
}
