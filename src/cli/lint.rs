//! What `check` and `fix` share: their flags, the files to lint and the configuration that
//! governs each, the archive, and running the rules on one text.
//!
//! Each file is governed by `--config`, or else by the nearest `gongwen.toml` at or above
//! its folder, so files under different configurations get their own; the command line's
//! flags go on top of every one. `--select` replaces the configuration's `select`;
//! `--ignore` adds to its `ignore`.

use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;

use clap::{Args, ValueEnum};
use gongwen_core::archive::DocId;
use gongwen_core::config::{Config, check_selector};
use gongwen_core::diagnostic::{Diagnostic, Severity};
use gongwen_core::document::{Document, Format};
use gongwen_core::rules;
use rayon::prelude::*;

use crate::cli::report::FileFindings;
use crate::cli::{ArchiveArgs, Exit, error, load_archive, note};
use crate::config::{self, ConfigError, Lang, Options, RuleSettings};
use crate::disk::{self, Decoded, LoadedArchive, SkipReason, WalkOptions};

/// The flags `check` and `fix` share.
#[derive(Args, Debug, Clone)]
pub struct LintArgs {
    /// Files and directories to check (default: the working directory). Directories are
    /// walked with `include`/`exclude` and .gitignore; a file named here is always checked.
    #[arg(value_name = "PATHS")]
    pub paths: Vec<PathBuf>,
    #[command(flatten)]
    pub archive: ArchiveArgs,
    /// Exit 1 when a finding is at or above this severity.
    #[arg(long, value_enum, value_name = "SEVERITY", default_value_t = FailOn::Warning)]
    pub fail_on: FailOn,
    /// Rules to run, instead of `select` from the configuration: codes or prefixes,
    /// comma-separated (`P2,N101`).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub select: Vec<String>,
    /// Rules not to run, on top of `ignore` from the configuration (`P210,D`).
    #[arg(long, value_name = "CODES", value_delimiter = ',')]
    pub ignore: Vec<String>,
    /// Read the draft from standard input.
    #[arg(long, conflicts_with = "paths")]
    pub stdin: bool,
    /// The name a draft from standard input goes by: reported under it, configured by the
    /// gongwen.toml above its folder, and Markdown when it ends in `.md`.
    #[arg(long, value_name = "NAME", requires = "stdin")]
    pub stdin_filename: Option<PathBuf>,
}

/// `--fail-on`.
#[derive(Clone, Copy, Debug, PartialEq, Eq, ValueEnum)]
pub enum FailOn {
    Error,
    Warning,
    Info,
    Hint,
}

impl FailOn {
    pub fn severity(self) -> Severity {
        match self {
            FailOn::Error => Severity::Error,
            FailOn::Warning => Severity::Warning,
            FailOn::Info => Severity::Info,
            FailOn::Hint => Severity::Hint,
        }
    }
}

/// One configuration file (or none) resolved, with the command line's flags on top.
#[derive(Debug)]
pub struct Profile {
    /// The configuration file, when there is one.
    pub file: Option<PathBuf>,
    pub options: Options,
    pub lang: Lang,
    /// Rules and `per-file-ignores`, relative to the configuration file's folder (the
    /// working directory without one).
    rules: RuleSettings,
}

impl Profile {
    fn build(file: Option<PathBuf>, args: &LintArgs, cwd: &Path) -> Result<Profile, ConfigError> {
        // Name the file as the user would: relative to the working directory when under it.
        let origin = file.as_ref().map_or_else(
            || "built-in defaults".to_string(),
            |f| {
                let cwd = cwd.canonicalize().unwrap_or_else(|_| cwd.to_path_buf());
                disk::display_path(f.strip_prefix(&cwd).unwrap_or(f))
            },
        );
        let mut options = match &file {
            Some(path) => Options::from_file(path).map_err(|err| ConfigError {
                origin: origin.clone(),
                ..err
            })?,
            None => Options::default(),
        };
        if !args.archive.archive.is_empty() {
            options.archive = Some(args.archive.archive.clone());
        }
        if let Some((key, message)) = options.problems().into_iter().next() {
            return Err(ConfigError {
                origin,
                message: format!("`{key}`: {message}"),
            });
        }
        let base = match file.as_ref().and_then(|f| f.parent()) {
            Some(folder) => absolute(cwd, folder),
            None => absolute(cwd, Path::new(".")),
        };
        let select = (!args.select.is_empty()).then_some(args.select.as_slice());
        let rules = options.rules(select, &args.ignore, Some(base));
        Ok(Profile {
            lang: options.lang.unwrap_or_default(),
            file,
            options,
            rules,
        })
    }

