//! Helpers shared by rules.

pub use crate::diagnostic::{Diagnostic, Edit, Fix, Message, Severity};
pub use crate::rules::{Ctx, Rule};
pub use crate::text::{TextRange, is_cjk, is_ideograph};

use aho_corasick::AhoCorasick;

use crate::archive::{Archive, DocId, Knowledge, same_title};
use crate::doc_number::{DocNumber, codes_compatible};
use crate::document::{DocNumberMention, Document};
use crate::normalize::title_core;

/// A set of characters to test lines for, faster than `str::contains([...])`, which
/// decodes every character: up to three ASCII characters are found with `memchr`, the
/// others by their UTF-8 bytes with one Aho-Corasick automaton. Rules use it as the
/// prefilter that lets a line through to the character-by-character look.
pub struct CharSet {
    ascii: Vec<u8>,
    others: Option<AhoCorasick>,
}

impl CharSet {
    /// Panics with more than three ASCII characters (a static set, checked by tests).
    pub fn new(chars: &[char]) -> CharSet {
        let ascii: Vec<u8> = chars
            .iter()
            .filter(|c| c.is_ascii())
            .map(|&c| c as u8)
            .collect();
        assert!(ascii.len() <= 3, "at most three ASCII characters");
        let others: Vec<String> = chars
            .iter()
            .filter(|c| !c.is_ascii())
            .map(|c| c.to_string())
            .collect();
        let others = (!others.is_empty()).then(|| {
            AhoCorasick::builder()
                .match_kind(aho_corasick::MatchKind::LeftmostFirst)
                .build(&others)
                .expect("plain strings make an automaton")
        });
        CharSet { ascii, others }
    }

    /// Whether `text` holds one of the characters.
    pub fn any_in(&self, text: &str) -> bool {
        let bytes = text.as_bytes();
        let ascii = match self.ascii[..] {
            [] => false,
            [a] => memchr::memchr(a, bytes).is_some(),
            [a, b] => memchr::memchr2(a, b, bytes).is_some(),
            [a, b, c] => memchr::memchr3(a, b, c, bytes).is_some(),
            _ => unreachable!("checked in new"),
        };
        ascii || self.others.as_ref().is_some_and(|ac| ac.is_match(text))
    }
}

/// Lines rules look at: (0-based line, content range, content).
pub fn linted_lines(doc: &Document) -> impl Iterator<Item = (usize, TextRange, &str)> {
    doc.lines
        .lines()
        .iter()
        .enumerate()
        .filter(|(i, _)| doc.is_linted_line(*i))
        .map(|(i, line)| (i, line.content, &doc.text[line.content.range()]))
}

/// The character before `offset`, if any.
pub fn char_before(text: &str, offset: usize) -> Option<char> {
    text[..offset].chars().next_back()
}

/// The character at `offset`, if any.
pub fn char_at(text: &str, offset: usize) -> Option<char> {
    text[offset..].chars().next()
}

/// "CJK context" for a mark at `range` inside `line` (the line's own text, offsets relative
/// to it): the character before or after is an ideograph or a full-width mark, or the mark
/// sits between CJK text and the line's end.
pub fn in_cjk_context(line: &str, start: usize, end: usize) -> bool {
    let before = char_before(line, start);
    let after = char_at(line, end);
    before.is_some_and(is_cjk)
        || after.is_some_and(is_cjk)
        || (after.is_none() && before.is_some_and(is_cjk))
}

/// Byte length of a line's indentation: ASCII spaces, tabs, U+3000, no-break spaces and a
/// byte order mark.
pub fn indent_len(line: &str) -> usize {
    line.char_indices()
        .find(|&(_, c)| !(crate::text::is_indent(c) || c == '\u{feff}'))
        .map_or(line.len(), |(at, _)| at)
}

/// True for a table row drawn with pipes (`| 名称 | 数量 |`, `|---|---|`), as Markdown
/// writes tables.
pub fn is_table_row(line: &str) -> bool {
    line.trim_start().starts_with('|')
}

/// The value of an ASCII or full-width decimal digit.
pub fn digit_value(c: char) -> Option<u32> {
    match c {
        '0'..='9' => Some(c as u32 - '0' as u32),
        '０'..='９' => Some(c as u32 - '０' as u32),
        _ => None,
    }
}

/// Paragraphs made of linted lines, as 0-based line ranges: each line in plain text, each
/// block between blank lines in Markdown (see `Document::paragraph_of`).
pub fn linted_paragraphs(doc: &Document) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let mut line = 0;
    std::iter::from_fn(move || {
        while line < doc.lines.len() {
            if !doc.is_linted_line(line) {
                line += 1;
                continue;
            }
            let paragraph = doc.paragraph_of(line);
            line = paragraph.end.max(line + 1);
            return Some(paragraph);
        }
        None
    })
}

/// True when `offset` lies inside one of `ranges` (sorted by start, not overlapping).
pub fn in_sorted_ranges(ranges: &[TextRange], offset: usize) -> bool {
    let i = ranges.partition_point(|r| r.end() <= offset);
    ranges.get(i).is_some_and(|r| r.contains(offset))
}

