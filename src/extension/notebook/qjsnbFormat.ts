/**
 * The `.qjsnb` file format: plain JSON meant to diff well. Keys are written in one fixed order with a 2-space
 * indent, a cell is one entry of `cells`, and its source is an array of lines (no line terminators), so a one-line
 * edit is a one-line diff. Outputs are kept only when asked (`quickjs.notebook.saveOutputs`).
 *
 *   { "format": "qjsnb", "version": 1, "cells": [ { "kind": "code", "language": "javascript", "source": ["1 + 1"] } ] }
 *
 * Editor-neutral: the serializer in `serializer.ts` converts to and from VS Code's types.
 */

/** The only version written; readers accept it and refuse newer ones by name. */
export const QJSNB_VERSION = 1;

/** One item of an output: text mimes hold text, binary ones (images) hold base64 with `encoding: "base64"`. */
export interface QjsnbOutputItem {
  mime: string;
  data: string;
  encoding?: 'base64';
}

/** One output of a cell. */
export interface QjsnbOutput {
  items: QjsnbOutputItem[];
}

/** One cell. `source` joined with "\n" is the cell's text. */
export interface QjsnbCell {
  kind: 'code' | 'markdown';
  language: string;
  source: string[];
  outputs?: QjsnbOutput[];
}

/** A whole notebook. */
export interface QjsnbNotebook {
  cells: QjsnbCell[];
}

/** A file that is not a readable notebook; the message names the part that is wrong and how to fix it. */
export class QjsnbFormatError extends Error {
  override name = 'QjsnbFormatError';
}

/** The cell text as stored lines. */
export function toLines(text: string): string[] {
  return text.split('\n');
}

const isObject = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const describe = (v: unknown) => (v === null ? 'null' : Array.isArray(v) ? 'an array' : typeof v === 'string' ? `the string ${JSON.stringify(v.length > 40 ? `${v.slice(0, 40)}…` : v)}` : `a ${typeof v}`);

/** Parses a `.qjsnb` file. An empty file is an empty notebook; anything else malformed throws `QjsnbFormatError`. */
export function parseQjsnb(text: string): QjsnbNotebook {
  if (text.trim() === '') return { cells: [] };
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (e) {
    const why = e instanceof Error ? e.message : String(e);
    throw new QjsnbFormatError(`this .qjsnb file is not valid JSON (${why}); fix the JSON or open the file with the text editor`);
  }
  if (!isObject(raw)) throw new QjsnbFormatError(`a .qjsnb file must hold a JSON object with a "cells" array, but it holds ${describe(raw)}`);
  if (raw.version !== undefined && (typeof raw.version !== 'number' || raw.version > QJSNB_VERSION)) {
    throw new QjsnbFormatError(`"version" is ${JSON.stringify(raw.version)}; this extension reads version ${QJSNB_VERSION}: update the extension`);
  }
  if (!Array.isArray(raw.cells)) throw new QjsnbFormatError(`"cells" must be an array of cells, but it is ${describe(raw.cells)}`);
  const cells = raw.cells.map((c, i): QjsnbCell => {
    const at = `cells[${i}]`;
    if (!isObject(c)) throw new QjsnbFormatError(`${at} must be an object with "kind", "language" and "source", but it is ${describe(c)}`);
    const kind = c.kind ?? 'code';
    if (kind !== 'code' && kind !== 'markdown') throw new QjsnbFormatError(`${at}.kind must be "code" or "markdown", but it is ${describe(kind)}`);
    const language = c.language ?? (kind === 'markdown' ? 'markdown' : 'javascript');
    if (typeof language !== 'string' || language === '') throw new QjsnbFormatError(`${at}.language must be a language id such as "javascript", but it is ${describe(language)}`);
    let source: string[];
    // A single string is accepted too: people hand-write short cells that way.
    if (typeof c.source === 'string') source = toLines(c.source);
    else if (Array.isArray(c.source) && c.source.every((l) => typeof l === 'string')) source = c.source as string[];
    else if (c.source === undefined) source = [''];
    else {
      const bad = Array.isArray(c.source) ? c.source.findIndex((l) => typeof l !== 'string') : -1;
      throw new QjsnbFormatError(
        bad >= 0 ? `${at}.source[${bad}] must be a string (one line of the cell), but it is ${describe((c.source as unknown[])[bad])}` : `${at}.source must be an array of lines, but it is ${describe(c.source)}`,
      );
    }
    const cell: QjsnbCell = { kind, language, source };
    if (c.outputs !== undefined) cell.outputs = parseOutputs(c.outputs, `${at}.outputs`);
    return cell;
  });
  return { cells };
}

function parseOutputs(v: unknown, at: string): QjsnbOutput[] {
  if (!Array.isArray(v)) throw new QjsnbFormatError(`${at} must be an array, but it is ${describe(v)}`);
  return v.map((o, i) => {
    if (!isObject(o) || !Array.isArray(o.items)) throw new QjsnbFormatError(`${at}[${i}] must be an object with an "items" array`);
    return {
      items: o.items.map((it, j) => {
        const where = `${at}[${i}].items[${j}]`;
        if (!isObject(it) || typeof it.mime !== 'string' || typeof it.data !== 'string') {
          throw new QjsnbFormatError(`${where} must be an object with string "mime" and "data"`);
        }
        if (it.encoding !== undefined && it.encoding !== 'base64') throw new QjsnbFormatError(`${where}.encoding must be "base64" or absent`);
        return it.encoding ? { mime: it.mime, data: it.data, encoding: 'base64' as const } : { mime: it.mime, data: it.data };
      }),
    };
  });
}

/** Writes a notebook in the stable form: fixed key order, 2-space indent, trailing newline; outputs only if asked. */
export function stringifyQjsnb(nb: QjsnbNotebook, options: { saveOutputs: boolean }): string {
  const cells = nb.cells.map((c) => {
    // Built key by key: JSON.stringify keeps insertion order, and this order is the file's contract.
    const out: Record<string, unknown> = { kind: c.kind, language: c.language, source: c.source };
    if (options.saveOutputs && c.outputs && c.outputs.length > 0) {
      out.outputs = c.outputs.map((o) => ({
        items: o.items.map((it) => (it.encoding ? { mime: it.mime, data: it.data, encoding: it.encoding } : { mime: it.mime, data: it.data })),
      }));
    }
    return out;
  });
  return JSON.stringify({ format: 'qjsnb', version: QJSNB_VERSION, cells }, null, 2) + '\n';
}
