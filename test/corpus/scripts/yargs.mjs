import yargs from 'yargs';
// Its Node entry makes a require with module.createRequire and reads its messages from locale files with fs.
const parser = yargs(['serve', '--port', '8080', '-v']).option('port', { type: 'number' }).exitProcess(false); // breakpoint
console.log(JSON.stringify(parser.parse()));
