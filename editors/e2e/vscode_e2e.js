'use strict';
// Drive code-server (VS Code in the browser) with our extension installed, in headless Chromium.
// Usage: node vscode_e2e.js BASE_URL WORKSPACE_DIR ARTIFACTS_DIR
// Prints one JSON line per step and a summary line; exit code 1 when a required step failed.
//
// Expects in WORKSPACE_DIR the fixtures of tests/editors/fixtures/workspace: flow.py and nb.ipynb,
// each with one unknown dependency `missing` (exactly one error each).

const fs = require('fs');
const path = require('path');
const { launch, Steps, until, sleep } = require('./driver_util');

const [baseUrl, workspace, artifacts] = process.argv.slice(2);
if (!baseUrl || !workspace || !artifacts) {
  console.error('usage: node vscode_e2e.js BASE_URL WORKSPACE_DIR ARTIFACTS_DIR');
  process.exit(2);
}
const BAD_DEP = process.env.PROACTIVE_E2E_BAD_DEP || 'missing';
const norm = (s) => (s || '').replace(/\u00a0/g, ' ');

async function main() {
  const browser = await launch(artifacts);
  const { page } = browser;
  const steps = new Steps('vscode', artifacts, page);

  const quickOpen = async (name) => {
    await page.keyboard.press('Control+P');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(name);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: name }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
  };
  const runCommand = async (title) => {
    await page.keyboard.press('F1');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    await input.fill(`>${title}`);
    await page.locator('.quick-input-widget .monaco-list-row', { hasText: title }).first().waitFor({ timeout: 10000 });
    await page.keyboard.press('Enter');
  };
  const activeEditor = () => page.locator('.editor-group-container.active .monaco-editor').first();
  const suggestions = async () => page.$$eval('.editor-widget.suggest-widget.visible .monaco-list-row',
    (rows) => rows.map((r) => r.getAttribute('aria-label') || r.textContent));
  const selectionStatus = async () => norm(await page.locator('[id="status.editor.selection"]').first().textContent());
  const findWebviewFrame = async (selector) => {
    for (const frame of page.frames()) {
      try {
        if (await frame.$(selector)) return frame;
      } catch (_) { /* detached */ }
    }
    return undefined;
  };

  await steps.run('workbench', async () => {
    await page.goto(`${baseUrl}/?folder=${encodeURIComponent(workspace)}`, { waitUntil: 'domcontentloaded' });
    await page.locator('.monaco-workbench').waitFor({ timeout: 60000 });
    await page.locator('.statusbar').waitFor({ timeout: 60000 });
    return { title: await page.title() };
  }, { timeout: 70000 });

  await steps.run('py_diagnostic', async () => {
    await quickOpen('flow.py');
    await page.locator('.monaco-editor .view-lines').first().waitFor();
    const n = await until(async () => page.locator('.monaco-editor .squiggly-error').count(), { timeout: 30000, what: 'an error squiggle in flow.py' });
    return { error_squiggles: n };
  }, { timeout: 40000, critical: true });

  const visibleHoverText = () => page.evaluate(() => [...document.querySelectorAll('.monaco-hover')]
    .filter((e) => e.offsetParent !== null && !e.classList.contains('hidden'))
    .map((e) => e.innerText).join('\n'));

  await steps.run('py_diagnostic_hover', async () => {
    const box = await page.locator('.monaco-editor .squiggly-error').first().boundingBox();
    // Hover again now and then: a hover that came up empty (the server still busy) stays empty.
    let wiggle = 0;
    const text = norm(await until(async () => {
      if (wiggle++ > 0) { await page.mouse.move(5, 5); await sleep(150); }
      await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
      await sleep(700);
      const t = await visibleHoverText(); return t.includes(BAD_DEP) ? t : undefined;
    }, { timeout: 15000, what: `a hover mentioning ${BAD_DEP}` }));
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    return { hover: text.trim().slice(0, 300) };
  });

  await steps.run('py_hover', async () => {
    // Help on the directive: only our server provides hovers here (no Python extension).
    const line = activeEditor().locator('.view-line', { hasText: '#%task(name=prep)' }).first();
    const box = await line.boundingBox();
    let wiggle = 0;
    const text = norm(await until(async () => {
      if (wiggle++ > 0) { await page.mouse.move(5, 5); await sleep(150); }
      await page.mouse.move(box.x + 30, box.y + box.height / 2);
      await sleep(700);
      const t = await visibleHoverText(); return t.trim() ? t : undefined;
    }, { timeout: 15000, what: 'a hover on #%task' }));
    await page.mouse.move(5, 5);
    await page.keyboard.press('Escape');
    return { hover: text.trim().slice(0, 300) };
  });

  await steps.run('py_completion', async () => {
    await activeEditor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('#%ta', { delay: 50 });
    let items = await until(async () => { const s = await suggestions(); return s.length ? s : undefined; }, { timeout: 4000, what: 'auto-triggered suggestions' }).catch(() => undefined);
    const auto = !!items;
    if (!items) {
      await page.keyboard.press('Control+Space');
      items = await until(async () => { const s = await suggestions(); return s.length ? s : undefined; }, { timeout: 8000, what: 'suggestions' });
    }
    const first = norm(items[0]);
    await page.keyboard.press('Enter');
    await sleep(300);
    const lines = (await activeEditor().locator('.view-line').allTextContents()).map(norm);
    const line = lines.filter((l) => l.startsWith('#%task')).pop();
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    await page.keyboard.press('Control+Z');
    if (!/task/.test(first)) throw new Error(`first suggestion is not task: ${first}`);
    // A snippet-capable client may get `#%task(name=…)`; what matters is the completed directive.
    if (!line || !/^#%task\b/.test(line)) throw new Error(`line after accepting: ${JSON.stringify(lines.slice(-3))}`);
    return { auto_triggered: auto, suggestions: items.slice(0, 5).map(norm), line_after_accept: line };
  });

  await steps.run('problems_panel', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = await until(async () => {
      const r = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      return r.some((x) => x.includes(BAD_DEP)) ? r : undefined;
    }, { timeout: 15000, what: 'problems rows' });
    const errors = rows.filter((r) => r.includes(BAD_DEP));
    const dupes = errors.length !== new Set(errors).size;
    if (dupes) throw new Error(`duplicate problems: ${JSON.stringify(errors)}`);
    await page.keyboard.press('Control+Shift+M'); // hide again? it toggles focus; close the panel
    await page.keyboard.press('Control+J');
    return { rows: rows.map(norm) };
  });

  await steps.run('py_preview', async () => {
    await activeEditor().locator('.view-lines').click();
    await runCommand('ProActive: Draw workflow');
    const frame = await until(() => findWebviewFrame('#graph svg'), { timeout: 20000, what: 'the preview webview with an SVG' });
    const tasks = await frame.$$eval('#graph [data-task]', (els) => els.map((e) => e.getAttribute('data-task')));
    if (!tasks.includes('train')) throw new Error(`no data-task=train in the SVG: ${JSON.stringify(tasks)}`);
    // Click the task and check that the editor moved to its pragma line (line 5 of flow.py).
    await frame.click('#graph [data-task="train"]');
    const sel = await until(async () => { const s = await selectionStatus(); return /Ln 5\b/.test(s) ? s : undefined; }, { timeout: 8000, what: 'the cursor on the train pragma (Ln 5)' });
    return { tasks, cursor_after_click: sel };
  });

  await steps.run('py_preview_redraw', async () => {
    // An edit in the document must redraw the preview (debounced): add a task and look for it.
    await activeEditor().locator('.view-lines').click();
    await page.keyboard.press('Control+End');
    await page.keyboard.press('Enter');
    await page.keyboard.type('#%task(name=extra, dep=[train])', { delay: 10 });
    const frame = await until(() => findWebviewFrame('#graph svg'), { timeout: 5000, what: 'the preview' });
    const tasks = await until(async () => {
      const t = await frame.$$eval('#graph [data-task]', (els) => els.map((e) => e.getAttribute('data-task')));
      return t.includes('extra') ? t : undefined;
    }, { timeout: 10000, what: 'task "extra" in the redrawn preview' });
    for (let i = 0; i < 4; i++) await page.keyboard.press('Control+Z');
    return { tasks };
  });

  await steps.run('export_xml', async () => {
    const before = new Set(fs.readdirSync(workspace));
    await quickOpen('valid.py'); // a workflow with errors is never exported
    await activeEditor().locator('.view-lines').first().waitFor();
    await sleep(500);
    await activeEditor().locator('.view-lines').click();
    await runCommand('ProActive: Export job XML');
    const created = await until(() => {
      const now = fs.readdirSync(workspace).filter((f) => f.endsWith('.xml') && !before.has(f));
      return now.length ? now : undefined;
    }, { timeout: 20000, what: 'a new .xml file in the workspace' });
    const xml = fs.readFileSync(path.join(workspace, created[0]), 'utf8');
    const toast = norm(await page.locator('.notifications-toasts .notification-list-item-message').first().innerText().catch(() => ''));
    return { files: created, bytes: xml.length, starts_with: xml.slice(0, 80), notification: toast.slice(0, 200) };
  });

  await steps.run('submit_job_progress', async () => {
    await activeEditor().locator('.view-lines').click();
    await runCommand('ProActive: Submit job');
    const input = page.locator('.quick-input-widget .quick-input-box input');
    await input.waitFor({ state: 'visible', timeout: 10000 });
    const type = await input.getAttribute('type');
    await input.fill('e2e-secret');
    await page.keyboard.press('Enter');
    const status = await until(async () => {
      const texts = (await page.locator('.statusbar-item').allTextContents()).map(norm);
      return texts.find((t) => /job/i.test(t) && /(RUNNING|PENDING|FINISHED|FAILED|submitted|%)/i.test(t));
    }, { timeout: 20000, what: 'a job status in the status bar' });
    return { password_input_type: type, status_bar: status };
  }, { optional: true });

  await steps.run('nb_diagnostic', async () => {
    await quickOpen('nb.ipynb');
    await page.locator('.notebook-editor:visible .cell-editor-container').first().waitFor({ timeout: 20000 });
    const n = await until(async () => page.locator('.notebook-editor:visible .squiggly-error').count(), { timeout: 30000, what: 'an error squiggle in a notebook cell' });
    return { error_squiggles: n };
  }, { timeout: 40000 });

  await steps.run('nb_completion', async () => {
    const cells = page.locator('.notebook-editor:visible .cell-editor-container .monaco-editor');
    const count = await cells.count();
    await cells.nth(count - 1).locator('.view-lines').click();
    await page.keyboard.type('#%ta', { delay: 50 });
    let items = await until(async () => { const s = await suggestions(); return s.length ? s : undefined; }, { timeout: 4000, what: 'auto suggestions' }).catch(() => undefined);
    for (let attempt = 0; !items && attempt < 2; attempt++) {
      await page.keyboard.press('Control+Space');
      items = await until(async () => { const s = await suggestions(); return s.length ? s : undefined; }, { timeout: 6000, what: 'suggestions in the cell' }).catch(() => undefined);
    }
    if (!items) throw new Error('no suggestions in the cell');
    await page.keyboard.press('Escape');
    if (!items.slice(0, 3).some((item) => norm(item).startsWith('task'))) throw new Error(`first suggestions: ${items.slice(0, 3)}`);
    return { suggestions: items.slice(0, 5).map(norm) };
  });

  await steps.run('nb_preview', async () => {
    // The preview follows the active notebook; cells are identified by data-cell.
    const frame = await until(async () => {
      const f = await findWebviewFrame('#graph svg [data-cell]');
      return f;
    }, { timeout: 20000, what: 'the preview showing the notebook (data-cell)' });
    const tasks = await frame.$$eval('#graph [data-task]', (els) => els.map((e) => `${e.getAttribute('data-task')}@cell${e.getAttribute('data-cell')}`));
    return { tasks };
  }, { optional: true });

  await steps.run('nb_problems', async () => {
    await page.keyboard.press('Control+Shift+M');
    const rows = await until(async () => {
      const r = await page.$$eval('.markers-panel .monaco-list-row', (els) => els.map((e) => e.getAttribute('aria-label') || e.textContent));
      return r.filter((x) => x.includes(BAD_DEP)).length >= 2 ? r : undefined;
    }, { timeout: 15000, what: 'problems from flow.py and nb.ipynb' });
    const errors = rows.filter((r) => r.includes(BAD_DEP));
    if (errors.length !== new Set(errors).size) throw new Error(`duplicate problems: ${JSON.stringify(errors)}`);
    return { rows: rows.map(norm) };
  });

  const ok = steps.summary();
  await browser.close();
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.log(JSON.stringify({ driver: 'vscode', summary: true, ok: false, error: String(err && err.stack ? err.stack : err) }));
  process.exit(1);
});
