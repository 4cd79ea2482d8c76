import slugify from 'slugify';
const titles = ['Hello World!', 'Crème Brûlée & Co', '  Many   spaces  ']; // breakpoint
console.log(titles.map((t) => slugify(t, { lower: true, strict: true })).join(' | '), slugify('a_b c', { replacement: '_' }));
