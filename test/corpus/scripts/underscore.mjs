import _ from 'underscore';
const words = ['apple', 'banana', 'avocado', 'cherry', 'blueberry']; // breakpoint
console.log(JSON.stringify(_.groupBy(words, (w) => w[0])), JSON.stringify(_.countBy(words, 'length')));
console.log(_.template('<%= n %> items')({ n: words.length }), JSON.stringify(_.zip([1, 2], ['a', 'b'])));
