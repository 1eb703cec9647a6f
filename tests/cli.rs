//! The `gongwen` binary end to end: `check` in every format and with every exit status,
//! configuration files and flags, `fix` in place, as a diff and on standard input, and
//! `rule`/`rules`.
//!
//! Each test works in a scratch folder: the drafts under `tests/cli/drafts/` are copied
//! there, never changed in place. Tests pass `--select P202` (or look only at P202) so
//! that they hold whichever other rules exist.

use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

use serde_json::{Value, json};

const BIN: &str = env!("CARGO_BIN_EXE_gongwen");

/// The P202 message for `中发[2004]20号`, as in `tests/cli/drafts/p202.txt` line 2.
const MESSAGE_2004: &str = "发文字号年份应使用六角括号〔〕：中发[2004]20号 → 中发〔2004〕20号";

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("tests/cli")
        .join(name)
}

fn fixture_text(name: &str) -> String {
    String::from_utf8(std::fs::read(fixture(name)).unwrap()).unwrap()
}

/// A scratch folder to run the binary in.
struct Scratch {
    dir: tempfile::TempDir,
}

/// How a run ended.
struct Run {
    code: i32,
    stdout: String,
    stdout_bytes: Vec<u8>,
    stderr: String,
}

impl Run {
    fn json(&self) -> Value {
        serde_json::from_str(&self.stdout)
            .unwrap_or_else(|err| panic!("not JSON ({err}):\n{}\n{}", self.stdout, self.stderr))
    }

    /// The code of each finding in `--format json` output.
    fn codes(&self) -> Vec<String> {
        self.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| f["code"].as_str().unwrap().to_string())
            .collect()
    }

    /// `(path, line, column)` of each finding in `--format json` output.
    fn places(&self) -> Vec<(String, u64, u64)> {
        self.json()
            .as_array()
            .unwrap()
            .iter()
            .map(|f| {
                (
                    f["path"].as_str().unwrap().to_string(),
                    f["line"].as_u64().unwrap(),
                    f["column"].as_u64().unwrap(),
                )
            })
            .collect()
    }
}

impl Scratch {
    fn new() -> Scratch {
        Scratch {
            dir: tempfile::Builder::new()
                .prefix("gongwen-cli-")
                .tempdir()
                .unwrap(),
        }
    }

    fn path(&self, relative: &str) -> PathBuf {
        self.dir.path().join(relative)
    }

    fn write(&self, relative: &str, contents: impl AsRef<[u8]>) {
        let path = self.path(relative);
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, contents).unwrap();
    }

    /// Copies `tests/cli/drafts/<name>` to `relative`.
    fn draft(&self, name: &str, relative: &str) {
        self.write(
            relative,
            std::fs::read(fixture(&format!("drafts/{name}"))).unwrap(),
        );
    }

    fn read(&self, relative: &str) -> Vec<u8> {
        std::fs::read(self.path(relative)).unwrap()
    }

    fn run(&self, args: &[&str]) -> Run {
        self.run_in(".", args, None)
    }

    fn run_stdin(&self, args: &[&str], stdin: &[u8]) -> Run {
        self.run_in(".", args, Some(stdin))
    }

    fn run_in(&self, folder: &str, args: &[&str], stdin: Option<&[u8]>) -> Run {
        let mut child = Command::new(BIN)
            .args(args)
            .current_dir(self.path(folder))
            .env_remove("NO_COLOR")
            .stdin(if stdin.is_some() {
                Stdio::piped()
            } else {
                Stdio::null()
            })
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        if let Some(bytes) = stdin {
            child.stdin.take().unwrap().write_all(bytes).unwrap();
        }
        let output = child.wait_with_output().unwrap();
        Run {
            code: output.status.code().unwrap_or(-1),
            stdout: String::from_utf8_lossy(&output.stdout).into_owned(),
            stdout_bytes: output.stdout,
            stderr: String::from_utf8_lossy(&output.stderr).into_owned(),
        }
    }
}

// ---------------------------------------------------------------------------------------
// Formats

