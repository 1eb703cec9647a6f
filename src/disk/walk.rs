//! Finding the files under archive roots (and under directories given to `check`).
//!
//! `.gitignore` is honoured (also outside a Git repository), hidden files are skipped,
//! symbolic links are followed only while they stay inside their root, and loops are
//! reported instead of followed.

use std::fmt;
use std::path::{Path, PathBuf};

use globset::{Glob, GlobSet, GlobSetBuilder};

/// Which files a walk takes.
#[derive(Clone, Debug)]
pub struct WalkOptions {
    pub include: Vec<String>,
    pub exclude: Vec<String>,
    pub max_file_size: u64,
    /// A second folder the globs are relative to, besides the root walked: the folder of
    /// the `gongwen.toml` they come from, so that `exclude = ["drafts/old/**"]` holds
    /// whether `check` is given the project or `drafts/`.
    pub base: Option<PathBuf>,
}

impl Default for WalkOptions {
    fn default() -> WalkOptions {
        WalkOptions {
            include: vec!["**/*.txt".to_string(), "**/*.md".to_string()],
            exclude: Vec::new(),
            max_file_size: 16 * 1024 * 1024,
            base: None,
        }
    }
}

/// A file to read: its path as the user names it (root as given, joined with the path
/// under it) and its size.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct FoundFile {
    pub path: PathBuf,
    pub size: u64,
}

/// A file left out, and why.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Skipped {
    pub path: PathBuf,
    pub reason: SkipReason,
}

#[derive(Clone, Debug, PartialEq, Eq)]
pub enum SkipReason {
    TooLarge { size: u64, limit: u64 },
    Binary,
    Undecodable,
    Unreadable(String),
    SymlinkOutsideRoot,
    SymlinkLoop,
    NotFound,
}

impl fmt::Display for SkipReason {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            SkipReason::TooLarge { size, limit } => {
                write!(f, "larger than max-file-size ({size} > {limit} bytes)")
            }
            SkipReason::Binary => f.write_str("binary file"),
            SkipReason::Undecodable => {
                f.write_str("not text in UTF-8, UTF-16, GB18030/GBK or Big5")
            }
            SkipReason::Unreadable(err) => write!(f, "unreadable: {err}"),
            SkipReason::SymlinkOutsideRoot => {
                f.write_str("symbolic link leading outside the archive root")
            }
            SkipReason::SymlinkLoop => f.write_str("symbolic link loop"),
            SkipReason::NotFound => f.write_str("no such file or directory"),
        }
    }
}

impl SkipReason {
    /// A short stable name, for counts and JSON.
    pub fn kind(&self) -> &'static str {
        match self {
            SkipReason::TooLarge { .. } => "too-large",
            SkipReason::Binary => "binary",
            SkipReason::Undecodable => "undecodable",
            SkipReason::Unreadable(_) => "unreadable",
            SkipReason::SymlinkOutsideRoot => "symlink-outside-root",
            SkipReason::SymlinkLoop => "symlink-loop",
            SkipReason::NotFound => "not-found",
        }
    }
}

/// A glob list that failed to compile.
#[derive(Debug)]
pub struct GlobError(pub String);

impl fmt::Display for GlobError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub fn glob_set(patterns: &[String]) -> Result<GlobSet, GlobError> {
    let mut builder = GlobSetBuilder::new();
    for pattern in patterns {
        let glob = Glob::new(pattern)
            .map_err(|err| GlobError(format!("invalid glob `{pattern}`: {err}")))?;
        builder.add(glob);
        // `**/*.txt` should also match `a.txt` at the root.
        if let Some(rest) = pattern.strip_prefix("**/")
            && let Ok(glob) = Glob::new(rest)
        {
            builder.add(glob);
        }
    }
    builder.build().map_err(|err| GlobError(err.to_string()))
}

