'use strict';
// A status-bar item fed by the server's work-done progress ($/progress), e.g. a submitted job
// going PENDING -> RUNNING -> FINISHED. Both ways LSP allows are followed:
//  - server-initiated: the server sends window/workDoneProgress/create, then $/progress on that
//    token. JobProgressFeature takes over the create request (it is initialized after the
//    client's own ProgressFeature, so its handler wins, also after a restart);
//  - client-initiated: a workDoneToken sent with workspace/executeCommand (see trackToken).

const vscode = require('vscode');
const { WorkDoneProgress, WorkDoneProgressCreateRequest } = require('vscode-languageclient/node');

class JobStatus {
  constructor() {
    this.item = vscode.window.createStatusBarItem('proactive.jobs', vscode.StatusBarAlignment.Left, 50);
    this.item.name = 'ProActive jobs';
    this.item.command = 'proactive.client.showResults';
    this.active = new Map(); // token -> {title, message, percentage}
    this.hideTimer = undefined;
  }

  /** Apply one $/progress value for a token. */
  update(token, value) {
    const key = String(token);
    const entry = this.active.get(key) || { title: '', message: '', percentage: undefined };
    if (value.kind === 'begin') {
      entry.title = value.title || 'ProActive';
      entry.message = value.message || '';
      entry.percentage = value.percentage;
    } else if (value.kind === 'report') {
      if (value.message !== undefined) entry.message = value.message;
      if (value.percentage !== undefined) entry.percentage = value.percentage;
    }
    if (value.kind === 'end') {
      this.active.delete(key);
      this.last = `${entry.title}${value.message ? ': ' + value.message : ''}`;
    } else {
      this.active.set(key, entry);
    }
    this.render();
  }

  render() {
    clearTimeout(this.hideTimer);
    const running = [...this.active.values()];
    if (running.length > 0) {
      const e = running[running.length - 1];
      const pct = e.percentage !== undefined ? ` ${Math.round(e.percentage)}%` : '';
      const more = running.length > 1 ? ` (+${running.length - 1})` : '';
      this.item.text = `$(sync~spin) ${e.title}${e.message ? ': ' + e.message : ''}${pct}${more}`;
      this.item.tooltip = running.map((r) => `${r.title}: ${r.message}`).join('\n');
      this.item.show();
    } else if (this.last) {
      this.item.text = `$(check) ${this.last}`;
      this.item.tooltip = 'ProActive: last job update (click to show results)';
      this.item.show();
      this.hideTimer = setTimeout(() => this.item.hide(), 15000);
    } else {
      this.item.hide();
    }
  }

  dispose() {
    clearTimeout(this.hideTimer);
    this.item.dispose();
  }
}

/** A StaticFeature that routes server-created progress tokens to the status bar. */
class JobProgressFeature {
  constructor(client, status) {
    this.client = client;
    this.status = status;
    this.disposables = [];
  }
  getState() {
    return { kind: 'static' };
  }
  fillClientCapabilities(capabilities) {
    capabilities.window = capabilities.window || {};
    capabilities.window.workDoneProgress = true;
  }
  initialize() {
    this.client.onRequest(WorkDoneProgressCreateRequest.type, (params) => {
      this.track(params.token);
      return null;
    });
  }
  /** Follow one token until its 'end'. */
  track(token) {
    const d = this.client.onProgress(WorkDoneProgress.type, token, (value) => {
      this.status.update(token, value);
      if (value.kind === 'end') d.dispose();
    });
    this.disposables.push(d);
  }
  clear() {
    for (const d of this.disposables) d.dispose();
    this.disposables = [];
  }
}

module.exports = { JobStatus, JobProgressFeature };
