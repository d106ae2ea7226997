'use strict';
// Helpers shared by the playwright-core drivers: Debian chromium launch, steps that print one JSON
// line each and save a screenshot, and a summary line. CommonJS, no dependencies besides
// playwright-core (found through NODE_PATH, installed by install-playwright.sh).

const fs = require('fs');
const os = require('os');
const path = require('path');

const CHROMIUM_ARGS = [
  '--no-sandbox', '--disable-gpu', '--disable-quic', '--no-first-run',
  '--disable-background-networking', '--disable-component-update', '--disable-sync',
];

async function launch(artifacts) {
  const { chromium } = require('playwright-core');
  const profile = fs.mkdtempSync(path.join(os.tmpdir(), 'proactive-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: process.env.PROACTIVE_E2E_CHROMIUM || '/usr/bin/chromium',
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1400, height: 900 },
  });
  const page = context.pages()[0] || (await context.newPage());
  const consoleLog = fs.createWriteStream(path.join(artifacts, 'browser-console.log'));
  page.on('console', (m) => consoleLog.write(`[${m.type()}] ${m.text()}\n`));
  page.on('pageerror', (e) => consoleLog.write(`[pageerror] ${e.message}\n`));
  return { context, page, close: async () => { await context.close(); fs.rmSync(profile, { recursive: true, force: true }); } };
}

class Steps {
  constructor(driver, artifacts, page) {
    this.driver = driver;
    this.artifacts = artifacts;
    this.page = page;
    this.t0 = Date.now();
    this.results = [];
    fs.mkdirSync(artifacts, { recursive: true });
  }

  /**
   * Run one step: fn returns a detail object (or throws). Prints one JSON line, saves a screenshot.
   * Optional steps are reported but do not fail the run.
   */
  async run(name, fn, { optional = false, timeout = 30000, critical = false } = {}) {
    if (this.aborted) {
      const skipped = { driver: this.driver, step: name, ok: false, optional, skipped: true, error: `skipped: ${this.aborted} failed` };
      this.results.push(skipped);
      process.stdout.write(JSON.stringify(skipped) + '\n');
      return undefined;
    }
    const start = Date.now();
    let ok = false;
    let detail;
    let error;
    try {
      detail = await withTimeout(fn(), timeout, name);
      ok = true;
    } catch (err) {
      error = String(err && err.message ? err.message : err).split('\n').slice(0, 6).join('\n');
    }
    const screenshot = path.join(this.artifacts, `${this.driver}-${String(this.results.length + 1).padStart(2, '0')}-${name}.png`);
    try {
      await this.page.screenshot({ path: screenshot });
    } catch (_) { /* page gone */ }
    const result = { driver: this.driver, step: name, ok, optional, ms: Date.now() - start, at_s: +((Date.now() - this.t0) / 1000).toFixed(1), detail, error, screenshot };
    this.results.push(result);
    process.stdout.write(JSON.stringify(result) + '\n');
    // A critical step (the server answering at all) failing makes the rest meaningless and slow.
    if (!ok && critical) this.aborted = name;
    return ok ? detail : undefined;
  }

  summary() {
    const failed = this.results.filter((r) => !r.ok && !r.optional).map((r) => r.step);
    const summary = { driver: this.driver, summary: true, ok: failed.length === 0, failed, steps: this.results.length, total_s: +((Date.now() - this.t0) / 1000).toFixed(1) };
    process.stdout.write(JSON.stringify(summary) + '\n');
    fs.writeFileSync(path.join(this.artifacts, `${this.driver}-results.json`), JSON.stringify({ summary, steps: this.results }, null, 2));
    return summary.ok;
  }
}

function withTimeout(promise, ms, name) {
  let timer;
  return Promise.race([
    promise,
    new Promise((_, reject) => { timer = setTimeout(() => reject(new Error(`step ${name} timed out after ${ms} ms`)), ms); }),
  ]).finally(() => clearTimeout(timer));
}

/** Poll fn until it returns a truthy value. */
async function until(fn, { timeout = 20000, interval = 250, what = 'condition' } = {}) {
  const end = Date.now() + timeout;
  let last;
  while (Date.now() < end) {
    try {
      last = await fn();
      if (last) return last;
    } catch (_) { /* retry */ }
    await new Promise((r) => setTimeout(r, interval));
  }
  throw new Error(`timed out waiting for ${what}`);
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

module.exports = { launch, Steps, until, sleep };
