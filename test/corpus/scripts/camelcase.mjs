import camelCase from 'camelcase';
const inputs = ['foo-bar', 'foo_bar_baz', 'Foo Bar', '--foo.bar', 'XMLHttpRequest']; // breakpoint
console.log(inputs.map((s) => camelCase(s)).join(' '), camelCase('foo-bar', { pascalCase: true }), camelCase('XMLHttpRequest', { preserveConsecutiveUppercase: true }));
