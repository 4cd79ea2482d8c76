/**
 * VS Code's side of the `.qjsnb` format (see `qjsnbFormat.ts`): converts files to notebook data and back.
 * A malformed file is refused with an error that names what is wrong, and nothing is overwritten.
 */
import * as vscode from 'vscode';
import { readSetting } from '../settings';
import { detachValuePayload, isBinaryMime, VALUE_MIME } from './outputs';
import { parseQjsnb, stringifyQjsnb, toLines, type QjsnbCell, type QjsnbOutput } from './qjsnbFormat';

/** The notebook type in package.json (`contributes.notebooks`). */
export const NOTEBOOK_TYPE = 'quickjs-notebook';

/** Whether outputs are written to `.qjsnb` files (`quickjs.notebook.saveOutputs`, default false). */
export function saveOutputsSetting(): boolean {
  return readSetting('notebook.saveOutputs');
}

const decoder = new TextDecoder();

/** Reads and writes `.qjsnb` files. */
export class QjsnbSerializer implements vscode.NotebookSerializer {
  constructor(private readonly saveOutputs: () => boolean = saveOutputsSetting) {}

  deserializeNotebook(content: Uint8Array): vscode.NotebookData {
    // parseQjsnb throws a QjsnbFormatError naming the problem; VS Code shows it in place of the notebook.
    const nb = parseQjsnb(decoder.decode(content));
    const cells = nb.cells.map((c) => {
      const kind = c.kind === 'markdown' ? vscode.NotebookCellKind.Markup : vscode.NotebookCellKind.Code;
      const data = new vscode.NotebookCellData(kind, c.source.join('\n'), c.language);
      if (c.outputs) {
        data.outputs = c.outputs.map(
          (o) => new vscode.NotebookCellOutput(o.items.map((it) => new vscode.NotebookCellOutputItem(it.encoding === 'base64' ? Uint8Array.from(Buffer.from(it.data, 'base64')) : new TextEncoder().encode(it.data), it.mime))),
        );
      }
      return data;
    });
    return new vscode.NotebookData(cells);
  }

  serializeNotebook(data: vscode.NotebookData): Uint8Array {
    const saveOutputs = this.saveOutputs();
    const cells = data.cells.map((c): QjsnbCell => {
      const cell: QjsnbCell = { kind: c.kind === vscode.NotebookCellKind.Markup ? 'markdown' : 'code', language: c.languageId, source: toLines(c.value) };
      if (saveOutputs && c.outputs?.length) cell.outputs = c.outputs.map(toStoredOutput).filter((o) => o.items.length > 0);
      return cell;
    });
    return new TextEncoder().encode(stringifyQjsnb({ cells }, { saveOutputs }));
  }
}

function toStoredOutput(o: vscode.NotebookCellOutput): QjsnbOutput {
  const items: QjsnbOutput['items'] = [];
  for (const it of o.items) {
    if (isBinaryMime(it.mime)) items.push({ mime: it.mime, data: Buffer.from(it.data).toString('base64'), encoding: 'base64' });
    else if (it.mime !== VALUE_MIME) items.push({ mime: it.mime, data: decoder.decode(it.data) });
    else {
      // The tree's ids point into a sandbox that will not exist when the file is opened again: kept as text and table.
      const detached = detachValuePayload(it.data);
      if (detached) items.push({ mime: it.mime, data: decoder.decode(detached) });
    }
  }
  return { items };
}
