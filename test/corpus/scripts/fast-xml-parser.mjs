import { XMLParser, XMLBuilder } from 'fast-xml-parser';
const xml = '<catalog><book id="1"><title>Dune</title><price>9.99</price></book><book id="2"><title>Emma</title></book></catalog>'; // breakpoint
const parser = new XMLParser({ ignoreAttributes: false });
const obj = parser.parse(xml);
console.log(JSON.stringify(obj));
console.log(new XMLBuilder({ ignoreAttributes: false, format: true }).build(obj));
