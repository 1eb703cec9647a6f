//! `gongwen lsp` driven by a real editor: headless Neovim 0.11 (`GONGWEN_NVIM`, installed by
//! `.ci/run`) opens a draft with a CJK Extension B character, CRLF line ends and U+2028,
//! waits for diagnostics, asks for a hover and reports what the user would see.

#![allow(clippy::print_stderr)] // A skipped test says why on stderr.

mod editors;

use std::path::{Path, PathBuf};
use std::process::Command;

use editors::{find_nvim, gongwen_bin};

const NOTICE: &str = "江川省人民政府办公厅文件\n\n江政办发〔2023〕12号\n\n江川省人民政府办公厅关于加快数字政府建设的通知\n\n各市人民政府：\n\n现就有关事项通知如下。\n";

/// A workspace with an `archive/` holding one notice and `draft.txt`; the workspace's
/// canonical path and the draft's.
fn workspace(dir: &Path, draft: &str) -> (PathBuf, PathBuf) {
    let root = dir.canonicalize().unwrap();
    std::fs::create_dir_all(root.join("archive")).unwrap();
    std::fs::write(root.join("archive/notice.txt"), NOTICE).unwrap();
    let doc = root.join("draft.txt");
    std::fs::write(&doc, draft).unwrap();
    (root, doc)
}

/// Runs a Lua script in headless Neovim on the draft, the server offered `encoding` as its
/// only position encoding; returns the report the script wrote.
fn run_script(nvim: &Path, root: &Path, doc: &Path, script: &str, encoding: &str) -> String {
    let path = root.join("script.lua");
    std::fs::write(&path, script).unwrap();
    let out = root.join(format!("out-{encoding}.txt"));
    let status = Command::new(nvim)
        .args(["--headless", "--clean", "-c"])
        .arg(format!("luafile {}", path.display()))
        .env("DOC", doc)
        .env("SERVER", gongwen_bin())
        .env("ROOT", root)
        .env("OUT", &out)
        .env("ENCODING", encoding)
        .current_dir(root)
        .status()
        .expect("run nvim");
    assert!(status.success(), "nvim: {status}");
    std::fs::read_to_string(&out).expect("nvim wrote its report")
}

const SCRIPT: &str = r#"
local out = {}
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.DOC))
local buf = vim.api.nvim_get_current_buf()
local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.general.positionEncodings = { vim.env.ENCODING }
local id = vim.lsp.start({
  name = 'gongwen',
  capabilities = capabilities,
  cmd = { vim.env.SERVER, 'lsp' },
  root_dir = vim.env.ROOT,
  init_options = { archive = { 'archive' } },
})
local ok = vim.wait(20000, function()
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    if d.code == 'P202' then return true end
  end
  return false
end, 50)
table.insert(out, 'diagnostics: ' .. tostring(ok))
local found = {}
for _, d in ipairs(vim.diagnostic.get(buf)) do
  if d.code == 'P202' then
    local line = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1]
    table.insert(found, string.format('%d %s', d.lnum, line:sub(d.col + 1, d.end_col)))
  end
end
table.sort(found)
for _, f in ipairs(found) do table.insert(out, f) end
local client = vim.lsp.get_client_by_id(id)
table.insert(out, 'encoding: ' .. client.offset_encoding)
-- Hover on the citation on line 3, once the index is there.
vim.api.nvim_win_set_cursor(0, { 3, 9 })
local params = vim.lsp.util.make_position_params(0, client.offset_encoding)
local value = ''
vim.wait(20000, function()
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/hover', params, 5000)
  for _, r in pairs(res or {}) do
    value = r.result and r.result.contents and r.result.contents.value or ''
  end
  return value ~= '' and value:find('索引中') == nil
end, 100)
table.insert(out, 'hover: ' .. (value:match('^[^\n]*') or ''))
vim.lsp.stop_client(id)
vim.fn.writefile(out, vim.env.OUT)
vim.cmd('qa!')
"#;

