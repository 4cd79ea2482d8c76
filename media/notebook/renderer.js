// Notebook renderer for QuickJS values (mime application/vnd.quickjs.value+json): an expandable object tree, and
// for arrays of records a table paged and sorted here (its rows come with the output, so this works in saved files
// too). The value stays inside the sandbox; expanding a node asks the extension for its children through renderer
// messaging, a page at a time. Plain ES module: VS Code loads it as is in the notebook's webview.

const PAGE = 100;
/** Rows on one page of a record table: enough to read, few enough that a page draws in a frame. */
const TABLE_PAGE = 100;
const STYLE = `
.qjs-tree { font-family: var(--vscode-editor-font-family, monospace); font-size: var(--vscode-editor-font-size, 13px); line-height: 1.5; }
.qjs-tree details > summary { cursor: pointer; list-style: none; }
.qjs-tree details > summary::before { content: '▸'; display: inline-block; width: 1em; color: var(--vscode-foreground); opacity: .7; }
.qjs-tree details[open] > summary::before { content: '▾'; }
.qjs-tree .qjs-children { padding-left: 1.2em; }
.qjs-tree .qjs-leaf { padding-left: 1em; }
.qjs-tree .qjs-name { color: var(--vscode-debugTokenExpression-name, #9cdcfe); }
.qjs-tree .qjs-internal { opacity: .7; }
.qjs-tree .qjs-string { color: var(--vscode-debugTokenExpression-string, #ce9178); }
.qjs-tree .qjs-number, .qjs-tree .qjs-bigint { color: var(--vscode-debugTokenExpression-number, #b5cea8); }
.qjs-tree .qjs-boolean { color: var(--vscode-debugTokenExpression-boolean, #4e94ce); }
.qjs-tree .qjs-note { opacity: .7; font-style: italic; }
.qjs-tree .qjs-table th, .qjs-tree .qjs-table td { border: 1px solid var(--vscode-editorWidget-border, #8884); padding: 1px 8px; text-align: left; }
.qjs-tree .qjs-table { margin-bottom: 4px; }
.qjs-tree button { font: inherit; background: none; border: none; color: var(--vscode-textLink-foreground); cursor: pointer; padding: 0; }
.qjs-tree .qjs-table th button { color: inherit; font-weight: bold; }
.qjs-tree .qjs-table th[aria-sort="ascending"] button::after { content: ' ▲'; font-size: 80%; }
.qjs-tree .qjs-table th[aria-sort="descending"] button::after { content: ' ▼'; font-size: 80%; }
.qjs-tree .qjs-pager { display: flex; gap: 10px; align-items: center; margin: 2px 0 6px; }
.qjs-tree .qjs-pager button:disabled { opacity: .4; cursor: default; }
.qjs-tree .qjs-detached { white-space: pre-wrap; }
`;

/**
 * How a preview sorts: numbers (and bigints) by value, strings by their text without quotes, empty cells last.
 * Previews are what the tree shows (`42`, `'text'`, `[ 1, 2 ]`), so sorting needs no second copy of the data.
 */
