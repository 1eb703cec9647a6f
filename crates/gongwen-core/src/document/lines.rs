//! Line classes: what each line of a document is, before anything reads its words.

use std::sync::LazyLock;

use aho_corasick::AhoCorasick;

use crate::document::Format;
use crate::text::LineIndex;

/// What a line is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum LineClass {
    /// Text of the document.
    Body,
    /// A Markdown `#` heading (text, and a numbering break).
    MarkdownHeading,
    /// Whitespace only.
    Blank,
    /// Inside YAML front matter, fences included.
    FrontMatter,
    /// A `〖BT/标题〗…〖-BT/标题〗` tag line of a typeset archive.
    Tag,
    /// Web furniture: adverts, share buttons, page footers scraped with the text.
    Junk,
    /// Inside a fenced Markdown code block, fences included.
    CodeBlock,
    /// A line that is only an HTML comment (`<!-- INFO END -->`).
    Comment,
}

impl LineClass {
    /// True for the classes rules look at.
    pub fn is_linted(self) -> bool {
        matches!(self, LineClass::Body | LineClass::MarkdownHeading)
    }

    /// True for lines that carry document text (linted or not).
    pub fn is_text(self) -> bool {
        matches!(self, LineClass::Body | LineClass::MarkdownHeading)
    }
}

pub(crate) fn classify(text: &str, lines: &LineIndex, format: Format) -> Vec<LineClass> {
    let line_text = |i: usize| &text[lines.line(i).content.range()];
    let mut classes = vec![LineClass::Body; lines.len()];
    let mut i = 0;

    if let Some(end) = front_matter_end(lines.len(), &line_text) {
        for class in &mut classes[..=end] {
            *class = LineClass::FrontMatter;
        }
        i = end + 1;
    }

    let middle = middle_lines(text, lines);
    let mut fence: Option<&str> = None;
    while i < lines.len() {
        let line = line_text(i);
        let trimmed = line.trim();
        classes[i] = if let Some(marker) = fence {
            if trimmed.starts_with(marker) {
                fence = None;
            }
            LineClass::CodeBlock
        } else if format == Format::Markdown
            && (trimmed.starts_with("```") || trimmed.starts_with("~~~"))
        {
            fence = Some(&trimmed[..3]);
            LineClass::CodeBlock
        } else if trimmed.is_empty() {
            LineClass::Blank
        } else if is_tag_line(trimmed) {
            LineClass::Tag
        } else if trimmed.starts_with("<!--") && trimmed.ends_with("-->") {
            LineClass::Comment
        } else if format == Format::Markdown && is_markdown_heading(line) {
            LineClass::MarkdownHeading
        } else if middle.as_ref().is_none_or(|m| !m.contains(&i)) && is_web_furniture(trimmed) {
            LineClass::Junk
        } else {
            LineClass::Body
        };
        i += 1;
    }
    classes
}

/// The last line of YAML front matter opened by `---` on the first line.
fn front_matter_end<'a>(count: usize, line_text: &impl Fn(usize) -> &'a str) -> Option<usize> {
    if count < 3 || line_text(0).trim_start_matches('\u{feff}').trim_end() != "---" {
        return None;
    }
    let mut saw_key = false;
    for i in 1..count.min(200) {
        let line = line_text(i).trim_end();
        if line == "---" || line == "..." {
            return saw_key.then_some(i);
        }
        if let Some((key, _)) = line.split_once(':')
            && !key.is_empty()
            && !key.starts_with([' ', '-', '#'])
        {
            saw_key = true;
        }
    }
    None
}

/// `〖BT/标题〗…〖-BT/标题〗`, `〖ZW/正文〗` or `〖-ZW/正文〗`.
fn is_tag_line(trimmed: &str) -> bool {
    if !trimmed.starts_with('〖') || !trimmed.ends_with('〗') {
        return false;
    }
    let Some(close) = trimmed.find('〗') else {
        return false;
    };
    trimmed[..close].contains('/')
}

fn is_markdown_heading(line: &str) -> bool {
    let hashes = line.bytes().take_while(|&b| b == b'#').count();
    (1..=6).contains(&hashes) && line[hashes..].starts_with([' ', '\t'])
}

