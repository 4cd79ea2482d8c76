import { deflate, inflate, gzip } from 'pako';
const input = new TextEncoder().encode('hello hello hello hello'); // breakpoint
const z = deflate(input);
console.log(z.length, Array.from(z.slice(0, 6)).join(','), new TextDecoder().decode(inflate(z)), gzip('x').length);
