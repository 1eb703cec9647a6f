-- `:checkhealth gongwen`
local M = {}

function M.check()
  local health = vim.health
  health.start('gongwen')
  if require('gongwen').supported() then
    health.ok('Neovim ' .. tostring(vim.version()))
  else
    health.error('Neovim 0.11 or later is needed (vim.lsp.config, vim.lsp.enable)')
    return
  end
  local cfg = vim.lsp.config['gongwen'] or {}
  local cmd = type(cfg.cmd) == 'table' and cfg.cmd or { 'gongwen', 'lsp' }
  local done, ok, message = false, false, ''
  require('gongwen').check_binary(cmd, function(o, m)
    done, ok, message = true, o, m
  end)
  vim.wait(11000, function()
    return done
  end, 50)
  if ok then
    health.ok(string.format('%s: %s', vim.fn.exepath(cmd[1]), message))
  else
    health.error(message ~= '' and message or ('no answer from ' .. cmd[1] .. ' --version'))
  end
  health.info('settings sent to the server: ' .. vim.inspect(require('gongwen').settings))
  local clients = require('gongwen').clients()
  if #clients == 0 then
    health.info('no gongwen client is running')
  end
  for _, client in ipairs(clients) do
    local status = require('gongwen.status').by_client[client.id]
    health.info(string.format('client %d, root %s: %s', client.id, client.root_dir or '-', vim.inspect(status)))
  end
end

return M