/// Strong signs of web furniture (2 points each) and weak ones (1 point).
const FURNITURE_STRONG: &[&str] = &[
    "免费使用",
    "免费下载",
    "尊享",
    "会员权益",
    "扫一扫",
    "在手机打开",
    "手机扫描",
    "打印本页",
    "关闭窗口",
    "分享到",
    "责任编辑",
    "版权所有",
    "上一篇",
    "下一篇",
    "返回顶部",
    "ICP备",
    "网安备",
    "浏览次数",
    "篇范文",
    "篇作文",
    "道试题",
    "【打印】",
    "【关闭】",
    "【纠错】",
    "字号：",
    "收藏本页",
    "设为首页",
    "加入收藏",
    "相关阅读",
    "热门推荐",
    "点击查看",
    "阅读原文",
    "长按识别",
    "VIP",
];
const FURNITURE_WEAK: &[&str] = &[
    "会员",
    "仅需",
    "点击",
    "下载",
    "登录",
    "广告",
    "公众号",
    "客户端",
    "APP",
    "App",
    "二维码",
    "转载",
    "来源：",
    "作者：",
    "元/",
    "优惠",
    "立即",
    "¥",
];

static FURNITURE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    AhoCorasick::builder()
        .match_kind(aho_corasick::MatchKind::LeftmostLongest)
        .build(FURNITURE_STRONG.iter().chain(FURNITURE_WEAK))
        .expect("valid patterns")
});

/// Scraped pages wrap the text in furniture: only the first few and the last lines holding
/// text are candidates. Returns the lines in between, which are not.
fn middle_lines(text: &str, lines: &LineIndex) -> Option<std::ops::Range<usize>> {
    const HEAD: usize = 5;
    const TAIL: usize = 15;
    let non_blank: Vec<usize> = (0..lines.len())
        .filter(|&i| !text[lines.line(i).content.range()].trim().is_empty())
        .collect();
    (non_blank.len() > HEAD + TAIL).then(|| non_blank[HEAD]..non_blank[non_blank.len() - TAIL])
}

/// True for a short line that reads like page furniture rather than document text.
pub(crate) fn is_web_furniture(trimmed: &str) -> bool {
    if trimmed.len() > 80 * 3 || trimmed.chars().count() > 80 {
        return false;
    }
    // Each distinct keyword counts once: strong ones 2 points, weak ones 1.
    let mut seen = 0u64;
    let mut score = 0;
    for found in FURNITURE.find_iter(trimmed) {
        let id = found.pattern().as_usize();
        if seen & (1 << id) == 0 {
            seen |= 1 << id;
            score += if id < FURNITURE_STRONG.len() { 2 } else { 1 };
        }
    }
    score >= 2
}

#[cfg(test)]
mod tests {
    use super::*;

    fn classes(text: &str, format: Format) -> Vec<LineClass> {
        classify(text, &LineIndex::new(text), format)
    }

    #[test]
    fn front_matter_tags_and_furniture() {
        let text = "---\ntitle: 专利代理条例\n---\n〖BT/标题〗标题〖-BT/标题〗\n正文。\n\n近500万道试题、20多万套资源、50多万篇范文免费使用\n每天仅需0.22元,尊享会员权益";
        use LineClass::*;
        assert_eq!(
            classes(text, Format::Plain),
            [
                FrontMatter,
                FrontMatter,
                FrontMatter,
                Tag,
                Body,
                Blank,
                Junk,
                Junk
            ]
        );
    }

    #[test]
    fn a_rule_line_without_keys_is_not_front_matter() {
        assert_eq!(classes("---\n正文\n---", Format::Plain)[0], LineClass::Body);
    }

    #[test]
    fn markdown_headings_code_blocks_and_comments() {
        use LineClass::*;
        let text = "# 标题\n<!-- INFO END -->\n```\n1、代码\n```\n正文";
        assert_eq!(
            classes(text, Format::Markdown),
            [
                MarkdownHeading,
                Comment,
                CodeBlock,
                CodeBlock,
                CodeBlock,
                Body
            ]
        );
        assert_eq!(classes("# 标题", Format::Plain), [Body]);
    }

    #[test]
    fn ordinary_sentences_about_registration_stay_text() {
        assert!(!is_web_furniture("企业可通过政务服务网登录办理。"));
        assert!(!is_web_furniture(
            "各地要加强对广告市场的监管，依法查处虚假广告。"
        ));
    }
}
