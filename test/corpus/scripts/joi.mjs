import Joi from 'joi';
const schema = Joi.object({ name: Joi.string().min(3).required(), age: Joi.number().integer(), email: Joi.string().email({ tlds: false }) }); // breakpoint
const { error, value } = schema.validate({ name: 'al', age: 1.5, email: 'x' }, { abortEarly: false });
console.log(JSON.stringify(error.details.map((d) => [d.path.join('.'), d.type])));
console.log(JSON.stringify(schema.validate({ name: 'ann', age: 30 }).value), value.name);
