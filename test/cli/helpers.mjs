// Runs the built CLI (dist/cli.js) as a user would and collects its output and exit code.
import { execFile } from 'node:child_process';
import * as path from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const cli = path.join(repoRoot, 'dist/cli.js');

/** Runs `quickjs-sandbox ...args` in `cwd` (the repo by default); resolves with { code, stdout, stderr }. */
export function runCli(args, { cwd = repoRoot, env } = {}) {
  return new Promise((resolve) => {
    execFile(process.execPath, [cli, ...args], { cwd, env: { ...process.env, ...env }, timeout: 60_000, maxBuffer: 16 * 1024 * 1024 }, (err, stdout, stderr) => {
      resolve({ code: err ? (typeof err.code === 'number' ? err.code : -1) : 0, stdout, stderr, signal: err?.signal });
    });
  });
}

/** Parses `--json` output: one event per line. */
export function jsonLines(stdout) {
  return stdout.trim().split('\n').filter(Boolean).map((l) => JSON.parse(l));
}
