//! The rules of the contract (`N101`…`D403`) and the engine that runs them.
//!
//! One rule is one module: its `//!` doc (what, why with the clause of the standard,
//! example, corrected example, fix safety), its `RULE` and its `check`. Each has a fixture
//! under `tests/fixtures/rules/` and a snapshot beside it; `docs/rules.md` is generated from
//! the docs. Adding a rule is one new module and one line in [`ALL`].

mod c301_unknown_docnumber;
mod c302_citation_mismatch;
mod c303_docnumber_near_miss;
mod c304_title_near_miss;
mod c305_citation_without_docnumber;
mod d401_placeholder;
mod d402_missing_number;
mod d403_garbled_text;
mod n101_numbering_sequence;
mod n102_numbering_separator;
mod n103_numbering_level_skip;
mod n104_inline_enumeration_sequence;
mod p201_halfwidth_punctuation;
mod p202_docnumber_brackets;
mod p203_docnumber_format;
mod p204_unpaired_mark;
mod p205_book_title_marks;
mod p206_repeated_punctuation;
mod p207_enumeration_comma_as_decimal;
mod p208_ellipsis_dash;
mod p209_fullwidth_alphanumeric;
mod p210_cjk_space;
mod p211_straight_quotes;
mod p212_line_start_punctuation;
pub(crate) mod util;

#[cfg(test)]
mod tests;

use rayon::prelude::*;

use crate::archive::{Archive, DocId};
use crate::config::Config;
use crate::diagnostic::{Diagnostic, Edit, Severity, apply_edits, safe_edits};
use crate::document::{Document, Format};
use crate::text::TextRange;

/// Everything a rule's check sees.
pub struct Ctx<'a> {
    pub doc: &'a Document,
    /// The archive, when one is configured (C rules run only then).
    pub archive: Option<&'a Archive>,
    /// The checked document's own entry in the archive: never evidence about itself.
    pub exclude: Option<DocId>,
    pub config: &'a Config,
}

/// A rule: metadata, documentation and check.
pub struct Rule {
    pub code: &'static str,
    /// Kebab-case name, stable like the code.
    pub name: &'static str,
    /// One line, Chinese.
    pub summary: &'static str,
    /// One line, English.
    pub summary_en: &'static str,
    pub default_severity: Severity,
    /// Runs only when an archive is configured.
    pub needs_archive: bool,
    /// What fixes it offers: `"safe"`, `"suggestion"`, `"safe/suggestion"` or `"none"`.
    pub fix: &'static str,
    /// The module's source; its `//!` lines are the rule's documentation.
    pub source: &'static str,
    pub check: fn(&Ctx<'_>, &mut Vec<Diagnostic>),
}

impl Rule {
    /// The rule's documentation (Markdown), from its module's `//!` comment.
    pub fn doc(&self) -> String {
        let mut out = String::new();
        for line in self.source.lines() {
            let Some(rest) = line.strip_prefix("//!") else {
                if out.is_empty() {
                    continue;
                }
                break;
            };
            out.push_str(rest.strip_prefix(' ').unwrap_or(rest));
            out.push('\n');
        }
        out.trim_end().to_string() + "\n"
    }
}

/// Every rule, sorted by code.
pub static ALL: &[&Rule] = &[
    &n101_numbering_sequence::RULE,
    &n102_numbering_separator::RULE,
    &n103_numbering_level_skip::RULE,
    &n104_inline_enumeration_sequence::RULE,
    &p201_halfwidth_punctuation::RULE,
    &p202_docnumber_brackets::RULE,
    &p203_docnumber_format::RULE,
    &p204_unpaired_mark::RULE,
    &p205_book_title_marks::RULE,
    &p206_repeated_punctuation::RULE,
    &p207_enumeration_comma_as_decimal::RULE,
    &p208_ellipsis_dash::RULE,
    &p209_fullwidth_alphanumeric::RULE,
    &p210_cjk_space::RULE,
    &p211_straight_quotes::RULE,
    &p212_line_start_punctuation::RULE,
    &c301_unknown_docnumber::RULE,
    &c302_citation_mismatch::RULE,
    &c303_docnumber_near_miss::RULE,
    &c304_title_near_miss::RULE,
    &c305_citation_without_docnumber::RULE,
    &d401_placeholder::RULE,
    &d402_missing_number::RULE,
    &d403_garbled_text::RULE,
];

/// The rule with this code.
pub fn rule(code: &str) -> Option<&'static Rule> {
    ALL.iter().copied().find(|r| r.code == code)
}

/// When two rules claim the same characters, the more specific reports and the others stay
/// silent (the rule contract, "One finding per characters").
const PRECEDENCE: &[(&str, &[&str])] = &[
    ("N101", &["P201"]),
    ("N102", &["P201", "P210"]),
    ("N103", &["P201"]),
    ("P202", &["P201"]),
    ("P203", &["P201"]),
    ("D403", &["P201", "P204", "P206", "P210", "P211"]),
    ("P208", &["P206"]),
    ("C302", &["C305", "C301"]),
    ("C303", &["C302", "C301"]),
];

/// Documents from this size on run their rules in parallel; from the larger size when the
/// caller is itself a parallel task (`gongwen check` over many files keeps the cores busy
/// already), from the smaller one otherwise (the language server checking an open draft).
const PARALLEL_FROM: usize = 256 * 1024;
const PARALLEL_FROM_ALONE: usize = 64 * 1024;

