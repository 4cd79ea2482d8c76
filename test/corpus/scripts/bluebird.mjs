import Promise from 'bluebird';
const doubled = await Promise.map([1, 2, 3], (x) => Promise.delay(1).then(() => x * 2), { concurrency: 2 }); // breakpoint
console.log(doubled.join(), await Promise.props({ a: 1, b: Promise.resolve(2) }).then(JSON.stringify));
