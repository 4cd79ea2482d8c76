// Prints a greeting and computes a value: the e2e tests look for both in the output channel.
const who = 'sandbox';
console.log(`hello from the ${who}`);
console.warn('careful now');
const answer = 6 * 7;
answer;
