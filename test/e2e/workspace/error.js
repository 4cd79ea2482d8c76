// Throws from a nested call so that the error shows a stack with file:line:col locations.
function explode() {
  throw new Error('boom');
}
explode();
