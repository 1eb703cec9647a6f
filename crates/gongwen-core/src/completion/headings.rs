//! At the start of a line: the next heading number of each level in use (`三、` after
//! `二、`, `（二）` inside a section that has `（一）`), and the first of the level below.

use crate::completion::{
    Completion, CompletionKind, CompletionList, CompletionOptions, Cursor, filter_text,
};
use crate::config::ThirdLevel;
use crate::diagnostic::Edit;
use crate::document::{Document, HeadingToken, LineClass, canonical_token};

/// Adds heading numbers when the cursor is at the start of a line (after indentation, or
/// after a typed `（`). Returns whether it was.
pub(crate) fn complete(
    doc: &Document,
    cursor: &Cursor,
    options: &CompletionOptions,
    list: &mut CompletionList,
) -> bool {
    let typed = cursor.before.trim_start_matches(crate::text::is_indent);
    if !matches!(typed, "" | "（" | "(") {
        return false;
    }
    if !matches!(
        doc.classes.get(cursor.line),
        Some(LineClass::Body | LineClass::Blank)
    ) {
        return false;
    }
    // The headings before this line, since numbering last started afresh.
    let restart = doc
        .breaks
        .iter()
        .filter(|b| b.line < cursor.line)
        .map(|b| b.line)
        .max();
    let mut last: [Option<u32>; 5] = [None; 5];
    let mut deepest: Option<(u8, usize)> = None;
    for heading in doc
        .headings
        .iter()
        .filter(|h| h.line < cursor.line && restart.is_none_or(|r| h.line > r))
    {
        let level = heading.level as usize;
        last[level] = Some(heading.number);
        for deeper in &mut last[level + 1..] {
            *deeper = None;
        }
        deepest = Some((heading.level, heading.line));
    }
    let fullwidth_dot = match options.third_level {
        ThirdLevel::Fullwidth => true,
        ThirdLevel::Halfwidth => false,
        ThirdLevel::Either => doc
            .headings
            .iter()
            .rev()
            .find(|h| h.level == 3)
            .is_some_and(|h| h.form == HeadingToken::FullwidthDot),
    };
    // (level, number), most likely first.
    let mut offers: Vec<(u8, u32)> = Vec::new();
    match deepest {
        None => offers.extend([(1, 1), (2, 1)]),
        Some((level, heading_line)) => {
            let next = (level, last[level as usize].unwrap_or(0) + 1);
            let child = (level < 4).then_some((level + 1, 1));
            let ancestors = (1..level)
                .rev()
                .filter_map(|l| last[l as usize].map(|n| (l, n + 1)));
            // Right under a heading line, its first subheading is the likeliest.
            let previous_text = (0..cursor.line)
                .rev()
                .find(|&l| !doc.line_text(l).trim().is_empty());
            let under_heading = previous_text == Some(heading_line)
                && !doc
                    .line_text(heading_line)
                    .trim_end()
                    .ends_with(['。', '；', '：']);
            if under_heading {
                offers.extend(child);
                offers.push(next);
                offers.extend(ancestors);
            } else {
                offers.push(next);
                offers.extend(ancestors);
                offers.extend(child);
            }
        }
    }
    let indent = cursor.before.len() - typed.len();
    let range = cursor.range_from(cursor.line_start + indent);
    for (level, number) in offers {
        let token = canonical_token(level, number, fullwidth_dot);
        if !typed.is_empty() && !matches!(level, 2 | 4) {
            continue;
        }
        let previous = (number > 1).then(|| canonical_token(level, number - 1, fullwidth_dot));
        let names = ["一", "二", "三", "四"];
        let detail = match (options.english, previous) {
            (false, Some(p)) => format!("{}级标题，接 {p}", names[level as usize - 1]),
            (false, None) => format!("{}级标题", names[level as usize - 1]),
            (true, Some(p)) => format!("level {level} heading after {p}"),
            (true, None) => format!("level {level} heading"),
        };
        list.items.push(Completion {
            label: token.clone(),
            kind: CompletionKind::Heading,
            filter_text: filter_text(typed, &token),
            edit: Edit { range, text: token },
            additional_edits: Vec::new(),
            sort_text: String::new(),
            detail,
            documentation: None,
            snippet: false,
        });
    }
    true
}
