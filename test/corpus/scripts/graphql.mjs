import { graphql, buildSchema } from 'graphql';
const schema = buildSchema('type Query { hello(name: String): String, n: Int }'); // breakpoint
const r = await graphql({ schema, source: '{ hello(name: "ann") n }', rootValue: { hello: ({ name }) => 'hi ' + name, n: 7 } });
console.log(JSON.stringify(r));
const bad = await graphql({ schema, source: '{ nope }' });
console.log(bad.errors[0].message);
