/**
 * Where the `quickjs` debug adapter runs: inline in the extension host. No process to spawn, and the session's
 * sandbox runs in the engine's worker threads like every other run. The same session class serves other DAP
 * clients over stdio from dist/debug-adapter.js.
 */
import * as vscode from 'vscode';
import type { SandboxFactory } from '../debug-adapter/session';
import { getPackageCacheDir, loadDebugSession, loadEngine } from './engineHost';
import { memorySampleIntervalMs } from './settings';
import { memorySources, sandboxMemorySource } from './memoryView/sources';

/** Creates the adapter for each `quickjs` debug session. */
export class QuickJSDebugAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(session: vscode.DebugSession): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    const { QuickJSDebugSession } = loadDebugSession();
    // Each sandbox the session creates (a restart makes another) becomes the memory view's source.
    const factory: SandboxFactory = async (options) => {
      const sandbox = await loadEngine().Sandbox.create({ memorySampleIntervalMs: memorySampleIntervalMs(session.workspaceFolder), cacheDir: getPackageCacheDir(), ...options });
      const memory = memorySources.setActive(sandboxMemorySource(sandbox, `Debug: ${session.name}`, 'debug'));
      return {
        onEvent: (listener) => sandbox.onEvent(listener),
        run: (request) => sandbox.run(request),
        cancel: () => sandbox.cancel(),
        debug: sandbox.debug,
        // The memory view keeps the session's last figures: take them before the engine goes.
        dispose: async () => {
          await memory.end();
          return sandbox.dispose();
        },
      };
    };
    // The session speaks DAP through handleMessage/onDidSendMessage, which is the shape VS Code expects inline.
    return new vscode.DebugAdapterInlineImplementation(new QuickJSDebugSession(factory) as unknown as vscode.DebugAdapter);
  }
}
