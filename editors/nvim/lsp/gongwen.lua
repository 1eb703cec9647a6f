-- The gongwen language server's base configuration for Neovim 0.11+ (`:help lsp-config`).
-- With this plugin on the runtimepath, `vim.lsp.enable('gongwen')` works on its own;
-- `require('gongwen').setup{}` adds the settings, the commands and the status line.
return require('gongwen.config').base()
