-- Drives headless Neovim 0.11 with the gongwen plugin (editors/nvim) as a user would, for
-- tests/editor_nvim.rs. Environment:
--   PLUGIN    editors/nvim (put on the runtimepath)
--   SERVER    the gongwen binary
--   ARCHIVE   the archive root given to setup{}
--   SCENARIO  which scenario below to run
--   FILES     files to open, separated by newlines (the first is the current buffer)
--   ENCODING  if set, the only position encoding offered (utf-16, utf-8, utf-32)
--   EXPECTED_DIAGNOSTICS  (diagnostics) how many to wait for, over all files
--   OUT       where to write the result (JSON)
-- Whatever happens, OUT gets a JSON object; `error` holds a failure.

local out = { log = {} }
local function log(fmt, ...)
  table.insert(out.log, string.format(fmt, ...))
end

local function finish()
  local ok, text = pcall(vim.json.encode, out)
  if not ok then
    text = vim.json.encode({ error = 'cannot encode the result: ' .. tostring(text), log = out.log })
  end
  vim.fn.writefile({ text }, vim.env.OUT)
  vim.cmd('qa!')
end

-- Messages shown with vim.notify, for the tests to read.
out.notifications = {}
vim.notify = function(msg, level)
  table.insert(out.notifications, { message = msg, level = level })
end

vim.opt.runtimepath:prepend(vim.env.PLUGIN)
vim.opt.swapfile = false
vim.opt.shortmess:append('F')

local function files()
  return vim.split(vim.env.FILES or '', '\n', { trimempty = true })
end

local function setup(extra)
  local capabilities = nil
  if vim.env.ENCODING and vim.env.ENCODING ~= '' then
    capabilities = vim.lsp.protocol.make_client_capabilities()
    capabilities.general.positionEncodings = { vim.env.ENCODING }
  end
  local opts = { path = vim.env.SERVER, archive = { vim.env.ARCHIVE }, capabilities = capabilities }
  for k, v in pairs(extra or {}) do
    opts[k] = v
  end
  return require('gongwen').setup(opts)
end

local function client_of(buf)
  local client
  vim.wait(20000, function()
    client = vim.lsp.get_clients({ bufnr = buf, name = 'gongwen' })[1]
    return client ~= nil and client.initialized
  end, 20)
  assert(client, 'no gongwen client attached to ' .. vim.api.nvim_buf_get_name(buf))
  return client
end

