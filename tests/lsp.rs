//! The language server end to end, in process: JSON-RPC with `Content-Length` framing over a
//! `tokio::io::duplex` pipe (`gongwen::lsp::testing::TestClient`), one test per request.

mod common;

use std::path::{Path, PathBuf};

use gongwen::lsp::testing::TestClient;
use serde_json::{Value, json};

const NOTICE: &str = "江川省人民政府办公厅文件\n\n江政办发〔2023〕12号\n\n江川省人民政府办公厅关于加快数字政府建设的通知\n\n各市人民政府，省政府各部门：\n\n现就有关事项通知如下：\n一、总体要求\n按照《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）要求，加快建设。\n\n江川省人民政府办公厅\n2023年5月8日\n";
const OPINION: &str = "清河市人民政府文件\n\n清政发〔2023〕30号\n\n清河市人民政府关于贯彻落实数字政府建设工作的意见\n\n各县（区）人民政府：\n\n为贯彻落实《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发〔2023〕12号）和《国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号），结合实际，提出如下意见。\n再次强调省政府《通知》精神。\n\n清河市人民政府\n2023年6月1日\n";
const DRAFT: &str = "按照《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发［2023］12号）要求，落实省政府《通知》精神。\n根据国发〔2022〕14号文件，参照《关于加快数字政府建设的通知书》执行。\n";

/// A workspace folder with an `archive/` of two documents.
struct Workspace {
    dir: tempfile::TempDir,
}

impl Workspace {
    fn new() -> Workspace {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path().canonicalize().unwrap();
        std::fs::create_dir_all(root.join("archive")).unwrap();
        std::fs::write(root.join("archive/notice.txt"), NOTICE).unwrap();
        std::fs::write(root.join("archive/opinion.txt"), OPINION).unwrap();
        Workspace { dir }
    }

    fn root(&self) -> PathBuf {
        self.dir.path().canonicalize().unwrap()
    }

    fn uri(&self, relative: &str) -> String {
        file_uri(&self.root().join(relative))
    }
}

fn file_uri(path: &Path) -> String {
    gongwen::lsp::convert::file_uri(&path.display().to_string())
        .unwrap()
        .as_str()
        .to_string()
}

/// What VS Code and Neovim 0.11 announce, give or take: UTF-16 only.
fn editor_caps() -> Value {
    json!({
        "general": {"positionEncodings": ["utf-16"]},
        "window": {"workDoneProgress": true},
        "workspace": {
            "configuration": true,
            "applyEdit": true,
            "didChangeConfiguration": {"dynamicRegistration": true},
            "didChangeWatchedFiles": {"dynamicRegistration": true, "relativePatternSupport": true},
        },
    })
}

/// Starts a server on the workspace with `archive = ["archive"]` and waits for the index.
async fn started(workspace: &Workspace) -> TestClient {
    let mut client = TestClient::start();
    client
        .initialize(
            editor_caps(),
            json!({"archive": ["archive"]}),
            Some(&workspace.root()),
        )
        .await;
    indexed(&mut client, 2).await;
    client
}

async fn indexed(client: &mut TestClient, documents: u64) -> Value {
    client
        .notification("gongwen/status", |p| {
            p["indexing"] == json!(false) && p["documents"] == json!(documents)
        })
        .await["params"]
        .clone()
}

/// The P202 findings as `line:start-end`.
fn p202(diagnostics: &[Value]) -> Vec<String> {
    diagnostics
        .iter()
        .filter(|d| d["code"] == json!("P202"))
        .map(|d| {
            let r = &d["range"];
            format!(
                "{}:{}-{}",
                r["start"]["line"], r["start"]["character"], r["end"]["character"]
            )
        })
        .collect()
}

/// Line and UTF-16 column of the first occurrence of `needle` (plus `skip` characters).
fn position_of(text: &str, needle: &str, skip: usize) -> Value {
    let at = text.find(needle).unwrap_or_else(|| panic!("{needle}"));
    let before = &text[..at];
    let line = before.matches('\n').count();
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column: usize = text[line_start..at]
        .chars()
        .map(char::len_utf16)
        .sum::<usize>()
        + needle
            .chars()
            .take(skip)
            .map(char::len_utf16)
            .sum::<usize>();
    json!({"line": line, "character": column})
}