    /// The engine's configuration for one file: this profile's, less the rules its
    /// `per-file-ignores` silence for the file (relative to the configuration's folder, or
    /// as the path was given).
    pub fn config_for(&self, absolute: &Path, shown: &str) -> Config {
        self.rules.config_for(Some(absolute), Some(shown))
    }

    /// How to walk a directory given on the command line.
    pub fn walk_options(&self) -> WalkOptions {
        WalkOptions {
            base: self
                .file
                .as_ref()
                .and_then(|f| f.parent())
                .map(Path::to_path_buf),
            ..self.options.walk_options()
        }
    }

    /// The archive's identity: its roots and the walk that reads them.
    fn archive_key(&self) -> Option<String> {
        let roots = self.options.archive.as_ref().filter(|r| !r.is_empty())?;
        let walk = self.options.walk_options();
        Some(format!(
            "{roots:?}{:?}{:?}{}",
            walk.include, walk.exclude, walk.max_file_size
        ))
    }
}

/// A file to lint.
#[derive(Debug)]
pub struct Target {
    /// The path as given on the command line, or as found under a directory given there;
    /// for standard input, `--stdin-filename` or `-`.
    pub shown: String,
    /// Where to read it; `None` for standard input.
    pub path: Option<PathBuf>,
    /// The canonical path (or the best absolute form of a name that does not exist).
    pub absolute: PathBuf,
    pub profile: Arc<Profile>,
    pub config: Config,
}

impl Target {
    pub fn format(&self) -> Format {
        Format::from_path(&self.shown)
    }

    pub fn english(&self) -> bool {
        self.profile.lang == Lang::En
    }
}

/// An archive loaded for a run, with its documents by canonical path so that a checked
/// file that is itself in the archive is left out of the evidence about itself.
pub struct ArchiveSet {
    pub loaded: LoadedArchive,
    by_path: HashMap<PathBuf, DocId>,
}

impl ArchiveSet {
    fn new(loaded: LoadedArchive) -> ArchiveSet {
        let by_path = loaded
            .archive
            .docs
            .par_iter()
            .enumerate()
            .filter_map(|(id, doc)| {
                let path = Path::new(&doc.path).canonicalize().ok()?;
                Some((path, id as DocId))
            })
            .collect();
        ArchiveSet { loaded, by_path }
    }

    pub fn doc_of(&self, absolute: &Path) -> Option<DocId> {
        self.by_path.get(absolute).copied()
    }
}

/// One lint run: the flags, and the configurations and archives read so far.
pub struct Session<'a> {
    pub args: &'a LintArgs,
    cwd: PathBuf,
    profiles: HashMap<Option<PathBuf>, Arc<Profile>>,
    /// The configuration file found for each folder looked at.
    configs: HashMap<PathBuf, Option<PathBuf>>,
    archives: HashMap<String, Arc<ArchiveSet>>,
}

/// What a run found to lint, and the inputs it could not read.
pub struct Targets {
    pub targets: Vec<Target>,
    /// One line each: a path and why it cannot be read.
    pub unreadable: Vec<String>,
}

