//! The outline of a document: how its numbered headings (`一、` `（一）` `1.` `（1）`) nest
//! and follow each other, the heading tree for document symbols and folding, and the
//! "renumber section" code action.
//!
//! Numbered headings form *runs*: the headings of one level under one parent, counted
//! `1, 2, 3…` (GB/T 9704-2012 §7.3.3). A run ends when a higher-level heading appears (its
//! counter restarts under the new parent) and at an outline break (`附件`, `第X章`/`第X条`,
//! a Markdown heading, a decimal section title `3.1　市场监测`). A heading numbered 1 also
//! starts a new run when the line before it introduces a list (ends with `：`) or is a
//! title line (a short line without end punctuation, as when an attached plan follows its
//! covering notice without `附件`).

use crate::diagnostic::Edit;
use crate::document::{
    Document, Heading, HeadingToken, LineClass, OutlineBreakKind, canonical_token,
};
use crate::normalize::parse_number;
use crate::text::TextRange;

/// How one numbered heading of `doc.headings` sits in the outline.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Link {
    /// The nearest heading of a higher level above it (index into `doc.headings`).
    pub parent: Option<usize>,
    /// The heading before it in its run (same level, same parent).
    pub prev: Option<usize>,
    /// Its run: headings with the same run are siblings.
    pub run: usize,
    /// For the first heading of a run: the last heading of the same level before it in the
    /// same part of the document, under an earlier parent. Numbering may run on across
    /// sections (State Council documents number `（一）`…`（二十）` through all their `一、`).
    pub continues: Option<usize>,
}

/// The outline links of every heading of `doc.headings`, in order.
pub fn links(doc: &Document) -> Vec<Link> {
    let mut out: Vec<Link> = Vec::with_capacity(doc.headings.len());
    // The last heading seen at each level (1–4) under the current parents, and under any
    // parent since the last outline break.
    let mut last: [Option<usize>; 5] = [None; 5];
    let mut last_any: [Option<usize>; 5] = [None; 5];
    let mut next_run = 0;
    let mut breaks = doc.breaks.iter().peekable();
    for (i, heading) in doc.headings.iter().enumerate() {
        while breaks.next_if(|b| b.line < heading.line).is_some() {
            last = [None; 5];
            last_any = [None; 5];
        }
        let level = heading.level as usize;
        let parent = (1..level).rev().find_map(|k| last[k]);
        let mut prev = last[level];
        let mut continues = if prev.is_none() {
            last_any[level]
        } else {
            None
        };
        if heading.number == 1
            && (prev.is_some() || continues.is_some())
            && starts_fresh_list(doc, heading)
        {
            prev = None;
            continues = None;
        }
        let run = match prev {
            Some(p) => out[p].run,
            None => {
                next_run += 1;
                next_run - 1
            }
        };
        out.push(Link {
            parent,
            prev,
            run,
            continues,
        });
        last[level] = Some(i);
        last_any[level] = Some(i);
        for deeper in &mut last[level + 1..] {
            *deeper = None;
        }
    }
    out
}

/// A heading numbered 1 right after a line that introduces a list (`…材料如下：`) or after a
/// title line starts its numbering afresh, whatever came before.
fn starts_fresh_list(doc: &Document, heading: &Heading) -> bool {
    let Some(prev_line) = (0..heading.line)
        .rev()
        .find(|&l| !matches!(doc.classes[l], LineClass::Blank | LineClass::Comment))
    else {
        return false;
    };
    if doc.classes[prev_line] != LineClass::Body {
        return false;
    }
    // Stray private-use characters at a line's end are junk of the source.
    let text = doc
        .line_text(prev_line)
        .trim_matches(|c: char| is_space(c) || ('\u{e000}'..='\u{f8ff}').contains(&c));
    if text.ends_with(['：', ':']) {
        return true;
    }
    let i = doc.headings.partition_point(|h| h.line < prev_line);
    is_title_line(text) && doc.headings.get(i).is_none_or(|h| h.line != prev_line)
}

