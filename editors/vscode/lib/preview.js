'use strict';
// The live workflow preview: a webview beside the editor showing the SVG that the server draws
// (proactive.drawWorkflow), redrawn after edits (debounced), following the active Python file or
// notebook. Clicking a task (an SVG element with data-task, and data-cell / data-line when the
// server knows them) reveals its pragma in the editor.

const vscode = require('vscode');
const crypto = require('crypto');
const { ExecuteCommandRequest, State } = require('vscode-languageclient/node');
const { targetOf, notebookOfCell } = require('./commands');

function isProActiveCandidate(target) {
  if (!target) return false;
  if (target.notebook) return true;
  const doc = vscode.workspace.textDocuments.find((d) => d.uri.toString() === target.uri.toString());
  return !!doc && doc.languageId === 'python';
}

class WorkflowPreview {
  /**
   * @param {vscode.ExtensionContext} context
   * @param {() => import('vscode-languageclient/node').LanguageClient | undefined} getClient
   */
  constructor(context, getClient) {
    this.context = context;
    this.getClient = getClient;
    this.panel = undefined;
    this.target = undefined;
    this.timer = undefined;
    this.sequence = 0;
    this.disposables = [];
  }

  /** Show the preview for a target ({uri, notebook?}); create the panel if needed. */
  show(target) {
    this.target = target;
    if (!this.panel) {
      this.panel = vscode.window.createWebviewPanel(
        'proactive.workflowPreview',
        'Workflow',
        { viewColumn: vscode.ViewColumn.Beside, preserveFocus: true },
        { enableScripts: true, retainContextWhenHidden: true, localResourceRoots: [] },
      );
      this.panel.webview.html = this.html(this.panel.webview);
      this.panel.onDidDispose(() => this.disposePanel(), null, this.disposables);
      this.panel.webview.onDidReceiveMessage((m) => this.onMessage(m), null, this.disposables);
      this.listen();
    } else {
      this.panel.reveal(undefined, true);
    }
    this.updateTitle();
    this.redraw();
  }

  listen() {
    const ws = vscode.workspace;
    const win = vscode.window;
    this.disposables.push(
      ws.onDidChangeTextDocument((e) => {
        if (!this.target || e.contentChanges.length === 0) return;
        const nb = notebookOfCell(e.document);
        const uri = nb ? nb.uri : e.document.uri;
        if (uri.toString() === this.target.uri.toString()) this.schedule();
      }),
      ws.onDidChangeNotebookDocument((e) => {
        if (this.target && e.notebook.uri.toString() === this.target.uri.toString() && e.contentChanges.length > 0) {
          this.schedule();
        }
      }),
      win.onDidChangeActiveTextEditor((editor) => {
        if (editor && editor.document.uri.scheme !== 'vscode-notebook-cell') this.follow(targetOf(editor.document.uri));
      }),
      win.onDidChangeActiveNotebookEditor((editor) => {
        if (editor) this.follow({ uri: editor.notebook.uri, notebook: editor.notebook });
      }),
    );
    const client = this.getClient();
    if (client) {
      this.disposables.push(client.onDidChangeState((e) => e.newState === State.Running && this.schedule()));
    }
  }

  follow(target) {
    if (!this.panel || !isProActiveCandidate(target)) return;
    if (this.target && target.uri.toString() === this.target.uri.toString()) return;
    this.target = target;
    this.updateTitle();
    this.redraw();
  }

  updateTitle() {
    if (!this.panel || !this.target) return;
    const name = this.target.uri.path.split('/').pop();
    this.panel.title = `Workflow: ${name}`;
  }

  schedule() {
    clearTimeout(this.timer);
    const delay = vscode.workspace.getConfiguration('proactive').get('preview.debounceMs', 300);
    this.timer = setTimeout(() => this.redraw(), delay);
  }

  async redraw() {
    clearTimeout(this.timer);
    if (!this.panel || !this.target) return;
    const client = this.getClient();
    if (!client || !client.isRunning()) {
      this.post({ type: 'error', message: 'The ProActive language server is not running.' });
      return;
    }
    const seq = ++this.sequence;
    const uri = client.code2ProtocolConverter.asUri(this.target.uri);
    try {
      const result = await client.sendRequest(ExecuteCommandRequest.type, {
        command: 'proactive.drawWorkflow',
        arguments: [uri],
      });
      if (seq !== this.sequence) return; // a newer request is on its way
      const svg = typeof result === 'string' ? result : result && result.svg;
      if (svg) this.post({ type: 'svg', svg, title: this.target.uri.path.split('/').pop() });
      else this.post({ type: 'error', message: 'The server returned no drawing.' });
    } catch (err) {
      if (seq === this.sequence) this.post({ type: 'error', message: `Cannot draw the workflow: ${err.message || err}` });
    }
  }

