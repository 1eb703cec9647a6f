//! `gongwen fix`: apply the safe fixes (never suggestions) in place, print them as a diff,
//! or fix standard input to standard output.
//!
//! A fixed file keeps its encoding, byte-order mark and line endings, and is replaced
//! atomically. A fixed text its encoding cannot hold (Big5 lacks many characters) leaves
//! the file untouched and is an error.

use std::io::Write;

use clap::Args;
use gongwen_core::diagnostic::Diagnostic;
use gongwen_core::document::Document;
use gongwen_core::rules;

use crate::cli::lint::{self, ArchiveSet, LintArgs, Target};
use crate::cli::report::{self, FileFindings, OutputFormat, Style};
use crate::cli::{Exit, error, note};
use crate::disk::{self, Decoded};

#[derive(Args, Debug)]
pub struct FixArgs {
    #[command(flatten)]
    pub lint: LintArgs,
    /// Print the fixes as a unified diff and write nothing.
    #[arg(long)]
    pub diff: bool,
}

/// One file fixed in memory.
struct Fixed {
    original: Decoded,
    /// The fixed text, parsed.
    doc: Document,
    edits: usize,
    /// Findings left in the fixed text.
    remaining: Vec<Diagnostic>,
}

impl Fixed {
    fn changed(&self) -> bool {
        self.doc.text != self.original.text
    }
}

pub fn run(args: &FixArgs, out: &mut dyn Write) -> Exit {
    let prepared = match lint::prepare(&args.lint) {
        Ok(prepared) => prepared,
        Err(err) => {
            error(err);
            return Exit::Error;
        }
    };
    let mut results: Vec<Result<Fixed, String>> = prepared.each(fix_one);
    let lint::Prepared {
        found, archives, ..
    } = prepared;

    let mut problems = found.unreadable;
    let mut files_changed = 0;
    let mut edits = 0;
    for ((target, result), archive) in found.targets.iter().zip(&mut results).zip(&archives) {
        let fixed = match result {
            Ok(fixed) => fixed,
            Err(err) => {
                problems.push(err.clone());
                continue;
            }
        };
        let written = if args.diff {
            if fixed.changed() {
                report::diff(out, &target.shown, &fixed.original.text, &fixed.doc.text)
                    .map_err(|err| format!("writing the diff: {err}"))
            } else {
                Ok(())
            }
        } else {
            write_back(out, target, fixed)
        };
        match written {
            Ok(()) => {
                if fixed.changed() {
                    files_changed += 1;
                    edits += fixed.edits;
                }
            }
            Err(err) => {
                problems.push(err);
                // Nothing was fixed: what remains is what the file holds.
                let doc = Document::parse(fixed.original.text.clone(), target.format());
                fixed.remaining = lint::lint(&doc, target, archive.as_deref());
                fixed.doc = doc;
            }
        }
    }

    let english = found.targets.first().is_some_and(Target::english);
    note(summary(
        files_changed,
        edits,
        found.targets.len(),
        args.diff,
        english,
    ));
    let mut files = Vec::new();
    for (target, result) in found.targets.iter().zip(&results) {
        if let Ok(fixed) = result {
            files.push(FileFindings {
                path: &target.shown,
                doc: &fixed.doc,
                diagnostics: &fixed.remaining,
                english: target.english(),
            });
        }
    }
    let remaining = files.iter().any(|f| !f.diagnostics.is_empty());
    // Standard output carries the fixed text or the diff; otherwise it lists what is left.
    if remaining && !args.diff && !args.lint.stdin {
        let style = Style {
            summary: true,
            ..Style::detect(english)
        };
        if let Err(err) = report::findings(out, OutputFormat::Human, &files, style) {
            problems.push(format!("writing the report: {err}"));
        }
    }
    lint::exit(&problems, &files, args.lint.fail_on)
}

fn fix_one(
    target: &Target,
    archive: Option<&ArchiveSet>,
    stdin: Option<&[u8]>,
) -> Result<Fixed, String> {
    let original = lint::read(target, stdin)?;
    let format = target.format();
    let (text, edits) = rules::fix(&original.text, format, &target.config);
    let doc = Document::parse(text, format);
    let remaining = lint::lint(&doc, target, archive);
    Ok(Fixed {
        original,
        doc,
        edits,
        remaining,
    })
}

/// Writes a fixed text back where it came from: the file, or standard output.
fn write_back(out: &mut dyn Write, target: &Target, fixed: &Fixed) -> Result<(), String> {
    let path = match &target.path {
        Some(path) if fixed.changed() => path,
        Some(_) => return Ok(()),
        None => {
            // Standard input: the text goes back out whole, changed or not.
            let bytes = encode(target, fixed)?;
            return report::fixed_text(out, &bytes)
                .map_err(|err| format!("writing standard output: {err}"));
        }
    };
    let bytes = encode(target, fixed)?;
    disk::write_atomically(path, &bytes)
        .map_err(|err| format!("{}: cannot write the fixes: {err}", target.shown))
}

fn encode(target: &Target, fixed: &Fixed) -> Result<Vec<u8>, String> {
    let encoding = fixed.original.encoding;
    disk::encode(&fixed.doc.text, encoding, fixed.original.bom).map_err(|c| {
        format!(
            "{}: the fixed text has `{c}` (U+{:04X}), which {encoding} cannot hold; left unchanged",
            target.shown, c as u32
        )
    })
}

fn summary(files: usize, edits: usize, checked: usize, diff: bool, english: bool) -> String {
    match (edits, diff, english) {
        (0, _, false) => format!("没有可自动修复的问题（检查了 {checked} 个文件）"),
        (0, _, true) => format!("Nothing to fix ({checked} file(s) checked)"),
        (_, false, false) => {
            format!("已修复 {files} 个文件，共 {edits} 处修改（检查了 {checked} 个文件）")
        }
        (_, false, true) => {
            format!("Fixed {edits} edit(s) in {files} file(s) ({checked} checked)")
        }
        (_, true, false) => {
            format!("可修复 {files} 个文件，共 {edits} 处修改（--diff：未写入文件）")
        }
        (_, true, true) => {
            format!("Would fix {edits} edit(s) in {files} file(s) (--diff: nothing written)")
        }
    }
}