#[test]
fn json_gives_every_field_with_columns_in_characters() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    let run = s.run(&["check", "--select", "P202", "--format", "json", "p202.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let findings = run.json();
    let findings = findings.as_array().unwrap();
    assert_eq!(findings.len(), 2, "{findings:#?}");
    let keys: Vec<&String> = findings[0].as_object().unwrap().keys().collect();
    let mut expected_keys = [
        "path",
        "line",
        "column",
        "end_line",
        "end_column",
        "code",
        "name",
        "severity",
        "message",
        "fixes",
    ];
    expected_keys.sort();
    assert_eq!(keys, expected_keys);
    // Line 2 is `𠀀根据中发[2004]20号…`: the Extension B character is one column.
    assert_eq!(
        findings[0],
        json!({
            "path": "p202.txt",
            "line": 2,
            "column": 4,
            "end_line": 2,
            "end_column": 15,
            "code": "P202",
            "name": "docnumber-brackets",
            "severity": "warning",
            "message": MESSAGE_2004,
            "fixes": [{
                "title": "改用六角括号〔〕",
                "safe": true,
                "edits": [
                    {"line": 2, "column": 6, "end_line": 2, "end_column": 7, "text": "〔"},
                    {"line": 2, "column": 11, "end_line": 2, "end_column": 12, "text": "〕"},
                ],
            }],
        })
    );
    assert_eq!(findings[1]["line"], 3);
    assert_eq!(findings[1]["column"], 21);
    assert_eq!(findings[1]["end_column"], 32);
}

#[test]
fn json_of_a_clean_draft_is_an_empty_array() {
    let s = Scratch::new();
    s.draft("clean.txt", "clean.txt");
    let run = s.run(&["check", "--select", "P202", "--format", "json", "clean.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.json(), json!([]));
}

#[test]
fn path_is_as_given_on_the_command_line_or_as_found_under_a_given_directory() {
    let s = Scratch::new();
    s.draft("p202.txt", "sub/a.txt");
    let paths = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["check", "--select", "P202", "--format", "json"];
        full.extend_from_slice(args);
        let mut paths: Vec<String> = s.run(&full).places().into_iter().map(|p| p.0).collect();
        paths.dedup();
        paths
    };
    assert_eq!(paths(&["./sub/../sub/a.txt"]), ["./sub/../sub/a.txt"]);
    assert_eq!(paths(&["sub/"]), ["sub/a.txt"]);
    assert_eq!(paths(&["sub"]), ["sub/a.txt"]);
    assert_eq!(paths(&["./sub"]), ["./sub/a.txt"]);
    // No path: the working directory, shown without `./`.
    assert_eq!(paths(&[]), ["sub/a.txt"]);
    let absolute = s.path("sub/a.txt").display().to_string();
    assert_eq!(paths(&[&absolute]), [absolute]);
    // The same file named twice is checked once, under the first name.
    let run = s.run(&[
        "check",
        "--select",
        "P202",
        "--format",
        "json",
        "sub/a.txt",
        "sub",
    ]);
    assert_eq!(run.places().len(), 2);
}

#[test]
fn sarif_is_valid_sarif_2_1_0_with_rules_results_and_fixes() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    let run = s.run(&["check", "--select", "P202", "--format", "sarif", "p202.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let log = run.json();

    // The schema's `language` pattern has a stray `]` that is no valid regex; the validator
    // checks patterns as it compiles the schema, so it is mended here (we emit no
    // `language`).
    let schema = fixture_text("sarif/sarif-2.1.0-rtm.5.json").replace(
        r#""^[a-zA-Z]{2}|^[a-zA-Z]{2}-[a-zA-Z]{2}]?$""#,
        r#""^[a-zA-Z]{2}(-[a-zA-Z]{2})?$""#,
    );
    let schema: Value = serde_json::from_str(&schema).unwrap();
    let validator = jsonschema::validator_for(&schema).unwrap();
    let errors: Vec<String> = validator
        .iter_errors(&log)
        .map(|err| format!("{err} at {}", err.instance_path()))
        .collect();
    assert!(errors.is_empty(), "{errors:#?}");
    let mut broken = log.clone();
    broken["runs"][0]["results"][0]["level"] = json!("fatal");
    assert!(!validator.is_valid(&broken), "the validator does validate");

    // The properties the schema requires, and the ones the rule contract asks for.
    assert_eq!(log["version"], "2.1.0");
    assert!(log["$schema"].as_str().unwrap().contains("sarif"));
    let runs = log["runs"].as_array().unwrap();
    assert_eq!(runs.len(), 1);
    let sarif_run = &runs[0];
    assert_eq!(sarif_run["columnKind"], "unicodeCodePoints");
    let driver = &sarif_run["tool"]["driver"];
    assert_eq!(driver["name"], "gongwen");
    assert_eq!(driver["version"], env!("CARGO_PKG_VERSION"));
    assert!(
        driver["informationUri"]
            .as_str()
            .unwrap()
            .starts_with("https://")
    );
    let rules = driver["rules"].as_array().unwrap();
    let listed = s.run(&["rules", "--json"]).json();
    assert_eq!(rules.len(), listed.as_array().unwrap().len());
    for rule in rules {
        assert!(rule["id"].is_string(), "{rule}");
        assert!(rule["name"].is_string(), "{rule}");
        assert!(rule["shortDescription"]["text"].is_string(), "{rule}");
        assert!(rule["fullDescription"]["text"].is_string(), "{rule}");
        assert!(rule["help"]["text"].is_string(), "{rule}");
        let level = rule["defaultConfiguration"]["level"].as_str().unwrap();
        assert!(["error", "warning", "note"].contains(&level), "{rule}");
    }
    let results = sarif_run["results"].as_array().unwrap();
    assert_eq!(results.len(), 2);
    let result = &results[0];
    assert_eq!(result["ruleId"], "P202");
    let index = result["ruleIndex"].as_u64().unwrap() as usize;
    assert_eq!(rules[index]["id"], "P202");
    assert_eq!(rules[index]["name"], "docnumber-brackets");
    assert_eq!(result["level"], "warning");
    assert_eq!(result["message"]["text"], MESSAGE_2004);
    let location = &result["locations"][0]["physicalLocation"];
    assert_eq!(location["artifactLocation"]["uri"], "p202.txt");
    assert_eq!(
        location["region"],
        json!({"startLine": 2, "startColumn": 4, "endLine": 2, "endColumn": 15})
    );
    let change = &result["fixes"][0]["artifactChanges"][0];
    assert_eq!(change["artifactLocation"]["uri"], "p202.txt");
    assert_eq!(
        change["replacements"][0],
        json!({
            "deletedRegion": {"startLine": 2, "startColumn": 6, "endLine": 2, "endColumn": 7},
            "insertedContent": {"text": "〔"},
        })
    );
}

#[test]
fn sarif_and_github_levels_follow_the_configured_severity() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    for (severity, sarif, github) in [
        ("error", "error", "::error "),
        ("warning", "warning", "::warning "),
        ("info", "note", "::notice "),
        ("hint", "note", "::notice "),
    ] {
        s.write(
            "gongwen.toml",
            format!("[severity]\nP202 = \"{severity}\"\n"),
        );
        let run = s.run(&["check", "--select", "P202", "--format", "sarif", "p202.txt"]);
        assert_eq!(run.json()["runs"][0]["results"][0]["level"], sarif);
        let run = s.run(&[
            "check", "--select", "P202", "--format", "github", "p202.txt",
        ]);
        assert!(run.stdout.starts_with(github), "{severity}: {}", run.stdout);
    }
}

#[test]
fn github_prints_workflow_commands_with_escaped_properties() {
    let s = Scratch::new();
    s.draft("p202.txt", "a,b:c.txt");
    let run = s.run(&[
        "check",
        "--select",
        "P202",
        "--format",
        "github",
        "a,b:c.txt",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines.len(), 2, "{}", run.stdout);
    assert_eq!(
        lines[0],
        format!(
            "::warning file=a%2Cb%3Ac.txt,line=2,col=4,endLine=2,endColumn=15,title=P202 docnumber-brackets::{MESSAGE_2004}"
        )
    );
    assert!(
        lines[1].starts_with("::warning file=a%2Cb%3Ac.txt,line=3,col=21,endLine=3,endColumn=32,")
    );
}

#[test]
fn human_puts_the_caret_under_cjk_text_and_ends_with_a_summary() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    let run = s.run(&["check", "--select", "P202", "p202.txt"]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    // 𠀀 and every ideograph are two columns wide; full-width marks too.
    let expected = format!(
        "\
p202.txt:2:4: P202 [warning] {MESSAGE_2004}
  |
2 | 𠀀根据中发[2004]20号文件要求，做好工作。
  |       ^^^^^^^^^^^^^^
  = 可用 gongwen fix 修复：改用六角括号〔〕

p202.txt:3:21: P202 [warning] 发文字号年份应使用六角括号〔〕：先组发［2024］3号 → 先组发〔2024〕3号
  |
3 | 按照《关于做好学习动员阶段工作的通知》（先组发［2024］3号）要求执行。
  |                                         ^^^^^^^^^^^^^^^^^
  = 可用 gongwen fix 修复：改用六角括号〔〕

共 2 个问题（错误 0，警告 2，信息 0，提示 0），检查了 1 个文件；其中 2 个可用 `gongwen fix` 自动修复。
"
    );
    assert_eq!(run.stdout, expected);
    assert!(!run.stdout.contains('\x1b'), "no colour when piped");
}

#[test]
fn human_expands_tabs_before_placing_the_caret() {
    let s = Scratch::new();
    s.write("tab.txt", "\t依据\t国发(2016)5号\n");
    let run = s.run(&["check", "--select", "P202", "tab.txt"]);
    let lines: Vec<&str> = run.stdout.lines().collect();
    assert_eq!(lines[2], "1 |     依据    国发(2016)5号");
    assert_eq!(lines[3], "  |             ^^^^^^^^^^^^^");
}

#[test]
fn human_of_a_clean_run_says_so() {
    let s = Scratch::new();
    s.draft("clean.txt", "clean.txt");
    let run = s.run(&["check", "--select", "P202", "clean.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stdout, "未发现问题（检查了 1 个文件）。\n");
}

#[test]
fn lang_en_in_the_config_switches_messages_and_the_cli_texts_to_english() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    s.write("gongwen.toml", "lang = \"en\"\n");
    let run = s.run(&["check", "--select", "P202", "p202.txt"]);
    assert!(
        run.stdout.starts_with(
            "p202.txt:2:4: P202 [warning] the year of a doc number goes in 〔〕: 中发[2004]20号 → 中发〔2004〕20号\n"
        ),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("  = fixable with gongwen fix: Use 〔〕\n")
    );
    assert!(run.stdout.ends_with(
        "Found 2 problems (0 errors, 2 warnings, 0 info, 0 hints) in 1 file checked; 2 fixable with `gongwen fix`.\n"
    ));
    let run = s.run(&["check", "--select", "P202", "--format", "json", "p202.txt"]);
    assert_eq!(run.json()[0]["fixes"][0]["title"], "Use 〔〕");
}

// ---------------------------------------------------------------------------------------
// Exit status and configuration

#[test]
fn exit_status_follows_fail_on_and_the_configured_severity() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    s.draft("clean.txt", "clean.txt");
    let code = |config: &str, args: &[&str]| {
        s.write("gongwen.toml", config);
        let mut full = vec!["check", "--select", "P202", "--format", "json"];
        full.extend_from_slice(args);
        full.push("p202.txt");
        s.run(&full).code
    };
    assert_eq!(s.run(&["check", "--select", "P202", "clean.txt"]).code, 0);
    assert_eq!(
        code("", &[]),
        1,
        "a warning fails at the default --fail-on warning"
    );
    assert_eq!(code("", &["--fail-on", "error"]), 0);
    assert_eq!(code("", &["--fail-on", "hint"]), 1);
    let info = "[severity]\nP202 = \"info\"\n";
    assert_eq!(code(info, &[]), 0);
    assert_eq!(code(info, &["--fail-on", "info"]), 1);
    let hint = "[severity]\nP202 = \"hint\"\n";
    assert_eq!(code(hint, &["--fail-on", "info"]), 0);
    assert_eq!(code(hint, &["--fail-on", "hint"]), 1);
    let error = "[severity]\nP202 = \"error\"\n";
    assert_eq!(code(error, &["--fail-on", "error"]), 1);
    assert_eq!(
        code("[severity]\nP202 = \"off\"\n", &["--fail-on", "hint"]),
        0
    );
}

#[test]
fn a_bad_config_exits_2_with_one_line_naming_the_file_and_the_key() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    for (config, key) in [
        ("archve = []\n", "archve"),
        ("lang = 1\n", "lang"),
        ("[numbering]\nthird-level = \"both\"\n", "both"),
        ("select = [\"X1\"]\n", "`select`"),
        ("ignore = [\"P2011\"]\n", "`ignore`"),
        ("[severity]\nP999 = \"off\"\n", "severity.P999"),
        ("[severity]\nP202 = \"loud\"\n", "loud"),
        (
            "[per-file-ignores]\n\"a.txt\" = [\"Q1\"]\n",
            "per-file-ignores",
        ),
        ("include = [\"a[\"]\n", "`include`"),
    ] {
        s.write("gongwen.toml", config);
        let run = s.run(&["check", "p202.txt"]);
        assert_eq!(run.code, 2, "{config}");
        assert_eq!(run.stdout, "", "{config}");
        assert_eq!(run.stderr.lines().count(), 1, "{config}: {}", run.stderr);
        assert!(
            run.stderr.contains("gongwen.toml"),
            "{config}: {}",
            run.stderr
        );
        assert!(run.stderr.contains(key), "{config}: {}", run.stderr);
    }
}

#[test]
fn unknown_codes_on_the_command_line_exit_2() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    for (flag, code) in [
        ("--select", "X1"),
        ("--ignore", "P2011"),
        ("--select", "p202"),
    ] {
        let run = s.run(&["check", flag, code, "p202.txt"]);
        assert_eq!(run.code, 2, "{flag} {code}");
        assert!(
            run.stderr.contains(flag) && run.stderr.contains(code),
            "{}",
            run.stderr
        );
        assert_eq!(run.stderr.lines().count(), 1);
    }
}

#[test]
fn usage_errors_and_a_missing_config_file_exit_2() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    assert_eq!(s.run(&["check", "--format", "xml", "p202.txt"]).code, 2);
    assert_eq!(s.run(&["check", "--fail-on", "loud", "p202.txt"]).code, 2);
    assert_eq!(s.run(&["check", "--stdin", "p202.txt"]).code, 2);
    let run = s.run(&["check", "--config", "nowhere.toml", "p202.txt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere.toml"), "{}", run.stderr);
}

