#!/usr/bin/env node
/**
 * The CLI's entry (dist/cli.js): starts the engine's first thread for the default options, then loads the CLI
 * itself (main.ts), which esbuild initialises only when it is required here. The thread's boot (about 30 ms) then
 * overlaps the loading of the rest of this bundle and the parsing of the flags; flags that need another thread
 * (a larger stack, the leak-checking build) end it (engine/pool.ts `prestart`).
 */
import { prestart } from '../engine/pool';
import { resolveOptions } from '../engine/options';

prestart(resolveOptions());
require('./main');
