//! After `《`: the titles of archive documents and of directives the archive cites, most
//! cited first, inserting `title》（文号）` when the 文号 is known.

use crate::archive::{Archive, DirId};
use crate::completion::{
    Completion, CompletionKind, CompletionList, CompletionOptions, Cursor, filter_text,
};
use crate::diagnostic::Edit;
use crate::normalize::{key, title_core};
use crate::text::TextRange;

/// An open `《` before the cursor on its line, and what was typed after it.
pub(crate) struct TitleContext<'a> {
    /// Right after the `《`.
    pub start: usize,
    pub typed: &'a str,
}

/// Longest title text typed after `《` that still counts as typing a title.
const MAX_TYPED: usize = 60;

pub(crate) fn context<'a>(cursor: &Cursor<'a>) -> Option<TitleContext<'a>> {
    let open = cursor.before.rfind('《')?;
    let typed = &cursor.before[open + '《'.len_utf8()..];
    if typed.contains('》') || typed.chars().count() > MAX_TYPED {
        return None;
    }
    Some(TitleContext {
        start: cursor.line_start + open + '《'.len_utf8(),
        typed,
    })
}

pub(crate) fn complete(
    cursor: &Cursor,
    context: TitleContext,
    archive: &Archive,
    options: &CompletionOptions,
) -> CompletionList {
    let exclude = options.exclude_doc;
    let own = exclude.map(|d| archive.doc(d).directive);
    let typed_key = key(context.typed);
    // (match tier, citations, directive, title entry)
    let mut found: Vec<(u8, usize, DirId, usize)> = Vec::new();
    for (d, directive) in archive.directives.iter().enumerate() {
        let d = d as DirId;
        if Some(d) == own {
            continue;
        }
        let Some((entry_at, entry)) = directive
            .titles
            .iter()
            .enumerate()
            .find(|(_, t)| t.seen_count(archive, exclude) > 0)
        else {
            continue;
        };
        let tier = if typed_key.is_empty() || entry.key.starts_with(&typed_key) {
            0
        } else if title_core(&entry.key).starts_with(&typed_key) {
            1
        } else if entry.key.contains(&typed_key) {
            2
        } else {
            continue;
        };
        let cites = directive.evidence(archive, exclude);
        found.push((tier, cites, d, entry_at));
    }
    found.sort_by(|a, b| {
        a.0.cmp(&b.0).then(b.1.cmp(&a.1)).then_with(|| {
            let title = |x: &(u8, usize, DirId, usize)| &archive.directive(x.2).titles[x.3].display;
            title(a).cmp(title(b))
        })
    });
    let is_incomplete = found.len() > options.max_items;
    found.truncate(options.max_items);

    let after = cursor.after;
    let closed = after.starts_with('》');
    let numbered_after = closed && after['》'.len_utf8()..].starts_with(['（', '(']);
    let range = cursor.range_from(context.start);
    let mut items = Vec::with_capacity(found.len());
    for (_, cites, d, entry_at) in found {
        let directive = archive.directive(d);
        let entry = &directive.titles[entry_at];
        let number = directive.number.as_ref().filter(|_| {
            archive
                .numbers_for_title(&entry.key, exclude)
                .iter()
                .any(|&(n, _, count)| n == d && count > 0)
        });
        let mut text = entry.display.clone();
        let mut additional = Vec::new();
        if !closed {
            text.push('》');
            if let Some(number) = number {
                text.push_str(&format!("（{number}）"));
            }
        } else if let Some(number) = number.filter(|_| !numbered_after) {
            let at = cursor.offset + '》'.len_utf8();
            additional.push(Edit {
                range: TextRange::empty(at),
                text: format!("（{number}）"),
            });
        }
        let number_text = number.map(|n| n.to_string());
        let detail = match (options.english, &number_text) {
            (false, Some(n)) => format!("{n} · 被引用 {cites} 次"),
            (false, None) => format!("被引用 {cites} 次"),
            (true, Some(n)) => format!("{n} · cited {cites} times"),
            (true, None) => format!("cited {cites} times"),
        };
        items.push(Completion {
            label: entry.display.clone(),
            kind: CompletionKind::Title,
            filter_text: filter_text(context.typed, &entry.display),
            edit: Edit { range, text },
            additional_edits: additional,
            sort_text: String::new(),
            detail,
            documentation: documentation(archive, d, options.english),
            snippet: false,
        });
    }
    super::finish(CompletionList {
        items,
        is_incomplete,
    })
}

/// Issuer, date and where the archive has the document (or that it is only cited).
pub(crate) fn documentation(archive: &Archive, d: DirId, english: bool) -> Option<String> {
    let directive = archive.directive(d);
    let mut lines = Vec::new();
    match directive.docs.first() {
        Some(&doc) => {
            let doc = archive.doc(doc);
            if let Some(issuer) = &doc.meta.issuer {
                lines.push(if english {
                    format!("Issuer: {}", issuer.value)
                } else {
                    format!("发文机关：{}", issuer.value)
                });
            }
            if let Some(date) = &doc.meta.date {
                lines.push(if english {
                    format!("Date: {}", date.value)
                } else {
                    format!("成文日期：{}", date.value)
                });
            }
            lines.push(doc.path.clone());
            if !doc.excerpt.is_empty() {
                lines.push(String::new());
                lines.push(doc.excerpt.clone());
            }
        }
        None => lines.push(if english {
            "Known only from citations in the archive".to_string()
        } else {
            "存档中仅见引用，无原文".to_string()
        }),
    }
    Some(lines.join("\n"))
}
