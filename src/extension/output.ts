/**
 * The "QuickJS Sandbox" output channel. It uses its own languageId so that syntaxes/quickjs-output.tmLanguage.json
 * colours levels, errors and locations, and so that the link provider below makes `file:line:col` clickable.
 * (A LogOutputChannel would prefix timestamps and levels of its own and could not carry a custom grammar.)
 */
import * as vscode from 'vscode';
import { findLocations } from './format';

/** The languageId of the channel; the grammar and the link provider are registered for it. */
export const OUTPUT_LANGUAGE_ID = 'quickjs-output';
/** The channel's title in the Output view's drop-down. */
export const OUTPUT_CHANNEL_NAME = 'QuickJS Sandbox';

/** A thin wrapper that keeps the whole text of the current run, so tests and commands can read what was shown. */
export class SandboxOutput implements vscode.Disposable {
  private readonly channel: vscode.OutputChannel;
  private runText = '';

  constructor() {
    this.channel = vscode.window.createOutputChannel(OUTPUT_CHANNEL_NAME, OUTPUT_LANGUAGE_ID);
  }

  /** Starts a new run: clears the channel (a run's output stands alone) and reveals it without taking focus. */
  beginRun(header: string): void {
    this.channel.clear();
    this.runText = '';
    this.channel.show(true);
    this.appendLine(header);
  }

  /** Appends one (possibly multi-line) entry. */
  appendLine(text: string): void {
    this.runText += text + '\n';
    this.channel.appendLine(text);
  }

  /** Everything printed since the last `beginRun`. */
  get text(): string {
    return this.runText;
  }

  /** Reveals the channel (status bar click after a run). */
  show(): void {
    this.channel.show(true);
  }

  dispose(): void {
    this.channel.dispose();
  }
}

/** Makes `/abs/file.js:3:7` in the channel open the file at that position. */
export class OutputLinkProvider implements vscode.DocumentLinkProvider {
  provideDocumentLinks(doc: vscode.TextDocument): vscode.DocumentLink[] {
    const links: vscode.DocumentLink[] = [];
    for (let i = 0; i < doc.lineCount; i++) {
      for (const m of findLocations(doc.lineAt(i).text)) {
        // The opener understands `#L<line>,<col>` fragments on file URIs and reveals that position.
        const target = vscode.Uri.file(m.file).with({ fragment: `L${m.line}${m.column ? `,${m.column}` : ''}` });
        const link = new vscode.DocumentLink(new vscode.Range(i, m.start, i, m.end), target);
        link.tooltip = 'Open the location';
        links.push(link);
      }
    }
    return links;
  }
}
