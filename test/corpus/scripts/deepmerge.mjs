import deepmerge from 'deepmerge';
const defaults = { server: { port: 80, hosts: ['a'] }, debug: false }; // breakpoint
const user = { server: { hosts: ['b'] }, debug: true };
console.log(JSON.stringify(deepmerge(defaults, user)), JSON.stringify(deepmerge.all([{ x: 1 }, { y: 2 }, { x: 3 }])));
