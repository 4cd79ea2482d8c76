// A CPU-bound demo: sieve the primes below two million, then look at how they are spread out.
// Try it with a tight limit to watch the sandbox stop it:  quickjs-sandbox run examples/primes.js --timeout 50ms

const LIMIT = 2_000_000;
// QuickJS has no Intl, so toLocaleString() adds no separators: group the digits by hand.
const withCommas = (n) => String(n).replace(/\B(?=(\d{3})+$)/g, ',');
const started = performance.now();

const composite = new Uint8Array(LIMIT);
for (let i = 2; i * i < LIMIT; i++) {
  if (composite[i]) continue;
  for (let j = i * i; j < LIMIT; j += i) composite[j] = 1;
}

let count = 0;
let twins = 0;
let previous = 2;
let widest = { gap: 0, after: 2 };
const lastDigits = new Map();
for (let n = 2; n < LIMIT; n++) {
  if (composite[n]) continue;
  count++;
  const gap = n - previous;
  if (gap === 2) twins++;
  if (gap > widest.gap) widest = { gap, after: previous };
  if (n > 5) lastDigits.set(n % 10, (lastDigits.get(n % 10) ?? 0) + 1);
  previous = n;
}

console.log(`${withCommas(count)} primes below ${withCommas(LIMIT)} (largest ${previous})`);
console.log(`${twins} twin prime pairs; widest gap is ${widest.gap}, after ${widest.after}`);
// Chebyshev's bias: primes ending in 3 and 7 slightly outnumber those ending in 1 and 9.
console.log('last digits:', Object.fromEntries([...lastDigits].sort((a, b) => a[0] - b[0])));
console.log(`sieved in ${(performance.now() - started).toFixed(0)} ms inside QuickJS`);
