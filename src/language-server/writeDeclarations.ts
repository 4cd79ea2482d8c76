/**
 * Writes media/types/quickjs-sandbox.d.ts from hostApis.ts, or with `--check` exits 1 when the file is stale.
 * Run: `npx esbuild src/language-server/writeDeclarations.ts --bundle --platform=node --outfile=.bench/wd.js && node .bench/wd.js [--check]`
 * (the language-server tests run the check).
 */
import { readFileSync, writeFileSync, mkdirSync } from 'node:fs';
import { dirname, resolve } from 'node:path';
import { renderDeclarations } from './declarations';

/** Where the declarations live, relative to the repository root. */
export const declarationsPath = 'media/types/quickjs-sandbox.d.ts';

/** Writes (or with `check`, compares) the declaration file under `root`; returns whether it was up to date. */
export function writeDeclarations(root: string, check: boolean): boolean {
  const file = resolve(root, declarationsPath);
  const wanted = renderDeclarations();
  let current: string | undefined;
  try {
    current = readFileSync(file, 'utf8');
  } catch {
    current = undefined;
  }
  if (current === wanted) return true;
  if (!check) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, wanted);
  }
  return false;
}

if (require.main === module) {
  const check = process.argv.includes('--check');
  const rootArg = process.argv.find((arg) => arg.startsWith('--root='));
  const upToDate = writeDeclarations(rootArg ? rootArg.slice('--root='.length) : process.cwd(), check);
  if (check && !upToDate) {
    console.error(`${declarationsPath} disagrees with src/language-server/hostApis.ts; run writeDeclarations without --check`);
    process.exit(1);
  }
  if (!check) console.log(upToDate ? `${declarationsPath} is up to date` : `wrote ${declarationsPath}`);
}
