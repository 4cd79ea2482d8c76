import stripAnsi from 'strip-ansi';
const colored = '\u001B[4mUnicorn\u001B[0m and \u001B[31mred\u001B[39m'; // breakpoint
console.log(stripAnsi(colored), stripAnsi(colored).length);
