/**
 * How an uncaught error is described to the user: its name and message, its stack mapped to original sources, and,
 * for a syntax error found while compiling, the source line with a caret under the column, as Node prints it.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { ErrorInfo, StackFrame } from '../api';
import { ModuleLoadError } from './modules';
import { formatFrames, type SourceMaps } from './stacks';

/** What the globals kernel reads off a thrown value (`thrown`: how a non-error value prints). */
export interface RawErrorInfo {
  name?: string;
  message?: string;
  stack?: string;
  thrown?: string;
}

/**
 * A compile-time syntax error as Node prints one: `file:line:column`, the source line and a caret under the column
 * (when the file is on disk), a blank line, then the message.
 */
function compileErrorText(at: StackFrame, head: string): string {
  const where = `${at.file}:${at.line}:${at.column}`;
  let excerpt = '';
  try {
    if (path.isAbsolute(at.file) && fs.statSync(at.file).size < 16 << 20) {
      const line = fs.readFileSync(at.file, 'utf8').split(/\r?\n/)[at.line - 1];
      if (line !== undefined && line.length <= 500) {
        // The caret lines up under the column even where the line indents with tabs.
        const pad = line.slice(0, Math.max(0, at.column - 1)).replace(/[^\t]/g, ' ');
        excerpt = `\n${line}\n${pad}^\n`;
      }
    }
  } catch {
    // Not a readable file (a notebook cell, source given as text): the location alone says where.
  }
  return `${where}${excerpt}\n${head}`;
}

/**
 * Describes a thrown value from what the kernel read off it (undefined when it could not be inspected), mapping its
 * stack through `maps`; `explain` rewords QuickJS's module link errors.
 */
export function describeError(raw: RawErrorInfo | undefined, maps: SourceMaps, explain: (message: string, name: string, frames: StackFrame[]) => string): ErrorInfo {
  const info = raw ?? { name: 'Error', message: 'the error could not be inspected' };
  const frames = maps.frames(info.stack ?? '');
  const name = info.name ?? 'Error';
  const message = explain(info.message ?? '', name, frames);
  const head = info.thrown !== undefined ? `Uncaught ${info.thrown}` : message ? `${name}: ${message}` : name;
  // QuickJS gives a syntax error found while compiling one nameless location and no frame (nothing ran yet).
  const rawFrames = (info.stack ?? '').split('\n').filter((l) => /^\s+at /.test(l));
  if (name === 'SyntaxError' && frames.length === 1 && rawFrames.length === 1 && /^\s+at [^(]*:\d+:\d+\s*$/.test(rawFrames[0]!)) {
    return { name, message, stack: compileErrorText(frames[0]!, head), frames, compile: true };
  }
  return { name, message, stack: frames.length ? `${head}\n${formatFrames(frames)}` : head, frames, thrown: info.thrown };
}

/** An error of the host's preparing a run (a module that cannot be found or bundled), as the script's error. */
export function hostErrorInfo(e: Error): ErrorInfo {
  const name = e instanceof ModuleLoadError ? 'ModuleLoadError' : e.name || 'Error';
  return { name, message: e.message, stack: `${name}: ${e.message}`, frames: [] };
}
