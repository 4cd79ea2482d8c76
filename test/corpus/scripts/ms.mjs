import ms from 'ms';
const inputs = ['2 days', '1d', '10h', '2.5 hrs', '1m', '5s', '100']; // breakpoint
console.log(inputs.map((s) => ms(s)).join(','));
console.log(ms(60000), ms(2 * 60000, { long: true }), ms(ms('10 hours')));
