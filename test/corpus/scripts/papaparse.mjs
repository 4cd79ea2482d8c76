import Papa from 'papaparse';
const csv = 'name,age,city\nAnn,31,"New York, NY"\nBob,25,Paris\n'; // breakpoint
const r = Papa.parse(csv, { header: true, dynamicTyping: true, skipEmptyLines: true });
console.log(JSON.stringify(r.data), JSON.stringify(r.meta.fields));
console.log(Papa.unparse([{ a: 1, b: 'x,y' }, { a: 2, b: 'z' }]));
