import equal from 'fast-deep-equal';
const a = { list: [1, { b: 2 }], d: new Date(0), r: /x/g }; // breakpoint
console.log(equal(a, { list: [1, { b: 2 }], d: new Date(0), r: /x/g }), equal(a, { list: [1, { b: 3 }] }), equal(NaN, NaN));
