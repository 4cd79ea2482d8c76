/**
 * The language server for sandbox scripts: QuickJS syntax errors, Node-only name warnings, and
 * completion/hover for the sandbox's host APIs. Speaks LSP over stdio (`--stdio`) or Node IPC.
 */
import { createConnection, ProposedFeatures, TextDocuments, TextDocumentSyncKind, type InitializeResult } from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from './analysis';
import { completeHostApis, hoverHostApi } from './hostApiFeatures';
import { newSyntaxCheckModule } from './quickjsModule';
import { QuickJSSyntaxChecker } from './quickjsSyntax';

/** Options a client may pass as `initializationOptions`. */
export interface LanguageServerOptions {
  /** Quiet time after the last edit before a document is checked again. Default 250 ms. */
  debounceMs?: number;
}

const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const checker = new QuickJSSyntaxChecker(newSyntaxCheckModule);
const pending = new Map<string, ReturnType<typeof setTimeout>>();
let debounceMs = 250;

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as LanguageServerOptions;
  if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['.'] },
      hoverProvider: true,
    },
    serverInfo: { name: 'QuickJS Sandbox language server' },
  };
});

function schedule(uri: string): void {
  clearTimeout(pending.get(uri));
  pending.set(uri, setTimeout(() => {
    pending.delete(uri);
    void validate(uri);
  }, debounceMs));
}

async function validate(uri: string): Promise<void> {
  const document = documents.get(uri);
  if (!document) return;
  const version = document.version;
  try {
    const diagnostics = await analyzeDocument({ name: uri, languageId: document.languageId, text: document.getText() }, checker);
    // An edit or a close while checking makes these diagnostics stale; the newer check publishes.
    if (documents.get(uri)?.version !== version) return;
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    connection.console.error(`checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

documents.onDidOpen((event) => schedule(event.document.uri));
documents.onDidChangeContent((event) => schedule(event.document.uri));
documents.onDidClose((event) => {
  clearTimeout(pending.get(event.document.uri));
  pending.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onCompletion((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const prefix = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  return completeHostApis(prefix);
});

connection.onHover((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const { line, character } = params.position;
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  return hoverHostApi(lineText, line, character) ?? null;
});

documents.listen(connection);
connection.listen();