function sortKey(preview) {
  if (preview === '') return { kind: 2, value: '' };
  const numeric = /^-?(\d|Infinity)/.test(preview) ? Number(preview.endsWith('n') ? preview.slice(0, -1) : preview) : NaN;
  if (!Number.isNaN(numeric)) return { kind: 0, value: numeric };
  const quoted = /^(['"`])([\s\S]*)\1$/.exec(preview);
  return { kind: 1, value: quoted ? quoted[2] : preview };
}
const collator = new Intl.Collator(undefined, { numeric: true, sensitivity: 'base' });
function compareKeys(a, b) {
  if (a.kind !== b.kind) return a.kind - b.kind;
  return a.kind === 0 ? a.value - b.value : collator.compare(a.value, b.value);
}

/**
 * The order of `rows` sorted by `column` (-1: the index) in direction `dir` (1 ascending, -1 descending, 0 the
 * array's own order). Ties keep the array's order (the sort is stable); empty cells stay last either way.
 */
export function sortedOrder(rows, column, dir) {
  const order = rows.map((_, i) => i);
  if (dir === 0) return order;
  if (column < 0) return dir === 1 ? order : order.reverse();
  const keys = rows.map((r) => sortKey(r[column]));
  return order.sort((a, b) => (keys[a].kind === 2 || keys[b].kind === 2 ? keys[a].kind - keys[b].kind : dir * compareKeys(keys[a], keys[b])));
}

/** A record table (columns and rows of previews) with a pager and headers that sort on click. */
function recordTable(data) {
  const { columns, rows, total } = data;
  const wrap = document.createElement('div');
  wrap.className = 'qjs-table';
  const table = document.createElement('table');
  table.className = 'quickjs-records';
  table.style.borderCollapse = 'collapse';
  const head = document.createElement('tr');
  const tbody = document.createElement('tbody');
  const thead = document.createElement('thead');
  thead.append(head);
  table.append(thead, tbody);
  const pager = document.createElement('div');
  pager.className = 'qjs-pager';
  const button = (text, title, onClick) => {
    const b = document.createElement('button');
    b.textContent = text;
    b.title = title;
    b.addEventListener('click', onClick);
    return b;
  };
  const status = document.createElement('span');
  status.className = 'qjs-pager-status';
  const pages = Math.max(1, Math.ceil(rows.length / TABLE_PAGE));
  let page = 0;
  let order = sortedOrder(rows, -1, 0);
  /** Sort state, as `sortedOrder` takes it. */
  let sort = { column: -1, dir: 0 };
  const fmt = (n) => n.toLocaleString();
  const first = button('First', 'First page', () => show(0));
  const prev = button('Previous', 'Previous page', () => show(page - 1));
  const next = button('Next', 'Next page', () => show(page + 1));
  const last = button('Last', 'Last page', () => show(pages - 1));
  pager.append(first, prev, status, next, last);

  function show(p) {
    page = Math.max(0, Math.min(pages - 1, p));
    const from = page * TABLE_PAGE;
    const to = Math.min(rows.length, from + TABLE_PAGE);
    const frag = document.createDocumentFragment();
    for (let k = from; k < to; k++) {
      const i = order[k];
      const tr = document.createElement('tr');
      const index = document.createElement('td');
      index.textContent = String(i);
      tr.append(index);
      for (const cell of rows[i]) {
        const td = document.createElement('td');
        td.textContent = cell;
        tr.append(td);
      }
      frag.append(tr);
    }
    tbody.replaceChildren(frag);
    const left = total > rows.length ? ` (the first ${fmt(rows.length)} of ${fmt(total)} elements)` : '';
    status.textContent = `${fmt(from + 1)}–${fmt(to)} of ${fmt(rows.length)}${left}`;
    first.disabled = prev.disabled = page === 0;
    next.disabled = last.disabled = page === pages - 1;
  }

  const headers = ['(index)', ...columns].map((name, c) => {
    const th = document.createElement('th');
    th.setAttribute('aria-sort', 'none');
    th.append(button(name, `Sort by ${name}`, () => sortBy(c - 1, th)));
    head.append(th);
    return th;
  });
  function sortBy(column, th) {
    const dir = sort.column === column ? (sort.dir === 1 ? -1 : sort.dir === -1 ? 0 : 1) : 1;
    sort = { column, dir };
    for (const h of headers) h.setAttribute('aria-sort', 'none');
    if (dir !== 0) th.setAttribute('aria-sort', dir === 1 ? 'ascending' : 'descending');
    order = sortedOrder(rows, column, dir);
    show(0);
  }

  show(0);
  // Above the table, where it is seen without scrolling past a page of rows.
  if (rows.length > TABLE_PAGE || total > rows.length) wrap.append(pager);
  wrap.append(table);
  return wrap;
}

/** Called by VS Code once per webview. */
export function activate(context) {
  let nextRequest = 1;
  const pending = new Map();
  context.onDidReceiveMessage?.((m) => {
    const p = m && pending.get(m.requestId);
    if (!p) return;
    pending.delete(m.requestId);
    m.error ? p.reject(new Error(m.error)) : p.resolve(m.properties || []);
  });
  const canExpand = typeof context.postMessage === 'function';

  function request(payload, id, start) {
    const requestId = nextRequest++;
    return new Promise((resolve, reject) => {
      pending.set(requestId, { resolve, reject });
      context.postMessage({ type: 'children', requestId, notebook: payload.notebook, generation: payload.generation, id, start, count: PAGE });
      // An answer can never come if the extension went away; say so instead of spinning forever.
      setTimeout(() => {
        if (pending.delete(requestId)) reject(new Error('no answer from the QuickJS extension'));
      }, 15000);
    });
  }

  function label(name, value) {
    const frag = document.createDocumentFragment();
    if (name !== undefined) {
      const n = document.createElement('span');
      n.className = name.startsWith('[[') ? 'qjs-name qjs-internal' : 'qjs-name';
      n.textContent = name;
      frag.append(n, ': ');
    }
    const v = document.createElement('span');
    v.className = `qjs-${value.type}`;
    v.textContent = value.preview;
    frag.append(v);
    return frag;
  }

  function note(text) {
    const d = document.createElement('div');
    d.className = 'qjs-note';
    d.textContent = text;
    return d;
  }

  function node(payload, name, value) {
    if (!value.id || !canExpand) {
      const leaf = document.createElement('div');
      leaf.className = 'qjs-leaf';
      leaf.append(label(name, value));
      return leaf;
    }
    const details = document.createElement('details');
    const summary = document.createElement('summary');
    summary.append(label(name, value));
    const children = document.createElement('div');
    children.className = 'qjs-children';
    details.append(summary, children);
    let loaded = false;
    const loadPage = async (start) => {
      const props = await request(payload, value.id, start);
      const indexed = props.filter((p) => /^\d+$/.test(p.name));
      for (const p of props) children.append(node(payload, p.name, p.value));
      const shown = start + indexed.length;
      if (value.indexedCount && shown < value.indexedCount && indexed.length > 0) {
        const more = document.createElement('button');
        more.textContent = `… ${value.indexedCount - shown} more`;
        more.addEventListener('click', () => {
          more.remove();
          loadPage(shown).catch((e) => children.append(note(e.message)));
        });
        children.append(more);
      }
    };
    details.addEventListener('toggle', () => {
      if (!details.open || loaded) return;
      loaded = true;
      loadPage(0).catch((e) => {
        loaded = false;
        children.replaceChildren(note(e.message));
      });
    });
    return details;
  }

  return {
    renderOutputItem(item, element) {
      const payload = item.json();
      const root = document.createElement('div');
      root.className = 'qjs-tree';
      const style = document.createElement('style');
      style.textContent = STYLE;
      // The full inspect text reads better than the shallow preview when it fits on one line.
      const oneLine = payload.text.length <= 200 && !payload.text.includes('\n');
      root.append(style);
      if (payload.table) {
        root.append(recordTable(payload.table));
      } else if (payload.tableHtml) {
        // Built and escaped by the extension (outputs.ts recordTableHtml) from previews, never from raw user HTML.
        const wrap = document.createElement('div');
        wrap.className = 'qjs-table';
        wrap.innerHTML = payload.tableHtml;
        root.append(wrap);
      }
      if (payload.detached) {
        // Saved with the notebook: the sandbox that held the value is gone, so its full text is all there is.
        const text = document.createElement('div');
        text.className = 'qjs-leaf qjs-detached';
        text.append(label(undefined, { ...payload.value, preview: payload.text }));
        root.append(text);
      } else {
        root.append(node(payload, undefined, { ...payload.value, preview: oneLine || !payload.value.id ? payload.text : payload.value.preview }));
      }
      element.replaceChildren(root);
    },
  };
}
