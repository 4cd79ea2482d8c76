// Debugged through Emacs dap-mode by emacs.test.mjs. The driver and the test find lines by their `@` markers, so an
// edit must keep each marker on its statement.
function square(n) {
  const result = n * n; // @square
  return result;
}

function check(value) {
  try {
    if (value > 10) throw new RangeError(`too big: ${value}`); // @throw
  } catch (error) {
    return error.message;
  }
  return 'ok';
}

function divide(a, b) {
  if (b === 0) throw new Error(`cannot divide ${a} by zero`); // @uncaught
  return a / b;
}

const base = 4; // @break
const total = square(base); // @next
console.log(`total=${total}`);
const verdict = check(total);
console.log(`verdict=${verdict}`);
divide(total, base - 4);
console.log('unreachable');
