'use strict';
// Drive JupyterLab 4 + jupyterlab-lsp in headless Chromium against the notebook fixture.
// Usage: node jupyterlab_e2e.js BASE_URL ARTIFACTS_DIR   (JupyterLab serving a copy of
// tests/editors/fixtures/workspace as its root)
// Prints one JSON line per step and a summary line; exit code 1 when a required step failed.

const { launch, Steps, until, sleep } = require('./driver_util');

const [baseUrl, artifacts] = process.argv.slice(2);
if (!baseUrl || !artifacts) {
  console.error('usage: node jupyterlab_e2e.js BASE_URL ARTIFACTS_DIR');
  process.exit(2);
}
const BAD_DEP = process.env.PROACTIVE_E2E_BAD_DEP || 'missing';

async function main() {
  const browser = await launch(artifacts);
  const { page } = browser;
  const steps = new Steps('jupyterlab', artifacts, page);
  const cell = (i) => page.locator('.jp-Notebook .jp-Cell').nth(i);
  const completerItems = () => page.$$eval('.jp-Completer:not(.lm-mod-hidden) .jp-Completer-item',
    (els) => els.map((e) => e.innerText.replace(/\s+/g, ' ').trim()));
  const lineTexts = (i) => cell(i).locator('.cm-line').allTextContents();
  const dismissDialogs = async () => {
    // "Select Kernel" or news dialogs would steal focus; accept their default.
    const dialog = page.locator('.jp-Dialog');
    if (await dialog.count()) await page.keyboard.press('Enter');
  };
  // Put the cursor at the end of a cell's editor, in edit mode.
  const lastCell = async () => (await page.locator('.jp-Notebook .jp-Cell').count()) - 1;
  const editAtEnd = async (i) => {
    await cell(i).locator('.cm-content').click();
    await page.keyboard.press('Control+End');
  };

  await steps.run('notebook', async () => {
    await page.goto(`${baseUrl}/lab/tree/nb.ipynb`, { waitUntil: 'domcontentloaded' });
    await page.locator('.jp-Notebook .jp-Cell').first().waitFor({ timeout: 60000 });
    await sleep(500);
    await dismissDialogs();
    return { cells: await page.locator('.jp-Notebook .jp-Cell').count() };
  }, { timeout: 70000, critical: true });

  await steps.run('diagnostic', async () => {
    const el = page.locator('.jp-Notebook .cm-lintRange-error').first();
    await el.waitFor({ timeout: 30000 });
    const n = await page.locator('.jp-Notebook .cm-lintRange-error').count();
    const text = await el.innerText();
    const line = await el.evaluate((e) => e.closest('.cm-line').textContent);
    if (!text.includes(BAD_DEP)) throw new Error(`underlined text is ${JSON.stringify(text)}, expected ${BAD_DEP}`);
    return { underlines: n, underlined: text, line };
  }, { timeout: 40000, critical: true });

  await steps.run('diagnostic_tooltip', async () => {
    await page.locator('.jp-Notebook .cm-lintRange-error').first().hover();
    const tip = await until(async () => {
      const t = await page.locator('.cm-tooltip-lint').first().innerText({ timeout: 500 });
      return t && t.includes(BAD_DEP) ? t : undefined;
    }, { timeout: 10000, what: 'the lint tooltip' });
    await page.mouse.move(5, 5);
    return { tooltip: tip.trim() };
  }, { optional: true });

  await steps.run('completion_tab', async () => {
    const last = await lastCell();
    await editAtEnd(last);
    await page.keyboard.type('#%ta', { delay: 60 });
    await sleep(400);
    const autoItems = await completerItems();
    if (!autoItems.length) await page.keyboard.press('Tab');
    const items = await until(async () => {
      const lines = await lineTexts(last);
      if (lines.some((l) => l.startsWith('#%task('))) return ['(inserted directly)'];
      const it = await completerItems();
      return it.length ? it : undefined;
    }, { timeout: 10000, what: 'the completer or a completed line' });
    if (items[0] !== '(inserted directly)') {
      const idx = items.findIndex((t) => /^task\b/.test(t));
      if (idx < 0) throw new Error(`no "task" item: ${JSON.stringify(items.slice(0, 8))}`);
      for (let k = 0; k < idx; k++) await page.keyboard.press('ArrowDown');
      await page.keyboard.press('Enter');
    }
    const line = await until(async () => (await lineTexts(last)).find((l) => l.startsWith('#%task')), { timeout: 5000, what: 'the completed line' });
    if (!line.startsWith('#%task(')) throw new Error(`line after accepting: ${JSON.stringify(line)}`);
    return { auto_opened: autoItems.length > 0, items: items.slice(0, 6), line };
  });

  await steps.run('completion_auto_on_#%', async () => {
    // With editors/jupyterlab/overrides.json, typing #% opens the completer without Tab.
    await page.keyboard.press('Escape');
    await editAtEnd(await lastCell());
    await page.keyboard.press('Enter');
    await page.keyboard.type('#%', { delay: 80 });
    const items = await until(async () => { const it = await completerItems(); return it.length ? it : undefined; },
      { timeout: 6000, what: 'the completer to open on #%' });
    await page.keyboard.press('Escape');
    return { items: items.slice(0, 6) };
  });

  await steps.run('hover', async () => {
    // jupyterlab-lsp shows hover help while Control is held over a token.
    const target = cell(2).locator('.cm-line').first(); // #%task(name=train, ...)
    const box = await target.boundingBox();
    await page.mouse.move(box.x + 25, box.y + box.height / 2); // over "task" in "#%task(name=train"
    await sleep(300);
    await page.keyboard.down('Control');
    const text = await until(async () => {
      const t = await page.evaluate(() => [...document.querySelectorAll('.lsp-hover, .jp-lsp-hover, .cm-tooltip-hover')]
        .map((e) => e.innerText).join('\n'));
      return t.trim() ? t : undefined;
    }, { timeout: 10000, what: 'a hover tooltip' }).finally(() => page.keyboard.up('Control'));
    return { hover: text.trim().slice(0, 300) };
  });

  const ok = steps.summary();
  await browser.close();
  process.exit(ok ? 0 : 1);
}

main().catch((err) => {
  console.log(JSON.stringify({ driver: 'jupyterlab', summary: true, ok: false, error: String(err && err.stack ? err.stack : err) }));
  process.exit(1);
});