--- Waits until the archive is indexed (the plugin's `gongwen/status` handler).
local function wait_indexed(buf)
  local ok = vim.wait(60000, function()
    local s = require('gongwen').status(buf)
    return s ~= nil and not s.indexing and not s.starting and s.documents > 0
  end, 50)
  assert(ok, 'the archive was not indexed: ' .. vim.inspect(require('gongwen').status(buf)))
  out.status = require('gongwen').status(buf)
  out.statusline = require('gongwen').statusline(buf)
end

--- Waits until the diagnostics of every buffer stop changing for `quiet` ms.
local function wait_diagnostics_settle(bufs, quiet)
  local function snapshot()
    local parts = {}
    for _, b in ipairs(bufs) do
      table.insert(parts, vim.inspect(vim.diagnostic.get(b)))
    end
    return table.concat(parts)
  end
  local last, since = snapshot(), vim.uv.now()
  vim.wait(30000, function()
    local now = snapshot()
    if now ~= last then
      last, since = now, vim.uv.now()
    end
    return vim.uv.now() - since >= quiet
  end, 50)
end

--- The text Neovim shows under each diagnostic, with character columns.
local function diagnostics_of(buf)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(buf)) do
    local ok, lines = pcall(vim.api.nvim_buf_get_text, buf, d.lnum, d.col, d.end_lnum, d.end_col, {})
    local first = vim.api.nvim_buf_get_lines(buf, d.lnum, d.lnum + 1, false)[1] or ''
    local last = vim.api.nvim_buf_get_lines(buf, d.end_lnum, d.end_lnum + 1, false)[1] or ''
    table.insert(found, {
      code = d.code,
      source = d.source,
      severity = d.severity,
      message = d.message,
      line = d.lnum,
      col = vim.str_utfindex(first, 'utf-32', math.min(d.col, #first), false),
      end_line = d.end_lnum,
      end_col = vim.str_utfindex(last, 'utf-32', math.min(d.end_col, #last), false),
      text = ok and table.concat(lines, '\n') or ('<bad range: ' .. tostring(lines) .. '>'),
    })
  end
  return found
end

local scenarios = {}

-- Diagnostics of every file, as Neovim shows them.
function scenarios.diagnostics()
  setup()
  local bufs = {}
  for _, file in ipairs(files()) do
    vim.cmd.edit(vim.fn.fnameescape(file))
    table.insert(bufs, vim.api.nvim_get_current_buf())
  end
  local client = client_of(bufs[1])
  out.encoding = client.offset_encoding
  out.root_dir = client.root_dir
  wait_indexed(bufs[1])
  -- The C findings come once the archive is indexed: wait for as many as expected.
  local expected = tonumber(vim.env.EXPECTED_DIAGNOSTICS or '')
  if expected then
    vim.wait(30000, function()
      local n = 0
      for _, b in ipairs(bufs) do
        n = n + #vim.diagnostic.get(b)
      end
      return n >= expected
    end, 50)
  end
  wait_diagnostics_settle(bufs, 500)
  out.files = {}
  for i, buf in ipairs(bufs) do
    out.files[i] = { path = files()[i], filetype = vim.bo[buf].filetype, diagnostics = diagnostics_of(buf) }
  end
end

-- Hover on a 文号 (the floating window Neovim opens), then go to its definition.
-- LINE (1-based) and COLUMN (0-based character) place the cursor.
function scenarios.hover_definition()
  setup()
  vim.cmd.edit(vim.fn.fnameescape(files()[1]))
  local buf = vim.api.nvim_get_current_buf()
  local client = client_of(buf)
  wait_indexed(buf)
  local line = tonumber(vim.env.LINE)
  local text = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
  local byte = vim.str_byteindex(text, 'utf-32', tonumber(vim.env.COLUMN), false)
  vim.api.nvim_win_set_cursor(0, { line, byte })
  out.under_cursor = vim.fn.strcharpart(text, tonumber(vim.env.COLUMN), 12)
  local before = vim.api.nvim_list_wins()
  vim.lsp.buf.hover()
  local float
  vim.wait(10000, function()
    for _, win in ipairs(vim.api.nvim_list_wins()) do
      if not vim.tbl_contains(before, win) and vim.api.nvim_win_get_config(win).relative ~= '' then
        float = win
        return true
      end
    end
    return false
  end, 20)
  assert(float, 'no hover window opened')
  out.hover = vim.api.nvim_buf_get_lines(vim.api.nvim_win_get_buf(float), 0, -1, false)
  vim.api.nvim_win_close(float, true)
  vim.api.nvim_win_set_cursor(0, { line, byte })
  vim.lsp.buf.definition()
  vim.wait(10000, function()
    return vim.api.nvim_get_current_buf() ~= buf
  end, 20)
  out.definition = {
    name = vim.api.nvim_buf_get_name(0),
    line = vim.api.nvim_win_get_cursor(0)[1],
    text = vim.api.nvim_get_current_line(),
  }
  -- Several places: Neovim lists them in the quickfix list.
  out.qflist = {}
  for _, item in ipairs(vim.fn.getqflist()) do
    table.insert(out.qflist, { name = vim.api.nvim_buf_get_name(item.bufnr), line = item.lnum })
  end
  log('client %d', client.id)
end

-- Completion as Neovim offers it: type PREFIX at the end of line LINE in insert mode and ask
-- for omni completion (<C-x><C-o>, vim.lsp.omnifunc); read complete_info() while the menu is
-- up, then accept the first item.
function scenarios.completion()
  setup()
  vim.cmd.edit(vim.fn.fnameescape(files()[1]))
  local buf = vim.api.nvim_get_current_buf()
  local client = client_of(buf)
  wait_indexed(buf)
  out.completion_provider = client.server_capabilities.completionProvider ~= nil
  assert(out.completion_provider, 'the server offers no completion')
  out.omnifunc = vim.bo[buf].omnifunc
  local line = tonumber(vim.env.LINE)
  vim.api.nvim_buf_set_lines(buf, line - 1, line, false, { '' })
  vim.api.nvim_win_set_cursor(0, { line, 0 })
  local prefix = vim.env.PREFIX
  -- The menu is read by a timer while insert mode is still active, then accepted.
  local function poll(tries)
    local info = vim.fn.complete_info({ 'mode', 'pum_visible', 'items', 'selected' })
    if (#info.items > 0) or tries <= 0 then
      out.complete_info = info
      if #info.items > 0 then
        -- Accept the item Neovim selected (the first one unless 'completeopt' has noselect),
        -- at once: keys fed for later (<C-y>) would insert the character above the cursor
        -- if the menu closed in between.
        local index = math.max(info.selected, 0)
        out.accepted = info.items[index + 1].word
        vim.api.nvim_select_popupmenu_item(index, true, true, {})
      end
      vim.api.nvim_feedkeys(vim.keycode('<Esc>'), 'n', false)
      return
    end
    vim.defer_fn(function()
      poll(tries - 1)
    end, 50)
  end
  vim.defer_fn(function()
    poll(200)
  end, 50)
  vim.api.nvim_feedkeys('i' .. prefix .. vim.keycode('<C-x><C-o>'), 'tx!', false)
  -- Back in normal mode: the line as the accepted item left it.
  vim.wait(3000, function()
    return vim.fn.mode() == 'n'
  end, 20)
  out.line_after = vim.api.nvim_buf_get_lines(buf, line - 1, line, false)[1]
end

-- vim.lsp.buf.format(): the buffer's text afterwards.
function scenarios.format()
  setup()
  vim.cmd.edit(vim.fn.fnameescape(files()[1]))
  local buf = vim.api.nvim_get_current_buf()
  client_of(buf)
  wait_indexed(buf)
  out.before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  vim.lsp.buf.format({ async = false, timeout_ms = 10000, name = 'gongwen' })
  out.after = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
end

-- The plugin's commands, status line, help and checks.
function scenarios.plugin()
  -- An unknown key and a wrong type are reported and left out.
  setup({ archve = { 'x' }, lang = 3, numbering = { third_level = 'halfwidth' } })
  out.settings = require('gongwen').settings
  out.setup_notifications = vim.deepcopy(out.notifications)
  vim.cmd.edit(vim.fn.fnameescape(files()[1]))
  local buf = vim.api.nvim_get_current_buf()
  local client = client_of(buf)
  out.root_dir = client.root_dir
  out.init_options = client.config.init_options
  wait_indexed(buf)
  out.commands = {
    fix_all = vim.fn.exists(':GongwenFixAll') == 2,
    reindex = vim.fn.exists(':GongwenReindex') == 2,
  }
  -- :GongwenFixAll applies the safe fixes through workspace/applyEdit.
  out.before = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  local tick = vim.b[buf].changedtick
  vim.cmd('GongwenFixAll')
  vim.wait(10000, function()
    return vim.b[buf].changedtick ~= tick
  end, 20)
  out.after_fix_all = vim.api.nvim_buf_get_lines(buf, 0, -1, false)
  -- :GongwenReindex: the status line shows indexing, then the archive again.
  local seen_indexing = false
  vim.api.nvim_create_autocmd('User', {
    pattern = 'GongwenStatus',
    callback = function(ev)
      if ev.data and ev.data.indexing then
        seen_indexing = true
      end
    end,
  })
  vim.cmd('GongwenReindex')
  vim.wait(30000, function()
    local s = require('gongwen').status(buf)
    return seen_indexing and s and not s.indexing
  end, 20)
  out.reindex_seen_indexing = seen_indexing
  out.statusline_after_reindex = require('gongwen').statusline(buf)
  -- Settings changed by a second setup() reach the running server.
  local function messages()
    local list = {}
    for _, d in ipairs(vim.diagnostic.get(buf)) do
      table.insert(list, d.code .. ' ' .. d.message)
    end
    table.sort(list)
    return list
  end
  wait_diagnostics_settle({ buf }, 1000)
  local before_messages = messages()
  setup({ lang = 'en' })
  vim.wait(10000, function()
    return not vim.deep_equal(messages(), before_messages)
  end, 50)
  out.messages_before = before_messages
  out.messages_after = messages()
  -- :help gongwen
  vim.cmd('helptags ' .. vim.fn.fnameescape(vim.env.PLUGIN .. '/doc'))
  local ok, err = pcall(vim.cmd, 'help gongwen')
  out.help = ok and { file = vim.fn.expand('%:t'), line = vim.api.nvim_get_current_line() } or { error = tostring(err) }
  -- :checkhealth gongwen
  local ok_health, health_err = pcall(vim.cmd, 'checkhealth gongwen')
  out.health = ok_health and vim.api.nvim_buf_get_lines(0, 0, -1, false) or { tostring(health_err) }
end

-- The binary checks and the message on an old Neovim, without a server.
function scenarios.checks()
  local gongwen = require('gongwen')
  local results = {}
  local pending = 0
  for name, cmd in pairs({ ours = vim.env.SERVER, foreign = vim.env.FOREIGN, missing = vim.env.ARCHIVE .. '/no-such-binary' }) do
    pending = pending + 1
    gongwen.check_binary({ cmd, 'lsp' }, function(ok, message)
      results[name] = { ok = ok, message = message }
      pending = pending - 1
    end)
  end
  vim.wait(20000, function()
    return pending == 0
  end, 20)
  out.binaries = results
  -- setup() with a binary that is not there: a warning, and nothing enabled.
  out.notifications = {}
  out.missing_setup = gongwen.setup({ path = vim.env.ARCHIVE .. '/no-such-binary' })
  vim.wait(200)
  out.missing_notifications = out.notifications
  out.missing_enabled = vim.lsp.is_enabled and vim.lsp.is_enabled('gongwen') or false
  -- The root: nearest gongwen.toml or .git, else the file's folder.
  local config = require('gongwen.config')
  local function root_of(file)
    vim.cmd.edit(vim.fn.fnameescape(file))
    local found
    config.root_dir()(vim.api.nvim_get_current_buf(), function(dir)
      found = dir
    end)
    return found
  end
  out.roots = {}
  for _, file in ipairs(files()) do
    table.insert(out.roots, { file = file, root = root_of(file) })
  end
  -- Neovim before 0.11: a warning that says what to do, and nothing started.
  local has = vim.fn.has
  vim.fn.has = function(feature)
    if feature == 'nvim-0.11' then
      return 0
    end
    return has(feature)
  end
  out.notifications = {}
  out.old_setup = gongwen.setup({ path = vim.env.SERVER })
  out.old_notifications = out.notifications
  vim.fn.has = has
end

local ok, err = xpcall(function()
  local scenario = scenarios[vim.env.SCENARIO]
  assert(scenario, 'unknown scenario ' .. tostring(vim.env.SCENARIO))
  scenario()
end, debug.traceback)
if not ok then
  out.error = err
end
finish()
