import picomatch from 'picomatch';
const isMatch = picomatch(['src/**/*.js', '!**/*.test.js']); // breakpoint
console.log(['src/a.js', 'src/x/b.js', 'src/a.test.js', 'lib/c.js'].map((f) => isMatch(f)).join(','), picomatch.scan('src/**/*.js').base);
