import clsx from 'clsx';
const active = true; // breakpoint
console.log(clsx('btn', { 'btn-active': active, disabled: false }, ['a', ['b', { c: 1 }]], null, 0, 'd'));
