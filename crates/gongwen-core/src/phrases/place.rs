//! Where in a document a phrasing is used: the opening paragraph, a transition (`现将有关事项
//! 通知如下：`), the body, or the closing (`特此通知。`).
//!
//! The text proper runs from the end of the 版头 (after the 主送 line) to the 落款: the
//! signature line and the standalone 成文日期 under it. Its first paragraph is the opening
//! (unless the text starts with a heading) and its last paragraph the closing (with the one
//! before it when the last is a short formula such as `特此通知。`). A clause that ends in
//! `：` or `。` and says `如下`, or that hands a text on (`现印发给你们，请认真贯彻执行。`), is a
//! transition wherever it stands. Text after the 落款 (an attached plan) is body text.

use crate::date::CHINESE_DATE;
use crate::document::Document;
use crate::phrases::segment::ShadowLines;
use crate::text::{TextRange, is_ideograph};

/// Where a phrasing is used.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub enum Place {
    Opening = 0,
    Transition = 1,
    Body = 2,
    Closing = 3,
}

impl Place {
    pub const ALL: [Place; 4] = [
        Place::Opening,
        Place::Transition,
        Place::Body,
        Place::Closing,
    ];

    /// The name used in `formulae.tsv`.
    pub fn name(self) -> &'static str {
        match self {
            Place::Opening => "opening",
            Place::Transition => "transition",
            Place::Body => "body",
            Place::Closing => "closing",
        }
    }

    pub fn chinese(self) -> &'static str {
        match self {
            Place::Opening => "开头",
            Place::Transition => "过渡",
            Place::Body => "正文",
            Place::Closing => "结尾",
        }
    }

    pub fn from_name(name: &str) -> Option<Place> {
        Place::ALL.into_iter().find(|p| p.name() == name)
    }
}

/// The place of each line of a document (`None` for lines that are not text proper: the
/// 版头, the 落款, attachment labels, 抄送 lines, blank lines).
#[derive(Clone, Debug, Default)]
pub(crate) struct Layout {
    pub lines: Vec<Option<Place>>,
    /// In a text of one paragraph, where its last sentence (the closing) starts (a shadow
    /// offset).
    pub closing_from: Option<usize>,
}

/// True when a trimmed line is a date alone (`2023年5月8日`, `二〇二三年五月八日`).
fn is_date_line(line: &str) -> bool {
    let line = line.trim_matches(|c: char| c.is_whitespace());
    CHINESE_DATE
        .find(line)
        .is_some_and(|m| m.start() == 0 && m.end() == line.len() && line.contains('月'))
}

fn ends_sentence(line: &str) -> bool {
    line.trim_end()
        .trim_end_matches(['”', '’', '）', ')'])
        .ends_with(['。', '！', '？', '；', '：', '…'])
}

/// Labels and notes that are not text: `附件：…`, `抄送：…`, `（此件公开发布）`.
fn is_note(line: &str) -> bool {
    const STARTS: &[&str] = &[
        "附件",
        "抄送",
        "印发",
        "分送",
        "（此件",
        "(此件",
        "（联系人",
        "(联系人",
        "出席",
        "列席",
        "请假",
        "签发人",
    ];
    let line = line.trim_start_matches(crate::text::is_indent);
    STARTS.iter().any(|s| line.starts_with(s))
}

pub(crate) fn layout(doc: &Document, shadow: &ShadowLines) -> Layout {
    let count = doc.lines.len();
    let mut lines: Vec<Option<Place>> = vec![None; count];
    let text_of = |l: usize| &shadow.text[shadow.line(l).range()];
    let contentful = |l: usize| {
        doc.classes[l].is_text() && text_of(l).chars().filter(|c| is_ideograph(*c)).count() >= 2
    };
    let start = doc.meta.text_start.min(count);
    // The 落款: the first standalone date after some text, and the short line above it.
    let mut end = count;
    let mut seen_text = false;
    for l in start..count {
        if !contentful(l) {
            continue;
        }
        if is_date_line(text_of(l)) {
            if seen_text {
                end = l;
                break;
            }
            continue;
        }
        seen_text = true;
    }
    let mut signature = None;
    if end < count
        && let Some(prev) = (start..end).rev().find(|&l| contentful(l))
    {
        let t = text_of(prev).trim();
        if t.chars().count() <= 30 && !ends_sentence(t) {
            signature = Some(prev);
        }
    }
    let headings: Vec<usize> = doc.headings.iter().map(|h| h.line).collect();
    let mut paragraphs = Vec::new();
    for (l, place) in lines.iter_mut().enumerate().skip(start) {
        if !contentful(l) || Some(l) == signature || is_date_line(text_of(l)) || is_note(text_of(l))
        {
            continue;
        }
        *place = Some(Place::Body);
        if l < end {
            paragraphs.push(l);
        }
    }
    let mut closing_from = None;
    let sentences: Vec<usize> = paragraphs
        .iter()
        .copied()
        .filter(|&l| ends_sentence(text_of(l)))
        .collect();
    let first_heading = headings.iter().copied().find(|&h| h >= start);
    let opening = sentences
        .first()
        .copied()
        .filter(|&l| first_heading.is_none_or(|h| l < h) && Some(l) == paragraphs.first().copied());
    if let Some(&last) = sentences.last() {
        let short = text_of(last).trim().chars().count() <= 15;
        let mut closing = vec![last];
        if short && sentences.len() >= 2 {
            closing.push(sentences[sentences.len() - 2]);
        }
        for l in closing {
            if Some(l) != opening {
                lines[l] = Some(Place::Closing);
            } else if sentences.len() == 1 {
                // One paragraph: its last sentence is the closing.
                let range = shadow.line(l);
                let text = &shadow.text[range.range()];
                let body = text.trim_end().trim_end_matches(['。', '！', '？']);
                if let Some(i) = body.rfind(['。', '！', '？']) {
                    closing_from = Some(range.start() + i + '。'.len_utf8());
                }
            }
        }
    }
    if let Some(l) = opening {
        lines[l] = Some(Place::Opening);
    }
    Layout {
        lines,
        closing_from,
    }
}

