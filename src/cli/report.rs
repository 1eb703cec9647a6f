//! The output of `check` and `fix`: findings in the human, JSON, SARIF and GitHub formats,
//! diffs and fixed text. This is the only module that writes findings to stdout.
//!
//! Positions are 1-based lines and 1-based columns counted in Unicode scalar values, the
//! end exclusive (the rule contract, "Conventions"); SARIF says so with
//! `columnKind: "unicodeCodePoints"`.

use std::io::{self, IsTerminal, Write};

use clap::ValueEnum;
use gongwen_core::diagnostic::{Diagnostic, Fix, Severity};
use gongwen_core::document::Document;
use gongwen_core::rules::{self, ALL, Rule};
use gongwen_core::text::TextRange;
use rayon::prelude::*;
use serde::Serialize;
use serde_json::{Value, json};
use unicode_width::UnicodeWidthChar;

/// `--format`.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum OutputFormat {
    /// `path:line:col: CODE [severity] message`, the source line and a caret.
    #[default]
    Human,
    /// One JSON array of findings.
    Json,
    /// SARIF 2.1.0, for code scanning.
    Sarif,
    /// GitHub Actions workflow commands (annotations).
    Github,
}

/// The findings in one file.
pub struct FileFindings<'a> {
    /// The path as given on the command line (or found under a directory given there).
    pub path: &'a str,
    pub doc: &'a Document,
    pub diagnostics: &'a [Diagnostic],
    /// Messages in English (`lang = "en"` in the file's configuration).
    pub english: bool,
}

/// How the human format looks.
#[derive(Clone, Copy, Debug)]
pub struct Style {
    pub color: bool,
    /// The CLI's own texts (summary, fix hints) in English.
    pub english: bool,
    /// End with a summary line.
    pub summary: bool,
}

impl Style {
    /// Colour when stdout is a terminal and `NO_COLOR` is not set.
    pub fn detect(english: bool) -> Style {
        let no_color = std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty());
        Style {
            color: io::stdout().is_terminal() && !no_color,
            english,
            summary: true,
        }
    }
}

/// Writes the findings of a run in `format`.
pub fn findings(
    out: &mut dyn Write,
    format: OutputFormat,
    files: &[FileFindings<'_>],
    style: Style,
) -> io::Result<()> {
    match format {
        OutputFormat::Human => human(out, files, style),
        OutputFormat::Json => json_array(out, files),
        OutputFormat::Sarif => sarif(out, files, style.english),
        OutputFormat::Github => github(out, files),
    }
}

/// Writes a unified diff between a file's text and its fixed text.
pub fn diff(out: &mut dyn Write, path: &str, old: &str, new: &str) -> io::Result<()> {
    let diff = similar::TextDiff::from_lines(old, new);
    let mut unified = diff.unified_diff();
    unified
        .context_radius(3)
        .header(&format!("a/{path}"), &format!("b/{path}"));
    unified.to_writer(&mut *out)
}

/// Writes a fixed text as it is (`fix --stdin`).
pub fn fixed_text(out: &mut dyn Write, bytes: &[u8]) -> io::Result<()> {
    out.write_all(bytes)
}

/// A range as 1-based (line, column, end line, end column), columns in characters.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
struct Span {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
}

fn span(doc: &Document, range: TextRange) -> Span {
    let (line, column) = doc.lines.line_col(&doc.text, range.start());
    let (end_line, end_column) = doc.lines.line_col(&doc.text, range.end());
    Span {
        line: line + 1,
        column: column + 1,
        end_line: end_line + 1,
        end_column: end_column + 1,
    }
}

fn rule_of(diagnostic: &Diagnostic) -> Option<&'static Rule> {
    rules::rule(diagnostic.code)
}

fn rule_name(diagnostic: &Diagnostic) -> &'static str {
    rule_of(diagnostic).map_or("", |r| r.name)
}

// ---------------------------------------------------------------------------------------
// Human

const TAB_WIDTH: usize = 4;
/// Source lines wider than this (in terminal columns) are shown as a window around the
/// finding.
const MAX_EXCERPT_WIDTH: usize = 100;
const CONTEXT_BEFORE: usize = 30;

struct Paint {
    on: bool,
}

impl Paint {
    fn wrap(&self, codes: &str, text: &str) -> String {
        if self.on {
            format!("\x1b[{codes}m{text}\x1b[0m")
        } else {
            text.to_string()
        }
    }

