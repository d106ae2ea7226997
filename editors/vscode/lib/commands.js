'use strict';
// Palette, editor-title and notebook-toolbar commands. Each one has a client-side id
// (proactive.client.*) and sends workspace/executeCommand with the server's id. The server ids
// themselves are registered by vscode-languageclient from executeCommandProvider; registering
// them again here would throw "command already exists".
//
// Argument contract: the document first, as the server's own code actions and lenses send it,
// then one options object when there are options (pygls 2 structures each by its annotation):
//   proactive.exportXml              [uri]                                   -> {path} | path
//   proactive.drawWorkflow           [uri]                                   -> SVG string
//   proactive.submitJob              [uri, password, {url, login}]           -> {jobId, status?}
//   proactive.showResults            [{jobId?, password, url, login}]       -> any JSON
//   proactive.validateWithProActive  [uri]                                   -> {valid, message}
// `uri` is the notebook URI for notebooks and the document URI for .py files, spelled exactly as
// the client sends it in didOpen.

const vscode = require('vscode');
const { ExecuteCommandRequest, Trace } = require('vscode-languageclient/node');
const { getCredentials } = require('./credentials');

/** The notebook or text document a command is about, from the menu argument or the active editor. */
function targetOf(arg) {
  const asTarget = (uri, notebook) => (uri ? { uri, notebook } : undefined);
  if (arg instanceof vscode.Uri) {
    const nb = vscode.workspace.notebookDocuments.find((n) => n.uri.toString() === arg.toString());
    return asTarget(arg, nb);
  }
  if (arg && typeof arg === 'object') {
    if (arg.notebookType && arg.uri) return asTarget(arg.uri, arg); // NotebookDocument
    if (arg.notebook && arg.notebook.uri) return asTarget(arg.notebook.uri, arg.notebook); // NotebookEditor
    const nbUri = (arg.notebookEditor && (arg.notebookEditor.notebookUri || arg.notebookEditor.uri)) || arg.notebookUri;
    if (nbUri) return targetOf(nbUri instanceof vscode.Uri ? nbUri : vscode.Uri.parse(String(nbUri)));
  }
  const nbEditor = vscode.window.activeNotebookEditor;
  const textEditor = vscode.window.activeTextEditor;
  if (textEditor && textEditor.document.uri.scheme !== 'vscode-notebook-cell') {
    if (!nbEditor || textEditor.document.languageId === 'python') {
      return asTarget(textEditor.document.uri, undefined);
    }
  }
  if (nbEditor) return asTarget(nbEditor.notebook.uri, nbEditor.notebook);
  return undefined;
}

/** The notebook that holds a cell document, if any. */
function notebookOfCell(document) {
  if (document.uri.scheme !== 'vscode-notebook-cell') return undefined;
  return vscode.workspace.notebookDocuments.find((nb) => nb.getCells().some((c) => c.document === document));
}

/**
 * Split a notebook cell before a line (0-based, within the cell): the quick fix the server offers
 * for a pragma that must start its own cell. The first part keeps the cell's metadata.
 */
async function splitCell(cellUri, line) {
  const uri = typeof cellUri === 'string' ? vscode.Uri.parse(cellUri) : cellUri;
  for (const nb of vscode.workspace.notebookDocuments) {
    const cell = nb.getCells().find((c) => c.document.uri.toString() === uri.toString());
    if (!cell) continue;
    const doc = cell.document;
    if (!(line > 0 && line < doc.lineCount)) return false;
    const cut = doc.offsetAt(new vscode.Position(line, 0));
    const text = doc.getText();
    const before = text.slice(0, cut).replace(/\r?\n$/, '');
    const first = new vscode.NotebookCellData(cell.kind, before, doc.languageId);
    first.metadata = cell.metadata;
    const second = new vscode.NotebookCellData(cell.kind, text.slice(cut), doc.languageId);
    const edit = new vscode.WorkspaceEdit();
    edit.set(nb.uri, [vscode.NotebookEdit.replaceCells(new vscode.NotebookRange(cell.index, cell.index + 1), [first, second])]);
    return vscode.workspace.applyEdit(edit);
  }
  vscode.window.showWarningMessage('ProActive: the cell to split is not open.');
  return false;
}

class Commands {
  /**
   * @param {vscode.ExtensionContext} context
   * @param {() => import('vscode-languageclient/node').LanguageClient | undefined} getClient
   * @param {(target) => void} openPreview
   */
  constructor(context, getClient, openPreview) {
    this.context = context;
    this.getClient = getClient;
    this.openPreview = openPreview;
    this.lastJobId = undefined;
    this.tokenCounter = 0;
  }

  register() {
    const reg = (id, fn) => this.context.subscriptions.push(vscode.commands.registerCommand(id, fn));
    reg('proactive.client.exportXml', (arg) => this.exportXml(arg));
    reg('proactive.client.drawWorkflow', (arg) => this.drawWorkflow(arg));
    reg('proactive.client.submitJob', (arg) => this.submitJob(arg));
    reg('proactive.client.showResults', (arg) => this.showResults(arg));
    reg('proactive.client.validateWithProActive', (arg) => this.validate(arg));
    reg('proactive.client.splitCell', (cellUri, line) => splitCell(cellUri, line));
  }

