#!/usr/bin/env node
/**
 * The standalone debug adapter: speaks DAP over stdin/stdout for any client (nvim-dap, Emacs dap-mode, ...).
 * Installed as the `quickjs-sandbox-debug` command.
 */
import { QuickJSDebugSession } from './session';

// stdout carries the protocol; a stray console.log from any dependency would corrupt it.
console.log = console.info = console.debug = (...args: unknown[]) => console.error(...args);

const session = new QuickJSDebugSession();
process.on('SIGTERM', () => session.shutdown());
session.start(process.stdin, process.stdout);
