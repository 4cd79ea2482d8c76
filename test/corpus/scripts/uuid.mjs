import { v5, v4, validate, version, parse, stringify } from 'uuid';
const NS = '6ba7b810-9dad-11d1-80b4-00c04fd430c8'; // breakpoint
const id = v5('example.com', NS);
console.log(id, validate(id), version(id), stringify(parse(id)) === id);
console.log(validate(v4()), version(v4()));