/// Walks the roots: files (sorted, per root) and the files left out.
pub fn walk(
    roots: &[PathBuf],
    options: &WalkOptions,
) -> Result<(Vec<FoundFile>, Vec<Skipped>), GlobError> {
    let globs = Globs {
        include: glob_set(&options.include)?,
        exclude: glob_set(&options.exclude)?,
        base: options.base.as_ref().and_then(|b| b.canonicalize().ok()),
    };
    let mut files = Vec::new();
    let mut skipped = Vec::new();
    for root in roots {
        walk_root(
            root,
            &globs,
            options.max_file_size,
            &mut files,
            &mut skipped,
        );
    }
    Ok((files, skipped))
}

/// The include and exclude globs, and the folder they are also relative to.
struct Globs {
    include: GlobSet,
    exclude: GlobSet,
    base: Option<PathBuf>,
}

impl Globs {
    /// True when `path` (found under `root`, whose canonical form is `canonical_root`) is
    /// included and not excluded, its path taken relative to the root or to the base.
    fn take(&self, root: &Path, canonical_root: &Path, path: &Path) -> bool {
        let relative = path.strip_prefix(root).unwrap_or(path);
        let from_base = self.base.as_ref().and_then(|base| {
            canonical_root
                .join(relative)
                .strip_prefix(base)
                .ok()
                .map(Path::to_path_buf)
        });
        let candidates = std::iter::once(relative).chain(from_base.as_deref());
        let mut included = false;
        for candidate in candidates {
            if self.exclude.is_match(candidate) {
                return false;
            }
            included |= self.include.is_match(candidate);
        }
        included
    }
}

fn walk_root(
    root: &Path,
    globs: &Globs,
    max_file_size: u64,
    files: &mut Vec<FoundFile>,
    skipped: &mut Vec<Skipped>,
) {
    let Ok(canonical_root) = root.canonicalize() else {
        skipped.push(Skipped {
            path: root.to_path_buf(),
            reason: SkipReason::NotFound,
        });
        return;
    };
    if canonical_root.is_file() {
        push_file(root, max_file_size, files, skipped);
        return;
    }
    let mut found = Vec::new();
    let mut saw_link = false;
    let walker = ignore::WalkBuilder::new(root)
        .follow_links(true)
        .require_git(false)
        .hidden(true)
        .sort_by_file_name(|a, b| a.cmp(b))
        .build();
    for entry in walker {
        let entry = match entry {
            Ok(entry) => entry,
            Err(err) => {
                let reason = if is_loop(&err) {
                    SkipReason::SymlinkLoop
                } else {
                    SkipReason::Unreadable(err.to_string())
                };
                let path = error_path(&err).unwrap_or_else(|| root.to_path_buf());
                skipped.push(Skipped { path, reason });
                continue;
            }
        };
        let path = entry.path();
        if entry.path_is_symlink() {
            saw_link = true;
            match path.canonicalize() {
                Ok(target) if target.starts_with(&canonical_root) => {}
                Ok(_) => {
                    if entry.file_type().is_some_and(|t| t.is_file())
                        && globs.take(root, &canonical_root, path)
                    {
                        skipped.push(Skipped {
                            path: path.to_path_buf(),
                            reason: SkipReason::SymlinkOutsideRoot,
                        });
                    }
                    continue;
                }
                Err(err) => {
                    skipped.push(Skipped {
                        path: path.to_path_buf(),
                        reason: SkipReason::Unreadable(err.to_string()),
                    });
                    continue;
                }
            }
        }
        if !entry.file_type().is_some_and(|t| t.is_file())
            || !globs.take(root, &canonical_root, path)
        {
            continue;
        }
        found.push(path.to_path_buf());
    }
    // A directory symlinked from inside the root to another place inside it is walked
    // twice; keep one copy of each file. Without links there is nothing to resolve.
    let mut seen = std::collections::HashSet::new();
    for path in found {
        if saw_link {
            let key = path.canonicalize().unwrap_or_else(|_| path.clone());
            if !seen.insert(key) {
                continue;
            }
        }
        push_file(&path, max_file_size, files, skipped);
    }
}

