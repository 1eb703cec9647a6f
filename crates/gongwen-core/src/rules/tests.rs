//! The rule harness: every rule against its fixtures and snapshots, and the consistency
//! checks that keep rules, fixtures, snapshots and `docs/rules.md` in step.
//!
//! A fixture `tests/fixtures/rules/<CODE>.txt` (and variants `<CODE>.<name>.txt`) is a
//! draft, optionally followed by archive documents:
//!
//! - `<!-- must-fire -->`: from here on, every non-blank text line must get a finding of
//!   the rule (one case per line);
//! - `<!-- must-not-fire -->`: from here on, no line may get one;
//! - `<!-- config: third-level=halfwidth -->`: options for the run;
//! - `<!-- archive: NAME -->`: the rest, up to the next such line, is an archive document
//!   (C rules run with an archive when the fixture has at least one).
//!
//! The snapshot `<CODE>[.<name>].snap` lists each finding (1-based line:column in
//! characters, the text it covers, the message and fixes) and the text after all safe
//! fixes. Run `UPDATE_EXPECT=1 cargo test -p gongwen-core` to rewrite snapshots and
//! `docs/rules.md`, then review the diff.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use crate::archive::{Archive, DocSummary};
use crate::config::{Config, ThirdLevel};
use crate::diagnostic::{Diagnostic, apply_edits, safe_edits};
use crate::document::{Document, Format};
use crate::rules::{ALL, Rule, check, fix};

fn fixtures_dir() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/fixtures/rules")
}

fn docs_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/rules.md")
}

/// Compares `actual` with the file, or rewrites the file under `UPDATE_EXPECT=1`.
pub(crate) fn assert_file(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(path, actual).unwrap_or_else(|e| panic!("writing {}: {e}", path.display()));
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_default();
    if expected != actual {
        let mut diff = String::new();
        for (i, (e, a)) in expected.lines().zip(actual.lines()).enumerate() {
            if e != a {
                let _ = writeln!(diff, "first difference at line {}:\n- {e}\n+ {a}", i + 1);
                break;
            }
        }
        panic!(
            "{} is stale ({} vs {} lines). {diff}\nRun `UPDATE_EXPECT=1 cargo test -p gongwen-core` and review the diff.",
            path.display(),
            expected.lines().count(),
            actual.lines().count()
        );
    }
}

struct Fixture {
    draft: String,
    archive: Vec<(String, String)>,
    config: Config,
}

fn parse_fixture(text: &str, code: &str) -> Fixture {
    let mut draft = String::new();
    let mut archive: Vec<(String, String)> = Vec::new();
    let mut config = Config::only(code);
    for line in text.split_inclusive('\n') {
        let trimmed = line.trim();
        if let Some(name) = trimmed
            .strip_prefix("<!-- archive:")
            .and_then(|r| r.strip_suffix("-->"))
        {
            archive.push((format!("archive/{}", name.trim()), String::new()));
            continue;
        }
        if let Some(options) = trimmed
            .strip_prefix("<!-- config:")
            .and_then(|r| r.strip_suffix("-->"))
        {
            for option in options.split_whitespace() {
                match option {
                    "third-level=halfwidth" => config.third_level = ThirdLevel::Halfwidth,
                    "third-level=fullwidth" => config.third_level = ThirdLevel::Fullwidth,
                    other => panic!("unknown fixture option {other}"),
                }
            }
        }
        match archive.last_mut() {
            Some((_, text)) => text.push_str(line),
            None => draft.push_str(line),
        }
    }
    Fixture {
        draft,
        archive,
        config,
    }
}

