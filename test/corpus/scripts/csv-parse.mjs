import { parse } from 'csv-parse/sync';
import { parse as parseStream } from 'csv-parse';
const records = parse('a,b\n1,2\n3,"4,5"\n', { columns: true }); // breakpoint
console.log(JSON.stringify(records));
const rows = [];
parseStream('x;y\n1;2\n', { delimiter: ';' }).on('data', (r) => rows.push(r)).on('end', () => console.log('stream', JSON.stringify(rows)));
