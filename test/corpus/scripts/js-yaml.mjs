import * as yaml from 'js-yaml';
const doc = yaml.load('name: app\nversion: 1.2\nservices:\n  - web\n  - db\nenv:\n  DEBUG: true\n'); // breakpoint
console.log(JSON.stringify(doc));
console.log(yaml.dump({ a: [1, 'two', { three: 3 }], b: null, c: 'multi\nline' }));