#[test]
fn unreadable_input_exits_2_after_reporting_the_readable_files() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    s.write("binary.txt", b"\x7fELF\x02\x01\x01\x00\x00\x00");
    let run = s.run(&[
        "check",
        "--select",
        "P202",
        "--format",
        "json",
        "missing.txt",
        "p202.txt",
        "binary.txt",
    ]);
    assert_eq!(run.code, 2);
    assert_eq!(run.places().len(), 2);
    assert!(run.stderr.contains("missing.txt"), "{}", run.stderr);
    assert!(run.stderr.contains("binary.txt"), "{}", run.stderr);
}

#[test]
fn select_and_ignore_flags_go_on_top_of_the_config() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    let p202s = |args: &[&str]| {
        let mut full = vec!["check", "--format", "json"];
        full.extend_from_slice(args);
        full.push("p202.txt");
        s.run(&full).codes().iter().filter(|c| *c == "P202").count()
    };
    // --select replaces the config's select.
    s.write("gongwen.toml", "select = [\"N\"]\n");
    assert_eq!(p202s(&[]), 0);
    assert_eq!(p202s(&["--select", "P2"]), 2);
    // --ignore adds to the config's ignore, and ignore beats select.
    s.write("gongwen.toml", "ignore = [\"P202\"]\n");
    assert_eq!(
        s.run(&["check", "--select", "P202", "--format", "json", "p202.txt"])
            .places()
            .len(),
        0
    );
    s.write("gongwen.toml", "");
    let run = s.run(&[
        "check", "--select", "P202", "--ignore", "P2", "--format", "json", "p202.txt",
    ]);
    assert_eq!(run.places().len(), 0);
}