    fn severity(&self, severity: Severity, text: &str) -> String {
        let codes = match severity {
            Severity::Error => "1;31",
            Severity::Warning => "1;33",
            Severity::Info => "1;34",
            Severity::Hint => "1;36",
        };
        self.wrap(codes, text)
    }
}

fn human(out: &mut dyn Write, files: &[FileFindings<'_>], style: Style) -> io::Result<()> {
    let paint = Paint { on: style.color };
    let mut counts = [0usize; 4];
    let mut fixable = 0;
    for file in files {
        for diagnostic in file.diagnostics {
            counts[diagnostic.severity as usize] += 1;
            if diagnostic.safe_fix().is_some() {
                fixable += 1;
            }
            human_finding(out, file, diagnostic, &paint, style.english)?;
        }
    }
    if style.summary {
        writeln!(
            out,
            "{}",
            paint.wrap("1", &summary(counts, fixable, files.len(), style.english))
        )?;
    }
    Ok(())
}

fn human_finding(
    out: &mut dyn Write,
    file: &FileFindings<'_>,
    diagnostic: &Diagnostic,
    paint: &Paint,
    english_cli: bool,
) -> io::Result<()> {
    let doc = file.doc;
    let at = span(doc, diagnostic.range);
    writeln!(
        out,
        "{}:{}:{}: {} {} {}",
        paint.wrap("1", file.path),
        at.line,
        at.column,
        paint.wrap("1", diagnostic.code),
        paint.severity(
            diagnostic.severity,
            &format!("[{}]", diagnostic.severity.name())
        ),
        diagnostic.message.get(file.english)
    )?;
    let line = doc.lines.line(at.line - 1);
    let content = line.content;
    let text = &doc.text[content.range()];
    let start = diagnostic
        .range
        .start()
        .clamp(content.start(), content.end())
        - content.start();
    let end = diagnostic.range.end().clamp(content.start(), content.end()) - content.start();
    let excerpt = Excerpt::new(text, start, end.max(start));
    let number = at.line.to_string();
    let gutter = " ".repeat(number.len());
    let bar = paint.wrap("1;34", "|");
    writeln!(out, "{gutter} {bar}")?;
    writeln!(
        out,
        "{} {bar} {}",
        paint.wrap("1;34", &number),
        excerpt.source
    )?;
    writeln!(
        out,
        "{gutter} {bar} {}{}",
        " ".repeat(excerpt.caret_start),
        paint.severity(diagnostic.severity, &"^".repeat(excerpt.caret_width))
    )?;
    for fix in &diagnostic.fixes {
        writeln!(
            out,
            "{gutter} {} {}",
            paint.wrap("1;34", "="),
            fix_hint(fix, file.english, english_cli)
        )?;
    }
    writeln!(out)
}

fn fix_hint(fix: &Fix, english_message: bool, english_cli: bool) -> String {
    let title = fix.title.get(english_message);
    match (fix.safe, english_cli) {
        (true, false) => format!("可用 gongwen fix 修复：{title}"),
        (true, true) => format!("fixable with gongwen fix: {title}"),
        (false, false) => format!("建议：{title}"),
        (false, true) => format!("suggestion: {title}"),
    }
}

fn summary(counts: [usize; 4], fixable: usize, files: usize, english: bool) -> String {
    let total: usize = counts.iter().sum();
    let [hint, info, warning, error] = counts;
    match (total, english) {
        (0, false) => format!("未发现问题（检查了 {files} 个文件）。"),
        (0, true) => format!("No problems found ({files} file{} checked).", plural(files)),
        (_, false) => {
            let mut line = format!(
                "共 {total} 个问题（错误 {error}，警告 {warning}，信息 {info}，提示 {hint}），检查了 {files} 个文件"
            );
            if fixable > 0 {
                line.push_str(&format!("；其中 {fixable} 个可用 `gongwen fix` 自动修复"));
            }
            line + "。"
        }
        (_, true) => {
            let mut line = format!(
                "Found {total} problem{} ({error} error{}, {warning} warning{}, {info} info, {hint} hint{}) in {files} file{} checked",
                plural(total),
                plural(error),
                plural(warning),
                plural(hint),
                plural(files)
            );
            if fixable > 0 {
                line.push_str(&format!("; {fixable} fixable with `gongwen fix`"));
            }
            line + "."
        }
    }
}

fn plural(n: usize) -> &'static str {
    if n == 1 { "" } else { "s" }
}