/// A short line without end punctuation that is not a numbered heading: a title.
fn is_title_line(text: &str) -> bool {
    let chars = text.chars().count();
    (2..=40).contains(&chars)
        && !text.ends_with(|c: char| "。，；：、！？…—,;:.!?".contains(c))
        && !text.contains(['。', '，', '；', ',', ';'])
}

fn is_space(c: char) -> bool {
    matches!(c, ' ' | '\t' | '\u{3000}' | '\u{a0}')
}

/// What an outline node is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum NodeKind {
    /// A numbered heading: `level` 1–4 is `一、` `（一）` `1.` `（1）`.
    Heading,
    /// An outline break (`附件`, `第X章`/`第X条`, a Markdown heading, a decimal section
    /// `3.1　市场监测`): `level` is its depth among breaks (the `#` count; 1 for `附件`,
    /// `第X编` and `第X部分`, 2 for `第X章`, 3 for `第X节`, 4 for `第X条`; the number of
    /// parts of a decimal section number).
    Break(OutlineBreakKind),
}

/// A node of the heading tree.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct OutlineNode {
    pub kind: NodeKind,
    pub level: u8,
    /// The heading's number (`三、` → 3; `第十二条` → 12; 0 when a break has none).
    pub number: u32,
    /// 0-based line of the heading.
    pub line: usize,
    /// The numbering token (`一、`) or a break's label (`第一章`, `附件1`, `##`).
    pub token: TextRange,
    /// The heading's title: after the token, up to the first sentence mark of a run-in
    /// heading (`一、总体要求。正文…` → `总体要求`).
    pub title: TextRange,
    /// 0-based last line of the section (blank lines at its end left out).
    pub end_line: usize,
    pub children: Vec<OutlineNode>,
}

/// The heading tree of a document: numbered headings nested by level under the outline
/// breaks that precede them (breaks nested by their own depth).
pub fn outline(doc: &Document) -> Vec<OutlineNode> {
    let mut events: Vec<(usize, u8, OutlineNode)> = Vec::new();
    for b in &doc.breaks {
        if let Some((level, node)) = break_node(doc, b.line, b.kind) {
            events.push((b.line, level, node));
        }
    }
    for h in &doc.headings {
        events.push((h.line, 10 + h.level, heading_node(doc, h)));
    }
    events.sort_by_key(|(line, rank, _)| (*line, *rank));

    let mut roots: Vec<OutlineNode> = Vec::new();
    let mut stack: Vec<(u8, OutlineNode)> = Vec::new();
    let close = |stack: &mut Vec<(u8, OutlineNode)>, roots: &mut Vec<OutlineNode>, until: usize| {
        let (_, mut node) = stack.pop().expect("non-empty stack");
        node.end_line = last_text_line(doc, node.line, until);
        match stack.last_mut() {
            Some((_, parent)) => parent.children.push(node),
            None => roots.push(node),
        }
    };
    for (line, rank, node) in events {
        while stack.last().is_some_and(|(r, _)| *r >= rank) {
            close(&mut stack, &mut roots, line);
        }
        stack.push((rank, node));
    }
    while !stack.is_empty() {
        close(&mut stack, &mut roots, doc.lines.len());
    }
    roots
}

/// The last line before `until` that is not blank, and not before `start`.
fn last_text_line(doc: &Document, start: usize, until: usize) -> usize {
    (start..until)
        .rev()
        .find(|&l| doc.classes.get(l).is_some_and(|c| *c != LineClass::Blank))
        .unwrap_or(start)
}

fn heading_node(doc: &Document, h: &Heading) -> OutlineNode {
    let content = doc.lines.line(h.line).content;
    let rest = &doc.text[h.token.end()..content.end()];
    let lead = rest.len() - rest.trim_start_matches(is_space).len();
    let body = &rest[lead..];
    let end = body
        .find(['。', '；', '：', '！', '？', ';', ':'])
        .unwrap_or(body.len());
    let title_text = body[..end].trim_end_matches(is_space);
    let start = h.token.end() + lead;
    OutlineNode {
        kind: NodeKind::Heading,
        level: h.level,
        number: h.number,
        line: h.line,
        token: h.token,
        title: TextRange::new(start, start + title_text.len()),
        end_line: h.line,
        children: Vec::new(),
    }
}