#[test]
fn per_file_ignores_are_relative_to_the_config_folder() {
    let s = Scratch::new();
    s.write(
        "gongwen.toml",
        "[per-file-ignores]\n\"speeches/*.txt\" = [\"P202\"]\n",
    );
    s.draft("p202.txt", "speeches/a.txt");
    s.draft("p202.txt", "drafts/b.txt");
    let run = s.run(&["check", "--select", "P202", "--format", "json"]);
    let files: Vec<String> = run.places().into_iter().map(|p| p.0).collect();
    assert_eq!(files, ["drafts/b.txt", "drafts/b.txt"]);
    // From another folder, the pattern still reads from the config's folder.
    let run = s.run_in(
        "drafts",
        &[
            "check",
            "--select",
            "P202",
            "--format",
            "json",
            "../speeches/a.txt",
            "b.txt",
        ],
        None,
    );
    let files: Vec<String> = run.places().into_iter().map(|p| p.0).collect();
    assert_eq!(files, ["b.txt", "b.txt"]);
}

#[test]
fn disable_next_line_comment_suppresses_a_finding() {
    let s = Scratch::new();
    s.write(
        "draft.txt",
        "<!-- gongwen-disable-next-line P202 -->\n根据中发[2004]20号文件\n国发(2016)5号同时废止。\n",
    );
    let run = s.run(&["check", "--select", "P202", "--format", "json", "draft.txt"]);
    assert_eq!(run.places(), [("draft.txt".to_string(), 3, 1)]);
}

