// Server-side rendering with React: components, props, lists with keys, conditional parts, escaping, a context.
import React from 'react';
import { renderToString, renderToStaticMarkup } from 'react-dom/server';

const h = React.createElement;
const Theme = React.createContext('light');
function Item({ label, done }) {
  const theme = React.useContext(Theme);
  return h('li', { className: `${theme} ${done ? 'done' : 'open'}` }, label, done ? null : h('em', null, ' (todo)'));
}
function List({ title, items }) {
  const count = items.filter((i) => i.done).length; // breakpoint
  return h('section', null, h('h1', null, title), h('ul', null, items.map((i) => h(Item, { key: i.id, ...i }))), h('p', null, `${count} of ${items.length} done`));
}
const items = [{ id: 1, label: 'write <tests>', done: true }, { id: 2, label: 'ship & "celebrate"', done: false }];
console.log(renderToString(h(List, { title: 'Todo', items })));
console.log(renderToStaticMarkup(h(Theme.Provider, { value: 'dark' }, h(List, { title: 'Dark', items }))));
