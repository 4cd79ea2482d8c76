/**
 * Turns one document into diagnostics: syntax errors from QuickJS (after esbuild for TypeScript) and
 * warnings for Node-only names. Editor-neutral apart from the LSP data types.
 */
import { parse, type Options as AcornOptions, type Program } from 'acorn';
import { transform, type Message } from 'esbuild';
import { TraceMap, originalPositionFor } from '@jridgewell/trace-mapping';
import { DiagnosticSeverity, type Diagnostic, type Range } from 'vscode-languageserver';
import { analyzeScript, type ScriptFacts } from './freeNames';
import { nodeGlobalWarning, nodeModuleWarning, type NodeOnlyWarning } from './nodeOnlyNames';
import { nodeGlobalFix, type NodeOnlyData } from './quickFixes';
import type { QuickJSSyntaxChecker } from './quickjsSyntax';

/** A document as the analysis needs it. */
export interface SourceDocument {
  /** A path or URI; its extension decides TypeScript and module-ness when the language does not. */
  name: string;
  languageId: string;
  text: string;
}

/** Positions in generated code, mapped back to the document (identity for JavaScript). */
type PositionMapper = (line: number, character: number) => { line: number; character: number } | undefined;

const acornBase: AcornOptions = { ecmaVersion: 'latest', allowHashBang: true };

/** What the editor already reports for a document, so the server adds only what differs in QuickJS. */
export interface AnalysisContext {
  /**
   * The editor's own JavaScript/TypeScript service checks this document's syntax (VS Code's TypeScript features with
   * validation on). Then standard syntax errors (those esbuild or a standard parser also finds) are left to it, and
   * only what QuickJS alone rejects is reported.
   */
  editorChecksSyntax?: boolean;
}

/** Diagnostics for `doc`: errors first, then warnings, all in document coordinates (0-based, UTF-16). */
export async function analyzeDocument(doc: SourceDocument, checker: QuickJSSyntaxChecker, context: AnalysisContext = {}): Promise<Diagnostic[]> {
  const extension = /\.([cm]?[jt]sx?)$/i.exec(doc.name)?.[1].toLowerCase() ?? '';
  const isTypeScript = doc.languageId === 'typescript' || /^[cm]?ts$/.test(extension);
  const diagnostics: Diagnostic[] = [];
  let code = doc.text;
  let mapper: PositionMapper = (line, character) => ({ line, character });

  if (isTypeScript) {
    const errors: Diagnostic[] = [];
    const transpiled = await transpile(doc, errors);
    // TypeScript's own service reports what esbuild rejects, in its own words.
    if (!context.editorChecksSyntax) diagnostics.push(...errors);
    if (!transpiled) return diagnostics;
    code = transpiled.code;
    mapper = transpiled.mapper;
  }

  // Extension first (that is how the sandbox decides for files), then the content.
  const forced = extension === 'mjs' || extension === 'mts' || extension === 'ts' ? 'module' : extension === 'cjs' || extension === 'cts' ? 'global' : undefined;
  const { type, facts, standardSyntaxError } = classify(code, forced);

  const filename = 'document.' + (type === 'module' ? 'mjs' : 'js');
  const problem = await checker.check(code, filename, type);
  // A standard parser rejects this JavaScript too, so the editor's service shows the same error already.
  const duplicate = context.editorChecksSyntax && !isTypeScript && standardSyntaxError;
  if (problem && !duplicate) {
    const lineText = lineOf(code, problem.line - 1);
    const character = problem.column === undefined ? 0 : codePointColumnToUtf16(lineText, problem.column - 1);
    const start = mapper(problem.line - 1, character) ?? { line: 0, character: 0 };
    const end = { line: start.line, character: problem.column === undefined ? lineOf(doc.text, start.line).length : start.character + 1 };
    diagnostics.push({
      range: { start, end },
      severity: DiagnosticSeverity.Error,
      source: 'QuickJS',
      code: problem.tooDeep ? 'too-deep' : undefined,
      message: problem.tooDeep ? problem.message : `${problem.name}: ${problem.message}`,
    });
  }

  if (facts) diagnostics.push(...nodeOnlyWarnings(code, facts, mapper, doc.text));
  return diagnostics;
}

/**
 * Module or global code, with the facts of whichever parse matched (none when acorn rejects both), and whether a
 * standard parser rejects the code with a syntax error (not merely failing, as on a stack overflow).
 */
function classify(code: string, forced: 'module' | 'global' | undefined): { type: 'module' | 'global'; facts?: ScriptFacts; standardSyntaxError: boolean } {
  let syntaxErrors = 0;
  const tryParse = (sourceType: 'module' | 'script'): ScriptFacts | undefined => {
    try {
      return analyzeScript(parse(code, { ...acornBase, sourceType }) as Program);
    } catch (error) {
      if (error instanceof SyntaxError) syntaxErrors++;
      return undefined;
    }
  };
  if (forced) {
    const facts = tryParse(forced === 'module' ? 'module' : 'script');
    return { type: forced, facts, standardSyntaxError: syntaxErrors > 0 };
  }
  // One parse usually decides: module syntax makes a module; without it the module AST names the same
  // free references as a script parse would (only sloppy-mode syntax needs the second parse).
  const asModule = tryParse('module');
  if (asModule) return { type: asModule.hasModuleSyntax || asModule.hasTopLevelAwait ? 'module' : 'global', facts: asModule, standardSyntaxError: false };
  const asScript = tryParse('script');
  if (asScript) return { type: 'global', facts: asScript, standardSyntaxError: false };
  // Neither parses: QuickJS will report the error; guess the mode the author meant from the text.
  return { type: /^\s*(import|export)\b/m.test(code) ? 'module' : 'global', standardSyntaxError: syntaxErrors === 2 };
}

