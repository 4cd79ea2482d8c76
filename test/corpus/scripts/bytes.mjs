import bytes from 'bytes';
const sizes = [1024, 1536000, 5e9, 0]; // breakpoint
console.log(sizes.map((n) => bytes(n)).join(' '), bytes.parse('1.5MB'), bytes(1000, { unitSeparator: ' ', decimalPlaces: 0 }));