/// Runs one rule on one fixture: the snapshot text, and the problems with must-fire and
/// must-not-fire sections.
fn run_fixture(rule: &Rule, fixture_text: &str) -> (String, Vec<String>) {
    let fixture = parse_fixture(fixture_text, rule.code);
    let archive = (!fixture.archive.is_empty()).then(|| {
        Archive::build(
            fixture
                .archive
                .iter()
                .map(|(path, text)| {
                    DocSummary::new(
                        path.clone(),
                        &Document::parse(text.clone(), Format::from_path(path)),
                    )
                })
                .collect(),
        )
    });
    let doc = Document::parse(fixture.draft.clone(), Format::Plain);
    let found = check(&doc, archive.as_ref(), None, &fixture.config);
    let mut snap = String::new();
    for d in &found {
        let _ = writeln!(snap, "{}", render(&doc, d));
    }
    let edits = safe_edits(&found);
    if !edits.is_empty() {
        let (once, _) = apply_edits(&fixture.draft, &edits);
        let (fixed, _) = fix(&fixture.draft, Format::Plain, &fixture.config);
        let _ = writeln!(snap, "\n--- 应用全部安全修复后 ---");
        snap.push_str(&fixed);
        if once != fixed {
            let _ = writeln!(snap, "\n--- (one pass gave) ---\n{once}");
        }
    }

    let mut problems = Vec::new();
    let mut section = "";
    for (i, line) in doc.lines.lines().iter().enumerate() {
        let text = doc.text[line.content.range()].trim();
        match text {
            "<!-- must-fire -->" => section = "fire",
            "<!-- must-not-fire -->" => section = "quiet",
            _ => {}
        }
        if !doc.classes[i].is_text() || text.is_empty() {
            continue;
        }
        let hits = found
            .iter()
            .filter(|d| d.code == rule.code && doc.lines.line_of(d.range.start()) == i)
            .count();
        if section == "fire" && hits == 0 {
            problems.push(format!("line {} must fire {}: {text}", i + 1, rule.code));
        }
        if section == "quiet" && hits > 0 {
            problems.push(format!(
                "line {} must not fire {}: {text}",
                i + 1,
                rule.code
            ));
        }
    }
    (snap, problems)
}

/// `3:5-3:7 P201 warning 「,」 message ⟶ fix (safe): title [edits]`.
fn render(doc: &Document, d: &Diagnostic) -> String {
    let (l1, c1) = doc.lines.line_col(&doc.text, d.range.start());
    let (l2, c2) = doc.lines.line_col(&doc.text, d.range.end());
    let covered: String = doc.text[d.range.range()].chars().take(40).collect();
    let mut out = format!(
        "{}:{}-{}:{} {} {} 「{}」 {}",
        l1 + 1,
        c1 + 1,
        l2 + 1,
        c2 + 1,
        d.code,
        d.severity,
        covered,
        d.message.zh
    );
    for fix in &d.fixes {
        let edits: Vec<String> = fix
            .edits
            .iter()
            .map(|e| format!("「{}」→「{}」", &doc.text[e.range.range()], e.text))
            .collect();
        let _ = write!(
            out,
            "\n    {} {}：{}",
            if fix.safe { "safe" } else { "suggestion" },
            fix.title.zh,
            edits.join(" ")
        );
    }
    out
}

