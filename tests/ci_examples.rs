//! The CI examples do what the README says: the pre-commit hooks (`.pre-commit-hooks.yaml`,
//! run with `pre-commit try-repo` on a throwaway repository) and the GitHub Actions workflow
//! (`editors/ci/github-workflow.yml`, whose `run:` steps are run as written against
//! `examples/`).

#![allow(clippy::print_stderr)] // Tests say on stderr what they saw, and why they skip.

mod editors;

use std::path::{Path, PathBuf};
use std::process::{Command, Output};
use std::time::Duration;

use editors::{find_in_path_or_venv, gongwen_bin, missing, root, run_with_timeout};
use serde_json::Value;
use yaml_rust2::{Yaml, YamlLoader};

fn load_yaml(path: &Path) -> Yaml {
    let text = std::fs::read_to_string(path).unwrap();
    YamlLoader::load_from_str(&text)
        .unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        .into_iter()
        .next()
        .expect("a YAML document")
}

/// PATH with the gongwen binary under test first.
fn path_with_gongwen() -> std::ffi::OsString {
    let dir = gongwen_bin().parent().unwrap().to_path_buf();
    std::env::join_paths(std::iter::once(dir).chain(std::env::split_paths(
        &std::env::var_os("PATH").unwrap_or_default(),
    )))
    .unwrap()
}

fn text(output: &Output) -> String {
    format!(
        "{}{}",
        String::from_utf8_lossy(&output.stdout),
        String::from_utf8_lossy(&output.stderr)
    )
}

#[test]
fn pre_commit_hooks_use_the_installed_binary() {
    let hooks = load_yaml(&root().join(".pre-commit-hooks.yaml"));
    let hooks = hooks.as_vec().expect("a list of hooks");
    let ids: Vec<&str> = hooks.iter().map(|h| h["id"].as_str().unwrap()).collect();
    assert_eq!(ids, ["gongwen-check", "gongwen-fix"]);
    for hook in hooks {
        // `system`: the binary on PATH, nothing compiled again.
        assert_eq!(hook["language"].as_str(), Some("system"), "{hook:?}");
        let entry = hook["entry"].as_str().unwrap();
        assert!(entry.starts_with("gongwen "), "{entry}");
        let files = regex::Regex::new(hook["files"].as_str().unwrap()).unwrap();
        assert!(files.is_match("通知.txt") && files.is_match("docs/讲话.md"));
        assert!(!files.is_match("src/main.rs"));
    }
}

struct Repo {
    dir: tempfile::TempDir,
    pre_commit: PathBuf,
    home: PathBuf,
}

impl Repo {
    fn new(pre_commit: PathBuf, home: &Path) -> Repo {
        let dir = tempfile::tempdir().unwrap();
        let repo = Repo {
            dir,
            pre_commit,
            home: home.to_path_buf(),
        };
        repo.git(&["init", "-q"]);
        repo.git(&["config", "user.email", "ci@example.invalid"]);
        repo.git(&["config", "user.name", "CI"]);
        repo
    }

    fn git(&self, args: &[&str]) {
        let output = Command::new("git")
            .args(args)
            .current_dir(self.dir.path())
            .output()
            .expect("git");
        assert!(output.status.success(), "git {args:?}: {}", text(&output));
    }

    fn put(&self, name: &str, draft: &str) {
        std::fs::copy(
            root().join("examples/drafts").join(draft),
            self.dir.path().join(name),
        )
        .unwrap();
        self.git(&["add", name]);
    }

    /// `pre-commit try-repo <this repository> HOOK --all-files`, with the binary under test
    /// first on PATH.
    fn try_repo(&self, hook: &str) -> Output {
        let mut command = Command::new(&self.pre_commit);
        command
            .arg("try-repo")
            .arg(root())
            .args([hook, "--all-files", "--color", "never"])
            .current_dir(self.dir.path())
            .env("PATH", path_with_gongwen())
            .env("PRE_COMMIT_HOME", &self.home);
        run_with_timeout(&mut command, Duration::from_secs(300))
    }
}

fn find_pre_commit(test: &str) -> Option<PathBuf> {
    let found = find_in_path_or_venv("pre-commit");
    if found.is_none() {
        missing(
            test,
            "pre-commit",
            "`pip install pre-commit` (or run `.ci/run`, which installs it into ~/.cache/gongwen-ci/venv)",
        );
    }
    found
}

