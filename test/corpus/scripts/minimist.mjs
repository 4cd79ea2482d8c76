import minimist from 'minimist';
const argv = minimist(['-x', '3', '--name=ann', '--no-color', 'file.txt', '-abc', '--', '--raw'], { boolean: ['color'] }); // breakpoint
console.log(JSON.stringify(argv));
