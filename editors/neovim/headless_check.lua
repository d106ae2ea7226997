-- Minimal init for tests/editors/test_neovim.py: loads $PROACTIVE_NVIM_CONFIG (proactive.lua by
-- default; both configurations are the ones editors/README-clients.md shows), opens nothing itself
-- (the test passes the file), then asks
-- the real server for diagnostics, completion and hover through Neovim's own LSP client and writes
-- what it got as JSON to $PROACTIVE_NVIM_OUT. The server command comes from $PROACTIVE_LSP_CMD
-- (a JSON argv).
local here = vim.fn.fnamemodify(debug.getinfo(1, 'S').source:sub(2), ':p:h')
if vim.env.PROACTIVE_LSP_CMD then
  vim.g.proactive_lsp_cmd = vim.fn.json_decode(vim.env.PROACTIVE_LSP_CMD)
end
dofile(here .. '/' .. (vim.env.PROACTIVE_NVIM_CONFIG or 'proactive.lua'))

local timeout_ms = tonumber(vim.env.PROACTIVE_NVIM_TIMEOUT_MS or '20000')
local out = { nvim = vim.version() }

local function proactive_diagnostics(bufnr)
  local found = {}
  for _, d in ipairs(vim.diagnostic.get(bufnr)) do
    local lsp = d.user_data and d.user_data.lsp or {}
    if d.source == 'proactive' or lsp.source == 'proactive' then
      table.insert(found, {
        lnum = d.lnum, col = d.col, end_col = d.end_col, severity = d.severity,
        message = d.message, source = d.source or lsp.source, code = d.code or lsp.code,
      })
    end
  end
  return found
end

local function has_code(list, code)
  for _, d in ipairs(list) do
    if d.code == code then return true end
  end
  return false
end

-- One request to our client only; returns its result (nil on timeout or error).
local function request(bufnr, method, params)
  local responses, err = vim.lsp.buf_request_sync(bufnr, method, params, timeout_ms)
  if not responses then return nil, err end
  for id, response in pairs(responses) do
    local client = vim.lsp.get_client_by_id(id)
    if client and client.name == 'proactive' then return response.result, response.error end
  end
  return nil, 'no response from the proactive client'
end

local function check()
  local bufnr = vim.api.nvim_get_current_buf()
  local uri = vim.uri_from_bufnr(bufnr)
  out.filetype = vim.bo[bufnr].filetype

  local t0 = (vim.uv or vim.loop).hrtime()
  out.diagnostics_arrived = vim.wait(timeout_ms, function()
    return has_code(proactive_diagnostics(bufnr), 'PA301')
  end, 50)
  out.diagnostics_ms = ((vim.uv or vim.loop).hrtime() - t0) / 1e6
  out.diagnostics = proactive_diagnostics(bufnr)
  out.clients = {}
  local clients = vim.lsp.get_clients and vim.lsp.get_clients({ bufnr = bufnr })
    or vim.lsp.buf_get_clients(bufnr)
  for _, client in pairs(clients) do
    table.insert(out.clients, client.name)
    if client.name == 'proactive' then out.root_dir = client.config.root_dir end
  end

  -- hover on `#%task` of the first line
  local hover, herr = request(bufnr, 'textDocument/hover',
    { textDocument = { uri = uri }, position = { line = 0, character = 3 } })
  out.hover = hover and hover.contents
  out.hover_error = herr and vim.inspect(herr)

  -- completion after `#%ta`, typed on a new last line (exercises didChange too)
  local last = vim.api.nvim_buf_line_count(bufnr)
  vim.api.nvim_buf_set_lines(bufnr, last, last, false, { '#%ta' })
  local completion, cerr = request(bufnr, 'textDocument/completion',
    { textDocument = { uri = uri }, position = { line = last, character = 4 } })
  local items = completion and (completion.items or completion) or {}
  out.completion = {}
  for _, item in ipairs(items) do
    table.insert(out.completion, item.label)
  end
  out.completion_error = cerr and vim.inspect(cerr)

  -- fix the dependency: the PA301 error goes away
  vim.api.nvim_buf_set_lines(bufnr, last, last + 1, false, {})
  for i, line in ipairs(vim.api.nvim_buf_get_lines(bufnr, 0, -1, false)) do
    if line:find('missing', 1, true) then
      vim.api.nvim_buf_set_lines(bufnr, i - 1, i, false, { (line:gsub(', missing', '')) })
    end
  end
  out.fix_cleared = vim.wait(timeout_ms, function()
    return not has_code(proactive_diagnostics(bufnr), 'PA301')
  end, 50)
end

vim.api.nvim_create_autocmd('VimEnter', {
  callback = function()
    vim.schedule(function()
      local ok, err = pcall(check)
      if not ok then out.error = tostring(err) end
      local file = assert(io.open(assert(vim.env.PROACTIVE_NVIM_OUT), 'w'))
      file:write(vim.fn.json_encode(out))
      file:close()
      vim.cmd(ok and 'qall!' or 'cquit!')
    end)
  end,
})
