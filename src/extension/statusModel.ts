/**
 * What the one QuickJS status bar item says, as a pure function of what the user is looking at: a run, the debug
 * session in focus, the notebook in focus, or the last run's outcome. No `vscode` here, so it is tested in Node.
 */
import type { RunOutcome } from '../engine/api';
import { formatBytes } from './memoryView/model';

/** The heap against its limit, in bytes (limit 0: none). */
export interface StatusMemory {
  heap: number;
  limit: number;
}

/** What the item describes, chosen by focus (see `QuickJSStatusBar`). */
export type StatusFocus =
  | { kind: 'run'; label: string }
  | { kind: 'debug'; label: string; paused: boolean }
  | { kind: 'notebook'; label: string }
  /** No live sandbox in view: how the last run ended; `fresh` while a failure is still news. */
  | { kind: 'last'; outcome: RunOutcome; fresh: boolean };

/** The item as shown. `command` names what a click does. */
export interface StatusView {
  text: string;
  tooltip: string;
  command: 'stop' | 'showMemory' | 'showOutput';
  /** Red background: a failure the user has not moved on from yet. */
  error: boolean;
}

const memoryText = (m: StatusMemory | undefined): string =>
  m ? ` · ${formatBytes(m.heap)}${m.limit > 0 ? ` / ${formatBytes(m.limit)}` : ''}` : '';

const memoryTooltip = (m: StatusMemory | undefined): string =>
  m ? ` Heap ${formatBytes(m.heap)} (high-water mark)${m.limit > 0 ? ` of the ${formatBytes(m.limit)} limit` : ', no limit'}.` : '';

/** The item for `focus`, with the focused sandbox's memory when it has been sampled. */
export function statusView(focus: StatusFocus, memory?: StatusMemory): StatusView {
  switch (focus.kind) {
    case 'run':
      return {
        text: `$(sync~spin) QuickJS: ${focus.label}${memoryText(memory)}`,
        tooltip: `Running ${focus.label} in the QuickJS sandbox.${memoryTooltip(memory)} Click to stop it.`,
        command: 'stop',
        error: false,
      };
    case 'debug':
      return {
        text: `${focus.paused ? '$(debug-pause)' : '$(debug-alt)'} QuickJS: ${focus.label}${memoryText(memory)}${focus.paused ? ' (paused)' : ''}`,
        tooltip: `Debugging ${focus.label} in the QuickJS sandbox${focus.paused ? ' (paused)' : ''}.${memoryTooltip(memory)} Click to show the memory view.`,
        command: 'showMemory',
        error: false,
      };
    case 'notebook':
      return {
        text: `$(notebook) QuickJS: ${focus.label}${memoryText(memory)}`,
        tooltip: `The sandbox of ${focus.label}.${memoryTooltip(memory)} Click to show the memory view; "QuickJS: Restart Notebook Sandbox" clears its state.`,
        command: 'showMemory',
        error: false,
      };
    case 'last': {
      const o = focus.outcome;
      const failed = o.status !== 'completed' && o.status !== 'cancelled';
      const icon = o.status === 'completed' ? '$(pass)' : o.status === 'cancelled' ? '$(debug-stop)' : '$(error)';
      return {
        text: `${icon} QuickJS`,
        tooltip: `Last run: ${o.status} in ${Math.round(o.durationMs)} ms${o.message ? ` (${o.message})` : ''}. Click to show the output.`,
        command: 'showOutput',
        error: failed && focus.fresh,
      };
    }
  }
}
