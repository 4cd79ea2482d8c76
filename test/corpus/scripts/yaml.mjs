import YAML from 'yaml';
const doc = YAML.parseDocument('# config\nport: 8080\nhosts: [a, b]\n'); // breakpoint
doc.set('debug', true);
console.log(String(doc));
console.log(JSON.stringify(YAML.parse('- x: 1\n  y: [2, 3]\n')), YAML.stringify({ list: [1, 2], nested: { k: 'v' } }));
