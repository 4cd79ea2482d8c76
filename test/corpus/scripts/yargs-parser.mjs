// The package's browser entry: its main entry reads config files with fs.
import parser from 'yargs-parser/browser';
const argv = parser(['--port', '8080', '-v', '--tags', 'a', '--tags', 'b', '--dry-run', 'serve'], { number: ['port'], array: ['tags'] }); // breakpoint
console.log(JSON.stringify(argv));
console.log(JSON.stringify(parser('--foo.bar=1 --no-baz')));