fn at(uri: &str, position: Value) -> Value {
    json!({"textDocument": {"uri": uri}, "position": position})
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn initialize_negotiates_the_encoding_and_announces_capabilities() {
    for (offered, chosen) in [
        (json!(["utf-16", "utf-32", "utf-8"]), "utf-8"),
        (json!(["utf-16", "utf-32"]), "utf-32"),
        (json!(["utf-16"]), "utf-16"),
        (Value::Null, "utf-16"),
    ] {
        let mut client = TestClient::start();
        let result = client
            .initialize(
                json!({"general": {"positionEncodings": offered}}),
                Value::Null,
                None,
            )
            .await;
        let caps = &result["capabilities"];
        assert_eq!(caps["positionEncoding"], json!(chosen));
        assert_eq!(caps["textDocumentSync"]["change"], json!(2), "incremental");
        for capability in [
            "hoverProvider",
            "definitionProvider",
            "referencesProvider",
            "workspaceSymbolProvider",
            "documentLinkProvider",
            "inlayHintProvider",
            "codeActionProvider",
            "documentSymbolProvider",
            "foldingRangeProvider",
            "documentFormattingProvider",
            "executeCommandProvider",
        ] {
            assert!(!caps[capability].is_null(), "{capability} in {caps}");
        }
        assert_eq!(
            caps["completionProvider"]["triggerCharacters"],
            json!(["《", "〔", "［", "[", "（", "("])
        );
        assert_eq!(
            caps["executeCommandProvider"]["commands"],
            json!(["gongwen.reindex", "gongwen.fixAll"])
        );
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn diagnostics_land_after_astral_characters_crlf_and_u2028() {
    let text = "𠀀根据中发[2004]20号文件\r\n第二行\u{2028}中发[2004]20号。\r\n";
    for (encoding, expected) in [
        ("utf-16", ["0:4-15", "1:4-15"]),
        ("utf-32", ["0:3-14", "1:4-15"]),
        ("utf-8", ["0:10-27", "1:12-29"]),
    ] {
        let mut client = TestClient::start();
        client
            .initialize(
                json!({"general": {"positionEncodings": [encoding]}}),
                Value::Null,
                None,
            )
            .await;
        client.open("file:///nowhere/draft.txt", text).await;
        let found = client.diagnostics("file:///nowhere/draft.txt", 1).await;
        assert_eq!(p202(&found), expected, "{encoding}");
        let first = found.iter().find(|d| d["code"] == json!("P202")).unwrap();
        assert_eq!(first["source"], json!("gongwen"));
        assert_eq!(first["severity"], json!(2));
        assert_eq!(first["data"]["name"], json!("docnumber-brackets"));
        client.shutdown().await;
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn incremental_changes_apply_in_order_and_diagnostics_follow_the_version() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let uri = "file:///nowhere/draft.txt";
    client.open(uri, "𠀀，甲。\r\n丁，戊\r\n").await;
    client.diagnostics(uri, 1).await;
    // Several changes in one notification, last position first, as VS Code sends them.
    client
        .notify(
            "textDocument/didChange",
            json!({
                "textDocument": {"uri": uri, "version": 2},
                "contentChanges": [
                    {"range": {"start": {"line": 1, "character": 2}, "end": {"line": 1, "character": 2}}, "text": "国发[2016]5号"},
                    {"range": {"start": {"line": 0, "character": 3}, "end": {"line": 0, "character": 4}}, "text": "中发[2004]20号"},
                ],
            }),
        )
        .await;
    let found = client.diagnostics(uri, 2).await;
    assert_eq!(p202(&found), ["0:3-14", "1:2-12"]);
    // A change older than the document is ignored.
    client
        .notify(
            "textDocument/didChange",
            json!({"textDocument": {"uri": uri, "version": 2}, "contentChanges": [{"text": "全部替换"}]}),
        )
        .await;
    let formatted = client
        .request(
            "textDocument/formatting",
            json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}),
        )
        .await;
    let edits = formatted["result"].as_array().unwrap();
    assert_eq!(edits.len(), 1, "{formatted}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_late_in_the_debounce_drops_the_check_started_ahead() {
    use gongwen::lsp::diagnostics::DEBOUNCE;

    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let uri = "file:///nowhere/draft.txt";
    client.open(uri, "甲。\n").await;
    client.diagnostics(uri, 1).await;
    let change = |version: i64, text: &str| json!({"textDocument": {"uri": uri, "version": version}, "contentChanges": [{"text": text}]});
    // Version 2 is checked ahead once half the debounce has passed; version 3 arrives
    // before the debounce ends, so version 2's findings are never published.
    let started = std::time::Instant::now();
    client
        .notify(
            "textDocument/didChange",
            change(2, "根据中发[2004]20号。\n"),
        )
        .await;
    tokio::time::sleep(DEBOUNCE * 6 / 10).await;
    client
        .notify("textDocument/didChange", change(3, "根据国发[2016]5号。\n"))
        .await;
    let found = client.diagnostics(uri, 3).await;
    assert_eq!(p202(&found), ["0:2-12"]);
    assert!(started.elapsed() >= DEBOUNCE * 6 / 10 + DEBOUNCE);
    let stale: Vec<Value> = client
        .received()
        .into_iter()
        .filter(|m| {
            m["method"] == json!("textDocument/publishDiagnostics")
                && m["params"]["version"] == json!(2)
        })
        .collect();
    assert!(stale.is_empty(), "{stale:#?}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn status_and_progress_report_the_index() {
    let workspace = Workspace::new();
    let mut client = TestClient::start();
    client
        .initialize(
            editor_caps(),
            json!({"archive": ["archive"]}),
            Some(&workspace.root()),
        )
        .await;
    let busy = client
        .notification("gongwen/status", |p| p["indexing"] == json!(true))
        .await;
    assert_eq!(busy["params"]["documents"], json!(0));
    let done = indexed(&mut client, 2).await;
    assert_eq!(
        done,
        json!({"indexing": false, "documents": 2, "directives": 3, "skipped": 0})
    );
    let create = client
        .wait(|m| m["method"] == json!("window/workDoneProgress/create"))
        .await;
    let token = create["params"]["token"].clone();
    client
        .notification("$/progress", |p| {
            p["token"] == token && p["value"]["kind"] == json!("begin")
        })
        .await;
    client
        .notification("$/progress", |p| {
            p["token"] == token && p["value"]["kind"] == json!("end")
        })
        .await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_shows_cards_for_citations_numbers_back_references_and_unknowns() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    let uri = workspace.uri("draft.txt");
    client.open(&uri, DRAFT).await;
    let hover = |needle: &'static str| at(&uri, position_of(DRAFT, needle, 1));
    let value = |response: &Value| {
        response["result"]["contents"]["value"]
            .as_str()
            .unwrap_or("")
            .to_string()
    };

    let citation = client
        .request("textDocument/hover", hover("江川省人民政府办公厅关于"))
        .await;
    let card = value(&citation);
    assert!(
        card.starts_with("**《江川省人民政府办公厅关于加快数字政府建设的通知》**"),
        "{card}"
    );
    assert!(card.contains("文号：江政办发〔2023〕12号"), "{card}");
    assert!(card.contains("archive/notice.txt:5"), "{card}");
    assert!(card.contains("被 1 份档案文件引用"), "{card}");
    assert_eq!(citation["result"]["contents"]["kind"], json!("markdown"));
    assert_eq!(
        citation["result"]["range"]["start"],
        json!({"line": 0, "character": 2})
    );

    let number = client
        .request("textDocument/hover", hover("国发〔2022〕14号"))
        .await;
    let card = value(&number);
    assert!(
        card.contains("《国务院关于加强数字政府建设的指导意见》"),
        "{card}"
    );
    assert!(card.contains("仅见于引用"), "{card}");
    assert!(card.contains("被 2 份档案文件引用"), "{card}");

    let back = client
        .request("textDocument/hover", hover("《通知》精神"))
        .await;
    assert!(value(&back).contains("加快数字政府建设的通知"), "{back}");

    let unknown = client
        .request("textDocument/hover", hover("关于加快数字政府建设的通知书"))
        .await;
    let card = value(&unknown);
    assert!(
        card.starts_with("**档案中未找到：**《关于加快数字政府建设的通知书》"),
        "{card}"
    );
    assert!(
        card.contains("江川省人民政府办公厅关于加快数字政府建设的通知"),
        "{card}"
    );

    let nothing = client.request("textDocument/hover", hover("落实")).await;
    assert_eq!(nothing["result"], Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn hover_speaks_english_with_lang_en() {
    let workspace = Workspace::new();
    let mut client = TestClient::start();
    client
        .initialize(
            editor_caps(),
            json!({"archive": ["archive"], "lang": "en"}),
            Some(&workspace.root()),
        )
        .await;
    indexed(&mut client, 2).await;
    let uri = workspace.uri("draft.txt");
    client.open(&uri, DRAFT).await;
    let response = client
        .request(
            "textDocument/hover",
            at(&uri, position_of(DRAFT, "关于加快数字政府建设的通知书", 1)),
        )
        .await;
    let card = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**Not in the archive:**"), "{card}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn definition_opens_the_archive_document_or_the_citing_places() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    let uri = workspace.uri("draft.txt");
    client.open(&uri, DRAFT).await;
    let response = client
        .request(
            "textDocument/definition",
            at(&uri, position_of(DRAFT, "江川省人民政府办公厅关于", 1)),
        )
        .await;
    assert_eq!(
        response["result"],
        json!([{"uri": workspace.uri("archive/notice.txt"), "range": {"start": {"line": 4, "character": 0}, "end": {"line": 4, "character": 0}}}])
    );
    let response = client
        .request(
            "textDocument/definition",
            at(&uri, position_of(DRAFT, "国发〔2022〕14号", 1)),
        )
        .await;
    let targets: Vec<(String, Value)> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            (
                l["uri"].as_str().unwrap().to_string(),
                l["range"]["start"].clone(),
            )
        })
        .collect();
    assert_eq!(
        targets,
        [
            (
                workspace.uri("archive/notice.txt"),
                json!({"line": 10, "character": 2})
            ),
            (
                workspace.uri("archive/opinion.txt"),
                json!({"line": 8, "character": 46})
            ),
        ]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn references_come_from_the_archive_and_open_documents() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    let uri = workspace.uri("draft.txt");
    let other = workspace.uri("other.txt");
    client.open(&uri, DRAFT).await;
    client
        .open(&other, "转发江政办发〔2023〕12号文件。\n")
        .await;
    let response = client
        .request(
            "textDocument/references",
            json!({
                "textDocument": {"uri": uri},
                "position": position_of(DRAFT, "江川省人民政府办公厅关于", 1),
                "context": {"includeDeclaration": true},
            }),
        )
        .await;
    let mut places: Vec<String> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            let name = l["uri"]
                .as_str()
                .unwrap()
                .rsplit('/')
                .next()
                .unwrap()
                .to_string();
            format!(
                "{name}:{}:{}",
                l["range"]["start"]["line"], l["range"]["start"]["character"]
            )
        })
        .collect();
    places.sort();
    assert_eq!(
        places,
        [
            "draft.txt:0:2",
            "draft.txt:0:50",
            "notice.txt:4:0",
            "opinion.txt:8:5",
            "opinion.txt:9:7",
            "other.txt:0:2"
        ]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_open_archive_file_is_not_evidence_about_itself() {
    // The workspace folder is the archive (no archive configured), and the draft is in it.
    let workspace = Workspace::new();
    let draft = "关于某事的通知\n\n根据中发〔2024〕20号文件精神。\n";
    std::fs::write(workspace.root().join("draft.txt"), draft).unwrap();
    let mut client = TestClient::start();
    client
        .initialize(editor_caps(), Value::Null, Some(&workspace.root()))
        .await;
    indexed(&mut client, 3).await;
    let uri = workspace.uri("draft.txt");
    client.open(&uri, draft).await;
    let response = client
        .request(
            "textDocument/hover",
            at(&uri, position_of(draft, "中发", 1)),
        )
        .await;
    let card = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(card.starts_with("**档案中未找到：**"), "{card}");
    let other = workspace.uri("other.txt");
    client.open(&other, draft).await;
    let response = client
        .request(
            "textDocument/hover",
            at(&other, position_of(draft, "中发", 1)),
        )
        .await;
    // For another document, the archive file is the directive itself.
    let card = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(card.contains("draft.txt:1"), "{card}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn code_actions_offer_each_fix_and_fix_all() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let uri = "file:///nowhere/draft.txt";
    let text = "根据中发[2004]20号和国发(2016)5号文件。\n";
    client.open(uri, text).await;
    client.diagnostics(uri, 1).await;
    let response = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": position_of(text, "[2004]", 1), "end": position_of(text, "[2004]", 1)},
                "context": {"diagnostics": []},
            }),
        )
        .await;
    let actions = response["result"].as_array().unwrap();
    let (ignore, quick): (Vec<&Value>, Vec<&Value>) = actions
        .iter()
        .filter(|a| a["kind"] == json!("quickfix"))
        .partition(|a| a["title"].as_str().unwrap().starts_with("在此行忽略"));
    assert_eq!(quick.len(), 1, "{actions:#?}");
    assert_eq!(quick[0]["title"], json!("改用六角括号〔〕（P202）"));
    assert_eq!(quick[0]["isPreferred"], json!(true));
    assert_eq!(quick[0]["diagnostics"][0]["code"], json!("P202"));
    let edits = quick[0]["edit"]["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 2);
    assert_eq!(edits[0]["newText"], json!("〔"));
    // And, after the fixes, one way to silence the finding: a comment line above it.
    assert_eq!(ignore.len(), 1, "{actions:#?}");
    assert_eq!(ignore[0]["title"], json!("在此行忽略 P202（插入注释）"));
    assert_eq!(ignore[0]["isPreferred"], json!(false));
    let edit = &ignore[0]["edit"]["changes"][uri][0];
    let silenced = apply(text, edit);
    assert_eq!(
        silenced,
        format!("<!-- gongwen-disable-next-line P202 -->\n{text}")
    );
    let doc = gongwen_core::document::Document::parse(silenced, Default::default());
    let left = gongwen_core::rules::check(&doc, None, None, &Default::default());
    assert!(left.iter().all(|d| d.code != "P202"), "{left:?}");
    let fix_all: Vec<&Value> = actions
        .iter()
        .filter(|a| a["kind"] == json!("source.fixAll.gongwen"))
        .collect();
    assert_eq!(fix_all.len(), 1);
    let edit = &fix_all[0]["edit"]["changes"][uri][0];
    assert_eq!(apply(text, edit), expected_fix(text));

    // Asked for `source` actions only (on save): no quick fixes.
    let response = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 0, "character": 0}, "end": {"line": 1, "character": 0}},
                "context": {"diagnostics": [], "only": ["source"]},
            }),
        )
        .await;
    let kinds: Vec<&Value> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| &a["kind"])
        .collect();
    assert_eq!(kinds, [&json!("source.fixAll.gongwen")]);
    client.shutdown().await;
}

