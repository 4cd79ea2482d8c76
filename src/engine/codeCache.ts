/**
 * V8's code cache for the engine worker's bundle (dist/engine-worker.js, about 490 KB): every worker thread compiles it
 * before its engine can start, and V8 compiles each function again in each thread as it first runs. A worker that
 * compiles it with the cache skips both for what the cache holds. The first worker of a process that has none makes
 * it after its first run (so that it holds the run's path too): later workers of the process take it from memory,
 * and with a cache folder (the CLI's) later processes take it from disk.
 *
 * V8 checks that a cache fits the source, its own version and its flags, and rejects one that does not (the worker
 * then compiles as if it had none and makes a new one, which replaces it). It does not check the content of the
 * rest in a release build, so a file carries a checksum of its payload too: a truncated or altered file is never
 * given to V8.
 *
 * The file is read, checked and written by the worker thread (workerBoot.ts, worker.ts), never by the host: on the
 * extension host's thread a megabyte read and hashed, or written, would block the editor. The host only keeps the
 * copy in memory for its next workers and the flags that key the file.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { checksum } from './hash';
import { distDir } from './variants';
import { v8Flags } from './v8Flags';

/** Bump when the file's layout changes (2: the checksum names its algorithm, see hash.ts). */
const FORMAT = 2;
/** A cache file of another build or flag set, not rewritten for this long, is deleted when a new one is written. */
const STALE_MS = 7 * 24 * 3600 * 1000;
const MAGIC = 'qjs-sandbox-v8-cache';

let inMemory: Uint8Array | undefined;

/** What a worker needs to find, use and make the cache (part of its WorkerInit). */
export interface CodeCacheInit {
  /** This process's cache, when a worker has made one. */
  codeCache?: Uint8Array;
  /** The folder of cache files (the CLI's cache folder), if any. */
  codeCacheDir?: string;
  /** The V8 flags the file is keyed by (v8Flags.ts): V8 rejects a cache made under other flags. */
  v8Flags: string;
}

/** Host side: what a new worker gets. */
export function codeCacheInit(dir: string | undefined): CodeCacheInit {
  return { codeCache: inMemory, codeCacheDir: dir, v8Flags: v8Flags() };
}

/** The engine worker's bundle, beside the worker's entry in dist/. */
export const WORKER_BUNDLE = 'engine-worker.js';

/**
 * Host side, only for a host whose thread may wait on a file: the CLI's, idle while its first engine thread boots
 * (never the extension host's). Reads and checks the folder's cache now, so that the first worker gets it with its
 * init and spends none of its start on it.
 */
export function readCodeCacheOnHost(dir: string): void {
  if (inMemory || !dir) return;
  inMemory = readCodeCache(cacheFile(dir, path.join(distDir, WORKER_BUNDLE), v8Flags()));
}

/** Host side: keeps the cache a worker made (and wrote to the folder) for the process's next workers. */
export function keepCodeCache(data: Uint8Array): void {
  inMemory = data;
}

/** Caches a finished run has made that have not reached the host yet: a CLI waits for them before it exits. */
const inFlight = new Set<Promise<void>>();

/** The file of the cache in `dir`: one per bundle build, Node version, architecture and V8 flags (V8 rejects the others anyway). */
export function cacheFile(dir: string, bundle: string, v8Flags: string): string | undefined {
  try {
    const s = fs.statSync(bundle);
    // CRC-32 of the key's fields: two keys that collide share a file, which V8 rejects for one of them (then rewritten).
    const key = checksum(Buffer.from(`${FORMAT}\0${process.version}\0${process.arch}\0${v8Flags}\0${bundle}\0${s.size}\0${s.mtimeMs}`)).replace(/^\w+:/, '').slice(0, 16);
    return path.join(dir, 'v8', `engine-worker-${key}.cache`);
  } catch {
    return undefined;
  }
}

/** Worker side: the cache in `file` when it is whole (its checksum matches), else none. Never throws: a cache is only ever a shortcut. */
export function readCodeCache(file: string | undefined): Uint8Array | undefined {
  if (!file) return undefined;
  try {
    const bytes = fs.readFileSync(file);
    const newline = bytes.indexOf(10);
    const [magic, sum] = bytes.subarray(0, Math.max(newline, 0)).toString('latin1').split(' ');
    const data = bytes.subarray(newline + 1);
    if (newline < 0 || magic !== `${MAGIC}/${FORMAT}` || sum !== checksum(data)) return undefined;
    return data;
  } catch {
    return undefined;
  }
}

/** Worker side: writes a cache to `file` (atomically: a reader never sees half) and drops stale ones beside it. */
export function writeCodeCache(file: string, data: Uint8Array): void {
  try {
    fs.mkdirSync(path.dirname(file), { recursive: true });
    const tmp = `${file}.${process.pid}.tmp`;
    fs.writeFileSync(tmp, Buffer.concat([Buffer.from(`${MAGIC}/${FORMAT} ${checksum(data)}\n`, 'latin1'), data]));
    fs.renameSync(tmp, file);
    // Each build of the engine and each Node version leaves its own file; one not rewritten for a week is gone.
    for (const name of fs.readdirSync(path.dirname(file))) {
      const other = path.join(path.dirname(file), name);
      if (other !== file && /^engine-worker-\w+\.cache$/.test(name) && Date.now() - fs.statSync(other).mtimeMs > STALE_MS) fs.rmSync(other, { force: true });
    }
  } catch {
    // A folder that cannot be written costs the next process its shortcut, nothing else.
  }
}

/** Registers a cache on its way from a worker (see `codeCacheSettled`). */
export function expectCodeCache(arrived: Promise<void>): void {
  inFlight.add(arrived);
  void arrived.finally(() => inFlight.delete(arrived));
}

/** Resolves once every cache a finished run is making has been stored, or after `maxMs`: for a process about to exit. */
export async function codeCacheSettled(maxMs = 1000): Promise<void> {
  if (inFlight.size === 0) return;
  let timer: NodeJS.Timeout | undefined;
  await Promise.race([Promise.all(inFlight), new Promise<void>((r) => (timer = setTimeout(r, maxMs)))]);
  clearTimeout(timer);
}
