'use strict';
// VS Code client for proactive-lsp: starts the server over stdio for Python files and the Python
// cells of Jupyter notebooks, and adds the ProActive commands, the workflow preview and the job
// status. Plain JavaScript, no build step.

const vscode = require('vscode');
const { LanguageClient, CloseAction, ErrorAction, State } = require('vscode-languageclient/node');
const { resolveServerArgv, startFailureMessage } = require('./lib/server');
const { Commands } = require('./lib/commands');
const { WorkflowPreview } = require('./lib/preview');
const { JobStatus, JobProgressFeature } = require('./lib/progress');
const { forgetPassword } = require('./lib/credentials');

const DOCUMENT_SELECTOR = [
  { scheme: 'file', language: 'python' },
  { scheme: 'untitled', language: 'python' },
  { notebook: '*', language: 'python' },
];

let client;
let progressFeature;
let output;
let jobStatus;

/** @param {vscode.ExtensionContext} context */
async function activate(context) {
  // vscode-languageclient 10+ needs a LogOutputChannel (onDidChangeLogLevel, error, ...).
  output = vscode.window.createOutputChannel('ProActive', { log: true });
  jobStatus = new JobStatus();
  context.subscriptions.push(output, jobStatus);

  const preview = new WorkflowPreview(context, () => client);
  const commands = new Commands(context, () => client, (target) => preview.show(target));
  commands.trackToken = (token) => progressFeature && progressFeature.track(token);
  commands.register();
  context.subscriptions.push(
    preview,
    vscode.commands.registerCommand('proactive.client.forgetPassword', () => forgetPassword(context)),
    vscode.commands.registerCommand('proactive.client.restartServer', () => restart(context)),
    vscode.commands.registerCommand('proactive.client.showLog', () => output.show(true)),
    vscode.workspace.onDidChangeConfiguration((e) => {
      if (e.affectsConfiguration('proactive.server')) restart(context);
    }),
  );
  await start(context);
  return { getClient: () => client };
}

function createClient() {
  const config = vscode.workspace.getConfiguration('proactive');
  const argv = resolveServerArgv({ command: config.get('server.command'), python: config.get('server.python') });
  output.appendLine(`Starting: ${[argv.command, ...argv.args].join(' ')}  (from ${argv.origin})`);
  let running = false;
  const restarts = [];

  const serverOptions = { command: argv.command, args: argv.args };
  const clientOptions = {
    documentSelector: DOCUMENT_SELECTOR,
    outputChannel: output,
    // `messages: false`: this extension reports written files itself (with an Open button).
    initializationOptions: { scheduler: { url: config.get('scheduler.url') || null }, messages: false },
    synchronize: { configurationSection: 'proactive' },
    errorHandler: {
      error: (_error, _message, count) => ({ action: count && count <= 3 ? ErrorAction.Continue : ErrorAction.Shutdown }),
      closed: () => {
        if (!running) {
          // It died before initialize completed: almost always "not installed" or a bad setting.
          showStartFailure(argv, 'the process exited during start-up');
          return { action: CloseAction.DoNotRestart, handled: true };
        }
        const now = Date.now();
        restarts.push(now);
        while (restarts.length && now - restarts[0] > 3 * 60 * 1000) restarts.shift();
        if (restarts.length <= 4) return { action: CloseAction.Restart, handled: true };
        return {
          action: CloseAction.DoNotRestart,
          message: 'The ProActive language server crashed 5 times in 3 minutes and will not be restarted. See "ProActive: Show server log".',
        };
      },
    },
    initializationFailedHandler: (error) => {
      showStartFailure(argv, `initialize failed: ${error && error.message ? error.message : error}`, false);
      return false;
    },
  };
  const c = new LanguageClient('proactive', 'ProActive', serverOptions, clientOptions);
  c.onDidChangeState((e) => {
    if (e.newState === State.Running) running = true;
  });
  progressFeature = new JobProgressFeature(c, jobStatus);
  c.registerFeature(progressFeature);
  c.proactiveArgv = argv;
  return c;
}

async function start(context) {
  client = createClient();
  try {
    await client.start();
  } catch (err) {
    const reason = err && err.code === 'ENOENT' ? 'command not found' : (err && err.message) || String(err);
    output.appendLine(`Start failed: ${reason}`);
    showStartFailure(client.proactiveArgv, reason);
  }
}

async function restart(context) {
  if (client) {
    try {
      if (client.isRunning()) await client.stop();
      await client.dispose();
    } catch (err) {
      output.appendLine(`Stop failed: ${err && err.message ? err.message : err}`);
    }
  }
  await start(context);
}

let failureShown = false;
async function showStartFailure(argv, reason, installHint = true) {
  const message = startFailureMessage(argv, reason, installHint);
  output.appendLine(message);
  if (failureShown) return;
  failureShown = true;
  const choice = await vscode.window.showErrorMessage(message, 'Open Settings', 'Show Log');
  failureShown = false;
  if (choice === 'Open Settings') vscode.commands.executeCommand('workbench.action.openSettings', 'proactive.server');
  if (choice === 'Show Log') output.show(true);
}

async function deactivate() {
  if (client && client.isRunning()) await client.stop();
}

module.exports = { activate, deactivate };
