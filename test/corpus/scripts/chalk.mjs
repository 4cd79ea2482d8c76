import chalk, { Chalk } from 'chalk';
const forced = new Chalk({ level: 1 }); // breakpoint
console.log(JSON.stringify(forced.red.bold('error')), JSON.stringify(forced.bgBlue.white('info')));
console.log(chalk.green('plain when not a terminal'));