#[test]
fn neovim_shows_diagnostics_and_hover_where_they_belong() {
    let Some(nvim) = find_nvim("neovim_shows_diagnostics_and_hover_where_they_belong") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    let (root, doc) = workspace(
        dir.path(),
        "𠀀根据中发[2004]20号文件，，\r\n第二行\u{2028}国发(2016)5号。\r\n按照《江川省人民政府办公厅关于加快数字政府建设的通知》要求。\r\n",
    );
    // What Neovim 0.11 offers first (UTF-8), and what VS Code speaks (UTF-16).
    for encoding in ["utf-8", "utf-16"] {
        let report = run_script(&nvim, &root, &doc, SCRIPT, encoding);
        assert_eq!(
            report,
            format!(
                "diagnostics: true\n0 中发[2004]20号\n1 国发(2016)5号\nencoding: {encoding}\nhover: **《江川省人民政府办公厅关于加快数字政府建设的通知》**\n"
            )
        );
    }
}

/// Asks for completion at the end of lines 3–5 and accepts the first item the way
/// `vim.lsp.completion` does: Neovim's own conversion of the response (start column from the
/// items' common `textEdit` start, else its keyword rule; filtering on `filterText`), then
/// the first match's word put from the start column to the cursor, as `complete()` does.
const COMPLETION_SCRIPT: &str = r#"
local out = {}
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.DOC))
local buf = vim.api.nvim_get_current_buf()
local capabilities = vim.lsp.protocol.make_client_capabilities()
capabilities.general.positionEncodings = { vim.env.ENCODING }
local indexed = false
local id = vim.lsp.start({
  name = 'gongwen',
  capabilities = capabilities,
  cmd = { vim.env.SERVER, 'lsp' },
  root_dir = vim.env.ROOT,
  init_options = { archive = { 'archive' } },
  handlers = {
    ['gongwen/status'] = function(_, params)
      if not params.indexing and params.documents > 0 then indexed = true end
    end,
  },
})
local client = vim.lsp.get_client_by_id(id)
table.insert(out, 'indexed: ' .. tostring(vim.wait(20000, function() return indexed end, 50)))
local function accept(lnum)
  local line = vim.api.nvim_buf_get_lines(buf, lnum - 1, lnum, false)[1]
  local col = #line
  -- At the end of the line, as in insert mode (normal mode cannot go there).
  local params = {
    textDocument = { uri = vim.uri_from_bufnr(buf) },
    position = { line = lnum - 1, character = vim.str_utfindex(line, client.offset_encoding, col) },
  }
  local res = vim.lsp.buf_request_sync(buf, 'textDocument/completion', params, 10000)
  local result
  for _, r in pairs(res or {}) do result = r.result end
  local boundary = vim.fn.match(line:sub(1, col), '\\k*$')
  local matches, server_start = vim.lsp.completion._convert_results(
    line, lnum - 1, col, id, boundary, nil, result or {}, client.offset_encoding)
  local start = server_start or boundary
  local word = matches[1] and matches[1].word or '(none)'
  return line:sub(1, start) .. word .. line:sub(col + 1)
end
for lnum = 3, 5 do
  table.insert(out, accept(lnum))
end
vim.lsp.stop_client(id)
vim.fn.writefile(out, vim.env.OUT)
vim.cmd('qa!')
"#;

#[test]
fn neovim_completes_titles_and_phrasings_in_place() {
    let Some(nvim) = find_nvim("neovim_completes_titles_and_phrasings_in_place") else {
        return;
    };
    let dir = tempfile::tempdir().unwrap();
    // A 通知 (by its title); line 3: a title after 《, past an Extension B character;
    // line 4: a closing formula; line 5: a transition typed after a clause.
    let (root, doc) = workspace(
        dir.path(),
        "关于做好工作的通知\n\n𠀀市按照《江川\n特此\n为做好工作，现就有关\n",
    );
    for encoding in ["utf-8", "utf-16"] {
        let report = run_script(&nvim, &root, &doc, COMPLETION_SCRIPT, encoding);
        assert_eq!(
            report,
            "indexed: true\n𠀀市按照《江川省人民政府办公厅关于加快数字政府建设的通知》（江政办发〔2023〕12号）\n特此通知。\n为做好工作，现就有关事项通知如下：\n",
            "{encoding}"
        );
    }
}
