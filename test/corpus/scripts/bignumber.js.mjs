import BigNumber from 'bignumber.js';
const price = new BigNumber('19.99'); // breakpoint
console.log(price.times(3).toFixed(2), new BigNumber('1e+50').plus(1).toFixed(), new BigNumber(255).toString(16), BigNumber.max(1, '7', 3).toString());
