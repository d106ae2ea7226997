'use strict';
// How the language server process is found. Kept free of the `vscode` module so it can be tested
// with plain node.

const INSTALL_HINT =
  'Install it with "pip install proactive-lsp" (in the environment you use for your notebooks), ' +
  'or set "proactive.server.python" to an interpreter that has it, or "proactive.server.command" ' +
  'to the full command line.';

/**
 * The argv that starts the server, from the settings.
 * Order: proactive.server.command (argv), then proactive.server.python (`<python> -m proactive_lsp`),
 * then `proactive-lsp` on PATH. No `--stdio` is added: stdio is the default transport.
 * @param {{command?: string[], python?: string}} settings
 * @returns {{command: string, args: string[], origin: string}}
 */
function resolveServerArgv(settings) {
  const argv = Array.isArray(settings.command) ? settings.command.filter((a) => typeof a === 'string') : [];
  if (argv.length > 0 && argv[0].trim() !== '') {
    return { command: argv[0], args: argv.slice(1), origin: 'proactive.server.command' };
  }
  const python = typeof settings.python === 'string' ? settings.python.trim() : '';
  if (python !== '') {
    return { command: python, args: ['-m', 'proactive_lsp'], origin: 'proactive.server.python' };
  }
  return { command: 'proactive-lsp', args: [], origin: 'default (proactive-lsp on PATH)' };
}

/**
 * A one-line explanation, with the fix, for a server that did not start. The install hint is for
 * a missing or dying process; a server that answered initialize with an error gets the log hint.
 */
function startFailureMessage(argv, reason, installHint = true) {
  const cmd = [argv.command, ...argv.args].join(' ');
  const why = reason ? ` (${reason})` : '';
  const fix = installHint ? INSTALL_HINT : 'See "ProActive: Show server log" for details.';
  return `The ProActive language server could not be started with "${cmd}" from ${argv.origin}${why}. ${fix}`;
}

module.exports = { resolveServerArgv, startFailureMessage, INSTALL_HINT };
