//! `gongwen check`: lint drafts and report the findings.

use std::io::Write;

use clap::Args;
use gongwen_core::diagnostic::Diagnostic;
use gongwen_core::document::Document;

use crate::cli::lint::{self, ArchiveSet, LintArgs, Target};
use crate::cli::report::{self, FileFindings, OutputFormat, Style};
use crate::cli::{Exit, error};

#[derive(Args, Debug)]
pub struct CheckArgs {
    #[command(flatten)]
    pub lint: LintArgs,
    /// Output format.
    #[arg(long, value_enum, value_name = "FORMAT", default_value_t = OutputFormat::Human)]
    pub format: OutputFormat,
}

/// One file checked.
struct Checked {
    doc: Document,
    diagnostics: Vec<Diagnostic>,
}

pub fn run(args: &CheckArgs, out: &mut dyn Write) -> Exit {
    let prepared = match lint::prepare(&args.lint) {
        Ok(prepared) => prepared,
        Err(err) => {
            error(err);
            return Exit::Error;
        }
    };
    let results: Vec<Result<Checked, String>> = prepared.each(check_one);
    let found = prepared.found;

    let mut unreadable = found.unreadable;
    let mut files = Vec::new();
    for (target, result) in found.targets.iter().zip(&results) {
        match result {
            Ok(checked) => files.push(FileFindings {
                path: &target.shown,
                doc: &checked.doc,
                diagnostics: &checked.diagnostics,
                english: target.english(),
            }),
            Err(err) => unreadable.push(err.clone()),
        }
    }
    let english = found.targets.first().is_some_and(Target::english);
    match report::findings(out, args.format, &files, Style::detect(english)) {
        Ok(()) => {}
        // The reader went away (`| head`): nothing more to say to it.
        Err(err) if err.kind() == std::io::ErrorKind::BrokenPipe => {}
        Err(err) => {
            error(format!("writing the report: {err}"));
            return Exit::Error;
        }
    }
    lint::exit(&unreadable, &files, args.lint.fail_on)
}

fn check_one(
    target: &Target,
    archive: Option<&ArchiveSet>,
    stdin: Option<&[u8]>,
) -> Result<Checked, String> {
    let decoded = lint::read(target, stdin)?;
    let doc = Document::parse(decoded.text, target.format());
    let diagnostics = lint::lint(&doc, target, archive);
    Ok(Checked { doc, diagnostics })
}