/// A source line as shown under a finding, and where its caret goes (in terminal columns).
#[derive(Debug, PartialEq, Eq)]
struct Excerpt {
    source: String,
    caret_start: usize,
    caret_width: usize,
}

impl Excerpt {
    /// `start..end` are byte offsets into `line`. Ideographs are two columns wide, tabs go
    /// to the next multiple of four, control characters show as `�`, and a line too wide
    /// for a terminal is cut to a window around the range, marked with `…`.
    fn new(line: &str, start: usize, end: usize) -> Excerpt {
        // (byte offset, text shown, its column, its width) for every character.
        let mut cells: Vec<(usize, String, usize, usize)> = Vec::new();
        let mut column = 0;
        for (offset, c) in line.char_indices() {
            let (shown, width) = match c {
                '\t' => {
                    let width = TAB_WIDTH - column % TAB_WIDTH;
                    (" ".repeat(width), width)
                }
                c if c.is_control() => ("\u{FFFD}".to_string(), 1),
                c => (c.to_string(), c.width().unwrap_or(0)),
            };
            cells.push((offset, shown, column, width));
            column += width;
        }
        let total = column;
        let column_at = |offset: usize| {
            cells
                .iter()
                .find(|cell| cell.0 >= offset)
                .map_or(total, |cell| cell.2)
        };
        let caret_start = column_at(start);
        let caret_end = column_at(end).max(caret_start);
        let (from, to) = if total <= MAX_EXCERPT_WIDTH {
            (0, total)
        } else {
            let from = caret_start.saturating_sub(CONTEXT_BEFORE);
            let to = (from + MAX_EXCERPT_WIDTH).min(total);
            let from = to.saturating_sub(MAX_EXCERPT_WIDTH).min(from);
            // Start on a character, not inside a wide one.
            let from = cells
                .iter()
                .map(|cell| cell.2)
                .find(|&c| c >= from)
                .unwrap_or(total);
            (from, to)
        };
        let mut source = String::new();
        let mut shift = from;
        if from > 0 {
            source.push('…');
            shift = from.saturating_sub(1);
        }
        for (_, shown, column, width) in &cells {
            if *column >= from && column + width <= to {
                source.push_str(shown);
            }
        }
        if to < total {
            source.push('…');
        }
        let start_in_window = caret_start.clamp(from, to);
        let end_in_window = caret_end.clamp(from, to);
        Excerpt {
            source: source.trim_end().to_string(),
            caret_start: start_in_window - shift,
            caret_width: (end_in_window - start_in_window).max(1),
        }
    }
}

// ---------------------------------------------------------------------------------------
// JSON

#[derive(Serialize)]
struct JsonFinding<'a> {
    path: &'a str,
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    code: &'a str,
    name: &'a str,
    severity: &'a str,
    message: &'a str,
    fixes: Vec<JsonFix<'a>>,
}

#[derive(Serialize)]
struct JsonFix<'a> {
    title: &'a str,
    safe: bool,
    edits: Vec<JsonEdit<'a>>,
}

#[derive(Serialize)]
struct JsonEdit<'a> {
    line: usize,
    column: usize,
    end_line: usize,
    end_column: usize,
    text: &'a str,
}