/// What `gongwen fix` makes of a text (the engine's safe-fix loop, default configuration).
fn expected_fix(text: &str) -> String {
    gongwen_core::rules::fix(
        text,
        gongwen_core::document::Format::Plain,
        &gongwen_core::config::Config::default(),
    )
    .0
}

/// Applies one LSP text edit (UTF-16 positions) to a text.
fn apply(text: &str, edit: &Value) -> String {
    let offset = |p: &Value| {
        let line = p["line"].as_u64().unwrap() as usize;
        let column = p["character"].as_u64().unwrap() as usize;
        let start: usize = text.split_inclusive('\n').take(line).map(str::len).sum();
        let mut units = 0;
        let mut at = start;
        for c in text[start..].chars() {
            if units >= column || c == '\n' || c == '\r' {
                break;
            }
            units += c.len_utf16();
            at += c.len_utf8();
        }
        at
    };
    let (start, end) = (
        offset(&edit["range"]["start"]),
        offset(&edit["range"]["end"]),
    );
    format!(
        "{}{}{}",
        &text[..start],
        edit["newText"].as_str().unwrap(),
        &text[end..]
    )
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn formatting_equals_gongwen_fix() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let drafts = common::root().join("examples/drafts");
    let scratch = tempfile::tempdir().unwrap();
    let mut checked = 0;
    for entry in std::fs::read_dir(&drafts).unwrap() {
        let path = entry.unwrap().path();
        let text = std::fs::read_to_string(&path).unwrap();
        // What the command line makes of the same file.
        let copy = scratch.path().join(path.file_name().unwrap());
        std::fs::write(&copy, &text).unwrap();
        let fixed = common::gongwen(&["fix", &copy.display().to_string()], scratch.path());
        assert!(fixed.status.code().is_some_and(|c| c <= 1), "{fixed:?}");
        let by_cli = std::fs::read_to_string(&copy).unwrap();
        let uri = file_uri(&path);
        client.open(&uri, &text).await;
        let response = client
            .request("textDocument/formatting", json!({"textDocument": {"uri": uri}, "options": {"tabSize": 4, "insertSpaces": true}}))
            .await;
        let edits = response["result"].as_array().cloned().unwrap_or_default();
        let formatted = match edits.as_slice() {
            [] => text.clone(),
            [edit] => apply(&text, edit),
            more => panic!("one edit expected, got {more:?}"),
        };
        assert_eq!(formatted, by_cli, "{}", path.display());
        assert_eq!(formatted, expected_fix(&text), "{}", path.display());
        checked += 1;
    }
    assert!(checked >= 6);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn commands_reindex_and_fix_all() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    std::fs::write(
        workspace.root().join("archive/third.txt"),
        OPINION.replace("清政发〔2023〕30号", "清政发〔2023〕31号"),
    )
    .unwrap();
    let response = client
        .request(
            "workspace/executeCommand",
            json!({"command": "gongwen.reindex", "arguments": []}),
        )
        .await;
    assert_eq!(response["result"], Value::Null);
    indexed(&mut client, 3).await;

    let uri = workspace.uri("draft.txt");
    client.open(&uri, DRAFT).await;
    let response = client
        .request(
            "workspace/executeCommand",
            json!({"command": "gongwen.fixAll", "arguments": [uri]}),
        )
        .await;
    assert!(response.get("error").is_none(), "{response}");
    let apply_edit = client
        .wait(|m| m["method"] == json!("workspace/applyEdit"))
        .await;
    let change = &apply_edit["params"]["edit"]["documentChanges"][0];
    assert_eq!(change["textDocument"], json!({"uri": uri, "version": 1}));
    assert_eq!(apply(DRAFT, &change["edits"][0]), expected_fix(DRAFT));

    let bad = client
        .request(
            "workspace/executeCommand",
            json!({"command": "gongwen.fixAll", "arguments": [42]}),
        )
        .await;
    assert_eq!(bad["error"]["code"], json!(-32602));
    let unknown = client
        .request(
            "workspace/executeCommand",
            json!({"command": "gongwen.nothing"}),
        )
        .await;
    assert_eq!(unknown["error"]["code"], json!(-32602));
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn workspace_symbols_inlay_hints_and_links() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    let response = client
        .request("workspace/symbol", json!({"query": "江政辦發[2023]12號"}))
        .await;
    let symbols = response["result"].as_array().unwrap();
    assert_eq!(
        symbols[0]["name"],
        json!("江川省人民政府办公厅关于加快数字政府建设的通知（江政办发〔2023〕12号）")
    );
    assert_eq!(
        symbols[0]["location"]["uri"],
        json!(workspace.uri("archive/notice.txt"))
    );
    let response = client
        .request("workspace/symbol", json!({"query": "数字政府"}))
        .await;
    assert_eq!(response["result"].as_array().unwrap().len(), 3);

    let uri = workspace.uri("draft.txt");
    client.open(&uri, DRAFT).await;
    let response = client
        .request("textDocument/inlayHint", json!({"textDocument": {"uri": uri}, "range": {"start": {"line": 0, "character": 0}, "end": {"line": 2, "character": 0}}}))
        .await;
    let hints = response["result"].as_array().unwrap();
    assert_eq!(hints.len(), 1, "{hints:?}");
    assert_eq!(
        hints[0]["label"],
        json!("《关于加强数字政府建设的指导意见》")
    );
    assert_eq!(hints[0]["position"], json!({"line": 1, "character": 13}));

    let response = client
        .request(
            "textDocument/documentLink",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let links: Vec<String> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| {
            format!(
                "{}:{} {}",
                l["range"]["start"]["line"],
                l["range"]["start"]["character"],
                l["target"].as_str().unwrap()
            )
        })
        .collect();
    let target = format!("{}#L5", workspace.uri("archive/notice.txt"));
    assert_eq!(links, [format!("0:2 {target}"), format!("0:50 {target}")]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn configuration_errors_are_shown_and_the_rest_applies() {
    let workspace = Workspace::new();
    std::fs::write(
        workspace.root().join("gongwen.toml"),
        "ignore = [\"P202\"]\nmax-file-size = \"big\"\n",
    )
    .unwrap();
    let mut client = TestClient::start();
    *client.configuration.lock().unwrap() = json!({"select": ["Q"], "lang": "en"});
    client
        .initialize(
            editor_caps(),
            json!({"archive": ["archive"], "archve": 1}),
            Some(&workspace.root()),
        )
        .await;
    let mut messages = Vec::new();
    for _ in 0..3 {
        let shown = client.notification("window/showMessage", |_| true).await;
        assert_eq!(shown["params"]["type"], json!(1));
        messages.push(shown["params"]["message"].as_str().unwrap().to_string());
    }
    messages.sort();
    assert!(
        messages[0].contains("gongwen.toml: `max-file-size`"),
        "{messages:#?}"
    );
    assert!(
        messages[1].contains("initializationOptions: `archve`"),
        "{messages:#?}"
    );
    assert!(
        messages[2].contains("workspace/configuration (gongwen): `select`"),
        "{messages:#?}"
    );
    indexed(&mut client, 2).await;
    // `ignore = ["P202"]` from gongwen.toml still applies.
    let uri = workspace.uri("draft.txt");
    client.open(&uri, DRAFT).await;
    assert!(p202(&client.diagnostics(&uri, 1).await).is_empty());
    // A configuration change is pulled again.
    *client.configuration.lock().unwrap() = json!({"ignore": []});
    client
        .notify(
            "workspace/didChangeConfiguration",
            json!({"settings": null}),
        )
        .await;
    let found = client
        .notification("textDocument/publishDiagnostics", |p| {
            p["uri"] == json!(uri) && p["diagnostics"].as_array().is_some_and(|d| !d.is_empty())
        })
        .await;
    assert_eq!(
        p202(found["params"]["diagnostics"].as_array().unwrap()),
        ["0:28-41"]
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_archive_files_update_the_index_through_the_client() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    let register = client
        .wait(|m| m["method"] == json!("client/registerCapability"))
        .await;
    let registrations = register["params"]["registrations"].as_array().unwrap();
    assert!(
        registrations
            .iter()
            .any(|r| r["method"] == json!("workspace/didChangeWatchedFiles"))
    );
    let uri = workspace.uri("draft.txt");
    client
        .open(&uri, "参照《关于开展数字政府试点的通知》执行。\n")
        .await;
    let new_file = workspace.root().join("archive/pilot.txt");
    std::fs::write(&new_file, "江川省人民政府办公厅文件\n\n江政办发〔2023〕40号\n\n关于开展数字政府试点的通知\n\n各市人民政府：\n\n现就试点通知如下。\n").unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&new_file), "type": 1}]}),
        )
        .await;
    indexed(&mut client, 3).await;
    let response = client
        .request(
            "textDocument/hover",
            at(&uri, json!({"line": 0, "character": 4})),
        )
        .await;
    let card = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(card.contains("江政办发〔2023〕40号"), "{card}");

    // A file the archive's .gitignore leaves out stays out when it changes.
    std::fs::write(workspace.root().join("archive/.gitignore"), "草稿/\n").unwrap();
    let ignored = workspace.root().join("archive/草稿/pilot-old.txt");
    std::fs::create_dir_all(ignored.parent().unwrap()).unwrap();
    std::fs::write(
        &ignored,
        "关于开展数字政府旧试点的通知\n\n江政办发〔2023〕41号\n",
    )
    .unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&ignored), "type": 1}, {"uri": file_uri(&new_file), "type": 2}]}),
        )
        .await;
    let log = client
        .notification("window/logMessage", |p| {
            p["message"]
                .as_str()
                .is_some_and(|m| m.contains("index updated"))
        })
        .await;
    let message = log["params"]["message"].as_str().unwrap();
    assert!(message.contains("pilot.txt"), "{message}");
    assert!(!message.contains("pilot-old.txt"), "{message}");
    indexed(&mut client, 3).await;
    std::fs::remove_file(&new_file).unwrap();
    client
        .notify(
            "workspace/didChangeWatchedFiles",
            json!({"changes": [{"uri": file_uri(&new_file), "type": 3}]}),
        )
        .await;
    indexed(&mut client, 2).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn changed_archive_files_update_the_index_through_our_watcher() {
    let workspace = Workspace::new();
    let mut client = TestClient::start();
    // No dynamic registration: the server watches the archive itself.
    client
        .initialize(
            json!({}),
            json!({"archive": ["archive"]}),
            Some(&workspace.root()),
        )
        .await;
    indexed(&mut client, 2).await;
    std::fs::write(
        workspace.root().join("archive/pilot.txt"),
        NOTICE.replace("12号", "40号"),
    )
    .unwrap();
    indexed(&mut client, 3).await;
    std::fs::remove_file(workspace.root().join("archive/notice.txt")).unwrap();
    indexed(&mut client, 2).await;
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_panic_becomes_an_error_response_and_the_server_goes_on() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let response = client.request("gongwen/debug/panic", json!({})).await;
    assert_eq!(response["error"]["code"], json!(-32603));
    assert!(
        response["error"]["message"]
            .as_str()
            .unwrap()
            .contains("requested by gongwen/debug/panic")
    );
    let uri = "file:///nowhere/draft.txt";
    client.open(uri, "根据中发[2004]20号文件。\n").await;
    assert_eq!(p202(&client.diagnostics(uri, 1).await), ["0:2-13"]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn malformed_params_are_invalid_params() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let response = client
        .request("textDocument/hover", json!({"textDocument": 5}))
        .await;
    assert_eq!(response["error"]["code"], json!(-32602));
    let response = client
        .request("textDocument/hover", json!({"textDocument": {"uri": "file:///x.txt"}, "position": {"line": -1, "character": 0}}))
        .await;
    assert_eq!(response["error"]["code"], json!(-32602));
    // Positions past the end clamp; a document that is not open has no hover.
    let uri = "file:///nowhere/draft.txt";
    client.open(uri, "根据中发[2004]20号文件。\n").await;
    let response = client
        .request(
            "textDocument/hover",
            at(uri, json!({"line": 99, "character": 99})),
        )
        .await;
    assert!(response.get("error").is_none(), "{response}");
    let response = client
        .request(
            "textDocument/hover",
            at("file:///closed.txt", json!({"line": 0, "character": 0})),
        )
        .await;
    assert_eq!(response["result"], Value::Null);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_five_megabyte_document_does_not_stall_typing() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let line = "根据中发[2004]20号文件要求，现就有关事项通知如下，请各地区各部门认真贯彻执行。\n";
    let big: String = line.repeat(5 * 1024 * 1024 / line.len() + 1);
    let lines = big.matches('\n').count();
    let uri = "file:///nowhere/big.txt";
    client.open(uri, &big).await;
    let small = "file:///nowhere/small.txt";
    client.open(small, "根据中发[2004]20号文件。\n").await;
    // Typing at the end, one character per change.
    for version in 2..=21 {
        client
            .notify(
                "textDocument/didChange",
                json!({
                    "textDocument": {"uri": uri, "version": version},
                    "contentChanges": [{"range": {"start": {"line": lines, "character": 0}, "end": {"line": lines, "character": 0}}, "text": "字"}],
                }),
            )
            .await;
        // Requests on another document are answered while the big one is being checked.
        let response = client
            .request(
                "textDocument/hover",
                at(small, json!({"line": 0, "character": 3})),
            )
            .await;
        assert!(response.get("error").is_none());
    }
    // Only the last version is published after the typing (stale runs are dropped).
    let last = client.diagnostics(uri, 21).await;
    assert_eq!(p202(&last).len(), lines);
    let versions: Vec<i64> = client
        .received()
        .iter()
        .filter(|m| {
            m["method"] == json!("textDocument/publishDiagnostics")
                && m["params"]["uri"] == json!(uri)
        })
        .filter_map(|m| m["params"]["version"].as_i64())
        .collect();
    assert!(versions.iter().all(|&v| v == 1 || v == 21), "{versions:?}");
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn examples_archive_indexes_and_drafts_hover() {
    let root = common::root().join("examples");
    let mut client = TestClient::start();
    client
        .initialize(editor_caps(), json!({"archive": ["archive"]}), Some(&root))
        .await;
    let status = indexed(&mut client, 18).await;
    assert_eq!(status["skipped"], json!(0));
    let path = root.join("drafts/safety-meeting-speech-draft.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    let uri = file_uri(&path);
    client.open(&uri, &text).await;
    let response = client
        .request(
            "textDocument/hover",
            at(
                &uri,
                position_of(
                    &text,
                    "江川省人民政府办公厅关于开展2023年全省安全生产大检查的通知",
                    1,
                ),
            ),
        )
        .await;
    let card = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(card.contains("江政办发〔2023〕26号"), "{card}");
    assert!(
        card.contains("archive/jiangzhengbanfa-2023-26-safety-inspection.txt"),
        "{card}"
    );
    client.shutdown().await;
}

const OUTLINED: &str = "关于做好防汛工作的通知\n\n一、总体要求\n（一）指导思想\n（三）基本原则\n\n二、主要任务\n1.加强监测\n2．强化值守\n";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn document_symbols_and_folding_follow_the_headings() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let uri = "file:///nowhere/outline.txt";
    client.open(uri, OUTLINED).await;
    let response = client
        .request(
            "textDocument/documentSymbol",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    fn names(symbols: &Value, depth: usize, out: &mut Vec<String>) {
        for s in symbols.as_array().unwrap() {
            out.push(format!(
                "{}{} {}-{}",
                "  ".repeat(depth),
                s["name"].as_str().unwrap(),
                s["range"]["start"]["line"],
                s["range"]["end"]["line"]
            ));
            names(&s["children"], depth + 1, out);
        }
    }
    let mut out = Vec::new();
    names(&response["result"], 0, &mut out);
    assert_eq!(
        out,
        [
            "一、总体要求 2-4",
            "  （一）指导思想 3-3",
            "  （三）基本原则 4-4",
            "二、主要任务 6-8",
            "  1.加强监测 7-7",
            "  2．强化值守 8-8",
        ]
    );
    let response = client
        .request(
            "textDocument/foldingRange",
            json!({"textDocument": {"uri": uri}}),
        )
        .await;
    let folds: Vec<(u64, u64)> = response["result"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| {
            (
                f["startLine"].as_u64().unwrap(),
                f["endLine"].as_u64().unwrap(),
            )
        })
        .collect();
    assert_eq!(folds, [(2, 4), (6, 8)]);
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn renumber_section_is_a_code_action() {
    let mut client = TestClient::start();
    client.initialize(editor_caps(), Value::Null, None).await;
    let uri = "file:///nowhere/outline.txt";
    client.open(uri, OUTLINED).await;
    let response = client
        .request(
            "textDocument/codeAction",
            json!({
                "textDocument": {"uri": uri},
                "range": {"start": {"line": 4, "character": 1}, "end": {"line": 4, "character": 1}},
                "context": {"diagnostics": [], "only": ["refactor"]},
            }),
        )
        .await;
    let actions = response["result"].as_array().unwrap();
    assert_eq!(actions.len(), 1, "{actions:#?}");
    assert_eq!(actions[0]["title"], json!("重新编号本节"));
    assert_eq!(actions[0]["kind"], json!("refactor.rewrite.renumber"));
    let edits = actions[0]["edit"]["changes"][uri].as_array().unwrap();
    assert_eq!(edits.len(), 1);
    assert_eq!(
        apply(OUTLINED, &edits[0]),
        OUTLINED.replace("（三）", "（二）")
    );
    client.shutdown().await;
}

/// The completion items at a position, as (label, new text, range start, filter text).
async fn completions(client: &mut TestClient, uri: &str, position: Value) -> (Value, Vec<Value>) {
    let response = client
        .request("textDocument/completion", at(uri, position))
        .await;
    let items = response["result"]["items"]
        .as_array()
        .cloned()
        .unwrap_or_default();
    (response["result"].clone(), items)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn completion_of_titles_phrasings_headings_and_skeletons() {
    let workspace = Workspace::new();
    let mut client = TestClient::start();
    let mut caps = editor_caps();
    caps["textDocument"] = json!({"completion": {"completionItem": {"snippetSupport": true}}});
    client
        .initialize(
            caps,
            json!({"archive": ["archive"]}),
            Some(&workspace.root()),
        )
        .await;
    indexed(&mut client, 2).await;

    // After 《, past a character outside the BMP (two UTF-16 units): the most cited title,
    // with its 文号, replacing exactly what was typed after the mark.
    let uri = workspace.uri("draft.txt");
    let text = "𠀀市要求：按照《国务院\n";
    client.open(&uri, text).await;
    let end = position_of(text, "国务院", 3);
    let (list, items) = completions(&mut client, &uri, end.clone()).await;
    assert_eq!(list["isIncomplete"], json!(false));
    let first = &items[0];
    assert_eq!(
        first["label"],
        json!("国务院关于加强数字政府建设的指导意见")
    );
    assert_eq!(
        first["textEdit"]["newText"],
        json!("国务院关于加强数字政府建设的指导意见》（国发〔2022〕14号）")
    );
    assert_eq!(
        first["textEdit"]["range"],
        json!({"start": position_of(text, "国务院", 0), "end": end})
    );
    assert_eq!(first["textEdit"]["range"]["start"]["character"], json!(9));
    assert!(first["filterText"].as_str().unwrap().starts_with("国务院"));
    assert_eq!(first["sortText"], json!("0000"));
    assert_eq!(first["kind"], json!(18), "reference");

    // A phrasing (the built-in table, as the archive is tiny), and the next heading.
    let uri = workspace.uri("notice.txt");
    let text = "关于做好防汛工作的通知\n\n各区人民政府：\n\n一、总体要求\n\n为做好工作，现就有关事项通知如下：\n\n特此\n\n";
    client.open(&uri, text).await;
    let (_, items) = completions(&mut client, &uri, position_of(text, "特此", 2)).await;
    assert_eq!(items[0]["label"], json!("特此通知。"));
    assert_eq!(items[0]["textEdit"]["newText"], json!("特此通知。"));
    assert_eq!(items[0]["insertTextFormat"], json!(1));
    let blank = json!({"line": 10, "character": 0});
    let (_, items) = completions(&mut client, &uri, blank).await;
    let labels: Vec<&str> = items.iter().map(|i| i["label"].as_str().unwrap()).collect();
    assert!(labels.contains(&"二、"), "{labels:?}");

    // An empty document: skeletons as snippets.
    let uri = workspace.uri("empty.txt");
    client.open(&uri, "").await;
    let (_, items) = completions(&mut client, &uri, json!({"line": 0, "character": 0})).await;
    assert_eq!(items.len(), 15);
    let notice = items
        .iter()
        .find(|i| i["label"] == json!("通知（公文模板）"))
        .unwrap();
    assert_eq!(notice["insertTextFormat"], json!(2), "snippet");
    assert!(
        notice["textEdit"]["newText"]
            .as_str()
            .unwrap()
            .contains("${1:发文机关}关于${5:事由}的通知")
    );
    client.shutdown().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn skeletons_are_plain_text_without_snippet_support() {
    let workspace = Workspace::new();
    let mut client = started(&workspace).await;
    let uri = workspace.uri("empty.txt");
    client.open(&uri, "\n").await;
    let (_, items) = completions(&mut client, &uri, json!({"line": 0, "character": 0})).await;
    let notice = items
        .iter()
        .find(|i| i["label"] == json!("通知（公文模板）"))
        .unwrap();
    assert_eq!(notice["insertTextFormat"], json!(1));
    let text = notice["textEdit"]["newText"].as_str().unwrap();
    assert!(text.starts_with("发文机关文件\n"), "{text}");
    assert!(!text.contains('$'));
    client.shutdown().await;
}

async fn logged(client: &mut TestClient, part: &str) -> String {
    client
        .notification("window/logMessage", |p| {
            p["message"].as_str().is_some_and(|m| m.contains(part))
        })
        .await["params"]["message"]
        .as_str()
        .unwrap()
        .to_string()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_restart_is_served_from_the_archive_cache_and_reindex_reads_everything() {
    let workspace = Workspace::new();
    let hour_ago = std::time::SystemTime::now() - std::time::Duration::from_secs(3600);
    for name in ["notice.txt", "opinion.txt"] {
        let file = std::fs::File::options()
            .append(true)
            .open(workspace.root().join("archive").join(name))
            .unwrap();
        file.set_modified(hour_ago).unwrap();
    }
    let cache = workspace.root().join("cache");
    let start = |cache: &Path| {
        let mut client = TestClient::start_with_cache(Some(cache));
        let root = workspace.root();
        async move {
            client
                .initialize(editor_caps(), json!({"archive": ["archive"]}), Some(&root))
                .await;
            indexed(&mut client, 2).await;
            client
        }
    };

    let mut first = start(&cache).await;
    let line = logged(&mut first, "gongwen: cache").await;
    assert!(line.ends_with(": 0 files reused, 2 read"), "{line}");
    logged(&mut first, "phrasings mined").await;
    first.shutdown().await;

    let mut second = start(&cache).await;
    let line = logged(&mut second, "gongwen: cache").await;
    assert!(
        line.ends_with(": 2 files reused, 0 read, phrasings reused"),
        "{line}"
    );
    // The archive from the cache answers as the one read from disk.
    let uri = workspace.uri("draft.txt");
    second.open(&uri, DRAFT).await;
    let response = second
        .request(
            "textDocument/hover",
            at(&uri, position_of(DRAFT, "江政办发", 0)),
        )
        .await;
    let card = response["result"]["contents"]["value"].as_str().unwrap();
    assert!(
        card.contains("江川省人民政府办公厅关于加快数字政府建设的通知"),
        "{card}"
    );
    assert!(card.contains("archive/notice.txt"), "{card}");

    // gongwen.reindex does not trust the cache: every file is read again.
    second
        .request(
            "workspace/executeCommand",
            json!({"command": "gongwen.reindex", "arguments": []}),
        )
        .await;
    let line = logged(&mut second, "gongwen: cache").await;
    assert!(line.ends_with(": 0 files reused, 2 read"), "{line}");
    second.shutdown().await;
}
