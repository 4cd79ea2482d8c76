import Ajv from 'ajv';
const ajv = new Ajv({ allErrors: true });
const schema = { type: 'object', properties: { name: { type: 'string', minLength: 2 }, age: { type: 'integer', minimum: 0 } }, required: ['name'], additionalProperties: false }; // breakpoint
const validate = ajv.compile(schema);
console.log(validate({ name: 'Ann', age: 30 }), validate({ name: 'A', age: -1, extra: 1 }));
console.log(JSON.stringify(validate.errors.map((e) => [e.instancePath, e.keyword, e.message])));