fn fixture_files(code: &str) -> Vec<PathBuf> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(fixtures_dir())
        .map(|dir| {
            dir.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    let name = p.file_name().and_then(|n| n.to_str()).unwrap_or_default();
                    p.extension().is_some_and(|e| e == "txt")
                        && (name == format!("{code}.txt") || name.starts_with(&format!("{code}.")))
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
}

#[test]
fn rules_match_their_fixtures_and_snapshots() {
    let mut problems = Vec::new();
    for rule in ALL {
        for fixture in fixture_files(rule.code) {
            let text = std::fs::read_to_string(&fixture).expect("fixture");
            let (snap, mut fixture_problems) = run_fixture(rule, &text);
            problems.append(&mut fixture_problems);
            let snap_path = fixture.with_extension("snap");
            let result = std::panic::catch_unwind(|| assert_file(&snap_path, &snap));
            if let Err(err) = result {
                let message = err.downcast_ref::<String>().cloned().unwrap_or_default();
                problems.push(message);
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

#[test]
fn every_rule_is_complete() {
    let mut problems = Vec::new();
    let family = |code: &str| "NPCD".find(&code[..1]).unwrap_or(9);
    let mut previous: Option<(usize, &str)> = None;
    for rule in ALL {
        let code = rule.code;
        let code_ok = code.len() == 4
            && code.starts_with(['N', 'P', 'C', 'D'])
            && code[1..].bytes().all(|b| b.is_ascii_digit());
        if !code_ok {
            problems.push(format!("{code}: malformed code"));
        }
        let key = (family(code), code);
        if previous.is_some_and(|p| p >= key) {
            problems.push(format!(
                "{code}: ALL is not in contract order (N, P, C, D; codes ascending)"
            ));
        }
        previous = Some(key);
        if rule.name.is_empty()
            || !rule
                .name
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b == b'-')
        {
            problems.push(format!("{code}: name `{}` is not kebab-case", rule.name));
        }
        let doc = rule.doc();
        if !doc.starts_with(&format!("# {code} {}：", rule.name)) {
            problems.push(format!(
                "{code}: doc must start with `# {code} {}：…`",
                rule.name
            ));
        }
        for section in ["## 检查内容", "## 依据", "## 示例", "## 应改为", "## 修复"] {
            if !doc.contains(section) {
                problems.push(format!("{code}: doc lacks `{section}`"));
            }
        }
        if doc.contains("TODO") {
            problems.push(format!("{code}: doc has a TODO"));
        }
        if !["safe", "suggestion", "safe/suggestion", "none"].contains(&rule.fix) {
            problems.push(format!("{code}: fix `{}`", rule.fix));
        }
        let fixtures = fixture_files(code);
        if fixtures.is_empty() {
            problems.push(format!("{code}: no fixture {code}.txt"));
        }
        for fixture in fixtures {
            let text = std::fs::read_to_string(&fixture).unwrap_or_default();
            if !text.contains("<!-- must-fire -->") || !text.contains("<!-- must-not-fire -->") {
                problems.push(format!(
                    "{}: needs must-fire and must-not-fire sections",
                    fixture.display()
                ));
            }
            if !fixture.with_extension("snap").exists() {
                problems.push(format!("{}: no snapshot", fixture.display()));
            }
        }
    }
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}

/// How to turn rules off and silence one finding (see `suppress` in `rules/mod.rs` and the
/// configuration schema).
const SILENCING: &str = "
## 关闭规则，忽略单个问题 · Turning rules off, silencing one finding

- 整个项目或目录：`gongwen.toml` 里 `ignore = [\"P210\"]`（代码或前缀，如 `\"C\"`），或
  `[severity]` 下 `P210 = \"off\"`；部分文件：`[per-file-ignores]`，如
  `\"讲话/*.txt\" = [\"D401\"]`。命令行：`--ignore P210`、`--select N,P`。
- 单个问题：在文中写一条注释，纯文本和 Markdown 都认：
  - `<!-- gongwen-disable-next-line P201 -->`：下一行不报 P201；
  - `<!-- gongwen-disable-line P201 -->`：写在问题所在行的行尾，本行不报；
  - `<!-- gongwen-disable P201 -->`：整个文件不报。
  可写多个代码（空格或逗号分隔）或前缀（`P2`）；不写代码则对所有规则生效。
  `gongwen fix` 和编辑器的修复都不会改动注释。编辑器里每个问题的快速修复最后一项
  “在此行忽略 CODE”会替你插入第一种注释。

Project-wide: `ignore` or `[severity]` in `gongwen.toml`, `[per-file-ignores]` for some
files, `--ignore`/`--select` on the command line. One finding: a comment in the draft (plain
text or Markdown) — `<!-- gongwen-disable-next-line P201 -->` for the next line,
`<!-- gongwen-disable-line P201 -->` at the end of the line itself,
`<!-- gongwen-disable P201 -->` for the whole file; several codes or prefixes, or none for
every rule. In an editor, the last quick fix of a finding, \"Ignore CODE on this line\",
inserts the first form.
";

/// `docs/rules.md`, generated from the rule docs.
pub(crate) fn rules_markdown() -> String {
    let mut out = String::from(
        "# gongwen rules\n\n<!-- Generated from the rule modules' docs by `UPDATE_EXPECT=1 cargo test -p gongwen-core`; do not edit. -->\n\n",
    );
    out.push_str("| code | name | default | fix | what it finds |\n|---|---|---|---|---|\n");
    for rule in ALL {
        let _ = writeln!(
            out,
            "| [{}](#{}) | `{}` | {} | {} | {} |",
            rule.code,
            rule.code.to_lowercase(),
            rule.name,
            rule.default_severity,
            rule.fix,
            rule.summary
        );
    }
    out.push_str(SILENCING);
    for rule in ALL {
        out.push('\n');
        let doc = rule.doc();
        // The first line becomes an anchor-friendly heading.
        let mut lines = doc.lines();
        let title = lines
            .next()
            .unwrap_or_default()
            .trim_start_matches('#')
            .trim();
        let _ = writeln!(
            out,
            "<a id=\"{}\"></a>\n\n## {title}\n",
            rule.code.to_lowercase()
        );
        let _ = writeln!(
            out,
            "默认级别 default: **{}** · 修复 fix: **{}**{}\n",
            rule.default_severity,
            rule.fix,
            if rule.needs_archive {
                " · 需要档案 needs an archive"
            } else {
                ""
            }
        );
        for line in lines {
            // Sections go one level down under the rule's heading.
            if line.starts_with("## ") {
                let _ = writeln!(out, "#{line}");
            } else {
                let _ = writeln!(out, "{line}");
            }
        }
    }
    out
}

#[test]
fn docs_rules_md_is_fresh() {
    assert_file(&docs_path(), &rules_markdown());
}

#[test]
fn the_suppression_edit_silences_one_code_on_one_line() {
    let texts = [
        ("各单位,请注意.\n第二行,也有.\n", Format::Plain),
        ("各单位,请注意.\r\n第二行,也有.\r\n", Format::Plain),
        ("第一行。\n第二行,也有.", Format::Plain),
        (
            "# 通知\n\n各单位,请注意.\n\n第二行,也有.\n",
            Format::Markdown,
        ),
    ];
    let config = Config::default();
    for (text, format) in texts {
        let doc = Document::parse(text.to_string(), format);
        let found = check(&doc, None, None, &config);
        let target = found
            .iter()
            .find(|d| d.code == "P201")
            .unwrap_or_else(|| panic!("{text:?}: no P201"));
        let line = doc.lines.line_of(target.range.start());
        let edit = crate::rules::suppression_edit(&doc, line, "P201");
        let (silenced, applied) = apply_edits(text, std::slice::from_ref(&edit));
        assert_eq!(applied, 1);
        // Line ends stay as the document writes them.
        assert_eq!(
            silenced.contains("\r\n"),
            text.contains("\r\n"),
            "{silenced:?}"
        );
        let after = Document::parse(silenced.clone(), format);
        let left = check(&after, None, None, &config);
        let on_line = |d: &Diagnostic, l: usize| after.lines.line_of(d.range.start()) == l;
        // The comment took line `line`; the silenced line follows it.
        assert!(
            !left
                .iter()
                .any(|d| d.code == "P201" && on_line(d, line + 1)),
            "{silenced:?}"
        );
        let others_before = found.iter().filter(|d| d.code == "P201").count();
        let others_after = left.iter().filter(|d| d.code == "P201").count();
        let on_target = found
            .iter()
            .filter(|d| d.code == "P201" && doc.lines.line_of(d.range.start()) == line)
            .count();
        assert_eq!(others_after, others_before - on_target, "{silenced:?}");
        // The comment itself draws no finding.
        assert!(
            !left.iter().any(|d| on_line(d, line)),
            "{silenced:?}: {left:?}"
        );
    }
}
