-- proactive-lsp for Neovim 0.11+. Set vim.g.proactive_lsp_cmd first to run the server from a
-- virtualenv, e.g. { '/path/to/venv/bin/python', '-m', 'proactive_lsp' }.
vim.lsp.config('proactive', {
  cmd = vim.g.proactive_lsp_cmd or { 'proactive-lsp' },
  filetypes = { 'python' },
  root_markers = { 'pyproject.toml', '.git' },
})
vim.lsp.enable('proactive') -- attaches next to pyright / ruff / pylsp
