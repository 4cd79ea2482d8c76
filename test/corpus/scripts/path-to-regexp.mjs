import { match, compile, pathToRegexp } from 'path-to-regexp';
const fn = match('/users/:id/books/:bookId'); // breakpoint
console.log(JSON.stringify(fn('/users/42/books/7')), fn('/nope'));
console.log(compile('/user/:name')({ name: 'ann lee' }), pathToRegexp('/a/:b').regexp.source);
