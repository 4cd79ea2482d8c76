/**
 * The host side of web.part.js (the globals kernel's `host.web`): random bytes and digests from node:crypto (loaded on first use: see hash.ts), the lazily evaluated URL, streams, compression and fetch implementations,
 * and the version navigator.userAgent names. Every function takes and returns strings, numbers and ArrayBuffers only.
 */
import type { QuickJSContext, QuickJSHandle } from 'quickjs-emscripten-core';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { nodeCrypto } from '../hash';
import { distDir } from '../variants';
import { KERNEL_FILE_PREFIX } from './stacks';

/** The most bytes one getRandomValues call may ask for (Web Crypto's quota); the kernel checks it first. */
const MAX_RANDOM_BYTES = 65536;
const DIGESTS: Record<string, string> = { 'SHA-1': 'sha1', 'SHA-256': 'sha256', 'SHA-384': 'sha384', 'SHA-512': 'sha512' };

const sources = new Map<string, string>();
let version: string | undefined;

/** A lazily evaluated web API bundle of dist/ (built by esbuild.mjs), read once per worker on first use. */
function readBundled(name: string, what: string): string {
  let source = sources.get(name);
  if (source === undefined) {
    const file = path.join(distDir, name);
    try {
      source = fs.readFileSync(file, 'utf8');
    } catch {
      throw new Error(`${what} unavailable: ${file} is missing; run "npm run build"`);
    }
    sources.set(name, source);
  }
  return source;
}

function sandboxVersion(): string {
  if (version === undefined) {
    try {
      version = (JSON.parse(fs.readFileSync(path.join(distDir, '..', 'package.json'), 'utf8')) as { version: string }).version;
    } catch {
      version = 'dev';
    }
  }
  return version;
}

type HostFn = (...args: QuickJSHandle[]) => QuickJSHandle | void;

/** The host functions of web.part.js, and the `extra` step that adds its plain values (a kernel host object's). */
export function webKernelHost(ctx: QuickJSContext, reportError: (err: QuickJSHandle) => void): [Record<string, HostFn>, (host: QuickJSHandle) => void] {
  return [{
    randomBytes: (n) => {
      const count = ctx.getNumber(n);
      if (!(count >= 0 && count <= MAX_RANDOM_BYTES)) throw new RangeError(`randomBytes: ${count} is out of range`);
      const bytes = new Uint8Array(count);
      nodeCrypto().randomFillSync(bytes);
      return ctx.newArrayBuffer(bytes.buffer);
    },
    digest: (name, data) => {
      const algorithm = DIGESTS[ctx.getString(name)];
      if (!algorithm) throw new TypeError('digest: unsupported algorithm');
      const input = ctx.getArrayBuffer(data);
      try {
        const out = nodeCrypto().createHash(algorithm).update(input.value).digest();
        return ctx.newArrayBuffer(out.buffer.slice(out.byteOffset, out.byteOffset + out.byteLength));
      } finally {
        input.dispose();
      }
    },
    reportError: (err) => reportError(err),
    loadUrl: () => ctx.unwrapResult(ctx.evalCode(readBundled('web-url.js', 'URL and URLSearchParams are'), `${KERNEL_FILE_PREFIX}url>`)),
    loadIdna: () => ctx.unwrapResult(ctx.evalCode(readBundled('web-idna.js', 'URL host names outside ASCII are'), `${KERNEL_FILE_PREFIX}idna>`)),
    loadFetch: () => ctx.unwrapResult(ctx.evalCode(readBundled('web-fetch.js', 'Headers, Request, Response, FormData and fetch are'), `${KERNEL_FILE_PREFIX}fetch>`)),
    // `part` is '' for the loader, else a part it asks for: 'core', a service ('numberformat'), a service's locale data
    // ('numberformat-de', 'numberformat-en-GB') or 'tz' for time zones; undefined when not bundled.
    loadIntl: (part) => {
      const name = ctx.getString(part);
      if (name !== '' && !/^[a-z]+(-[a-z]{2,3}(-[A-Z]{2})?)?$/.test(name)) return undefined;
      const file = `web-intl${name ? `-${name}` : ''}.js`;
      if (name !== '' && !sources.has(file) && !fs.existsSync(path.join(distDir, file))) return undefined;
      return ctx.unwrapResult(ctx.evalCode(readBundled(file, 'Intl is'), `${KERNEL_FILE_PREFIX}intl${name ? `-${name}` : ''}>`));
    },
    loadStreams: () => ctx.unwrapResult(ctx.evalCode(readBundled('web-streams.js', 'Streams are'), `${KERNEL_FILE_PREFIX}streams>`)),
    loadCompression: () => ctx.unwrapResult(ctx.evalCode(readBundled('web-compression.js', 'CompressionStream and DecompressionStream are'), `${KERNEL_FILE_PREFIX}compression>`)),
  }, (host) => {
    const v = ctx.newString(sandboxVersion());
    ctx.setProp(host, 'version', v);
    v.dispose();
    // The zone the sandbox's Date uses for local time (the host's), so Intl formats local time the same way.
    const zone = ctx.newString(Intl.DateTimeFormat().resolvedOptions().timeZone ?? 'UTC');
    ctx.setProp(host, 'timeZone', zone);
    zone.dispose();
  }];
}
