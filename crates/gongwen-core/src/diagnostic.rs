//! Findings, their fixes, and applying fixes to a text.

use std::fmt;

use crate::text::TextRange;

/// How serious a finding is; ordered from least to most.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Severity {
    Hint,
    Info,
    Warning,
    Error,
}

impl Severity {
    pub const ALL: [Severity; 4] = [
        Severity::Hint,
        Severity::Info,
        Severity::Warning,
        Severity::Error,
    ];

    pub fn name(self) -> &'static str {
        match self {
            Severity::Hint => "hint",
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }

    pub fn from_name(name: &str) -> Option<Severity> {
        Severity::ALL.into_iter().find(|s| s.name() == name)
    }
}

impl fmt::Display for Severity {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

/// A user-facing text in both languages.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Message {
    pub zh: String,
    pub en: String,
}

impl Message {
    pub fn new(zh: impl Into<String>, en: impl Into<String>) -> Message {
        Message {
            zh: zh.into(),
            en: en.into(),
        }
    }

    pub fn get(&self, english: bool) -> &str {
        if english { &self.en } else { &self.zh }
    }
}

/// One replacement in the text.
#[derive(Clone, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Edit {
    pub range: TextRange,
    pub text: String,
}

impl Edit {
    pub fn new(range: TextRange, text: impl Into<String>) -> Edit {
        Edit {
            range,
            text: text.into(),
        }
    }

    pub fn delete(range: TextRange) -> Edit {
        Edit {
            range,
            text: String::new(),
        }
    }
}

/// A titled set of edits that resolves a finding.
#[derive(Clone, Debug, PartialEq, Eq, Hash)]
pub struct Fix {
    pub title: Message,
    /// Safe fixes are applied by `gongwen fix`, formatting and "fix all"; suggestions only
    /// as a code action the user picks.
    pub safe: bool,
    pub edits: Vec<Edit>,
}

impl Fix {
    pub fn safe(title: Message, edits: Vec<Edit>) -> Fix {
        Fix {
            title,
            safe: true,
            edits,
        }
    }

    pub fn suggestion(title: Message, edits: Vec<Edit>) -> Fix {
        Fix {
            title,
            safe: false,
            edits,
        }
    }
}

/// A finding of a rule.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Diagnostic {
    /// The rule's code (`P201`).
    pub code: &'static str,
    pub range: TextRange,
    pub severity: Severity,
    pub message: Message,
    pub fixes: Vec<Fix>,
}

impl Diagnostic {
    /// A finding at the rule's default severity (the engine applies configuration after).
    pub fn new(code: &'static str, range: TextRange, message: Message) -> Diagnostic {
        let severity = crate::rules::rule(code).map_or(Severity::Warning, |r| r.default_severity);
        Diagnostic {
            code,
            range,
            severity,
            message,
            fixes: Vec::new(),
        }
    }

    pub fn with_fix(mut self, fix: Fix) -> Diagnostic {
        self.fixes.push(fix);
        self
    }

    pub fn safe_fix(&self) -> Option<&Fix> {
        self.fixes.iter().find(|f| f.safe)
    }
}

/// Applies edits to a text. Edits that overlap an earlier one are left out (the next pass
/// of a fix loop picks them up). Returns the new text and how many edits were applied.
pub fn apply_edits(text: &str, edits: &[Edit]) -> (String, usize) {
    let mut sorted: Vec<&Edit> = edits.iter().collect();
    sorted.sort_by_key(|e| (e.range.start, e.range.end));
    let mut out = String::with_capacity(text.len());
    let mut at = 0usize;
    let mut applied = 0;
    for edit in sorted {
        let (start, end) = (edit.range.start(), edit.range.end());
        if start < at
            || end > text.len()
            || !text.is_char_boundary(start)
            || !text.is_char_boundary(end)
        {
            continue;
        }
        out.push_str(&text[at..start]);
        out.push_str(&edit.text);
        at = end;
        applied += 1;
    }
    out.push_str(&text[at..]);
    (out, applied)
}

/// The edits of every safe fix, each fix whole or not at all.
pub fn safe_edits(diagnostics: &[Diagnostic]) -> Vec<Edit> {
    let mut taken: Vec<Edit> = Vec::new();
    // The ranges taken so far, by start: they never overlap, so their ends are in order too
    // and a new edit only needs to look back while they reach it.
    let mut spans: std::collections::BTreeSet<(u32, u32)> = std::collections::BTreeSet::new();
    let mut fixes: Vec<&Fix> = diagnostics
        .iter()
        .filter_map(Diagnostic::safe_fix)
        .collect();
    fixes.sort_by_key(|f| f.edits.iter().map(|e| e.range.start).min());
    for fix in fixes {
        let clashes = fix.edits.iter().any(|e| {
            spans
                .range(..=(e.range.end, u32::MAX))
                .rev()
                .take_while(|&&(_, end)| end >= e.range.start)
                .any(|&(start, end)| overlaps(TextRange { start, end }, e.range))
        }) || fix.edits.iter().enumerate().any(|(i, a)| {
            fix.edits[i + 1..]
                .iter()
                .any(|b| overlaps(a.range, b.range))
        });
        if !clashes {
            for edit in &fix.edits {
                spans.insert((edit.range.start, edit.range.end));
            }
            taken.extend(fix.edits.iter().cloned());
        }
    }
    taken
}

fn overlaps(a: TextRange, b: TextRange) -> bool {
    a.intersects(b)
        || (a.is_empty() && b.touches(a.start()))
        || (b.is_empty() && a.touches(b.start()))
        || a == b
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn applies_sorted_edits_and_skips_overlaps() {
        let text = "同志们:大家好,今天";
        let colon = text.find(':').unwrap();
        let comma = text.find(',').unwrap();
        let edits = vec![
            Edit::new(TextRange::new(comma, comma + 1), "，"),
            Edit::new(TextRange::new(colon, colon + 1), "："),
            Edit::new(TextRange::new(colon, comma), "X"),
        ];
        let (out, applied) = apply_edits(text, &edits);
        assert_eq!(out, "同志们：大家好，今天");
        assert_eq!(applied, 2);
    }

    #[test]
    fn safe_edits_take_whole_fixes() {
        let range = |a, b| TextRange::new(a, b);
        let fix = |edits: Vec<Edit>| Diagnostic {
            code: "P211",
            range: range(0, 1),
            severity: Severity::Warning,
            message: Message::new("", ""),
            fixes: vec![Fix::safe(Message::new("", ""), edits)],
        };
        let diagnostics = vec![
            fix(vec![
                Edit::new(range(0, 1), "“"),
                Edit::new(range(5, 6), "”"),
            ]),
            fix(vec![Edit::new(range(5, 6), "x")]),
        ];
        assert_eq!(safe_edits(&diagnostics).len(), 2);
    }
}