/// The character at `offset`, skipping ASCII spaces and tabs.
pub fn char_after_spaces(text: &str, offset: usize) -> Option<char> {
    text[offset..]
        .trim_start_matches([' ', '\t'])
        .chars()
        .next()
}

/// True when `abs` lies inside the numbering token of a heading on `line` (`(一)`, `1）`):
/// N102 owns those characters.
pub fn in_heading_token(doc: &Document, line: usize, abs: usize) -> bool {
    let h = doc.headings.partition_point(|h| h.line < line);
    doc.headings[h..]
        .iter()
        .take_while(|h| h.line == line)
        .any(|h| h.token.contains(abs))
}

// ---- Archive helpers shared by the C rules ----

/// True when `offset` lies in the text proper: the 版头 (the document's own 文号, its title
/// lines, a law's info block) is not cited matter. A news item's lead that carries a
/// directive (`…印发《关于…的通知》（江安委〔2023〕14号）`) is, even above the directive's 版头.
pub fn in_text_proper(doc: &Document, offset: usize) -> bool {
    let line = doc.lines.line_of(offset);
    line >= doc.meta.text_start
        || doc
            .meta
            .carried_title
            .as_ref()
            .is_some_and(|f| f.line == line)
}

/// True for the document's own 发文字号 (its 版头 line), which cites nothing.
pub fn is_own_number(doc: &Document, mention: &DocNumberMention) -> bool {
    let line = doc.lines.line_of(mention.found.range.start());
    !in_text_proper(doc, mention.found.range.start())
        || doc
            .meta
            .doc_number
            .as_ref()
            .is_some_and(|own| own.line == line && own.value == mention.found.number)
}

/// How a title cited in a draft relates to a title key of the archive.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TitleMatch {
    /// The same title (up to `中华人民共和国`).
    Same,
    /// One is the other without the issuer before `关于`.
    Core,
    /// The draft names the document that the archive title issues or forwards
    /// (`《国家地震应急预案》` for `国务院办公厅关于印发国家地震应急预案的通知`).
    Enclosed,
}

/// The relation of a draft title key to an archive title key, if they name one document.
pub fn match_title(draft: &str, archive: &str) -> Option<TitleMatch> {
    if same_title(draft, archive) {
        return Some(TitleMatch::Same);
    }
    let (draft_core, archive_core) = (title_core(draft), title_core(archive));
    if (draft_core == draft && archive_core == draft)
        || (archive_core == archive && draft_core == archive)
    {
        return Some(TitleMatch::Core);
    }
    if draft.chars().count() >= 4 {
        for verb in ["印发", "转发", "批转", "发布", "颁布"] {
            if let Some(at) = archive.find(verb)
                && archive[at + verb.len()..].starts_with(draft)
            {
                return Some(TitleMatch::Enclosed);
            }
        }
    }
    None
}

/// A 文号 the archive ties to a title, with its evidence count (leaving out `exclude`).
#[derive(Clone, Debug)]
pub struct TiedNumber {
    pub number: DocNumber,
    pub count: usize,
    pub relation: TitleMatch,
}

/// 文号 the archive ties to a cited title: by the same title, or by the title without its
/// issuer (either way round). Strongest evidence first.
pub fn numbers_for_citation(
    archive: &Archive,
    title_key: &str,
    exclude: Option<DocId>,
) -> Vec<TiedNumber> {
    let mut out: Vec<TiedNumber> = Vec::new();
    let mut add = |number: &DocNumber, count: usize, relation: TitleMatch| match out
        .iter_mut()
        .find(|t| t.number == *number)
    {
        Some(t) => {
            t.count = t.count.max(count);
            if relation == TitleMatch::Same {
                t.relation = relation;
            }
        }
        None => out.push(TiedNumber {
            number: number.clone(),
            count,
            relation,
        }),
    };
    for (_, number, count) in archive.numbers_for_title(title_key, exclude) {
        add(number, count, TitleMatch::Same);
    }
    let core = title_core(title_key);
    if core != title_key {
        for (_, number, count) in archive.numbers_for_title(core, exclude) {
            add(number, count, TitleMatch::Core);
        }
    } else if core.starts_with("关于") {
        for d in archive.find_title_core(title_key) {
            let directive = archive.directive(d);
            let Some(number) = &directive.number else {
                continue;
            };
            let count: usize = directive
                .titles
                .iter()
                .filter(|t| title_core(&t.key) == core)
                .map(|t| {
                    t.docs.iter().filter(|&&doc| Some(doc) != exclude).count()
                        + t.paired
                            .iter()
                            .filter(|&&c| Some(archive.cite(c).doc) != exclude)
                            .count()
                })
                .sum();
            if count > 0 {
                add(number, count, TitleMatch::Core);
            }
        }
    }
    out.sort_by(|a, b| {
        (b.relation == TitleMatch::Same)
            .cmp(&(a.relation == TitleMatch::Same))
            .then(b.count.cmp(&a.count))
    });
    out
}

