// Notebook renderer for QuickJS values (mime application/vnd.quickjs.value+json): an expandable object tree.
// The value stays inside the sandbox; expanding a node asks the extension for its children through renderer
// messaging, a page at a time. Plain ES module: VS Code loads it as is in the notebook's webview.

const PAGE = 100;
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
`;

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
      if (payload.tableHtml) {
        // Built and escaped by the extension (outputs.ts recordTableHtml) from previews, never from raw user HTML.
        const wrap = document.createElement('div');
        wrap.className = 'qjs-table';
        wrap.innerHTML = payload.tableHtml;
        root.append(wrap);
      }
      root.append(node(payload, undefined, { ...payload.value, preview: oneLine || !payload.value.id ? payload.text : payload.value.preview }));
      element.replaceChildren(root);
    },
  };
}
