-- proactive-lsp for Neovim 0.7 – 0.10 (on 0.11 and later, vim.lsp.config is simpler).
-- Put it in init.lua, or dofile() it from there. Set vim.g.proactive_lsp_cmd first to run the
-- server from a virtualenv, e.g. { '/path/to/venv/bin/python', '-m', 'proactive_lsp' }.
local cmd = vim.g.proactive_lsp_cmd or { 'proactive-lsp' }

-- The folder holding pyproject.toml or .git above the file (vim.fs.find is 0.8+ only).
local function root_dir(bufnr)
  local dir = vim.fn.fnamemodify(vim.api.nvim_buf_get_name(bufnr), ':p:h')
  local file = vim.fn.findfile('pyproject.toml', dir .. ';')
  if file ~= '' then return vim.fn.fnamemodify(file, ':p:h') end
  local git = vim.fn.finddir('.git', dir .. ';')
  if git ~= '' then return vim.fn.fnamemodify(git, ':p:h:h') end
  return dir
end

local client_id -- Neovim 0.7: one client, attached to every Python buffer
vim.api.nvim_create_autocmd('FileType', {
  pattern = 'python',
  callback = function(args)
    local config = { name = 'proactive', cmd = cmd, root_dir = root_dir(args.buf) }
    if vim.lsp.start then -- 0.8+: reuses the running client of the same name and root
      vim.lsp.start(config)
    else
      if not (client_id and vim.lsp.get_client_by_id(client_id)) then
        client_id = vim.lsp.start_client(config)
      end
      vim.lsp.buf_attach_client(args.buf, client_id)
    end
  end,
})
