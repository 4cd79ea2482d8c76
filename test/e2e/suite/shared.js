// What every extension-host suite shares: the extension's id, the Skip error, and a test list to register into.
// Not a suite itself (it exports no `tests`), so suite/index.js does not run it.
'use strict';

const EXTENSION_ID = 'quickjs-sandbox.quickjs-sandbox';

/** Thrown by a test whose precondition outside this extension is not met; reported as skipped, with the reason. */
class Skip extends Error {}

/** A list of tests and the function that registers into it; `timeoutMs` bounds each so one hang cannot eat the run. */
function suite(defaultTimeoutMs) {
  const tests = [];
  const test = (name, fn, timeoutMs = defaultTimeoutMs) => tests.push({ name, fn, timeoutMs });
  return { tests, test };
}

module.exports = { EXTENSION_ID, Skip, suite };
