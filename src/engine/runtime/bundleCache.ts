/**
 * Package bundles cached on disk, so that the second run of a script importing lodash does not bundle lodash again
 * (nor start esbuild at all). One file per build, named by a hash of everything the build's result depends on
 * besides files: esbuild's version, this cache's format, the build options (specifiers, working folder, NODE_ENV,
 * the built-in aliases) and the entries of earlier builds it links to. The files it read are checked on every use:
 * each input's size and modification time, and the package.json of each package it read from (a new version
 * installed). An entry that fails any check, or does not parse, or whose checksum does not match its content, is
 * stale or corrupt: it is rebuilt and overwritten, never trusted.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { sha256Hex } from '../hash';

/** Bump when the shape of an entry or of what is cached changes. */
const FORMAT = 1;
/**
 * Entries unused this long are deleted, once per sandbox and only when it writes (after a build, which costs far more
 * than listing the folder): the folder does not grow forever.
 */
const UNUSED_MS = 30 * 24 * 3600 * 1000;

/** A file a cached result was made from, as it was then: [absolute path, size, mtime in ms]. */
type Stamp = [string, number, number];

/**
 * An entry's first line: the JSON of its header; the rest of the file is the payload's JSON, parsed once.
 * The checksum (sha256 of the payload text) catches a truncated or altered file before its content is used.
 */
interface Header {
  format: number;
  key: string;
  checksum: string;
}

interface Payload<T> {
  stamps: Stamp[];
  value: T;
}

/** What one cached step stores, and the files it read (absolute paths) for the staleness check. */
export interface Cached<T> {
  value: T;
  files: string[];
}

export class BundleCache {
  /** Why entries were rebuilt, for tests and the bench: `stale` or `corrupt`, by key. */
  readonly rejected = new Map<string, 'stale' | 'corrupt'>();
  hits = 0;
  private pruned = false;

  constructor(private readonly dir: string) {}

  /** The key of a step from the plain data it depends on. */
  static key(parts: unknown): string {
    return sha256Hex(JSON.stringify(parts)).slice(0, 40);
  }

  /** The cached value of `key` if its entry is sound and its files unchanged; else undefined. */
  get<T>(key: string): T | undefined {
    let text: string;
    try {
      text = fs.readFileSync(this.file(key), 'utf8');
    } catch {
      return undefined; // not cached yet
    }
    let payload: Payload<T>;
    try {
      const nl = text.indexOf('\n');
      const header = JSON.parse(text.slice(0, nl)) as Header;
      const body = text.slice(nl + 1);
      if (nl < 0 || header.format !== FORMAT || header.key !== key || sha256Hex(body) !== header.checksum) throw new Error('corrupt');
      payload = JSON.parse(body) as Payload<T>;
      if (!Array.isArray(payload.stamps)) throw new Error('corrupt');
    } catch {
      this.rejected.set(key, 'corrupt');
      return undefined;
    }
    if (!payload.stamps.every(([file, size, mtime]) => sameStamp(file, size, mtime))) {
      this.rejected.set(key, 'stale');
      return undefined;
    }
    this.hits++;
    const now = new Date();
    try {
      fs.utimesSync(this.file(key), now, now); // its last use, for pruning
    } catch {
      // read-only: it may be pruned a little early
    }
    return payload.value;
  }

  /** Stores a step's value with the stamps of the files it read. Failing to write only costs the next run time. */
  put<T>(key: string, { value, files }: Cached<T>): void {
    const stamps: Stamp[] = [];
    for (const f of new Set([...files, ...files.flatMap(packageJsonOf)])) {
      const s = stat(f);
      if (s) stamps.push([f, s.size, s.mtimeMs]);
    }
    const payload = JSON.stringify({ stamps, value } satisfies Payload<T>);
    const header: Header = { format: FORMAT, key, checksum: sha256Hex(payload) };
    try {
      fs.mkdirSync(this.dir, { recursive: true });
      // Written aside and renamed: a reader never sees half a file from a concurrent run.
      const tmp = `${this.file(key)}.${process.pid}.${Math.random().toString(36).slice(2)}.tmp`;
      fs.writeFileSync(tmp, `${JSON.stringify(header)}\n${payload}`);
      fs.renameSync(tmp, this.file(key));
    } catch {
      // A read-only or full disk: the run goes on uncached.
    }
    if (!this.pruned) {
      this.pruned = true;
      this.prune();
    }
  }

  private prune(): void {
    try {
      for (const name of fs.readdirSync(this.dir)) {
        const s = stat(path.join(this.dir, name));
        if (s && Date.now() - s.mtimeMs > UNUSED_MS) fs.rmSync(path.join(this.dir, name), { force: true });
      }
    } catch {
      // another process pruned first, or the folder is not ours to change
    }
  }

  private file(key: string): string {
    return path.join(this.dir, `${key}.json`);
  }
}

function stat(file: string): fs.Stats | undefined {
  try {
    return fs.statSync(file);
  } catch {
    return undefined;
  }
}

function sameStamp(file: string, size: number, mtime: number): boolean {
  const s = stat(file);
  return !!s && s.size === size && s.mtimeMs === mtime;
}

/** The package.json of the npm package a file belongs to (its version, its exports map), if it is in one. */
function packageJsonOf(file: string): string[] {
  const parts = file.split(path.sep);
  const i = parts.lastIndexOf('node_modules');
  if (i < 0 || i + 1 >= parts.length - 1) return [];
  const n = parts[i + 1]!.startsWith('@') ? 2 : 1;
  return [parts.slice(0, i + 1 + n).join(path.sep) + path.sep + 'package.json'];
}