impl<'a> Session<'a> {
    /// Checks the command line's own rule codes.
    pub fn new(args: &'a LintArgs) -> Result<Session<'a>, String> {
        for (flag, list) in [("--select", &args.select), ("--ignore", &args.ignore)] {
            for selector in list {
                check_selector(selector).map_err(|err| format!("{flag}: {err}"))?;
            }
        }
        Ok(Session {
            args,
            cwd: std::env::current_dir().unwrap_or_else(|_| PathBuf::from(".")),
            profiles: HashMap::new(),
            configs: HashMap::new(),
            archives: HashMap::new(),
        })
    }

    /// The profile that governs files in `folder`.
    fn profile_for(&mut self, folder: &Path) -> Result<Arc<Profile>, ConfigError> {
        let file = match &self.args.archive.config {
            Some(file) => Some(file.canonicalize().unwrap_or_else(|_| file.clone())),
            None => {
                let folder = self.cwd.join(folder);
                match self.configs.get(&folder) {
                    Some(file) => file.clone(),
                    None => {
                        let file =
                            config::find_config(&existing_ancestor(&absolute(&self.cwd, &folder)));
                        self.configs.insert(folder, file.clone());
                        file
                    }
                }
            }
        };
        if let Some(profile) = self.profiles.get(&file) {
            return Ok(profile.clone());
        }
        let profile = Arc::new(Profile::build(file.clone(), self.args, &self.cwd)?);
        self.profiles.insert(file, profile.clone());
        Ok(profile)
    }

    /// The files the command line names, each with its profile.
    pub fn targets(&mut self) -> Result<Targets, ConfigError> {
        let mut targets = Vec::new();
        let mut unreadable = Vec::new();
        if self.args.stdin {
            let name = self.args.stdin_filename.clone();
            let absolute = name
                .as_ref()
                .map_or_else(|| self.cwd.join("-"), |n| absolute(&self.cwd, n));
            let folder = name
                .as_ref()
                .map_or_else(|| self.cwd.clone(), |n| folder_of(&self.cwd, n));
            let profile = self.profile_for(&folder)?;
            let shown = name.map_or_else(|| "-".to_string(), |n| disk::display_path(&n));
            targets.push(self.target(shown, None, absolute, profile));
            return Ok(Targets {
                targets,
                unreadable,
            });
        }
        let implicit = self.args.paths.is_empty();
        let paths = if implicit {
            vec![PathBuf::from(".")]
        } else {
            self.args.paths.clone()
        };
        let mut seen = HashSet::new();
        for path in paths {
            let shown = disk::display_path(&path);
            let metadata = match std::fs::metadata(&path) {
                Ok(metadata) => metadata,
                Err(err) => {
                    let reason = match err.kind() {
                        std::io::ErrorKind::NotFound => SkipReason::NotFound,
                        _ => SkipReason::Unreadable(err.to_string()),
                    };
                    unreadable.push(format!("{shown}: {reason}"));
                    continue;
                }
            };
            if !metadata.is_dir() {
                let absolute = absolute(&self.cwd, &path);
                let profile = self.profile_for(&folder_of(&self.cwd, &path))?;
                if seen.insert(absolute.clone()) {
                    targets.push(self.target(shown, Some(path), absolute, profile));
                }
                continue;
            }
            let profile = self.profile_for(&path)?;
            let (files, skipped) = disk::walk(std::slice::from_ref(&path), &profile.walk_options())
                .map_err(|err| ConfigError {
                    origin: profile.file.as_ref().map_or_else(
                        || "built-in defaults".to_string(),
                        |f| disk::display_path(f),
                    ),
                    message: err.to_string(),
                })?;
            for skip in skipped {
                unreadable.push(format!(
                    "{}: {}",
                    disk::display_path(&skip.path),
                    skip.reason
                ));
            }
            for file in files {
                let absolute = absolute(&self.cwd, &file.path);
                if !seen.insert(absolute.clone()) {
                    continue;
                }
                let profile = self.profile_for(&folder_of(&self.cwd, &file.path))?;
                let mut shown = disk::display_path(&file.path);
                if implicit && let Some(rest) = shown.strip_prefix("./") {
                    shown = rest.to_string();
                }
                targets.push(self.target(shown, Some(file.path), absolute, profile));
            }
        }
        Ok(Targets {
            targets,
            unreadable,
        })
    }

    fn target(
        &self,
        shown: String,
        path: Option<PathBuf>,
        absolute: PathBuf,
        profile: Arc<Profile>,
    ) -> Target {
        let config = profile.config_for(&absolute, &shown);
        Target {
            shown,
            path,
            absolute,
            profile,
            config,
        }
    }

    /// The archive of each target (loaded once per distinct archive), or an error when an
    /// archive root does not exist.
    pub fn archives(&mut self, targets: &[Target]) -> Result<Vec<Option<Arc<ArchiveSet>>>, String> {
        let mut out = Vec::with_capacity(targets.len());
        for target in targets {
            let Some(key) = target.profile.archive_key() else {
                out.push(None);
                continue;
            };
            if let Some(set) = self.archives.get(&key) {
                out.push(Some(set.clone()));
                continue;
            }
            let options = &target.profile.options;
            let roots = options.archive.clone().unwrap_or_default();
            let loaded = load_archive(options, &self.args.archive)?;
            if let Some(missing) = loaded
                .skipped
                .iter()
                .find(|s| s.reason == SkipReason::NotFound && roots.contains(&s.path))
            {
                return Err(format!(
                    "archive root {}: {}",
                    disk::display_path(&missing.path),
                    missing.reason
                ));
            }
            if !loaded.skipped.is_empty() {
                note(format!(
                    "gongwen: archive: {} file(s) skipped (`gongwen index` lists them)",
                    loaded.skipped.len()
                ));
            }
            let set = Arc::new(ArchiveSet::new(loaded));
            self.archives.insert(key, set.clone());
            out.push(Some(set));
        }
        Ok(out)
    }
}

/// Reads and decodes a target's text. Standard input is read once, by the caller.
pub fn read(target: &Target, stdin: Option<&[u8]>) -> Result<Decoded, String> {
    let result = match (&target.path, stdin) {
        (Some(path), _) => disk::read_text(path).map(|file| file.decoded),
        (None, Some(bytes)) => disk::decode(bytes.to_vec()).map_err(|err| match err {
            disk::DecodeError::Binary => SkipReason::Binary,
            disk::DecodeError::Undecodable => SkipReason::Undecodable,
        }),
        (None, None) => Err(SkipReason::NotFound),
    };
    result.map_err(|reason| format!("{}: {reason}", target.shown))
}

/// What `check` and `fix` work on: the files (and why others cannot be read), the archive
/// each needs, and standard input when the draft comes from there.
pub struct Prepared {
    pub found: Targets,
    pub archives: Vec<Option<Arc<ArchiveSet>>>,
    pub stdin: Option<Vec<u8>>,
}

impl Prepared {
    /// `work` on every file with its archive and standard input, in parallel; the results
    /// in the files' order.
    pub fn each<T: Send>(
        &self,
        work: impl Fn(&Target, Option<&ArchiveSet>, Option<&[u8]>) -> T + Sync,
    ) -> Vec<T> {
        self.found
            .targets
            .par_iter()
            .zip(self.archives.par_iter())
            .map(|(target, archive)| work(target, archive.as_deref(), self.stdin.as_deref()))
            .collect()
    }
}

/// Reads configuration, finds the files, loads the archives and standard input; an error
/// is the one line to show before exiting with status 2.
pub fn prepare(args: &LintArgs) -> Result<Prepared, String> {
    let mut session = Session::new(args)?;
    let found = session.targets().map_err(|err| err.to_string())?;
    let archives = session.archives(&found.targets)?;
    let stdin = if args.stdin {
        Some(read_stdin()?)
    } else {
        None
    };
    Ok(Prepared {
        found,
        archives,
        stdin,
    })
}

/// All of standard input.
pub fn read_stdin() -> Result<Vec<u8>, String> {
    let mut bytes = Vec::new();
    std::io::stdin()
        .read_to_end(&mut bytes)
        .map_err(|err| format!("standard input: {err}"))?;
    Ok(bytes)
}

/// Runs the rules the target's configuration enables on its parsed text.
pub fn lint(doc: &Document, target: &Target, archive: Option<&ArchiveSet>) -> Vec<Diagnostic> {
    let exclude = archive.and_then(|set| set.doc_of(&target.absolute));
    rules::check(
        doc,
        archive.map(|set| &set.loaded.archive),
        exclude,
        &target.config,
    )
}

/// True when a finding is at or above the threshold.
pub fn fails(diagnostics: &[Diagnostic], fail_on: FailOn) -> bool {
    diagnostics.iter().any(|d| d.severity >= fail_on.severity())
}

/// How `check` and `fix` end: each problem (an unreadable input, a failed write) on stderr
/// and status 2; else 1 when a file keeps a finding at or above `fail_on`; else 0.
pub fn exit(problems: &[String], files: &[FileFindings<'_>], fail_on: FailOn) -> Exit {
    for problem in problems {
        error(problem);
    }
    if !problems.is_empty() {
        Exit::Error
    } else if files.iter().any(|f| fails(f.diagnostics, fail_on)) {
        Exit::Findings
    } else {
        Exit::Ok
    }
}

/// The canonical form of `path`, or, for a name that does not exist (yet), its nearest
/// existing ancestor's canonical form joined with the rest.
pub fn absolute(cwd: &Path, path: &Path) -> PathBuf {
    if let Ok(canonical) = path.canonicalize() {
        return canonical;
    }
    let joined = cwd.join(path);
    let mut rest = Vec::new();
    let mut at = joined.as_path();
    loop {
        if let Ok(canonical) = at.canonicalize() {
            let mut out = canonical;
            for part in rest.iter().rev() {
                out.push(part);
            }
            return out;
        }
        match (at.parent(), at.file_name()) {
            (Some(parent), Some(name)) => {
                rest.push(name.to_os_string());
                at = parent;
            }
            _ => return joined,
        }
    }
}

/// The folder a file is in, as named (symbolic links not followed), for finding its
/// configuration.
fn folder_of(cwd: &Path, file: &Path) -> PathBuf {
    cwd.join(file)
        .parent()
        .map_or_else(|| cwd.to_path_buf(), Path::to_path_buf)
}

/// The nearest folder at or above `path` that exists.
fn existing_ancestor(path: &Path) -> PathBuf {
    path.ancestors()
        .find(|p| p.is_dir())
        .map_or_else(|| path.to_path_buf(), Path::to_path_buf)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_checked_file_finds_its_own_archive_entry_through_links_and_relative_names() {
        let dir = tempfile::tempdir().unwrap();
        let archive = dir.path().join("archive");
        std::fs::create_dir_all(&archive).unwrap();
        std::fs::write(
            archive.join("a.txt"),
            "国务院关于印发某方案的通知\n国发〔2016〕5号\n",
        )
        .unwrap();
        std::fs::write(archive.join("b.txt"), "乙").unwrap();
        // The archive is walked through a link; the draft is named by its real path.
        let link = dir.path().join("via-link");
        std::os::unix::fs::symlink(&archive, &link).unwrap();
        let loaded = disk::load_archive(
            std::slice::from_ref(&link),
            &WalkOptions::default(),
            &|_, _| {},
        )
        .unwrap();
        let set = ArchiveSet::new(loaded);
        let a = set
            .loaded
            .archive
            .docs
            .iter()
            .position(|d| d.path.ends_with("a.txt"))
            .unwrap() as DocId;
        let named = absolute(dir.path(), Path::new("archive/./a.txt"));
        assert_eq!(set.doc_of(&named), Some(a));
        assert_eq!(
            set.doc_of(&absolute(dir.path(), Path::new("elsewhere.txt"))),
            None
        );
    }

    #[test]
    fn absolute_keeps_names_that_do_not_exist_under_their_real_folder() {
        let dir = tempfile::tempdir().unwrap();
        let real = dir.path().canonicalize().unwrap();
        assert_eq!(
            absolute(dir.path(), Path::new("new/draft.md")),
            real.join("new/draft.md")
        );
    }
}