#[test]
fn a_directory_walk_honours_include_exclude_and_gitignore() {
    let s = Scratch::new();
    s.write(
        "gongwen.toml",
        "include = [\"**/*.txt\"]\nexclude = [\"drafts/old/**\"]\n",
    );
    s.write(".gitignore", "ignored/\n");
    for path in [
        "top.txt",
        "drafts/a.txt",
        "drafts/old/b.txt",
        "ignored/c.txt",
        ".hidden/d.txt",
        "notes.md",
    ] {
        s.draft("p202.txt", path);
    }
    let files = |folder: &str, args: &[&str]| -> Vec<String> {
        let mut full = vec!["check", "--select", "P202", "--format", "json"];
        full.extend_from_slice(args);
        let mut files: Vec<String> = s
            .run_in(folder, &full, None)
            .places()
            .into_iter()
            .map(|p| p.0)
            .collect();
        files.dedup();
        files
    };
    assert_eq!(files(".", &[]), ["drafts/a.txt", "top.txt"]);
    // `exclude` is relative to the config's folder, whichever directory is walked.
    assert_eq!(files(".", &["drafts"]), ["drafts/a.txt"]);
    assert_eq!(files("drafts", &["."]), ["./a.txt"]);
    // A file named on the command line is checked even when the walk would leave it out.
    assert_eq!(
        files(".", &["drafts/old/b.txt", "notes.md"]),
        ["drafts/old/b.txt", "notes.md"]
    );
}

