/**
 * Runs a file or a piece of source in a fresh sandbox and streams its events to the output channel.
 * One run at a time: starting a run stops the previous one, so the channel and status bar always describe one run.
 * The engine does its work in worker threads; nothing here blocks the extension host.
 */
import * as vscode from 'vscode';
import type { RunOutcome, RunRequest, SandboxEvent } from '../engine/api';
import type { Sandbox } from '../engine';
import { loadEngine } from './engineHost';
import { memorySources, sandboxMemorySource } from './memoryView/sources';
import { editorLimitMessage, formatEvent, formatOutcome, formatRunHeader } from './format';
import type { SandboxOutput } from './output';
import { offerGrant, offerLimitFix, type RerunRequest } from './runActions';
import { readSettings, reportProblems, toSandboxOptions, UNTRUSTED_NOTE } from './settings';

/** What to run, and where (the scope decides which folder's settings apply). */
export interface RunTarget {
  label: string;
  request: RunRequest;
  cwd?: string;
  scope?: vscode.Uri;
  /** Options that win over the settings for this run (a "Run Without Timeout" button). */
  overrides?: RerunRequest;
}

/** What a finished run produced; returned by the run commands so that tests and other commands can check it. */
export interface RunResult {
  outcome: RunOutcome;
  output: string;
}

/** The state shown by the status bar. */
export type RunnerState = { running: true; label: string } | { running: false; last?: RunOutcome };

/**
 * A run that lasts longer than this also gets a cancellable progress notification; before that the status bar item's
 * spinner (click to stop) is the progress, so short runs never pile notifications up.
 */
const PROGRESS_DELAY_MS = 5000;

/** Messages that mean a permission was refused, also when the script caught the PermissionDenied and logged it. */
const DENIED_RE = /\b(permission|not permitted|not allowed|denied|not granted)\b/i;

/** Owns the current run and its sandbox. */
export class Runner implements vscode.Disposable {
  private current: { sandbox?: Sandbox; cancelled: boolean; done: Promise<unknown> } | undefined;
  private readonly stateEmitter = new vscode.EventEmitter<RunnerState>();
  /** Fires when a run starts or ends. */
  readonly onDidChangeState = this.stateEmitter.event;

  constructor(private readonly output: SandboxOutput) {}

  /** True while a run is in progress. */
  get running(): boolean {
    return this.current !== undefined;
  }

  /** Runs the target; resolves when the run ends (completed, error, limit, stopped or crashed). */
  async run(target: RunTarget): Promise<RunResult> {
    await this.stop();
    const { settings, problems } = readSettings(target.scope);
    reportProblems(problems);
    const trusted = vscode.workspace.isTrusted;
    const options = { ...toSandboxOptions(settings, trusted, target.cwd), ...target.overrides };

    let resolveDone!: () => void;
    const state = { sandbox: undefined as Sandbox | undefined, cancelled: false, done: new Promise<void>((r) => (resolveDone = r)) };
    this.current = state;
    const timeoutSeconds = target.overrides?.timeoutMs !== undefined ? target.overrides.timeoutMs / 1000 : settings.timeoutSeconds;
    this.output.beginRun(formatRunHeader(target.label, { ...settings, timeoutSeconds }));
    this.stateEmitter.fire({ running: true, label: target.label });

    let sawDenial = false;
    let limitEvent: Extract<SandboxEvent, { type: 'limit' }> | undefined;
    const denials = new Map<string, Extract<SandboxEvent, { type: 'denied' }>>();
    const started = Date.now();
    let outcome: RunOutcome;
    let progressTimer: NodeJS.Timeout | undefined;
    let endProgress: (() => void) | undefined;
    try {
      const sandbox = await loadEngine().Sandbox.create(options);
      state.sandbox = sandbox;
      const memory = memorySources.setActive(sandboxMemorySource(sandbox, target.label, 'run'));
      const off = sandbox.onEvent((e) => {
        if (e.type === 'denied') denials.set(`${e.permission}\0${e.value}`, e);
        const text = formatEvent(e as SandboxEvent);
        if (text === undefined) return;
        this.output.appendLine(text);
        if (e.type === 'limit') limitEvent = e;
        const denied = (e.type === 'error' && e.error.name === 'PermissionDenied') || ((e.type === 'error' || (e.type === 'console' && e.level === 'error')) && DENIED_RE.test(text));
        if (!trusted && denied) sawDenial = true;
      });
      progressTimer = setTimeout(() => {
        void vscode.window.withProgress(
          { location: vscode.ProgressLocation.Notification, title: `QuickJS: running ${target.label}`, cancellable: true },
          (_progress, token) =>
            new Promise<void>((resolve) => {
              endProgress = resolve;
              token.onCancellationRequested(() => void this.stop());
            }),
        );
      }, PROGRESS_DELAY_MS);
      try {
        // A stop that arrived while the worker was starting must still win.
        outcome = state.cancelled
          ? { status: 'cancelled', exitCode: 130, durationMs: Date.now() - started }
          : await sandbox.run(target.request);
      } finally {
        off();
        // The memory view keeps the run's last figures: take them before the engine goes.
        await memory.end();
        await sandbox.dispose().catch(() => undefined);
      }
    } catch (err) {
      // Failures of the host side (engine missing, bad option) are the user's to see, not an extension crash.
      const message = err instanceof Error ? err.message : String(err);
      this.output.appendLine(`[error] the sandbox could not run: ${message}`);
      outcome = { status: 'crashed', exitCode: 2, durationMs: Date.now() - started, message };
    } finally {
      if (progressTimer) clearTimeout(progressTimer);
      endProgress?.();
      resolveDone();
      if (this.current === state) this.current = undefined;
    }
    if (!trusted && sawDenial) {
      this.output.appendLine(`[warn] ${UNTRUSTED_NOTE}`);
      void vscode.window.showWarningMessage(`QuickJS: the script was denied a permission. ${UNTRUSTED_NOTE}`);
    }
    // The limit line already said why, in the editor's words: the closing line need not repeat the engine's.
    const limitSaid = limitEvent && outcome.message === limitEvent.message;
    if (limitEvent && limitSaid) outcome = { ...outcome, message: editorLimitMessage(limitEvent) };
    this.output.appendLine(formatOutcome(limitSaid ? { ...outcome, message: undefined } : outcome));
    this.stateEmitter.fire({ running: false, last: outcome });
    const result = { outcome, output: this.output.text };
    // The fixes are offered without holding up the caller; a chosen one runs the target again.
    if (limitEvent && outcome.status === 'limit') void this.offerAfterRun(target, () => offerLimitFix(target.label, limitEvent!));
    else if (trusted && denials.size) {
      void this.offerAfterRun(target, async () => ((await offerGrant(target.label, [...denials.values()], target.scope, target.cwd)) ? {} : undefined));
    }
    return result;
  }

  /** Runs `target` again with the overrides the user's choice returns, unless another run started meanwhile. */
  private async offerAfterRun(target: RunTarget, offer: () => Promise<RerunRequest | undefined>): Promise<void> {
    const rerun = await offer();
    if (!rerun || this.running) return;
    await this.run({ ...target, overrides: { ...target.overrides, ...rerun } });
  }

  /** Stops the current run, if any, and waits until it has ended. */
  async stop(): Promise<boolean> {
    const state = this.current;
    if (!state) return false;
    state.cancelled = true;
    state.sandbox?.cancel();
    await state.done;
    return true;
  }

  dispose(): void {
    void this.stop();
    this.stateEmitter.dispose();
  }
}