fn push_file(
    path: &Path,
    max_file_size: u64,
    files: &mut Vec<FoundFile>,
    skipped: &mut Vec<Skipped>,
) {
    match std::fs::metadata(path) {
        Ok(meta) if meta.len() > max_file_size => skipped.push(Skipped {
            path: path.to_path_buf(),
            reason: SkipReason::TooLarge {
                size: meta.len(),
                limit: max_file_size,
            },
        }),
        Ok(meta) => files.push(FoundFile {
            path: path.to_path_buf(),
            size: meta.len(),
        }),
        Err(err) => skipped.push(Skipped {
            path: path.to_path_buf(),
            reason: SkipReason::Unreadable(err.to_string()),
        }),
    }
}

/// Whether the walk of `root` leaves the file `path` out for a hidden component or for the
/// `.gitignore` and `.ignore` files from the root down to the file's folder: the same
/// decision for one file that changed, without walking again. (Ignore files above the
/// root, Git's `info/exclude` and the global excludes file are not consulted.)
pub fn is_ignored(root: &Path, path: &Path) -> bool {
    use ignore::Match;
    use ignore::gitignore::{Gitignore, GitignoreBuilder};

    let Ok(relative) = path.strip_prefix(root) else {
        return false;
    };
    let names: Vec<&std::ffi::OsStr> = relative.components().map(|c| c.as_os_str()).collect();
    if names.iter().any(|n| n.to_string_lossy().starts_with('.')) {
        return true;
    }
    // The deepest rule that speaks decides; in one folder `.ignore` outranks `.gitignore`.
    let decide = |rules: &[Gitignore], path: &Path, is_dir: bool| {
        rules
            .iter()
            .rev()
            .map(|rules| rules.matched(path, is_dir))
            .find(|m| !m.is_none())
            .is_some_and(|m| matches!(m, Match::Ignore(_)))
    };
    let mut rules: Vec<Gitignore> = Vec::new();
    let mut dir = root.to_path_buf();
    for (depth, name) in std::iter::once(None)
        .chain(names[..names.len().saturating_sub(1)].iter().map(Some))
        .enumerate()
    {
        if let Some(name) = name {
            dir.push(name);
        }
        // A folder left out hides everything in it, whatever deeper files say.
        if depth > 0 && decide(&rules, &dir, true) {
            return true;
        }
        for file in [".gitignore", ".ignore"] {
            let file = dir.join(file);
            if file.is_file() {
                let mut builder = GitignoreBuilder::new(&dir);
                builder.add(&file);
                if let Ok(built) = builder.build() {
                    rules.push(built);
                }
            }
        }
    }
    decide(&rules, path, false)
}

fn is_loop(err: &ignore::Error) -> bool {
    match err {
        ignore::Error::Loop { .. } => true,
        ignore::Error::WithPath { err, .. }
        | ignore::Error::WithDepth { err, .. }
        | ignore::Error::WithLineNumber { err, .. } => is_loop(err),
        _ => false,
    }
}

