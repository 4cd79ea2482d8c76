// TypeScript runs too: the engine strips the types before QuickJS sees the code.
interface Person { name: string }
const p: Person = { name: 'typed world' };
console.log(`hello, ${p.name}`);
