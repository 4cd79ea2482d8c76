/**
 * Hashes for the engine's caches. node:crypto is loaded when something is first hashed, not when a module that hashes
 * is loaded: loading it took 2.5-5 ms of an engine thread's start, on a cold run's path to its first statement, where
 * nothing needs it.
 */
import type * as NodeCrypto from 'node:crypto';
import type * as Zlib from 'node:zlib';

let loaded: typeof NodeCrypto | undefined;

/** node:crypto, loaded on first use. */
export function nodeCrypto(): typeof NodeCrypto {
  return (loaded ??= require('node:crypto') as typeof NodeCrypto);
}

/** SHA-256 of `data` in hex. */
export function sha256Hex(data: string | Uint8Array): string {
  return nodeCrypto().createHash('sha256').update(data).digest('hex');
}

/**
 * A checksum that tells a whole file from a truncated or altered one (not from a forged one), with the algorithm's
 * name: CRC-32 where Node has it (20.15 and later: no node:crypto to load, and ten times as fast on a megabyte),
 * else SHA-256. A file is only ever read by the Node version that wrote it (its name says which), so both ends agree.
 */
export function checksum(data: Uint8Array): string {
  // Required here: a worker whose host read its code cache (codeCache.ts) checks nothing and need not load it.
  const crc32 = (require('node:zlib') as typeof Zlib & { crc32?: (data: Uint8Array) => number }).crc32;
  return crc32 ? `crc32:${crc32(data).toString(16)}` : `sha256:${sha256Hex(data)}`;
}