#[test]
fn pre_commit_try_repo_fails_on_a_bad_draft_and_passes_a_clean_one() {
    let test = "pre_commit_try_repo_fails_on_a_bad_draft_and_passes_a_clean_one";
    let Some(pre_commit) = find_pre_commit(test) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let repo = Repo::new(pre_commit, home.path());
    repo.put("通知.txt", "yunze-flood-prevention-notice-draft.txt");
    let bad = repo.try_repo("gongwen-check");
    let out = text(&bad);
    assert!(!bad.status.success(), "a bad draft should fail:\n{out}");
    assert!(out.contains("gongwen check (公文检查)"), "{out}");
    assert!(out.contains("Failed"), "{out}");
    // gongwen's findings are in the hook's output.
    assert!(out.contains("通知.txt:5:12: P201"), "{out}");
    assert!(out.contains("N101"), "{out}");

    repo.git(&["rm", "-q", "-f", "通知.txt"]);
    repo.put("通知.txt", "clean-qinghe-flood-supplies-notice.txt");
    let clean = repo.try_repo("gongwen-check");
    let out = text(&clean);
    assert!(clean.status.success(), "a clean draft should pass:\n{out}");
    assert!(out.contains("Passed"), "{out}");
    eprintln!("{test}: gongwen-check failed the bad draft and passed the clean one");
}

#[test]
fn pre_commit_fix_hook_rewrites_the_draft() {
    let test = "pre_commit_fix_hook_rewrites_the_draft";
    let Some(pre_commit) = find_pre_commit(test) else {
        return;
    };
    let home = tempfile::tempdir().unwrap();
    let repo = Repo::new(pre_commit, home.path());
    repo.put("讲话.txt", "safety-meeting-speech-draft.txt");
    let fixed = repo.try_repo("gongwen-fix");
    let out = text(&fixed);
    // pre-commit fails a hook that changed files, so that the user reviews the changes.
    assert!(!fixed.status.success(), "{out}");
    assert!(out.contains("files were modified by this hook"), "{out}");
    let after = std::fs::read_to_string(repo.dir.path().join("讲话.txt")).unwrap();
    let before =
        std::fs::read_to_string(root().join("examples/drafts/safety-meeting-speech-draft.txt"))
            .unwrap();
    assert_ne!(after, before);
    assert!(
        before.contains("。。。") && !after.contains("。。。"),
        "P208 fixed"
    );
    assert!(
        before.contains("，，") && !after.contains("，，"),
        "P206 fixed"
    );
    // Once fixed, the hook passes (the placeholders left are warnings for gongwen-check).
    repo.git(&["add", "讲话.txt"]);
    let again = repo.try_repo("gongwen-fix");
    assert!(again.status.success(), "{}", text(&again));
}

/// The steps of the example workflow's only job.
fn workflow_steps() -> Vec<Yaml> {
    let workflow = load_yaml(&root().join("editors/ci/github-workflow.yml"));
    let jobs = workflow["jobs"].as_hash().expect("jobs");
    assert_eq!(jobs.len(), 1);
    let job = jobs.values().next().unwrap();
    job["steps"].as_vec().expect("steps").clone()
}

