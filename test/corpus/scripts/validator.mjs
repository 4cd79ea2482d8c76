import validator from 'validator';
const inputs = ['ann@example.com', 'not-an-email', 'https://example.org/x?y=1', '192.168.0.300']; // breakpoint
console.log(JSON.stringify(inputs.map((s) => [validator.isEmail(s), validator.isURL(s), validator.isIP(s)])));
console.log(validator.escape('<a href="x">'), validator.isUUID('6ba7b810-9dad-11d1-80b4-00c04fd430c8'), validator.normalizeEmail('Foo.Bar@GMAIL.com'));
