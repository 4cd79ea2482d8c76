import * as R from 'ramda';
const people = [{ name: 'ann', age: 31 }, { name: 'bob', age: 25 }, { name: 'cy', age: 40 }]; // breakpoint
const names = R.pipe(R.filter(R.propSatisfies(R.gt(R.__, 30), 'age')), R.map(R.prop('name')), R.map(R.toUpper));
console.log(JSON.stringify(names(people)), JSON.stringify(R.sortBy(R.prop('age'), people).map(R.prop('name'))), R.sum(R.pluck('age', people)));
