'use strict';
// Scheduler credentials: URL and login from the settings (asked for when missing), the password
// asked once with a password box and kept in VS Code's secret storage (never in settings or logs).

const vscode = require('vscode');

function secretKey(url, login) {
  return `proactive.scheduler.password:${login}@${url}`;
}

async function askSetting(key, prompt, placeHolder) {
  const config = vscode.workspace.getConfiguration('proactive');
  let value = (config.get(key) || '').trim();
  if (value) return value;
  value = ((await vscode.window.showInputBox({ prompt, placeHolder, ignoreFocusOut: true })) || '').trim();
  if (value) {
    await config.update(key, value, vscode.ConfigurationTarget.Global);
  }
  return value;
}

/**
 * {url, login, password} for the scheduler, or undefined when the user cancelled.
 * @param {vscode.ExtensionContext} context
 */
async function getCredentials(context) {
  const url = await askSetting('scheduler.url', 'ProActive scheduler URL', 'https://try.activeeon.com:8443');
  if (!url) return undefined;
  const login = await askSetting('scheduler.login', `Login for ${url}`, 'login');
  if (!login) return undefined;
  const key = secretKey(url, login);
  let password = await context.secrets.get(key);
  if (password === undefined) {
    password = await vscode.window.showInputBox({
      prompt: `Password of ${login} on ${url} (kept in VS Code's secret storage)`,
      password: true,
      ignoreFocusOut: true,
    });
    if (password === undefined) return undefined;
    await context.secrets.store(key, password);
  }
  return { url, login, password };
}

/** Forget the stored password for the configured URL and login. */
async function forgetPassword(context) {
  const config = vscode.workspace.getConfiguration('proactive');
  const url = (config.get('scheduler.url') || '').trim();
  const login = (config.get('scheduler.login') || '').trim();
  await context.secrets.delete(secretKey(url, login));
  vscode.window.showInformationMessage(`ProActive: password for ${login || '(no login)'}@${url || '(no URL)'} forgotten.`);
}

module.exports = { getCredentials, forgetPassword };
