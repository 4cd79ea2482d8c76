import { produce } from 'immer';
const base = { todos: [{ text: 'learn', done: false }], count: 1 }; // breakpoint
const next = produce(base, (d) => { d.todos.push({ text: 'ship', done: false }); d.todos[0].done = true; d.count++; });
console.log(JSON.stringify(next), base.todos.length, next.todos[1] !== base.todos[1], Object.isFrozen(next));
