import Big from 'big.js';
const a = new Big('0.1'); // breakpoint
console.log(a.plus('0.2').toString(), new Big('123.456').round(1).toFixed(2), new Big(2).pow(100).toString(), new Big('1').div(3).toPrecision(10));