  /** Send workspace/executeCommand; show the error and return undefined when it fails. */
  async execute(title, command, args, options = {}) {
    const client = this.getClient();
    if (!client || !client.isRunning()) {
      vscode.window.showErrorMessage(`ProActive: ${title}: the language server is not running. See "ProActive: Show server log".`);
      return undefined;
    }
    const params = { command, arguments: args };
    if (options.progress) {
      params.workDoneToken = `proactive-client-${Date.now()}-${++this.tokenCounter}`;
      options.progress(params.workDoneToken);
    }
    // A verbose trace logs request parameters: never let it log the password.
    const traced = options.sensitive && client.traceOutputChannel && vscode.workspace.getConfiguration('proactive').get('trace.server') === 'verbose';
    if (traced) await client.setTrace(Trace.Messages);
    try {
      return await client.sendRequest(ExecuteCommandRequest.type, params);
    } catch (err) {
      vscode.window.showErrorMessage(`ProActive: ${title} failed: ${err && err.message ? err.message : err}`);
      return undefined;
    } finally {
      if (traced) await client.setTrace(Trace.Verbose);
    }
  }

  uriArg(target) {
    return this.getClient().code2ProtocolConverter.asUri(target.uri);
  }

  requireTarget(arg, title) {
    const target = targetOf(arg);
    if (!target) vscode.window.showWarningMessage(`ProActive: ${title}: open a Python file or a notebook first.`);
    return target;
  }

  async exportXml(arg) {
    const target = this.requireTarget(arg, 'Export job XML');
    if (!target || !this.getClient()) return;
    const result = await this.execute('Export job XML', 'proactive.exportXml', [this.uriArg(target)]);
    if (result === undefined || result === null) return;
    const path = typeof result === 'string' && !result.trimStart().startsWith('<') ? result : result.path || result.file;
    if (path) {
      const choice = await vscode.window.showInformationMessage(`ProActive: job XML written to ${path}`, 'Open');
      if (choice === 'Open') await vscode.window.showTextDocument(vscode.Uri.file(path));
      return;
    }
    const xml = typeof result === 'string' ? result : result.xml;
    if (xml) {
      const doc = await vscode.workspace.openTextDocument({ language: 'xml', content: xml });
      await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside });
    }
  }

  drawWorkflow(arg) {
    const target = this.requireTarget(arg, 'Draw workflow');
    if (target) this.openPreview(target);
  }

  async submitJob(arg) {
    const target = this.requireTarget(arg, 'Submit job');
    if (!target || !this.getClient()) return;
    if (target.notebook && target.notebook.isDirty) await target.notebook.save();
    const creds = await getCredentials(this.context);
    if (!creds) return;
    const result = await this.execute('Submit job', 'proactive.submitJob', [this.uriArg(target), creds.password, { url: creds.url, login: creds.login }], {
      progress: (token) => this.trackToken && this.trackToken(token),
      sensitive: true,
    });
    if (result === undefined || result === null) return;
    const jobId = typeof result === 'object' ? result.jobId ?? result.id : result;
    if (jobId !== undefined) this.lastJobId = String(jobId);
    const status = typeof result === 'object' && result.status ? ` (${result.status})` : '';
    vscode.window.showInformationMessage(`ProActive: job ${jobId ?? ''} submitted${status}.`);
  }

  async showResults(arg) {
    const target = targetOf(arg);
    const jobId = await vscode.window.showInputBox({
      prompt: 'Job id (leave empty for the last job of this document)',
      value: this.lastJobId || '',
      ignoreFocusOut: true,
    });
    if (jobId === undefined || !this.getClient()) return;
    const creds = await getCredentials(this.context);
    if (!creds) return;
    const request = { ...creds };
    if (jobId.trim()) request.jobId = jobId.trim();
    if (target) request.uri = this.uriArg(target);
    const args = [request];
    const result = await this.execute('Show results', 'proactive.showResults', args, { sensitive: true });
    if (result === undefined || result === null) return;
    const content = typeof result === 'string' ? result : JSON.stringify(result, null, 2);
    const doc = await vscode.workspace.openTextDocument({ language: typeof result === 'string' ? 'plaintext' : 'json', content });
    await vscode.window.showTextDocument(doc, { viewColumn: vscode.ViewColumn.Beside, preview: true });
  }

  async validate(arg) {
    const target = this.requireTarget(arg, 'Validate with ProActive');
    if (!target || !this.getClient()) return;
    const result = await this.execute('Validate with ProActive', 'proactive.validateWithProActive', [this.uriArg(target)]);
    if (result === undefined || result === null) return;
    const valid = typeof result === 'object' ? result.valid !== false : true;
    const message = typeof result === 'string' ? result : result.message || (valid ? 'the job is valid' : 'the job is not valid');
    if (valid) vscode.window.showInformationMessage(`ProActive: ${message}`);
    else vscode.window.showErrorMessage(`ProActive: ${message}`);
  }
}

module.exports = { Commands, targetOf, notebookOfCell, splitCell };
