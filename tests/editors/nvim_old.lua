-- For tests/editor_nvim.rs: the plugin on a Neovim older than 0.11 (Debian's 0.7.2). Only
-- APIs that 0.7 has. Environment: PLUGIN, SERVER, OUT.
local out = { notifications = {} }
vim.notify = function(msg, level)
  table.insert(out.notifications, { message = msg, level = level })
end
vim.opt.runtimepath:prepend(vim.env.PLUGIN)
local ok, result = pcall(function()
  return require('gongwen').setup({ path = vim.env.SERVER, archive = { '.' } })
end)
out.ok = ok
out.setup = result
out.warn_level = vim.log.levels.WARN
vim.cmd('edit ' .. vim.fn.fnameescape(vim.env.PLUGIN .. '/README.md'))
vim.wait(500)
out.clients = #vim.lsp.get_active_clients()
out.version = vim.fn.execute('version'):match('NVIM v[%d%.]+')
vim.fn.writefile({ vim.fn.json_encode(out) }, vim.env.OUT)
vim.cmd('qa!')