/// One JSON array, one finding per line. Files are formatted in parallel: on a large
/// corpus the report is a good part of the run.
fn json_array(out: &mut dyn Write, files: &[FileFindings<'_>]) -> io::Result<()> {
    let lines: Vec<Vec<String>> = files.par_iter().map(json_lines).collect();
    writeln!(out, "[")?;
    let mut first = true;
    for line in lines.iter().flatten() {
        if !first {
            writeln!(out, ",")?;
        }
        first = false;
        out.write_all(line.as_bytes())?;
    }
    if !first {
        writeln!(out)?;
    }
    writeln!(out, "]")
}

fn json_lines(file: &FileFindings<'_>) -> Vec<String> {
    file.diagnostics
        .iter()
        .map(|diagnostic| {
            let at = span(file.doc, diagnostic.range);
            let finding = JsonFinding {
                path: file.path,
                line: at.line,
                column: at.column,
                end_line: at.end_line,
                end_column: at.end_column,
                code: diagnostic.code,
                name: rule_name(diagnostic),
                severity: diagnostic.severity.name(),
                message: diagnostic.message.get(file.english),
                fixes: diagnostic
                    .fixes
                    .iter()
                    .map(|fix| JsonFix {
                        title: fix.title.get(file.english),
                        safe: fix.safe,
                        edits: fix
                            .edits
                            .iter()
                            .map(|edit| {
                                let at = span(file.doc, edit.range);
                                JsonEdit {
                                    line: at.line,
                                    column: at.column,
                                    end_line: at.end_line,
                                    end_column: at.end_column,
                                    text: &edit.text,
                                }
                            })
                            .collect(),
                    })
                    .collect(),
            };
            serde_json::to_string(&finding).unwrap_or_default()
        })
        .collect()
}

// ---------------------------------------------------------------------------------------
// SARIF

const SARIF_SCHEMA: &str = "https://json.schemastore.org/sarif-2.1.0.json";
const SRCROOT: &str = "%SRCROOT%";

fn sarif_level(severity: Severity) -> &'static str {
    match severity {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

fn sarif(out: &mut dyn Write, files: &[FileFindings<'_>], english: bool) -> io::Result<()> {
    let rules: Vec<Value> = ALL.iter().map(|rule| sarif_rule(rule, english)).collect();
    let mut results = Vec::new();
    for file in files {
        let location = sarif_artifact(file.path);
        for diagnostic in file.diagnostics {
            let rule_index = ALL.iter().position(|r| r.code == diagnostic.code);
            let mut result = json!({
                "ruleId": diagnostic.code,
                "level": sarif_level(diagnostic.severity),
                "message": {"text": diagnostic.message.get(file.english)},
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": location,
                        "region": sarif_region(file.doc, diagnostic.range),
                    }
                }],
            });
            if let Some(index) = rule_index {
                result["ruleIndex"] = json!(index);
            }
            let fixes: Vec<Value> = diagnostic
                .fixes
                .iter()
                .filter(|fix| fix.safe)
                .map(|fix| {
                    json!({
                        "description": {"text": fix.title.get(file.english)},
                        "artifactChanges": [{
                            "artifactLocation": location,
                            "replacements": fix.edits.iter().map(|edit| json!({
                                "deletedRegion": sarif_region(file.doc, edit.range),
                                "insertedContent": {"text": edit.text},
                            })).collect::<Vec<_>>(),
                        }],
                    })
                })
                .collect();
            if !fixes.is_empty() {
                result["fixes"] = json!(fixes);
            }
            results.push(result);
        }
    }
    let mut run = json!({
        "tool": {
            "driver": {
                "name": "gongwen",
                "version": env!("CARGO_PKG_VERSION"),
                "semanticVersion": env!("CARGO_PKG_VERSION"),
                "informationUri": env!("CARGO_PKG_REPOSITORY"),
                "rules": rules,
            }
        },
        "columnKind": "unicodeCodePoints",
        "results": results,
    });
    if let Some(root) = working_directory_uri() {
        run["originalUriBaseIds"] = json!({ SRCROOT: {"uri": root} });
    }
    let log = json!({
        "$schema": SARIF_SCHEMA,
        "version": "2.1.0",
        "runs": [run],
    });
    serde_json::to_writer_pretty(&mut *out, &log)?;
    writeln!(out)
}

fn sarif_rule(rule: &Rule, english: bool) -> Value {
    let doc = rule.doc();
    let summary = if english {
        rule.summary_en
    } else {
        rule.summary
    };
    // The documentation is in Chinese; in English the summary is all there is.
    let full = match english {
        true => summary.to_string(),
        false => doc_section(&doc, "检查内容").unwrap_or_else(|| summary.to_string()),
    };
    json!({
        "id": rule.code,
        "name": rule.name,
        "shortDescription": {"text": summary},
        "fullDescription": {"text": full},
        "help": {"text": doc, "markdown": doc},
        "defaultConfiguration": {"level": sarif_level(rule.default_severity)},
        "properties": {
            "fix": rule.fix,
            "needsArchive": rule.needs_archive,
        },
    })
}

/// The first paragraph under a `## heading` of a rule's documentation.
fn doc_section(doc: &str, heading: &str) -> Option<String> {
    let mut lines = doc
        .lines()
        .skip_while(|l| l.trim() != format!("## {heading}"));
    lines.next()?;
    let paragraph: Vec<&str> = lines
        .skip_while(|l| l.trim().is_empty())
        .take_while(|l| !l.trim().is_empty() && !l.starts_with('#'))
        .map(str::trim)
        .collect();
    (!paragraph.is_empty()).then(|| paragraph.concat())
}

