/**
 * `quickjs-sandbox run --watch`: runs the file, then runs it again in a fresh sandbox whenever the file or one of
 * the local modules it imported changes. The terminal is never cleared; each restart prints one line naming the
 * file that changed. Ctrl+C ends it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

/** Editors save in bursts (write, rename, chmod, a second write): changes closer together than this are one. */
const DEBOUNCE_MS = 120;

/** One run under watch: the code it ended with, and how to stop it early. */
export interface WatchedRun {
  /** Resolves with the run's exit code and the files it read (entry and local imports) once it has ended. */
  done: Promise<{ code: number; files: string[] }>;
  /** Stops the run (a file changed, or Ctrl+C). */
  stop(): void;
}

/**
 * Watches a growing set of files through their folders (an editor that saves by writing a new file and renaming
 * it over the old one would end a watch on the file itself) and reports a debounced change with the first
 * file that changed.
 */
class FileSet {
  private readonly byDir = new Map<string, { names: Set<string>; watcher: fs.FSWatcher }>();
  private timer: NodeJS.Timeout | undefined;
  private first: string | undefined;

  constructor(private readonly onChange: (file: string) => void) {}

  /** Starts watching `file`; false when it already was watched. */
  add(file: string): boolean {
    const dir = path.dirname(file);
    let entry = this.byDir.get(dir);
    if (!entry) {
      const names = new Set<string>();
      let watcher: fs.FSWatcher;
      try {
        watcher = fs.watch(dir, { persistent: true }, (_event, name) => {
          if (name && names.has(name.toString())) this.changed(path.join(dir, name.toString()));
        });
      } catch {
        return false; // a folder that vanished: nothing in it can be re-run
      }
      watcher.on('error', () => undefined);
      entry = { names, watcher };
      this.byDir.set(dir, entry);
    }
    if (entry.names.has(path.basename(file))) return false;
    entry.names.add(path.basename(file));
    return true;
  }

  get size(): number {
    let n = 0;
    for (const { names } of this.byDir.values()) n += names.size;
    return n;
  }

  private changed(file: string): void {
    this.first ??= file;
    clearTimeout(this.timer);
    this.timer = setTimeout(() => {
      const first = this.first!;
      this.first = undefined;
      this.onChange(first);
    }, DEBOUNCE_MS);
  }

  close(): void {
    clearTimeout(this.timer);
    for (const { watcher } of this.byDir.values()) watcher.close();
    this.byDir.clear();
  }
}

function modifiedSince(file: string, time: number): boolean {
  try {
    return fs.statSync(file).mtimeMs > time;
  } catch {
    return false;
  }
}

/**
 * Runs `start()` now and again after every change until Ctrl+C; resolves with 130 then. `say` prints one line on
 * standard error (the restart notices).
 */
export function watch(entry: string, start: () => WatchedRun, say: (line: string) => void): Promise<number> {
  return new Promise<number>((resolve) => {
    let current: WatchedRun | undefined;
    let pending: string | undefined;
    let announced = false;
    let ended = false;

    const launch = () => {
      const startedAt = Date.now();
      const run = start();
      current = run;
      void run.done.then(({ files }) => {
        current = undefined;
        if (ended) return;
        for (const f of files) {
          // An import the run only now revealed may have been saved while the run went on, unseen: re-run for it.
          if (watched.add(f) && !pending && modifiedSince(f, startedAt)) pending = f;
        }
        if (!announced) {
          announced = true;
          say(`watching ${watched.size === 1 ? path.basename(entry) : `${path.basename(entry)} and ${watched.size - 1} imported file${watched.size === 2 ? '' : 's'}`} for changes (Ctrl+C to stop)`);
        }
        if (pending) restart();
      });
    };
    const restart = () => {
      const file = pending!;
      pending = undefined;
      say(`${path.relative(process.cwd(), file)} changed; restarting`);
      launch();
    };
    const watched = new FileSet((file) => {
      if (ended) return;
      pending = file;
      // A run still going (a server, a long loop) is stopped first; the restart follows once it has ended.
      if (current) current.stop();
      else restart();
    });
    watched.add(entry);

    const onSigint = () => {
      ended = true;
      process.off('SIGINT', onSigint);
      watched.close();
      if (current) {
        current.stop();
        void current.done.then(() => resolve(130));
      } else {
        say('stopped watching (exit 130)');
        resolve(130);
      }
    };
    process.on('SIGINT', onSigint);
    launch();
  });
}
