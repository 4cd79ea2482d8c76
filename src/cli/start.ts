#!/usr/bin/env node
/**
 * The CLI's entry (dist/cli.js), a bundle of its own: it starts the engine's first thread for the default options
 * (engine/engineThread.ts `prestartThread`), then loads the CLI (main.ts, dist/cli-main.js). The thread's boot, about
 * 30 ms, then overlaps the reading, compiling and initialising of the CLI's 95 KB and the parsing of the flags, which
 * came before it when the thread was started by the first sandbox. Flags that need another stack (a larger
 * --stack-size, the leak-checking build) end it.
 */
import * as path from 'node:path';
import { prestartThread, workerStackMb } from '../engine/engineThread';
import { DEFAULTS } from '../engine/options';

// Not for --help or --version, which run no engine (a flag after "--" is the script's).
const dashes = process.argv.indexOf('--');
const own = process.argv.slice(2, dashes < 0 ? undefined : dashes);
if (!own.some((a) => a === '--help' || a === '-h' || a === '--version' || a === '-v')) {
  prestartThread(workerStackMb(DEFAULTS.stackSizeBytes, false, DEFAULTS.engine));
}
require(path.join(__dirname, 'cli-main.js'));