#[test]
fn each_file_gets_the_config_nearest_to_it_unless_one_is_given() {
    let s = Scratch::new();
    s.draft("p202.txt", "a.txt");
    s.draft("p202.txt", "quiet/b.txt");
    s.write("quiet/gongwen.toml", "ignore = [\"P202\"]\n");
    s.write("other.toml", "");
    let files = |args: &[&str]| -> Vec<String> {
        let mut full = vec!["check", "--select", "P202", "--format", "json"];
        full.extend_from_slice(args);
        let mut files: Vec<String> = s.run(&full).places().into_iter().map(|p| p.0).collect();
        files.dedup();
        files
    };
    assert_eq!(files(&[]), ["a.txt"]);
    assert_eq!(files(&["--config", "other.toml"]), ["a.txt", "quiet/b.txt"]);
}

#[test]
fn archive_flag_loads_the_archive_and_a_missing_root_exits_2() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    s.draft("clean.txt", "archive/old.txt");
    let run = s.run(&[
        "check",
        "--archive",
        "archive",
        "--select",
        "P202",
        "--format",
        "json",
        "p202.txt",
    ]);
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.places().len(), 2);
    let run = s.run(&["check", "--archive", "nowhere", "p202.txt"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("nowhere"), "{}", run.stderr);
}

// ---------------------------------------------------------------------------------------
// Standard input

#[test]
fn check_reads_stdin_and_reports_it_under_the_given_name() {
    let s = Scratch::new();
    let text = "```\n中发[2004]20号\n```\n国发(2016)5号同时废止。\n";
    // `.md` makes it Markdown: the fenced block is not linted.
    let run = s.run_stdin(
        &[
            "check",
            "--select",
            "P202",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            "sub/x.md",
        ],
        text.as_bytes(),
    );
    assert_eq!(run.code, 1, "{}", run.stderr);
    assert_eq!(run.places(), [("sub/x.md".to_string(), 4, 1)]);
    // Without a name it is plain text, shown as `-`.
    let run = s.run_stdin(
        &["check", "--select", "P202", "--format", "json", "--stdin"],
        text.as_bytes(),
    );
    assert_eq!(
        run.places(),
        [("-".to_string(), 2, 1), ("-".to_string(), 4, 1)]
    );
}

#[test]
fn check_stdin_takes_the_config_above_the_given_name() {
    let s = Scratch::new();
    s.write("quiet/gongwen.toml", "ignore = [\"P202\"]\n");
    let text = fixture_text("drafts/p202.txt");
    let args = |name: &'static str| {
        [
            "check",
            "--select",
            "P202",
            "--format",
            "json",
            "--stdin",
            "--stdin-filename",
            name,
        ]
    };
    assert_eq!(s.run_stdin(&args("quiet/new.txt"), text.as_bytes()).code, 0);
    assert_eq!(s.run_stdin(&args("loud/new.txt"), text.as_bytes()).code, 1);
}

#[test]
fn check_stdin_detects_gb18030() {
    let s = Scratch::new();
    let bytes = std::fs::read(fixture("drafts/gb18030.txt")).unwrap();
    let run = s.run_stdin(
        &["check", "--select", "P202", "--format", "json", "--stdin"],
        &bytes,
    );
    assert_eq!(
        run.places(),
        [("-".to_string(), 3, 3), ("-".to_string(), 3, 17)]
    );
}

#[test]
fn fix_stdin_prints_the_fixed_text_in_the_input_encoding() {
    let s = Scratch::new();
    let text = fixture_text("drafts/p202.txt");
    let run = s.run_stdin(
        &[
            "fix",
            "--select",
            "P202",
            "--stdin",
            "--stdin-filename",
            "a.txt",
        ],
        text.as_bytes(),
    );
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, p202_fixed(&text));

    let bytes = std::fs::read(fixture("drafts/gb18030.txt")).unwrap();
    let run = s.run_stdin(&["fix", "--select", "P202", "--stdin"], &bytes);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let (original, _) = gb18030(&bytes);
    let (fixed, encoded_back) = gb18030(&run.stdout_bytes);
    assert!(encoded_back, "stdout is GB18030");
    assert_eq!(fixed, p202_fixed(&original));
}

// ---------------------------------------------------------------------------------------
// Fix

/// The P202 fix of the drafts in `tests/cli/drafts/`, done by hand.
fn p202_fixed(text: &str) -> String {
    text.replace("[2004]", "〔2004〕")
        .replace("［2024］", "〔2024〕")
        .replace("(2016)", "〔2016〕")
        .replace("(2019)", "〔2019〕")
}

/// Decodes GB18030 bytes; the flag says whether they were GB18030 and not UTF-8.
fn gb18030(bytes: &[u8]) -> (String, bool) {
    let (text, had_errors) = encoding_rs::GB18030.decode_without_bom_handling(bytes);
    (
        text.into_owned(),
        !had_errors && std::str::from_utf8(bytes).is_err(),
    )
}

