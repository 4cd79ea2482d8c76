// The timing allowances of tests that measure wall time, in one place. Tests assert behaviour (which limit ended a
// run, that the host was not blocked), never the machine's speed: these bounds hold on a loaded 2-core machine
// (`npm test` beside two CPU-bound processes), and a real fault still exceeds them by far.
import assert from 'node:assert/strict';
import { monitorEventLoopDelay } from 'node:perf_hooks';

/**
 * How far past its timeout a run may end. The host watchdog ends a native call that never polls the interrupt
 * at 1.75 times the timeout; the rest is room for a loaded machine. A timeout that does not work never ends at all.
 */
export const TIMEOUT_SLACK_MS = 5000;

/**
 * The longest stall of the host's event loop a test puts down to the sandbox. A sandbox that blocks the host stalls
 * it for about a whole run; the OS alone deschedules the host of a loaded 2-core machine for up to ~300 ms.
 */
export const MAX_LOOP_DELAY_MS = 500;

/** Runs `fn` while sampling the host's event-loop delay; returns fn's result and the worst delay in ms. */
export async function withLoopDelay(fn) {
  const h = monitorEventLoopDelay({ resolution: 10 });
  h.enable();
  try {
    const result = await fn();
    return { result, maxDelayMs: h.max / 1e6 };
  } finally {
    h.disable();
  }
}

/**
 * Asserts that the host's event loop stalled less than MAX_LOOP_DELAY_MS. A longer stall is measured once more with
 * `again()` (which repeats the run and resolves with its worst delay): a stall the sandbox causes repeats, one the
 * OS causes seldom does.
 */
export async function assertHostResponsive(maxDelayMs, again) {
  let delay = maxDelayMs;
  if (delay >= MAX_LOOP_DELAY_MS) delay = Math.min(delay, await again());
  assert.ok(delay < MAX_LOOP_DELAY_MS, `the host's event loop stalled for ${delay.toFixed(0)} ms (twice)`);
}

/** Fails instead of hanging: a test suite that waits forever tells nobody what broke. Clears its timer once settled. */
export function guard(promise, ms, what, onTimeout) {
  let timer;
  const timeout = new Promise((_, reject) => {
    timer = setTimeout(() => {
      onTimeout?.();
      reject(new Error(`${what} did not settle within ${ms} ms`));
    }, ms);
  });
  return Promise.race([promise, timeout]).finally(() => clearTimeout(timer));
}
