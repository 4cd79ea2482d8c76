/**
 * The status bar item: a spinner while a script runs (click stops it), then how the last run ended (click shows
 * the output). Hidden until the first run, so an idle extension adds nothing to the status bar. A failed run's red
 * background is news, not a state: it clears after a while or as soon as the user starts a debug session.
 */
import * as vscode from 'vscode';
import type { RunnerState } from './runner';

/** How long a failed run keeps the item red. */
const FAILURE_SHOWN_MS = 15_000;

/** Reflects the runner's state in the status bar. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quickjs.run', vscode.StatusBarAlignment.Left, 10);
  private clearTimer: NodeJS.Timeout | undefined;
  private readonly subscriptions: vscode.Disposable[] = [];

  constructor() {
    this.item.name = 'QuickJS Sandbox run';
    this.subscriptions.push(vscode.debug.onDidStartDebugSession(() => this.clearFailure()));
  }

  /** Drops the failure color, keeping the last outcome's icon and tooltip. */
  private clearFailure(): void {
    if (this.clearTimer) clearTimeout(this.clearTimer);
    this.clearTimer = undefined;
    this.item.backgroundColor = undefined;
  }

  /** Shows the given state. */
  update(state: RunnerState): void {
    this.clearFailure();
    if (state.running) {
      this.item.text = `$(sync~spin) QuickJS: ${state.label}`;
      this.item.tooltip = 'A script is running in the QuickJS sandbox. Click to stop it.';
      this.item.command = 'quickjs.stop';
      this.item.backgroundColor = undefined;
    } else {
      const o = state.last;
      const icon = !o ? '$(play)' : o.status === 'completed' ? '$(pass)' : o.status === 'cancelled' ? '$(debug-stop)' : '$(error)';
      this.item.text = `${icon} QuickJS`;
      this.item.tooltip = o ? `Last run: ${o.status} in ${Math.round(o.durationMs)} ms${o.message ? ` (${o.message})` : ''}. Click to show the output.` : undefined;
      this.item.command = 'quickjs.showOutput';
      if (o && o.status !== 'completed' && o.status !== 'cancelled') {
        this.item.backgroundColor = new vscode.ThemeColor('statusBarItem.errorBackground');
        this.clearTimer = setTimeout(() => this.clearFailure(), FAILURE_SHOWN_MS);
      }
    }
    this.item.show();
  }

  dispose(): void {
    this.clearFailure();
    for (const s of this.subscriptions) s.dispose();
    this.item.dispose();
  }
}