#[test]
fn fix_rewrites_a_gb18030_draft_and_keeps_it_gb18030() {
    let s = Scratch::new();
    s.draft("gb18030.txt", "gb.txt");
    let (original, is_gb) = gb18030(&s.read("gb.txt"));
    assert!(is_gb);
    let run = s.run(&["check", "--select", "P202", "--format", "json", "gb.txt"]);
    assert_eq!(
        run.places(),
        [("gb.txt".to_string(), 3, 3), ("gb.txt".to_string(), 3, 17)]
    );
    let run = s.run(&["fix", "--select", "P202", "gb.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = s.read("gb.txt");
    let (fixed, still_gb) = gb18030(&bytes);
    assert!(still_gb, "the file is still GB18030");
    assert_eq!(fixed, p202_fixed(&original));
    let (expected, _, _) = encoding_rs::GB18030.encode(&fixed);
    assert_eq!(bytes, expected.into_owned());
}

#[test]
fn fix_keeps_crlf_lf_and_mixed_line_endings() {
    let s = Scratch::new();
    for name in ["crlf.txt", "p202.txt", "mixed.txt"] {
        s.draft(name, name);
        let run = s.run(&["fix", "--select", "P202", name]);
        assert_eq!(run.code, 0, "{name}: {}", run.stderr);
        let expected = p202_fixed(&fixture_text(&format!("drafts/{name}")));
        assert_eq!(String::from_utf8(s.read(name)).unwrap(), expected, "{name}");
    }
    let crlf = String::from_utf8(s.read("crlf.txt")).unwrap();
    assert_eq!(crlf.matches("\r\n").count(), crlf.matches('\n').count());
    assert!(
        !String::from_utf8(s.read("p202.txt"))
            .unwrap()
            .contains('\r')
    );
}

#[test]
fn fix_keeps_a_utf8_bom() {
    let s = Scratch::new();
    s.draft("bom.txt", "bom.txt");
    let run = s.run(&["fix", "--select", "P202", "bom.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    let bytes = s.read("bom.txt");
    assert!(bytes.starts_with(b"\xEF\xBB\xBF"));
    assert_eq!(
        String::from_utf8(bytes).unwrap(),
        p202_fixed(&fixture_text("drafts/bom.txt"))
    );
}

#[test]
fn fix_keeps_the_file_mode_and_reports_a_summary_on_stderr() {
    use std::os::unix::fs::PermissionsExt;

    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    s.draft("clean.txt", "clean.txt");
    std::fs::set_permissions(s.path("p202.txt"), std::fs::Permissions::from_mode(0o600)).unwrap();
    let run = s.run(&["fix", "--select", "P202", "p202.txt", "clean.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(run.stdout, "", "nothing remains to report");
    assert_eq!(
        run.stderr,
        "已修复 1 个文件，共 4 处修改（检查了 2 个文件）\n"
    );
    let mode = std::fs::metadata(s.path("p202.txt"))
        .unwrap()
        .permissions()
        .mode();
    assert_eq!(mode & 0o777, 0o600);
    let left: Vec<_> = std::fs::read_dir(s.dir.path()).unwrap().collect();
    assert_eq!(left.len(), 2, "no temporary file is left behind");
    // Fixing again changes nothing.
    let run = s.run(&["fix", "--select", "P202", "p202.txt"]);
    assert_eq!(run.code, 0);
    assert_eq!(run.stderr, "没有可自动修复的问题（检查了 1 个文件）\n");
}

#[test]
fn fix_diff_prints_a_unified_diff_and_writes_nothing() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    let before = s.read("p202.txt");
    let modified = std::fs::metadata(s.path("p202.txt"))
        .unwrap()
        .modified()
        .unwrap();
    let run = s.run(&["fix", "--select", "P202", "--diff", "p202.txt"]);
    assert_eq!(run.code, 0, "{}", run.stderr);
    assert_eq!(s.read("p202.txt"), before);
    assert_eq!(
        std::fs::metadata(s.path("p202.txt"))
            .unwrap()
            .modified()
            .unwrap(),
        modified
    );
    assert!(
        run.stdout
            .starts_with("--- a/p202.txt\n+++ b/p202.txt\n@@ "),
        "{}",
        run.stdout
    );
    assert!(
        run.stdout
            .contains("\n-𠀀根据中发[2004]20号文件要求，做好工作。\n")
    );
    assert!(
        run.stdout
            .contains("\n+𠀀根据中发〔2004〕20号文件要求，做好工作。\n")
    );
    assert!(
        run.stdout
            .contains("\n+按照《关于做好学习动员阶段工作的通知》（先组发〔2024〕3号）要求执行。\n")
    );
    assert!(run.stderr.contains("未写入"), "{}", run.stderr);
}

#[test]
fn fix_takes_fail_on_and_exits_2_on_a_bad_config() {
    let s = Scratch::new();
    s.draft("p202.txt", "p202.txt");
    s.write("gongwen.toml", "select = [\"X1\"]\n");
    let run = s.run(&["fix", "p202.txt"]);
    assert_eq!(run.code, 2);
    assert_eq!(
        s.read("p202.txt"),
        std::fs::read(fixture("drafts/p202.txt")).unwrap()
    );
    s.write("gongwen.toml", "");
    let run = s.run(&["fix", "--select", "P202", "--fail-on", "hint", "p202.txt"]);
    assert_eq!(
        run.code, 0,
        "nothing remains once P202 is fixed: {}",
        run.stderr
    );
}

/// Two bytes that decode from Big5 to an ideograph that Big5 cannot encode back (an
/// HKSCS extension character): a real Big5 file can hold text a fix cannot write back.
fn big5_one_way() -> [u8; 2] {
    for lead in 0x87u8..=0xA0 {
        for trail in (0x40u8..=0x7E).chain(0xA1..=0xFE) {
            let bytes = [lead, trail];
            let (text, had_errors) = encoding_rs::BIG5.decode_without_bom_handling(&bytes);
            let mut chars = text.chars();
            let (Some(c), None) = (chars.next(), chars.next()) else {
                continue;
            };
            if had_errors || !('\u{4E00}'..='\u{9FFF}').contains(&c) {
                continue;
            }
            let (_, _, unmappable) = encoding_rs::BIG5.encode(&text);
            if unmappable {
                return bytes;
            }
        }
    }
    panic!("no one-way Big5 character found");
}

#[test]
fn fix_leaves_a_file_untouched_when_its_encoding_cannot_hold_the_fixed_text() {
    let s = Scratch::new();
    let lead = "中央保持共產黨員先進性教育活動領導小組發出通知，要求各地區各部門認真貫徹落實。\n"
        .repeat(4);
    let mut bytes = encoding_rs::BIG5.encode(&lead).0.into_owned();
    bytes.extend_from_slice(&big5_one_way());
    let (tail, _, _) = encoding_rs::BIG5.encode("\n根據中發[2004]20號文件要求辦理。\n");
    bytes.extend_from_slice(&tail);
    s.write("big5.txt", &bytes);
    let run = s.run(&["check", "--select", "P202", "--format", "json", "big5.txt"]);
    assert_eq!(run.code, 1, "read as Big5: {}", run.stderr);
    let run = s.run(&["fix", "--select", "P202", "big5.txt"]);
    assert_eq!(run.code, 2);
    assert!(
        run.stderr.contains("big5.txt") && run.stderr.contains("Big5"),
        "{}",
        run.stderr
    );
    assert_eq!(s.read("big5.txt"), bytes, "the file is untouched");
}

// ---------------------------------------------------------------------------------------
// rule and rules

#[test]
fn rule_prints_the_documentation_and_rejects_unknown_codes() {
    let s = Scratch::new();
    for wanted in ["P202", "p202", "docnumber-brackets"] {
        let run = s.run(&["rule", wanted]);
        assert_eq!(run.code, 0, "{wanted}");
        assert!(
            run.stdout.starts_with("# P202 docnumber-brackets"),
            "{}",
            run.stdout
        );
        assert!(run.stdout.contains("GB/T 9704-2012"));
    }
    let run = s.run(&["rule", "X1"]);
    assert_eq!(run.code, 2);
    assert!(run.stderr.contains("X1"));
}

#[test]
fn rules_lists_every_rule_in_chinese_english_and_json() {
    let s = Scratch::new();
    let run = s.run(&["rules"]);
    assert_eq!(run.code, 0);
    let p202 = run.stdout.lines().find(|l| l.starts_with("P202 ")).unwrap();
    let cells: Vec<&str> = p202.split_whitespace().collect();
    assert_eq!(
        cells,
        [
            "P202",
            "docnumber-brackets",
            "warning",
            "安全",
            "否",
            "发文字号年份未用六角括号〔〕"
        ]
    );
    let listed = s.run(&["rules", "--json"]).json();
    let listed = listed.as_array().unwrap();
    assert_eq!(
        run.stdout.lines().count(),
        listed.len() + 1,
        "a header and a line per rule"
    );
    let entry = listed.iter().find(|r| r["code"] == "P202").unwrap();
    assert_eq!(
        *entry,
        json!({
            "code": "P202",
            "name": "docnumber-brackets",
            "default_severity": "warning",
            "fix": "safe",
            "needs_archive": false,
            "summary": "发文字号年份未用六角括号〔〕",
        })
    );
    assert!(listed.iter().any(|r| r["needs_archive"] == true));
    let english = s.run(&["rules", "--lang", "en"]).stdout;
    assert!(
        english.contains("year of a doc number not in 〔〕"),
        "{english}"
    );
    s.write("gongwen.toml", "lang = \"en\"\n");
    let english = s.run(&["rules"]).stdout;
    assert!(
        english.contains("year of a doc number not in 〔〕"),
        "{english}"
    );
}
