/**
 * Where the memory view's figures come from. The runner, the debug session and notebooks each register their
 * sandbox as the active `MemorySource`; the view shows whichever is active. No `vscode` here: the registry is plain
 * code, so it can be tested in Node and used by code that must not import the editor.
 */
import type { MemoryStats, SandboxEvent } from '../../engine/api';
import type { DebugEvent } from '../../engine/debug/api';
import { SampleStore, type Sample, type SampleOrigin } from './model';

/** What a run, debug session or notebook offers the memory view. */
export interface MemorySource {
  /** Shown in the view's title ("loop.js", "Debug: app.ts", "notebook demo.qjsnb"). */
  readonly label: string;
  readonly kind: 'run' | 'debug' | 'notebook';
  /** A detailed report now, with object counts by class. */
  stats(): Promise<MemoryStats>;
  /** Streams samples as the engine takes them; returns the unsubscribe function. */
  onSample(listener: (stats: MemoryStats, origin: SampleOrigin) => void): () => void;
  /** Reports pauses and resumes of a debug session; returns the unsubscribe function. */
  onState?(listener: (state: 'running' | 'paused') => void): () => void;
}

/** Where the active source is in its life. An ended source keeps its samples so the view can still show them. */
export type SourceState = 'running' | 'paused' | 'ended';

/** The active source with its recorded samples. */
export interface ActiveSource {
  readonly source: MemorySource;
  readonly samples: SampleStore;
  readonly state: SourceState;
}

/** What the registry tells its listeners. */
export type RegistryEvent =
  | { type: 'source'; active: ActiveSource | undefined }
  | { type: 'sample'; active: ActiveSource; sample: Sample }
  | { type: 'state'; active: ActiveSource };

/** The handle a producer keeps: `end` marks its source finished (optionally after a last detailed sample). */
export interface MemorySourceHandle {
  /** Takes a final sample when someone is watching (bounded by `timeoutMs`), then marks the source ended. */
  end(options?: { finalSample?: boolean; timeoutMs?: number }): Promise<void>;
}

class Active implements ActiveSource {
  state: SourceState = 'running';
  readonly samples: SampleStore;
  readonly unsubscribe: Array<() => void> = [];

  constructor(readonly source: MemorySource, capacity: number) {
    this.samples = new SampleStore(capacity);
  }
}

/** Holds the active memory source and fans its samples out to the views. */
export class MemorySourceRegistry {
  private current: Active | undefined;
  private readonly listeners = new Set<(e: RegistryEvent) => void>();

  constructor(private readonly capacity = 1200) {}

  /** The source the view shows: the newest one registered, running or ended. */
  get active(): ActiveSource | undefined {
    return this.current;
  }

  /** True when a view listens: producers skip work nobody would see. */
  get watched(): boolean {
    return this.listeners.size > 0;
  }

  /** Subscribes to source changes and samples; returns the unsubscribe function. */
  onDidChange(listener: (e: RegistryEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  private fire(e: RegistryEvent): void {
    for (const l of this.listeners) {
      try {
        l(e);
      } catch {
        // One failing view must not stop the samples reaching the others.
      }
    }
  }

  /** Makes `source` the one the view shows (replacing the previous, which stops recording). */
  setActive(source: MemorySource): MemorySourceHandle {
    this.detach(this.current);
    const active = new Active(source, this.capacity);
    this.current = active;
    active.unsubscribe.push(source.onSample((stats, origin) => this.record(active, stats, origin)));
    if (source.onState) {
      active.unsubscribe.push(
        source.onState((state) => {
          if (active.state === 'ended' || active.state === state) return;
          active.state = state;
          if (this.current === active) this.fire({ type: 'state', active });
        }),
      );
    }
    this.fire({ type: 'source', active });
    return {
      end: async ({ finalSample = true, timeoutMs = 500 } = {}) => {
        if (active.state === 'ended') return;
        if (finalSample && this.current === active && this.watched) {
          const stats = await withTimeout(source.stats(), timeoutMs).catch(() => undefined);
          if (stats) this.record(active, stats, 'final');
        }
        this.end(active);
      },
    };
  }

  /** Asks the active source for a detailed sample now (the view's Refresh, or a pause). */
  async refresh(origin: SampleOrigin = 'request', timeoutMs = 2000): Promise<Sample | undefined> {
    const active = this.current;
    if (!active || active.state === 'ended') return undefined;
    const stats = await withTimeout(active.source.stats(), timeoutMs);
    // record() drops it if the source ended while the report was on its way.
    return this.current === active ? this.record(active, stats, origin) : undefined;
  }

  private record(active: Active, stats: MemoryStats, origin: SampleOrigin): Sample | undefined {
    if (active.state === 'ended') return undefined;
    const sample = active.samples.add(stats, origin);
    if (this.current === active) this.fire({ type: 'sample', active, sample });
    return sample;
  }

  private end(active: Active): void {
    this.detach(active);
    if (this.current === active) this.fire({ type: 'state', active });
  }

  private detach(active: Active | undefined): void {
    if (!active) return;
    active.state = 'ended';
    for (const off of active.unsubscribe.splice(0)) off();
  }
}

function withTimeout<T>(p: Promise<T>, ms: number): Promise<T> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`the engine did not report its memory within ${ms} ms`)), ms);
  });
  return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
}

/** The part of the engine's `Sandbox` a memory source needs. */
export interface SampledSandbox {
  onEvent(listener: (e: SandboxEvent | DebugEvent) => void): () => void;
  memoryStats(options?: { classes?: boolean }): Promise<MemoryStats>;
}

/**
 * A memory source over a sandbox: its `memory` events become samples, and a debugger pause takes a detailed
 * sample, since the engine takes none while the script is stopped.
 */
export function sandboxMemorySource(sandbox: SampledSandbox, label: string, kind: MemorySource['kind']): MemorySource {
  return {
    label,
    kind,
    stats: () => sandbox.memoryStats({ classes: true }),
    onSample(listener) {
      let pause = 0;
      let paused = false;
      return sandbox.onEvent((e) => {
        if (e.type === 'memory') listener(e.stats, 'run');
        else if (e.type === 'continued') paused = false;
        else if (e.type === 'stopped') {
          const thisPause = ++pause;
          paused = true;
          sandbox.memoryStats({ classes: true }).then(
            // An engine that answers only after the script resumed measured the running script: say so.
            (stats) => listener(stats, paused && pause === thisPause ? 'paused' : 'request'),
            () => undefined, // the session ended while the report was on its way
          );
        }
      });
    },
    onState(listener) {
      return sandbox.onEvent((e) => {
        if (e.type === 'stopped') listener('paused');
        else if (e.type === 'continued') listener('running');
      });
    },
  };
}

/** The registry the runner, the debug session and notebooks report to; the memory view reads it. */
export const memorySources = new MemorySourceRegistry();