/// Runs every enabled rule on a document.
pub fn check(
    doc: &Document,
    archive: Option<&Archive>,
    exclude: Option<DocId>,
    config: &Config,
) -> Vec<Diagnostic> {
    let ctx = Ctx {
        doc,
        archive,
        exclude,
        config,
    };
    let enabled: Vec<(&Rule, Severity)> = ALL
        .iter()
        .filter(|rule| !rule.needs_archive || archive.is_some())
        .filter_map(|rule| config.severity(rule.code).map(|severity| (*rule, severity)))
        .collect();
    let run = |&(rule, severity): &(&Rule, Severity)| {
        let mut found = Vec::new();
        (rule.check)(&ctx, &mut found);
        for diagnostic in &mut found {
            diagnostic.severity = severity;
        }
        found
    };
    // A large document keeps every core busy: the rules are independent readers.
    let threshold = match rayon::current_thread_index() {
        Some(_) => PARALLEL_FROM,
        None => PARALLEL_FROM_ALONE,
    };
    let mut found: Vec<Diagnostic> = if doc.text.len() >= threshold {
        enabled.par_iter().flat_map_iter(run).collect()
    } else {
        enabled.iter().flat_map(run).collect()
    };
    resolve_precedence(&mut found);
    suppress(doc, &mut found);
    found.sort_by(|a, b| {
        (a.range.start, a.range.end, a.code).cmp(&(b.range.start, b.range.end, b.code))
    });
    found.dedup_by(|a, b| a.code == b.code && a.range == b.range);
    found
}

fn resolve_precedence(found: &mut Vec<Diagnostic>) {
    let mut winners: Vec<(TextRange, &'static str)> = found
        .iter()
        .filter(|d| PRECEDENCE.iter().any(|(w, _)| *w == d.code))
        .map(|d| (d.range, d.code))
        .collect();
    if winners.is_empty() {
        return;
    }
    winners.sort_by_key(|(range, _)| (range.start, range.end));
    // The furthest end among winners[..=i], to stop scanning back early.
    let reach: Vec<u32> = winners
        .iter()
        .scan(0, |max, (range, _)| {
            *max = (*max).max(range.end);
            Some(*max)
        })
        .collect();
    let beaten = |d: &Diagnostic, winner: &str| {
        PRECEDENCE
            .iter()
            .any(|(w, losers)| *w == winner && losers.contains(&d.code))
    };
    found.retain(|d| {
        if !PRECEDENCE
            .iter()
            .any(|(_, losers)| losers.contains(&d.code))
        {
            return true;
        }
        // Winners starting before d ends (or at its start, for empty ranges).
        let mut i =
            winners.partition_point(|(range, _)| range.start < d.range.end.max(d.range.start + 1));
        while i > 0 && reach[i - 1] >= d.range.start {
            i -= 1;
            let (range, winner) = winners[i];
            if (range.intersects(d.range) || range == d.range) && beaten(d, winner) {
                return false;
            }
        }
        true
    });
}

/// `<!-- gongwen-disable P201 -->` (whole file), `<!-- gongwen-disable-next-line P201 -->`,
/// `<!-- gongwen-disable-line P201 -->` (its own line); without codes, every rule.
fn suppress(doc: &Document, found: &mut Vec<Diagnostic>) {
    let mut rules: Vec<(Option<usize>, Vec<String>)> = Vec::new();
    for range in &doc.verbatim {
        let text = &doc.text[range.range()];
        let Some(inner) = text
            .strip_prefix("<!--")
            .and_then(|t| t.strip_suffix("-->"))
        else {
            continue;
        };
        let inner = inner.trim();
        let line = doc.lines.line_of(range.start());
        let (scope, codes) = if let Some(codes) = inner.strip_prefix("gongwen-disable-next-line") {
            (Some(line + 1), codes)
        } else if let Some(codes) = inner.strip_prefix("gongwen-disable-line") {
            (Some(line), codes)
        } else if let Some(codes) = inner.strip_prefix("gongwen-disable") {
            (None, codes)
        } else {
            continue;
        };
        let codes = codes
            .split([' ', ',', '，'])
            .filter(|c| !c.is_empty())
            .map(str::to_string)
            .collect();
        rules.push((scope, codes));
    }
    if rules.is_empty() {
        return;
    }
    found.retain(|d| {
        let line = doc.lines.line_of(d.range.start());
        !rules.iter().any(|(scope, codes)| {
            scope.is_none_or(|l| l == line)
                && (codes.is_empty() || codes.iter().any(|c| d.code.starts_with(c.as_str())))
        })
    });
}

/// The edit that silences `code` on `line` (0-based): a
/// `<!-- gongwen-disable-next-line CODE -->` line inserted before it, ending like the
/// document's lines do. What the editors offer as "ignore on this line".
pub fn suppression_edit(doc: &Document, line: usize, code: &str) -> Edit {
    let line = line.min(doc.lines.len().saturating_sub(1));
    let eol = (line..doc.lines.len())
        .chain((0..line).rev())
        .map(|l| &doc.text[doc.lines.line(l).eol.range()])
        .find(|eol| !eol.is_empty())
        .unwrap_or("\n");
    let start = if doc.lines.is_empty() {
        0
    } else {
        doc.lines.line(line).content.start()
    };
    Edit::new(
        TextRange::empty(start),
        format!("<!-- gongwen-disable-next-line {code} -->{eol}"),
    )
}

/// Applies safe fixes until none is left (at most a few passes): what `gongwen fix`,
/// formatting and "fix all" do. Returns the fixed text and the number of edits made.
pub fn fix(text: &str, format: Format, config: &Config) -> (String, usize) {
    let mut current = text.to_string();
    let mut total = 0;
    for _ in 0..8 {
        let doc = Document::parse(current.clone(), format);
        let edits = safe_edits(&check(&doc, None, None, config));
        if edits.is_empty() {
            break;
        }
        let (next, applied) = apply_edits(&current, &edits);
        if applied == 0 || next == current {
            break;
        }
        total += applied;
        current = next;
    }
    (current, total)
}
