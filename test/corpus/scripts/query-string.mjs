import queryString from 'query-string';
const parsed = queryString.parse('?foo=bar&list=1&list=2&flag'); // breakpoint
console.log(JSON.stringify(parsed), queryString.stringify({ b: 2, a: [1, 3], c: null }));
console.log(JSON.stringify(queryString.parseUrl('https://x.org/p?q=search#frag', { parseFragmentIdentifier: true })));
