/**
 * The language server for sandbox scripts: QuickJS syntax errors, Node-only name warnings, and
 * completion/hover for the sandbox's host APIs. Speaks LSP over stdio (`--stdio`) or Node IPC.
 */
import {
  CodeActionKind, createConnection, MarkupKind, ProposedFeatures, TextDocuments, TextDocumentSyncKind,
  type CodeAction, type Diagnostic, type Hover, type InitializeResult, type Position, type Range,
} from 'vscode-languageserver/node';
import { TextDocument } from 'vscode-languageserver-textdocument';
import { analyzeDocument } from './analysis';
import { EDITOR_SYNTAX_CHECKS_NOTIFICATION, type EditorSyntaxChecks, type LanguageServerOptions } from './protocol';
import type { NodeOnlyData } from './quickFixes';
import { completeHostApis, hoverHostApi } from './hostApiFeatures';
import { newSyntaxCheckModule } from './quickjsModule';
import { QuickJSSyntaxChecker } from './quickjsSyntax';


const connection = createConnection(ProposedFeatures.all);
const documents = new TextDocuments(TextDocument);
const checker = new QuickJSSyntaxChecker(newSyntaxCheckModule);
const pending = new Map<string, ReturnType<typeof setTimeout>>();
let debounceMs = 250;
let editorSyntaxChecks: EditorSyntaxChecks = {};
/** The diagnostics last published per document, for hovers and quick fixes over them. */
const published = new Map<string, Diagnostic[]>();

connection.onInitialize((params): InitializeResult => {
  const options = (params.initializationOptions ?? {}) as LanguageServerOptions;
  if (typeof options.debounceMs === 'number' && options.debounceMs >= 0) debounceMs = options.debounceMs;
  if (options.editorSyntaxChecks && typeof options.editorSyntaxChecks === 'object') editorSyntaxChecks = options.editorSyntaxChecks;
  return {
    capabilities: {
      textDocumentSync: TextDocumentSyncKind.Incremental,
      completionProvider: { triggerCharacters: ['.'] },
      hoverProvider: true,
      codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
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
    // Notebook cells are the sandbox's own: the editor's service does not check them as files.
    const isFile = uri.startsWith('file:') || uri.startsWith('untitled:');
    const editorChecksSyntax = isFile && !!editorSyntaxChecks[document.languageId.startsWith('typescript') ? 'typescript' : 'javascript'];
    const diagnostics = await analyzeDocument({ name: uri, languageId: document.languageId, text: document.getText() }, checker, { editorChecksSyntax });
    // An edit or a close while checking makes these diagnostics stale; the newer check publishes.
    if (documents.get(uri)?.version !== version) return;
    published.set(uri, diagnostics);
    await connection.sendDiagnostics({ uri, version, diagnostics });
  } catch (error) {
    connection.console.error(`checking ${uri} failed: ${error instanceof Error ? error.stack ?? error.message : String(error)}`);
  }
}

documents.onDidOpen((event) => schedule(event.document.uri));
documents.onDidChangeContent((event) => schedule(event.document.uri));
connection.onNotification(EDITOR_SYNTAX_CHECKS_NOTIFICATION, (checks: EditorSyntaxChecks) => {
  editorSyntaxChecks = checks && typeof checks === 'object' ? checks : {};
  for (const document of documents.all()) schedule(document.uri);
});

documents.onDidClose((event) => {
  clearTimeout(pending.get(event.document.uri));
  pending.delete(event.document.uri);
  published.delete(event.document.uri);
  void connection.sendDiagnostics({ uri: event.document.uri, diagnostics: [] });
});

connection.onCompletion((params) => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return [];
  const prefix = document.getText({ start: { line: params.position.line, character: 0 }, end: params.position });
  return completeHostApis(prefix);
});

const contains = (range: Range, p: Position): boolean =>
  (p.line > range.start.line || (p.line === range.start.line && p.character >= range.start.character))
  && (p.line < range.end.line || (p.line === range.end.line && p.character <= range.end.character));

/** The Node-only warnings of a document that cover `position` or overlap `range`. */
function nodeOnlyAt(uri: string, where: Range): Array<Diagnostic & { data: NodeOnlyData }> {
  return (published.get(uri) ?? []).filter((d): d is Diagnostic & { data: NodeOnlyData } =>
    typeof (d.data as NodeOnlyData | undefined)?.advice === 'string' && (contains(d.range, where.start) || contains(where, d.range.start)));
}

connection.onHover((params): Hover | null => {
  const document = documents.get(params.textDocument.uri);
  if (!document) return null;
  const { line, character } = params.position;
  // Over a Node-only name the warning's one-line message is shown by the editor; the hover says what to do instead.
  const advice = nodeOnlyAt(params.textDocument.uri, { start: params.position, end: params.position });
  if (advice.length) return { contents: { kind: MarkupKind.Markdown, value: advice.map((d) => d.data.advice).join('\n\n') }, range: advice[0].range };
  const lineText = document.getText({ start: { line, character: 0 }, end: { line: line + 1, character: 0 } }).replace(/\r?\n$/, '');
  return hoverHostApi(lineText, line, character) ?? null;
});

connection.onCodeAction((params): CodeAction[] => {
  const uri = params.textDocument.uri;
  return nodeOnlyAt(uri, params.range).filter((d) => d.data.fix).map((d) => ({
    title: d.data.fix!.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [d],
    isPreferred: true,
    edit: { changes: { [uri]: d.data.fix!.edits } },
  }));
});

documents.listen(connection);
connection.listen();
