import through2 from 'through2';
import { Readable } from 'stream';
const upper = through2(function (chunk, enc, cb) { cb(null, chunk.toString().toUpperCase()); }); // breakpoint
let out = '';
upper.on('data', (c) => { out += c; });
upper.on('end', () => console.log('through2:', out));
Readable.from(['ab', 'cd', 'ef']).pipe(upper);
