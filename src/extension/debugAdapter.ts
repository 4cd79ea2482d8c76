/**
 * Where the `quickjs` debug adapter runs: inline in the extension host. No process to spawn, and the session's
 * sandbox runs in the engine's worker threads like every other run. The same session class serves other DAP
 * clients over stdio from dist/debug-adapter.js.
 */
import * as vscode from 'vscode';
import { loadDebugSession } from './engineHost';

/** Creates the adapter for each `quickjs` debug session. */
export class QuickJSDebugAdapterFactory implements vscode.DebugAdapterDescriptorFactory {
  createDebugAdapterDescriptor(): vscode.ProviderResult<vscode.DebugAdapterDescriptor> {
    const { QuickJSDebugSession } = loadDebugSession();
    // The session speaks DAP through handleMessage/onDidSendMessage, which is the shape VS Code expects inline.
    return new vscode.DebugAdapterInlineImplementation(new QuickJSDebugSession() as unknown as vscode.DebugAdapter);
  }
}
