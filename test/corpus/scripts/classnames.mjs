import classNames from 'classnames';
import dedupe from 'classnames/dedupe.js';
const state = { open: true, error: false }; // breakpoint
console.log(classNames('menu', { 'menu--open': state.open, 'menu--error': state.error }, ['x', 'y']));
console.log(dedupe('a b', { a: false, c: true }, 'b'));
