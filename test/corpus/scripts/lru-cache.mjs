import { LRUCache } from 'lru-cache';
const cache = new LRUCache({ max: 3 }); // breakpoint
for (const k of ['a', 'b', 'c']) cache.set(k, k.toUpperCase());
cache.get('a');
cache.set('d', 'D');
console.log(JSON.stringify([...cache.keys()]), cache.has('b'), cache.size, cache.peek('a'));