fn error_path(err: &ignore::Error) -> Option<PathBuf> {
    match err {
        ignore::Error::Loop { child, .. } => Some(child.clone()),
        ignore::Error::WithPath { path, .. } => Some(path.clone()),
        ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
            error_path(err)
        }
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn write(path: &Path, text: &str) {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, text).unwrap();
    }

    #[test]
    fn honours_gitignore_globs_size_and_symlinks() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().join("archive");
        write(&root.join("a.txt"), "甲");
        write(&root.join("sub/b.md"), "乙");
        write(&root.join("sub/c.doc"), "丙");
        write(&root.join("ignored/d.txt"), "丁");
        write(&root.join(".gitignore"), "ignored/\n");
        write(&root.join("big.txt"), &"大".repeat(100));
        write(&dir.path().join("outside.txt"), "外");
        std::os::unix::fs::symlink(dir.path().join("outside.txt"), root.join("link-out.txt"))
            .unwrap();
        std::os::unix::fs::symlink(root.join("a.txt"), root.join("link-in.txt")).unwrap();
        std::os::unix::fs::symlink(&root, root.join("sub/loop")).unwrap();

        let options = WalkOptions {
            max_file_size: 200,
            ..WalkOptions::default()
        };
        let (files, skipped) = walk(std::slice::from_ref(&root), &options).unwrap();
        let names: Vec<String> = files
            .iter()
            .map(|f| f.path.strip_prefix(&root).unwrap().display().to_string())
            .collect();
        assert_eq!(names, ["a.txt", "sub/b.md"]);
        let mut reasons: Vec<(String, &str)> = skipped
            .iter()
            .map(|s| {
                (
                    s.path
                        .strip_prefix(&root)
                        .unwrap_or(&s.path)
                        .display()
                        .to_string(),
                    s.reason.kind(),
                )
            })
            .collect();
        reasons.sort();
        assert_eq!(
            reasons,
            [
                ("big.txt".to_string(), "too-large"),
                ("link-out.txt".to_string(), "symlink-outside-root"),
                ("sub/loop".to_string(), "symlink-loop"),
            ]
        );
    }

    #[test]
    fn globs_also_hold_relative_to_the_base_folder() {
        let dir = tempfile::tempdir().unwrap();
        let project = dir.path().join("project");
        write(&project.join("drafts/a.txt"), "甲");
        write(&project.join("drafts/old/b.txt"), "乙");
        let options = WalkOptions {
            exclude: vec!["drafts/old/**".to_string()],
            base: Some(project.clone()),
            ..WalkOptions::default()
        };
        let root = project.join("drafts");
        let (files, _) = walk(std::slice::from_ref(&root), &options).unwrap();
        let names: Vec<PathBuf> = files.into_iter().map(|f| f.path).collect();
        assert_eq!(names, [root.join("a.txt")]);
        // Without the base, the pattern is relative to the root and does not match.
        let options = WalkOptions {
            base: None,
            ..options
        };
        let (files, _) = walk(std::slice::from_ref(&root), &options).unwrap();
        assert_eq!(files.len(), 2);
    }

    #[test]
    fn one_file_is_ignored_exactly_when_the_walk_leaves_it_out() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        write(&root.join(".gitignore"), "*.bak.txt\nold/\n!keep.bak.txt\n");
        write(
            &root.join("sub/.gitignore"),
            "local.txt\n!important.bak.txt\n",
        );
        write(&root.join("sub/.ignore"), "!local.txt\nsecret.txt\n");
        write(&root.join("old/.gitignore"), "!x.txt\n");
        write(&root.join("deep/.gitignore"), "er/\n");
        let files = [
            "a.txt",
            "b.bak.txt",
            "keep.bak.txt",
            "old/x.txt",
            "old/y.txt",
            "sub/local.txt",
            "sub/secret.txt",
            "sub/c.bak.txt",
            "sub/important.bak.txt",
            "sub/ok.txt",
            ".hidden/a.txt",
            "sub/.h.txt",
            "deep/er/f.txt",
            "deep/g.txt",
            "deep/er2/h.txt",
        ];
        for file in files {
            write(&root.join(file), "甲");
        }
        let (found, _) = walk(std::slice::from_ref(&root), &WalkOptions::default()).unwrap();
        let walked: Vec<&str> = files
            .iter()
            .copied()
            .filter(|f| found.iter().any(|x| x.path == root.join(f)))
            .collect();
        let kept: Vec<&str> = files
            .iter()
            .copied()
            .filter(|f| !is_ignored(&root, &root.join(f)))
            .collect();
        assert_eq!(kept, walked);
        // The cases themselves, so that a walk that changed its mind is noticed too.
        assert_eq!(
            walked,
            [
                "a.txt",
                "keep.bak.txt",
                "sub/local.txt",
                "sub/important.bak.txt",
                "sub/ok.txt",
                "deep/g.txt",
                "deep/er2/h.txt",
            ]
        );
    }

    #[test]
    fn a_missing_root_is_reported() {
        let (files, skipped) = walk(
            &[PathBuf::from("/nonexistent/archive")],
            &WalkOptions::default(),
        )
        .unwrap();
        assert!(files.is_empty());
        assert_eq!(skipped[0].reason, SkipReason::NotFound);
    }
}
