// Starts the real language server (dist/language-server.js) and speaks LSP to it over stdio.
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import { dirname, join } from 'node:path';
import * as rpc from 'vscode-jsonrpc/node';

export const root = join(dirname(fileURLToPath(import.meta.url)), '..', '..');

/** A running server with helpers to open documents and await their diagnostics; `options` are its initializationOptions. */
export async function startServer(options = {}) {
  const child = spawn(process.execPath, [join(root, 'dist/language-server.js'), '--stdio'], { stdio: ['pipe', 'pipe', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (chunk) => { stderr += chunk; });
  const connection = rpc.createMessageConnection(new rpc.StreamMessageReader(child.stdout), new rpc.StreamMessageWriter(child.stdin));
  const history = []; // every publishDiagnostics, in order (jsonrpc allows one handler per method)
  const waiters = [];
  const logs = [];
  connection.onNotification('textDocument/publishDiagnostics', (params) => {
    history.push(params);
    for (const waiter of [...waiters]) {
      if (waiter.uri === params.uri && (waiter.version === undefined || params.version === waiter.version)) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(params.diagnostics);
      }
    }
  });
  connection.onNotification('window/logMessage', (params) => logs.push(params.message));
  connection.listen();
  const init = await connection.sendRequest('initialize', {
    processId: process.pid, rootUri: null, capabilities: {}, initializationOptions: { debounceMs: 20, ...options },
  });
  await connection.sendNotification('initialized', {});
  let nextVersion = 1;

  return {
    child, connection, init, logs, history,
    get stderr() { return stderr; },
    /** Opens a document and resolves with its first published diagnostics. */
    async open(uri, text, languageId = uri.endsWith('.ts') ? 'typescript' : 'javascript') {
      const version = nextVersion++;
      const diagnostics = this.diagnostics(uri, version);
      await connection.sendNotification('textDocument/didOpen', { textDocument: { uri, languageId, version, text } });
      return diagnostics;
    },
    /** Replaces a document's whole text and resolves with the diagnostics of that version. */
    async change(uri, text) {
      const version = nextVersion++;
      const diagnostics = this.diagnostics(uri, version);
      await connection.sendNotification('textDocument/didChange', { textDocument: { uri, version }, contentChanges: [{ text }] });
      return diagnostics;
    },
    diagnostics(uri, version, timeoutMs = 60_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no diagnostics for ${uri} v${version} within ${timeoutMs} ms; stderr: ${stderr}; logs: ${logs.join('\n')}`)), timeoutMs);
        waiters.push({ uri, version, resolve: (d) => { clearTimeout(timer); resolve(d); } });
      });
    },
    close(uri) {
      return connection.sendNotification('textDocument/didClose', { textDocument: { uri } });
    },
    hover(uri, line, character) {
      return connection.sendRequest('textDocument/hover', { textDocument: { uri }, position: { line, character } });
    },
    /** The code actions offered for a range of a document, with the diagnostics there as context. */
    codeActions(uri, range, diagnostics) {
      return connection.sendRequest('textDocument/codeAction', { textDocument: { uri }, range, context: { diagnostics } });
    },
    complete(uri, line, character) {
      return connection.sendRequest('textDocument/completion', { textDocument: { uri }, position: { line, character } });
    },
    async stop() {
      try {
        await connection.sendRequest('shutdown');
        await connection.sendNotification('exit');
      } catch { /* already gone */ }
      connection.dispose();
      if (child.exitCode === null) {
        // The timer is cleared on exit: a pending one would keep the test process alive for its whole length.
        await new Promise((resolve) => {
          const timer = setTimeout(() => { child.kill(); resolve(); }, 2000);
          child.once('exit', () => { clearTimeout(timer); resolve(); });
        });
      }
    },
  };
}
