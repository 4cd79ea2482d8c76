import JSON5 from 'json5';
const config = JSON5.parse("{ // comment\n name: 'app', port: 0x1F90, list: [1, 2,], nan: NaN, }"); // breakpoint
console.log(JSON.stringify(config), Number.isNaN(config.nan));
console.log(JSON5.stringify({ a: 1, 'b-c': [true, null], s: "it's" }, null, 2));
