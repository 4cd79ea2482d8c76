/**
 * What the language client and server agree on beyond LSP: initialization options and one notification. Kept apart
 * from server.ts, which starts a connection when loaded, so the extension can import it.
 */

/** Which languages the editor's own service checks the syntax of (VS Code's TypeScript features, validation on). */
export interface EditorSyntaxChecks {
  javascript?: boolean;
  typescript?: boolean;
}

/** Options a client may pass as `initializationOptions`. */
export interface LanguageServerOptions {
  /** Quiet time after the last edit before a document is checked again. Default 250 ms. */
  debounceMs?: number;
  /** Files (not notebook cells) in these languages get only the syntax errors QuickJS alone finds. */
  editorSyntaxChecks?: EditorSyntaxChecks;
}

/** Notification a client sends when `editorSyntaxChecks` changes (a setting or an extension was toggled). */
export const EDITOR_SYNTAX_CHECKS_NOTIFICATION = 'quickjs/editorSyntaxChecks';
