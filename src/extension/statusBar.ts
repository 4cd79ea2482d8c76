/**
 * The status bar item: a spinner while a script runs (click stops it), then how the last run ended (click shows
 * the output). Hidden until the first run, so an idle extension adds nothing to the status bar.
 */
import * as vscode from 'vscode';
import type { RunnerState } from './runner';

/** Reflects the runner's state in the status bar. */
export class RunStatusBar implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem('quickjs.run', vscode.StatusBarAlignment.Left, 10);

  constructor() {
    this.item.name = 'QuickJS Sandbox run';
  }

  /** Shows the given state. */
  update(state: RunnerState): void {
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
      this.item.backgroundColor = o && o.status !== 'completed' && o.status !== 'cancelled' ? new vscode.ThemeColor('statusBarItem.errorBackground') : undefined;
    }
    this.item.show();
  }

  dispose(): void {
    this.item.dispose();
  }
}
