//! The rules on real documents: the expected findings on the seeds (rules.md), a reviewed
//! snapshot of every warning-or-higher finding on the carefully edited State Council
//! documents, and the properties of `fix` on every seed and corpus file.

#![allow(clippy::print_stderr)] // Tests say on stderr what they skip and measure.

mod common;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use gongwen::disk::{WalkOptions, load_archive, read_text, walk};
use gongwen_core::archive::Archive;
use gongwen_core::config::Config;
use gongwen_core::diagnostic::{Diagnostic, Severity};
use gongwen_core::document::{Document, Format};
use gongwen_core::rules::{check, fix};

fn snapshot(name: &str, actual: &str) {
    let path = common::root().join("tests/snapshots").join(name);
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_default();
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(e, a)| e != a);
        panic!(
            "{} is stale (first difference at line {:?}; {} vs {} lines). Run with UPDATE_EXPECT=1, then review every changed finding.",
            path.display(),
            first.map(|i| i + 1),
            expected.lines().count(),
            actual.lines().count()
        );
    }
}

struct Checked {
    name: String,
    doc: Document,
    found: Vec<Diagnostic>,
}

/// Checks every file under `dir` with `archive` (each file left out of the evidence about
/// itself).
fn check_dir(dir: &Path, archive: Option<&Archive>) -> Vec<Checked> {
    let (files, _) = walk(&[dir.to_path_buf()], &WalkOptions::default()).unwrap();
    let config = Config::default();
    files
        .iter()
        .map(|file| {
            let path = file.path.to_string_lossy().into_owned();
            let text = read_text(&file.path).unwrap().decoded.text;
            let doc = Document::parse(text, Format::from_path(&path));
            let exclude = archive.and_then(|a| a.doc_by_path(&path));
            let found = check(&doc, archive, exclude, &config);
            let name = file
                .path
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .into_owned();
            Checked { name, doc, found }
        })
        .collect()
}

fn render(checked: &Checked, min: Severity) -> String {
    let mut out = String::new();
    for d in checked.found.iter().filter(|d| d.severity >= min) {
        let (line, col) = checked
            .doc
            .lines
            .line_col(&checked.doc.text, d.range.start());
        let covered: String = checked.doc.text[d.range.range()].chars().take(30).collect();
        let _ = writeln!(
            out,
            "{}:{}:{} {} {} 「{}」 {}",
            checked.name,
            line + 1,
            col + 1,
            d.code,
            d.severity,
            covered,
            d.message.zh
        );
    }
    out
}

fn codes_on_line(checked: &Checked, line: usize) -> Vec<&'static str> {
    checked
        .found
        .iter()
        .filter(|d| checked.doc.lines.line_of(d.range.start()) + 1 == line)
        .map(|d| d.code)
        .collect()
}

#[test]
fn seeds_give_the_expected_findings() {
    let Some(shared) = common::shared("seeds_give_the_expected_findings") else {
        return;
    };
    let seeds = shared.join("seeds");
    let archive = load_archive(
        std::slice::from_ref(&seeds),
        &WalkOptions::default(),
        &|_, _| {},
    )
    .unwrap()
    .archive;
    let checked = check_dir(&seeds, Some(&archive));
    let seed = |prefix: &str| checked.iter().find(|c| c.name.starts_with(prefix)).unwrap();

    // 000: 先组发［2024］3号 and 中发［2024］20号 (P202; C303 for the year typo), spaces (P210).
    let s000 = seed("000");
    assert!(codes_on_line(s000, 1).contains(&"P202"));
    assert!(codes_on_line(s000, 13).contains(&"P202"));
    assert!(
        codes_on_line(s000, 13).contains(&"C303"),
        "{:?}",
        codes_on_line(s000, 13)
    );
    assert!(codes_on_line(s000, 1).contains(&"P210"));
    assert!(codes_on_line(s000, 20).contains(&"P210"));
    // 001: every 中发[2004]20号 is P202; the 1、 items are N102, once N103 per section.
    let s001 = seed("001");
    for line in [13, 18, 28, 41] {
        assert!(codes_on_line(s001, line).contains(&"P202"), "001:{line}");
    }
    for line in (19..=26).chain(29..=35) {
        assert!(codes_on_line(s001, line).contains(&"N102"), "001:{line}");
    }
    assert_eq!(s001.found.iter().filter(|d| d.code == "N103").count(), 2);
    // 002: half-width marks, placeholders, missing numbers, a line starting with ”, broken headings.
    let s002 = seed("002");
    assert!(s002.found.iter().filter(|d| d.code == "P201").count() > 500);
    assert!(codes_on_line(s002, 2).contains(&"D401") && codes_on_line(s002, 2).contains(&"D402"));
    assert!(codes_on_line(s002, 19).contains(&"D401"));
    assert!(codes_on_line(s002, 6).contains(&"P212"));
    assert!(codes_on_line(s002, 9).contains(&"N101") && codes_on_line(s002, 22).contains(&"N101"));
    assert!(
        codes_on_line(s002, 24).is_empty() && codes_on_line(s002, 25).is_empty(),
        "web furniture is not linted"
    );
    // 003: pinyin residue, mojibake, 文号 through the residue.
    let s003 = seed("003");
    assert!(s003.found.iter().filter(|d| d.code == "D403").count() >= 100);
    assert!(codes_on_line(s003, 3).contains(&"P202"));
    assert!(codes_on_line(s003, 4).contains(&"P201") && codes_on_line(s003, 4).contains(&"P202"));
    // 004: 〈〈…〉〉, 98、8%, ×市.
    let s004 = seed("004");
    assert!(codes_on_line(s004, 6).contains(&"P205"));
    assert_eq!(s004.found.iter().filter(|d| d.code == "P207").count(), 2);
    assert!(codes_on_line(s004, 1).contains(&"D401"));

    let all: String = checked.iter().map(|c| render(c, Severity::Hint)).collect();
    snapshot("seeds.snap", &all);
}

