//! After an issuer code (`国办发`) or its bracket (`国办发〔`, `国办发〔2019〕`): the 文号 the
//! archive knows with that code, most cited first, each with its title.

use std::collections::HashSet;
use std::sync::LazyLock;

use regex::Regex;

use crate::archive::{Archive, DirId};
use crate::completion::{Completion, CompletionKind, CompletionList, CompletionOptions, Cursor};
use crate::diagnostic::Edit;
use crate::normalize::key;

/// A code, then optionally an opening bracket, a year, a closing bracket and a serial, at
/// the end of the text before the cursor.
static TYPED_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(\p{Han}{1,12})[ \t\u{3000}]*(?:([〔\[［【(（])[ \t\u{3000}]*[0-9０-９]{0,4}(?:[〕\]］】)）][ \t\u{3000}]*[0-9０-９]{0,5})?)?$",
    )
    .expect("valid regex")
});

pub(crate) fn complete(
    cursor: &Cursor,
    archive: &Archive,
    options: &CompletionOptions,
    list: &mut CompletionList,
) {
    let Some(caps) = TYPED_NUMBER.captures(cursor.before) else {
        return;
    };
    let run = caps.get(1).expect("code");
    let bracket = caps.get(2).is_some();
    let run_text = crate::normalize::to_simplified(run.as_str());
    // The longest code the archive knows that ends the run of characters.
    let codes: HashSet<&str> = archive
        .directives
        .iter()
        .filter_map(|d| d.number.as_ref())
        .filter(|n| !n.is_order())
        .map(|n| n.code.as_str())
        .collect();
    let chars: Vec<(usize, char)> = run_text.char_indices().collect();
    let min_chars = if bracket { 1 } else { 2 };
    let Some((code_at, code)) = chars
        .iter()
        .enumerate()
        .map(|(i, &(at, _))| (i, &run_text[at..]))
        .filter(|(i, _)| chars.len() - i >= min_chars)
        .find(|(_, code)| codes.contains(code))
    else {
        return;
    };
    // The run is the original's characters one for one: the code starts as many characters
    // into it.
    let code_start = run.start()
        + run
            .as_str()
            .char_indices()
            .nth(code_at)
            .map_or(0, |(at, _)| at);
    let typed = &cursor.before[code_start..];
    let typed_key = key(typed);
    let exclude = options.exclude_doc;
    let own = exclude.map(|d| archive.doc(d).directive);
    let mut found: Vec<(usize, DirId)> = Vec::new();
    for (d, directive) in archive.directives.iter().enumerate() {
        let d = d as DirId;
        let Some(number) = &directive.number else {
            continue;
        };
        if number.code != code || Some(d) == own || !number.key().starts_with(&typed_key) {
            continue;
        }
        let cites = directive.evidence(archive, exclude);
        if cites > 0 {
            found.push((cites, d));
        }
    }
    found.sort_by(|a, b| {
        let number = |x: &(usize, DirId)| archive.directive(x.1).number.as_ref().expect("numbered");
        b.0.cmp(&a.0)
            .then_with(|| number(b).year.cmp(&number(a).year))
            .then_with(|| number(a).serial.cmp(&number(b).serial))
    });
    if found.len() > options.max_items {
        list.is_incomplete = true;
        found.truncate(options.max_items);
    }
    let range = cursor.range_from(cursor.line_start + code_start);
    let typed_chars = typed_key.chars().count();
    for (cites, d) in found {
        let directive = archive.directive(d);
        let number = directive.number.as_ref().expect("numbered").to_string();
        let rest: String = number.chars().skip(typed_chars).collect();
        let title = archive.display_title(d);
        let detail = match (options.english, title) {
            (_, Some(title)) => title.to_string(),
            (false, None) => format!("被引用 {cites} 次，存档中无标题"),
            (true, None) => format!("cited {cites} times, no title in the archive"),
        };
        list.items.push(Completion {
            label: number.clone(),
            kind: CompletionKind::DocNumber,
            edit: Edit {
                range,
                text: number.clone(),
            },
            additional_edits: Vec::new(),
            filter_text: format!("{typed}{rest}"),
            sort_text: String::new(),
            detail,
            documentation: super::titles::documentation(archive, d, options.english),
            snippet: false,
        });
    }
}
