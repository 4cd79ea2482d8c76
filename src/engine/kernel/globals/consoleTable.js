// console.table: the box-drawn table Node prints for arrays, objects, Maps and Sets.
import {
  MapCtor, ObjectKeys, ObjectHasOwn, StrRepeat, StrPadEnd, MapGet, MapSet, MapEntries, MapIterNext, SetValues,
  SetIterNext,
} from '../shared/intrinsics.js';
import { list, push, join, safeString, isMap, isSet, isArray } from '../shared/safe.js';
import { inspectWith } from '../values/inspect.js';

/** The arguments (or any array-like) as a null-prototype list, safe to index and push to. */
export function argsList(args) {
  const out = list();
  for (let i = 0; i < args.length; i++) push(out, args[i]);
  return out;
}

function renderTable(head, columns) {
  const widths = list();
  let rows = 0;
  for (let i = 0; i < head.length; i++) {
    let w = head[i].length;
    const col = columns[i];
    for (let j = 0; j < col.length; j++) {
      const cell = col[j] === undefined ? '' : col[j];
      if (cell.length > w) w = cell.length;
    }
    if (col.length > rows) rows = col.length;
    push(widths, w);
  }
  const line = (l, m, r) => {
    const parts = list();
    for (let i = 0; i < widths.length; i++) push(parts, StrRepeat('─', widths[i] + 2));
    return l + join(parts, m) + r;
  };
  const row = (cells) => {
    const parts = list();
    for (let i = 0; i < widths.length; i++) push(parts, ` ${StrPadEnd(cells(i), widths[i], ' ')} `);
    return `│${join(parts, '│')}│`;
  };
  const out = list();
  push(out, line('┌', '┬', '┐'));
  push(out, row((i) => head[i]));
  push(out, line('├', '┼', '┤'));
  for (let r = 0; r < rows; r++) push(out, row((i) => (columns[i][r] === undefined ? '' : columns[i][r])));
  push(out, line('└', '┴', '┘'));
  return join(out, '\n');
}
function tableCell(v) {
  let depth = 0;
  if (v !== null && typeof v === 'object' && !isArray(v)) {
    try {
      if (ObjectKeys(v).length > 2) depth = -1;
    } catch {
      depth = -1;
    }
  }
  return inspectWith(v, { __proto__: null, depth, maxArrayLength: 3, breakLength: Infinity });
}
export function tableText(data, properties) {
  const props = isArray(properties) ? argsList(properties) : undefined;
  if (isMap(data) || isSet(data)) {
    const map = isMap(data);
    const index = list();
    const keyCol = list();
    const valCol = list();
    const it = map ? MapEntries(data) : SetValues(data);
    for (let i = 0; ; i++) {
      const r = map ? MapIterNext(it) : SetIterNext(it);
      if (r.done) break;
      push(index, `${i}`);
      if (map) {
        push(keyCol, tableCell(r.value[0]));
        push(valCol, tableCell(r.value[1]));
      } else {
        push(valCol, tableCell(r.value));
      }
    }
    const head = list();
    const cols = list();
    push(head, '(iteration index)');
    push(cols, index);
    if (map) {
      push(head, 'Key');
      push(cols, keyCol);
    }
    push(head, 'Values');
    push(cols, valCol);
    return renderTable(head, cols);
  }
  const columnNames = list();
  const columns = new MapCtor();
  const valuesCol = list();
  let hasPrimitives = false;
  const indexCol = list();
  const rowKeys = ObjectKeys(data);
  for (let i = 0; i < rowKeys.length; i++) {
    push(indexCol, rowKeys[i]);
    const item = data[rowKeys[i]];
    const primitive = item === null || (typeof item !== 'object' && typeof item !== 'function');
    if (props === undefined && primitive) {
      hasPrimitives = true;
      valuesCol[i] = tableCell(item);
      continue;
    }
    const keys = props !== undefined ? props : primitive ? list() : ObjectKeys(item);
    for (let k = 0; k < keys.length; k++) {
      const key = safeString(keys[k]);
      let col = MapGet(columns, key);
      if (col === undefined) {
        col = list();
        MapSet(columns, key, col);
        push(columnNames, key);
      }
      col[i] = primitive || !ObjectHasOwn(item, key) ? '' : tableCell(item[key]);
    }
  }
  const head = list();
  const cols = list();
  push(head, '(index)');
  push(cols, indexCol);
  for (let i = 0; i < columnNames.length; i++) {
    push(head, columnNames[i]);
    push(cols, MapGet(columns, columnNames[i]));
  }
  if (hasPrimitives) {
    push(head, 'Values');
    push(cols, valuesCol);
  }
  return renderTable(head, cols);
}
