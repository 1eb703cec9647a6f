//! The `gongwen` command line: one binary, one subcommand per job.

mod check;
mod fix;
mod index;
mod lint;
mod lookup;
mod progress;
mod report;
mod rules;

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Args, Parser, Subcommand};

use crate::config::{self, ConfigError, Lang, Options};
use crate::disk::{self, LoadOptions, LoadedArchive};

#[derive(Parser, Debug)]
#[command(
    name = "gongwen",
    version,
    about = "公文 language server and linter: numbering, punctuation and citations checked against your archive",
    long_about = None,
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Check drafts: numbering, punctuation, citations, draft hygiene.
    Check(check::CheckArgs),
    /// Apply the safe fixes to drafts, in place (or as a diff).
    Fix(fix::FixArgs),
    /// Print a rule's documentation.
    Rule(rules::RuleArgs),
    /// List every rule.
    Rules(rules::RulesArgs),
    /// Index an archive and report what it holds.
    Index(index::IndexArgs),
    /// Find the directive a 文号 or title names.
    Lookup(lookup::LookupArgs),
    /// Run the language server on stdin/stdout (for editors).
    Lsp(LspArgs),
}

/// `gongwen lsp`: LSP always goes over stdio.
#[derive(Args, Debug)]
pub struct LspArgs {
    /// Accepted for editors that pass it; stdio is the only transport.
    #[arg(long)]
    pub stdio: bool,
}

/// Flags that choose the archive and the configuration.
#[derive(Args, Debug, Clone, Default)]
pub struct ArchiveArgs {
    /// An archive root (repeatable); overrides `archive` in gongwen.toml.
    #[arg(long = "archive", value_name = "DIR")]
    pub archive: Vec<PathBuf>,
    /// Configuration file (default: the nearest gongwen.toml at or above each checked
    /// file's folder; for index and lookup, above the working directory).
    #[arg(long, value_name = "FILE")]
    pub config: Option<PathBuf>,
    /// Read every archive file, neither using nor writing the cache (also
    /// GONGWEN_NO_CACHE=1).
    #[arg(long)]
    pub no_cache: bool,
}

/// How a command ended.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Exit {
    /// Done, nothing to report against the user.
    Ok,
    /// Done, and the answer is "no" (findings, no match).
    Findings,
    /// Could not run: usage, unreadable input, bad configuration.
    Error,
}

impl From<Exit> for ExitCode {
    fn from(exit: Exit) -> ExitCode {
        match exit {
            Exit::Ok => ExitCode::SUCCESS,
            Exit::Findings => ExitCode::from(1),
            Exit::Error => ExitCode::from(2),
        }
    }
}

/// Runs the command line; the binary's `main`.
pub fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let code = if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
            let _ = err.print();
            return code;
        }
    };
    if let Command::Lsp(_) = cli.command {
        // stdout is the LSP channel from here on.
        return crate::lsp::run();
    }
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::with_capacity(1 << 16, stdout.lock());
    let exit = match cli.command {
        Command::Check(args) => check::run(&args, &mut out),
        Command::Fix(args) => fix::run(&args, &mut out),
        Command::Rule(args) => rules::run_rule(&args, &mut out),
        Command::Rules(args) => rules::run_rules(&args, &mut out),
        Command::Index(args) => index::run(&args, &mut out),
        Command::Lookup(args) => lookup::run(&args, &mut out),
        Command::Lsp(_) => unreachable!("served above"),
    };
    let _ = out.flush();
    exit.into()
}

/// Writes a one-line error to stderr.
pub fn error(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "gongwen: {message}");
}

/// Writes a line to stderr as it is: summaries and notes that are not errors.
pub fn note(message: impl std::fmt::Display) {
    let _ = writeln!(std::io::stderr(), "{message}");
}

/// The options from `--config` or the nearest gongwen.toml, with the command line's
/// archive roots on top.
pub fn load_options(args: &ArchiveArgs, near: &Path) -> Result<Options, ConfigError> {
    let file = match &args.config {
        Some(path) => Some(path.clone()),
        None => config::find_config(near),
    };
    let mut options = match file {
        Some(path) => Options::from_file(&path)?,
        None => Options::default(),
    };
    if !args.archive.is_empty() {
        options.archive = Some(args.archive.clone());
    }
    Ok(options)
}

/// Loads the archive the options name, through the cache unless `--no-cache`, with a
/// progress line on a terminal. A damaged cache is said on stderr.
pub fn load_archive(options: &Options, args: &ArchiveArgs) -> Result<LoadedArchive, String> {
    let roots = options.archive.clone().unwrap_or_default();
    let load = if args.no_cache {
        LoadOptions::default()
    } else {
        LoadOptions::cached()
    };
    let progress = progress::Progress::new("索引");
    let loaded = disk::load_archive_with(&roots, &options.walk_options(), load, &|done, total| {
        progress.update(done, total)
    });
    progress.finish();
    let loaded = loaded.map_err(|err| err.to_string())?;
    if let Some(reason) = loaded.cache.as_ref().and_then(|c| c.damaged.as_ref()) {
        note(match lang(options) {
            Lang::Zh => format!("注意：归档缓存已损坏（{reason}），已重建"),
            Lang::En => format!("note: the archive cache was damaged ({reason}) and is rebuilt"),
        });
    }
    Ok(loaded)
}

/// The configuration near the working directory and the archive it (or `--archive`)
/// names, loaded; an error is the line to show before exiting with status 2.
pub fn configured_archive(args: &ArchiveArgs) -> Result<(Options, LoadedArchive), String> {
    let cwd = std::env::current_dir().unwrap_or_default();
    let options = load_options(args, &cwd).map_err(|err| err.to_string())?;
    if options.archive.as_ref().is_none_or(Vec::is_empty) {
        return Err("no archive: give --archive DIR or set `archive` in gongwen.toml".to_string());
    }
    let loaded = load_archive(&options, args)?;
    Ok((options, loaded))
}

/// Message language.
pub fn lang(options: &Options) -> Lang {
    options.lang.unwrap_or_default()
}
