import iconv from 'iconv-lite';
const buf = iconv.encode('Grüße €', 'win1252'); // breakpoint
console.log(Array.from(buf).join(','), iconv.decode(buf, 'win1252'), iconv.encodingExists('latin1'));
console.log(iconv.decode(iconv.encode('кириллица', 'koi8-r'), 'koi8-r'));
