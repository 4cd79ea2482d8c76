import xml2js from 'xml2js';
const xml = '<root><item id="1">a</item><item id="2">b</item></root>'; // breakpoint
const r = await xml2js.parseStringPromise(xml);
console.log(JSON.stringify(r));
console.log(new xml2js.Builder().buildObject({ root: { $: { v: '1' }, k: ['x', 'y'] } }));