  post(message) {
    if (this.panel) this.panel.webview.postMessage(message);
  }

  async onMessage(m) {
    if (m.type === 'ready') return this.redraw();
    if (m.type === 'reveal') return this.reveal(m.task, m.cell, m.line);
    return undefined;
  }

  /** Reveal the pragma of a task: by cell/line when given, else by searching its #%task(name=...). */
  async reveal(task, cellAttr, lineAttr) {
    if (!this.target) return;
    const column = this.editorColumn();
    let line = lineAttr !== undefined && lineAttr !== null && lineAttr !== '' ? Number(lineAttr) : undefined;
    if (this.target.notebook) {
      const nb = this.target.notebook;
      let index = cellAttr !== undefined && cellAttr !== null && cellAttr !== '' ? Number(cellAttr) : undefined;
      if (index === undefined || line === undefined) {
        const found = findPragma(nb.getCells().map((c) => c.document), task);
        if (found) ({ index, line } = found);
      }
      if (index === undefined || index < 0 || index >= nb.cellCount) return;
      const cell = nb.cellAt(index);
      await vscode.window.showNotebookDocument(nb, { viewColumn: column, selections: [new vscode.NotebookRange(index, index + 1)] });
      const pos = new vscode.Position(line || 0, 0);
      await vscode.window.showTextDocument(cell.document, { viewColumn: column, selection: new vscode.Range(pos, pos) });
      return;
    }
    const doc = await vscode.workspace.openTextDocument(this.target.uri);
    if (line === undefined) {
      const found = findPragma([doc], task);
      line = found ? found.line : 0;
    }
    const pos = new vscode.Position(line, 0);
    const editor = await vscode.window.showTextDocument(doc, { viewColumn: column, selection: new vscode.Range(pos, pos) });
    editor.revealRange(new vscode.Range(pos, pos), vscode.TextEditorRevealType.InCenterIfOutsideViewport);
  }

  editorColumn() {
    const uri = this.target.uri.toString();
    const nbEditor = vscode.window.visibleNotebookEditors.find((e) => e.notebook.uri.toString() === uri);
    if (nbEditor && nbEditor.viewColumn) return nbEditor.viewColumn;
    const editor = vscode.window.visibleTextEditors.find((e) => e.document.uri.toString() === uri);
    if (editor && editor.viewColumn) return editor.viewColumn;
    return vscode.ViewColumn.One;
  }

  html(webview) {
    const nonce = crypto.randomBytes(16).toString('base64');
    return `<!DOCTYPE html>
<html lang="en"><head><meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; img-src ${webview.cspSource} data:; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<style>
  body { padding: 8px; color: var(--vscode-foreground); }
  #status { font-size: 12px; opacity: 0.7; margin-bottom: 6px; }
  #status.error { color: var(--vscode-errorForeground); opacity: 1; }
  #graph svg { max-width: 100%; height: auto; background: white; }
  #graph [data-task] { cursor: pointer; }
  #graph [data-task]:hover { opacity: 0.8; }
</style></head>
<body>
<div id="status">Waiting for the ProActive language server…</div>
<div id="graph"></div>
<script nonce="${nonce}">
  const vscode = acquireVsCodeApi();
  const graph = document.getElementById('graph');
  const status = document.getElementById('status');
  window.addEventListener('message', (event) => {
    const m = event.data;
    if (m.type === 'svg') {
      graph.innerHTML = m.svg;
      status.textContent = m.title;
      status.className = '';
    } else if (m.type === 'error') {
      status.textContent = m.message;   // keep the last drawing, marked stale by the message
      status.className = 'error';
    }
  });
  graph.addEventListener('click', (event) => {
    const el = event.target.closest('[data-task]');
    if (!el) return;
    vscode.postMessage({ type: 'reveal', task: el.getAttribute('data-task'),
      cell: el.getAttribute('data-cell'), line: el.getAttribute('data-line') });
  });
  vscode.postMessage({ type: 'ready' });
</script>
</body></html>`;
  }

  disposePanel() {
    clearTimeout(this.timer);
    this.panel = undefined;
    for (const d of this.disposables) d.dispose();
    this.disposables = [];
  }

  dispose() {
    if (this.panel) this.panel.dispose();
    this.disposePanel();
  }
}

/** Find `#%task(name=TASK` (spaces allowed) in documents; {index, line} or undefined. */
function findPragma(documents, task) {
  const escaped = task.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const re = new RegExp(`^\\s*#%\\s*task\\s*\\(.*\\bname\\s*=\\s*${escaped}\\b`);
  for (let index = 0; index < documents.length; index++) {
    const doc = documents[index];
    for (let line = 0; line < doc.lineCount; line++) {
      if (re.test(doc.lineAt(line).text)) return { index, line };
    }
  }
  return undefined;
}

module.exports = { WorkflowPreview };
