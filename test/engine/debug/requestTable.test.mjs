// The debug request table (src/engine/debug/protocol.ts) types both ends: the compiler refuses a worker handler or a
// host call that differs from a request's entry. Checked with TypeScript itself on small programs beside the table.
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { join } from 'node:path';
import ts from 'typescript';
import { root } from '../../support/bundle.mjs';

/** The type errors of `code`, a module next to the table (src/engine/debug/protocol.ts), as "code: message" lines (first line of each). */
function typeErrors(code) {
  const file = join(root, 'src/engine/debug/__check__.ts');
  const options = { strict: true, noEmit: true, skipLibCheck: true, target: ts.ScriptTarget.ES2022, module: ts.ModuleKind.ES2022, moduleResolution: ts.ModuleResolutionKind.Bundler, types: ['node'] };
  const host = ts.createCompilerHost(options);
  const read = host.readFile.bind(host);
  const exists = host.fileExists.bind(host);
  const source = host.getSourceFile.bind(host);
  host.readFile = (f) => (f === file ? code : read(f));
  host.fileExists = (f) => f === file || exists(f);
  host.getSourceFile = (f, v, ...rest) => (f === file ? ts.createSourceFile(f, code, v) : source(f, v, ...rest));
  const program = ts.createProgram([file], options, host);
  return ts
    .getPreEmitDiagnostics(program)
    .filter((d) => d.file?.fileName === file)
    .map((d) => `TS${d.code}: ${ts.flattenDiagnosticMessageText(d.messageText, '\n').split('\n')[0]}`);
}

const header = `import type { DebugHandlers, HostApi } from './protocol';\ndeclare const handlers: DebugHandlers;\ndeclare const host: HostApi;\n`;

test('handlers and host calls that match the table compile', () => {
  assert.deepEqual(typeErrors(`${header}
const same: DebugHandlers = { ...handlers, stepInTargets: (frameId: number) => [{ id: frameId, label: 'f' }] };
export const calls = [same, host.evaluate('1 + 1', 0, 'repl'), host.stackTrace(), host.setBreakpoints('/a.js', [{ line: 1 }])];
`), []);
});

test('a handler whose parameters or result differ from its entry, or a missing handler, is a type error', () => {
  const wrongParam = typeErrors(`${header}export const h: DebugHandlers = { ...handlers, stepInTargets: (frameId: string) => [] };\n`);
  assert.equal(wrongParam.length, 1, wrongParam.join('\n'));
  assert.match(wrongParam[0], /^TS2322: Type '\(frameId: string\) => never\[\]' is not assignable/);
  const wrongResult = typeErrors(`${header}export const h: DebugHandlers = { ...handlers, loadedSources: () => ['/a.js'] };\n`);
  assert.equal(wrongResult.length, 1, wrongResult.join('\n'));
  assert.match(wrongResult[0], /^TS2322: Type 'string' is not assignable to type 'LoadedSource'/);
  const missing = typeErrors(`${header}const { loadedSources, ...rest } = handlers;\nexport const h: DebugHandlers = rest;\n`);
  assert.equal(missing.length, 1, missing.join('\n'));
  assert.match(missing[0], /^TS2741: Property 'loadedSources' is missing/);
});

test('a host call with arguments the table does not declare is a type error', () => {
  const errors = typeErrors(`${header}export const a = host.scopes('0');\nexport const b = host.evaluate('x');\nexport const c = host.noSuchRequest();\n`);
  assert.equal(errors.length, 3, errors.join('\n'));
  assert.match(errors[0], /^TS2345: Argument of type 'string' is not assignable to parameter of type 'number'/);
  assert.match(errors[1], /^TS2554: Expected 3 arguments, but got 1/);
  assert.match(errors[2], /^TS2339: Property 'noSuchRequest' does not exist on type 'HostApi'/);
});
