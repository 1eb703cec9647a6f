//! `gongwen index` and `gongwen lookup`, run as a user runs them.

mod common;

use serde_json::Value;

fn json(output: &std::process::Output) -> Value {
    serde_json::from_slice(&output.stdout)
        .unwrap_or_else(|e| panic!("{e}: {}", String::from_utf8_lossy(&output.stdout)))
}

#[test]
fn lookup_prints_a_directive_known_only_from_citations() {
    let Some(shared) = common::shared("lookup_prints_a_directive_known_only_from_citations") else {
        return;
    };
    let seeds = shared.join("seeds");
    let seeds_arg = seeds.to_str().unwrap();
    let out = common::gongwen(
        &["lookup", "中發[2004]20號", "--archive", seeds_arg, "--json"],
        &common::root(),
    );
    assert_eq!(out.status.code(), Some(0));
    let value = json(&out);
    assert_eq!(value["query"], "中發[2004]20號");
    let best = &value["matches"][0];
    assert_eq!(best["doc_number"], "中发〔2004〕20号");
    assert_eq!(
        best["title"],
        "中共中央关于在全党开展以实践“三个代表”重要思想为主要内容的保持共产党员先进性教育活动的意见"
    );
    assert_eq!(best["path"], Value::Null);
    assert_eq!(best["kind"], "意见");
    assert_eq!(best["cited_by"], 5);
    let places: Vec<String> = best["citations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| format!("{}:{}", c["path"].as_str().unwrap(), c["line"]))
        .collect();
    let seed_001 = format!(
        "{seeds_arg}/{}",
        common::seed(&shared, "001")
            .file_name()
            .unwrap()
            .to_string_lossy()
    );
    assert!(places.contains(&format!("{seed_001}:13")), "{places:?}");
    assert!(
        places.iter().all(|p| p.starts_with(seeds_arg)),
        "paths are given as on the command line: {places:?}"
    );

    // The human form names the same directive, with its score and citing places.
    let out = common::gongwen(
        &["lookup", "中發[2004]20號", "--archive", seeds_arg],
        &common::root(),
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("1. [0.98] 中共中央关于"), "{text}");
    assert!(text.contains(&format!("{seed_001}:13")));
}

#[test]
fn lookup_finds_an_archive_document_with_its_metadata() {
    let archive = common::root().join("examples/archive");
    let out = common::gongwen(
        &[
            "lookup",
            "《关于加快推进数字政府建设的实施意见》",
            "--archive",
            "examples/archive",
            "--json",
        ],
        &common::root(),
    );
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let best = &json(&out)["matches"][0];
    assert_eq!(best["doc_number"], "江政办发〔2023〕12号");
    assert_eq!(best["issuer"], "江川省人民政府办公厅");
    assert_eq!(best["kind"], "意见");
    assert_eq!(
        best["path"],
        "examples/archive/jiangzhengbanfa-2023-12-digital-government.txt"
    );
    let line = best["line"].as_u64().unwrap() as usize;
    let text =
        std::fs::read_to_string(archive.join("jiangzhengbanfa-2023-12-digital-government.txt"))
            .unwrap();
    // The title wraps over two lines; the match points at its first.
    let title: String = text.lines().skip(line - 1).take(2).collect();
    assert!(
        text.lines()
            .nth(line - 1)
            .unwrap()
            .starts_with("江川省人民政府办公厅关于"),
        "line {line} is the title line"
    );
    assert!(title.contains("关于加快推进数字政府建设的实施意见"));
    assert!(best["date"].as_str().unwrap().starts_with("2023-"));
    assert!(best["cited_by"].as_u64().unwrap() >= 1);
    assert!(best["score"].as_f64().unwrap() > 0.85);
}

#[test]
fn lookup_exits_1_when_nothing_matches() {
    let out = common::gongwen(
        &[
            "lookup",
            "完全无关的查询内容",
            "--archive",
            "examples/archive",
        ],
        &common::root(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert!(String::from_utf8_lossy(&out.stdout).contains("未找到"));
    let out = common::gongwen(
        &[
            "lookup",
            "国发〔1999〕999号",
            "--archive",
            "examples/archive",
            "--json",
        ],
        &common::root(),
    );
    assert_eq!(out.status.code(), Some(1));
    assert_eq!(json(&out)["matches"], Value::Array(vec![]));
}

#[test]
fn index_counts_and_reports_skipped_files_by_name() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(&root).unwrap();
    for entry in std::fs::read_dir(common::root().join("examples/archive")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, root.join(path.file_name().unwrap())).unwrap();
    }
    std::fs::write(root.join("binary.txt"), b"\x7fELF\x02\x01\x01\x00\x00\x00").unwrap();
    std::fs::write(root.join("latin1.txt"), b"caf\xe9 \xff\xfe\xfd").unwrap();
    std::fs::write(root.join("huge.txt"), "大".repeat(200_000)).unwrap();
    std::fs::write(
        dir.path().join("gongwen.toml"),
        "archive = [\"archive\"]\nmax-file-size = 300000\n",
    )
    .unwrap();

    let out = common::gongwen(&["index", "--json"], dir.path());
    assert_eq!(
        out.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value = json(&out);
    assert_eq!(value["documents"], 18);
    assert!(value["with_doc_number"].as_u64().unwrap() >= 16);
    assert!(value["citations"].as_u64().unwrap() >= 30);
    assert!(value["cited_only_with_title_and_number"].as_u64().unwrap() >= 3);
    let mut skipped: Vec<(String, String)> = value["skipped"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| {
            (
                s["path"]
                    .as_str()
                    .unwrap()
                    .rsplit('/')
                    .next()
                    .unwrap()
                    .to_string(),
                s["reason"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    skipped.sort();
    assert_eq!(
        skipped,
        [
            ("binary.txt".to_string(), "binary".to_string()),
            ("huge.txt".to_string(), "too-large".to_string()),
            ("latin1.txt".to_string(), "undecodable".to_string()),
        ]
    );

    let out = common::gongwen(&["index"], dir.path());
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.starts_with("已索引 18 份文档"), "{text}");
    assert!(
        text.contains("huge.txt: larger than max-file-size"),
        "{text}"
    );
}

#[test]
fn bad_configuration_and_missing_archive_exit_2() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join("gongwen.toml"), "archives = [\"x\"]\n").unwrap();
    let out = common::gongwen(&["index"], dir.path());
    assert_eq!(out.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("gongwen.toml") && stderr.contains("archives"),
        "{stderr}"
    );

    let empty = tempfile::tempdir().unwrap();
    let out = common::gongwen(&["lookup", "国发〔2019〕5号"], empty.path());
    assert_eq!(out.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&out.stderr).contains("--archive"));
}

/// Runs the binary with its own cache folder.
fn gongwen_cached(
    args: &[&str],
    cwd: &std::path::Path,
    cache: &std::path::Path,
) -> std::process::Output {
    std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_CACHE_DIR", cache)
        .env_remove("GONGWEN_NO_CACHE")
        .args(args)
        .current_dir(cwd)
        .output()
        .expect("run gongwen")
}

#[test]
fn the_archive_cache_is_reused_rebuilt_when_damaged_and_can_be_turned_off() {
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path().join("archive");
    std::fs::create_dir_all(&root).unwrap();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for entry in std::fs::read_dir(common::root().join("examples/archive")).unwrap() {
        let path = entry.unwrap().path();
        let copy = root.join(path.file_name().unwrap());
        std::fs::copy(&path, &copy).unwrap();
        let file = std::fs::File::options().append(true).open(&copy).unwrap();
        file.set_modified(hour_ago).unwrap();
    }
    let cache = dir.path().join("cache");
    let index = ["index", "--json", "--archive", "archive"];
    let lookup = [
        "lookup",
        "江政办发〔2023〕12号",
        "--json",
        "--archive",
        "archive",
    ];

    let cold = gongwen_cached(&index, dir.path(), &cache);
    assert_eq!(cold.status.code(), Some(0));
    let cold = json(&cold);
    assert_eq!(cold["cache"]["read"], 18, "{cold}");
    let cold_lookup = gongwen_cached(&lookup, dir.path(), &cache);
    assert_eq!(cold_lookup.status.code(), Some(0));

    let warm = json(&gongwen_cached(&index, dir.path(), &cache));
    assert_eq!(
        (
            warm["cache"]["reused"].as_u64(),
            warm["cache"]["read"].as_u64()
        ),
        (Some(18), Some(0))
    );
    for key in [
        "documents",
        "with_doc_number",
        "citations",
        "directives",
        "cited_only",
    ] {
        assert_eq!(warm[key], cold[key], "{key}");
    }
    let warm_lookup = gongwen_cached(&lookup, dir.path(), &cache);
    assert_eq!(warm_lookup.stdout, cold_lookup.stdout);

    // Damaged: said on stderr, rebuilt, the answer unchanged.
    let file = std::path::PathBuf::from(warm["cache"]["path"].as_str().unwrap());
    let mut bytes = std::fs::read(&file).unwrap();
    let middle = bytes.len() / 2;
    bytes[middle] ^= 0xff;
    std::fs::write(&file, bytes).unwrap();
    let damaged = gongwen_cached(&lookup, dir.path(), &cache);
    assert_eq!(damaged.status.code(), Some(0));
    assert_eq!(damaged.stdout, cold_lookup.stdout);
    let stderr = String::from_utf8_lossy(&damaged.stderr);
    assert!(stderr.contains("归档缓存已损坏"), "{stderr}");
    let rebuilt = json(&gongwen_cached(&index, dir.path(), &cache));
    assert_eq!(rebuilt["cache"]["reused"], 18, "{rebuilt}");

    // Off: by flag or by environment; nothing is read or written.
    let other = dir.path().join("other-cache");
    let off = json(&gongwen_cached(
        &[&index[..], &["--no-cache"]].concat(),
        dir.path(),
        &other,
    ));
    assert_eq!(off["cache"], serde_json::Value::Null);
    let off = std::process::Command::new(env!("CARGO_BIN_EXE_gongwen"))
        .env("GONGWEN_CACHE_DIR", &other)
        .env("GONGWEN_NO_CACHE", "1")
        .args(index)
        .current_dir(dir.path())
        .output()
        .unwrap();
    assert_eq!(json(&off)["cache"], serde_json::Value::Null);
    assert!(!other.exists());
}