/** Warnings for Node-only names in `code` (transpiled for TypeScript), placed and fixed in the document's `text`. */
function nodeOnlyWarnings(code: string, facts: ScriptFacts, mapper: PositionMapper, text: string): Diagnostic[] {
  const lines = lineStarts(code);
  const docLines = text.split('\n');
  const warnings: Diagnostic[] = [];
  const push = (start: number, end: number, warning: NodeOnlyWarning, code: string, fixFor?: string): void => {
    const range = mapRange(lines, start, end, mapper);
    if (!range) return;
    const fix = fixFor ? nodeGlobalFix(fixFor, range, (docLines[range.start.line] ?? '').replace(/\r$/, '')) : undefined;
    const data: NodeOnlyData = { advice: warning.advice, ...(fix ? { fix } : {}) };
    warnings.push({ range, severity: DiagnosticSeverity.Warning, source: 'QuickJS Sandbox', code, message: warning.message, data });
  };
  for (const ref of facts.freeReferences) {
    if (ref.underTypeof) continue;
    const warning = nodeGlobalWarning(ref.name);
    if (warning) push(ref.start, ref.end, warning, 'node-only-global', ref.name);
  }
  for (const imported of facts.imports) {
    const warning = nodeModuleWarning(imported.source);
    if (warning) push(imported.start, imported.end, warning, 'node-only-module');
  }
  return warnings;
}

async function transpile(doc: SourceDocument, diagnostics: Diagnostic[]): Promise<{ code: string; mapper: PositionMapper } | undefined> {
  try {
    // Imports stay as written (esbuild would drop unused ones), so `import fs from 'node:fs'` is still seen.
    const result = await transform(doc.text, {
      loader: 'ts',
      sourcemap: 'external',
      sourcefile: 'document.ts',
      logLevel: 'silent',
      tsconfigRaw: { compilerOptions: { verbatimModuleSyntax: true } },
    });
    for (const warning of result.warnings) diagnostics.push(esbuildDiagnostic(warning, DiagnosticSeverity.Warning));
    const map = new TraceMap(result.map);
    const mapper: PositionMapper = (line, character) => {
      const original = originalPositionFor(map, { line: line + 1, column: character });
      return original.line === null ? undefined : { line: original.line - 1, character: original.column };
    };
    return { code: result.code, mapper };
  } catch (error) {
    const errors = (error as { errors?: Message[] }).errors;
    if (!errors) throw error;
    for (const message of errors) diagnostics.push(esbuildDiagnostic(message, DiagnosticSeverity.Error));
    return undefined;
  }
}

function esbuildDiagnostic(message: Message, severity: DiagnosticSeverity): Diagnostic {
  const location = message.location;
  let range: Range = { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  if (location) {
    // esbuild counts columns in UTF-8 bytes; LSP counts UTF-16 code units.
    const start = byteColumnToUtf16(location.lineText, location.column);
    const end = byteColumnToUtf16(location.lineText, location.column + location.length);
    range = { start: { line: location.line - 1, character: start }, end: { line: location.line - 1, character: Math.max(end, start + 1) } };
  }
  return { range, severity, source: 'esbuild', message: message.text };
}

function byteColumnToUtf16(lineText: string, bytes: number): number {
  return Buffer.from(lineText, 'utf8').subarray(0, bytes).toString('utf8').length;
}

function codePointColumnToUtf16(lineText: string, codePoints: number): number {
  let utf16 = 0;
  let seen = 0;
  for (const char of lineText) {
    if (seen >= codePoints) break;
    utf16 += char.length;
    seen++;
  }
  return utf16 + Math.max(0, codePoints - seen);
}

function lineOf(code: string, line: number): string {
  return code.split('\n')[line] ?? '';
}

function lineStarts(code: string): number[] {
  const starts = [0];
  for (let i = 0; i < code.length; i++) if (code.charCodeAt(i) === 10) starts.push(i + 1);
  return starts;
}

function mapRange(starts: number[], start: number, end: number, mapper: PositionMapper): Range | undefined {
  const at = (offset: number): { line: number; character: number } => {
    let low = 0;
    let high = starts.length - 1;
    while (low < high) {
      const mid = (low + high + 1) >> 1;
      if (starts[mid] <= offset) low = mid;
      else high = mid - 1;
    }
    return { line: low, character: offset - starts[low] };
  };
  const from = at(start);
  const mapped = mapper(from.line, from.character);
  if (!mapped) return undefined;
  // Identifiers and string literals keep their length through transpiling.
  return { start: mapped, end: { line: mapped.line, character: mapped.character + (end - start) } };
}