/// Transition clauses in `text[range]` (a line of the shadow): from the start of the clause
/// that says `如下` (or hands a text on) to the end of its sentence.
pub(crate) fn transitions(text: &str, range: TextRange) -> Vec<TextRange> {
    let line = &text[range.range()];
    let mut out = Vec::new();
    let mut sentence_start = 0;
    for (i, c) in line.char_indices() {
        if !matches!(c, '。' | '：' | '！' | '？' | '；') {
            continue;
        }
        let end = i + c.len_utf8();
        let sentence = &line[sentence_start..end];
        let cue = ["如下", "印发给你们", "转发给你们", "批转给你们"]
            .iter()
            .filter_map(|cue| sentence.find(cue))
            .min();
        if let Some(cue) = cue
            && matches!(c, '。' | '：')
        {
            let clause_start = sentence[..cue]
                .rfind(['，', '；'])
                .map_or(0, |j| j + '，'.len_utf8());
            out.push(TextRange::new(
                range.start() + sentence_start + clause_start,
                range.start() + end,
            ));
        }
        sentence_start = end;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::document::Format;

    fn places(text: &str) -> Vec<(String, Option<Place>)> {
        let doc = Document::parse(text.to_string(), Format::Plain);
        let shadow = ShadowLines::new(&doc);
        let layout = layout(&doc, &shadow);
        (0..doc.lines.len())
            .map(|l| (doc.line_text(l).trim().to_string(), layout.lines[l]))
            .filter(|(t, _)| !t.is_empty())
            .collect()
    }

    #[test]
    fn opening_body_closing_and_the_signature_block() {
        let text = "江川省人民政府办公厅关于开展安全检查的通知\n\n各市人民政府：\n\n　　为防范事故，经省人民政府同意，决定开展检查。现将有关事项通知如下：\n\n　　一、检查范围\n\n　　全省各行业领域生产经营单位。\n\n　　执行中遇到的问题，请及时报告。\n\n　　特此通知。\n\n　　附件：统计表\n\n江川省人民政府办公厅\n\n2023年5月8日\n\n（此件公开发布）\n";
        let got = places(text);
        let place = |s: &str| got.iter().find(|(t, _)| t.starts_with(s)).unwrap().1;
        assert_eq!(place("为防范事故"), Some(Place::Opening));
        assert_eq!(place("一、检查范围"), Some(Place::Body));
        assert_eq!(place("全省各行业"), Some(Place::Body));
        assert_eq!(place("执行中遇到"), Some(Place::Closing));
        assert_eq!(place("特此通知"), Some(Place::Closing));
        assert_eq!(place("附件"), None);
        let signature = got.iter().find(|(t, _)| t == "江川省人民政府办公厅");
        assert_eq!(signature.unwrap().1, None);
        assert_eq!(place("2023年5月8日"), None);
        assert_eq!(place("（此件公开发布）"), None);
    }

    #[test]
    fn transition_clauses() {
        let text = "为防范事故，现将有关事项通知如下：一、范围。《方案》已经同意，现印发给你们，请认真贯彻执行。";
        let found: Vec<&str> = transitions(text, TextRange::new(0, text.len()))
            .into_iter()
            .map(|r| &text[r.range()])
            .collect();
        assert_eq!(
            found,
            ["现将有关事项通知如下：", "现印发给你们，请认真贯彻执行。"]
        );
    }
}
