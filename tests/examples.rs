//! The sample drafts give exactly the findings `examples/README.md` documents.

mod common;

use std::collections::BTreeSet;

#[test]
fn examples_drafts_give_the_documented_findings() {
    let root = common::root();
    let out = common::gongwen(
        &[
            "check",
            "examples/drafts",
            "--archive",
            "examples/archive",
            "--format",
            "json",
        ],
        &root,
    );
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let found: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let actual: BTreeSet<(String, u64, u64, String)> = found
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            let path = f["path"]
                .as_str()
                .unwrap()
                .trim_start_matches("examples/")
                .to_string();
            (
                path,
                f["line"].as_u64().unwrap(),
                f["column"].as_u64().unwrap(),
                f["code"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let readme = std::fs::read_to_string(root.join("examples/README.md")).unwrap();
    let documented: BTreeSet<(String, u64, u64, String)> = readme
        .lines()
        .filter(|l| l.starts_with("drafts/"))
        .filter_map(|l| {
            let mut parts = l.split_whitespace();
            let place = parts.next()?;
            let code = parts.next()?;
            let mut at = place.rsplitn(3, ':');
            let column = at.next()?.parse().ok()?;
            let line = at.next()?.parse().ok()?;
            Some((at.next()?.to_string(), line, column, code.to_string()))
        })
        .collect();
    assert!(
        documented.len() >= 40,
        "the README lists the findings ({})",
        documented.len()
    );
    let missing: Vec<_> = documented.difference(&actual).collect();
    let extra: Vec<_> = actual.difference(&documented).collect();
    assert!(
        missing.is_empty() && extra.is_empty(),
        "documented but not found: {missing:?}\nfound but not documented: {extra:?}"
    );
    assert!(
        !actual.iter().any(|(path, ..)| path.contains("clean-")),
        "the clean draft has no finding"
    );
    // Every family fires somewhere in the drafts.
    for family in ["N", "P", "C", "D"] {
        assert!(
            actual.iter().any(|(.., code)| code.starts_with(family)),
            "{family}"
        );
    }
}