/// The workflow's `run:` lines that call gongwen, run as the workflow runs them (`bash -e`)
/// in a copy of `examples/` (the layout the workflow assumes: `archive/` and `drafts/`).
#[test]
fn github_workflow_commands_give_annotations_and_valid_sarif() {
    let steps = workflow_steps();
    let runs: Vec<&str> = steps.iter().filter_map(|s| s["run"].as_str()).collect();
    assert!(
        runs.iter()
            .any(|r| r.contains("cargo install") && r.contains("gongwen")),
        "the workflow installs gongwen: {runs:?}"
    );
    let commands: Vec<&str> = runs
        .iter()
        .flat_map(|r| r.lines())
        .map(str::trim)
        .filter(|l| l.starts_with("gongwen "))
        .collect();
    assert_eq!(commands.len(), 2, "{commands:?}");
    // The README's "In CI" section shows the same commands.
    let readme = std::fs::read_to_string(root().join("README.md")).unwrap();
    let in_ci = &readme[readme.find("## In CI").expect("README: In CI")..];
    for command in &commands {
        assert!(
            in_ci.contains(&format!("run: {command}")),
            "README's In CI section lacks `{command}`"
        );
    }
    let upload = steps
        .iter()
        .find(|s| {
            s["uses"]
                .as_str()
                .is_some_and(|u| u.starts_with("github/codeql-action/upload-sarif@"))
        })
        .expect("an upload-sarif step");
    let sarif_file = upload["with"]["sarif_file"].as_str().unwrap();

    let work = tempfile::tempdir().unwrap();
    for folder in ["archive", "drafts"] {
        let to = work.path().join(folder);
        std::fs::create_dir_all(&to).unwrap();
        for entry in std::fs::read_dir(root().join("examples").join(folder)).unwrap() {
            let entry = entry.unwrap();
            std::fs::copy(entry.path(), to.join(entry.file_name())).unwrap();
        }
    }
    // What the findings are, to compare with.
    let json = run_with_timeout(
        Command::new(gongwen_bin())
            .args([
                "check",
                "--format",
                "json",
                "--archive",
                "archive/",
                "drafts/",
            ])
            .current_dir(work.path()),
        Duration::from_secs(120),
    );
    let findings: Vec<Value> = serde_json::from_slice(&json.stdout).unwrap();
    assert!(findings.len() > 40);

    let run = |command: &str| {
        run_with_timeout(
            Command::new("bash")
                .args(["-e", "-c", command])
                .current_dir(work.path())
                .env("PATH", path_with_gongwen()),
            Duration::from_secs(120),
        )
    };

    // --format github: one workflow command per finding; the step fails on warnings.
    let github = commands
        .iter()
        .find(|c| c.contains("--format github"))
        .expect("a --format github step");
    let output = run(github);
    assert_eq!(output.status.code(), Some(1), "{}", text(&output));
    let annotation = regex::Regex::new(
        r"^::(error|warning|notice) file=drafts/[^,]+\.txt,line=\d+,col=\d+,endLine=\d+,endColumn=\d+,title=[NPCD]\d{3} [a-z-]+::.+$",
    )
    .unwrap();
    let stdout = String::from_utf8(output.stdout).unwrap();
    let lines: Vec<&str> = stdout.lines().collect();
    assert_eq!(lines.len(), findings.len(), "{stdout}");
    for line in &lines {
        assert!(annotation.is_match(line), "not a workflow command: {line}");
    }
    let comma = "::warning file=drafts/yunze-data-sharing-notice-draft.txt,line=34,col=10,endLine=34,endColumn=11,title=P201";
    assert!(lines.iter().any(|l| l.starts_with(comma)), "{stdout}");
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::error ") && l.contains("title=C302"))
    );
    assert!(
        lines
            .iter()
            .any(|l| l.starts_with("::notice ") && l.contains("title=C301"))
    );

    // --format sarif: the step succeeds with findings and writes the file the upload reads.
    let sarif = commands
        .iter()
        .find(|c| c.contains("--format sarif"))
        .expect("a --format sarif step");
    let output = run(sarif);
    assert!(output.status.success(), "{}", text(&output));
    let log: Value = serde_json::from_str(
        &std::fs::read_to_string(work.path().join(sarif_file))
            .unwrap_or_else(|e| panic!("{sarif_file}: {e}")),
    )
    .unwrap();
    let schema = std::fs::read_to_string(root().join("tests/cli/sarif/sarif-2.1.0-rtm.5.json"))
        .unwrap()
        // A stray `]` in the schema's `language` pattern is no valid regex (see tests/cli.rs).
        .replace(
            r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
            r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
        );
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|e| format!("{e} at {}", e.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    assert_eq!(
        log["runs"][0]["results"].as_array().unwrap().len(),
        findings.len()
    );

    // A usage error still fails the SARIF step (exit 2 is not swallowed).
    let broken = sarif.replace("--archive archive/", "--archive no-such-folder/");
    let output = run(&broken);
    assert!(
        !output.status.success(),
        "a bad archive should fail the step: {}",
        text(&output)
    );
    eprintln!(
        "github workflow: {} annotations, {} SARIF results",
        lines.len(),
        findings.len()
    );
}