#[test]
fn state_council_documents_have_only_reviewed_warnings() {
    let Some(shared) = common::shared("state_council_documents_have_only_reviewed_warnings") else {
        return;
    };
    let corpus = shared.join("corpus");
    let archive = load_archive(
        std::slice::from_ref(&corpus),
        &WalkOptions::default(),
        &|_, _| {},
    )
    .unwrap()
    .archive;
    let govcn = corpus.join("govcn-statecouncil-2019");
    // Paths in the archive are the corpus root joined with the path under it.
    let checked: Vec<Checked> = {
        let (files, _) = walk(std::slice::from_ref(&govcn), &WalkOptions::default()).unwrap();
        files
            .iter()
            .map(|file| {
                let path = file.path.to_string_lossy().into_owned();
                let text = read_text(&file.path).unwrap().decoded.text;
                let doc = Document::parse(text, Format::from_path(&path));
                let exclude = archive.doc_by_path(&path);
                assert!(exclude.is_some(), "{path} is in the archive");
                let found = check(&doc, Some(&archive), exclude, &Config::default());
                let name = file
                    .path
                    .strip_prefix(&corpus)
                    .unwrap()
                    .to_string_lossy()
                    .into_owned();
                Checked { name, doc, found }
            })
            .collect()
    };
    let chars: usize = checked.iter().map(|c| c.doc.text.chars().count()).sum();
    let mut summary = String::new();
    for min in [
        Severity::Error,
        Severity::Warning,
        Severity::Info,
        Severity::Hint,
    ] {
        let n = checked
            .iter()
            .flat_map(|c| &c.found)
            .filter(|d| d.severity == min)
            .count();
        let _ = writeln!(
            summary,
            "# {min}: {n} ({:.2} per 10,000 characters)",
            n as f64 * 10_000.0 / chars as f64
        );
    }
    eprint!("govcn-statecouncil-2019, {chars} characters:\n{summary}");
    let listing: String = checked
        .iter()
        .map(|c| render(c, Severity::Warning))
        .collect();
    snapshot(
        "govcn-warnings.snap",
        &format!(
            "# {chars} characters in {} documents\n{summary}{listing}",
            checked.len()
        ),
    );
}

/// Characters the contract lets safe fixes change besides punctuation and spaces: P203's
/// padding `0` and `第`, P209's full-width forms, D403's pinyin residue.
fn words(text: &str) -> String {
    let mut out = String::new();
    let mut iter = text.char_indices().peekable();
    let mut prev_ideograph = false;
    while let Some((at, c)) = iter.next() {
        if prev_ideograph
            && (c == '(' || c == '（')
            && let Some(len) = gongwen_core::normalize::pinyin_residue_len(&text[at..])
        {
            while iter.peek().is_some_and(|&(n, _)| n < at + len) {
                iter.next();
            }
            continue;
        }
        prev_ideograph = gongwen_core::text::is_ideograph(c);
        let c = gongwen_core::normalize::fold_width(&c.to_string())
            .chars()
            .next()
            .unwrap();
        if c.is_alphanumeric() && c != '第' {
            out.push(c);
        }
    }
    // A padding zero after a bracket (〔2016〕05号) may go.
    out
}

fn same_words(before: &str, after: &str) -> bool {
    let (a, b) = (words(before), words(after));
    if a == b {
        return true;
    }
    // Only dropped zeros may differ.
    let mut ai = a.chars().peekable();
    for c in b.chars() {
        loop {
            match ai.next() {
                Some(x) if x == c => break,
                Some('0') => continue,
                _ => return false,
            }
        }
    }
    ai.all(|x| x == '0')
}

fn fix_properties(paths: &[PathBuf]) -> (usize, usize, Vec<String>) {
    let config = Config::default();
    let mut problems = Vec::new();
    let mut edited = 0;
    for path in paths {
        let text = read_text(path).unwrap().decoded.text;
        let format = Format::from_path(&path.to_string_lossy());
        let (once, edits) = fix(&text, format, &config);
        let (twice, more) = fix(&once, format, &config);
        if twice != once || more != 0 {
            problems.push(format!(
                "{}: fixing twice differs from fixing once",
                path.display()
            ));
        }
        if !same_words(&text, &once) {
            problems.push(format!("{}: the words changed", path.display()));
        }
        edited += (edits > 0) as usize;
    }
    (paths.len(), edited, problems)
}

#[test]
fn fixing_twice_equals_fixing_once_and_keeps_the_words() {
    let mut paths: Vec<PathBuf> = Vec::new();
    for dir in ["examples/drafts", "examples/archive"] {
        paths.extend(
            walk(&[common::root().join(dir)], &WalkOptions::default())
                .unwrap()
                .0
                .into_iter()
                .map(|f| f.path),
        );
    }
    if let Some(shared) =
        common::shared("fixing_twice_equals_fixing_once_and_keeps_the_words (seeds and corpus)")
    {
        let (corpus, _) = walk(
            &[shared.join("seeds"), shared.join("corpus")],
            &WalkOptions::default(),
        )
        .unwrap();
        paths.extend(corpus.into_iter().map(|f| f.path));
    }
    let (files, edited, problems) = fix_properties(&paths);
    eprintln!(
        "fix properties checked on {files} files (every seed, example and corpus file; {edited} of them changed by fix)"
    );
    assert!(problems.is_empty(), "{}", problems.join("\n"));
}
