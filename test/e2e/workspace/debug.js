// The debug tests put a breakpoint on the `return` line and expect to see `total` and `items`, and, in the caller
// main's frame, `count`.
function sum(items) {
  let total = 0;
  for (const x of items) total += x;
  return total;
}
function main(count) {
  const items = Array.from({ length: count }, (_, i) => i + 1);
  return sum(items);
}
const result = main(4);
console.log('sum is', result);
