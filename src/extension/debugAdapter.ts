/**
 * Where the `quickjs` debug adapter runs. Inline in the extension host: no process to spawn, and the adapter's
 * sandbox workers are threads of the extension host like every other run.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import * as vscode from 'vscode';

/** Creates the adapter for each `quickjs` debug session. */
export class QuickJSDebugAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    // Until the inline session class is available, the standalone adapter bundle speaks the same protocol over stdio.
    const adapter = path.join(__dirname, 'debug-adapter.js');
    if (!fs.existsSync(adapter)) {
      throw new Error('QuickJS: the debug adapter is not built (dist/debug-adapter.js is missing); run "npm run build".');
    }
    return new vscode.DebugAdapterExecutable(process.execPath, [adapter]);
  }
}