fn sarif_region(doc: &Document, range: TextRange) -> Value {
    let at = span(doc, range);
    json!({
        "startLine": at.line,
        "startColumn": at.column,
        "endLine": at.end_line,
        "endColumn": at.end_column,
    })
}

/// An artifact location: a relative path against the working directory (`%SRCROOT%`), an
/// absolute path as a `file:` URI.
fn sarif_artifact(path: &str) -> Value {
    let path = path.strip_prefix("./").unwrap_or(path);
    if path.starts_with('/') {
        json!({"uri": format!("file://{}", percent_encode(path))})
    } else {
        json!({"uri": percent_encode(path), "uriBaseId": SRCROOT})
    }
}

fn working_directory_uri() -> Option<String> {
    let cwd = std::env::current_dir().ok()?;
    let mut path = cwd.to_string_lossy().into_owned();
    if !path.ends_with('/') {
        path.push('/');
    }
    Some(format!("file://{}", percent_encode(&path)))
}

/// Percent-encodes a path for a URI: everything but unreserved characters and `/`.
fn percent_encode(path: &str) -> String {
    let mut out = String::with_capacity(path.len());
    for byte in path.bytes() {
        match byte {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' | b'/' => {
                out.push(byte as char);
            }
            _ => out.push_str(&format!("%{byte:02X}")),
        }
    }
    out
}

// ---------------------------------------------------------------------------------------
// GitHub

fn github(out: &mut dyn Write, files: &[FileFindings<'_>]) -> io::Result<()> {
    for file in files {
        for diagnostic in file.diagnostics {
            let at = span(file.doc, diagnostic.range);
            let command = match diagnostic.severity {
                Severity::Error => "error",
                Severity::Warning => "warning",
                Severity::Info | Severity::Hint => "notice",
            };
            writeln!(
                out,
                "::{command} file={},line={},col={},endLine={},endColumn={},title={}::{}",
                escape_property(file.path),
                at.line,
                at.column,
                at.end_line,
                at.end_column,
                escape_property(&format!("{} {}", diagnostic.code, rule_name(diagnostic))),
                escape_data(diagnostic.message.get(file.english)),
            )?;
        }
    }
    Ok(())
}

/// A workflow command's message.
fn escape_data(text: &str) -> String {
    text.replace('%', "%25")
        .replace('\r', "%0D")
        .replace('\n', "%0A")
}

/// A workflow command's property value.
fn escape_property(text: &str) -> String {
    escape_data(text).replace(':', "%3A").replace(',', "%2C")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn excerpt(line: &str, covered: &str) -> Excerpt {
        let start = line.find(covered).unwrap();
        Excerpt::new(line, start, start + covered.len())
    }

    #[test]
    fn carets_count_ideographs_as_two_columns() {
        let e = excerpt("根据中发[2004]20号文件", "中发[2004]20号");
        assert_eq!(e.caret_start, 4);
        assert_eq!(e.caret_width, 14);
    }

    #[test]
    fn tabs_expand_to_the_next_stop_and_controls_show_as_one_column() {
        let e = excerpt("\t甲\u{1}乙", "乙");
        assert_eq!(e.source, "    甲\u{FFFD}乙");
        assert_eq!(e.caret_start, 7);
        assert_eq!(e.caret_width, 2);
    }

    #[test]
    fn an_empty_range_gets_one_caret() {
        let e = Excerpt::new("甲乙", 3, 3);
        assert_eq!((e.caret_start, e.caret_width), (2, 1));
    }

    #[test]
    fn long_lines_show_a_window_around_the_range() {
        let line = format!("{}中发[2004]20号{}", "甲".repeat(200), "乙".repeat(200));
        let e = excerpt(&line, "中发[2004]20号");
        assert!(
            e.source.starts_with('…') && e.source.ends_with('…'),
            "{}",
            e.source
        );
        let before: String = e.source.chars().take_while(|&c| c != '中').collect();
        let width: usize = before.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(e.caret_start, width);
        assert_eq!(e.caret_width, 14);
    }

    #[test]
    fn github_properties_escape_colons_and_commas() {
        assert_eq!(escape_property("a:b,c%\n"), "a%3Ab%2Cc%25%0A");
        assert_eq!(escape_data("a:b,c%\r\n"), "a:b,c%25%0D%0A");
    }

    #[test]
    fn uris_are_percent_encoded() {
        assert_eq!(
            percent_encode("草稿/a b.txt"),
            "%E8%8D%89%E7%A8%BF/a%20b.txt"
        );
    }
}
