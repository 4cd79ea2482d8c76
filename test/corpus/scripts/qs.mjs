import qs from 'qs';
const parsed = qs.parse('a[b][c]=d&list[]=1&list[]=2&flag'); // breakpoint
console.log(JSON.stringify(parsed));
console.log(qs.stringify({ a: { b: [1, 2] }, c: 'x y' }), qs.stringify({ a: [1, 2] }, { arrayFormat: 'brackets', encode: false }));
