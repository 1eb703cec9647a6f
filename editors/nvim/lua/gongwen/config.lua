-- Options of `require('gongwen').setup{}`: the plugin's own, and the server's settings (the
-- keys of gongwen's configuration schema, as in `gongwen.toml`).

local M = {}

--- The server's keys. Tables are nested as in `gongwen.toml` (`numbering = { ['third-level'] = … }`).
M.server_keys = {
  archive = 'list',
  include = 'list',
  exclude = 'list',
  select = 'list',
  ignore = 'list',
  severity = 'table',
  ['per-file-ignores'] = 'table',
  lang = 'string',
  numbering = { ['third-level'] = 'string' },
  phrases = { ['min-documents'] = 'number' },
  ['max-file-size'] = 'number',
}

--- The plugin's own options (not sent to the server).
M.plugin_keys = {
  cmd = true, -- { 'gongwen', 'lsp' }
  path = true, -- the gongwen binary (shorthand for cmd = { path, 'lsp' })
  filetypes = true,
  root_markers = true,
  on_attach = true,
  capabilities = true,
  autostart = true, -- false: configure, but do not `vim.lsp.enable`
}

M.defaults = {
  cmd = { 'gongwen', 'lsp' },
  filetypes = { 'text', 'markdown' },
  root_markers = { 'gongwen.toml', '.git' },
  autostart = true,
}

--- Lua names cannot hold `-`: `per_file_ignores`, `max_file_size`, `third_level` and
--- `min_documents` are accepted too.
local function kebab(key)
  return (key:gsub('_', '-'))
end

--- Splits setup options into the plugin's options and the server's settings; unknown keys
--- and values of the wrong type are returned as errors.
--- @return table plugin, table settings, string[] errors
function M.split(opts)
  local plugin, settings, errors = {}, {}, {}
  local function check(value, kind, name)
    local ok
    if kind == 'list' then
      ok = type(value) == 'table' and vim.islist(value)
    elseif kind == 'table' then
      ok = type(value) == 'table'
    else
      ok = type(value) == kind
    end
    if not ok then
      table.insert(errors, string.format('`%s` should be a %s, got %s', name, kind, vim.inspect(value)))
    end
    return ok
  end
  for key, value in pairs(opts or {}) do
    if M.plugin_keys[key] then
      plugin[key] = value
    else
      local name = kebab(key)
      local kind = M.server_keys[name]
      if kind == nil then
        table.insert(errors, string.format('unknown key `%s`', key))
      elseif type(kind) == 'table' then
        if check(value, 'table', name) then
          local inner = {}
          for k, v in pairs(value) do
            local inner_name = kebab(k)
            local inner_kind = kind[inner_name]
            if inner_kind == nil then
              table.insert(errors, string.format('unknown key `%s.%s`', name, k))
            elseif check(v, inner_kind, name .. '.' .. inner_name) then
              inner[inner_name] = v
            end
          end
          settings[name] = next(inner) and inner or vim.empty_dict()
        end
      elseif check(value, kind, name) then
        if kind == 'table' and next(value) == nil then
          -- An empty Lua table encodes as a JSON array.
          value = vim.empty_dict()
        end
        settings[name] = value
      end
    end
  end
  if plugin.path and not plugin.cmd then
    plugin.cmd = { vim.fn.expand(plugin.path), 'lsp' }
  end
  plugin.path = nil
  return vim.tbl_extend('force', M.defaults, plugin), settings, errors
end

--- The root: the nearest folder holding `gongwen.toml` or `.git`, else the file's folder.
function M.root_dir(markers)
  return function(bufnr, on_dir)
    local name = vim.api.nvim_buf_get_name(bufnr)
    if name == '' then
      return
    end
    on_dir(vim.fs.root(bufnr, markers or M.defaults.root_markers) or vim.fs.dirname(name))
  end
end

--- The `vim.lsp.Config` without settings (`lsp/gongwen.lua`).
function M.base()
  return {
    cmd = M.defaults.cmd,
    filetypes = M.defaults.filetypes,
    root_markers = M.defaults.root_markers,
    root_dir = M.root_dir(M.defaults.root_markers),
    handlers = {
      ['gongwen/status'] = function(...)
        return require('gongwen.status').handler(...)
      end,
    },
  }
end

return M