/// True when `tied` may name the document a draft cites with `number`: a title matched
/// without its issuer only says so when the issuer codes agree (`关于…的通知` is a common
/// title among many issuers).
pub fn tied_applies(tied: &TiedNumber, number: &DocNumber) -> bool {
    tied.relation == TitleMatch::Same || codes_compatible(&tied.number.code, &number.code)
}

/// True when the archive knows the 文号 (a document carries it or a citation pairs it).
pub fn is_known_number(archive: &Archive, number: &DocNumber, exclude: Option<DocId>) -> bool {
    matches!(
        archive.number_knowledge(number, exclude),
        Knowledge::Known(_)
    )
}

/// Known 文号 one typo away from `number` (see `Archive::number_variants`), each once.
pub fn known_variants(
    archive: &Archive,
    number: &DocNumber,
    exclude: Option<DocId>,
) -> Vec<DocNumber> {
    let mut out: Vec<DocNumber> = Vec::new();
    for (_, variant) in archive.number_variants(number, exclude) {
        if !out.contains(variant) && is_known_number(archive, variant, exclude) {
            out.push(variant.clone());
        }
    }
    out.sort();
    out
}

/// A title as it goes inside `《》`: nested book-title marks become `〈〉`.
pub fn title_for_marks(title: &str) -> String {
    title.replace('《', "〈").replace('》', "〉")
}

/// True when two title keys plausibly name one document: they match (same, without the
/// issuer, or the enclosed document) or differ by a few characters only (a loosely quoted
/// title, or a slip C304 reports). Similarity ratios are not enough: long titles share
/// most of their words (`最高人民法院关于审理……刑事案件具体应用法律若干问题的解释`).
pub fn titles_agree(draft: &str, archive: &str) -> bool {
    use crate::archive::levenshtein;
    let close = |a: &str, b: &str| {
        let longer = a.chars().count().max(b.chars().count());
        levenshtein(a, b) <= (longer / 10).max(2)
    };
    match_title(draft, archive).is_some()
        || close(draft, archive)
        || close(title_core(draft), title_core(archive))
}

/// Known 文号 that a 文号 the archive does not know is probably a slip for (C303); empty
/// when none is likely. Order numbers are consecutive, so a neighbour is another real order
/// and never counts. A document only cites what came before it. In `《title》（文号）` the
/// title decides: the variant must be the 文号 the archive ties to the title, or carry
/// that title. A bare 文号 needs exactly one known variant: with several,
/// nothing says which one was meant, and the archive is more likely incomplete.
pub fn likely_variants(
    archive: &Archive,
    doc: &Document,
    mention: &DocNumberMention,
    exclude: Option<DocId>,
) -> Vec<DocNumber> {
    let number = &mention.found.number;
    if number.is_order() || is_known_number(archive, number, exclude) {
        return Vec::new();
    }
    let mut variants = known_variants(archive, number, exclude);
    if let Some(date) = &doc.meta.date {
        variants.retain(|v| v.year.is_none_or(|y| y <= date.value.year));
    }
    if variants.is_empty() {
        return variants;
    }
    let citation = mention
        .citation
        .map(|i| &doc.citations[i])
        .filter(|c| !c.is_back_reference);
    let Some(citation) = citation else {
        if variants.len() > 1 {
            variants.clear();
        }
        return variants;
    };
    let tied: Vec<TiedNumber> = numbers_for_citation(archive, &citation.key, exclude)
        .into_iter()
        .filter(|t| tied_applies(t, number))
        .collect();
    if tied.is_empty() {
        variants.retain(|v| {
            archive
                .titles_for_number(v, exclude)
                .iter()
                .any(|(_, entry, _)| match_title(&citation.key, &entry.key).is_some())
        });
    } else {
        variants.retain(|v| tied.iter().any(|t| t.number == *v));
    }
    variants
}

#[cfg(test)]
mod tests {
    use super::*;

    /// `CharSet::any_in` answers as `str::contains` on the same characters.
    #[test]
    fn a_char_set_finds_what_contains_finds() {
        let sets: [&[char]; 4] = [
            &['月', '个', '天', '%', '％', '-', '－', '—', '–'],
            &['×', 'X', 'x', 'Ｘ', 'ｘ', '○', '〇', '□', '某'],
            &['“', '”', '‘', '’'],
            &['a'],
        ];
        let texts = [
            "",
            "各地区各部门",
            "于2005年月日",
            "增长5%",
            "5-10人",
            "×市",
            "某某同志",
            "“两个确保”",
            "a",
            "𠀀，甲。",
            "Ｘ光",
            // Bytes of the characters split across others must not match.
            "胃朋",
        ];
        for chars in sets {
            let set = CharSet::new(chars);
            for text in texts {
                assert_eq!(set.any_in(text), text.contains(chars), "{text:?} {chars:?}");
            }
            for &c in chars {
                let text = format!("甲{c}乙");
                assert!(set.any_in(&text), "{text:?}");
            }
        }
    }
}
