/**
 * The permission boundary: every host access a script can ask for (files, network, environment) is checked here,
 * and every denial names the permission and how to grant it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { grantHint } from '../optionSchema';

/** A denied access; the script sees it as a rejected promise or a thrown error with this message. */
export class PermissionDenied extends Error {
  override name = 'PermissionDenied';
}

/** What a denial tells the host, so an editor can offer to grant exactly that (a folder, an origin, a name). */
export interface Denial {
  permission: 'read' | 'net' | 'env';
  value: string;
  message: string;
}

/** The most bytes a single readFile or fetch response may bring into the sandbox. */
export const MAX_TRANSFER_BYTES = 32 * 1024 * 1024;
const MAX_REDIRECTS = 10;

export class Permissions {
  private readonly readRoots: string[];

  constructor(
    private readonly cwd: string,
    read: string[],
    private readonly net: string[],
    private readonly env: string[],
    /** Values of the granted variables, taken by the host when the sandbox was configured. */
    private readonly envValues: Record<string, string>,
    /** Why nothing was granted, when a caller withheld permissions (e.g. an untrusted workspace). */
    private readonly deniedReason?: string,
    /** Told of every denial, including those the script catches. */
    private readonly onDenied?: (denial: Denial) => void,
  ) {
    this.readRoots = read.map((r) => {
      try {
        return fs.realpathSync(r);
      } catch {
        return path.resolve(r);
      }
    });
  }

  private deny(what: string, permission: Denial['permission'], value: string): never {
    const key = `permissions.${permission}` as const;
    const message = `${what} is not allowed: ${this.deniedReason ?? `grant it with ${grantHint(key, value)}`}`;
    this.onDenied?.({ permission, value, message });
    throw new PermissionDenied(message);
  }

  /** Reads a file under an allowed folder; symlinks and `..` cannot lead outside it. */
  async readFile(p: string, asBytes: boolean): Promise<string | Uint8Array> {
    const abs = path.resolve(this.cwd, p);
    const folder = path.dirname(abs);
    if (this.readRoots.length === 0) this.deny(`reading "${p}"`, 'read', folder);
    let real: string;
    try {
      real = await fs.promises.realpath(abs);
    } catch {
      // Do not reveal whether a file outside the allowed folders exists.
      if (!this.inside(abs)) this.deny(`reading "${p}"`, 'read', folder);
      throw new Error(`ENOENT: no such file "${p}"`);
    }
    if (!this.inside(real)) this.deny(`reading "${p}"`, 'read', folder);
    const stat = await fs.promises.stat(real);
    if (stat.isDirectory()) throw new Error(`EISDIR: "${p}" is a folder`);
    if (stat.size > MAX_TRANSFER_BYTES) throw new Error(`"${p}" is ${stat.size} bytes; sandbox.readFile reads at most ${MAX_TRANSFER_BYTES}`);
    const data = await fs.promises.readFile(real);
    return asBytes ? new Uint8Array(data) : data.toString('utf8');
  }

  private inside(p: string): boolean {
    return this.readRoots.some((r) => p === r || p.startsWith(r.endsWith(path.sep) ? r : r + path.sep));
  }

  /** The value of a granted environment variable; throws for one not granted. */
  envGet(name: string): string | undefined {
    if (!this.env.includes(name)) this.deny(`reading environment variable ${name}`, 'env', name);
    return Object.prototype.hasOwnProperty.call(this.envValues, name) ? this.envValues[name] : undefined;
  }

  envNames(): string[] {
    return this.env.slice();
  }

  private checkOrigin(url: URL): void {
    if (url.protocol !== 'http:' && url.protocol !== 'https:') {
      throw new PermissionDenied(`fetch supports http and https only, not ${url.protocol}`);
    }
    if (!this.net.includes('*') && !this.net.includes(url.origin)) {
      this.deny(`fetch to ${url.origin}`, 'net', url.origin);
    }
  }

  /** Fetches with redirects followed by hand, so that every hop is checked against the allowed origins. */
  async fetch(
    rawUrl: string,
    method: string,
    headers: Array<[string, string]>,
    body: string | Uint8Array | undefined,
    signal: AbortSignal,
  ): Promise<{ meta: string; body: Uint8Array }> {
    let url: URL;
    try {
      url = new URL(rawUrl);
    } catch {
      throw new TypeError(`fetch: "${rawUrl}" is not an absolute URL`);
    }
    let redirected = false;
    for (let hop = 0; ; hop++) {
      this.checkOrigin(url);
      const res = await fetch(url, { method, headers, body, redirect: 'manual', signal });
      const location = res.headers.get('location');
      if (res.status >= 300 && res.status < 400 && location) {
        if (hop >= MAX_REDIRECTS) throw new TypeError(`fetch: more than ${MAX_REDIRECTS} redirects`);
        await res.body?.cancel();
        url = new URL(location, url);
        redirected = true;
        if (res.status === 303) method = 'GET';
        continue;
      }
      const chunks: Uint8Array[] = [];
      let size = 0;
      if (res.body) {
        for await (const chunk of res.body) {
          size += chunk.byteLength;
          if (size > MAX_TRANSFER_BYTES) throw new Error(`fetch: response body is larger than ${MAX_TRANSFER_BYTES} bytes`);
          chunks.push(chunk);
        }
      }
      const out = new Uint8Array(size);
      let offset = 0;
      for (const c of chunks) {
        out.set(c, offset);
        offset += c.byteLength;
      }
      const meta = { status: res.status, statusText: res.statusText, url: url.href, redirected, headers: [...res.headers] };
      return { meta: JSON.stringify(meta), body: out };
    }
  }
}
