import _ from 'lodash';
import debounce from 'lodash/debounce.js';
const orders = [{ user: 'ann', total: 30 }, { user: 'bob', total: 12 }, { user: 'ann', total: 5 }];
const byUser = _.groupBy(orders, 'user'); // breakpoint
console.log(JSON.stringify(_.mapValues(byUser, (o) => _.sumBy(o, 'total'))));
console.log(_.camelCase('Hello big world'), _.kebabCase('fooBar'), JSON.stringify(_.chunk(_.range(7), 3)), typeof debounce);
console.log(JSON.stringify(_.merge({ a: { b: 1 } }, { a: { c: 2 } })), _.template('hi <%= name %>')({ name: 'x' }));