fn break_node(doc: &Document, line: usize, kind: OutlineBreakKind) -> Option<(u8, OutlineNode)> {
    let content = doc.lines.line(line).content;
    let text = &doc.text[content.range()];
    let lead = text.len() - text.trim_start_matches(is_space).len();
    let trimmed = text[lead..].trim_end_matches(is_space);
    let start = content.start() + lead;
    let whole = TextRange::new(start, start + trimmed.len());
    let (level, number, token, title) = match kind {
        OutlineBreakKind::MarkdownHeading => {
            let hashes = trimmed.bytes().take_while(|&b| b == b'#').count();
            let rest = &trimmed[hashes..];
            let gap = rest.len() - rest.trim_start_matches(is_space).len();
            let title = rest[gap..].trim_end_matches(['#', ' ']);
            let title_start = start + hashes + gap;
            (
                hashes.clamp(1, 6) as u8,
                0,
                TextRange::new(start, start + hashes),
                TextRange::new(title_start, title_start + title.len()),
            )
        }
        OutlineBreakKind::Section => {
            let label_len = trimmed
                .find(|c: char| !(c.is_ascii_digit() || c == '.'))
                .unwrap_or(trimmed.len());
            let label = &trimmed[..label_len];
            let number = label
                .rsplit('.')
                .next()
                .and_then(|n| n.parse().ok())
                .unwrap_or(0);
            let level = label.split('.').count().min(4) as u8;
            (
                level,
                number,
                TextRange::new(start, start + label_len),
                whole,
            )
        }
        OutlineBreakKind::Attachment => {
            let label = trimmed.trim_end_matches(['：', ':']);
            let number =
                parse_number(label.trim_start_matches("附件").trim_matches(is_space)).unwrap_or(0);
            let label = TextRange::new(start, start + label.len());
            (1, number, label, label)
        }
        OutlineBreakKind::Article => {
            let after_di = &trimmed['第'.len_utf8()..];
            let numeral_len: usize = after_di
                .chars()
                .take_while(|c| !matches!(c, '章' | '节' | '条' | '编' | '部'))
                .map(char::len_utf8)
                .sum();
            let unit_text = &after_di[numeral_len..];
            let (level, unit_len) = match unit_text.chars().next()? {
                '编' => (1, '编'.len_utf8()),
                '部' => (1, "部分".len()),
                '章' => (2, '章'.len_utf8()),
                '节' => (3, '节'.len_utf8()),
                _ => (4, '条'.len_utf8()),
            };
            let number = parse_number(&after_di[..numeral_len]).unwrap_or(0);
            let label_len = '第'.len_utf8() + numeral_len + unit_len;
            let label = TextRange::new(start, start + label_len);
            // A 条 runs on into its text; a 章 or 节 line is a heading of its own.
            let title = if level == 4 { label } else { whole };
            (level, number, label, title)
        }
    };
    Some((
        level,
        OutlineNode {
            kind: NodeKind::Break(kind),
            level,
            number,
            line,
            token,
            title,
            end_line: line,
            children: Vec::new(),
        },
    ))
}

