import { Map, List, fromJS } from 'immutable';
const m1 = Map({ a: 1, b: 2 }); // breakpoint
const m2 = m1.set('b', 50).update('a', (v) => v + 1);
console.log(JSON.stringify(m1), JSON.stringify(m2), m1.equals(Map({ b: 2, a: 1 })));
const deep = fromJS({ list: [1, 2, { x: 3 }] });
console.log(deep.getIn(['list', 2, 'x']), JSON.stringify(deep.updateIn(['list', 0], (v) => v * 10)), List.of(3, 1, 2).sort().toArray().join());
