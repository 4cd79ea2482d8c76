import sax from 'sax';
const parser = sax.parser(true);
const seen = [];
parser.onopentag = (n) => seen.push('<' + n.name + JSON.stringify(n.attributes)); // breakpoint
parser.ontext = (t) => t.trim() && seen.push(t);
parser.write('<a x="1"><b>hi</b><c/></a>').close();
console.log(seen.join(' '));
const s = sax.createStream(true);
let n = 0;
s.on('opentag', () => n++);
s.on('end', () => console.log('stream tags', n));
s.write('<r><i/><i/></r>');
s.end();
