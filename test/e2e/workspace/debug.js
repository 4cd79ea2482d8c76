// The debug tests put a breakpoint on the `return` line and expect to see `total` and `items`.
function sum(items) {
  let total = 0;
  for (const x of items) total += x;
  return total;
}
const result = sum([1, 2, 3, 4]);
console.log('sum is', result);
