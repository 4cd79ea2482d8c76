import async from 'async';
const items = [1, 2, 3]; // breakpoint
async.mapLimit(items, 2, (x, cb) => setTimeout(() => cb(null, x * 3), 1), (err, r) => {
  console.log(err, r.join());
  async.series([(cb) => cb(null, 'a'), (cb) => setTimeout(() => cb(null, 'b'), 5)], (e, s) => console.log(s.join()));
});
