// Loop- and array-heavy: a prime sieve, run a few times.
function sieve(n) {
  const composite = new Uint8Array(n + 1);
  let count = 0;
  for (let i = 2; i <= n; i++) {
    if (composite[i]) continue;
    count++;
    for (let j = i * i; j <= n; j += i) composite[j] = 1;
  }
  return count;
}
let total = 0;
for (let k = 0; k < 6; k++) total += sieve(1_000_000);
total;