/// The "renumber section" code action: the headings of the run holding the heading on
/// `line` (or, when `line` holds none, the run of the innermost heading whose section holds
/// `line`) numbered consecutively from 1 with canonical tokens. A third-level `1．` keeps its
/// full-width dot. Empty when there is nothing to change.
pub fn renumber_section(doc: &Document, line: usize) -> Vec<Edit> {
    let Some(target) = section_heading(doc, line) else {
        return Vec::new();
    };
    let links = links(doc);
    let run = links[target].run;
    let first = links.iter().position(|l| l.run == run).unwrap_or(target);
    // A run that carries on the numbering of the section before goes on carrying it.
    let mut number = links[first]
        .continues
        .map(|c| doc.headings[c].number)
        .filter(|&n| doc.headings[first].number == n + 1)
        .unwrap_or(0);
    let mut edits = Vec::new();
    for (heading, link) in doc.headings.iter().zip(&links) {
        if link.run != run {
            continue;
        }
        number += 1;
        let fullwidth = heading.form == HeadingToken::FullwidthDot;
        let token = canonical_token(heading.level, number, fullwidth);
        if doc.text[heading.token.range()] != token {
            edits.push(Edit::new(heading.token, token));
        }
    }
    edits
}

/// The heading on `line`, else the last heading above it with no outline break between.
fn section_heading(doc: &Document, line: usize) -> Option<usize> {
    let candidate = doc
        .headings
        .partition_point(|h| h.line <= line)
        .checked_sub(1)?;
    let heading_line = doc.headings[candidate].line;
    let broken = doc
        .breaks
        .iter()
        .any(|b| heading_line < b.line && b.line <= line);
    (!broken).then_some(candidate)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::diagnostic::apply_edits;
    use crate::document::Format;

    fn doc(text: &str) -> Document {
        Document::parse(text.to_string(), Format::Plain)
    }

    fn renumbered(text: &str, line: usize) -> String {
        let d = doc(text);
        apply_edits(text, &renumber_section(&d, line)).0
    }

    #[test]
    fn runs_restart_under_a_new_parent_and_after_breaks() {
        let d = doc(
            "一、总体要求\n（一）指导思想\n（二）基本原则\n二、主要任务\n（一）建设平台\n附件\n一、附件正文",
        );
        let l = links(&d);
        let runs: Vec<usize> = l.iter().map(|l| l.run).collect();
        assert_eq!(runs, [0, 1, 1, 0, 2, 3]);
        assert_eq!(l[2].prev, Some(1));
        assert_eq!(l[4].parent, Some(3));
        assert_eq!(l[5].prev, None);
    }

    #[test]
    fn a_list_after_a_colon_or_a_title_starts_afresh() {
        let d = doc("一、要求\n1.甲\n2.乙\n需要提交以下材料：\n1.身份证\n2.户口本");
        let l = links(&d);
        assert_eq!(l[3].prev, None);
        assert_ne!(l[3].run, l[1].run);
        let d = doc("一、通知事项\n二、其他\n工作方案\n一、总体要求");
        assert_eq!(links(&d)[2].prev, None);
        // A long body line without end punctuation is a misplaced line break (seed 002).
        let d = doc(
            "一、甲\n二、每个单位集中学习教育期间，都要认真组织开展各项活动，都要解决\n一、两个群众热盼解决的突出问题。",
        );
        assert_eq!(links(&d)[2].prev, Some(1));
    }

    #[test]
    fn renumbers_the_run_of_the_heading_on_the_line() {
        let text = "一、甲\n（一）子\n（三）子\n（三）子\n二、乙\n四、丙";
        assert_eq!(
            renumbered(text, 0),
            "一、甲\n（一）子\n（三）子\n（三）子\n二、乙\n三、丙"
        );
        assert_eq!(
            renumbered(text, 2),
            "一、甲\n（一）子\n（二）子\n（三）子\n二、乙\n四、丙"
        );
    }

    #[test]
    fn renumbers_the_section_holding_a_body_line_with_canonical_tokens() {
        let text = "二、要求\n正文\n1、第一项\n正文\n3、第二项\n4．第三项\n五、其他";
        assert_eq!(
            renumbered(text, 3),
            "二、要求\n正文\n1.第一项\n正文\n2.第二项\n3．第三项\n五、其他"
        );
        // Above every heading, or past a break: nothing to renumber.
        assert!(renumber_section(&doc("前言\n一、甲\n三、乙"), 0).is_empty());
        assert!(renumber_section(&doc("一、甲\n三、乙\n附件\n说明"), 3).is_empty());
        // Already consecutive.
        assert!(renumber_section(&doc("一、甲\n二、乙"), 1).is_empty());
    }

    #[test]
    fn renumbering_keeps_numbering_that_runs_on_across_sections() {
        let text = "一、甲\n（一）子\n（二）子\n二、乙\n（三）子\n（五）子\n（五）子";
        assert_eq!(
            renumbered(text, 5),
            "一、甲\n（一）子\n（二）子\n二、乙\n（三）子\n（四）子\n（五）子"
        );
        // A run that restarts at 1 is renumbered from 1.
        assert_eq!(
            renumbered("一、甲\n（一）子\n二、乙\n（一）子\n（三）子", 4),
            "一、甲\n（一）子\n二、乙\n（一）子\n（二）子"
        );
    }

    #[test]
    fn decimal_sections_are_breaks_in_the_tree() {
        let text =
            "3　预警监测\n3.1　市场监测\n（1）价格监测\n（2）库存监测\n3.2　应急报告\n（1）报告";
        let d = doc(text);
        let tree = outline(&d);
        assert_eq!(tree.len(), 1);
        assert_eq!(&text[tree[0].token.range()], "3");
        let subs: Vec<(&str, u8, u32, usize)> = tree[0]
            .children
            .iter()
            .map(|n| (&text[n.title.range()], n.level, n.number, n.children.len()))
            .collect();
        assert_eq!(
            subs,
            [("3.1　市场监测", 2, 1, 2), ("3.2　应急报告", 2, 2, 1)]
        );
        assert!(renumber_section(&d, 5).is_empty());
    }

    #[test]
    fn the_tree_nests_headings_under_breaks() {
        let text = "标题\n\n一、总体要求。正文\n（一）指导思想\n\n1.问题导向\n二、任务\n\n附件1\n\n一、附件要求\n";
        let d = doc(text);
        let tree = outline(&d);
        let show = |n: &OutlineNode| {
            format!(
                "{:?}{} {} @{}-{} [{}]",
                n.kind,
                n.level,
                n.number,
                n.line,
                n.end_line,
                &text[n.title.range()]
            )
        };
        let mut lines = Vec::new();
        fn walk(
            n: &OutlineNode,
            depth: usize,
            show: &dyn Fn(&OutlineNode) -> String,
            out: &mut Vec<String>,
        ) {
            out.push(format!("{}{}", "  ".repeat(depth), show(n)));
            for c in &n.children {
                walk(c, depth + 1, show, out);
            }
        }
        for n in &tree {
            walk(n, 0, &show, &mut lines);
        }
        assert_eq!(
            lines,
            [
                "Heading1 1 @2-5 [总体要求]",
                "  Heading2 1 @3-5 [指导思想]",
                "    Heading3 1 @5-5 [问题导向]",
                "Heading1 2 @6-6 [任务]",
                "Break(Attachment)1 1 @8-10 [附件1]",
                "  Heading1 1 @10-10 [附件要求]",
            ]
        );
    }

    #[test]
    fn the_tree_of_a_law_and_of_markdown() {
        let text = "# 某某条例\n\n## 第一章 总则\n\n第一条 为了规范管理，制定本条例。\n\n第二条 下列情形：\n\n（一）甲；\n\n（二）乙。\n";
        let d = Document::parse(text.to_string(), Format::Markdown);
        let tree = outline(&d);
        assert_eq!(tree.len(), 1);
        assert_eq!(&text[tree[0].title.range()], "某某条例");
        let chapter = &tree[0].children[0];
        assert_eq!(&text[chapter.title.range()], "第一章 总则");
        assert_eq!(chapter.level, 2);
        let articles: Vec<(&str, u32, usize)> = chapter
            .children
            .iter()
            .map(|n| (&text[n.title.range()], n.number, n.children.len()))
            .collect();
        assert_eq!(articles, [("第一条", 1, 0), ("第二条", 2, 2)]);
        assert_eq!(chapter.end_line, 10);
    }
}
