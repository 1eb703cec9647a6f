-- The server's `gongwen/status` notification ({indexing, documents, directives, skipped}),
-- kept per client, and a status line component built from it.

local M = {}

--- Last status per client id.
--- @type table<integer, {indexing: boolean, documents: integer, directives: integer, skipped: integer}>
M.by_client = {}

function M.handler(_, result, ctx)
  if type(result) ~= 'table' then
    return
  end
  M.by_client[ctx.client_id] = {
    indexing = result.indexing == true,
    documents = tonumber(result.documents) or 0,
    directives = tonumber(result.directives) or 0,
    skipped = tonumber(result.skipped) or 0,
  }
  vim.schedule(function()
    vim.api.nvim_exec_autocmds('User', { pattern = 'GongwenStatus', modeline = false, data = M.by_client[ctx.client_id] })
    pcall(vim.cmd.redrawstatus)
  end)
end

--- The status of the gongwen client attached to `bufnr` (default: the current buffer).
function M.get(bufnr)
  for _, client in ipairs(vim.lsp.get_clients({ bufnr = bufnr or 0, name = 'gongwen' })) do
    local status = M.by_client[client.id]
    if status then
      return status
    end
    return { indexing = true, documents = 0, directives = 0, skipped = 0, starting = true }
  end
  return nil
end

--- A short text for a status line: `公文 18` (archive size), `公文 索引中 3` while indexing,
--- `公文 18 ⚠2` when files were skipped; '' when no gongwen client is attached.
function M.statusline(bufnr)
  local status = M.get(bufnr)
  if not status then
    return ''
  end
  if status.starting then
    return '公文 …'
  end
  if status.indexing then
    return string.format('公文 索引中 %d', status.documents)
  end
  local text = string.format('公文 %d', status.documents)
  if status.skipped > 0 then
    text = text .. string.format(' ⚠%d', status.skipped)
  end
  return text
end

return M
