import { Command } from 'commander';
const program = new Command().name('tool').option('-p, --port <n>', 'port', '80').option('-v, --verbose').argument('<file>'); // breakpoint
program.exitOverride();
program.parse(['node', 'tool', '-v', '--port', '8080', 'x.txt']);
console.log(JSON.stringify(program.opts()), program.args.join());
console.log(program.options.map((o) => o.flags).join(' | '));
